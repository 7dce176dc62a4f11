import { desc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { spyOnStatements } from "../support/statements";
import { db } from "../../app/db.server";
import * as csvRoute from "../../app/routes/admin.proposals[.csv]";
import * as overviewRoute from "../../app/routes/admin.proposals._index";
import { searchQueryOf } from "../../app/proposals/overview.server";
import { auditLog, institutions, proposalPartners, proposals } from "../../db/schema";
import { KOSOVO_FOOTNOTE, WB6_COUNTRIES } from "../../workflows/countries";
import { statesOpenToPartners } from "../../app/proposals/participation.server";
import { isWithin } from "../../workflows/proposal-stages";
import { useDatabase } from "../support/database";
import { load, signInAs, statusOf } from "../support/http";
import { completeContent, DEMO_PROPOSALS, demoProposalId, driveTo, institutionId, KOSOVO_POLICE, makeProposal, MK_PROSECUTION, roundIdByCode, setContent } from "../workflow-server/builders";
import { readCsv } from "../support/csv";

// The TAF team's table of every proposal: what it filters, finds, sorts and pages, the CSV it
// hands out, and that nobody else reaches either.

useDatabase("demo");

type Overview = Awaited<ReturnType<typeof overviewRoute.loader>>;
type Row = Overview["proposals"]["rows"][number];

async function overview(search = "", email = "admin@taf.example") {
  return (await load(overviewRoute, `/admin/proposals${search}`, { cookie: await signInAs(email) })) as Overview;
}

async function titles(search: string) {
  return (await overview(search)).proposals.rows.map((row: Row) => row.title);
}

/** The file as saved: the byte order mark kept (Response.text() would drop it). */
async function fileOf(response: Response) {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
}

async function exportCsv(search = "", email = "admin@taf.example") {
  return (await load(csvRoute, `/admin/proposals.csv${search}`, { cookie: await signInAs(email) })) as Response;
}

describe("the table of every proposal", () => {
  it("lists every proposal to the TAF team, drafts included, each with its lead, countries and stage", async () => {
    const { proposals: list } = await overview();
    expect(list.pages.total).toBe(db().select().from(proposals).all().length);
    const durres = list.rows.find((row: Row) => row.title === DEMO_PROPOSALS.cocaineRoutes)!;
    expect(durres).toMatchObject({ leadName: "Albanian State Police", stateLabel: "Eligibility: waiting for your decision", roundCode: "2026-R2" });
    expect(durres.countries).toEqual(["Albania", "Kosovo*"]);
    expect(list.rows.some((row: Row) => row.title === DEMO_PROPOSALS.cybercrime && row.reference === null)).toBe(true);
  });

  it("filters by round, stage, country, institution, type of institution, theme and kind of support", async () => {
    const r2 = roundIdByCode("2026-R2");
    const ofR2 = db().select({ title: proposals.title }).from(proposals).where(eq(proposals.roundId, r2)).all();
    expect((await titles(`?round=${r2}`)).sort()).toEqual(ofR2.map((row) => row.title).sort());
    expect(await titles(`?round=${r2}`)).toEqual(expect.arrayContaining([DEMO_PROPOSALS.cocaineRoutes, DEMO_PROPOSALS.victims, DEMO_PROPOSALS.cybercrime]));
    expect(await titles(`?round=${r2}`)).not.toContain(DEMO_PROPOSALS.drugNetworks);
    expect(await titles("?stage=implementation")).toEqual(expect.arrayContaining([DEMO_PROPOSALS.drugNetworks, DEMO_PROPOSALS.foreignFighters]));
    for (const row of (await overview("?stage=implementation")).proposals.rows) expect(row.stateLabel).not.toBe("Draft");
    expect(await titles("?country=ME")).toEqual(expect.arrayContaining([DEMO_PROPOSALS.legalAssistance, DEMO_PROPOSALS.victims]));
    expect(await titles("?country=ME")).not.toContain(DEMO_PROPOSALS.cocaineRoutes);
    // A partner counts as much as a lead: North Macedonia's prosecution leads one and joins one.
    expect(await titles(`?institution=${institutionId(MK_PROSECUTION)}`)).toEqual(expect.arrayContaining([DEMO_PROPOSALS.drugNetworks, DEMO_PROPOSALS.foreignFighters]));
    expect(await titles(`?institution=${institutionId(MK_PROSECUTION)}`)).not.toContain(DEMO_PROPOSALS.cocaineRoutes);
    expect(await titles("?institutionType=ministryOfJustice")).toEqual(expect.arrayContaining([DEMO_PROPOSALS.legalAssistance]));
    expect(await titles("?institutionType=ministryOfJustice")).not.toContain(DEMO_PROPOSALS.cocaineRoutes);

    const cyber = makeProposal({ title: "Shared forensic tools for seized phones", content: { ...completeContent(), themes: ["cybercrime"], supportKinds: ["expertAdvice"] } });
    expect(await titles("?theme=cybercrime")).toContain("Shared forensic tools for seized phones");
    expect(await titles("?theme=cybercrime")).not.toContain(DEMO_PROPOSALS.cocaineRoutes);
    expect(await titles("?support=expertAdvice&theme=cybercrime")).toContain("Shared forensic tools for seized phones");
    // The applicants change their themes: the table follows at once.
    setContent(cyber.id, { themes: ["firearmsTrafficking"] });
    expect(await titles("?theme=cybercrime")).not.toContain("Shared forensic tools for seized phones");
    expect(await titles("?theme=firearmsTrafficking")).toContain("Shared forensic tools for seized phones");
  });

  it("ignores a filter a hand-edited address got wrong, and keeps the filters in the address it was given", async () => {
    const all = (await overview()).proposals.pages.total;
    const page = await overview("?stage=nowhere&country=FR&round=x&theme=1");
    expect(page.proposals.pages.total).toBe(all);
    expect(page.filter).toMatchObject({ stage: undefined, country: undefined, round: undefined, sort: "updated", order: "desc" });
  });

  it("finds by words of the reference, the title and the institutions taking part, accents or not", async () => {
    const reference = db().select({ reference: proposals.reference }).from(proposals).where(eq(proposals.id, demoProposalId("cocaineRoutes"))).get()!.reference!;
    expect(await titles(`?q=${encodeURIComponent(reference)}`)).toEqual([DEMO_PROPOSALS.cocaineRoutes]);
    expect(await titles("?q=Durres")).toEqual([DEMO_PROPOSALS.cocaineRoutes]);
    expect(await titles("?q=cocaine%20port")).toEqual([DEMO_PROPOSALS.cocaineRoutes]);
    expect(await titles("?q=traff")).toEqual(expect.arrayContaining([DEMO_PROPOSALS.drugNetworks, DEMO_PROPOSALS.victims]));
    // An institution taking part as a partner is found as well as a lead.
    expect(await titles("?q=Macedonia")).toEqual(expect.arrayContaining([DEMO_PROPOSALS.drugNetworks, DEMO_PROPOSALS.foreignFighters]));
    expect(await titles("?q=Macedonia")).not.toContain(DEMO_PROPOSALS.cocaineRoutes);
  });

  it("keeps the search in step when a partner joins or an institution is renamed", async () => {
    const id = makeProposal({ title: "Watching the green border", partners: [] }).id;
    expect(await titles("?q=Macedonia")).not.toContain("Watching the green border");
    db().insert(proposalPartners).values({ proposalId: id, institutionId: institutionId(MK_PROSECUTION), status: "invited", invitedAt: new Date() }).run();
    expect(await titles("?q=Macedonia")).toContain("Watching the green border");
    db().update(institutions).set({ name: "Kosovo* Police Directorate" }).where(eq(institutions.name, KOSOVO_POLICE)).run();
    expect(await titles("?q=Directorate")).toContain("Watching the green border");
  });

  it("narrows to a country by the lead and the partners taking part, searched or not, in step with every answer and move", async () => {
    const draft = makeProposal({ title: "Watching the northern border", partners: [] }).id;
    const submitted = driveTo("awaitingDecision", { title: "Counting the northern crossings" });
    const northern = async (search: string) => (await titles(`?q=northern${search}`)).sort();
    expect(await northern("&country=MK")).toEqual([]);
    // Invited: taking part while the draft is open to partners, not once the proposal is submitted.
    const invite = (proposalId: number) =>
      db().insert(proposalPartners).values({ proposalId, institutionId: institutionId(MK_PROSECUTION), status: "invited", invitedAt: new Date() }).run();
    invite(draft);
    invite(submitted);
    expect(await northern("&country=MK")).toEqual(["Watching the northern border"]);
    expect(await titles("?country=MK")).toContain("Watching the northern border");
    expect(await titles("?country=MK")).not.toContain("Counting the northern crossings");
    db().update(proposalPartners).set({ status: "declined" }).where(eq(proposalPartners.proposalId, draft)).run();
    expect(await northern("&country=MK")).toEqual([]);
    db().update(proposalPartners).set({ status: "confirmed" }).where(inArray(proposalPartners.proposalId, [draft, submitted])).run();
    expect(await northern("&country=MK")).toEqual(["Counting the northern crossings", "Watching the northern border"]);
    expect((await overview("?q=northern&country=MK")).proposals.pages.total).toBe(2);
    // Newest change first or last, as the table sorted on every column.
    expect(await titles("?q=northern&country=MK&order=asc")).toEqual((await titles("?q=northern&country=MK")).reverse());
    expect(await titles("?q=northern&country=MK&sort=title")).toEqual(["Counting the northern crossings", "Watching the northern border"]);
    // The lead's country counts as well; an institution moved to another country is found there.
    expect(await northern("&country=XK")).toEqual(["Counting the northern crossings", "Watching the northern border"]);
    db().update(institutions).set({ countryCode: "ME" }).where(eq(institutions.name, MK_PROSECUTION)).run();
    expect(await northern("&country=MK")).toEqual([]);
    expect(await northern("&country=ME")).toEqual(["Counting the northern crossings", "Watching the northern border"]);
  });

  it("finds by country exactly the proposals whose lead or a partner taking part is of it", async () => {
    // Every demo proposal, every country: the index's answer against the rule read from the rows.
    const open = new Set<string>(statesOpenToPartners());
    const all = db().select({ id: proposals.id, state: proposals.state, leadCountry: institutions.countryCode }).from(proposals).innerJoin(institutions, eq(institutions.id, proposals.leadInstitutionId)).all();
    const partners = db()
      .select({ proposalId: proposalPartners.proposalId, status: proposalPartners.status, country: institutions.countryCode })
      .from(proposalPartners)
      .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
      .all();
    for (const { code } of WB6_COUNTRIES) {
      const expected = all
        .filter((p) => p.leadCountry === code || partners.some((pp) => pp.proposalId === p.id && pp.country === code && (pp.status === "confirmed" || (pp.status === "invited" && open.has(p.state)))))
        .map((p) => p.id)
        .sort();
      const found = await overview(`?country=${code}`);
      expect(found.proposals.rows.map((row: Row) => row.id).sort(), code).toEqual(expected);
      expect(found.proposals.pages.total, code).toBe(expected.length);
    }
  });

  it("takes any typed text as words, never as search syntax", async () => {
    expect(searchQueryOf('drug" OR title:* NEAR(')).toBe('"drug"""* "OR"* "title:*"* "NEAR("*');
    expect(searchQueryOf("* - ( )")).toBeNull();
    for (const typed of ['"', "AND", "a OR b", "title:drug", "NEAR(a b)", "drug*", "-drug", "^x", "' ; drop table proposals; --", "* ( )", "ž"]) {
      const result = await load(overviewRoute, `/admin/proposals?q=${encodeURIComponent(typed)}`, { cookie: await signInAs("admin@taf.example") });
      expect(statusOf(result), typed).toBe(200);
    }
    expect(await titles("?q=*")).toEqual([]);
  });

  it("sorts by a column both ways, drafts without a reference after the others", async () => {
    const ascending = (await overview("?sort=reference&order=asc")).proposals.rows.map((row: Row) => row.reference);
    const submitted = ascending.filter((reference): reference is string => reference !== null);
    expect(submitted).toEqual([...submitted].sort());
    expect(ascending.slice(submitted.length).every((reference) => reference === null)).toBe(true);
    const descending = (await overview("?sort=reference&order=desc")).proposals.rows.map((row: Row) => row.reference);
    expect(descending.filter((reference) => reference !== null)).toEqual([...submitted].reverse());
    const byStage = (await overview("?sort=stage")).proposals.rows.map((row: Row) => row.stateLabel);
    expect(byStage[0]).toBe("Draft");
    expect(byStage.indexOf("Eligibility: waiting for your decision")).toBeLessThan(byStage.indexOf("Completed"));
  });
});

describe("its pages", () => {
  /** Adds copies of a proposal under EU review, with their partner: what the table triggers see. */
  function addProposals(n: number, model: number) {
    const row = db().select().from(proposals).where(eq(proposals.id, model)).get()!;
    const partners = db().select().from(proposalPartners).where(eq(proposalPartners.proposalId, model)).all();
    db().transaction((tx) => {
      for (let i = 0; i < n; i++) {
        const { id: _, reference: __, ...copy } = row;
        const added = tx.insert(proposals).values({ ...copy, title: `Paged copy ${i}` }).returning().get();
        for (const { id: ___, ...partner } of partners) tx.insert(proposalPartners).values({ ...partner, proposalId: added.id }).run();
      }
    });
  }

  async function statements(search: string) {
    const cookie = await signInAs("admin@taf.example");
    const spy = spyOnStatements();
    await load(overviewRoute, `/admin/proposals${search}`, { cookie });
    const n = spy.mock.calls.length;
    spy.mockRestore();
    return n;
  }

  it("cost the same statements with 5 proposals and with 125, filtered and searched, and reach every row", async () => {
    const model = driveTo("reviewing", { title: "Paged model", lead: KOSOVO_POLICE, partners: [{ institution: MK_PROSECUTION, status: "confirmed" }] });
    const search = "?q=paged&country=MK&stage=euReview&theme=drugTrafficking";
    addProposals(4, model);
    const few = await statements(search);
    addProposals(120, model);
    expect(await statements(search)).toBe(few);

    const second = await overview(`${search}&page=2`);
    expect(second.proposals.pages).toMatchObject({ page: 2, first: 51, last: 100, total: 125, pageCount: 3 });
    const seen = new Set<number>();
    for (const page of [1, 2, 3]) for (const row of (await overview(`${search}&page=${page}`)).proposals.rows) seen.add(row.id);
    expect(seen.size).toBe(125);
  });
});

describe("its CSV export", () => {
  it("streams the filtered table, formulas neutralised, the Kosovo* footnote last, and records the export", async () => {
    makeProposal({ title: '=HYPERLINK("http://evil.example","Open")', lead: KOSOVO_POLICE }).id;
    const response = await exportCsv("?country=XK&sort=title&order=asc");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="proposals-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.body).toBeInstanceOf(ReadableStream);
    const text = await fileOf(response);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const lines = readCsv(text.slice(1));
    expect(lines[0]).toEqual(["Reference", "Title", "Round", "Stage", "Lead institution", "Type of lead institution", "Countries", "Themes", "Kinds of support", "Submitted", "Last change"]);
    expect(lines.at(-1)).toEqual([KOSOVO_FOOTNOTE]);
    const rows = lines.slice(1, -1);
    const page = await overview("?country=XK");
    expect(rows).toHaveLength(page.proposals.pages.total);
    expect(response.headers.get("X-Row-Count")).toBe(String(rows.length));
    expect(rows.every((row) => row[6]!.includes("Kosovo*"))).toBe(true);
    const riskyRow = rows.find((row) => row[1]!.includes("HYPERLINK"))!;
    expect(riskyRow[1]).toBe(`'=HYPERLINK("http://evil.example","Open")`);
    expect(riskyRow[7]).toBe("Drug trafficking; Information exchange and interoperability");

    const recorded = db().select().from(auditLog).where(eq(auditLog.action, "proposals.exported")).orderBy(desc(auditLog.id)).all();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.detail).toEqual({ filter: { country: "XK" }, rows: rows.length });
    expect(recorded[0]!.actorUserId).not.toBeNull();
  });

  it("reads a large export a page at a time and still ends with the footnote", async () => {
    const model = driveTo("awaitingDecision", { title: "Exported model", lead: KOSOVO_POLICE });
    const row = db().select().from(proposals).where(eq(proposals.id, model)).get()!;
    db().transaction((tx) => {
      for (let i = 0; i < 1100; i++) {
        const { id: _, reference: __, ...copy } = row;
        tx.insert(proposals).values({ ...copy, title: `Exported copy ${i}` }).run();
      }
    });
    const spy = spyOnStatements();
    const lines = readCsv((await fileOf(await exportCsv("?q=exported"))).slice(1));
    const reads = spy.mock.calls.length;
    spy.mockRestore();
    expect(lines).toHaveLength(1 + 1101 + 1);
    expect(lines.at(-1)).toEqual([KOSOVO_FOOTNOTE]);
    // The count, the audit row, and three pages of 500: a bounded number, not one per row.
    expect(reads).toBeLessThan(20);
  });

  it("is recorded only when downloaded: looking at the table records nothing", async () => {
    await overview("?country=XK");
    expect(db().select().from(auditLog).where(eq(auditLog.action, "proposals.exported")).all()).toHaveLength(0);
    await (await exportCsv("?stage=draft")).arrayBuffer();
    const recorded = db().select().from(auditLog).where(eq(auditLog.action, "proposals.exported")).all();
    expect(recorded.map((row) => row.detail)).toEqual([{ filter: { stage: "draft" }, rows: (await overview("?stage=draft")).proposals.pages.total }]);
  });
});

describe("who reaches it", () => {
  it("refuses the table and the export to everyone but the TAF team, and records no export for them", async () => {
    for (const email of ["applicant.xk@taf.example", "reviewer.eu@taf.example", "advisor.mk@taf.example"]) {
      expect(statusOf(await load(overviewRoute, "/admin/proposals", { cookie: await signInAs(email) })), email).toBe(403);
      expect(statusOf(await load(csvRoute, "/admin/proposals.csv", { cookie: await signInAs(email) })), email).toBe(403);
    }
    const signedOut = (await load(csvRoute, "/admin/proposals.csv")) as Response;
    expect(signedOut.headers.get("Location")).toMatch(/^\/login/);
    expect(db().select().from(auditLog).where(eq(auditLog.action, "proposals.exported")).all()).toHaveLength(0);
  });

  it("stays inside what the person sees: the table asks visibleProposals", async () => {
    const { proposals: list } = await overview("?stage=draft");
    const drafts = db().select({ state: proposals.state }).from(proposals).all().filter((row) => isWithin(row.state, "draft"));
    expect(list.pages.total).toBe(drafts.length);
  });
});
