import type { Tx } from "../../db/client";
import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import { institutions, proposalEvents, proposals, proposalVersions } from "../../db/schema";
import type { TFunction } from "i18next";
import type { PageLanguage } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
import type { Actor } from "../../workflows/actors";
import type { CountryCode } from "../../workflows/countries";
import { WB6_COUNTRIES } from "../../workflows/countries";
import type { ProposalStatePath } from "../../workflows/proposal-stages";
import { stageLabelFor, statesWithin } from "../../workflows/proposal-stages";
import type { SessionUser } from "../auth/session.server";
import { db } from "../db.server";
import { canOnProposal, stageAudienceOf } from "../permissions.server";
import type { ProposalCommand } from "./workflow.server";
import { CONFLICT, applyProposalCommand } from "./workflow.server";
import { revisionRequests } from "./revision-requests.server";
import type { ConceptNoteForm, InstitutionChoice } from "./concept-note-schema";
import { isFilled } from "./concept-note-schema";
import type { ConceptNote } from "./documents.server";
import { DOCUMENT_KEYS, proposalDocuments } from "./documents.server";
import type { Participation } from "./participation.server";

// The concept note of a promising proposal: read (documents.server.ts) from the working content
// or from a frozen `proposal_versions` row of kind "conceptNote", and written by
// the lead while the statechart lets it submit one. Submitting is the statechart's event.
// What the implementation page shares with it (how far a proposal got, saving parts of the
// content and submitting them in one go) lives here too.

function budgetTotal(lines: { amountEur: number | null }[]) {
  return lines.reduce((sum, line) => sum + (line.amountEur ?? 0), 0);
}

/** Whether the proposal's history ever entered a stage (e.g. "conceptualWork"). */
export function hasReached(proposalId: number, stage: ProposalStatePath) {
  return (
    db()
      .select({ id: proposalEvents.id })
      .from(proposalEvents)
      .where(and(eq(proposalEvents.proposalId, proposalId), inArray(proposalEvents.toState, statesWithin(stage))))
      .limit(1)
      .get() !== undefined
  );
}

/** What the concept note page shows; a 404 for a proposal that never reached conceptual work. */
export function conceptNotePage(participation: Participation, user: SessionUser, t: TFunction, language: PageLanguage) {
  const proposalId = participation.proposalId;
  if (!hasReached(proposalId, "conceptualWork")) {
    throw new Response(t("conceptNotePage.notFound"), { status: 404 });
  }
  const row = db()
    .select({ title: proposals.title, reference: proposals.reference, state: proposals.state, version: proposals.version, content: proposals.content })
    .from(proposals)
    .where(eq(proposals.id, proposalId))
    .get()!;
  const documents = proposalDocuments(row.content);
  const note = documents.conceptNote;
  const revisions = revisionRequests(proposalId, "SUBMIT_CONCEPT", db(), language);
  const submissions = db()
    .select({ number: proposalVersions.number, createdAt: proposalVersions.createdAt })
    .from(proposalVersions)
    .where(and(eq(proposalVersions.proposalId, proposalId), eq(proposalVersions.kind, "conceptNote")))
    .orderBy(asc(proposalVersions.number))
    .all()
    .map((v) => ({ number: v.number, at: formatBrusselsIn(language, new Date(v.createdAt)) }));
  return {
    id: proposalId,
    title: row.title,
    reference: row.reference,
    state: row.state,
    stateLabel: stageLabelFor(row.state, stageAudienceOf(user), t),
    version: row.version,
    canEdit: canOnProposal(user, "editConceptNote", participation),
    inImplementation: hasReached(proposalId, "implementation"),
    note,
    total: budgetTotal(note.budgetLines),
    countries: participatingCountries(participation, note),
    institutionChoices: institutionChoices(participation),
    revisions,
    // Answers are the lead's: "your answer" to its applicants, named for everyone else.
    /** The TAF team reads its own requests for changes as theirs: "You asked…". */
    forTafTeam: stageAudienceOf(user) === "tafTeam",
    ofLead: user.memberships.some((m) => m.role === "applicant" && m.institutionId === participation.leadInstitutionId),
    // The lead's saved draft of the answer; it is cleared once sent, so it belongs to the open request.
    draftAnswer: revisions.openRequest ? documents.conceptAnswer : null,
    submissions,
  };
}

/**
 * The countries an activity's institutions are named for: those of the lead and partners, and
 * any a saved activity already names; each with the proposal's institutions there, as a hint.
 */
function participatingCountries(participation: Participation, note: ConceptNote) {
  const named = note.activities.flatMap((a) => Object.keys(a.institutions));
  const codes = new Set([...participation.countryCodes, ...named]);
  const proposalInstitutions = db()
    .select({ name: institutions.name, countryCode: institutions.countryCode })
    .from(institutions)
    .where(inArray(institutions.id, [participation.leadInstitutionId, ...participation.partnerInstitutionIds]))
    .all();
  return WB6_COUNTRIES.filter((c) => codes.has(c.code)).map((c) => ({
    code: c.code,
    name: c.name,
    needsFootnote: c.needsFootnote,
    institutions: proposalInstitutions.filter((i) => i.countryCode === c.code).map((i) => i.name),
  }));
}

/** The institutions an activity can name: the lead, then the confirmed partners, by country and name. */
export function institutionChoices(participation: Participation): InstitutionChoice[] {
  const rows = db()
    .select({ id: institutions.id, name: institutions.name, countryCode: institutions.countryCode })
    .from(institutions)
    .where(inArray(institutions.id, [participation.leadInstitutionId, ...participation.partnerInstitutionIds]))
    .orderBy(asc(institutions.countryCode), asc(institutions.name))
    .all();
  const lead = rows.filter((row) => row.id === participation.leadInstitutionId);
  return [...lead, ...rows.filter((row) => row.id !== participation.leadInstitutionId)].map((row) => ({ ...row, countryCode: row.countryCode as CountryCode }));
}

/** The names an activity stores for a country, as the lead once typed them ("A; B"). */
function namesIn(stored: string | undefined) {
  return (stored ?? "").split(";").map((name) => name.trim()).filter(Boolean);
}

/** Whether this institution is among those an activity names. */
function named(institutions: Partial<Record<CountryCode, string>>, choice: InstitutionChoice) {
  return namesIn(institutions[choice.countryCode]).includes(choice.name);
}

/**
 * Names an activity holds that are none of the institutions the form offers (a partner who left,
 * or a name typed before the form offered ticks): shown beside the ticks, as saving leaves them out.
 */
export function namesNotOffered(note: ConceptNote, choices: InstitutionChoice[]): Record<string, string[]> {
  return Object.fromEntries(
    note.activities.map((a) => [
      a.key,
      Object.entries(a.institutions).flatMap(([code, names]) =>
        namesIn(names).filter((name) => !choices.some((c) => c.countryCode === code && c.name === name)),
      ),
    ]),
  );
}

/** Whether the lead's next submission answers a revision request still open. */
export function answeringRevisionRequest(proposalId: number) {
  return revisionRequests(proposalId, "SUBMIT_CONCEPT").openRequest !== null;
}

/**
 * The form's values to start from: the saved note, or one empty activity and budget line to
 * fill, and the saved draft of the answer when a revision request is open.
 */
export function conceptNoteFormValues(note: ConceptNote, version: number, draftAnswer: string | null, choices: InstitutionChoice[]) {
  return {
    intent: "save",
    version,
    ...(draftAnswer !== null ? { answer: draftAnswer } : {}),
    activities: note.activities.length
      ? note.activities.map(({ institutions, ...a }) => ({
          ...a,
          kind: a.kind ?? undefined,
          participants: a.participants ?? undefined,
          institutionIds: choices.filter((choice) => named(institutions, choice)).map((choice) => String(choice.id)),
        }))
      : [{}],
    budgetLines: note.budgetLines.length ? note.budgetLines.map((l) => ({ ...l, amountEur: l.amountEur ?? undefined })) : [{}],
    risks: note.risks,
    mitigation: note.mitigation,
  };
}

/** What an activity stores of the ticked institutions: their names by country, "A; B". */
function namesByCountry(ids: number[] | undefined, choices: InstitutionChoice[]) {
  const byCountry: Partial<Record<CountryCode, string>> = {};
  for (const choice of choices.filter((c) => ids?.includes(c.id))) {
    byCountry[choice.countryCode] = [byCountry[choice.countryCode], choice.name].filter(Boolean).join("; ");
  }
  return byCountry;
}

/** What is stored from the form: rows left empty are dropped, and each activity gets a key. */
function noteFromForm(form: ConceptNoteForm, choices: InstitutionChoice[]): ConceptNote {
  const used = new Set<string>();
  const activities = form.activities.flatMap((row) => {
    if (!row || !isFilled({ ...row, key: undefined, institutions: undefined })) return [];
    let key = row.key && !used.has(row.key) ? row.key : newKey();
    while (used.has(key)) key = newKey();
    used.add(key);
    return [
      {
        key,
        kind: row.kind ?? null,
        title: row.title ?? "",
        date: row.date ?? "",
        place: row.place ?? "",
        institutions: namesByCountry(row.institutionIds, choices),
        participants: row.participants ?? null,
      },
    ];
  });
  const budgetLines = form.budgetLines.flatMap((row) => (row && isFilled(row) ? [{ item: row.item ?? "", amountEur: row.amountEur ?? null }] : []));
  return { activities, budgetLines, risks: form.risks, mitigation: form.mitigation };
}

/** Eight letters and digits: short enough to read in a URL, random enough never to repeat in one note. */
function newKey() {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  return [...randomBytes(8)].map((byte) => alphabet[byte % alphabet.length]).join("");
}

/** Stored without empty optional fields, so the frozen version reads like the demo's. */
function storable(note: ConceptNote) {
  return {
    activities: note.activities.map(({ kind, participants, ...rest }) => ({
      ...rest,
      ...(kind ? { kind } : {}),
      ...(participants !== null ? { participants } : {}),
    })),
    budgetLines: note.budgetLines.map(({ item, amountEur }) => ({ item, ...(amountEur !== null ? { amountEur } : {}) })),
    risks: note.risks,
    mitigation: note.mitigation,
  };
}

export type SaveOutcome =
  | { ok: true; submitted: boolean; refusal: string | null; /** The proposal's version now: what the next save is based on. */ version: number }
  | { ok: false; message: string };

/**
 * Saves the lead's concept note and, when asked, submits it for review (SUBMIT_CONCEPT). While
 * a revision request is open (`answering`), the answer is saved with the note and sent with the
 * submission; the statechart refuses a submission without one. The draft answer waits beside
 * the note, not in it, so the frozen versions hold the note alone; the answer sent is kept in
 * SUBMIT_CONCEPT's history row.
 */
export function saveConceptNote(input: {
  proposalId: number;
  expectedVersion: number;
  actor: Actor;
  form: ConceptNoteForm;
  /** The institutions the form offered: the ticked ones are stored by name. */
  institutions: InstitutionChoice[];
  submit: boolean;
  answering: boolean;
  /** The page's words: a refusal or a conflict is said in them. */
  words: { t: TFunction; language: PageLanguage };
  now?: Date;
}): SaveOutcome {
  const answer = input.answering ? input.form.answer : null;
  return saveAndSubmit({
    ...input,
    parts: { [DOCUMENT_KEYS.conceptNote]: storable(noteFromForm(input.form, input.institutions)), ...(answer !== null ? { [DOCUMENT_KEYS.conceptAnswer]: answer } : {}) },
    command: input.submit ? { type: "SUBMIT_CONCEPT", answer: answer ?? "" } : null,
    sent: [DOCUMENT_KEYS.conceptAnswer],
  });
}

/**
 * Saves parts of the working content and, when a command is given, sends it in the same
 * transaction. A refused submission keeps the save: nothing typed is lost, and the statechart's
 * reason says what is still missing. An accepted one drops the `sent` parts: drafts of what the
 * command carried into the history. A stale `expectedVersion` saves nothing.
 */
export function saveAndSubmit(input: {
  proposalId: number;
  expectedVersion: number;
  actor: Actor;
  parts: Record<string, unknown>;
  command: Extract<ProposalCommand, { type: "SUBMIT_CONCEPT" | "SUBMIT_REPORT" }> | null;
  sent?: string[];
  words: { t: TFunction; language: PageLanguage };
  now?: Date;
}): SaveOutcome {
  const now = input.now ?? new Date();
  return db().transaction(
    (tx): SaveOutcome => {
      const version = writeContent(tx, input.proposalId, input.expectedVersion, input.parts, now);
      if (version === null) return { ok: false, message: input.words.t(CONFLICT) };
      if (!input.command) return { ok: true, submitted: false, refusal: null, version };
      const outcome = applyProposalCommand({ proposalId: input.proposalId, expectedVersion: version, actor: input.actor, command: input.command, now, words: input.words }, tx);
      if (!outcome.ok) return { ok: true, submitted: false, refusal: outcome.message, version };
      if (input.sent?.length) dropContent(tx, input.proposalId, input.sent);
      return { ok: true, submitted: true, refusal: null, version: outcome.version };
    },
    { behavior: "immediate" },
  );
}

/**
 * Writes parts of the working content (the concept note, the completion report) if the
 * proposal is still at `expectedVersion`, and moves the version on so that a form opened
 * before this save is told to reload instead of overwriting it. Null when the version is stale.
 */
function writeContent(tx: Tx, proposalId: number, expectedVersion: number, parts: Record<string, unknown>, now: Date): number | null {
  const row = tx.select({ content: proposals.content, version: proposals.version }).from(proposals).where(eq(proposals.id, proposalId)).get();
  if (!row || row.version !== expectedVersion) return null;
  const written = tx
    .update(proposals)
    .set({ content: { ...row.content, ...parts }, version: row.version + 1, updatedAt: now })
    .where(and(eq(proposals.id, proposalId), eq(proposals.version, expectedVersion)))
    .run();
  return written.changes === 1 ? row.version + 1 : null;
}

/** Removes parts of the working content, without a new version: the command just moved it on. */
function dropContent(tx: Tx, proposalId: number, keys: string[]) {
  const row = tx.select({ content: proposals.content }).from(proposals).where(eq(proposals.id, proposalId)).get()!;
  tx.update(proposals)
    .set({ content: Object.fromEntries(Object.entries(row.content).filter(([key]) => !keys.includes(key))) })
    .where(eq(proposals.id, proposalId))
    .run();
}

