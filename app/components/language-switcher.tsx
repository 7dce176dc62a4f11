import { useLocation } from "@remix-run/react";
import { useTranslation } from "../translation";
import type { PageLanguage } from "../../workflows/languages";
import { langWhereDifferent, LANGUAGES, PSEUDO_LANGUAGE } from "../../workflows/languages";

// On every page, signed in or not. Plain links, not a form that needs JavaScript: `?lng=mk`
// on the same address sets the language and comes back (the root loader), as a full page
// load, so the page arrives with its new language's words.

function nameOf(tag: PageLanguage) {
  return LANGUAGES.find((language) => language.tag === tag)?.name ?? "[Pséúdó]";
}

export function LanguageSwitcher({ languages }: { languages: readonly PageLanguage[] }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  function hrefFor(tag: PageLanguage) {
    const search = new URLSearchParams(location.search);
    search.set("lng", tag);
    return `${location.pathname}?${search}`;
  }
  return (
    <nav className="site-languages" aria-label={t("layout.languages")}>
      <ul>
        {languages.map((tag) => (
          <li key={tag}>
            <a
              href={hrefFor(tag)}
              hrefLang={tag}
              {...langWhereDifferent(tag === PSEUDO_LANGUAGE ? "en" : tag, i18n.language)}
              aria-current={tag === i18n.language ? "true" : undefined}
            >
              {nameOf(tag)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
