import { Form, Link } from "@remix-run/react";
import { useTranslation } from "../../translation";
import { useTextLanguage } from "../text-language";

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

const SOURCE_WORDS: Record<ConflictShown["source"], string> = {
  detected: "reviewDesk.source.detected",
  declared: "reviewDesk.source.declared",
  rule: "reviewDesk.source.rule",
};
const ENDING_WORDS: Record<string, string> = { declined: "reviewDesk.ending.declined", conflicted: "reviewDesk.ending.conflicted", withdrawn: "reviewDesk.ending.withdrawn" };

function stateBadge(assignment: Assignment) {
  if (assignment.state === "submitted") return "badge ok";
  return assignment.holdsAPlace ? "badge" : "badge off";
}

export function DeskProposalCard({ proposal, defaultDueAt, minimumReviews }: { proposal: DeskProposal; defaultDueAt: string; minimumReviews: number }) {
  const { t } = useTranslation();
  // What reviewers and the TAF team typed is in English, the language of record.
  const typed = useTextLanguage("en");
  const headingId = `proposal-${proposal.id}`;
  const choosable = proposal.candidates.filter((candidate) => candidate.conflict === null);
  const dismissable = proposal.conflicts.filter((conflict) => conflict.source !== "declared");
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link to={`/proposals/${proposal.id}`}>
          {proposal.reference ? <span className="reference">{proposal.reference}</span> : null} <span {...typed}>{proposal.title}</span>
        </Link>
      </h3>
      <p className="muted">
        {proposal.stateLabel} · {t("reviewDesk.card.places", { taken: proposal.placesTaken, count: minimumReviews })}
      </p>
      {proposal.assignments.length ? (
        // A list, not a table: each assignment carries its forms, which need the width of a phone.
        <ul className="plain stack" aria-label={t("reviewDesk.card.reviewersOf", { proposal: proposal.reference ?? proposal.title })}>
          {proposal.assignments.map((assignment) => (
            <li key={assignment.id} className="card stack">
              <p>
                <strong>{assignment.reviewerName}</strong> <span className={stateBadge(assignment)}>{assignment.stateLabel}</span>{" "}
                <span className="muted">{assignment.holdsAPlace ? t("reviewDesk.card.due", { at: assignment.due }) : t("reviewDesk.card.placeFreed")}</span>
              </p>
              {assignment.reason ? (
                <p className="prose">
                  <span className="muted">{t(ENDING_WORDS[assignment.state] ?? "reviewDesk.ending.reason")}: </span>
                  <span {...typed}>{assignment.reason}</span>
                </p>
              ) : null}
              {assignment.holdsAPlace ? (
                <div className="field-grid">
                  <Form method="post" className="stack">
                    <input type="hidden" name="intent" value="due" />
                    <input type="hidden" name="assignmentId" value={assignment.id} />
                    <input type="hidden" name="version" value={assignment.version} />
                    <div className="field">
                      <label htmlFor={`due-${assignment.id}`}>{t("reviewDesk.card.newDue")}</label>
                      <input id={`due-${assignment.id}`} type="datetime-local" name="dueAt" defaultValue={assignment.dueInput} required />
                    </div>
                    <p>
                      <button type="submit">{t("reviewDesk.card.changeDue")}</button>
                    </p>
                  </Form>
                  {assignment.mayWithdraw ? (
                    <Form method="post" className="stack">
                      <input type="hidden" name="intent" value="withdraw" />
                      <input type="hidden" name="assignmentId" value={assignment.id} />
                      <input type="hidden" name="version" value={assignment.version} />
                      <div className="field">
                        <label htmlFor={`withdraw-${assignment.id}`}>{t("reviewDesk.card.withdrawReason")}</label>
                        <input id={`withdraw-${assignment.id}`} type="text" name="reason" required />
                      </div>
                      <p>
                        <button type="submit" className="danger">
                          {t("reviewDesk.card.withdraw")}
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
        <p className="empty">{t("reviewDesk.card.noReviewer")}</p>
      )}

      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="assign" />
        <input type="hidden" name="proposalId" value={proposal.id} />
        <div className="field-grid">
          {/* A whole row: each choice names the reviewer, affiliation, load and any conflict, and a cut one misleads. */}
          <div className="field" style={{ gridColumn: "1 / -1" }}>
            <label htmlFor={`reviewer-${proposal.id}`}>{t("reviewDesk.card.addReviewer")}</label>
            <span className="hint">{t("reviewDesk.card.addReviewerHint")}</span>
            <select id={`reviewer-${proposal.id}`} name="reviewerUserId" required defaultValue="">
              <option value="" disabled>
                {choosable.length ? t("reviewDesk.chooseReviewer") : t("reviewDesk.card.noneFree")}
              </option>
              {proposal.candidates.map((candidate) => (
                <option key={candidate.id} value={candidate.id} disabled={candidate.conflict !== null}>
                  {candidate.name}
                  {candidate.affiliation ? ` (${candidate.affiliation})` : ""} · {t("reviewDesk.card.load", { count: candidate.load })}
                  {candidate.conflict ? ` · ${t("reviewDesk.card.candidateConflict", { conflict: candidate.conflict })}` : ""}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`assign-due-${proposal.id}`}>{t("reviewDesk.card.assignDue")}</label>
            <input id={`assign-due-${proposal.id}`} type="datetime-local" name="dueAt" defaultValue={defaultDueAt} required />
          </div>
        </div>
        <p>
          <button type="submit" disabled={!choosable.length}>
            {t("reviewDesk.card.assign")}
          </button>
        </p>
      </Form>

      <h4>{t("reviewDesk.card.conflicts")}</h4>
      {proposal.conflicts.length ? (
        <ul className="plain">
          {proposal.conflicts.map((conflict, index) => (
            <li key={`${conflict.reviewerUserId}-${index}`}>
              <strong>{conflict.reviewerName}</strong> · {t(SOURCE_WORDS[conflict.source])}: <span {...(conflict.source === "declared" ? typed : {})}>{conflict.reason}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("reviewDesk.card.noConflict")}</p>
      )}
      {dismissable.length ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="dismissConflict" />
          <input type="hidden" name="proposalId" value={proposal.id} />
          <div className="field-grid">
            <div className="field">
              <label htmlFor={`dismiss-who-${proposal.id}`}>{t("reviewDesk.card.dismissFor")}</label>
              <select id={`dismiss-who-${proposal.id}`} name="reviewerUserId" required>
                {[...new Map(dismissable.map((conflict) => [conflict.reviewerUserId, conflict.reviewerName]))].map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`dismiss-reason-${proposal.id}`}>{t("reviewDesk.card.dismissReason")}</label>
              <input id={`dismiss-reason-${proposal.id}`} type="text" name="reason" required />
            </div>
          </div>
          <p>
            <button type="submit">{t("reviewDesk.card.dismiss")}</button>
          </p>
        </Form>
      ) : null}
    </section>
  );
}

export function AutoAssignForm({ minimumReviews, proposals }: { minimumReviews: number; proposals: number }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="card stack">
      <input type="hidden" name="intent" value="autoAssign" />
      <p>
        {t("reviewDesk.auto.give", { count: proposals })} {t("reviewDesk.auto.rules")}
      </p>
      <div className="field-grid">
        <div className="field">
          <label htmlFor="reviewers-per-proposal">{t("reviewDesk.auto.reviewersPerProposal")}</label>
          <input id="reviewers-per-proposal" type="number" name="reviewersPerProposal" min={1} max={10} defaultValue={minimumReviews} required />
        </div>
        <div className="field">
          <label htmlFor="cap">{t("reviewDesk.auto.cap")}</label>
          <span className="hint">{t("reviewDesk.auto.capHint")}</span>
          <input id="cap" type="number" name="cap" min={1} max={100} />
        </div>
      </div>
      <p>
        <button type="submit">{t("reviewDesk.auto.submit")}</button>
      </p>
    </Form>
  );
}

export function ConflictRuleForm({ reviewers, institutions }: { reviewers: { id: number; name: string }[]; institutions: { id: number; name: string }[] }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="card stack">
      <input type="hidden" name="intent" value="addRule" />
      <p>{t("reviewDesk.rule.intro")}</p>
      <div className="field-grid">
        <div className="field">
          <label htmlFor="rule-reviewer">{t("reviewDesk.rule.reviewer")}</label>
          <select id="rule-reviewer" name="reviewerUserId" required defaultValue="">
            <option value="" disabled>
              {t("reviewDesk.chooseReviewer")}
            </option>
            {reviewers.map((reviewer) => (
              <option key={reviewer.id} value={reviewer.id}>
                {reviewer.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="rule-institution">{t("reviewDesk.rule.institution")}</label>
          <select id="rule-institution" name="institutionId" required defaultValue="">
            <option value="" disabled>
              {t("reviewDesk.rule.chooseInstitution")}
            </option>
            {institutions.map((institution) => (
              <option key={institution.id} value={institution.id}>
                {institution.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="rule-reason">{t("reviewDesk.rule.reason")}</label>
          <input id="rule-reason" type="text" name="reason" required />
        </div>
      </div>
      <p>
        <button type="submit">{t("reviewDesk.rule.submit")}</button>
      </p>
    </Form>
  );
}
