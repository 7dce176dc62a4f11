import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { BrowserChecks, CheckedValidity } from "./form-checks";
import { translatorOf } from "./i18n.server";
import type { z } from "./zod";

// Every form a page posts is read here, so malformed requests get one clear answer, in the
// reader's language, not a 500.

/** List fields (`activities[3].title`) beyond this position are refused, not built. */
const MAX_LIST_POSITION = 200;

/**
 * The posted form. A body that is not a form answers 415; a field name with an absurd list
 * position answers 400 before any form library builds a list that long from it.
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    throw new Response((await translatorOf(request))("refusalPage.notAForm.explanation"), { status: 415 });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response((await translatorOf(request))("access.formUnreadable"), { status: 400 });
  }
  for (const name of form.keys()) {
    for (const [, position] of name.matchAll(/\[(\d+)\]/g)) {
      if (Number(position) > MAX_LIST_POSITION) throw new Response((await translatorOf(request))("access.formMalformed"), { status: 400 });
    }
  }
  return form;
}

/**
 * What a form's schema asks, for the page to check in the browser without zod (app/form-checks.ts):
 * its constraints, and the message the schema itself gives when each is not met, found by
 * asking it about a value that fails just that constraint. Same schema, same words.
 */
export function browserChecks(schema: z.ZodType): BrowserChecks {
  let checks = checksOf.get(schema);
  if (!checks) checksOf.set(schema, (checks = checksFrom(schema)));
  return checks;
}

// A schema's checks are the same on every request: found once.
const checksOf = new WeakMap<z.ZodType, BrowserChecks>();

function checksFrom(schema: z.ZodType): BrowserChecks {
  const constraint = getZodConstraint(schema);
  const messages: BrowserChecks["messages"] = {};
  for (const [name, asked] of Object.entries(constraint)) {
    // A list's fields (`activities[].title`) are asked about as its first item's. An item or an
    // object (`rating.guidance`) exists only if one of its fields is sent, so a missing value
    // within one is sent empty, which Conform reads as missing.
    const nested = /[.[]/.test(name);
    const probed = name.replaceAll("[]", "[0]");
    const messageFor = (value: string | null) => {
      const form = new FormData();
      if (value !== null) form.set(probed, value);
      else if (nested) form.set(probed, "");
      const submission = parseWithZod(form, { schema });
      return submission.status === "error" ? submission.error?.[probed]?.[0] : undefined;
    };
    const probes: Partial<Record<CheckedValidity, string | null>> = {
      valueMissing: asked.required ? null : undefined,
      typeMismatch: "?",
      tooShort: asked.minLength ? "x".repeat(asked.minLength - 1) : undefined,
      tooLong: asked.maxLength !== undefined ? "x".repeat(asked.maxLength + 1) : undefined,
      rangeUnderflow: asked.min !== undefined ? String(Number(asked.min) - 1) : undefined,
      rangeOverflow: asked.max !== undefined ? String(Number(asked.max) + 1) : undefined,
      patternMismatch: asked.pattern ? "?" : undefined,
    };
    const field: Partial<Record<CheckedValidity, string>> = {};
    for (const [flag, value] of Object.entries(probes) as [CheckedValidity, string | null | undefined][]) {
      const message = value === undefined ? undefined : messageFor(value);
      if (message) field[flag] = message;
    }
    messages[name] = field;
  }
  return { constraint, messages };
}
