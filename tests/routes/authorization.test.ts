import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, institutions, mailbox, memberships, outbox, roundEvents, rounds, tokens, users } from "../../db/schema";
import { loadDemoData } from "../../app/demo/demo.server";
import { db } from "../../app/db.server";
import type { Route } from "../support/http";
import { load, signInAs, statusOf, submit } from "../support/http";

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

// "ok": the page is served; "login": sent to sign in; "home": sent home; a number: that status.
type Answer = "ok" | "login" | "home" | 403 | 404;
const everyone = (answer: Answer) => Object.fromEntries(visitors.map((v) => [v, answer])) as Record<Visitor, Answer>;
const signedInOnly: Record<Visitor, Answer> = { ...everyone("ok"), signedOut: "login" };
const administratorsOnly: Record<Visitor, Answer> = { ...everyone(403), signedOut: "login", administrator: "ok" };
// A draft is seen by its lead's and partners' applicants and the TAF team only.
const draftVisibility: Record<Visitor, Answer> = { signedOut: "login", applicant: "ok", reviewer: 404, countryAdvisor: 404, administrator: 403 };
const leadOnDraft: Record<Visitor, Answer> = draftVisibility;
const notNowForAnyone: Record<Visitor, Answer> = { ...everyone(403), signedOut: "login" };
const applicantsAndTeam: Record<Visitor, Answer> = { signedOut: "login", applicant: "ok", reviewer: 403, countryAdvisor: 403, administrator: "ok" };

// Paths with the parameters the demo data has (the first person, institution and message).
type Entry = { path: string; params?: Record<string, string>; loader?: Record<Visitor, Answer>; action?: Record<Visitor, Answer> };
const matrix: Record<string, Entry | Entry[]> = {
  "_index": { path: "/", loader: signedInOnly },
  "$": { path: "/no-such-page", loader: everyone(404) },
  login: { path: "/login", loader: { ...everyone("home"), signedOut: "ok" } },
  logout: { path: "/logout", loader: everyone("home") },
  "forgot-password": { path: "/forgot-password" },
  "set-password.$token": { path: "/set-password/x", params: { token: "x" }, loader: everyone("ok") },
  account: { path: "/account", loader: signedInOnly },
  "admin.mailbox._index": { path: "/admin/mailbox", loader: administratorsOnly, action: administratorsOnly },
  // Message 1 is the one received before the test (below); message 2 does not exist.
  "admin.mailbox.$messageId": [
    { path: "/admin/mailbox/1", params: { messageId: "1" }, loader: administratorsOnly },
    { path: "/admin/mailbox/2", params: { messageId: "2" }, loader: { ...administratorsOnly, administrator: 404 } },
  ],
  "admin.people._index": { path: "/admin/people", loader: administratorsOnly },
  "admin.people.invite": { path: "/admin/people/invite", loader: administratorsOnly, action: administratorsOnly },
  "admin.people.$userId": { path: "/admin/people/1", params: { userId: "1" }, loader: administratorsOnly, action: administratorsOnly },
  "admin.institutions._index": { path: "/admin/institutions", loader: administratorsOnly },
  "admin.institutions.new": { path: "/admin/institutions/new", loader: administratorsOnly, action: administratorsOnly },
  "admin.rounds._index": { path: "/admin/rounds", loader: administratorsOnly },
  "admin.rounds.new": { path: "/admin/rounds/new", loader: administratorsOnly, action: administratorsOnly },
  // Demo round 1 is the closed first call; a round that does not exist is 404 to administrators only.
  "admin.rounds.$roundId": [
    { path: "/admin/rounds/1", params: { roundId: "1" }, loader: administratorsOnly, action: administratorsOnly },
    { path: "/admin/rounds/999", params: { roundId: "999" }, loader: { ...administratorsOnly, administrator: 404 }, action: { ...administratorsOnly, administrator: 404 } },
    { path: "/admin/rounds/x", params: { roundId: "x" }, loader: { ...administratorsOnly, administrator: 404 } },
  ],
  // Demo proposal 1 is led by Kosovo* Police with a North Macedonian partner and both reviewers
  // assigned; proposal 3 is Serbian and Bosnian. One may not see a proposal: it does not exist.
  "proposals.$proposalId._index": [
    { path: "/proposals/1", params: { proposalId: "1" }, loader: { ...everyone("ok"), signedOut: "login" }, action: { ...everyone("ok"), signedOut: "login" } },
    { path: "/proposals/3", params: { proposalId: "3" }, loader: { signedOut: "login", applicant: 404, reviewer: "ok", countryAdvisor: 404, administrator: "ok" }, action: { signedOut: "login", applicant: 404, reviewer: "ok", countryAdvisor: 404, administrator: "ok" } },
    { path: "/proposals/999", params: { proposalId: "999" }, loader: { ...everyone(404), signedOut: "login" } },
    { path: "/proposals/x", params: { proposalId: "x" }, loader: { ...everyone(404), signedOut: "login" } },
  ],
  "proposals.new": { path: "/proposals/new", loader: { ...everyone(403), signedOut: "login", applicant: "ok" }, action: { ...everyone(403), signedOut: "login", applicant: "ok" } },
  // Demo proposal 8 is Kosovo* Police's draft with a Serbian partner only invited; 9 is an
  // Albanian draft with Kosovo* Police confirmed as partner.
  "proposals.$proposalId.edit": [
    { path: "/proposals/8/edit", params: { proposalId: "8" }, loader: leadOnDraft, action: leadOnDraft },
    { path: "/proposals/1/edit", params: { proposalId: "1" }, loader: notNowForAnyone, action: notNowForAnyone },
    { path: "/proposals/x/edit", params: { proposalId: "x" }, loader: { ...everyone(404), signedOut: "login" } },
  ],
  "proposals.$proposalId.submit": [
    { path: "/proposals/8/submit", params: { proposalId: "8" }, loader: leadOnDraft, action: leadOnDraft },
    { path: "/proposals/1/submit", params: { proposalId: "1" }, loader: notNowForAnyone, action: notNowForAnyone },
  ],
  "proposals.$proposalId.partners": [
    { path: "/proposals/8/partners", params: { proposalId: "8" }, loader: { ...draftVisibility, administrator: "ok" }, action: leadOnDraft },
    { path: "/proposals/1/partners", params: { proposalId: "1" }, loader: { ...everyone("ok"), signedOut: "login" }, action: notNowForAnyone },
  ],
  "proposals.$proposalId.partnership": [
    { path: "/proposals/8/partnership", params: { proposalId: "8" }, loader: { ...draftVisibility, applicant: 403 }, action: { ...draftVisibility, applicant: 403 } },
    { path: "/proposals/9/partnership", params: { proposalId: "9" }, loader: { ...draftVisibility, applicant: "ok" }, action: { ...draftVisibility, applicant: "ok" } },
  ],
  "proposals.$proposalId.comments": [
    { path: "/proposals/1/comments", params: { proposalId: "1" }, loader: applicantsAndTeam, action: applicantsAndTeam },
    { path: "/proposals/8/comments", params: { proposalId: "8" }, loader: { ...draftVisibility, administrator: "ok" }, action: { ...draftVisibility, administrator: "ok" } },
  ],
  "proposals.$proposalId.attachments": [
    { path: "/proposals/1/attachments", params: { proposalId: "1" }, loader: { ...everyone("ok"), signedOut: "login" }, action: notNowForAnyone },
    { path: "/proposals/8/attachments", params: { proposalId: "8" }, loader: { ...draftVisibility, administrator: "ok" }, action: leadOnDraft },
  ],
  "proposals.$proposalId.attachments.$attachmentId": {
    path: "/proposals/1/attachments/1",
    params: { proposalId: "1", attachmentId: "1" },
    loader: { ...everyone(404), signedOut: "login" },
  },
  "proposals.$proposalId.versions": [
    { path: "/proposals/1/versions", params: { proposalId: "1" }, loader: { ...everyone("ok"), signedOut: "login" } },
    { path: "/proposals/8/versions", params: { proposalId: "8" }, loader: { ...draftVisibility, administrator: "ok" } },
  ],
  // Proposal 1 is in implementation (Kosovo* Police lead), 2 on hold (North Macedonian lead), 3 in
  // conceptual work (Serbian lead), 6 waiting for its eligibility decision.
  "proposals.$proposalId.concept": [
    { path: "/proposals/1/concept", params: { proposalId: "1" }, loader: { ...everyone("ok"), signedOut: "login" }, action: notNowForAnyone },
    { path: "/proposals/3/concept", params: { proposalId: "3" }, loader: { signedOut: "login", applicant: 404, reviewer: "ok", countryAdvisor: 404, administrator: "ok" }, action: { signedOut: "login", applicant: 404, reviewer: 403, countryAdvisor: 404, administrator: 403 } },
    { path: "/proposals/6/concept", params: { proposalId: "6" }, loader: { ...everyone(404), signedOut: "login" } },
  ],
  "proposals.$proposalId.implementation": [
    { path: "/proposals/1/implementation", params: { proposalId: "1" }, loader: { ...everyone("ok"), signedOut: "login" }, action: { ...everyone(403), signedOut: "login", applicant: "ok" } },
    { path: "/proposals/2/implementation", params: { proposalId: "2" }, loader: { ...everyone("ok"), signedOut: "login", applicant: 404 }, action: { ...everyone(403), signedOut: "login", applicant: 404 } },
    { path: "/proposals/3/implementation", params: { proposalId: "3" }, loader: { ...everyone(404), signedOut: "login" } },
  ],
  "admin.institutions.$institutionId": {
    path: "/admin/institutions/1",
    params: { institutionId: "1" },
    loader: administratorsOnly,
    action: administratorsOnly,
  },
};

const cookies = {} as Record<Visitor, string | null>;
beforeAll(async () => {
  await loadDemoData(db());
  db()
    .insert(mailbox)
    .values({ receivedAt: new Date(), envelopeFrom: "no-reply@taf.example", envelopeTo: "applicant.xk@taf.example", subject: "A message", text: "Hello." })
    .run();
  cookies.signedOut = null;
  for (const [visitor, email] of Object.entries(emails)) cookies[visitor as Visitor] = await signInAs(email);
});

function answerOf(result: unknown): Answer | number {
  const status = statusOf(result);
  if (status === 302) {
    const location = (result as Response).headers.get("Location") ?? "";
    if (location.startsWith("/login")) return "login";
    if (location === "/") return "home";
  }
  return status === 200 ? "ok" : status;
}

function tableCounts() {
  return [users, memberships, institutions, tokens, outbox, auditLog, rounds, roundEvents].map((table) => db().select({ n: count() }).from(table).get()!.n);
}

describe("authorization matrix", () => {
  it("has a row for every route", () => {
    const names = Object.keys(routes).map((file) => file.replace("../../app/routes/", "").replace(/\.tsx$/, ""));
    expect(names.sort()).toEqual(Object.keys(matrix).sort());
  });

  for (const [name, rows] of Object.entries(matrix)) for (const row of [rows].flat()) {
    const route = () => routes[`../../app/routes/${name}.tsx`]!;
    if (row.loader) {
      for (const visitor of visitors) {
        it(`GET ${row.path} as ${visitor}: ${row.loader[visitor]}`, async () => {
          const result = await load(route(), row.path, { cookie: cookies[visitor], params: row.params });
          expect(answerOf(result)).toBe(row.loader![visitor]);
        });
      }
    }
    if (row.action) {
      for (const visitor of visitors) {
        if (row.action[visitor] === "ok") continue; // what an allowed action does is tested with the page
        it(`POST ${row.path} as ${visitor}: ${row.action[visitor]}, and nothing changes`, async () => {
          const before = tableCounts();
          const result = await submit(route(), row.path, { intent: "deactivate", name: "Intruder", email: "x@y.example" }, { cookie: cookies[visitor], params: row.params });
          expect(answerOf(result)).toBe(row.action![visitor]);
          expect(tableCounts()).toEqual(before);
        });
      }
    }
  }
});
