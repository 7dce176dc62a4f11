import type { SaveStatus } from "../../proposals/use-autosave";
import { statusText } from "./draft-form";

/**
 * What autosave did last ("Saved at 14:05.", "Not saved: …"), announced as it changes. Without
 * JavaScript nothing saves by itself: the page's answer to the Save button says it instead.
 */
export function AutosaveStatus({ status, hydrated }: { status: SaveStatus; hydrated: boolean }) {
  const shown = hydrated && status.kind !== "unchanged";
  return (
    <p className={status.kind === "notSaved" ? "save-status error" : "save-status"} role="status">
      {shown ? statusText(status, "") : null}
    </p>
  );
}
