import type { Actor } from "../../workflows/actors";
import type { ProposalEventType, ProposalSnapshot } from "../../workflows/proposal.machine";
import { allowedEvents, sendersAt } from "../../workflows/proposal.machine";
import type { SessionUser } from "./session.server";

// Every actor a person sends an event as is built here, from who they are: the statecharts
// judge the role and institution, the history records the person.

/** The ways this person can act: one actor per role they hold. */
export function actorsOf(user: SessionUser): Actor[] {
  return user.memberships.map((m) => ({ userId: user.id, role: m.role, institutionId: m.role === "applicant" ? m.institutionId : null }));
}

/** The actor a person acts as for a proposal's lead institution (the statechart checks who they are). */
export function leadActor(user: { id: number }, proposal: { leadInstitutionId: number }): Actor {
  return { userId: user.id, role: "applicant", institutionId: proposal.leadInstitutionId };
}

/** The actor an administrator acts as: the TAF team. */
export function administratorActor(user: { id: number }): Actor {
  return { userId: user.id, role: "administrator", institutionId: null };
}

/** The events this person may send now, each with the actor that may send it. */
export function availableActions(user: SessionUser, snapshot: ProposalSnapshot) {
  const actions = new Map<ProposalEventType, Actor>();
  for (const actor of actorsOf(user)) {
    for (const type of allowedEvents(snapshot, actor)) if (!actions.has(type)) actions.set(type, actor);
  }
  return actions;
}

/**
 * The actor this person sends an event as: the role of theirs that may send it, or else their
 * first, so that the statechart refuses with its reason (e.g. "Only administrators may …").
 */
export function actorFor(user: SessionUser, snapshot: ProposalSnapshot, type: ProposalEventType): Actor {
  return availableActions(user, snapshot).get(type) ?? actorsOf(user)[0] ?? { userId: user.id, role: "applicant", institutionId: null };
}

/**
 * Whether a proposal at this stored state waits for this person, as the statechart says who
 * moves it on from there: the TAF team for an administrator, the lead institution for its
 * applicants. Lists mark such rows "your turn" from the state column alone.
 */
export function yourTurnFor(user: SessionUser) {
  const actors = actorsOf(user);
  const administrator = actors.some((actor) => actor.role === "administrator");
  const leads = new Set(actors.flatMap((actor) => (actor.role === "applicant" && actor.institutionId !== null ? [actor.institutionId] : [])));
  return (state: string, leadInstitutionId: number) =>
    sendersAt(state).some((sender) => (sender === "administrator" ? administrator : sender === "leadApplicant" && leads.has(leadInstitutionId)));
}
