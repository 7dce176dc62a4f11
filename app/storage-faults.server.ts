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

const MESSAGES: Record<StorageFault, string> = {
  busy: "storage.busy",
  full: "storage.full",
};

/**
 * The catalogue key of the refusal a storage fault gets; any other error is thrown again.
 * Logged, so that the people running the server learn the disk is full without a user telling them.
 */
export function storageRefusal(error: unknown): string {
  const fault = storageFaultOf(error);
  if (!fault) throw error;
  console.error(`A write was refused by the storage (${fault}): ${error instanceof Error ? error.message : String(error)}`);
  return MESSAGES[fault];
}
