import { inEnglish } from "../../workflows/in-english";
import { adjacencyMapToArray, getAdjacencyMap } from "@xstate/graph";
import { describe, expect, it } from "vitest";
import type { Actor } from "../../workflows/actors";
import type { AssignmentEvent, AssignmentSnapshot } from "../../workflows/assignment.machine";
import {
  allowedAssignmentEvents,
  ASSIGNMENT_MACHINE_VERSION,
  ASSIGNMENT_STATES_HOLDING_A_PLACE,
  assignmentMachine,
  assignmentRefusalOf,
  initialAssignmentSnapshot,
  persistAssignment,
  restoreAssignment,
  stepAssignment,
} from "../../workflows/assignment.machine";

// The review assignment's statechart: the assigned reviewer answers it, an administrator may
// take it back, and a review is submitted only complete and while the EU review is open.

const REVIEWER = 20;
const actors = {
  assignedReviewer: { userId: REVIEWER, role: "reviewer", institutionId: null },
  otherReviewer: { userId: 21, role: "reviewer", institutionId: null },
  administrator: { userId: 1, role: "administrator", institutionId: null },
  applicant: { userId: 10, role: "applicant", institutionId: 1 },
} satisfies Record<string, Actor>;

const start = () => initialAssignmentSnapshot({ reviewerUserId: REVIEWER });

function run(...events: AssignmentEvent[]): AssignmentSnapshot {
  let snapshot = start();
  for (const event of events) {
    const step = stepAssignment(snapshot, event);
    if (!step.accepted) throw new Error(`${event.type} refused: ${step.reason}`);
    snapshot = step.snapshot;
  }
  return snapshot;
}

const me = actors.assignedReviewer;
const complete = { type: "SUBMIT_REVIEW", actor: me, reviewOpen: true, missingParts: [] } as const satisfies AssignmentEvent;

describe("the assignment statechart", () => {
  it("opens the proposal only after the reviewer declares no conflict, and counts a complete review", () => {
    expect(start().value).toBe("invited");
    expect(run({ type: "DECLARE_NO_CONFLICT", actor: me }).value).toBe("reviewing");
    expect(run({ type: "DECLARE_NO_CONFLICT", actor: me }, { ...complete, missingParts: [] }).value).toBe("submitted");
  });

  it("lets only the assigned reviewer answer, and says who may", () => {
    const step = stepAssignment(start(), { type: "DECLARE_NO_CONFLICT", actor: actors.otherReviewer });
    expect(step).toMatchObject({ accepted: false, reason: "Only the assigned reviewer may declare no conflict of interest." });
    expect(allowedAssignmentEvents(start(), actors.otherReviewer)).toEqual([]);
    expect(allowedAssignmentEvents(start(), actors.applicant)).toEqual([]);
    expect(allowedAssignmentEvents(start(), actors.administrator)).toEqual(["WITHDRAW_ASSIGNMENT"]);
  });

  it("refuses an incomplete review, or one after the review closed, with the reason in words", () => {
    const reviewing = run({ type: "DECLARE_NO_CONFLICT", actor: me });
    expect(stepAssignment(reviewing, { ...complete, missingParts: ["the recommendation", "your confidence"] })).toMatchObject({
      accepted: false,
      reason: "These parts of the review are not answered: the recommendation and your confidence.",
    });
    expect(stepAssignment(reviewing, { ...complete, reviewOpen: false })).toMatchObject({
      accepted: false,
      reason: "The EU review of this proposal is closed: it takes no more reviews.",
    });
    const submitted = run({ type: "DECLARE_NO_CONFLICT", actor: me }, complete);
    expect(stepAssignment(submitted, { type: "REOPEN_REVIEW", actor: me, reviewOpen: false }).accepted).toBe(false);
    expect(stepAssignment(submitted, { type: "REOPEN_REVIEW", actor: me, reviewOpen: true }).snapshot.value).toBe("reviewing");
  });

  it("needs a reason to decline, to declare a conflict and to withdraw, and ends there", () => {
    expect(stepAssignment(start(), { type: "DECLINE", actor: me, reason: "  " })).toMatchObject({ accepted: false, reason: "A reason is required." });
    const conflicted = run({ type: "DECLARE_CONFLICT", actor: me, reason: "I worked with the lead's unit last year." });
    expect(conflicted.value).toBe("conflicted");
    expect(assignmentRefusalOf(conflicted, "DECLARE_NO_CONFLICT", me, inEnglish)).toBe("This assignment has ended (Conflict of interest): nothing more can happen to it.");
    expect(run({ type: "WITHDRAW_ASSIGNMENT", actor: actors.administrator, reason: "Replaced." }).value).toBe("withdrawn");
  });

  it("frees the place of a declined, conflicted or withdrawn assignment only", () => {
    expect([...ASSIGNMENT_STATES_HOLDING_A_PLACE].sort()).toEqual(["invited", "reviewing", "submitted"]);
  });

  it("survives a round trip through storage, and refuses a stored snapshot of an unknown version", () => {
    const reviewing = run({ type: "DECLARE_NO_CONFLICT", actor: me });
    const stored = JSON.parse(JSON.stringify(persistAssignment(reviewing)));
    const restored = restoreAssignment(stored, ASSIGNMENT_MACHINE_VERSION);
    expect(restored.value).toBe("reviewing");
    expect(restored.context).toEqual({ reviewerUserId: REVIEWER });
    expect(stepAssignment(restored, complete).snapshot.value).toBe("submitted");
    expect(() => restoreAssignment(stored, ASSIGNMENT_MACHINE_VERSION + 1)).toThrow(/version 2 of the review assignment workflow/);
  });

  it("reaches every state from the start with the sample events", () => {
    const samples: AssignmentEvent[] = [
      { type: "DECLARE_NO_CONFLICT", actor: me },
      { type: "DECLARE_CONFLICT", actor: me, reason: "A former colleague leads it." },
      { type: "DECLINE", actor: me, reason: "On leave." },
      complete,
      { type: "REOPEN_REVIEW", actor: me, reviewOpen: true },
      { type: "WITHDRAW_ASSIGNMENT", actor: actors.administrator, reason: "Replaced." },
    ];
    const map = getAdjacencyMap(assignmentMachine, { input: { reviewerUserId: REVIEWER }, events: samples, serializeState: (state) => JSON.stringify(state.value) });
    const reached = new Set(adjacencyMapToArray(map).flatMap((step) => [JSON.stringify(step.state.value), JSON.stringify(step.nextState.value)]));
    expect([...reached].sort()).toEqual(Object.keys(assignmentMachine.states).map((state) => JSON.stringify(state)).sort());
  });
});
