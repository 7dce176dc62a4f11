import { inEnglish } from "../../workflows/in-english";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignReviewers } from "../../workflows/reviewer-assignment";
import type { AssignmentPlan, AssignmentRequest, ReviewerProposalPair } from "../../workflows/reviewer-assignment";

// Reviewers and proposals of a round, by name.
const ana = 1;
const besnik = 2;
const milica = 3;
const dragan = 4;
const jitDrugs = 101;
const borderCyber = 102;
const cveRehab = 103;
const firearms = 104;

function reviewer(reviewerId: number, load = 0, cap?: number) {
  return cap === undefined ? { reviewerId, load } : { reviewerId, load, cap };
}

function proposal(proposalId: number, reviewersNeeded: number, assignedReviewerIds: number[] = []) {
  return { proposalId, reviewersNeeded, assignedReviewerIds };
}

function reviewersOf(plan: AssignmentPlan, proposalId: number): number[] {
  return plan.assignments.filter((pair) => pair.proposalId === proposalId).map((pair) => pair.reviewerId);
}

function pairKey(pair: ReviewerProposalPair): string {
  return `${pair.reviewerId}:${pair.proposalId}`;
}

/** Every reviewer's load once the plan is carried out, in the request's order. */
function loadsAfter(request: AssignmentRequest, plan: AssignmentPlan): number[] {
  return request.reviewers.map(
    (candidate) => candidate.load + plan.assignments.filter((pair) => pair.reviewerId === candidate.reviewerId).length,
  );
}

/** The request an administrator would send after carrying out the plan. */
function afterPlan(request: AssignmentRequest, plan: AssignmentPlan): AssignmentRequest {
  const loads = loadsAfter(request, plan);
  return {
    ...request,
    proposals: request.proposals.map((need) => ({
      ...need,
      assignedReviewerIds: [...need.assignedReviewerIds, ...reviewersOf(plan, need.proposalId)],
    })),
    reviewers: request.reviewers.map((candidate, index) => ({ ...candidate, load: loads[index] ?? candidate.load })),
  };
}

function stillNeeded(request: AssignmentRequest, proposalId: number): number {
  const need = request.proposals.find((candidate) => candidate.proposalId === proposalId);
  return need ? Math.max(0, need.reviewersNeeded - new Set(need.assignedReviewerIds).size) : 0;
}

/** Pairs the plan may add: not already assigned, not conflicted, not declined. */
function openPairs(request: AssignmentRequest): ReviewerProposalPair[] {
  const barred = new Set([...request.conflicts, ...(request.declined ?? [])].map(pairKey));
  return request.proposals.flatMap((need) =>
    request.reviewers
      .filter((candidate) => !need.assignedReviewerIds.includes(candidate.reviewerId))
      .map((candidate) => ({ reviewerId: candidate.reviewerId, proposalId: need.proposalId }))
      .filter((pair) => !barred.has(pairKey(pair))),
  );
}

function roomOf(request: AssignmentRequest, reviewerId: number): number {
  const candidate = request.reviewers.find((entry) => entry.reviewerId === reviewerId);
  if (!candidate) return 0;
  return candidate.cap === undefined ? Infinity : candidate.cap - candidate.load;
}

function descending(loads: number[]): number[] {
  return [...loads].sort((a, b) => b - a);
}

/** Negative when `a` is the more balanced load vector (sorted from the heaviest, lexicographically smaller). */
function compareBalance(a: number[], b: number[]): number {
  const left = descending(a);
  const right = descending(b);
  for (let index = 0; index < left.length; index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function spread(loads: number[]): number {
  return loads.length === 0 ? 0 : Math.max(...loads) - Math.min(...loads);
}

/** Every feasible set of new pairs of the largest size, by trying every subset of the open pairs. */
function largestPlansByBruteForce(request: AssignmentRequest): AssignmentPlan[] {
  const pairs = openPairs(request);
  let largest: AssignmentPlan[] = [];
  let largestSize = -1;
  for (let mask = 0; mask < 2 ** pairs.length; mask += 1) {
    const chosen = pairs.filter((_, index) => (mask & (1 << index)) !== 0);
    const feasible =
      request.proposals.every(
        (need) => chosen.filter((pair) => pair.proposalId === need.proposalId).length <= stillNeeded(request, need.proposalId),
      ) &&
      request.reviewers.every(
        (candidate) =>
          chosen.filter((pair) => pair.reviewerId === candidate.reviewerId).length <= Math.max(0, roomOf(request, candidate.reviewerId)),
      );
    if (!feasible || chosen.length < largestSize) continue;
    if (chosen.length > largestSize) {
      largestSize = chosen.length;
      largest = [];
    }
    largest.push({ assignments: chosen, shortfalls: [] });
  }
  return largest;
}

type Shape = { maxProposals: number; maxReviewers: number; caps: boolean; conflicts: boolean };

/** Small rounds with distinct ids in no particular order, existing assignments counted into the loads. */
function rounds({ maxProposals, maxReviewers, caps, conflicts }: Shape): fc.Arbitrary<AssignmentRequest> {
  const ids = (maxLength: number) => fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength });
  return fc
    .record({ proposalIds: ids(maxProposals), reviewerIds: ids(maxReviewers) })
    .chain(({ proposalIds, reviewerIds }) => {
      const exactly = <T>(item: fc.Arbitrary<T>, length: number) => fc.array(item, { minLength: length, maxLength: length });
      const relations = conflicts
        ? fc.constantFrom("open", "open", "open", "conflicted", "declined", "assigned")
        : fc.constantFrom("open", "open", "open", "assigned");
      return fc.record({
        proposalIds: fc.constant(proposalIds),
        reviewerIds: fc.constant(reviewerIds),
        needs: exactly(fc.integer({ min: 0, max: 4 }), proposalIds.length),
        loadsElsewhere: exactly(fc.integer({ min: 0, max: 3 }), reviewerIds.length),
        caps: exactly(caps ? fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }) : fc.constant(undefined), reviewerIds.length),
        relations: exactly(relations, proposalIds.length * reviewerIds.length),
      });
    })
    .map(({ proposalIds, reviewerIds, needs, loadsElsewhere, caps, relations }) => {
      const relation = (proposalIndex: number, reviewerIndex: number) => relations[proposalIndex * reviewerIds.length + reviewerIndex];
      const pairsWhere = (kind: string) =>
        proposalIds.flatMap((proposalId, proposalIndex) =>
          reviewerIds
            .filter((_, reviewerIndex) => relation(proposalIndex, reviewerIndex) === kind)
            .map((reviewerId) => ({ reviewerId, proposalId })),
        );
      const existing = pairsWhere("assigned");
      return {
        proposals: proposalIds.map((proposalId, index) => ({
          proposalId,
          reviewersNeeded: needs[index] ?? 0,
          assignedReviewerIds: existing.filter((pair) => pair.proposalId === proposalId).map((pair) => pair.reviewerId),
        })),
        reviewers: reviewerIds.map((reviewerId, index) => {
          const load = (loadsElsewhere[index] ?? 0) + existing.filter((pair) => pair.reviewerId === reviewerId).length;
          const cap = caps[index];
          return cap === undefined ? { reviewerId, load } : { reviewerId, load, cap };
        }),
        conflicts: pairsWhere("conflicted"),
        declined: pairsWhere("declined"),
      };
    });
}

const everyRound = rounds({ maxProposals: 8, maxReviewers: 8, caps: true, conflicts: true });
// At most 3 × 4 open pairs, so a brute force tries at most 4,096 subsets.
const tinyRound = rounds({ maxProposals: 3, maxReviewers: 4, caps: true, conflicts: true });
const tinyRoundWithoutCaps = rounds({ maxProposals: 3, maxReviewers: 4, caps: false, conflicts: true });

describe("auto-assigning reviewers for a round", () => {
  it("assigns nobody when the round has no reviewers, and says so", () => {
    const plan = assignReviewers({ proposals: [proposal(jitDrugs, 2)], reviewers: [], conflicts: [] }, inEnglish);

    expect(plan.assignments).toEqual([]);
    expect(plan.shortfalls).toEqual([{ proposalId: jitDrugs, missing: 2, reason: "needs 2 more reviewers: there are no reviewers" }]);
  });

  it("assigns every free reviewer when more are needed than there are, and counts the conflicts in the reason", () => {
    const plan = assignReviewers({
      proposals: [proposal(jitDrugs, 3)],
      reviewers: [reviewer(ana), reviewer(besnik), reviewer(milica)],
      conflicts: [
        { reviewerId: ana, proposalId: jitDrugs },
        { reviewerId: besnik, proposalId: jitDrugs },
      ],
    }, inEnglish);

    expect(plan.assignments).toEqual([{ proposalId: jitDrugs, reviewerId: milica }]);
    expect(plan.shortfalls).toEqual([
      { proposalId: jitDrugs, missing: 2, reason: "needs 2 more reviewers: only 1 without a conflict is free (2 conflicted)" },
    ]);
  });

  it("never assigns a reviewer beyond their cap", () => {
    const plan = assignReviewers({
      proposals: [proposal(jitDrugs, 2), proposal(borderCyber, 2), proposal(cveRehab, 2)],
      reviewers: [reviewer(ana, 1, 2), reviewer(besnik, 0, 1), reviewer(milica)],
      conflicts: [],
    }, inEnglish);

    expect(plan.assignments.filter((pair) => pair.reviewerId === ana)).toHaveLength(1);
    expect(plan.assignments.filter((pair) => pair.reviewerId === besnik)).toHaveLength(1);
    expect(plan.assignments.filter((pair) => pair.reviewerId === milica)).toHaveLength(3);
  });

  it("shares a short supply of reviewers out among the proposals and names the caps in the reason", () => {
    const plan = assignReviewers({
      proposals: [proposal(jitDrugs, 2), proposal(borderCyber, 2)],
      reviewers: [reviewer(ana, 1, 2), reviewer(besnik, 0, 1)],
      conflicts: [],
    }, inEnglish);

    expect(reviewersOf(plan, jitDrugs)).toHaveLength(1);
    expect(reviewersOf(plan, borderCyber)).toHaveLength(1);
    expect(plan.shortfalls.map((shortfall) => shortfall.reason)).toEqual([
      "needs 1 more reviewer: only 1 without a conflict is free (1 at their cap)",
      "needs 1 more reviewer: only 1 without a conflict is free (1 at their cap)",
    ]);
  });

  it("leaves out a reviewer already at their cap from other rounds", () => {
    const plan = assignReviewers({
      proposals: [proposal(jitDrugs, 1)],
      reviewers: [reviewer(ana, 4, 4)],
      conflicts: [],
    }, inEnglish);

    expect(plan.assignments).toEqual([]);
    expect(plan.shortfalls).toEqual([
      { proposalId: jitDrugs, missing: 1, reason: "needs 1 more reviewer: no reviewer without a conflict is free (1 at their cap)" },
    ]);
  });

  it("gives the only unconflicted reviewer to the proposal that has no other, where first-come would strand it", () => {
    const plan = assignReviewers({
      proposals: [proposal(jitDrugs, 1), proposal(borderCyber, 1)],
      reviewers: [reviewer(ana), reviewer(besnik)],
      conflicts: [{ reviewerId: besnik, proposalId: borderCyber }],
    }, inEnglish);

    expect(reviewersOf(plan, borderCyber)).toEqual([ana]);
    expect(reviewersOf(plan, jitDrugs)).toEqual([besnik]);
    expect(plan.shortfalls).toEqual([]);
  });

  it("keeps existing assignments, counts them into the reviewer's load and fills only what is missing", () => {
    const plan = assignReviewers({
      proposals: [proposal(jitDrugs, 2, [ana]), proposal(borderCyber, 1)],
      reviewers: [reviewer(ana, 1), reviewer(besnik), reviewer(milica)],
      conflicts: [],
    }, inEnglish);

    expect(reviewersOf(plan, jitDrugs)).toHaveLength(1);
    expect(reviewersOf(plan, jitDrugs)).not.toContain(ana);
    expect(reviewersOf(plan, borderCyber)).not.toContain(ana);
    expect(loadsAfter({ proposals: [], reviewers: [reviewer(ana, 1), reviewer(besnik), reviewer(milica)], conflicts: [] }, plan)).toEqual([
      1, 1, 1,
    ]);
  });

  it("prefers the reviewer with the lighter load from other rounds", () => {
    const plan = assignReviewers({
      proposals: [proposal(jitDrugs, 1)],
      reviewers: [reviewer(ana, 5), reviewer(besnik, 2)],
      conflicts: [],
    }, inEnglish);

    expect(plan.assignments).toEqual([{ proposalId: jitDrugs, reviewerId: besnik }]);
  });

  it("does not offer a proposal again to a reviewer who declined it", () => {
    const plan = assignReviewers({
      proposals: [proposal(jitDrugs, 2)],
      reviewers: [reviewer(ana), reviewer(besnik)],
      conflicts: [],
      declined: [{ reviewerId: ana, proposalId: jitDrugs }],
    }, inEnglish);

    expect(plan.assignments).toEqual([{ proposalId: jitDrugs, reviewerId: besnik }]);
    expect(plan.shortfalls).toEqual([
      { proposalId: jitDrugs, missing: 1, reason: "needs 1 more reviewer: only 1 without a conflict is free (1 declined)" },
    ]);
  });

  it("spreads two reviewers per proposal evenly over the round", () => {
    const request = {
      proposals: [proposal(jitDrugs, 2), proposal(borderCyber, 2), proposal(cveRehab, 2), proposal(firearms, 2)],
      reviewers: [reviewer(ana), reviewer(besnik), reviewer(milica), reviewer(dragan)],
      conflicts: [{ reviewerId: ana, proposalId: jitDrugs }],
    };
    const plan = assignReviewers(request, inEnglish);

    expect(plan.assignments).toHaveLength(8);
    expect(loadsAfter(request, plan)).toEqual([2, 2, 2, 2]);
  });

  it("says when every reviewer is already on the proposal", () => {
    const plan = assignReviewers({ proposals: [proposal(jitDrugs, 3, [ana])], reviewers: [reviewer(ana, 1)], conflicts: [] }, inEnglish);

    expect(plan.shortfalls).toEqual([
      { proposalId: jitDrugs, missing: 2, reason: "needs 2 more reviewers: every reviewer is already assigned to it" },
    ]);
  });
});

describe("auto-assignment, on random rounds", () => {
  it("never assigns a conflicted or declined pair, nor a pair twice, nor past a cap", () => {
    fc.assert(
      fc.property(everyRound, (request) => {
        const plan = assignReviewers(request, inEnglish);
        const barred = new Set([...request.conflicts, ...(request.declined ?? [])].map(pairKey));
        const existing = new Set(
          request.proposals.flatMap((need) => need.assignedReviewerIds.map((reviewerId) => pairKey({ reviewerId, proposalId: need.proposalId }))),
        );
        const added = plan.assignments.map(pairKey);

        expect(added.filter((key) => barred.has(key))).toEqual([]);
        expect(added.filter((key) => existing.has(key))).toEqual([]);
        expect(new Set(added).size).toBe(added.length);
        request.reviewers.forEach((candidate, index) => {
          const load = loadsAfter(request, plan)[index] ?? 0;
          if (candidate.cap !== undefined && load > candidate.load) expect(load).toBeLessThanOrEqual(candidate.cap);
        });
      }),
    );
  });

  it("fills no proposal beyond its number and reports exactly what each still lacks", () => {
    fc.assert(
      fc.property(everyRound, (request) => {
        const plan = assignReviewers(request, inEnglish);
        const after = afterPlan(request, plan);

        for (const need of request.proposals) {
          const missing = stillNeeded(after, need.proposalId);
          expect(reviewersOf(plan, need.proposalId).length).toBeLessThanOrEqual(stillNeeded(request, need.proposalId));
          expect(plan.shortfalls.find((shortfall) => shortfall.proposalId === need.proposalId)?.missing ?? 0).toBe(missing);
          // Short, yet a reviewer with room who could take it was left out: not the most it could get.
          const stillOpen = openPairs(after).filter(
            (pair) => pair.proposalId === need.proposalId && roomOf(after, pair.reviewerId) > 0,
          );
          if (missing > 0) expect(stillOpen).toEqual([]);
        }
      }),
    );
  });

  it("gives every proposal its number when the reviewers suffice", () => {
    fc.assert(
      fc.property(rounds({ maxProposals: 8, maxReviewers: 8, caps: false, conflicts: true }), (request) => {
        fc.pre(
          request.proposals.every(
            (need) => openPairs(request).filter((pair) => pair.proposalId === need.proposalId).length >= stillNeeded(request, need.proposalId),
          ),
        );
        const plan = assignReviewers(request, inEnglish);

        expect(plan.shortfalls).toEqual([]);
        for (const need of request.proposals) expect(reviewersOf(plan, need.proposalId)).toHaveLength(stillNeeded(request, need.proposalId));
      }),
    );
  });

  it("assigns as many as the best possible plan (a brute force over every set of pairs)", () => {
    fc.assert(
      fc.property(tinyRound, (request) => {
        const [best] = largestPlansByBruteForce(request);

        expect(assignReviewers(request, inEnglish).assignments).toHaveLength(best?.assignments.length ?? 0);
      }),
    );
  });

  it("leaves loads no less balanced than any plan of the same size (a brute force over every set of pairs)", () => {
    fc.assert(
      fc.property(tinyRound, (request) => {
        const ours = loadsAfter(request, assignReviewers(request, inEnglish));

        for (const rival of largestPlansByBruteForce(request)) {
          expect(compareBalance(ours, loadsAfter(request, rival))).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  it("among the most balanced plans, shares reviewers out among proposals most evenly (a brute force over every set of pairs)", () => {
    const squares = (counts: number[]) => counts.reduce((sum, count) => sum + count * count, 0);
    const perProposal = (request: AssignmentRequest, plan: AssignmentPlan) =>
      request.proposals.map((need) => new Set(need.assignedReviewerIds).size + reviewersOf(plan, need.proposalId).length);
    fc.assert(
      fc.property(tinyRound, (request) => {
        const plan = assignReviewers(request, inEnglish);
        const ours = loadsAfter(request, plan);

        for (const rival of largestPlansByBruteForce(request)) {
          if (compareBalance(ours, loadsAfter(request, rival)) !== 0) continue;
          expect(squares(perProposal(request, plan))).toBeLessThanOrEqual(squares(perProposal(request, rival)));
        }
      }),
    );
  });

  it("keeps max − min load within 1 without caps whenever some plan of the same size does", () => {
    fc.assert(
      fc.property(tinyRoundWithoutCaps, (request) => {
        const balancedIsPossible = largestPlansByBruteForce(request).some((rival) => spread(loadsAfter(request, rival)) <= 1);
        fc.pre(balancedIsPossible);

        expect(spread(loadsAfter(request, assignReviewers(request, inEnglish)))).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("assigns nothing new when run again on its own result", () => {
    fc.assert(
      fc.property(everyRound, (request) => {
        const plan = assignReviewers(request, inEnglish);
        const again = assignReviewers(afterPlan(request, plan), inEnglish);

        expect(again.assignments).toEqual([]);
        expect(again.shortfalls.map(({ proposalId, missing }) => ({ proposalId, missing }))).toEqual(
          plan.shortfalls.map(({ proposalId, missing }) => ({ proposalId, missing })),
        );
      }),
    );
  });

  it("gives the same plan for the same round, whatever order the lists come in", () => {
    fc.assert(
      fc.property(everyRound, (request) => {
        const reordered = {
          proposals: [...request.proposals].reverse(),
          reviewers: [...request.reviewers].reverse(),
          conflicts: [...request.conflicts].reverse(),
          declined: [...(request.declined ?? [])].reverse(),
        };

        expect(assignReviewers(reordered, inEnglish)).toEqual(assignReviewers(request, inEnglish));
        expect(assignReviewers(request, inEnglish)).toEqual(assignReviewers(request, inEnglish));
      }),
    );
  });
});
