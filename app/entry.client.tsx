import { RemixBrowser } from "@remix-run/react";
import type { ReactNode } from "react";
import { startTransition, StrictMode, useEffect } from "react";
import { hydrateRoot } from "react-dom/client";
import type { i18n as I18n } from "i18next";
import { I18nextProvider } from "react-i18next";
import { CATALOGUE_ELEMENT_ID, MESSAGE_VARIABLES_ELEMENT_ID } from "./i18n";
import { browserTranslator } from "./translation";
import { keepWhatIsTypedBeforeHydration } from "./typed-before-hydration";

// The page names its language (<html lang>) and the address of that language's catalogue
// (root.tsx), which the browser keeps from one page to the next: the page's translator
// (app/translation.tsx: i18next's words without its weight) starts with exactly the words the
// server rendered with, so hydration finds the same words. Until then the page is the
// server's and works as it does without JavaScript; if the catalogue cannot be had, it stays so.
// Changing the language is a full page load (?lng=), so the browser never needs another one.
const language = document.documentElement.lang;
const address = document.getElementById(CATALOGUE_ELEMENT_ID)?.getAttribute("href") ?? `/catalogues/${language}`;
const hydrated = keepWhatIsTypedBeforeHydration();
const variables: unknown = JSON.parse(document.getElementById(MESSAGE_VARIABLES_ELEMENT_ID)?.textContent ?? "{}");

// The same request as the page's preload (credentials of a same-origin "anonymous" fetch), so the browser reuses it.
void fetch(address, { credentials: "same-origin" })
  .then((response) => (response.ok ? (response.json() as Promise<Record<string, unknown>>) : Promise.reject(new Error(`${address}: ${response.status}`))))
  .then((catalogue) => {
    const translator = browserTranslator(language, catalogue, variables as Record<string, unknown>);
    startTransition(() => {
      hydrateRoot(
        document,
        <I18nextProvider i18n={translator as unknown as I18n}>
          <StrictMode>
            <Hydrated then={hydrated}>
              <RemixBrowser />
            </Hydrated>
          </StrictMode>
        </I18nextProvider>,
      );
    });
  });

/** Calls `then` once the page has hydrated: effects run after their children's, so this one last. */
function Hydrated({ then, children }: { then: () => void; children: ReactNode }) {
  useEffect(then, [then]);
  return children;
}
