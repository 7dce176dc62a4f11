import { inEnglish } from "../../workflows/in-english";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { activities, advisorShares, institutions, mailbox, memberships, outbox, proposalEvents, proposals, reviewAssignments, rounds, users } from "../../db/schema";
import { applyAssignmentCommand, proposalStatesTakingReviews } from "../../app/reviews/assignments.server";
import { db } from "../../app/db.server";
import type { ProposalEventType, ProposalSender } from "../../workflows/proposal-events";
import { PROPOSAL_EVENTS, SENDER_WORDS } from "../../workflows/proposal-events";
import { allowedEvents, restoreProposal, stateLabelOf } from "../../workflows/proposal.machine";
import { isFinal, stageLabelFor } from "../../workflows/proposal-stages";
import type { Route } from "../support/http";
import { call2030, customs, roundEditForm } from "../support/forms";
import { roundSettings } from "../../app/rounds/workflow.server";
import { load, signInAs, statusOf, submit } from "../support/http";
import { changedTables, demoPortal, proposalIdByTitle, roundIdByCode, tableChecksums } from "../support/tables";
import { eligibilitySettingsPage } from "../../app/rounds/eligibility.server";
import { createTranslator } from "../../workflows/messages";
import { eligibilityForm } from "../support/eligibility-form";
import { actorFor, addPerson, ALBANIAN_POLICE, driveTo, institutionId, KOSOVO_POLICE, makeProposal, MK_PROSECUTION, userId } from "../workflow-server/builders";

// The authorization matrix: every route, for every kind of visitor, answers as this table says.
// A new route without a row here fails the test, so no page is added without deciding who sees it.

const routes = import.meta.glob<Route>("../../app/routes/*.tsx", { eager: true });

const visitors = ["signedOut", "applicant", "reviewer", "countryAdvisor", "administrator"] as const;
type Visitor = (typeof visitors)[number];
const emails: Record<Exclude<Visitor, "signedOut">, string> = {
  applicant: "applicant.xk@taf.example",
  reviewer: "reviewer.eu@taf.example",
  countryAdvisor: "advisor.mk@taf.example",
  administrator: "admin@taf.example",
};

// The demo proposals the matrix visits, by title, named for where they are.
const PROPOSALS = {
  implementation: "Joint investigations of complex drug-trafficking networks",
  onHold: "Prosecuting returning foreign terrorist fighters: a regional practice exchange",
  conceptualWork: "Following the money: financial investigations of migrant-smuggling networks",
  completed: "Faster mutual legal assistance in organised crime and asset recovery cases",
  awaitingDecision: "Joint operational analysis of cocaine routes through the port of Durrës",
  clarification: "Early identification of victims of trafficking in human beings in cross-border cases",
  draft: "Cybercrime: cross-border electronic evidence",
  partnersDraft: "A shared alert channel for stolen vehicles",
  // Not in the demo: built beside it (below), since no demo proposal waits in the EU review.
  euReview: "Matrix: a proposal under EU review",
  // Built beside the demo: Kosovo* Police's draft with North Macedonia's prosecution invited,
  // shared with the country advisors.
  sharedDraft: "Matrix: a draft shared with the country advisors",
} as const;
type ProposalName = keyof typeof PROPOSALS;

const MESSAGE_SUBJECT = "A message";
const DUPLICATE_INSTITUTION = "Kosovo Police (entered twice)";
const FAILED_SUBJECT = "A message the mail server refused";

// Sessions are started in the base, so that a request that writes nothing leaves the copy as it was.
const cookies = new Map<string, string>();

/** People the demo lacks, so that every role exists for every proposal visited, and a failed mail. */
async function beside() {
  addPerson({ email: "reviewer.unassigned@matrix.example", name: "Ulla Unassigned", role: "reviewer" });
  addPerson({ email: "applicant.xk-prosecution@matrix.example", name: "Drita Berisha", role: "applicant", institution: "Office of the Chief State Prosecutor" });
  addPerson({ email: "applicant.rs-justice@matrix.example", name: "Jelena Marković", role: "applicant", institution: "Ministry of Justice of Serbia" });
  for (const country of ["AL", "RS", "XK"]) {
    const user = db().insert(users).values({ email: `advisor.${country.toLowerCase()}@matrix.example`, name: `Advisor ${country}` }).returning().get();
    db().insert(memberships).values({ userId: user.id, role: "countryAdvisor", countryCode: country }).run();
  }
  const shared = makeProposal({ title: PROPOSALS.sharedDraft, lead: KOSOVO_POLICE, partners: [{ institution: MK_PROSECUTION, status: "invited" }] });
  db().insert(advisorShares).values({ proposalId: shared.id, sharedByUserId: userId("applicant.xk@taf.example"), sharedAt: new Date() }).run();
  db().insert(institutions).values({ name: DUPLICATE_INSTITUTION, countryCode: "XK", type: "police" }).run();
  driveTo("reviewing", { title: PROPOSALS.euReview, lead: KOSOVO_POLICE, partners: [{ institution: ALBANIAN_POLICE, status: "confirmed" }] });
  // Its first reviewer declared no conflict, so the proposal is open to them.
  const declared = applyAssignmentCommand({ assignmentId: euReviewAssignment(), actor: actorFor("reviewer.eu@taf.example"), command: { type: "DECLARE_NO_CONFLICT" } });
  if (!declared.ok) throw new Error(declared.message);
  db().insert(mailbox).values({ receivedAt: new Date(), envelopeFrom: "no-reply@taf.example", envelopeTo: "applicant.xk@taf.example", subject: MESSAGE_SUBJECT, text: "Hello." }).run();
  db()
    .insert(outbox)
    .values({ idempotencyKey: "matrix:failed", template: "password-changed", recipient: "applicant.xk@taf.example", subject: FAILED_SUBJECT, html: "<p>x</p>", text: "x", status: "failed", attempts: 8, nextAttemptAt: new Date(), lastError: "550 refused" })
    .run();
  for (const { email } of db().select({ email: users.email }).from(users).all()) cookies.set(email, await signInAs(email));
}
const freshPortal = demoPortal(beside);

// "ok": the action is served and, with the form below, changes what it should; "form": the
// form comes back with its problem and nothing changes; "login": sent to sign in; "home": sent
// home; a number: that status.
type Answer = "ok" | "form" | "login" | "home" | 400 | 403 | 404;
const everyone = (answer: Answer) => Object.fromEntries(visitors.map((v) => [v, answer])) as Record<Visitor, Answer>;
const signedInOnly: Record<Visitor, Answer> = { ...everyone("ok"), signedOut: "login" };
const administratorsOnly: Record<Visitor, Answer> = { ...everyone(403), signedOut: "login", administrator: "ok" };
// A draft is seen by its lead's and partners' applicants and the TAF team only.
const draftVisibility: Record<Visitor, Answer> = { signedOut: "login", applicant: "ok", reviewer: 404, countryAdvisor: 404, administrator: 403 };
const leadOnDraft: Record<Visitor, Answer> = draftVisibility;
const notNowForAnyone: Record<Visitor, Answer> = { ...everyone(403), signedOut: "login" };
const advisorsToo: Record<Visitor, Answer> = { signedOut: "login", applicant: "ok", reviewer: 403, countryAdvisor: "ok", administrator: "ok" };
// A draft its lead shared is seen by the advisors of the countries taking part as well.
const sharedDraftVisibility: Record<Visitor, Answer> = { ...draftVisibility, countryAdvisor: "ok", administrator: "ok" };
// A reviewer sees a proposal only while it takes reviews: past the review, as anyone who may not see it.
const pastReview = (answers: Record<Visitor, Answer>): Record<Visitor, Answer> => ({ ...answers, reviewer: 404 });

/** Where a request goes: resolved in the test's own database, since ids are the database's. */
type Place = { label: string; resolve: () => { path: string; params: Record<string, string> } };
const fixed = (path: string, params: Record<string, string> = {}): Place => ({ label: path, resolve: () => ({ path, params }) });
function proposalAt(name: ProposalName, page = ""): Place {
  return {
    label: `/proposals/‹${name}›${page}`,
    resolve: () => {
      const id = String(proposalIdByTitle(PROPOSALS[name]));
      return { path: `/proposals/${id}${page}`, params: { proposalId: id } };
    },
  };
}
/** A document's attachments page: "concept", "completion-report", or an activity of the proposal by its key (its id is the database's). */
function documentAt(name: ProposalName, document: string): Place {
  return {
    label: `/proposals/‹${name}›/${document}/attachments`,
    resolve: () => {
      const id = proposalIdByTitle(PROPOSALS[name]);
      const activity = document.startsWith("activity-")
        ? db().select({ id: activities.id }).from(activities).where(and(eq(activities.proposalId, id), eq(activities.key, document))).get()
        : undefined;
      const segment = document.startsWith("activity-") ? `activity-${activity?.id ?? 999999}` : document;
      return { path: `/proposals/${id}/${segment}/attachments`, params: { proposalId: String(id), document: segment } };
    },
  };
}
function byName(prefix: string, param: string, name: string, id: () => number): Place {
  return {
    label: `${prefix}/‹${name}›`,
    resolve: () => {
      const value = String(id());
      return { path: `${prefix}/${value}`, params: { [param]: value } };
    },
  };
}
const mailboxMessage = () => db().select({ id: mailbox.id }).from(mailbox).where(eq(mailbox.subject, MESSAGE_SUBJECT)).get()!.id;
const failedMail = () => db().select({ id: outbox.id }).from(outbox).where(eq(outbox.subject, FAILED_SUBJECT)).get()!.id;
const euReviewAssignment = () =>
  db()
    .select({ id: reviewAssignments.id })
    .from(reviewAssignments)
    .where(and(eq(reviewAssignments.proposalId, proposalIdByTitle(PROPOSALS.euReview)), eq(reviewAssignments.reviewerUserId, userId("reviewer.eu@taf.example"))))
    .get()!.id;
const assignmentVersion = (id: number) => db().select({ version: reviewAssignments.version }).from(reviewAssignments).where(eq(reviewAssignments.id, id)).get()!.version;
const versionOf = (name: ProposalName) => String(db().select({ version: proposals.version }).from(proposals).where(eq(proposals.id, proposalIdByTitle(PROPOSALS[name]))).get()!.version);

/** The form that exercises an action marked "ok", and the tables it must change (and no other). */
type Allowed = { form: () => Record<string, string | string[]>; changes: string[] };
type Entry = { at: Place; loader?: Record<Visitor, Answer>; action?: Record<Visitor, Answer>; allowed?: Allowed };

const matrix: Record<string, Entry | Entry[]> = {
  "_index": { at: fixed("/"), loader: signedInOnly },
  "$": { at: fixed("/no-such-page"), loader: everyone(404) },
  login: { at: fixed("/login"), loader: { ...everyone("home"), signedOut: "ok" } },
  logout: { at: fixed("/logout"), loader: everyone("home") },
  "forgot-password": { at: fixed("/forgot-password") },
  "set-password.$token": { at: fixed("/set-password/x", { token: "x" }), loader: everyone("ok") },
  account: { at: fixed("/account"), loader: signedInOnly },
  // Without a half-way sign-in in this browser, the code step sends the visitor to the password.
  "login_.second-factor": { at: fixed("/login/second-factor"), loader: { ...everyone("home"), signedOut: "login" }, action: everyone("form") },
  "account_.two-factor": {
    at: fixed("/account/two-factor"),
    loader: signedInOnly,
    action: { ...everyone("ok"), signedOut: "login" },
    allowed: { form: () => ({ intent: "start" }), changes: ["totp_factors"] },
  },
  "admin.two-factor": {
    at: fixed("/admin/two-factor"),
    loader: administratorsOnly,
    action: administratorsOnly,
    allowed: { form: () => ({ reviewer: "on" }), changes: ["audit_log", "two_factor_requirements"] },
  },
  privacy: { at: fixed("/privacy"), loader: everyone("ok") },
  // The words every page needs before it can be used, the sign-in page's included: public.
  "catalogues.$language": [
    { at: fixed("/catalogues/sq", { language: "sq" }), loader: everyone("ok") },
    { at: fixed("/catalogues/xx", { language: "xx" }), loader: everyone(404) },
  ],
  "admin.mailbox._index": {
    at: fixed("/admin/mailbox"),
    loader: administratorsOnly,
    action: administratorsOnly,
    allowed: { form: () => ({ outboxId: String(failedMail()) }), changes: ["audit_log", "outbox"] },
  },
  "admin.mailbox.$messageId": [
    { at: byName("/admin/mailbox", "messageId", "a message received", mailboxMessage), loader: administratorsOnly },
    { at: byName("/admin/mailbox", "messageId", "no such message", () => mailboxMessage() + 1), loader: { ...administratorsOnly, administrator: 404 } },
  ],
  "admin.people._index": { at: fixed("/admin/people"), loader: administratorsOnly },
  "admin.activities": { at: fixed("/admin/activities"), loader: administratorsOnly },
  // The TAF team sees the whole programme's figures, a country advisor their country's part.
  "admin.dashboard": [
    { at: fixed("/admin/dashboard"), loader: { ...administratorsOnly, countryAdvisor: "ok" } },
    { at: fixed("/admin/dashboard?round=x&from=2026-02-30"), loader: { ...administratorsOnly, countryAdvisor: "ok" } },
  ],
  "admin.people.invite": {
    at: fixed("/admin/people/invite"),
    loader: administratorsOnly,
    action: administratorsOnly,
    allowed: {
      form: () => ({ name: "Besnik Gashi", email: "besnik.gashi@matrix.example", jobTitle: "Inspector", role: "applicant", institutionId: String(institutionId(KOSOVO_POLICE)), countryCode: "", affiliation: "" }),
      changes: ["audit_log", "memberships", "outbox", "tokens", "users"],
    },
  },
  "admin.people.$userId": {
    at: byName("/admin/people", "userId", "applicant.rs", () => userId("applicant.rs@taf.example")),
    loader: administratorsOnly,
    action: administratorsOnly,
    allowed: { form: () => ({ intent: "deactivate", confirm: "on" }), changes: ["audit_log", "sessions", "users"] },
  },
  "admin.institutions._index": { at: fixed("/admin/institutions"), loader: administratorsOnly },
  "admin.institutions.new": { at: fixed("/admin/institutions/new"), loader: administratorsOnly, action: administratorsOnly, allowed: { form: () => customs, changes: ["audit_log", "institutions"] } },
  "admin.rounds._index": { at: fixed("/admin/rounds"), loader: administratorsOnly },
  // The statechart's picture is the TAF team's map; an address no machine version has is 404 to them.
  "admin.statecharts.$machine": [
    { at: fixed("/admin/statecharts/proposal?version=1&current=draft&visited=draft", { machine: "proposal" }), loader: administratorsOnly },
    { at: fixed("/admin/statecharts/proposal?version=999&current=draft", { machine: "proposal" }), loader: { ...administratorsOnly, administrator: 404 } },
    { at: fixed("/admin/statecharts/review?version=1", { machine: "review" }), loader: { ...administratorsOnly, administrator: 404 } },
  ],
  // Re-running the check is the desk's form that changes the least: the check and its history.
  "admin.eligibility": [
    {
      at: fixed("/admin/eligibility"),
      loader: administratorsOnly,
      action: administratorsOnly,
      allowed: {
        form: () => ({ intent: "recheck", proposalId: String(proposalIdByTitle(PROPOSALS.awaitingDecision)), version: versionOf("awaitingDecision") }),
        changes: ["eligibility_checks", "proposal_events", "proposals"],
      },
    },
    { at: fixed("/admin/eligibility?page=x"), loader: { ...administratorsOnly, administrator: 400 } },
  ],
  "admin.proposals._index": { at: fixed("/admin/proposals?stage=euReview&q=drug"), loader: administratorsOnly },
  "admin.proposals[.csv]": { at: fixed("/admin/proposals.csv?country=XK"), loader: administratorsOnly },
  "admin.proposals.all": { at: fixed("/admin/proposals/all?country=XK"), loader: administratorsOnly },
  "admin.audit": { at: fixed("/admin/audit?kind=proposal:SUBMIT"), loader: administratorsOnly },
  "admin.rounds.new": { at: fixed("/admin/rounds/new"), loader: administratorsOnly, action: administratorsOnly, allowed: { form: () => call2030, changes: ["audit_log", "rounds"] } },
  // The first call is closed; a round that does not exist is 404 to administrators only.
  "admin.rounds.$roundId": [
    {
      at: byName("/admin/rounds", "roundId", "2026-R1", () => roundIdByCode("2026-R1")),
      loader: administratorsOnly,
      action: administratorsOnly,
      allowed: {
        form: () => ({ event: "ARCHIVE", confirm: "on", version: String(db().select({ version: rounds.version }).from(rounds).where(eq(rounds.code, "2026-R1")).get()!.version) }),
        changes: ["round_events", "rounds"],
      },
    },
    { at: fixed("/admin/rounds/999999", { roundId: "999999" }), loader: { ...administratorsOnly, administrator: 404 }, action: { ...administratorsOnly, administrator: 404 } },
    { at: fixed("/admin/rounds/x", { roundId: "x" }), loader: { ...administratorsOnly, administrator: 404 } },
  ],
  // The rolling intake is open: its code and opening time are fixed, its title may change.
  "admin.rounds.$roundId_.edit": [
    {
      at: { label: "/admin/rounds/‹ROLLING›/edit", resolve: () => ({ path: `/admin/rounds/${roundIdByCode("ROLLING")}/edit`, params: { roundId: String(roundIdByCode("ROLLING")) } }) },
      loader: administratorsOnly,
      action: administratorsOnly,
      allowed: {
        form: () => {
          const round = db().select().from(rounds).where(eq(rounds.code, "ROLLING")).get()!;
          return roundEditForm(round, roundSettings(round));
        },
        changes: ["audit_log", "rounds"],
      },
    },
    { at: fixed("/admin/rounds/999999/edit", { roundId: "999999" }), loader: { ...administratorsOnly, administrator: 404 }, action: { ...administratorsOnly, administrator: 404 } },
  ],
  // The rolling intake has no submitted review yet, so its criteria may still change.
  "admin.rounds.$roundId_.criteria": [
    {
      at: { label: "/admin/rounds/‹ROLLING›/criteria", resolve: () => ({ path: `/admin/rounds/${roundIdByCode("ROLLING")}/criteria`, params: { roundId: String(roundIdByCode("ROLLING")) } }) },
      loader: administratorsOnly,
      action: administratorsOnly,
      allowed: {
        form: () => ({
          intent: "save",
          version: String(db().select({ version: rounds.version }).from(rounds).where(eq(rounds.code, "ROLLING")).get()!.version),
          "criteria[0].id": "",
          "criteria[0].name": "Operational value",
          "criteria[0].guidance": "",
          "criteria[0].weight": "1",
          ...Object.fromEntries([1, 2, 3, 4, 5].map((point) => [`criteria[0].scaleLabels[${point - 1}]`, `Point ${point}`])),
        }),
        changes: ["audit_log", "rounds"],
      },
    },
    { at: fixed("/admin/rounds/999999/criteria", { roundId: "999999" }), loader: { ...administratorsOnly, administrator: 404 } },
  ],
  // The rolling intake's criteria, as stored, with one reworded: a change allowed even after submissions.
  "admin.rounds.$roundId_.eligibility": [
    {
      at: { label: "/admin/rounds/‹ROLLING›/eligibility", resolve: () => ({ path: `/admin/rounds/${roundIdByCode("ROLLING")}/eligibility`, params: { roundId: String(roundIdByCode("ROLLING")) } }) },
      loader: administratorsOnly,
      action: administratorsOnly,
      allowed: { form: () => eligibilityForm(eligibilitySettingsPage(roundIdByCode("ROLLING"), { t: createTranslator("en"), language: "en" })!, { "criteria[2].name": "Operational, and linked to SOC or CT" }), changes: ["audit_log", "rounds"] },
    },
    { at: fixed("/admin/rounds/999999/eligibility", { roundId: "999999" }), loader: { ...administratorsOnly, administrator: 404 }, action: { ...administratorsOnly, administrator: 404 } },
  ],
  // The demo holds one decision in the second call: releasing it decides the proposal, mails its
  // applicants and sets the concept note's due date.
  "admin.rounds.$roundId_.decisions": [
    {
      at: { label: "/admin/rounds/‹2026-R2›/decisions", resolve: () => ({ path: `/admin/rounds/${roundIdByCode("2026-R2")}/decisions`, params: { roundId: String(roundIdByCode("2026-R2")) } }) },
      loader: administratorsOnly,
      action: administratorsOnly,
      // The release also asks the proposal's institutions for the round's feedback (app/lessons).
      allowed: {
        form: () => ({ intent: "release", confirm: "on" }),
        changes: ["audit_log", "feedback_invitations", "feedback_surveys", "outbox", "proposal_deadlines", "proposal_decisions", "proposal_events", "proposals"],
      },
    },
    { at: fixed("/admin/rounds/999999/decisions", { roundId: "999999" }), loader: { ...administratorsOnly, administrator: 404 }, action: { ...administratorsOnly, administrator: 404 } },
  ],
  "admin.rounds.$roundId_.ranking": [
    { at: { label: "/admin/rounds/‹2026-R2›/ranking", resolve: () => ({ path: `/admin/rounds/${roundIdByCode("2026-R2")}/ranking`, params: { roundId: String(roundIdByCode("2026-R2")) } }) }, loader: administratorsOnly },
    { at: fixed("/admin/rounds/999999/ranking", { roundId: "999999" }), loader: { ...administratorsOnly, administrator: 404 } },
  ],
  "admin.rounds.$roundId_.ranking[.csv]": [
    { at: { label: "/admin/rounds/‹2026-R2›/ranking.csv", resolve: () => ({ path: `/admin/rounds/${roundIdByCode("2026-R2")}/ranking.csv`, params: { roundId: String(roundIdByCode("2026-R2")) } }) }, loader: administratorsOnly },
    { at: fixed("/admin/rounds/x/ranking.csv", { roundId: "x" }), loader: { ...administratorsOnly, administrator: 404 } },
  ],
  // The closed demo round's lessons learnt: closing its survey again comes back with the reason.
  "admin.rounds.$roundId_.lessons": [
    {
      at: { label: "/admin/rounds/‹2026-R1›/lessons", resolve: () => ({ path: `/admin/rounds/${roundIdByCode("2026-R1")}/lessons`, params: { roundId: String(roundIdByCode("2026-R1")) } }) },
      loader: administratorsOnly,
      action: { ...administratorsOnly, administrator: "form" },
      allowed: { form: () => ({ intent: "close" }), changes: [] },
    },
    { at: fixed("/admin/rounds/999999/lessons", { roundId: "999999" }), loader: { ...administratorsOnly, administrator: 404 }, action: { ...administratorsOnly, administrator: 404 } },
  ],
  "admin.rounds.$roundId_.lessons[.csv]": [
    { at: { label: "/admin/rounds/‹2026-R1›/lessons.csv", resolve: () => ({ path: `/admin/rounds/${roundIdByCode("2026-R1")}/lessons.csv`, params: { roundId: String(roundIdByCode("2026-R1")) } }) }, loader: administratorsOnly },
    { at: fixed("/admin/rounds/x/lessons.csv", { roundId: "x" }), loader: { ...administratorsOnly, administrator: 404 } },
  ],
  // The closed demo round's survey: Kosovo* Police was asked (it led a proposal), so its applicant
  // reads its answer; saving is refused now that the survey is closed. No one else was asked.
  "rounds.$roundId.feedback": [
    {
      at: { label: "/rounds/‹2026-R1›/feedback", resolve: () => ({ path: `/rounds/${roundIdByCode("2026-R1")}/feedback`, params: { roundId: String(roundIdByCode("2026-R1")) } }) },
      loader: { ...notNowForAnyone, applicant: "ok" },
      action: { ...notNowForAnyone, applicant: "form" },
      allowed: {
        form: () => ({ institutionId: String(institutionId(KOSOVO_POLICE)), "rating.guidance": "4", "rating.form": "4", "rating.timing": "4", "rating.support": "4", comment: "Later." }),
        changes: [],
      },
    },
    // The second call's decisions are not released yet: no one has been asked.
    {
      at: { label: "/rounds/‹2026-R2›/feedback", resolve: () => ({ path: `/rounds/${roundIdByCode("2026-R2")}/feedback`, params: { roundId: String(roundIdByCode("2026-R2")) } }) },
      loader: notNowForAnyone,
      action: notNowForAnyone,
    },
    { at: fixed("/rounds/x/feedback", { roundId: "x" }), loader: everyone(404), action: everyone(404) },
  ],
  // Adding a conflict rule is the desk's form that any round accepts.
  // `$roundId_`: the desk is a page of its own, not drawn inside the round page.
  "admin.rounds.$roundId_.review": [
    {
      at: {
        label: "/admin/rounds/‹2026-R1›/review",
        resolve: () => {
          const id = String(roundIdByCode("2026-R1"));
          return { path: `/admin/rounds/${id}/review`, params: { roundId: id } };
        },
      },
      loader: administratorsOnly,
      action: administratorsOnly,
      allowed: {
        form: () => ({ intent: "addRule", reviewerUserId: String(userId("reviewer.unassigned@matrix.example")), institutionId: String(institutionId(KOSOVO_POLICE)), reason: "Served there until last year." }),
        changes: ["audit_log", "reviewer_conflict_rules"],
      },
    },
    { at: fixed("/admin/rounds/999999/review", { roundId: "999999" }), loader: { ...administratorsOnly, administrator: 404 }, action: { ...administratorsOnly, administrator: 404 } },
  ],
  // The statechart's events on the proposal page have their own matrix below; an unknown form
  // comes back to anyone who sees the proposal, and changes nothing.
  "proposals.$proposalId._index": [
    { at: proposalAt("implementation"), loader: pastReview({ ...everyone("ok"), signedOut: "login" }), action: pastReview({ ...everyone("form"), signedOut: "login" }) },
    {
      at: proposalAt("conceptualWork"),
      loader: { signedOut: "login", applicant: 404, reviewer: 404, countryAdvisor: 404, administrator: "ok" },
      action: { signedOut: "login", applicant: 404, reviewer: 404, countryAdvisor: 404, administrator: "form" },
    },
    // The advisor of North Macedonia, invited as partner, opens the shared draft and sends nothing.
    { at: proposalAt("sharedDraft"), loader: sharedDraftVisibility, action: { ...sharedDraftVisibility, applicant: "form", countryAdvisor: "form", administrator: "form" } },
    // Its reviewer declared no conflict; the other one (not a visitor here) has not yet.
    { at: proposalAt("euReview"), loader: { signedOut: "login", applicant: "ok", reviewer: "ok", countryAdvisor: 404, administrator: "ok" } },
    { at: fixed("/proposals/999999", { proposalId: "999999" }), loader: { ...everyone(404), signedOut: "login" } },
    { at: fixed("/proposals/x", { proposalId: "x" }), loader: { ...everyone(404), signedOut: "login" } },
  ],
  "proposals.new": {
    at: fixed("/proposals/new"),
    loader: { ...everyone(403), signedOut: "login", applicant: "ok" },
    action: { ...everyone(403), signedOut: "login", applicant: "ok" },
    allowed: {
      form: () => ({ roundId: String(roundIdByCode("2026-R2")), institutionId: String(institutionId(KOSOVO_POLICE)), title: "Matrix: a new draft" }),
      changes: ["proposal_events", "proposals"],
    },
  },
  // The draft is Kosovo* Police's with a Serbian partner only invited; the partners' draft is
  // Albanian with Kosovo* Police confirmed as partner.
  "proposals.$proposalId.edit": [
    {
      at: proposalAt("draft", "/edit"),
      loader: leadOnDraft,
      action: leadOnDraft,
      allowed: {
        form: () => ({ intent: "save", revision: String(db().select({ updatedAt: proposals.updatedAt }).from(proposals).where(eq(proposals.title, PROPOSALS.draft)).get()!.updatedAt.getTime()), title: PROPOSALS.draft, summary: "A shorter summary." }),
        // The form sent names no themes, so the draft's themes go, from the table's topics too.
        changes: ["proposal_topics", "proposals"],
      },
    },
    { at: proposalAt("implementation", "/edit"), loader: pastReview(notNowForAnyone), action: pastReview(notNowForAnyone) },
    { at: fixed("/proposals/x/edit", { proposalId: "x" }), loader: { ...everyone(404), signedOut: "login" } },
  ],
  // Submitting the draft is refused by the statechart while its partner has not answered.
  "proposals.$proposalId.submit": [
    { at: proposalAt("draft", "/submit"), loader: leadOnDraft, action: { ...leadOnDraft, applicant: "form" } },
    { at: proposalAt("implementation", "/submit"), loader: pastReview(notNowForAnyone), action: pastReview(notNowForAnyone) },
  ],
  "proposals.$proposalId.partners": [
    {
      at: proposalAt("draft", "/partners"),
      loader: { ...draftVisibility, administrator: "ok" },
      action: leadOnDraft,
      allowed: { form: () => ({ intent: "invite", institutionId: String(institutionId(ALBANIAN_POLICE)) }), changes: ["audit_log", "outbox", "proposal_partners"] },
    },
    { at: proposalAt("implementation", "/partners"), loader: pastReview({ ...everyone("ok"), signedOut: "login" }), action: pastReview(notNowForAnyone) },
  ],
  "proposals.$proposalId.partnership": [
    { at: proposalAt("draft", "/partnership"), loader: { ...draftVisibility, applicant: 403 }, action: { ...draftVisibility, applicant: 403 } },
    {
      at: proposalAt("partnersDraft", "/partnership"),
      loader: { ...draftVisibility, applicant: "ok" },
      action: { ...draftVisibility, applicant: "ok" },
      allowed: { form: () => ({ intent: "decline", reason: "Our unit has no capacity this year.", confirm: "on" }), changes: ["audit_log", "outbox", "proposal_partners"] },
    },
  ],
  // The country advisor of North Macedonia, which takes part, comments too.
  "proposals.$proposalId.comments": [
    { at: proposalAt("implementation", "/comments"), loader: pastReview(advisorsToo), action: pastReview(advisorsToo), allowed: { form: () => ({ body: "A comment from the matrix." }), changes: ["outbox", "proposal_comments"] } },
    { at: proposalAt("sharedDraft", "/comments"), loader: sharedDraftVisibility, action: sharedDraftVisibility, allowed: { form: () => ({ body: "A comment from the matrix." }), changes: ["outbox", "proposal_comments"] } },
    { at: proposalAt("draft", "/comments"), loader: { ...draftVisibility, administrator: "ok" }, action: { ...draftVisibility, administrator: "ok" }, allowed: { form: () => ({ body: "A comment from the matrix." }), changes: ["outbox", "proposal_comments"] } },
  ],
  "proposals.$proposalId.attachments": [
    { at: proposalAt("implementation", "/attachments"), loader: pastReview({ ...everyone("ok"), signedOut: "login" }), action: pastReview(notNowForAnyone) },
    { at: proposalAt("euReview", "/attachments"), loader: { signedOut: "login", applicant: "ok", reviewer: "ok", countryAdvisor: 404, administrator: "ok" } },
    { at: proposalAt("draft", "/attachments"), loader: { ...draftVisibility, administrator: "ok" }, action: { ...leadOnDraft, applicant: "form" } },
  ],
  // No attachment exists under this id: it answers like one the visitor may not see.
  "proposals.$proposalId.attachments.$attachmentId": {
    at: { label: "/proposals/‹implementation›/attachments/‹none›", resolve: () => ({ ...proposalAt("implementation", "/attachments/999999").resolve(), params: { ...proposalAt("implementation").resolve().params, attachmentId: "999999" } }) },
    loader: { ...everyone(404), signedOut: "login" },
  },
  // The files of the concept note and the reports: seen by whoever sees the proposal, changed by
  // the lead while it may write that document (a form without a file comes back to the lead).
  "proposals.$proposalId.$document.attachments": [
    { at: documentAt("implementation", "completion-report"), loader: pastReview(signedInOnly), action: pastReview({ ...notNowForAnyone, applicant: "form" }) },
    { at: documentAt("implementation", "activity-1"), loader: pastReview(signedInOnly), action: pastReview({ ...notNowForAnyone, applicant: "form" }) },
    { at: documentAt("implementation", "concept"), loader: pastReview(signedInOnly), action: pastReview(notNowForAnyone) },
    // No activity of this proposal has this id: as if it did not exist.
    { at: documentAt("implementation", "activity-none"), loader: { ...everyone(404), signedOut: "login" }, action: { ...everyone(404), signedOut: "login" } },
    { at: documentAt("onHold", "completion-report"), loader: pastReview({ ...signedInOnly, applicant: 404 }), action: pastReview({ ...notNowForAnyone, applicant: 404 }) },
    {
      at: documentAt("conceptualWork", "concept"),
      loader: { signedOut: "login", applicant: 404, reviewer: 404, countryAdvisor: 404, administrator: "ok" },
      action: { signedOut: "login", applicant: 404, reviewer: 404, countryAdvisor: 404, administrator: 403 },
    },
    { at: documentAt("conceptualWork", "completion-report"), loader: { ...everyone(404), signedOut: "login" } },
    { at: documentAt("awaitingDecision", "concept"), loader: { ...everyone(404), signedOut: "login" } },
  ],
  // Whoever sees a proposal prints it (the applicants' copy); a draft has nothing submitted to print.
  "proposals.$proposalId.print": [
    { at: proposalAt("implementation", "/print"), loader: pastReview({ ...everyone("ok"), signedOut: "login" }) },
    { at: proposalAt("draft", "/print"), loader: { ...draftVisibility, administrator: "ok" } },
  ],
  "proposals.$proposalId.print[.pdf]": { at: proposalAt("implementation", "/print.pdf"), loader: pastReview({ ...everyone("ok"), signedOut: "login" }) },
  "admin.rounds.$roundId_.report": [
    { at: { label: "/admin/rounds/‹2026-R1›/report", resolve: () => ({ path: `/admin/rounds/${roundIdByCode("2026-R1")}/report`, params: { roundId: String(roundIdByCode("2026-R1")) } }) }, loader: administratorsOnly },
    { at: fixed("/admin/rounds/999999/report", { roundId: "999999" }), loader: { ...administratorsOnly, administrator: 404 } },
  ],
  "admin.rounds.$roundId_.report[.pdf]": [
    { at: { label: "/admin/rounds/‹2026-R1›/report.pdf", resolve: () => ({ path: `/admin/rounds/${roundIdByCode("2026-R1")}/report.pdf`, params: { roundId: String(roundIdByCode("2026-R1")) } }) }, loader: administratorsOnly },
    { at: fixed("/admin/rounds/x/report.pdf", { roundId: "x" }), loader: { ...administratorsOnly, administrator: 404 } },
  ],
  "admin.reports": { at: fixed("/admin/reports?from=2026-01-01&to=2026-12-31"), loader: administratorsOnly },
  "admin.reports[.pdf]": { at: fixed("/admin/reports.pdf?from=2026-01-01&to=2026-12-31"), loader: administratorsOnly },
  "proposals.$proposalId.versions": [
    { at: proposalAt("implementation", "/versions"), loader: pastReview({ ...everyone("ok"), signedOut: "login" }) },
    { at: proposalAt("draft", "/versions"), loader: { ...draftVisibility, administrator: "ok" } },
  ],
  "proposals.$proposalId.concept": [
    { at: proposalAt("implementation", "/concept"), loader: pastReview({ ...everyone("ok"), signedOut: "login" }), action: pastReview(notNowForAnyone) },
    {
      at: proposalAt("conceptualWork", "/concept"),
      loader: { signedOut: "login", applicant: 404, reviewer: 404, countryAdvisor: 404, administrator: "ok" },
      action: { signedOut: "login", applicant: 404, reviewer: 404, countryAdvisor: 404, administrator: 403 },
    },
    { at: proposalAt("awaitingDecision", "/concept"), loader: { ...everyone(404), signedOut: "login" } },
  ],
  "proposals.$proposalId.implementation": [
    {
      at: proposalAt("implementation", "/implementation"),
      loader: pastReview({ ...everyone("ok"), signedOut: "login" }),
      action: pastReview({ ...everyone(403), signedOut: "login", applicant: "ok" }),
      allowed: { form: () => ({ intent: "saveReport", version: versionOf("implementation"), outcome: "Two operations so far.", lessonsLearnt: "" }), changes: ["proposals"] },
    },
    {
      at: { ...proposalAt("implementation", "/implementation"), label: "/proposals/‹implementation›/implementation (plan an activity)" },
      loader: pastReview({ ...everyone("ok"), signedOut: "login" }),
      action: pastReview({ ...everyone(403), signedOut: "login", applicant: "ok" }),
      allowed: {
        form: () => ({ intent: "planActivity", type: "training", title: "Training from the matrix", startsOn: "2027-04-01", place: "Tirana", "participants.XK": "5" }),
        changes: ["activities", "activity_participants"],
      },
    },
    {
      at: { ...proposalAt("implementation", "/implementation"), label: "/proposals/‹implementation›/implementation (report an activity)" },
      loader: pastReview({ ...everyone("ok"), signedOut: "login" }),
      action: pastReview({ ...everyone(403), signedOut: "login", applicant: "ok" }),
      allowed: {
        // Held on or after the day implementation started (today's, in Brussels, at most tomorrow in UTC).
        form: () => ({ intent: "reportActivity", activityKey: "activity-3", heldOn: new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10), participants: "20", outcome: "Held, from the matrix." }),
        changes: ["activity_reports", "proposal_versions"],
      },
    },
    { at: proposalAt("onHold", "/implementation"), loader: pastReview({ ...everyone("ok"), signedOut: "login", applicant: 404 }), action: pastReview({ ...everyone(403), signedOut: "login", applicant: 404 }) },
    { at: proposalAt("conceptualWork", "/implementation"), loader: { ...everyone(404), signedOut: "login" } },
  ],
  // Everyone who sees the proposal reads its deadlines; only the TAF team moves one, while it is owed.
  "proposals.$proposalId.deadlines": [
    {
      at: proposalAt("implementation", "/deadlines"),
      loader: pastReview({ ...everyone("ok"), signedOut: "login" }),
      action: pastReview({ ...everyone(403), signedOut: "login", administrator: "ok" }),
      allowed: { form: () => ({ kind: "completionReport", dueAt: "2030-01-15T17:00", reason: "The partners asked for a month more." }), changes: ["audit_log", "proposal_deadlines"] },
    },
    { at: proposalAt("draft", "/deadlines"), loader: { ...draftVisibility, administrator: "ok" }, action: { ...draftVisibility, applicant: 403, administrator: "form" } },
  ],
  // Once submitted, the lead and the TAF team record that a partner left; before, the lead removes it on the partners page.
  "proposals.$proposalId.departures": [
    {
      at: proposalAt("implementation", "/departures"),
      loader: pastReview({ ...everyone("ok"), signedOut: "login" }),
      action: pastReview({ ...everyone(403), signedOut: "login", applicant: "ok", administrator: "ok" }),
      allowed: { form: () => ({ institutionId: String(institutionId(ALBANIAN_POLICE)), reason: "The unit was dissolved." }), changes: ["audit_log", "partner_departures", "proposal_partners"] },
    },
    { at: proposalAt("draft", "/departures"), loader: { ...draftVisibility, administrator: "ok" }, action: { ...draftVisibility, applicant: 403, administrator: 403 } },
  ],
  // Only the assigned reviewer answers their assignment; to anyone else it does not exist.
  "reviews.$assignmentId": [
    {
      at: { label: "/reviews/‹reviewer.eu on euReview›", resolve: () => ({ path: `/reviews/${euReviewAssignment()}`, params: { assignmentId: String(euReviewAssignment()) } }) },
      loader: { signedOut: "login", applicant: 404, reviewer: "ok", countryAdvisor: 404, administrator: 404 },
      action: { signedOut: "login", applicant: 404, reviewer: "ok", countryAdvisor: 404, administrator: 404 },
      allowed: { form: () => ({ intent: "save", revision: "0", version: String(assignmentVersion(euReviewAssignment())), "score.relevance": "4", commentForApplicants: "Clear and well argued." }), changes: ["reviews"] },
    },
    { at: fixed("/reviews/999999", { assignmentId: "999999" }), loader: { ...everyone(404), signedOut: "login" }, action: { ...everyone(404), signedOut: "login" } },
    { at: fixed("/reviews/x", { assignmentId: "x" }), loader: { ...everyone(404), signedOut: "login" } },
  ],
  // Sharing a draft with the country advisors is its lead's, while it may submit it.
  "proposals.$proposalId.advisors": [
    {
      at: proposalAt("draft", "/advisors"),
      loader: { ...draftVisibility, administrator: "ok" },
      action: leadOnDraft,
      allowed: { form: () => ({ intent: "share" }), changes: ["advisor_shares", "audit_log"] },
    },
    {
      at: proposalAt("sharedDraft", "/advisors"),
      loader: sharedDraftVisibility,
      action: { ...leadOnDraft, countryAdvisor: 403 },
      allowed: { form: () => ({ intent: "stop" }), changes: ["advisor_shares", "audit_log"] },
    },
    { at: proposalAt("implementation", "/advisors"), loader: pastReview({ ...everyone("ok"), signedOut: "login" }), action: pastReview(notNowForAnyone) },
  ],
  "admin.institutions.$institutionId_.merge": {
    at: {
      label: `/admin/institutions/‹${DUPLICATE_INSTITUTION}›/merge`,
      resolve: () => {
        const id = String(institutionId(DUPLICATE_INSTITUTION));
        return { path: `/admin/institutions/${id}/merge`, params: { institutionId: id } };
      },
    },
    loader: administratorsOnly,
    action: administratorsOnly,
    allowed: { form: () => ({ into: String(institutionId(KOSOVO_POLICE)), reason: "The same police service, entered twice." }), changes: ["audit_log", "institutions"] },
  },
  "admin.institutions.$institutionId": {
    at: byName("/admin/institutions", "institutionId", KOSOVO_POLICE, () => institutionId(KOSOVO_POLICE)),
    loader: administratorsOnly,
    action: administratorsOnly,
    allowed: { form: () => ({ name: KOSOVO_POLICE, countryCode: "XK", type: "police", chapter23: "on", chapter24: "on", active: "on" }), changes: ["audit_log", "institutions"] },
  },
};

function answerOf(result: unknown): Answer | number {
  const status = statusOf(result);
  if (status === 302) {
    const location = (result as Response).headers.get("Location") ?? "";
    if (location.startsWith("/login")) return "login";
    if (location === "/") return "home";
  }
  return status === 200 ? "ok" : status;
}

function cookieOf(visitor: Visitor) {
  return visitor === "signedOut" ? null : cookies.get(emails[visitor])!;
}

/** A request a rule refuses, or a form that comes back: the database is exactly as it was. */
async function expectNothingChanged(request: () => Promise<unknown>) {
  const before = tableChecksums();
  const result = await request();
  expect(changedTables(before, tableChecksums())).toEqual([]);
  return result;
}

beforeEach(freshPortal);

describe("authorization matrix", () => {
  it("has a row for every route", () => {
    const names = Object.keys(routes).map((file) => file.replace("../../app/routes/", "").replace(/\.tsx$/, ""));
    expect(names.sort()).toEqual(Object.keys(matrix).sort());
  });

  it("checks every table the schema declares", () => {
    expect(Object.keys(tableChecksums())).toEqual(expect.arrayContaining(["proposals", "proposal_events", "proposal_partners", "attachments", "proposal_comments", "users", "outbox"]));
  });

  for (const [name, rows] of Object.entries(matrix)) for (const row of [rows].flat()) {
    const route = () => routes[`../../app/routes/${name}.tsx`]!;
    if (row.loader) {
      for (const visitor of visitors) {
        it(`GET ${row.at.label} as ${visitor}: ${row.loader[visitor]}`, async () => {
          const { path, params } = row.at.resolve();
          const result = await load(route(), path, { cookie: cookieOf(visitor), params });
          expect(answerOf(result)).toBe(row.loader![visitor]);
        });
      }
    }
    if (row.action) {
      for (const visitor of visitors) {
        const expected = row.action[visitor];
        if (expected === "ok") {
          it(`POST ${row.at.label} as ${visitor}: served, and it changes ${row.allowed?.changes.join(", ")}`, async () => {
            expect(row.allowed, "an action marked ok names the form that exercises it").toBeDefined();
            const { path, params } = row.at.resolve();
            const cookie = cookieOf(visitor);
            const before = tableChecksums();
            const result = await submit(route(), path, row.allowed!.form(), { cookie, params });
            expect([200, 302]).toContain(statusOf(result));
            expect(answerOf(result)).not.toBe("login");
            expect(changedTables(before, tableChecksums()), JSON.stringify(result)).toEqual(row.allowed!.changes);
          });
          continue;
        }
        it(`POST ${row.at.label} as ${visitor}: ${expected}, and nothing changes`, async () => {
          const { path, params } = row.at.resolve();
          const cookie = cookieOf(visitor);
          const result = await expectNothingChanged(() => submit(route(), path, { intent: "deactivate", name: "Intruder", email: "x@y.example" }, { cookie, params }));
          expect(answerOf(result)).toBe(expected === "form" ? "ok" : expected);
        });
      }
    }
  }
});

// The proposal page's statechart forms, for every kind of person around a proposal, on demo
// proposals in different stages. The rule: a person who may not see the proposal gets 404; one
// who sees it gets the form back with the statechart's reason, unless the event is theirs to
// send now, when the proposal moves. Every refusal leaves every table as it was.

const ROLES = [
  "signedOut",
  "leadApplicant",
  "partnerApplicant",
  "otherApplicant",
  "assignedReviewer",
  "unassignedReviewer",
  "advisorTakingPart",
  "advisorElsewhere",
  "administrator",
] as const;
type Role = (typeof ROLES)[number];
// The events a person sends from the proposal page: those the catalogue gives a form.
type PageEvent = ProposalEventType;
const PAGE_EVENTS = (Object.keys(PROPOSAL_EVENTS) as PageEvent[]).filter((event) => PROPOSAL_EVENTS[event].fields !== null);

type Stage = {
  proposal: ProposalName;
  /** The person in each role; null where the proposal has no one in it (no reviewer yet). */
  people: Record<"leadApplicant" | "partnerApplicant" | "otherApplicant" | "assignedReviewer" | "advisorTakingPart" | "advisorElsewhere", string | null>;
  /** What the one who may send the event makes of the proposal. */
  moves: Partial<Record<PageEvent, string>>;
  /** The statechart's reason when the facts (not the person) stand in the way. */
  refusals?: Partial<Record<PageEvent, string>>;
};

const STAGES: Stage[] = [
  {
    proposal: "draft",
    people: { leadApplicant: "applicant.xk@taf.example", partnerApplicant: "applicant.rs@taf.example", otherApplicant: "applicant.al@taf.example", assignedReviewer: null, advisorTakingPart: "advisor.xk@matrix.example", advisorElsewhere: "advisor.mk@taf.example" },
    moves: { DISCARD: "discarded" },
    refusals: { SUBMIT: "Institutions from at least two Western Balkan countries must have confirmed (only Kosovo* so far)." },
  },
  {
    proposal: "awaitingDecision",
    people: { leadApplicant: "applicant.al@taf.example", partnerApplicant: "applicant.xk@taf.example", otherApplicant: "applicant.mk@taf.example", assignedReviewer: null, advisorTakingPart: "advisor.al@matrix.example", advisorElsewhere: "advisor.mk@taf.example" },
    moves: { CONFIRM_ELIGIBLE: "euReview.awaitingReviewers", DECLARE_INELIGIBLE: "ineligible", REQUEST_CLARIFICATION: "eligibility.clarificationRequested", WITHDRAW: "withdrawn", RECHECK: "eligibility.awaitingDecision" },
  },
  {
    proposal: "clarification",
    people: { leadApplicant: "applicant.me@taf.example", partnerApplicant: "applicant.rs@taf.example", otherApplicant: "applicant.xk@taf.example", assignedReviewer: null, advisorTakingPart: "advisor.rs@matrix.example", advisorElsewhere: "advisor.mk@taf.example" },
    moves: { RESPOND: "eligibility.awaitingDecision", WITHDRAW: "withdrawn" },
  },
  {
    proposal: "euReview",
    people: { leadApplicant: "applicant.xk@taf.example", partnerApplicant: "applicant.al@taf.example", otherApplicant: "applicant.ba@taf.example", assignedReviewer: "reviewer.eu@taf.example", advisorTakingPart: "advisor.xk@matrix.example", advisorElsewhere: "advisor.mk@taf.example" },
    // The matrix's forms carry a reason, and with a reason the TAF team may close a review early.
    moves: { WITHDRAW: "withdrawn", CLOSE_REVIEW: "euReview.deciding" },
  },
  {
    proposal: "conceptualWork",
    people: { leadApplicant: "applicant.rs@taf.example", partnerApplicant: "applicant.ba@taf.example", otherApplicant: "applicant.xk@taf.example", assignedReviewer: "reviewer.eu@taf.example", advisorTakingPart: "advisor.rs@matrix.example", advisorElsewhere: "advisor.mk@taf.example" },
    moves: { WITHDRAW: "withdrawn", REJECT_CONCEPT: "conceptRejected" },
    refusals: { SUBMIT_CONCEPT: "An answer to the TAF team's revision request is required." },
  },
  {
    proposal: "implementation",
    people: { leadApplicant: "applicant.xk@taf.example", partnerApplicant: "applicant.al@taf.example", otherApplicant: "applicant.ba@taf.example", assignedReviewer: "reviewer.eu@taf.example", advisorTakingPart: "advisor.mk@taf.example", advisorElsewhere: "advisor.rs@matrix.example" },
    moves: { HOLD: "implementation.onHold", CANCEL_IMPLEMENTATION: "implementationCancelled" },
    refusals: { SUBMIT_REPORT: "These required parts are not answered: What was achieved and Lessons learnt." },
  },
  {
    proposal: "onHold",
    people: { leadApplicant: "applicant.mk@taf.example", partnerApplicant: "applicant.xk-prosecution@matrix.example", otherApplicant: "applicant.rs@taf.example", assignedReviewer: "reviewer.eu@taf.example", advisorTakingPart: "advisor.mk@taf.example", advisorElsewhere: "advisor.rs@matrix.example" },
    moves: { RESUME: "implementation.active.ongoing", CANCEL_IMPLEMENTATION: "implementationCancelled" },
  },
  {
    proposal: "completed",
    people: { leadApplicant: "applicant.me@taf.example", partnerApplicant: "applicant.rs-justice@matrix.example", otherApplicant: "applicant.xk@taf.example", assignedReviewer: "reviewer.eu@taf.example", advisorTakingPart: "advisor.rs@matrix.example", advisorElsewhere: "advisor.mk@taf.example" },
    moves: {},
  },
];

const SENDERS: Record<ProposalSender, { role: Role; words: string }> = {
  leadApplicant: { role: "leadApplicant", words: SENDER_WORDS.leadApplicant },
  administrator: { role: "administrator", words: SENDER_WORDS.administrator },
  system: { role: "signedOut", words: SENDER_WORDS.system },
};

/** Every field any of the page's forms has, filled in as a person who means it would. */
function formFor(event: PageEvent, version: string) {
  return { event, version, reason: "Set out in writing for the matrix.", question: "Which unit takes part?", days: "10", message: "The border police unit takes part.", outcome: "promising", sharedFeedback: "", confirm: "on" };
}

function personOf(stage: Stage, role: Role) {
  if (role === "signedOut") return null;
  if (role === "administrator") return "admin@taf.example";
  if (role === "unassignedReviewer") return "reviewer.unassigned@matrix.example";
  return stage.people[role];
}

function mayView(role: Role, state: string) {
  if (role === "assignedReviewer") return proposalStatesTakingReviews().includes(state as never);
  if (role === "leadApplicant" || role === "partnerApplicant" || role === "administrator") return true;
  return role === "advisorTakingPart" && state !== "draft";
}

/** The statechart's reason for refusing this person this event, in the machine's own words. */
function expectedRefusal(stage: Stage, role: Role, event: PageEvent, row: typeof proposals.$inferSelect) {
  const label = stateLabelOf(row.state, inEnglish);
  if (isFinal(row.state)) return `The proposal is closed (${label}): nothing more can happen to it.`;
  const snapshot = restoreProposal(row.snapshot, row.machineVersion);
  const acceptedHere = [
    ...allowedEvents(snapshot, { role: "applicant", institutionId: row.leadInstitutionId }),
    ...allowedEvents(snapshot, { role: "administrator", institutionId: null }),
  ];
  if (!acceptedHere.includes(event)) return `No one can ${PROPOSAL_EVENTS[event].action} while the proposal is at “${label}”.`;
  const sender = SENDERS[PROPOSAL_EVENTS[event].by];
  if (sender.role !== role) return `Only ${sender.words} may ${PROPOSAL_EVENTS[event].action}.`;
  return stage.refusals?.[event] ?? `(the matrix names no reason for ${event} at ${row.state})`;
}

const ALLOWED_TO_CHANGE = ["eligibility_checks", "outbox", "proposal_events", "proposal_versions", "proposals"];

describe("the proposal page's statechart forms, for everyone around a proposal", () => {
  for (const stage of STAGES) {
    for (const role of ROLES) {
      it(`‹${stage.proposal}› as ${role}: every event form answers as the rule says`, async () => {
        const email = personOf(stage, role);
        if (role !== "signedOut" && email === null) {
          expect(stage.people.assignedReviewer, "only a reviewer can be missing, before any is assigned").toBeNull();
          return;
        }
        const { path, params } = proposalAt(stage.proposal).resolve();
        const row = () => db().select().from(proposals).where(eq(proposals.id, Number(params.proposalId))).get()!;
        const stored = row();
        // Refusals change nothing and a move is undone by a fresh copy, so one baseline serves every event.
        const baseline = tableChecksums();
        for (const event of PAGE_EVENTS) {
          const cookie = email ? cookies.get(email)! : null;
          const target = stage.moves[event];
          const sender = SENDERS[PROPOSAL_EVENTS[event].by].role;
          if (target && sender === role) {
            await freshPortal();
            const result = (await submit(route(), path, formFor(event, String(stored.version)), { cookie, params })) as { formError: string | null; done: string | null };
            expect(result.formError, event).toBeNull();
            // The TAF team reads the stage as theirs ("waiting for your decision"); everyone else, neutrally.
            const stage = role === "administrator" ? stageLabelFor(target, "tafTeam", inEnglish) : stateLabelOf(target, inEnglish);
            expect(result.done, event).toBe(`Done. The proposal is now at “${stage}”.`);
            expect(row().state, event).toBe(target);
            const last = db().select().from(proposalEvents).where(eq(proposalEvents.proposalId, stored.id)).all().filter((e) => e.type === event).at(-1);
            expect(last, event).toMatchObject({ actorUserId: userId(email!), fromState: stored.state });
            const changed = changedTables(baseline, tableChecksums());
            expect(changed, event).toEqual(expect.arrayContaining(["proposal_events", "proposals"]));
            expect(ALLOWED_TO_CHANGE, `${event} changed ${changed.join(", ")}`).toEqual(expect.arrayContaining(changed));
            await freshPortal();
            continue;
          }
          const result = await submit(route(), path, formFor(event, String(stored.version)), { cookie, params });
          expect(changedTables(baseline, tableChecksums()), `${event} changed nothing`).toEqual([]);
          if (role === "signedOut") expect(answerOf(result), event).toBe("login");
          else if (!mayView(role, stored.state)) expect(answerOf(result), event).toBe(404);
          else expect((result as { formError: string | null }).formError, event).toBe(expectedRefusal(stage, role, event, stored));
        }
      });
    }
  }

  function route() {
    return routes["../../app/routes/proposals.$proposalId._index.tsx"]!;
  }
});
