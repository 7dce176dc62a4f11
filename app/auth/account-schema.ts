import { z } from "../zod";
import { newPasswordSchema } from "./password-rules";

// The forms of signing in and of choosing a password, checked alike by the server and the browser.
// Their messages are catalogue keys: the page shows them in its language (FieldError, and
// translateReply in the action).

const emailField = z
  .email({ error: "validation.email" })
  .max(254)
  .transform((e) => e.toLowerCase());

export const signInSchema = z.object({
  email: emailField,
  password: z.string({ error: "validation.password" }).max(200, "validation.password"),
  redirectTo: z.string().optional(),
});

export const passwordResetRequestSchema = z.object({ email: emailField });

export const setPasswordSchema = z
  .object({ password: newPasswordSchema, confirmation: z.string({ error: "validation.confirmation" }) })
  .refine((v) => v.password === v.confirmation, { path: ["confirmation"], message: "validation.confirmationDiffers" });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "accountPage.validation.currentPassword" }).max(200),
    password: newPasswordSchema,
    confirmation: z.string({ error: "accountPage.validation.confirmation" }),
  })
  .refine((v) => v.password === v.confirmation, { path: ["confirmation"], message: "accountPage.validation.confirmationDiffers" });
