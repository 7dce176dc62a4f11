import { describe, expect, it } from "vitest";
import * as root from "../../app/root";
import * as eligibilityDesk from "../../app/routes/admin.eligibility";
import * as overview from "../../app/routes/admin.proposals._index";
import * as overviewCsv from "../../app/routes/admin.proposals[.csv]";
import * as roundPage from "../../app/routes/admin.rounds.$roundId";
import * as editRound from "../../app/routes/admin.rounds.$roundId_.edit";
import * as roundEligibility from "../../app/routes/admin.rounds.$roundId_.eligibility";
import * as roundList from "../../app/routes/admin.rounds._index";
import * as newRound from "../../app/routes/admin.rounds.new";
import { call2030 } from "../support/forms";
import { load, signInAs, submit } from "../support/http";
import { roundIdByCode } from "../workflow-server/builders";
import { useDatabase } from "../support/database";

// Issue 12 on the administrators' pages: each page group answers in the language the person
// chose, its words and its dates alike.

useDatabase("demo");

/** The Cookie header of an administrator's session whose browser was switched to `language`. */
async function adminIn(language: string) {
  const session = await signInAs("admin@taf.example");
  const switched = (await load(root, `/admin?lng=${language}`, { cookie: session })) as Response;
  return `${session}; ${switched.headers.get("Set-Cookie")!.split(";")[0]!}`;
}

describe("the administrators' pages in another language", () => {
  it("lists the rounds in Albanian, with their proposals counted in Albanian", async () => {
    const page = (await load(roundList, "/admin/rounds", { cookie: await adminIn("sq") })) as Awaited<ReturnType<typeof roundList.loader>>;
    expect(page.title).toBe("Raundet e dorëzimit · Portali TAF");
    expect(page.rounds.some((round) => / të dorëzuar| i dorëzuar/.test(round.proposals))).toBe(true);
  });

  it("lists the rounds in Macedonian", async () => {
    const page = (await load(roundList, "/admin/rounds", { cookie: await adminIn("mk") })) as Awaited<ReturnType<typeof roundList.loader>>;
    expect(page.title).toBe("Кругови за поднесување · Портал TAF");
  });

  it("shows a round's page in Macedonian: its statechart, its settings' words and its dates", async () => {
    const id = String(roundIdByCode("2026-R1"));
    const page = (await load(roundPage, `/admin/rounds/${id}`, { cookie: await adminIn("mk"), params: { roundId: id } })) as Awaited<ReturnType<typeof roundPage.loader>>;
    expect(page.statechart.alt).toMatch(/^Каде е 2026-R1 во својот тек како круг/);
    expect(page.round.opens).toContain("(бриселско време)");
    expect(page.history[0]!.at).toContain("(бриселско време)");
  });

  it("answers a new round's broken form in BCMS, with the bounds written as the language writes numbers", async () => {
    const reply = (await submit(newRound, "/admin/rounds/new", { ...call2030, "limits.maxBudgetEur": "5", title: "" }, { cookie: await adminIn("sr-Latn") })) as {
      result: { error: Record<string, string[]> };
    };
    expect(reply.result.error["limits.maxBudgetEur"]).toEqual(["Unesite cijeli broj od 1.000 do 10.000.000."]);
    expect(reply.result.error.title).toEqual(["Unesite naziv."]);
  });

  it("says on the edit page in Serbian Cyrillic why what was submitted fixes the code", async () => {
    const id = String(roundIdByCode("2026-R1"));
    const page = (await load(editRound, `/admin/rounds/${id}/edit`, { cookie: await adminIn("sr-Cyrl"), params: { roundId: id } })) as Awaited<ReturnType<typeof editRound.loader>>;
    expect(page.title).toBe("Измена 2026-R1 · Портал TAF");
    expect(page.notes.fixed.code).toMatch(/^Непроменљиво: њоме почињу већ додељене ознаке/);
  });

  it("sets a round's eligibility rules in Albanian: why the rules are locked, and what is wrong with a number", async () => {
    const id = String(roundIdByCode("2026-R1"));
    const cookie = await adminIn("sq");
    const page = (await load(roundEligibility, `/admin/rounds/${id}/eligibility`, { cookie, params: { roundId: id } })) as Awaited<ReturnType<typeof roundEligibility.loader>>;
    expect(page.title).toBe("Kriteret e pranueshmërisë · 2026-R1 · Portali TAF");
    expect(page.locks.rules).toMatch(/^Në këtë raund u dorëzua/);
    const reply = (await submit(roundEligibility, `/admin/rounds/${id}/eligibility`, { version: String(page.round.version), minimumCountries: "9" }, { cookie, params: { roundId: id } })) as {
      result: { error: Record<string, string[]> };
    };
    expect(reply.result.error.minimumCountries).toEqual(["Shkruani një numër të plotë vendesh nga 2 deri në 6."]);
  });

  it("shows the eligibility desk in Macedonian, and says in Macedonian what is wrong with a clarification", async () => {
    const cookie = await adminIn("mk");
    const desk = (await load(eligibilityDesk, "/admin/eligibility", { cookie })) as Awaited<ReturnType<typeof eligibilityDesk.loader>>;
    expect(desk.title).toBe("Проверка на прифатливост · Портал TAF");
    const entry = desk.rows[0]!;
    expect(entry.submitted).toContain("(бриселско време)");
    const reply = (await submit(eligibilityDesk, "/admin/eligibility", { intent: "clarify", proposalId: String(entry.id), version: String(entry.version), question: "", dueOn: "soon" }, { cookie })) as {
      fieldErrors: Record<string, string[]>;
    };
    expect(reply.fieldErrors.question).toEqual(["Напишете го прашањето на кое треба да одговорат апликантите."]);
  });

  it("shows the proposals overview in Albanian, and downloads it with Albanian headings", async () => {
    const cookie = await adminIn("sq");
    const page = (await load(overview, "/admin/proposals", { cookie })) as Awaited<ReturnType<typeof overview.loader>>;
    expect(page.title).toBe("Propozimet · Portali TAF");
    expect(page.proposals.rows[0]!.updated).toContain("(ora e Brukselit)");
    const csv = await ((await load(overviewCsv, "/admin/proposals.csv", { cookie })) as Response).text();
    expect(csv.split("\n")[0]).toContain("Referenca,Titulli,Raundi,Faza,Institucioni drejtues,Lloji i institucionit drejtues");
  });
});
