import type { Tx } from "../../db/client";
import { randomBytes } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { and, asc, eq, exists, inArray, max, sql } from "drizzle-orm";
import { activities, activityDays, activityParticipants, activityReports, proposalEvents, proposals, proposalVersions, rounds, tallies } from "../../db/schema";
import type { CountryCode } from "../../workflows/countries";
import { WB6_COUNTRIES } from "../../workflows/countries";
import type { PageLanguage } from "../../workflows/languages";
import { formatDayIn, toBrusselsTime } from "../../workflows/time";
import { activityTypeLabel } from "../../workflows/vocabulary";
import type { Translate } from "../../workflows/words";
import { inEnglish } from "../../workflows/in-english";
import type { SessionUser } from "../auth/session.server";
import { db, keptUntilWritten } from "../db.server";
import type { ListPage, PageRequest } from "../pagination.server";
import { readPage, totalRows } from "../pagination.server";
import { canOnProposal, seesEveryProposal, visibleProposals } from "../permissions.server";
import type { ActivityReportForm, ParticipantsByCountry, PlannedActivityForm, TimelineFilter } from "./implementation-schema";
import { participantsTotal } from "./implementation-schema";
import { participationIn } from "./participation.server";

// The activities of an implementation: planned (copied from the approved concept note at
// APPROVE_CONCEPT, see activity-plan.server.ts, then kept up to date by the lead) and held (an
// activity report). Every report sent is frozen as a version of kind "activityReport", so a
// corrected report never overwrites what was sent. The timeline lists them across proposals.

/** When an activity happens: the days it was held once reported, else the days planned. */
const happensOn = sql<string>`coalesce(${activityReports.heldOn}, ${activities.startsOn})`;

/** What became of a plan or a report: a catalogue key (the documents area) and its values, for the page to say. */
export type ActivityOutcome = { ok: boolean; message: string; values?: { title: string } };

const CLOSED = "implementationPage.outcome.planClosed";
const REPORTING_CLOSED = "implementationPage.outcome.reportingClosed";
const NOT_IN_PLAN = "implementationPage.outcome.notInPlan";

/** How the rows are written: in the page's language (the TAF team's timeline is still in English). */
type RowWords = { t: Translate; language: PageLanguage };
const ENGLISH: RowWords = { t: inEnglish, language: "en" };

/**
 * One page of activities, soonest first, with the proposal, round and countries of each: every
 * proposal the person sees (the TAF team's timeline) or one proposal's (its implementation
 * page). Two statements whatever the page's length: the page with its total, and its countries.
 */
export function activityTimeline(user: SessionUser, filter: TimelineFilter & { proposalId?: number }, page: PageRequest, words: RowWords = ENGLISH) {
  const conditions: (SQL | undefined)[] = [visibleProposals(user)];
  if (filter.proposalId !== undefined) conditions.push(eq(activities.proposalId, filter.proposalId));
  if (filter.round !== undefined) conditions.push(eq(proposals.roundId, filter.round));
  if (filter.month) conditions.push(sql`substr(${happensOn}, 1, 7) = ${filter.month}`);
  if (filter.country) {
    conditions.push(
      exists(
        db()
          .select({ one: sql`1` })
          .from(activityParticipants)
          .where(and(eq(activityParticipants.activityId, activities.id), eq(activityParticipants.countryCode, filter.country))),
      ),
    );
  }
  // Everything, as the TAF team sees it: the page is read from the days kept by writes
  // (activity_days) in their order, stopping at the page, and the length is kept too.
  const whole = seesEveryProposal(user) && filter.proposalId === undefined && filter.round === undefined && !filter.month && !filter.country;
  const listed: ListPage<TimelineRow> = readPage(page, (offset, limit) => {
    const pageOfDays = db()
      .select({ id: activityDays.activityId })
      .from(activityDays)
      .orderBy(asc(activityDays.happensOn), asc(activityDays.activityId))
      .limit(limit)
      .offset(offset);
    const rows = db()
      .select({
        activity: activities,
        proposalReference: proposals.reference,
        proposalTitle: proposals.title,
        roundCode: rounds.code,
        report: { heldOn: activityReports.heldOn, heldUntil: activityReports.heldUntil, participants: activityReports.participants, outcome: activityReports.outcome },
        // Beside the rows, as a count would be: the length kept by writes, or the matches counted.
        total: whole ? sql<number>`(select ${tallies.n} from ${tallies} where ${tallies.name} = 'activities')` : totalRows(),
      })
      .from(activities)
      .innerJoin(proposals, eq(proposals.id, activities.proposalId))
      .innerJoin(rounds, eq(rounds.id, proposals.roundId))
      .leftJoin(activityReports, and(eq(activityReports.proposalId, activities.proposalId), eq(activityReports.activityKey, activities.key)))
      .where(whole ? inArray(activities.id, pageOfDays) : and(...conditions))
      .orderBy(asc(happensOn), asc(activities.id))
      .limit(limit)
      .offset(whole ? 0 : offset)
      .all();
    return { rows: timelineRows(rows, words), total: rows[0]?.total ?? 0 };
  });
  return listed;
}

type TimelineRead = {
  activity: typeof activities.$inferSelect;
  proposalReference: string | null;
  proposalTitle: string;
  roundCode: string;
  report: { heldOn: string; heldUntil: string | null; participants: number; outcome: string } | null;
};

function days(language: PageLanguage, first: string, last: string | null) {
  return last && last !== first ? `${formatDayIn(language, first)} – ${formatDayIn(language, last)}` : formatDayIn(language, first);
}

function timelineRows(rows: TimelineRead[], { t, language }: RowWords) {
  const ids = rows.map((row) => row.activity.id);
  const countries = ids.length ? db().select().from(activityParticipants).where(inArray(activityParticipants.activityId, ids)).all() : [];
  return rows.map(({ activity, report, ...proposal }) => {
    const own = countries.filter((c) => c.activityId === activity.id);
    const byCountry = WB6_COUNTRIES.flatMap((country) => {
      const row = own.find((c) => c.countryCode === country.code);
      return row ? [{ code: country.code, name: t(country.key), needsFootnote: country.needsFootnote, planned: row.planned, held: row.held }] : [];
    });
    const held = report ? { ...report, daysLabel: days(language, report.heldOn, report.heldUntil) } : null;
    return {
      id: activity.id,
      proposalId: activity.proposalId,
      key: activity.key,
      version: activity.version,
      type: activity.type,
      typeLabel: activityTypeLabel(activity.type, t),
      title: activity.title,
      startsOn: activity.startsOn,
      endsOn: activity.endsOn,
      daysLabel: days(language, activity.startsOn, activity.endsOn),
      place: activity.place,
      participants: activity.participants,
      byCountry,
      report: held,
      ...proposal,
    };
  });
}

export type TimelineRow = ReturnType<typeof timelineRows>[number];

/**
 * Plans a new activity or changes a planned one, for the lead while the plan is open (asked
 * again inside the write).
 */
export function saveActivity(input: { user: SessionUser; proposalId: number; form: PlannedActivityForm; now?: Date }): ActivityOutcome {
  return db().transaction(
    (tx): ActivityOutcome => {
      const participation = participationIn(input.proposalId);
      if (!participation || !canOnProposal(input.user, "planActivities", participation)) return { ok: false, message: CLOSED };
      return planActivity(tx, { userId: input.user.id, proposalId: input.proposalId, form: input.form, now: input.now ?? new Date() });
    },
    { behavior: "immediate" },
  );
}

/**
 * The write of a planned activity, in the caller's transaction, once the caller has asked who
 * may. A held activity keeps its plan: its report was written against it.
 */
export function planActivity(tx: Tx, input: { userId: number; proposalId: number; form: PlannedActivityForm; now: Date }): ActivityOutcome {
  const { form, now } = input;
  const values = {
    type: form.type,
    title: form.title,
    startsOn: form.startsOn,
    endsOn: form.endsOn ?? null,
    place: form.place,
    participants: participantsTotal(form.participants),
    updatedAt: now,
    updatedByUserId: input.userId,
  };
  let activityId: number;
  if (form.key === undefined) {
    activityId = tx
      .insert(activities)
      .values({ proposalId: input.proposalId, key: newKey(tx, input.proposalId), ...values, createdAt: now })
      .returning({ id: activities.id })
      .get().id;
  } else {
    const row = tx.select().from(activities).where(and(eq(activities.proposalId, input.proposalId), eq(activities.key, form.key))).get();
    if (!row) return { ok: false, message: NOT_IN_PLAN };
    if (reportOf(tx, input.proposalId, form.key)) return { ok: false, message: "implementationPage.outcome.heldKeepsPlan", values: { title: row.title } };
    if (form.version !== row.version) return { ok: false, message: "implementationPage.outcome.changedMeanwhile" };
    tx.update(activities).set({ ...values, version: row.version + 1 }).where(eq(activities.id, row.id)).run();
    activityId = row.id;
  }
  writeCountries(tx, activityId, form.participants, "planned");
  return { ok: true, message: form.key === undefined ? "implementationPage.outcome.added" : "implementationPage.outcome.planSaved", values: { title: form.title } };
}

/**
 * Records an activity as held (or corrects its report), for the lead while reporting is open:
 * asked again inside the write, so a report cannot slip in after the completion report was
 * submitted by someone else a moment before.
 */
export function reportActivity(input: { user: SessionUser; proposalId: number; form: ActivityReportForm; now?: Date }): ActivityOutcome {
  return db().transaction(
    (tx): ActivityOutcome => {
      const participation = participationIn(input.proposalId);
      if (!participation || !canOnProposal(input.user, "reportImplementation", participation)) return { ok: false, message: REPORTING_CLOSED };
      return recordActivityReport(tx, { userId: input.user.id, proposalId: input.proposalId, form: input.form, now: input.now ?? new Date() });
    },
    { behavior: "immediate" },
  );
}

/**
 * The write of an activity report, in the caller's transaction, once the caller has asked who
 * may: the report, the numbers per country, and the report as sent frozen as the next version
 * of kind "activityReport".
 */
export function recordActivityReport(tx: Tx, input: { userId: number; proposalId: number; form: ActivityReportForm; now: Date }): ActivityOutcome {
  const { form, now } = input;
  const activity = tx.select().from(activities).where(and(eq(activities.proposalId, input.proposalId), eq(activities.key, form.activityKey))).get();
  if (!activity) return { ok: false, message: NOT_IN_PLAN };
  const corrected = reportOf(tx, input.proposalId, form.activityKey) !== undefined;
  const report = { heldOn: form.heldOn, heldUntil: form.heldUntil ?? null, participants: form.participants, outcome: form.outcome, reportedByUserId: input.userId };
  tx.insert(activityReports)
    .values({ proposalId: input.proposalId, activityKey: form.activityKey, ...report, createdAt: now })
    .onConflictDoUpdate({ target: [activityReports.proposalId, activityReports.activityKey], set: report })
    .run();
  writeCountries(tx, activity.id, form.byCountry, "held");
  const last =
    tx
      .select({ n: max(proposalVersions.number) })
      .from(proposalVersions)
      .where(and(eq(proposalVersions.proposalId, input.proposalId), eq(proposalVersions.kind, "activityReport")))
      .get()?.n ?? 0;
  tx.insert(proposalVersions)
    .values({
      proposalId: input.proposalId,
      kind: "activityReport",
      number: last + 1,
      title: activity.title,
      content: { activityKey: activity.key, type: activity.type, title: activity.title, place: activity.place, heldOn: report.heldOn, heldUntil: report.heldUntil, participants: report.participants, byCountry: form.byCountry, outcome: report.outcome },
      createdAt: now,
      createdByUserId: input.userId,
    })
    .run();
  return { ok: true, message: corrected ? "implementationPage.outcome.corrected" : "implementationPage.outcome.reported" };
}

function reportOf(tx: Tx, proposalId: number, key: string) {
  return tx.select({ id: activityReports.id }).from(activityReports).where(and(eq(activityReports.proposalId, proposalId), eq(activityReports.activityKey, key))).get();
}

/** The countries' numbers, planned or held: a country given gets its number, the others keep theirs. */
function writeCountries(tx: Tx, activityId: number, byCountry: ParticipantsByCountry, column: "planned" | "held") {
  for (const [code, count] of Object.entries(byCountry) as [CountryCode, number | undefined][]) {
    if (count === undefined) continue;
    tx.insert(activityParticipants)
      .values({ activityId, countryCode: code, [column]: count })
      .onConflictDoUpdate({ target: [activityParticipants.activityId, activityParticipants.countryCode], set: { [column]: count } })
      .run();
  }
  if (column === "planned") {
    // A country no longer given takes no part in the plan (unless people from it were reported).
    const given = (Object.keys(byCountry) as CountryCode[]).filter((code) => byCountry[code] !== undefined);
    for (const row of tx.select().from(activityParticipants).where(eq(activityParticipants.activityId, activityId)).all()) {
      if (!given.includes(row.countryCode as CountryCode) && row.held === null) {
        tx.delete(activityParticipants).where(and(eq(activityParticipants.activityId, activityId), eq(activityParticipants.countryCode, row.countryCode))).run();
      }
    }
  }
}

/** Eight letters and digits, not yet used by the proposal's activities. */
function newKey(tx: Tx, proposalId: number) {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  for (;;) {
    const key = [...randomBytes(8)].map((byte) => alphabet[byte % alphabet.length]).join("");
    if (!tx.select({ id: activities.id }).from(activities).where(and(eq(activities.proposalId, proposalId), eq(activities.key, key))).get()) return key;
  }
}

/**
 * The rounds to filter the timeline by: those with planned activities, each asked whether one of
 * its proposals has any (through the indexes, stopping at the first) rather than every activity
 * read to find their rounds. A round with none reads all of its proposals to say so (3.4 ms for
 * the open call's 16,000 drafts at 100,000 proposals), so the list is kept until the next write.
 */
export function timelineRounds() {
  return keptUntilWritten("timeline-rounds", () => {
    const planned = db()
      .select({ one: sql`1` })
      .from(proposals)
      .innerJoin(activities, eq(activities.proposalId, proposals.id))
      .where(eq(proposals.roundId, rounds.id));
    return db().select({ id: rounds.id, code: rounds.code, title: rounds.title }).from(rounds).where(exists(planned)).orderBy(asc(rounds.code)).all();
  });
}

/** The Brussels day a proposal's implementation started (its first START), or null before it did. */
export function implementationStartedOn(proposalId: number): string | null {
  const start = db()
    .select({ at: proposalEvents.at })
    .from(proposalEvents)
    .where(and(eq(proposalEvents.proposalId, proposalId), eq(proposalEvents.type, "START")))
    .orderBy(asc(proposalEvents.id))
    .get();
  return start ? toBrusselsTime(start.at).slice(0, 10) : null;
}
