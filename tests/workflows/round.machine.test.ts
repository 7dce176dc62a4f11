import { adjacencyMapToArray, getAdjacencyMap } from "@xstate/graph";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { translatorFor } from "../../workflows/messages";
import { inEnglish } from "../../workflows/in-english";
import type { Actor } from "../../workflows/actors";
import {
  allowedRoundEvents,
  initialRoundSnapshot,
  persistRound,
  restoreRound,
  ROUND_MACHINE_VERSION,
  roundRefusalOf,
  roundMachine,
  roundStateLabel,
  roundStatePath,
  stepRound,
} from "../../workflows/round.machine";
import type { RoundContext, RoundEvent, RoundMode, RoundSnapshot } from "../../workflows/round.machine";

const actors = {
  administrator: { userId: 1, role: "administrator", institutionId: null },
  system: { userId: 0, role: "system", institutionId: null },
  applicant: { userId: 10, role: "applicant", institutionId: 1 },
  reviewer: { userId: 20, role: "reviewer", institutionId: null },
  countryAdvisor: { userId: 30, role: "countryAdvisor", institutionId: null },
} satisfies Record<string, Actor>;
const everyone: Actor[] = Object.values(actors);

const EXPECTED: Record<string, string> = {
  "planned OPEN": "open",
  "open CLOSE": "closed",
  "closed REOPEN": "open",
  "closed ARCHIVE": "archived",
  "planned CANCEL": "cancelled",
};

/** The round rules of issue 3, restated independently of the machine. */
function obeysRules(event: RoundEvent, context: RoundContext): boolean {
  const { role } = event.actor;
  const time = Date.parse;
  switch (event.type) {
    case "OPEN":
      return role === "administrator" || (role === "system" && time(event.now) >= time(event.opensAt));
    case "CLOSE":
      return (
        role === "administrator" ||
        (role === "system" && context.mode === "deadline" && event.closesAt !== null && time(event.now) >= time(event.closesAt))
      );
    case "REOPEN":
      return (
        role === "administrator" &&
        event.reason.trim() !== "" &&
        (context.mode === "rolling"
          ? event.closesAt === null
          : event.closesAt !== null && time(event.closesAt) > time(event.now))
      );
    case "ARCHIVE":
      return role === "administrator";
    case "CANCEL":
      return role === "administrator" && event.reason.trim() !== "";
  }
}

const OPENS = "2026-09-01T00:00:00.000Z";
const CLOSES = "2026-10-15T22:00:00.000Z";
const BEFORE = "2026-08-31T12:00:00.000Z";
const BETWEEN = "2026-10-01T12:00:00.000Z";
const AFTER = "2026-10-20T12:00:00.000Z";

const facts: Record<RoundEvent["type"], object[]> = {
  OPEN: [BEFORE, OPENS, BETWEEN].map((now) => ({ now, opensAt: OPENS })),
  CLOSE: [BETWEEN, CLOSES, AFTER].flatMap((now) => [{ now, closesAt: CLOSES }, { now, closesAt: null }]),
  REOPEN: [
    { now: AFTER, closesAt: "2026-11-01T12:00:00.000Z", reason: "The portal was down on the last day." },
    { now: AFTER, closesAt: "2026-11-01T12:00:00.000Z", reason: " " },
    { now: AFTER, closesAt: BETWEEN, reason: "Too late to reopen." },
    { now: AFTER, closesAt: null, reason: "Intake goes on." },
  ],
  ARCHIVE: [{}],
  CANCEL: [{ reason: "The funding for this call was moved to the next year." }, { reason: "  " }],
};

const sampleEvents = Object.entries(facts).flatMap(([type, variants]) =>
  variants.flatMap((variant) => everyone.map((actor) => ({ type, actor, ...variant }) as RoundEvent)),
);

function walkGraph(mode: RoundMode) {
  const graph = getAdjacencyMap(roundMachine, {
    input: { mode },
    events: sampleEvents,
    serializeState: (snapshot) => JSON.stringify(snapshot.value),
  });
  return {
    states: Object.values(graph).map(({ state }) => state),
    edges: adjacencyMapToArray(graph),
  };
}

function databaseRoundTrip(snapshot: RoundSnapshot): RoundSnapshot {
  return restoreRound(JSON.parse(JSON.stringify(persistRound(snapshot))), ROUND_MACHINE_VERSION);
}

describe.each(["deadline", "rolling"] as const)("a %s round, walked by @xstate/graph", (mode) => {
  const { states, edges } = walkGraph(mode);

  it("reaches every state", () => {
    expect(states.map(roundStatePath).sort()).toEqual(["archived", "cancelled", "closed", "open", "planned"]);
  });

  it("takes every transition, and only when the rules allow", () => {
    const taken = new Set<string>();
    for (const { state, event, nextState } of edges) {
      const key = `${roundStatePath(state)} ${event.type}`;
      const allowed = EXPECTED[key] !== undefined && obeysRules(event, state.context);
      expect({ key, event, accepted: nextState !== state }).toEqual({ key, event, accepted: allowed });
      expect(state.can(event)).toBe(allowed);
      const step = stepRound(state, event);
      expect(step.accepted).toBe(allowed);
      if (step.accepted) {
        expect(roundStatePath(nextState)).toBe(EXPECTED[key]);
        expect(allowedRoundEvents(state, event.actor)).toContain(event.type);
        taken.add(key);
      } else {
        expect(step.reason).toMatch(/^[A-Z].+\.$/);
      }
    }
    expect([...taken].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("restores every state from storage and goes on exactly as before", () => {
    for (const state of states) {
      const restored = databaseRoundTrip(state);
      expect(persistRound(restored)).toEqual(persistRound(state));
      for (const event of sampleEvents) {
        expect(persistRound(stepRound(restored, event).snapshot)).toEqual(persistRound(stepRound(state, event).snapshot));
      }
    }
  });
});

describe("round rules, in words", () => {
  const planned = initialRoundSnapshot({ mode: "deadline" });
  const open = stepRound(planned, { type: "OPEN", actor: actors.administrator, now: BEFORE, opensAt: OPENS }).snapshot;
  const rollingOpen = stepRound(initialRoundSnapshot({ mode: "rolling" }), {
    type: "OPEN",
    actor: actors.system,
    now: OPENS,
    opensAt: OPENS,
  }).snapshot;

  function reasonOf(step: ReturnType<typeof stepRound>): string | undefined {
    return step.accepted ? undefined : step.reason;
  }

  it("lets the scheduler open and close a deadline round only at its times", () => {
    expect(reasonOf(stepRound(planned, { type: "OPEN", actor: actors.system, now: BEFORE, opensAt: OPENS }))).toBe(
      "The round opens on 1 September 2026, 02:00 (Brussels time).",
    );
    expect(reasonOf(stepRound(open, { type: "CLOSE", actor: actors.system, now: BETWEEN, closesAt: CLOSES }))).toBe(
      "The round closes on 16 October 2026, 00:00 (Brussels time).",
    );
    expect(roundStatePath(stepRound(open, { type: "CLOSE", actor: actors.system, now: CLOSES, closesAt: CLOSES }).snapshot)).toBe(
      "closed",
    );
  });

  it("never lets the scheduler close a rolling round", () => {
    expect(reasonOf(stepRound(rollingOpen, { type: "CLOSE", actor: actors.system, now: AFTER, closesAt: CLOSES }))).toBe(
      "A rolling round has no closing time: only an administrator closes it.",
    );
    expect(stepRound(rollingOpen, { type: "CLOSE", actor: actors.administrator, now: AFTER, closesAt: null }).accepted).toBe(true);
  });

  it("explains who may act and what reopening needs", () => {
    expect(reasonOf(stepRound(open, { type: "CLOSE", actor: actors.applicant, now: AFTER, closesAt: CLOSES }))).toBe(
      "Only administrators and the portal's scheduler may close the round.",
    );
    const closed = stepRound(open, { type: "CLOSE", actor: actors.administrator, now: BETWEEN, closesAt: CLOSES }).snapshot;
    expect(reasonOf(stepRound(closed, { type: "ARCHIVE", actor: actors.system }))).toBe("Only administrators may archive the round.");
    expect(reasonOf(stepRound(closed, { type: "REOPEN", actor: actors.administrator, now: AFTER, closesAt: null, reason: "x" }))).toBe(
      "A deadline round needs a new closing time.",
    );
    expect(reasonOf(stepRound(closed, { type: "OPEN", actor: actors.administrator, now: AFTER, opensAt: OPENS }))).toBe(
      "No one can open the round while it is closed.",
    );
    const archived = stepRound(closed, { type: "ARCHIVE", actor: actors.administrator }).snapshot;
    expect(roundStateLabel(archived, inEnglish)).toBe("Archived");
    expect(roundStateLabel(archived, translatorFor("mk"))).not.toBe("Archived");
    expect(reasonOf(stepRound(archived, { type: "REOPEN", actor: actors.administrator, now: AFTER, closesAt: AFTER, reason: "x" }))).toBe(
      "The round is archived: nothing more can happen to it.",
    );
  });

  it("says why an event is not offered, judged on who and the state alone", () => {
    expect(roundRefusalOf(open, "CLOSE", actors.applicant, inEnglish)).toBe("Only administrators and the portal's scheduler may close the round.");
    expect(roundRefusalOf(open, "ARCHIVE", actors.administrator, inEnglish)).toBe("No one can archive the round while it is open.");
    expect(roundRefusalOf(open, "CLOSE", { role: "system", institutionId: null }, inEnglish)).toBeNull();
    for (const actor of everyone) {
      for (const type of ["OPEN", "CLOSE", "REOPEN", "ARCHIVE", "CANCEL"] as const) {
        expect(roundRefusalOf(open, type, actor, inEnglish) === null).toBe(allowedRoundEvents(open, actor).includes(type));
      }
    }
  });

  it("cancels only a planned round, only with a reason, and for good", () => {
    expect(reasonOf(stepRound(planned, { type: "CANCEL", actor: actors.administrator, reason: " " }))).toBe("A reason is required.");
    expect(reasonOf(stepRound(planned, { type: "CANCEL", actor: actors.system, reason: "x" }))).toBe("Only administrators may cancel the round.");
    expect(reasonOf(stepRound(open, { type: "CANCEL", actor: actors.administrator, reason: "x" }))).toBe("No one can cancel the round while it is open.");
    const cancelled = stepRound(planned, { type: "CANCEL", actor: actors.administrator, reason: "Funding moved." }).snapshot;
    expect(roundStateLabel(cancelled, inEnglish)).toBe("Cancelled");
    expect(reasonOf(stepRound(cancelled, { type: "OPEN", actor: actors.administrator, now: AFTER, opensAt: OPENS }))).toBe(
      "The round is cancelled: nothing more can happen to it.",
    );
  });

  it("refuses a snapshot of an unknown machine version", () => {
    expect(() => restoreRound(persistRound(planned), 2)).toThrow(/version 2 of the round workflow/);
  });
});

describe("random sequences of round events", () => {
  const eventArbitrary = fc.constantFrom(...sampleEvents);

  it("follow the rules, end in nothing after archiving, and replay into the same snapshot", () => {
    fc.assert(
      fc.property(fc.constantFrom<RoundMode>("deadline", "rolling"), fc.array(eventArbitrary, { maxLength: 40 }), (mode, events) => {
        let snapshot = initialRoundSnapshot({ mode });
        const log: RoundEvent[] = [];
        for (const event of events) {
          const step = stepRound(snapshot, event);
          const key = `${roundStatePath(snapshot)} ${event.type}`;
          expect(step.accepted).toBe(EXPECTED[key] !== undefined && obeysRules(event, snapshot.context));
          if (snapshot.status === "done") expect(step.snapshot).toBe(snapshot);
          if (step.accepted) log.push(event);
          snapshot = databaseRoundTrip(step.snapshot);
        }
        let replayed = initialRoundSnapshot({ mode });
        for (const event of log) replayed = stepRound(replayed, event).snapshot;
        expect(persistRound(replayed)).toEqual(persistRound(snapshot));
      }),
      { numRuns: 300 },
    );
  });
});
