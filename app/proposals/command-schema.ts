import { z } from "../zod";
import { multiLine } from "../free-text-schema";

// The forms on the proposal page, one per statechart event a person can send. zod checks only
// the shape (lengths, numbers, choices); whether the step is allowed, and whether a reason is
// required, is the statechart's to say, and its refusal is shown beside the form. The fields
// each form shows, with their labels, are the event catalogue's (workflows/proposal-events.ts);
// a test checks that every schema here has exactly the catalogue's fields.

const text = (max: number) => multiLine().trim().max(max, `Use at most ${max} characters.`).default("");

export const commandSchema = z.discriminatedUnion("event", [
  z.object({ event: z.literal("SUBMIT") }),
  z.object({ event: z.literal("CONFIRM_ELIGIBLE"), reason: text(4000) }),
  z.object({ event: z.literal("DECLARE_INELIGIBLE"), reason: text(4000) }),
  z.object({ event: z.literal("RECHECK") }),
  z.object({
    event: z.literal("REQUEST_CLARIFICATION"),
    question: text(4000),
    days: z.coerce.number({ error: "Give a number of days." }).int("Give a whole number of days.").min(1, "Give at least one day.").max(60, "Give at most 60 days."),
  }),
  z.object({ event: z.literal("RESPOND"), message: text(8000) }),
  z.object({ event: z.literal("START_REVIEW") }),
  z.object({ event: z.literal("CLOSE_REVIEW"), reason: text(4000) }),
  z.object({
    event: z.literal("DECIDE"),
    outcome: z.enum(["promising", "notSelected"], { error: "Choose promising or not selected." }),
    priority: z.literal("on").optional(),
    reason: text(4000),
    sharedFeedback: text(8000),
  }),
  z.object({ event: z.literal("SUBMIT_CONCEPT") }),
  z.object({ event: z.literal("REQUEST_REVISION"), reason: text(4000) }),
  z.object({ event: z.literal("APPROVE_CONCEPT") }),
  z.object({ event: z.literal("START") }),
  z.object({ event: z.literal("HOLD"), reason: text(4000) }),
  z.object({ event: z.literal("RESUME") }),
  z.object({ event: z.literal("SUBMIT_REPORT") }),
  z.object({ event: z.literal("COMPLETE") }),
  z.object({ event: z.literal("WITHDRAW"), reason: text(4000) }),
  z.object({ event: z.literal("DISCARD"), confirm: z.literal("on", { error: "Tick the box to confirm that the draft should be discarded." }) }),
  z.object({ event: z.literal("REJECT_CONCEPT"), reason: text(4000) }),
  z.object({ event: z.literal("CANCEL_IMPLEMENTATION"), reason: text(4000) }),
]);

export type CommandForm = z.infer<typeof commandSchema>;
