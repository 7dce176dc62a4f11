import { and, desc, eq } from "drizzle-orm";
import { countries, institutions, proposalEvents, proposalPartners, proposals, rounds } from "../../db/schema";
import { countryLabel, WB6_COUNTRIES } from "../../workflows/countries";
import type { PageLanguage } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
import type { Translate } from "../../workflows/words";
import type { Actor } from "../../workflows/actors";
import { applies, countInWords, graceEndsAt, jointCountries, jointRuleOf, windowPosition } from "../../workflows/eligibility";
import type { ProposalContent } from "../../workflows/proposal-content";
import { missingProposalParts, PROPOSAL_PARTS } from "../../workflows/proposal-content";
import type { ProposalEvent, RoundFacts } from "../../workflows/proposal.machine";
import { allowedEvents, stepProposal } from "../../workflows/proposal.machine";
import { messageIn } from "../../workflows/machine-kit";
import type { SessionUser } from "../auth/session.server";
import { db } from "../db.server";
import { storageRefusal } from "../storage-faults.server";
import { applicantInstitutions } from "../permissions.server";
import { answersInWords } from "./answers-in-words.server";
import type { ProposalCommand, ProposalOutcome } from "./workflow.server";
import { applyProposalCommand, createProposal } from "./workflow.server";
import { draftRulesOfRound, roundSettings } from "../rounds/workflow.server";
import { roundCriteria, submissionRoundFacts } from "../rounds/eligibility.server";
import type { DraftValues } from "./content-schema";
import { draftProblems, fieldOfPart, overLimitParts } from "./content-schema";
import { partAnchor, partLabelKey } from "./draft-parts";
import { proposalAnswers, proposalDocuments } from "./documents.server";
import type { Participation } from "./participation.server";
import { leadActor } from "../auth/actors.server";

// Drafting a proposal: starting it in a round, saving what the lead writes, and the preview
// before submission with every blocker. State changes go through applyProposalCommand only;
// saving the content is not a state change, so it writes no history and leaves `version` alone,
// but it is guarded by `updatedAt` so that two people editing never silently overwrite each other.

type RoundRow = typeof rounds.$inferSelect;

export type RoundView = RoundFacts & { id: number; code: string; title: string; description: string };

function roundView(round: RoundRow): RoundView {
  return {
    id: round.id,
    code: round.code,
    title: round.title,
    description: round.description,
    mode: round.mode,
    state: round.state,
    opensAt: round.opensAt.toISOString(),
    closesAt: round.closesAt?.toISOString() ?? null,
  };
}

type RoundRefusal = "notOpenYet" | "closed" | "deadlinePassed";

/** Why no proposal can be started or submitted in this round now; null when it can. */
function roundRefusalOf(round: RoundRow, now: Date): RoundRefusal | null {
  const window = { opensAt: round.opensAt.toISOString(), closesAt: round.closesAt?.toISOString() ?? null };
  const position = windowPosition(window, now.toISOString());
  if (round.state === "planned" || position === "notYetOpen") return "notOpenYet";
  if (round.state !== "open") return "closed";
  if (position === "closed") return "deadlinePassed";
  return null;
}

/** The same in words, in the page's language; null when the round takes proposals now. */
function roundRefusal(round: RoundRow, now: Date, t: Translate, language: PageLanguage): string | null {
  switch (roundRefusalOf(round, now)) {
    case "notOpenYet":
      return t("newProposal.refusal.notOpenYet", { round: round.title, date: formatBrusselsIn(language, round.opensAt) });
    case "closed":
      return t("newProposal.refusal.closed", { round: round.title });
    case "deadlinePassed":
      return t("newProposal.refusal.deadlinePassed", { round: round.title, date: formatBrusselsIn(language, round.closesAt!) });
    case null:
      return null;
  }
}

/** The rounds a new proposal can be started in: open, and inside their window. */
export function roundsOpenForDrafts(now: Date): RoundView[] {
  return db()
    .select()
    .from(rounds)
    .where(eq(rounds.state, "open"))
    .orderBy(rounds.opensAt)
    .all()
    .filter((round) => roundRefusalOf(round, now) === null)
    .map(roundView);
}

/** The institutions a person may start a proposal for: those they are an applicant of. */
export function leadChoices(user: SessionUser, t: Translate) {
  // The country's name in the page's language, without Kosovo's asterisk: CountryName adds it.
  const nameOf = (code: string | null, stored: string | null) => {
    const key = WB6_COUNTRIES.find((country) => country.code === code)?.key;
    return key ? t(key) : (stored ?? "");
  };
  return user.memberships.flatMap((m) =>
    m.role === "applicant" && m.institutionId !== null
      ? [{ id: m.institutionId, name: m.institutionName ?? "", country: { name: nameOf(m.countryCode, m.countryName), needsFootnote: m.countryNeedsFootnote } }]
      : [],
  );
}

type FieldErrors = Record<string, string[]>;

export type StartOutcome = { ok: true; proposalId: number } | { ok: false; fieldErrors: FieldErrors };

/** Starts a draft in an open round, led by one of the person's institutions. */
export function startDraft(
  user: SessionUser,
  input: { roundId: number; institutionId: number; title: string },
  t: Translate,
  language: PageLanguage,
  now = new Date(),
): StartOutcome {
  if (!applicantInstitutions(user).includes(input.institutionId)) {
    return { ok: false, fieldErrors: { institutionId: [t("newProposal.error.notYourInstitution")] } };
  }
  return db().transaction(
    (tx): StartOutcome => {
      const round = tx.select().from(rounds).where(eq(rounds.id, input.roundId)).get();
      if (!round) return { ok: false, fieldErrors: { roundId: [t("newProposal.error.noSuchRound")] } };
      const refusal = roundRefusal(round, now, t, language);
      if (refusal) return { ok: false, fieldErrors: { roundId: [t("newProposal.error.chooseOpen", { refusal })] } };
      const lead = tx.select({ name: institutions.name, active: institutions.active }).from(institutions).where(eq(institutions.id, input.institutionId)).get();
      if (!lead?.active) {
        const inactive = lead ? t("newProposal.error.inactive", { institution: lead.name }) : t("newProposal.error.inactiveUnknown");
        return { ok: false, fieldErrors: { institutionId: [inactive] } };
      }
      const proposal = createProposal(tx, { roundId: round.id, leadInstitutionId: input.institutionId, createdBy: leadActor(user, { leadInstitutionId: input.institutionId }), title: input.title, now });
      return { ok: true, proposalId: proposal.id };
    },
    { behavior: "immediate" },
  );
}

function proposalWithRound(proposalId: number) {
  return db()
    .select({ proposal: proposals, round: rounds, leadName: institutions.name, leadCountryCode: institutions.countryCode })
    .from(proposals)
    .innerJoin(rounds, eq(rounds.id, proposals.roundId))
    .innerJoin(institutions, eq(institutions.id, proposals.leadInstitutionId))
    .where(eq(proposals.id, proposalId))
    .get()!;
}

/** The open clarification request the lead is answering, if the statechart expects an answer. */
function clarificationOf(user: SessionUser, participation: Participation, clarificationDueAt: Date | null) {
  if (!allowedEvents(participation.snapshot, leadActor(user, participation)).includes("RESPOND")) return null;
  const request = db()
    .select({ payload: proposalEvents.payload })
    .from(proposalEvents)
    .where(and(eq(proposalEvents.proposalId, participation.proposalId), eq(proposalEvents.type, "REQUEST_CLARIFICATION")))
    .orderBy(desc(proposalEvents.id))
    .get();
  return {
    question: typeof request?.payload.question === "string" ? request.payload.question : "",
    dueAt: clarificationDueAt?.toISOString() ?? null,
  };
}

/** The limits of the round a proposal belongs to: the form's schema is built from them. */
export function limitsOfProposal(proposalId: number) {
  const round = db().select({ code: rounds.code, settings: rounds.settings }).from(proposals).innerJoin(rounds, eq(rounds.id, proposals.roundId)).where(eq(proposals.id, proposalId)).get()!;
  return roundSettings(round).limits;
}

/** What the edit page needs: the values to start from, the revision they are, and the round. */
export function draftForEditing(user: SessionUser, participation: Participation, t: Translate, language: PageLanguage, now = new Date()) {
  const { proposal, round, leadName } = proposalWithRound(participation.proposalId);
  const values = { title: proposal.title, ...proposalAnswers(proposal.content) };
  const limits = roundSettings(round).limits;
  return {
    id: proposal.id,
    reference: proposal.reference,
    title: proposal.title,
    values,
    // What the saved draft breaks of the round's rules, shown beside the fields until fixed.
    problems: draftProblems(limits, values, draftRulesOfRound(round), t),
    revision: proposal.updatedAt.getTime(),
    lastSaved: formatBrusselsIn(language, proposal.updatedAt),
    round: roundView(round),
    limits,
    leadName,
    clarification: clarificationOf(user, participation, proposal.clarificationDueAt),
    now: now.toISOString(),
  };
}

// A catalogue key: the edit page says it in its language.
const SAVE_CONFLICT_MESSAGE = "editProposal.conflict";

/** `retry`: the storage refused the write (busy or full), not another person's save: sending it again may work. */
export type SaveOutcome = { ok: true; revision: number; savedAt: Date } | { ok: false; message: string; retry?: true };

/**
 * Saves the draft's title and content if nobody saved since the revision the form was loaded
 * with (the `updatedAt` it showed); otherwise refuses, and nothing is written.
 */
export function saveDraft(input: { proposalId: number; basedOn: number; values: DraftValues; now?: Date }): SaveOutcome {
  const now = input.now ?? new Date();
  try {
    return writeDraft(input, now);
  } catch (error) {
    return { ok: false, message: storageRefusal(error), retry: true };
  }
}

function writeDraft(input: Parameters<typeof saveDraft>[0], now: Date): SaveOutcome {
  return db().transaction(
    (tx): SaveOutcome => {
      const row = tx.select({ content: proposals.content, updatedAt: proposals.updatedAt }).from(proposals).where(eq(proposals.id, input.proposalId)).get();
      if (!row || row.updatedAt.getTime() !== input.basedOn) return { ok: false, message: SAVE_CONFLICT_MESSAGE };
      // Strictly later than the revision it replaces, so two saves in the same millisecond still differ.
      const savedAt = new Date(Math.max(now.getTime(), row.updatedAt.getTime() + 1));
      const { title, ...parts } = input.values;
      tx.update(proposals)
        .set({ title: title ?? "", content: mergedContent(row.content, parts), updatedAt: savedAt })
        .where(eq(proposals.id, input.proposalId))
        .run();
      return { ok: true, revision: savedAt.getTime(), savedAt };
    },
    { behavior: "immediate" },
  );
}

/** The form's parts replace the stored ones; blank answers are left out; other keys (if any) stay. */
function mergedContent(stored: ProposalContent, parts: Omit<DraftValues, "title">): ProposalContent {
  const content: ProposalContent = Object.fromEntries(Object.entries(stored).filter(([key]) => !PROPOSAL_PARTS.some((part) => part.key === key)));
  for (const [key, value] of Object.entries(parts)) {
    if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    content[key] = value;
  }
  return content;
}

// ---------------------------------------------------------------------------------------------
// Preview and submission

export type Blocker = { text: string; fix: { href: string; label: string } | null };

type CountryView = { name: string; needsFootnote: boolean };

/**
 * Everything the preview shows, and what stands between the draft and its submission. The
 * statechart decides: the full SUBMIT event, with the same facts the server will give it, is
 * tried on the stored snapshot (a pure step, nothing is written). The blockers explain its
 * verdict from those facts, each with where to fix it.
 */
export function submissionPreview(user: SessionUser, participation: Participation, t: Translate, language: PageLanguage, now = new Date()) {
  const { proposal, round, leadName, leadCountryCode } = proposalWithRound(participation.proposalId);
  const partners = db()
    .select({
      institutionId: proposalPartners.institutionId,
      name: institutions.name,
      countryCode: institutions.countryCode,
      status: proposalPartners.status,
      statement: proposalPartners.statement,
    })
    .from(proposalPartners)
    .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
    .where(eq(proposalPartners.proposalId, proposal.id))
    .orderBy(institutions.countryCode, institutions.name)
    .all();
  const countryRows = db().select().from(countries).all();
  const country = (code: string): CountryView => {
    const row = countryRows.find((c) => c.code === code);
    const key = WB6_COUNTRIES.find((c) => c.code === code)?.key;
    return { name: key ? t(key) : (row?.name ?? code), needsFootnote: row?.needsDesignationFootnote ?? false };
  };
  const inWords = (code: string) => countryLabel(country(code).name, country(code).needsFootnote);
  const list = (items: readonly string[]) => (items.length <= 1 ? items.join("") : t("submitPage.list", { items: items.slice(0, -1).join(", "), last: items.at(-1) }));
  const partLabelOf = (field: string) => t(partLabelKey(field));
  const fixAt = (field: string, key: string) => ({ href: `/proposals/${proposal.id}/edit#${partAnchor(field)}`, label: t(key, { part: partLabelOf(field) }) });

  const actor = leadActor(user, participation);
  const clarification = clarificationOf(user, participation, proposal.clarificationDueAt);
  const { answers, unreadable } = proposalDocuments(proposal.content);
  const missingParts = missingProposalParts(proposal.title, answers);
  const problems = draftProblems(roundSettings(round).limits, { title: proposal.title, ...answers }, draftRulesOfRound(round), t);
  const joint = jointCountries(leadCountryCode, partners);
  const invited = partners.filter((p) => p.status === "invited");
  const partnersLink = `/proposals/${proposal.id}/partners`;

  const blockers: Blocker[] = [];
  const warnings: Blocker[] = [];
  let canSubmit = false;
  const roundFacts: RoundFacts = submissionRoundFacts(round);
  const minimumCountries = roundFacts.minimumCountries!;
  if (!clarification) {
    const event: ProposalEvent = {
      type: "SUBMIT",
      actor,
      now: now.toISOString(),
      round: roundFacts,
      leadCountryCode,
      partners: partners.map(({ institutionId, countryCode, status }) => ({ institutionId, countryCode, status })),
      missingParts,
      overLimitParts: overLimitParts(roundSettings(round).limits, { title: proposal.title, ...answers }, draftRulesOfRound(round)),
    };
    const verdict = stepProposal(participation.snapshot, event);
    canSubmit = verdict.accepted;
    if (!verdict.accepted) {
      const roundProblem = roundRefusal(round, now, t, language);
      if (roundProblem) {
        const later = round.state === "planned" || windowPosition(roundFacts, event.now) === "notYetOpen";
        blockers.push({ text: roundProblem, fix: later ? null : { href: "/proposals/new", label: t("submitPage.fix.startElsewhere") } });
      }
      const invitedInWords = list(invited.map((p) => `${p.name} (${inWords(p.countryCode)})`));
      if (applies(roundFacts, "joint") && joint.length < minimumCountries) {
        // English names the number in words, as the Guide does; the other languages write the digit.
        const countries = language === "en" ? countInWords(minimumCountries, t) : String(minimumCountries);
        const parts = [
          t("submitPage.blocker.notJoint", { count: minimumCountries, countries }),
          joint.length ? t("submitPage.blocker.soFar", { countries: list(joint.map(inWords)) }) : "",
          invited.length ? t("submitPage.blocker.invitedNotConfirmed", { partners: invitedInWords }) : "",
        ];
        blockers.push({
          text: parts.filter(Boolean).join(" "),
          fix: { href: partnersLink, label: invited.length ? t("submitPage.fix.seePartners") : t("submitPage.fix.invitePartner") },
        });
      } else if (applies(roundFacts, "complete") && invited.length > 0) {
        blockers.push({
          text: t("submitPage.blocker.notAnswered", { count: invited.length, partners: invitedInWords }),
          fix: { href: partnersLink, label: t("submitPage.fix.seeOrRemovePartners") },
        });
      }
      for (const label of applies(roundFacts, "complete") ? missingParts : []) {
        const field = fieldOfPart(label);
        blockers.push({
          text: t("submitPage.blocker.missing", { part: field ? partLabelOf(field) : label }),
          fix: field ? fixAt(field, "submitPage.fix.answer") : null,
        });
      }
      for (const [field, messages] of Object.entries(problems)) {
        blockers.push({ text: t("submitPage.blocker.problem", { part: partLabelOf(field), problems: messages.join(" ") }), fix: fixAt(field, "submitPage.fix.correct") });
      }
      // A rule these facts do not explain still gets its say, in the statechart's words.
      if (blockers.length === 0) blockers.push({ text: messageIn(verdict.refusal, t, language), fix: null });
    } else if (windowPosition(roundFacts, event.now) === "grace") {
      warnings.push({
        text: t("submitPage.warning.grace", { deadline: formatBrusselsIn(language, round.closesAt!), graceEnds: formatBrusselsIn(language, new Date(graceEndsAt(roundFacts)!)) }),
        fix: null,
      });
    }
  }
  for (const problem of unreadable.filter((p) => p.document === "answers")) {
    const field = problem.field.split(".")[0]!;
    warnings.push({
      text: t("submitPage.warning.unreadable", { part: partLabelOf(field), problem: t(problem.message, { defaultValue: problem.message }) }),
      fix: fixAt(field, "submitPage.fix.check"),
    });
  }
  for (const [field, messages] of clarification ? Object.entries(problems) : []) {
    warnings.push({ text: t("submitPage.warning.problem", { part: partLabelOf(field), problems: messages.join(" ") }), fix: fixAt(field, "submitPage.fix.correct") });
  }
  if (clarification && missingParts.length > 0) {
    const empty = missingParts.map((label) => {
      const field = fieldOfPart(label);
      return field ? partLabelOf(field) : label;
    });
    warnings.push({ text: t("submitPage.warning.empty", { parts: list(empty) }), fix: { href: `/proposals/${proposal.id}/edit`, label: t("submitPage.fix.edit") } });
  }

  return {
    id: proposal.id,
    reference: proposal.reference,
    title: proposal.title,
    content: answers,
    answersInWords: answersInWords(answers, language, t),
    version: proposal.version,
    revision: proposal.updatedAt.getTime(),
    round: roundView(round),
    now: now.toISOString(),
    lead: { name: leadName, country: country(leadCountryCode) },
    partners: partners.map((p) => ({ ...p, country: country(p.countryCode) })),
    jointCountries: joint.map(country),
    isJoint: joint.length >= minimumCountries,
    minimumCountries,
    jointRule: jointRuleOf(roundFacts),
    // What the TAF team checks, in the round's words, so the applicants read it before they send.
    criteria: roundCriteria(round, t),
    step: clarification ? ("respond" as const) : ("submit" as const),
    clarification,
    canSubmit,
    blockers,
    warnings,
  };
}

// Catalogue keys: the preview says them in its language.
const PREVIEW_CONFLICT_MESSAGE = "submitPage.conflict";

/**
 * Submits or resubmits (SUBMIT or RESPOND) what the preview showed: refused as a conflict when
 * the content was saved since the page was loaded (`basedOn`) or the state moved on
 * (`expectedVersion`); otherwise the statechart decides, in the same transaction.
 */
export function sendProposal(input: {
  proposalId: number;
  expectedVersion: number;
  basedOn: number;
  actor: Actor;
  command: Extract<ProposalCommand, { type: "SUBMIT" } | { type: "RESPOND" }>;
  now?: Date;
}): ProposalOutcome {
  return db().transaction(
    (tx): ProposalOutcome => {
      const row = tx.select({ updatedAt: proposals.updatedAt }).from(proposals).where(eq(proposals.id, input.proposalId)).get();
      if (!row) return { ok: false, problem: "notFound", message: "submitPage.notFound" };
      if (row.updatedAt.getTime() !== input.basedOn) return { ok: false, problem: "conflict", message: PREVIEW_CONFLICT_MESSAGE };
      return applyProposalCommand(
        { proposalId: input.proposalId, expectedVersion: input.expectedVersion, actor: input.actor, command: input.command, now: input.now },
        tx,
      );
    },
    { behavior: "immediate" },
  );
}
