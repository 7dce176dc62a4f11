import type { FieldMetadata } from "@conform-to/react";
import { useEffect, useState } from "react";
import type { ReactNode } from "react";
import { PROPOSAL_PARTS } from "../../../workflows/proposal-content";
import { SUPPORT_KINDS, THEMES } from "../../../workflows/vocabulary";
import { ChoiceField, TextAreaField, TextField } from "../fields";
import { ROUND_MODE_LABELS } from "../round";

// The fields of a round, as adding a round and editing it both ask them. On the edit page a
// field that may no longer change is shown with its value and why, instead of an input; a
// limit that cannot go below what a submitted proposal holds says so in its hint.

type Meta<T> = FieldMetadata<T, Record<string, unknown>, string[]>;
type Words = { summary: number; problem: number; objectives: number; activities: number; expectedResults: number };
type Limits = { maxBudgetEur: number; maxDurationMonths: number; maxPartners: number; words: Words };

/** The conform fields both forms hold; `code`, `mode` and the times are absent where fixed. */
export type RoundFormFields = {
  code: Meta<string | undefined>;
  title: Meta<string>;
  description: Meta<string | undefined>;
  guidance: Meta<string | undefined>;
  mode: Meta<string>;
  opensAt: Meta<string | undefined>;
  closesAt: Meta<string | undefined>;
  minimumReviews: Meta<number>;
  reviewDays: Meta<number>;
  limits: Meta<Limits>;
  themes: Meta<string[]>;
  supportKinds: Meta<string[]>;
};

/** On the edit page: why a field is fixed, or what bounds a value; by field name ("limits.maxBudgetEur"). */
export type RoundFormNotes = {
  fixed?: { code?: string | null; opensAt?: string | null; closesAt?: string | null; review?: string | null };
  /** The stored values shown for fixed fields. */
  current?: { code: string; opens: string; closes: string | null; mode: "deadline" | "rolling"; minimumReviews?: number; reviewDays?: number };
  bounds?: Record<string, string>;
};

type WordLimitedPart = keyof Words;
const WORD_LIMITED_PARTS: WordLimitedPart[] = ["summary", "problem", "objectives", "activities", "expectedResults"];
const partLabel = (part: WordLimitedPart) => PROPOSAL_PARTS.find((p) => p.key === part)?.label ?? part;

function FixedField({ label, value, why }: { label: string; value: ReactNode; why: string }) {
  return (
    <div className="field">
      <strong>{label}</strong>
      <p>{value}</p>
      <span className="hint">{why}</span>
    </div>
  );
}

/** A hint, followed by what bounds the value on the edit page. */
function withBound(hint: string | undefined, bound: string | undefined) {
  if (!bound) return hint;
  return hint ? `${hint} ${bound}` : bound;
}

export function RoundFields({ fields, notes = {}, children }: { fields: RoundFormFields; notes?: RoundFormNotes; children?: ReactNode }) {
  // Without JavaScript the closing time always shows, with a hint; with it, only for deadline rounds.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const limits = fields.limits.getFieldset();
  const words = limits.words.getFieldset();
  const { fixed = {}, current, bounds = {} } = notes;
  const mode = current?.mode ?? fields.mode.value;
  return (
    <>
      <h2>The round</h2>
      {current && fixed.code ? (
        <FixedField label="Code" value={<span className="reference">{current.code}</span>} why={fixed.code} />
      ) : (
        <TextField label="Code" hint="Short and unique, such as 2027-R1. It begins every proposal reference: TAF-2027-R1-001." meta={fields.code} autoComplete="off" />
      )}
      <TextField label="Title" hint="As applicants see it, such as “First call for proposals 2027”." meta={fields.title} />
      <TextAreaField label="Description (optional)" hint="What the round is for; applicants read it when they start a proposal." meta={fields.description} />
      <TextAreaField
        label="Guidance for applicants (optional)"
        hint="What applicants should know before they write: who the round is for, what makes a strong proposal, whom to ask."
        meta={fields.guidance}
      />
      {current ? (
        <>
          <input type="hidden" name={fields.mode.name} value={current.mode} />
          <FixedField label="How proposals come in" value={ROUND_MODE_LABELS[current.mode]} why="A round never changes how proposals come in: for the other kind, add a new round." />
        </>
      ) : (
        <ChoiceField
          type="radio"
          label="How proposals come in"
          meta={fields.mode}
          options={[
            { value: "deadline", label: `${ROUND_MODE_LABELS.deadline}: the portal closes the round at its closing time` },
            { value: "rolling", label: `${ROUND_MODE_LABELS.rolling}: no closing time; the round stays open until you close it` },
          ]}
        />
      )}

      <h2>When it is open (Brussels time)</h2>
      {current && fixed.opensAt ? (
        <FixedField label="Opens" value={current.opens} why={fixed.opensAt} />
      ) : (
        <TextField type="datetime-local" label="Opens" hint="Brussels time, as the portal shows it to everyone." meta={fields.opensAt} />
      )}
      {mode === "rolling" && (hydrated || current) ? null : current && fixed.closesAt ? (
        <FixedField label="Closes" value={current.closes ?? "No closing time"} why={fixed.closesAt} />
      ) : (
        <TextField
          type="datetime-local"
          label="Closes"
          hint={withBound(
            hydrated || current ? "Brussels time. After this, applicants can no longer submit." : "For a deadline round only, in Brussels time. Leave it empty for rolling intake.",
            bounds.closesAt,
          )}
          meta={fields.closesAt}
        />
      )}

      <h2>What the round offers</h2>
      <ChoiceField
        type="checkbox"
        label="Themes"
        hint={withBound("Applicants choose among these.", bounds.themes)}
        meta={fields.themes}
        options={THEMES.map((theme) => ({ value: theme.id, label: theme.label }))}
      />
      <ChoiceField
        type="checkbox"
        label="Kinds of support"
        hint={withBound("What the TAF can provide in this round.", bounds.supportKinds)}
        meta={fields.supportKinds}
        options={SUPPORT_KINDS.map((kind) => ({ value: kind.id, label: kind.label }))}
      />

      <h2>Review</h2>
      {current && fixed.review ? (
        <>
          {/* Sent unchanged, so the form stays whole; the server refuses any other value. */}
          <input type="hidden" name={fields.minimumReviews.name} value={current.minimumReviews} />
          <input type="hidden" name={fields.reviewDays.name} value={current.reviewDays} />
          <FixedField
            label="Reviews needed for a decision, and days reviewers have to score"
            value={`${current.minimumReviews} reviews, ${current.reviewDays} days`}
            why={fixed.review}
          />
        </>
      ) : (
        <div className="field-grid">
          <TextField type="number" label="Reviews needed for a decision" meta={fields.minimumReviews} />
          <TextField type="number" label="Days reviewers have to score" meta={fields.reviewDays} />
        </div>
      )}

      <h2>Limits for each proposal</h2>
      <div className="field-grid">
        <TextField type="number" label="Largest budget (EUR)" hint={withBound(undefined, bounds["limits.maxBudgetEur"])} meta={limits.maxBudgetEur} />
        <TextField type="number" label="Longest duration (months)" hint={withBound(undefined, bounds["limits.maxDurationMonths"])} meta={limits.maxDurationMonths} />
        <TextField
          type="number"
          label="Most partner institutions"
          hint={withBound("Beside the lead, invited or confirmed.", bounds["limits.maxPartners"])}
          meta={limits.maxPartners}
        />
      </div>
      <fieldset className="field field-group">
        <legend>Most words in each text</legend>
        <span className="hint">Applicants see the count as they type; a longer text cannot be submitted.</span>
        <div className="field-grid">
          {WORD_LIMITED_PARTS.map((part) => (
            <TextField key={part} type="number" label={partLabel(part)} hint={withBound(undefined, bounds[`limits.words.${part}`])} meta={words[part]} />
          ))}
        </div>
      </fieldset>
      {children}
    </>
  );
}
