import { count, desc, eq, inArray } from "drizzle-orm";
import { outbox, rounds } from "../../db/schema";
import type { RoundState } from "../../workflows/round.machine";
import { roundMachine, roundStateLabelOf } from "../../workflows/round.machine";
import type { PageLanguage } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
import type { SessionUser } from "../auth/session.server";
import { preparedStatement } from "../db.server";
import type { PageRequest } from "../pagination.server";
import { eligibilityQueueSize } from "../eligibility/desk.server";
import type { ListWords } from "../proposals/lists.server";
import { proposalsInProgress } from "../proposals/lists.server";
import { keptCounts } from "../tallies.server";

// What the home page shows beside each role's proposal lists (app/proposals/lists.server.ts).

const OPEN: RoundState = "open";

/** The rounds the TAF team still works on: every state but the machine's final one (archived). */
const WORKED_ON = Object.entries(roundMachine.states).flatMap(([state, node]) => (node.type === "final" ? [] : [state as RoundState]));

// The home pages' own statements, prepared once per connection (app/db.server.ts): they run on
// every visit of a home page, with nothing of the person in them.
const homeStatements = preparedStatement((database) => ({
  openRounds: database
    .select({ code: rounds.code, title: rounds.title, mode: rounds.mode, closesAt: rounds.closesAt })
    .from(rounds)
    .where(eq(rounds.state, OPEN))
    .orderBy(rounds.opensAt)
    .prepare(),
  // Only the mail still owed or failed, through the index on the status: the sent mail, which
  // grows with every change, is never counted.
  mail: database
    .select({ key: outbox.status, n: count() })
    .from(outbox)
    .where(inArray(outbox.status, ["pending", "failed"]))
    .groupBy(outbox.status)
    .prepare(),
  rounds: database
    .select({ id: rounds.id, code: rounds.code, title: rounds.title, state: rounds.state })
    .from(rounds)
    .where(inArray(rounds.state, WORKED_ON))
    .orderBy(desc(rounds.opensAt))
    .prepare(),
}));

/** The rounds applicants may submit to now, the soonest opened first, with their deadline. */
export function openRounds(language: PageLanguage) {
  return homeStatements()
    .openRounds.all()
    .map((r) => ({ ...r, closes: r.closesAt ? formatBrusselsIn(language, r.closesAt) : null }));
}

// The desk shows the latest changes among the proposals in progress, and the table
// (/admin/proposals) finds, filters and pages through all of them: fifty rows pushed the rounds
// below several screens, and rendering them was most of the page's time (docs/performance.md).
export const DESK_ROWS = 20;

/**
 * The TAF team's desk: people, institutions and mail in figures (kept by writes, or the mail
 * still owed), the proposals in progress, the rounds.
 */
export function administratorOverview(user: SessionUser, proposalsPage: PageRequest, words: ListWords) {
  const statements = homeStatements();
  const mail = new Map(statements.mail.all().map((r) => [r.key, r.n]));
  const kept = keptCounts();
  return {
    activePeople: kept["users:active"],
    institutions: kept["institutions:active"],
    received: kept.mailbox,
    mailPending: mail.get("pending") ?? 0,
    mailFailed: mail.get("failed") ?? 0,
    proposals: proposalsInProgress(user, proposalsPage, words),
    awaitingEligibility: eligibilityQueueSize(user),
    rounds: statements.rounds.all().map((round) => ({ ...round, stateLabel: roundStateLabelOf(round.state, words.t) })),
  };
}
