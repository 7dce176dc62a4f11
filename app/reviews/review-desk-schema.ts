import { z } from "../zod";
import { multiLine } from "../free-text-schema";
import { fromBrusselsTime } from "../../workflows/time";

// Browser-safe: the forms of a round's review desk, one per intent. Whether an assignment may
// move is its statechart's to say; whether a reviewer may be assigned, assignReviewer's.
// The messages are catalogue keys (locales/<language>/review.json), translated by the route.

const id = (missing: string) => z.coerce.number({ error: missing }).int().positive(missing);
const reason = (missing: string) => multiLine({ error: missing }).trim().min(1, missing).max(4000, "reviewDesk.validation.reasonTooLong");

const dueAt = z.string({ error: "reviewDesk.validation.dueAt" }).transform((wallClock, ctx) => {
  const time = fromBrusselsTime(wallClock);
  if (time.ok) return time.instant;
  ctx.addIssue({ code: "custom", message: time.problem === "skipped" ? "reviewDesk.validation.skippedTime" : "reviewDesk.validation.dueAt" });
  return z.NEVER;
});

const PROPOSAL = "reviewDesk.validation.chooseProposal";
const REVIEWER = "reviewDesk.validation.chooseReviewer";
const ASSIGNMENT = "reviewDesk.validation.chooseAssignment";

export const reviewDeskSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("assign"), proposalId: id(PROPOSAL), reviewerUserId: id(REVIEWER), dueAt }),
  z.object({ intent: z.literal("due"), assignmentId: id(ASSIGNMENT), version: z.coerce.number().int(), dueAt }),
  z.object({ intent: z.literal("withdraw"), assignmentId: id(ASSIGNMENT), version: z.coerce.number().int(), reason: reason("reviewDesk.validation.withdrawReason") }),
  z.object({
    intent: z.literal("autoAssign"),
    reviewersPerProposal: z.coerce
      .number({ error: "reviewDesk.validation.reviewersPerProposal" })
      .int()
      .min(1, "reviewDesk.validation.reviewersAtLeast")
      .max(10, "reviewDesk.validation.reviewersAtMost"),
    cap: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(1, "reviewDesk.validation.capAtLeast").max(100, "reviewDesk.validation.capAtMost").optional()),
  }),
  z.object({ intent: z.literal("dismissConflict"), proposalId: id(PROPOSAL), reviewerUserId: id(REVIEWER), reason: reason("reviewDesk.validation.dismissReason") }),
  z.object({ intent: z.literal("addRule"), reviewerUserId: id(REVIEWER), institutionId: id("reviewDesk.validation.chooseInstitution"), reason: reason("reviewDesk.validation.ruleReason") }),
]);

export type ReviewDeskInput = z.infer<typeof reviewDeskSchema>;
