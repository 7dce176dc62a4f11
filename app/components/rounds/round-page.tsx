import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useNavigation } from "@remix-run/react";
import type { RoundEventType } from "../../../workflows/round.machine";
import type { roundPage } from "../../rounds/round-page.server";
import type { RoundActionForm, RoundActionInput } from "../../rounds/round-schema";
import { roundActionSchema } from "../../rounds/round-schema";
import { CheckboxField, FormErrors, TextAreaField, TextField } from "../fields";

// The round page's parts: a form for each move the statechart allows, the settings in words,
// and the round's history.

type RoundPageData = ReturnType<typeof roundPage>;
type RoundView = Pick<RoundPageData["round"], "opens" | "closes" | "mode" | "version">;

const FORM_TITLES: Record<RoundEventType, string> = {
  OPEN: "Open the round now",
  CLOSE: "Close the round now",
  REOPEN: "Reopen the round",
  ARCHIVE: "Archive the round",
  CANCEL: "Cancel the round",
};

function Explanation({ event, round }: { event: RoundEventType; round: RoundView }) {
  switch (event) {
    case "OPEN":
      return <p>The portal would open it on {round.opens}. Opened now, applicants can submit at once, and the round's opening time becomes now.</p>;
    case "CLOSE":
      return (
        <p>
          {round.closes ? `The portal would close it on ${round.closes}. ` : "A rolling round has no closing time: it stays open until you close it. "}
          Closed, it accepts no more proposals; those already submitted go on as before.
          {round.closes ? " Closed before its closing time, it has no grace period after it: reopen the round to take more proposals." : null}
        </p>
      );
    case "REOPEN":
      return <p>{round.mode === "deadline" ? "Applicants can submit again until the new closing time." : "Applicants can submit again, until you close the round."}</p>;
    case "ARCHIVE":
      return <p>An archived round can never be reopened. Its proposals go on through their own steps.</p>;
    case "CANCEL":
      return <p>The round will not open, and no one can apply to it. A cancelled round cannot be brought back: add a new one instead.</p>;
  }
}

export function RoundActionFormCard({ event, round, lastResult }: { event: RoundEventType; round: RoundView; lastResult?: SubmissionResult<string[]> }) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("event") === event;
  const [form, fields] = useForm<RoundActionForm, RoundActionInput>({
    id: `round-${event}`,
    lastResult,
    constraint: getZodConstraint(roundActionSchema),
    shouldValidate: "onBlur",
    // A corrected field clears its error at once, so the button does not move under the pointer.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roundActionSchema }),
  });
  const danger = event === "CLOSE" || event === "ARCHIVE" || event === "CANCEL";
  return (
    <Form method="post" className="stack action-form" {...getFormProps(form)}>
      <h3>{FORM_TITLES[event]}</h3>
      <FormErrors errors={[...(form.errors ?? []), ...(fields.version.errors ?? [])]} />
      <input type="hidden" name="event" value={event} />
      {/* The version of the round this page shows: if it has moved on since, the server says so. */}
      <input type="hidden" name="version" value={round.version} />
      <Explanation event={event} round={round} />
      {event === "REOPEN" ? (
        <>
          {round.mode === "deadline" ? (
            <TextField type="datetime-local" label="New closing time" hint="Brussels time; it must be in the future." meta={fields.closesAt} />
          ) : null}
          <TextAreaField label="Why you reopen it" hint="Kept in the round's history." meta={fields.reason} />
        </>
      ) : null}
      {event === "CLOSE" ? <CheckboxField label="I understand that applicants can no longer submit to this round" meta={fields.confirm} /> : null}
      {event === "ARCHIVE" ? <CheckboxField label="I understand that the round is archived for good" meta={fields.confirm} /> : null}
      {event === "CANCEL" ? (
        <>
          <TextAreaField label="Why you cancel it" hint="Kept in the round's history." meta={fields.reason} />
          <CheckboxField label="I understand that the round is cancelled for good" meta={fields.confirm} />
        </>
      ) : null}
      <button type="submit" className={danger ? "danger" : undefined} disabled={busy}>
        {busy ? "Working…" : FORM_TITLES[event]}
      </button>
    </Form>
  );
}

export function RoundSettings({ settings }: { settings: RoundPageData["settings"] }) {
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      {settings.guidance ? (
        <>
          <h3>Guidance for applicants</h3>
          <p className="prose">{settings.guidance}</p>
        </>
      ) : null}
      <dl className="facts">
        <dt>Themes offered</dt>
        <dd>{settings.themes.join(", ")}</dd>
        <dt>Kinds of support offered</dt>
        <dd>{settings.supportKinds.join(", ")}</dd>
        <dt>Eligibility criteria</dt>
        <dd>
          <ul className="plain">
            {settings.criteria.map((label) => (
              <li key={label}>{label}</li>
            ))}
          </ul>
          <Link to="eligibility">Eligibility criteria, number of countries and grace period</Link>
        </dd>
        <dt>EU review</dt>
        <dd><Link to="criteria">The criteria reviewers score against</Link> · <Link to="ranking">The ranking of the reviewed proposals</Link></dd>
        <dt>Lessons learnt</dt>
        <dd><Link to="lessons">The institutions' feedback on the round and the completion reports' lessons learnt</Link></dd>
        <dt>Reviews needed for a decision</dt>
        <dd>{settings.minimumReviews}</dd>
        <dt>Days reviewers have to score</dt>
        <dd>{settings.reviewDays}</dd>
        <dt>Largest budget</dt>
        <dd>{settings.maxBudget}</dd>
        <dt>Longest duration</dt>
        <dd>{settings.maxDurationMonths} months</dd>
        <dt>Most partner institutions</dt>
        <dd>{settings.maxPartners}</dd>
        <dt>Most words</dt>
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
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
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
                  <span className="muted">Reason:</span> <span className="prose">{entry.reason}</span>
                </blockquote>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">Nothing has happened to this round since it was added.</p>
      )}
    </section>
  );
}
