import { and, count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { spyOnStatements } from "../support/statements";
import { auditLog, institutions, memberships, users } from "../../db/schema";
import { db } from "../../app/db.server";
import * as institutionPage from "../../app/routes/admin.institutions.$institutionId";
import * as directory from "../../app/routes/admin.institutions._index";
import * as newInstitution from "../../app/routes/admin.institutions.new";
import * as invite from "../../app/routes/admin.people.invite";
import { customs } from "../support/forms";
import type { Route } from "../support/http";
import { load, signInAs, statusOf, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { institutionId } from "../workflow-server/builders";

let admin: string;
let applicant: string;

useDatabase("demo");

beforeEach(async () => {
  admin = await signInAs("admin@taf.example");
  applicant = await signInAs("applicant.xk@taf.example");
});

function institutionByName(name: string, countryCode?: string) {
  return db()
    .select()
    .from(institutions)
    .where(and(eq(institutions.name, name), countryCode ? eq(institutions.countryCode, countryCode) : undefined))
    .get();
}

function tableCounts() {
  return [institutions, auditLog, memberships, users].map((table) => db().select({ n: count() }).from(table).get()!.n);
}

function location(result: unknown) {
  expect(result).toBeInstanceOf(Response);
  return (result as Response).headers.get("Location");
}

type Reply = { result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } };
type Directory = {
  institutions: { id: number; name: string; countryCode: string; countryNeedsFootnote: boolean; type: string; active: boolean; applicants: number }[];
  pages: { total: number };
};

describe("who may use the institution pages", () => {
  const albania = () => String(institutionId("Albanian State Police"));
  const pages: [string, Route, () => [string, Record<string, string>?]][] = [
    ["directory", directory, () => ["/admin/institutions"]],
    ["add", newInstitution, () => ["/admin/institutions/new"]],
    ["institution", institutionPage, () => [`/admin/institutions/${albania()}`, { institutionId: albania() }]],
  ];
  for (const [name, route, where] of pages) {
    it(`${name}: an applicant gets 403 and a signed-out visitor is sent to sign in`, async () => {
      const [path, params] = where();
      expect(statusOf(await load(route, path, { cookie: applicant, params }))).toBe(403);
      expect(location(await load(route, path, { params }))).toMatch(/^\/login/);
      if (route.action) {
        const before = tableCounts();
        expect(statusOf(await submit(route, path, { ...customs, name: "Intruders' Office" }, { cookie: applicant, params }))).toBe(403);
        expect(location(await submit(route, path, { ...customs, name: "Intruders' Office" }, { params }))).toMatch(/^\/login/);
        expect(tableCounts()).toEqual(before);
      }
    });
  }
});

describe("the directory", () => {
  it("lists every institution with its country (Kosovo* flagged) and number of applicants", async () => {
    const data = (await load(directory, "/admin/institutions", { cookie: admin })) as Directory;
    expect(data.institutions.length).toBeGreaterThanOrEqual(21);
    expect(data.institutions.find((i) => i.name === "Kosovo* Police")).toMatchObject({ countryCode: "XK", countryNeedsFootnote: true, type: "police", applicants: 1 });
  });

  it("filters by country, type, status and name", async () => {
    const xk = (await load(directory, "/admin/institutions?country=XK", { cookie: admin })) as Directory;
    expect(xk.institutions.length).toBe(4);
    expect(xk.institutions.every((i) => i.countryCode === "XK")).toBe(true);
    const prosecution = (await load(directory, "/admin/institutions?type=prosecution", { cookie: admin })) as Directory;
    expect(prosecution.institutions).toHaveLength(6);
    const named = (await load(directory, "/admin/institutions?q=money+laundering", { cookie: admin })) as Directory;
    expect(named.institutions.map((i) => i.name)).toEqual(["Administration for the Prevention of Money Laundering of Serbia"]);
    const inactive = (await load(directory, "/admin/institutions?status=inactive", { cookie: admin })) as Directory;
    expect(inactive.institutions.every((i) => !i.active)).toBe(true);
    // An unknown value is no filter, not an error.
    const unknown = (await load(directory, "/admin/institutions?country=FR&type=army", { cookie: admin })) as Directory;
    expect(unknown.institutions.length).toBeGreaterThanOrEqual(21);
  });

  it("runs the same few queries however many institutions there are, and pages by 50", async () => {
    const spy = spyOnStatements();
    await load(directory, "/admin/institutions", { cookie: admin });
    const few = spy.mock.calls.length;
    spy.mockClear();
    db().transaction((tx) => {
      for (let i = 0; i < 60; i++) tx.insert(institutions).values({ name: `Border Police Station ${i}`, countryCode: "RS", type: "lawEnforcementAgency", chapter24: true }).run();
    });
    spy.mockClear();
    const data = (await load(directory, "/admin/institutions", { cookie: admin })) as Directory;
    expect(spy.mock.calls.length).toBe(few);
    spy.mockRestore();
    expect(few).toBeLessThanOrEqual(3);
    expect(data.pages.total).toBeGreaterThanOrEqual(81);
    expect(data.institutions).toHaveLength(50);
  });
});

describe("adding and editing an institution", () => {
  it("adds an institution and records who did it", async () => {
    const result = await submit(newInstitution, "/admin/institutions/new", customs, { cookie: admin });
    const created = institutionByName(customs.name, "ME")!;
    expect(created).toMatchObject({ type: "lawEnforcementAgency", chapter23: false, chapter24: true, active: true });
    expect(location(result)).toBe(`/admin/institutions/${created.id}?notice=created`);
    expect(db().select().from(auditLog).where(eq(auditLog.subjectId, String(created.id))).all()).toEqual([
      expect.objectContaining({ action: "institutionCreated", subjectType: "institution" }),
    ]);
    const page = (await load(institutionPage, `/admin/institutions/${created.id}`, { cookie: admin, params: { institutionId: String(created.id) } })) as {
      institution: { name: string };
      activity: { what: string; by: string }[];
    };
    expect(page.institution.name).toBe(customs.name);
    expect(page.activity).toEqual([expect.objectContaining({ what: "Added to the directory", by: "Anna Keller" })]);
  });

  it("refuses a name already used in the same country, whatever its case, and keeps what was typed", async () => {
    const before = tableCounts();
    const result = (await submit(newInstitution, "/admin/institutions/new", { ...customs, name: "  kosovo POLICE ", countryCode: "XK" }, { cookie: admin })) as Reply;
    expect(result.result.error?.name?.[0]).toMatch(/already exists in this country/);
    expect(result.result.initialValue).toMatchObject({ countryCode: "XK", type: "lawEnforcementAgency", chapter24: "on" });
    expect(tableCounts()).toEqual(before);
  });

  it("allows the same name in another country", async () => {
    await submit(newInstitution, "/admin/institutions/new", { ...customs, countryCode: "AL" }, { cookie: admin });
    expect(institutionByName(customs.name, "AL")).toBeDefined();
  });

  it("answers field errors for a missing name, country or type", async () => {
    const before = tableCounts();
    const result = (await submit(newInstitution, "/admin/institutions/new", { name: "", countryCode: "", type: "army" }, { cookie: admin })) as Reply;
    expect(Object.keys(result.result.error ?? {}).sort()).toEqual(["countryCode", "name", "type"]);
    const unknownCountry = (await submit(newInstitution, "/admin/institutions/new", { ...customs, countryCode: "DE" }, { cookie: admin })) as Reply;
    expect(unknownCountry.result.error?.countryCode).toBeTruthy();
    expect(tableCounts()).toEqual(before);
  });

  it("accepts an institution without a mandate, and its page warns", async () => {
    const result = await submit(newInstitution, "/admin/institutions/new", { name: "Office for Statistics of Serbia", countryCode: "RS", type: "lawEnforcementAgency", active: "on" }, { cookie: admin });
    const created = institutionByName("Office for Statistics of Serbia")!;
    expect(location(result)).toBe(`/admin/institutions/${created.id}?notice=created`);
    expect(created).toMatchObject({ chapter23: false, chapter24: false });
  });

  it("edits an institution, refuses a duplicate name, and records only what changed", async () => {
    await submit(newInstitution, "/admin/institutions/new", customs, { cookie: admin });
    const customsMe = institutionByName(customs.name, "ME")!;
    const params = { institutionId: String(customsMe.id) };
    const duplicate = (await submit(institutionPage, `/admin/institutions/${customsMe.id}`, { ...customs, name: "Police Directorate of Montenegro" }, { cookie: admin, params })) as Reply;
    expect(duplicate.result.error?.name).toBeTruthy();

    const result = await submit(institutionPage, `/admin/institutions/${customsMe.id}`, { ...customs, chapter23: "on" }, { cookie: admin, params });
    expect(location(result)).toBe(`/admin/institutions/${customsMe.id}?notice=updated`);
    expect(institutionByName(customs.name, "ME")).toMatchObject({ chapter23: true, chapter24: true, active: true });
    const entry = db().select().from(auditLog).where(eq(auditLog.action, "institutionUpdated")).all().at(-1)!;
    expect(entry.detail).toEqual({ changes: { chapter23: { from: false, to: true } } });

    // Saving without changes writes nothing.
    const before = tableCounts();
    await submit(institutionPage, `/admin/institutions/${customsMe.id}`, { ...customs, chapter23: "on" }, { cookie: admin, params });
    expect(tableCounts()).toEqual(before);
  });

  it("deactivates an institution without losing its people, and stops offering it for invitations", async () => {
    const police = institutionByName("Kosovo* Police")!;
    const params = { institutionId: String(police.id) };
    const result = await submit(
      institutionPage,
      `/admin/institutions/${police.id}`,
      { name: "Kosovo* Police", countryCode: "XK", type: "police", chapter24: "on" },
      { cookie: admin, params },
    );
    expect(location(result)).toBe(`/admin/institutions/${police.id}?notice=updated`);
    expect(institutionByName("Kosovo* Police")!.active).toBe(false);
    expect(db().select().from(auditLog).where(eq(auditLog.action, "institutionDeactivated")).all()).toEqual([
      expect.objectContaining({ subjectId: String(police.id) }),
    ]);

    const page = (await load(institutionPage, `/admin/institutions/${police.id}`, { cookie: admin, params })) as { people: { email: string }[] };
    expect(page.people.map((p) => p.email)).toEqual(["applicant.xk@taf.example"]);

    const form = (await load(invite, "/admin/people/invite", { cookie: admin })) as { institutions: { id: number }[] };
    expect(form.institutions.map((i) => i.id)).not.toContain(police.id);
    const refused = (await submit(
      invite,
      "/admin/people/invite",
      { name: "Drita Berisha", email: "drita.berisha@example.org", role: "applicant", institutionId: String(police.id) },
      { cookie: admin },
    )) as Reply;
    expect(refused.result.error?.institutionId?.[0]).toMatch(/not active/);

    const inactive = (await load(directory, "/admin/institutions?status=inactive", { cookie: admin })) as Directory;
    expect(inactive.institutions.map((i) => i.name)).toEqual(["Kosovo* Police"]);
  });

  it("answers 404 for an unknown or malformed id", async () => {
    for (const id of ["999999", "abc", "0"]) {
      expect(statusOf(await load(institutionPage, `/admin/institutions/${id}`, { cookie: admin, params: { institutionId: id } }))).toBe(404);
      expect(statusOf(await submit(institutionPage, `/admin/institutions/${id}`, customs, { cookie: admin, params: { institutionId: id } }))).toBe(404);
    }
  });
});
