import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "../../translation";
import type { DeskEntry as Entry } from "../../eligibility/desk";
import { overrideField } from "../../eligibility/desk";
import { CountryName } from "../country";
import { EligibilityResults } from "../proposal/eligibility-check";
import { useTextLanguage } from "../text-language";

/** What the server answered the last form sent: its values and errors go back beside it. */
type Reply = { proposalId: number | null; intent: string; values: Record<string, string>; fieldErrors: Record<string, string[]>; formError: string | null; done: string | null };

const OVERALL_WORDS: Record<string, string> = { passed: "eligibilityDesk.overall.passed", failed: "eligibilityDesk.overall.failed", needsPerson: "eligibilityDesk.overall.needsPerson" };

/** One proposal waiting for its eligibility decision: the automatic check, and the decisions beside it. */
export function DeskEntry({ entry, reply, defaultDueOn }: { entry: Entry; reply?: Reply; defaultDueOn: string }) {
  const { t } = useTranslation();
  const textLanguage = useTextLanguage("en");
  const mine = reply?.proposalId === entry.id ? reply : undefined;
  const overall = OVERALL_WORDS[entry.overall ?? ""];
  const headingId = `proposal-${entry.id}-heading`;
  return (
    <article className="desk-entry" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <Link to={`/proposals/${entry.id}`}>
          {entry.reference ? <span className="reference">{entry.reference}</span> : null} <span {...textLanguage}>{entry.title}</span>
        </Link>
      </h2>
      <p className="muted">
        {entry.roundCode} · {t("eligibilityDesk.submittedOn", { time: entry.submitted })} · {t("eligibilityDesk.ledBy")} {entry.lead.name} (
        <CountryName {...entry.lead.country} />)
        {entry.partners.length ? (
          <>
            {" "}
            {t("eligibilityDesk.with")}{" "}
            {entry.partners.map((partner, i) => (
              <span key={partner.name}>
                {i > 0 ? (i === entry.partners.length - 1 ? ` ${t("eligibilityDesk.and")} ` : ", ") : null}
                {partner.name} (<CountryName {...partner.country} />)
              </span>
            ))}
          </>
        ) : null}
      </p>
      {mine?.formError ? (
        <p className="notice error" role="alert">
          {mine.formError}
        </p>
      ) : null}
      <div className="desk-layout">
        <section aria-label={t("eligibilityDesk.checkOf", { proposal: entry.reference ?? entry.title })}>
          {entry.checked ? (
            <>
              <p>
                {t("eligibilityDesk.checkedOn", { time: entry.checked })}{" "}
                <span className={entry.overall === "passed" ? "badge ok" : entry.overall === "failed" ? "badge warn" : "badge"}>{overall ? t(overall) : entry.overall}</span>
              </p>
              <div className="table-scroll">
                <EligibilityResults results={entry.results} />
              </div>
            </>
          ) : (
            <p className="empty">{t("eligibilityDesk.notChecked")}</p>
          )}
          <DeskForm entry={entry} intent="recheck" reply={mine} label={t("eligibilityDesk.recheck")}>
            <p className="hint">{t("eligibilityDesk.recheckHint")}</p>
          </DeskForm>
        </section>
        <div className="desk-forms">
          <DeskForm entry={entry} intent="confirm" reply={mine} label={t("eligibilityDesk.confirm")}>
            {entry.results
              .filter((result) => result.outcome !== "passed")
              .map((result) => (
                <TextArea
                  key={result.id}
                  id={`p${entry.id}-${result.id}`}
                  name={overrideField(result.id)}
                  label={t("eligibilityDesk.whyMeets", { criterion: result.label })}
                  hint={result.outcome === "failed" ? t("eligibilityDesk.whyFailedHint") : t("eligibilityDesk.whyLeftHint")}
                  reply={mine}
                />
              ))}
          </DeskForm>
          <DeskForm entry={entry} intent="clarify" reply={mine} label={t("eligibilityDesk.clarify")}>
            <TextArea id={`p${entry.id}-question`} name="question" label={t("eligibilityDesk.question")} hint={t("eligibilityDesk.questionHint")} reply={mine} />
            <div className="field">
              <label htmlFor={`p${entry.id}-dueOn`}>{t("eligibilityDesk.dueOn")}</label>
              <input
                id={`p${entry.id}-dueOn`}
                name="dueOn"
                type="date"
                defaultValue={mine?.intent === "clarify" ? (mine.values.dueOn ?? defaultDueOn) : defaultDueOn}
                aria-invalid={mine?.fieldErrors.dueOn ? true : undefined}
              />
              {mine?.intent === "clarify" && mine.fieldErrors.dueOn ? <p className="error">{mine.fieldErrors.dueOn.join(" ")}</p> : null}
            </div>
          </DeskForm>
          <DeskForm entry={entry} intent="ineligible" reply={mine} label={t("eligibilityDesk.ineligible")} danger>
            <TextArea id={`p${entry.id}-reason`} name="reason" label={t("eligibilityDesk.reason")} hint={t("eligibilityDesk.reasonHint")} reply={mine} />
          </DeskForm>
        </div>
      </div>
    </article>
  );
}

function DeskForm({ entry, intent, reply, label, danger, children }: { entry: Entry; intent: string; reply?: Reply; label: string; danger?: boolean; children: React.ReactNode }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("proposalId") === String(entry.id) && navigation.formData?.get("intent") === intent;
  return (
    <Form method="post" className={intent === "recheck" ? "stack" : "stack action-form"}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="proposalId" value={entry.id} />
      <input type="hidden" name="version" value={entry.version} />
      {intent === "recheck" ? null : <h3>{label}</h3>}
      {children}
      <button type="submit" className={danger ? "danger" : intent === "recheck" ? "secondary" : undefined} disabled={busy}>
        {busy ? t("roundPage.form.working") : label}
      </button>
    </Form>
  );
}

function TextArea({ id, name, label, hint, reply }: { id: string; name: string; label: string; hint: string; reply?: Reply }) {
  const errors = reply?.fieldErrors[name];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span className="hint" id={`${id}-hint`}>
        {hint}
      </span>
      <textarea id={id} name={name} rows={3} defaultValue={reply?.values[name] ?? ""} aria-invalid={errors ? true : undefined} aria-describedby={`${id}-hint`} />
      {errors ? <p className="error">{errors.join(" ")}</p> : null}
    </div>
  );
}
