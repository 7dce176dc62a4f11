import { useBlocker, useFetcher } from "@remix-run/react";
import type { FormEvent } from "react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "../translation";

// Autosave for the drafting form, with JavaScript on: a save is sent a moment after the last
// keystroke, one at a time, each carrying the revision the previous save returned, so the
// server's lost-update check never mistakes our own earlier save for someone else's. Leaving
// with unsaved changes saves first (links inside the portal) or warns (closing the tab).
// Without JavaScript none of this runs: the form posts with its Save button.

/** What the edit page's action answers to a save. */
export type SaveReply = {
  /** When it was saved, as the page writes it ("14:03 (Brussels time)", by the server), or null when it was not. */
  savedAt: string | null;
  /** The revision the form is now based on: the new one after a save, the old one otherwise. */
  revision: number;
  /** Why it was not saved, in words. */
  problem: string | null;
  /** Someone else saved meanwhile: saving again would overwrite their work, so autosave stops. */
  conflict: boolean;
  /** The portal could not be reached: autosave tries again later. */
  retry?: boolean;
  /** What the saved text breaks of its rules (word limits…), by field: shown beside the fields, never a reason not to save. */
  problems?: Record<string, string[]> | null;
};

export type SaveStatus =
  | { kind: "unchanged" }
  | { kind: "unsaved" }
  | { kind: "saving" }
  | { kind: "saved"; at: string } // in words: the reply's savedAt
  | { kind: "notSaved"; reason: string };

type Intent = "save" | "autosave";

const RETRY_MS = 30_000;

export function useAutosave({
  formId,
  revision: loadedRevision,
  check,
  delayMs = 2000,
  revisionField = "revision",
  intents = { save: "save", autosave: "autosave" },
  rows = "",
}: {
  formId: string;
  /** The revision the page was loaded with. */
  revision: number;
  /** The first problem the browser's own check of the form finds, in words, or null. */
  check: (form: HTMLFormElement) => string | null;
  delayMs?: number;
  /** The form field that carries the revision a save is based on. */
  revisionField?: string;
  /** The `intent` values a save and an autosave post; a submit button with another intent posts the form as usual. */
  intents?: Record<Intent, string>;
  /**
   * The form's rows, as their keys in order: adding or removing one (Conform's insert and remove
   * change no input, so no change event fires) is an edit and saves as typing does.
   */
  rows?: string;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<SaveReply>({ key: `${formId}-save` });
  const [status, setStatus] = useState<SaveStatus>({ kind: "unchanged" });
  const [dirty, setDirty] = useState(false);
  const [reply, setReply] = useState<SaveReply | null>(null);
  const [currentRevision, setCurrentRevision] = useState(loadedRevision);

  // Refs, not state: timers and the fetcher's answer read them after the render that set them.
  const revision = useRef(loadedRevision);
  const edits = useRef(0);
  const editsSent = useRef(0);
  const inFlight = useRef(false);
  const queued = useRef<Intent | null>(null);
  const stopped = useRef(false);
  const leaving = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The fetcher is kept by its key across a form built anew (a refused submission that saved
  // moves the version): an answer it holds already is older than the page's version, not this form's.
  const handled = useRef<SaveReply | undefined>(fetcher.data);
  const submit = useRef(fetcher.submit);
  submit.current = fetcher.submit;
  const latestCheck = useRef(check);
  latestCheck.current = check;

  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  const latestBlocker = useRef(blocker);
  latestBlocker.current = blocker;

  function leaveOrStay(save: boolean) {
    leaving.current = false;
    const current = latestBlocker.current;
    if (current.state !== "blocked") return;
    if (save || window.confirm(t("draftForm.leaveUnsaved"))) current.proceed();
    else current.reset();
  }

  /** Sends a save now, or after the one in flight; false when the form's own check refused it. */
  function send(intent: Intent): boolean {
    clearTimeout(timer.current);
    if (stopped.current) return false;
    if (inFlight.current) {
      queued.current = queued.current === "save" || intent === "save" ? "save" : "autosave";
      return true;
    }
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return false;
    const problem = latestCheck.current(form);
    if (problem) {
      setStatus({ kind: "notSaved", reason: problem });
      return false;
    }
    const formData = new FormData(form);
    formData.set("intent", intents[intent]);
    formData.set(revisionField, String(revision.current));
    editsSent.current = edits.current;
    inFlight.current = true;
    setStatus({ kind: "saving" });
    submit.current(formData, { method: "post" });
    return true;
  }

  useEffect(() => {
    const reply = fetcher.data;
    if (fetcher.state !== "idle" || !reply || reply === handled.current) return;
    handled.current = reply;
    inFlight.current = false;
    const upToDate = edits.current === editsSent.current;
    setReply(reply);
    if (reply.savedAt) {
      revision.current = reply.revision;
      setCurrentRevision(reply.revision);
      // Typed since this save was sent: the page still has unsaved changes (the timer that typing
      // started saves them), so it must not say "Saved" nor let the person leave unwarned.
      if (upToDate) {
        setStatus({ kind: "saved", at: reply.savedAt });
        setDirty(false);
      } else setStatus({ kind: "unsaved" });
    } else {
      stopped.current = reply.conflict;
      setStatus({ kind: "notSaved", reason: reply.problem ?? "editProposal.notSaved" });
      if (reply.retry) timer.current = setTimeout(() => send("autosave"), RETRY_MS);
    }
    if (leaving.current) {
      if (reply.savedAt && upToDate) leaveOrStay(true);
      else if (!reply.savedAt) leaveOrStay(false);
    }
    const next = queued.current;
    queued.current = null;
    if (next) send(next);
    // `send` reads only refs, so the one from this render is as good as any.
  }, [fetcher.state, fetcher.data]);

  // A link inside the portal: save first, then go; if saving is impossible, ask.
  useEffect(() => {
    if (blocker.state !== "blocked" || leaving.current) return;
    leaving.current = true;
    if (!send("save")) leaveOrStay(false);
  }, [blocker.state]);

  // Closing the tab or typing another address: the browser asks.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  useEffect(() => () => clearTimeout(timer.current), []);

  function edit() {
    edits.current += 1;
    setDirty(true);
    if (stopped.current) return;
    setStatus({ kind: "unsaved" });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => send("autosave"), delayMs);
  }

  // A row added or removed: the save is sent after the render that shows it, so it posts the rows as they are now.
  const rowsSeen = useRef(rows);
  useEffect(() => {
    if (rows === rowsSeen.current) return;
    rowsSeen.current = rows;
    edit();
  }, [rows]);

  return {
    status,
    /** The latest answer of the server to a save. */
    reply,
    /** The revision the form is now based on: what a submission posted without autosave must carry. */
    revision: currentRevision,
    /** For the form's onChange (React's, which fires on every keystroke): something was typed or ticked. */
    onEdit: edit,
    /** For the form's onSubmit, after Conform's: the Save button saves through the same queue. */
    onSubmit(event: FormEvent<HTMLFormElement>) {
      const submitter = (event.nativeEvent as SubmitEvent).submitter;
      const saveButton = submitter?.getAttribute("name") === "intent";
      if (saveButton && submitter?.getAttribute("value") !== intents.save) {
        // Another intent (e.g. "submit") posts the form itself: no pending autosave may overtake it.
        clearTimeout(timer.current);
        return;
      }
      if (event.defaultPrevented) {
        // Conform found problems (they are shown beside the fields), or this was its own intent.
        if (saveButton) setStatus({ kind: "notSaved", reason: "conceptNotePage.form.notSaved" });
        return;
      }
      event.preventDefault();
      send("save");
    },
  };
}
