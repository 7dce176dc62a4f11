import { z } from "../zod";

// The forms of the second factor, checked alike by the server and the browser. Messages are
// catalogue keys (locales/*.json).

/** A six-digit code from the app or a recovery code; spaces typed for readability are dropped. */
export const secondFactorCodeSchema = z.object({
  code: z
    .string({ error: "validation.secondFactorCode" })
    .max(40, "validation.secondFactorCode")
    .transform((code) => code.replace(/\s+/g, ""))
    .pipe(z.string().min(1, "validation.secondFactorCode")),
  redirectTo: z.string().optional(),
});

/** Which roles must sign in with a second factor: a ticked box sends "on". */
export const secondFactorRequirementsSchema = z.object({
  administrator: z.literal("on").optional().transform((ticked) => ticked === "on"),
  reviewer: z.literal("on").optional().transform((ticked) => ticked === "on"),
});
