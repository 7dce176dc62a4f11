import { and, eq, inArray, ne, or } from "drizzle-orm";
import { countries, institutions, memberships, proposalComments, proposals, users } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { newCommentEmail } from "../../emails/templates/new-comment";
import type { CommentAuthor } from "../../emails/templates/new-comment";
import { recipientLanguage } from "../../emails/words";
import { countryLabel, countryNameIn } from "../../workflows/countries";
import type { PageLanguage } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
import { translatorFor } from "../../workflows/messages";
import type { Translate } from "../../workflows/words";
import type { SessionUser } from "../auth/session.server";
import { db } from "../db.server";
import { env } from "../env.server";
import { advisedCountries, applicantInstitutions, can, seenByAdvisors } from "../permissions.server";
import type { Participation } from "./participation.server";

// Comments: the working discussion of the lead's and partners' applicants with the TAF team and
// the country advisors of their countries, who help them. Who may read and write them is the
// "comment" permission; reviewers do not hold it, so an applicant can speak freely about a draft.
// As elsewhere, applicants and advisors read "the TAF team" rather than the names of its members.

/**
 * The comments page: which proposal, and its comments as this viewer may see them, in the page's
 * language (English for the advisors' page, not translated yet, which reads only the proposal).
 */
export function commentsPage(proposalId: number, viewer: SessionUser, t: Translate = translatorFor("en"), language: PageLanguage = "en") {
  const row = db().select({ title: proposals.title, reference: proposals.reference }).from(proposals).where(eq(proposals.id, proposalId)).get()!;
  return {
    proposal: { id: proposalId, title: row.title || t("proposalPage.untitled"), reference: row.reference },
    comments: listComments(proposalId, viewer, t, language),
  };
}

/** The comments on a proposal, oldest first, with who wrote them as this viewer may see it. */
function listComments(proposalId: number, viewer: SessionUser, t: Translate, language: PageLanguage) {
  const internal = can(viewer, "viewInternalNotes");
  return db()
    .select({
      id: proposalComments.id,
      body: proposalComments.body,
      createdAt: proposalComments.createdAt,
      authorUserId: proposalComments.authorUserId,
      authorName: users.name,
      institutionName: institutions.name,
      advisedCountry: countries.code,
    })
    .from(proposalComments)
    .innerJoin(users, eq(users.id, proposalComments.authorUserId))
    .leftJoin(institutions, eq(institutions.id, proposalComments.institutionId))
    .leftJoin(countries, eq(countries.code, proposalComments.advisorCountryCode))
    .where(eq(proposalComments.proposalId, proposalId))
    .orderBy(proposalComments.id)
    .all()
    .map((c) => {
      const speaksFor = speakerLabel(c.institutionName, c.advisedCountry === null ? null : countryNameIn(c.advisedCountry, t), t);
      return {
        id: c.id,
        body: c.body,
        at: formatBrusselsIn(language, c.createdAt),
        isOwn: c.authorUserId === viewer.id,
        author: speaksFor !== null || internal || c.authorUserId === viewer.id ? c.authorName : null,
        institution: speaksFor ?? t("commentsPage.tafTeam"),
      };
    });
}

/** For whom a comment speaks: an institution, a country's advisor, or (null) the TAF team. */
function speakerLabel(institutionName: string | null, advisedCountry: string | null, t: Translate) {
  if (institutionName !== null) return institutionName;
  if (advisedCountry !== null) return t("commentsPage.advisorFor", { country: advisedCountry });
  return null;
}

/**
 * Whom a comment speaks for: the author's institution that takes part (the lead first); else,
 * for a country advisor, their country taking part; else the TAF team (both null).
 */
function speakingFor(user: SessionUser, participation: Participation) {
  const own = applicantInstitutions(user);
  if (own.includes(participation.leadInstitutionId)) return { institutionId: participation.leadInstitutionId, advisorCountryCode: null };
  const partner = participation.partnerInstitutionIds.find((id) => own.includes(id));
  if (partner !== undefined) return { institutionId: partner, advisorCountryCode: null };
  const advised = advisedCountries(user).find((code) => participation.countryCodes.includes(code));
  return { institutionId: null, advisorCountryCode: advised ?? null };
}

/**
 * Saves a comment and, in the same transaction, e-mails it once to each active applicant of the
 * other institutions that see the proposal (see participation.server.ts) and to the country
 * advisors of the countries taking part while the proposal is open to them (`seenByAdvisors`);
 * never to the author. When the TAF team or an advisor writes, every institution taking part is
 * "other".
 */
export function postComment(author: SessionUser, participation: Participation, body: string, now = new Date()) {
  return db().transaction(
    (tx) => {
      const { institutionId, advisorCountryCode } = speakingFor(author, participation);
      const comment = tx
        .insert(proposalComments)
        .values({ proposalId: participation.proposalId, authorUserId: author.id, institutionId, advisorCountryCode, body, createdAt: now })
        .returning({ id: proposalComments.id })
        .get();
      const proposal = tx
        .select({ title: proposals.title, reference: proposals.reference, advisorsSee: seenByAdvisors() })
        .from(proposals)
        .where(eq(proposals.id, participation.proposalId))
        .get()!;
      const institutionName = institutionId === null ? null : tx.select({ name: institutions.name }).from(institutions).where(eq(institutions.id, institutionId)).get()?.name;
      const country = advisorCountryCode === null ? null : tx.select().from(countries).where(eq(countries.code, advisorCountryCode)).get();
      // The institutions that see the proposal hear of the comment; the author's own does not.
      const others = [participation.leadInstitutionId, ...participation.partnerInstitutionIds].filter((id) => id !== institutionId);
      const audiences = [
        others.length ? and(eq(memberships.role, "applicant"), inArray(memberships.institutionId, others)) : undefined,
        proposal.advisorsSee ? and(eq(memberships.role, "countryAdvisor"), inArray(memberships.countryCode, participation.countryCodes)) : undefined,
      ].filter((audience) => audience !== undefined);
      const recipients = audiences.length
        ? tx
            .selectDistinct({ userId: users.id, name: users.name, email: users.email, locale: users.locale })
            .from(memberships)
            .innerJoin(users, eq(users.id, memberships.userId))
            .where(and(eq(users.active, true), ne(users.id, author.id), or(...audiences)))
            .all()
        : [];
      const writer: CommentAuthor = institutionName
        ? { name: author.name, institutionName }
        : country
          ? { name: author.name, advisedCountry: countryLabel(country.name, country.needsDesignationFootnote) }
          : { team: true };
      for (const recipient of recipients) {
        enqueueEmail(tx, {
          idempotencyKey: `new-comment:${comment.id}:${recipient.userId}`,
          to: recipient.email,
          template: "new-comment",
          ...newCommentEmail({
            appUrl: env().APP_URL,
            recipientName: recipient.name,
            author: writer,
            reference: proposal.reference,
            title: proposal.title,
            body,
            commentsUrl: `${env().APP_URL}/proposals/${participation.proposalId}/comments#comment-${comment.id}`,
            language: recipientLanguage(recipient.locale),
          }),
        });
      }
      return { commentId: comment.id, emailed: recipients.length };
    },
    { behavior: "immediate" },
  );
}
