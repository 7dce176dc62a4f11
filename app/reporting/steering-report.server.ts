import type { SQL } from "drizzle-orm";
import { and, asc, count, eq, gte, isNotNull, lt } from "drizzle-orm";
import {
  activities,
  activityReports,
  countries,
  institutions,
  proposalDecisions,
  proposalEvents,
  proposalPartners,
  proposals,
  rounds,
} from "../../db/schema";
import { WB6_COUNTRIES } from "../../workflows/countries";
import type { ProposalEventType } from "../../workflows/proposal-events";
import { isWithin } from "../../workflows/proposal-stages";
import { stateLabelOf } from "../../workflows/proposal.machine";
import { formatBrusselsIn, formatDayIn } from "../../workflows/time";
import { db } from "../db.server";
import type { ReportWords } from "./report-words";
import { lessonsOfRound } from "../lessons/lessons.server";
import type { Period } from "./report-schema";
import { partnerTakesPart } from "../proposals/participation.server";

// The steering committee's report: per round, or per period of submission, the table of the
// submitted proposals with their stage and decision, where implementation stands, and the
// lessons learnt of each round it covers (the feedback survey and the completion reports, as
// `lessonsOfRound` summarises them for the round's lessons page). A report is a document to print
// whole, so it lists every proposal it covers, in a fixed number of queries however many there are;
// in the reader's language, but for what people wrote (titles, comments, lessons).

export type RoundLessons = NonNullable<ReturnType<typeof lessonsOfRound>>;

type Country = { name: string; needsFootnote: boolean };

const DECIDE: ProposalEventType = "DECIDE";

/** The report on one round; null for a round that does not exist. */
export function roundReport(roundId: number, words: ReportWords) {
  const { t, language } = words;
  const round = db().select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (!round) return null;
  return {
    round: { id: round.id, code: round.code },
    heading: `${round.title} (${round.code})`,
    covers: round.closesAt
      ? t("steeringReport.coversWindow", { opens: formatBrusselsIn(language, round.opensAt), closes: formatBrusselsIn(language, round.closesAt) })
      : t("steeringReport.coversRolling", { opens: formatBrusselsIn(language, round.opensAt) }),
    ...reportOn(eq(proposals.roundId, round.id), words),
  };
}

/** The report on the proposals first submitted in a period, whatever their round. */
export function periodReport(period: Period, words: ReportWords) {
  const { t, language } = words;
  return {
    heading: t("steeringReport.periodHeading", { from: formatDayIn(language, period.from), to: formatDayIn(language, period.to) }),
    covers: t("steeringReport.periodCovers"),
    ...reportOn(and(gte(proposals.submittedAt, period.submittedFrom), lt(proposals.submittedAt, period.submittedBefore))!, words),
  };
}

function reportOn(condition: SQL, words: ReportWords) {
  const { t } = words;
  const submitted = and(condition, isNotNull(proposals.reference))!;
  const countryRows = db().select().from(countries).orderBy(countries.sortOrder).all();
  const country = (code: string): Country => {
    const row = countryRows.find((c) => c.code === code);
    const known = WB6_COUNTRIES.find((c) => c.code === code);
    if (!row) return { name: code, needsFootnote: false };
    return { name: known ? t(known.key) : row.name, needsFootnote: row.needsDesignationFootnote };
  };
  const rows = db()
    .select({
      id: proposals.id,
      reference: proposals.reference,
      title: proposals.title,
      state: proposals.state,
      roundCode: rounds.code,
      leadName: institutions.name,
      leadCountry: institutions.countryCode,
    })
    .from(proposals)
    .innerJoin(rounds, eq(rounds.id, proposals.roundId))
    .innerJoin(institutions, eq(institutions.id, proposals.leadInstitutionId))
    .where(submitted)
    .orderBy(proposals.reference)
    .all();
  const partners = db()
    .select({ proposalId: proposalPartners.proposalId, countryCode: institutions.countryCode })
    .from(proposalPartners)
    .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
    .innerJoin(proposals, eq(proposals.id, proposalPartners.proposalId))
    .where(and(submitted, partnerTakesPart()))
    .all();
  // A decision counts once applied (DECIDE is applied when the round's decisions are released);
  // whether the proposal stood out is the TAF team's mark on the released decision.
  const decisions = db()
    .select({ proposalId: proposalEvents.proposalId, payload: proposalEvents.payload, priority: proposalDecisions.priority })
    .from(proposalEvents)
    .innerJoin(proposals, eq(proposals.id, proposalEvents.proposalId))
    .leftJoin(proposalDecisions, and(eq(proposalDecisions.proposalId, proposalEvents.proposalId), isNotNull(proposalDecisions.releasedAt)))
    .where(and(submitted, eq(proposalEvents.type, DECIDE)))
    .orderBy(proposalEvents.id)
    .all();
  const planned = db()
    .select({ proposalId: activities.proposalId, n: count() })
    .from(activities)
    .innerJoin(proposals, eq(proposals.id, activities.proposalId))
    .where(submitted)
    .groupBy(activities.proposalId)
    .all();
  const held = db()
    .select({ proposalId: activityReports.proposalId, n: count() })
    .from(activityReports)
    .innerJoin(proposals, eq(proposals.id, activityReports.proposalId))
    .where(submitted)
    .groupBy(activityReports.proposalId)
    .all();
  // The rounds the report covers, in the order they opened: each round's lessons learnt.
  const roundIds = db()
    .selectDistinct({ id: rounds.id, opensAt: rounds.opensAt })
    .from(proposals)
    .innerJoin(rounds, eq(rounds.id, proposals.roundId))
    .where(submitted)
    .orderBy(asc(rounds.opensAt), asc(rounds.id))
    .all();
  const lessons = roundIds.flatMap((round) => lessonsOfRound(db(), round.id, words) ?? []);

  // By proposal, so that a report of thousands of proposals is not a search per row.
  const partnersOf = new Map<number, Set<string>>();
  for (const p of partners) partnersOf.set(p.proposalId, (partnersOf.get(p.proposalId) ?? new Set()).add(p.countryCode));
  const decisionOf = new Map(decisions.map((d) => [d.proposalId, d])); // the last DECIDE wins: they come in history order
  const plannedOf = new Map(planned.map((p) => [p.proposalId, p.n]));
  const heldOf = new Map(held.map((h) => [h.proposalId, h.n]));

  const proposalsRows = rows.map((row) => {
    const partnerCountries = [...(partnersOf.get(row.id) ?? [])].filter((code) => code !== row.leadCountry);
    const decision = decisionOf.get(row.id);
    const activitiesPlanned = plannedOf.get(row.id) ?? 0;
    const activitiesHeld = heldOf.get(row.id) ?? 0;
    const implementing = isWithin(row.state, "implementation") || isWithin(row.state, "completed");
    return {
      id: row.id,
      reference: row.reference!,
      title: row.title,
      roundCode: row.roundCode,
      lead: { name: row.leadName, country: country(row.leadCountry) },
      partnerCountries: partnerCountries.map(country),
      stage: stateLabelOf(row.state, t),
      decision: decision ? t(decision.payload.outcome !== "promising" ? "steeringReport.decision.notSelected" : decision.priority ? "steeringReport.decision.stoodOut" : "steeringReport.decision.promising") : null,
      implementation: implementing ? { planned: activitiesPlanned, held: activitiesHeld, completed: isWithin(row.state, "completed") } : null,
    };
  });
  const named = [
    ...proposalsRows.flatMap((p) => [p.lead.country, ...p.partnerCountries]),
    ...lessons.flatMap((round) => [...round.comments.map((c) => c.country), ...round.lessonsLearnt.map((l) => l.country)]),
  ];
  return {
    proposals: proposalsRows,
    implementation: proposalsRows.filter((p) => p.implementation !== null),
    lessons,
    namesKosovo: named.some((c) => c.needsFootnote),
  };
}

export type SteeringReport = ReturnType<typeof reportOn>;
