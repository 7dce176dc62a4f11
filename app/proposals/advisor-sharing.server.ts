import { and, eq, sql } from "drizzle-orm";
import { advisorShares, memberships, proposals, users } from "../../db/schema";
import { countryLabel } from "../../workflows/countries";
import { isWithin } from "../../workflows/proposal-stages";
import { statePath } from "../../workflows/proposal.machine";
import { formatBrusselsIn } from "../../workflows/time";
import { audit } from "../audit.server";
import type { SessionUser } from "../auth/session.server";
import { db, preparedStatement } from "../db.server";
import { listCountries } from "../institutions/institutions.server";
import { canOnProposal } from "../permissions.server";
import type { Participation } from "./participation.server";
import type { PageWords } from "./partners.server";
import { countryNameOf, englishWords } from "./partners.server";

// A lead may share its draft with the country advisors of the countries taking part, so that
// they can help before it is submitted (they see it, comment, and hear of its comments), and
// stop sharing it while it is a draft. Submitted proposals are theirs to see anyway.

// Read on every visit of a proposal's page: built by drizzle and prepared once per connection
// (app/db.server.ts). The countries and the active country advisors are a few dozen rows at
// most, read whole and narrowed to the proposal's countries here, so that no statement varies
// with how many countries take part.
const sharingStatements = preparedStatement((database) => ({
  share: database
    .select({ at: advisorShares.sharedAt, byName: users.name })
    .from(advisorShares)
    .innerJoin(users, eq(users.id, advisorShares.sharedByUserId))
    .where(eq(advisorShares.proposalId, sql.placeholder("proposalId")))
    .prepare(),
  advisors: database
    .select({ userId: memberships.userId, countryCode: memberships.countryCode })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.role, "countryAdvisor"), eq(users.active, true)))
    .prepare(),
}));

/**
 * Whether, since when and by whom the draft is shared, with which countries' advisors, and
 * whether this person may change it, in the page's words.
 */
export function advisorSharingFor(participation: Participation, user: SessionUser, { t, language }: PageWords = englishWords()) {
  const statements = sharingStatements();
  const share = statements.share.get({ proposalId: participation.proposalId });
  const taking = new Set(participation.countryCodes);
  const countryRows = listCountries().filter((c) => taking.has(c.code));
  const advisorCount = new Set(statements.advisors.all().flatMap((a) => (a.countryCode && taking.has(a.countryCode) ? [a.userId] : []))).size;
  return {
    proposalId: participation.proposalId,
    // Where the proposal is, from the statechart the permission check already restored.
    isDraft: isWithin(statePath(participation.snapshot), "draft"),
    shared: share ? { at: formatBrusselsIn(language, share.at), byName: share.byName } : null,
    countries: countryRows.map((c) => {
      const name = countryNameOf(c.code, c.name, t);
      return { name, needsFootnote: c.needsFootnote, label: countryLabel(name, c.needsFootnote) };
    }),
    advisorCount,
    mayChange: canOnProposal(user, "shareWithAdvisors", participation),
  };
}

/** The country advisors page: the proposal's heading and its sharing, in the page's words. */
export function advisorsPage(participation: Participation, user: SessionUser, words: PageWords) {
  const row = db().select({ title: proposals.title, reference: proposals.reference }).from(proposals).where(eq(proposals.id, participation.proposalId)).get()!;
  return {
    proposal: { id: participation.proposalId, title: row.title || words.t("partnersPage.untitled"), reference: row.reference },
    sharing: advisorSharingFor(participation, user, words),
  };
}

/** Shares the draft (again sharing a shared one changes nothing) and records it in the audit log. */
export function shareWithAdvisors(user: SessionUser, participation: Participation, ip?: string, now = new Date()) {
  db().transaction(
    (tx) => {
      const inserted = tx
        .insert(advisorShares)
        .values({ proposalId: participation.proposalId, sharedByUserId: user.id, sharedAt: now })
        .onConflictDoNothing()
        .returning({ proposalId: advisorShares.proposalId })
        .all();
      if (!inserted.length) return;
      audit({ actorUserId: user.id, action: "draftSharedWithAdvisors", subjectType: "proposal", subjectId: participation.proposalId, detail: { countries: participation.countryCodes }, ip }, tx);
    },
    { behavior: "immediate" },
  );
}

/** Stops sharing the draft and records it; a draft not shared stays as it is. */
export function stopSharingWithAdvisors(user: SessionUser, participation: Participation, ip?: string) {
  db().transaction(
    (tx) => {
      const deleted = tx.delete(advisorShares).where(eq(advisorShares.proposalId, participation.proposalId)).returning({ proposalId: advisorShares.proposalId }).all();
      if (!deleted.length) return;
      audit({ actorUserId: user.id, action: "draftSharingWithAdvisorsStopped", subjectType: "proposal", subjectId: participation.proposalId, detail: { countries: participation.countryCodes }, ip }, tx);
    },
    { behavior: "immediate" },
  );
}
