import { z } from "../zod";

// Shared by the server and the browser: the form says what the server will check. Messages
// are catalogue keys (locales/*.json), which name the length as {{passwordMinLength}}.
export const PASSWORD_MIN_LENGTH = 12;

export const newPasswordSchema = z
  .string({ error: "validation.newPassword" })
  .min(PASSWORD_MIN_LENGTH, "validation.newPasswordTooShort")
  .max(200, "validation.newPasswordTooLong");
