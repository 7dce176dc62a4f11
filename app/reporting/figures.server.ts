import type { SQL } from "drizzle-orm";
import { and, desc, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { proposalEvents, proposals, rounds } from "../../db/schema";
import type { CountryCode } from "../../workflows/countries";
import { COUNTRY_CODES, countryNameIn } from "../../workflows/countries";
import { inEnglish } from "../../workflows/in-english";
import type { ProposalStatePath } from "../../workflows/proposal-stages";
import { statesWithin } from "../../workflows/proposal-stages";
import type { InstitutionType } from "../../workflows/vocabulary";
import { INSTITUTION_TYPES, institutionTypeLabel, SUPPORT_KINDS, supportKindLabel, themeLabel, THEMES } from "../../workflows/vocabulary";
import type { SessionUser } from "../auth/session.server";
import { connection, db } from "../db.server";
import { dashboardAudience } from "../permissions.server";
import { partnerTakesPart } from "../proposals/participation.server";

// The programme's figures for the dashboard and the round report, computed in SQL over the
// submitted proposals a person may count (`dashboardAudience`), narrowed to rounds and to a
// period of submission. A fixed number of statements whatever the number of proposals: each
// aggregate reads the scope once through the indexes (migration 0016) and groups it; nothing
// is read row by row into JavaScript. The figures are cached, keyed by the audience, the filter
// and a cheap version of the data (`dataVersion`), so any write shows at the next request, in
// every server process.

export type DashboardFilter = {
  /** The rounds counted; none named: every round. */
  rounds: number[];
  /** Submitted at or after this instant. */
  submittedFrom: Date | null;
  /** Submitted before this instant. */
  submittedBefore: Date | null;
};

/**
 * The steps of the pipeline, each with the stage a proposal enters once it has passed the step
 * (asked of the machine, and read from the history, so a proposal withdrawn later still counts
 * for the steps it passed). Submitted is every proposal in scope.
 */
const STEPS_PASSED_ON_ENTERING = {
  eligible: "euReview",
  promising: "conceptualWork",
  conceptApproved: "implementation",
  implemented: "completed",
} as const satisfies Record<string, ProposalStatePath>;

// A selection decision takes a proposal into conceptual work or out as not selected.
const SELECTION_DECIDED: ProposalStatePath[] = ["conceptualWork", "notSelected"];

export type Funnel = { submitted: number; eligible: number; promising: number; conceptApproved: number; implemented: number };

export type PeriodFigures = {
  funnel: Funnel;
  countries: number;
  decided: number;
  stoodOut: number;
  medianDaysToDecision: number | null;
  /** Promising among the submitted. */
  sharePromising: number | null;
};

export type RoundFigures = PeriodFigures & { roundId: number; code: string; title: string };

export type DashboardFigures = {
  rounds: RoundFigures[];
  overall: PeriodFigures;
  countries: { code: CountryCode; label: string; lead: number; partner: number; takingPart: number }[];
  institutionTypes: { type: InstitutionType; label: string; proposals: number }[];
  themes: { id: string; label: string; proposals: number }[];
  supportKinds: { id: string; label: string; proposals: number }[];
  /** How many proposals institutions of two countries are in together, by "AL|XK" (codes in the WB6 order). */
  cooperation: Record<string, number>;
  months: { month: string; planned: number; held: number }[];
  participants: { code: CountryCode; label: string; planned: number; held: number }[];
};

function scopeOf(user: SessionUser, filter: DashboardFilter): SQL {
  const conditions: SQL[] = [dashboardAudience(user).condition, isNotNull(proposals.submittedAt)];
  if (filter.rounds.length) conditions.push(inArray(proposals.roundId, filter.rounds));
  if (filter.submittedFrom) conditions.push(gte(proposals.submittedAt, filter.submittedFrom));
  if (filter.submittedBefore) conditions.push(lt(proposals.submittedAt, filter.submittedBefore));
  return and(...conditions)!;
}

/**
 * `with scope as (…)`: the proposals counted, with what the aggregates group by. A country
 * advisor's scope is materialised: its condition (ADR 015's "seen by advisors") is subqueries per
 * proposal, which each aggregate would otherwise evaluate again for every reference to the scope.
 * The TAF team's is inlined, so the history is read through its index by proposal.
 */
function withScope(user: SessionUser, filter: DashboardFilter) {
  const materialized = dashboardAudience(user).key === "all" ? sql`` : sql`materialized`;
  return sql`with scope as ${materialized} (
    select ${proposals.id} as id, ${proposals.roundId} as round_id, ${proposals.leadInstitutionId} as lead_id, ${proposals.submittedAt} as submitted_at
    from ${proposals} where ${scopeOf(user, filter)}
  )`;
}

function entered(stage: ProposalStatePath) {
  return sql`max(${inArray(proposalEvents.toState, statesWithin(stage))})`;
}

type FunnelRow = { round_id: number; code: string; title: string } & Funnel & { decided: number; stood_out: number };

function funnelRows(scope: SQL) {
  return db().all<FunnelRow>(sql`${scope},
    reached as (
      select ${proposalEvents.proposalId} as proposal_id,
        ${entered(STEPS_PASSED_ON_ENTERING.eligible)} as eligible,
        ${entered(STEPS_PASSED_ON_ENTERING.promising)} as promising,
        ${entered(STEPS_PASSED_ON_ENTERING.conceptApproved)} as concept_approved,
        ${entered(STEPS_PASSED_ON_ENTERING.implemented)} as implemented,
        max(${inArray(proposalEvents.toState, statesWithin(...SELECTION_DECIDED))}) as decided
      from ${proposalEvents} where ${proposalEvents.proposalId} in (select id from scope)
      group by ${proposalEvents.proposalId}
    )
    select scope.round_id as round_id, rounds.code as code, rounds.title as title,
      count(*) as submitted,
      coalesce(sum(reached.eligible), 0) as eligible,
      coalesce(sum(reached.promising), 0) as promising,
      coalesce(sum(reached.concept_approved), 0) as conceptApproved,
      coalesce(sum(reached.implemented), 0) as implemented,
      coalesce(sum(reached.decided), 0) as decided,
      coalesce(sum(reached.promising and decisions.priority), 0) as stood_out
    from scope
    join rounds on rounds.id = scope.round_id
    left join reached on reached.proposal_id = scope.id
    left join proposal_decisions decisions on decisions.proposal_id = scope.id
    group by scope.round_id
    order by rounds.opens_at, rounds.id`);
}

/**
 * The median number of days from submission to the selection decision, per round and (round
 * null) over all: the middle one, or the mean of the middle two, by window functions in SQL.
 */
function medianDays(scope: SQL) {
  return db().all<{ round_id: number | null; median: number }>(sql`${scope},
    decided as (
      select scope.round_id as round_id, (min(${proposalEvents.at}) - scope.submitted_at) / 86400000.0 as days
      from scope join ${proposalEvents} on ${proposalEvents.proposalId} = scope.id
      where ${inArray(proposalEvents.toState, statesWithin(...SELECTION_DECIDED))}
      group by scope.id
    ),
    grouped as (select round_id, days from decided union all select null, days from decided),
    ranked as (
      select round_id, days, row_number() over (partition by round_id order by days) as n, count(*) over (partition by round_id) as total
      from grouped
    )
    select round_id, avg(days) as median from ranked where n in ((total + 1) / 2, (total + 2) / 2) group by round_id`);
}

/** Each institution taking part in a proposal in scope: its lead and its partners taking part. */
function takingPart(scope: SQL) {
  return sql`${scope},
    taking as (
      select scope.id as id, scope.round_id as round_id, 'lead' as role, i.country_code as country_code, i.type as type
      from scope join institutions i on i.id = scope.lead_id
      union all
      select scope.id, scope.round_id, 'partner', i.country_code, i.type
      from scope
      join ${proposals} on ${proposals.id} = scope.id
      join proposal_partners on proposal_partners.proposal_id = scope.id
      join institutions i on i.id = proposal_partners.institution_id
      where ${partnerTakesPart()}
    )`;
}

type ParticipationRow = { dimension: "country" | "type" | "round" | "all" | "pair"; key: string | null; lead: number; partner: number; taking_part: number };

/**
 * Who takes part, in one statement over `taking`: per country (as lead, as partner, at all), per
 * type of institution, the countries per round and overall, and per pair of countries ("AL|XK",
 * codes in alphabetical order) the proposals institutions of both are in.
 */
function participationRows(scope: SQL) {
  return db().all<ParticipationRow>(sql`${takingPart(scope)},
    countries as (select distinct id, country_code from taking)
    select 'country' as dimension, country_code as key,
      count(distinct case when role = 'lead' then id end) as lead,
      count(distinct case when role = 'partner' then id end) as partner,
      count(distinct id) as taking_part
    from taking group by country_code
    union all
    select 'type', type, 0, 0, count(distinct id) from taking group by type
    union all
    select 'round', cast(round_id as text), 0, 0, count(distinct country_code) from taking group by round_id
    union all
    select 'all', null, 0, 0, count(distinct country_code) from taking
    union all
    select 'pair', one.country_code || '|' || other.country_code, 0, 0, count(*)
    from countries one join countries other on other.id = one.id and other.country_code > one.country_code
    group by one.country_code, other.country_code`);
}

function topicRows(scope: SQL) {
  return db().all<{ kind: string; topic: string; proposals: number }>(sql`${scope}
    select kind, topic, count(*) as proposals from proposal_topics
    where proposal_id in (select id from scope) group by kind, topic`);
}

function monthRows(scope: SQL) {
  return db().all<{ month: string; planned: number; held: number }>(sql`${scope}
    select substr(activities.starts_on, 1, 7) as month, count(*) as planned, count(activity_reports.id) as held
    from activities
    left join activity_reports on activity_reports.proposal_id = activities.proposal_id and activity_reports.activity_key = activities.key
    where activities.proposal_id in (select id from scope)
    group by month order by month`);
}

function participantRows(scope: SQL) {
  return db().all<{ code: string; planned: number | null; held: number | null }>(sql`${scope}
    select activity_participants.country_code as code, sum(activity_participants.planned) as planned, sum(activity_participants.held) as held
    from activity_participants join activities on activities.id = activity_participants.activity_id
    where activities.proposal_id in (select id from scope)
    group by activity_participants.country_code`);
}

function periodFigures(funnel: Funnel, countries: number, decided: number, stoodOut: number, medianDaysToDecision: number | null): PeriodFigures {
  return {
    funnel,
    countries,
    decided,
    stoodOut,
    medianDaysToDecision,
    sharePromising: funnel.submitted ? funnel.promising / funnel.submitted : null,
  };
}

function computeFigures(user: SessionUser, filter: DashboardFilter): DashboardFigures {
  const scope = withScope(user, filter);
  const funnels = funnelRows(scope);
  const medians = new Map(medianDays(scope).map((row) => [row.round_id, row.median]));
  const participation = participationRows(scope);
  const takingPartOf = (dimension: ParticipationRow["dimension"], key: string | null) =>
    participation.find((row) => row.dimension === dimension && row.key === key)?.taking_part ?? 0;
  const cooperation = Object.fromEntries(
    participation
      .filter((row) => row.dimension === "pair")
      .map((row) => {
        const [one, other] = row.key!.split("|") as [CountryCode, CountryCode];
        return [pairKey(one, other), row.taking_part];
      }),
  );
  const topics = topicRows(scope);
  const topicCount = (kind: string, topic: string) => topics.find((row) => row.kind === kind && row.topic === topic)?.proposals ?? 0;
  const participants = participantRows(scope);

  const roundFigures = funnels.map((row) => ({
    roundId: row.round_id,
    code: row.code,
    title: row.title,
    ...periodFigures(funnelOf(row), takingPartOf("round", String(row.round_id)), row.decided, row.stood_out, medians.get(row.round_id) ?? null),
  }));
  const total = (pick: (row: FunnelRow) => number) => funnels.reduce((sum, row) => sum + pick(row), 0);
  const overallFunnel: Funnel = {
    submitted: total((row) => row.submitted),
    eligible: total((row) => row.eligible),
    promising: total((row) => row.promising),
    conceptApproved: total((row) => row.conceptApproved),
    implemented: total((row) => row.implemented),
  };
  return {
    rounds: roundFigures,
    overall: periodFigures(overallFunnel, takingPartOf("all", null), total((row) => row.decided), total((row) => row.stood_out), medians.get(null) ?? null),
    countries: COUNTRY_CODES.map((code) => {
      const row = participation.find((r) => r.dimension === "country" && r.key === code);
      return { code, label: countryNameIn(code, inEnglish), lead: row?.lead ?? 0, partner: row?.partner ?? 0, takingPart: row?.taking_part ?? 0 };
    }),
    institutionTypes: INSTITUTION_TYPES.map((type) => ({ type, label: institutionTypeLabel(type, inEnglish), proposals: takingPartOf("type", type) })),
    themes: THEMES.map((theme) => ({ id: theme.id, label: themeLabel(theme.id, inEnglish), proposals: topicCount("theme", theme.id) })),
    supportKinds: SUPPORT_KINDS.map((kind) => ({ id: kind.id, label: supportKindLabel(kind.id, inEnglish), proposals: topicCount("supportKind", kind.id) })),
    cooperation,
    months: everyMonth(monthRows(scope)),
    participants: COUNTRY_CODES.map((code) => {
      const row = participants.find((r) => r.code === code);
      return { code, label: countryNameIn(code, inEnglish), planned: row?.planned ?? 0, held: row?.held ?? 0 };
    }),
  };
}

/** The months from the first to the last with activities, those without any as zeros, so the series reads as a calendar. */
function everyMonth(rows: { month: string; planned: number; held: number }[]) {
  const first = rows[0];
  const last = rows.at(-1);
  if (!first || !last) return [];
  const byMonth = new Map(rows.map((row) => [row.month, row]));
  const months: { month: string; planned: number; held: number }[] = [];
  for (let at = new Date(`${first.month}-01T00:00:00Z`); at.toISOString().slice(0, 7) <= last.month; at.setUTCMonth(at.getUTCMonth() + 1)) {
    const month = at.toISOString().slice(0, 7);
    months.push(byMonth.get(month) ?? { month, planned: 0, held: 0 });
  }
  return months;
}

function funnelOf(row: FunnelRow): Funnel {
  return { submitted: row.submitted, eligible: row.eligible, promising: row.promising, conceptApproved: row.conceptApproved, implemented: row.implemented };
}

/** The key of a pair of countries in `cooperation`, whichever way round they are named. */
export function pairKey(one: CountryCode, other: CountryCode): string {
  const [first, second] = COUNTRY_CODES.indexOf(one) <= COUNTRY_CODES.indexOf(other) ? [one, other] : [other, one];
  return `${first}|${second}`;
}

/**
 * A version of everything the figures read, in one statement of index look-ups: a new history
 * row, a proposal, activity or partner changed, an activity reported, a partner leaving each
 * move it (a decision's mark counts only once DECIDE is in the history). Read from the database,
 * not kept in memory, so a write by another server process counts too.
 */
function dataVersion(): string {
  const row = db().get<Record<string, number | null>>(sql`select
    (select max(id) from proposal_events) as events,
    (select max(updated_at) from proposals) as proposals,
    (select max(updated_at) from activities) as activities,
    (select max(id) from activity_reports) as reports,
    (select max(id) from partner_departures) as departures,
    (select max(responded_at) from proposal_partners) as partners`);
  return Object.values(row).join(":");
}

// A handful of filters are asked for again and again (the dashboard as it opens, the round
// reports); the oldest is forgotten first. One cache per database connection: another database
// (a test's fresh copy) starts with none.
const CACHE_SIZE = 64;
const caches = new WeakMap<object, Map<string, DashboardFigures>>();

/** The figures for a person and a filter, from the cache while the data has not changed. */
export function dashboardFigures(user: SessionUser, filter: DashboardFilter): DashboardFigures {
  const key = JSON.stringify([
    dashboardAudience(user).key,
    [...filter.rounds].sort((a, b) => a - b),
    filter.submittedFrom?.getTime() ?? null,
    filter.submittedBefore?.getTime() ?? null,
    dataVersion(),
  ]);
  let cache = caches.get(connection());
  if (!cache) caches.set(connection(), (cache = new Map()));
  const cached = cache.get(key);
  if (cached) return cached;
  const figures = computeFigures(user, filter);
  cache.set(key, figures);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return figures;
}

/** The rounds the filter offers, the latest first. */
export function dashboardRounds() {
  return db().select({ id: rounds.id, code: rounds.code, title: rounds.title }).from(rounds).orderBy(desc(rounds.opensAt)).all();
}
