import { z } from "./zod";

// Browser-safe: the activity page's search, from its address, so a search can be shared and the
// form works without JavaScript. Dates are calendar days on the Brussels clock, as a date field
// sends them; one that is not a date is named back to the person rather than ignored unseen.

const day = z
  .string()
  .trim()
  .refine((text) => /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text, {
    message: "auditPage.dateUnreadable",
  });

export const activitySearchSchema = z
  .object({
    proposal: z.string().trim().max(200).optional(),
    person: z.string().trim().max(200).optional(),
    kind: z
      .string()
      .regex(/^(proposal|audit):[A-Za-z_.]{1,80}$/)
      .optional()
      .catch(undefined),
    from: day.optional(),
    to: day.optional(),
  })
  .refine((search) => !search.from || !search.to || search.from <= search.to, { message: "auditPage.daysReversed", path: ["to"] });

export type ActivitySearch = z.infer<typeof activitySearchSchema>;
