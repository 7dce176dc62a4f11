import type { FieldMetadata } from "@conform-to/react";
import { useEffect, useState } from "react";
import { useTranslation } from "../../translation";
import type { ReactNode } from "react";
import { namedOptions, SUPPORT_KINDS, THEMES } from "../../../workflows/vocabulary";
import { partLabelKey } from "../../proposals/draft-parts";
import { ChoiceField } from "../choices";
import { TextAreaField, TextField } from "../fields";
import { ROUND_MODE_KEYS } from "../round";

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
  const { t } = useTranslation();
  const { fixed = {}, current, bounds = {} } = notes;
  const mode = current?.mode ?? fields.mode.value;
  return (
    <>
      <h2>{t("roundForm.heading.round")}</h2>
      {current && fixed.code ? (
        <FixedField label={t("roundForm.code")} value={<span className="reference">{current.code}</span>} why={fixed.code} />
      ) : (
        <TextField label={t("roundForm.code")} hint={t("roundForm.codeHint")} meta={fields.code} autoComplete="off" />
      )}
      <TextField label={t("roundForm.title")} hint={t("roundForm.titleHint")} meta={fields.title} />
      <TextAreaField label={t("roundForm.description")} hint={t("roundForm.descriptionHint")} meta={fields.description} />
      <TextAreaField
        label={t("roundForm.guidance")}
        hint={t("roundForm.guidanceHint")}
        meta={fields.guidance}
      />
      {current ? (
        <>
          <input type="hidden" name={fields.mode.name} value={current.mode} />
          <FixedField label={t("roundForm.mode")} value={t(ROUND_MODE_KEYS[current.mode])} why={t("roundForm.modeFixed")} />
        </>
      ) : (
        <ChoiceField
          type="radio"
          label={t("roundForm.mode")}
          meta={fields.mode}
          options={[
            { value: "deadline", label: t("roundForm.modeDeadline") },
            { value: "rolling", label: t("roundForm.modeRolling") },
          ]}
        />
      )}

      <h2>{t("roundForm.heading.when")}</h2>
      {current && fixed.opensAt ? (
        <FixedField label={t("roundForm.opens")} value={current.opens} why={fixed.opensAt} />
      ) : (
        <TextField type="datetime-local" label={t("roundForm.opens")} hint={t("roundForm.opensHint")} meta={fields.opensAt} />
      )}
      {mode === "rolling" && (hydrated || current) ? null : current && fixed.closesAt ? (
        <FixedField label={t("roundForm.closes")} value={current.closes ?? t("roundWords.noClosingTime")} why={fixed.closesAt} />
      ) : (
        <TextField
          type="datetime-local"
          label={t("roundForm.closes")}
          hint={withBound(
            hydrated || current ? t("roundForm.closesHint") : t("roundForm.closesHintWithoutScript"),
            bounds.closesAt,
          )}
          meta={fields.closesAt}
        />
      )}

      <h2>{t("roundForm.heading.offers")}</h2>
      <ChoiceField
        type="checkbox"
        label={t("roundForm.themes")}
        hint={withBound(t("roundForm.themesHint"), bounds.themes)}
        meta={fields.themes}
        options={namedOptions(THEMES, t)}
      />
      <ChoiceField
        type="checkbox"
        label={t("roundForm.supportKinds")}
        hint={withBound(t("roundForm.supportKindsHint"), bounds.supportKinds)}
        meta={fields.supportKinds}
        options={namedOptions(SUPPORT_KINDS, t)}
      />

      <h2>{t("roundForm.heading.review")}</h2>
      {current && fixed.review ? (
        <>
          {/* Sent unchanged, so the form stays whole; the server refuses any other value. */}
          <input type="hidden" name={fields.minimumReviews.name} value={current.minimumReviews} />
          <input type="hidden" name={fields.reviewDays.name} value={current.reviewDays} />
          <FixedField
            label={t("roundForm.reviewFixed")}
            value={t("roundForm.reviewValue", { reviews: t("roundForm.reviews", { count: current.minimumReviews }), days: t("roundForm.days", { count: current.reviewDays }) })}
            why={fixed.review}
          />
        </>
      ) : (
        <div className="field-grid">
          <TextField type="number" label={t("roundForm.minimumReviews")} meta={fields.minimumReviews} />
          <TextField type="number" label={t("roundForm.reviewDays")} meta={fields.reviewDays} />
        </div>
      )}

      <h2>{t("roundForm.heading.limits")}</h2>
      <div className="field-grid">
        <TextField type="number" label={t("roundForm.maxBudget")} hint={withBound(undefined, bounds["limits.maxBudgetEur"])} meta={limits.maxBudgetEur} />
        <TextField type="number" label={t("roundForm.maxDuration")} hint={withBound(undefined, bounds["limits.maxDurationMonths"])} meta={limits.maxDurationMonths} />
        <TextField
          type="number"
          label={t("roundForm.maxPartners")}
          hint={withBound(t("roundForm.maxPartnersHint"), bounds["limits.maxPartners"])}
          meta={limits.maxPartners}
        />
      </div>
      <fieldset className="field field-group">
        <legend>{t("roundForm.mostWords")}</legend>
        <span className="hint">{t("roundForm.mostWordsHint")}</span>
        <div className="field-grid">
          {WORD_LIMITED_PARTS.map((part) => (
            <TextField key={part} type="number" label={t(partLabelKey(part))} hint={withBound(undefined, bounds[`limits.words.${part}`])} meta={words[part]} />
          ))}
        </div>
      </fieldset>
      {children}
    </>
  );
}
