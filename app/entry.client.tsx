import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { I18N_OPTIONS } from "../workflows/languages";
import { CATALOGUE_ELEMENT_ID, MESSAGE_VARIABLES_ELEMENT_ID } from "./i18n";

// The page names its language (<html lang>) and the address of that language's catalogue
// (root.tsx), which the browser keeps from one page to the next: i18next starts with exactly the
// words the server rendered with, so hydration finds the same words. Until then the page is the
// server's and works as it does without JavaScript; if the catalogue cannot be had, it stays so.
// Changing the language is a full page load (?lng=), so the browser never needs another one.
const language = document.documentElement.lang;
const address = document.getElementById(CATALOGUE_ELEMENT_ID)?.getAttribute("href") ?? `/catalogues/${language}`;
const variables: unknown = JSON.parse(document.getElementById(MESSAGE_VARIABLES_ELEMENT_ID)?.textContent ?? "{}");

// The same request as the page's preload (credentials of a same-origin "anonymous" fetch), so the browser reuses it.
void fetch(address, { credentials: "same-origin" })
  .then((response) => (response.ok ? (response.json() as Promise<Record<string, unknown>>) : Promise.reject(new Error(`${address}: ${response.status}`))))
  .then((catalogue) =>
    i18next.use(initReactI18next).init({
      ...I18N_OPTIONS,
      interpolation: { ...I18N_OPTIONS.interpolation, defaultVariables: variables as Record<string, unknown> },
      lng: language,
      resources: { [language]: { translation: catalogue } },
    }),
  )
  .then(() => {
    startTransition(() => {
      hydrateRoot(
        document,
        <I18nextProvider i18n={i18next}>
          <StrictMode>
            <RemixBrowser />
          </StrictMode>
        </I18nextProvider>,
      );
    });
  });
