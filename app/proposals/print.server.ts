import { and, desc, eq, inArray } from "drizzle-orm";
import { attachments, countries, institutions, proposalEvents, proposalPartners, proposals, proposalVersions, rounds } from "../../db/schema";
import { mentionsKosovo, WB6_COUNTRIES } from "../../workflows/countries";
import type { ProposalEventType } from "../../workflows/proposal-events";
import { eventWordsIn, PROPOSAL_EVENTS } from "../../workflows/proposal-events";
import { isFinal } from "../../workflows/proposal-stages";
import { stateLabelOf } from "../../workflows/proposal.machine";
import { formatBrusselsDayIn, formatBrusselsIn, formatNumberIn } from "../../workflows/time";
import { db } from "../db.server";
import type { ReportWords } from "../reporting/report-words";
import type { Participation } from "./participation.server";
import { answersInWords } from "./answers-in-words.server";
import { proposalAnswers } from "./documents.server";

// A proposal as the applicants keep it in their files: what they submitted (the last version
// frozen at a submission, never the draft being edited since), who stands behind it, the files
// it went with, and the TAF team's decisions as the applicants were told them. Whoever prints
// it, TAF team included, gets the applicants' copy: no reviewer, score, internal reason or
// name of a team member is read here, so none can reach the paper. In the reader's language, but
// for what the applicants and the TAF team wrote.

const PARTNER_STATUS_WORDS: Record<string, string> = { invited: "printout.partnerStatus.invited", confirmed: "printout.partnerStatus.confirmed", declined: "printout.partnerStatus.declined" };

/** The printable proposal; null before its first submission (there is nothing submitted to print). */
export function proposalPrintOf(participation: Participation, words: ReportWords) {
  const { proposalId } = participation;
  const { t, language } = words;
  const head = db()
    .select({ reference: proposals.reference, state: proposals.state, roundTitle: rounds.title, roundCode: rounds.code })
    .from(proposals)
    .innerJoin(rounds, eq(rounds.id, proposals.roundId))
    .where(eq(proposals.id, proposalId))
    .get()!;
  const version = db()
    .select()
    .from(proposalVersions)
    .where(and(eq(proposalVersions.proposalId, proposalId), eq(proposalVersions.kind, "proposal")))
    .orderBy(desc(proposalVersions.number))
    .get();
  if (!head.reference || !version) return null;

  const countryRows = db().select().from(countries).all();
  const country = (code: string) => {
    const row = countryRows.find((c) => c.code === code);
    const known = WB6_COUNTRIES.find((c) => c.code === code);
    if (!row) return { name: code, needsFootnote: false };
    return { name: known ? t(known.key) : row.name, needsFootnote: row.needsDesignationFootnote };
  };
  const lead = db()
    .select({ name: institutions.name, countryCode: institutions.countryCode })
    .from(proposals)
    .innerJoin(institutions, eq(institutions.id, proposals.leadInstitutionId))
    .where(eq(proposals.id, proposalId))
    .get()!;
  const partners = db()
    .select({ institutionId: proposalPartners.institutionId, name: institutions.name, countryCode: institutions.countryCode, status: proposalPartners.status })
    .from(proposalPartners)
    .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
    .where(eq(proposalPartners.proposalId, proposalId))
    .orderBy(institutions.countryCode, institutions.name)
    .all();
  // The files the submitted version went with: added before it was frozen, not removed by then.
  const files = db()
    .select({
      id: attachments.id,
      name: attachments.originalName,
      mediaType: attachments.mediaType,
      sizeBytes: attachments.sizeBytes,
      createdAt: attachments.createdAt,
      removedAt: attachments.removedAt,
    })
    .from(attachments)
    .where(and(eq(attachments.proposalId, proposalId), eq(attachments.purpose, "proposal")))
    .orderBy(attachments.createdAt, attachments.id)
    .all()
    .filter((file) => file.createdAt <= version.createdAt && (file.removedAt === null || file.removedAt > version.createdAt));
  const decisions = db()
    .select({
      type: proposalEvents.type,
      at: proposalEvents.at,
      fromState: proposalEvents.fromState,
      toState: proposalEvents.toState,
      payload: proposalEvents.payload,
    })
    .from(proposalEvents)
    .where(and(eq(proposalEvents.proposalId, proposalId), inArray(proposalEvents.type, TEAM_EVENTS)))
    .orderBy(proposalEvents.id)
    .all()
    .filter(isDecision)
    .map((event) => {
      const words = eventWordsIn(event.type as ProposalEventType, t);
      return {
        at: formatBrusselsIn(language, event.at),
        what: t("printout.decisionLine", { who: t("proposalPage.historyActor.team"), what: words.history }),
        outcome: stateLabelOf(event.toState, t),
        // Only the texts the catalogue marks as the applicants'; internal reasons stay out.
        texts: words.shared.flatMap(({ key, label }) => {
          const text = event.payload[key];
          return typeof text === "string" && text.trim() !== "" ? [{ label, text }] : [];
        }),
      };
    });

  const answers = proposalAnswers(version.content);
  const submitted = {
    number: version.number,
    at: formatBrusselsIn(language, version.createdAt),
    day: formatBrusselsDayIn(language, version.createdAt),
    title: version.title,
    answers,
    answersInWords: answersInWords(answers, language, t),
  };
  const named = [lead, ...partners].map((institution) => country(institution.countryCode));
  return {
    id: proposalId,
    reference: head.reference,
    round: { title: head.roundTitle, code: head.roundCode },
    stage: stateLabelOf(head.state, t),
    submitted,
    lead: { name: lead.name, country: country(lead.countryCode) },
    partners: partners.map((partner) => ({
      ...partner,
      country: country(partner.countryCode),
      status: PARTNER_STATUS_WORDS[partner.status] ? t(PARTNER_STATUS_WORDS[partner.status]!) : partner.status,
    })),
    attachments: files.map((file) => ({ id: file.id, name: file.name, size: t("printout.kilobytes", { size: formatNumberIn(language, Math.max(1, Math.round(file.sizeBytes / 1024))) }) })),
    decisions,
    namesKosovo:
      named.some((c) => c.needsFootnote) ||
      mentionsKosovo(JSON.stringify(version.content)) ||
      mentionsKosovo(version.title) ||
      decisions.some((d) => mentionsKosovo(JSON.stringify(d.texts))),
  };
}

export type ProposalPrint = NonNullable<ReturnType<typeof proposalPrintOf>>;

/** The events the TAF team sends, as the catalogue says: only these can be its decisions. */
const TEAM_EVENTS = Object.entries(PROPOSAL_EVENTS).flatMap(([type, words]) => (words.by === "administrator" ? [type] : []));

/**
 * A step of the TAF team's the applicants were told of as a decision: one with a text for them
 * (a reason, a question, feedback) or one that moved the proposal to another stage or ended it.
 * Steps inside a stage (re-running the check, closing the review) are the team's own work.
 */
function isDecision(event: { fromState: string; toState: string; type: string }) {
  const words = PROPOSAL_EVENTS[event.type as keyof typeof PROPOSAL_EVENTS];
  const stageOf = (path: string) => path.split(".")[0];
  return words.shared.length > 0 || stageOf(event.fromState) !== stageOf(event.toState) || isFinal(event.toState);
}
