import { z } from "../zod";
import { multiLine } from "../free-text-schema";

export const invitePartnerSchema = z.object({
  intent: z.literal("invite"),
  institutionId: z.number({ error: "Choose an institution from the list." }).int().positive("Choose an institution from the list."),
  // The search the lead was looking at, to come back to it after the invitation.
  q: z.string().max(200).optional(),
  country: z.string().max(2).optional(),
});

export const removePartnerSchema = z.object({
  intent: z.literal("remove"),
  partnerId: z.number({ error: "Reload the page and try again." }).int().positive(),
  confirm: z.boolean({ error: "Tick the box to confirm that you want to remove this partner." }),
});

export const STATEMENT_MAX = 1000;

export const confirmPartnershipSchema = z.object({
  intent: z.literal("confirm"),
  statement: z
    .string({ error: "Describe your institution's role in a few sentences: the lead and the TAF team read it." })
    .trim()
    .min(10, "Describe your institution's role in at least one full sentence.")
    .max(STATEMENT_MAX, `Use at most ${STATEMENT_MAX} characters.`),
});

export const declinePartnershipSchema = z.object({
  intent: z.literal("decline"),
  reason: multiLine().trim().max(STATEMENT_MAX, `Use at most ${STATEMENT_MAX} characters.`).default(""),
  confirm: z.boolean({ error: "Tick the box to confirm: your institution will no longer see this proposal." }),
});
