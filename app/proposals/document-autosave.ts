import type { ClientActionFunctionArgs, ShouldRevalidateFunction } from "@remix-run/react";
import { isRouteErrorResponse } from "@remix-run/react";
import type { TFunction } from "i18next";
import { browserWords } from "../translation";
import type { SaveReply } from "./use-autosave";

// Autosave of the lead's documents (the concept note, the completion report), as the proposal
// form has it: each save answers with the version the next one is based on, a stale version is
// answered in words (the text stays in the form), and a save changes nothing else on the page.

/** The answer to a save of a document: saved (with its new version, and when, in words) or not, and why. */
export function documentSaveReply(outcome: { ok: true; version: number } | { ok: false; message: string }, basedOn: number, savedAt: string): SaveReply {
  if (!outcome.ok) return { savedAt: null, revision: basedOn, problem: outcome.message, conflict: true };
  return { savedAt, revision: outcome.version, problem: null, conflict: false };
}

/** The answer to a save the document's own checks refused: nothing stored, autosave goes on. */
export function documentNotSavedReply(basedOn: number, t: TFunction): SaveReply {
  return { savedAt: null, revision: basedOn, problem: t("conceptNotePage.form.notSaved"), conflict: false };
}

/** A save is answered by the form's status line: the page need not be loaded again after it. */
export function skipRevalidationAfter(saveIntent: string): ShouldRevalidateFunction {
  return ({ formMethod, formData, defaultShouldRevalidate }) =>
    formMethod?.toUpperCase() === "POST" && formData?.get("intent") === saveIntent ? false : defaultShouldRevalidate;
}

/**
 * In the browser, a save that cannot reach the server (or is refused outright, e.g. because the
 * document was submitted meanwhile) is answered here, so the form and what was typed stay on the
 * page instead of an error page replacing them. Other posts go on as usual.
 */
export async function answerUnreachableSave<Reply>({ request, serverAction }: ClientActionFunctionArgs, saveIntent: string, revisionField: string) {
  const sent = await request.clone().formData();
  if (sent.get("intent") !== saveIntent) return serverAction<Reply>();
  // In the browser, the page's own translator (entry.client.tsx) has the page's language.
  const t = browserWords();
  try {
    return await serverAction<Reply>();
  } catch (error) {
    const notSaved = { savedAt: null, revision: Number(sent.get(revisionField)) };
    if (isRouteErrorResponse(error)) {
      const reason = typeof error.data === "string" ? error.data : t("editProposal.documentNoLongerEditable");
      return { ...notSaved, conflict: true, problem: t("editProposal.notSavedRefused", { reason }) };
    }
    return { ...notSaved, conflict: false, retry: true, problem: t("editProposal.notSavedOffline") };
  }
}
