/**
 * Auto-assignment of reviewers for a whole round, as a minimum-cost flow.
 *
 * The network: source → proposal (one arc per reviewer it still needs) → reviewer (capacity 1,
 * only where the reviewer has no conflict, has not declined and is not already assigned) → sink
 * (one arc per further assignment the reviewer can take, costing the load it brings them to).
 * Successive shortest paths (Bellman-Ford with a queue) stop at a maximum flow of least cost, so
 * as many places are filled as the conflicts, declines and caps allow. Because each further
 * assignment costs more than the one before, least cost means least sum of squared loads, and on
 * the load vectors a bipartite flow can reach (an M-convex set) that is the same as the most
 * balanced one: sorted from the heaviest, no other plan of the same size is lexicographically
 * smaller (Frank and Murota, "Discrete decreasing minimization"). Among plans that balanced,
 * the proposals' arcs, also costing more for each further reviewer, pick the one with least sum
 * of squared reviewer counts per proposal: when reviewers are short, the shortfall is shared out
 * rather than left on one proposal. The tests check both against a brute-force search.
 *
 * Existing assignments are kept and count towards both the proposal's number and the
 * reviewer's load. Running the plan's output through again assigns nothing: the flow was
 * maximum, and its residual network has no augmenting path even without the arcs that would
 * undo an assignment.
 */
import type { Translate } from "./words";

export type ProposalNeed = {
  proposalId: number;
  /** How many reviewers the proposal needs in all, those already assigned included. */
  reviewersNeeded: number;
  assignedReviewerIds: readonly number[];
};

export type ReviewerLoad = {
  reviewerId: number;
  /**
   * Assignments the reviewer holds now, in this round and in others, those listed on the
   * proposals included: the figure an administrator sees next to the name.
   */
  load: number;
  /** The most assignments the reviewer takes in all; without one there is no limit. */
  cap?: number;
};

export type ReviewerProposalPair = { reviewerId: number; proposalId: number };

export type AssignmentRequest = {
  proposals: readonly ProposalNeed[];
  reviewers: readonly ReviewerLoad[];
  /** Never assigned, whatever else is short. */
  conflicts: readonly ReviewerProposalPair[];
  /** A reviewer who declined a proposal is not offered it again. */
  declined?: readonly ReviewerProposalPair[];
};

export type Shortfall = {
  proposalId: number;
  missing: number;
  /** In words for the administrator, e.g. "needs 2 more reviewers: only 1 without a conflict is free (3 conflicted)". */
  reason: string;
};

export type AssignmentPlan = {
  /** New assignments only, ordered by proposal, then reviewer. */
  assignments: ReviewerProposalPair[];
  /** The proposals that still lack reviewers after the plan, ordered by proposal. */
  shortfalls: Shortfall[];
};

/** Why the reviewers who are not on a proposal are not on it; `free` ones were assigned by the plan. */
type Tally = { free: number; conflicted: number; declined: number; atCap: number };

type FlowNode = { arcs: Arc[]; distance: number; via: Arc | undefined; queued: boolean };

type Arc = { tail: FlowNode; head: FlowNode; residual: number; cost: number; twin: Arc };

function flowNode(): FlowNode {
  return { arcs: [], distance: Infinity, via: undefined, queued: false };
}

function addArc(tail: FlowNode, head: FlowNode, capacity: number, cost: number): Arc {
  const forward = { tail, head, residual: capacity, cost } as Arc;
  const backward = { tail: head, head: tail, residual: 0, cost: -cost, twin: forward } as Arc;
  forward.twin = backward;
  tail.arcs.push(forward);
  head.arcs.push(backward);
  return forward;
}

/**
 * The cheapest path with room left from source to sink, or none. Residual costs can be negative
 * once flow runs back, so this is Bellman-Ford (Dijkstra would need potentials, which a round's
 * few hundred places do not call for); successive shortest paths never leave a negative cycle,
 * so it ends. Strict improvement and a first-in first-out
 * queue over arcs laid out by id make the choice among equally cheap paths the same every run.
 */
function cheapestPath(nodes: readonly FlowNode[], source: FlowNode, sink: FlowNode): Arc[] | undefined {
  for (const node of nodes) {
    node.distance = Infinity;
    node.via = undefined;
    node.queued = false;
  }
  source.distance = 0;
  const queue = [source];
  source.queued = true;
  for (let node = queue.shift(); node; node = queue.shift()) {
    node.queued = false;
    for (const arc of node.arcs) {
      if (arc.residual === 0 || node.distance + arc.cost >= arc.head.distance) continue;
      arc.head.distance = node.distance + arc.cost;
      arc.head.via = arc;
      if (!arc.head.queued) {
        arc.head.queued = true;
        queue.push(arc.head);
      }
    }
  }
  if (sink.distance === Infinity) return undefined;
  const path: Arc[] = [];
  for (let arc = sink.via; arc; arc = arc.tail.via) path.push(arc);
  return path;
}

function pairKey(reviewerId: number, proposalId: number): string {
  return `${reviewerId}:${proposalId}`;
}

function shortfallReason(missing: number, reviewerCount: number, counts: Tally, t: Translate): string {
  const needs = t("reviewerShortfall.needs", { count: missing });
  const others = counts.free + counts.conflicted + counts.declined + counts.atCap;
  if (reviewerCount === 0) return t("reviewerShortfall.noReviewers", { needs });
  if (others === 0) return t("reviewerShortfall.allAssigned", { needs });
  const free = counts.free === 0 ? t("reviewerShortfall.noneFree") : t("reviewerShortfall.someFree", { count: counts.free });
  const unavailable = [
    counts.conflicted > 0 ? t("reviewerShortfall.conflicted", { number: counts.conflicted }) : undefined,
    counts.declined > 0 ? t("reviewerShortfall.declined", { number: counts.declined }) : undefined,
    counts.atCap > 0 ? t("reviewerShortfall.atCap", { number: counts.atCap }) : undefined,
  ].filter((part) => part !== undefined);
  return t("reviewerShortfall.reason", { needs, free, unavailable: unavailable.join(", ") });
}

/** The plan; the shortfalls' reasons in the words of `t`. */
export function assignReviewers(request: AssignmentRequest, t: Translate): AssignmentPlan {
  const reviewers = [...request.reviewers].sort((a, b) => a.reviewerId - b.reviewerId);
  const conflicted = new Set(request.conflicts.map((pair) => pairKey(pair.reviewerId, pair.proposalId)));
  const declined = new Set((request.declined ?? []).map((pair) => pairKey(pair.reviewerId, pair.proposalId)));

  const source = flowNode();
  const sink = flowNode();
  const reviewerNodes = reviewers.map((reviewer) => ({ reviewer, node: flowNode(), eligibleFor: 0 }));
  const offers: { proposalId: number; reviewerId: number; arc: Arc; tally: Tally }[] = [];
  // The proposals' own costs only settle ties between equally balanced plans: every one of them
  // together weighs less than one step of reviewer load.
  let proposalCostTotal = 0;
  const proposalNodes = [...request.proposals]
    .sort((a, b) => a.proposalId - b.proposalId)
    .map((proposal) => {
      const node = flowNode();
      const assigned = new Set(proposal.assignedReviewerIds);
      // The k-th reviewer of a proposal costs k, so a short supply is shared out among proposals.
      const places: Arc[] = [];
      for (let place = assigned.size + 1; place <= proposal.reviewersNeeded; place += 1) {
        places.push(addArc(source, node, 1, place));
        proposalCostTotal += place;
      }
      const tally: Tally = { free: 0, conflicted: 0, declined: 0, atCap: 0 };
      for (const candidate of reviewerNodes) {
        const { reviewerId } = candidate.reviewer;
        if (assigned.has(reviewerId)) continue;
        const key = pairKey(reviewerId, proposal.proposalId);
        if (conflicted.has(key)) {
          tally.conflicted += 1;
          continue;
        }
        if (declined.has(key)) {
          tally.declined += 1;
          continue;
        }
        candidate.eligibleFor += 1;
        offers.push({ proposalId: proposal.proposalId, reviewerId, arc: addArc(node, candidate.node, 1, 0), tally });
      }
      return { proposalId: proposal.proposalId, node, places, tally };
    });

  const loadStep = proposalCostTotal + 1;
  for (const { reviewer, node, eligibleFor } of reviewerNodes) {
    const room = reviewer.cap === undefined ? eligibleFor : Math.min(eligibleFor, reviewer.cap - reviewer.load);
    for (let unit = 1; unit <= room; unit += 1) addArc(node, sink, 1, (reviewer.load + unit) * loadStep);
  }

  const nodes = [source, ...proposalNodes.map((proposal) => proposal.node), ...reviewerNodes.map((candidate) => candidate.node), sink];
  for (let path = cheapestPath(nodes, source, sink); path; path = cheapestPath(nodes, source, sink)) {
    const bottleneck = Math.min(...path.map((arc) => arc.residual));
    for (const arc of path) {
      arc.residual -= bottleneck;
      arc.twin.residual += bottleneck;
    }
  }

  const assignments: ReviewerProposalPair[] = [];
  for (const offer of offers) {
    if (offer.arc.residual === 0) {
      assignments.push({ proposalId: offer.proposalId, reviewerId: offer.reviewerId });
      offer.tally.free += 1;
    } else {
      // Only read for proposals still short of reviewers: the flow is maximum, so a reviewer
      // left out of one of those has no room left, their cap is reached.
      offer.tally.atCap += 1;
    }
  }

  const shortfalls: Shortfall[] = [];
  for (const { proposalId, places, tally } of proposalNodes) {
    const missing = places.filter((place) => place.residual > 0).length;
    if (missing > 0) shortfalls.push({ proposalId, missing, reason: shortfallReason(missing, reviewers.length, tally, t) });
  }

  return { assignments, shortfalls };
}
