import { z } from "zod";
import { newPasswordSchema } from "./password-rules";

// The forms of signing in and of choosing a password, checked alike by the server and the browser.

const emailField = z
  .email({ error: "Enter your e-mail address, like name@police.gov.rs." })
  .max(254)
  .transform((e) => e.toLowerCase());

export const signInSchema = z.object({
  email: emailField,
  password: z.string({ error: "Enter your password." }).max(200, "Enter your password."),
  redirectTo: z.string().optional(),
});

export const passwordResetRequestSchema = z.object({ email: emailField });

export const setPasswordSchema = z
  .object({ password: newPasswordSchema, confirmation: z.string({ error: "Type the password again." }) })
  .refine((v) => v.password === v.confirmation, { path: ["confirmation"], message: "The two passwords are not the same." });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Enter your current password." }).max(200),
    password: newPasswordSchema,
    confirmation: z.string({ error: "Type the new password again." }),
  })
  .refine((v) => v.password === v.confirmation, { path: ["confirmation"], message: "The two new passwords are not the same." });
