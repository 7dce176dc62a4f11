import { and, eq, inArray, ne } from "drizzle-orm";
import { institutions, memberships, proposalComments, proposals, users } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { newCommentEmail } from "../../emails/templates/new-comment";
import { formatBrussels } from "../../workflows/time";
import type { SessionUser } from "../auth/session.server";
import { db } from "../db.server";
import { env } from "../env.server";
import { applicantInstitutions, can } from "../permissions.server";
import type { Participation } from "./participation.server";

// Comments: the working discussion of the lead's and partners' applicants with the TAF team.
// Who may read and write them is the "comment" permission; reviewers and country advisors do not
// hold it, so an applicant can speak freely about a draft. As elsewhere, applicants read "the TAF
// team" rather than the names of its members.

/** The comments page: which proposal, and its comments as this viewer may see them. */
export function commentsPage(proposalId: number, viewer: SessionUser) {
  const row = db().select({ title: proposals.title, reference: proposals.reference }).from(proposals).where(eq(proposals.id, proposalId)).get()!;
  return {
    proposal: { id: proposalId, title: row.title || "Untitled proposal", reference: row.reference },
    comments: listComments(proposalId, viewer),
  };
}

/** The comments on a proposal, oldest first, with who wrote them as this viewer may see it. */
function listComments(proposalId: number, viewer: SessionUser) {
  const internal = can(viewer, "viewInternalNotes");
  return db()
    .select({
      id: proposalComments.id,
      body: proposalComments.body,
      createdAt: proposalComments.createdAt,
      authorUserId: proposalComments.authorUserId,
      authorName: users.name,
      institutionName: institutions.name,
    })
    .from(proposalComments)
    .innerJoin(users, eq(users.id, proposalComments.authorUserId))
    .leftJoin(institutions, eq(institutions.id, proposalComments.institutionId))
    .where(eq(proposalComments.proposalId, proposalId))
    .orderBy(proposalComments.id)
    .all()
    .map((c) => ({
      id: c.id,
      body: c.body,
      at: formatBrussels(c.createdAt),
      isOwn: c.authorUserId === viewer.id,
      author: c.institutionName !== null || internal || c.authorUserId === viewer.id ? c.authorName : null,
      institution: c.institutionName ?? "TAF team",
    }));
}

/**
 * The institution a comment speaks for: the author's institution that takes part (the lead
 * first), or none when the TAF team writes.
 */
function speakingFor(user: SessionUser, participation: Participation) {
  const own = applicantInstitutions(user);
  if (own.includes(participation.leadInstitutionId)) return participation.leadInstitutionId;
  return participation.partnerInstitutionIds.find((id) => own.includes(id)) ?? null;
}

/**
 * Saves a comment and, in the same transaction, e-mails it once to each active applicant of the
 * other institutions that see the proposal (see participation.server.ts); never to the author. When the
 * TAF team writes, every institution taking part is "other".
 */
export function postComment(author: SessionUser, participation: Participation, body: string, now = new Date()) {
  return db().transaction(
    (tx) => {
      const institutionId = speakingFor(author, participation);
      const comment = tx
        .insert(proposalComments)
        .values({ proposalId: participation.proposalId, authorUserId: author.id, institutionId, body, createdAt: now })
        .returning({ id: proposalComments.id })
        .get();
      const proposal = tx.select({ title: proposals.title, reference: proposals.reference }).from(proposals).where(eq(proposals.id, participation.proposalId)).get()!;
      const institutionName = institutionId === null ? null : tx.select({ name: institutions.name }).from(institutions).where(eq(institutions.id, institutionId)).get()?.name;
      // The institutions that see the proposal hear of the comment; the author's own does not.
      const others = [participation.leadInstitutionId, ...participation.partnerInstitutionIds].filter((id) => id !== institutionId);
      const recipients = others.length
        ? tx
            .selectDistinct({ userId: users.id, name: users.name, email: users.email })
            .from(memberships)
            .innerJoin(users, eq(users.id, memberships.userId))
            .where(and(eq(memberships.role, "applicant"), eq(users.active, true), inArray(memberships.institutionId, others), ne(users.id, author.id)))
            .all()
        : [];
      for (const recipient of recipients) {
        enqueueEmail(tx, {
          idempotencyKey: `new-comment:${comment.id}:${recipient.userId}`,
          to: recipient.email,
          template: "new-comment",
          ...newCommentEmail({
          appUrl: env().APP_URL,
            recipientName: recipient.name,
            authorLabel: institutionName ? `${author.name} (${institutionName})` : "The TAF team",
            reference: proposal.reference,
            title: proposal.title,
            body,
            commentsUrl: `${env().APP_URL}/proposals/${participation.proposalId}/comments#comment-${comment.id}`,
          }),
        });
      }
      return { commentId: comment.id, emailed: recipients.length };
    },
    { behavior: "immediate" },
  );
}
