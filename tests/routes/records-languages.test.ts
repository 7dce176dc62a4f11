import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import * as root from "../../app/root";
import * as activities from "../../app/routes/admin.activities";
import * as auditLog from "../../app/routes/admin.audit";
import * as mailbox from "../../app/routes/admin.mailbox._index";
import { mailbox as receivedMail } from "../../db/schema";
import { useDatabase } from "../support/database";
import { load, signInAs, submit } from "../support/http";

// Issue 12 on the TAF team's records (mailbox, audit log, activities): their words, their
// counts and their dates in the language the administrator chose.

useDatabase("demo");

async function adminIn(language: string) {
  const session = await signInAs("admin@taf.example");
  const switched = (await load(root, `/admin?lng=${language}`, { cookie: session })) as Response;
  return `${session}; ${switched.headers.get("Set-Cookie")!.split(";")[0]!}`;
}

describe("the TAF team's records in another language", () => {
  it("shows the mailbox in Macedonian, times in Brussels time named in Macedonian", async () => {
    db()
      .insert(receivedMail)
      .values({ receivedAt: new Date(), envelopeFrom: "portal@taf.example", envelopeTo: "besa@kosovopolice.example", subject: "Propozimi juaj", text: "…", language: "sq" })
      .run();
    const page = (await load(mailbox, "/admin/mailbox", { cookie: await adminIn("mk") })) as Awaited<ReturnType<typeof mailbox.loader>>;
    expect(page.title).toBe("Поштенско сандаче · Портал TAF");
    expect(page.received.length).toBeGreaterThan(0);
    expect(page.received[0]).toMatchObject({ subject: "Propozimi juaj", languageName: "Shqip" });
    expect(page.received[0]!.receivedAt).toContain("(бриселско време)");
  });

  it("refuses to resend an unknown message in Albanian, and nothing is queued", async () => {
    const reply = await submit(mailbox, "/admin/mailbox", { outboxId: "999999" }, { cookie: await adminIn("sq") });
    expect(reply).toEqual({ error: "Ky mesazh nuk ndodhet në radhën e dërgimit. Ringarkoni faqen për të parë listën aktuale." });
  });

  it("names an unreadable date in the audit log's search in BCMS, and leaves that part out", async () => {
    const page = (await load(auditLog, "/admin/audit?from=30.11.2026", { cookie: await adminIn("sr-Latn") })) as Awaited<ReturnType<typeof auditLog.loader>>;
    expect(page.title).toBe("Revizijski dnevnik · Portal TAF");
    expect(page.problems).toEqual(["Napišite datum kako ga nudi kalendar, npr. 2026-11-30."]);
    expect(page.searched).toBe(false);
    // The entries too: when, who and what, in the reader's words.
    const entry = page.activity.rows[0]!;
    expect(entry.at).toMatch(/briselsko vrijeme/);
    expect(page.kinds.find((kind) => kind.value === "proposal:SUBMIT")?.label).toMatch(/^Prijedlog: /);
  });

  it("offers the activities' countries in Serbian Cyrillic, Kosovo* with its asterisk", async () => {
    const page = (await load(activities, "/admin/activities", { cookie: await adminIn("sr-Cyrl") })) as Awaited<ReturnType<typeof activities.loader>>;
    expect(page.countries.map((country) => country.label)).toContain("Србија");
    expect(page.countries.find((country) => country.value === "XK")?.label).toMatch(/\*$/);
  });
});
