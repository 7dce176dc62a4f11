import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { startSession } from "../../app/auth/session.server";
import { db } from "../../app/db.server";

// Loaders and actions are called as Remix calls them: with a real Request, params and context.

export const ORIGIN = "http://localhost:3000";

export type Route = {
  loader?: (args: LoaderFunctionArgs) => unknown;
  action?: (args: ActionFunctionArgs) => unknown;
};

type Options = { cookie?: string | null; params?: Record<string, string>; headers?: Record<string, string> };

/** A Cookie header for a new session of the person with this e-mail address. */
export async function signInAs(email: string) {
  const user = db().select().from(users).where(eq(users.email, email)).get();
  if (!user) throw new Error(`no person ${email} in the test database`);
  const setCookie = await startSession(user.id, new Request(ORIGIN));
  return setCookie.split(";")[0]!;
}

function headersFor(options: Options) {
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set("Cookie", options.cookie);
  return headers;
}

/** Runs a loader; thrown Responses (redirects, 403, 404) are returned, like Remix does. */
export async function load(route: Route, path: string, options: Options = {}) {
  const request = new Request(ORIGIN + path, { headers: headersFor(options) });
  return settle(() => route.loader!({ request, params: options.params ?? {}, context: {} }));
}

/** Runs an action with a urlencoded form, as a browser without JavaScript sends it. */
export async function submit(route: Route, path: string, form: Record<string, string | string[]>, options: Options = {}) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const v of [value].flat()) body.append(name, v);
  const headers = headersFor(options);
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  const request = new Request(ORIGIN + path, { method: "POST", headers, body });
  return settle(() => route.action!({ request, params: options.params ?? {}, context: {} }));
}

async function settle(run: () => unknown) {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** The status a Response (or plain data, answered as 200) would be sent with. */
export function statusOf(result: unknown) {
  return result instanceof Response ? result.status : 200;
}
