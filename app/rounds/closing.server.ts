import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { memberships, proposals, users } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { recipientLanguage } from "../../emails/words";
import { roundClosedDraftsEmail } from "../../emails/templates/round-closed-drafts";
import { statesWithin } from "../../workflows/proposal-stages";
import { env } from "../env.server";

// When a round closes, by the scheduler or by hand, drafts still open in it can no longer be
// submitted: the applicants of each lead institution are told, once each whatever the number of
// drafts, in the transaction that closes the round; and the round's page lists those drafts.

/** Queues one message per active applicant of a lead institution with drafts still open. */
export function tellLeadsOfOpenDrafts(tx: Tx, round: { id: number; code: string; title: string }, closing: { version: number; at: Date }) {
  const rows = tx
    .select({ userId: users.id, name: users.name, email: users.email, locale: users.locale, proposalId: proposals.id, title: proposals.title })
    .from(proposals)
    .innerJoin(memberships, and(eq(memberships.institutionId, proposals.leadInstitutionId), eq(memberships.role, "applicant")))
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.active, true)))
    .where(and(eq(proposals.roundId, round.id), inArray(proposals.state, statesWithin("draft"))))
    .orderBy(users.id, proposals.id)
    .all();
  const byLead = new Map<number, { name: string; email: string; locale: string | null; drafts: { title: string; url: string }[] }>();
  for (const row of rows) {
    const lead = byLead.get(row.userId) ?? { name: row.name, email: row.email, locale: row.locale, drafts: [] };
    lead.drafts.push({ title: row.title, url: `${env().APP_URL}/proposals/${row.proposalId}` });
    byLead.set(row.userId, lead);
  }
  for (const [userId, lead] of byLead) {
    enqueueEmail(
      tx,
      {
        // Once per closing: a round reopened and closed again tells its leads again.
        idempotencyKey: `round-closed:${round.id}:${closing.version}:${userId}`,
        to: lead.email,
        template: "round-closed-drafts",
        ...roundClosedDraftsEmail({
          appUrl: env().APP_URL,
          recipientName: lead.name,
          roundCode: round.code,
          roundTitle: round.title,
          closedAt: closing.at,
          drafts: lead.drafts,
          language: recipientLanguage(lead.locale),
        }),
      },
      closing.at,
    );
  }
  return byLead.size;
}
