import type { ServerBuild } from "@remix-run/node";
import { heldByAnotherWriter } from "../db/client";
import { translatorOf } from "./i18n.server";

// A write the storage cannot take now: the database held by another writer longer than
// busy_timeout (SQLITE_BUSY, SQLITE_LOCKED), or no room left on the disk (SQLITE_FULL for the
// database, ENOSPC or EDQUOT for an attachment's file). The writers that take what people type
// (a proposal's commands, the draft, comments, attachments) answer these as a refusal beside the
// form, which keeps the typed text, instead of an error page that loses it. Anything else is a
// defect and still throws.

export type StorageFault = "busy" | "full";

/** Which fault an error is, or null when it is not one the storage answers. */
export function storageFaultOf(error: unknown): StorageFault | null {
  if (heldByAnotherWriter(error)) return "busy";
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  if (code === "SQLITE_FULL" || code === "ENOSPC" || code === "EDQUOT") return "full";
  return null;
}

// Where the refusal is said: beside a form, which keeps the text; on the error page, for a write
// with nothing typed to keep, or with the typed text in a form that sends it again; or for a page
// that could not be read.
const MESSAGES: Record<"form" | "page" | "resend" | "read", Record<StorageFault, string>> = {
  form: { busy: "storage.busy", full: "storage.full" },
  page: { busy: "storage.busyPage", full: "storage.fullPage" },
  resend: { busy: "storage.busyResend", full: "storage.fullResend" },
  read: { busy: "storage.busyRead", full: "storage.fullRead" },
};

/**
 * The catalogue key of the refusal a storage fault gets, beside a form or on the error page; any
 * other error is thrown again. Logged, so that the people running the server learn the disk is
 * full without a user telling them.
 */
export function storageRefusal(error: unknown, where: keyof typeof MESSAGES = "form"): string {
  const fault = storageFaultOf(error);
  if (!fault) throw error;
  console.error(`${where === "read" ? "A page" : "A write"} was refused by the storage (${fault}): ${error instanceof Error ? error.message : String(error)}`);
  return MESSAGES[where][fault];
}

/**
 * What a refused form sent, to send again from the error page: the address and its fields in
 * order, each said to be shown (what the person typed) or carried unseen (the command, the
 * version it was based on, a ticked box).
 */
export type Resend = { action: string; fields: { name: string; value: string; shown: boolean }[] };

// Shown: text of more than one word, what a person types and would hate to lose; the command,
// the version, numbers, dates, codes and ticked boxes go with it unseen.
const COMMAND_FIELD = /^(intent|event|version|revision|lng)$/;
const typedText = (name: string, value: string) => !COMMAND_FIELD.test(name) && /\S\s+\S/.test(value);

// Never written back into a page: the forms of signing in and of one's account (passwords,
// second-factor codes, passkeys) are not offered to be sent again; the person goes back, where
// the browser keeps what they typed, and types the secret anew.
const SECRET_PAGE = /^\/(login|account|set-password|forgot-password)(\/|$)/;
const SECRET_FIELD = /password|credential|secret|token/i;

/**
 * The fields of a refused form, read from a copy of its request taken before the action read it,
 * or null when it cannot be offered again: not a plain form (a file upload, which answers its
 * faults itself), or one with a secret in it.
 */
async function resendOf(copy: Request | null): Promise<Resend | null> {
  if (!copy || SECRET_PAGE.test(new URL(copy.url).pathname)) return null;
  const fields: Resend["fields"] = [];
  for (const [name, value] of await copy.formData()) {
    if (typeof value !== "string" || SECRET_FIELD.test(name)) return null;
    fields.push({ name, value, shown: typedText(name, value) });
  }
  const url = new URL(copy.url);
  return { action: `${url.pathname}${url.search}`, fields };
}

const isPlainForm = (request: Request) => request.method === "POST" && (request.headers.get("Content-Type") ?? "").startsWith("application/x-www-form-urlencoded");

/**
 * Every loader and action of the portal, wrapped once (server.ts): a storage fault (the database
 * locked past busy_timeout, the disk full) that its route did not answer beside its form is
 * answered 503 with the reason in the reader's language, never as a 500 "something broke". A
 * refused form's text comes back on that page, in a form that sends it again (the root's
 * ErrorBoundary), so that nothing typed is lost on the pages whose forms do not answer the fault
 * themselves; the forms that take long text (the draft, the review, comments) do, keeping the
 * page as it was.
 */
export function answeringStorageFaults(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      if (!route) return [id, route];
      const { action, loader } = route.module;
      const module = { ...route.module };
      if (action) {
        module.action = async (args) => {
          const copy = isPlainForm(args.request) ? args.request.clone() : null;
          try {
            return await action(args);
          } catch (error) {
            if (error instanceof Response || !storageFaultOf(error)) throw error;
            const resend = await resendOf(copy);
            throw await refusalPage(error, args.request, resend ? "resend" : "page", resend);
          }
        };
      }
      if (loader) {
        module.loader = async (args) => {
          try {
            return await loader(args);
          } catch (error) {
            if (error instanceof Response || !storageFaultOf(error)) throw error;
            throw await refusalPage(error, args.request, "read");
          }
        };
      }
      return [id, { ...route, module }];
    }),
  );
  return { ...build, routes };
}

/** The 503 a storage fault gets on the error page. */
async function refusalPage(error: unknown, request: Request, where: "page" | "resend" | "read", resend: Resend | null = null): Promise<Response> {
  const key = storageRefusal(error, where);
  const message = (await translatorOf(request))(key);
  return Response.json({ key, values: {}, message, resend }, { status: 503, headers: { "Retry-After": "30" } });
}
