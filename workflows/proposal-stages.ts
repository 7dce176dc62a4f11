/**
 * Where a proposal is, asked of the machine. Pages, lists and jobs never write a state path as
 * a string: they name a stage with the typed `ProposalStatePath` (a renamed state fails to
 * compile) and ask these helpers, which read the machine's own definition.
 */
import { getNextTransitions } from "xstate";
import type { ProposalEventType, ProposalSnapshot, ProposalStatePath } from "./proposal.machine";
import { proposalMachine } from "./proposal.machine";

export type { ProposalStatePath } from "./proposal.machine";

type StateNodeLike = { key: string; type: string; states: Record<string, StateNodeLike> };

/** The paths a proposal can be stored at: the machine's atomic and final states, in its order. */
const STORED_PATHS: readonly ProposalStatePath[] = (function collect(node: StateNodeLike, prefix: string): string[] {
  return Object.values(node.states).flatMap((child) => {
    const path = prefix ? `${prefix}.${child.key}` : child.key;
    if (child.type === "history") return [];
    return child.type === "atomic" || child.type === "final" ? [path] : collect(child, path);
  });
})(proposalMachine.root as unknown as StateNodeLike, "") as ProposalStatePath[];

/** Whether a stored state path is the stage itself or lies inside it. */
export function isWithin(path: string, stage: ProposalStatePath): boolean {
  return path === stage || path.startsWith(`${stage}.`);
}

/** The stored state paths inside a stage, for a query on the `state` column. */
export function statesWithin(...stages: ProposalStatePath[]): ProposalStatePath[] {
  return STORED_PATHS.filter((path) => stages.some((stage) => isWithin(path, stage)));
}

/**
 * Where a proposal that was never submitted is: its draft, or a final state the draft leads to
 * directly (discarded). What is there stays with the institutions writing it.
 */
export const NEVER_SUBMITTED: readonly ProposalStatePath[] = (() => {
  const draft = proposalMachine.getStateNodeById("proposal.draft");
  const endedFromDraft = [...draft.transitions.values()]
    .flat()
    .flatMap((transition) => transition.target ?? [])
    .filter((target) => target.type === "final")
    .map((target) => target.path.join(".") as ProposalStatePath);
  return [...statesWithin("draft"), ...endedFromDraft];
})();

/** The statechart's final states: a proposal there is finished. */
export const FINAL_STATES: readonly ProposalStatePath[] = STORED_PATHS.filter(
  (path) => proposalMachine.getStateNodeById(`proposal.${path}`).type === "final",
);

export function isFinal(path: string): boolean {
  return FINAL_STATES.includes(path as ProposalStatePath);
}

type TransitionsLike = { on: Record<string, unknown>; parent?: TransitionsLike };

function handles(node: TransitionsLike | undefined, eventType: string): boolean {
  return node !== undefined && (eventType in node.on || handles(node.parent, eventType));
}

/**
 * The stored states in which the machine accepts an event (guards aside): where the scheduler
 * looks for proposals to send it to, so the job and the chart cannot disagree.
 */
export function statesAccepting(eventType: ProposalEventType): ProposalStatePath[] {
  return STORED_PATHS.filter((path) => handles(proposalMachine.getStateNodeById(`proposal.${path}`) as unknown as TransitionsLike, eventType));
}

/** Whether the machine, where this snapshot is, has a transition for the event (guards aside). */
export function accepts(snapshot: ProposalSnapshot, eventType: ProposalEventType): boolean {
  return getNextTransitions(snapshot).some((transition) => transition.eventType === eventType);
}
/** Where a proposal is, in the words its applicants read (the state's `forApplicants`); "" where the machine says none. */
export function applicantWordsOf(path: string): string {
  return proposalMachine.getStateNodeById(`proposal.${path}`).meta?.forApplicants ?? "";
}
