import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createInstance } from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { describe, expect, it } from "vitest";
import * as root from "../../app/root";
import * as edit from "../../app/routes/proposals.$proposalId.edit";
import * as send from "../../app/routes/proposals.$proposalId.submit";
import * as comments from "../../app/routes/proposals.$proposalId.comments";
import * as start from "../../app/routes/proposals.new";
import { RoundGuide } from "../../app/components/proposal/round-guide";
import type { Language } from "../../workflows/languages";
import { I18N_OPTIONS } from "../../workflows/languages";
import { catalogueFor } from "../../workflows/messages";
import { load, signInAs, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { demoProposalId, institutionId, roundIdByCode as roundId } from "../workflow-server/builders";

// Starting and editing a draft in the applicant's language: the pages' words, the form's
// messages with the round's own limits in them, and the round's guide.

useDatabase("demo");

type Reply = { result: { error?: Record<string, string[] | null> } };
type SaveReply = Reply & { savedAtBrussels: string | null; problems: Record<string, string[]> | null; problem: string | null };
type NewPage = Awaited<ReturnType<typeof start.loader>>;
type EditPage = Awaited<ReturnType<typeof edit.loader>>;
type Preview = Awaited<ReturnType<typeof send.loader>>;

async function signedInIn(language: Language, email: string) {
  const response = (await load(root, `/login?lng=${language}`)) as Response;
  return `${await signInAs(email)}; ${response.headers.get("Set-Cookie")!.split(";")[0]!}`;
}

function kosovoPoliceIn(language: Language) {
  return signedInIn(language, "applicant.xk@taf.example");
}

function render(language: Language, element: ReturnType<typeof createElement>) {
  const i18n = createInstance();
  void i18n.use(initReactI18next).init({ ...I18N_OPTIONS, lng: language, initImmediate: false, resources: { [language]: { translation: catalogueFor(language) } } });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, element));
}

const words = (count: number) => Array.from({ length: count }, (_, index) => `word${index}`).join(" ");

async function startIn(language: Language, title: string) {
  const cookie = await kosovoPoliceIn(language);
  const result = (await submit(start, "/proposals/new", { roundId: String(roundId("2026-R2")), institutionId: String(institutionId("Kosovo* Police")), title }, { cookie })) as Response;
  const id = Number(/\/proposals\/(\d+)\/edit/.exec(result.headers.get("Location") ?? "")![1]);
  return { cookie, id, params: { proposalId: String(id) } };
}

describe("starting a proposal in the applicant's language", () => {
  it("titles the page and refuses a blank title and a closed round in Albanian", async () => {
    const cookie = await kosovoPoliceIn("sq");
    const page = (await load(start, "/proposals/new", { cookie })) as NewPage;
    expect(page.title).toBe("Filloni një propozim · Portali TAF");
    expect(page.institutions[0]!.country.name).toBe("Kosova");
    const blank = (await submit(start, "/proposals/new", { roundId: String(roundId("ROLLING")), institutionId: String(institutionId("Kosovo* Police")), title: " " }, { cookie })) as Reply;
    expect(blank.result.error?.title).toEqual(["Jepini propozimit një titull pune. Mund ta ndryshoni më vonë."]);
    const closed = (await submit(start, "/proposals/new", { roundId: String(roundId("2026-R1")), institutionId: String(institutionId("Kosovo* Police")), title: "Vonë" }, { cookie })) as Reply;
    expect(closed.result.error?.roundId?.[0]).toMatch(/është mbyllur: nuk pranon më propozime\. Zgjidhni një nga raundet e hapura\.$/);
  });
});

describe("editing a draft in the applicant's language", () => {
  it("says in Macedonian what breaks the round's limits, with the limits and counts written as Macedonian writes numbers", async () => {
    const { cookie, id, params } = await startIn("mk", "Заеднички патроли");
    const page = (await load(edit, `/proposals/${id}/edit`, { cookie, params })) as EditPage;
    expect(page.pageTitle).toBe("Изменување: Заеднички патроли · Портал TAF");
    const reply = (await submit(edit, `/proposals/${id}/edit`, { intent: "save", revision: String(page.revision), summary: words(160), budgetEur: "150001" }, { cookie, params })) as SaveReply;
    expect(reply.problems).toEqual({
      summary: ["Користете најмногу 150 зборови. Овој текст има 160: скратете го за 10."],
      budgetEur: ["Овој круг дозволува најмногу 150.000 EUR."],
    });
    expect(reply.savedAtBrussels).toMatch(/бриселско време/);
  });

  it("gives Serbian its three plural forms and names the part a refused answer is in", async () => {
    const { cookie, id, params } = await startIn("sr-Latn", "Zajedničke patrole");
    const page = (await load(edit, `/proposals/${id}/edit`, { cookie, params })) as EditPage;
    const over = (await submit(edit, `/proposals/${id}/edit`, { intent: "save", revision: String(page.revision), durationMonths: "30" }, { cookie, params })) as SaveReply;
    expect(over.problems?.durationMonths).toEqual(["Ovaj krug dozvoljava najviše 24 mjeseca."]);
    const refused = (await submit(edit, `/proposals/${id}/edit`, { intent: "save", revision: "1", themes: "not-a-theme" }, { cookie, params })) as SaveReply;
    expect(refused.problem).toBe("Nije sačuvano: Teme: Izaberite teme sa liste.");
  });

  it("shows the round's guide in the page's language", async () => {
    const { cookie, id, params } = await startIn("sq", "Patrulla të përbashkëta");
    const page = (await load(edit, `/proposals/${id}/edit`, { cookie, params })) as EditPage;
    const guide = render("sq", createElement(RoundGuide, { guide: page.guide, level: 2 }));
    expect(guide).toMatch(/Buxheti: jo më shumë se 150\s000 EUR\./);
    expect(guide).toContain("Përmbledhja: 150");
    expect(guide).not.toMatch(/Budget|Words at most/);
  });
});

describe("the preview before submitting, in the applicant's language", () => {
  it("lists in Serbian what stands in the way, each with where to fix it, and titles the page", async () => {
    const { cookie, id, params } = await startIn("sr-Latn", "Zajedničke patrole");
    const preview = (await load(send, `/proposals/${id}/submit`, { cookie, params })) as Preview;
    expect(preview.pageTitle).toBe("Pregled: Zajedničke patrole · Portal TAF");
    expect(preview.blockers[0]!.text).toBe("Još nije zajednički: institucije iz najmanje 2 zemlje Zapadnog Balkana moraju potvrditi da učestvuju. Zasad samo Kosovo*.");
    expect(preview.blockers).toContainEqual({ text: "„Sažetak” još nema odgovor.", fix: { href: `/proposals/${id}/edit#part-summary`, label: "Odgovorite: „Sažetak”" } });
    expect(preview.blockers.map((blocker) => blocker.text).join(" ")).not.toMatch(/is not answered|Not joint/);
  });

  // The browser carries neither the vocabulary nor the formats: the preview's answers come written.
  it("writes the budget, the start, the themes and the kinds of support in Macedonian", async () => {
    const { cookie, id, params } = await startIn("mk", "Сајбер обуки");
    const page = (await load(edit, `/proposals/${id}/edit`, { cookie, params })) as EditPage;
    const saved = (await submit(
      edit,
      `/proposals/${id}/edit`,
      { intent: "save", revision: String(page.revision), budgetEur: "60000", intendedStart: "2027-03-15", themes: "cybercrime", supportKinds: "expertAdvice" },
      { cookie, params },
    )) as SaveReply;
    expect(saved.problem).toBeNull();
    const preview = (await load(send, `/proposals/${id}/submit`, { cookie, params })) as Preview;
    const vocabulary = (catalogueFor("mk") as { vocabulary: { themes: Record<string, string>; supportKinds: Record<string, string> } }).vocabulary;
    expect(preview.answersInWords).toMatchObject({ themes: [vocabulary.themes.cybercrime], supportKinds: [vocabulary.supportKinds.expertAdvice] });
    expect(preview.answersInWords.budgetEur).toMatch(/^60\.000\s?€$/);
    expect(preview.answersInWords.intendedStart).toContain("март");
  });

  it("refuses an empty answer to the TAF team in Macedonian", async () => {
    const { cookie, id, params } = await startIn("mk", "Заеднички патроли");
    const reply = (await submit(send, `/proposals/${id}/submit`, { intent: "respond", version: "1", revision: "1", message: " " }, { cookie, params })) as Reply;
    expect(reply.result.error?.message).toEqual(["Напишете го Вашиот одговор на прашањето на тимот на TAF."]);
  });
});

describe("the comments, in the reader's language", () => {
  it("titles the page in Albanian, and refuses a comment too long with the limit in it", async () => {
    const id = demoProposalId("cybercrime");
    const params = { proposalId: String(id) };
    const admin = await signedInIn("sq", "admin@taf.example");
    const page = (await load(comments, `/proposals/${id}/comments`, { cookie: admin, params })) as Awaited<ReturnType<typeof comments.loader>>;
    expect(page.title).toMatch(/^Komentet për .+ · Portali TAF$/);
    const tooLong = (await submit(comments, `/proposals/${id}/comments`, { body: "a".repeat(4001) }, { cookie: admin, params })) as Reply;
    expect(tooLong.result.error?.body).toEqual(["Përdorni jo më shumë se 4000 karaktere. Shkurtojeni komentin ose ndajeni në dy."]);
  });
});
