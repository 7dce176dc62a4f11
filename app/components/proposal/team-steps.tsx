import { useTranslation } from "../../translation";
import { ActionForm } from "./action-form";

type Step = Parameters<typeof ActionForm>[0]["action"] & { type: string };

/**
 * The TAF team's next step on the page where it reads the work (approve or ask for a revision of
 * the concept note or the completion report, start or resume implementation). The forms go to
 * the proposal page, which says what was done (or why not, with the text kept) beside them.
 */
export function TeamSteps({ steps, proposalId, version }: { steps: Step[]; proposalId: number; version: number }) {
  const { t } = useTranslation();
  if (steps.length === 0) return null;
  return (
    <section aria-labelledby="team-steps-heading" className="next-step yours">
      <h2 id="team-steps-heading">{t("teamSteps.heading")}</h2>
      <p>{t("teamSteps.intro")}</p>
      <div className="action-forms">
        {steps.map((step) => (
          <ActionForm key={step.type} action={step} version={version} to={`/proposals/${proposalId}?index`} />
        ))}
      </div>
    </section>
  );
}
