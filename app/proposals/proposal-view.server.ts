import { desc, eq } from "drizzle-orm";
import { countries, eligibilityChecks, institutions, proposalEvents, proposalPartners, proposals, rounds, users } from "../../db/schema";
import { formatBrussels } from "../../workflows/time";
import type { Actor } from "../../workflows/actors";
import type { CriterionResult } from "../../workflows/eligibility";
import { jointCountries } from "../../workflows/eligibility";
import type { ProposalEventType, ProposalSnapshot } from "../../workflows/proposal.machine";
import { allowedEvents, PROPOSAL_ACTIONS, PROPOSAL_PERMISSIONS, proposalMachine, stateLabel } from "../../workflows/proposal.machine";
import type { Participation } from "./participation.server";
import { drawStatechart } from "../../workflows/statechart-svg";
import type { SessionUser } from "../auth/session.server";
import { proposalDocuments } from "./documents.server";
import { db } from "../db.server";
import { can } from "../permissions.server";

// What the proposal page shows, shaped for the person looking: applicants never see who in the
// TAF team or among reviewers acted, internal reasons, or the automatic check's details.

/** The ways this person can act on a proposal: one actor per role they hold. */
function actorsFor(user: SessionUser): Actor[] {
  return user.memberships.map((m) => ({
    userId: user.id,
    role: m.role,
    institutionId: m.role === "applicant" ? m.institutionId : null,
  }));
}

/** The events this person may send now, each with the actor that may send it. */
export function availableActions(user: SessionUser, snapshot: ProposalSnapshot) {
  const actions = new Map<ProposalEventType, Actor>();
  for (const actor of actorsFor(user)) {
    for (const type of allowedEvents(snapshot, actor)) if (!actions.has(type)) actions.set(type, actor);
  }
  return actions;
}

// The history reads as sentences: "<who> <did what>".
const HISTORY_WORDS: Record<ProposalEventType | "CREATE", string> = {
  CREATE: "started the draft",
  SUBMIT: "submitted the proposal",
  ELIGIBILITY_CHECKED: "ran the automatic eligibility check",
  CONFIRM_ELIGIBLE: "confirmed that the proposal is eligible",
  DECLARE_INELIGIBLE: "declared the proposal ineligible",
  REQUEST_CLARIFICATION: "asked for clarification",
  RESPOND: "answered the clarification request and resubmitted",
  CLARIFICATION_EXPIRED: "noted that the clarification request expired unanswered",
  START_REVIEW: "started the EU review",
  CLOSE_REVIEW: "closed the EU review",
  DECIDE: "decided on selection",
  SUBMIT_CONCEPT: "submitted the concept note",
  REQUEST_REVISION: "asked for a revision",
  APPROVE_CONCEPT: "approved the concept note",
  START: "started implementation",
  HOLD: "put implementation on hold",
  RESUME: "resumed implementation",
  SUBMIT_REPORT: "submitted the completion report",
  COMPLETE: "completed the proposal",
  WITHDRAW: "withdrew the proposal",
  DISCARD: "discarded the draft",
};

/** The main stages in order, from the statechart itself: passed, current or still ahead. */
function stagesOf(state: string, visited: string[]) {
  const current = state.split(".")[0]!;
  const seen = new Set(visited.map((path) => path.split(".")[0]));
  const main = Object.entries(proposalMachine.root.states).filter(([, node]) => node.type !== "final");
  const finalNode = proposalMachine.root.states[current];
  return {
    steps: main.map(([key, node]) => ({
      key,
      label: node.config.meta?.label ?? key,
      status: key === current ? "current" : seen.has(key) ? "passed" : "upcoming",
    })),
    outcome: finalNode?.type === "final" ? (finalNode.config.meta?.label ?? current) : null,
  };
}

// Reasons and texts that the applicants are meant to read; other payload text stays internal.
const SHARED_TEXT: Partial<Record<ProposalEventType, string[]>> = {
  REQUEST_CLARIFICATION: ["question"],
  RESPOND: ["message"],
  DECLARE_INELIGIBLE: ["reason"],
  DECIDE: ["sharedFeedback"],
  REQUEST_REVISION: ["reason"],
  SUBMIT_CONCEPT: ["answer"],
  HOLD: ["reason"],
  WITHDRAW: ["reason"],
};
const INTERNAL_TEXT: Partial<Record<ProposalEventType, string[]>> = {
  CONFIRM_ELIGIBLE: ["reason"],
  DECIDE: ["reason"],
};

/** The proposal page; the snapshot is the one the permission check already restored. */
export function proposalPage(participation: Participation, user: SessionUser) {
  const { proposalId, snapshot } = participation;
  const internal = can(user, "viewInternalNotes");
  const proposal = db()
    .select({
      proposal: proposals,
      roundTitle: rounds.title,
      roundCode: rounds.code,
      leadName: institutions.name,
      leadCountryCode: institutions.countryCode,
    })
    .from(proposals)
    .innerJoin(rounds, eq(rounds.id, proposals.roundId))
    .innerJoin(institutions, eq(institutions.id, proposals.leadInstitutionId))
    .where(eq(proposals.id, proposalId))
    .get()!;
  const partners = db()
    .select({
      institutionId: proposalPartners.institutionId,
      name: institutions.name,
      countryCode: institutions.countryCode,
      status: proposalPartners.status,
      statement: proposalPartners.statement,
    })
    .from(proposalPartners)
    .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
    .where(eq(proposalPartners.proposalId, proposalId))
    .orderBy(institutions.countryCode, institutions.name)
    .all();
  const countryRows = db().select().from(countries).orderBy(countries.sortOrder).all();
  const country = (code: string) => {
    const row = countryRows.find((c) => c.code === code);
    return { name: row?.name ?? code, needsFootnote: row?.needsDesignationFootnote ?? false };
  };

  const history = db()
    .select({ event: proposalEvents, actorName: users.name })
    .from(proposalEvents)
    .leftJoin(users, eq(users.id, proposalEvents.actorUserId))
    .where(eq(proposalEvents.proposalId, proposalId))
    .orderBy(proposalEvents.id)
    .all();

  const visited = history.map((h) => h.event.toState).filter((path) => path !== "");
  const joint = jointCountries(proposal.leadCountryCode, partners);
  const latestCheck = internal
    ? db().select().from(eligibilityChecks).where(eq(eligibilityChecks.proposalId, proposalId)).orderBy(desc(eligibilityChecks.id)).get()
    : undefined;
  const currentNode = proposalMachine.getStateNodeById(`proposal.${proposal.proposal.state}`);

  return {
    id: proposalId,
    version: proposal.proposal.version,
    reference: proposal.proposal.reference,
    title: proposal.proposal.title,
    content: proposalDocuments(proposal.proposal.content).answers,
    round: { title: proposal.roundTitle, code: proposal.roundCode },
    state: proposal.proposal.state,
    stateLabel: stateLabel(snapshot),
    stateDescription: currentNode.description ?? currentNode.parent?.description ?? "",
    finished: snapshot.status === "done",
    nextActor: nextActor(snapshot, proposal.proposal.leadInstitutionId),
    clarificationDue: proposal.proposal.clarificationDueAt ? formatBrussels(proposal.proposal.clarificationDueAt) : null,
    lead: { name: proposal.leadName, country: country(proposal.leadCountryCode) },
    partners: partners.map((p) => ({ ...p, country: country(p.countryCode) })),
    jointCountries: joint.map(country),
    isJoint: joint.length >= 2,
    stages: stagesOf(proposal.proposal.state, visited),
    statechart: drawStatechart(proposalMachine, {
      current: proposal.proposal.state,
      visited,
      title: `Where ${proposal.proposal.reference ?? "this proposal"} is in the TAF process`,
    }),
    history: history.map(({ event, actorName }) => ({
        id: event.id,
        at: formatBrussels(event.at),
        what: HISTORY_WORDS[event.type as ProposalEventType | "CREATE"] ?? event.type,
        who: actorLabel(event.actorRole, actorName, internal),
        from: event.fromState,
        to: event.toState,
        texts: texts(event.type as ProposalEventType, event.payload, internal),
        dueAt: event.type === "REQUEST_CLARIFICATION" && typeof event.payload.dueAt === "string" ? formatBrussels(new Date(event.payload.dueAt)) : null,
      })),
    eligibility: latestCheck
      ? { at: formatBrussels(latestCheck.at), overall: latestCheck.overall, results: latestCheck.results as CriterionResult[] }
      : null,
    actions: [...availableActions(user, snapshot).keys()].map((type) => ({ type, label: PROPOSAL_ACTIONS[type], by: PROPOSAL_PERMISSIONS[type] })),
  };
}

// Steps that stop or pause a proposal rather than move it on: they do not say who acts next.
const SIDE_STEPS: ProposalEventType[] = ["WITHDRAW", "DISCARD", "HOLD"];

/** Who moves the proposal on from here, in words, as the statechart says. */
function nextActor(snapshot: ProposalSnapshot, leadInstitutionId: number) {
  const moves = (actor: Actor) => allowedEvents(snapshot, actor).filter((type) => !SIDE_STEPS.includes(type)).length > 0;
  const lead = moves({ userId: 0, role: "applicant", institutionId: leadInstitutionId });
  const team = moves({ userId: 0, role: "administrator", institutionId: null });
  if (lead && team) return "the lead institution or the TAF team";
  if (lead) return "the lead institution";
  if (team) return "the TAF team";
  return null;
}

function actorLabel(role: string, name: string | null, internal: boolean) {
  if (role === "system") return "The portal";
  if (role === "administrator") return internal && name ? `${name} (TAF team)` : "The TAF team";
  if (role === "reviewer") return internal && name ? `${name} (reviewer)` : "A reviewer";
  return name ?? "An applicant";
}

function texts(type: ProposalEventType, payload: Record<string, unknown>, internal: boolean) {
  const keys = [...(SHARED_TEXT[type] ?? []), ...(internal ? (INTERNAL_TEXT[type] ?? []) : [])];
  return keys.flatMap((key) => {
    const value = payload[key];
    if (typeof value !== "string" || value.trim() === "") return [];
    const shared = SHARED_TEXT[type]?.includes(key) ?? false;
    return [{ label: textLabel(type, key), text: value, internal: !shared }];
  });
}

function textLabel(type: ProposalEventType, key: string) {
  if (key === "question") return "Question";
  if (key === "message") return "Answer";
  if (key === "answer") return "Answer to the revision request";
  if (key === "sharedFeedback") return "Feedback";
  if (type === "DECIDE" || type === "CONFIRM_ELIGIBLE") return "Internal reason";
  return "Reason";
}
