/**
 * Where a round is, asked of the round machine: the states in which it accepts an event, for
 * the scheduler's queries on the `state` column (so the job and the chart cannot disagree).
 */
import type { RoundEventType, RoundState } from "./round.machine";
import { roundMachine } from "./round.machine";

export function roundStatesAccepting(eventType: RoundEventType): RoundState[] {
  return Object.entries(roundMachine.states).flatMap(([state, node]) => (eventType in node.on ? [state as RoundState] : []));
}
