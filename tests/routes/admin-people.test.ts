import { count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { spyOnStatements } from "../support/statements";
import { auditLog, memberships, outbox, sessions, tokens, users } from "../../db/schema";
import { db } from "../../app/db.server";
import * as account from "../../app/routes/account";
import * as personPage from "../../app/routes/admin.people.$userId";
import * as people from "../../app/routes/admin.people._index";
import * as invite from "../../app/routes/admin.people.invite";
import * as setPassword from "../../app/routes/set-password.$token";
import type { Route } from "../support/http";
import { load, signInAs, statusOf, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { institutionId, userId } from "../workflow-server/builders";

let admin: string;
let applicant: string;

useDatabase("demo");

beforeEach(async () => {
  admin = await signInAs("admin@taf.example");
  applicant = await signInAs("applicant.xk@taf.example");
});

function userByEmail(email: string) {
  return db().select().from(users).where(eq(users.email, email)).get();
}

function tableCounts() {
  return Object.fromEntries(
    Object.entries({ users, memberships, tokens, outbox, auditLog, sessions }).map(([name, table]) => [name, db().select({ n: count() }).from(table).get()!.n]),
  );
}

function location(result: unknown) {
  expect(result).toBeInstanceOf(Response);
  return (result as Response).headers.get("Location");
}

type Reply = { intent?: string; result: { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } };

function setPasswordLinks(email: string) {
  return db()
    .select()
    .from(outbox)
    .where(eq(outbox.recipient, email))
    .orderBy(outbox.id)
    .all()
    .map((row) => /\/set-password\/([A-Za-z0-9_-]+)/.exec(row.text)?.[1]);
}

const validInvite = (email: string) => ({
  name: "Besnik Gashi",
  email,
  jobTitle: "Inspector, Directorate against Organised Crime",
  role: "applicant",
  institutionId: String(institutionId("Kosovo* Police")),
  countryCode: "",
  affiliation: "",
});

describe("who may use the people pages", () => {
  const theAdministrator = () => String(userId("admin@taf.example"));
  const pages: [string, Route, () => [string, Record<string, string>?]][] = [
    ["list", people, () => ["/admin/people"]],
    ["invite", invite, () => ["/admin/people/invite"]],
    ["person", personPage, () => [`/admin/people/${theAdministrator()}`, { userId: theAdministrator() }]],
  ];
  for (const [name, route, where] of pages) {
    it(`${name}: an applicant gets 403 and a signed-out visitor is sent to sign in`, async () => {
      const [path, params] = where();
      expect(statusOf(await load(route, path, { cookie: applicant, params }))).toBe(403);
      expect(location(await load(route, path, { params }))).toMatch(/^\/login/);
      if (route.action) {
        const before = tableCounts();
        expect(statusOf(await submit(route, path, { ...validInvite("intruder@example.org"), intent: "deactivate", confirm: "on" }, { cookie: applicant, params }))).toBe(403);
        expect(location(await submit(route, path, { intent: "deactivate", confirm: "on" }, { params }))).toMatch(/^\/login/);
        expect(tableCounts()).toEqual(before);
      }
    });
  }
});

describe("the list of people", () => {
  type ListData = { people: { name: string; email: string; status: string; roles: { role: string; countryName: string | null; countryNeedsFootnote: boolean }[] }[]; pages: { total: number; pageCount: number } };

  it("lists everyone with their roles in words, Kosovo* flagged for its footnote", async () => {
    const data = (await load(people, "/admin/people", { cookie: admin })) as ListData;
    expect(data.pages.total).toBeGreaterThanOrEqual(10);
    const arben = data.people.find((p) => p.email === "applicant.xk@taf.example")!;
    expect(arben.status).toBe("active");
    expect(arben.roles).toEqual([
      { role: "applicant", institutionId: expect.any(Number), institutionName: "Kosovo* Police", countryCode: "XK", countryName: "Kosovo", countryNeedsFootnote: true, affiliation: null },
    ]);
    // Password hashes never leave the server.
    expect(JSON.stringify(data)).not.toMatch(/argon2|passwordHash/);
    const advisor = data.people.find((p) => p.email === "advisor.mk@taf.example")!;
    expect(advisor.roles[0]).toMatchObject({ role: "countryAdvisor", countryName: "North Macedonia" });
  });

  it("searches by name or e-mail and filters by role and status", async () => {
    const byName = (await load(people, "/admin/people?q=krasniqi", { cookie: admin })) as ListData;
    expect(byName.people.map((p) => p.email)).toEqual(["applicant.xk@taf.example"]);
    const byEmail = (await load(people, "/admin/people?q=reviewer.", { cookie: admin })) as ListData;
    expect(byEmail.people).toHaveLength(2);
    const reviewers = (await load(people, "/admin/people?role=reviewer", { cookie: admin })) as ListData;
    expect(reviewers.people.every((p) => p.roles.some((r) => r.role === "reviewer"))).toBe(true);
    expect(reviewers.pages.total).toBe(2);
    const literal = (await load(people, "/admin/people?q=%25", { cookie: admin })) as ListData;
    expect(literal.pages.total).toBe(0);
  });

  it("runs the same few queries however many people there are, and pages by 50", async () => {
    const statements = () => {
      const spy = spyOnStatements();
      return {
        count: () => {
          const n = spy.mock.calls.length;
          spy.mockRestore();
          return n;
        },
      };
    };
    let counter = statements();
    await load(people, "/admin/people", { cookie: admin });
    const few = counter.count();

    const xk = institutionId("Kosovo* Police");
    db().transaction((tx) => {
      for (let i = 0; i < 120; i++) {
        const user = tx.insert(users).values({ email: `bulk${i}@example.org`, name: `Bulk Person ${String(i).padStart(3, "0")}` }).returning().get();
        tx.insert(memberships).values({ userId: user.id, role: "applicant", institutionId: xk }).run();
      }
    });
    counter = statements();
    const data = (await load(people, "/admin/people", { cookie: admin })) as ListData;
    expect(counter.count()).toBe(few);
    expect(few).toBeGreaterThanOrEqual(2);
    expect(few).toBeLessThanOrEqual(4);
    expect(data.people).toHaveLength(50);
    expect(data.pages.pageCount).toBe(Math.ceil(data.pages.total / 50));

    const last = (await load(people, `/admin/people?q=bulk&page=3`, { cookie: admin })) as ListData;
    expect(last.pages.total).toBe(120);
    expect(last.people).toHaveLength(20);
    expect(last.people[0]!.name).toBe("Bulk Person 100");
  });
});

describe("inviting a person", () => {
  it("opens the account, mails one single-use link and records it, in one go", async () => {
    const before = tableCounts();
    const result = await submit(invite, "/admin/people/invite", validInvite("Besnik.Gashi@Kosovopolice.example"), { cookie: admin });
    const user = userByEmail("besnik.gashi@kosovopolice.example");
    expect(user).toBeDefined();
    expect(user!.passwordHash).toBeNull();
    expect(location(result)).toBe(`/admin/people/${user!.id}?notice=invited`);

    expect(db().select().from(memberships).where(eq(memberships.userId, user!.id)).all()).toEqual([
      expect.objectContaining({ role: "applicant", institutionId: institutionId("Kosovo* Police"), countryCode: null, affiliation: null }),
    ]);
    expect(db().select().from(tokens).where(eq(tokens.userId, user!.id)).all()).toEqual([expect.objectContaining({ purpose: "invitation", usedAt: null })]);
    const mail = db().select().from(outbox).where(eq(outbox.recipient, user!.email)).all();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain("http://localhost:3000/set-password/");
    expect(mail[0]!.text).toContain("Anna Keller has invited you");
    expect(mail[0]!.text).toContain("Kosovo*");
    const entries = db().select().from(auditLog).where(eq(auditLog.subjectId, String(user!.id))).all();
    expect(entries).toEqual([expect.objectContaining({ action: "personInvited", subjectType: "user", actorUserId: userByEmail("admin@taf.example")!.id })]);
    const after = tableCounts();
    expect([after.users! - before.users!, after.memberships! - before.memberships!, after.tokens! - before.tokens!, after.outbox! - before.outbox!]).toEqual([1, 1, 1, 1]);

    const link = setPasswordLinks(user!.email)[0]!;
    expect(await load(setPassword, `/set-password/${link}`, { params: { token: link } })).toMatchObject({ ok: true, invitation: true });

    const page = (await load(personPage, `/admin/people/${user!.id}?notice=invited`, { cookie: admin, params: { userId: String(user!.id) } })) as {
      person: { status: string };
      activity: { what: string }[];
    };
    expect(page.person.status).toBe("invited");
    expect(page.activity.map((a) => a.what)).toEqual(["Invited"]);
  });

  it("stores only what the role needs: a reviewer with an affiliation, a country advisor with a country", async () => {
    await submit(invite, "/admin/people/invite", { ...validInvite("dg.home@ec.example"), role: "reviewer", affiliation: "DG HOME" }, { cookie: admin });
    const reviewer = userByEmail("dg.home@ec.example")!;
    expect(db().select().from(memberships).where(eq(memberships.userId, reviewer.id)).get()).toMatchObject({ role: "reviewer", institutionId: null, affiliation: "DG HOME" });
    await submit(invite, "/admin/people/invite", { ...validInvite("ect.xk@taf.example"), role: "countryAdvisor", countryCode: "XK" }, { cookie: admin });
    const advisor = userByEmail("ect.xk@taf.example")!;
    expect(db().select().from(memberships).where(eq(memberships.userId, advisor.id)).get()).toMatchObject({ role: "countryAdvisor", institutionId: null, countryCode: "XK" });
  });

  // Built inside each test: the demo institutions exist only once beforeAll has run.
  const refused: [string, () => Record<string, string>, string][] = [
    ["a malformed e-mail address", () => validInvite("not-an-address"), "email"],
    ["an applicant without an institution", () => ({ ...validInvite("new.person@example.org"), institutionId: "" }), "institutionId"],
    ["an institution that does not exist", () => ({ ...validInvite("new.person@example.org"), institutionId: "99999" }), "institutionId"],
    ["a country advisor without a country", () => ({ ...validInvite("new.person@example.org"), role: "countryAdvisor" }), "countryCode"],
    ["a reviewer without an affiliation", () => ({ ...validInvite("new.person@example.org"), role: "reviewer", affiliation: "  " }), "affiliation"],
    ["an address that already has an account", () => validInvite("APPLICANT.AL@taf.example"), "email"],
  ];
  for (const [what, formFor, field] of refused) {
    it(`refuses ${what}: the error is next to the field, what was typed comes back, nothing is written`, async () => {
      const form = formFor();
      const before = tableCounts();
      const result = (await submit(invite, "/admin/people/invite", form, { cookie: admin })) as Reply;
      expect(statusOf(result)).toBe(200);
      expect(result.result.error?.[field]?.length).toBeGreaterThan(0);
      expect(result.result.initialValue).toMatchObject({ name: "Besnik Gashi", jobTitle: form.jobTitle, email: form.email });
      expect(tableCounts()).toEqual(before);
    });
  }

  it("reports every missing part at once", async () => {
    const result = (await submit(invite, "/admin/people/invite", { name: "", email: "x", role: "applicant" }, { cookie: admin })) as Reply;
    expect(Object.keys(result.result.error ?? {}).sort()).toEqual(["email", "institutionId", "name"]);
  });

  it("offers only active institutions", async () => {
    const data = (await load(invite, "/admin/people/invite", { cookie: admin })) as { institutions: { active: boolean }[]; countries: unknown[] };
    expect(data.institutions.length).toBeGreaterThan(10);
    expect(data.institutions.every((i) => i.active)).toBe(true);
    expect(data.countries).toHaveLength(6);
  });
});

describe("a person's page", () => {
  const params = (id: number) => ({ params: { userId: String(id) } });

  it("answers 404 for an unknown or malformed id", async () => {
    for (const id of ["999999", "abc", "0", "1.5", "-1"]) {
      expect(statusOf(await load(personPage, `/admin/people/${id}`, { cookie: admin, params: { userId: id } }))).toBe(404);
    }
    expect(statusOf(await submit(personPage, "/admin/people/999999", { intent: "reactivate" }, { cookie: admin, params: { userId: "999999" } }))).toBe(404);
  });

  it("answers 400 to an unknown intent and changes nothing", async () => {
    const id = userByEmail("applicant.al@taf.example")!.id;
    const before = tableCounts();
    const result = await submit(personPage, `/admin/people/${id}`, { intent: "delete" }, { cookie: admin, ...params(id) });
    expect(statusOf(result)).toBe(400);
    expect(await (result as Response).text()).toMatch(/does not know what to do/);
    expect(tableCounts()).toEqual(before);
  });

  it("edits name, job title and role, and records the change", async () => {
    const id = userByEmail("applicant.me@taf.example")!.id;
    const result = await submit(
      personPage,
      `/admin/people/${id}`,
      { intent: "update", name: "Nikola Vuković", jobTitle: "Head of international cooperation", role: "applicant", institutionId: String(institutionId("Police Directorate of Montenegro")), countryCode: "", affiliation: "" },
      { cookie: admin, ...params(id) },
    );
    expect(location(result)).toBe(`/admin/people/${id}?notice=updated`);
    expect(userByEmail("applicant.me@taf.example")!.jobTitle).toBe("Head of international cooperation");
    expect(db().select().from(memberships).where(eq(memberships.userId, id)).all()).toEqual([
      expect.objectContaining({ role: "applicant", institutionId: institutionId("Police Directorate of Montenegro") }),
    ]);
    const entry = db().select().from(auditLog).where(eq(auditLog.action, "personUpdated")).all().at(-1)!;
    expect(entry.subjectId).toBe(String(id));
    expect(Object.keys(entry.detail!.changes as object).sort()).toEqual(["institutionId", "jobTitle"]);
  });

  it("keeps an edit with errors on the page, next to the fields", async () => {
    const id = userByEmail("applicant.me@taf.example")!.id;
    const before = tableCounts();
    const result = (await submit(personPage, `/admin/people/${id}`, { intent: "update", name: "Nikola Vuković", role: "reviewer", affiliation: "" }, { cookie: admin, ...params(id) })) as Reply;
    expect(result.intent).toBe("update");
    expect(result.result.error?.affiliation).toBeTruthy();
    expect(result.result.initialValue).toMatchObject({ role: "reviewer" });
    expect(tableCounts()).toEqual(before);
  });

  it("does not let an administrator remove their own administrator role", async () => {
    const self = userByEmail("admin@taf.example")!.id;
    const result = (await submit(personPage, `/admin/people/${self}`, { intent: "update", name: "Anna Keller", role: "reviewer", affiliation: "DG HOME" }, { cookie: admin, ...params(self) })) as Reply;
    expect(result.result.error?.role?.[0]).toMatch(/own administrator role/);
    expect(db().select().from(memberships).where(eq(memberships.userId, self)).get()!.role).toBe("administrator");
  });

  it("deactivation asks for confirmation, then ends every session of the person at once", async () => {
    const person = userByEmail("applicant.rs@taf.example")!;
    const theirCookie = await signInAs(person.email);
    const otherCookie = await signInAs(person.email);
    expect(statusOf(await load(account, "/account", { cookie: theirCookie }))).toBe(200);

    const unconfirmed = (await submit(personPage, `/admin/people/${person.id}`, { intent: "deactivate" }, { cookie: admin, ...params(person.id) })) as Reply;
    expect(unconfirmed.result.error?.confirm).toBeTruthy();
    expect(userByEmail(person.email)!.active).toBe(true);

    const result = await submit(personPage, `/admin/people/${person.id}`, { intent: "deactivate", confirm: "on" }, { cookie: admin, ...params(person.id) });
    expect(location(result)).toBe(`/admin/people/${person.id}?notice=deactivated`);
    expect(userByEmail(person.email)!.active).toBe(false);
    expect(db().select().from(sessions).where(eq(sessions.userId, person.id)).all()).toEqual([]);
    for (const cookie of [theirCookie, otherCookie]) expect(location(await load(account, "/account", { cookie }))).toMatch(/^\/login/);
    expect(db().select().from(auditLog).where(eq(auditLog.action, "personDeactivated")).all()).toEqual([
      expect.objectContaining({ subjectId: String(person.id) }),
    ]);

    const page = (await load(personPage, `/admin/people/${person.id}`, { cookie: admin, ...params(person.id) })) as { person: { status: string } };
    expect(page.person.status).toBe("deactivated");

    expect(location(await submit(personPage, `/admin/people/${person.id}`, { intent: "reactivate" }, { cookie: admin, ...params(person.id) }))).toBe(
      `/admin/people/${person.id}?notice=reactivated`,
    );
    expect(userByEmail(person.email)!.active).toBe(true);
  });

  it("does not let an administrator deactivate themselves", async () => {
    const self = userByEmail("admin@taf.example")!.id;
    const page = (await load(personPage, `/admin/people/${self}`, { cookie: admin, ...params(self) })) as { isSelf: boolean };
    expect(page.isSelf).toBe(true);
    const result = (await submit(personPage, `/admin/people/${self}`, { intent: "deactivate", confirm: "on" }, { cookie: admin, ...params(self) })) as Reply;
    expect(result.result.error?.[""]?.[0]).toMatch(/cannot deactivate your own account/);
    expect(userByEmail("admin@taf.example")!.active).toBe(true);
    expect(statusOf(await load(people, "/admin/people", { cookie: admin }))).toBe(200);
  });

  it("sends a new invitation: the old link stops working, the new one works", async () => {
    await submit(invite, "/admin/people/invite", validInvite("late.reader@example.org"), { cookie: admin });
    const person = userByEmail("late.reader@example.org")!;
    const [oldLink] = setPasswordLinks(person.email);

    const result = await submit(personPage, `/admin/people/${person.id}`, { intent: "resendInvitation" }, { cookie: admin, ...params(person.id) });
    expect(location(result)).toBe(`/admin/people/${person.id}?notice=invitation-resent`);
    const links = setPasswordLinks(person.email);
    expect(links).toHaveLength(2);
    const newLink = links[1]!;
    expect(newLink).not.toBe(oldLink);
    expect(await load(setPassword, `/set-password/${oldLink}`, { params: { token: oldLink! } })).toMatchObject({ ok: false });
    expect(await load(setPassword, `/set-password/${newLink}`, { params: { token: newLink } })).toMatchObject({ ok: true });
    expect(db().select().from(auditLog).where(eq(auditLog.action, "invitationResent")).all()).toEqual([expect.objectContaining({ subjectId: String(person.id) })]);
  });

  it("does not send an invitation to someone who already has a password", async () => {
    const person = userByEmail("applicant.ba@taf.example")!;
    const before = tableCounts();
    const result = (await submit(personPage, `/admin/people/${person.id}`, { intent: "resendInvitation" }, { cookie: admin, ...params(person.id) })) as Reply;
    expect(result.result.error?.[""]?.[0]).toMatch(/already chosen a password/);
    expect(tableCounts()).toEqual(before);
  });
});
