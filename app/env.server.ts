import { isAbsolute, relative, resolve } from "node:path";
import { z } from "./zod";

// The environment is parsed once, at start: a wrong value stops the app with a message that
// names the variable, instead of failing later in a request.

/** A port written as plain digits: "0x10" or "1e3" are typos, not ports. */
const port = (min: number) =>
  z
    .string()
    .regex(/^\d{1,5}$/, "must be a port number, e.g. 3000")
    .transform(Number)
    .pipe(z.number().min(min, `must be a port number from ${min} to 65535`).max(65535, `must be a port number from ${min} to 65535`));

/** "no-reply@example.org" or "TAF portal <no-reply@example.org>". */
const sender = z.string().refine((value) => z.email().safeParse(/<([^<>]+)>\s*$/.exec(value)?.[1] ?? value.trim()).success, {
  error: "must be an e-mail address, e.g. TAF portal <no-reply@taf.example.org>",
});

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: port(1).default(3000),
  // An IP address or a host name of this machine; "0.0.0.0" listens on every address.
  HOST: z
    .string()
    .regex(/^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[?[0-9A-Fa-f:.]+\]?)$/, "must be an IP address or a host name, e.g. 127.0.0.1 or 0.0.0.0")
    .default("127.0.0.1"),
  DATABASE_PATH: z.string().min(1).default("data/taf.db"),
  // Uploaded attachments, under generated names. Never where the web server hands out files.
  ATTACHMENTS_PATH: z
    .string()
    .min(1)
    .default("data/attachments")
    .refine((path) => !["public", "build"].some((webRoot) => isInside(resolve(path), resolve(webRoot))), {
      error: "must not be inside public/ or build/: the web server serves those folders to anyone",
    }),
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.org:587" })
    .optional(),
  MAIL_FROM: sender.default("TAF portal <no-reply@taf-portal.localhost>"),
  // Where people write to the TAF team, e.g. about their personal data (the privacy notice).
  TAF_TEAM_EMAIL: z.email({ error: "must be an e-mail address, e.g. taf@example.org" }).default("taf-team@taf-portal.localhost"),
  // 0 lets the system choose a free port (the tests do).
  EMBEDDED_SMTP_PORT: port(0).default(2525),
  // Processes serving requests in production (node:cluster); unset: one per core. 1 keeps one process.
  WORKERS: z.coerce.number({ error: "must be a whole number of processes, e.g. 2" }).int("must be a whole number of processes, e.g. 2").min(1, "must be at least 1").max(64, "must be at most 64").optional(),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  DEMO_DATA: z.enum(["auto", "off"]).default("auto"),
  // Behind a reverse proxy, the client's address comes from X-Forwarded-For (rate limits need it).
  TRUST_PROXY: z.stringbool().default(false),
  // Offers the pseudo-language en-XA (?lng=en-XA) for checking layouts; development always does.
  PSEUDO_LANGUAGE: z.stringbool().default(false),
  // The Chromium that prints PDFs; where there is none, printable pages offer the browser's own Print.
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
});

function isInside(path: string, folder: string) {
  const rest = relative(folder, path);
  return rest === "" || (!rest.startsWith("..") && !isAbsolute(rest));
}

export type Env = z.infer<typeof schema> & { APP_URL: string };

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  // Empty strings mean "not set", as they do in most deployment tools.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const parsed = result.data;
  const appUrl = (parsed.APP_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/+$/, "");
  return { ...parsed, APP_URL: appUrl };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
