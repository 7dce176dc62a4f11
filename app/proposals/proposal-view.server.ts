import { and, desc, eq, sql } from "drizzle-orm";
import { eligibilityChecks, institutions, proposalEvents, proposalPartners, proposals, reviewAssignments, rounds, users } from "../../db/schema";
import type { TFunction } from "i18next";
import type { PageLanguage } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
import type { Standing } from "../../workflows/actors";
import type { AssignmentState } from "../../workflows/assignment.machine";
import { leadOf, TAF_TEAM } from "../../workflows/actors";
import type { CriterionResult } from "../../workflows/eligibility";
import { jointCountries, jointRuleOf } from "../../workflows/eligibility";
import type { ProposalEventType } from "../../workflows/proposal-events";
import { draftStartedWordsIn, eventWordsIn, PROPOSAL_EVENTS } from "../../workflows/proposal-events";
import type { ProposalSnapshot } from "../../workflows/proposal.machine";
import type { Translate } from "../../workflows/words";
import { allowedEvents, proposalMachine, statePath } from "../../workflows/proposal.machine";
import type { ProposalStatePath } from "../../workflows/proposal-stages";
import { isWithin, stageActorOf, stageDescriptionFor, stageLabelFor, stageNameFor, stageWordsFor, statesAccepting } from "../../workflows/proposal-stages";
import type { Participation } from "./participation.server";
import { answersInWords } from "./answers-in-words.server";
import { ownPartnership } from "./partners.server";
import { availableActions } from "../auth/actors.server";
import type { SessionUser } from "../auth/session.server";
import { deadlinesOf } from "./deadlines.server";
import { departuresOf } from "./departures.server";
import { proposalAnswers } from "./documents.server";
import { db, preparedStatement } from "../db.server";
import { listCountries } from "../institutions/institutions.server";
import { roundEligibility } from "../rounds/eligibility.server";
import { can, canOnProposal, mayHoldAssignments, openAssignmentsOf, stageAudienceOf } from "../permissions.server";
import { statechartPicture } from "../statecharts/picture.server";
import { eligibilityResultsIn } from "../eligibility/results.server";
import { NEXT_STEP_KEY as REVIEW_NEXT_STEP } from "../reviews/reviews.server";

// What the proposal page shows, shaped for the person looking: applicants never see who in the
// TAF team or among reviewers acted, internal reasons, or the automatic check's details.

/** The main stages in order, from the statechart itself: passed, current or still ahead. */
function stagesOf(state: string, visited: string[], t: TFunction) {
  const current = state.split(".")[0]!;
  const seen = new Set(visited.map((path) => path.split(".")[0]));
  const main = Object.entries(proposalMachine.root.states).filter(([, node]) => node.type !== "final");
  const finalNode = proposalMachine.root.states[current];
  return {
    steps: main.map(([key, node]) => ({
      key,
      label: stageNameFor(key, t),
      status: key === current ? "current" : seen.has(key) ? "passed" : "upcoming",
    })),
    outcome: finalNode?.type === "final" ? stageNameFor(current, t) : null,
  };
}

// The page's own reads, built by drizzle and prepared once per connection (app/db.server.ts):
// the proposal's page is the most visited, and building these queries anew on every visit was
// a tenth of its time. The proposal is a placeholder; nothing of the person is in them.
const byProposal = sql.placeholder("proposalId");
const pageStatements = preparedStatement((database) => ({
  proposal: database
    .select({
      proposal: proposals,
      roundTitle: rounds.title,
      roundCode: rounds.code,
      roundSettings: rounds.settings,
      leadName: institutions.name,
      leadCountryCode: institutions.countryCode,
    })
    .from(proposals)
    .innerJoin(rounds, eq(rounds.id, proposals.roundId))
    .innerJoin(institutions, eq(institutions.id, proposals.leadInstitutionId))
    .where(eq(proposals.id, byProposal))
    .prepare(),
  partners: database
    .select({
      institutionId: proposalPartners.institutionId,
      name: institutions.name,
      countryCode: institutions.countryCode,
      status: proposalPartners.status,
      statement: proposalPartners.statement,
    })
    .from(proposalPartners)
    .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
    .where(eq(proposalPartners.proposalId, byProposal))
    .orderBy(institutions.countryCode, institutions.name)
    .prepare(),
  history: database
    .select({ event: proposalEvents, actorName: users.name })
    .from(proposalEvents)
    .leftJoin(users, eq(users.id, proposalEvents.actorUserId))
    .where(eq(proposalEvents.proposalId, byProposal))
    .orderBy(proposalEvents.id)
    .prepare(),
  latestCheck: database.select().from(eligibilityChecks).where(eq(eligibilityChecks.proposalId, byProposal)).orderBy(desc(eligibilityChecks.id)).limit(1).prepare(),
}));

/** The proposal page; the snapshot is the one the permission check already restored. */
function proposalPage(participation: Participation, user: SessionUser, t: TFunction, language: PageLanguage) {
  const { proposalId, snapshot } = participation;
  const internal = can(user, "viewInternalNotes");
  const statements = pageStatements();
  const proposal = statements.proposal.get({ proposalId })!;
  const partners = statements.partners.all({ proposalId });
  const countryRows = listCountries();
  const country = (code: string) => {
    const row = countryRows.find((c) => c.code === code);
    return { name: row?.name ?? code, needsFootnote: row?.needsFootnote ?? false };
  };

  const history = statements.history.all({ proposalId });

  const visited = history.map((h) => h.event.toState).filter((path) => path !== "");
  const joint = jointCountries(proposal.leadCountryCode, partners);
  const latestCheck = internal ? statements.latestCheck.get({ proposalId }) : undefined;
  const jointRule = jointRuleOf(roundEligibility({ code: proposal.roundCode, settings: proposal.roundSettings }));
  const { minimumCountries } = jointRule;
  const answers = proposalAnswers(proposal.proposal.content);

  return {
    id: proposalId,
    version: proposal.proposal.version,
    reference: proposal.proposal.reference,
    title: proposal.proposal.title,
    content: answers,
    answersInWords: answersInWords(answers, language, t),
    round: { id: proposal.proposal.roundId, title: proposal.roundTitle, code: proposal.roundCode },
    state: proposal.proposal.state,
    stateLabel: stageLabelFor(proposal.proposal.state, stageAudienceOf(user), t),
    stateDescription: stageDescriptionFor(proposal.proposal.state, t),
    finished: snapshot.status === "done",
    /** The TAF team reads the page as the ones who act on it, internal notes included. */
    forTeam: internal,
    nextActor: nextActor(snapshot, proposal.proposal.leadInstitutionId, t),
    // Each reads where the proposal is in their own words where the machine has them: the TAF team as "you".
    stageWords: stageWordsFor(proposal.proposal.state, stageAudienceOf(user), t),
    clarification: clarificationAsked(snapshot, history, proposal.proposal.clarificationDueAt),
    lead: { name: proposal.leadName, country: country(proposal.leadCountryCode) },
    partners: partners.map((p) => ({ ...p, country: country(p.countryCode) })),
    jointCountries: joint.map(country),
    minimumCountries,
    jointRule,
    isJoint: joint.length >= minimumCountries,
    submitted: proposal.proposal.submittedAt
      ? { at: formatBrusselsIn(language, proposal.proposal.submittedAt), late: proposal.proposal.submittedLate }
      : null,
    stages: stagesOf(proposal.proposal.state, visited, t),
    nextStage: nextStageOf(stagesOf(proposal.proposal.state, visited, t), t),
    // The whole machine, internal steps included, is the TAF team's map; everyone else reads the stage line.
    statechart: can(user, "viewStatechart")
      ? statechartPicture("proposal", {
          current: proposal.proposal.state,
          visited,
          title: proposal.proposal.reference
            ? t("proposalPage.statechartTitle", { reference: proposal.proposal.reference })
            : t("proposalPage.statechartTitleDraft"),
        }, language)
      : null,
    history: history.map(({ event, actorName }) => ({
        id: event.id,
        at: formatBrusselsIn(language, event.at),
        what: historyWords(event.type, t),
        who: actorLabel(event.actorRole, actorName, internal, t),
        from: event.fromState,
        to: event.toState,
        texts: texts(event.type, event.payload, internal, t),
        dueAt: event.type === "REQUEST_CLARIFICATION" && typeof event.payload.dueAt === "string" ? formatBrusselsIn(language, new Date(event.payload.dueAt)) : null,
      })),
    eligibility: latestCheck
      ? { at: formatBrusselsIn(language, latestCheck.at), overall: latestCheck.overall, results: eligibilityResultsIn(latestCheck.results as CriterionResult[], t) }
      : null,
    actions: [...availableActions(user, snapshot).keys()].map((type) => {
      const { action, by, fields, workPage, danger } = eventWordsIn(type, t);
      return { type, label: action, by, fields: fields ?? [], workPage: workPage ?? null, danger: danger ?? false };
    }),
  };
}

const NOTICES: Record<string, (reference: string | null, t: TFunction) => string> = {
  submitted: (reference, t) => t("proposalPage.notice.submitted", { reference }),
  resubmitted: (_reference, t) => t("proposalPage.notice.resubmitted"),
};

/**
 * The proposal page with what this person can do from it: the forms of the events they may
 * send, links to the pages where an event's work happens, and the proposal's other pages.
 */
export function proposalPageFor(participation: Participation, user: SessionUser, notice: string | null, t: TFunction, language: PageLanguage) {
  const page = proposalPage(participation, user, t, language);
  const may = (permission: Parameters<typeof canOnProposal>[1]) => canOnProposal(user, permission, participation);
  const reached = (stage: ProposalStatePath) =>
    page.stages.steps.some((step) => step.key === stage && step.status !== "upcoming");
  const answering = may("respondAsPartner") && ownPartnership(user, participation.proposalId)?.status === "invited";
  const deadlines = deadlinesOf(participation.proposalId, page.state, new Date(), { t, language });
  const departures = departuresOf(participation.proposalId, { t, language });
  const links = [
    may("editProposal") ? { to: "edit", label: t("proposalPage.link.edit") } : null,
    { to: "partners", label: may("managePartners") ? t("proposalPage.link.managePartners") : t("proposalPage.link.partners") },
    may("respondAsPartner") ? { to: "partnership", label: t("proposalPage.link.partnership") } : null,
    may("comment") ? { to: "comments", label: t("proposalPage.link.comments") } : null,
    { to: "attachments", label: may("editProposal") ? t("proposalPage.link.manageAttachments") : t("proposalPage.link.attachments") },
    page.reference ? { to: "versions", label: t("proposalPage.link.versions") } : null,
    page.reference ? { to: "print", label: t("proposalPage.link.print") } : null,
    reached("conceptualWork") ? { to: "concept", label: may("editConceptNote") ? t("proposalPage.link.writeConcept") : t("proposalPage.link.concept") } : null,
    reached("implementation") || isWithin(page.state, "completed")
      ? { to: "implementation", label: may("reportImplementation") ? t("proposalPage.link.reportImplementation") : t("proposalPage.link.implementation") }
      : null,
    deadlines.length ? { to: "deadlines", label: may("extendDeadlines") ? t("proposalPage.link.moveDeadline") : t("proposalPage.link.deadlines") } : null,
    may("recordPartnerDeparture") || departures.length
      ? { to: "departures", label: may("recordPartnerDeparture") ? t("proposalPage.link.recordDeparture") : t("proposalPage.link.departures") }
      : null,
  ];
  const review = ownReview(user, participation.proposalId);
  const workLinks = [
    // An invitation waiting for this person's institution is theirs to answer now.
    ...(answering ? [{ to: `/proposals/${page.id}/partnership`, label: t("proposalPage.answerInvitation") }] : []),
    ...(review && ASSIGNMENT_STATES_TO_ACT_IN.includes(review.state) ? [{ to: `/reviews/${review.id}`, label: t(REVIEW_NEXT_STEP[review.state]!) }] : []),
    ...page.actions.flatMap(({ workPage }) => (workPage ? [{ to: `/proposals/${page.id}/${workPage.path}`, label: workPage.label }] : [])),
  ];
  return {
    ...page,
    // The proposal page shows the work owed now; the deadlines page shows them all.
    deadlines: deadlines.filter((deadline) => deadline.open),
    // A submitted proposal a partner left: whether the joint rule still holds, said where everyone looks first.
    jointLost: departures.length > 0 && page.jointRule.required && !page.isJoint && !page.finished ? { last: departures.at(-1)!, minimum: page.minimumCountries } : null,
    notice: notice && Object.hasOwn(NOTICES, notice) ? NOTICES[notice]!(page.reference, t) : null,
    actions: page.actions.filter((action) => action.workPage === null),
    workLinks,
    nextStep: nextStepOf(workLinks, page.actions, t),
    clarification: page.clarification
      ? {
          ...page.clarification,
          answerAt: page.actions.some((action) => action.type === "RESPOND") ? `/proposals/${page.id}/${PROPOSAL_EVENTS.RESPOND.workPage!.path}` : null,
          mayComment: may("comment"),
        }
      : null,
    // A submitted review is no step of theirs, but its reviewer may open or reopen it while the review is open.
    links: [
      ...(review?.state === "submitted" ? [{ to: `/reviews/${review.id}`, label: t("proposalPage.link.ownReview") }] : []),
      ...links.flatMap((link) => (link ? [{ to: `/proposals/${page.id}/${link.to}`, label: link.label }] : [])),
      ...roundLinks(user, page.round, reached("euReview"), t),
    ],
  };
}

/**
 * A reviewer's work on the proposal is on their review page, not in the proposal's events: their
 * assignment, while it is open to them.
 */
function ownReview(user: SessionUser, proposalId: number) {
  if (!mayHoldAssignments(user)) return undefined;
  return db()
    .select({ id: reviewAssignments.id, state: reviewAssignments.state })
    .from(reviewAssignments)
    .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
    .where(and(eq(reviewAssignments.proposalId, proposalId), openAssignmentsOf(user)))
    .get();
}

/** Where the reviewer has a step to take; a submitted review waits for the review to close. */
const ASSIGNMENT_STATES_TO_ACT_IN: readonly AssignmentState[] = ["invited", "reviewing"];

/** The TAF team's way back from a proposal to the round's pages it was reached from. */
function roundLinks(user: SessionUser, round: { id: number; code: string }, reviewed: boolean, t: TFunction) {
  if (!can(user, "manageRounds")) return [];
  const base = `/admin/rounds/${round.id}`;
  return [
    { to: base, label: t("proposalPage.link.round", { code: round.code }) },
    ...(reviewed && can(user, "manageReviews") ? [{ to: `${base}/review`, label: t("proposalPage.link.reviewDesk") }] : []),
    ...(reviewed && can(user, "viewRanking") ? [{ to: `${base}/ranking`, label: t("proposalPage.link.ranking") }] : []),
    ...(reviewed && can(user, "decideProposals") ? [{ to: `${base}/decisions`, label: t("proposalPage.link.decisions") }] : []),
  ];
}

/** Who moves the proposal on from here, in words, as the statechart says. */
function nextActor(snapshot: ProposalSnapshot, leadInstitutionId: number, t: TFunction) {
  if (stageActorOf(statePath(snapshot)) === "reviewers") return t("proposalPage.actor.reviewers");
  // Steps that stop or pause a proposal rather than move it on do not say who acts next.
  const moves = (who: Standing) => allowedEvents(snapshot, who).some((type) => !PROPOSAL_EVENTS[type].sideStep);
  const lead = moves(leadOf(leadInstitutionId));
  const team = moves(TAF_TEAM);
  if (lead && team) return t("proposalPage.actor.leadOrTeam");
  if (lead) return t("proposalPage.actor.lead");
  if (team) return t("proposalPage.actor.team");
  return null;
}

function historyWords(type: string, t: TFunction) {
  if (type === "CREATE") return draftStartedWordsIn(t);
  return isEventType(type) ? eventWordsIn(type, t).history : type;
}

function isEventType(type: string): type is ProposalEventType {
  return Object.hasOwn(PROPOSAL_EVENTS, type);
}

function actorLabel(role: string, name: string | null, internal: boolean, t: TFunction) {
  if (role === "system") return t("proposalPage.historyActor.portal");
  if (role === "administrator") return internal && name ? t("proposalPage.historyActor.teamMember", { name }) : t("proposalPage.historyActor.team");
  if (role === "reviewer") return internal && name ? t("proposalPage.historyActor.reviewerNamed", { name }) : t("proposalPage.historyActor.reviewer");
  return name ?? t("proposalPage.historyActor.applicant");
}

function texts(type: string, payload: Record<string, unknown>, internal: boolean, t: TFunction) {
  if (!isEventType(type)) return [];
  const { shared, internal: internalTexts } = eventWordsIn(type, t);
  const shown = [...shared.map((text) => ({ ...text, internal: false })), ...(internal ? internalTexts.map((text) => ({ ...text, internal: true })) : [])];
  return shown.flatMap(({ key, label, internal: isInternal }) => {
    const value = payload[key];
    if (typeof value !== "string" || value.trim() === "") return [];
    return [{ label, text: value, internal: isInternal }];
  });
}

type Page = ReturnType<typeof proposalPage>;
type PageAction = Page["actions"][number];

/**
 * What this person is expected to do next, first on the page, all from the events the machine
 * lets them send: the steps that move the proposal on (a page of their own, or a form), then the
 * steps that only pause it, and last the ones that end it, which the page keeps behind a
 * disclosure. Without a step of theirs, the page says where the proposal waits and for whom.
 */
function nextStepOf(workLinks: { to: string; label: string }[], actions: PageAction[], t: TFunction) {
  const forms = actions.filter((action) => action.workPage === null);
  const moves = forms.filter((action) => !action.danger && !PROPOSAL_EVENTS[action.type].sideStep);
  const instruction = [...workLinks.map((link) => link.label.toLowerCase()), ...moves.map((action) => action.label)];
  return {
    yourTurn: instruction.length > 0,
    /** "Confirm eligibility, request clarification or re-run the automatic eligibility check." */
    instruction: instruction.length > 0 ? t("nextStep.instruction", { steps: sentence(eitherOf(instruction, t)) }) : null,
    moves,
    pauses: forms.filter((action) => !action.danger && PROPOSAL_EVENTS[action.type].sideStep),
    endings: forms.filter((action) => action.danger),
  };
}

/** "a, b or c", in the page's language. */
function eitherOf(steps: string[], t: TFunction) {
  if (steps.length === 1) return steps[0]!;
  return t("nextStep.either", { some: steps.slice(0, -1).join(t("nextStep.separator")), last: steps.at(-1) });
}

function sentence(words: string) {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The main stage that comes after the current one, as the stage line says it; null once finished. */
function nextStageOf(stages: ReturnType<typeof stagesOf>, t: TFunction) {
  if (stages.outcome) return null;
  const current = stages.steps.findIndex((step) => step.status === "current");
  return stages.steps[current + 1]?.label ?? t("proposalPage.finished");
}

/** The open clarification request, where the machine waits for its answer: the question asked and when it is due. */
function clarificationAsked(snapshot: ProposalSnapshot, history: { event: { type: string; payload: Record<string, unknown> } }[], dueAt: Date | null) {
  if (!statesAccepting("RESPOND").includes(statePath(snapshot))) return null;
  const request = history.findLast(({ event }) => event.type === "REQUEST_CLARIFICATION");
  const question = request?.event.payload.question;
  return { question: typeof question === "string" ? question : "", dueAt: dueAt?.toISOString() ?? null, now: new Date().toISOString() };
}

/**
 * The TAF team's steps that move the proposal on from a page where its work is read (the
 * concept note, the completion report): approve, ask for a revision, complete, start. They are
 * sent to the proposal page's own action, which applies them as from there.
 */
export function teamStepsOn(participation: Participation, user: SessionUser, t: Translate) {
  return [...availableActions(user, participation.snapshot).keys()].flatMap((type) => {
    const { action, by, fields, workPage, danger, sideStep } = eventWordsIn(type, t);
    if (by !== "administrator" || danger || sideStep || workPage || fields === null) return [];
    return [{ type, label: action, fields, danger: false }];
  });
}
