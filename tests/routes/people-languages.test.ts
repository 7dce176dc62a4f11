import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, users } from "../../db/schema";
import { db } from "../../app/db.server";
import * as root from "../../app/root";
import * as personPage from "../../app/routes/admin.people.$userId";
import * as people from "../../app/routes/admin.people._index";
import * as invite from "../../app/routes/admin.people.invite";
import { usualLanguageOf } from "../../app/people/person";
import { load, signInAs, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { institutionId } from "../workflow-server/builders";

// Issue 12 on the people pages: the pages answer in the administrator's language, and an
// invitation is written in the language chosen for the invited person.

useDatabase("demo");

/** The Cookie header of an administrator's session whose browser was switched to `language`. */
async function adminIn(language: string) {
  const session = await signInAs("admin@taf.example");
  const switched = (await load(root, `/admin?lng=${language}`, { cookie: session })) as Response;
  return `${session}; ${switched.headers.get("Set-Cookie")!.split(";")[0]!}`;
}

const invitation = (email: string, institution: string, locale?: string) => ({
  name: "Elena Stojanovska",
  email,
  jobTitle: "",
  role: "applicant",
  institutionId: String(institutionId(institution)),
  countryCode: "",
  affiliation: "",
  ...(locale ? { locale } : {}),
});

type Reply = { result: { error?: Record<string, string[] | null> } };

describe("the first invitation in the invitee's language", () => {
  it("writes the invitation in Macedonian when Macedonian is chosen, and keeps it as the account's language", async () => {
    const email = "elena.stojanovska@mvr.example";
    await submit(invite, "/admin/people/invite", invitation(email, "Ministry of Interior of North Macedonia", "mk"), { cookie: await adminIn("en") });
    expect(db().select().from(users).where(eq(users.email, email)).get()?.locale).toBe("mk");
    const mail = db().select().from(outbox).where(eq(outbox.recipient, email)).all();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ locale: "mk", subject: "Поканети сте на порталот TAF" });
    expect(mail[0]!.text).toContain("Северна Македонија");
  });

  it("sends the invitation again in the account's language", async () => {
    const email = "drita.berisha@kp.example";
    await submit(invite, "/admin/people/invite", invitation(email, "Kosovo* Police", "sq"), { cookie: await adminIn("en") });
    const id = String(db().select().from(users).where(eq(users.email, email)).get()!.id);
    await submit(personPage, `/admin/people/${id}`, { intent: "resendInvitation" }, { cookie: await adminIn("en"), params: { userId: id } });
    const subjects = db().select().from(outbox).where(eq(outbox.recipient, email)).all().map((row) => [row.locale, row.subject]);
    expect(subjects).toEqual([
      ["sq", "Jeni ftuar në portalin TAF"],
      ["sq", "Jeni ftuar në portalin TAF"],
    ]);
  });

  it("refuses a language the portal does not have, in the administrator's language, and opens no account", async () => {
    const email = "someone@mup.example";
    const reply = (await submit(invite, "/admin/people/invite", invitation(email, "Kosovo* Police", "de"), { cookie: await adminIn("sr-Latn") })) as Reply;
    expect(reply.result.error?.locale).toEqual(["Izaberite jezik poziva."]);
    expect(db().select().from(users).where(eq(users.email, email)).get()).toBeUndefined();
  });

  it("proposes the language usually spoken in the institution's country, the Latin script for the BCMS countries", () => {
    expect(["AL", "XK", "MK", "RS", "BA", "ME"].map(usualLanguageOf)).toEqual(["sq", "sq", "mk", "sr-Latn", "sr-Latn", "sr-Latn"]);
    expect(usualLanguageOf(null)).toBeNull();
  });

  it("offers the administrator's own language first, and names the page in it", async () => {
    const page = (await load(invite, "/admin/people/invite", { cookie: await adminIn("mk") })) as Awaited<ReturnType<typeof invite.loader>>;
    expect(page.pageLanguage).toBe("mk");
    expect(page.title).toBe("Поканете лице · Портал TAF");
  });

  it("answers the invite form's mistakes in Albanian", async () => {
    const reply = (await submit(invite, "/admin/people/invite", { name: "", email: "x", role: "applicant" }, { cookie: await adminIn("sq") })) as Reply;
    expect(reply.result.error?.name).toEqual(["Shkruani emrin e plotë të personit."]);
    expect(reply.result.error?.institutionId).toEqual(["Aplikanti i përket një institucioni: zgjidheni atë."]);
  });
});

describe("the people pages in another language", () => {
  it("names the list of people in BCMS", async () => {
    const page = (await load(people, "/admin/people?role=reviewer", { cookie: await adminIn("sr-Latn") })) as Awaited<ReturnType<typeof people.loader>>;
    expect(page.title).toBe("Osobe · Portal TAF");
    expect(page.pages.total).toBe(2);
  });

  it("shows a person's page in Serbian Cyrillic: the activity's words and dates, and the refusals", async () => {
    const cookie = await adminIn("sr-Cyrl");
    await submit(invite, "/admin/people/invite", invitation("milan.jovanovic@mup.example", "Kosovo* Police", "sr-Cyrl"), { cookie });
    const invited = String(db().select().from(users).where(eq(users.email, "milan.jovanovic@mup.example")).get()!.id);
    const page = (await load(personPage, `/admin/people/${invited}`, { cookie, params: { userId: invited } })) as Awaited<ReturnType<typeof personPage.loader>>;
    expect(page.person.createdAt).toContain("(бриселско време)");
    expect(page.activity.map((entry) => entry.what)).toEqual(["Позван"]);
    const id = String(db().select().from(users).where(eq(users.email, "admin@taf.example")).get()!.id);
    const reply = (await submit(personPage, `/admin/people/${id}`, { intent: "deactivate", confirm: "on" }, { cookie, params: { userId: id } })) as Reply;
    expect(reply.result.error?.[""]).toEqual(["Не можете деактивирати свој налог. Други администратор то може учинити."]);
  });
});
