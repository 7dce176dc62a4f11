import { countryNameIn } from "../../workflows/countries";
import { daysOf, monthOf } from "../../workflows/reporting-words";
import { formatListIn, formatNumberIn } from "../../workflows/time";
import { institutionTypeLabel, supportKindLabel, themeLabel } from "../../workflows/vocabulary";
import type { ReportWords } from "./report-words";
import type { DashboardFigures, Funnel } from "./figures.server";

// The sentence of each chart, the text a reader who cannot see the drawing reads: written here,
// on the server, because its numbers, lists and plural forms come from Intl, whose data for
// Albanian and Macedonian not every browser has (the page would read differently once hydrated).

export type ChartSentences = ReturnType<typeof chartSentences>;

/** Every chart's sentence for the dashboard's and the reports' figures, in the reader's language. */
export function chartSentences(figures: DashboardFigures, { t, language }: ReportWords) {
  const number = (n: number) => formatNumberIn(language, n);
  const listOf = (parts: string[]) => formatListIn(language, parts);

  const funnelSentence = (funnel: Funnel) =>
    t("charts.funnel.sentence", {
      submitted: t("charts.funnel.submitted", { count: funnel.submitted, number: number(funnel.submitted) }),
      eligible: t("charts.funnel.eligible", { count: funnel.eligible, number: number(funnel.eligible) }),
      promising: number(funnel.promising),
      conceptApproved: number(funnel.conceptApproved),
      implemented: t("charts.funnel.implemented", { count: funnel.implemented, number: number(funnel.implemented) }),
    });

  /** "Title: a 3, b 2." for a count per category, the empty ones left out, the largest first. */
  const countsSentence = (title: string, none: string, rows: { label: string; proposals: number }[]) => {
    const counted = rows.filter((row) => row.proposals > 0).sort((a, b) => b.proposals - a.proposals);
    return counted.length ? t("charts.countBars.sentence", { title, list: listOf(counted.map((row) => `${row.label} ${number(row.proposals)}`)) }) : none;
  };

  const named = figures.countries.filter((c) => c.lead || c.partner);
  const pairs = Object.entries(figures.cooperation)
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => {
      const [one, other] = key.split("|");
      return t("charts.cooperation.pair", { one: countryNameIn(one!, t), other: countryNameIn(other!, t), count: n, number: number(n) });
    });
  const busy = figures.months.filter((m) => m.planned || m.held);
  const participating = figures.participants.filter((p) => p.planned || p.held);

  return {
    funnel: funnelSentence(figures.overall.funnel),
    roundFunnels: Object.fromEntries(figures.rounds.map((round) => [round.roundId, funnelSentence(round.funnel)])) as Record<number, string>,
    countries: named.length
      ? t("charts.countries.sentence", { list: listOf(named.map((c) => t("charts.countries.item", { country: countryNameIn(c.code, t), lead: number(c.lead), partner: number(c.partner) }))) })
      : t("charts.countries.none"),
    cooperation: pairs.length ? t("charts.cooperation.sentence", { list: listOf(pairs) }) : t("charts.cooperation.none"),
    types: countsSentence(t("charts.types.title"), t("charts.types.none"), figures.institutionTypes.map((row) => ({ label: institutionTypeLabel(row.type, t), proposals: row.proposals }))),
    themes: countsSentence(t("charts.themes.title"), t("charts.themes.none"), figures.themes.map((row) => ({ label: themeLabel(row.id, t), proposals: row.proposals }))),
    support: countsSentence(t("charts.support.title"), t("charts.support.none"), figures.supportKinds.map((row) => ({ label: supportKindLabel(row.id, t), proposals: row.proposals }))),
    months: busy.length
      ? t("charts.months.sentence", { list: listOf(busy.map((m) => t("charts.months.item", { month: monthOf(m.month, t), planned: number(m.planned), held: number(m.held) }))) })
      : t("charts.months.none"),
    participants: participating.length
      ? t("charts.participants.sentence", { list: listOf(participating.map((p) => t("charts.participants.item", { country: countryNameIn(p.code, t), planned: number(p.planned), held: number(p.held) }))) })
      : t("charts.participants.none"),
    // Months and decimal days written here, not in the browser: a browser whose Intl lacks the
    // language (Chromium has no Albanian or Macedonian data) would write them in English, and the
    // page it hydrates would differ from the one the server sent.
    monthNames: Object.fromEntries(figures.months.map((m) => [m.month, monthOf(m.month, t)])) as Record<string, string>,
    medianDays: {
      overall: daysOf(figures.overall.medianDaysToDecision, t),
      rounds: Object.fromEntries(figures.rounds.map((round) => [round.roundId, daysOf(round.medianDaysToDecision, t)])) as Record<number, string>,
    },
  };
}
