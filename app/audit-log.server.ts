import type { SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { ProposalEventType } from "../workflows/proposal-events";
import { draftStartedWordsIn, eventWordsIn, PROPOSAL_EVENTS } from "../workflows/proposal-events";
import type { Translate } from "../workflows/words";
import type { PageLanguage } from "../workflows/languages";
import { formatBrusselsIn, fromBrusselsTime } from "../workflows/time";
import type { ActivitySearch } from "./audit-log-schema";
import { activitySearchSchema } from "./audit-log-schema";
import { db } from "./db.server";
import type { PageRequest } from "./pagination.server";
import { readPage } from "./pagination.server";
import { keptCounts } from "./tallies.server";
import { stageLabelFor } from "../workflows/proposal-stages";

// The audit log and every proposal's history as one list, newest first: what the TAF team reads
// to answer "who did what, when". Both are append-only tables; a page of the two together is one
// statement (a UNION ALL): unsearched, of the newest rows of each through the indexes on their
// time, with the lengths kept by writes (app/tallies.server.ts); searched, counted with
// `count(*) over ()`.

// The audit log's actions as catalogue keys (auditActions.*); an action not named here shows its own name.
const AUDIT_ACTION_KEYS: Record<string, string> = {
  signIn: "auditActions.signIn",
  signInFailed: "auditActions.signInFailed",
  signInHeldUnderAttack: "auditActions.signInHeldUnderAttack",
  passwordCheckFailed: "auditActions.passwordCheckFailed",
  personInvited: "auditActions.personInvited",
  invitationResent: "auditActions.invitationResent",
  invitationAccepted: "auditActions.invitationAccepted",
  personUpdated: "auditActions.personUpdated",
  personDeactivated: "auditActions.personDeactivated",
  personReactivated: "auditActions.personReactivated",
  passwordChanged: "auditActions.passwordChanged",
  passwordResetRequested: "auditActions.passwordResetRequested",
  passwordReset: "auditActions.passwordReset",
  signInPasswordAccepted: "auditActions.signInPasswordAccepted",
  secondFactorEnrolled: "auditActions.secondFactorEnrolled",
  recoveryCodesRegenerated: "auditActions.recoveryCodesRegenerated",
  secondFactorTurnedOff: "auditActions.secondFactorTurnedOff",
  secondFactorReset: "auditActions.secondFactorReset",
  secondFactorRequirementChanged: "auditActions.secondFactorRequirementChanged",
  passkeyAdded: "auditActions.passkeyAdded",
  passkeyRemoved: "auditActions.passkeyRemoved",
  institutionCreated: "auditActions.institutionCreated",
  institutionUpdated: "auditActions.institutionUpdated",
  institutionDeactivated: "auditActions.institutionDeactivated",
  institutionReactivated: "auditActions.institutionReactivated",
  roundCreated: "auditActions.roundCreated",
  mailResent: "auditActions.mailResent",
  partnerInvited: "auditActions.partnerInvited",
  partnerRemoved: "auditActions.partnerRemoved",
  attachmentAdded: "auditActions.attachmentAdded",
  attachmentRemoved: "auditActions.attachmentRemoved",
  "review.conflict_dismissed": "auditActions.reviewConflictDismissed",
  "review.conflict_rule_added": "auditActions.reviewConflictRuleAdded",
  "review.due_changed": "auditActions.reviewDueChanged",
  "round.rankingExported": "auditActions.roundRankingExported",
  "round.reviewCriteriaChanged": "auditActions.roundReviewCriteriaChanged",
  "proposals.exported": "auditActions.proposalsExported",
  "round.lessonsExported": "auditActions.roundLessonsExported",
  "feedbackSurvey.closed": "auditActions.feedbackSurveyClosed",
};

// The history's first row records the draft's creation, which is no statechart event.
const CREATED = "CREATE";

function proposalEventWords(type: string, t: Translate) {
  const words = type === CREATED ? draftStartedWordsIn(t) : Object.hasOwn(PROPOSAL_EVENTS, type) ? eventWordsIn(type as ProposalEventType, t).history : null;
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : type;
}

/** The search an address asks for, and what is wrong with it: a part that is wrong is left out. */
export function activitySearchOf(params: URLSearchParams) {
  const typed = Object.fromEntries([...params].filter(([name, value]) => value !== "" && ["proposal", "person", "kind", "from", "to"].includes(name)));
  const parsed = activitySearchSchema.safeParse(typed);
  if (parsed.success) return { search: parsed.data, typed, problems: [] as string[] };
  const wrong = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  const rest = Object.fromEntries(Object.entries(typed).filter(([name]) => !wrong.has(name)));
  return { search: activitySearchSchema.parse(rest), typed, problems: parsed.error.issues.map((issue) => issue.message) };
}

function brusselsMidnight(day: string, daysLater = 0) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + daysLater);
  const moment = fromBrusselsTime(`${date.toISOString().slice(0, 10)}T00:00`);
  return moment.ok ? moment.instant.getTime() : date.getTime();
}

function conditionsOf(search: ActivitySearch): SQL {
  const conditions: SQL[] = [sql`1 = 1`];
  if (search.proposal) {
    conditions.push(sql`(instr(lower(p.reference), lower(${search.proposal})) > 0 or instr(lower(p.title), lower(${search.proposal})) > 0)`);
  }
  if (search.person) conditions.push(sql`(instr(lower(u.name), lower(${search.person})) > 0 or instr(lower(u.email), lower(${search.person})) > 0)`);
  if (search.kind) {
    const [source, type] = search.kind.split(":");
    conditions.push(sql`entry.source = ${source} and entry.type = ${type}`);
  }
  if (search.from) conditions.push(sql`entry.at >= ${brusselsMidnight(search.from)}`);
  if (search.to) conditions.push(sql`entry.at < ${brusselsMidnight(search.to, 1)}`);
  return sql.join(conditions, sql` and `);
}

type EntryRow = {
  source: "audit" | "proposal";
  id: number;
  at: number;
  type: string;
  detail: string | null;
  fromState: string | null;
  toState: string | null;
  actorName: string | null;
  /** The person, institution or round an audit row is about, by name. */
  subjectName: string | null;
  proposalId: number | null;
  reference: string | null;
  title: string | null;
  total: number;
};

// Audit rows about a proposal (attachments, partners, conflicts) are found by its reference too.
const ENTRIES = sql`
  select 'audit' as source, a.id, a.at, a.action as type, a.subject_type, a.subject_id, a.detail, null as from_state, null as to_state, a.actor_user_id,
    case when a.subject_type = 'proposal' then cast(a.subject_id as integer) end as proposal_id
  from audit_log a
  union all
  select 'proposal', e.id, e.at, e.type, 'proposal', e.proposal_id, null, e.from_state, e.to_state, e.actor_user_id, e.proposal_id
  from proposal_events e`;

/**
 * The newest `rows` of each table, by the indexes on their time: the unsearched list's page is
 * among them, so neither table is read beyond it whatever its length.
 */
function newestEntries(rows: number) {
  return sql`
  select * from (select 'audit' as source, a.id, a.at, a.action as type, a.subject_type, a.subject_id, a.detail, null as from_state, null as to_state, a.actor_user_id,
    case when a.subject_type = 'proposal' then cast(a.subject_id as integer) end as proposal_id
  from audit_log a order by a.at desc, a.id desc limit ${rows})
  union all
  select * from (select 'proposal', e.id, e.at, e.type, 'proposal', e.proposal_id, null, e.from_state, e.to_state, e.actor_user_id, e.proposal_id
  from proposal_events e order by e.at desc, e.id desc limit ${rows})`;
}

function wholeLogLength() {
  const kept = keptCounts();
  return kept.audit_log + kept.proposal_events;
}

function isSearched(search: ActivitySearch) {
  return Object.values(search).some((value) => value !== undefined && value !== null && value !== "");
}

function readEntries(search: ActivitySearch, offset: number, limit: number) {
  const searched = isSearched(search);
  return db().all<EntryRow>(sql`
    select entry.source, entry.id, entry.at, entry.type, entry.detail,
      entry.from_state as fromState, entry.to_state as toState, u.name as actorName, p.id as proposalId, p.reference, p.title,
      coalesce(subject_person.name, subject_institution.name, subject_round.code) as subjectName,
      ${searched ? sql`count(*) over ()` : sql`0`} as total
    from (${searched ? ENTRIES : newestEntries(offset + limit)}) as entry
    left join users u on u.id = entry.actor_user_id
    left join proposals p on p.id = entry.proposal_id
    left join users subject_person on entry.subject_type = 'user' and subject_person.id = cast(entry.subject_id as integer)
    left join institutions subject_institution on entry.subject_type = 'institution' and subject_institution.id = cast(entry.subject_id as integer)
    left join rounds subject_round on entry.subject_type = 'round' and subject_round.id = cast(entry.subject_id as integer)
    where ${conditionsOf(search)}
    order by entry.at desc, entry.source desc, entry.id desc
    limit ${limit} offset ${offset}`);
}

/** A short account of an audit row's detail: "rows: 12; filter: stage euReview". */
function detailText(detail: string | null): string {
  if (!detail) return "";
  const parsed: unknown = JSON.parse(detail);
  if (parsed === null || typeof parsed !== "object") return String(parsed);
  return Object.entries(parsed)
    .map(([key, value]) => {
      if (Array.isArray(value)) return `${key}: ${value.map(String).join(", ")}`;
      if (value !== null && typeof value === "object") {
        const inner = Object.entries(value).map(([name, v]) => `${name} ${String(v)}`);
        return `${key}: ${inner.length ? inner.join(", ") : "none"}`;
      }
      return `${key}: ${String(value)}`;
    })
    .join("; ");
}

/** One page of the activity, newest first, in one statement. */
function lowerFirst(words: string) {
  return words.charAt(0).toLocaleLowerCase() + words.slice(1);
}

/** An audit action in the reader's words; an action the catalogue does not name shows its own name. */
function actionWords(action: string, t: Translate) {
  const key = AUDIT_ACTION_KEYS[action];
  return key ? t(key) : action;
}

export function activityPage(search: ActivitySearch, request: PageRequest, t: Translate, language: PageLanguage = "en") {
  return readPage(request, (offset, limit) => {
    const rows = readEntries(search, offset, limit);
    return {
      // Unsearched, the list is both tables whole, whose lengths are kept by writes.
      total: isSearched(search) ? (rows[0]?.total ?? 0) : wholeLogLength(),
      rows: rows.map((row) => ({
        id: `${row.source}-${row.id}`,
        at: formatBrusselsIn(language, new Date(row.at)),
        by: row.actorName ?? t("auditPage.portal"),
        what: row.source === "proposal" ? proposalEventWords(row.type, t) : actionWords(row.type, t),
        proposal: row.proposalId === null ? null : { id: row.proposalId, reference: row.reference, title: row.title ?? "" },
        detail:
          row.source === "proposal"
            ? row.fromState
              ? `${stageLabelFor(row.fromState, "tafTeam", t)} → ${stageLabelFor(row.toState!, "tafTeam", t)}`
              : stageLabelFor(row.toState!, "tafTeam", t)
            : [row.subjectName ? t("auditPage.about", { name: row.subjectName }) : "", detailText(row.detail)].filter(Boolean).join(" · "),
      })),
    };
  });
}

/** The kinds of event the search offers: every proposal event, and the audit actions recorded. */
export function activityKinds(t: Translate) {
  // Each action found by one look-up in the index on the actions, from the last one found: as
  // many look-ups as there are actions, however long the log.
  const recorded = db().all<{ action: string }>(sql`
    with recursive found(action) as (
      select min(action) from audit_log
      union all
      select (select min(action) from audit_log where action > found.action) from found where found.action is not null
    )
    select action from found where action is not null order by action`);
  return [
    ...[CREATED, ...Object.keys(PROPOSAL_EVENTS)].map((type) => ({ value: `proposal:${type}`, label: t("auditPage.proposalKind", { what: lowerFirst(proposalEventWords(type, t)) }) })),
    ...recorded.map(({ action }) => ({ value: `audit:${action}`, label: actionWords(action, t) })),
  ];
}
