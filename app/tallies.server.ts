import { proposalTallies, tallies } from "../db/schema";
import type { ProposalStatePath } from "../workflows/proposal-stages";
import { preparedStatement } from "./db.server";

// Figures kept by writes: triggers (migration 0024) add and take away in the same transaction as
// the insert, update or delete that changes them, so a page reads a few rows of these tables
// instead of counting every proposal, message or history entry on each visit, whatever their
// number. Only what the TAF team sees whole is kept: a figure narrowed to what a person may
// see (visibleProposals) is counted over that person's rows.

const tallyStatements = preparedStatement((database) => ({
  named: database.select({ name: tallies.name, n: tallies.n }).from(tallies).prepare(),
  byState: database
    .select({ roundId: proposalTallies.roundId, state: proposalTallies.state, submitted: proposalTallies.submitted, n: proposalTallies.n })
    .from(proposalTallies)
    .prepare(),
}));

export type TallyName = "mailbox" | "audit_log" | "proposal_events" | "activities" | "users:active" | "institutions:active";

/** The row counts kept by writes (the names in db/schema.ts, `tallies`), in one statement. */
export function keptCounts(): Record<TallyName, number> {
  const kept = { mailbox: 0, audit_log: 0, proposal_events: 0, activities: 0, "users:active": 0, "institutions:active": 0 };
  for (const row of tallyStatements().named.all()) if (Object.hasOwn(kept, row.name)) kept[row.name as TallyName] = row.n;
  return kept;
}

/** One row count kept by writes. */
export function tally(name: TallyName): number {
  return keptCounts()[name];
}

/**
 * How many proposals there are, of the given states and round if asked, and only those
 * submitted once (given a reference) if asked: a sum over at most rounds × states rows.
 */
export function proposalTally(filter: { states?: readonly ProposalStatePath[]; roundId?: number; submitted?: boolean } = {}): number {
  const states = filter.states ? new Set<string>(filter.states) : null;
  let n = 0;
  for (const row of tallyStatements().byState.all()) {
    if (states && !states.has(row.state)) continue;
    if (filter.roundId !== undefined && row.roundId !== filter.roundId) continue;
    if (filter.submitted !== undefined && row.submitted !== filter.submitted) continue;
    n += row.n;
  }
  return n;
}

/** Per round, how many proposals it has in each state, and how many of them were submitted once. */
export function proposalTalliesByRound() {
  const byRound = new Map<number, { submitted: number; byState: Map<string, number> }>();
  for (const row of tallyStatements().byState.all()) {
    const round = byRound.get(row.roundId) ?? { submitted: 0, byState: new Map<string, number>() };
    byRound.set(row.roundId, round);
    round.byState.set(row.state, (round.byState.get(row.state) ?? 0) + row.n);
    if (row.submitted) round.submitted += row.n;
  }
  return byRound;
}
