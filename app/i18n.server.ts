import { createHash } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import type { TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { users } from "../db/schema";
import type { Language, PageLanguage } from "../workflows/languages";
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, negotiateLanguage, PSEUDO_LANGUAGE } from "../workflows/languages";
import { browserCatalogueFor, catalogueFor, translatorFor } from "../workflows/messages";
import { db } from "./db.server";
import { env } from "./env.server";
import { MESSAGE_VARIABLES } from "./message-variables";
import { catalogueTranslator, type Translator } from "./translation";

// Which language a request is answered in (ADR 019), in this order:
// 1. the language the person chose: the `taf_lng` cookie, set by `?lng=` on any page (and, for
//    a signed-in person, written to the account, which signing in copies back to the cookie);
// 2. the browser's Accept-Language, on a first visit;
// 3. English.

/** The languages this portal offers: the five, and the pseudo-language where enabled. */
export function offeredLanguages(): PageLanguage[] {
  const tags: PageLanguage[] = LANGUAGES.map((language) => language.tag);
  return pseudoLanguageEnabled() ? [...tags, PSEUDO_LANGUAGE] : tags;
}

function pseudoLanguageEnabled() {
  return env().PSEUDO_LANGUAGE || env().NODE_ENV === "development";
}

function isOffered(tag: unknown): tag is PageLanguage {
  return offeredLanguages().some((offered) => offered === tag);
}

let cookie: ReturnType<typeof createCookie> | undefined;
function languageCookie() {
  cookie ??= createCookie("taf_lng", {
    path: "/",
    sameSite: "lax",
    httpOnly: true,
    secure: env().NODE_ENV === "production" || env().APP_URL.startsWith("https:"),
    maxAge: 365 * 24 * 60 * 60,
  });
  return cookie;
}

let detector: RemixI18Next | undefined;
function languageDetector() {
  detector ??= new RemixI18Next({
    detection: {
      supportedLanguages: offeredLanguages(),
      fallbackLanguage: DEFAULT_LANGUAGE,
      cookie: languageCookie(),
      order: ["cookie", "custom"],
      findLocale: async (request) => negotiateLanguage(request.headers.get("Accept-Language")),
    },
  });
  return detector;
}

/** The language a request is answered in. */
export async function pageLanguage(request: Request): Promise<PageLanguage> {
  const detected = await languageDetector().getLocale(request);
  return isOffered(detected) ? detected : DEFAULT_LANGUAGE;
}

/** The request's language among the five (the pseudo-language reads as English): for mail and accounts. */
export async function requestLanguage(request: Request): Promise<Language> {
  const language = await pageLanguage(request);
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

const translators = new Map<PageLanguage, Translator>();

/**
 * The one translator of a language in this process, made on the first request in it: the pages
 * render with it (entry.server.tsx) and loaders and actions translate with it; the browser
 * starts the same one with the same words (app/translation.tsx), so hydration finds what the
 * server wrote. Sharing it is safe: it keeps no state, one language and its whole catalogue
 * (the e-mails' words too, which a page may name), so a request in Macedonian cannot see
 * Albanian words.
 */
export function pageTranslatorOf(language: PageLanguage): Translator {
  let translator = translators.get(language);
  if (!translator) translators.set(language, (translator = catalogueTranslator(language, catalogueFor(language), MESSAGE_VARIABLES)));
  return translator;
}

/** The translator of a request's language, for loaders and actions (page titles, form errors). */
export async function translatorOf(request: Request): Promise<TFunction> {
  return pageTranslatorOf(await pageLanguage(request)).t;
}

export interface BrowserCatalogue {
  json: string;
  /** A digest of the words: in the address, so a browser keeps a catalogue until its words change. */
  version: string;
}

const browserCatalogues = new Map<PageLanguage, BrowserCatalogue>();

/**
 * A language's catalogue as the browser gets it: one resource per language, not a copy in every
 * page, made once per process (the catalogues are part of the code).
 */
export function browserCatalogue(language: PageLanguage): BrowserCatalogue {
  let catalogue = browserCatalogues.get(language);
  if (!catalogue) {
    const json = JSON.stringify(browserCatalogueFor(language));
    catalogue = { json, version: createHash("sha256").update(json).digest("base64url").slice(0, 16) };
    browserCatalogues.set(language, catalogue);
  }
  return catalogue;
}

/** Where a page's JavaScript fetches its language's catalogue (app/routes/catalogues.$language.tsx). */
export function catalogueAddress(language: PageLanguage) {
  return `/catalogues/${language}?v=${browserCatalogue(language).version}`;
}

/** The language of a catalogue's address, if the portal offers it. */
export function offeredLanguage(tag: unknown): PageLanguage | null {
  return isOffered(tag) ? tag : null;
}

/** The Set-Cookie header value that makes a language this browser's. */
export function languageCookieHeader(language: PageLanguage) {
  return languageCookie().serialize(language);
}

/**
 * `?lng=mk` on any page: remembers the choice (the cookie; the account when signed in) and
 * sends the browser back to the same address without the parameter. A language the portal
 * does not offer is ignored.
 */
export async function switchLanguage(request: Request, userId: number | null) {
  const url = new URL(request.url);
  if (request.method !== "GET" || !url.searchParams.has("lng")) return;
  const language = url.searchParams.get("lng");
  url.searchParams.delete("lng");
  const back = url.pathname + url.search;
  if (!isOffered(language)) throw redirect(back);
  if (userId !== null && isLanguage(language)) rememberLanguage(userId, language);
  throw redirect(back, { headers: { "Set-Cookie": await languageCookieHeader(language) } });
}

/** Keeps a person's language on their account, for the mail they receive and the next browser. */
export function rememberLanguage(userId: number, language: Language) {
  db().update(users).set({ locale: language }).where(eq(users.id, userId)).run();
}

/**
 * Conform's reply with its messages in the request's language: a schema's message is a
 * catalogue key (app/auth/account-schema.ts), and so is a refusal's. Text that is not a key
 * (a page not yet translated) is kept as it is.
 */
export function translateReply<Reply extends { error?: Record<string, string[] | null> | null }>(reply: Reply, t: TFunction): Reply {
  if (!reply.error) return reply;
  const error = Object.fromEntries(
    Object.entries(reply.error).map(([name, messages]) => [name, messages?.map((message) => translateMessage(message, t)) ?? null]),
  );
  return { ...reply, error };
}

/** A catalogue key's message, or the text itself if it is not a key. */
export function translateMessage(message: string, t: TFunction): string {
  return t(message, { defaultValue: message });
}

/** The language this browser was switched to (the cookie), if any: not a guess from Accept-Language. */
export async function chosenLanguage(request: Request): Promise<Language | null> {
  const chosen: unknown = await languageCookie().parse(request.headers.get("Cookie"));
  return isLanguage(chosen) ? chosen : null;
}

/**
 * A refusal thrown before the page's translator is at hand (a list's page number, a proposal
 * stored by another release): the root's error page says its catalogue key in the page's
 * language; the body keeps the English too, for logs and plain clients.
 */
export function responseInWords(key: string, values: Record<string, string>, init: { status: number }): Response {
  return Response.json({ key, values, message: translatorFor("en")(key, values) }, init);
}
