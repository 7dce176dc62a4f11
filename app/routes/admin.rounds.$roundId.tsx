import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { formatBrussels } from "../../workflows/time";
import { ELIGIBILITY_CRITERIA } from "../../workflows/eligibility";
import { PROPOSAL_PARTS } from "../../workflows/proposal-content";
import type { RoundEventType } from "../../workflows/round.machine";
import { allowedRoundEvents, restoreRound, roundStateLabel } from "../../workflows/round.machine";
import { CheckboxField, FormErrors, TextAreaField, TextField } from "../components/fields";
import { ProposalTable } from "../components/proposal-table";
import { proposalCountText, ROUND_MODE_LABELS, RoundStateBadge } from "../components/round";
import { readForm } from "../forms.server";
import { administratorActor } from "../auth/actors.server";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";
import { euros } from "../proposals/content-schema";
import { proposalsOfRound } from "../proposals/lists.server";
import { findRound, roundExists, roundHistory } from "../rounds/manage.server";
import type { RoundActionForm, RoundActionInput } from "../rounds/round-schema";
import { roundActionSchema } from "../rounds/round-schema";
import type { RoundCommand } from "../rounds/workflow.server";
import { applyRoundCommand } from "../rounds/workflow.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.round.code ?? "Round"} · TAF portal` }];

function notFound(): never {
  throw new Response("There is no round at this address.", { status: 404, statusText: "Not Found" });
}

function roundIdOf(param: string | undefined) {
  if (!param || !/^[1-9]\d{0,15}$/.test(param)) notFound();
  return Number(param);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "manageRounds");
  const round = findRound(roundIdOf(params.roundId)) ?? notFound();
  const snapshot = restoreRound(round.snapshot, round.machineVersion);
  const { limits } = round.settings;
  return {
    round: {
      id: round.id,
      code: round.code,
      title: round.title,
      description: round.description,
      mode: round.mode,
      state: round.state,
      stateLabel: roundStateLabel(snapshot),
      version: round.version,
      opens: formatBrussels(round.opensAt),
      closes: round.closesAt ? formatBrussels(round.closesAt) : null,
      created: formatBrussels(round.createdAt),
      proposals: proposalCountText(round.submitted, round.drafts),
    },
    settings: {
      criteria: ELIGIBILITY_CRITERIA.filter((criterion) => round.settings.criteria.includes(criterion.id)).map((criterion) => criterion.label),
      minimumReviews: round.settings.minimumReviews,
      reviewDays: round.settings.reviewDays,
      maxBudget: euros(limits.maxBudgetEur),
      maxDurationMonths: limits.maxDurationMonths,
      words: PROPOSAL_PARTS.flatMap((part) => (part.key in limits.words ? [{ label: part.label, words: limits.words[part.key as keyof typeof limits.words] }] : [])),
    },
    actions: allowedRoundEvents(snapshot, administratorActor(admin)),
    history: roundHistory(round.id),
    proposals: proposalsOfRound(admin, round.id, requestedPage(request)),
  };
}

const NOTICES: Record<RoundEventType, string> = { OPEN: "opened", CLOSE: "closed", REOPEN: "reopened", ARCHIVE: "archived" };
const EVENTS = Object.keys(NOTICES) as RoundEventType[];

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manageRounds");
  const roundId = roundIdOf(params.roundId);
  if (!roundExists(roundId)) notFound();
  const formData = await readForm(request);
  const event = EVENTS.find((type) => type === formData.get("event"));
  if (!event) {
    throw new Response("The portal does not know what to do with this form. Reload the page and try again.", { status: 400, statusText: "Bad Request" });
  }
  const submission = parseWithZod(formData, { schema: roundActionSchema });
  if (submission.status !== "success") return { event, result: submission.reply() };
  const outcome = applyRoundCommand({ roundId, expectedVersion: submission.value.version, actor: administratorActor(admin), command: commandOf(submission.value) });
  // Refused by the statechart, or changed by someone else: said beside the form, with what was typed.
  if (!outcome.ok) return { event, result: submission.reply({ formErrors: [outcome.message] }) };
  // No audit row: round_events is the round's record of who did what.
  throw redirect(`/admin/rounds/${roundId}?notice=${NOTICES[event]}`);
}

function commandOf(input: RoundActionInput): RoundCommand {
  switch (input.event) {
    case "REOPEN":
      return { type: "REOPEN", closesAt: input.closesAt ?? null, reason: input.reason };
    default:
      return { type: input.event };
  }
}

type ActionData = { event: RoundEventType; result: SubmissionResult<string[]> };
type RoundView = Awaited<ReturnType<typeof loader>>["round"];

const FORM_TITLES: Record<RoundEventType, string> = {
  OPEN: "Open the round now",
  CLOSE: "Close the round now",
  REOPEN: "Reopen the round",
  ARCHIVE: "Archive the round",
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
        </p>
      );
    case "REOPEN":
      return <p>{round.mode === "deadline" ? "Applicants can submit again until the new closing time." : "Applicants can submit again, until you close the round."}</p>;
    case "ARCHIVE":
      return <p>An archived round can never be reopened. Its proposals go on through their own steps.</p>;
  }
}

function RoundActionFormCard({ event, round, lastResult }: { event: RoundEventType; round: RoundView; lastResult?: SubmissionResult<string[]> }) {
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
  const danger = event === "CLOSE" || event === "ARCHIVE";
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
      <button type="submit" className={danger ? "danger" : undefined} disabled={busy}>
        {busy ? "Working…" : FORM_TITLES[event]}
      </button>
    </Form>
  );
}

export default function Round() {
  const { round, settings, actions, history, proposals } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [searchParams] = useSearchParams();
  const notices: Record<string, string> = {
    created: `The round is added as planned. The portal opens it on ${round.opens}, unless you open it earlier here.`,
    opened: "The round is open: applicants can submit proposals.",
    closed: "The round is closed: it accepts no more proposals.",
    reopened: `The round is open again${round.closes ? ` until ${round.closes}` : ""}.`,
    archived: "The round is archived.",
  };
  const notice = notices[searchParams.get("notice") ?? ""];
  // An answer about a form this page no longer offers (someone else moved the round meanwhile).
  const orphanErrors = actionData && !actions.includes(actionData.event) ? Object.values(actionData.result.error ?? {}).flatMap((errors) => errors ?? []) : [];
  return (
    <>
      <p>
        <Link to="/admin/rounds">← Submission rounds</Link>
      </p>
      <div className="page-head">
        <h1>
          <span className="reference">{round.code}</span> {round.title}
        </h1>
        <RoundStateBadge state={round.state} label={round.stateLabel} />
      </div>
      {notice && !actionData ? (
        <p className="notice success" role="status">
          {notice}
        </p>
      ) : null}
      {round.description ? <p className="prose">{round.description}</p> : null}
      <dl className="facts">
        <dt>Intake</dt>
        <dd>{ROUND_MODE_LABELS[round.mode]}</dd>
        <dt>Opens</dt>
        <dd>{round.opens}</dd>
        <dt>Closes</dt>
        <dd>{round.closes ?? <span className="muted">No closing time: rolling intake is closed by an administrator</span>}</dd>
        <dt>Proposals</dt>
        <dd>{round.proposals}</dd>
        <dt>Added</dt>
        <dd>{round.created}</dd>
      </dl>

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">What you can do now</h2>
        <FormErrors errors={orphanErrors} />
        {actions.length ? (
          <div className="action-forms">
            {actions.map((event) => (
              <RoundActionFormCard key={event} event={event} round={round} lastResult={actionData?.event === event ? actionData.result : undefined} />
            ))}
          </div>
        ) : (
          <p className="empty">Nothing more can happen to this round: it is {round.stateLabel.toLowerCase()}.</p>
        )}
      </section>

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings</h2>
        <dl className="facts">
          <dt>Eligibility criteria</dt>
          <dd>
            <ul className="plain">
              {settings.criteria.map((label) => (
                <li key={label}>{label}</li>
              ))}
            </ul>
          </dd>
          <dt>Reviews needed for a decision</dt>
          <dd>{settings.minimumReviews}</dd>
          <dt>Days reviewers have to score</dt>
          <dd>{settings.reviewDays}</dd>
          <dt>Largest budget</dt>
          <dd>{settings.maxBudget}</dd>
          <dt>Longest duration</dt>
          <dd>{settings.maxDurationMonths} months</dd>
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

      <section aria-labelledby="proposals-heading">
        <h2 id="proposals-heading">Proposals</h2>
        <ProposalTable list={proposals} label="proposals of this round" caption="Proposals of this round, most recently changed first" empty="No proposal has been started in this round yet." showRound={false} />
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {history.length ? (
          <ol className="history">
            {history.map((entry) => (
              <li key={entry.id}>
                <p>
                  <span className="muted">{entry.at}</span> · <strong>{entry.who}</strong> {entry.what}.
                </p>
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
    </>
  );
}
