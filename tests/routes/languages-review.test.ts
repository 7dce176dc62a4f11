import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import * as root from "../../app/root";
import { DEMO_PASSWORD } from "../../app/demo/demo.server";
import * as home from "../../app/routes/_index";
import * as account from "../../app/routes/account";
import * as criteria from "../../app/routes/admin.rounds.$roundId_.criteria";
import * as reviewPage from "../../app/routes/reviews.$assignmentId";
import { reviewAssignments } from "../../db/schema";
import { useDatabase } from "../support/database";
import { roundIdByCode } from "../support/tables";
import { load, signInAs, submit } from "../support/http";
import { driveTo, userId } from "../workflow-server/builders";

// Issue 12 for reviewers: the review page and the home page answer in the person's language,
// and the account page, words made on the server (titles, notices, next steps, refusals, dates) included.

useDatabase("demo");

const EU = "reviewer.eu@taf.example";
const TITLE = "Joint surveillance of a heroin route through the Western Balkans";

type Page = Awaited<ReturnType<typeof reviewPage.loader>>;
type Home = Awaited<ReturnType<typeof home.loader>>;
type Reply = { problem: string | null; refusal?: string };
type Changed = { changed: boolean; result: { error: Record<string, string[]> } };

let cookie = "";
let assignment = { id: 0, version: 0 };

/** A reviewer's session switched to a language with `?lng=`, as the switcher's link does. */
async function sessionIn(language: string, email = EU) {
  const session = await signInAs(email);
  const response = (await load(root, `/?lng=${language}`, { cookie: session })) as Response;
  return `${session}; ${response.headers.get("Set-Cookie")!.split(";")[0]!}`;
}

beforeEach(() => {
  const proposalId = driveTo("reviewing", { title: TITLE });
  assignment = db()
    .select({ id: reviewAssignments.id, version: reviewAssignments.version })
    .from(reviewAssignments)
    .where(and(eq(reviewAssignments.proposalId, proposalId), eq(reviewAssignments.reviewerUserId, userId(EU))))
    .get()!;
});

const path = () => `/reviews/${assignment.id}`;
const params = () => ({ assignmentId: String(assignment.id) });

describe("the reviewer's pages in Albanian", () => {
  beforeEach(async () => {
    cookie = await sessionIn("sq");
  });

  it("lists the assignment with its next step and due date in Albanian", async () => {
    const data = (await load(home, "/", { cookie })) as Home;
    expect(data.title).toBe("Ballina · Portali TAF");
    const row = data.reviewer!.assignments.rows.find((r) => r.title === TITLE)!;
    expect(row.nextStep).toBe("Deklaroni nëse keni konflikt interesi");
    expect(row.due).toContain("(ora e Brukselit)");
  });

  it("refuses a conflict without a reason in Albanian, and tells the outcome on the home page in Albanian", async () => {
    const blank = (await submit(reviewPage, path(), { version: String(assignment.version), intent: "DECLARE_CONFLICT", reason: " " }, { cookie, params: params() })) as Reply;
    expect(blank.refusal).toBe("Përshkruani konfliktin me pak fjalë: e lexon ekipi i TAF-it.");
    const data = (await load(home, "/?notice=review-conflict-declared", { cookie })) as Home;
    expect(data.notice).toMatch(/^Deklaruat një konflikt interesi\./);
  });
});

describe("the review page in Macedonian", () => {
  beforeEach(async () => {
    cookie = await sessionIn("mk");
  });

  it("titles the page, thanks for the declaration, and refuses an overlong comment with the number written the Macedonian way", async () => {
    await submit(reviewPage, path(), { version: String(assignment.version), intent: "DECLARE_NO_CONFLICT" }, { cookie, params: params() });
    const page = (await load(reviewPage, `${path()}?notice=DECLARE_NO_CONFLICT`, { cookie, params: params() })) as Page;
    expect(page.pageTitle).toMatch(/^Оценка на .+ · Портал TAF$/);
    expect(page.notice).toBe("Ви благодариме: изјавивте дека немате судир на интереси. Предлогот ви е отворен за оценување.");

    const opened = (await load(reviewPage, path(), { cookie, params: params() })) as Page;
    const reply = (await submit(
      reviewPage,
      path(),
      { version: String(opened.version), revision: String(opened.opened!.revision), intent: "save", commentForApplicants: "x".repeat(8001) },
      { cookie, params: params() },
    )) as Reply;
    expect(reply.problem).toBe("Не е зачувано: Коментарот за апликантите е подолг од 8.000 знаци: скратете го за да го зачувате.");
  });
});

describe("the account page in Serbian Cyrillic", () => {
  it("titles the page and says in Cyrillic what is wrong with the new password, changing nothing", async () => {
    cookie = await sessionIn("sr-Cyrl");
    expect(((await load(account, "/account", { cookie })) as { title: string }).title).toBe("Ваш налог · Портал TAF");
    const wrong = (await submit(account, "/account", { currentPassword: "not it", password: "a long enough passphrase", confirmation: "a long enough passphrase" }, { cookie })) as Changed;
    expect(wrong.changed).toBe(false);
    expect(wrong.result.error.currentPassword).toEqual(["Ово није ваша тренутна лозинка."]);
    const differ = (await submit(account, "/account", { currentPassword: DEMO_PASSWORD, password: "a long enough passphrase", confirmation: "another passphrase" }, { cookie })) as Changed;
    expect(differ.result.error.confirmation).toEqual(["Две нове лозинке нису исте."]);
  });
});

describe("a round's review criteria in Serbian (Latin) and Albanian", () => {
  it("say in the reader's language why they are locked, with the count's plural form", async () => {
    const roundId = String(roundIdByCode("2026-R2"));
    const inSerbian = (await load(criteria, `/admin/rounds/${roundId}/criteria`, { cookie: await sessionIn("sr-Latn", "admin@taf.example"), params: { roundId } })) as { title: string; lockReason: string };
    expect(inSerbian.title).toBe("Kriterijumi ocjenjivanja · 2026-R2 · Portal TAF");
    expect(inSerbian.lockReason).toMatch(/^Kriterijumi su zaključani: podneseno je 5 ocjena ovog kruga, prva .+\(briselsko vrijeme\)/);
  });

  it("refuse a weight of zero in Albanian, keeping what was typed", async () => {
    const roundId = String(roundIdByCode("ROLLING"));
    const cookie = await sessionIn("sq", "admin@taf.example");
    const form = { intent: "save", version: "0", "criteria[0].id": "", "criteria[0].name": "Lidhja me prioritetet", "criteria[0].weight": "0" };
    const answer = (await submit(criteria, `/admin/rounds/${roundId}/criteria`, form, { cookie, params: { roundId } })) as {
      result: { error: Record<string, string[]>; initialValue: { criteria: { name: string }[] } };
    };
    expect(answer.result.error["criteria[0].weight"]).toEqual(["Shkruani një peshë mbi zero."]);
    expect(answer.result.initialValue.criteria[0]!.name).toBe("Lidhja me prioritetet");
  });
});
