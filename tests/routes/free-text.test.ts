import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { lineText, multiLine, singleLine } from "../../app/free-text-schema";
import * as comments from "../../app/routes/proposals.$proposalId.comments";
import * as invite from "../../app/routes/admin.people.invite";
import { institutions, proposalComments as commentRows, users } from "../../db/schema";
import { signInAs, statusOf, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { demoProposalId } from "../workflow-server/builders";

// Text nobody types on purpose is refused beside its field, the rest of what was typed kept:
// control characters anywhere, line breaks in a single line, and in names and titles the
// invisible characters that reorder letters ("‮gnp.pdf" shows as "fdp.png").

useDatabase("demo");

type Reply = { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } };

const RLO = "\u202e";
const ZERO_WIDTH = "\u200b";

describe("the one free-text helper", () => {
  it("refuses control characters in any text, and line breaks, tabs, bidi and zero-width characters in a single line", () => {
    for (const text of ["a\u0000b", "a\u001bb", "a\u007fb", "a\u0085b"]) {
      expect(multiLine().safeParse(text).error?.issues[0]?.message).toBe("validation.untypableCharacter");
      expect(singleLine().safeParse(text).success).toBe(false);
    }
    for (const text of ["two\nlines", "two\r\nlines", "a\ttab", "a\u2028b"]) expect(singleLine().safeParse(text).error?.issues[0]?.message).toBe("validation.lineBreakInALine");
    expect(singleLine().parse("Besnik Gashi\t\r\n")).toBe("Besnik Gashi");
    for (const text of [`${RLO}gnp.pdf`, `Ana${ZERO_WIDTH}Petrović`, "a\u2066b\u2069", "Ti\ufefftle", "a\u200fb"]) {
      expect(lineText(300).safeParse(text).error?.issues[0]?.message).toBe("validation.spoofingCharacter");
    }
    expect(multiLine().parse("First paragraph.\r\n\r\n\tSecond, with a tab.")).toBe("First paragraph.\n\n\tSecond, with a tab.");
    expect(singleLine().parse("Ministarstvo unutrašnjih poslova – Kosovo*")).toBe("Ministarstvo unutrašnjih poslova – Kosovo*");
  });
});

describe("forms refuse such text beside the field and keep what was typed", () => {
  it("a comment with a NUL character", async () => {
    const id = demoProposalId("stolenVehicles");
    const before = db().select({ n: count() }).from(commentRows).get()!.n;
    const reply = (await submit(comments, `/proposals/${id}/comments`, { body: "Agreed.\u0000 See you in Tirana." }, { cookie: await signInAs("applicant.al@taf.example"), params: { proposalId: String(id) } })) as Reply;
    expect(reply.result.error.body?.[0]).toMatch(/invisible control character/);
    expect(reply.result.initialValue.body).toBe("Agreed.\u0000 See you in Tirana.");
    expect(db().select({ n: count() }).from(commentRows).get()!.n).toBe(before);
  });

  it("a person's name with a line break, and one with a direction override", async () => {
    const admin = await signInAs("admin@taf.example");
    const kosovoPolice = db().select({ id: institutions.id }).from(institutions).where(eq(institutions.name, "Kosovo* Police")).get()!.id;
    const person = (name: string, email: string) => ({ name, email, jobTitle: "Inspector", role: "applicant", institutionId: String(kosovoPolice), countryCode: "" });
    const broken = (await submit(invite, "/admin/people/invite", person("Besnik\r\nBcc: everyone@example.org", "besnik@kosovopolice.example"), { cookie: admin })) as Reply;
    expect(broken.result.error.name?.[0]).toMatch(/single line/);
    const spoofed = (await submit(invite, "/admin/people/invite", person(`Besnik ${RLO}ihsaG`, "besnik@kosovopolice.example"), { cookie: admin })) as Reply;
    expect(spoofed.result.error.name?.[0]).toMatch(/changes the order or direction/);
    expect(spoofed.result.initialValue.email).toBe("besnik@kosovopolice.example");
    expect(db().select().from(users).where(eq(users.email, "besnik@kosovopolice.example")).all()).toHaveLength(0);
    expect(statusOf(await submit(invite, "/admin/people/invite", person("Besnik Gashi", "besnik@kosovopolice.example"), { cookie: admin }))).toBe(302);
  });
});
