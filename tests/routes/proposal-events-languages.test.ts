import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createInstance } from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import * as root from "../../app/root";
import * as page from "../../app/routes/proposals.$proposalId._index";
import { ProposalHistory } from "../../app/components/proposal/history";
import { proposals } from "../../db/schema";
import type { Language } from "../../workflows/languages";
import { I18N_OPTIONS } from "../../workflows/languages";
import { catalogueFor } from "../../workflows/messages";
import { load, signInAs, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { demoProposalId, makeProposal } from "../workflow-server/builders";

// The proposal's steps in the reader's language: the buttons and forms the event catalogue
// gives, the history's sentences, and the statechart's refusals beside the form that was sent.

useDatabase("demo");

type Page = Awaited<ReturnType<typeof page.loader>>;
type Reply = Awaited<ReturnType<typeof page.action>>;

async function cookieFor(email: string, language: Language) {
  const switched = (await load(root, `/login?lng=${language}`)) as Response;
  return `${await signInAs(email)}; ${switched.headers.get("Set-Cookie")!.split(";")[0]!}`;
}

async function view(id: number, email: string, language: Language) {
  return (await load(page, `/proposals/${id}`, { cookie: await cookieFor(email, language), params: { proposalId: String(id) } })) as Page;
}

async function act(id: number, email: string, language: Language, form: Record<string, string>) {
  return (await submit(page, `/proposals/${id}`, form, { cookie: await cookieFor(email, language), params: { proposalId: String(id) } })) as Reply;
}

const versionOf = (id: number) => db().select().from(proposals).where(eq(proposals.id, id)).get()!.version;

function render(language: Language, element: ReturnType<typeof createElement>) {
  const i18n = createInstance();
  void i18n.use(initReactI18next).init({ ...I18N_OPTIONS, lng: language, initImmediate: false, resources: { [language]: { translation: catalogueFor(language) } } });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, element));
}

describe("the proposal's steps in another language", () => {
  it("gives the TAF team its buttons, forms and the history in Albanian", async () => {
    const awaiting = await view(demoProposalId("cocaineRoutes"), "admin@taf.example", "sq");
    expect(awaiting.nextStep.moves.map((action) => action.label)).toContain("konfirmoni pranueshmërinë");
    expect(awaiting.nextStep.instruction).toMatch(/^Konfirmoni pranueshmërinë, /);
    const clarification = awaiting.nextStep.moves.find((action) => action.type === "REQUEST_CLARIFICATION")!;
    expect(clarification.fields.map((field) => field.label)).toEqual(["Pyetja juaj për aplikantët", "Ditë për t'u përgjigjur"]);
    expect(awaiting.nextStep.endings.map((action) => action.label)).toContain("shpallni propozimin të papranueshëm");
    expect(awaiting.history.map((entry) => entry.what)).toEqual(expect.arrayContaining(["filloi draftin", "dorëzoi propozimin"]));
    expect(JSON.stringify(awaiting.nextStep)).not.toMatch(/proposalEvents\./);
  });

  it("names the applicants' work pages and the texts of the history in their language", async () => {
    const victims = await view(demoProposalId("victims"), "applicant.me@taf.example", "sq");
    expect(victims.workLinks.map((link) => link.label)).toContain("Përgjigjuni pyetjes dhe ridorëzojeni propozimin");
    const asked = victims.history.find((entry) => entry.what === "kërkoi sqarim")!;
    expect(asked.texts.map((text) => text.label)).toEqual(["Pyetja"]);
  });

  it("writes a history line as each language builds it, Serbian without a verb's gender", async () => {
    const entry = { id: 1, at: "1. 12. 2026.", who: "Tim TAF-a", what: "zatraženo pojašnjenje", dueAt: null, texts: [] };
    expect(render("sr-Latn", createElement(ProposalHistory, { history: [entry] }))).toContain("<strong>Tim TAF-a</strong>: zatraženo pojašnjenje.");
    expect(render("sq", createElement(ProposalHistory, { history: [{ ...entry, who: "Ekipi i TAF-it", what: "kërkoi sqarim" }] }))).toContain(
      "<strong>Ekipi i TAF-it</strong> kërkoi sqarim.",
    );
  });

  it("says in Macedonian why a step is refused, and changes nothing", async () => {
    const id = demoProposalId("drugNetworks");
    const version = versionOf(id);
    const notTheirs = await act(id, "advisor.mk@taf.example", "mk", { event: "HOLD", version: String(version), reason: "Прашања за буџетот" });
    expect(notTheirs.formError).toBe("Чекорот „запрете го спроведувањето“ можат да го направат само администраторите.");
    const noReason = await act(id, "admin@taf.example", "mk", { event: "HOLD", version: String(version), reason: "  " });
    expect(noReason.formError).toBe("Причината е задолжителна.");
    expect(versionOf(id)).toBe(version);
  });

  it("says in Macedonian what a form still needs, and what happened once a step is taken", async () => {
    const { id } = makeProposal();
    const unticked = await act(id, "applicant.xk@taf.example", "mk", { event: "DISCARD", version: String(versionOf(id)) });
    expect(unticked.fieldErrors.confirm).toEqual(["Штиклирајте го полето за да потврдите дека нацртот треба да се отфрли."]);
    const discarded = await act(id, "applicant.xk@taf.example", "mk", { event: "DISCARD", version: String(versionOf(id)), confirm: "on" });
    expect(discarded.done).toBe("Готово. Предлогот сега е во фазата „Отфрлено“.");
  });
});
