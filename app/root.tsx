import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "./translation";
import { LANGUAGES } from "../workflows/languages";
import { getSessionUser } from "./auth/session.server";
import { LanguageSwitcher } from "./components/language-switcher";
import { ResendForm } from "./components/resend-form";
import { SiteFooter } from "./components/site-footer";
import { useNonce } from "./components/nonce";
import { CATALOGUE_ELEMENT_ID, MESSAGE_VARIABLES_ELEMENT_ID } from "./i18n";
import { catalogueAddress, offeredLanguages, pageLanguage, switchLanguage, translatorOf } from "./i18n.server";
import { navigationFor } from "./permissions.server";
import type { Resend } from "./storage-faults.server";
import styles from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "TAF portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  await switchLanguage(request, user?.id ?? null);
  const t = await translatorOf(request);
  return {
    title: t("layout.portalTitle"),
    catalogue: catalogueAddress(await pageLanguage(request)),
    languages: offeredLanguages(),
    user: user ? { name: user.name, email: user.email } : null,
    navigation: user ? navigationFor(user) : null,
  };
}

/**
 * The numbers the messages name, for entry.client.tsx to start the page's translator with before React
 * hydrates: sent once, in the page, and never in loader data (which each navigation refetches).
 * The catalogue itself is a resource of its own that the browser keeps (routes/catalogues.$language.tsx).
 */
function MessageVariables() {
  const nonce = useNonce();
  const { i18n } = useTranslation();
  const variables = asScriptJson(i18n.options.interpolation?.defaultVariables ?? {});
  // Not run as a script, but it carries the nonce like every inline script of the page.
  return <script id={MESSAGE_VARIABLES_ELEMENT_ID} type="application/json" nonce={nonce} dangerouslySetInnerHTML={{ __html: variables }} />;
}

function asScriptJson(value: unknown) {
  return JSON.stringify(value).replaceAll("<", "\\u003c");
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const { i18n } = useTranslation();
  // An error page may have no root data: its catalogue is then fetched without a version (not kept).
  const catalogue = useRouteLoaderData<typeof loader>("root")?.catalogue ?? `/catalogues/${i18n.language}`;
  return (
    <html lang={i18n.language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* Fetched while the scripts load; entry.client.tsx waits for it before hydrating. */}
        <link rel="preload" id={CATALOGUE_ELEMENT_ID} href={catalogue} as="fetch" crossOrigin="anonymous" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <MessageVariables />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Header() {
  const { t } = useTranslation();
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user;
  const navigation = data?.navigation;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("layout.skipToContent")}
      </a>
      <div className="inner">
        {/* Without the root's data (an error page) the five languages are offered all the same. */}
        <LanguageSwitcher languages={data?.languages ?? LANGUAGES.map((language) => language.tag)} />
        <Link to="/" className="brand">
          {t("layout.brand")}
          <small>{t("layout.brandTagline")}</small>
        </Link>
        {user && navigation ? (
          <>
            <nav className="site-nav" aria-label={t("layout.nav.label")}>
              <NavLink to="/" end>
                {t("layout.nav.home")}
              </NavLink>
              {/* The process first, in its order; then the directory and the records. */}
              {navigation.viewDashboard ? <NavLink to="/admin/dashboard">{t("layout.nav.dashboard")}</NavLink> : null}
              {navigation.viewProposalOverview ? <NavLink to="/admin/proposals">{t("layout.nav.proposals")}</NavLink> : null}
              {navigation.manageRounds ? <NavLink to="/admin/rounds">{t("layout.nav.rounds")}</NavLink> : null}
              {navigation.decideEligibility ? <NavLink to="/admin/eligibility">{t("layout.nav.eligibility")}</NavLink> : null}
              {navigation.viewActivityTimeline ? <NavLink to="/admin/activities">{t("layout.nav.activities")}</NavLink> : null}
              {navigation.managePeople ? <NavLink to="/admin/people">{t("layout.nav.people")}</NavLink> : null}
              {navigation.manageInstitutions ? <NavLink to="/admin/institutions">{t("layout.nav.institutions")}</NavLink> : null}
              {navigation.readMailbox ? <NavLink to="/admin/mailbox">{t("layout.nav.mailbox")}</NavLink> : null}
              {navigation.viewAuditLog ? <NavLink to="/admin/audit">{t("layout.nav.auditLog")}</NavLink> : null}
            </nav>
            <div className="site-user">
              <Link to="/account" title={t("layout.yourAccount")}>
                {user.name}
              </Link>
              <Form method="post" action="/logout">
                <button type="submit">{t("layout.signOut")}</button>
              </Form>
            </div>
          </>
        ) : null}
      </div>
    </header>
  );
}

function PrivacyLink({ href, children }: { href: string; children: ReactNode }) {
  return <Link to={href}>{children}</Link>;
}

function Page({ children }: { children: ReactNode }) {
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1}>
        <div className="inner">{children}</div>
      </main>
      <SiteFooter link={PrivacyLink} />
    </>
  );
}

export default function App() {
  return (
    <Page>
      <Outlet />
    </Page>
  );
}

function isWorded(data: unknown): data is { key: string; values: Record<string, string>; resend?: Resend | null } {
  return typeof data === "object" && data !== null && typeof (data as { key?: unknown }).key === "string";
}

export function ErrorBoundary() {
  const { t } = useTranslation();
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // A response's own words (a refusal page's) are shown as they are: they are not keys. One
  // thrown with a catalogue key (responseInWords) is said in the page's language.
  const worded = isRouteErrorResponse(error) && isWorded(error.data) ? t(error.data.key, error.data.values) : null;
  const [title, explanation] =
    status === 404
      ? [t("layout.error.notFoundTitle"), t("layout.error.notFound")]
      : status === 403
        ? [t("layout.error.forbiddenTitle"), t("layout.error.forbidden")]
        : status < 500 && isRouteErrorResponse(error)
          ? [t("layout.error.badRequestTitle"), worded ?? (typeof error.data === "string" ? error.data : t("layout.error.badRequest"))]
          : isRouteErrorResponse(error) && (worded !== null || typeof error.data === "string")
            ? [t("layout.error.unavailableTitle"), worded ?? (error.data as string)]
            : [t("layout.error.brokenTitle"), t("layout.error.broken")];
  // A form the storage refused comes back with what was typed, to send again (storage-faults.server.ts).
  const resend = isRouteErrorResponse(error) && isWorded(error.data) ? error.data.resend : null;
  return (
    <Page>
      <div className="narrow">
        <h1>{resend ? t("layout.error.notSavedTitle") : title}</h1>
        <p role={resend ? "alert" : undefined}>{explanation}</p>
        {resend ? <ResendForm resend={resend} /> : null}
        <p className="muted">{t("layout.error.status", { status })}</p>
        <p>
          <Link to="/">{t("layout.error.home")}</Link>
        </p>
      </div>
    </Page>
  );
}
