import { z } from "../zod";
import { fromBrusselsTime } from "../../workflows/time";

// The period of the steering committee's report: two days of submission on the Brussels
// calendar, both included, as the dashboard reads its period (dashboard-schema.ts), so the
// report's figures and the dashboard's for the same days are the same figures.

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "dashboardPage.problems.dayFormat", abort: true })
  .refine((value) => fromBrusselsTime(`${value}T00:00`).ok, "reportsPage.notADate");

const periodSchema = z
  .object({ from: day, to: day })
  .refine(({ from, to }) => from <= to, { path: ["to"], message: "reportsPage.endsBeforeStart" });

/** The period asked for: its days and the instants of submission it spans, or what is wrong with it, by field (catalogue keys). */
export function periodOf(typed: { from: string; to: string }) {
  const parsed = periodSchema.safeParse(typed);
  if (!parsed.success) {
    return { ok: false as const, errors: Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])) };
  }
  const { from, to } = parsed.data;
  const next = new Date(`${to}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const start = fromBrusselsTime(`${from}T00:00`);
  const end = fromBrusselsTime(`${next.toISOString().slice(0, 10)}T00:00`);
  if (!start.ok || !end.ok) return { ok: false as const, errors: { from: "reportsPage.notADate" } };
  return { ok: true as const, from, to, submittedFrom: start.instant, submittedBefore: end.instant };
}

export type Period = Extract<ReturnType<typeof periodOf>, { ok: true }>;
