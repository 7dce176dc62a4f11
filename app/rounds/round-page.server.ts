import type { TFunction } from "i18next";
import type { PageLanguage } from "../../workflows/languages";
import { PROPOSAL_PARTS } from "../../workflows/proposal-content";
import { allowedRoundEvents, restoreRound, roundStateLabel } from "../../workflows/round.machine";
import { formatBrusselsIn, formatEurosIn, toBrusselsTime } from "../../workflows/time";
import { SUPPORT_KINDS, THEMES } from "../../workflows/vocabulary";
import { idInAddress } from "../address.server";
import { administratorActor } from "../auth/actors.server";
import type { SessionUser } from "../auth/session.server";
import type { PageRequest } from "../pagination.server";
import { openDraftsOfRound, proposalsOfRound } from "../proposals/lists.server";
import { statechartPicture } from "../statecharts/picture.server";
import { roundForEditing } from "./editing.server";
import { findRound, roundHistory } from "./manage.server";
import { partLabelKey } from "../proposals/draft-parts";
import type { RoundActionInput } from "./round-schema";
import { roundCriteria } from "./eligibility.server";
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

/** The round's page for an administrator, in the page's language. */
export function roundPage(roundId: number, admin: SessionUser, pages: { page: PageRequest; draftsPage: PageRequest }, t: TFunction, language: PageLanguage) {
  const round = findRound(roundId) ?? roundNotFound();
  const snapshot = restoreRound(round.snapshot, round.machineVersion);
  const { limits } = round.settings;
  const history = roundHistory(round.id, { t, language });
  return {
    round: {
      id: round.id,
      code: round.code,
      title: round.title,
      description: round.description,
      mode: round.mode,
      state: round.state,
      stateLabel: roundStateLabel(snapshot, t),
      version: round.version,
      opens: formatBrusselsIn(language, round.opensAt),
      closes: round.closesAt ? formatBrusselsIn(language, round.closesAt) : null,
      created: formatBrusselsIn(language, round.createdAt),
      submitted: round.submitted,
      drafts: round.drafts,
    },
    settings: {
      criteria: roundCriteria(round, t).map((criterion) => criterion.name),
      minimumReviews: round.settings.minimumReviews,
      reviewDays: round.settings.reviewDays,
      maxBudget: formatEurosIn(language, limits.maxBudgetEur),
      maxDurationMonths: limits.maxDurationMonths,
      maxPartners: limits.maxPartners,
      guidance: round.settings.guidance,
      themes: THEMES.filter((theme) => round.settings.themes.includes(theme.id)).map((theme) => t(theme.key)),
      supportKinds: SUPPORT_KINDS.filter((kind) => round.settings.supportKinds.includes(kind.id)).map((kind) => t(kind.key)),
      words: PROPOSAL_PARTS.flatMap((part) => (part.key in limits.words ? [{ label: t(partLabelKey(part.key)), words: limits.words[part.key as keyof typeof limits.words] }] : [])),
    },
    actions: allowedRoundEvents(snapshot, administratorActor(admin)),
    editable: snapshot.status !== "done",
    history,
    statechart: statechartPicture("round", {
      current: round.state,
      // Every round starts planned; each statechart event in the history names the state it led to.
      visited: ["planned", ...history.flatMap((entry) => (entry.toState ? [entry.toState] : []))],
      title: t("roundPage.statechartTitle", { code: round.code }),
    }, language),
    proposals: proposalsOfRound(admin, round.id, pages.page, { t, language }),
    // Once the round no longer takes submissions, its drafts are stuck: the TAF team sees which.
    openDrafts: round.state === "closed" || round.state === "archived" ? openDraftsOfRound(admin, round.id, pages.draftsPage, { t, language }) : null,
  };
}

/** The edit page: the form's starting values, and beside each field what may no longer change and why. */
export function roundEditPage(roundId: number, t: TFunction, language: PageLanguage) {
  const found = roundForEditing(roundId, { t, language });
  if (!found) return null;
  const { round, settings, bounds } = found;
  const floors: Record<string, string> = {};
  for (const [key, floor] of Object.entries(bounds.floors)) {
    if (key !== "words" && floor && "why" in floor) floors[`limits.${key}`] = floor.why;
  }
  for (const [part, floor] of Object.entries(bounds.floors.words)) floors[`limits.words.${part}`] = floor.why;
  const inUse = (chosen: Record<string, string>, vocabulary: readonly { id: string; key: string }[]) => {
    const labels = vocabulary.filter((entry) => entry.id in chosen).map((entry) => t(entry.key));
    return labels.length ? { why: t("roundEdit.inUse", { offers: labels.join(", ") }) } : null;
  };
  const themesInUse = inUse(bounds.inUse.themes, THEMES);
  const supportKindsInUse = inUse(bounds.inUse.supportKinds, SUPPORT_KINDS);
  return {
    round: { id: round.id, code: round.code, title: round.title, version: round.version, submitted: bounds.fixed.code !== null },
    closed: bounds.closed,
    defaults: {
      code: round.code,
      title: round.title,
      description: round.description,
      guidance: settings.guidance,
      mode: round.mode,
      opensAt: toBrusselsTime(round.opensAt),
      closesAt: round.closesAt ? toBrusselsTime(round.closesAt) : undefined,
      minimumReviews: settings.minimumReviews,
      reviewDays: settings.reviewDays,
      limits: settings.limits,
      themes: settings.themes,
      supportKinds: settings.supportKinds,
    },
    notes: {
      fixed: bounds.fixed,
      current: {
        code: round.code,
        opens: formatBrusselsIn(language, round.opensAt),
        closes: round.closesAt ? formatBrusselsIn(language, round.closesAt) : null,
        mode: round.mode,
        minimumReviews: settings.minimumReviews,
        reviewDays: settings.reviewDays,
      },
      bounds: {
        ...floors,
        ...(bounds.earliestClose ? { closesAt: bounds.earliestClose.why } : {}),
        ...(themesInUse ? { themes: themesInUse.why } : {}),
        ...(supportKindsInUse ? { supportKinds: supportKindsInUse.why } : {}),
      },
    },
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
