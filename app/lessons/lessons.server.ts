import { and, asc, count, desc, eq, ne } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { countries, feedbackAnswers, feedbackInvitations, feedbackSurveys, institutions, proposals, proposalVersions, rounds, users } from "../../db/schema";
import { countryLabel } from "../../workflows/countries";
import { formatBrussels, toBrusselsTime } from "../../workflows/time";
import type { ActingPerson } from "../audit.server";
import { audit } from "../audit.server";
import { csvFootnote, csvLines, safeFileName } from "../csv.server";
import { db } from "../db.server";
import type { ListPage, PageRequest } from "../pagination.server";
import { readPage, totalRows } from "../pagination.server";
import { FEEDBACK_COMMENT_QUESTION, FEEDBACK_QUESTIONS, FEEDBACK_SCALE } from "./feedback-questions";
import { isSurveyOpen } from "./feedback.server";

// The lessons learnt of a round, for the TAF team revising the process: the feedback survey in
// figures (answers in of institutions asked, each question's average and distribution), the
// institutions' comments, and the lessons learnt written in the completion reports of the round's
// proposals. The round report shows the same figures (`lessonsOfRound`).

export type QuestionSummary = {
  id: string;
  topic: string;
  question: string;
  /** Answers that rated this question. */
  answered: number;
  /** The mean rating, to one decimal; null with no answer. */
  average: number | null;
  distribution: { point: number; label: string; count: number }[];
};

/** Each question's average and distribution over the answers' ratings (a rating off the scale is not counted). */
export function summariseRatings(answers: readonly { ratings: Record<string, number> }[]): QuestionSummary[] {
  return FEEDBACK_QUESTIONS.map((question) => {
    const points = answers.map((a) => a.ratings[question.id]).filter((p): p is number => FEEDBACK_SCALE.some((s) => s.point === p));
    const sum = points.reduce((total, p) => total + p, 0);
    return {
      id: question.id,
      topic: question.topic,
      question: question.question,
      answered: points.length,
      average: points.length ? Math.round((sum / points.length) * 10) / 10 : null,
      distribution: FEEDBACK_SCALE.map((s) => ({ point: s.point, label: s.label, count: points.filter((p) => p === s.point).length })),
    };
  });
}

export type FeedbackComment = { institution: string; country: { name: string; needsFootnote: boolean }; comment: string; answeredBy: string; answeredAt: string };
export type ReportLesson = { proposalId: number; reference: string | null; title: string; lead: string; country: { name: string; needsFootnote: boolean }; lessonsLearnt: string };

function commentsQuery(tx: Tx, roundId: number) {
  return tx
    .select({
      institution: institutions.name,
      countryName: countries.name,
      needsFootnote: countries.needsDesignationFootnote,
      comment: feedbackAnswers.comment,
      answeredBy: users.name,
      answeredAt: feedbackAnswers.answeredAt,
      total: totalRows(),
    })
    .from(feedbackAnswers)
    .innerJoin(institutions, eq(institutions.id, feedbackAnswers.institutionId))
    .innerJoin(countries, eq(countries.code, institutions.countryCode))
    .innerJoin(users, eq(users.id, feedbackAnswers.answeredByUserId))
    .where(and(eq(feedbackAnswers.roundId, roundId), ne(feedbackAnswers.comment, "")))
    .orderBy(asc(countries.sortOrder), asc(institutions.name));
}

function commentOf(row: { institution: string; countryName: string; needsFootnote: boolean; comment: string; answeredBy: string; answeredAt: Date }): FeedbackComment {
  return { institution: row.institution, country: { name: row.countryName, needsFootnote: row.needsFootnote }, comment: row.comment, answeredBy: row.answeredBy, answeredAt: formatBrussels(row.answeredAt) };
}

/** The round, its survey and its figures, without the comments: a fixed number of queries whatever the round's size. */
function figuresOf(tx: Tx, roundId: number, now: Date) {
  const round = tx.select({ id: rounds.id, code: rounds.code, title: rounds.title }).from(rounds).where(eq(rounds.id, roundId)).get();
  if (!round) return null;
  const survey = tx.select().from(feedbackSurveys).where(eq(feedbackSurveys.roundId, roundId)).get();
  const asked = tx.select({ n: count() }).from(feedbackInvitations).where(eq(feedbackInvitations.roundId, roundId)).get()?.n ?? 0;
  const answers = tx.select({ ratings: feedbackAnswers.ratings }).from(feedbackAnswers).where(eq(feedbackAnswers.roundId, roundId)).all();
  return {
    round,
    survey: survey
      ? {
          open: isSurveyOpen(survey, now),
          openedAt: formatBrussels(survey.openedAt),
          closesAt: formatBrussels(survey.closesAt),
          closedAt: survey.closedAt ? formatBrussels(survey.closedAt) : null,
        }
      : null,
    asked,
    answered: answers.length,
    questions: summariseRatings(answers),
    lessonsLearnt: reportLessonsOf(tx, roundId),
  };
}

/**
 * The lessons learnt of the completion reports submitted for the round's proposals: each
 * proposal's latest submitted report (its frozen version), those that wrote any.
 */
function reportLessonsOf(tx: Tx, roundId: number): ReportLesson[] {
  const rows = tx
    .select({
      proposalId: proposals.id,
      reference: proposals.reference,
      title: proposals.title,
      lead: institutions.name,
      countryName: countries.name,
      needsFootnote: countries.needsDesignationFootnote,
      content: proposalVersions.content,
    })
    .from(proposalVersions)
    .innerJoin(proposals, eq(proposals.id, proposalVersions.proposalId))
    .innerJoin(institutions, eq(institutions.id, proposals.leadInstitutionId))
    .innerJoin(countries, eq(countries.code, institutions.countryCode))
    .where(and(eq(proposals.roundId, roundId), eq(proposalVersions.kind, "completionReport")))
    .orderBy(asc(proposals.reference), desc(proposalVersions.number))
    .all();
  const latest = rows.filter((row, index) => rows.findIndex((other) => other.proposalId === row.proposalId) === index);
  return latest.flatMap((row) => {
    const lessons = typeof row.content.lessonsLearnt === "string" ? row.content.lessonsLearnt.trim() : "";
    if (!lessons) return [];
    return [{ proposalId: row.proposalId, reference: row.reference, title: row.title, lead: row.lead, country: { name: row.countryName, needsFootnote: row.needsFootnote }, lessonsLearnt: lessons }];
  });
}

/**
 * Everything the round's lessons learnt hold, for the round report and the CSV: the survey's
 * figures, every comment and the completion reports' lessons learnt. Null for no such round.
 */
export function lessonsOfRound(tx: Tx, roundId: number, now = new Date()) {
  const figures = figuresOf(tx, roundId, now);
  if (!figures) return null;
  return { ...figures, comments: commentsQuery(tx, roundId).all().map(commentOf) };
}

/** The administrators' page: the figures, and one page of the comments. */
export function lessonsPage(roundId: number, commentsPage: PageRequest, now = new Date()) {
  const figures = figuresOf(db(), roundId, now);
  if (!figures) return null;
  const comments: ListPage<FeedbackComment> = readPage(commentsPage, (offset, limit) => {
    const rows = commentsQuery(db(), roundId).limit(limit).offset(offset).all();
    return { rows: rows.map(commentOf), total: rows[0]?.total ?? 0 };
  });
  return { ...figures, comments };
}

/** The lessons learnt as a CSV file, with an audit row for the export and the Kosovo* footnote last. */
export function lessonsCsv(roundId: number, exportedBy: ActingPerson, now = new Date()) {
  const lessons = lessonsOfRound(db(), roundId, now);
  if (!lessons) return null;
  const label = (country: { name: string; needsFootnote: boolean }) => countryLabel(country.name, country.needsFootnote);
  const body =
    csvLines([
      [`Lessons learnt: ${lessons.round.title} (${lessons.round.code})`],
      ["Institutions asked", String(lessons.asked)],
      ["Answers in", String(lessons.answered)],
      [],
      ["Question", "Topic", "Answers", "Average (1–5)", ...FEEDBACK_SCALE.map((s) => `${s.point} ${s.label}`)],
      ...lessons.questions.map((q) => [q.question, q.topic, String(q.answered), q.average === null ? "" : q.average.toFixed(1), ...q.distribution.map((d) => String(d.count))]),
      [],
      [FEEDBACK_COMMENT_QUESTION],
      ["Institution", "Country", "Comment", "Saved by", "Saved at"],
      ...lessons.comments.map((c) => [c.institution, label(c.country), c.comment, c.answeredBy, c.answeredAt]),
      [],
      ["Lessons learnt in the completion reports"],
      ["Reference", "Title", "Lead institution", "Country", "Lessons learnt"],
      ...lessons.lessonsLearnt.map((l) => [l.reference ?? "", l.title, l.lead, label(l.country), l.lessonsLearnt]),
      [],
    ]) + csvFootnote();
  audit({ actorUserId: exportedBy.id, action: "round.lessonsExported", subjectType: "round", subjectId: roundId, detail: { answers: lessons.answered } });
  return { fileName: safeFileName(`lessons-learnt-${lessons.round.code}-${toBrusselsTime(now).slice(0, 10)}.csv`), body };
}
