import type { Tx } from "../../db/client";
import { and, asc, eq, inArray } from "drizzle-orm";
import { proposalEvents } from "../../db/schema";
import type { ProposalStatePath } from "../../workflows/proposal-stages";
import { statesAccepting } from "../../workflows/proposal-stages";
import type { PageLanguage } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
import { db } from "../db.server";

// The TAF team's revision requests, read from the history. Here, not beside the pages that show
// them, because applying SUBMIT_CONCEPT asks the same question: does it answer an open request?

const text = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * The revision requests that `answeredBy` answers (a concept note's, or a completion report's:
 * those that sent the proposal back to where the machine accepts that event), oldest first,
 * each with the answer the next `answeredBy` event carried (none for a completion report); and
 * the latest request if it is still unanswered: no `answeredBy` event came after it. Dates in
 * `language`, the page's.
 */
export function revisionRequests(proposalId: number, answeredBy: "SUBMIT_CONCEPT" | "SUBMIT_REPORT", tx: Tx = db(), language: PageLanguage = "en") {
  const answerable = statesAccepting(answeredBy);
  const rows = tx
    .select({ id: proposalEvents.id, type: proposalEvents.type, at: proposalEvents.at, toState: proposalEvents.toState, payload: proposalEvents.payload })
    .from(proposalEvents)
    .where(and(eq(proposalEvents.proposalId, proposalId), inArray(proposalEvents.type, ["REQUEST_REVISION", answeredBy])))
    .orderBy(asc(proposalEvents.id))
    .all();
  const requests = rows.flatMap((row, index) => {
    if (row.type !== "REQUEST_REVISION" || !answerable.includes(row.toState as ProposalStatePath)) return [];
    const reply = rows.slice(index + 1).find((later) => later.type === answeredBy);
    const answer = text(reply?.payload.answer).trim();
    return [{ id: row.id, at: formatBrusselsIn(language, new Date(row.at)), reason: text(row.payload.reason), answer: reply && answer ? { at: formatBrusselsIn(language, new Date(reply.at)), text: answer } : null }];
  });
  const last = rows.filter((row) => row.type === answeredBy || answerable.includes(row.toState as ProposalStatePath)).at(-1);
  return { requests, openRequest: last?.type === "REQUEST_REVISION" ? (requests.at(-1) ?? null) : null };
}
