import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { TFunction } from "i18next";
import { countries, eligibilityChecks, institutions, proposalPartners, proposals, rounds } from "../../db/schema";
import type { CriterionResult, EligibilityOutcome } from "../../workflows/eligibility";
import { criterionResultIn } from "../../workflows/eligibility";
import type { PageLanguage } from "../../workflows/languages";
import type { CriterionOverride, ProposalCommand } from "../../workflows/proposal-events";
import { stageLabelFor, statesAccepting } from "../../workflows/proposal-stages";
import { formatBrusselsIn, fromBrusselsTime } from "../../workflows/time";
import { administratorActor } from "../auth/actors.server";
import type { SessionUser } from "../auth/session.server";
import { db } from "../db.server";
import type { PageRequest } from "../pagination.server";
import { readPage } from "../pagination.server";
import { seesEveryProposal, visibleProposals } from "../permissions.server";
import { proposalTally } from "../tallies.server";
import { applyProposalCommand } from "../proposals/workflow.server";
import type { DeskEntry } from "./desk";
import { overrideField } from "./desk";
import type { DeskForm, DeskIntent } from "./desk-schema";
import { eligibilityResultsIn } from "./results.server";
import { languageOf } from "../../workflows/words";
import { deskFormSchema } from "./desk-schema";

// The eligibility desk: every proposal waiting for the TAF team's eligibility decision, oldest
// submission first, with its latest automatic check, and the decisions taken from beside it.
// Each decision is a statechart event sent through applyProposalCommand.

/** The latest clarification due date the desk accepts: the proposal page offers at most 60 days too. */
const MAX_DAYS_TO_ANSWER = 60;
const DAY_MS = 24 * 60 * 60 * 1000;

const leadCountry = alias(countries, "lead_country");
const partnerCountry = alias(countries, "partner_country");

/** The latest automatic check of the proposal in the row: the one row of eligibility_checks that joins. */
const latestCheck = sql`${eligibilityChecks.id} = (select max(c.id) from ${eligibilityChecks} c where c.proposal_id = ${proposals.id})`;

/**
 * One page of the queue in one statement, read in the order of the index on the state and the
 * time of submission and stopping at the page, the confirmed partners of its proposals in one
 * more; the queue's length is kept by writes (eligibilityQueueSize).
 */
export function eligibilityQueue(user: SessionUser, request: PageRequest, { t, language }: { t: TFunction; language: PageLanguage }) {
  const page = readPage(request, (offset, limit) => {
    const rows = db()
      .select({
        id: proposals.id,
        version: proposals.version,
        reference: proposals.reference,
        title: proposals.title,
        submittedAt: proposals.submittedAt,
        roundCode: rounds.code,
        leadName: institutions.name,
        leadCountry: { name: leadCountry.name, needsFootnote: leadCountry.needsDesignationFootnote },
        checkedAt: eligibilityChecks.at,
        overall: eligibilityChecks.overall,
        results: eligibilityChecks.results,
      })
      .from(proposals)
      .innerJoin(rounds, eq(rounds.id, proposals.roundId))
      .innerJoin(institutions, eq(institutions.id, proposals.leadInstitutionId))
      .innerJoin(leadCountry, eq(leadCountry.code, institutions.countryCode))
      .leftJoin(eligibilityChecks, latestCheck)
      .where(and(visibleProposals(user, "administrator"), inArray(proposals.state, statesAccepting("CONFIRM_ELIGIBLE"))))
      .orderBy(asc(proposals.submittedAt), asc(proposals.id))
      .limit(limit)
      .offset(offset)
      .all();
    return { rows, total: eligibilityQueueSize(user) };
  });
  const partners = confirmedPartnersOf(page.rows.map((row) => row.id));
  return {
    pages: page.pages,
    rows: page.rows.map(
      (row): DeskEntry => ({
        id: row.id,
        version: row.version,
        reference: row.reference,
        title: row.title || t("eligibilityDesk.untitled"),
        roundCode: row.roundCode,
        lead: { name: row.leadName, country: row.leadCountry },
        partners: partners.filter((partner) => partner.proposalId === row.id).map(({ name, country }) => ({ name, country })),
        submitted: row.submittedAt ? formatBrusselsIn(language, row.submittedAt) : "",
        checked: row.checkedAt ? formatBrusselsIn(language, row.checkedAt) : null,
        overall: (row.overall as EligibilityOutcome | null) ?? null,
        results: eligibilityResultsIn((row.results ?? []) as CriterionResult[], t),
      }),
    ),
  };
}

/** How many proposals wait for an eligibility decision: the figure on the administrators' home. */
export function eligibilityQueueSize(user: SessionUser) {
  // The desk is the TAF team's: its size is kept by writes (app/tallies.server.ts).
  return seesEveryProposal(user, "administrator") ? proposalTally({ states: statesAccepting("CONFIRM_ELIGIBLE") }) : 0;
}

function confirmedPartnersOf(proposalIds: number[]) {
  if (proposalIds.length === 0) return [];
  return db()
    .select({
      proposalId: proposalPartners.proposalId,
      name: institutions.name,
      country: { name: partnerCountry.name, needsFootnote: partnerCountry.needsDesignationFootnote },
    })
    .from(proposalPartners)
    .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
    .innerJoin(partnerCountry, eq(partnerCountry.code, institutions.countryCode))
    .where(and(inArray(proposalPartners.proposalId, proposalIds), eq(proposalPartners.status, "confirmed")))
    .orderBy(asc(partnerCountry.sortOrder), asc(institutions.name))
    .all();
}

/** What the desk answers a form with: beside the form that sent it, with the typed text kept on a refusal. */
export type DeskReply = {
  proposalId: number | null;
  intent: string;
  values: Record<string, string>;
  fieldErrors: Record<string, string[]>;
  formError: string | null;
  done: string | null;
};

/** Acts on a desk form, answering in the page's words (`t`). */
export function actOnDesk(user: SessionUser, form: Record<string, string>, t: TFunction): DeskReply {
  const proposalId = Number(form.proposalId) || null;
  const reply = (partial: Partial<DeskReply>): DeskReply => ({ proposalId, intent: form.intent ?? "", values: form, fieldErrors: {}, formError: null, done: null, ...partial });
  const parsed = deskFormSchema.safeParse(form);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const [field, criterion] = issue.path.map(String);
      (fieldErrors[field === "overrides" ? overrideField(criterion ?? "") : (field ?? "")] ??= []).push(t(issue.message, { defaultValue: issue.message }));
    }
    const formError = fieldErrors.intent || fieldErrors[""] || fieldErrors.proposalId || fieldErrors.version ? Object.values(fieldErrors).flat()[0]! : null;
    return reply({ fieldErrors, formError });
  }
  const command = commandOf(parsed.data, t);
  if ("fieldErrors" in command) return reply({ fieldErrors: command.fieldErrors });
  const outcome = applyProposalCommand({ proposalId: parsed.data.proposalId, expectedVersion: parsed.data.version, actor: administratorActor(user), command, words: { t, language: languageOf(t) } });
  if (!outcome.ok) return reply({ formError: t(outcome.message, { defaultValue: outcome.message }) });
  return reply({ values: {}, done: t("eligibilityDesk.done", { done: t(DONE_WORDS[parsed.data.intent]), state: stageLabelFor(outcome.state, "tafTeam", t) }) });
}

const DONE_WORDS: Record<DeskIntent, string> = {
  confirm: "eligibilityDesk.doneConfirm",
  ineligible: "eligibilityDesk.doneIneligible",
  clarify: "eligibilityDesk.doneClarify",
  recheck: "eligibilityDesk.doneRecheck",
};

type CommandOrErrors = ProposalCommand | { fieldErrors: Record<string, string[]> };

function commandOf(form: DeskForm, t: TFunction): CommandOrErrors {
  switch (form.intent) {
    case "confirm":
      return confirmation(form.proposalId, form.overrides, t);
    case "ineligible":
      return { type: "DECLARE_INELIGIBLE", reason: form.reason };
    case "clarify": {
      // Due at the end of the chosen day in Brussels, where the TAF team sets its times.
      const due = fromBrusselsTime(`${form.dueOn}T23:59`);
      if (!due.ok) return { fieldErrors: { dueOn: [t("eligibilityDesk.error.noSuchDay")] } };
      if (due.instant.getTime() > Date.now() + MAX_DAYS_TO_ANSWER * DAY_MS) {
        return { fieldErrors: { dueOn: [t("eligibilityDesk.error.tooLate", { count: MAX_DAYS_TO_ANSWER })] } };
      }
      return { type: "REQUEST_CLARIFICATION", question: form.question, dueAt: due.instant };
    }
    case "recheck":
      return { type: "RECHECK" };
  }
}

/**
 * Confirming overrides every criterion the latest automatic check did not pass, each with its
 * own reason; the reasons are kept in the history, criterion by criterion.
 */
function confirmation(proposalId: number, reasons: Record<string, string>, t: TFunction): CommandOrErrors {
  const check = db()
    .select({ results: eligibilityChecks.results })
    .from(eligibilityChecks)
    .where(eq(eligibilityChecks.proposalId, proposalId))
    .orderBy(sql`${eligibilityChecks.id} desc`)
    .get();
  const overridden = ((check?.results ?? []) as CriterionResult[]).filter((result) => result.outcome !== "passed");
  const fieldErrors: Record<string, string[]> = {};
  const overrides: CriterionOverride[] = [];
  for (const result of overridden) {
    const reason = reasons[result.id] ?? "";
    if (reason === "") fieldErrors[overrideField(result.id)] = [t(result.outcome === "failed" ? "eligibilityDesk.error.whyFailed" : "eligibilityDesk.error.whyLeft", { criterion: criterionResultIn(result, t, (part) => part).label })];
    else overrides.push({ criterion: result.id, label: result.label, reason });
  }
  if (Object.keys(fieldErrors).length > 0) return { fieldErrors };
  return { type: "CONFIRM_ELIGIBLE", reason: overrides.map((override) => `${override.label}: ${override.reason}`).join("\n"), overrides };
}
