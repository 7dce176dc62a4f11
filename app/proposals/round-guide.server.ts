import { eq, inArray } from "drizzle-orm";
import { proposals, rounds } from "../../db/schema";
import { SUPPORT_KINDS, supportKindLabel, THEME_GROUP_KEYS, themeLabel, THEMES } from "../../workflows/vocabulary";
import type { PageLanguage } from "../../workflows/languages";
import { formatNumberIn } from "../../workflows/time";
import type { Translate } from "../../workflows/words";
import { db } from "../db.server";
import { roundCriteria } from "../rounds/eligibility.server";
import { draftRulesOfRound, roundSettings } from "../rounds/workflow.server";
import type { DraftOffer, DraftRules } from "./content-schema";
import { roundsOpenForDrafts } from "./drafting.server";

// What a round tells its applicants before and while they write: its guide, the eligibility
// criteria in the words the automatic check reads them by, its limits, and what it funds. The
// new-proposal page shows it for each open round, the edit page beside the form.

type RoundRow = Pick<typeof rounds.$inferSelect, "code" | "settings">;

export function roundGuide(round: RoundRow, t: Translate, language: PageLanguage) {
  const settings = roundSettings(round);
  return {
    // Written here, not in the browser: a browser may lack a language's number formats, and the page must hydrate alike.
    maxBudget: formatNumberIn(language, settings.limits.maxBudgetEur),
    guidance: settings.guidance,
    criteria: roundCriteria(round, t).map(({ id, name, guidance }) => ({ id, name, guidance })),
    limits: settings.limits,
    themes: THEMES.filter((theme) => settings.themes.includes(theme.id)).map((theme) => themeLabel(theme.id, t)),
    supportKinds: SUPPORT_KINDS.filter((kind) => settings.supportKinds.includes(kind.id)).map((kind) => supportKindLabel(kind.id, t)),
    // A round that funds everything says so, rather than listing what the form lists anyway.
    fundsEverything: THEMES.every((theme) => settings.themes.includes(theme.id)) && SUPPORT_KINDS.every((kind) => settings.supportKinds.includes(kind.id)),
  };
}

export type RoundGuide = ReturnType<typeof roundGuide>;

/** The themes and kinds of support a round funds: the drafting form offers these, and the server takes no others. */
export function roundOffer(round: RoundRow): DraftOffer {
  return draftRulesOfRound(round).offer;
}

/** Ticks of the drafting form, in groups (a group's title, or none). */
export type ChoiceGroup = { title: string | null; options: { id: string; label: string }[] };

/**
 * The themes and kinds of support the drafting form offers, named in the page's language (the
 * browser needs no vocabulary): the round's offer, and any the saved draft holds that the round
 * does not fund (its settings changed since), marked so, so that nothing is dropped unseen: the
 * server refuses them on submission.
 */
export function draftChoices(offer: DraftOffer, saved: { themes?: unknown; supportKinds?: unknown }, t: Translate): { themes: ChoiceGroup[]; supportKinds: ChoiceGroup[] } {
  const held = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  const within = (options: readonly { id: string }[], funded: readonly string[], chosen: string[], label: (id: string, t: Translate) => string) =>
    options
      .filter((option) => funded.includes(option.id) || chosen.includes(option.id))
      .map(({ id }) => ({ id, label: funded.includes(id) ? label(id, t) : t("draftForm.notFunded", { label: label(id, t) }) }));
  const themes = held(saved.themes);
  return {
    themes: (Object.keys(THEME_GROUP_KEYS) as (keyof typeof THEME_GROUP_KEYS)[])
      .map((group) => ({ title: t(THEME_GROUP_KEYS[group]), options: within(THEMES.filter((theme) => theme.group === group), offer.themes, themes, themeLabel) }))
      .filter((group) => group.options.length > 0),
    supportKinds: [{ title: null, options: within(SUPPORT_KINDS, offer.supportKinds, held(saved.supportKinds), supportKindLabel) }],
  };
}

export type DraftChoices = ReturnType<typeof draftChoices>;

/** The rounds a proposal can be started in, each with its guide (two queries, however many rounds). */
export function openRoundsWithGuides(now: Date, t: Translate, language: PageLanguage) {
  const open = roundsOpenForDrafts(now);
  const settings = db()
    .select({ id: rounds.id, code: rounds.code, settings: rounds.settings })
    .from(rounds)
    .where(inArray(rounds.id, open.map((round) => round.id)))
    .all();
  return open.map((round) => ({ ...round, guide: roundGuide(settings.find((s) => s.id === round.id)!, t, language) }));
}

/** The guide of the round a proposal belongs to, for the edit page. */
export function guideOfProposal(proposalId: number, t: Translate, language: PageLanguage): RoundGuide {
  const round = db().select({ code: rounds.code, settings: rounds.settings }).from(proposals).innerJoin(rounds, eq(rounds.id, proposals.roundId)).where(eq(proposals.id, proposalId)).get()!;
  return roundGuide(round, t, language);
}

/** The rules the drafting form of a proposal adds to its round's limits: the round's offer, and a start to come. */
export function draftRulesOfProposal(proposalId: number): Required<DraftRules> {
  return draftRulesOfRound(db().select({ code: rounds.code, settings: rounds.settings }).from(proposals).innerJoin(rounds, eq(rounds.id, proposals.roundId)).where(eq(proposals.id, proposalId)).get()!);
}
