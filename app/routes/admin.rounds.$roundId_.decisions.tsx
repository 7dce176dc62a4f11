import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DecisionFields, heldWords } from "../components/reviews/decision-fields";
import { readForm } from "../forms.server";
import { requirePermission } from "../permissions.server";
import { decisionFormSchema } from "../reviews/decisions-schema";
import { decisionsPage, recordDecisions, releaseDecisions, withdrawDecision } from "../reviews/decisions.server";
import { roundIdOf, roundNotFound } from "../rounds/round-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Decisions · ${data?.round.code ?? "Round"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "decideProposals");
  return decisionsPage(roundIdOf(params.roundId)) ?? roundNotFound();
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "decideProposals");
  const roundId = roundIdOf(params.roundId);
  if (!decisionsPage(roundId)) roundNotFound();
  const form = await readForm(request);
  // A held decision's "Withdraw" button sits in the record form and names its proposal itself.
  const withdrawing = form.get("withdraw");
  const parsed = decisionFormSchema.safeParse(
    withdrawing
      ? { intent: "withdraw", proposalId: withdrawing, heldVersion: form.getAll("heldVersion") }
      : { ...Object.fromEntries(form), proposalId: form.getAll("proposalId"), heldVersion: form.getAll("heldVersion") },
  );
  // A refused form comes back as it was sent: the ticks, the outcome and the typed text.
  const sent = {
    ticked: form.getAll("proposalId").map(Number),
    values: { outcome: String(form.get("outcome") ?? ""), priority: form.get("priority") === "on", reason: String(form.get("reason") ?? ""), sharedFeedback: String(form.get("sharedFeedback") ?? "") },
  };
  const none = { error: null, recorded: [], released: [], refused: [], ...sent };
  if (!parsed.success) return { ...none, error: parsed.error.issues.map((issue) => issue.message).join(" ") };
  const input = parsed.data;
  if (input.intent === "withdraw") {
    const withdrawn = withdrawDecision(admin, roundId, input.proposalId, input.heldVersion[input.proposalId]?.decision);
    return { ...none, error: withdrawn.ok ? null : withdrawn.message };
  }
  if (input.intent === "release") return { ...none, ...releaseDecisions(admin, roundId) };
  const { outcome, priority, reason, sharedFeedback, heldVersion } = input;
  return { ...none, ...recordDecisions(admin, roundId, input.proposalId, { outcome, priority: priority === "on", reason, sharedFeedback }, { seen: heldVersion }) };
}

export default function Decisions() {
  const { round, proposals, held } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  // What was sent comes back into the form only when something of it was refused.
  const kept = result && (result.error || result.refused.length) ? result : undefined;
  return (
    <>
      <p>
        <Link to={`/admin/rounds/${round.id}`}>← {round.code}</Link> · <Link to={`/admin/rounds/${round.id}/ranking`}>Ranking</Link>
      </p>
      <h1>
        Decisions <span className="muted">of {round.code}</span>
      </h1>
      <p className="prose">
        A decision is held until you release it: the applicants hear nothing before. Tick one proposal or several, choose one outcome and record it; a
        held decision can be changed or withdrawn. The reason stays with the team; the applicants read only the feedback shared with them.
      </p>
      {result ? (
        <div role="status" className={result.error || result.refused.length ? "notice error" : "notice"}>
          {result.error ? <p>{result.error}</p> : null}
          {result.recorded.length ? <p>Recorded and held: {result.recorded.join("; ")}.</p> : null}
          {result.released.length ? <p>Released: {result.released.join("; ")}. The applicants are told by e-mail.</p> : null}
          {result.refused.length ? (
            <ul>
              {result.refused.map((refusal) => (
                <li key={refusal.proposalId}>
                  {refusal.title}: {refusal.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <section aria-labelledby="record-heading">
        <h2 id="record-heading">Record decisions</h2>
        {proposals.length ? (
          // Keyed by the held decisions: once one is recorded, changed or withdrawn the form starts
          // blank, so nothing is recorded twice by a second click; a refusal keeps what was typed.
          <Form method="post" className="stack" key={proposals.map((p) => `${p.proposalId}:${p.held?.version ?? 0}`).join()}>
            <input type="hidden" name="intent" value="record" />
            <div className="table-scroll">
              <table className="stacked">
                <thead>
                  <tr>
                    <th scope="col">Decide</th>
                    <th scope="col">Proposal</th>
                    <th scope="col">Lead</th>
                    <th scope="col">Held decision</th>
                  </tr>
                </thead>
                <tbody>
                  {proposals.map((proposal) => (
                    <tr key={proposal.proposalId}>
                      <td data-label="Decide">
                        <input
                          type="checkbox"
                          name="proposalId"
                          value={proposal.proposalId}
                          id={`decide-${proposal.proposalId}`}
                          aria-label={`Decide on ${proposal.name}`}
                          defaultChecked={kept?.ticked.includes(proposal.proposalId)}
                        />
                        <input type="hidden" name="heldVersion" value={`${proposal.proposalId}:${proposal.held?.version ?? 0}`} />
                      </td>
                      <td className="text" data-label="Proposal">
                        <label htmlFor={`decide-${proposal.proposalId}`}>
                          <Link to={`/proposals/${proposal.proposalId}`}>{proposal.name}</Link>
                        </label>
                        <div className="muted">{proposal.stage}</div>
                        {proposal.reviewersComments.length ? (
                          <details>
                            <summary>The reviewers’ comments for the applicants ({proposal.reviewersComments.length})</summary>
                            <ul className="prose">
                              {proposal.reviewersComments.map((comment, index) => (
                                <li key={index} className="wrap">
                                  {comment}
                                </li>
                              ))}
                            </ul>
                          </details>
                        ) : null}
                      </td>
                      <td className="text" data-label="Lead">{proposal.lead}</td>
                      <td className="text" data-label="Held decision">
                        {proposal.held ? (
                          <>
                            {heldWords(proposal.held, t)} <span className="muted">by {proposal.held.decidedBy}</span>
                            <div className="muted">Reason: {proposal.held.reason}</div>
                            <button type="submit" name="withdraw" value={proposal.proposalId} formNoValidate className="secondary">
                              Withdraw
                            </button>
                          </>
                        ) : (
                          <span className="muted">None yet</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <DecisionFields idPrefix="decision" values={kept?.values} />
            <p>
              <button type="submit">Record and hold</button>
            </p>
          </Form>
        ) : (
          <p className="empty">No proposal of this round is waiting for a decision.</p>
        )}
      </section>

      <section aria-labelledby="release-heading">
        <h2 id="release-heading">Release</h2>
        {held.length ? (
          <>
            {held.map((decision) => (
              <article key={decision.proposalId} className="card stack">
                <h3>
                  {decision.name} <span className="muted">· {heldWords(decision, t)}</span>
                </h3>
                <p className="muted">
                  To {decision.recipients} applicant{decision.recipients === 1 ? "" : "s"}: “{decision.preview.subject}”
                </p>
                <pre className="mail">{decision.preview.text}</pre>
              </article>
            ))}
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="release" />
              <div className="field">
                <label className="checkbox">
                  <input type="checkbox" name="confirm" required /> Tell the applicants now: each receives the e-mail previewed above, once.
                </label>
              </div>
              <p>
                <button type="submit">
                  Release {held.length} decision{held.length === 1 ? "" : "s"}
                </button>
              </p>
            </Form>
          </>
        ) : (
          <p className="empty">No decision is held.</p>
        )}
      </section>
    </>
  );
}
