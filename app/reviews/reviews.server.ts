import type { SQL } from "drizzle-orm";
import { and, asc, count, desc, eq, inArray, ne, notInArray, sql } from "drizzle-orm";
import type { TFunction } from "i18next";
import { countries, eligibilityChecks, institutions, proposalPartners, proposals, proposalVersions, reviewAssignments, reviews } from "../../db/schema";
import type { Actor } from "../../workflows/actors";
import type { AssignmentState } from "../../workflows/assignment.machine";
import { allowedAssignmentEvents, assignmentStateLabelOf, restoreAssignment } from "../../workflows/assignment.machine";
import { assignmentEventWordsIn } from "../../workflows/assignment-events";
import type { CriterionResult } from "../../workflows/eligibility";
import { jointCountries } from "../../workflows/eligibility";
import { CONFIDENCE_IDS, confidenceWordsIn, RECOMMENDATION_IDS, recommendationWordsIn, reviewCriterionIn } from "../../workflows/review-criteria";
import { DEFAULT_REVIEW_CRITERIA } from "../../workflows/in-english";
import { formatScore, weightedScore } from "../../workflows/review-scoring";
import type { PageLanguage } from "../../workflows/languages";
import { formatBrusselsIn, formatNumberIn } from "../../workflows/time";
import { dueByIn } from "../proposals/deadline-words.server";
import type { SessionUser } from "../auth/session.server";
import { db, keptUntilWritten, preparedStatement } from "../db.server";
import type { PageRequest } from "../pagination.server";
import { readPage } from "../pagination.server";
import type { ReviewerAssignment } from "../permissions.server";
import { ASSIGNMENT_STATES_SEEING_THE_PROPOSAL, openAssignmentsOf } from "../permissions.server";
import { currentAttachments } from "../proposals/attachments.server";
import { answersInWords } from "../proposals/answers-in-words.server";
import { proposalAnswers } from "../proposals/documents.server";
import { partnerTakesPart } from "../proposals/participation.server";
import { storageRefusal } from "../storage-faults.server";
import type { AssignmentCommand, AssignmentOutcome } from "./assignments.server";
import { applyAssignmentCommand, criteriaOfProposal, proposalStatesTakingReviews, reviewGaps } from "./assignments.server";
import type { ReviewDraft, ReviewDraftTyped } from "./review-schema";
import { eligibilityResultsIn } from "../eligibility/results.server";
import { readReviewForm, typedReviewForm } from "./review-schema";
import { REVIEW_COMMENT_MAX } from "./review-fields";

// A reviewer's side of the EU review: their assignments, the review page (the proposal as
// submitted beside the review form), saving a draft, and the statechart's events they send.

// The assignment's states are a typed flat union (like a round's): a renamed one fails to compile.
const INVITED: AssignmentState = "invited";
const REVIEWING: AssignmentState = "reviewing";
const SUBMITTED: AssignmentState = "submitted";

/** What the reviewer does next, by where the assignment is (the list of assignments and the proposal page say it alike). */
export const NEXT_STEP_KEY: Partial<Record<AssignmentState, string>> = {
  invited: "reviewPage.nextStep.invited",
  reviewing: "reviewPage.nextStep.reviewing",
  submitted: "reviewPage.nextStep.submitted",
};


/** The words and formats of the page being rendered, given by its route. */
export type PageWords = { t: TFunction; language: PageLanguage };

/** A reviewer acts on their own assignment as themselves: the statechart checks it is theirs. */
export function reviewerActor(user: { id: number }): Actor {
  return { userId: user.id, role: "reviewer", institutionId: null };
}

/**
 * How many of the reviewer's submitted reviews are closed: the proposal left the review, so it
 * is no longer listed or open to them (`visibleProposals`), but their work is not lost from view.
 * A count of every review they ever sent, so kept until the next write (one key a reviewer).
 */
export function closedReviewsOf(user: SessionUser): number {
  return keptUntilWritten(`closed-reviews:${user.id}`, () =>
    db()
      .select({ n: count() })
      .from(reviewAssignments)
      .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
      .where(and(eq(reviewAssignments.reviewerUserId, user.id), eq(reviewAssignments.state, SUBMITTED), notInArray(proposals.state, proposalStatesTakingReviews())))
      .get()!.n,
  );
}

/**
 * The reviewer's assignments still open to them, soonest due first, a page at a time. The page
 * is found by walking the index on (reviewer, the proposal's state, due date) for each state in
 * which a proposal takes reviews, stopping at the page, so the proposals of their past reviews
 * are never read however many they wrote; its length is counted once and kept until the next
 * write (one key a reviewer).
 */
export function assignmentsOfReviewer(user: SessionUser, request: PageRequest, { t, language }: PageWords, now = new Date()) {
  return readPage(request, (offset, limit) => ({
    total: keptUntilWritten(`open-reviews:${user.id}`, () => openAssignmentsCount().get({ reviewer: user.id })!.n),
    rows: openAssignmentsPage()
      .all({ reviewer: user.id, reach: offset + limit, limit, offset })
      .map((row) => {
        // In Brussels time, and "3 days left", "due 2 hours ago", in the reviewer's words.
        const due = dueByIn(row.dueAt.toISOString(), now, { t, language });
        return {
          ...row,
          dueAt: due.at,
          due: due.atInWords,
          timeLeft: due.timeLeft,
          stateLabel: assignmentStateLabelOf(row.state, t),
          nextStep: NEXT_STEP_KEY[row.state] ? t(NEXT_STEP_KEY[row.state]!) : "",
          submitted: row.state === SUBMITTED,
          // Before "no conflict" the reviewer sees only who takes part, on the review page.
          proposalOpen: ASSIGNMENT_STATES_SEEING_THE_PROPOSAL.includes(row.state),
        };
      }),
  }));
}

// Both have nothing but the reviewer and the page in them: built by drizzle and prepared once
// per connection (app/db.server.ts), the reviewer and the page placeholders.
const REVIEWER = { id: sql.placeholder("reviewer") };

const openAssignmentsPage = preparedStatement((database) =>
  database
    .select({
      id: reviewAssignments.id,
      proposalId: reviewAssignments.proposalId,
      state: reviewAssignments.state,
      dueAt: reviewAssignments.dueAt,
      reference: proposals.reference,
      title: proposals.title,
    })
    .from(reviewAssignments)
    .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
    .where(inArray(reviewAssignments.id, soonestDue(openAssignmentsOf(REVIEWER))))
    .orderBy(asc(reviewAssignments.dueAt), asc(reviewAssignments.id))
    .prepare(),
);

const openAssignmentsCount = preparedStatement((database) =>
  database
    .select({ n: count() })
    .from(reviewAssignments)
    .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
    .where(and(inArray(reviewAssignments.proposalState, proposalStatesTakingReviews()), openAssignmentsOf(REVIEWER)))
    .prepare(),
);

/**
 * The ids of rows `offset` to `offset + limit` (`reach`) of the reviewer's open assignments
 * (`open`), soonest due first: the soonest in each state that takes reviews, each read from the
 * index in its order (the assignment's own state, last in it, read there too), then the page.
 */
function soonestDue(open: SQL) {
  const arms = proposalStatesTakingReviews().map(
    (proposalState) => sql`select * from (select ${reviewAssignments.id} as id, ${reviewAssignments.dueAt} as due_at
      from ${reviewAssignments} indexed by review_assignments_reviewer_open join ${proposals} on ${proposals.id} = ${reviewAssignments.proposalId}
      where ${reviewAssignments.reviewerUserId} = ${REVIEWER.id} and ${reviewAssignments.proposalState} = ${proposalState} and ${open}
      order by ${reviewAssignments.dueAt}, ${reviewAssignments.id} limit ${sql.placeholder("reach")})`,
  );
  return sql`(select id from (${sql.join(arms, sql` union all `)}) order by due_at, id limit ${sql.placeholder("limit")} offset ${sql.placeholder("offset")})`;
}

function countryOf(rows: (typeof countries.$inferSelect)[], code: string) {
  const row = rows.find((c) => c.code === code);
  return { name: row?.name ?? code, needsFootnote: row?.needsDesignationFootnote ?? false };
}

/** Who takes part: what a reviewer reads before declaring whether they have a conflict. */
function whoTakesPart(proposalId: number) {
  const proposal = db()
    .select({ reference: proposals.reference, title: proposals.title, leadName: institutions.name, leadCountryCode: institutions.countryCode })
    .from(proposals)
    .innerJoin(institutions, eq(institutions.id, proposals.leadInstitutionId))
    .where(eq(proposals.id, proposalId))
    .get()!;
  const partners = db()
    .select({ institutionId: proposalPartners.institutionId, name: institutions.name, countryCode: institutions.countryCode })
    .from(proposalPartners)
    .innerJoin(proposals, eq(proposals.id, proposalPartners.proposalId))
    .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
    .where(and(eq(proposalPartners.proposalId, proposalId), partnerTakesPart()))
    .orderBy(institutions.countryCode, institutions.name)
    .all();
  const countryRows = db().select().from(countries).orderBy(countries.sortOrder).all();
  return {
    reference: proposal.reference,
    title: proposal.title,
    lead: { name: proposal.leadName, country: countryOf(countryRows, proposal.leadCountryCode) },
    partners: partners.map((p) => ({ name: p.name, country: countryOf(countryRows, p.countryCode) })),
    countries: jointCountries(proposal.leadCountryCode, partners.map((p) => ({ ...p, status: "confirmed" }))).map((code) => countryOf(countryRows, code)),
  };
}

/** The proposal as the applicants submitted it: its latest frozen version, attachments and eligibility. */
function proposalAsSubmitted(proposalId: number, { t, language }: PageWords) {
  const version = db()
    .select({ number: proposalVersions.number, content: proposalVersions.content, createdAt: proposalVersions.createdAt })
    .from(proposalVersions)
    .where(and(eq(proposalVersions.proposalId, proposalId), eq(proposalVersions.kind, "proposal")))
    .orderBy(desc(proposalVersions.number))
    .get();
  const check = db().select().from(eligibilityChecks).where(eq(eligibilityChecks.proposalId, proposalId)).orderBy(desc(eligibilityChecks.id)).get();
  const answers = version ? proposalAnswers(version.content) : null;
  return {
    version: version ? { number: version.number, submitted: formatBrusselsIn(language, version.createdAt) } : null,
    answers,
    answersInWords: answers ? answersInWords(answers, language, t) : {},
    attachments: currentAttachments(proposalId, { t, language }).map(({ id, name, type, size }) => ({ id, name, type, size, href: `/proposals/${proposalId}/attachments/${id}` })),
    eligibility: check ? { at: formatBrusselsIn(language, check.at), results: eligibilityResultsIn(check.results as CriterionResult[], t).map(({ id, label, outcome, reason }) => ({ id, label, outcome, reason })) } : null,
  };
}

/**
 * The other reviewers' submitted reviews of the proposal, for a reviewer who submitted theirs:
 * blind until then. Names are withheld; reviewers are numbered in the order they were assigned.
 */
function othersReviews(assignment: ReviewerAssignment, t: TFunction) {
  if (assignment.state !== SUBMITTED) return null;
  const criteria = criteriaOfProposal(db(), assignment.proposalId).map((criterion) => reviewCriterionIn(criterion, t, DEFAULT_REVIEW_CRITERIA));
  return db()
    .select({ id: reviewAssignments.id, review: reviews })
    .from(reviewAssignments)
    .innerJoin(reviews, eq(reviews.assignmentId, reviewAssignments.id))
    .where(
      and(
        eq(reviewAssignments.proposalId, assignment.proposalId),
        ne(reviewAssignments.id, assignment.id),
        eq(reviewAssignments.state, SUBMITTED),
      ),
    )
    .orderBy(asc(reviewAssignments.id))
    .all()
    .map(({ id, review }, index) => ({
      id,
      label: t("reviewPage.others.reviewer", { number: index + 1 }),
      scores: criteria.map((criterion) => ({ name: criterion.name, score: review.scores[criterion.id] ?? null })),
      weighted: formatScore(weightedScore(criteria, review.scores as never).value),
      recommendation: review.recommendation ? recommendationWordsIn(review.recommendation, t).label : null,
      commentForApplicants: review.commentForApplicants,
    }));
}

/** The review page: before "no conflict" only who takes part; then the proposal beside the review. */
export function reviewPageFor(assignment: ReviewerAssignment, user: SessionUser, { t, language }: PageWords) {
  const snapshot = restoreAssignment(assignment.snapshot, assignment.machineVersion);
  const events = allowedAssignmentEvents(snapshot, reviewerActor(user)).map((type) => ({ type, label: assignmentEventWordsIn(type, t).action }));
  const base = {
    assignmentId: assignment.id,
    proposalId: assignment.proposalId,
    state: assignment.state,
    stateLabel: assignmentStateLabelOf(assignment.state, t),
    version: assignment.version,
    due: formatBrusselsIn(language, assignment.dueAt),
    dueAt: assignment.dueAt.toISOString(),
    now: new Date().toISOString(),
    events,
    /** The review form is open: the draft may be saved and submitted. */
    editing: assignment.state === REVIEWING,
    submitted: assignment.state === SUBMITTED,
    ...whoTakesPart(assignment.proposalId),
  };
  if (assignment.state === INVITED) return { ...base, opened: null };
  const criteria = criteriaOfProposal(db(), assignment.proposalId).map((criterion) => reviewCriterionIn(criterion, t, DEFAULT_REVIEW_CRITERIA));
  const review = db().select().from(reviews).where(eq(reviews.assignmentId, assignment.id)).get();
  return {
    ...base,
    opened: {
      proposal: proposalAsSubmitted(assignment.proposalId, { t, language }),
      criteria,
      recommendations: RECOMMENDATION_IDS.map((id) => ({ id, ...recommendationWordsIn(id, t) })),
      confidenceLevels: CONFIDENCE_IDS.map((id) => ({ id, ...confidenceWordsIn(id, t) })),
      review: {
        scores: review?.scores ?? {},
        recommendation: review?.recommendation ?? "",
        confidence: review?.confidence ?? "",
        commentForApplicants: review?.commentForApplicants ?? "",
        internalComment: review?.internalComment ?? "",
      },
      revision: review?.updatedAt.getTime() ?? 0,
      lastSaved: review ? formatBrusselsIn(language, review.updatedAt) : null,
      submitted: review?.submittedAt ? formatBrusselsIn(language, review.submittedAt) : null,
      missing: reviewGaps(criteria, review, t).map(({ label, field }) => ({ label, field })),
      others: othersReviews(assignment, t),
    },
  };
}

export type SaveReviewOutcome = { ok: true; savedAt: Date; revision: number } | { ok: false; conflict: boolean; message: string };

/**
 * Saves the review as a draft: not a state change, so only while the assignment is at
 * "Reviewing" and the proposal still takes reviews. `basedOn` is the revision (the review's
 * `updatedAt`, 0 before the first save) the form was loaded with: a save from a second tab
 * meanwhile is refused rather than overwritten.
 */
export function saveReviewDraft(input: { assignmentId: number; basedOn: number; draft: ReviewDraft; now?: Date }, t: TFunction): SaveReviewOutcome {
  const now = input.now ?? new Date();
  return db().transaction(
    (tx) => {
      const assignment = tx
        .select({ state: reviewAssignments.state, proposalState: proposals.state })
        .from(reviewAssignments)
        .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
        .where(eq(reviewAssignments.id, input.assignmentId))
        .get();
      if (!assignment || !proposalStatesTakingReviews().includes(assignment.proposalState as never)) {
        return { ok: false, conflict: true, message: t("reviewPage.notSaved.reviewClosed") };
      }
      if (assignment.state !== REVIEWING) {
        return { ok: false, conflict: true, message: t("reviewPage.notSaved.notEditing", { state: assignmentStateLabelOf(assignment.state, t) }) };
      }
      const existing = tx.select({ updatedAt: reviews.updatedAt }).from(reviews).where(eq(reviews.assignmentId, input.assignmentId)).get();
      if ((existing?.updatedAt.getTime() ?? 0) !== input.basedOn) return { ok: false, conflict: true, message: t("reviewPage.notSaved.changedElsewhere") };
      // Two saves in the same millisecond would share a revision: the second moves on by one.
      const savedAt = existing && existing.updatedAt.getTime() >= now.getTime() ? new Date(existing.updatedAt.getTime() + 1) : now;
      const values = {
        scores: input.draft.scores,
        recommendation: input.draft.recommendation ?? null,
        confidence: input.draft.confidence ?? null,
        commentForApplicants: input.draft.commentForApplicants,
        internalComment: input.draft.internalComment,
        updatedAt: savedAt,
      };
      tx.insert(reviews)
        .values({ assignmentId: input.assignmentId, ...values })
        .onConflictDoUpdate({ target: reviews.assignmentId, set: values })
        .run();
      return { ok: true, savedAt, revision: savedAt.getTime() };
    },
    { behavior: "immediate" },
  );
}

export type SavedReviewForm =
  | { ok: true; savedAt: Date; revision: number }
  /** `retry`: the storage refused the write (locked, full), not the rules: the autosave sends it again later. */
  | { ok: false; conflict: boolean; message: string; typed: ReviewDraftTyped; retry?: boolean };

/** Reads the review form against the round's criteria and saves it as a draft; what was typed comes back when it cannot be saved. */
export function saveReviewForm(assignment: ReviewerAssignment, form: Record<string, string>, basedOn: number, { t, language }: PageWords): SavedReviewForm {
  const criterionIds = criteriaOfProposal(db(), assignment.proposalId).map((criterion) => criterion.id);
  const read = readReviewForm(form, criterionIds);
  if (!read.ok) {
    // The schema's messages are keys; the longest comment is written as the reader writes numbers.
    const problems = read.problems.map((key) => t(key, { max: formatNumberIn(language, REVIEW_COMMENT_MAX) }));
    return { ok: false, conflict: false, message: t("reviewPage.notSaved.problems", { problems: problems.join(" ") }), typed: read.typed };
  }
  try {
    const saved = saveReviewDraft({ assignmentId: assignment.id, basedOn, draft: read.draft }, t);
    if (!saved.ok) return { ...saved, typed: typedReviewForm(form, criterionIds) };
    return saved;
  } catch (error) {
    // The database locked or the disk full: said beside the form, which keeps what was typed.
    return { ok: false, conflict: false, retry: true, message: t(storageRefusal(error)), typed: typedReviewForm(form, criterionIds) };
  }
}

/** The reviewer's own event on their assignment, checked by its statechart. */
/** The reviewer's command; a refusal in the words of `t`, the page's. */
export function sendAssignmentCommand(user: SessionUser, assignment: ReviewerAssignment, command: AssignmentCommand, expectedVersion: number, t: TFunction): AssignmentOutcome {
  return applyAssignmentCommand({ assignmentId: assignment.id, expectedVersion, actor: reviewerActor(user), command, t });
}
