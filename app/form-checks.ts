import { parse, type Submission } from "@conform-to/react";

// A form's checks in the browser without its zod schema (15 KiB of zod and 4 of Conform's
// adapter a page would otherwise load, issue 13). The server reads the schema (forms.server.ts,
// `browserChecks`): what it asks of each field as HTML constraints (required, maxlength, min,
// max, pattern), which Conform puts on the inputs, and for each the schema's own message. The
// browser asks the inputs whether they meet them (the constraint validation of the DOM) and
// shows that message beside the field, in the page's language (FieldError), as soon as the
// person leaves the field. What constraints cannot say (two fields that must agree, a rule of
// the programme) the server says on submit, beside the field, with or without JavaScript.

/** The validity flags of the DOM a field's message is kept for. */
export const CHECKED_VALIDITY = ["valueMissing", "typeMismatch", "tooShort", "tooLong", "rangeUnderflow", "rangeOverflow", "patternMismatch"] as const;
export type CheckedValidity = (typeof CHECKED_VALIDITY)[number];

type Constraint = { required?: boolean; minLength?: number; maxLength?: number; min?: string | number; max?: string | number; step?: string | number; multiple?: boolean; pattern?: string };

/** What a form asks of its fields, from its schema: Conform's constraints and the schema's message for each failure. */
export type BrowserChecks = {
  constraint: Record<string, Constraint>;
  messages: Record<string, Partial<Record<CheckedValidity, string>>>;
};

/**
 * Conform's `onValidate`: each field's first failed constraint, as the schema's message (a
 * catalogue key). Typed as the schema's form (`checkInBrowser<z.input<typeof schema>>`), whose
 * value the server alone makes.
 */
export function checkInBrowser<Schema extends Record<string, unknown>>(form: HTMLFormElement, formData: FormData, checks: BrowserChecks): Submission<Schema, string[]> {
  return parse<Schema, string[]>(formData, {
    resolve(value) {
      const error: Record<string, string[]> = {};
      for (const element of Array.from(form.elements)) {
        const name = element.getAttribute("name");
        // A list's field (`activities[3].title`) has the messages of every item's (`activities[].title`).
        const messages = name ? (checks.messages[name] ?? checks.messages[name.replace(/\[\d+\]/g, "[]")]) : undefined;
        if (!name || !messages || !("validity" in element) || error[name]) continue;
        const validity = (element as HTMLInputElement).validity;
        const failed = CHECKED_VALIDITY.find((flag) => validity[flag]);
        if (failed) error[name] = [messages[failed] ?? messages.valueMissing ?? (element as HTMLInputElement).validationMessage];
      }
      return Object.keys(error).length ? { error } : { value: value as Schema };
    },
  });
}
