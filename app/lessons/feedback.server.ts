import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { feedbackAnswers, feedbackInvitations, feedbackSurveys, institutions, proposalPartners, rounds, users } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { feedbackSurveyEmail } from "../../emails/templates/feedback-survey";
import type { PageLanguage } from "../../workflows/languages";
import { formatBrusselsDayIn, formatBrusselsIn } from "../../workflows/time";
import type { SessionUser } from "../auth/session.server";
import { audit } from "../audit.server";
import { db } from "../db.server";
import { env } from "../env.server";
import { applicantsOf } from "../proposals/notifications.server";
import { recipientLanguage } from "../../emails/words";
import { FEEDBACK_OPEN_DAYS, FEEDBACK_QUESTIONS } from "./feedback-questions";
import type { FeedbackInput } from "./feedback-schema";
import type { ReportWords } from "../reporting/report-words";

// A round's feedback survey: opened by the release of its first decisions, asked of the lead and
// confirmed partners of each proposal released, answered once per institution (the last save
// wins), and open until its closing time or until the TAF team closes it early.

type Survey = typeof feedbackSurveys.$inferSelect;

const DAY = 24 * 60 * 60 * 1000;

/** Whether the survey still takes answers at `now`. */
export function isSurveyOpen(survey: Pick<Survey, "closesAt" | "closedAt">, now = new Date()) {
  return survey.closedAt === null && now.getTime() < survey.closesAt.getTime();
}

/** When it closed (early or on time) or closes, in the reader's words. */
function closingWords(survey: Pick<Survey, "closesAt" | "closedAt">, { t, language }: ReportWords, now: Date) {
  if (survey.closedAt) return t("surveyPage.closing.closedEarly", { at: formatBrusselsIn(language, survey.closedAt) });
  if (!isSurveyOpen(survey, now)) return t("surveyPage.closing.closed", { at: formatBrusselsIn(language, survey.closesAt) });
  return t("surveyPage.closing.open", { at: formatBrusselsIn(language, survey.closesAt) });
}

/** A refusal's message is a catalogue key, which the page translates. */
export const SURVEY_CLOSED_MESSAGE = "surveyPage.refusal.closed";

/**
 * Asks the lead and confirmed partners of a proposal whose decision was just released for the
 * round's feedback, in the release's transaction: opens the survey at the round's first release,
 * and mails each active applicant of an institution once. A survey already closed asks no one.
 */
export function askForFeedback(tx: Tx, proposal: { id: number; roundId: number; leadInstitutionId: number }, now: Date) {
  let survey = tx.select().from(feedbackSurveys).where(eq(feedbackSurveys.roundId, proposal.roundId)).get();
  if (!survey) {
    survey = tx
      .insert(feedbackSurveys)
      .values({ roundId: proposal.roundId, openedAt: now, closesAt: new Date(now.getTime() + FEEDBACK_OPEN_DAYS * DAY) })
      .returning()
      .get();
  }
  if (!isSurveyOpen(survey, now)) return;
  // The proposal's round: the foreign key keeps it there.
  const round = tx.select({ title: rounds.title }).from(rounds).where(eq(rounds.id, proposal.roundId)).get()!;
  const partners = tx
    .select({ id: proposalPartners.institutionId })
    .from(proposalPartners)
    .where(and(eq(proposalPartners.proposalId, proposal.id), eq(proposalPartners.status, "confirmed")))
    .all();
  const asked = new Set([proposal.leadInstitutionId, ...partners.map((p) => p.id)]);
  for (const institutionId of asked) {
    tx.insert(feedbackInvitations).values({ roundId: proposal.roundId, institutionId, askedAt: now }).onConflictDoNothing().run();
  }
  const names = new Map(tx.select({ id: institutions.id, name: institutions.name }).from(institutions).where(inArray(institutions.id, [...asked])).all().map((i) => [i.id, i.name]));
  const surveyUrl = `${env().APP_URL}/rounds/${proposal.roundId}/feedback`;
  for (const recipient of applicantsOf(tx, proposal)) {
    // Applicants of the lead and the confirmed partners: each of their institutions was asked above.
    const institutionName = recipient.institutionId === null ? undefined : names.get(recipient.institutionId);
    if (institutionName === undefined) continue;
    const email = feedbackSurveyEmail({
      appUrl: env().APP_URL,
      recipientName: recipient.name,
      institutionName,
      roundTitle: round.title,
      topics: FEEDBACK_QUESTIONS.map((q) => q.id),
      closesAt: survey.closesAt,
      surveyUrl: `${surveyUrl}?institution=${recipient.institutionId}`,
      language: recipientLanguage(recipient.locale),
    });
    enqueueEmail(tx, { idempotencyKey: `feedback-survey:${proposal.roundId}:${recipient.institutionId}:${recipient.userId}`, to: recipient.email, template: "feedback-survey", ...email }, now);
  }
}

/** The institutions of this person that the round's survey asked, by name. */
export function askedInstitutionsOf(user: SessionUser, roundId: number) {
  const own = user.memberships.flatMap((m) => (m.role === "applicant" && m.institutionId !== null ? [m.institutionId] : []));
  if (!own.length) return [];
  return db()
    .select({ id: institutions.id, name: institutions.name })
    .from(feedbackInvitations)
    .innerJoin(institutions, eq(institutions.id, feedbackInvitations.institutionId))
    .where(and(eq(feedbackInvitations.roundId, roundId), inArray(feedbackInvitations.institutionId, own)))
    .orderBy(asc(institutions.name))
    .all();
}

/** The survey page for one of the person's asked institutions: the questions' answers as saved, who saved them, and whether it is still open. */
export function feedbackPage(roundId: number, institution: { id: number; name: string }, words: ReportWords, now = new Date()) {
  const survey = db()
    .select({ survey: feedbackSurveys, round: { id: rounds.id, code: rounds.code, title: rounds.title } })
    .from(feedbackSurveys)
    .innerJoin(rounds, eq(rounds.id, feedbackSurveys.roundId))
    .where(eq(feedbackSurveys.roundId, roundId))
    .get();
  if (!survey) return null;
  const answer = db()
    .select({ ratings: feedbackAnswers.ratings, comment: feedbackAnswers.comment, answeredAt: feedbackAnswers.answeredAt, answeredBy: users.name })
    .from(feedbackAnswers)
    .innerJoin(users, eq(users.id, feedbackAnswers.answeredByUserId))
    .where(and(eq(feedbackAnswers.roundId, roundId), eq(feedbackAnswers.institutionId, institution.id)))
    .get();
  return {
    round: survey.round,
    institution,
    open: isSurveyOpen(survey.survey, now),
    closing: closingWords(survey.survey, words, now),
    answer: answer ? { ratings: answer.ratings, comment: answer.comment, answeredBy: answer.answeredBy, answeredAt: formatBrusselsIn(words.language, answer.answeredAt) } : null,
  };
}

export type SaveFeedbackResult = { ok: true } | { ok: false; message: string };

/**
 * Saves the institution's answer (the last save wins, and names who saved it) while the survey
 * is open. The caller has checked that the person answers for that institution.
 */
export function saveFeedbackAnswer(user: Pick<SessionUser, "id">, roundId: number, input: FeedbackInput, now = new Date()): SaveFeedbackResult {
  return db().transaction((tx) => recordFeedbackAnswer(tx, user, roundId, input, now), { behavior: "immediate" });
}

/** `saveFeedbackAnswer` inside a transaction the caller holds (the demo's). */
export function recordFeedbackAnswer(tx: Tx, user: Pick<SessionUser, "id">, roundId: number, input: FeedbackInput, now: Date): SaveFeedbackResult {
  const survey = tx.select().from(feedbackSurveys).where(eq(feedbackSurveys.roundId, roundId)).get();
  if (!survey || !isSurveyOpen(survey, now)) return { ok: false, message: SURVEY_CLOSED_MESSAGE };
  const values = { ratings: input.rating, comment: input.comment, answeredByUserId: user.id, answeredAt: now };
  tx.insert(feedbackAnswers)
    .values({ roundId, institutionId: input.institutionId, ...values })
    .onConflictDoUpdate({ target: [feedbackAnswers.roundId, feedbackAnswers.institutionId], set: values })
    .run();
  return { ok: true };
}

/** The TAF team closes a round's open survey before its time: from then on the answers are read only. Null: no such round. */
export function closeFeedbackSurvey(admin: Pick<SessionUser, "id">, roundId: number, now = new Date(), tx: Tx = db()): SaveFeedbackResult | null {
  if (!tx.select({ id: rounds.id }).from(rounds).where(eq(rounds.id, roundId)).get()) return null;
  const closed = tx
    .update(feedbackSurveys)
    .set({ closedAt: now, closedByUserId: admin.id })
    .where(and(eq(feedbackSurveys.roundId, roundId), isNull(feedbackSurveys.closedAt), gt(feedbackSurveys.closesAt, now)))
    .returning({ roundId: feedbackSurveys.roundId })
    .get();
  if (!closed) {
    const exists = tx.select({ roundId: feedbackSurveys.roundId }).from(feedbackSurveys).where(eq(feedbackSurveys.roundId, roundId)).get();
    return { ok: false, message: exists ? "surveyPage.refusal.alreadyClosed" : "surveyPage.refusal.nothingToClose" };
  }
  audit({ actorUserId: admin.id, action: "feedbackSurvey.closed", subjectType: "round", subjectId: roundId, at: now }, tx);
  return { ok: true };
}

/** The rounds whose survey waits for one of this person's institutions: open, and not yet answered by it. */
export function feedbackWaitingFor(user: SessionUser, language: PageLanguage, now = new Date()) {
  const own = user.memberships.flatMap((m) => (m.role === "applicant" && m.institutionId !== null ? [m.institutionId] : []));
  if (!own.length) return [];
  return db()
    .select({ roundId: rounds.id, roundTitle: rounds.title, institutionId: institutions.id, institution: institutions.name, closesAt: feedbackSurveys.closesAt, answeredAt: feedbackAnswers.answeredAt })
    .from(feedbackInvitations)
    .innerJoin(feedbackSurveys, eq(feedbackSurveys.roundId, feedbackInvitations.roundId))
    .innerJoin(rounds, eq(rounds.id, feedbackInvitations.roundId))
    .innerJoin(institutions, eq(institutions.id, feedbackInvitations.institutionId))
    .leftJoin(feedbackAnswers, and(eq(feedbackAnswers.roundId, feedbackInvitations.roundId), eq(feedbackAnswers.institutionId, feedbackInvitations.institutionId)))
    .where(and(inArray(feedbackInvitations.institutionId, own), isNull(feedbackSurveys.closedAt), gt(feedbackSurveys.closesAt, now)))
    .orderBy(asc(feedbackSurveys.closesAt), asc(institutions.name))
    .all()
    .map((row) => ({ ...row, closes: formatBrusselsDayIn(language, row.closesAt), yourTurn: row.answeredAt === null }));
}
