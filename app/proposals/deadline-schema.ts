import { z } from "../zod";
import { multiLine } from "../free-text-schema";
import type { DeadlineKind } from "../../db/schema";
import { fromBrusselsTime } from "../../workflows/time";

// An administrator's form to move one of a proposal's deadlines. Whether it may
// move (owed now, later than before, in the future) is deadlines.server.ts's to say. Messages
// are catalogue keys (the documents area).

// Spelled out rather than imported, so the browser's bundle carries no database schema; the type keeps them in step.
const KINDS = ["conceptNote", "activityReports", "completionReport"] as const satisfies readonly DeadlineKind[];

export const extendDeadlineSchema = z.object({
  kind: z.enum(KINDS, { error: "deadlinesPage.form.chooseDeadline" }),
  dueAt: z.string({ error: "deadlinesPage.form.dueAtRequired" }).transform((wallClock, ctx) => {
    const time = fromBrusselsTime(wallClock);
    if (time.ok) return time.instant;
    ctx.addIssue({ code: "custom", message: time.problem === "skipped" ? "deadlinesPage.form.skippedTime" : "deadlinesPage.form.dueAtRequired" });
    return z.NEVER;
  }),
  reason: multiLine({ error: "deadlinesPage.form.reasonRequired" }).trim().min(1, "deadlinesPage.form.reasonRequired").max(4000, "deadlinesPage.form.atMost4000"),
});
