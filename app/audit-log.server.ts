import type { SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { ProposalEventType } from "../workflows/proposal-events";
import { draftStartedWordsIn, eventWordsIn, PROPOSAL_EVENTS } from "../workflows/proposal-events";
import type { Translate } from "../workflows/words";
import { inEnglish } from "../workflows/words";
import { formatBrussels, fromBrusselsTime } from "../workflows/time";
import type { ActivitySearch } from "./audit-log-schema";
import { activitySearchSchema } from "./audit-log-schema";
import { db } from "./db.server";
import type { PageRequest } from "./pagination.server";
import { readPage } from "./pagination.server";
import { stageLabelFor } from "../workflows/proposal-stages";

// The audit log and every proposal's history as one list, newest first: what the TAF team reads
// to answer "who did what, when". Both are append-only tables; a page of the two together is one
// statement (a UNION ALL, counted with `count(*) over ()`), whatever their length.

// The audit log's actions in words; an action not named here shows its own name.
const AUDIT_ACTION_WORDS: Record<string, string> = {
  signIn: "Signed in",
  signInFailed: "Sign-in refused",
  signInHeldUnderAttack: "Sign-in from a new address held while the account was under attack; a link was e-mailed",
  passwordCheckFailed: "Typed a wrong current password on the account page",
  personInvited: "Invited a person",
  invitationResent: "Sent an invitation again",
  invitationAccepted: "Accepted an invitation",
  personUpdated: "Changed a person's details",
  personDeactivated: "Deactivated a person",
  personReactivated: "Reactivated a person",
  passwordChanged: "Changed a password",
  passwordResetRequested: "Asked for a password reset link",
  passwordReset: "Chose a new password with a reset link",
  signInPasswordAccepted: "Gave the right password; a code was asked",
  secondFactorEnrolled: "Set up an authenticator app",
  recoveryCodesRegenerated: "Made new recovery codes",
  secondFactorTurnedOff: "Turned off two-factor sign-in",
  secondFactorReset: "Reset a person's second factor",
  secondFactorRequirementChanged: "Changed which roles need a second factor",
  passkeyAdded: "Added a passkey",
  passkeyRemoved: "Removed a passkey",
  institutionCreated: "Added an institution",
  institutionUpdated: "Changed an institution",
  institutionDeactivated: "Deactivated an institution",
  institutionReactivated: "Reactivated an institution",
  roundCreated: "Added a round",
  mailResent: "Put a message back in the queue",
  partnerInvited: "Invited a partner institution",
  partnerRemoved: "Removed a partner institution",
  attachmentAdded: "Added an attachment",
  attachmentRemoved: "Removed an attachment",
  "review.conflict_dismissed": "Dismissed a conflict of interest",
  "review.conflict_rule_added": "Added a conflict rule",
  "review.due_changed": "Moved a review's due date",
  "round.rankingExported": "Exported a round's ranking",
  "round.reviewCriteriaChanged": "Changed a round's review criteria",
  "proposals.exported": "Exported the table of proposals",
  "round.lessonsExported": "Exported a round's lessons learnt",
  "feedbackSurvey.closed": "Closed a round's feedback survey early",
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

function readEntries(search: ActivitySearch, offset: number, limit: number) {
  return db().all<EntryRow>(sql`
    select entry.source, entry.id, entry.at, entry.type, entry.detail,
      entry.from_state as fromState, entry.to_state as toState, u.name as actorName, p.id as proposalId, p.reference, p.title,
      coalesce(subject_person.name, subject_institution.name, subject_round.code) as subjectName,
      count(*) over () as total
    from (${ENTRIES}) as entry
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
export function activityPage(search: ActivitySearch, request: PageRequest, t: Translate = inEnglish) {
  return readPage(request, (offset, limit) => {
    const rows = readEntries(search, offset, limit);
    return {
      total: rows[0]?.total ?? 0,
      rows: rows.map((row) => ({
        id: `${row.source}-${row.id}`,
        at: formatBrussels(new Date(row.at)),
        by: row.actorName ?? "The portal",
        what: row.source === "proposal" ? proposalEventWords(row.type, t) : (AUDIT_ACTION_WORDS[row.type] ?? row.type),
        proposal: row.proposalId === null ? null : { id: row.proposalId, reference: row.reference, title: row.title ?? "" },
        detail:
          row.source === "proposal"
            ? row.fromState
              ? `${stageLabelFor(row.fromState, "tafTeam")} → ${stageLabelFor(row.toState!, "tafTeam")}`
              : stageLabelFor(row.toState!, "tafTeam")
            : [row.subjectName ? `About ${row.subjectName}` : "", detailText(row.detail)].filter(Boolean).join(" · "),
      })),
    };
  });
}

/** The kinds of event the search offers: every proposal event, and the audit actions recorded. */
export function activityKinds(t: Translate = inEnglish) {
  const recorded = db().all<{ action: string }>(sql`select distinct action from audit_log order by action`);
  return [
    ...[CREATED, ...Object.keys(PROPOSAL_EVENTS)].map((type) => ({ value: `proposal:${type}`, label: `Proposal: ${proposalEventWords(type, t).toLowerCase()}` })),
    ...recorded.map(({ action }) => ({ value: `audit:${action}`, label: AUDIT_ACTION_WORDS[action] ?? action })),
  ];
}
