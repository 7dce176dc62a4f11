import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// The browser translates with app/translation.tsx, not i18next (issue 13): react-i18next's own
// `useTranslation` or `Trans` in a component would find the browser's translator in the provider
// and fail as the page hydrates. Only the server's renderers and its modules (*.server.ts, which
// never reach the browser) use i18next itself.

const PROVIDERS = new Set(["app/entry.server.tsx", "app/entry.client.tsx", "app/reporting/pdf.server.ts", "app/translation.tsx"]);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("the page's words", () => {
  it("come from app/translation.tsx in every component, not from react-i18next", () => {
    const files = sourceFiles("app");
    expect(files.length).toBeGreaterThan(100);
    const fromReactI18next = files.filter((file) => !PROVIDERS.has(file) && !file.endsWith(".server.ts") && /from "react-i18next"/.test(readFileSync(file, "utf8")));
    expect(fromReactI18next).toEqual([]);
    // And nothing the browser loads imports i18next itself but for its types.
    const i18nextInComponents = files.filter((file) => !file.endsWith(".server.ts") && !PROVIDERS.has(file) && /^import (?!type )[^;]*from "i18next"/m.test(readFileSync(file, "utf8")));
    expect(i18nextInComponents).toEqual([]);
  });
});
