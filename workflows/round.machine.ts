/**
 * A submission round: planned → open → closed → archived.
 *
 * A deadline round is closed by the scheduler at its closing time; a rolling round has no
 * closing time and only an administrator closes it. Administrators may also open or close any
 * round by hand, and reopen a closed one (with a reason) when it was closed too early.
 * Like the proposal machine, it is pure and every event carries its actor and facts.
 */
import { createActor, getNextTransitions, initialTransition, setup, transition } from "xstate";
import type { SnapshotFrom } from "xstate";
import type { Actor } from "./actors";
import { formatBrussels } from "./time";
import type { Instant } from "./eligibility";
import type { StepResult } from "./proposal.machine";

export const ROUND_MACHINE_VERSION = 1;

export type RoundMode = "deadline" | "rolling";

export type RoundEvent =
  /** `opensAt` is the round's stored opening time: the scheduler may open it from then on. */
  | { type: "OPEN"; actor: Actor; now: Instant; opensAt: Instant }
  /** `closesAt` is the round's stored closing time, null for a rolling round. */
  | { type: "CLOSE"; actor: Actor; now: Instant; closesAt: Instant | null }
  /** `closesAt` is the new closing time: later than now for a deadline round, null for a rolling one. */
  | { type: "REOPEN"; actor: Actor; now: Instant; closesAt: Instant | null; reason: string }
  | { type: "ARCHIVE"; actor: Actor };

export type RoundEventType = RoundEvent["type"];

export interface RoundInput {
  mode: RoundMode;
}

/** A round never changes its mode: the move to rolling intake is a new round. */
export interface RoundContext {
  mode: RoundMode;
}

const ROUND_ACTIONS: Record<RoundEventType, string> = {
  OPEN: "open the round",
  CLOSE: "close the round",
  REOPEN: "reopen the round",
  ARCHIVE: "archive the round",
};

/** The scheduler opens and closes rounds at their stored times; everything else is by hand. */
const SCHEDULED_EVENTS: ReadonlySet<RoundEventType> = new Set(["OPEN", "CLOSE"]);

function isPermitted(eventType: RoundEventType, actor: Actor): boolean {
  return actor.role === "administrator" || (actor.role === "system" && SCHEDULED_EVENTS.has(eventType));
}

type Refusal = string | null;

function refuseActor(event: RoundEvent): Refusal {
  if (isPermitted(event.type, event.actor)) return null;
  const who = SCHEDULED_EVENTS.has(event.type) ? "administrators and the portal's scheduler" : "administrators";
  return `Only ${who} may ${ROUND_ACTIONS[event.type]}.`;
}

type Rule<T extends RoundEventType> = (context: RoundContext, event: Extract<RoundEvent, { type: T }>) => Refusal;

function rule<T extends RoundEventType>(type: T, check: Rule<T>) {
  return (context: RoundContext, event: RoundEvent): Refusal => {
    if (event.type !== type) throw new Error(`The rule for ${type} was asked about ${event.type}.`);
    return refuseActor(event) ?? check(context, event as Extract<RoundEvent, { type: T }>);
  };
}

/** Every guard of the machine, as "why not?" (null means allowed). */
const roundRules = {
  mayOpen: rule("OPEN", (_, event) => {
    if (event.actor.role !== "system" || Date.parse(event.now) >= Date.parse(event.opensAt)) return null;
    return `The round opens on ${formatBrussels(event.opensAt)}.`;
  }),
  mayClose: rule("CLOSE", (context, event) => {
    if (event.actor.role !== "system") return null;
    if (context.mode === "rolling" || event.closesAt === null) {
      return "A rolling round has no closing time: only an administrator closes it.";
    }
    return Date.parse(event.now) >= Date.parse(event.closesAt) ? null : `The round closes on ${formatBrussels(event.closesAt)}.`;
  }),
  mayReopen: rule("REOPEN", (context, event) => {
    if (event.reason.trim() === "") return "A reason is required.";
    if (context.mode === "rolling") {
      return event.closesAt === null ? null : "A rolling round has no closing time.";
    }
    if (event.closesAt === null) return "A deadline round needs a new closing time.";
    return Date.parse(event.closesAt) > Date.parse(event.now) ? null : "The new closing time must be in the future.";
  }),
  mayArchive: rule("ARCHIVE", () => null),
};

type RoundGuardName = keyof typeof roundRules;

const guards = Object.fromEntries(
  Object.entries(roundRules).map(([name, check]) => [
    name,
    ({ context, event }: { context: RoundContext; event: RoundEvent }) => check(context, event) === null,
  ]),
) as Record<RoundGuardName, (args: { context: RoundContext; event: RoundEvent }) => boolean>;

export const roundMachine = setup({
  types: {
    context: {} as RoundContext,
    events: {} as RoundEvent,
    input: {} as RoundInput,
    meta: {} as { label: string },
  },
  guards,
}).createMachine({
  id: "round",
  context: ({ input }) => ({ mode: input.mode }),
  initial: "planned",
  states: {
    planned: {
      meta: { label: "Planned" },
      description: "The TAF team prepares the round: dates, themes, criteria.",
      on: { OPEN: { target: "open", guard: "mayOpen" } },
    },
    open: {
      meta: { label: "Open" },
      description: "Applicants may submit proposals.",
      on: { CLOSE: { target: "closed", guard: "mayClose" } },
    },
    closed: {
      meta: { label: "Closed" },
      description: "No more submissions; the submitted proposals go on through their own workflow.",
      on: {
        REOPEN: { target: "open", guard: "mayReopen" },
        ARCHIVE: { target: "archived", guard: "mayArchive" },
      },
    },
    archived: { type: "final", meta: { label: "Archived" } },
  },
});

export type RoundSnapshot = SnapshotFrom<typeof roundMachine>;

/** The round machine is flat: its states are these names, typed from the machine itself. */
export type RoundState = RoundSnapshot["value"];
export type PersistedRound = ReturnType<typeof roundMachine.getPersistedSnapshot>;

export function initialRoundSnapshot(input: RoundInput): RoundSnapshot {
  return initialTransition(roundMachine, input)[0];
}

export function persistRound(snapshot: RoundSnapshot): PersistedRound {
  return roundMachine.getPersistedSnapshot(snapshot);
}

export function restoreRound(persisted: unknown, machineVersion: number): RoundSnapshot {
  if (machineVersion !== ROUND_MACHINE_VERSION) {
    throw new Error(
      `This round was stored by version ${machineVersion} of the round workflow, but this server knows only version ${ROUND_MACHINE_VERSION}. Add a migration for it (docs/decisions/002-proposal-statechart.md) or run the matching server.`,
    );
  }
  // A restored actor keeps its stored context, so the input is never read.
  const snapshot = createActor(roundMachine, { snapshot: persisted as PersistedRound, input: undefined }).getSnapshot();
  // A snapshot that does not fit the machine comes back as an error snapshot rather than a throw.
  if (snapshot.status === "error") {
    throw new Error(`The stored round snapshot cannot be restored: ${String(snapshot.error)}`, { cause: snapshot.error });
  }
  return snapshot;
}

export function stepRound(snapshot: RoundSnapshot, event: RoundEvent): StepResult<RoundSnapshot> {
  const [next] = transition(roundMachine, snapshot, event);
  if (next !== snapshot) return { accepted: true, snapshot: next };
  return { accepted: false, snapshot, reason: refusalReason(snapshot, event) };
}

function refusalReason(snapshot: RoundSnapshot, event: RoundEvent): string {
  const label = roundStateLabel(snapshot);
  if (snapshot.status === "done") return `The round is ${label.toLowerCase()}: nothing more can happen to it.`;
  for (const candidate of getNextTransitions(snapshot)) {
    if (candidate.eventType !== event.type) continue;
    const refusal = roundRules[candidate.guard as RoundGuardName](snapshot.context, event);
    if (refusal !== null) return refusal;
  }
  return `No one can ${ROUND_ACTIONS[event.type]} while it is ${label.toLowerCase()}.`;
}

export function allowedRoundEvents(snapshot: RoundSnapshot, actor: Actor): RoundEventType[] {
  const types = new Set(getNextTransitions(snapshot).map((candidate) => candidate.eventType as RoundEventType));
  return [...types].filter((type) => isPermitted(type, actor));
}

/** The round machine is flat, so its state path is its state value: "planned", "open"... */
export function roundStatePath(snapshot: RoundSnapshot): string {
  return snapshot.value;
}

export function roundStateLabel(snapshot: RoundSnapshot): string {
  return roundStateLabelOf(snapshot.value);
}

/** The label of a stored state path, for lists that read the `state` column, not the snapshot. */
export function roundStateLabelOf(statePath: string): string {
  return roundMachine.states[statePath]?.meta?.label ?? statePath;
}
