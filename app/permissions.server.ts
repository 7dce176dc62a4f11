import type { Placeholder, SQL } from "drizzle-orm";
import { and, eq, exists, inArray, isNotNull, isNull, not, notExists, notInArray, or, sql } from "drizzle-orm";
import type { Role } from "../workflows/actors";
import type { StageAudience } from "../workflows/proposal-stages";
import { advisorShares, institutions, memberships as membershipRows, proposalPartners, proposals, reviewAssignments, reviewConflicts, reviewerConflictRules } from "../db/schema";
import type { AssignmentState } from "../workflows/assignment.machine";
import { ASSIGNMENT_STATES_HOLDING_A_PLACE } from "../workflows/assignment.machine";
import { proposalStatesTakingReviews } from "./reviews/assignments.server";
import type { SessionUser } from "./auth/session.server";
import { requireUser } from "./auth/session.server";
import { accepts, NEVER_SUBMITTED, statesWithin } from "../workflows/proposal-stages";
import type { ProposalEventType } from "../workflows/proposal.machine";
import { allowedEvents, refusalOf } from "../workflows/proposal.machine";
import { leadOf } from "../workflows/actors";
import { actorsOf, leadActor } from "./auth/actors.server";
import { db } from "./db.server";
import { pageLanguage, responseInWords, translatorOf } from "./i18n.server";
import type { Translate } from "../workflows/words";
import { inEnglish } from "../workflows/in-english";
import type { PageLanguage } from "../workflows/languages";
import { askedInstitutionsOf } from "./lessons/feedback.server";
import type { Participation } from "./proposals/participation.server";
import { participationIn, partnersMayChange, partnerTakesPart } from "./proposals/participation.server";

// Every permission in the portal is a named predicate here, so that who may do what can be read
// in one place. Loaders and actions ask `requirePermission`; pages ask `can` to show a link.

function hasRole(user: SessionUser, role: Role) {
  return user.memberships.some((m) => m.role === role);
}

const predicates = {
  /** Invite, edit and deactivate people. */
  managePeople: (user: SessionUser) => hasRole(user, "administrator"),
  /** Add and edit institutions in the directory. */
  manageInstitutions: (user: SessionUser) => hasRole(user, "administrator"),
  /** Add submission rounds, and open, close, reopen and archive them (as the round statechart allows). */
  manageRounds: (user: SessionUser) => hasRole(user, "administrator"),
  /** Set a round's review criteria, until its first review is submitted. */
  manageReviewCriteria: (user: SessionUser) => hasRole(user, "administrator"),
  /** Read a round's ranking (every reviewer's scores, aggregated) and export it. */
  viewRanking: (user: SessionUser) => hasRole(user, "administrator"),
  /** The steering committee's report on a round or a period, and its PDF. */
  viewSteeringCommitteeReport: (user: SessionUser) => hasRole(user, "administrator"),
  /** Record, change, withdraw and release the selection decisions of a round. */
  decideProposals: (user: SessionUser) => hasRole(user, "administrator"),
  /** Work the eligibility desk: confirm, declare ineligible, ask for clarification, re-run the automatic check. */
  decideEligibility: (user: SessionUser) => hasRole(user, "administrator"),
  /** Read the mail the embedded SMTP server received (it holds other people's links). */
  readMailbox: (user: SessionUser) => hasRole(user, "administrator"),
  /** Put a message the outbox gave up on back in the queue. */
  resendMail: (user: SessionUser) => hasRole(user, "administrator"),
  /** Assign reviewers, move due dates, withdraw assignments, dismiss detected conflicts and add conflict rules. */
  manageReviews: (user: SessionUser) => hasRole(user, "administrator"),
  /** See the applicants' home: their institution's proposals and the open rounds. */
  viewApplicantHome: (user: SessionUser) => hasRole(user, "applicant"),
  /** See one's review assignments. */
  viewReviewerHome: (user: SessionUser) => hasRole(user, "reviewer"),
  /** Follow the proposals of one's country. */
  viewCountryAdvisorHome: (user: SessionUser) => hasRole(user, "countryAdvisor"),
  /** See the administrators' overview. */
  viewAdministratorHome: (user: SessionUser) => hasRole(user, "administrator"),
  /** Start a draft, led by one's own institution. */
  startProposal: (user: SessionUser) => hasRole(user, "applicant"),
  /** What the TAF team keeps to itself: names of the team and reviewers, internal reasons, the automatic check. */
  viewInternalNotes: (user: SessionUser) => hasRole(user, "administrator"),
  /** The whole statechart, internal steps included: the TAF team's map of the process. */
  viewStatechart: (user: SessionUser) => hasRole(user, "administrator"),
  /** The timeline of every proposal's planned and held activities, to track implementation. */
  viewActivityTimeline: (user: SessionUser) => hasRole(user, "administrator"),
  /** The table of every proposal, filtered and searched, and its CSV export. */
  viewProposalOverview: (user: SessionUser) => hasRole(user, "administrator"),
  /** The audit log and every proposal's history, searched together. */
  viewAuditLog: (user: SessionUser) => hasRole(user, "administrator"),
  /** The dashboard of the programme's figures: the TAF team's whole, a country advisor's their countries' part (`dashboardAudience`). */
  viewDashboard: (user: SessionUser) => hasRole(user, "administrator") || hasRole(user, "countryAdvisor"),
  /** A round's lessons learnt (the feedback survey's answers, the completion reports' lessons), its CSV, and closing its survey early. */
  viewLessonsLearnt: (user: SessionUser) => hasRole(user, "administrator"),
} satisfies Record<string, (user: SessionUser) => boolean>;

export type Permission = keyof typeof predicates;

export function can(user: SessionUser, permission: Permission) {
  return predicates[permission](user);
}

/** Whose words a proposal's stage is told in for this person: the TAF team first, as the ones who act. */
export function stageAudienceOf(user: SessionUser): StageAudience {
  if (hasRole(user, "administrator")) return "tafTeam";
  return hasRole(user, "applicant") ? "applicants" : "followers";
}

/** The signed-in user, if they hold the permission; otherwise sign-in (signed out) or 403. */
export async function requirePermission(request: Request, permission: Permission) {
  const user = await requireUser(request);
  if (!can(user, permission)) {
    throw new Response((await translatorOf(request))("access.noAccess"), { status: 403, statusText: "Forbidden" });
  }
  return user;
}

export function applicantInstitutions(user: SessionUser) {
  return user.memberships.flatMap((m) => (m.role === "applicant" && m.institutionId !== null ? [m.institutionId] : []));
}

/** Whether the lead's applicant may, at this stage, send one of these statechart events. */
function leadMay(user: SessionUser, proposal: Participation, events: ProposalEventType[]) {
  if (!applicantInstitutions(user).includes(proposal.leadInstitutionId)) return false;
  return allowedEvents(proposal.snapshot, leadActor(user, proposal)).some((type) => events.includes(type));
}

/** An applicant of the lead or of a partner institution that sees the proposal. */
function takesPart(user: SessionUser, proposal: Participation) {
  const own = applicantInstitutions(user);
  return own.includes(proposal.leadInstitutionId) || proposal.partnerInstitutionIds.some((id) => own.includes(id));
}

// Country advisors (the project's legal advisor or embedded country team in a country) help the
// applicants of their country. What they may do, and nothing more:
// - see the proposals an institution of their country leads or takes part in, once submitted,
//   and drafts the lead shared with them (`visibleProposals`, `shareWithAdvisors`);
// - read and write the proposal's comments (`comment`);
// - hear of the events the applicants hear of (notifications.server.ts, `advisorsOf`).
// They never edit, submit or send any event (those are the lead's, `leadMay`, or the TAF team's:
// the statechart knows no advisor), and they never see internal notes, reviewers' names or scores
// (`viewInternalNotes`, `viewRanking`, `manageReviews` are the TAF team's).

/** The countries a person advises. */
export function advisedCountries(user: SessionUser) {
  return user.memberships.flatMap((m) => (m.role === "countryAdvisor" && m.countryCode !== null ? [m.countryCode] : []));
}

/** A country advisor of the lead's country or of a partner's taking part. */
function advisesOn(user: SessionUser, proposal: Participation) {
  const countries = advisedCountries(user);
  return proposal.countryCodes.some((code) => countries.includes(code));
}

/**
 * Whether a proposal is open to the country advisors of the countries taking part (over
 * `proposals`): submitted, or a draft its lead shared with them; never once discarded.
 */
export function seenByAdvisors(): SQL {
  const shared = db().select({ one: sql`1` }).from(advisorShares).where(eq(advisorShares.proposalId, proposals.id));
  return or(notInArray(proposals.state, [...NEVER_SUBMITTED]), and(inArray(proposals.state, statesWithin("draft")), exists(shared)))!;
}

/** Proposals led by, or with a partner taking part from, an institution that meets the condition. */
function ledOrJoinedBy(institution: SQL) {
  const lead = db()
    .select({ one: sql`1` })
    .from(institutions)
    .where(and(eq(institutions.id, proposals.leadInstitutionId), institution));
  const partner = db()
    .select({ one: sql`1` })
    .from(proposalPartners)
    .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
    .where(and(eq(proposalPartners.proposalId, proposals.id), partnerTakesPart(), institution));
  return or(exists(lead), exists(partner))!;
}

// Only "no conflict" opens a proposal to its reviewer; a declined, conflicted or withdrawn
// assignment opens nothing.
export const ASSIGNMENT_STATES_SEEING_THE_PROPOSAL: readonly AssignmentState[] = ["reviewing", "submitted"];

/** The reviewer a condition on review assignments is about: the signed-in one, or a placeholder for them in a statement prepared once. */
export type AssignedReviewer = { id: number | Placeholder };

/**
 * No open conflict of interest between this reviewer and the proposal (over `proposals`), as
 * `conflictsOf` finds them: none declared, and no institution taking part that the reviewer is
 * affiliated with or has a rule for, unless the TAF team dismissed the detection.
 */
export function noOpenConflict(user: AssignedReviewer) {
  const pair = and(eq(reviewConflicts.proposalId, proposals.id), eq(reviewConflicts.reviewerUserId, user.id));
  const declared = db()
    .select({ one: sql`1` })
    .from(reviewConflicts)
    .where(and(pair, eq(reviewConflicts.source, "declared"), isNull(reviewConflicts.dismissedAt)));
  const dismissed = db()
    .select({ one: sql`1` })
    .from(reviewConflicts)
    .where(and(pair, isNotNull(reviewConflicts.dismissedAt)));
  const affiliated = db()
    .select({ id: membershipRows.institutionId })
    .from(membershipRows)
    .where(and(eq(membershipRows.userId, user.id), eq(membershipRows.role, "reviewer"), isNotNull(membershipRows.institutionId)));
  const ruled = db().select({ id: reviewerConflictRules.institutionId }).from(reviewerConflictRules).where(eq(reviewerConflictRules.reviewerUserId, user.id));
  const detected = ledOrJoinedBy(or(inArray(institutions.id, affiliated), inArray(institutions.id, ruled))!);
  return and(notExists(declared), or(exists(dismissed), not(detected)))!;
}

/** The reviewer's assignments (over `reviewAssignments` joined with `proposals`) holding their place, with no open conflict, whatever the proposal's stage. */
function placesHeldBy(user: AssignedReviewer): SQL {
  return and(eq(reviewAssignments.reviewerUserId, user.id), inArray(reviewAssignments.state, [...ASSIGNMENT_STATES_HOLDING_A_PLACE]), noOpenConflict(user))!;
}

/** Whether the person may hold review assignments at all: only reviewers are assigned, so no one else need be looked up. */
export function mayHoldAssignments(user: SessionUser) {
  return hasRole(user, "reviewer");
}

/**
 * The review assignments a reviewer still answers (over `reviewAssignments` joined with
 * `proposals`): theirs, holding a place, while the proposal takes reviews, with no open conflict.
 */
export function openAssignmentsOf(user: AssignedReviewer): SQL {
  return and(placesHeldBy(user), inArray(proposals.state, proposalStatesTakingReviews()))!;
}

export type ReviewerAssignment = {
  id: number;
  proposalId: number;
  state: AssignmentState;
  version: number;
  dueAt: Date;
  snapshot: unknown;
  machineVersion: number;
};

/** The statechart's own words for a form or a page of an assignment whose proposal takes no more reviews. */
export const REVIEW_CLOSED = "refusals.assignment.reviewClosed";

/**
 * The signed-in reviewer and their assignment, if it is still open to them (`openAssignmentsOf`),
 * or `closed` when it is theirs, still holding their place, but its proposal left the EU review
 * (an administrator closed it, or the lead withdrew): a reviewer who pressed Submit a moment
 * after is told the review is closed, not that the assignment does not exist. Nothing of the
 * proposal is shown either way. Otherwise 404, to anyone else too: an assignment one may not
 * answer answers like one that does not exist.
 */
export async function reviewAssignmentToAnswer(request: Request, assignmentId: number) {
  const user = await requireUser(request);
  const own = Number.isSafeInteger(assignmentId)
    ? db()
        .select({
          id: reviewAssignments.id,
          proposalId: reviewAssignments.proposalId,
          state: reviewAssignments.state,
          version: reviewAssignments.version,
          dueAt: reviewAssignments.dueAt,
          snapshot: reviewAssignments.snapshot,
          machineVersion: reviewAssignments.machineVersion,
          proposalState: proposals.state,
        })
        .from(reviewAssignments)
        .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
        .where(and(eq(reviewAssignments.id, assignmentId), placesHeldBy(user)))
        .get()
    : undefined;
  if (!own) throw new Response((await translatorOf(request))("access.noSuchAssignment"), { status: 404 });
  const { proposalState, ...assignment } = own;
  if (!proposalStatesTakingReviews().includes(proposalState as never)) return { closed: true as const, user };
  return { closed: false as const, user, assignment: assignment satisfies ReviewerAssignment };
}

/** The signed-in reviewer and their assignment still open to them; 409 once its review closed (the page says so, in words), 404 otherwise (`reviewAssignmentToAnswer`). */
export async function requireReviewAssignment(request: Request, assignmentId: number) {
  const found = await reviewAssignmentToAnswer(request, assignmentId);
  if (found.closed) throw responseInWords(REVIEW_CLOSED, {}, { status: 409 });
  return found;
}

/**
 * The proposals a reviewer sees: those they declared no conflict with, through an assignment
 * still reviewing or submitted, while the proposal takes reviews and no conflict is open. After
 * the review closes they see nothing of it, unless assigned again.
 */
function assignedForReview(user: SessionUser) {
  return and(
    exists(
      db()
        .select({ one: sql`1` })
        .from(reviewAssignments)
        .where(
          and(
            eq(reviewAssignments.proposalId, proposals.id),
            eq(reviewAssignments.reviewerUserId, user.id),
            inArray(reviewAssignments.state, [...ASSIGNMENT_STATES_SEEING_THE_PROPOSAL]),
          ),
        ),
    ),
    inArray(proposals.state, proposalStatesTakingReviews()),
    noOpenConflict(user),
  )!;
}

/**
 * Who sees which proposal, as one SQL condition over `proposals`: every list, the proposal's
 * pages and their actions ask it, so a person never finds listed what they may not open, or
 * the other way round. Administrators see all; applicants the proposals their institution leads
 * or takes part in as a partner; reviewers those assigned to them; country advisors submitted
 * proposals an institution of their country leads or takes part in, and the drafts among them
 * that the lead shared with them. Other drafts, and discarded ones, stay with the institutions
 * writing them. With `role`, only what the person sees in
 * that role: the home page lists each role's proposals apart.
 */
/**
 * Whether visibleProposals(user, role) is every proposal in the portal (the TAF team's view):
 * then the figures kept by writes (app/tallies.server.ts) answer for the person without a count.
 */
export function seesEveryProposal(user: SessionUser, role?: Role) {
  return user.memberships.some((m) => m.role === "administrator" && (role === undefined || role === "administrator"));
}

export function visibleProposals(user: SessionUser, role?: Role): SQL {
  const memberships = user.memberships.filter((m) => role === undefined || m.role === role);
  if (seesEveryProposal(user, role)) return sql`true`;
  const ownInstitutions = memberships.flatMap((m) => (m.role === "applicant" && m.institutionId !== null ? [m.institutionId] : []));
  const advised = memberships.flatMap((m) => (m.role === "countryAdvisor" && m.countryCode !== null ? [m.countryCode] : []));
  const seen: SQL[] = [];
  if (ownInstitutions.length) seen.push(ledOrJoinedBy(inArray(institutions.id, ownInstitutions)));
  if (memberships.some((m) => m.role === "reviewer")) seen.push(assignedForReview(user));
  if (advised.length) {
    seen.push(and(seenByAdvisors(), ledOrJoinedBy(inArray(institutions.countryCode, advised)))!);
  }
  return or(...seen) ?? sql`false`;
}

/**
 * Whose proposals the dashboard counts: every one for the TAF team; for a country advisor those
 * they see as an advisor (their countries' part), whatever else they are. `key` names that
 * audience, so that figures computed for one are never handed to another.
 */
export function dashboardAudience(user: SessionUser): { key: string; condition: SQL } {
  if (hasRole(user, "administrator")) return { key: "all", condition: visibleProposals(user) };
  return { key: `advisor:${[...advisedCountries(user)].sort().join(",")}`, condition: visibleProposals(user, "countryAdvisor") };
}

/** Which actions a person may take on a proposal they see is the statechart's to say (allowedEvents). */
const proposalPredicates = {
  /** The lead edits the proposal (content, partners, attachments) while it may (re)submit it. */
  editProposal: (user: SessionUser, proposal: Participation) => leadMay(user, proposal, ["SUBMIT", "RESPOND"]),
  /**
   * The lead invites and removes partners while it may still submit the draft or answer a
   * clarification request: after that an invitation could never be answered, and the TAF team
   * judges the partners as submitted or answered.
   */
  managePartners: (user: SessionUser, proposal: Participation) => leadMay(user, proposal, ["SUBMIT", "RESPOND"]),
  /** A partner institution's applicants confirm or decline while the lead may still submit or answer. */
  respondAsPartner(user: SessionUser, proposal: Participation) {
    const own = applicantInstitutions(user);
    return proposal.partnerInstitutionIds.some((id) => own.includes(id)) && partnersMayChange(proposal.snapshot, proposal.leadInstitutionId);
  },
  /** Comments: the applicants of the lead and partners, the country advisors of their countries, and the TAF team. */
  comment: (user: SessionUser, proposal: Participation) => hasRole(user, "administrator") || takesPart(user, proposal) || advisesOn(user, proposal),
  /**
   * The lead shares its draft with the country advisors of the countries taking part, and
   * revokes it, while it may still submit the draft: once submitted, the advisors see it anyway.
   */
  shareWithAdvisors: (user: SessionUser, proposal: Participation) => leadMay(user, proposal, ["SUBMIT"]),
  /** The lead writes the concept note while it may submit it. */
  editConceptNote: (user: SessionUser, proposal: Participation) => leadMay(user, proposal, ["SUBMIT_CONCEPT"]),
  /** The lead reports on activities and writes the completion report while implementation runs. */
  reportImplementation: (user: SessionUser, proposal: Participation) => leadMay(user, proposal, ["SUBMIT_REPORT"]),
  /**
   * The lead keeps the plan of activities up to date from the concept note's approval until the
   * completion report is submitted, on hold too: a plan waiting for better times is re-planned.
   */
  planActivities: (user: SessionUser, proposal: Participation) =>
    applicantInstitutions(user).includes(proposal.leadInstitutionId) &&
    (["START", "SUBMIT_REPORT", "RESUME"] as const).some((event) => accepts(proposal.snapshot, event)),
  /** The TAF team moves one proposal's deadlines for the applicants' work (which ones are owed is deadlines.server.ts's to say). */
  extendDeadlines: (user: SessionUser) => hasRole(user, "administrator"),
  /** The lead or the TAF team records that a partner left, once the proposal is submitted and until it is closed. */
  recordPartnerDeparture: (user: SessionUser, proposal: Participation) =>
    (hasRole(user, "administrator") || applicantInstitutions(user).includes(proposal.leadInstitutionId)) && submittedAndOpen(proposal),
};

/** Past the draft (the lead removes partners itself there) and not yet closed. */
function submittedAndOpen(proposal: Participation) {
  return proposal.snapshot.status !== "done" && !allowedEvents(proposal.snapshot, leadOf(proposal.leadInstitutionId)).includes("SUBMIT");
}

export type ProposalPermission = keyof typeof proposalPredicates;

export function canOnProposal(user: SessionUser, permission: ProposalPermission, proposal: Participation) {
  return proposalPredicates[permission](user, proposal);
}

/**
 * The signed-in user and the proposal's participation, if they see it (`visibleProposals`;
 * otherwise 404: a proposal one may not see answers like one that does not exist) and, when a
 * permission is named, hold it at this stage (otherwise 403 with the reason in words).
 */
export async function requireProposal(request: Request, proposalId: number, permission?: ProposalPermission) {
  const user = await requireUser(request);
  const proposal = Number.isSafeInteger(proposalId) ? participationIn(proposalId, visibleProposals(user)) : null;
  if (!proposal) {
    throw new Response((await translatorOf(request))("access.noSuchProposal"), { status: 404 });
  }
  if (permission) requireOnProposal(user, permission, proposal, await wordsOf(request));
  return { user, proposal };
}

/** The page's translator and language, in which a refusal is said. */
type Words = { t: Translate; language: PageLanguage };

/** The request's words, for `requireOnProposal`. */
export async function wordsOf(request: Request): Promise<Words> {
  return { t: await translatorOf(request), language: await pageLanguage(request) };
}

/** For an action whose permission depends on what was posted: a 403 with the reason in the reader's words. */
export function requireOnProposal(user: SessionUser, permission: ProposalPermission, proposal: Participation, words: Words = { t: inEnglish, language: "en" }) {
  if (!proposalPredicates[permission](user, proposal)) {
    throw new Response(PROPOSAL_REFUSALS[permission](user, proposal, words), { status: 403 });
  }
}

/**
 * Why a permission is refused, in the statechart's own words for the first event it stands on
 * (the events `leadMay` asks about). Only who takes part, which the statechart does not know, is
 * said here.
 */
const PROPOSAL_REFUSALS: Record<Exclude<ProposalPermission, "viewProposal">, (user: SessionUser, proposal: Participation, words: Words) => string> = {
  editProposal: (user, proposal, words) => leadRefusal(user, proposal, "SUBMIT", words),
  managePartners: (user, proposal, words) => leadRefusal(user, proposal, "SUBMIT", words),
  respondAsPartner: (user, proposal, { t, language }) =>
    proposal.partnerInstitutionIds.some((id) => applicantInstitutions(user).includes(id))
      ? (refusalOf(proposal.snapshot, "SUBMIT", leadOf(proposal.leadInstitutionId), t, language) ?? t(NOT_NOW))
      : t("access.onlyInvitedPartners"),
  comment: (_user, _proposal, { t }) => t("access.commentWho"),
  shareWithAdvisors: (user, proposal, words) => leadRefusal(user, proposal, "SUBMIT", words),
  editConceptNote: (user, proposal, words) => leadRefusal(user, proposal, "SUBMIT_CONCEPT", words),
  reportImplementation: (user, proposal, words) => leadRefusal(user, proposal, "SUBMIT_REPORT", words),
  planActivities: (user, proposal, { t }) => t(applicantInstitutions(user).includes(proposal.leadInstitutionId) ? "access.planClosed" : "access.planLeadOnly"),
  extendDeadlines: (_user, _proposal, { t }) => t("access.extendDeadlines"),
  recordPartnerDeparture: (user, proposal, { t }) =>
    t(
      hasRole(user, "administrator") || applicantInstitutions(user).includes(proposal.leadInstitutionId)
        ? proposal.snapshot.status === "done"
          ? "access.partnersClosed"
          : "access.partnersBeforeSubmission"
        : "access.partnerDepartureWho",
    ),
};

// Reached only if a predicate and the statechart disagree.
const NOT_NOW = "access.notNow";

/** The statechart's reason, judged on this person as the lead's applicant if they are one. */
function leadRefusal(user: SessionUser, proposal: Participation, event: ProposalEventType, { t, language }: Words) {
  const who = applicantInstitutions(user).includes(proposal.leadInstitutionId) ? leadActor(user, proposal) : actorsOf(user)[0];
  return (who && refusalOf(proposal.snapshot, event, who, t, language)) ?? t(NOT_NOW);
}

/** The permissions the layout needs to draw the navigation, computed once per request. */
export function navigationFor(user: SessionUser) {
  return {
    managePeople: can(user, "managePeople"),
    manageInstitutions: can(user, "manageInstitutions"),
    manageRounds: can(user, "manageRounds"),
    decideEligibility: can(user, "decideEligibility"),
    readMailbox: can(user, "readMailbox"),
    viewActivityTimeline: can(user, "viewActivityTimeline"),
    viewProposalOverview: can(user, "viewProposalOverview"),
    viewAuditLog: can(user, "viewAuditLog"),
    viewDashboard: can(user, "viewDashboard"),
  };
}

/**
 * The signed-in user and the institution they answer the round's feedback survey for: one of
 * theirs that the survey asked (the lead and partners of the round's released proposals), the
 * one `institutionId` names, or their first. Anyone else is refused (403) in words.
 */
export async function requireFeedbackInstitution(request: Request, roundId: number, institutionId?: number) {
  const user = await requireUser(request);
  const asked = askedInstitutionsOf(user, roundId);
  const institution = institutionId === undefined ? asked[0] : asked.find((i) => i.id === institutionId);
  if (!institution) {
    throw new Response((await translatorOf(request))("access.feedbackWho"), { status: 403, statusText: "Forbidden" });
  }
  return { user, institution, asked };
}
