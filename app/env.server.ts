import { isAbsolute, relative, resolve } from "node:path";
import { z } from "zod";

// The environment is parsed once, at start: a wrong value stops the app with a message that
// names the variable, instead of failing later in a request.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
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
  MAIL_FROM: z.string().min(3).default("TAF portal <no-reply@taf-portal.localhost>"),
  EMBEDDED_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  DEMO_DATA: z.enum(["auto", "off"]).default("auto"),
  // Behind a reverse proxy, the client's address comes from X-Forwarded-For (rate limits need it).
  TRUST_PROXY: z.stringbool().default(false),
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
