import type { FieldMetadata } from "@conform-to/react";
import { getInputProps, getTextareaProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { useTranslation } from "../../translation";
import type { Translate } from "../../../workflows/words";
import type { DraftValues, RoundLimits } from "../../proposals/content-schema";
import type { ChoiceGroup, DraftChoices } from "../../proposals/round-guide.server";
import { countWords, partAnchor, partLabelKey } from "../../proposals/draft-parts";
import { choiceProps } from "../choices";
import { FieldError, TextField } from "../fields";
import type { Problems } from "./autosave-status";
import { messageIn } from "./autosave-status";

// The parts of a proposal's draft form, each in the anchor the preview's blockers link to.

/** The first problem in a submission's errors, as "Summary: Use at most 150 words…", in the page's language. */
export function firstProblem(error: Record<string, string[] | null> | null | undefined, t: Translate) {
  const [name, messages] = Object.entries(error ?? {}).find(([, m]) => m?.length) ?? [];
  return name !== undefined && messages?.[0] ? t("draftForm.problemOf", { part: t(partLabelKey(name)), message: messageIn(t, messages[0]) }) : null;
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
  const { t } = useTranslation();
  return problems?.length ? (
    <p className="field-problem warning" id={problemId(meta)}>
      {t("draftForm.fieldProblem", { problems: problems.map((problem) => messageIn(t, problem)).join(" ") })}
    </p>
  ) : null;
}

/** A text with a word limit: the limit in the hint always, and with JavaScript a live count. */
function LimitedText({ meta, limit, hint, hydrated, problems }: { meta: Meta; limit: number; hint: string; hydrated: boolean; problems?: string[] }) {
  const { t } = useTranslation();
  const count = countWords(typeof meta.value === "string" ? meta.value : "");
  const countId = `${meta.id}-count`;
  const describedBy = [meta.descriptionId, hydrated ? countId : "", problems?.length ? problemId(meta) : ""].filter(Boolean).join(" ");
  return (
    <Part name={meta.name}>
      <div className="field">
        <label htmlFor={meta.id}>{t(partLabelKey(meta.name))}</label>
        <span className="hint" id={meta.descriptionId}>
          {hint} {t("draftForm.wordLimit", { limit })}
        </span>
        <textarea {...getTextareaProps(meta, { ariaDescribedBy: describedBy })} rows={6} />
        {hydrated ? (
          <span className={count > limit ? "word-count over" : "word-count"} id={countId}>
            {count > limit ? t("draftForm.wordCountOver", { count, limit, over: count - limit }) : t("draftForm.wordCount", { count, limit })}
          </span>
        ) : null}
        <FieldError meta={meta} />
        <FieldProblem meta={meta} problems={problems} />
      </div>
    </Part>
  );
}

function Choices({ meta, hint, groups }: { meta: Meta; hint: string; groups: ChoiceGroup[] }) {
  const { t } = useTranslation();
  return (
    <Part name={meta.name}>
      <fieldset className="field choices" aria-describedby={[meta.descriptionId, meta.errors?.length ? meta.errorId : ""].join(" ").trim()}>
        <legend>{t(partLabelKey(meta.name))}</legend>
        <span className="hint" id={meta.descriptionId}>
          {hint}
        </span>
        {groups.map((group) => {
          const inputs = choiceProps(meta, { type: "checkbox", options: group.options.map((option) => option.id) });
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

/** The five sections of the draft, in the order of the Guide to applicants. */
export function DraftParts({
  fields,
  limits,
  problems,
  choices,
  maxBudget,
  hydrated,
}: {
  fields: Required<{ [Part in keyof DraftValues]: FieldMetadata<DraftValues[Part], DraftValues, string[]> }>;
  limits: RoundLimits;
  /** What the saved draft breaks of the round's rules, by field. */
  problems: Problems;
  /** The themes and kinds of support to tick, named by the server. */
  choices: DraftChoices;
  /** The round's budget limit, as the server wrote it in the page's language. */
  maxBudget: string;
  hydrated: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
    <section aria-labelledby="idea-heading">
      <h2 id="idea-heading">{t("draftForm.section.idea")}</h2>
      <Part name="title">
        <TextField label={t("draftForm.part.title")} hint={t("draftForm.hint.title")} meta={fields.title} />
      </Part>
      <LimitedText meta={fields.summary} limit={limits.words.summary} hint={t("draftForm.hint.summary")} hydrated={hydrated} problems={problems.summary} />
    </section>

    <section aria-labelledby="problem-heading">
      <h2 id="problem-heading">{t("draftForm.section.problem")}</h2>
      <LimitedText meta={fields.problem} limit={limits.words.problem} hint={t("draftForm.hint.problem")} hydrated={hydrated} problems={problems.problem} />
    </section>

    <section aria-labelledby="plan-heading">
      <h2 id="plan-heading">{t("draftForm.section.plan")}</h2>
      <LimitedText meta={fields.objectives} limit={limits.words.objectives} hint={t("draftForm.hint.objectives")} hydrated={hydrated} problems={problems.objectives} />
      <LimitedText meta={fields.activities} limit={limits.words.activities} hint={t("draftForm.hint.activities")} hydrated={hydrated} problems={problems.activities} />
      <LimitedText meta={fields.expectedResults} limit={limits.words.expectedResults} hint={t("draftForm.hint.expectedResults")} hydrated={hydrated} problems={problems.expectedResults} />
    </section>

    <section aria-labelledby="focus-heading">
      <h2 id="focus-heading">{t("draftForm.section.focus")}</h2>
      <Choices
        meta={fields.themes}
        hint={t("draftForm.hint.themes")}
        groups={choices.themes}
      />
      <Choices
        meta={fields.supportKinds}
        hint={t("draftForm.hint.supportKinds")}
        groups={choices.supportKinds}
      />
    </section>

    <section aria-labelledby="practical-heading">
      <h2 id="practical-heading">{t("draftForm.section.practical")}</h2>
      <Part name="intendedStart">
        <div className="field">
          <label htmlFor={fields.intendedStart.id}>{t("draftForm.part.intendedStart")}</label>
          <span className="hint" id={fields.intendedStart.descriptionId}>
            {t("draftForm.hint.intendedStart")}
          </span>
          <input {...getInputProps(fields.intendedStart, { type: "date", ariaDescribedBy: fields.intendedStart.descriptionId })} />
          <FieldError meta={fields.intendedStart} />
        </div>
      </Part>
      <Part name="durationMonths">
        <TextField
          label={t("draftForm.label.durationMonths")}
          type="number"
          hint={t("draftForm.hint.durationMonths", { count: limits.maxDurationMonths })}
          meta={fields.durationMonths}
        />
        <FieldProblem meta={fields.durationMonths} problems={problems.durationMonths} />
      </Part>
      <Part name="budgetEur">
        <TextField
          label={t("draftForm.label.budgetEur")}
          type="number"
          hint={t("draftForm.hint.budgetEur", { amount: maxBudget })}
          meta={fields.budgetEur}
        />
        <FieldProblem meta={fields.budgetEur} problems={problems.budgetEur} />
      </Part>
      <Part name="contactPerson">
        <TextField
          label={t("draftForm.part.contactPerson")}
          hint={t("draftForm.hint.contactPerson")}
          meta={fields.contactPerson}
        />
      </Part>
    </section>
    </>
  );
}

export function ProblemSummary({ errors }: { errors: Record<string, string[]> }) {
  const { t } = useTranslation();
  const problems = Object.entries(errors).filter(([field]) => field !== "");
  if (problems.length === 0) return null;
  return (
    <div className="notice error" role="alert">
      <p>
        <strong>{t("draftForm.notSavedCount", { count: problems.length })}</strong>
      </p>
      <ul>
        {problems.map(([field, messages]) => (
          <li key={field}>
            <a href={`#${partAnchor(field)}`}>{t(partLabelKey(field))}</a>: {messageIn(t, messages[0] ?? "")}
          </li>
        ))}
      </ul>
    </div>
  );
}
