import { supportKindLabel, themeLabel } from "../../workflows/vocabulary";
import { formatBrusselsIn } from "../../workflows/time";
import type { SessionUser } from "../auth/session.server";
import type { PageWords } from "./partners.server";
import { ownPartnership, partnersOverview } from "./partners.server";

/**
 * What an invited or confirmed partner institution reads before it answers: the proposal in
 * short, who else takes part, and its own answer so far, in the page's words.
 */
export function partnershipPage(user: SessionUser, proposalId: number, words: PageWords) {
  const overview = partnersOverview(proposalId, undefined, words)!;
  const mine = ownPartnership(user, proposalId)!;
  const content = overview.content;
  const text = (key: string) => (typeof content[key] === "string" ? (content[key] as string) : "");
  const labels = (key: string, label: (id: string, t: PageWords["t"]) => string) =>
    Array.isArray(content[key]) ? (content[key] as unknown[]).map((id) => label(String(id), words.t)) : [];
  return {
    proposal: {
      id: overview.id,
      title: overview.title,
      reference: overview.reference,
      roundTitle: overview.round.title,
      roundClosesAt: overview.round.closesAt ? formatBrusselsIn(words.language, overview.round.closesAt) : null,
      summary: text("summary"),
      objectives: text("objectives"),
      activities: text("activities"),
      themes: labels("themes", themeLabel),
      supportKinds: labels("supportKinds", supportKindLabel),
    },
    lead: overview.lead,
    partners: overview.partners.map(({ id, name, country, status }) => ({ id, name, country, status })),
    jointCountries: overview.jointCountries,
    isJoint: overview.isJoint,
    jointRule: overview.jointRule,
    mine: overview.partners.find((p) => p.id === mine.id)!,
  };
}
