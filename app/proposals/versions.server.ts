import { diffWords } from "diff";
import { asc, eq } from "drizzle-orm";
import type { TFunction } from "i18next";
import type { VersionKind } from "../../db/schema";
import { activities, attachments, proposals, proposalVersions, users } from "../../db/schema";
import type { PageLanguage } from "../../workflows/languages";
import { formatBrusselsDayIn, formatBrusselsIn, formatDayIn, formatEurosIn } from "../../workflows/time";
import { COUNTRY_CODES, countryNameIn } from "../../workflows/countries";
import { activityTypeLabel, supportKindLabel, themeLabel } from "../../workflows/vocabulary";
import { CONCEPT_NOTE_PARTS, PROPOSAL_PARTS } from "../../workflows/proposal-content";
import { db } from "../db.server";
import { partLabelKey } from "./draft-parts";

// The frozen versions of a proposal (one per submission and per answer to a clarification
// request) and of its concept note (one per submission to the TAF team), and the comparison of
// two of the same kind, field by field. Every field is turned into plain lines of text first,
// so that a changed budget line or theme shows as changed words, like any answer.

/** The page's translator and the language it formats dates and amounts in. */
export type VersionWords = { t: TFunction; language: PageLanguage };

const VERSION_KINDS: readonly { kind: VersionKind; heading: string; caption: string }[] = [
  { kind: "proposal", heading: "versionsPage.kind.proposal", caption: "versionsPage.caption.proposal" },
  { kind: "conceptNote", heading: "versionsPage.kind.conceptNote", caption: "versionsPage.caption.conceptNote" },
  { kind: "activityReport", heading: "versionsPage.kind.activityReport", caption: "versionsPage.caption.activityReport" },
  { kind: "completionReport", heading: "versionsPage.kind.completionReport", caption: "versionsPage.caption.completionReport" },
];

const COMPLETION_REPORT_FIELDS = [
  { key: "outcome", label: "versionsPage.part.outcome" },
  { key: "lessonsLearnt", label: "versionsPage.part.lessonsLearnt" },
] as const;

const CONCEPT_NOTE_PART_LABELS: Record<string, string> = {
  activities: "versionsPage.part.activities",
  budgetLines: "versionsPage.part.budgetLines",
  risks: "versionsPage.part.risks",
};

/** An activity report as sent: the activity, when it was held, who took part, what it achieved. */
function activityReportFields(content: Record<string, unknown>, words: VersionWords) {
  const { t } = words;
  const held = [calendarDate(content.heldOn, words), content.heldUntil ? calendarDate(content.heldUntil, words) : ""].filter(Boolean).join(" – ");
  const byCountry = (content.byCountry ?? {}) as Record<string, unknown>;
  const counted = COUNTRY_CODES.filter((code) => typeof byCountry[code] === "number").map((code) => `${countryNameIn(code, t)}: ${plain(byCountry[code])}`);
  return [
    { key: "activity", label: t("versionsPage.part.activity"), text: [content.type ? activityTypeLabel(plain(content.type), t) : "", plain(content.title)].filter(Boolean).join(": ") },
    { key: "held", label: t("versionsPage.part.held"), text: [held, plain(content.place)].filter(Boolean).join(", ") },
    {
      key: "participants",
      label: t("versionsPage.part.participants"),
      text: [typeof content.participants === "number" ? t("versionsPage.inAll", { number: content.participants }) : "", ...counted].filter(Boolean).join("\n"),
    },
    { key: "outcome", label: t("versionsPage.part.reportOutcome"), text: plain(content.outcome) },
  ];
}

/** A run of text on one side of a comparison: kept, or removed (left) / added (right). */
export type Piece = { text: string; mark: "same" | "removed" | "added" };

export type FieldComparison = { key: string; label: string; changed: boolean; left: Piece[]; right: Piece[] };

type VersionRow = { number: number; title: string; content: Record<string, unknown>; createdAt: Date; createdBy: string | null };

/** "2026-03-01" as "1 March 2026" in the page's language; anything else as it was written. */
function calendarDate(value: unknown, { language }: VersionWords) {
  if (typeof value === "string") return formatDayIn(language, value);
  return value === undefined || value === null ? "" : String(value);
}

function amountInEuros(amount: unknown, { language }: VersionWords) {
  return typeof amount === "number" ? formatEurosIn(language, amount) : "";
}

function labelled(ids: unknown, label: (id: string) => string) {
  return Array.isArray(ids) ? ids.map((id) => label(String(id))).join("\n") : "";
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null) : [];
}

function plain(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map(plain).filter(Boolean).join(", ");
  return String(value).trim();
}

/** One concept-note activity per line: "Joint exercise: <title>. 14 March 2027, Tirana, 24 participants". */
function activityLine(activity: Record<string, unknown>, words: VersionWords) {
  const { t } = words;
  // The key only identifies the row; it is not something a reader compares.
  const { kind, title, date, place, participants, institutions, key: _key, ...more } = activity;
  const kindLabel = kind ? supportKindLabel(plain(kind), t) : "";
  const details = [calendarDate(date, words), plain(place), typeof participants === "number" ? t("versionsPage.participants", { count: participants }) : plain(participants)];
  // Institutions per country, e.g. "Kosovo*: Kosovo* Police; Albania: Albanian State Police".
  const named = (institutions ?? {}) as Record<string, unknown>;
  const byCountry = COUNTRY_CODES.filter((code) => plain(named[code]) !== "").map((code) => `${countryNameIn(code, t)}: ${plain(named[code])}`);
  // Whatever else the concept-note form records still shows, so its changes are seen.
  const extra = Object.values(more).map(plain);
  return [[kindLabel, plain(title)].filter(Boolean).join(": "), [...details, ...byCountry, ...extra].filter(Boolean).join(", ")].filter(Boolean).join(". ");
}

function budgetLines(value: unknown, words: VersionWords) {
  const lines = records(value);
  if (!lines.length) return "";
  const total = lines.reduce((sum, line) => sum + (typeof line.amountEur === "number" ? line.amountEur : 0), 0);
  return [...lines.map((line) => `${plain(line.item)}: ${amountInEuros(line.amountEur, words)}`), words.t("versionsPage.total", { amount: amountInEuros(total, words) })].join("\n");
}

/** A version's fields as labelled plain text, in the order of the form. */
function fieldsOf(kind: VersionKind, version: VersionRow, attachedNames: string[], words: VersionWords): { key: string; label: string; text: string }[] {
  const attached = { key: "attachments", label: words.t("versionsPage.part.attachments"), text: attachedNames.join("\n") };
  return [...documentFieldsOf(kind, version, words), attached];
}

function documentFieldsOf(kind: VersionKind, version: VersionRow, words: VersionWords): { key: string; label: string; text: string }[] {
  const { t } = words;
  const content = version.content;
  if (kind === "completionReport") return COMPLETION_REPORT_FIELDS.map((field) => ({ key: field.key, label: t(field.label), text: plain(content[field.key]) }));
  if (kind === "activityReport") return activityReportFields(content, words);
  if (kind === "conceptNote") {
    return CONCEPT_NOTE_PARTS.map((part) => ({
      key: part.key,
      label: t(CONCEPT_NOTE_PART_LABELS[part.key] ?? part.label),
      text:
        part.key === "activities"
          ? records(content.activities)
              .map((activity) => activityLine(activity, words))
              .join("\n")
          : part.key === "budgetLines"
            ? budgetLines(content.budgetLines, words)
            : part.key === "risks" && plain(content.mitigation)
              ? `${plain(content.risks)}\n${t("versionsPage.mitigation", { text: plain(content.mitigation) })}`
              : plain(content[part.key]),
    }));
  }
  const answer = (key: string) => {
    const value = content[key];
    if (key === "themes") return labelled(value, (id) => themeLabel(id, t));
    if (key === "supportKinds") return labelled(value, (id) => supportKindLabel(id, t));
    if (key === "intendedStart") return calendarDate(value, words);
    if (key === "durationMonths") return typeof value === "number" ? t("proposalAnswer.months", { count: value }) : plain(value);
    if (key === "budgetEur") return typeof value === "number" ? amountInEuros(value, words) : plain(value);
    return plain(value);
  };
  return [
    { key: "title", label: t(partLabelKey("title")), text: version.title.trim() },
    ...PROPOSAL_PARTS.map((part) => ({ key: part.key, label: t(partLabelKey(part.key)), text: answer(part.key) })),
  ];
}

type AttachedRow = { name: string; purpose: VersionKind; activityKey: string | null; createdAt: Date; removedAt: Date | null };

/**
 * The files a version had when it was frozen: those of its own document (an activity report's:
 * of that activity) added before it and not yet removed. Removing a file only marks it, so
 * what a version was sent with stays readable.
 */
function attachedAt(rows: AttachedRow[], kind: VersionKind, version: VersionRow) {
  return rows
    .filter((row) => row.purpose === kind && (kind !== "activityReport" || row.activityKey === version.content.activityKey))
    .filter((row) => row.createdAt <= version.createdAt && (row.removedAt === null || row.removedAt > version.createdAt))
    .map((row) => row.name);
}

function compare(label: string, key: string, before: string, after: string): FieldComparison {
  if (before === after) {
    const same: Piece[] = before ? [{ text: before, mark: "same" }] : [];
    return { key, label, changed: false, left: same, right: same };
  }
  const left: Piece[] = [];
  const right: Piece[] = [];
  // The spaces around a changed run are not marked: "in Belgrade" is underlined, not "in Belgrade ".
  const marked = (side: Piece[], text: string, mark: Piece["mark"]) => {
    const [, lead = "", words = "", trail = ""] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text) ?? [];
    if (lead) side.push({ text: lead, mark: "same" });
    if (words) side.push({ text: words, mark });
    if (trail) side.push({ text: trail, mark: "same" });
  };
  for (const change of diffWords(before, after)) {
    if (change.removed) marked(left, change.value, "removed");
    else if (change.added) marked(right, change.value, "added");
    else {
      left.push({ text: change.value, mark: "same" });
      right.push({ text: change.value, mark: "same" });
    }
  }
  return { key, label, changed: true, left, right };
}

export type VersionChoice = { from?: number; to?: number };

/**
 * The proposal's heading and, for each kind of version, the list of versions and either the
 * comparison of the two chosen (the last two by default) or, when there is only one, that one.
 */
export function versionsPage(proposalId: number, choices: Record<VersionKind, VersionChoice>, words: VersionWords) {
  const { t, language } = words;
  const proposal = db().select({ reference: proposals.reference, title: proposals.title }).from(proposals).where(eq(proposals.id, proposalId)).get()!;
  const rows = db()
    .select({ version: proposalVersions, createdBy: users.name })
    .from(proposalVersions)
    .leftJoin(users, eq(users.id, proposalVersions.createdByUserId))
    .where(eq(proposalVersions.proposalId, proposalId))
    .orderBy(asc(proposalVersions.kind), asc(proposalVersions.number))
    .all();
  const attachmentRows: AttachedRow[] = db()
    .select({ name: attachments.originalName, purpose: attachments.purpose, activityKey: activities.key, createdAt: attachments.createdAt, removedAt: attachments.removedAt })
    .from(attachments)
    .leftJoin(activities, eq(activities.id, attachments.activityId))
    .where(eq(attachments.proposalId, proposalId))
    .orderBy(attachments.createdAt, attachments.id)
    .all();

  const kinds = VERSION_KINDS.map((named) => {
    const kind = named.kind;
    const heading = t(named.heading);
    const caption = t(named.caption);
    const versions: VersionRow[] = rows
      .filter((row) => row.version.kind === kind)
      .map(({ version, createdBy }) => ({ number: version.number, title: version.title, content: version.content, createdAt: version.createdAt, createdBy }));
    const listed = versions.map((v, i) => ({
      number: v.number,
      // An activity report that corrects an earlier one of the same activity can be compared with it.
      corrects: kind === "activityReport" ? (versions.slice(0, i).findLast((earlier) => earlier.content.activityKey === v.content.activityKey)?.number ?? null) : null,
      what: whatVersion(kind, v.number, v.title, t),
      at: formatBrusselsIn(language, v.createdAt),
      day: formatBrusselsDayIn(language, v.createdAt),
      by: v.createdBy,
    }));
    const fields = (v: VersionRow) => fieldsOf(kind, v, attachedAt(attachmentRows, kind, v), words);
    if (versions.length < 2) {
      return { kind, heading, caption, versions: listed, only: versions[0] ? fields(versions[0]) : null, onlyNumber: versions[0]?.number ?? null, comparison: null, notice: null };
    }
    // Reports of different activities are not versions of each other: unless asked, the last
    // report is compared with the one it corrected, or shown alone when it corrected none.
    const asked = choices[kind];
    const last = versions[versions.length - 1]!;
    const corrected =
      kind === "activityReport" ? versions.slice(0, -1).findLast((v) => v.content.activityKey === last.content.activityKey) : versions[versions.length - 2];
    if (asked.from === undefined && asked.to === undefined && !corrected) {
      return { kind, heading, caption, versions: listed, only: fields(last), onlyNumber: last.number, comparison: null, notice: null };
    }
    const { from, to, notice } = chosen(
      versions.map((v) => v.number),
      asked.from === undefined && asked.to === undefined ? { from: corrected!.number, to: last.number } : asked,
      t,
    );
    const before = fields(versions.find((v) => v.number === from)!);
    const after = fields(versions.find((v) => v.number === to)!);
    const compared = before.map((field, i) => compare(field.label, field.key, field.text, after[i]!.text));
    return {
      kind,
      heading,
      caption,
      versions: listed,
      only: null,
      onlyNumber: null,
      comparison: { from, to, fields: compared, changedCount: compared.filter((f) => f.changed).length },
      notice,
    };
  });
  return { proposal, kinds };
}

function whatVersion(kind: VersionKind, number: number, title: string, t: TFunction) {
  if (kind === "activityReport") return t("versionsPage.what.reportSent", { title });
  if (kind === "completionReport") return t(number === 1 ? "versionsPage.what.completionSubmitted" : "versionsPage.what.completionResubmitted");
  if (kind === "proposal") return t(number === 1 ? "versionsPage.what.submitted" : "versionsPage.what.resubmitted");
  return t(number === 1 ? "versionsPage.what.conceptSubmitted" : "versionsPage.what.conceptResubmitted");
}

/** The two versions to compare: those asked for if they exist, otherwise the last two. */
function chosen(numbers: number[], asked: VersionChoice, t: TFunction) {
  const last = numbers[numbers.length - 1]!;
  const beforeLast = numbers[numbers.length - 2]!;
  const missing = [asked.from, asked.to].filter((n): n is number => n !== undefined && !numbers.includes(n));
  if (missing.length) {
    return { from: beforeLast, to: last, notice: t("versionsPage.noSuchVersion", { number: missing[0] }) };
  }
  const from = asked.from ?? beforeLast;
  const to = asked.to ?? last;
  return { from, to, notice: from === to ? t("versionsPage.sameTwice") : null };
}
