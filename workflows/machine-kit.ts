/**
 * The plumbing both statecharts share (proposal.machine.ts, round.machine.ts): rules written as
 * "why not?", guards made from them, restoring a stored snapshot, one step, the refusal in
 * words, and what someone may send now. Each machine gives its rules and its words.
 */
import { createActor, getNextTransitions, transition } from "xstate";
import type { AnyMachineSnapshot, AnyStateMachine, EventFromLogic, SnapshotFrom, StateValue } from "xstate";
import type { Standing } from "./actors";
import { countryNameIn } from "./countries";
import type { Instant } from "./eligibility";
import { countInWords } from "./eligibility";
import type { PageLanguage } from "./languages";
import { formatBrusselsIn, formatListIn } from "./time";
import { inEnglish } from "./in-english";
import type { Translate } from "./words";
import { languageOf } from "./words";

/**
 * A sentence as a catalogue key and its values (locales/<language>/workflow.json), put in words
 * where it is shown, in the reader's language. A value is said in that language too: a message
 * of its own, a moment, a country, a list, or a small number in words ("two" in English).
 */
export interface Message {
  key: string;
  values?: Record<string, MessageValue>;
  /** Said inside a sentence: "while it is open", not "Open". */
  lowercase?: true;
}

export type MessageValue =
  | string
  | number
  | Message
  | { at: Instant }
  | { country: string }
  | { list: readonly MessageValue[] }
  | { inWords: number };

/** Why an event is refused, as a message; null means allowed. */
export type Refusal = Message | null;

/** A number stays a number, so that `count` picks its plural form. */
function valueIn(value: MessageValue, t: Translate, language: PageLanguage): string | number {
  if (typeof value === "string" || typeof value === "number") return value;
  if ("key" in value) return messageIn(value, t, language);
  if ("at" in value) return formatBrusselsIn(language, new Date(value.at));
  if ("country" in value) return countryNameIn(value.country, t);
  if ("inWords" in value) return language === "en" ? countInWords(value.inWords, t) : String(value.inWords);
  const words = value.list.map((item) => String(valueIn(item, t, language)));
  return formatListIn(language, words);
}

/** A message in the reader's words: the page's translator and language where it is shown, `inEnglish` for the record. */
export function messageIn(message: Message, t: Translate, language: PageLanguage = languageOf(t)): string {
  const values = Object.fromEntries(Object.entries(message.values ?? {}).map(([name, value]) => [name, valueIn(value, t, language)]));
  const text = t(message.key, values);
  return message.lowercase ? text.toLowerCase() : text;
}

type MachineEvent = { type: string; actor: Standing };

export type StepResult<TSnapshot> =
  | { accepted: true; snapshot: TSnapshot }
  /** `reason` is the refusal in English (logs, errors); a page shows `refusal` in its reader's language. */
  | { accepted: false; snapshot: TSnapshot; reason: string; refusal: Message };

/**
 * A typed rule maker for one machine: each rule first asks who may (`refuseWho`), then its own
 * check; reaching a rule with another event type is a wiring mistake in the machine.
 */
export function ruleMaker<TContext, TEvent extends MachineEvent>(refuseWho: (context: TContext, event: TEvent) => Refusal) {
  return function rule<T extends TEvent["type"]>(type: T, check: (context: TContext, event: Extract<TEvent, { type: T }>) => Refusal) {
    return (context: TContext, event: TEvent): Refusal => {
      if (event.type !== type) throw new Error(`The rule for ${type} was asked about ${event.type}.`);
      return refuseWho(context, event) ?? check(context, event as Extract<TEvent, { type: T }>);
    };
  };
}

type Rules<TContext, TEvent> = Record<string, (context: TContext, event: TEvent) => Refusal>;

/** The machine's guards: a rule with no refusal lets the transition through. */
export function guardsFrom<TContext, TEvent, TRules extends Rules<TContext, TEvent>>(rules: TRules) {
  return Object.fromEntries(
    Object.entries(rules).map(([name, check]) => [name, ({ context, event }: { context: TContext; event: TEvent }) => check(context, event) === null]),
  ) as Record<keyof TRules, (args: { context: TContext; event: TEvent }) => boolean>;
}

type PathsOf<V> = V extends string ? V : { [K in keyof V & string]: K | `${K}.${PathsOf<NonNullable<V[K]>>}` }[keyof V & string];

/** Every state of a machine as a dotted path, typed from its snapshot's value. */
export type StatePathOf<TSnapshot extends { value: unknown }> = PathsOf<TSnapshot["value"]>;

/** The current state as a dotted path, e.g. "eligibility.awaitingDecision", for a DB column. */
export function statePathOf(value: StateValue): string {
  if (typeof value === "string") return value;
  const [key, child] = Object.entries(value)[0]!;
  return child === undefined ? key : `${key}.${statePathOf(child)}`;
}

interface Plumbing<TMachine extends AnyStateMachine, TContext> {
  machine: TMachine;
  /** "proposal" or "round", for the error about an unknown machine version. */
  name: string;
  version: number;
  /** Every guard of the machine as a rule; each transition's guard is named after one. */
  rules: Rules<TContext, EventFromLogic<TMachine>>;
  /** Who may send the event, judged on standing alone (no facts). */
  mayWho: (context: TContext, type: EventFromLogic<TMachine>["type"], who: Standing) => boolean;
  /** The refusal for a standing that may not send it: "Only administrators may …". */
  refuseWho: (context: TContext, type: EventFromLogic<TMachine>["type"]) => Message;
  /** The current state's name, as a message for a refusal to say. */
  stateName: (snapshot: SnapshotFrom<TMachine>) => Message;
  /** What the state does not allow: the machine is done, or this event has no transition here. */
  finished: (state: Message) => Message;
  unavailable: (type: EventFromLogic<TMachine>["type"], state: Message) => Message;
}

/** Restore, step, refusal and allowed events for one machine, written once. */
export function machinePlumbing<TMachine extends AnyStateMachine, TContext>(spec: Plumbing<TMachine, TContext>) {
  type Snapshot = SnapshotFrom<TMachine>;
  type Event = EventFromLogic<TMachine>;
  type EventType = Event["type"];
  const contextOf = (snapshot: Snapshot) => (snapshot as AnyMachineSnapshot).context as TContext;
  const candidates = (snapshot: Snapshot, type: EventType) =>
    getNextTransitions(snapshot as AnyMachineSnapshot).filter((candidate) => candidate.eventType === type);

  /**
   * A stored snapshot, ready for `step`. The actor is created but never started, so nothing
   * runs; `machine.resolveState` would lose the history of an on-hold implementation.
   */
  function restore(persisted: unknown, machineVersion: number): Snapshot {
    if (machineVersion !== spec.version) {
      throw new Error(
        `This ${spec.name} was stored by version ${machineVersion} of the ${spec.name} workflow, but this server knows only version ${spec.version}. Add a migration for it (docs/decisions/002-proposal-statechart.md) or run the matching server.`,
      );
    }
    // A restored actor keeps its stored context, so the input is never read.
    const snapshot = createActor(spec.machine, { snapshot: persisted as Snapshot, input: undefined }).getSnapshot() as Snapshot;
    // A snapshot that does not fit the machine comes back as an error snapshot rather than a throw.
    if ((snapshot as AnyMachineSnapshot).status === "error") {
      const error = (snapshot as AnyMachineSnapshot).error;
      throw new Error(`The stored ${spec.name} snapshot cannot be restored: ${String(error)}`, { cause: error });
    }
    return snapshot;
  }

  /**
   * Why this standing may not send this event now, judged on who and the state alone (the
   * twin of `allowedEvents`); null when it may, though the full rules may still refuse the facts.
   */
  function refusalMessageOf(snapshot: Snapshot, type: EventType, who: Standing): Refusal {
    const state = spec.stateName(snapshot);
    if ((snapshot as AnyMachineSnapshot).status === "done") return spec.finished(state);
    if (candidates(snapshot, type).length === 0) return spec.unavailable(type, state);
    return spec.mayWho(contextOf(snapshot), type, who) ? null : spec.refuseWho(contextOf(snapshot), type);
  }

  /** `refusalMessageOf` in the reader's words. */
  function refusalOf(snapshot: Snapshot, type: EventType, who: Standing, t: Translate, language: PageLanguage = languageOf(t)): string | null {
    const refusal = refusalMessageOf(snapshot, type, who);
    return refusal && messageIn(refusal, t, language);
  }

  function step(snapshot: Snapshot, event: Event): StepResult<Snapshot> {
    const [next] = transition(spec.machine, snapshot, event);
    // transition() hands back the very same object when no transition was taken.
    if (next !== snapshot) return { accepted: true, snapshot: next as Snapshot };
    const refusal = refusalReason(snapshot, event);
    return { accepted: false, snapshot, reason: messageIn(refusal, inEnglish), refusal };
  }

  function refusalReason(snapshot: Snapshot, event: Event): Message {
    const standing = refusalMessageOf(snapshot, event.type, event.actor as Standing);
    if (standing !== null) return standing;
    for (const candidate of candidates(snapshot, event.type)) {
      const refusal = spec.rules[candidate.guard as string]!(contextOf(snapshot), event);
      if (refusal !== null) return refusal;
    }
    return spec.unavailable(event.type, spec.stateName(snapshot));
  }

  /**
   * The event types this standing may send now, judged on who may and on the state alone: a
   * page shows a button for each, then the server still applies the full rules with the facts.
   */
  function allowedEvents(snapshot: Snapshot, who: Standing): EventType[] {
    const types = new Set(getNextTransitions(snapshot as AnyMachineSnapshot).map((candidate) => candidate.eventType as EventType));
    return [...types].filter((type) => spec.mayWho(contextOf(snapshot), type, who));
  }

  return { restore, step, refusalOf, refusalMessageOf, allowedEvents };
}
