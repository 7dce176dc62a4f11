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
import type { Language } from "../../workflows/languages";
import { I18N_OPTIONS } from "../../workflows/languages";
import { catalogueFor } from "../../workflows/messages";
import { load, signInAs } from "../support/http";
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

function render(language: Language, element: ReturnType<typeof createElement>) {
  const i18n = createInstance();
  void i18n
    .use(initReactI18next)
    .init({
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

  it("counts months and countries with Serbian's plural forms, and writes euros as the language does", () => {
    expect(
      render(
        "sr-Latn",
        createElement(ProposalAnswer, {
          partKey: "durationMonths",
          value: 3,
          missing: "quiet",
        })
      )
    ).toBe("3 mjeseca");
    expect(
      render(
        "sr-Cyrl",
        createElement(ProposalAnswer, {
          partKey: "durationMonths",
          value: 11,
          missing: "quiet",
        })
      )
    ).toBe("11 месеци");
    expect(
      render(
        "mk",
        createElement(ProposalAnswer, {
          partKey: "budgetEur",
          value: 60000,
          missing: "quiet",
        })
      )
    ).toMatch(/^60[.\s\u00a0]000,?\d*\s?€$/);
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
          partKey: "summary",
          value: "Joint training",
          missing: "quiet",
        })
      )
    ).toContain('lang="en"');
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
});
