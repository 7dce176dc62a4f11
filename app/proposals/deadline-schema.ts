import { z } from "../zod";
import { multiLine } from "../free-text-schema";
import type { DeadlineKind } from "../../db/schema";
import { fromBrusselsTime } from "../../workflows/time";

// Browser-safe: an administrator's form to move one of a proposal's deadlines. Whether it may
// move (owed now, later than before, in the future) is deadlines.server.ts's to say.

// Spelled out rather than imported, so the browser's bundle carries no database schema; the type keeps them in step.
const KINDS = ["conceptNote", "activityReports", "completionReport"] as const satisfies readonly DeadlineKind[];

export const extendDeadlineSchema = z.object({
  kind: z.enum(KINDS, { error: "Choose the deadline to move." }),
  dueAt: z.string({ error: "Enter the new date and time." }).transform((wallClock, ctx) => {
    const time = fromBrusselsTime(wallClock);
    if (time.ok) return time.instant;
    ctx.addIssue({ code: "custom", message: time.problem === "skipped" ? "This time does not exist in Brussels (the clocks go forward that night). Choose another time." : "Enter the new date and time." });
    return z.NEVER;
  }),
  reason: multiLine({ error: "Give the reason for moving the deadline." }).trim().min(1, "Give the reason for moving the deadline.").max(4000, "Use at most 4,000 characters."),
});
