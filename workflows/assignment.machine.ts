/**
 * One reviewer's assignment to one proposal (issue 8, ARCHITECTURE.md "Reviews follow the
 * partners' precedent"): invited → reviewing → submitted, or declined, conflicted, withdrawn.
 *
 * The reviewer first sees only who takes part and declares whether they have a conflict of
 * interest; only "no conflict" opens the proposal to them. A submitted review can be reopened
 * and edited while the proposal's EU review still takes reviews. Saving a draft of the review is
 * not a state change (as a proposal's content is not). Like the other machines, it is pure, and
 * every event carries its actor and the facts its guards need.
 */
import type { Translate } from "./words";
import { initialTransition, setup } from "xstate";
import type { SnapshotFrom } from "xstate";
import type { Standing } from "./actors";
import type { AssignmentEvent, AssignmentEventType } from "./assignment-events";
import { ASSIGNMENT_EVENTS, ASSIGNMENT_SENDER_WORDS } from "./assignment-events";
import { guardsFrom, machinePlumbing, ruleMaker } from "./machine-kit";
import type { Message, Refusal } from "./machine-kit";

export type { AssignmentEvent, AssignmentEventType } from "./assignment-events";

export const ASSIGNMENT_MACHINE_VERSION = 1;

export interface AssignmentInput {
  reviewerUserId: number;
}

/** Whose assignment it is: only that reviewer answers it. */
export interface AssignmentContext {
  reviewerUserId: number;
}

/** Who is asking: a standing, and for a person their user id (the reviewer is one person, not a role). */
type Asking = Standing & { userId?: number | null };

function mayWho(context: AssignmentContext, type: AssignmentEventType, who: Asking): boolean {
  switch (ASSIGNMENT_EVENTS[type].by) {
    case "assignedReviewer":
      return who.role === "reviewer" && who.userId === context.reviewerUserId;
    case "administrator":
      return who.role === "administrator";
  }
}

// The refusals are catalogue keys with their values (locales/<language>/workflow.json, section
// refusals). The event's action and its senders are still English (assignment-events.ts): a value.
function refuseWho(_: AssignmentContext, type: AssignmentEventType): Message {
  const { by, action } = ASSIGNMENT_EVENTS[type];
  return { key: "refusals.assignment.onlySenders", values: { senders: ASSIGNMENT_SENDER_WORDS[by], action } };
}

const rule = ruleMaker<AssignmentContext, AssignmentEvent>((context, event) =>
  mayWho(context, event.type, event.actor) ? null : refuseWho(context, event.type),
);

/** `key`: the whole sentence that says what is missing. */
function refuseBlank(text: string, key: string): Refusal {
  return text.trim() === "" ? { key } : null;
}

const CLOSED: Message = { key: "refusals.assignment.reviewClosed" };

/** Every guard of the machine, as "why not?" (null means allowed). */
const assignmentRules = {
  mayDeclareNoConflict: rule("DECLARE_NO_CONFLICT", () => null),
  mayDeclareConflict: rule("DECLARE_CONFLICT", (_, event) => refuseBlank(event.reason, "refusals.assignment.conflictRequired")),
  mayDecline: rule("DECLINE", (_, event) => refuseBlank(event.reason, "refusals.assignment.reasonRequired")),
  maySubmitReview: rule("SUBMIT_REVIEW", (_, event) => {
    if (!event.reviewOpen) return CLOSED;
    return event.missingParts.length ? { key: "refusals.assignment.missingParts", values: { parts: { list: event.missingParts } } } : null;
  }),
  mayReopenReview: rule("REOPEN_REVIEW", (_, event) => (event.reviewOpen ? null : CLOSED)),
  mayWithdraw: rule("WITHDRAW_ASSIGNMENT", (_, event) => refuseBlank(event.reason, "refusals.assignment.reasonRequired")),
};

const guards = guardsFrom<AssignmentContext, AssignmentEvent, typeof assignmentRules>(assignmentRules);

const withdraw = { WITHDRAW_ASSIGNMENT: { target: "withdrawn", guard: "mayWithdraw" } } as const;

export const assignmentMachine = setup({
  types: {
    context: {} as AssignmentContext,
    events: {} as AssignmentEvent,
    input: {} as AssignmentInput,
    // The label and the descriptions are catalogue keys (locales/<language>/workflow.json).
    meta: {} as { label: string },
  },
  guards,
}).createMachine({
  id: "assignment",
  context: ({ input }) => ({ reviewerUserId: input.reviewerUserId }),
  initial: "invited",
  states: {
    invited: {
      meta: { label: "assignmentStates.invited.label" },
      description: "assignmentStates.invited.description",
      on: {
        DECLARE_NO_CONFLICT: { target: "reviewing", guard: "mayDeclareNoConflict" },
        DECLARE_CONFLICT: { target: "conflicted", guard: "mayDeclareConflict" },
        DECLINE: { target: "declined", guard: "mayDecline" },
        ...withdraw,
      },
    },
    reviewing: {
      meta: { label: "assignmentStates.reviewing.label" },
      description: "assignmentStates.reviewing.description",
      on: {
        SUBMIT_REVIEW: { target: "submitted", guard: "maySubmitReview" },
        DECLINE: { target: "declined", guard: "mayDecline" },
        ...withdraw,
      },
    },
    submitted: {
      meta: { label: "assignmentStates.submitted.label" },
      description: "assignmentStates.submitted.description",
      on: { REOPEN_REVIEW: { target: "reviewing", guard: "mayReopenReview" } },
    },
    declined: { type: "final", meta: { label: "assignmentStates.declined.label" }, description: "assignmentStates.declined.description" },
    conflicted: { type: "final", meta: { label: "assignmentStates.conflicted.label" }, description: "assignmentStates.conflicted.description" },
    withdrawn: { type: "final", meta: { label: "assignmentStates.withdrawn.label" }, description: "assignmentStates.withdrawn.description" },
  },
});

export type AssignmentSnapshot = SnapshotFrom<typeof assignmentMachine>;

/** The machine is flat: its states are these names, typed from the machine itself. */
export type AssignmentState = AssignmentSnapshot["value"];

export function initialAssignmentSnapshot(input: AssignmentInput): AssignmentSnapshot {
  return initialTransition(assignmentMachine, input)[0];
}

export function persistAssignment(snapshot: AssignmentSnapshot) {
  return assignmentMachine.getPersistedSnapshot(snapshot);
}

const plumbing = machinePlumbing<typeof assignmentMachine, AssignmentContext>({
  machine: assignmentMachine,
  name: "review assignment",
  version: ASSIGNMENT_MACHINE_VERSION,
  rules: assignmentRules,
  mayWho,
  refuseWho,
  stateName: (snapshot) => ({ key: assignmentMachine.states[snapshot.value]?.meta?.label ?? snapshot.value }),
  finished: (state) => ({ key: "refusals.assignment.ended", values: { state } }),
  unavailable: (type, state) => ({ key: "refusals.assignment.unavailable", values: { action: ASSIGNMENT_EVENTS[type].action, state } }),
});

export const restoreAssignment = plumbing.restore;
export const stepAssignment = plumbing.step;
export const allowedAssignmentEvents = plumbing.allowedEvents;
/** Why this person may not send this event now, in the reader's words (English by default); null when they may. */
export const assignmentRefusalOf = plumbing.refusalOf;
/** The same refusal as a catalogue key and values, for a page to put in its reader's words. */
export const assignmentRefusalMessageOf = plumbing.refusalMessageOf;

export function assignmentStateLabelOf(state: string, t: Translate): string {
  const key = assignmentMachine.states[state]?.meta?.label;
  return key ? t(key) : state;
}

/** The states whose assignment still holds a reviewer's place on the proposal (not declined, conflicted or withdrawn). */
export const ASSIGNMENT_STATES_HOLDING_A_PLACE: readonly AssignmentState[] = (Object.keys(assignmentMachine.states) as AssignmentState[]).filter(
  (state) => assignmentMachine.states[state]!.type !== "final",
);
