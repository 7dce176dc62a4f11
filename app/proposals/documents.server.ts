import { z } from "../zod";
import type { CountryCode } from "../../workflows/countries";
import { COUNTRY_CODES } from "../../workflows/countries";
import type { SupportKind } from "../../workflows/vocabulary";
import { activityKey, conceptNoteSchema } from "./concept-note-schema";
import type { DraftValues } from "./content-schema";
import { draftSchema, roundLimitsSchema } from "./content-schema";
import { completionReportSchema } from "./implementation-schema";

// `proposals.content` holds four documents: the answers to the proposal form (at the top
// level), the concept note, the completion report, and the lead's draft answer to a revision
// request of the concept note. Every module reads them here, each with the zod schema of the
// form that writes it, so a page, a form and the statechart's facts see the same values.
//
// A stored document was valid when it was saved, but the rules may have changed since (a round
// lowered a word limit, a kind of support was renamed). It must still open, and nothing a
// person wrote may disappear, so a value the schema refuses is read field by field:
// - a value of the field's type (a text, a number) is kept as typed, whatever rule it breaks:
//   the form shows it, and saving it again shows the rule's message, as any typing does;
// - a list keeps the items the schema still accepts;
// - anything else (an id the portal no longer knows, a value of the wrong type, which no form
//   of the portal could have written) is left out and named in `unreadable`.
// Reading never writes: the stored row keeps every value until that document is saved again,
// and each submission freezes the content as stored.

/** Where a document lives in `proposals.content`; the answers are its top-level keys. */
export const DOCUMENT_KEYS = { conceptNote: "conceptNote", completionReport: "completionReport", conceptAnswer: "conceptNoteAnswer" } as const;

export type DocumentName = "answers" | keyof typeof DOCUMENT_KEYS;

/** A stored value the document's schema could not read, left out of what the portal shows. */
export type Unreadable = { document: DocumentName; field: string; message: string };

export type ProposalAnswers = Omit<DraftValues, "title">;

export type ConceptActivity = {
  key: string;
  kind: SupportKind | null;
  title: string;
  date: string;
  place: string;
  institutions: Partial<Record<CountryCode, string>>;
  participants: number | null;
};
export type BudgetLine = { item: string; amountEur: number | null };
export type ConceptNote = { activities: ConceptActivity[]; budgetLines: BudgetLine[]; risks: string; mitigation: string };

export type CompletionReport = { outcome: string; lessonsLearnt: string };

export type ProposalDocuments = {
  answers: ProposalAnswers;
  conceptNote: ConceptNote;
  completionReport: CompletionReport;
  /** The lead's saved, not yet sent, answer to the open revision request of the concept note. */
  conceptAnswer: string;
  unreadable: Unreadable[];
};

// Whatever a round's limits, a text over them is kept as typed (see above), so the answers read
// the same under any limits and the defaults serve.
const answersSchema = draftSchema(roundLimitsSchema.parse({})).omit({ title: true });
const savedConceptNote = conceptNoteSchema("save");
const conceptNoteDocument = savedConceptNote.pick({ activities: true, budgetLines: true, risks: true, mitigation: true });
const completionReportDocument = completionReportSchema.pick({ outcome: true, lessonsLearnt: true });

/** The applicants' answers alone, for the pages that show nothing of the other documents. */
export function proposalAnswers(content: Record<string, unknown>, unreadable: Unreadable[] = []): ProposalAnswers {
  return readDocument(answersSchema, content, "answers", unreadable) ?? {};
}

/** The four documents of a proposal's working content. */
export function proposalDocuments(content: Record<string, unknown>): ProposalDocuments {
  const unreadable: Unreadable[] = [];
  const answers = proposalAnswers(content, unreadable);
  const conceptNote = readConceptNote(content[DOCUMENT_KEYS.conceptNote], unreadable);
  const report = readDocument(completionReportDocument, content[DOCUMENT_KEYS.completionReport] ?? {}, "completionReport", unreadable);
  const conceptAnswer = readDocument(savedConceptNote.shape.answer, content[DOCUMENT_KEYS.conceptAnswer], "conceptAnswer", unreadable);
  return {
    answers,
    conceptNote,
    completionReport: report ?? { outcome: "", lessonsLearnt: "" },
    conceptAnswer: conceptAnswer ?? "",
    unreadable,
  };
}

/** The concept note as stored, to freeze at its submission: nothing is dropped from a frozen version. */
export function frozenConceptNote(content: Record<string, unknown>): Record<string, unknown> {
  const note = content[DOCUMENT_KEYS.conceptNote];
  return isRecord(note) ? note : {};
}

/** The completion report as stored, to freeze at its submission. */
export function frozenCompletionReport(content: Record<string, unknown>): Record<string, unknown> {
  const report = content[DOCUMENT_KEYS.completionReport];
  return isRecord(report) ? report : {};
}

/**
 * A concept note, from the working content or a frozen version: every activity with a unique
 * key (rows saved before keys existed get one from their place in the list, so the working copy
 * and the frozen versions agree, and keep it at the next save).
 */
export function readConceptNote(stored: unknown, unreadable: Unreadable[] = []): ConceptNote {
  const note = readDocument(conceptNoteDocument, stored ?? {}, "conceptNote", unreadable);
  const used = new Set<string>();
  const activities = (note?.activities ?? []).flatMap((row, index): ConceptActivity[] => {
    if (!row) return [];
    let key = row.key && activityKey.safeParse(row.key).success && !used.has(row.key) ? row.key : `activity-${index + 1}`;
    while (used.has(key)) key = `${key}-${index + 1}`;
    used.add(key);
    const named = row.institutions ?? {};
    return [
      {
        key,
        kind: row.kind ?? null,
        title: row.title ?? "",
        date: row.date ?? "",
        place: row.place ?? "",
        institutions: Object.fromEntries(COUNTRY_CODES.flatMap((code) => (named[code]?.trim() ? [[code, named[code]]] : []))),
        participants: row.participants ?? null,
      },
    ];
  });
  const budgetLines = (note?.budgetLines ?? []).flatMap((row) => (row ? [{ item: row.item ?? "", amountEur: row.amountEur ?? null }] : []));
  return { activities, budgetLines, risks: note?.risks ?? "", mitigation: note?.mitigation ?? "" };
}

/** A document read by its schema, or field by field as described above; undefined if nothing of it can be read. */
function readDocument<S extends z.ZodType>(schema: S, stored: unknown, document: DocumentName, unreadable: Unreadable[]): z.output<S> | undefined {
  const parsed = schema.safeParse(stored);
  if (parsed.success) return parsed.data;
  // Each fallback keeps only values of the type the schema gives the field (a text for a text,
  // a number for a number, the readable items of a list), so the value has the schema's output
  // type, even where it breaks one of the schema's rules.
  return readLeniently(schema, stored, { document, path: [], unreadable }) as z.output<S> | undefined;
}

type Reading = { document: DocumentName; path: (string | number)[]; unreadable: Unreadable[] };

function readLeniently(schema: z.core.$ZodType, stored: unknown, reading: Reading): unknown {
  const parsed = z.safeParse(schema, stored);
  if (parsed.success) return parsed.data;
  const inner = unwrapped(schema);
  const at = (key: string | number): Reading => ({ ...reading, path: [...reading.path, key] });
  if (inner instanceof z.ZodObject && isRecord(stored)) {
    return Object.fromEntries(
      Object.entries(inner.shape).flatMap(([key, field]) => {
        const value = readLeniently(field, stored[key], at(key));
        return value === undefined ? [] : [[key, value]];
      }),
    );
  }
  if (inner instanceof z.ZodArray && Array.isArray(stored)) {
    return stored.flatMap((item, index) => {
      const value = readLeniently(inner.element, item, at(index));
      return value === undefined ? [] : [value];
    });
  }
  if (inner instanceof z.ZodString && typeof stored === "string") return stored;
  if (inner instanceof z.ZodNumber && typeof stored === "number" && Number.isFinite(stored)) return stored;
  if (stored !== undefined && stored !== null) {
    reading.unreadable.push({ document: reading.document, field: reading.path.join("."), message: parsed.error.issues[0]?.message ?? "This value cannot be read." });
  }
  // What the form starts from when nothing was written: a field's default, or nothing.
  const empty = z.safeParse(schema, undefined);
  return empty.success ? empty.data : undefined;
}

function unwrapped(schema: z.core.$ZodType): z.core.$ZodType {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) {
    return unwrapped(schema.unwrap());
  }
  return schema;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
