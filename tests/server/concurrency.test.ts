import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { proposalEvents, proposals } from "../../db/schema";
import { CONFLICT_MESSAGE, replayHistory } from "../../app/proposals/workflow.server";
import { persistProposal } from "../../workflows/proposal.machine";
import { statesAccepting } from "../../workflows/proposal-stages";
import { signInOverHttp, startPortal } from "../support/portal";

// Issue 14: fifty people acting on one proposal at the same moment, over HTTP against the
// production server. Each form carries the version of the proposal it was shown; exactly one of
// the conflicting steps applies, every other one is told someone else changed the proposal, none
// gets a 500, and the proposal's history replays to exactly what is stored.

let portal: Awaited<ReturnType<typeof startPortal>>;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.stop();
});

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

const signIn = (email: string) => signInOverHttp(portal.url, email);

/** The portal's database, read beside the running server (WAL: readers never block it). */
function portalDatabase() {
  return openDatabase(portal.databasePath);
}

/** A proposal waiting for the eligibility check, and the e-mail of an applicant of its lead institution. */
function proposalInEligibilityCheck() {
  const { sqlite } = portalDatabase();
  const waiting = new Set<string>(statesAccepting("CONFIRM_ELIGIBLE"));
  const rows = sqlite.prepare("select id, state, version, lead_institution_id as lead from proposals").all() as { id: number; state: string; version: number; lead: number }[];
  const proposal = rows.find((row) => waiting.has(row.state))!;
  const lead = sqlite.prepare("select u.email from users u join memberships m on m.user_id = u.id where m.institution_id = ? and m.role = 'applicant' limit 1").get(proposal.lead) as { email: string };
  sqlite.close();
  return { ...proposal, leadEmail: lead.email };
}

type Reply = { status: number; done: boolean; conflict: boolean };

// Sent as a browser without JavaScript sends the form: the answer is the page, with what
// happened beside the form (with JavaScript, single fetch carries the same words).
// The catalogue ships in every page for hydration, so the words are looked for where the page shows them.
const DONE = /<p class="notice success" role="status">Done\. The proposal is now at/;
// Beside the form that sent it, or at the top when that form is gone (the proposal moved on).
const shownConflict = (page: string, event: string) => page.includes(`role="alert" id="${event}-error">${CONFLICT_MESSAGE}</p>`) || page.includes(`role="alert">${CONFLICT_MESSAGE}</p>`);

async function send(cookie: string, proposalId: number, form: Record<string, string>): Promise<Reply> {
  const response = await fetch(`${portal.url}/proposals/${proposalId}`, {
    method: "POST",
    headers: { ...FORM, Origin: portal.url, Cookie: cookie },
    body: new URLSearchParams(form),
    redirect: "manual",
  });
  const page = await response.text();
  return { status: response.status, done: DONE.test(page), conflict: shownConflict(page, form.event!) };
}

describe("fifty conflicting steps on one proposal at once", { timeout: 120_000 }, () => {
  it("applies exactly one; the others are told of the conflict; the history replays to the stored proposal", async () => {
    const proposal = proposalInEligibilityCheck();
    // Two administrators (two signed-in browsers of the TAF team) and the lead applicant.
    const [firstAdmin, secondAdmin, lead] = await Promise.all([signIn("admin@taf.example"), signIn("admin@taf.example"), signIn(proposal.leadEmail)]);
    const version = String(proposal.version);
    const attempts = Array.from({ length: 50 }, (_, i) => {
      if (i % 3 === 0) return { who: "first administrator", send: () => send(firstAdmin, proposal.id, { event: "CONFIRM_ELIGIBLE", version, reason: `Checked, try ${i}` }) };
      if (i % 3 === 1) return { who: "second administrator", send: () => send(secondAdmin, proposal.id, { event: "DECLARE_INELIGIBLE", version, reason: `The lead is not eligible, try ${i}` }) };
      return { who: "lead", send: () => send(lead, proposal.id, { event: "WITHDRAW", version, reason: `We withdraw, try ${i}` }) };
    });
    const replies = await Promise.all(attempts.map((attempt) => attempt.send()));

    expect(replies.filter((reply) => reply.status >= 500)).toEqual([]);
    expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 200));
    const applied = replies.filter((reply) => reply.done);
    expect(applied).toHaveLength(1);
    expect(applied[0]!.conflict).toBe(false);
    expect(replies.filter((reply) => reply.conflict && !reply.done)).toHaveLength(49);

    const { db, sqlite } = portalDatabase();
    const stored = db.select().from(proposals).where(eq(proposals.id, proposal.id)).get()!;
    expect(stored.version).toBe(proposal.version + 1);
    const history = db.select().from(proposalEvents).where(eq(proposalEvents.proposalId, proposal.id)).orderBy(proposalEvents.id).all();
    expect(history.filter((row) => row.version > proposal.version)).toHaveLength(1);
    // One chain: each step starts where the last ended, versions one apart, ending at what is stored.
    for (const [i, row] of history.entries()) {
      if (i === 0) continue;
      expect({ from: row.fromState, version: row.version }).toEqual({ from: history[i - 1]!.toState, version: history[i - 1]!.version + 1 });
    }
    expect(history.at(-1)).toMatchObject({ toState: stored.state, version: stored.version });
    const replayed = db.transaction((tx) => replayHistory(proposal.id, tx));
    expect(JSON.parse(JSON.stringify(persistProposal(replayed!)))).toEqual(stored.snapshot);
    sqlite.close();

    // A second round from the new version: the step now refused by the statechart is said so, still no 500.
    const late = await send(secondAdmin, proposal.id, { event: "DECLARE_INELIGIBLE", version: String(stored.version), reason: "Too late" });
    expect(late.status).toBe(200);
    expect(late.done).toBe(false);
  });
});
