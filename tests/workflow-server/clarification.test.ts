import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { CLARIFICATION_REMINDER_BEFORE_MS, runScheduledEvents } from "../../app/jobs/scheduler.server";
import { applyProposalCommand } from "../../app/proposals/workflow.server";
import * as partnersRoute from "../../app/routes/proposals.$proposalId.partners";
import * as partnershipRoute from "../../app/routes/proposals.$proposalId.partnership";
import { outbox, proposalPartners, proposals } from "../../db/schema";
import { formatBrussels } from "../../workflows/time";
import { useDatabase } from "../support/database";
import { signInAs, statusOf, submit } from "../support/http";
import { changedTables, tableChecksums } from "../support/tables";
import { actorFor, admin, DAY, demoProposalId, institutionId, MK_PROSECUTION } from "./builders";

// During a clarification request the lead may change the partners, is reminded before the
// answer is due, and the answer meets SUBMIT's rules again. The demo's "victims" proposal
// (Ministry of Justice of Montenegro, with Serbia's organised crime prosecutors confirmed) waits
// for the lead's answer, due in about a week.

useDatabase("demo");

const victims = () => demoProposalId("victims");
const row = () => db().select().from(proposals).where(eq(proposals.id, victims())).get()!;
const reminders = () => db().select().from(outbox).where(eq(outbox.template, "clarification-reminder")).all();
const respond = (message = "The Serbian prosecutors lead the exercise; North Macedonia's join.") =>
  applyProposalCommand({ proposalId: victims(), actor: actorFor("applicant.me@taf.example"), command: { type: "RESPOND", message } });

const cookies: Record<string, string> = {};
beforeEach(async () => {
  for (const who of ["applicant.me", "applicant.mk", "applicant.rs"]) cookies[who] = await signInAs(`${who}@taf.example`);
});
const params = () => ({ params: { proposalId: String(victims()) } });
const invite = (institution: string) =>
  submit(partnersRoute, `/proposals/${victims()}/partners`, { intent: "invite", institutionId: String(institutionId(institution)) }, { cookie: cookies["applicant.me"], ...params() });
const answer = (who: string, form: Record<string, string>) => submit(partnershipRoute, `/proposals/${victims()}/partnership`, form, { cookie: cookies[who], ...params() });

describe("the reminder before a clarification request is due", () => {
  it("goes to the lead's applicants once, two days before the due time, with the question", () => {
    const due = row().clarificationDueAt!;
    expect(runScheduledEvents(new Date(due.getTime() - CLARIFICATION_REMINDER_BEFORE_MS - 60_000)).clarificationRemindersSent).toBe(0);
    expect(reminders()).toEqual([]);

    const soon = new Date(due.getTime() - DAY);
    expect(runScheduledEvents(soon).clarificationRemindersSent).toBe(1);
    const [mail, ...others] = reminders();
    expect(others).toEqual([]);
    expect(mail!.recipient).toBe("applicant.me@taf.example");
    expect(mail!.subject).toMatch(/^Answer due soon for TAF-2026-R2-\d{3}: Early identification of victims/);
    expect(mail!.text).toContain("is due for an answer on");
    expect(mail!.text).toContain(`/proposals/${victims()}`);
    // A second run, or one after downtime, sends nothing more.
    expect(runScheduledEvents(soon).clarificationRemindersSent).toBe(0);
    expect(runScheduledEvents(new Date(soon.getTime() + 60 * 60 * 1000)).clarificationRemindersSent).toBe(0);
    expect(reminders()).toHaveLength(1);
  });

  it("is not sent once the lead has answered, nor for a request already past its due time", () => {
    const due = row().clarificationDueAt!;
    const answered = respond();
    expect(answered.ok).toBe(true);
    expect(runScheduledEvents(new Date(due.getTime() - DAY)).clarificationRemindersSent).toBe(0);
    expect(reminders()).toEqual([]);
  });

  it("reminds of a later request again, once", () => {
    const due = row().clarificationDueAt!;
    runScheduledEvents(new Date(due.getTime() - DAY));
    expect(respond().ok).toBe(true);
    const later = new Date(due.getTime() + 10 * DAY);
    const asked = applyProposalCommand({ proposalId: victims(), actor: admin(), command: { type: "REQUEST_CLARIFICATION", question: "Who pays the travel?", dueAt: later } });
    expect(asked.ok).toBe(true);
    expect(runScheduledEvents(new Date(later.getTime() - DAY)).clarificationRemindersSent).toBe(1);
    expect(reminders().map((mail) => mail.text.includes("Who pays the travel?"))).toEqual([false, true]);
  });
});

describe("changing partners during a clarification request", () => {
  it("lets the lead invite another institution, whose applicants answer; the answer then goes through", async () => {
    expect(row().state).toBe("eligibility.clarificationRequested");
    const invited = await invite(MK_PROSECUTION);
    expect(statusOf(invited)).toBe(302);
    expect(db().select().from(outbox).where(eq(outbox.template, "partner-invitation")).all().map((mail) => mail.recipient)).toContain("applicant.mk@taf.example");
    // The round's closing time no longer binds a submitted proposal: the invitation says what does.
    const letter = db().select().from(outbox).where(and(eq(outbox.template, "partner-invitation"), eq(outbox.recipient, "applicant.mk@taf.example"))).get()!;
    expect(letter.text).toContain(`the lead is answering a clarification request from the TAF team, due on ${formatBrussels(row().clarificationDueAt!)}`);
    expect(letter.text).not.toContain("The round closes on");

    // An invitation still unanswered stops the answer, as it stops SUBMIT.
    const before = tableChecksums();
    expect(respond()).toEqual({ ok: false, problem: "refused", message: "Every invited partner must confirm or decline first (one has not answered yet)." });
    expect(changedTables(before, tableChecksums())).toEqual([]);

    const confirmed = await answer("applicant.mk", { intent: "confirm", statement: "Our prosecutors bring their victim-identification protocol." });
    expect(statusOf(confirmed)).toBe(302);
    const answered = respond();
    expect(answered).toMatchObject({ ok: true, state: "eligibility.awaitingDecision" });
  });

  it("lets the lead remove an invited institution again", async () => {
    await invite(MK_PROSECUTION);
    const partner = db()
      .select()
      .from(proposalPartners)
      .where(and(eq(proposalPartners.proposalId, victims()), eq(proposalPartners.institutionId, institutionId(MK_PROSECUTION))))
      .get()!;
    const removed = await submit(partnersRoute, `/proposals/${victims()}/partners`, { intent: "remove", partnerId: String(partner.id), confirm: "on" }, { cookie: cookies["applicant.me"], ...params() });
    expect(statusOf(removed)).toBe(302);
    expect(respond()).toMatchObject({ ok: true });
  });

  it("refuses the answer when the confirmed partners no longer come from two countries", async () => {
    const withdrawn = await answer("applicant.rs", { intent: "decline", confirm: "on", reason: "Our unit was reorganised." });
    expect(statusOf(withdrawn)).toBe(302);
    const before = tableChecksums();
    expect(respond()).toEqual({ ok: false, problem: "refused", message: "Institutions from at least two Western Balkan countries must have confirmed (only Montenegro so far)." });
    expect(changedTables(before, tableChecksums())).toEqual([]);
  });

  it("refuses the answer while a required part of the proposal is missing", () => {
    const content = { ...(row().content as Record<string, unknown>), summary: "" };
    db().update(proposals).set({ content }).where(eq(proposals.id, victims())).run();
    expect(respond()).toMatchObject({ ok: false, problem: "refused", message: expect.stringMatching(/^These required parts are not answered: Summary/) });
    expect(row().state).toBe("eligibility.clarificationRequested");
  });

  it("keeps partners fixed once the answer is in", async () => {
    expect(respond().ok).toBe(true);
    expect(statusOf(await invite(MK_PROSECUTION))).toBe(403);
  });
});
