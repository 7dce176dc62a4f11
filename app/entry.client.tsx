import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { I18N_OPTIONS } from "../workflows/languages";
import { CATALOGUE_ELEMENT_ID, MESSAGE_VARIABLES_ELEMENT_ID } from "./i18n";

// The page names its language (<html lang>) and carries that language's catalogue (root.tsx):
// i18next starts with exactly what the server rendered with, so hydration finds the same words.
// Changing the language is a full page load (?lng=), so the browser never needs another one.
const language = document.documentElement.lang;
const catalogue: unknown = JSON.parse(document.getElementById(CATALOGUE_ELEMENT_ID)?.textContent ?? "{}");
const variables: unknown = JSON.parse(document.getElementById(MESSAGE_VARIABLES_ELEMENT_ID)?.textContent ?? "{}");

void i18next
  .use(initReactI18next)
  .init({
    ...I18N_OPTIONS,
    interpolation: { ...I18N_OPTIONS.interpolation, defaultVariables: variables as Record<string, unknown> },
    lng: language,
    resources: { [language]: { translation: catalogue as Record<string, unknown> } },
  })
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
