import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { InstitutionType } from "../../db/schema";
import { institutions, memberships, outbox, proposalPartners, proposals, reviewAssignments, reviews, rounds, users } from "../../db/schema";
import type { Actor, Role } from "../../workflows/actors";
import { SYSTEM_ACTOR } from "../../workflows/actors";
import type { CountryCode } from "../../workflows/countries";
import type { ProposalContent } from "../../workflows/proposal-content";
import type { ProposalCommand } from "../../workflows/proposal-events";
import { PROPOSAL_EVENTS } from "../../workflows/proposal-events";
import { statePathOf } from "../../workflows/machine-kit";
import type { ProposalSnapshot } from "../../workflows/proposal.machine";
import type { SupportKind, ThemeId } from "../../workflows/vocabulary";
import { administratorActor, leadActor } from "../auth/actors.server";
import { hashPassword } from "../auth/password.server";
import { recordActivityReport } from "../proposals/activities.server";
import { applyProposalCommand, createProposal } from "../proposals/workflow.server";
import type { AssignmentCommand } from "../reviews/assignments.server";
import { applyAssignmentCommand, assignReviewer, criteriaOfProposal } from "../reviews/assignments.server";
import type { RoundCommand } from "../rounds/workflow.server";
import { applyRoundCommand, createRound, roundSettings } from "../rounds/workflow.server";

// A database at the scale of a programme that has run for years, for the benchmark and for
// tests that need volume: 300 institutions over the six countries, 2,000 people and as many
// proposals as asked, spread over five rounds and every stage of the statechart.
//
// As with the demo, proposals and rounds reach their states ONLY through the real server
// functions (createProposal, applyProposalCommand, assignReviewer, applyAssignmentCommand,
// applyRoundCommand, recordActivityReport), so snapshots, histories, frozen versions,
// eligibility checks, implementation activities and queued mail are exactly what use would
// have left. Only the directory (institutions, people) and the rows that have no event
// (partners' answers, review texts) are inserted, as the demo inserts them.
//
// What makes it fast: one password hash shared by everyone (argon2 once), proposals written in
// transactions of a few hundred with bulk-load settings and every statement compiled once (see
// startBulkLoad), and no mail sent: what the history queued is marked delivered after each
// transaction, so a portal started on this database does not send years of old notices. The mail
// itself is rendered and queued as the workflow does, one message per recipient: about half of
// the time and nearly all of the file (docs/performance.md, "Generator").
// Deterministic: the same seed, size and day give the same database.

export const LOAD_PASSWORD = "taf-load-password";

export type LoadOptions = {
  proposals: number;
  /** Everything is dated before this instant; the open round is open on it. */
  now?: Date;
  seed?: number;
  institutions?: number;
  people?: number;
  /** Called after each transaction with the proposals written so far. */
  progress?: (written: number) => void;
};

export type LoadSummary = {
  institutions: number;
  people: number;
  rounds: number;
  proposals: number;
  /** Per stored state path: how many proposals the generator left there. */
  byState: Record<string, number>;
  /** People the benchmark signs in as, by role (every generated person has LOAD_PASSWORD). */
  accounts: { administrators: string[]; reviewers: string[]; advisors: string[]; applicants: string[] };
  milliseconds: number;
};

const COUNTRIES: CountryCode[] = ["AL", "BA", "XK", "ME", "MK", "RS"];
const CITIES: Record<CountryCode, [string, string, string]> = {
  AL: ["Tirana", "Durrës", "Shkodër"],
  BA: ["Sarajevo", "Banja Luka", "Mostar"],
  XK: ["Pristina", "Prizren", "Peja"],
  ME: ["Podgorica", "Bar", "Nikšić"],
  MK: ["Skopje", "Bitola", "Ohrid"],
  RS: ["Belgrade", "Novi Sad", "Niš"],
};
const TYPES: [InstitutionType, string, boolean, boolean][] = [
  ["police", "Police Directorate", false, true],
  ["prosecution", "Prosecution Office", true, true],
  ["ministryOfInterior", "Ministry of Interior Department", false, true],
  ["ministryOfJustice", "Ministry of Justice Department", true, false],
  ["lawEnforcementAgency", "Customs and Border Agency", false, true],
  ["ctCveBody", "CT/CVE Coordination Office", false, true],
];

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const BATCH = 250;

// ---------------------------------------------------------------------------------------------
// Where proposals end, and the road there. Each ending is a stage of the statechart; the road
// is the list of steps a proposal takes to reach it, replayed through the workflow.

type Step =
  | "submit"
  | "confirmEligible"
  | "declareIneligible"
  | "requestClarification"
  | "withdraw"
  | "assignReviewers"
  | "startReview"
  | "firstReview"
  | "secondReview"
  | "closeReview"
  | "promising"
  | "notSelected"
  | "submitConcept"
  | "approveConcept"
  | "start"
  | "reportActivity"
  | "hold"
  | "submitReport"
  | "complete";

type Ending = { reaches: ProposalSnapshot["value"]; road: Step[]; waiting: boolean };

const TO_SUBMITTED: Step[] = ["submit"];
const TO_REVIEWING: Step[] = [...TO_SUBMITTED, "confirmEligible", "assignReviewers", "startReview"];
const TO_DECIDING: Step[] = [...TO_REVIEWING, "firstReview", "secondReview", "closeReview"];
const TO_CONCEPT: Step[] = [...TO_DECIDING, "promising"];
const TO_ONGOING: Step[] = [...TO_CONCEPT, "submitConcept", "approveConcept", "start", "reportActivity"];
const TO_REPORTED: Step[] = [...TO_ONGOING, "submitReport"];

// `waiting`: the proposal waits for someone (a reviewer, an answer) whose due dates must lie
// ahead, so its last steps are dated in the last days.
const ENDINGS = {
  draft: { reaches: "draft", road: [], waiting: false },
  awaitingDecision: { reaches: { eligibility: "awaitingDecision" }, road: TO_SUBMITTED, waiting: true },
  clarificationRequested: { reaches: { eligibility: "clarificationRequested" }, road: [...TO_SUBMITTED, "requestClarification"], waiting: true },
  ineligible: { reaches: "ineligible", road: [...TO_SUBMITTED, "declareIneligible"], waiting: false },
  withdrawn: { reaches: "withdrawn", road: [...TO_SUBMITTED, "withdraw"], waiting: false },
  reviewing: { reaches: { euReview: "reviewing" }, road: TO_REVIEWING, waiting: true },
  deciding: { reaches: { euReview: "deciding" }, road: TO_DECIDING, waiting: true },
  notSelected: { reaches: "notSelected", road: [...TO_DECIDING, "notSelected"], waiting: false },
  conceptDrafting: { reaches: { conceptualWork: "drafting" }, road: TO_CONCEPT, waiting: false },
  conceptUnderReview: { reaches: { conceptualWork: "underReview" }, road: [...TO_CONCEPT, "submitConcept"], waiting: false },
  ongoing: { reaches: { implementation: { active: "ongoing" } }, road: TO_ONGOING, waiting: false },
  onHold: { reaches: { implementation: "onHold" }, road: [...TO_ONGOING, "hold"], waiting: false },
  reportSubmitted: { reaches: { implementation: { active: "reportSubmitted" } }, road: TO_REPORTED, waiting: false },
  completed: { reaches: "completed", road: [...TO_REPORTED, "complete"], waiting: false },
} satisfies Record<string, Ending>;

type EndingName = keyof typeof ENDINGS;

type LoadRound = {
  code: string;
  title: string;
  mode: "deadline" | "rolling";
  /** Days before `now`. */
  opens: number;
  closes: number | null;
  /** Its share of all proposals, and how they end (relative weights). */
  share: number;
  endings: Partial<Record<EndingName, number>>;
};

// Older rounds are over; the current call is open and busy; the rolling intake has a bit of all.
const LOAD_ROUNDS: LoadRound[] = [
  { code: "L2023-R1", title: "Call for proposals 2023", mode: "deadline", opens: 1000, closes: 940, share: 0.15, endings: { ineligible: 6, withdrawn: 3, notSelected: 55, onHold: 1, completed: 35 } },
  { code: "L2024-R1", title: "Call for proposals 2024", mode: "deadline", opens: 640, closes: 580, share: 0.2, endings: { ineligible: 6, withdrawn: 2, notSelected: 52, ongoing: 5, onHold: 3, reportSubmitted: 4, completed: 28 } },
  { code: "L2025-R1", title: "Call for proposals 2025", mode: "deadline", opens: 280, closes: 220, share: 0.2, endings: { ineligible: 5, withdrawn: 2, notSelected: 48, conceptDrafting: 6, conceptUnderReview: 5, ongoing: 28, onHold: 3, reportSubmitted: 3 } },
  { code: "L2026-R1", title: "Call for proposals 2026", mode: "deadline", opens: 40, closes: -30, share: 0.3, endings: { draft: 45, awaitingDecision: 15, clarificationRequested: 5, reviewing: 25, deciding: 10 } },
  { code: "LROLLING", title: "Rolling intake", mode: "rolling", opens: 720, closes: null, share: 0.15, endings: { draft: 15, awaitingDecision: 8, reviewing: 10, deciding: 4, notSelected: 28, conceptDrafting: 8, ongoing: 15, completed: 12 } },
];

// ---------------------------------------------------------------------------------------------

/** Fills an EMPTY database (no people) with a programme of the given size. */
export async function generateLoad(database: Db, options: LoadOptions): Promise<LoadSummary> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const random = seededRandom(options.seed ?? 13);
  const existing = database.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
  if (existing > 0) throw new Error("The load generator fills an empty database only: this one already has people.");

  const passwordHash = await hashPassword(LOAD_PASSWORD);
  const endBulkLoad = startBulkLoad(database.$client);
  try {
    return fill(database, { options, now, random, passwordHash, started });
  } finally {
    endBulkLoad();
  }
}

function fill(database: Db, { options, now, random, passwordHash, started }: { options: LoadOptions; now: Date; random: Random; passwordHash: string; started: number }): LoadSummary {
  const directory = database.transaction((tx) => insertDirectory(tx, { passwordHash, now, institutionCount: options.institutions ?? 300, peopleCount: options.people ?? 2000, random }));

  const plans = planProposals(options.proposals, random);
  const byState: Record<string, number> = {};
  let written = 0;
  for (const round of LOAD_ROUNDS) {
    const roundPlans = plans.filter((plan) => plan.round === round);
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
    const roundId = database.transaction((tx) => {
      const row = createRound(tx, { code: round.code, title: round.title, description: `${round.title}: generated for load.`, mode: round.mode, opensAt: at(round.opens), closesAt: round.closes === null ? null : at(round.closes) });
      applyRound(tx, row.id, { type: "OPEN" }, at(round.opens));
      return row.id;
    });
    const settings = database.transaction((tx) => roundSettings(tx.select({ code: rounds.code, settings: rounds.settings }).from(rounds).where(eq(rounds.id, roundId)).get()!));
    const calendar = roundCalendar(round, now);
    // While the round is open: drafts written, partners invited, proposals submitted.
    for (let i = 0; i < roundPlans.length; i += BATCH) {
      database.transaction((tx) => {
        for (const plan of roundPlans.slice(i, i + BATCH)) draftAndSubmit(tx, { plan, roundId, directory, calendar, random });
        markHistoricalMailSent(tx);
      });
    }
    // A closed round closes (as the scheduler would at its stored time); then the rest of each road.
    if (round.closes !== null && round.closes > 0) database.transaction((tx) => applyRound(tx, roundId, { type: "CLOSE" }, at(round.closes!)));
    for (let i = 0; i < roundPlans.length; i += BATCH) {
      database.transaction((tx) => {
        for (const plan of roundPlans.slice(i, i + BATCH)) {
          continueRoad(tx, { plan, directory, calendar, reviewDays: settings.reviewDays, now });
          const reached = statePathOf(plan.ending.reaches);
          byState[reached] = (byState[reached] ?? 0) + 1;
        }
        markHistoricalMailSent(tx);
      });
      written += Math.min(BATCH, roundPlans.length - i);
      options.progress?.(written);
    }
  }
  return {
    institutions: directory.institutions.length,
    people: directory.people,
    rounds: LOAD_ROUNDS.length,
    proposals: plans.length,
    byState,
    accounts: directory.accounts,
    milliseconds: performance.now() - started,
  };
}

/**
 * Settings for writing a whole database at once, undone at the end. Durability is not needed:
 * a load that stops halfway is thrown away, never resumed. The journal stays (in memory) because
 * the server functions roll back savepoints. (Each statement is compiled once by the connection
 * itself, db/client.ts, for the load as for requests.)
 */
function startBulkLoad(sqlite: Db["$client"]) {
  const before = { journal_mode: sqlite.pragma("journal_mode", { simple: true }), synchronous: sqlite.pragma("synchronous", { simple: true }), cache_size: sqlite.pragma("cache_size", { simple: true }) };
  sqlite.pragma("journal_mode = MEMORY");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -65536");
  return () => {
    for (const [name, value] of Object.entries(before)) sqlite.pragma(`${name} = ${String(value)}`);
  };
}

// ---------------------------------------------------------------------------------------------
// The directory: institutions over the six countries and the people of the programme.

type LoadInstitution = { id: number; name: string; countryCode: CountryCode; applicants: number[] };
type Directory = {
  institutions: LoadInstitution[];
  byCountry: Map<CountryCode, LoadInstitution[]>;
  administrators: number[];
  reviewers: number[];
  people: number;
  accounts: LoadSummary["accounts"];
};

function insertDirectory(tx: Tx, { passwordHash, now, institutionCount, peopleCount, random }: { passwordHash: string; now: Date; institutionCount: number; peopleCount: number; random: Random }): Directory {
  const createdAt = new Date(now.getTime() - 1100 * DAY);
  const list: LoadInstitution[] = [];
  for (let i = 0; i < institutionCount; i++) {
    const countryCode = COUNTRIES[i % COUNTRIES.length]!;
    const [type, words, chapter23, chapter24] = TYPES[Math.floor(i / COUNTRIES.length) % TYPES.length]!;
    // The country is shown beside every institution's name, so the name does not repeat it.
    const name = `${words} ${CITIES[countryCode][Math.floor(i / (COUNTRIES.length * TYPES.length)) % 3]} ${Math.floor(i / (COUNTRIES.length * TYPES.length * 3)) + 1}`;
    const row = tx.insert(institutions).values({ name, countryCode, type, chapter23, chapter24, createdAt }).returning({ id: institutions.id }).get();
    list.push({ id: row.id, name, countryCode, applicants: [] });
  }
  const byCountry = new Map(COUNTRIES.map((code) => [code, list.filter((institution) => institution.countryCode === code)]));
  const accounts: LoadSummary["accounts"] = { administrators: [], reviewers: [], advisors: [], applicants: [] };
  const administrators: number[] = [];
  const reviewers: number[] = [];
  // 10 administrators, 100 reviewers, 2 country advisors per country; everyone else an applicant.
  const roles: Role[] = Array.from({ length: peopleCount }, (_, i) => (i < 10 ? "administrator" : i < 110 ? "reviewer" : i < 122 ? "countryAdvisor" : "applicant"));
  roles.forEach((role, i) => {
    const number = String(i + 1).padStart(4, "0");
    const email = `${role === "countryAdvisor" ? "advisor" : role}.${number}@load.example`;
    const user = tx.insert(users).values({ email, name: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(random() * LAST_NAMES.length)]}`, jobTitle: JOB_TITLES[role], passwordHash, createdAt }).returning({ id: users.id }).get();
    const institution = role === "applicant" ? list[(i - 122) % list.length]! : null;
    const countryCode = role === "countryAdvisor" ? COUNTRIES[(i - 110) % COUNTRIES.length]! : null;
    tx.insert(memberships)
      .values({ userId: user.id, role, institutionId: institution?.id ?? null, countryCode, affiliation: role === "reviewer" ? (i % 2 ? "Project expert" : "EU Delegation") : null, createdAt })
      .run();
    if (role === "administrator") administrators.push(user.id);
    if (role === "reviewer") reviewers.push(user.id);
    institution?.applicants.push(user.id);
    ({ administrator: accounts.administrators, reviewer: accounts.reviewers, countryAdvisor: accounts.advisors, applicant: accounts.applicants })[role].push(email);
  });
  return { institutions: list, byCountry, administrators, reviewers, people: peopleCount, accounts };
}

const FIRST_NAMES = ["Arben", "Erion", "Marija", "Milan", "Amra", "Nikola", "Elena", "Besa", "Dragan", "Jelena", "Edin", "Vesna", "Luan", "Ana", "Goran", "Mirela"];
const LAST_NAMES = ["Krasniqi", "Hoxha", "Petrovska", "Jovanović", "Hadžić", "Vuković", "Stojanovska", "Berisha", "Popović", "Kovačević", "Delić", "Marković", "Gashi", "Nikolić"];
const JOB_TITLES: Record<Role, string> = {
  administrator: "TAF coordinator",
  reviewer: "Programme manager",
  countryAdvisor: "Legal advisor",
  applicant: "Head of unit, international cooperation",
};

// ---------------------------------------------------------------------------------------------
// Each proposal's plan: its round, its ending, its lead and partners.

type Plan = {
  index: number;
  round: LoadRound;
  name: EndingName;
  ending: Ending;
  leadCountry: CountryCode;
  partnerCountries: CountryCode[];
  /** Set when the draft is written, so the rest of the road does not read back what it wrote. */
  drafted?: { proposalId: number; lead: LoadInstitution; partners: LoadInstitution[]; applicant: number };
};

function planProposals(count: number, random: Random): Plan[] {
  const plans: Plan[] = [];
  // The first proposals take every ending of every round once, so even a small load has each
  // stage; the rest are drawn in the rounds' proportions.
  const everyEnding = LOAD_ROUNDS.flatMap((round) => Object.keys(round.endings).map((name) => ({ round, name: name as EndingName })));
  for (let index = 0; index < count; index++) {
    const round = everyEnding[index]?.round ?? pickWeighted(random, LOAD_ROUNDS.map((r) => [r, r.share] as const));
    const name = everyEnding[index]?.name ?? pickWeighted(random, Object.entries(round.endings).map(([ending, weight]) => [ending as EndingName, weight] as const));
    const leadCountry = COUNTRIES[Math.floor(random() * COUNTRIES.length)]!;
    const others = COUNTRIES.filter((code) => code !== leadCountry);
    const partnerCount = 1 + Math.floor(random() * 3);
    const partnerCountries = shuffled(others, random).slice(0, partnerCount);
    plans.push({ index, round, name, ending: ENDINGS[name], leadCountry, partnerCountries });
  }
  return plans;
}

type RoundCalendar = { draftingFrom: Date; draftingUntil: Date; roadFrom: Date; now: Date };

/** When a round's drafts are written and submitted, and from when the rest of the roads run. */
function roundCalendar(round: LoadRound, now: Date): RoundCalendar {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  const closed = round.closes !== null && round.closes > 0;
  const draftingUntil = closed ? at(round.closes! + 1) : at(round.mode === "rolling" ? 90 : 8);
  return { draftingFrom: at(round.opens - 1), draftingUntil, roadFrom: closed ? at(round.closes! - 1) : at(round.mode === "rolling" ? 85 : 7), now };
}

type Context = { plan: Plan; directory: Directory; calendar: RoundCalendar; random: Random; roundId: number };

function draftAndSubmit(tx: Tx, { plan, roundId, directory, calendar, random }: Context) {
  const lead = pickInstitution(directory, plan.leadCountry, plan.index);
  const partners = plan.partnerCountries.map((country, k) => pickInstitution(directory, country, plan.index * 7 + k));
  const created = between(calendar.draftingFrom, calendar.draftingUntil, random);
  const applicant = lead.applicants[plan.index % lead.applicants.length]!;
  const proposal = createProposal(tx, {
    roundId,
    leadInstitutionId: lead.id,
    createdBy: leadActor({ id: applicant }, { leadInstitutionId: lead.id }),
    title: `${TOPICS[plan.index % TOPICS.length]!.title} (${lead.name} with ${partners.length} partner${partners.length > 1 ? "s" : ""}, no. ${plan.index + 1})`,
    content: proposalContent(plan, lead, partners, created),
    now: created,
  });
  tx.update(proposals).set({ createdAt: created }).where(eq(proposals.id, proposal.id)).run();
  plan.drafted = { proposalId: proposal.id, lead, partners, applicant };
  // Partners have no statechart event: their rows are written as the partner pages would.
  partners.forEach((partner, k) => {
    const invitedAt = new Date(created.getTime() + (k + 1) * HOUR);
    const confirm = plan.ending.road.length > 0 || random() < 0.6;
    tx.insert(proposalPartners)
      .values({
        proposalId: proposal.id,
        institutionId: partner.id,
        status: confirm ? "confirmed" : "invited",
        invitedAt,
        ...(confirm ? { statement: `${partner.name} takes part with its own officers and shares its cases.`, respondedAt: new Date(invitedAt.getTime() + 6 * HOUR), respondedByUserId: partner.applicants[0] ?? null } : {}),
      })
      .run();
  });
  if (plan.ending.road[0] !== "submit") return;
  const submitted = new Date(created.getTime() + 12 * HOUR);
  apply(tx, plan, leadActor({ id: applicant }, { leadInstitutionId: lead.id }), { type: "SUBMIT" }, submitted);
}

function continueRoad(tx: Tx, { plan, directory, calendar, reviewDays, now }: Omit<Context, "random" | "roundId"> & { reviewDays: number; now: Date }) {
  const road = plan.ending.road.slice(1);
  const { proposalId, lead: leadInstitution, partners, applicant } = plan.drafted!;
  // Days between steps: the last step of a proposal that waits for someone falls in the last days.
  const span = Math.max(1, road.length);
  const last = plan.ending.waiting ? new Date(now.getTime() - (1 + (plan.index % 3)) * DAY) : new Date(Math.min(now.getTime() - DAY, calendar.roadFrom.getTime() + span * 9 * DAY + (plan.index % 40) * DAY));
  const first = plan.ending.waiting ? new Date(last.getTime() - span * 6 * HOUR) : new Date(calendar.roadFrom.getTime() + (plan.index % 20) * HOUR);
  const stepAt = (k: number) => new Date(first.getTime() + ((last.getTime() - first.getTime()) * (k + 1)) / (span + 1));
  const admin = administratorActor({ id: directory.administrators[plan.index % directory.administrators.length]! });
  const lead = leadActor({ id: applicant }, { leadInstitutionId: leadInstitution.id });
  const reviewersOf = [0, 1].map((k) => directory.reviewers[(plan.index * 2 + k) % directory.reviewers.length]!);
  const actors = { leadApplicant: lead, administrator: admin, system: SYSTEM_ACTOR };
  const command = (at: Date, c: ProposalCommand) => apply(tx, plan, actors[PROPOSAL_EVENTS[c.type].by], c, at);

  road.forEach((step, k) => {
    const at = stepAt(k);
    switch (step) {
      case "submit":
        return command(at, { type: "SUBMIT" });
      case "confirmEligible":
        return command(at, { type: "CONFIRM_ELIGIBLE", reason: "The automatic check passed every criterion; confirmed." });
      case "declareIneligible":
        return command(at, { type: "DECLARE_INELIGIBLE", reason: "The activities are general awareness-raising, outside the facility's operational purpose." });
      case "requestClarification":
        return command(at, { type: "REQUEST_CLARIFICATION", question: "Please say which unit of each partner takes part, and who leads the joint work.", dueAt: new Date(now.getTime() + 14 * DAY) });
      case "withdraw":
        return command(at, { type: "WITHDRAW", reason: "A partner's management changed and could not confirm its part in time." });
      case "assignReviewers": {
        const dueAt = new Date(Math.max(at.getTime(), now.getTime()) + reviewDays * DAY);
        for (const reviewerUserId of reviewersOf) {
          const assigned = assignReviewer(tx, { proposalId, reviewerUserId, dueAt, assignedBy: { id: admin.userId, name: "" }, now: at });
          if (!assigned.ok) throw new Error(`Load data: could not assign reviewer ${reviewerUserId} to proposal ${proposalId}: ${assigned.message}`);
        }
        return;
      }
      case "startReview":
        return command(at, { type: "START_REVIEW" });
      case "firstReview":
      case "secondReview":
        return giveReview(tx, { proposalId, reviewerUserId: reviewersOf[step === "firstReview" ? 0 : 1]!, at, score: plan.name === "notSelected" ? 2 : 4 });
      case "closeReview":
        return command(at, { type: "CLOSE_REVIEW" });
      case "promising":
        return command(at, { type: "DECIDE", outcome: "promising", reason: "Both reviewers recommend it for its operational focus.", sharedFeedback: "Promising. In the concept, please name who leads each activity." });
      case "notSelected":
        return command(at, { type: "DECIDE", outcome: "notSelected", reason: "General rather than operational.", sharedFeedback: "The facility supports operational cooperation on concrete cases; a narrower proposal would fit a later round." });
      case "submitConcept":
        writeContent(tx, proposalId, { conceptNote: conceptNote(plan, [leadInstitution, ...partners], at) }, at);
        return command(at, { type: "SUBMIT_CONCEPT" });
      case "approveConcept":
        return command(at, { type: "APPROVE_CONCEPT" });
      case "start":
        return command(at, { type: "START" });
      case "reportActivity": {
        const heldOn = isoDay(new Date(at.getTime() - DAY));
        const outcome = recordActivityReport(tx, {
          userId: lead.userId,
          proposalId,
          now: at,
          form: { intent: "reportActivity", activityKey: "activity-1", heldOn, participants: 12, byCountry: { [plan.leadCountry]: 8, [plan.partnerCountries[0]!]: 4 }, outcome: "The teams compared their open cases and agreed on a channel for requests." },
        });
        if (!outcome.ok) throw new Error(`Load data: the activity report of proposal ${proposalId} was refused: ${outcome.message}`);
        return;
      }
      case "hold":
        return command(at, { type: "HOLD", reason: "The joint exercise waits for a partner's new legal framework." });
      case "submitReport":
        writeContent(tx, proposalId, { completionReport: { outcome: "The partners now exchange case information directly; two joint cases were opened.", lessonsLearnt: "Operational meetings worked best with a draft agreement on the table beforehand." } }, at);
        return command(at, { type: "SUBMIT_REPORT" });
      case "complete":
        return command(at, { type: "COMPLETE" });
    }
  });
  const state = tx.select({ state: proposals.state }).from(proposals).where(eq(proposals.id, proposalId)).get()?.state;
  const expected = statePathOf(plan.ending.reaches);
  if (state !== expected) throw new Error(`Load data: proposal ${proposalId} ended at "${state}" instead of "${expected}".`);
}

function apply(tx: Tx, plan: Plan, actor: Actor, command: ProposalCommand, now: Date) {
  const proposalId = plan.drafted!.proposalId;
  const outcome = applyProposalCommand({ proposalId, actor, command, now }, tx);
  if (!outcome.ok) throw new Error(`Load data: ${command.type} on proposal ${proposalId} (on its way to ${statePathOf(plan.ending.reaches)}) was refused: ${outcome.message}`);
}

function writeContent(tx: Tx, proposalId: number, part: ProposalContent, at: Date) {
  const row = tx.select({ content: proposals.content }).from(proposals).where(eq(proposals.id, proposalId)).get();
  tx.update(proposals).set({ content: { ...row?.content, ...part }, updatedAt: at }).where(eq(proposals.id, proposalId)).run();
}

/** As a reviewer gives a review on the review page: no conflict declared, the form saved, submitted. */
function giveReview(tx: Tx, { proposalId, reviewerUserId, at, score }: { proposalId: number; reviewerUserId: number; at: Date; score: 2 | 4 }) {
  const actor: Actor = { userId: reviewerUserId, role: "reviewer", institutionId: null };
  const assignment = tx.select({ id: reviewAssignments.id }).from(reviewAssignments).where(and(eq(reviewAssignments.proposalId, proposalId), eq(reviewAssignments.reviewerUserId, reviewerUserId))).get();
  if (!assignment) throw new Error(`Load data: reviewer ${reviewerUserId} is not assigned proposal ${proposalId}.`);
  const move = (command: AssignmentCommand) => {
    const outcome = applyAssignmentCommand({ assignmentId: assignment.id, actor, command, now: at }, tx);
    if (!outcome.ok) throw new Error(`Load data: reviewer ${reviewerUserId} could not ${command.type} on proposal ${proposalId}: ${outcome.message}`);
  };
  move({ type: "DECLARE_NO_CONFLICT" });
  const scores = Object.fromEntries(criteriaOfProposal(tx, proposalId).map((criterion) => [criterion.id, score]));
  tx.insert(reviews)
    .values({
      assignmentId: assignment.id,
      scores,
      recommendation: score >= 4 ? "promising" : "notPromising",
      confidence: "high",
      commentForApplicants: score >= 4 ? "A clear operational need shared across the border." : "General rather than operational.",
      internalComment: "",
      updatedAt: at,
    })
    .run();
  move({ type: "SUBMIT_REVIEW" });
}

function applyRound(tx: Tx, roundId: number, command: RoundCommand, at: Date) {
  const outcome = applyRoundCommand({ roundId, actor: SYSTEM_ACTOR, command, now: at }, tx);
  if (!outcome.ok) throw new Error(`Load data: ${command.type} on round ${roundId} was refused: ${outcome.message}`);
}

/**
 * The notices the replayed history queued belong to the past: marked delivered (the database is
 * fresh and generated, so every message in it is one of them). Mail from what people do after
 * is queued and sent as usual.
 */
function markHistoricalMailSent(tx: Tx) {
  tx.update(outbox).set({ status: "sent", sentAt: sql`${outbox.createdAt}` }).where(eq(outbox.status, "pending")).run();
}

// ---------------------------------------------------------------------------------------------
// Content: a handful of topics, filled in as the Guide to applicants asks.

const TOPICS: { title: string; themes: ThemeId[]; supportKinds: SupportKind[] }[] = [
  { title: "Joint investigations of drug-trafficking networks", themes: ["drugTrafficking", "jointInvestigationTeams"], supportKinds: ["networkingMeeting", "expertAdvice"] },
  { title: "Tracing seized firearms across borders", themes: ["firearmsTrafficking", "informationExchange"], supportKinds: ["networkingMeeting", "practiceExchange"] },
  { title: "Financial investigations of migrant-smuggling groups", themes: ["migrantSmuggling", "economicFinancialCrime"], supportKinds: ["capacityBuilding", "networkingMeeting"] },
  { title: "Prosecuting returning foreign terrorist fighters", themes: ["counterTerrorism", "ftfRehabilitation"], supportKinds: ["practiceExchange", "capacityBuilding"] },
  { title: "Faster mutual legal assistance in organised crime cases", themes: ["economicFinancialCrime", "informationExchange"], supportKinds: ["practiceExchange", "expertAdvice"] },
  { title: "Preventing radicalisation in prisons", themes: ["violentExtremism", "informationExchange"], supportKinds: ["practiceExchange", "jointExercise"] },
];

function proposalContent(plan: Plan, lead: LoadInstitution, partners: LoadInstitution[], created: Date): ProposalContent {
  const topic = TOPICS[plan.index % TOPICS.length]!;
  const together = [lead, ...partners].map((institution) => institution.name).join(", ");
  return {
    summary: `${together} work together on ${topic.title.toLowerCase()}: the same networks operate in all their countries, and each sees only its part.`,
    problem: "The networks move across the borders while each country investigates its own part; evidence gathered in one country is often unusable in another.",
    objectives: "Build a shared picture of the networks, agree how evidence is gathered so that it stands in court in each country, and open joint cases.",
    activities: "An operational meeting to compare the investigations, expert advice from a European agency, and a joint exercise.",
    expectedResults: "A shared analysis, a common plan for gathering evidence, and direct contacts between the investigators and prosecutors.",
    themes: topic.themes,
    supportKinds: topic.supportKinds,
    intendedStart: isoDay(new Date(created.getTime() + 150 * DAY)),
    durationMonths: 6 + (plan.index % 12),
    budgetEur: 15000 + (plan.index % 60) * 1000,
    contactPerson: `The head of international cooperation, ${lead.name}`,
  };
}

/** Every institution taking part runs its share of the activities: the lead and its partners. */
function conceptNote(plan: Plan, takingPart: LoadInstitution[], at: Date) {
  const taking = Object.fromEntries(takingPart.map((institution) => [institution.countryCode, institution.name]));
  const topic = TOPICS[plan.index % TOPICS.length]!;
  return {
    activities: [
      { kind: topic.supportKinds[0], title: "Operational meeting to compare the investigations", date: isoDay(new Date(at.getTime() + 20 * DAY)), place: "Skopje", participants: 16, institutions: taking },
      { kind: topic.supportKinds[1], title: "Expert advice on a joint investigation team", date: isoDay(new Date(at.getTime() + 60 * DAY)), place: "The Hague", participants: 8, institutions: taking },
    ],
    budgetLines: [
      { item: "Travel and accommodation", amountEur: 12000 },
      { item: "Interpretation", amountEur: 3000 },
    ],
    risks: "Operational details can be shared in mixed meetings only once a legal basis is in place; each institution names a deputy.",
  };
}

function pickInstitution(directory: Directory, country: CountryCode, n: number) {
  const inCountry = directory.byCountry.get(country)!;
  return inCountry[n % inCountry.length]!;
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness (mulberry32): the same seed gives the same programme.

type Random = () => number;

function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickWeighted<T>(random: Random, options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((sum, [, weight]) => sum + weight, 0);
  let r = random() * total;
  for (const [value, weight] of options) {
    r -= weight;
    if (r < 0) return value;
  }
  return options[options.length - 1]![0];
}

function shuffled<T>(items: T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function between(from: Date, until: Date, random: Random) {
  return new Date(from.getTime() + Math.floor(random() * (until.getTime() - from.getTime())));
}

function isoDay(at: Date) {
  return at.toISOString().slice(0, 10);
}
