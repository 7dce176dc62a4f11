/**
 * Where a proposal is, asked of the machine. Pages, lists and jobs never write a state path as
 * a string: they name a stage with the typed `ProposalStatePath` (a renamed state fails to
 * compile) and ask these helpers, which read the machine's own definition.
 */
import type { Translate } from "./words";
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
/**
 * Who reads a stage's words: the TAF team acts on the proposal and is spoken to as "you"; the
 * applicants (lead and partners) work on it; reviewers and country advisors follow it.
 */
export type StageAudience = "tafTeam" | "applicants" | "followers";

// The machine's meta and descriptions hold catalogue keys (locales/<language>/workflow.json,
// `proposalStates`): the words live once, in the catalogues, and each page reads them in its
// language. Without a translator they are English, the language of record.
type StageMeta = { label: string; awaiting?: string; forApplicants?: string; forTafTeam?: string; tafTeamAwaiting?: string; actor?: "reviewers" } | undefined;

type StageNode = { meta: StageMeta; description?: string; parent?: StageNode };

// The machine never changes: each state's node is looked up once (lists ask for every row).
const STAGE_NODES = new Map<string, StageNode>();

function stageNode(path: string) {
  let node = STAGE_NODES.get(path);
  if (!node) STAGE_NODES.set(path, (node = proposalMachine.getStateNodeById(`proposal.${path}`) as unknown as StageNode));
  return node;
}

/** The stage's short name ("EU review", "Withdrawn"), as the stage bar and the chart show it. */
export function stageNameFor(path: string, t: Translate): string {
  const label = stageNode(path).meta?.label;
  return label ? t(label) : path;
}

/** The stage as a badge or list names it, for this audience ("Eligibility: waiting for your decision"). */
export function stageLabelFor(path: string, audience: StageAudience, t: Translate): string {
  const meta = stageNode(path).meta;
  const key = (audience === "tafTeam" ? meta?.tafTeamAwaiting : undefined) ?? meta?.awaiting ?? meta?.label;
  return key ? t(key) : path;
}

/** What happens at the state, or at the nearest stage around it that says: the statechart's description. */
export function stageDescriptionFor(path: string, t: Translate): string {
  for (let around: StageNode | undefined = stageNode(path); around; around = around.parent) if (around.description) return t(around.description);
  return "";
}

/**
 * Who acts at a stage where the machine names them: while the EU review waits for the scores it
 * is the reviewers, on their own assignments, although the TAF team may close the review early.
 */
export function stageActorOf(path: string): "reviewers" | undefined {
  return stageNode(path).meta?.actor;
}

/**
 * Where a proposal is, in a sentence for this audience; where the machine has no words of theirs,
 * the description of the state or of the nearest stage around it that has one.
 */
export function stageWordsFor(path: string, audience: StageAudience, t: Translate): string {
  const node = stageNode(path);
  const own = audience === "tafTeam" ? node.meta?.forTafTeam : audience === "applicants" ? node.meta?.forApplicants : undefined;
  return own ? t(own) : stageDescriptionFor(path, t);
}

/**
 * Submitted and not finished: every stored path but the drafts and the final states. Named as
 * the states it holds, so that a list asks `state in (…)` of an index rather than reading
 * every proposal to exclude the others.
 */
export const STATES_IN_PROGRESS: readonly ProposalStatePath[] = STORED_PATHS.filter((path) => !isWithin(path, "draft") && !FINAL_STATES.includes(path));
