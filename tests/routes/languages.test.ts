import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, users } from "../../db/schema";
import { DEMO_PASSWORD } from "../../app/demo/demo.server";
import { db } from "../../app/db.server";
import * as root from "../../app/root";
import * as login from "../../app/routes/login";
import * as forgotPassword from "../../app/routes/forgot-password";
import * as privacy from "../../app/routes/privacy";
import { load, signInAs, statusOf, submit } from "../support/http";
import { useDatabase } from "../support/database";

useDatabase("demo");

/** The Cookie header a browser sends after `?lng=` set its language. */
async function languageCookie(language: string) {
  const response = (await load(root, `/login?lng=${language}`)) as Response;
  return response.headers.get("Set-Cookie")!.split(";")[0]!;
}

function localeOf(email: string) {
  return db().select({ locale: users.locale }).from(users).where(eq(users.email, email)).get()!.locale;
}

function lastMailTo(email: string) {
  return db().select().from(outbox).where(eq(outbox.recipient, email)).all().at(-1)!;
}

type Titled = { title: string };

describe("choosing the language", () => {
  it("answers a first visit in the browser's language, and in English when it speaks none of the five", async () => {
    expect(((await load(login, "/login", { headers: { "Accept-Language": "sq-AL,sq;q=0.9,en;q=0.5" } })) as Titled).title).toBe("Hyrja · Portali TAF");
    expect(((await load(login, "/login", { headers: { "Accept-Language": "hr-HR,hr;q=0.9" } })) as Titled).title).toBe("Prijava · Portal TAF");
    expect(((await load(login, "/login", { headers: { "Accept-Language": "de-DE,fr;q=0.5" } })) as Titled).title).toBe("Sign in · TAF portal");
  });

  it("switches with ?lng= on any page, comes back to the same address without it, and keeps the choice over the browser's", async () => {
    const response = (await load(root, "/privacy?lng=mk&from=footer")) as Response;
    expect(statusOf(response)).toBe(302);
    expect(response.headers.get("Location")).toBe("/privacy?from=footer");
    const cookie = response.headers.get("Set-Cookie")!.split(";")[0]!;
    const page = (await load(privacy, "/privacy", { cookie, headers: { "Accept-Language": "sq" } })) as Titled;
    expect(page.title).toBe("Известување за приватност · Портал TAF");
  });

  it("ignores a language it does not offer, and offers the pseudo-language only where enabled", async () => {
    for (const tag of ["de", "en-XA"]) {
      const response = (await load(root, `/login?lng=${tag}`)) as Response;
      expect(response.headers.get("Location")).toBe("/login");
      expect(response.headers.get("Set-Cookie")).toBeNull();
    }
  });

  it("keeps a signed-in person's choice on the account, and brings it back when they sign in on another browser", async () => {
    const session = await signInAs("applicant.al@taf.example");
    await load(root, "/?lng=sq", { cookie: session });
    expect(localeOf("applicant.al@taf.example")).toBe("sq");

    const elsewhere = (await submit(login, "/login", { email: "applicant.al@taf.example", password: DEMO_PASSWORD })) as Response;
    expect(statusOf(elsewhere)).toBe(302);
    const cookie = elsewhere.headers.getSetCookie().find((header) => header.startsWith("taf_lng="))!.split(";")[0]!;
    expect(((await load(privacy, "/privacy", { cookie })) as Titled).title).toBe("Njoftimi për privatësinë · Portali TAF");
  });

  it("puts a language chosen before signing in onto an account that has none, and not over one that has", async () => {
    const cookie = await languageCookie("sr-Cyrl");
    await submit(login, "/login", { email: "applicant.rs@taf.example", password: DEMO_PASSWORD }, { cookie });
    expect(localeOf("applicant.rs@taf.example")).toBe("sr-Cyrl");
    await submit(login, "/login", { email: "applicant.rs@taf.example", password: DEMO_PASSWORD }, { cookie: await languageCookie("mk") });
    expect(localeOf("applicant.rs@taf.example")).toBe("sr-Cyrl");
  });
});

describe("forgot password in Macedonian", () => {
  it("says what is wrong in Macedonian, changes nothing, and keeps what was typed", async () => {
    const cookie = await languageCookie("mk");
    const before = db().select().from(outbox).all().length;
    const reply = (await submit(forgotPassword, "/forgot-password", { email: "applicant.mk@" }, { cookie })) as {
      sent: boolean;
      result: { error: Record<string, string[]>; initialValue: Record<string, string> };
    };
    expect(reply.sent).toBe(false);
    expect(reply.result.error.email).toEqual(["Внесете ја Вашата е-адреса, на пример name@police.gov.rs."]);
    expect(reply.result.initialValue.email).toBe("applicant.mk@");
    expect(db().select().from(outbox).all()).toHaveLength(before);
  });

  it("mails the link in Macedonian, with the Brussels time named in Macedonian, and the outbox says so", async () => {
    const cookie = await languageCookie("mk");
    await submit(forgotPassword, "/forgot-password", { email: "applicant.mk@taf.example" }, { cookie });
    const mail = lastMailTo("applicant.mk@taf.example");
    expect(mail.locale).toBe("mk");
    expect(mail.subject).toBe("Изберете нова лозинка за порталот TAF");
    expect(mail.text).toContain("Врската работи еднаш и истекува на");
    expect(mail.text).toContain("(бриселско време)");
    expect(mail.text).toContain("Ја добивате оваа порака затоа што имате сметка на порталот TAF: http://localhost:3000");
    expect(mail.html).toContain('<html lang="mk">');
  });

  it("writes to a person who chose a language in theirs, whatever the page was read in", async () => {
    db().update(users).set({ locale: "sq" }).where(eq(users.email, "reviewer.eu@taf.example")).run();
    await submit(forgotPassword, "/forgot-password", { email: "reviewer.eu@taf.example" }, { cookie: await languageCookie("mk") });
    const mail = lastMailTo("reviewer.eu@taf.example");
    expect(mail.locale).toBe("sq");
    expect(mail.subject).toBe("Zgjidhni një fjalëkalim të ri për portalin TAF");
  });

  it("still writes in English by default", async () => {
    await submit(forgotPassword, "/forgot-password", { email: "advisor.mk@taf.example" });
    const mail = lastMailTo("advisor.mk@taf.example");
    expect(mail.locale).toBe("en");
    expect(mail.subject).toBe("Choose a new password for the TAF portal");
  });
});
