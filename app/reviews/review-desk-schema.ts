import { z } from "../zod";
import { multiLine } from "../free-text-schema";
import { fromBrusselsTime } from "../../workflows/time";

// Browser-safe: the forms of a round's review desk, one per intent. Whether an assignment may
// move is its statechart's to say; whether a reviewer may be assigned, assignReviewer's.

const id = (what: string) => z.coerce.number({ error: `Choose ${what}.` }).int().positive(`Choose ${what}.`);
const reason = (missing: string) => multiLine({ error: missing }).trim().min(1, missing).max(4000, "Use at most 4,000 characters.");

const dueAt = z.string({ error: "Enter the due date and time." }).transform((wallClock, ctx) => {
  const time = fromBrusselsTime(wallClock);
  if (time.ok) return time.instant;
  ctx.addIssue({ code: "custom", message: time.problem === "skipped" ? "This time does not exist in Brussels (the clocks go forward that night). Choose another time." : "Enter the due date and time." });
  return z.NEVER;
});

export const reviewDeskSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("assign"), proposalId: id("a proposal"), reviewerUserId: id("a reviewer"), dueAt }),
  z.object({ intent: z.literal("due"), assignmentId: id("an assignment"), version: z.coerce.number().int(), dueAt }),
  z.object({ intent: z.literal("withdraw"), assignmentId: id("an assignment"), version: z.coerce.number().int(), reason: reason("Give a reason for withdrawing the assignment.") }),
  z.object({
    intent: z.literal("autoAssign"),
    reviewersPerProposal: z.coerce.number({ error: "Enter how many reviewers each proposal needs." }).int().min(1, "Each proposal needs at least 1 reviewer.").max(10, "Ask for at most 10 reviewers per proposal."),
    cap: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(1, "A cap is at least 1 assignment.").max(100, "A cap is at most 100 assignments.").optional()),
  }),
  z.object({ intent: z.literal("dismissConflict"), proposalId: id("a proposal"), reviewerUserId: id("a reviewer"), reason: reason("Give a reason for dismissing the conflict: it is kept as the record.") }),
  z.object({ intent: z.literal("addRule"), reviewerUserId: id("a reviewer"), institutionId: id("an institution"), reason: reason("Give a reason for the rule.") }),
]);

export type ReviewDeskInput = z.infer<typeof reviewDeskSchema>;
