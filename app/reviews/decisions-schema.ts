import { z } from "../zod";
import { multiLine } from "../free-text-schema";

// The forms of a round's decisions page, where the ranking's decision form posts too. zod checks the shape; whether a proposal may be decided
// now, and whether a reason is needed, is the statechart's to say (asked as a dry run). The
// messages are catalogue keys (locales/<language>/review.json), translated by the route.

/**
 * What a form was shown of a proposal's decision: the version of its held decision (0: none)
 * and, on the proposal's own page, the proposal's version too.
 */
export type SeenDecision = { decision: number; proposal?: number };

// "proposalId:version" for each proposal the page listed, 0 where it showed no held decision:
// a decision changed meanwhile is not overwritten, nor withdrawn, by a form that never saw it.
const heldVersions = z
  .array(z.string().regex(/^\d+:\d+$/, "decisionsPage.validation.outOfDate"))
  .default([])
  .transform((pairs): Record<number, SeenDecision> => Object.fromEntries(pairs.map((pair) => pair.split(":").map(Number)).map(([proposalId, decision]) => [proposalId, { decision }])));

const text = (max: number, tooLong: string) => multiLine().trim().max(max, tooLong).default("");

export const decisionFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("record"),
    proposalId: z.array(z.coerce.number().int().positive()).min(1, "decisionsPage.validation.tickOne"),
    outcome: z.enum(["promising", "notSelected"], { error: "decisionsPage.validation.outcome" }),
    priority: z.literal("on").optional(),
    reason: text(4000, "decisionsPage.validation.reasonTooLong"),
    sharedFeedback: text(8000, "decisionsPage.validation.sharedFeedbackTooLong"),
    heldVersion: heldVersions,
  }),
  z.object({ intent: z.literal("withdraw"), proposalId: z.coerce.number().int().positive(), heldVersion: heldVersions }),
  z.object({
    intent: z.literal("release"),
    confirm: z.literal("on", { error: "decisionsPage.validation.confirm" }),
  }),
]);

export type DecisionForm = z.infer<typeof decisionFormSchema>;
