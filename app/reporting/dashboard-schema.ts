import { z } from "../zod";
import { fromBrusselsTime } from "../../workflows/time";

// Browser-safe: the dashboard's filter, read from its address (?round=3&round=4&from=2026-01-01&to=2026-06-30),
// so a view is a link and the GET form works without JavaScript. The period is of submission,
// in days on the Brussels calendar, both ends included.

// A malformed day is named once: the calendar check runs only on a well-formed one.
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "dashboardPage.problems.dayFormat", abort: true });

export const dashboardFilterSchema = z
  .object({
    round: z.array(z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER, "dashboardPage.problems.noSuchRound")),
    from: day.refine((d) => fromBrusselsTime(`${d}T00:00`).ok, "dashboardPage.problems.firstNotADate").optional(),
    to: day.refine((d) => fromBrusselsTime(`${d}T00:00`).ok, "dashboardPage.problems.lastNotADate").optional(),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, { message: "dashboardPage.problems.firstAfterLast", path: ["to"] });

export type DashboardQuery = z.infer<typeof dashboardFilterSchema>;

/** The day after a calendar day, "2026-10-16" for "2026-10-15". */
function nextDay(date: string) {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + 1);
  return at.toISOString().slice(0, 10);
}

function startOf(date: string) {
  const start = fromBrusselsTime(`${date}T00:00`);
  return start.ok ? start.instant : null;
}

/**
 * What the address asks for, as typed (kept in the form), and the filter it stands for; when it
 * cannot be read, the problems as message keys and no filter at all, so the figures never look
 * narrowed when they are not.
 */
export function dashboardQueryOf(search: URLSearchParams) {
  const typed = { round: search.getAll("round").filter(Boolean), from: search.get("from")?.trim().slice(0, 20) ?? "", to: search.get("to")?.trim().slice(0, 20) ?? "" };
  const parsed = dashboardFilterSchema.safeParse({ round: typed.round, from: typed.from || undefined, to: typed.to || undefined });
  if (!parsed.success) {
    return { typed, problems: parsed.error.issues.map((issue) => issue.message), filter: { rounds: [], submittedFrom: null, submittedBefore: null } };
  }
  const { round, from, to } = parsed.data;
  return {
    typed,
    problems: [] as string[],
    filter: { rounds: round, submittedFrom: from ? startOf(from) : null, submittedBefore: to ? startOf(nextDay(to)) : null },
  };
}
