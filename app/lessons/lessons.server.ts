import { and, asc, count, desc, eq, ne } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { countries, feedbackAnswers, feedbackInvitations, feedbackSurveys, institutions, proposals, proposalVersions, rounds, users } from "../../db/schema";
import type { TFunction } from "i18next";
import { countryLabel, kosovoFootnoteIn, WB6_COUNTRIES } from "../../workflows/countries";
import { formatBrusselsIn, formatNumberIn, toBrusselsTime } from "../../workflows/time";
import type { ActingPerson } from "../audit.server";
import { audit } from "../audit.server";
import { csvLines, safeFileName } from "../csv.server";
import { db } from "../db.server";
import type { ListPage, PageRequest } from "../pagination.server";
import { readPage, totalRows } from "../pagination.server";
import type { ReportWords } from "../reporting/report-words";
import { FEEDBACK_COMMENT_QUESTION, FEEDBACK_QUESTIONS, FEEDBACK_SCALE } from "./feedback-questions";
import { isSurveyOpen } from "./feedback.server";

// The lessons learnt of a round, for the TAF team revising the process: the feedback survey in
// figures (answers in of institutions asked, each question's average and distribution), the
// institutions' comments, and the lessons learnt written in the completion reports of the round's
// proposals. The round report shows the same figures (`lessonsOfRound`). Everything is in the
// reader's language, but what the institutions wrote, which stays as written.

type Country = { name: string; needsFootnote: boolean };

/** A country's name in the reader's language (the table's own name for one outside the six). */
function countryIn(code: string, name: string, needsFootnote: boolean, t: TFunction): Country {
  const known = WB6_COUNTRIES.find((country) => country.code === code);
  return { name: known ? t(known.key) : name, needsFootnote };
}

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
export function summariseRatings(answers: readonly { ratings: Record<string, number> }[], t: TFunction): QuestionSummary[] {
  return FEEDBACK_QUESTIONS.map((question) => {
    const points = answers.map((a) => a.ratings[question.id]).filter((p): p is number => FEEDBACK_SCALE.some((s) => s.point === p));
    const sum = points.reduce((total, p) => total + p, 0);
    return {
      id: question.id,
      topic: t(question.topic),
      question: t(question.question),
      answered: points.length,
      average: points.length ? Math.round((sum / points.length) * 10) / 10 : null,
      distribution: FEEDBACK_SCALE.map((s) => ({ point: s.point, label: t(s.label), count: points.filter((p) => p === s.point).length })),
    };
  });
}

export type FeedbackComment = { institution: string; country: Country; comment: string; answeredBy: string; answeredAt: string };
export type ReportLesson = { proposalId: number; reference: string | null; title: string; lead: string; country: Country; lessonsLearnt: string };

function commentsQuery(tx: Tx, roundId: number) {
  return tx
    .select({
      institution: institutions.name,
      countryCode: countries.code,
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

type CommentRow = { institution: string; countryCode: string; countryName: string; needsFootnote: boolean; comment: string; answeredBy: string; answeredAt: Date };

function commentOf(row: CommentRow, { t, language }: ReportWords): FeedbackComment {
  return {
    institution: row.institution,
    country: countryIn(row.countryCode, row.countryName, row.needsFootnote, t),
    comment: row.comment,
    answeredBy: row.answeredBy,
    answeredAt: formatBrusselsIn(language, row.answeredAt),
  };
}

/** The round, its survey and its figures, without the comments: a fixed number of queries whatever the round's size. */
function figuresOf(tx: Tx, roundId: number, words: ReportWords, now: Date) {
  const { t, language } = words;
  const round = tx.select({ id: rounds.id, code: rounds.code, title: rounds.title }).from(rounds).where(eq(rounds.id, roundId)).get();
  if (!round) return null;
  const survey = tx.select().from(feedbackSurveys).where(eq(feedbackSurveys.roundId, roundId)).get();
  const asked = tx.select({ n: count() }).from(feedbackInvitations).where(eq(feedbackInvitations.roundId, roundId)).get()?.n ?? 0;
  const answers = tx.select({ ratings: feedbackAnswers.ratings }).from(feedbackAnswers).where(eq(feedbackAnswers.roundId, roundId)).all();
  const number = (n: number) => formatNumberIn(language, n);
  return {
    round,
    // Counted on the server: the plural forms and the numbers come from Intl, whose Albanian and
    // Macedonian not every browser has.
    response: {
      share: t("lessonsPage.answeredOf", { answered: number(answers.length), asked: number(asked) }),
      rest: t("lessonsPage.askedHaveAnswered", { count: asked }),
      inWords: t("steeringReport.answersIn", {
        answers: t("steeringReport.answers", { count: answers.length, number: number(answers.length) }),
        asked: t("steeringReport.institutionsAsked", { count: asked, number: number(asked) }),
      }),
    },
    survey: survey
      ? {
          open: isSurveyOpen(survey, now),
          openedAt: formatBrusselsIn(language, survey.openedAt),
          closesAt: formatBrusselsIn(language, survey.closesAt),
          closedAt: survey.closedAt ? formatBrusselsIn(language, survey.closedAt) : null,
        }
      : null,
    asked,
    answered: answers.length,
    questions: summariseRatings(answers, t),
    lessonsLearnt: reportLessonsOf(tx, roundId, t),
  };
}

/**
 * The lessons learnt of the completion reports submitted for the round's proposals: each
 * proposal's latest submitted report (its frozen version), those that wrote any.
 */
function reportLessonsOf(tx: Tx, roundId: number, t: TFunction): ReportLesson[] {
  const rows = tx
    .select({
      proposalId: proposals.id,
      reference: proposals.reference,
      title: proposals.title,
      lead: institutions.name,
      countryCode: countries.code,
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
    return [{ proposalId: row.proposalId, reference: row.reference, title: row.title, lead: row.lead, country: countryIn(row.countryCode, row.countryName, row.needsFootnote, t), lessonsLearnt: lessons }];
  });
}

/**
 * Everything the round's lessons learnt hold, for the round report and the CSV: the survey's
 * figures, every comment and the completion reports' lessons learnt. Null for no such round.
 */
export function lessonsOfRound(tx: Tx, roundId: number, words: ReportWords, now = new Date()) {
  const figures = figuresOf(tx, roundId, words, now);
  if (!figures) return null;
  return { ...figures, comments: commentsQuery(tx, roundId).all().map((row) => commentOf(row, words)) };
}

/** The administrators' page: the figures, and one page of the comments. */
export function lessonsPage(roundId: number, commentsPage: PageRequest, words: ReportWords, now = new Date()) {
  const figures = figuresOf(db(), roundId, words, now);
  if (!figures) return null;
  const comments: ListPage<FeedbackComment> = readPage(commentsPage, (offset, limit) => {
    const rows = commentsQuery(db(), roundId).limit(limit).offset(offset).all();
    return { rows: rows.map((row) => commentOf(row, words)), total: rows[0]?.total ?? 0 };
  });
  return { ...figures, comments };
}

/** The lessons learnt as a CSV file in the reader's language, with an audit row for the export and the Kosovo* footnote last. */
export function lessonsCsv(roundId: number, exportedBy: ActingPerson, words: ReportWords, now = new Date()) {
  const { t, language } = words;
  const lessons = lessonsOfRound(db(), roundId, words, now);
  if (!lessons) return null;
  const label = (country: Country) => countryLabel(country.name, country.needsFootnote);
  const body = csvLines([
    [t("lessonsPage.csv.title", { round: lessons.round.title, code: lessons.round.code })],
    [t("lessonsPage.csv.asked"), formatNumberIn(language, lessons.asked)],
    [t("lessonsPage.csv.answered"), formatNumberIn(language, lessons.answered)],
    [],
    [t("lessonsPage.csv.question"), t("lessonsPage.csv.topic"), t("lessonsPage.csv.answers"), t("lessonsPage.csv.average"), ...FEEDBACK_SCALE.map((s) => `${s.point} ${t(s.label)}`)],
    ...lessons.questions.map((q) => [q.question, q.topic, String(q.answered), q.average === null ? "" : q.average.toFixed(1), ...q.distribution.map((d) => String(d.count))]),
    [],
    [t(FEEDBACK_COMMENT_QUESTION)],
    [t("lessonsPage.csv.institution"), t("lessonsPage.csv.country"), t("lessonsPage.csv.comment"), t("lessonsPage.csv.savedBy"), t("lessonsPage.csv.savedAt")],
    ...lessons.comments.map((c) => [c.institution, label(c.country), c.comment, c.answeredBy, c.answeredAt]),
    [],
    [t("lessonsPage.csv.reportLessons")],
    [t("lessonsPage.csv.reference"), t("lessonsPage.csv.proposalTitle"), t("lessonsPage.csv.lead"), t("lessonsPage.csv.country"), t("lessonsPage.csv.lessonsLearnt")],
    ...lessons.lessonsLearnt.map((l) => [l.reference ?? "", l.title, l.lead, label(l.country), l.lessonsLearnt]),
    [],
    [kosovoFootnoteIn(t)],
  ]);
  audit({ actorUserId: exportedBy.id, action: "round.lessonsExported", subjectType: "round", subjectId: roundId, detail: { answers: lessons.answered } });
  return { fileName: safeFileName(`lessons-learnt-${lessons.round.code}-${toBrusselsTime(now).slice(0, 10)}.csv`), body };
}
