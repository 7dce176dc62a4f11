import { useTranslation } from "../../translation";
import type { Translate } from "../../../workflows/words";
import type { SaveStatus } from "../../proposals/use-autosave";

// The words of a save status, said the same way by every form that saves by itself; a module
// of its own so that the pages that save by themselves do not load the drafting form's parts.

/** A form message in the page's language: a catalogue key (with its values), or text kept as it is. */
export function messageIn(t: Translate, message: string) {
  return t(message, { defaultValue: message });
}

/** What a saved draft breaks of the round's rules, by field. */
export type Problems = Partial<Record<string, string[]>>;

/** " 2 answers break the round's limits…", or nothing when none does. */
function problemsText(problems: Problems | null | undefined, t: Translate) {
  const count = Object.keys(problems ?? {}).length;
  return count === 0 ? "" : ` ${t("draftForm.brokenLimits", { count })}`;
}

/** "Saved at 14:03." and what the saved draft still breaks. */
export function savedText(at: string, t: Translate, problems?: Problems | null) {
  return `${t("draftForm.savedAt", { time: at })}${problemsText(problems, t)}`;
}

/**
 * The save status in the page's language, with what the saved draft still breaks: the draft form,
 * the concept note, the implementation pages and the review form say it the same way. The time
 * of a save is Brussels time, named, like every time the portal writes.
 */
export function draftStatusText(status: SaveStatus, lastSaved: string, t: Translate, problems?: Problems | null) {
  switch (status.kind) {
    case "unchanged":
      return `${t("draftForm.lastSaved", { time: lastSaved })}${problemsText(problems, t)}`;
    case "unsaved":
      return t("draftForm.unsaved");
    case "saving":
      return t("draftForm.saving");
    case "saved":
      return savedText(status.at, t, problems);
    case "notSaved":
      return messageIn(t, status.reason);
  }
}

/**
 * What autosave did last ("Saved at 14:05 (Brussels time).", "Not saved: …"), announced as it
 * changes. Without JavaScript nothing saves by itself: the page's answer to the Save button says it instead.
 */
export function AutosaveStatus({ status, hydrated }: { status: SaveStatus; hydrated: boolean }) {
  const { t } = useTranslation();
  const shown = hydrated && status.kind !== "unchanged";
  return (
    <p className={status.kind === "notSaved" ? "save-status error" : "save-status"} role="status">
      {shown ? draftStatusText(status, "", t) : null}
    </p>
  );
}
