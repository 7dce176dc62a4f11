import type { FieldMetadata } from "@conform-to/react";
import { z } from "zod";
import { INSTITUTION_TYPE_LABELS, INSTITUTION_TYPES } from "../../workflows/vocabulary";
import { countryLabel } from "../../workflows/countries";
import { CheckboxField, SelectField, TextField } from "./fields";


export const institutionTypeOptions = INSTITUTION_TYPES.map((type) => ({ value: type, label: INSTITUTION_TYPE_LABELS[type] }));

/** "Chapters 23 and 24", "Chapter 24", or null when no mandate is recorded. */
export function mandateText(chapter23: boolean, chapter24: boolean) {
  if (chapter23 && chapter24) return "Chapters 23 and 24";
  if (chapter23) return "Chapter 23";
  if (chapter24) return "Chapter 24";
  return null;
}

const AUDIT_ACTION_LABELS: Record<string, string> = {
  institutionCreated: "Added to the directory",
  institutionUpdated: "Details changed",
  institutionDeactivated: "Deactivated",
  institutionReactivated: "Reactivated",
};

export function institutionAuditLabel(action: string) {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

export type CountryChoice = { code: string; name: string; needsFootnote: boolean };

/** Options for a country select; option text cannot hold a link, so Kosovo* carries a plain asterisk. */
export function countryOptions(countries: CountryChoice[]) {
  return countries.map((c) => ({ value: c.code, label: countryLabel(c.name, c.needsFootnote) }));
}

// One schema for adding and editing, used by the server and the browser. A missing mandate is
// allowed (the page warns): whether it makes a proposal ineligible is the round's criterion to
// judge, and the directory should record the institution as it is.
export const institutionSchema = z.object({
  name: z
    .string({ error: "Enter the institution's name." })
    .trim()
    .min(2, "Enter the institution's full name.")
    .max(200, "Use at most 200 characters."),
  countryCode: z.string({ error: "Choose the country." }).regex(/^[A-Z]{2}$/, "Choose the country."),
  type: z.enum(INSTITUTION_TYPES, { error: "Choose the type of institution." }),
  chapter23: z.boolean().default(false),
  chapter24: z.boolean().default(false),
  active: z.boolean().default(false),
});

export type InstitutionInput = z.infer<typeof institutionSchema>;

type Meta = FieldMetadata<string | number | boolean | undefined | null>;

/** The fields of the add and edit forms. */
export function InstitutionFields({
  fields,
  countries,
}: {
  fields: Record<"name" | "countryCode" | "type" | "chapter23" | "chapter24" | "active", Meta>;
  countries: CountryChoice[];
}) {
  return (
    <>
      <TextField label="Name" hint="The official name in English, e.g. “Prosecutor's Office for Organised Crime of Serbia”." meta={fields.name} />
      <SelectField label="Country" meta={fields.countryCode} options={countryOptions(countries)} emptyOption="Choose a country" />
      <SelectField label="Type of institution" meta={fields.type} options={institutionTypeOptions} emptyOption="Choose a type" />
      <div className="field">
        <fieldset>
        <legend>Mandate under the EU acquis</legend>
        <span className="hint">
          Eligible institutions have a mandate under Chapter 23, Chapter 24 or both. You can save an institution
          without one, but proposals it takes part in may then fail the eligibility check.
        </span>
        <CheckboxField label="Chapter 23: judiciary and fundamental rights" meta={fields.chapter23} />
        <CheckboxField label="Chapter 24: justice, freedom and security" meta={fields.chapter24} />
        </fieldset>
      </div>
      <CheckboxField
        label="Active"
        hint="An institution that is not active keeps its people and history, but cannot be chosen for new accounts."
        meta={fields.active}
      />
    </>
  );
}
