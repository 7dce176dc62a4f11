import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "../../translation";
import type { RoundEventType } from "../../../workflows/round.machine";
import type { roundPage } from "../../rounds/round-page.server";
import type { BrowserChecks } from "../../form-checks";
import { checkInBrowser } from "../../form-checks";
import type { RoundActionForm } from "../../rounds/round-schema";
import { CheckboxField, FormErrors, TextAreaField, TextField } from "../fields";
import { useTextLanguage } from "../text-language";

// The round page's parts: a form for each move the statechart allows, the settings in words,
// and the round's history.

type RoundPageData = ReturnType<typeof roundPage>;
type RoundView = Pick<RoundPageData["round"], "opens" | "closes" | "mode" | "version">;

const FORM_TITLES: Record<RoundEventType, string> = {
  OPEN: "roundPage.form.open",
  CLOSE: "roundPage.form.close",
  REOPEN: "roundPage.form.reopen",
  ARCHIVE: "roundPage.form.archive",
  CANCEL: "roundPage.form.cancel",
};

function Explanation({ event, round }: { event: RoundEventType; round: RoundView }) {
  const { t } = useTranslation();
  switch (event) {
    case "OPEN":
      return <p>{t("roundPage.explain.open", { opens: round.opens })}</p>;
    case "CLOSE":
      return <p>{round.closes ? t("roundPage.explain.closeDeadline", { closes: round.closes }) : t("roundPage.explain.closeRolling")}</p>;
    case "REOPEN":
      return <p>{round.mode === "deadline" ? t("roundPage.explain.reopenDeadline") : t("roundPage.explain.reopenRolling")}</p>;
    case "ARCHIVE":
      return <p>{t("roundPage.explain.archive")}</p>;
    case "CANCEL":
      return <p>{t("roundPage.explain.cancel")}</p>;
  }
}

/** One move's form; `checks` are its own schema's (app/forms.server.ts, `browserChecks`), each move asking different fields. */
export function RoundActionFormCard({
  event,
  round,
  checks,
  lastResult,
}: {
  event: RoundEventType;
  round: RoundView;
  checks: BrowserChecks;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("event") === event;
  const [form, fields] = useForm<RoundActionForm>({
    id: `round-${event}`,
    lastResult,
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    // A corrected field clears its error at once, so the button does not move under the pointer.
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<RoundActionForm>(form, formData, checks),
  });
  const danger = event === "CLOSE" || event === "ARCHIVE" || event === "CANCEL";
  return (
    <Form method="post" className="stack action-form" {...getFormProps(form)}>
      <h3>{t(FORM_TITLES[event])}</h3>
      <FormErrors errors={[...(form.errors ?? []), ...(fields.version.errors ?? [])]} />
      <input type="hidden" name="event" value={event} />
      {/* The version of the round this page shows: if it has moved on since, the server says so. */}
      <input type="hidden" name="version" value={round.version} />
      <Explanation event={event} round={round} />
      {event === "REOPEN" ? (
        <>
          {round.mode === "deadline" ? (
            <TextField type="datetime-local" label={t("roundPage.form.newClosingTime")} hint={t("roundPage.form.newClosingTimeHint")} meta={fields.closesAt} />
          ) : null}
          <TextAreaField label={t("roundPage.form.whyReopen")} hint={t("roundPage.form.keptInHistory")} meta={fields.reason} />
        </>
      ) : null}
      {event === "CLOSE" ? <CheckboxField label={t("roundPage.form.confirmClose")} meta={fields.confirm} /> : null}
      {event === "ARCHIVE" ? <CheckboxField label={t("roundPage.form.confirmArchive")} meta={fields.confirm} /> : null}
      {event === "CANCEL" ? (
        <>
          <TextAreaField label={t("roundPage.form.whyCancel")} hint={t("roundPage.form.keptInHistory")} meta={fields.reason} />
          <CheckboxField label={t("roundPage.form.confirmCancel")} meta={fields.confirm} />
        </>
      ) : null}
      <button type="submit" className={danger ? "danger" : undefined} disabled={busy}>
        {busy ? t("roundPage.form.working") : t(FORM_TITLES[event])}
      </button>
    </Form>
  );
}

export function RoundSettings({ settings }: { settings: RoundPageData["settings"] }) {
  const { t } = useTranslation();
  const textLanguage = useTextLanguage("en");
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t("roundPage.settings.heading")}</h2>
      {settings.guidance ? (
        <>
          <h3>{t("roundPage.settings.guidance")}</h3>
          <p className="prose" {...textLanguage}>
            {settings.guidance}
          </p>
        </>
      ) : null}
      <dl className="facts">
        <dt>{t("roundPage.settings.themes")}</dt>
        <dd>{settings.themes.join(", ")}</dd>
        <dt>{t("roundPage.settings.supportKinds")}</dt>
        <dd>{settings.supportKinds.join(", ")}</dd>
        <dt>{t("roundPage.settings.criteria")}</dt>
        <dd>
          <ul className="plain">
            {settings.criteria.map((label) => (
              <li key={label}>{label}</li>
            ))}
          </ul>
          <Link to="eligibility">{t("roundPage.settings.eligibilityLink")}</Link>
        </dd>
        <dt>{t("roundPage.settings.euReview")}</dt>
        <dd>
          <Link to="criteria">{t("roundPage.settings.criteriaLink")}</Link> · <Link to="ranking">{t("roundPage.settings.rankingLink")}</Link>
        </dd>
        <dt>{t("roundPage.settings.lessons")}</dt>
        <dd>
          <Link to="lessons">{t("roundPage.settings.lessonsLink")}</Link>
        </dd>
        <dt>{t("roundForm.minimumReviews")}</dt>
        <dd>{settings.minimumReviews}</dd>
        <dt>{t("roundForm.reviewDays")}</dt>
        <dd>{settings.reviewDays}</dd>
        <dt>{t("roundPage.settings.maxBudget")}</dt>
        <dd>{settings.maxBudget}</dd>
        <dt>{t("roundPage.settings.maxDuration")}</dt>
        <dd>{t("roundPage.settings.months", { count: settings.maxDurationMonths })}</dd>
        <dt>{t("roundForm.maxPartners")}</dt>
        <dd>{settings.maxPartners}</dd>
        <dt>{t("roundPage.settings.mostWords")}</dt>
        <dd>
          <ul className="plain">
            {settings.words.map((limit) => (
              <li key={limit.label}>
                {limit.label}: {limit.words}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
    </section>
  );
}

export function RoundHistory({ history }: { history: RoundPageData["history"] }) {
  const { t } = useTranslation();
  const textLanguage = useTextLanguage("en");
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t("roundPage.history.heading")}</h2>
      {history.length ? (
        <ol className="history">
          {history.map((entry) => (
            <li key={entry.id}>
              <p>
                <span className="muted">{entry.at}</span> · <strong>{entry.who}</strong> {entry.what}.
              </p>
              {entry.changes.length ? (
                <ul className="plain">
                  {entry.changes.map((change) => (
                    <li key={change}>{change}</li>
                  ))}
                </ul>
              ) : null}
              {entry.reason ? (
                <blockquote>
                  <span className="muted">{t("roundPage.history.reason")}</span>{" "}
                  <span className="prose" {...textLanguage}>
                    {entry.reason}
                  </span>
                </blockquote>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">{t("roundPage.history.empty")}</p>
      )}
    </section>
  );
}
