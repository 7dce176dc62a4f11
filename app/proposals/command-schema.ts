import { z } from "../zod";
import { multiLine } from "../free-text-schema";

// The forms on the proposal page, one per statechart event a person can send. zod checks only
// the shape (lengths, numbers, choices); whether the step is allowed, and whether a reason is
// required, is the statechart's to say, and its refusal is shown beside the form. The fields
// each form shows, with their labels, are the event catalogue's (workflows/proposal-events.ts);
// a test checks that every schema here has exactly the catalogue's fields.

// The messages are catalogue keys (locales/<language>/workflow.json), put in the page's words by page-commands.server.ts.
const TOO_LONG = { 4000: "proposalCommands.validation.atMost4000", 8000: "proposalCommands.validation.atMost8000" } as const;

const text = (max: keyof typeof TOO_LONG) => multiLine().trim().max(max, TOO_LONG[max]).default("");

export const commandSchema = z.discriminatedUnion("event", [
  z.object({ event: z.literal("SUBMIT") }),
  z.object({ event: z.literal("CONFIRM_ELIGIBLE"), reason: text(4000) }),
  z.object({ event: z.literal("DECLARE_INELIGIBLE"), reason: text(4000) }),
  z.object({ event: z.literal("RECHECK") }),
  z.object({
    event: z.literal("REQUEST_CLARIFICATION"),
    question: text(4000),
    days: z.coerce
      .number({ error: "proposalCommands.validation.daysNumber" })
      .int("proposalCommands.validation.daysWhole")
      .min(1, "proposalCommands.validation.daysAtLeastOne")
      .max(60, "proposalCommands.validation.daysAtMost60"),
  }),
  z.object({ event: z.literal("RESPOND"), message: text(8000) }),
  z.object({ event: z.literal("START_REVIEW") }),
  z.object({ event: z.literal("CLOSE_REVIEW"), reason: text(4000) }),
  z.object({
    event: z.literal("DECIDE"),
    outcome: z.enum(["promising", "notSelected"], { error: "proposalCommands.validation.outcome" }),
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
  z.object({ event: z.literal("DISCARD"), confirm: z.literal("on", { error: "proposalCommands.validation.discardTick" }) }),
  z.object({ event: z.literal("REJECT_CONCEPT"), reason: text(4000) }),
  z.object({ event: z.literal("CANCEL_IMPLEMENTATION"), reason: text(4000) }),
]);

export type CommandForm = z.infer<typeof commandSchema>;
