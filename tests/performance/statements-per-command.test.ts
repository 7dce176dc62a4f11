import { gt } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { renderedFor } from "../../app/proposals/notifications.server";
import * as partnersPage from "../../app/routes/proposals.$proposalId.partners";
import * as partnershipPage from "../../app/routes/proposals.$proposalId.partnership";
import * as editPage from "../../app/routes/proposals.$proposalId.edit";
import * as submitPage from "../../app/routes/proposals.$proposalId.submit";
import * as newPage from "../../app/routes/proposals.new";
import { outbox } from "../../db/schema";
import { proposalSubmittedEmail } from "../../emails/templates/proposal-submitted";
import { filledForm } from "../../scripts/load/portal-client";
import { useDatabase } from "../support/database";
import { load, signInAs, submit } from "../support/http";
import { spyOnStatements } from "../support/statements";
import { addPerson, ALBANIAN_POLICE, institutionId, KOSOVO_POLICE, makeRound } from "../workflow-server/builders";

// What the write flow costs the database, step by step, as the pages without JavaScript drive it:
// start a draft, invite a partner, the partner confirms, fill in, preview, submit. Counts only
// (speed is the benchmark's, docs/performance.md). A submission owes mail to every applicant and
// advisor of the institutions taking part and to every administrator: the statements must not
// grow with them, so a query or an insert per recipient cannot come back.

useDatabase("demo");

type Step = "start" | "invite" | "confirm" | "edit page" | "save" | "submit page" | "submit";

/** Today's statements per step; a change that needs more must say why here. */
const BUDGET: Record<Step, number> = { start: 8, invite: 18, confirm: 14, "edit page": 6, save: 9, "submit page": 7, submit: 32 };

async function flow(roundId: number, title: string) {
  const lead = await signInAs("applicant.xk@taf.example");
  const partner = await signInAs("applicant.al@taf.example");
  const counted: Partial<Record<Step, number>> = {};
  async function step<T>(name: Step, run: () => Promise<T>) {
    const spy = spyOnStatements();
    const result = await run();
    counted[name] = spy.mock.calls.length;
    spy.mockRestore();
    return result;
  }
  const started = (await step("start", () =>
    submit(newPage, "/proposals/new", { roundId: String(roundId), institutionId: String(institutionId(KOSOVO_POLICE)), title }, { cookie: lead }),
  )) as Response;
  const id = started.headers.get("Location")!.match(/\/proposals\/(\d+)/)![1]!;
  const params = { proposalId: id };
  await step("invite", () => submit(partnersPage, `/proposals/${id}/partners`, { intent: "invite", institutionId: String(institutionId(ALBANIAN_POLICE)) }, { cookie: lead, params }));
  await step("confirm", () => submit(partnershipPage, `/proposals/${id}/partnership`, { intent: "confirm", statement: "Our unit brings its open cases." }, { cookie: partner, params }));
  const draft = (await step("edit page", () => load(editPage, `/proposals/${id}/edit`, { cookie: lead, params }))) as { revision: number };
  await step("save", () => submit(editPage, `/proposals/${id}/edit`, { intent: "save", revision: String(draft.revision), ...filledForm() }, { cookie: lead, params }));
  const preview = (await step("submit page", () => load(submitPage, `/proposals/${id}/submit`, { cookie: lead, params }))) as { version: number; revision: number };
  const mailBefore = db().select({ id: outbox.id }).from(outbox).orderBy(outbox.id).all().at(-1)?.id ?? 0;
  const sent = (await step("submit", () =>
    submit(submitPage, `/proposals/${id}/submit`, { intent: "submit", version: String(preview.version), revision: String(preview.revision) }, { cookie: lead, params }),
  )) as Response;
  expect(sent.headers.get("Location")).toBe(`/proposals/${id}?notice=submitted`);
  const mail = db().select().from(outbox).where(gt(outbox.id, mailBefore)).all();
  return { counted: counted as Record<Step, number>, mail };
}

describe("the write flow's statements", () => {
  it("stays within its budget per step, and no step's statements grow with the people who get its mail", async () => {
    const round = makeRound();
    // Once first: what a connection prepares once is not a step's cost.
    await flow(round.id, "Warm-up");
    const few = await flow(round.id, "Joint investigations, few recipients");
    for (let i = 0; i < 15; i++) {
      addPerson({ email: `second.xk.${i}@taf.example`, name: `Second Applicant ${i}`, role: "applicant", institution: KOSOVO_POLICE });
      addPerson({ email: `second.al.${i}@taf.example`, name: `Second Applicant ${i}`, role: "applicant", institution: ALBANIAN_POLICE });
      addPerson({ email: `second.admin.${i}@taf.example`, name: `Second Administrator ${i}`, role: "administrator" });
    }
    const many = await flow(round.id, "Joint investigations, many recipients");
    console.log(Object.entries(few.counted).map(([step, n]) => `${step}: ${n} statements`).join(", "), `; ${few.mail.length} → ${many.mail.length} messages`);

    expect(many.mail.length).toBe(few.mail.length + 45);
    // The invitation goes to every applicant of the partner, the answer to every applicant of the lead, the receipts to all.
    for (const step of ["invite", "confirm", "submit"] as const) expect(many.counted[step], step).toBe(few.counted[step]);
    for (const [step, budget] of Object.entries(BUDGET)) expect(few.counted[step as Step], step).toBeLessThanOrEqual(budget);
    // Every message owed once: one per recipient and template.
    expect(new Set(many.mail.map((m) => `${m.template}:${m.recipient}`)).size).toBe(many.mail.length);
    const receipt = many.mail.find((m) => m.recipient === "second.al.3@taf.example" && m.template === "proposal-submitted")!;
    expect(receipt.text).toContain("Dear Second Applicant 3,");
  }, 60_000);
});

describe("mail rendered once for a group", () => {
  it("reads for each recipient exactly as if it were written for them alone", () => {
    const facts = {
      appUrl: "https://taf.example",
      reference: "TAF-2026-R1-007",
      title: "Joint investigations",
      roundTitle: "First call",
      leadInstitutionName: KOSOVO_POLICE,
      countries: ["Kosovo*", "Albania"],
      submittedAt: new Date("2026-03-02T10:00:00Z"),
      proposalUrl: "https://taf.example/proposals/7",
    };
    const people: Parameters<typeof renderedFor>[0] = [
      { userId: 1, name: "Arta Krasniqi", email: "a@x", locale: "sq", institutionId: 1 },
      { userId: 2, name: "O'Brien <Research & $& Co>", email: "b@x", locale: "sq", institutionId: 1 },
      { userId: 3, name: "Dragan Kosovo", email: "c@x", locale: "sr-Latn", institutionId: 2 },
      { userId: 4, name: "Ana $1 Petrović", email: "d@x", locale: "sr-Latn", institutionId: 2 },
      { userId: 5, name: "Elena", email: "e@x", locale: "mk", institutionId: null, asAdvisor: true },
      { userId: 6, name: "Mark", email: "f@x", locale: null, institutionId: 1 },
    ];
    const render = (r: (typeof people)[number]) =>
      proposalSubmittedEmail({ ...facts, recipientName: r.name, isLead: r.institutionId === 1, asAdvisor: r.asAdvisor, language: (r.locale ?? "en") as "en" });
    expect(renderedFor(people, render)).toEqual(people.map(render));
  });
});

