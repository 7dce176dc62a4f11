import type { Placeholder, SQL } from "drizzle-orm";
import type { TFunction } from "i18next";
import { and, count, desc, eq, exists, inArray, sql } from "drizzle-orm";
import { union } from "drizzle-orm/sqlite-core";
import { institutions, proposalPartners, proposals, rounds } from "../../db/schema";
import { isFinal, stageLabelFor, STATES_IN_PROGRESS, statesWithin } from "../../workflows/proposal-stages";
import type { PageLanguage } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
import { yourTurnFor } from "../auth/actors.server";
import type { SessionUser } from "../auth/session.server";
import type { Db } from "../../db/client";
import { db, keptUntilWritten, preparedStatement } from "../db.server";
import type { PageRequest } from "../pagination.server";
import { readPage, totalRows } from "../pagination.server";
import { advisedCountries, applicantInstitutions, seesEveryProposal, stageAudienceOf, visibleProposals } from "../permissions.server";
import { proposalTally } from "../tallies.server";
import { statesOpenToPartners } from "./participation.server";

// The proposal lists: each is what the person sees (visibleProposals) narrowed to the list's
// purpose, read a page at a time in one query whatever the number of rows, in the page's words.

/** The page's translator and language, for the stage, the time of the last change and what to do. */
export type ListWords = { t: TFunction; language: PageLanguage };

/**
 * How a list finds its page: `where` over `proposals` (a condition, or for a page from `offset`
 * of `limit` rows, one that names its ids), and `total`, when the list's length is known without
 * reading its rows (kept by writes, or counted apart): otherwise counted beside the rows. A list
 * whose statement has nothing of the person in it reads its `page` through a prepared statement.
 */
type ListQuery =
  | { where: SQL | undefined | ((offset: number, limit: number) => SQL); total?: () => number }
  | { page: (offset: number, limit: number) => ListRow[]; total: () => number };

/** What every list reads of a proposal; `invited` and `total` are the list's own columns. */
function listSelection(database: Db, invited: SQL, total: SQL<number>) {
  return database
    .select({
      id: proposals.id,
      reference: proposals.reference,
      title: proposals.title,
      state: proposals.state,
      late: proposals.submittedLate,
      updatedAt: proposals.updatedAt,
      roundTitle: rounds.title,
      leadInstitutionId: proposals.leadInstitutionId,
      leadName: institutions.name,
      invited: sql<number>`${invited}`,
      total,
    })
    .from(proposals)
    .innerJoin(rounds, eq(rounds.id, proposals.roundId))
    .innerJoin(institutions, eq(institutions.id, proposals.leadInstitutionId));
}

type ListRow = Awaited<ReturnType<ReturnType<typeof listSelection>["all"]>>[number];

function listPage(user: SessionUser, request: PageRequest, words: ListWords, query: ListQuery, invitedInstitutions: number[] = []) {
  const { t, language } = words;
  const yourTurn = yourTurnFor(user);
  const audience = stageAudienceOf(user);
  // The list's own applicants are asked to answer an invitation still open to them.
  const invited = invitedInstitutions.length
    ? exists(
        db()
          .select({ one: sql`1` })
          .from(proposalPartners)
          .where(
            and(
              eq(proposalPartners.proposalId, proposals.id),
              inArray(proposalPartners.institutionId, invitedInstitutions),
              eq(proposalPartners.status, "invited"),
              inArray(proposals.state, statesOpenToPartners()),
            ),
          ),
      )
    : sql`0`;
  const read = (offset: number, limit: number): ListRow[] => {
    if ("page" in query) return query.page(offset, limit);
    const { where } = query;
    return listSelection(db(), invited, query.total ? sql<number>`0` : totalRows())
      .where(typeof where === "function" ? where(offset, limit) : where)
      .orderBy(desc(proposals.updatedAt), desc(proposals.id))
      .limit(limit)
      .offset(typeof where === "function" ? 0 : offset)
      .all();
  };
  return readPage(request, (offset, limit) => {
    const rows = read(offset, limit);
    return {
      total: query.total ? query.total() : (rows[0]?.total ?? 0),
      // What the table shows, and no more: every field here is sent again in the page's data.
      rows: rows.map(({ invited: invitedNow, total: _, state, updatedAt, leadInstitutionId, ...row }) => ({
        ...row,
        stateLabel: stageLabelFor(state, audience, t),
        updated: formatBrusselsIn(language, updatedAt),
        finished: isFinal(state),
        attention: invitedNow ? t("proposalLists.invitedToConfirm") : null,
        yourTurn: yourTurn(state, leadInstitutionId),
      })),
    };
  });
}

export type ProposalList = ReturnType<typeof listPage>;

/**
 * Proposals an applicant's institutions lead or take part in as partners; those whose
 * invitation still waits for their answer say so. Its page is found by walking, for each
 * institution, the proposals it leads and those it was invited to newest first (the indexes on
 * the lead and on the partners, each ordered by the proposal's last change) and stopping at the
 * page, so an institution with a thousand proposals reads no more than one with ten; its length
 * is counted once and kept until the next write (keptUntilWritten).
 */
export function proposalsOfInstitutions(user: SessionUser, request: PageRequest, words: ListWords) {
  const own = applicantInstitutions(user);
  const visible = visibleProposals(user, "applicant");
  const total = () => db().select({ n: count() }).from(proposals).where(and(ledOrJoinedByIndex(own), visible)).get()!.n;
  return listPage(
    user,
    request,
    words,
    {
      where: (offset, limit) => inArray(proposals.id, newestOfInstitutions(own, visible, offset, limit)),
      total: () => keptUntilWritten(`institutions:${[...own].sort().join(",")}`, total),
    },
    own,
  );
}

/**
 * The ids of rows `offset` to `offset + limit` of the proposals these institutions lead or were
 * invited to that the person sees (`visible`), the latest changed first: each institution's
 * newest led and newest joined, each read from its index in that order, then the page of them.
 */
function newestOfInstitutions(institutionIds: number[], visible: SQL, offset: number, limit: number) {
  if (institutionIds.length === 0) return sql`(select null where false)`;
  const reach = offset + limit;
  const arms = institutionIds.flatMap((institutionId) => [
    sql`select * from (select ${proposals.id} as id, ${proposals.updatedAt} as updated_at from ${proposals} indexed by proposals_lead
      where ${proposals.leadInstitutionId} = ${institutionId} and ${visible} order by ${proposals.updatedAt} desc, ${proposals.id} desc limit ${reach})`,
    sql`select * from (select ${proposalPartners.proposalId} as id, ${proposalPartners.proposalUpdatedAt} as updated_at
      from ${proposalPartners} indexed by proposal_partners_institution join ${proposals} on ${proposals.id} = ${proposalPartners.proposalId}
      where ${proposalPartners.institutionId} = ${institutionId} and ${visible}
      order by ${proposalPartners.proposalUpdatedAt} desc, ${proposalPartners.proposalId} desc limit ${reach})`,
  ]);
  return sql`(select id from (${sql.join(arms, sql` union `)}) order by updated_at desc, id desc limit ${limit} offset ${offset})`;
}

/**
 * The proposals an institution leads or was ever invited to, found by the indexes on the lead
 * and on the partners: visibleProposals then says which of them the person sees, instead of
 * being asked of every proposal in the portal.
 */
function ledOrJoinedByIndex(institutionIds: number[]) {
  if (institutionIds.length === 0) return sql`false`;
  const led = db().select({ id: proposals.id }).from(proposals).where(inArray(proposals.leadInstitutionId, institutionIds));
  const joined = db().select({ id: proposalPartners.proposalId }).from(proposalPartners).where(inArray(proposalPartners.institutionId, institutionIds));
  return inArray(proposals.id, union(led, joined));
}

/**
 * Proposals with an institution of the advisor's countries, submitted or shared with them as a
 * draft: a country advisor's view. Its page is found by walking the proposals newest first
 * (the index on the time of the last change) and stopping at the page, as they are about half of
 * all proposals; its length is counted once and kept until the next write (keptUntilWritten).
 */
export function proposalsOfCountries(user: SessionUser, request: PageRequest, words: ListWords) {
  const visible = visibleProposals(user, "countryAdvisor");
  return listPage(user, request, words, {
    where: (offset, limit) =>
      inArray(
        proposals.id,
        sql`(select ${proposals.id} from ${proposals} indexed by proposals_updated where ${visible} order by ${proposals.updatedAt} desc, ${proposals.id} desc limit ${limit} offset ${offset})`,
      ),
    total: () =>
      keptUntilWritten(`countries:${advisedCountries(user).sort().join(",")}`, () => db().select({ n: count() }).from(proposals).where(visible).get()!.n),
  });
}

/**
 * Every proposal past the draft stage and not finished: the TAF team's working list. Its page
 * is the newest of each state's newest (each read from the index on state and time, stopping at
 * the page), so no proposal beyond the page is read; its length is kept by writes.
 */
export function proposalsInProgress(user: SessionUser, request: PageRequest, words: ListWords) {
  if (!seesEveryProposal(user, "administrator")) {
    return listPage(user, request, words, { where: and(visibleProposals(user, "administrator"), inArray(proposals.state, [...STATES_IN_PROGRESS])) });
  }
  return listPage(user, request, words, {
    page: (offset, limit) => everyoneInProgress().all({ reach: offset + limit, limit, offset }),
    total: () => proposalTally({ states: STATES_IN_PROGRESS }),
  });
}

/**
 * The ids of rows `offset` to `offset + limit` (`reach`) of the proposals in these states, the
 * latest changed first: each state's newest `reach`, then the page of them.
 */
function newestOfStates(states: readonly string[], page: Record<"reach" | "limit" | "offset", Placeholder>) {
  const arms = states.map(
    (state) =>
      sql`select * from (select ${proposals.id} as id, ${proposals.updatedAt} as updated_at from ${proposals} where ${proposals.state} = ${state} order by ${proposals.updatedAt} desc, ${proposals.id} desc limit ${page.reach})`,
  );
  return sql`(select id from (${sql.join(arms, sql` union all `)}) order by updated_at desc, id desc limit ${page.limit} offset ${page.offset})`;
}

// The TAF team's working list on its every home page has nothing of the person in it: built by
// drizzle and prepared once per connection (app/db.server.ts), the page a placeholder.
const everyoneInProgress = preparedStatement((database) =>
  listSelection(database, sql`0`, sql<number>`0`)
    .where(inArray(proposals.id, newestOfStates(STATES_IN_PROGRESS, { reach: sql.placeholder("reach"), limit: sql.placeholder("limit"), offset: sql.placeholder("offset") })))
    .orderBy(desc(proposals.updatedAt), desc(proposals.id))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

/** Every proposal of a round the person sees, drafts included: for the TAF team, all of them. */
export function proposalsOfRound(user: SessionUser, roundId: number, request: PageRequest, words: ListWords) {
  return listPage(user, request, words, { where: and(visibleProposals(user), eq(proposals.roundId, roundId)) });
}

/** A round's drafts still open: after it closed, those its leads can no longer submit. */
export function openDraftsOfRound(user: SessionUser, roundId: number, request: PageRequest, words: ListWords) {
  return listPage(user, request, words, { where: and(visibleProposals(user), eq(proposals.roundId, roundId), inArray(proposals.state, statesWithin("draft"))) });
}
