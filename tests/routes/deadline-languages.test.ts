import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createInstance } from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { describe, expect, it } from "vitest";
import * as root from "../../app/root";
import * as newProposal from "../../app/routes/proposals.new";
import { Deadline, DueBy } from "../../app/components/deadline";
import { deadlineIn, dueByIn } from "../../app/proposals/deadline-words.server";
import type { Language } from "../../workflows/languages";
import { I18N_OPTIONS } from "../../workflows/languages";
import { catalogueFor, translatorFor } from "../../workflows/messages";
import { load, signInAs } from "../support/http";
import { useDatabase } from "../support/database";

// Issue 12: a round's deadline and an answer's due time reach the browser already in the
// reader's words (months, time zone, how long is left), so nothing is formatted with Intl data
// the browser may lack and the page hydrates as rendered.

useDatabase("demo");

type NewPage = Awaited<ReturnType<typeof newProposal.loader>>;

function render(language: Language, element: ReturnType<typeof createElement>) {
  const i18n = createInstance();
  void i18n.use(initReactI18next).init({ ...I18N_OPTIONS, lng: language, initImmediate: false, resources: { [language]: { translation: catalogueFor(language) } } });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, element));
}

const round = { mode: "deadline", state: "open", opensAt: "2026-09-01T08:00:00.000Z", closesAt: "2026-10-15T15:00:00.000Z" } as const;

describe("deadlines in another language", () => {
  it("come from the new-proposal page's loader in Macedonian", async () => {
    const session = await signInAs("applicant.me@taf.example");
    const switched = (await load(root, "/?lng=mk", { cookie: session })) as Response;
    const cookie = `${session}; ${switched.headers.get("Set-Cookie")!.split(";")[0]!}`;
    const page = (await load(newProposal, "/proposals/new", { cookie })) as NewPage;
    const dated = page.rounds.map((r) => r.deadline).filter((d) => d.kind === "dated");
    expect(dated.length).toBeGreaterThan(0);
    for (const deadline of dated) {
      expect(deadline.closesAtInWords).toContain("бриселско време");
      expect(deadline.timeLeft).not.toMatch(/left|days|hours/);
    }
  });

  it("say how long is left in each language's plural forms", () => {
    const at = (iso: string) => new Date(iso);
    const words = (language: Language) => ({ t: translatorFor(language), language });
    expect(deadlineIn(round, at("2026-10-03T11:00:00Z"), words("en"))).toMatchObject({ kind: "dated", timeLeft: "12 days 4 hours left." });
    expect(deadlineIn(round, at("2026-10-13T12:00:00Z"), words("sr-Latn"))).toMatchObject({ timeLeft: "Preostalo vrijeme: 2 dana i 3 sata." });
    expect(deadlineIn(round, at("2026-10-15T14:59:30Z"), words("mk"))).toMatchObject({ timeLeft: "Преостанува помалку од една минута." });
    expect(deadlineIn(round, at("2026-10-16T15:00:00Z"), words("sq"))).toMatchObject({ passed: true, timeLeft: "U mbyll 1 ditë më parë." });
    expect(deadlineIn(round, at("2026-08-01T00:00:00Z"), words("sq"))).toMatchObject({ kind: "notOpen" });
  });

  it("render in Albanian without an English word", () => {
    const now = new Date("2026-10-03T11:00:00Z");
    const words = { t: translatorFor("sq"), language: "sq" as const };
    const html = render("sq", createElement("div", null, createElement(Deadline, { deadline: deadlineIn(round, now, words) }), createElement(DueBy, { due: dueByIn(round.closesAt, now, words) })));
    expect(html).toContain("<strong>Afati:</strong>");
    expect(html).toContain('<time dateTime="2026-10-15T15:00:00.000Z">15 tetor 2026, 17:00 (ora e Brukselit)</time>');
    expect(html).toContain("Kanë mbetur 12 ditë e 4 orë.");
    expect(html).toContain("<strong>Përgjigjuni deri më</strong>");
    expect(html).not.toMatch(/Deadline|left|Answer by|Brussels/);
  });
});

describe("a review's due time in words", () => {
  const at = (iso: string) => new Date(iso);
  const due = "2026-10-15T15:00:00.000Z";
  const left = (now: string, language: Language) => dueByIn(due, at(now), { t: translatorFor(language), language }).timeLeft;

  it("says how long is left, or how long ago it was due, in the reviewer's language (the reviewers' table was English in every language)", () => {
    expect(left("2026-10-03T11:00:00Z", "en")).toBe("12 days 4 hours left");
    expect(left("2026-10-14T15:00:00Z", "en")).toBe("1 day left");
    expect(left("2026-10-15T11:40:00Z", "en")).toBe("3 hours 20 minutes left");
    expect(left("2026-10-15T14:59:30Z", "en")).toBe("less than a minute left");
    expect(left("2026-10-15T15:00:00Z", "en")).toBe("due just now");
    expect(left("2026-10-17T16:00:00Z", "en")).toBe("due 2 days 1 hour ago");
    for (const language of ["sq", "mk"] as const) {
      expect(left("2026-10-09T15:00:00Z", language)).not.toMatch(/\bdays?\b|\bleft\b/);
      expect(left("2026-10-09T15:00:00Z", language)).toContain("6");
    }
  });
});
