import type { TFunction } from "i18next";
import type { PageLanguage } from "../../workflows/languages";
import type { RoundFacts } from "../../workflows/proposal.machine";
import { formatBrusselsIn } from "../../workflows/time";

// A round's deadline and an answer's due time in the reader's words, made on the server: the
// browser may not know the reader's language's months (Debian's Chromium has no Albanian or
// Macedonian Intl data), and the page must hydrate exactly as it was rendered.

export type DeadlineWords = { t: TFunction; language: PageLanguage };

/** What components/deadline.tsx shows about a round: not open yet, no deadline, or the deadline and how long is left. */
export type DeadlineView =
  | { kind: "notOpen"; opensAt: string; opensAtInWords: string }
  | { kind: "rolling"; open: boolean }
  | { kind: "dated"; closesAt: string; closesAtInWords: string; open: boolean; passed: boolean; timeLeft: string };

/** An answer's due time: in Brussels time, and how long is left (or how long ago it was due). */
export type DueView = { at: string; atInWords: string; timeLeft: string };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "12 days 4 hours", "3 hours 20 minutes", "5 minutes": the two largest units that matter. */
function span(ms: number, t: TFunction) {
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  const both = (larger: string, smaller: string) => t("deadline.span", { larger, smaller });
  if (days > 0) return hours > 0 ? both(t("deadline.days", { count: days }), t("deadline.hours", { count: hours })) : t("deadline.days", { count: days });
  if (hours > 0) return minutes > 0 ? both(t("deadline.hours", { count: hours }), t("deadline.minutes", { count: minutes })) : t("deadline.hours", { count: hours });
  return t("deadline.minutes", { count: minutes });
}

/** "12 days 4 hours left.", "Less than a minute left.", "Closed 2 days ago.", "Closed just now.": the deadline's sentence. */
export function timeLeftIn(closesAt: Date, now: Date, t: TFunction): string {
  const left = closesAt.getTime() - now.getTime();
  if (left > 0) return left < MINUTE ? t("deadline.lessThanAMinuteLeft") : t("deadline.left", { span: span(left, t) });
  return -left < MINUTE ? t("deadline.closedJustNow") : t("deadline.closedAgo", { span: span(-left, t) });
}

/** "3 days left", "due just now", "due 2 hours ago": what follows an answer's due time. */
function dueIn(dueAt: Date, now: Date, t: TFunction): string {
  const left = dueAt.getTime() - now.getTime();
  if (left > 0) return left < MINUTE ? t("deadline.due.lessThanAMinuteLeft") : t("deadline.due.left", { span: span(left, t) });
  return -left < MINUTE ? t("deadline.due.justNow") : t("deadline.due.ago", { span: span(-left, t) });
}

export function deadlineIn(round: RoundFacts, now: Date, { t, language }: DeadlineWords): DeadlineView {
  const opensAt = new Date(round.opensAt);
  if (round.state === "planned" || now < opensAt) return { kind: "notOpen", opensAt: round.opensAt, opensAtInWords: formatBrusselsIn(language, opensAt) };
  const open = round.state === "open";
  if (round.mode === "rolling" || round.closesAt === null) return { kind: "rolling", open };
  const closesAt = new Date(round.closesAt);
  return {
    kind: "dated",
    closesAt: round.closesAt,
    closesAtInWords: formatBrusselsIn(language, closesAt),
    open,
    passed: closesAt <= now,
    timeLeft: timeLeftIn(closesAt, now, t),
  };
}

export function dueByIn(at: string, now: Date, { t, language }: DeadlineWords): DueView {
  const due = new Date(at);
  return { at, atInWords: formatBrusselsIn(language, due), timeLeft: dueIn(due, now, t) };
}
