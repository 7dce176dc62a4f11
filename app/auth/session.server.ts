import type { Tx } from "../../db/client";
import { createCookie, redirect } from "@remix-run/node";
import { and, eq, gt, ne, sql } from "drizzle-orm";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { countries, institutions, memberships, sessions, users } from "../../db/schema";
import { db, preparedStatement } from "../db.server";
import { env } from "../env.server";
import { membershipColumns, membershipCountry, roleOf } from "../people/memberships.server";
import type { RoleView } from "../people/person";
import { hashSecret, newSecret } from "./crypto.server";

const SESSION_DAYS = 14;

export type SessionUser = {
  id: number;
  email: string;
  name: string;
  sessionId: number;
  memberships: RoleView[];
  /** A role of theirs requires a second factor they have not set up (ADR 020). */
  owesSecondFactor: boolean;
};

// Without SESSION_SECRET the portal makes one on first start and keeps it beside the database,
// so sessions survive restarts on the embedded defaults. The second factors' keys derive from it.
export function sessionSecret() {
  const configured = env().SESSION_SECRET;
  if (configured) return configured;
  const file = join(dirname(env().DATABASE_PATH), "session-secret");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, newSecret(), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

/** The session cookie's name: server.ts tells a signed-in request by it, before Remix runs. */
export const SESSION_COOKIE_NAME = "taf_session";

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  cookie ??= createCookie(SESSION_COOKIE_NAME, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    // Secure in production and whenever the portal is served over HTTPS. Browsers keep a Secure
    // cookie on http://localhost too, so trying the production build locally still works.
    secure: env().NODE_ENV === "production" || env().APP_URL.startsWith("https:"),
    secrets: [sessionSecret()],
    maxAge: SESSION_DAYS * 24 * 60 * 60,
  });
  return cookie;
}

async function readSessionSecret(request: Request): Promise<string | null> {
  try {
    // A tampered, unsigned or malformed cookie parses as null: the person is simply signed out.
    const value = await sessionCookie().parse(request.headers.get("Cookie"));
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}

// The one statement every signed-in request runs: the session by its unique token hash, its
// person, their roles with institution and country, and whether they owe a second factor.
// Prepared once per connection; it reads the tables each time, so a deactivation, a role
// change or a signed-out session tells at the very next request.
const sessionLookup = preparedStatement((database) =>
  database
    .select({
      sessionId: sessions.id,
      id: users.id,
      email: users.email,
      name: users.name,
      // Asked in the same query, so that no page pays a query of its own for it.
      owesSecondFactor: sql<number>`exists (select 1 from memberships required_m join two_factor_requirements required_r on required_r.role = required_m.role where required_m.user_id = ${users.id})
        and not exists (select 1 from totp_factors f where f.user_id = ${users.id} and f.confirmed_at is not null)
        and not exists (select 1 from passkeys p where p.user_id = ${users.id})`,
      ...membershipColumns,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(institutions, eq(institutions.id, memberships.institutionId))
    .leftJoin(countries, eq(countries.code, membershipCountry))
    .where(and(eq(sessions.tokenHash, sql.placeholder("tokenHash")), gt(sessions.expiresAt, sql.placeholder("now")), eq(users.active, true)))
    .prepare(),
);

export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const secret = await readSessionSecret(request);
  if (!secret) return null;
  // A placeholder is bound as it is, not through the column: the expiry compares in milliseconds.
  const rows = sessionLookup().all({ tokenHash: hashSecret(secret), now: Date.now() });
  const first = rows[0];
  if (!first) return null;
  return {
    id: first.id,
    email: first.email,
    name: first.name,
    sessionId: first.sessionId,
    memberships: rows.flatMap(roleOf),
    owesSecondFactor: Boolean(first.owesSecondFactor),
  };
}

/** Where a person whose role requires a second factor sets one up; until then the only page open to them. */
const SECOND_FACTOR_ENROLMENT_PATH = "/account/two-factor";

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  const url = new URL(request.url);
  if (user) {
    if (user.owesSecondFactor && url.pathname !== SECOND_FACTOR_ENROLMENT_PATH) throw redirect(SECOND_FACTOR_ENROLMENT_PATH);
    return user;
  }
  const back = url.pathname + url.search;
  throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
}

/** Starts a session and returns the Set-Cookie header value that carries it. */
export async function startSession(userId: number, request: Request) {
  const secret = newSecret();
  db()
    .insert(sessions)
    .values({
      tokenHash: hashSecret(secret),
      userId,
      expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60 * 1000),
      ip: clientIp(request),
      userAgent: request.headers.get("User-Agent")?.slice(0, 300) ?? null,
    })
    .run();
  return sessionCookie().serialize(secret);
}

export async function endSession(request: Request) {
  const secret = await readSessionSecret(request);
  if (secret) db().delete(sessions).where(eq(sessions.tokenHash, hashSecret(secret))).run();
  return sessionCookie().serialize("", { maxAge: 0 });
}


/** Ends every session of a person, e.g. when an administrator deactivates them. */
export function endAllSessions(tx: Tx, userId: number) {
  tx.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Ends the person's sessions elsewhere, keeping the one they are using. */
export function endOtherSessions(tx: Tx, userId: number, keepSessionId: number) {
  tx.delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
    .run();
}

/** The client's address as seen by the server (the proxy's, unless the app is told to trust it). */
export function clientIp(request: Request) {
  return request.headers.get("X-TAF-Client-IP") ?? "unknown";
}
