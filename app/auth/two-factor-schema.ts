import { singleLine } from "../free-text-schema";
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

/** Naming a new passkey; `credential` is the browser's answer (JSON), filled in by the page's script. */
export const passkeyAddSchema = z.object({
  name: singleLine({ error: "passkeys.validation.name" }).pipe(z.string().min(1, "passkeys.validation.name").max(60, "passkeys.validation.nameLength")),
  credential: z.string({ error: "passkeys.refusal.notAccepted" }).max(20_000, "passkeys.refusal.notAccepted"),
});

/** Removing one of one's passkeys. */
export const passkeyRemoveSchema = z.object({ passkeyId: z.coerce.number().int().positive() });

/** A passkey's signature in the second step of signing in (JSON, filled in by the page's script). */
export const passkeySignInSchema = z.object({
  credential: z.string({ error: "passkeys.refusal.notAccepted" }).max(20_000, "passkeys.refusal.notAccepted"),
  redirectTo: z.string().optional(),
});
