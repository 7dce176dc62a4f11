import { Link } from "@remix-run/react";
import { DueBy } from "../deadline";

/**
 * The TAF team's open question, at the top of the proposal page: its words, when the answer is
 * due and how long is left. Only the lead institution answers; everyone else reads it.
 */
export function ClarificationRequest({
  clarification,
  internal,
}: {
  /** `answerAt`: where the lead answers, null for whoever may not answer. */
  clarification: { question: string; dueAt: string | null; now: string; answerAt: string | null; mayComment: boolean };
  /** The TAF team reads its own question as asked, not as addressed to them. */
  internal: boolean;
}) {
  return (
    <section aria-labelledby="clarification-heading" className="notice warning clarification">
      <h2 id="clarification-heading">{internal ? "Your question to the lead institution" : "The TAF team asks for clarification"}</h2>
      {clarification.question ? <blockquote className="prose">{clarification.question}</blockquote> : null}
      {clarification.dueAt ? <DueBy at={clarification.dueAt} now={clarification.now} /> : null}
      {clarification.answerAt ? (
        <p>
          You may edit the proposal and its partners until then; your answer goes with it when you resubmit. <Link to={clarification.answerAt}>Answer the question and resubmit</Link>.
        </p>
      ) : internal ? (
        <p>The lead institution answers and resubmits; if no answer comes by the due date, the proposal comes back to you to decide.</p>
      ) : (
        <p>Only the lead institution answers it and resubmits the proposal.{clarification.mayComment ? " You can tell them what to add in the comments." : ""}</p>
      )}
    </section>
  );
}
