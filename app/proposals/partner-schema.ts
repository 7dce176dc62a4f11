import { z } from "../zod";
import { multiLine } from "../free-text-schema";

export const invitePartnerSchema = z.object({
  intent: z.literal("invite"),
  institutionId: z.number({ error: "partnerValidation.institution" }).int().positive("partnerValidation.institution"),
  // The search the lead was looking at, to come back to it after the invitation.
  q: z.string().max(200).optional(),
  country: z.string().max(2).optional(),
});

export const removePartnerSchema = z.object({
  intent: z.literal("remove"),
  partnerId: z.number({ error: "partnerValidation.reload" }).int().positive(),
  confirm: z.boolean({ error: "partnerValidation.confirmRemoval" }),
});

export const STATEMENT_MAX = 1000;

export const confirmPartnershipSchema = z.object({
  intent: z.literal("confirm"),
  statement: z
    .string({ error: "partnerValidation.statement" })
    .trim()
    .min(10, "partnerValidation.statementTooShort")
    .max(STATEMENT_MAX, "partnerValidation.tooLong"),
});

export const declinePartnershipSchema = z.object({
  intent: z.literal("decline"),
  reason: multiLine().trim().max(STATEMENT_MAX, "partnerValidation.tooLong").default(""),
  confirm: z.boolean({ error: "partnerValidation.confirmDecline" }),
});
