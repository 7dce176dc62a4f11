import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { PROPOSAL_PARTS } from "../../workflows/proposal-content";
import { stateLabelOf } from "../../workflows/proposal.machine";
import { ProposalAnswer } from "../components/proposal-answer";
import { WhoStandsBehind } from "../components/who-stands-behind";
import { ownPartnership } from "../proposals/partners.server";
import { canOnProposal, requireProposal } from "../permissions.server";
import type { CommandForm } from "../proposals/commands";
import { COMMAND_FIELDS, commandSchema } from "../proposals/commands";
import { availableActions, proposalPage } from "../proposals/proposal-view.server";
import type { ProposalCommand } from "../proposals/workflow.server";
import { applyProposalCommand } from "../proposals/workflow.server";
import { readForm } from "../forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.reference ?? data?.title ?? "Proposal"} · TAF portal` },
];

// Events whose work happens on a page of its own (with its checks and blockers): the status page
// links there instead of offering a bare button.
const WORK_PAGES: Partial<Record<string, { path: string; label: string }>> = {
  SUBMIT: { path: "submit", label: "Preview and submit the proposal" },
  RESPOND: { path: "submit", label: "Answer the question and resubmit" },
  SUBMIT_CONCEPT: { path: "concept", label: "Write and submit the concept note" },
  SUBMIT_REPORT: { path: "implementation", label: "Report on activities and submit the completion report" },
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  const page = proposalPage(proposal, user);
  const reached = (stage: string) => page.stages.steps.some((step) => step.key === stage && step.status !== "upcoming");
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    ...page,
    notice: notice === "submitted" ? `Submitted as ${page.reference}. You and your partners receive a confirmation e-mail.` : notice === "resubmitted" ? "Your answer is sent and the proposal is resubmitted as a new version." : null,
    actions: page.actions.filter((action) => !WORK_PAGES[action.type]),
    workLinks: [
      // An invitation waiting for this person's institution is theirs to answer now.
      canOnProposal(user, "respondAsPartner", proposal) && ownPartnership(user, proposal.proposalId)?.status === "invited"
        ? [{ to: `/proposals/${page.id}/partnership`, label: "Answer the invitation: confirm or decline" }]
        : [],
      ...page.actions.map((action) => {
        const work = WORK_PAGES[action.type];
        return work ? [{ to: `/proposals/${page.id}/${work.path}`, label: work.label }] : [];
      }),
    ].flat(),
    links: [
      canOnProposal(user, "editProposal", proposal) ? { to: "edit", label: "Edit the proposal" } : null,
      { to: "partners", label: canOnProposal(user, "managePartners", proposal) ? "Invite and manage partners" : "Partners" },
      canOnProposal(user, "respondAsPartner", proposal) ? { to: "partnership", label: "Confirm or decline your institution's participation" } : null,
      canOnProposal(user, "comment", proposal) ? { to: "comments", label: "Comments" } : null,
      { to: "attachments", label: canOnProposal(user, "editProposal", proposal) ? "Attachments: add or remove" : "Attachments" },
      page.reference ? { to: "versions", label: "Compare versions" } : null,
      reached("conceptualWork") ? { to: "concept", label: canOnProposal(user, "editConceptNote", proposal) ? "Write the concept note" : "Concept note" } : null,
      reached("implementation") || page.state === "completed"
        ? { to: "implementation", label: canOnProposal(user, "reportImplementation", proposal) ? "Report on implementation" : "Implementation and activities" }
        : null,
    ].flatMap((link) => (link ? [{ to: `/proposals/${page.id}/${link.to}`, label: link.label }] : [])),
  };
}

type ActionResult = {
  event: string;
  values: Record<string, string>;
  fieldErrors: Record<string, string[]>;
  formError: string | null;
  done: string | null;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  const form = Object.fromEntries([...(await readForm(request))].map(([k, v]) => [k, String(v)]));
  const reply = (partial: Partial<ActionResult>): ActionResult => ({ event: form.event ?? "", values: form, fieldErrors: {}, formError: null, done: null, ...partial });
  const parsed = commandSchema.safeParse(form);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "")] ??= []).push(issue.message);
    return reply({ fieldErrors, formError: fieldErrors.event ? "This action is not known. Reload the page and try again." : null });
  }
  // The actor is the role of this person that may send the event; if none may, the statechart
  // refuses with its reason (e.g. "Only administrators may decide on selection").
  const actions = availableActions(user, proposal.snapshot);
  const actor = actions.get(parsed.data.event) ?? { userId: user.id, role: user.memberships[0]?.role ?? "applicant", institutionId: user.memberships[0]?.institutionId ?? null };
  const outcome = applyProposalCommand({
    proposalId: proposal.proposalId,
    expectedVersion: Number(form.version),
    actor,
    command: toCommand(parsed.data),
  });
  if (!outcome.ok) return reply({ formError: outcome.message });
  // No audit row: the proposal's own history records who did what.
  return reply({ values: {}, done: `Done. The proposal is now at “${stateLabelOf(outcome.state)}”.` });
}

function toCommand(form: CommandForm): ProposalCommand {
  if (form.event === "REQUEST_CLARIFICATION") {
    return { type: form.event, question: form.question, dueAt: new Date(Date.now() + form.days * 24 * 60 * 60 * 1000) };
  }
  if (form.event === "DISCARD") return { type: "DISCARD" };
  const { event, ...rest } = form;
  return { type: event, ...rest } as ProposalCommand;
}

const FIELD_LABELS: Record<string, { label: string; hint?: string }> = {
  question: { label: "Your question to the applicants", hint: "They answer in writing and may edit the proposal before the due date." },
  days: { label: "Days to answer" },
  message: { label: "Your answer", hint: "The TAF team reads it with the proposal as it is now." },
  sharedFeedback: { label: "Feedback for the applicants (optional)", hint: "Sent to them by e-mail and shown on this page." },
};

function reasonLabel(event: string) {
  switch (event) {
    case "CONFIRM_ELIGIBLE":
      return { label: "Reason", hint: "Needed only when you confirm against the automatic check. Not shown to the applicants." };
    case "DECIDE":
      return { label: "Reason for the decision", hint: "For the TAF team's record. Not shown to the applicants." };
    case "WITHDRAW":
      return { label: "Why you withdraw the proposal", hint: "The TAF team and your partners will read it." };
    default:
      return { label: "Reason", hint: "The applicants will read it." };
  }
}

function sentence(words: string) {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function ActionForm({ action, version, result }: { action: { type: CommandForm["event"]; label: string }; version: number; result?: ActionResult }) {
  const navigation = useNavigation();
  const mine = result?.event === action.type ? result : undefined;
  const busy = navigation.state !== "idle" && navigation.formData?.get("event") === action.type;
  const errorId = `${action.type}-error`;
  return (
    <Form method="post" className="stack action-form" aria-describedby={mine?.formError ? errorId : undefined}>
      <input type="hidden" name="event" value={action.type} />
      <input type="hidden" name="version" value={version} />
      <h3>{sentence(action.label)}</h3>
      {mine?.formError ? (
        <p className="notice error" role="alert" id={errorId}>
          {mine.formError}
        </p>
      ) : null}
      {COMMAND_FIELDS[action.type].map((field) => {
        const id = `${action.type}-${field}`;
        const errors = mine?.fieldErrors[field];
        const { label, hint } = field === "reason" ? reasonLabel(action.type) : (FIELD_LABELS[field] ?? { label: field });
        if (field === "confirm") {
          return (
            <div className="field" key={field}>
              <label className="checkbox">
                <input type="checkbox" name="confirm" aria-invalid={errors ? true : undefined} /> I understand the draft is discarded for good
              </label>
              {errors ? <p className="error">{errors.join(" ")}</p> : null}
            </div>
          );
        }
        if (field === "outcome") {
          return (
            <fieldset className="field" key={field}>
              <legend>Decision</legend>
              {[
                ["promising", "Promising: go on to conceptual work"],
                ["notSelected", "Not selected"],
              ].map(([value, text]) => (
                <label className="checkbox" key={value}>
                  <input type="radio" name="outcome" value={value} defaultChecked={mine?.values.outcome === value} /> {text}
                </label>
              ))}
              {errors ? <p className="error">{errors.join(" ")}</p> : null}
            </fieldset>
          );
        }
        return (
          <div className="field" key={field}>
            <label htmlFor={id}>{label}</label>
            {hint ? <span className="hint">{hint}</span> : null}
            {field === "days" ? (
              <input id={id} name="days" type="number" min={1} max={60} defaultValue={mine?.values.days ?? "10"} aria-invalid={errors ? true : undefined} />
            ) : (
              <textarea id={id} name={field} defaultValue={mine?.values[field] ?? ""} aria-invalid={errors ? true : undefined} rows={4} />
            )}
            {errors ? <p className="error">{errors.join(" ")}</p> : null}
          </div>
        );
      })}
      <button type="submit" className={action.type === "WITHDRAW" || action.type === "DISCARD" || action.type === "DECLARE_INELIGIBLE" ? "danger" : undefined} disabled={busy}>
        {busy ? "Working…" : sentence(action.label)}
      </button>
    </Form>
  );
}

/** The statechart picture; with JavaScript on, scrolled so the current state is in view. */
function Statechart({ svg }: { svg: string }) {
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = frame.current;
    const current = box?.querySelector(".current");
    if (!box || !current) return;
    const offset = current.getBoundingClientRect().left - box.getBoundingClientRect().left;
    box.scrollLeft = Math.max(0, box.scrollLeft + offset - box.clientWidth / 3);
  }, [svg]);
  return <div className="statechart" ref={frame} tabIndex={0} aria-label="The process as a diagram (scrolls sideways)" dangerouslySetInnerHTML={{ __html: svg }} />;
}

export default function ProposalPage() {
  const proposal = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/">Home</Link>
      </p>
      <div className="page-head">
        <h1>
          {proposal.reference ? <span className="reference">{proposal.reference}</span> : null} {proposal.title || "Untitled proposal"}
        </h1>
        <span className={proposal.finished ? "badge off" : "badge ok"}>{proposal.stateLabel}</span>
      </div>
      {result?.done || proposal.notice ? (
        <p className="notice success" role="status">
          {result?.done ?? proposal.notice}
        </p>
      ) : null}
      <nav aria-label="This proposal" className="proposal-links">
        <ul>
          {proposal.links.map((link) => (
            <li key={link.to}>
              <Link to={link.to}>{link.label}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <dl className="facts">
        <WhoStandsBehind
          roundTitle={proposal.round.title}
          lead={proposal.lead}
          partners={proposal.partners}
          jointCountries={proposal.jointCountries}
          isJoint={proposal.isJoint}
        />
        {proposal.clarificationDue ? (
          <>
            <dt>Clarification due</dt>
            <dd>{proposal.clarificationDue}</dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="where-heading">
        <h2 id="where-heading">Where it is</h2>
        <ol className="stages" aria-label="Stages of the TAF process">
          {proposal.stages.steps.map((step) => (
            <li key={step.key} className={step.status} aria-current={step.status === "current" ? "step" : undefined}>
              {step.label}
              <span className="visually-hidden"> ({step.status === "current" ? "current stage" : step.status === "passed" ? "done" : "still ahead"})</span>
            </li>
          ))}
          {proposal.stages.outcome ? (
            <li className="current outcome" aria-current="step">
              {proposal.stages.outcome}
            </li>
          ) : null}
        </ol>
        <p>
          <strong>{proposal.stateLabel}.</strong> {proposal.stateDescription}
          {proposal.nextActor ? ` Next step: ${proposal.nextActor}.` : ""}
        </p>
        <Statechart svg={proposal.statechart} />
      </section>

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">What you can do now</h2>
        {proposal.workLinks.length ? (
          <p className="actions">
            {proposal.workLinks.map((link) => (
              <Link key={link.to} to={link.to} className="button">
                {link.label}
              </Link>
            ))}
          </p>
        ) : null}
        {proposal.actions.length ? (
          <div className="action-forms">
            {proposal.actions.map((action) => (
              <ActionForm key={action.type} action={action as { type: CommandForm["event"]; label: string }} version={proposal.version} result={result} />
            ))}
          </div>
        ) : proposal.workLinks.length ? null : (
          <p className="empty">{proposal.finished ? "Nothing more happens to this proposal." : "Nothing for you to do at this stage. You will get an e-mail when something changes."}</p>
        )}
      </section>

      {proposal.eligibility ? (
        <section aria-labelledby="eligibility-heading">
          <h2 id="eligibility-heading">Automatic eligibility check</h2>
          <p className="muted">Run on {proposal.eligibility.at}. Shown to the TAF team only.</p>
          <table>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col">Result</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {proposal.eligibility.results.map((r) => (
                <tr key={r.id}>
                  <td>{r.label}</td>
                  <td>
                    <span className={r.outcome === "passed" ? "badge ok" : r.outcome === "failed" ? "badge warn" : "badge"}>
                      {r.outcome === "needsPerson" ? "needs a person" : r.outcome}
                    </span>
                  </td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <section aria-labelledby="content-heading">
        <h2 id="content-heading">The proposal</h2>
        <dl className="answers">
          {PROPOSAL_PARTS.map((part) => (
            <div key={part.key}>
              <dt>{part.label}</dt>
              <dd>
                <ProposalAnswer value={proposal.content[part.key]} partKey={part.key} missing="quiet" />
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History and messages</h2>
        <ol className="history">
          {proposal.history.map((entry) => (
            <li key={entry.id}>
              <p>
                <span className="muted">{entry.at}</span> · <strong>{entry.who}</strong> {entry.what}
                {entry.dueAt ? `, to answer by ${entry.dueAt}` : ""}.
              </p>
              {entry.texts.map((t) => (
                <blockquote key={t.label} className={t.internal ? "internal" : undefined}>
                  <span className="muted">{t.label}:</span> <span className="prose">{t.text}</span>
                </blockquote>
              ))}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
