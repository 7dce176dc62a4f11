import { createInstance, type TFunction } from "i18next";
import { AREA_FILES, AREAS } from "../locales/catalogues";
import type { Language, PageLanguage } from "./languages";
import { I18N_OPTIONS, PSEUDO_LANGUAGE } from "./languages";

// The message catalogues (locales/<language>/<area>.json, keys named by page and meaning),
// and the one way to translate with them outside React: pages' loaders and actions, e-mail
// templates, and later the statechart's words. Server-side only (a dependency-cruiser rule):
// the browser receives the current language's catalogue, less the e-mails', as a resource of its
// own that it keeps (app/routes/catalogues.$language.tsx).

export type Catalogue = { [key: string]: string | Catalogue };

/** A language's catalogue: the union of its area files (each file owns its top-level sections). */
function unionOf(areas: readonly Catalogue[]): Catalogue {
  return Object.assign({}, ...areas) as Catalogue;
}

const CATALOGUES: Record<Language, Catalogue> = {
  en: unionOf(AREA_FILES.en),
  sq: unionOf(AREA_FILES.sq),
  "sr-Latn": unionOf(AREA_FILES["sr-Latn"]),
  "sr-Cyrl": unionOf(AREA_FILES["sr-Cyrl"]),
  mk: unionOf(AREA_FILES.mk),
};

export function catalogueFor(language: PageLanguage): Catalogue {
  return language === PSEUDO_LANGUAGE ? pseudoCatalogue() : CATALOGUES[language];
}

// The e-mails' words are only ever rendered on the server (emails/), so the browser is not sent them.
const SERVER_ONLY_SECTIONS = new Set(Object.keys(AREA_FILES.en[AREAS.indexOf("emails")]!));

/** What the browser needs of a language's catalogue: every section the pages' components may render. */
export function browserCatalogueFor(language: PageLanguage): Catalogue {
  return Object.fromEntries(Object.entries(catalogueFor(language)).filter(([section]) => !SERVER_ONLY_SECTIONS.has(section)));
}

/** A translator fixed to one language; `variables` are interpolated into every message that names them. */
export function createTranslator(language: PageLanguage, variables: Record<string, unknown> = {}): TFunction {
  const instance = createInstance();
  // With resources given, initialisation is synchronous (initImmediate: false).
  void instance.init({
    ...I18N_OPTIONS,
    interpolation: { ...I18N_OPTIONS.interpolation, defaultVariables: variables },
    lng: language,
    initImmediate: false,
    resources: { [language]: { translation: catalogueFor(language) } },
  });
  return instance.t;
}

const translators = new Map<PageLanguage, TFunction>();

/** The translator of e-mail templates, one per language, made once. */
export function translatorFor(language: PageLanguage): TFunction {
  let t = translators.get(language);
  if (!t) translators.set(language, (t = createTranslator(language)));
  return t;
}

let pseudo: Catalogue | undefined;
function pseudoCatalogue(): Catalogue {
  pseudo ??= pseudoLocalise(CATALOGUES.en) as Catalogue;
  return pseudo;
}

type Messages = { [key: string]: string | Messages };

const ACCENTED: Record<string, string> = { a: "áà", e: "éè", i: "íì", o: "óò", u: "úù", A: "ÁÀ", E: "ÉÈ", I: "ÍÌ", O: "ÓÒ", U: "ÚÙ", c: "ç", n: "ñ", s: "š", z: "ž", y: "ý" };

/**
 * English made about 40 % longer and accented, between brackets, with placeholders
 * ({{name}}) and tags (<strong>) left whole: a page laid out for English only shows it.
 */
export function pseudoLocalise(messages: Messages): Messages {
  return Object.fromEntries(
    Object.entries(messages).map(([key, value]) => [key, typeof value === "string" ? pseudoText(value) : pseudoLocalise(value)]),
  );
}

function pseudoText(text: string): string {
  const parts = text.split(/(\{\{[^}]*\}\}|<[^>]+>)/);
  const body = parts.map((part, index) => (index % 2 === 1 ? part : [...part].map((c) => ACCENTED[c] ?? c).join(""))).join("");
  return `[${body}]`;
}
