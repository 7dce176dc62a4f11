import type { Tx } from "../../db/client";
import { createCookie, redirect } from "@remix-run/node";
import { and, eq, gt, inArray, isNotNull, ne } from "drizzle-orm";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { countries, institutions, memberships, sessions, totpFactors, twoFactorRequirements, users } from "../../db/schema";
import { db } from "../db.server";
import { env } from "../env.server";
import { membershipColumns, membershipCountry, roleOf } from "../people/memberships.server";
import type { RoleView } from "../people/person-schema";
import { hashSecret, newSecret } from "./crypto.server";

const SESSION_DAYS = 14;

export type SessionUser = {
  id: number;
  email: string;
  name: string;
  sessionId: number;
  memberships: RoleView[];
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

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  cookie ??= createCookie("taf_session", {
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

export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const secret = await readSessionSecret(request);
  if (!secret) return null;
  const rows = db()
    .select({
      sessionId: sessions.id,
      id: users.id,
      email: users.email,
      name: users.name,
      ...membershipColumns,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(institutions, eq(institutions.id, memberships.institutionId))
    .leftJoin(countries, eq(countries.code, membershipCountry))
    .where(and(eq(sessions.tokenHash, hashSecret(secret)), gt(sessions.expiresAt, new Date()), eq(users.active, true)))
    .all();
  const first = rows[0];
  if (!first) return null;
  return {
    id: first.id,
    email: first.email,
    name: first.name,
    sessionId: first.sessionId,
    memberships: rows.flatMap(roleOf),
  };
}

/** Where a person whose role requires a second factor sets one up; until then the only page open to them. */
export const SECOND_FACTOR_ENROLMENT_PATH = "/account/two-factor";

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  const url = new URL(request.url);
  if (user) {
    if (url.pathname !== SECOND_FACTOR_ENROLMENT_PATH && owesSecondFactor(user)) throw redirect(SECOND_FACTOR_ENROLMENT_PATH);
    return user;
  }
  const back = url.pathname + url.search;
  throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
}

/**
 * Whether the person's role requires a second factor they have not set up (ADR 020). Applicants
 * and country advisors cannot be required to, so their pages cost no query for it.
 */
export function owesSecondFactor(user: Pick<SessionUser, "id" | "memberships">) {
  const staffRoles = user.memberships.map((m) => m.role).filter((role) => role === "administrator" || role === "reviewer");
  if (staffRoles.length === 0) return false;
  const required = db().select({ role: twoFactorRequirements.role }).from(twoFactorRequirements).where(inArray(twoFactorRequirements.role, staffRoles)).get();
  if (!required) return false;
  const factor = db()
    .select({ userId: totpFactors.userId })
    .from(totpFactors)
    .where(and(eq(totpFactors.userId, user.id), isNotNull(totpFactors.confirmedAt)))
    .get();
  return !factor;
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
