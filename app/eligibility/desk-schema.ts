import { z } from "../zod";
import { multiLine } from "../free-text-schema";
import { ELIGIBILITY_CRITERIA } from "../../workflows/eligibility";
import type { CriterionId } from "../../workflows/eligibility";
import { overrideField } from "./desk";

// The forms beside each proposal on the eligibility desk. zod checks the shape; which criteria
// need a reason is read from the proposal's latest automatic check (desk.server.ts), and whether
// the step is allowed is the statechart's to say.

// The messages are catalogue keys; the desk translates them (desk.server.ts).
const text = (max: number, tooLong: string) => multiLine().trim().max(max, tooLong).default("");
const said = (missing: string) => text(4000, "roundForm.error.atMost4000").pipe(z.string().min(1, missing));

const about = {
  proposalId: z.coerce.number({ error: "eligibilityDesk.error.noProposal" }).int().positive(),
  version: z.coerce.number({ error: "eligibilityDesk.error.outOfDate" }).int().nonnegative(),
};

const overrides = z.object(Object.fromEntries(ELIGIBILITY_CRITERIA.map((criterion) => [criterion.id, text(2000, "eligibilityDesk.error.atMost2000")])) as Record<CriterionId, ReturnType<typeof text>>);

export const deskFormSchema = z.preprocess(
  (form) => {
    const values = (form ?? {}) as Record<string, unknown>;
    return { ...values, overrides: Object.fromEntries(ELIGIBILITY_CRITERIA.map((criterion) => [criterion.id, values[overrideField(criterion.id)]])) };
  },
  z.discriminatedUnion("intent", [
    z.object({ intent: z.literal("confirm"), ...about, overrides }),
    z.object({ intent: z.literal("ineligible"), ...about, reason: said("eligibilityDesk.error.reason") }),
    z.object({
      intent: z.literal("clarify"),
      ...about,
      question: said("eligibilityDesk.error.question"),
      dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "eligibilityDesk.error.dueOn"),
    }),
    z.object({ intent: z.literal("recheck"), ...about }),
  ], { error: "eligibilityDesk.error.unknownAction" }),
);

export type DeskForm = z.infer<typeof deskFormSchema>;
export type DeskIntent = DeskForm["intent"];
