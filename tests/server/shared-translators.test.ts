import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInOverHttp, startPortal } from "../support/portal";

// Each language's i18next is made once per process and shared by its requests
// (app/i18n.server.ts): requests in different languages, answered at the same time by the one
// process, must each get their own words, in the page as in its title and <html lang>.

let portal: Awaited<ReturnType<typeof startPortal>>;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.stop();
});

/** The taf_lng cookie `?lng=` sets. */
async function languageCookie(language: string) {
  const response = await fetch(`${portal.url}/login?lng=${language}`, { redirect: "manual" });
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

const WORDS = {
  sq: { title: "<title>Hyrja · Portali TAF</title>", body: "Keni harruar fjalëkalimin?", home: "Portali TAF" },
  mk: { title: "<title>Најава · Портал TAF</title>", body: "Ја заборавивте лозинката?", home: "Портал TAF" },
} as const;

describe("pages in two languages at once", { timeout: 120_000 }, () => {
  it("gives each of many interleaved requests in Albanian and Macedonian its own words", async () => {
    const cookies = { sq: await languageCookie("sq"), mk: await languageCookie("mk") };
    const asked = Array.from<unknown, "sq" | "mk">({ length: 40 }, (_, k) => (k % 2 === 0 ? "sq" : "mk"));
    const pages = await Promise.all(
      asked.map(async (language) => ({ language, html: await (await fetch(`${portal.url}/login`, { headers: { Cookie: cookies[language] } })).text() })),
    );
    for (const { language, html } of pages) {
      const other = language === "sq" ? "mk" : "sq";
      expect(html).toContain(`<html lang="${language}"`);
      expect(html).toContain(WORDS[language].title);
      expect(html).toContain(WORDS[language].body);
      expect(html).not.toContain(WORDS[other].body);
    }
  });

  it("keeps a signed-in person's pages in their language while another's are in another", async () => {
    const [albanian, macedonian] = await Promise.all([signInOverHttp(portal.url, "applicant.al@taf.example"), signInOverHttp(portal.url, "applicant.mk@taf.example")]);
    const sessions = { sq: `${albanian}; ${await languageCookie("sq")}`, mk: `${macedonian}; ${await languageCookie("mk")}` };
    const asked = Array.from<unknown, "sq" | "mk">({ length: 20 }, (_, k) => (k % 2 === 0 ? "sq" : "mk"));
    const pages = await Promise.all(asked.map(async (language) => ({ language, html: await (await fetch(`${portal.url}/`, { headers: { Cookie: sessions[language] } })).text() })));
    for (const { language, html } of pages) {
      expect(html).toContain(`<html lang="${language}"`);
      expect(html).toContain(WORDS[language].home);
      expect(html).not.toContain(WORDS[language === "sq" ? "mk" : "sq"].home);
    }
  });
});
