/**
 * A submission round: planned → open → closed → archived.
 *
 * A deadline round is closed by the scheduler at its closing time; a rolling round has no
 * closing time and only an administrator closes it. Administrators may also open or close any
 * round by hand, and reopen a closed one (with a reason) when it was closed too early. A planned
 * round that will not run is cancelled (with a reason) before anyone could apply to it.
 * Like the proposal machine, it is pure and every event carries its actor and facts.
 */
import type { Translate } from "./words";
import { initialTransition, setup } from "xstate";
import type { SnapshotFrom } from "xstate";
import type { Standing } from "./actors";
import type { Message } from "./machine-kit";
import { guardsFrom, machinePlumbing, ruleMaker } from "./machine-kit";
import type { RoundEvent, RoundEventType } from "./round-events";
import { ROUND_EVENTS } from "./round-events";

export type { RoundEvent, RoundEventType } from "./round-events";

export const ROUND_MACHINE_VERSION = 1;

export type RoundMode = "deadline" | "rolling";

export interface RoundInput {
  mode: RoundMode;
}

/** A round never changes its mode: the move to rolling intake is a new round. */
export interface RoundContext {
  mode: RoundMode;
}

/** The scheduler opens and closes rounds at their stored times; everything else is by hand. */
function mayWho(_: RoundContext, eventType: RoundEventType, who: Standing): boolean {
  return who.role === "administrator" || (who.role === "system" && ROUND_EVENTS[eventType].scheduled !== null);
}

// The refusals are catalogue keys with their values (locales/<language>/workflow.json, section
// refusals). The event's action is still English (round-events.ts): a value.
function refuseWho(_: RoundContext, eventType: RoundEventType): Message {
  const { scheduled, action } = ROUND_EVENTS[eventType];
  return { key: scheduled === null ? "refusals.round.onlyAdministrators" : "refusals.round.onlyAdministratorsAndScheduler", values: { action } };
}

const rule = ruleMaker<RoundContext, RoundEvent>((context, event) => (mayWho(context, event.type, event.actor) ? null : refuseWho(context, event.type)));

/** Every guard of the machine, as "why not?" (null means allowed). */
const roundRules = {
  mayOpen: rule("OPEN", (_, event) => {
    if (event.actor.role !== "system" || Date.parse(event.now) >= Date.parse(event.opensAt)) return null;
    return { key: "refusals.round.opensOn", values: { at: { at: event.opensAt } } };
  }),
  mayClose: rule("CLOSE", (context, event) => {
    if (event.actor.role !== "system") return null;
    if (context.mode === "rolling" || event.closesAt === null) {
      return { key: "refusals.round.rollingClosedByHand" };
    }
    return Date.parse(event.now) >= Date.parse(event.closesAt) ? null : { key: "refusals.round.closesOn", values: { at: { at: event.closesAt } } };
  }),
  mayReopen: rule("REOPEN", (context, event) => {
    if (event.reason.trim() === "") return { key: "refusals.round.reasonRequired" };
    if (context.mode === "rolling") {
      return event.closesAt === null ? null : { key: "refusals.round.rollingHasNoClosingTime" };
    }
    if (event.closesAt === null) return { key: "refusals.round.deadlineNeedsClosingTime" };
    return Date.parse(event.closesAt) > Date.parse(event.now) ? null : { key: "refusals.round.closingTimeInFuture" };
  }),
  mayArchive: rule("ARCHIVE", () => null),
  mayCancel: rule("CANCEL", (_, event) => (event.reason.trim() === "" ? { key: "refusals.round.reasonRequired" } : null)),
};

const guards = guardsFrom<RoundContext, RoundEvent, typeof roundRules>(roundRules);

export const roundMachine = setup({
  types: {
    context: {} as RoundContext,
    events: {} as RoundEvent,
    input: {} as RoundInput,
    // The label and the descriptions are catalogue keys (locales/<language>/workflow.json).
    meta: {} as { label: string },
  },
  guards,
}).createMachine({
  id: "round",
  context: ({ input }) => ({ mode: input.mode }),
  initial: "planned",
  states: {
    planned: {
      meta: { label: "roundStates.planned.label" },
      description: "roundStates.planned.description",
      on: {
        OPEN: { target: "open", guard: "mayOpen" },
        CANCEL: { target: "cancelled", guard: "mayCancel" },
      },
    },
    open: {
      meta: { label: "roundStates.open.label" },
      description: "roundStates.open.description",
      on: { CLOSE: { target: "closed", guard: "mayClose" } },
    },
    closed: {
      meta: { label: "roundStates.closed.label" },
      description: "roundStates.closed.description",
      on: {
        REOPEN: { target: "open", guard: "mayReopen" },
        ARCHIVE: { target: "archived", guard: "mayArchive" },
      },
    },
    archived: { type: "final", meta: { label: "roundStates.archived.label" } },
    cancelled: { type: "final", meta: { label: "roundStates.cancelled.label" }, description: "roundStates.cancelled.description" },
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

const plumbing = machinePlumbing<typeof roundMachine, RoundContext>({
  machine: roundMachine,
  name: "round",
  version: ROUND_MACHINE_VERSION,
  rules: roundRules,
  mayWho,
  refuseWho,
  stateName: (snapshot) => ({ key: roundMachine.states[snapshot.value]?.meta?.label ?? snapshot.value, lowercase: true }),
  finished: (state) => ({ key: "refusals.round.finished", values: { state } }),
  unavailable: (type, state) => ({ key: "refusals.round.unavailable", values: { action: ROUND_EVENTS[type].action, state } }),
});

/** A stored snapshot, ready for `stepRound`; refuses one stored by another machine version. */
export const restoreRound = plumbing.restore;
export const stepRound = plumbing.step;
export const allowedRoundEvents = plumbing.allowedEvents;
/** Why this standing may not send this event now, in the reader's words (English by default); null when it may. */
export const roundRefusalOf = plumbing.refusalOf;
/** The same refusal as a catalogue key and values, for a page to put in its reader's words. */
export const roundRefusalMessageOf = plumbing.refusalMessageOf;

/** The round machine is flat, so its state path is its state value: "planned", "open"... */
export function roundStatePath(snapshot: RoundSnapshot): RoundState {
  return snapshot.value;
}

export function roundStateLabel(snapshot: RoundSnapshot, t: Translate): string {
  return roundStateLabelOf(snapshot.value, t);
}

/** The label of a stored state path, for lists that read the `state` column, not the snapshot. */
export function roundStateLabelOf(statePath: string, t: Translate): string {
  const key = roundMachine.states[statePath]?.meta?.label;
  return key ? t(key) : statePath;
}
