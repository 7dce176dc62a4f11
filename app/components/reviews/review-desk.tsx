import { Form, Link } from "@remix-run/react";

// The review desk's parts: one card per proposal (its reviewers, conflicts and the forms that
// change them), and the round-wide forms. Plain forms: each works without JavaScript.

type Assignment = {
  id: number;
  reviewerName: string;
  state: string;
  stateLabel: string;
  due: string;
  dueInput: string;
  version: number;
  holdsAPlace: boolean;
  reason: string | null;
  mayWithdraw: boolean;
};
type Candidate = { id: number; name: string; affiliation: string | null; load: number; conflict: string | null };
type ConflictShown = { reviewerUserId: number; reviewerName: string; source: "detected" | "declared" | "rule"; reason: string };
export type DeskProposal = {
  id: number;
  reference: string | null;
  title: string;
  stateLabel: string;
  placesTaken: number;
  assignments: Assignment[];
  conflicts: ConflictShown[];
  candidates: Candidate[];
};

const SOURCE_WORDS: Record<ConflictShown["source"], string> = { detected: "Detected", declared: "Declared by the reviewer", rule: "Conflict rule" };
const ENDING_WORDS: Record<string, string> = { declined: "Declined", conflicted: "Conflict declared", withdrawn: "Withdrawn" };

function loadText(load: number) {
  return load === 1 ? "1 assignment" : `${load} assignments`;
}

function stateBadge(assignment: Assignment) {
  if (assignment.state === "submitted") return "badge ok";
  return assignment.holdsAPlace ? "badge" : "badge off";
}

export function DeskProposalCard({ proposal, defaultDueAt, minimumReviews }: { proposal: DeskProposal; defaultDueAt: string; minimumReviews: number }) {
  const headingId = `proposal-${proposal.id}`;
  const choosable = proposal.candidates.filter((candidate) => candidate.conflict === null);
  const dismissable = proposal.conflicts.filter((conflict) => conflict.source !== "declared");
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link to={`/proposals/${proposal.id}`}>
          {proposal.reference ? <span className="reference">{proposal.reference}</span> : null} {proposal.title}
        </Link>
      </h3>
      <p className="muted">
        {proposal.stateLabel} · {proposal.placesTaken} of {minimumReviews} reviewers needed
      </p>
      {proposal.assignments.length ? (
        // A list, not a table: each assignment carries its forms, which need the width of a phone.
        <ul className="plain stack" aria-label={`Reviewers of ${proposal.reference ?? proposal.title}`}>
          {proposal.assignments.map((assignment) => (
            <li key={assignment.id} className="card stack">
              <p>
                <strong>{assignment.reviewerName}</strong> <span className={stateBadge(assignment)}>{assignment.stateLabel}</span>{" "}
                <span className="muted">{assignment.holdsAPlace ? `Due ${assignment.due}` : "Place freed"}</span>
              </p>
              {assignment.reason ? (
                <p className="prose">
                  <span className="muted">{ENDING_WORDS[assignment.state] ?? "Reason"}: </span>
                  {assignment.reason}
                </p>
              ) : null}
              {assignment.holdsAPlace ? (
                <div className="field-grid">
                  <Form method="post" className="stack">
                    <input type="hidden" name="intent" value="due" />
                    <input type="hidden" name="assignmentId" value={assignment.id} />
                    <input type="hidden" name="version" value={assignment.version} />
                    <div className="field">
                      <label htmlFor={`due-${assignment.id}`}>New due date (Brussels time)</label>
                      <input id={`due-${assignment.id}`} type="datetime-local" name="dueAt" defaultValue={assignment.dueInput} required />
                    </div>
                    <p>
                      <button type="submit">Change the due date</button>
                    </p>
                  </Form>
                  {assignment.mayWithdraw ? (
                    <Form method="post" className="stack">
                      <input type="hidden" name="intent" value="withdraw" />
                      <input type="hidden" name="assignmentId" value={assignment.id} />
                      <input type="hidden" name="version" value={assignment.version} />
                      <div className="field">
                        <label htmlFor={`withdraw-${assignment.id}`}>Reason for withdrawing</label>
                        <input id={`withdraw-${assignment.id}`} type="text" name="reason" required />
                      </div>
                      <p>
                        <button type="submit" className="danger">
                          Withdraw the assignment
                        </button>
                      </p>
                    </Form>
                  ) : null}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">No reviewer is assigned yet.</p>
      )}

      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="assign" />
        <input type="hidden" name="proposalId" value={proposal.id} />
        <div className="field-grid">
          {/* A whole row: each choice names the reviewer, affiliation, load and any conflict, and a cut one misleads. */}
          <div className="field" style={{ gridColumn: "1 / -1" }}>
            <label htmlFor={`reviewer-${proposal.id}`}>Add a reviewer</label>
            <span className="hint">Current load beside each name; a reviewer with a conflict cannot be chosen.</span>
            <select id={`reviewer-${proposal.id}`} name="reviewerUserId" required defaultValue="">
              <option value="" disabled>
                {choosable.length ? "Choose a reviewer" : "No reviewer without a conflict is free"}
              </option>
              {proposal.candidates.map((candidate) => (
                <option key={candidate.id} value={candidate.id} disabled={candidate.conflict !== null}>
                  {candidate.name}
                  {candidate.affiliation ? ` (${candidate.affiliation})` : ""} · {loadText(candidate.load)}
                  {candidate.conflict ? ` · conflict: ${candidate.conflict}` : ""}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`assign-due-${proposal.id}`}>Due (Brussels time)</label>
            <input id={`assign-due-${proposal.id}`} type="datetime-local" name="dueAt" defaultValue={defaultDueAt} required />
          </div>
        </div>
        <p>
          <button type="submit" disabled={!choosable.length}>
            Assign the reviewer
          </button>
        </p>
      </Form>

      <h4>Conflicts of interest</h4>
      {proposal.conflicts.length ? (
        <ul className="plain">
          {proposal.conflicts.map((conflict, index) => (
            <li key={`${conflict.reviewerUserId}-${index}`}>
              <strong>{conflict.reviewerName}</strong> · {SOURCE_WORDS[conflict.source]}: {conflict.reason}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">No conflict is detected or declared.</p>
      )}
      {dismissable.length ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="dismissConflict" />
          <input type="hidden" name="proposalId" value={proposal.id} />
          <div className="field-grid">
            <div className="field">
              <label htmlFor={`dismiss-who-${proposal.id}`}>Dismiss a false detection for</label>
              <select id={`dismiss-who-${proposal.id}`} name="reviewerUserId" required>
                {[...new Map(dismissable.map((conflict) => [conflict.reviewerUserId, conflict.reviewerName]))].map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`dismiss-reason-${proposal.id}`}>Reason (kept as the record)</label>
              <input id={`dismiss-reason-${proposal.id}`} type="text" name="reason" required />
            </div>
          </div>
          <p>
            <button type="submit">Dismiss the detection</button>
          </p>
        </Form>
      ) : null}
    </section>
  );
}

export function AutoAssignForm({ minimumReviews, proposals }: { minimumReviews: number; proposals: number }) {
  return (
    <Form method="post" className="card stack">
      <input type="hidden" name="intent" value="autoAssign" />
      <p>
        Give {proposals === 1 ? "the proposal" : `each of the ${proposals} proposals`} in the EU review the number of reviewers below. Reviewers already
        assigned stay; a reviewer with a conflict, or who declined or was withdrawn, is never chosen; loads are kept as even as the conflicts allow.
      </p>
      <div className="field-grid">
        <div className="field">
          <label htmlFor="reviewers-per-proposal">Reviewers per proposal</label>
          <input id="reviewers-per-proposal" type="number" name="reviewersPerProposal" min={1} max={10} defaultValue={minimumReviews} required />
        </div>
        <div className="field">
          <label htmlFor="cap">Most assignments per reviewer</label>
          <span className="hint">In all rounds, those held now included. Leave empty for no limit.</span>
          <input id="cap" type="number" name="cap" min={1} max={100} />
        </div>
      </div>
      <p>
        <button type="submit">Assign reviewers to the whole round</button>
      </p>
    </Form>
  );
}

export function ConflictRuleForm({ reviewers, institutions }: { reviewers: { id: number; name: string }[]; institutions: { id: number; name: string }[] }) {
  return (
    <Form method="post" className="card stack">
      <input type="hidden" name="intent" value="addRule" />
      <p>A rule makes the reviewer conflicted with every proposal the institution takes part in, in every round (a former employer, say).</p>
      <div className="field-grid">
        <div className="field">
          <label htmlFor="rule-reviewer">Reviewer</label>
          <select id="rule-reviewer" name="reviewerUserId" required defaultValue="">
            <option value="" disabled>
              Choose a reviewer
            </option>
            {reviewers.map((reviewer) => (
              <option key={reviewer.id} value={reviewer.id}>
                {reviewer.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="rule-institution">Institution</label>
          <select id="rule-institution" name="institutionId" required defaultValue="">
            <option value="" disabled>
              Choose an institution
            </option>
            {institutions.map((institution) => (
              <option key={institution.id} value={institution.id}>
                {institution.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="rule-reason">Reason</label>
          <input id="rule-reason" type="text" name="reason" required />
        </div>
      </div>
      <p>
        <button type="submit">Add the conflict rule</button>
      </p>
    </Form>
  );
}
