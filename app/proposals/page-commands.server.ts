import type { TFunction } from "i18next";
import type { PageLanguage } from "../../workflows/languages";
import { stageLabelFor } from "../../workflows/proposal-stages";
import type { ProposalCommand } from "../../workflows/proposal-events";
import { actorFor } from "../auth/actors.server";
import { stageAudienceOf } from "../permissions.server";
import type { SessionUser } from "../auth/session.server";
import type { CommandForm } from "./command-schema";
import { commandSchema } from "./command-schema";
import type { Participation } from "./participation.server";
import { recordDecisionOnProposal } from "../reviews/decisions.server";
import { applyProposalCommand } from "./workflow.server";
import { translateMessage } from "../i18n.server";

// An event sent from the proposal page's forms: the form is parsed, the statechart applied, and
// the answer says what happened beside the form that sent it.

export type CommandReply = {
  event: string;
  values: Record<string, string>;
  fieldErrors: Record<string, string[]>;
  formError: string | null;
  done: string | null;
};

/** `t` and `language`: the page's, for the refusals and the answers beside the form. */
export function sendFromProposalPage(
  user: SessionUser,
  participation: Participation,
  form: Record<string, string>,
  t: TFunction,
  language: PageLanguage,
): CommandReply {
  const reply = (partial: Partial<CommandReply>): CommandReply => ({ event: form.event ?? "", values: form, fieldErrors: {}, formError: null, done: null, ...partial });
  const parsed = commandSchema.safeParse(form);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "")] ??= []).push(translateMessage(issue.message, t));
    return reply({ fieldErrors, formError: fieldErrors.event ? t("proposalCommands.unknownAction") : null });
  }
  if (parsed.data.event === "DECIDE") {
    // A decision is held until the round's decisions are released together: nothing reaches the applicants before.
    // The page's form says which version of the proposal and of its held decision it showed.
    const { outcome, priority, reason, sharedFeedback } = parsed.data;
    const seen = { decision: Number(form.heldVersion), proposal: Number(form.version) };
    const held = recordDecisionOnProposal(user, participation.proposalId, { outcome, priority: priority === "on", reason, sharedFeedback }, { seen });
    if (held.refused[0]) return reply({ formError: held.refused[0].message });
    return reply({ values: {}, done: t("proposalCommands.decisionHeld") });
  }
  const outcome = applyProposalCommand({
    proposalId: participation.proposalId,
    expectedVersion: Number(form.version),
    actor: actorFor(user, participation.snapshot, parsed.data.event),
    command: toCommand(parsed.data),
    words: { t, language },
  });
  if (!outcome.ok) return reply({ formError: outcome.message });
  // No audit row: the proposal's own history records who did what.
  return reply({ values: {}, done: t("proposalCommands.done", { stage: stageLabelFor(outcome.state, stageAudienceOf(user), t) }) });
}

function toCommand(form: CommandForm): ProposalCommand {
  if (form.event === "REQUEST_CLARIFICATION") {
    return { type: form.event, question: form.question, dueAt: new Date(Date.now() + form.days * 24 * 60 * 60 * 1000) };
  }
  if (form.event === "DISCARD") return { type: "DISCARD" };
  const { event, ...rest } = form;
  return { type: event, ...rest } as ProposalCommand;
}
