import { describe, expect, it } from "vitest";
import { countIn } from "../../app/components/count";
import { rowsShownIn } from "../../app/components/pagination";
import type { PageLanguage } from "../../workflows/languages";
import { LANGUAGES, PSEUDO_LANGUAGE } from "../../workflows/languages";
import { translatorFor } from "../../workflows/messages";
import { formatNumberIn } from "../../workflows/time";

// The line every paged list prints above and below its rows.

// In English, as most people read it.
const rowsShown = (pages: Parameters<typeof rowsShownIn>[2]) => rowsShownIn("en", translatorFor("en"), pages);

describe("the rows a paged list shows", () => {
  it("groups large numbers as the portal writes them", () => {
    expect(rowsShown({ param: "page", page: 2, pageCount: 200, total: 10_000, first: 51, last: 100 })).toBe("51–100 of 10,000");
    expect(rowsShown({ param: "page", page: 25, pageCount: 250, total: 12_480, first: 1_201, last: 1_250 })).toBe("1,201–1,250 of 12,480");
  });

  it("leaves small numbers as they are", () => {
    expect(rowsShown({ param: "page", page: 1, pageCount: 7, total: 312, first: 1, last: 50 })).toBe("1–50 of 312");
  });
});

describe("counts on a paged list in every language", () => {
  it("are grouped in the browser exactly as the server's Intl groups them, so the page hydrates as rendered", () => {
    for (const language of [...LANGUAGES.map((l) => l.tag), PSEUDO_LANGUAGE] as PageLanguage[]) {
      for (const value of [0, 7, 999, 1_000, 9_999, 10_000, 12_480, 999_999, 1_234_567]) {
        expect(countIn(language, value), `${language} ${value}`).toBe(formatNumberIn(language, value));
      }
    }
  });

  it("say which rows show in Macedonian and Albanian", () => {
    const pages = { param: "page", page: 2, pageCount: 200, total: 10_000, first: 51, last: 100 };
    expect(rowsShownIn("mk", translatorFor("mk"), pages)).toBe("51–100 од 10.000");
    expect(rowsShownIn("sq", translatorFor("sq"), pages)).toMatch(/^51–100 .+ 10\u00a0000$/);
  });
});
