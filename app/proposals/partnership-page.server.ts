import { SUPPORT_KINDS, THEMES } from "../../workflows/vocabulary";
import { formatBrussels } from "../../workflows/time";
import type { SessionUser } from "../auth/session.server";
import { ownPartnership, partnersOverview } from "./partners.server";

/**
 * What an invited or confirmed partner institution reads before it answers: the proposal in
 * short, who else takes part, and its own answer so far.
 */
export function partnershipPage(user: SessionUser, proposalId: number) {
  const overview = partnersOverview(proposalId)!;
  const mine = ownPartnership(user, proposalId)!;
  const content = overview.content;
  const text = (key: string) => (typeof content[key] === "string" ? (content[key] as string) : "");
  const labels = (key: string, options: readonly { id: string; label: string }[]) =>
    Array.isArray(content[key]) ? (content[key] as unknown[]).map((id) => options.find((o) => o.id === id)?.label ?? String(id)) : [];
  return {
    proposal: {
      id: overview.id,
      title: overview.title,
      reference: overview.reference,
      roundTitle: overview.round.title,
      roundClosesAt: overview.round.closesAt ? formatBrussels(overview.round.closesAt) : null,
      summary: text("summary"),
      objectives: text("objectives"),
      activities: text("activities"),
      themes: labels("themes", THEMES),
      supportKinds: labels("supportKinds", SUPPORT_KINDS),
    },
    lead: overview.lead,
    partners: overview.partners.map(({ id, name, country, status }) => ({ id, name, country, status })),
    jointCountries: overview.jointCountries,
    isJoint: overview.isJoint,
    jointRule: overview.jointRule,
    mine: overview.partners.find((p) => p.id === mine.id)!,
  };
}
