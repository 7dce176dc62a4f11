import type { ServerBuild } from "@remix-run/node";
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
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return "busy";
  if (code === "SQLITE_FULL" || code === "ENOSPC" || code === "EDQUOT") return "full";
  return null;
}

// Beside a form the text stays in it; on the error page (a write no form answers) it does not.
const MESSAGES: Record<"form" | "page", Record<StorageFault, string>> = {
  form: { busy: "storage.busy", full: "storage.full" },
  page: { busy: "storage.busyPage", full: "storage.fullPage" },
};

/**
 * The catalogue key of the refusal a storage fault gets, beside a form or on the error page; any
 * other error is thrown again. Logged, so that the people running the server learn the disk is
 * full without a user telling them.
 */
export function storageRefusal(error: unknown, where: "form" | "page" = "form"): string {
  const fault = storageFaultOf(error);
  if (!fault) throw error;
  console.error(`A write was refused by the storage (${fault}): ${error instanceof Error ? error.message : String(error)}`);
  return MESSAGES[where][fault];
}

/**
 * Every action of the portal, wrapped once (server.ts): a write the storage refuses (the database
 * locked past busy_timeout, the disk full) that its route did not answer beside its form is
 * answered 503 with the reason in the reader's language on the error page, not as a 500
 * "something broke". The forms that take what people type answer it themselves, keeping the text.
 */
export function answeringStorageFaults(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const action = route?.module.action;
      if (!route || !action) return [id, route];
      const guarded: typeof action = async (args) => {
        try {
          return await action(args);
        } catch (error) {
          if (error instanceof Response) throw error;
          const key = storageRefusal(error, "page");
          throw new Response((await translatorOf(args.request))(key), { status: 503, headers: { "Retry-After": "30" } });
        }
      };
      return [id, { ...route, module: { ...route.module, action: guarded } }];
    }),
  );
  return { ...build, routes };
}
