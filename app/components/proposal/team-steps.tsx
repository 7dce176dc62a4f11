import { ActionForm } from "./action-form";

type Step = Parameters<typeof ActionForm>[0]["action"] & { type: string };

/**
 * The TAF team's decision on the document it has just read, on the same page. The forms go to
 * the proposal page, which says what was done (or why not, with the text kept) beside them.
 */
export function TeamSteps({ steps, proposalId, version, what }: { steps: Step[]; proposalId: number; version: number; what: string }) {
  if (steps.length === 0) return null;
  return (
    <section aria-labelledby="team-steps-heading" className="next-step yours">
      <h2 id="team-steps-heading">Your decision on the {what}</h2>
      <p>It waits for you. Read it below, then choose; the lead institution and its partners get an e-mail.</p>
      <div className="action-forms">
        {steps.map((step) => (
          <ActionForm key={step.type} action={step} version={version} to={`/proposals/${proposalId}?index`} />
        ))}
      </div>
    </section>
  );
}
