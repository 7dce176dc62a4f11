import { z } from "zod";

// Shared by the server and the browser: the form says what the server will check.
export const PASSWORD_MIN_LENGTH = 12;

export const newPasswordSchema = z
  .string({ error: "Enter a password." })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters. A short sentence is easy to remember.`)
  .max(200, "Use at most 200 characters.");
