import type { SQL } from "drizzle-orm";
import { and, asc, count, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { TFunction } from "i18next";
import { institutions, proposalPartners, proposals, proposalTopics, rounds } from "../../db/schema";
import { countryNameIn, WB6_COUNTRIES } from "../../workflows/countries";
import type { PageLanguage } from "../../workflows/languages";
import { isFinal, stageLabelFor, statesWithin } from "../../workflows/proposal-stages";
import { stateLabelOf } from "../../workflows/proposal.machine";
import { formatBrusselsIn, toBrusselsTime } from "../../workflows/time";
import { institutionTypeLabel, SUPPORT_KINDS, THEMES } from "../../workflows/vocabulary";
import type { ActingPerson } from "../audit.server";
import { audit } from "../audit.server";
import { yourTurnFor } from "../auth/actors.server";
import type { SessionUser } from "../auth/session.server";
import { CSV_BYTE_ORDER_MARK, csvFootnote, csvLines } from "../csv.server";
import { db, keptLatestUntilWritten } from "../db.server";
import type { PageRequest } from "../pagination.server";
import { readPage } from "../pagination.server";
import { seesEveryProposal, stageAudienceOf, visibleProposals } from "../permissions.server";
import { proposalTally } from "../tallies.server";
import { textStream } from "../text-stream.server";
import type { OverviewFilter, SortOrder } from "./overview-schema";
import { isFiltered, OVERVIEW_STAGES } from "./overview-schema";
import { partnerTakesPart, statesOpenToPartners } from "./participation.server";

// The TAF team's table of every proposal they see (visibleProposals), filtered on indexed
// columns: the stage on `state`, themes and kinds of support on `proposal_topics`, the words
// typed and the country on the FTS5 index `proposal_search` (kept in step by triggers,
// migrations 0013 and 0025). A page is three statements (its ids, its rows, their count; only
// searched, two: its ids with their count, its rows) whatever the number of proposals; the CSV
// export reads the rows a page at a time.

const lead = alias(institutions, "lead");

/**
 * Proposals the lead or a partner taking part of meets the condition (over `institutions`), as
 * sets of ids read once through the indexes rather than a lookup for every proposal.
 */
function takingPart(institution: SQL) {
  const leading = db().select({ id: institutions.id }).from(institutions).where(institution);
  const partnered = db()
    .select({ id: proposalPartners.proposalId })
    .from(proposalPartners)
    .innerJoin(proposals, eq(proposals.id, proposalPartners.proposalId))
    .where(and(inArray(proposalPartners.institutionId, leading), partnerTakesPart()));
  return or(inArray(proposals.leadInstitutionId, leading), inArray(proposals.id, partnered))!;
}

function hasTopic(kind: "theme" | "supportKind", topic: string) {
  return inArray(
    proposals.id,
    db()
      .select({ id: proposalTopics.proposalId })
      .from(proposalTopics)
      .where(and(eq(proposalTopics.kind, kind), eq(proposalTopics.topic, topic))),
  );
}

/**
 * The typed words as an FTS5 query that cannot be misread: each word quoted (a quote in it
 * doubled), so AND, NEAR, brackets and stars are only text, and each matched as a prefix, so
 * "traff" finds "trafficking". Words without a letter or digit match nothing and are left out.
 */
export function searchQueryOf(text: string): string | null {
  const words = text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  return words.length ? words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(" ") : null;
}

/**
 * The ids of the proposals the typed words and the country find, from the FTS5 index alone
 * (null: neither was asked; false: the words can match nothing). The country's rule is
 * partnerTakesPart's: the index holds the countries of the lead and the confirmed partners,
 * and apart those of partners still invited, who take part only while the proposal is open to
 * partners, which is asked of those few proposals' state through its index. Read over the
 * proposals' rows, a country read a row and the partners of every proposal the words matched.
 */
function searchedIds(filter: Pick<OverviewFilter, "q" | "country">): SQL | null | false {
  const words = filter.q ? searchQueryOf(filter.q) : null;
  if (filter.q && !words) return false;
  const typed = words ? `{reference title institutions} : (${words})` : null;
  if (!filter.country) return typed ? sql`select rowid from proposal_search where proposal_search match ${typed}` : null;
  // The code is one of COUNTRY_CODES (the schema's enum), quoted all the same.
  const country = `"${filter.country}"`;
  const within = (query: string) => (typed ? `${typed} AND ${query}` : query);
  const open = sql.join(statesOpenToPartners().map((state) => sql`${state}`), sql`, `);
  return sql`select rowid from proposal_search where proposal_search match ${within(`countries : ${country}`)}
    union all
    select s.rowid from proposal_search s where proposal_search match ${within(`invited : ${country} NOT countries : ${country}`)}
      and exists (select 1 from proposals p indexed by proposals_state where p.state in (${open}) and p.id = s.rowid)`;
}

function conditionsOf(user: SessionUser, filter: OverviewFilter): SQL {
  const conditions: SQL[] = [visibleProposals(user)];
  if (filter.round) conditions.push(eq(proposals.roundId, filter.round));
  if (filter.stage) conditions.push(inArray(proposals.state, statesWithin(filter.stage)));
  if (filter.institution) conditions.push(takingPart(eq(institutions.id, filter.institution)));
  if (filter.institutionType) conditions.push(takingPart(eq(institutions.type, filter.institutionType)));
  if (filter.theme) conditions.push(hasTopic("theme", filter.theme));
  if (filter.support) conditions.push(hasTopic("supportKind", filter.support));
  const searched = searchedIds(filter);
  if (searched === false) conditions.push(sql`false`);
  else if (searched) conditions.push(sql`${proposals.id} in (${searched})`);
  return and(...conditions)!;
}

// The stages in the statechart's order, so that "by stage" reads as the process runs.
function stageOrder() {
  const cases = OVERVIEW_STAGES.flatMap((stage, index) => statesWithin(stage).map((path) => sql`when ${path} then ${index}`));
  return sql`case ${proposals.state} ${sql.join(cases, sql` `)} else ${OVERVIEW_STAGES.length} end`;
}

function orderOf(sort: OverviewFilter["sort"], order: SortOrder) {
  const by = order === "asc" ? asc : desc;
  const column = {
    updated: proposals.updatedAt,
    // Drafts have no reference yet: they come after every submitted proposal.
    reference: sql`coalesce(${proposals.reference}, '~')`,
    title: proposals.title,
    round: rounds.code,
    lead: lead.name,
    stage: stageOrder(),
  }[sort];
  return [by(column), by(proposals.id)];
}

/**
 * The countries taking part, from the search index's row of the proposal (migration 0025, kept
 * by triggers): its lead's and confirmed partners', then its invited partners' while those take
 * part (partnerTakesPart's rule), as codes "AL BA" and "XK,ME". One lookup by rowid per row,
 * rather than reading its partners and their institutions again.
 */
const countriesTakingPart = sql<string | null>`s.countries`;
const invitedTakingPart = () => sql<string | null>`case when ${inArray(proposals.state, statesOpenToPartners())} then s.invited end`;

/**
 * A page of rows in two statements: the ids of the page, found by the filter and the order
 * alone (through the indexes, stopping at the page), then those rows in full, so the countries
 * are looked up for those 50 (or 500) rows, never for every proposal that matches.
 */
function readRows(user: SessionUser, filter: OverviewFilter & { order: SortOrder }, offset: number, limit: number) {
  const ids = db()
    .select({ id: proposals.id })
    .from(proposals)
    .innerJoin(rounds, eq(rounds.id, proposals.roundId))
    .innerJoin(lead, eq(lead.id, proposals.leadInstitutionId))
    .where(conditionsOf(user, filter))
    .orderBy(...orderOf(filter.sort, filter.order))
    .limit(limit)
    .offset(offset)
    .all()
    .map((row) => row.id);
  return rowsOf(ids);
}

/**
 * The page of the TAF team's table only searched (words, a country) and in the order of the
 * last change, with the total, in one statement that asks the index once: its matches are put
 * aside, then the index on (updated_at, id) is walked to the page, each id looked up among them.
 * Sorting the matches instead would read every matching proposal's row for its time (a read
 * of every match); the walk reads a page's worth of index entries as long as matches are
 * common, and at worst, for none, the whole of that small index. The index's own work grows
 * with the matches (it reads the lists of the words and of the country whole), so the page is
 * kept until the next write: paging back through a search, or coming back to it, reads only its
 * rows. Only for people who see every proposal, so one search is one page for all of them. Null
 * when this is not such a page (other filters, another order, someone who does not see every
 * proposal); total null when the page is empty.
 */
function searchedPage(user: SessionUser, filter: OverviewFilter & { order: SortOrder }, offset: number, limit: number) {
  const { q, country, sort, order, ...otherwise } = filter;
  const searched = searchedIds({ q, country });
  if (!seesEveryProposal(user) || !searched || sort !== "updated" || isFiltered(otherwise)) return null;
  const direction = order === "asc" ? sql`asc` : sql`desc`;
  const read = () => {
    const page = db().all<{ id: number; total: number }>(sql`with matches(id) as materialized (${searched})
      select p.id as id, (select count(*) from matches) as total from ${proposals} p
      where +p.id in (select id from matches)
      order by p.updated_at ${direction}, p.id ${direction} limit ${limit} offset ${offset}`);
    return { ids: page.map((row) => row.id), total: page[0]?.total ?? null };
  };
  return keptLatestUntilWritten("searched pages", SEARCHED_PAGES_KEPT, JSON.stringify([q, country, order, offset, limit]), read);
}

// How many searched pages are kept until the next write: 50 ids and a total each.
const SEARCHED_PAGES_KEPT = 64;

/** Those proposals in full, in the order of `ids`: the countries looked up for them alone. */
function rowsOf(ids: number[]) {
  if (!ids.length) return [];
  const rows = db()
    .select({
      id: proposals.id,
      reference: proposals.reference,
      title: proposals.title,
      state: proposals.state,
      leadInstitutionId: proposals.leadInstitutionId,
      submittedAt: proposals.submittedAt,
      updatedAt: proposals.updatedAt,
      roundCode: rounds.code,
      roundTitle: rounds.title,
      leadName: lead.name,
      leadType: lead.type,
      countries: countriesTakingPart,
      invited: invitedTakingPart(),
    })
    .from(proposals)
    .innerJoin(rounds, eq(rounds.id, proposals.roundId))
    .innerJoin(lead, eq(lead.id, proposals.leadInstitutionId))
    .leftJoin(sql`proposal_search s`, sql`s.rowid = ${proposals.id}`)
    .where(inArray(proposals.id, ids))
    .all();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)!);
}

/**
 * How many proposals the filter matches (what the page says an export will hold), in one
 * statement of its own: counted beside the rows (`count(*) over ()`) it would make SQLite read
 * every match in full before the first page.
 */
export function overviewCount(user: SessionUser, filter: OverviewFilter) {
  // What the TAF team sees, narrowed at most to a round and a stage, is a figure kept by writes.
  const { round, stage, ...narrowing } = filter;
  if (seesEveryProposal(user) && !isFiltered(narrowing)) {
    return proposalTally({ roundId: round, states: stage ? statesWithin(stage) : undefined });
  }
  // Only searched (words, a country): the index's matches are counted without reading a proposal.
  const { q, country, ...otherwise } = filter;
  const searched = searchedIds({ q, country });
  if (seesEveryProposal(user) && searched && !isFiltered(otherwise)) {
    return db().get<{ n: number }>(sql`select count(*) as n from (${searched})`).n;
  }
  return db().select({ n: count() }).from(proposals).where(conditionsOf(user, filter)).get()!.n;
}

type Read = ReturnType<typeof readRows>[number];

/** The countries taking part, in the portal's order of the WB6. */
function countryCodes(row: Read) {
  const codes = new Set(`${row.countries ?? ""} ${row.invited ?? ""}`.split(/[ ,]/));
  return WB6_COUNTRIES.filter((country) => codes.has(country.code)).map((country) => country.code);
}

/** The page's translator and language: the table, its filters and its export speak the reader's. */
type Words = { t: TFunction; language: PageLanguage };

/** A row as the table shows it, in the page's words. */
export type ShownRow = ReturnType<ReturnType<typeof shownRowsOf>>;

/** How the rows are shown to this person, in the page's words. */
function shownRowsOf(user: SessionUser, { t, language }: Words) {
  const yourTurn = yourTurnFor(user);
  const audience = stageAudienceOf(user);
  return (row: Read) => ({
    id: row.id,
    reference: row.reference,
    title: row.title,
    stateLabel: stageLabelFor(row.state, audience, t),
    finished: isFinal(row.state),
    yourTurn: yourTurn(row.state, row.leadInstitutionId),
    updated: formatBrusselsIn(language, row.updatedAt),
    roundCode: row.roundCode,
    leadName: row.leadName,
    countries: countryCodes(row).map((code) => countryNameIn(code, t)),
  });
}

/** One page of the table, with its total, in three statements (two when only searched), in the page's words. */
export function proposalOverview(user: SessionUser, filter: OverviewFilter & { order: SortOrder }, request: PageRequest, words: Words) {
  const shown = shownRowsOf(user, words);
  return readPage(request, (offset, limit) => {
    const searched = searchedPage(user, filter, offset, limit);
    const rows = searched ? rowsOf(searched.ids) : readRows(user, filter, offset, limit);
    return { total: searched?.total ?? overviewCount(user, filter), rows: rows.map(shown) };
  });
}

// The rows read at once by the export and the page of every row.
const CHUNK = 500;

const THEME_KEYS = new Map<string, string>(THEMES.map((theme) => [theme.id, theme.key]));
const SUPPORT_KEYS = new Map<string, string>(SUPPORT_KINDS.map((kind) => [kind.id, kind.key]));

/** The themes and kinds of support of those proposals, for the export alone, in one statement. */
function topicsOf(ids: number[]) {
  const topics = new Map<number, { theme: string[]; supportKind: string[] }>(ids.map((id) => [id, { theme: [], supportKind: [] }]));
  if (!ids.length) return topics;
  const rows = db()
    .select({ id: proposalTopics.proposalId, kind: proposalTopics.kind, topic: proposalTopics.topic })
    .from(proposalTopics)
    .where(inArray(proposalTopics.proposalId, ids))
    .orderBy(asc(proposalTopics.proposalId), asc(proposalTopics.kind), asc(proposalTopics.topic))
    .all();
  for (const row of rows) topics.get(row.id)![row.kind].push(row.topic);
  return topics;
}

function labelsOf(ids: string[], keys: Map<string, string>, t: TFunction) {
  return ids.map((id) => t(keys.get(id) ?? id)).join("; ");
}

const HEADER = [
  "proposalOverview.column.reference",
  "proposalOverview.column.title",
  "proposalOverview.column.round",
  "proposalOverview.column.stage",
  "proposalOverview.column.lead",
  "proposalOverview.csv.leadType",
  "proposalOverview.column.countries",
  "proposalOverview.csv.themes",
  "proposalOverview.csv.supportKinds",
  "proposalOverview.csv.submitted",
  "proposalOverview.column.updated",
];

function csvRow(row: Read, topics: { theme: string[]; supportKind: string[] }, { t, language }: Words) {
  return [
    row.reference ?? "",
    row.title,
    row.roundCode,
    stateLabelOf(row.state, t),
    row.leadName,
    institutionTypeLabel(row.leadType, t),
    countryCodes(row).map((code) => countryNameIn(code, t)).join("; "),
    labelsOf(topics.theme, THEME_KEYS, t),
    labelsOf(topics.supportKind, SUPPORT_KEYS, t),
    row.submittedAt ? formatBrusselsIn(language, row.submittedAt) : "",
    formatBrusselsIn(language, row.updatedAt),
  ];
}

/**
 * Every row the filter matches, 500 at a time (two statements each), each read only when the
 * one before has been sent; never past `rowCount`, the total said before the first: rows added
 * meanwhile wait for the next reading. A row changed while it is read may move past the point
 * reached (the order of the last change): what a page of the table would show at that moment.
 */
function* chunksOf(user: SessionUser, filter: OverviewFilter & { order: SortOrder }, rowCount: number) {
  for (let offset = 0; offset < rowCount; offset += CHUNK) {
    const rows = readRows(user, filter, offset, Math.min(CHUNK, rowCount - offset));
    if (rows.length) yield rows;
    if (rows.length < CHUNK) return;
  }
}

/**
 * The whole filtered table, for the page that shows it at once: its total, then its rows as the
 * table shows them, a chunk at a time, read as the page is sent (the route streams them).
 */
export function overviewAll(user: SessionUser, filter: OverviewFilter & { order: SortOrder }, words: Words) {
  const total = overviewCount(user, filter);
  const shown = shownRowsOf(user, words);
  return { total, chunks: (function* () { for (const rows of chunksOf(user, filter, total)) yield rows.map(shown); })() };
}

/**
 * The filtered table as a CSV file, streamed: the rows are read 500 at a time as the download
 * asks for them, so a large export neither waits nor holds every row in memory. The export is
 * recorded in the audit log, with its filter and the number of rows, before the first byte.
 * Headings and times are in the language of the page it was downloaded from.
 */
export function overviewCsv(user: SessionUser, filter: OverviewFilter & { order: SortOrder }, exportedBy: ActingPerson, words: Words, now = new Date()) {
  const rowCount = overviewCount(user, filter);
  const { sort: _, order: __, ...narrowing } = filter;
  audit({ actorUserId: exportedBy.id, action: "proposals.exported", subjectType: "proposals", detail: { filter: narrowing, rows: rowCount } });
  function* texts() {
    yield CSV_BYTE_ORDER_MARK + csvLines([HEADER.map((heading) => words.t(heading))]);
    for (const rows of chunksOf(user, filter, rowCount)) {
      const topics = topicsOf(rows.map((row) => row.id));
      yield csvLines(rows.map((row) => csvRow(row, topics.get(row.id)!, words)));
    }
    yield csvFootnote();
  }
  return { fileName: `proposals-${toBrusselsTime(now).slice(0, 10)}.csv`, rowCount, body: textStream(texts()) };
}

/** The choices of the filter form: the rounds and institutions there are. */
export function overviewChoices() {
  return {
    rounds: db().select({ id: rounds.id, code: rounds.code, title: rounds.title }).from(rounds).orderBy(desc(rounds.opensAt)).all(),
    institutions: db()
      .select({ id: institutions.id, name: institutions.name, countryCode: institutions.countryCode })
      .from(institutions)
      // A merged duplicate's proposals moved to the institution it was merged into.
      .where(isNull(institutions.mergedIntoId))
      .orderBy(asc(institutions.name))
      .all(),
  };
}
