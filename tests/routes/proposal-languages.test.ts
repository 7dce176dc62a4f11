import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createInstance } from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { describe, expect, it } from "vitest";
import * as root from "../../app/root";
import * as page from "../../app/routes/proposals.$proposalId._index";
import { JointBadge } from "../../app/components/joint-badge";
import { ProposalAnswer } from "../../app/components/proposal-answer";
import { NextStepPanel } from "../../app/components/proposal/next-step";
import { ClarificationRequest } from "../../app/components/proposal/clarification-request";
import { StaticRouter } from "react-router-dom/server";
import type { Language } from "../../workflows/languages";
import { I18N_OPTIONS } from "../../workflows/languages";
import { catalogueFor } from "../../workflows/messages";
import { answersInWords } from "../../app/proposals/answers-in-words.server";
import { translatorOf } from "../../app/i18n.server";
import { load, ORIGIN, signInAs } from "../support/http";
import { useDatabase } from "../support/database";
import { demoProposalId } from "../workflow-server/builders";

// The applicants' proposal page in the person's language: its links, who acts, the history's
// people and dates, and the answers' months and euros.

useDatabase("demo");

type Page = Awaited<ReturnType<typeof page.loader>>;

async function inLanguage(language: Language, email: string) {
  const response = (await load(root, `/login?lng=${language}`)) as Response;
  return `${await signInAs(email)}; ${response.headers
    .get("Set-Cookie")!
    .split(";")[0]!}`;
}

async function view(id: number, email: string, language: Language) {
  return (await load(page, `/proposals/${id}`, {
    cookie: await inLanguage(language, email),
    params: { proposalId: String(id) },
  })) as Page;
}

/** A request whose browser speaks one language. */
function speaking(language: Language) {
  return new Request(ORIGIN, { headers: { "Accept-Language": language } });
}

function render(language: Language, element: ReturnType<typeof createElement>) {
  const i18n = createInstance();
  void i18n.use(initReactI18next).init({
    ...I18N_OPTIONS,
    lng: language,
    initImmediate: false,
    resources: { [language]: { translation: catalogueFor(language) } },
  });
  return renderToStaticMarkup(
    createElement(I18nextProvider, { i18n }, element)
  );
}

describe("the proposal page in another language", () => {
  it("names its title, links and whom it waits for in Albanian", async () => {
    const victims = await view(
      demoProposalId("victims"),
      "applicant.me@taf.example",
      "sq"
    );
    expect(victims.pageTitle).toMatch(/ · Portali TAF$/);
    expect(victims.links.map((link) => link.label)).toContain(
      "Ftoni dhe menaxhoni partnerët"
    );
    expect(victims.nextActor).toBe("institucioni drejtues");
    expect(
      victims.history.some((entry) => entry.at.includes("(ora e Brukselit)"))
    ).toBe(true);
  });

  it("hides the TAF team's names from applicants in Macedonian as in English", async () => {
    expect(
      (
        await view(
          demoProposalId("cocaineRoutes"),
          "applicant.al@taf.example",
          "mk"
        )
      ).nextActor
    ).toBe("тимот на TAF");
    const forApplicant = await view(
      demoProposalId("drugNetworks"),
      "applicant.xk@taf.example",
      "mk"
    );
    expect(
      forApplicant.history.some((entry) => entry.who === "Тимот на TAF")
    ).toBe(true);
    expect(
      forApplicant.history.some((entry) => entry.who.includes("Anna Keller"))
    ).toBe(false);
    const forTeam = await view(
      demoProposalId("drugNetworks"),
      "admin@taf.example",
      "mk"
    );
    expect(
      forTeam.history.some((entry) => entry.who === "Anna Keller (тим на TAF)")
    ).toBe(true);
    expect(forTeam.eligibility?.at).toContain("(бриселско време)");
  });

  it("counts months and countries with Serbian's plural forms, and writes euros and dates as the language does", async () => {
    expect(
      answersInWords(
        { durationMonths: 3 },
        "sr-Latn",
        await translatorOf(speaking("sr-Latn"))
      )
    ).toEqual({ durationMonths: "3 mjeseca" });
    expect(
      answersInWords(
        { durationMonths: 11 },
        "sr-Cyrl",
        await translatorOf(speaking("sr-Cyrl"))
      )
    ).toEqual({ durationMonths: "11 месеци" });
    const macedonian = answersInWords(
      { budgetEur: 60000, intendedStart: "2026-09-15" },
      "mk",
      await translatorOf(speaking("mk"))
    );
    expect(macedonian.budgetEur).toMatch(/^60\.000\s?€$/);
    expect(macedonian.intendedStart).toContain("септември");
    expect(
      render(
        "sr-Latn",
        createElement(JointBadge, {
          countries: 1,
          rule: { required: true, minimumCountries: 3 },
        })
      )
    ).toContain("iz 3 zemlje");
    expect(
      render(
        "sq",
        createElement(ProposalAnswer, {
          value: "Joint training",
          missing: "quiet",
        })
      )
    ).toContain('lang="en"');
    // Chosen themes come named by the server, in the reader's language, not in the applicant's.
    const themes = render("sq", createElement(ProposalAnswer, { value: ["cybercrime"], missing: "quiet", inWords: ["Krimi kibernetik"] }));
    expect(themes).toBe('<ul class="plain"><li>Krimi kibernetik</li></ul>');
  });

  it("tells a person with nothing to do whose turn it is, in Serbian Cyrillic", () => {
    const html = render(
      "sr-Cyrl",
      createElement(NextStepPanel, {
        step: {
          yourTurn: false,
          instruction: null,
          moves: [],
          pauses: [],
          endings: [],
        },
        workLinks: [],
        waitingFor: "TAF тим",
        finished: false,
        version: 1,
      })
    );
    expect(html).toContain("Шта следи");
    expect(html).toContain("следећи корак предузима: TAF тим.");
  });

  it("links the Albanian words of the clarification's answer to the page where the lead answers", () => {
    const clarification = {
      question: "Which units take part?",
      dueAt: null,
      now: new Date().toISOString(),
      answerAt: "/proposals/7/submit",
      mayComment: false,
    };
    const html = render(
      "sq",
      createElement(
        StaticRouter,
        { location: "/proposals/7" },
        createElement(ClarificationRequest, { clarification, internal: false })
      )
    );
    expect(html).toMatch(
      /<a [^>]*href="\/proposals\/7\/submit"[^>]*>Përgjigjuni pyetjes dhe ridorëzojeni<\/a>/
    );
    expect(html).toContain(
      '<blockquote class="prose" lang="en">Which units take part?</blockquote>'
    );
  });
});
