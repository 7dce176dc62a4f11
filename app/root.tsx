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
import { KOSOVO_FOOTNOTE } from "../workflows/countries";
import { getSessionUser } from "./auth/session.server";
import { EuEmblem } from "./components/eu-emblem";
import { useNonce } from "./components/nonce";
import { navigationFor } from "./permissions.server";
import styles from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "TAF portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  return {
    user: user ? { name: user.name, email: user.email } : null,
    navigation: user ? navigationFor(user) : null,
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Header() {
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user;
  const navigation = data?.navigation;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="inner">
        <Link to="/" className="brand">
          TAF portal
          <small>Technical Assistance Facility · Western Balkans</small>
        </Link>
        {user && navigation ? (
          <>
            <nav className="site-nav" aria-label="Main">
              <NavLink to="/" end>
                Home
              </NavLink>
              {/* The process first, in its order; then the directory and the records. */}
              {navigation.viewDashboard ? <NavLink to="/admin/dashboard">Dashboard</NavLink> : null}
              {navigation.viewProposalOverview ? <NavLink to="/admin/proposals">Proposals</NavLink> : null}
              {navigation.manageRounds ? <NavLink to="/admin/rounds">Rounds</NavLink> : null}
              {navigation.decideEligibility ? <NavLink to="/admin/eligibility">Eligibility</NavLink> : null}
              {navigation.viewActivityTimeline ? <NavLink to="/admin/activities">Activities</NavLink> : null}
              {navigation.managePeople ? <NavLink to="/admin/people">People</NavLink> : null}
              {navigation.manageInstitutions ? <NavLink to="/admin/institutions">Institutions</NavLink> : null}
              {navigation.readMailbox ? <NavLink to="/admin/mailbox">Mailbox</NavLink> : null}
              {navigation.viewAuditLog ? <NavLink to="/admin/audit">Audit log</NavLink> : null}
            </nav>
            <div className="site-user">
              <Link to="/account" title="Your account">
                {user.name}
              </Link>
              <Form method="post" action="/logout">
                <button type="submit">Sign out</button>
              </Form>
            </div>
          </>
        ) : null}
      </div>
    </header>
  );
}

// EU-funded projects show the emblem with "Funded by the European Union" beside it, legibly.
function Footer() {
  return (
    <footer className="site-footer">
      <div className="inner">
        <p className="eu-funded">
          <EuEmblem className="eu-emblem" label="Flag of the European Union" />
          <strong>Funded by the European Union</strong>
        </p>
        <p>
          The Technical Assistance Facility is part of an EU-funded regional project against serious and
          organised crime and terrorism in the Western Balkans, co-funded by Germany and Italy.
        </p>
        <p>
          <Link to="/privacy">Privacy notice: what the portal keeps about you, and why</Link>
        </p>
        <p id="kosovo-footnote">{KOSOVO_FOOTNOTE}</p>
      </div>
    </footer>
  );
}

function Page({ children }: { children: ReactNode }) {
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1}>
        <div className="inner">{children}</div>
      </main>
      <Footer />
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

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, explanation] =
    status === 404
      ? ["Page not found", "There is no page at this address. Check the address, or start again from the home page."]
      : status === 403
        ? ["You do not have access to this page", "Your role does not allow this page. If you think it should, contact the TAF team."]
        : status < 500 && isRouteErrorResponse(error)
          ? ["This request could not be handled", typeof error.data === "string" ? error.data : "Please go back and try again."]
          : isRouteErrorResponse(error) && typeof error.data === "string"
            ? ["This page cannot be shown right now", error.data]
            : ["Something went wrong on our side", "The error has been recorded. Please try again in a moment; if it happens again, contact the TAF team."];
  return (
    <Page>
      <div className="narrow">
        <h1>{title}</h1>
        <p>{explanation}</p>
        <p className="muted">Error {status}</p>
        <p>
          <Link to="/">Go to the home page</Link>
        </p>
      </div>
    </Page>
  );
}
