import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, users } from "../../db/schema";
import { db } from "../../app/db.server";
import * as root from "../../app/root";
import * as send from "../../app/routes/proposals.$proposalId.submit";
import { load, signInAs, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { makeProposal } from "../workflow-server/builders";

// Mail goes out in each recipient's own language, whoever acted: the lead's applicant submits
// in English, the partner's applicant, whose account is in Albanian, reads the confirmation in
// Albanian.

useDatabase("demo");

type Preview = Awaited<ReturnType<typeof send.loader>>;

function submissionMailTo(email: string, proposalId: number) {
  return db()
    .select()
    .from(outbox)
    .where(and(eq(outbox.recipient, email), eq(outbox.template, "proposal-submitted")))
    .all()
    .filter((mail) => mail.idempotencyKey.includes(":proposal-submitted:") && mail.html.includes(`/proposals/${proposalId}`));
}

describe("the submission e-mail in the recipient's language", () => {
  it("reaches an applicant whose account is in Albanian in Albanian, and an English one in English", async () => {
    const partner = await signInAs("applicant.al@taf.example");
    // The partner's applicant chose Albanian on a page: the choice is kept on the account.
    await load(root, "/?lng=sq", { cookie: partner });
    expect(db().select({ locale: users.locale }).from(users).where(eq(users.email, "applicant.al@taf.example")).get()!.locale).toBe("sq");

    const lead = await signInAs("applicant.xk@taf.example");
    const proposal = makeProposal({ title: "Joint controls of heroin routes" });
    const params = { proposalId: String(proposal.id) };
    const page = (await load(send, `/proposals/${proposal.id}/submit`, { cookie: lead, params })) as Preview;
    await submit(send, `/proposals/${proposal.id}/submit`, { intent: "submit", version: String(page.version), revision: String(page.revision) }, { cookie: lead, params });

    const [albanian] = submissionMailTo("applicant.al@taf.example", proposal.id);
    expect(albanian).toMatchObject({ locale: "sq" });
    expect(albanian!.subject).toMatch(/ u pranua: Joint controls of heroin routes$/);
    expect(albanian!.text).toContain("I/E nderuar");
    expect(albanian!.text).toContain("Çfarë ndodh më pas");
    expect(albanian!.text).toContain("(ora e Brukselit)");
    expect(albanian!.html).toContain('<html lang="sq">');
    expect(albanian!.text).not.toContain("What happens next");

    const [english] = submissionMailTo("applicant.xk@taf.example", proposal.id);
    expect(english).toMatchObject({ locale: "en" });
    expect(english!.subject).toMatch(/ received: Joint controls of heroin routes$/);
    expect(english!.text).toContain("What happens next");
    expect(english!.text).not.toContain("Çfarë ndodh më pas");
  });
});
