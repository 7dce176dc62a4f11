import { gt } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import type { ProposalCommand } from "../../app/proposals/workflow.server";
import { applyProposalCommand } from "../../app/proposals/workflow.server";
import { outbox } from "../../db/schema";
import { KOSOVO_FOOTNOTE } from "../../workflows/countries";
import type { Actor } from "../../workflows/actors";
import {
  addPerson,
  admin,
  ALBANIAN_POLICE,
  at,
  completionReport,
  conceptNote,
  DAY,
  driveTo,
  eventsOf,
  KOSOVO_POLICE,
  leadApplicant,
  makeProposal,
  MK_PROSECUTION,
  partnerApplicant,
  proposalRow,
  setContent,
  T0,
} from "./builders";
import { useDatabase } from "../support/database";

// The mail each transition owes, as the outbox holds it after the command: who, which template,
// and what the recipient reads. Each test looks only at the rows its own command added.

const XK = "applicant.xk@taf.example";
const AL = "applicant.al@taf.example";
const MK = "applicant.mk@taf.example";
const ADMIN = "admin@taf.example";

useDatabase("demo");

beforeEach(async () => {
  // A second, active administrator; a deactivated one; a deactivated applicant of the lead.
  addPerson({ email: "admin.two@taf.example", name: "Second Administrator", role: "administrator" });
  addPerson({ email: "admin.gone@taf.example", name: "Former Administrator", role: "administrator", active: false });
  addPerson({ email: "applicant.xk.gone@taf.example", name: "Former Kosovo Applicant", role: "applicant", institution: KOSOVO_POLICE, active: false });
});

function lastOutboxId() {
  return db().select({ id: outbox.id }).from(outbox).orderBy(outbox.id).all().at(-1)?.id ?? 0;
}

/** Applies a command that must be accepted; returns the mail it put in the outbox. */
function mailOf(id: number, actor: Actor, command: ProposalCommand, now = T0) {
  const since = lastOutboxId();
  const outcome = applyProposalCommand({ proposalId: id, actor, command, now });
  expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true });
  return db().select().from(outbox).where(gt(outbox.id, since)).orderBy(outbox.id).all();
}

const toAdministrators = (template: string) => [`${template} → ${ADMIN}`, `${template} → admin.two@taf.example`].sort();

const toApplicants = (template: string) => [`${template} → ${XK}`, `${template} → ${AL}`].sort();

const sent = (mail: { template: string; recipient: string }[]) => mail.map((m) => `${m.template} → ${m.recipient}`).sort();

describe("the outbox holds exactly the messages a transition owes", () => {
  it("SUBMIT: a receipt to each active applicant of the lead and of confirmed partners, a notice to each active administrator", () => {
    const { id } = makeProposal({
      partners: [
        { institution: ALBANIAN_POLICE, status: "confirmed" },
        { institution: MK_PROSECUTION, status: "declined" },
      ],
    });
    const mail = mailOf(id, leadApplicant(), { type: "SUBMIT" });
    expect(sent(mail)).toEqual(
      [
        `proposal-submitted → ${XK}`,
        `proposal-submitted → ${AL}`,
        `proposal-to-decide → ${ADMIN}`,
        "proposal-to-decide → admin.two@taf.example",
      ].sort(),
    );
    expect(mail.every((m) => m.status === "pending" && m.attempts === 0)).toBe(true);
    // One key per message, tied to the event that owed it.
    const submitEvent = eventsOf(id).find((e) => e.type === "SUBMIT")!;
    expect(new Set(mail.map((m) => m.idempotencyKey)).size).toBe(mail.length);
    expect(mail.every((m) => m.idempotencyKey.startsWith(`proposal-event:${submitEvent.id}:`))).toBe(true);

    const { reference } = proposalRow(id);
    const lead = mail.find((m) => m.recipient === XK)!;
    const partner = mail.find((m) => m.recipient === AL)!;
    expect(lead.subject).toBe(`${reference} received: Joint action against drug trafficking on the Balkan route`);
    expect(lead.text).toContain("Your institution, Kosovo* Police, submitted");
    expect(partner.text).toContain("Your institution takes part in it as a partner.");
    // Only the countries that stand behind it: Albania and Kosovo*, not the declined one.
    expect(lead.text).toContain("Institutions from these countries stand behind the proposal: Albania and Kosovo*.");
    expect(lead.text).not.toMatch(/North Macedonia|Serbia/);
  });

  it("the submission receipt carries the Kosovo* footnote when Kosovo is among the countries, and not otherwise", () => {
    const withKosovo = mailOf(makeProposal().id, leadApplicant(), { type: "SUBMIT" }).find((m) => m.template === "proposal-submitted")!;
    expect(withKosovo.text).toContain(KOSOVO_FOOTNOTE);
    expect(withKosovo.html).toContain("This designation is without prejudice to positions on status");

    const { id } = makeProposal({
      lead: ALBANIAN_POLICE,
      createdBy: AL,
      title: "Joint action against firearms trafficking",
      partners: [{ institution: MK_PROSECUTION, status: "confirmed" }],
    });
    const withoutKosovo = mailOf(id, partnerApplicant(), { type: "SUBMIT" });
    expect(sent(withoutKosovo)).toEqual(
      // North Macedonia's country advisor follows the proposals of North Macedonia's institutions.
      [`proposal-submitted → ${AL}`, `proposal-submitted → ${MK}`, "proposal-submitted → advisor.mk@taf.example", `proposal-to-decide → ${ADMIN}`, "proposal-to-decide → admin.two@taf.example"].sort(),
    );
    for (const message of withoutKosovo) {
      expect(message.text).not.toContain(KOSOVO_FOOTNOTE);
      expect(message.text).not.toMatch(/kosovo/i);
    }
    expect(withoutKosovo.find((m) => m.recipient === AL)!.text).toContain("Albania and North Macedonia.");
  });

  it("eligibility: the outcome and its reason go to the applicants only; a clarification request carries its due date", () => {
    const id = driveTo("awaitingDecision");
    const question = mailOf(id, admin(), { type: "REQUEST_CLARIFICATION", question: "Which unit takes part?", dueAt: at(7 * DAY) });
    expect(sent(question)).toEqual(toApplicants("clarification-requested"));
    expect(question[0]!.text).toContain("Which unit takes part?");
    expect(question[0]!.text).toContain("9 March 2026, 10:00 (Brussels time)");

    const answer = mailOf(id, leadApplicant(), { type: "RESPOND", message: "The Anti-Drug Unit." }, at(DAY));
    expect(sent(answer)).toEqual(toAdministrators("proposal-to-decide"));
    // The answer is quoted, so the TAF team reads it before opening the proposal.
    expect(answer[0]!.text).toContain("The Anti-Drug Unit.");

    const declared = mailOf(id, admin(), { type: "DECLARE_INELIGIBLE", reason: "No Chapter 24 mandate for this activity." }, at(2 * DAY));
    expect(sent(declared)).toEqual(toApplicants("eligibility-outcome"));
    expect(declared[0]!.text).toContain("No Chapter 24 mandate for this activity.");

    const confirmed = mailOf(driveTo("awaitingDecision"), admin(), { type: "CONFIRM_ELIGIBLE", reason: "" });
    expect(sent(confirmed)).toEqual(toApplicants("eligibility-outcome"));
  });

  it("the review's internal steps tell no one; the decision goes to the applicants with the shared feedback, never the internal reason", () => {
    const id = driveTo("deciding");
    const decision = mailOf(id, admin(), {
      type: "DECIDE",
      outcome: "notSelected",
      reason: "Internal: the Serbian EU Delegation objected.",
      sharedFeedback: "Link the activities more closely to EMPACT.",
    });
    expect(sent(decision)).toEqual(toApplicants("selection-outcome"));
    for (const message of decision) {
      expect(message.text).toContain("Link the activities more closely to EMPACT.");
      expect(message.text).not.toContain("Serbian EU Delegation objected");
      expect(message.html).not.toContain("Serbian EU Delegation objected");
    }

    const promising = mailOf(driveTo("deciding"), admin(), { type: "DECIDE", outcome: "promising", reason: "Good fit.", sharedFeedback: "" });
    expect(sent(promising)).toEqual(toApplicants("selection-outcome"));
    expect(promising[0]!.subject).toMatch(/is selected/);

    // START_REVIEW and CLOSE_REVIEW were applied by driveTo: their events owed no mail.
    const silentEvents = eventsOf(id).filter((e) => ["START_REVIEW", "CLOSE_REVIEW", "ELIGIBILITY_CHECKED", "CREATE"].includes(e.type));
    const keys = db().select({ key: outbox.idempotencyKey }).from(outbox).all().map((r) => r.key);
    for (const event of silentEvents) expect(keys.filter((k) => k.startsWith(`proposal-event:${event.id}:`))).toEqual([]);
  });

  it("conceptual work: submitting tells the administrators; a revision request and the approval tell the applicants", () => {
    const id = driveTo("drafting");
    setContent(id, { conceptNote });
    expect(sent(mailOf(id, leadApplicant(), { type: "SUBMIT_CONCEPT" }))).toEqual(toAdministrators("proposal-to-decide"));
    const revision = mailOf(id, admin(), { type: "REQUEST_REVISION", reason: "Split the budget per activity." });
    expect(sent(revision)).toEqual(toApplicants("revision-requested"));
    expect(revision[0]!.text).toContain("concept note");
    expect(revision[0]!.text).toContain("Split the budget per activity.");
    // The administrators read the lead's answer to their request in the notice.
    const resubmitted = mailOf(id, leadApplicant(), { type: "SUBMIT_CONCEPT", answer: "Each activity has its own lines now.\nTravel is separate." });
    expect(sent(resubmitted)).toEqual(toAdministrators("proposal-to-decide"));
    expect(resubmitted[0]!.subject).toMatch(/^Revised concept note to review/);
    expect(resubmitted[0]!.text).toContain("answered your revision request:\n\n“Each activity has its own lines now.\n\nTravel is separate.”");
    expect(sent(mailOf(id, admin(), { type: "APPROVE_CONCEPT" }))).toEqual(toApplicants("concept-approved"));
  });

  it("implementation: started, on hold (with the reason), resumed, report revision and completed each tell the applicants", () => {
    const id = driveTo("awaitingStart");
    expect(sent(mailOf(id, admin(), { type: "START" }))).toEqual(toApplicants("implementation-update"));
    const hold = mailOf(id, admin(), { type: "HOLD", reason: "Elections in Kosovo." });
    expect(sent(hold)).toEqual(toApplicants("implementation-update"));
    expect(hold[0]!.text).toContain("Elections in Kosovo.");
    expect(sent(mailOf(id, admin(), { type: "RESUME" }))).toEqual(toApplicants("implementation-update"));
    setContent(id, { completionReport });
    expect(sent(mailOf(id, leadApplicant(), { type: "SUBMIT_REPORT" }))).toEqual(toAdministrators("proposal-to-decide"));
    const revision = mailOf(id, admin(), { type: "REQUEST_REVISION", reason: "Add the number of people trained." });
    expect(sent(revision)).toEqual(toApplicants("revision-requested"));
    expect(revision[0]!.text).toContain("completion report");
    mailOf(id, leadApplicant(), { type: "SUBMIT_REPORT" });
    expect(sent(mailOf(id, admin(), { type: "COMPLETE" }))).toEqual(toApplicants("implementation-update"));
  });

  it("a withdrawal tells the applicants and the administrators, with who withdrew and why", () => {
    const id = driveTo("reviewing");
    const mail = mailOf(id, leadApplicant(), { type: "WITHDRAW", reason: "Merged into a larger proposal." });
    expect(sent(mail)).toEqual(
      [`proposal-withdrawn → ${XK}`, `proposal-withdrawn → ${AL}`, `proposal-withdrawn → ${ADMIN}`, "proposal-withdrawn → admin.two@taf.example"].sort(),
    );
    expect(mail[0]!.text).toContain("Arben Krasniqi");
    expect(mail[0]!.text).toContain("Kosovo* Police");
    expect(mail[0]!.text).toContain("Merged into a larger proposal.");
  });

  it("a rejected concept and a cancelled implementation tell the applicants why, and not the TAF team that did it", () => {
    const concept = driveTo("drafting");
    const rejected = mailOf(concept, admin(), { type: "REJECT_CONCEPT", reason: "The activities duplicate an EMPACT action." });
    expect(sent(rejected)).toEqual(toApplicants("proposal-ended"));
    expect(rejected[0]!.subject).toContain("not approved");
    expect(rejected[0]!.text).toContain("The activities duplicate an EMPACT action.");
    const ongoing = driveTo("ongoing");
    mailOf(ongoing, admin(), { type: "HOLD", reason: "Elections." });
    const cancelled = mailOf(ongoing, admin(), { type: "CANCEL_IMPLEMENTATION", reason: "The partners left the project." });
    expect(sent(cancelled)).toEqual(toApplicants("proposal-ended"));
    expect(cancelled[0]!.subject).toContain("cancelled");
    expect(cancelled[0]!.text).toContain("The partners left the project.");
  });

  it("discarding a draft tells no one", () => {
    expect(mailOf(makeProposal().id, leadApplicant(), { type: "DISCARD" })).toEqual([]);
  });
});
