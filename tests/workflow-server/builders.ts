import { SYSTEM_ACTOR } from "../../workflows/actors";
import { count, eq } from "drizzle-orm";
import { expect } from "vitest";
import { db } from "../../app/db.server";
import type { ProposalCommand, ProposalOutcome } from "../../app/proposals/workflow.server";
import { applyProposalCommand, createProposal, replayHistory } from "../../app/proposals/workflow.server";
import type { NewRound } from "../../app/rounds/workflow.server";
import { applyRoundCommand, createRound } from "../../app/rounds/workflow.server";
import type { PartnerStatus } from "../../db/schema";
import {
  eligibilityChecks,
  institutions,
  memberships,
  outbox,
  proposalEvents,
  proposalPartners,
  proposals,
  proposalVersions,
  reviewAssignments,
  reviews,
  rounds,
  users,
} from "../../db/schema";
import type { Actor } from "../../workflows/actors";
import type { ProposalContent } from "../../workflows/proposal-content";
import { persistProposal } from "../../workflows/proposal.machine";
import { DEMO_NOW } from "../support/clock";
import { criteriaOfProposal } from "../../app/reviews/assignments.server";
import type { AssignmentEvent } from "../../workflows/assignment.machine";
import { allowedAssignmentEvents, ASSIGNMENT_MACHINE_VERSION, initialAssignmentSnapshot, persistAssignment, restoreAssignment, stepAssignment } from "../../workflows/assignment.machine";

// Shared builders for the workflow's integration tests: a round, a complete proposal with its
// partners, actors for the demo people, and the checks every accepted step must pass.

/** A fixed clock, where the tests' clock starts: passed as `now`, nothing depends on the day it runs. */
export const T0 = DEMO_NOW;
export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
export const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);

export const KOSOVO_POLICE = "Kosovo* Police";
export const ALBANIAN_POLICE = "Albanian State Police";
export const MK_PROSECUTION = "Public Prosecutor's Office of North Macedonia";
export const RS_PROSECUTION = "Prosecutor's Office for Organised Crime of Serbia";
export const XK_PROSECUTION = "Office of the Chief State Prosecutor";

export function institutionId(name: string): number {
  const row = db().select({ id: institutions.id }).from(institutions).where(eq(institutions.name, name)).get();
  if (!row) throw new Error(`No institution named ${name}: load the demo data first.`);
  return row.id;
}

/** The demo proposals, by title (tests/demo.test.ts shows the state each is in). */
export const DEMO_PROPOSALS = {
  /** 2026-R1, Kosovo* Police with the Albanian State Police and North Macedonia's prosecution: being implemented. */
  drugNetworks: "Joint investigations of complex drug-trafficking networks",
  /** 2026-R1, North Macedonia's prosecution with Kosovo*'s and Albania's: implementation on hold. */
  foreignFighters: "Prosecuting returning foreign terrorist fighters: a regional practice exchange",
  /** 2026-R1, Serbia's organised crime prosecution with SIPA: concept note sent back for revision. */
  followTheMoney: "Following the money: financial investigations of migrant-smuggling networks",
  /** 2026-R1, SIPA: not selected. */
  firearms: "Firearms trafficking from the Western Balkans: a regional awareness programme",
  /** 2026-R1, Montenegro's Ministry of Justice: completed. */
  legalAssistance: "Faster mutual legal assistance in organised crime and asset recovery cases",
  /** 2026-R2, the Albanian State Police with the Kosovo* Police: awaiting the eligibility decision. */
  cocaineRoutes: "Joint operational analysis of cocaine routes through the port of Durrës",
  /** 2026-R2, Montenegro's Ministry of Justice with Serbia's organised crime prosecution: clarification requested. */
  victims: "Early identification of victims of trafficking in human beings in cross-border cases",
  /** 2026-R2, Kosovo* Police, Serbia's prosecution invited: a draft. */
  cybercrime: "Cybercrime: cross-border electronic evidence",
  /** ROLLING, the Albanian State Police with the Kosovo* Police confirmed: a draft. */
  stolenVehicles: "A shared alert channel for stolen vehicles",
} as const;

export function proposalIdByTitle(title: string): number {
  const row = db().select({ id: proposals.id }).from(proposals).where(eq(proposals.title, title)).get();
  if (!row) throw new Error(`No proposal titled "${title}": load the demo data first.`);
  return row.id;
}

/** The id of a demo proposal, by its short name in DEMO_PROPOSALS. */
export function demoProposalId(name: keyof typeof DEMO_PROPOSALS): number {
  return proposalIdByTitle(DEMO_PROPOSALS[name]);
}

export function roundIdByCode(code: string): number {
  const row = db().select({ id: rounds.id }).from(rounds).where(eq(rounds.code, code)).get();
  if (!row) throw new Error(`No round ${code}: load the demo data first.`);
  return row.id;
}

export function userId(email: string): number {
  const row = db().select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (!row) throw new Error(`No user ${email}: load the demo data first.`);
  return row.id;
}

/** The actor a signed-in demo person acts as: their role and, for an applicant, their institution. */
export function actorFor(email: string): Actor {
  const row = db()
    .select({ userId: users.id, role: memberships.role, institutionId: memberships.institutionId })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(eq(users.email, email))
    .get();
  if (!row) throw new Error(`No membership for ${email}: load the demo data first.`);
  return { userId: row.userId, role: row.role, institutionId: row.role === "applicant" ? row.institutionId : null };
}

export const admin = () => actorFor("admin@taf.example");
export const leadApplicant = () => actorFor("applicant.xk@taf.example");
export const partnerApplicant = () => actorFor("applicant.al@taf.example");

/** Adds a person with one membership, e.g. a second applicant of an institution. */
export function addPerson(person: { email: string; name: string; role: "applicant" | "administrator" | "reviewer"; institution?: string; active?: boolean }) {
  const user = db()
    .insert(users)
    .values({ email: person.email, name: person.name, active: person.active ?? true })
    .returning()
    .get();
  db()
    .insert(memberships)
    .values({ userId: user.id, role: person.role, institutionId: person.institution ? institutionId(person.institution) : null })
    .run();
  return user;
}

let roundCounter = 0;

/** A round with a unique code; opened (by the scheduler's actor at its opening time) unless `open: false`. */
export function makeRound(overrides: Partial<NewRound> & { open?: boolean } = {}) {
  roundCounter += 1;
  const { open = true, ...round } = overrides;
  const created = db().transaction((tx) =>
    createRound(tx, {
      code: `T${roundCounter}-${Math.random().toString(36).slice(2, 7)}`,
      title: `Test round ${roundCounter}`,
      mode: "deadline",
      opensAt: at(-DAY),
      closesAt: at(60 * DAY),
      ...round,
    }),
  );
  if (open) {
    const opened = applyRoundCommand({ roundId: created.id, actor: SYSTEM_ACTOR, command: { type: "OPEN" }, now: created.opensAt });
    if (!opened.ok) throw new Error(`Could not open the test round: ${opened.message}`);
  }
  return db().select().from(rounds).where(eq(rounds.id, created.id)).get()!;
}

/** Every required part of the proposal form answered, linked to serious and organised crime. */
export function completeContent(): ProposalContent {
  return {
    summary: "Joint operations against heroin trafficking along the Balkan route.",
    problem: "Shipments cross two borders within hours; each police force sees only its own part.",
    objectives: "Shared risk analysis and two coordinated operations.",
    activities: "A joint exercise in Prishtina and a practice exchange in Tirana.",
    expectedResults: "A standing contact point and a joint operational plan.",
    themes: ["drugTrafficking", "informationExchange"],
    supportKinds: ["jointExercise", "practiceExchange"],
    intendedStart: "2026-09-01",
    durationMonths: 9,
    budgetEur: 45000,
    contactPerson: "Arben Krasniqi (applicant.xk@taf.example)",
  };
}

export const conceptNote = {
  activities: [{ key: "exercise", kind: "jointExercise", title: "Joint exercise", date: "2026-11-10", place: "Prishtina", institutions: { XK: "Kosovo* Police" }, participants: 20 }],
  budgetLines: [{ item: "Travel", amountEur: 20000 }],
  risks: "Staff turnover at the lead.",
};

export const completionReport = { outcome: "Two operations, 14 arrests.", lessonsLearnt: "Start the legal groundwork earlier." };

export type PartnerSpec = { institution: string; status: PartnerStatus };

/**
 * A draft led by the Kosovo* Police (applicant.xk) in its own open round, with the Albanian State
 * Police as a confirmed partner: complete and joint, so SUBMIT is accepted as it stands.
 */
export function makeProposal(
  options: {
    round?: { id: number };
    lead?: string;
    createdBy?: string;
    title?: string;
    content?: ProposalContent;
    partners?: PartnerSpec[];
  } = {},
) {
  const round = options.round ?? makeRound();
  const leadId = institutionId(options.lead ?? KOSOVO_POLICE);
  const partners = options.partners ?? [{ institution: ALBANIAN_POLICE, status: "confirmed" }];
  return db().transaction((tx) => {
    const proposal = createProposal(tx, {
      roundId: round.id,
      leadInstitutionId: leadId,
      createdBy: actorFor(options.createdBy ?? "applicant.xk@taf.example"),
      title: options.title ?? "Joint action against drug trafficking on the Balkan route",
      content: options.content ?? completeContent(),
      now: at(-HOUR),
    });
    for (const partner of partners) {
      tx.insert(proposalPartners)
        .values({
          proposalId: proposal.id,
          institutionId: institutionId(partner.institution),
          status: partner.status,
          invitedAt: at(-HOUR),
          respondedAt: partner.status === "invited" ? null : at(-HOUR),
        })
        .run();
    }
    return proposal;
  });
}

export function proposalRow(id: number) {
  return db().select().from(proposals).where(eq(proposals.id, id)).get()!;
}

/** Changes the working content, as the applicants' form does between steps. */
export function setContent(id: number, patch: ProposalContent) {
  const row = proposalRow(id);
  db()
    .update(proposals)
    .set({ content: { ...row.content, ...patch } })
    .where(eq(proposals.id, id))
    .run();
}

export function eventsOf(id: number) {
  return db().select().from(proposalEvents).where(eq(proposalEvents.proposalId, id)).orderBy(proposalEvents.id).all();
}

/**
 * Assigns reviewers to a proposal, due at the given time: a valid assignment row (invited, with
 * its statechart's snapshot), at any stage, so a test can set up the review before it begins.
 * What the TAF team's assignment checks is tested with `assignReviewer` itself.
 */
export function assignReviewers(proposalId: number, emails: string[], dueAt = at(14 * DAY)) {
  return emails.map((email) => {
    const reviewerUserId = userId(email);
    const snapshot = initialAssignmentSnapshot({ reviewerUserId });
    return db()
      .insert(reviewAssignments)
      .values({ proposalId, reviewerUserId, dueAt, state: snapshot.value, snapshot: persistAssignment(snapshot), machineVersion: ASSIGNMENT_MACHINE_VERSION })
      .returning()
      .get().id;
  });
}

/**
 * A reviewer's whole review in, at any stage of the proposal (a fixture, as `assignReviewers`):
 * every criterion scored 4, and the assignment moved by its own statechart to "submitted".
 */
export function markReviewSubmitted(assignmentId: number, when = at(2 * DAY)) {
  const row = db().select().from(reviewAssignments).where(eq(reviewAssignments.id, assignmentId)).get()!;
  const reviewer: Actor = { userId: row.reviewerUserId, role: "reviewer", institutionId: null };
  let snapshot = restoreAssignment(row.snapshot, row.machineVersion);
  const events: AssignmentEvent[] = [
    { type: "DECLARE_NO_CONFLICT", actor: reviewer },
    { type: "SUBMIT_REVIEW", actor: reviewer, reviewOpen: true, missingParts: [] },
  ];
  for (const event of events) {
    if (!allowedAssignmentEvents(snapshot, reviewer).includes(event.type)) continue;
    const step = stepAssignment(snapshot, event);
    if (!step.accepted) throw new Error(`Review ${assignmentId}: ${event.type} refused: ${step.reason}`);
    snapshot = step.snapshot;
  }
  const scores = Object.fromEntries(criteriaOfProposal(db(), row.proposalId).map((criterion) => [criterion.id, 4]));
  db().insert(reviews).values({ assignmentId, scores, recommendation: "promising", confidence: "medium", updatedAt: when, submittedAt: when }).run();
  db()
    .update(reviewAssignments)
    .set({ state: snapshot.value, snapshot: persistAssignment(snapshot), submittedAt: when, version: row.version + 1 })
    .where(eq(reviewAssignments.id, assignmentId))
    .run();
}

/** Row counts of everything a command may write, to show that a refusal or a failure wrote nothing. */
export function rowCounts() {
  const n = (table: typeof proposals | typeof proposalEvents | typeof outbox | typeof eligibilityChecks | typeof proposalVersions) =>
    db().select({ n: count() }).from(table).get()!.n;
  return {
    proposals: n(proposals),
    events: n(proposalEvents),
    outbox: n(outbox),
    eligibilityChecks: n(eligibilityChecks),
    versions: n(proposalVersions),
  };
}

/** The stored snapshot equals the snapshot the history replays to. */
export function expectHistoryReplays(id: number) {
  const replayed = replayHistory(id);
  expect(replayed).not.toBeNull();
  expect(JSON.parse(JSON.stringify(persistProposal(replayed!)))).toEqual(proposalRow(id).snapshot);
}

/**
 * Applies a command that must be accepted, and checks what every accepted step owes: the state
 * column, a higher version, one history row per event with actor, from and to, versions that
 * count up one by one, and a history that replays to the stored snapshot.
 */
export function step(id: number, actor: Actor, command: ProposalCommand, options: { now?: Date; to: string; alsoRecorded?: string[] }) {
  const before = proposalRow(id);
  const eventsBefore = eventsOf(id).length;
  const outcome = applyProposalCommand({ proposalId: id, expectedVersion: before.version, actor, command, now: options.now ?? T0 });
  expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true, state: options.to });
  const after = proposalRow(id);
  expectRecorded(before, after, eventsBefore, actor, command, options);
  return { outcome: outcome as Extract<ProposalOutcome, { ok: true }>, row: after };
}

/** Checks the row and history a command (applied by anyone, e.g. the scheduler) left behind. */
export function expectRecorded(
  before: ReturnType<typeof proposalRow>,
  after: ReturnType<typeof proposalRow>,
  eventsBefore: number,
  actor: Actor,
  command: ProposalCommand,
  options: { now?: Date; to: string; alsoRecorded?: string[] },
) {
  expect(after.state).toBe(options.to);
  const added = eventsOf(before.id).slice(eventsBefore);
  expect(added.map((e) => e.type)).toEqual([command.type, ...(options.alsoRecorded ?? [])]);
  expect(after.version).toBe(before.version + added.length);
  const [first] = added;
  expect(first).toMatchObject({
    actorUserId: actor.role === "system" ? null : actor.userId,
    actorRole: actor.role,
    actorInstitutionId: actor.institutionId,
    fromState: before.state,
    at: options.now ?? T0,
  });
  // The command's own words (reason, question, outcome...) are in the payload.
  const { type: _type, ...said } = command as Record<string, unknown>;
  for (const [key, value] of Object.entries(said)) {
    expect(first!.payload[key]).toEqual(value instanceof Date ? value.toISOString() : value);
  }
  added.forEach((event, i) => {
    expect(event.version).toBe(before.version + i + 1);
    if (i > 0) expect(event.fromState).toBe(added[i - 1]!.toState);
  });
  expect(added.at(-1)!.toState).toBe(after.state);
  expectHistoryReplays(before.id);
}

/** Applies a command that must be refused, and checks that it wrote nothing at all. */
export function refused(id: number, actor: Actor, command: ProposalCommand, now = T0) {
  const before = proposalRow(id);
  const counts = rowCounts();
  const outcome = applyProposalCommand({ proposalId: id, expectedVersion: before.version, actor, command, now });
  expect(outcome.ok, JSON.stringify(outcome)).toBe(false);
  expect(rowCounts()).toEqual(counts);
  expect(proposalRow(id)).toEqual(before);
  return outcome as Extract<ProposalOutcome, { ok: false }>;
}

/** Drives a fresh proposal by the demo people to the given point of its life. */
export function driveTo(
  point: "awaitingDecision" | "awaitingReviewers" | "reviewing" | "deciding" | "drafting" | "awaitingStart" | "ongoing",
  options: Parameters<typeof makeProposal>[0] = {},
) {
  const order = ["awaitingDecision", "awaitingReviewers", "reviewing", "deciding", "drafting", "awaitingStart", "ongoing"] as const;
  const reach = (p: (typeof order)[number]) => order.indexOf(p) <= order.indexOf(point);
  const { id } = makeProposal(options);
  const go = (actor: Actor, command: ProposalCommand) => {
    const outcome = applyProposalCommand({ proposalId: id, actor, command, now: T0 });
    if (!outcome.ok) throw new Error(`${command.type}: ${outcome.message}`);
  };
  go(leadApplicant(), { type: "SUBMIT" });
  if (reach("awaitingReviewers")) go(admin(), { type: "CONFIRM_ELIGIBLE", reason: "" });
  if (reach("reviewing")) {
    const assignments = assignReviewers(id, ["reviewer.eu@taf.example", "reviewer.expert@taf.example"]);
    go(admin(), { type: "START_REVIEW" });
    if (reach("deciding")) {
      assignments.forEach((a) => markReviewSubmitted(a));
      go(admin(), { type: "CLOSE_REVIEW" });
    }
  }
  if (reach("drafting")) go(admin(), { type: "DECIDE", outcome: "promising", reason: "Strong regional fit.", sharedFeedback: "" });
  if (reach("awaitingStart")) {
    setContent(id, { conceptNote });
    go(leadApplicant(), { type: "SUBMIT_CONCEPT" });
    go(admin(), { type: "APPROVE_CONCEPT" });
  }
  if (reach("ongoing")) go(admin(), { type: "START" });
  return id;
}
