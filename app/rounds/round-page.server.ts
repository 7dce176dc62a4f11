import { ELIGIBILITY_CRITERIA } from "../../workflows/eligibility";
import { PROPOSAL_PARTS } from "../../workflows/proposal-content";
import { allowedRoundEvents, restoreRound, roundMachine, roundStateLabel } from "../../workflows/round.machine";
import { drawStatechart } from "../../workflows/statechart-svg";
import { formatBrussels } from "../../workflows/time";
import { idInAddress } from "../address.server";
import { administratorActor } from "../auth/actors.server";
import type { SessionUser } from "../auth/session.server";
import type { PageRequest } from "../pagination.server";
import { euros } from "../proposals/content-schema";
import { proposalsOfRound } from "../proposals/lists.server";
import { findRound, roundHistory } from "./manage.server";
import type { RoundActionInput } from "./round-schema";
import type { RoundCommand } from "./workflow.server";

// One round as the TAF team manages it: its facts and settings in words, what the statechart
// allows them now, its history and its proposals.

export function roundNotFound(): never {
  throw new Response("There is no round at this address.", { status: 404, statusText: "Not Found" });
}

/** The round of the address; anything but a plain positive number is a 404, not an error. */
export function roundIdOf(param: string | undefined) {
  return idInAddress(param, roundNotFound);
}

/** The round's page for an administrator. */
export function roundPage(roundId: number, admin: SessionUser, page: PageRequest) {
  const round = findRound(roundId) ?? roundNotFound();
  const snapshot = restoreRound(round.snapshot, round.machineVersion);
  const { limits } = round.settings;
  const history = roundHistory(round.id);
  return {
    round: {
      id: round.id,
      code: round.code,
      title: round.title,
      description: round.description,
      mode: round.mode,
      state: round.state,
      stateLabel: roundStateLabel(snapshot),
      version: round.version,
      opens: formatBrussels(round.opensAt),
      closes: round.closesAt ? formatBrussels(round.closesAt) : null,
      created: formatBrussels(round.createdAt),
      submitted: round.submitted,
      drafts: round.drafts,
    },
    settings: {
      criteria: ELIGIBILITY_CRITERIA.filter((criterion) => round.settings.criteria.includes(criterion.id)).map((criterion) => criterion.label),
      minimumReviews: round.settings.minimumReviews,
      reviewDays: round.settings.reviewDays,
      maxBudget: euros(limits.maxBudgetEur),
      maxDurationMonths: limits.maxDurationMonths,
      words: PROPOSAL_PARTS.flatMap((part) => (part.key in limits.words ? [{ label: part.label, words: limits.words[part.key as keyof typeof limits.words] }] : [])),
    },
    actions: allowedRoundEvents(snapshot, administratorActor(admin)),
    history,
    statechart: drawStatechart(roundMachine, {
      current: round.state,
      // Every round starts planned; each history row names the state it led to.
      visited: ["planned", ...history.map((entry) => entry.toState)],
      title: `Where ${round.code} is in its life as a round`,
    }),
    proposals: proposalsOfRound(admin, round.id, page),
  };
}

/** A checked form as the command the round statechart takes. */
export function roundCommandOf(input: RoundActionInput): RoundCommand {
  switch (input.event) {
    case "REOPEN":
      return { type: "REOPEN", closesAt: input.closesAt ?? null, reason: input.reason };
    case "CANCEL":
      return { type: "CANCEL", reason: input.reason };
    default:
      return { type: input.event };
  }
}
