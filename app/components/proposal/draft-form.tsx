import type { FieldMetadata } from "@conform-to/react";
import { getCollectionProps, getInputProps, getTextareaProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { useEffect, useState } from "react";
import { SUPPORT_KINDS, THEME_GROUPS, THEMES } from "../../../workflows/vocabulary";
import type { DraftOffer, DraftValues, RoundLimits, WordLimitedPart } from "../../proposals/content-schema";
import { countWords, euros, partAnchor, partLabel } from "../../proposals/content-schema";
import type { SaveStatus } from "../../proposals/use-autosave";
import { FieldError, TextField } from "../fields";

// The parts of a proposal's draft form, each in the anchor the preview's blockers link to, and
// the words of its save status.

/** The first problem in a submission's errors, as "Summary: Use at most 150 words…". */
export function firstProblem(error: Record<string, string[] | null> | null | undefined) {
  const [name, messages] = Object.entries(error ?? {}).find(([, m]) => m?.length) ?? [];
  return name !== undefined && messages ? `${partLabel(name)}: ${messages[0]}` : null;
}

export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

type Meta = FieldMetadata<string | number | string[] | undefined>;

/** A field wrapped in the anchor the preview's blockers link to. */
function Part({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div id={partAnchor(name)} className="part">
      {children}
    </div>
  );
}

/** The id of the round's rules a field's saved value breaks, for aria-describedby. */
function problemId(meta: Meta) {
  return `${meta.id}-problem`;
}

/**
 * What the saved value breaks of the round's rules: said beside the field, never a reason not
 * to save; the preview refuses to submit until it is corrected.
 */
function FieldProblem({ meta, problems }: { meta: Meta; problems: readonly string[] | undefined }) {
  return problems?.length ? (
    <p className="field-problem warning" id={problemId(meta)}>
      Saved, but to correct before you submit: {problems.join(" ")}
    </p>
  ) : null;
}

/** A text with a word limit: the limit in the hint always, and with JavaScript a live count. */
function LimitedText({ meta, limit, hint, hydrated, problems }: { meta: Meta; limit: number; hint: string; hydrated: boolean; problems?: string[] }) {
  const count = countWords(typeof meta.value === "string" ? meta.value : "");
  const countId = `${meta.id}-count`;
  const describedBy = [meta.descriptionId, hydrated ? countId : "", problems?.length ? problemId(meta) : ""].filter(Boolean).join(" ");
  return (
    <Part name={meta.name}>
      <div className="field">
        <label htmlFor={meta.id}>{partLabel(meta.name)}</label>
        <span className="hint" id={meta.descriptionId}>
          {hint} At most {limit} words.
        </span>
        <textarea {...getTextareaProps(meta, { ariaDescribedBy: describedBy })} rows={6} />
        {hydrated ? (
          <span className={count > limit ? "word-count over" : "word-count"} id={countId}>
            {count} of {limit} words{count > limit ? `: ${count - limit} too many` : ""}
          </span>
        ) : null}
        <FieldError meta={meta} />
        <FieldProblem meta={meta} problems={problems} />
      </div>
    </Part>
  );
}

function Choices({ meta, hint, groups }: { meta: Meta; hint: string; groups: { title: string | null; options: readonly { id: string; label: string }[] }[] }) {
  return (
    <Part name={meta.name}>
      <fieldset className="field choices" aria-describedby={[meta.descriptionId, meta.errors?.length ? meta.errorId : ""].join(" ").trim()}>
        <legend>{partLabel(meta.name)}</legend>
        <span className="hint" id={meta.descriptionId}>
          {hint}
        </span>
        {groups.map((group) => {
          const inputs = getCollectionProps(meta, { type: "checkbox", options: group.options.map((option) => option.id) });
          const boxes = inputs.map(({ key, ...input }, index) => (
            <label className="checkbox" key={key}>
              <input {...input} /> {group.options[index]!.label}
            </label>
          ));
          return group.title ? (
            <fieldset className="choice-group" key={group.title}>
              <legend>{group.title}</legend>
              {boxes}
            </fieldset>
          ) : (
            <div className="choice-group" key="all">
              {boxes}
            </div>
          );
        })}
        <FieldError meta={meta} />
      </fieldset>
    </Part>
  );
}

/** What the lead has ticked so far, as the form holds it. */
function ticked(meta: Meta): string[] {
  return Array.isArray(meta.value) ? meta.value.filter((v): v is string => typeof v === "string") : typeof meta.value === "string" ? [meta.value] : [];
}

/**
 * The round's choices, and any the saved draft holds that the round does not fund (its settings
 * changed since), marked so, so that nothing is dropped unseen: the server refuses them.
 */
function offeredOptions(options: readonly { id: string; label: string }[], offered: readonly string[], chosen: string[]) {
  return options
    .filter((option) => offered.includes(option.id) || chosen.includes(option.id))
    .map((option) => (offered.includes(option.id) ? option : { id: option.id, label: `${option.label} (not funded by this round: untick it)` }));
}

function themeChoices(offered: readonly string[], chosen: string[]) {
  return (Object.keys(THEME_GROUPS) as (keyof typeof THEME_GROUPS)[])
    .map((group) => ({ title: THEME_GROUPS[group], options: offeredOptions(THEMES.filter((theme) => theme.group === group), offered, chosen) }))
    .filter((group) => group.options.length > 0);
}

// Each hint says what the part is for and what the TAF team reads in it (the Guide's criteria).
const HINTS: Record<WordLimitedPart, string> = {
  summary: "What you want to do, with whom and why, in a few sentences. Reviewers read this first.",
  problem:
    "The problem you want to tackle, its link to serious and organised crime or terrorism, and why institutions of several countries must work on it together.",
  objectives: "What the work should achieve, concretely enough to tell afterwards whether it did.",
  activities: "What you plan to do, operationally: for example meetings, joint exercises, exchanges or training, and who takes part.",
  expectedResults: "What will be different for your institutions' daily work when it is done.",
};

type Problems = Partial<Record<string, string[]>>;

/** "2 answers break the round's limits…", or nothing when none does. */
function problemsText(problems: Problems | null | undefined) {
  const count = Object.keys(problems ?? {}).length;
  if (count === 0) return "";
  return ` ${count === 1 ? "One answer breaks" : `${count} answers break`} the round's limits: see the note beside ${count === 1 ? "it" : "each"}, and correct ${count === 1 ? "it" : "them"} before you submit.`;
}

/** "Saved at 14:03." and what the saved draft still breaks. */
export function savedText(at: string, problems?: Problems | null) {
  return `Saved at ${at}.${problemsText(problems)}`;
}

export function statusText(status: SaveStatus, lastSaved: string, problems?: Problems | null) {
  switch (status.kind) {
    case "unchanged":
      return `Last saved ${lastSaved}.${problemsText(problems)}`;
    case "unsaved":
      return "Unsaved changes…";
    case "saving":
      return "Saving…";
    case "saved":
      return savedText(new Date(status.at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" }), problems);
    case "notSaved":
      return status.reason;
  }
}

/** The five sections of the draft, in the order of the Guide to applicants. */
export function DraftParts({
  fields,
  limits,
  problems,
  offer,
  hydrated,
}: {
  fields: Required<{ [Part in keyof DraftValues]: FieldMetadata<DraftValues[Part], DraftValues, string[]> }>;
  limits: RoundLimits;
  /** What the saved draft breaks of the round's rules, by field. */
  problems: Problems;
  offer: DraftOffer;
  hydrated: boolean;
}) {
  return (
    <>
    <section aria-labelledby="idea-heading">
      <h2 id="idea-heading">1. The idea</h2>
      <Part name="title">
        <TextField label="Title" hint="A few words that say what the proposal is about." meta={fields.title} />
      </Part>
      <LimitedText meta={fields.summary} limit={limits.words.summary} hint={HINTS.summary} hydrated={hydrated} problems={problems.summary} />
    </section>

    <section aria-labelledby="problem-heading">
      <h2 id="problem-heading">2. The problem</h2>
      <LimitedText meta={fields.problem} limit={limits.words.problem} hint={HINTS.problem} hydrated={hydrated} problems={problems.problem} />
    </section>

    <section aria-labelledby="plan-heading">
      <h2 id="plan-heading">3. What you will do</h2>
      <LimitedText meta={fields.objectives} limit={limits.words.objectives} hint={HINTS.objectives} hydrated={hydrated} problems={problems.objectives} />
      <LimitedText meta={fields.activities} limit={limits.words.activities} hint={HINTS.activities} hydrated={hydrated} problems={problems.activities} />
      <LimitedText meta={fields.expectedResults} limit={limits.words.expectedResults} hint={HINTS.expectedResults} hydrated={hydrated} problems={problems.expectedResults} />
    </section>

    <section aria-labelledby="focus-heading">
      <h2 id="focus-heading">4. Themes and support</h2>
      <Choices
        meta={fields.themes}
        hint="Choose every theme the proposal works on, among those this round funds. At least one is needed to submit."
        groups={themeChoices(offer.themes, ticked(fields.themes))}
      />
      <Choices
        meta={fields.supportKinds}
        hint="Choose what the TAF should provide, among the kinds of support this round offers."
        groups={[{ title: null, options: offeredOptions(SUPPORT_KINDS, offer.supportKinds, ticked(fields.supportKinds)) }]}
      />
    </section>

    <section aria-labelledby="practical-heading">
      <h2 id="practical-heading">5. Timing, budget and contact</h2>
      <Part name="intendedStart">
        <div className="field">
          <label htmlFor={fields.intendedStart.id}>{partLabel("intendedStart")}</label>
          <span className="hint" id={fields.intendedStart.descriptionId}>
            When the first activity could take place: a day from today on. Without a date picker, type it as YYYY-MM-DD.
          </span>
          <input {...getInputProps(fields.intendedStart, { type: "date", ariaDescribedBy: fields.intendedStart.descriptionId })} />
          <FieldError meta={fields.intendedStart} />
        </div>
      </Part>
      <Part name="durationMonths">
        <TextField
          label="Duration in months"
          type="number"
          hint={`From the first to the last activity, in whole months. At most ${limits.maxDurationMonths} months.`}
          meta={fields.durationMonths}
        />
        <FieldProblem meta={fields.durationMonths} problems={problems.durationMonths} />
      </Part>
      <Part name="budgetEur">
        <TextField
          label="Estimated budget in EUR"
          type="number"
          hint={`An estimate in whole euros, without dots or commas. This round allows at most ${euros(limits.maxBudgetEur)}.`}
          meta={fields.budgetEur}
        />
        <FieldProblem meta={fields.budgetEur} problems={problems.budgetEur} />
      </Part>
      <Part name="contactPerson">
        <TextField
          label={partLabel("contactPerson")}
          hint="Name, job title and e-mail address of the person the TAF team should contact about this proposal."
          meta={fields.contactPerson}
        />
      </Part>
    </section>
    </>
  );
}

export function ProblemSummary({ errors }: { errors: Record<string, string[]> }) {
  const problems = Object.entries(errors).filter(([field]) => field !== "");
  if (problems.length === 0) return null;
  return (
    <div className="notice error" role="alert">
      <p>
        <strong>Not saved: {problems.length === 1 ? "one answer needs" : `${problems.length} answers need`} fixing.</strong>
      </p>
      <ul>
        {problems.map(([field, messages]) => (
          <li key={field}>
            <a href={`#${partAnchor(field)}`}>{partLabel(field)}</a>: {messages[0]}
          </li>
        ))}
      </ul>
    </div>
  );
}
