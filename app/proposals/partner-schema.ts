import { z } from "zod";

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
