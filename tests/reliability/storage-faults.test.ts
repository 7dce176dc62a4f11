import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { connection, db } from "../../app/db.server";
import { env } from "../../app/env.server";
import { languageCookieHeader, translatorOf } from "../../app/i18n.server";
import type { ServerBuild } from "@remix-run/node";
import { DEMO_PASSWORD } from "../../app/demo/demo.server";
import { answeringStorageFaults } from "../../app/storage-faults.server";
import * as loginPage from "../../app/routes/login";
import * as attachmentsPage from "../../app/routes/proposals.$proposalId.attachments";
import * as commentsPage from "../../app/routes/proposals.$proposalId.comments";
import * as editPage from "../../app/routes/proposals.$proposalId.edit";
import * as proposalPage from "../../app/routes/proposals.$proposalId._index";
import * as reviewPage from "../../app/routes/reviews.$assignmentId";
import * as roundEditPage from "../../app/routes/admin.rounds.$roundId_.edit";
import type { Resend } from "../../app/storage-faults.server";
import { proposals, reviewAssignments, rounds, users } from "../../db/schema";
import { load, ORIGIN, signInAs, statusOf, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { changedTables, tableChecksums } from "../support/tables";
import { demoProposalId } from "../workflow-server/builders";

// Disk full or database locked (issue 14): a write the storage cannot take gets a clear answer
// in the person's language beside the form that sent it, the typed text stays in the form, no
// table changes, and the answer is never a 500. The faults are SQLite's and the kernel's own:
// another connection holding the database with BEGIN EXCLUSIVE past busy_timeout (SQLITE_BUSY),
// `PRAGMA max_page_count` at the file's current size (SQLite answers SQLITE_FULL exactly as on a
// full disk), and a 64 KiB tmpfs, filled, under the attachments' incoming folder (ENOSPC).

useDatabase("demo");

const LEAD = "applicant.xk@taf.example";
const ADMIN = "admin@taf.example";
const LANGUAGE = "sq";
// What the applicant typed, each part near its limit (1,800 characters): together more than a
// page, so the full file cannot take the draft into the room left on the pages it has.
const typed = (part: string) => `${part}: ${"hetime të përbashkëta ndërkufitare, të dhëna të shkëmbyera në kohë. ".repeat(40)}`.slice(0, 1750);
const TYPED = typed("Përmbledhja");

const figures = { faults: 0, lost: 0 };

const languageCookie = async () => (await languageCookieHeader(LANGUAGE)).split(";")[0]!;

/** A signed-in person's Cookie header, with the page language chosen. */
async function cookieOf(email: string) {
  return `${await signInAs(email)}; ${await languageCookie()}`;
}

async function words() {
  return translatorOf(new Request(ORIGIN, { headers: { Cookie: await languageCookie() } }));
}

type Fault = { name: string; key: "storage.busy" | "storage.full"; inject: () => () => void };

// Another connection holds the whole database. Our connection's busy_timeout is shortened from
// the server's 5 s so the test does not wait 5 s per write; the lock outlasts it either way.
const LOCKED: Fault = {
  name: "locked by another writer past busy_timeout",
  key: "storage.busy",
  inject() {
    connection().sqlite.pragma("busy_timeout = 100");
    const other = new Database(env().DATABASE_PATH);
    other.exec("BEGIN EXCLUSIVE");
    return () => {
      other.exec("ROLLBACK");
      other.close();
      connection().sqlite.pragma("busy_timeout = 5000");
    };
  },
};

// The file may not grow: no free page is left, so the next page the write needs is refused.
const FULL: Fault = {
  name: "full (max_page_count at the current size)",
  key: "storage.full",
  inject() {
    const { sqlite } = connection();
    sqlite.exec("VACUUM");
    const pages = Number(sqlite.pragma("page_count", { simple: true }));
    sqlite.pragma(`max_page_count = ${pages}`);
    return () => sqlite.pragma("max_page_count = 4294967294");
  },
};

/** A form's values as the page's fields post them: nested names dotted ("limits.maxPartners"), lists repeated. */
function asFormFields(values: Record<string, unknown>, prefix = ""): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(values).flatMap(([name, value]): [string, string | string[]][] => {
      const field = `${prefix}${name}`;
      if (Array.isArray(value)) return [[field, value.map(String)]];
      if (value !== null && typeof value === "object") return Object.entries(asFormFields(value as Record<string, unknown>, `${field}.`));
      return value === undefined || value === null ? [] : [[field, String(value)]];
    }),
  );
}

let release: (() => void) | null = null;
afterEach(() => {
  release?.();
  release = null;
});

/** Runs one write under a fault: the answer, and the tables changed while it was refused. */
async function underFault(fault: Fault, send: () => Promise<unknown>) {
  const before = tableChecksums();
  release = fault.inject();
  const result = await send();
  release();
  release = null;
  figures.faults += 1;
  const changed = changedTables(before, tableChecksums());
  expectLogged(fault.key === "storage.busy" ? "busy" : "full");
  return { result, changed };
}

/** The people running the server learn of it from the log (expected here, so cleared). */
function expectLogged(fault: "busy" | "full") {
  expect(vi.mocked(console.error).mock.calls.map((call) => String(call[0]))).toEqual([expect.stringContaining(`refused by the storage (${fault})`)]);
  vi.mocked(console.error).mockClear();
}

describe.each([LOCKED, FULL])("a write refused by the storage: $name", (fault) => {
  it("the draft editor keeps the typed text and says why, in the person's language", async () => {
    const id = demoProposalId("cybercrime");
    const cookie = await cookieOf(LEAD);
    const before = db().select().from(proposals).where(eq(proposals.id, id)).get()!;
    const form = {
      intent: "save",
      revision: String(before.updatedAt.getTime()),
      title: "Krimi kibernetik: prova elektronike ndërkufitare",
      summary: TYPED,
      problem: typed("Problemi"),
      objectives: typed("Objektivat"),
    };
    const { result, changed } = await underFault(fault, () => submit(editPage, `/proposals/${id}/edit`, form, { cookie, params: { proposalId: String(id) } }));
    expect(statusOf(result)).toBe(200);
    const answer = result as { problem: string; conflict: boolean; retry: boolean; result: { initialValue: Record<string, string>; error: Record<string, string[]> } };
    const message = (await words())(fault.key);
    expect(message).toMatch(/^Nuk u ruajt/);
    expect(answer.problem).toBe(message);
    expect(answer.result.error[""]).toEqual([message]);
    // Not another person's save: the page offers to send it again, not to reload.
    expect(answer.conflict).toBe(false);
    expect(answer.retry).toBe(true);
    expect(answer.result.initialValue.summary).toBe(TYPED);
    expect(answer.result.initialValue.problem).toBe(form.problem);
    expect(answer.result.initialValue.objectives).toBe(form.objectives);
    expect(answer.result.initialValue.title).toBe(form.title);
    expect(changed).toEqual([]);
    // Once the storage takes writes again, the same form saves.
    const again = (await submit(editPage, `/proposals/${id}/edit`, form, { cookie, params: { proposalId: String(id) } })) as { savedAt: string | null };
    expect(again.savedAt).not.toBeNull();
  });

  it("a comment stays in its field with the reason beside it", async () => {
    const id = demoProposalId("cybercrime");
    const cookie = await cookieOf(LEAD);
    const body = `Partnerët: ju lutemi shikoni buxhetin. ${TYPED}`.slice(0, 3000);
    const { result, changed } = await underFault(fault, () => submit(commentsPage, `/proposals/${id}/comments`, { body }, { cookie, params: { proposalId: String(id) } }));
    expect(statusOf(result)).toBe(200);
    const answer = result as { result: { initialValue: Record<string, string>; error: Record<string, string[]> } };
    expect(answer.result.error[""]).toEqual([(await words())(fault.key)]);
    expect(answer.result.initialValue.body).toBe(body);
    expect(changed).toEqual([]);
  });

  it("a command on the proposal page (a clarification asked) keeps its question", async () => {
    const id = demoProposalId("cocaineRoutes");
    const cookie = await cookieOf(ADMIN);
    const version = db().select({ version: proposals.version }).from(proposals).where(eq(proposals.id, id)).get()!.version;
    const question = `Ju lutemi sqaroni rolin e Policisë së Kosovës*. ${TYPED}`.slice(0, 3900);
    const form = { event: "REQUEST_CLARIFICATION", version: String(version), question, days: "10" };
    const { result, changed } = await underFault(fault, () => submit(proposalPage, `/proposals/${id}`, form, { cookie, params: { proposalId: String(id) } }));
    expect(statusOf(result)).toBe(200);
    const answer = result as { formError: string | null; done: string | null; values: Record<string, string> };
    expect(answer.formError).toBe((await words())(fault.key));
    expect(answer.done).toBeNull();
    expect(answer.values.question).toBe(question);
    expect(changed).toEqual([]);
    // The same command goes through once the storage is back: the refusal was the storage's, not the rule's.
    const again = (await submit(proposalPage, `/proposals/${id}`, form, { cookie, params: { proposalId: String(id) } })) as { done: string | null };
    expect(again.done).not.toBeNull();
  });

  it("the review form keeps the reviewer's comments and says why; the autosave tries again", async () => {
    // The demo's review in progress: its reviewer types the comments for the applicants.
    const assignment = db()
      .select({ id: reviewAssignments.id, email: users.email })
      .from(reviewAssignments)
      .innerJoin(users, eq(users.id, reviewAssignments.reviewerUserId))
      .where(eq(reviewAssignments.state, "reviewing"))
      .get()!;
    const cookie = await cookieOf(assignment.email);
    const params = { assignmentId: String(assignment.id) };
    const page = (await load(reviewPage, `/reviews/${assignment.id}`, { cookie, params })) as { opened: { revision: number } };
    const form = { intent: "autosave", revision: String(page.opened.revision), commentForApplicants: `Propozimi lidhet qartë me EMPACT. ${TYPED.repeat(4)}`.slice(0, 7000) };
    const { result, changed } = await underFault(fault, () => submit(reviewPage, `/reviews/${assignment.id}`, form, { cookie, params }));
    expect(statusOf(result)).toBe(200);
    const answer = result as { savedAt: string | null; problem: string; conflict: boolean; retry: boolean; typed: { commentForApplicants: string } };
    expect(answer.savedAt).toBeNull();
    expect(answer.problem).toBe((await words())(fault.key));
    expect(answer.conflict).toBe(false);
    expect(answer.retry).toBe(true);
    expect(answer.typed.commentForApplicants).toBe(form.commentForApplicants);
    expect(changed).toEqual([]);
    const again = (await submit(reviewPage, `/reviews/${assignment.id}`, form, { cookie, params })) as { savedAt: string | null };
    expect(again.savedAt).not.toBeNull();
  });

  it("a form whose page does not answer the fault itself (a round's settings) comes back on the error page with the typed text, to send again", async () => {
    const build = answeringStorageFaults({ routes: { edit: { id: "edit", path: "admin/rounds/:roundId/edit", module: roundEditPage } } } as unknown as ServerBuild);
    const route = build.routes.edit!.module;
    const round = db().select({ id: rounds.id }).from(rounds).where(eq(rounds.code, "2026-R2")).get()!;
    const cookie = await cookieOf(ADMIN);
    const params = { roundId: String(round.id) };
    const page = (await load(roundEditPage, `/admin/rounds/${round.id}/edit`, { cookie, params })) as { round: { version: number }; defaults: Record<string, unknown> };
    const description = `Raundi i dytë: propozime të përbashkëta kundër trafikut të armëve. ${TYPED}`.slice(0, 1900);
    const form = { ...asFormFields(page.defaults), version: String(page.round.version), description };
    const { result, changed } = await underFault(fault, () => submit(route, `/admin/rounds/${round.id}/edit`, form, { cookie, params }));
    const answer = result as Response;
    expect(answer.status).toBe(503);
    expect(answer.headers.get("Retry-After")).toBe("30");
    const body = (await answer.json()) as { message: string; resend: Resend };
    expect(body.message).toBe((await words())(fault.key === "storage.busy" ? "storage.busyResend" : "storage.fullResend"));
    expect(body.resend.action).toBe(`/admin/rounds/${round.id}/edit`);
    // What was typed is shown to be sent again; the version it was based on goes with it, unseen.
    expect(body.resend.fields).toContainEqual({ name: "description", value: description, shown: true });
    expect(body.resend.fields).toContainEqual({ name: "version", value: String(page.round.version), shown: false });
    expect(changed).toEqual([]);
    // "Send it again", once the storage takes writes: the round's settings are saved.
    const resent: Record<string, string[]> = {};
    for (const { name, value } of body.resend.fields) (resent[name] ??= []).push(value);
    const again = (await submit(route, `/admin/rounds/${round.id}/edit`, resent, { cookie, params })) as Response;
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe(`/admin/rounds/${round.id}?notice=edited`);
  });
});

// ---- An attachment's file on a full disk ------------------------------------------------------

const pdf = Buffer.from(`%PDF-1.4\n1 0 obj << /Title (Letër mbështetjeje) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

async function upload(cookie: string, proposalId: number) {
  const form = new FormData();
  form.append("intent", "upload");
  form.append("file", new File([new Uint8Array(pdf)], "Letër mbështetjeje.pdf", { type: "application/pdf" }));
  const headers = { Cookie: cookie };
  const request = new Request(`${ORIGIN}/proposals/${proposalId}/attachments`, { method: "POST", headers, body: form });
  try {
    return await attachmentsPage.action({ request, params: { proposalId: String(proposalId) }, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

// Mounting a tmpfs needs root (CI runs as root: .ci/run installs with apt-get). An unprivileged
// run skips this test only; the database faults above need no privilege.
const root = process.getuid?.() === 0;

describe("an attachment on a full disk", () => {
  let incoming = "";
  beforeEach(() => {
    incoming = join(env().ATTACHMENTS_PATH, ".incoming");
  });
  afterEach(() => {
    if (root) execFileSync("umount", [incoming], { stdio: "ignore" });
  });

  it.runIf(root)("is refused with the reason (ENOSPC from a full 64 KiB tmpfs), no row and no file left", async () => {
    mkdirSync(incoming, { recursive: true });
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k,mode=700", "taf-full-disk", incoming]);
    // Fill it: what is left is less than a page, so the upload's first write finds no room.
    try {
      writeFileSync(join(incoming, "filler"), Buffer.alloc(128 * 1024));
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC");
    }
    const id = demoProposalId("cybercrime");
    const cookie = await cookieOf(LEAD);
    const before = tableChecksums();
    const result = await upload(cookie, id);
    figures.faults += 1;
    expectLogged("full");
    expect(statusOf(result)).toBe(200);
    expect((result as { ok: boolean; message: string }).ok).toBe(false);
    expect((result as { message: string }).message).toBe((await words())("storage.full"));
    expect(changedTables(before, tableChecksums())).toEqual([]);
    // The partial file is removed: only the filler is on the disk.
    expect(execFileSync("ls", ["-A", incoming], { encoding: "utf8" }).trim()).toBe("filler");
  });
});

describe("a write no form answers (the sign-in), under the lock", () => {
  it("is a 503 with the reason on the error page, in the person's language, nothing written; then the sign-in works", async () => {
    // The route modules as the server serves them: every action wrapped once (server.ts).
    const build = answeringStorageFaults({ routes: { "routes/login": { id: "routes/login", path: "login", module: loginPage } } } as unknown as ServerBuild);
    const login = build.routes["routes/login"]!.module;
    const signIn = async () => {
      const body = new URLSearchParams({ email: ADMIN, password: DEMO_PASSWORD });
      const headers = { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Cookie: await languageCookie() };
      const request = new Request(`${ORIGIN}/login`, { method: "POST", headers, body });
      try {
        return (await login.action!({ request, params: {}, context: {} })) as Response;
      } catch (thrown) {
        if (thrown instanceof Response) return thrown;
        throw thrown;
      }
    };
    const { result, changed } = await underFault(LOCKED, signIn);
    const answer = result as Response;
    expect(answer.status).toBe(503);
    expect(answer.headers.get("Retry-After")).toBe("30");
    // The password is not written back into a page: nothing to send again, the reason only.
    expect(await answer.json()).toMatchObject({ message: (await words())("storage.busyPage"), resend: null });
    expect(changed).toEqual([]);
    const signedIn = await signIn();
    expect(signedIn.status).toBe(302);
  });
});

describe("a page whose loader meets the fault", () => {
  it("is a 503 with the reason in the person's language, not a 500", async () => {
    // Loaders only read, and readers pass a writer's lock in WAL mode; this one writes, as a
    // loader that meets a lock or a full disk would, through the same wrapper as every route.
    const writing = { loader: () => db().update(users).set({ name: "Altered while locked" }).where(eq(users.email, ADMIN)).run() };
    const build = answeringStorageFaults({ routes: { page: { id: "page", path: "page", module: writing } } } as unknown as ServerBuild);
    const route = build.routes.page!.module;
    const cookie = await languageCookie();
    const { result, changed } = await underFault(LOCKED, () => load(route, "/page", { cookie }));
    const answer = result as Response;
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({ message: (await words())("storage.busyRead"), resend: null });
    expect(changed).toEqual([]);
  });
});

it("figures for docs/reliability.md", () => {
  console.info(`storage faults: ${figures.faults} writes refused by an injected fault, ${figures.lost} lost`);
});
