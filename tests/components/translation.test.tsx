import { createInstance, type i18n as I18n } from "i18next";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { messageWith } from "../../app/free-text-schema";
import { MESSAGE_VARIABLES } from "../../app/message-variables";
import { Trans } from "../../app/trans";
import { catalogueTranslator } from "../../app/translation";
import type { PageLanguage } from "../../workflows/languages";
import { I18N_OPTIONS, LANGUAGES, PSEUDO_LANGUAGE } from "../../workflows/languages";
import { browserCatalogueFor, type Catalogue, catalogueFor, createTranslator } from "../../workflows/messages";

// Pages translate with app/translation.tsx (in the browser with the browser's catalogue, on the
// server with the whole one), e-mails with i18next: a word that came out differently would be a
// page that says a thing otherwise than its e-mail, or a message unlike i18next's behaviour that
// the catalogues were written for.

const PAGE_LANGUAGES = [...LANGUAGES.map((language) => language.tag), PSEUDO_LANGUAGE] as PageLanguage[];

function keysOf(catalogue: Catalogue, prefix = ""): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) => (typeof value === "string" ? [prefix + key] : keysOf(value, `${prefix}${key}.`)));
}

function messageAt(catalogue: Catalogue, key: string): string {
  return key.split(".").reduce<Catalogue | string>((node, part) => (node as Catalogue)[part]!, catalogue) as string;
}

describe("the pages' translator", () => {
  // Some 50,000 messages compared: slow on a busy machine.
  it("writes every message of every catalogue as i18next writes it, with and without its numbers and names", { timeout: 180_000 }, () => {
    for (const language of PAGE_LANGUAGES) {
      const catalogue = catalogueFor(language);
      const i18next = createTranslator(language, MESSAGE_VARIABLES);
      const page = catalogueTranslator(language, catalogue, MESSAGE_VARIABLES).t;
      let compared = 0;
      for (const key of keysOf(catalogue)) {
        const base = key.replace(/_(zero|one|two|few|many|other)$/, "");
        const names = [...messageAt(catalogue, key).matchAll(/\{\{([\w.]+)/g)].map((match) => match[1]!);
        // Names with a dot are the page's message variables (roundBounds.summary.max), the others the caller's.
        const named = Object.fromEntries(names.filter((name) => name !== "count" && !name.includes(".")).map((name) => [name, `«${name}»`]));
        for (const options of [undefined, named, ...[0, 1, 2, 3, 5, 11, 21, 1_234].map((count) => ({ ...named, count }))]) {
          expect(page(base, options), `${language} ${base} ${JSON.stringify(options)}`).toBe(i18next(base, options));
          compared++;
        }
        // As a form's message names it with its numbers (messageWith, shown by FieldError).
        const numbers = Object.fromEntries([...names, "count"].filter((name) => !name.includes(".")).map((name, index) => [name, 1_000 + index]));
        const message = messageWith(base, numbers);
        expect(page(message, { defaultValue: message }), `${language} ${message}`).toBe(i18next(message, { defaultValue: message }));
      }
      expect(compared).toBeGreaterThan(1_000);
    }
  });

  it("leaves a key it does not know as the key, as i18next does", () => {
    const page = catalogueTranslator("en", browserCatalogueFor("en"), MESSAGE_VARIABLES).t;
    expect(page("layout.noSuchMessage")).toBe(createTranslator("en")("layout.noSuchMessage"));
  });
});

function rendered(element: ReturnType<typeof createElement>) {
  const i18n = createInstance();
  void i18n.init({ ...I18N_OPTIONS, lng: "en", initImmediate: false, resources: { en: { translation: browserCatalogueFor("en") } } });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n: i18n as I18n }, element));
}

describe("a message with elements in its words", () => {
  it("puts the words between a tag inside the element given for it", () => {
    expect(rendered(<Trans i18nKey="roundEligibility.jointFixed" count={3} components={{ strong: <strong /> }} />)).toBe(
      "Confirmed institutions from at least <strong>3</strong> Western Balkan countries.",
    );
    expect(rendered(<Trans i18nKey="submitPage.answerNeedsAttention" components={{ link: <a href="#answer" /> }} />)).toBe(
      'Your answer needs attention: <a href="#answer">see the message beside it</a>.',
    );
  });

  it("keeps an element's own content where the message puts none", () => {
    expect(rendered(<Trans i18nKey="advisorShare.sharedBy" values={{ person: "Ana", at: "1 December" }} components={{ countries: <span>Kosovo* and Serbia</span> }} />)).toBe(
      "Ana shared this draft with the country advisors of <span>Kosovo* and Serbia</span> on 1 December.",
    );
  });

  it("shows a name that looks like a tag as written, not as an element", () => {
    expect(rendered(<Trans i18nKey="forgotPassword.sent" values={{ email: "<b>x@example.org</b>" }} components={{ strong: <strong /> }} />)).toContain(
      "<strong>&lt;b&gt;x@example.org&lt;/b&gt;</strong>",
    );
  });
});
