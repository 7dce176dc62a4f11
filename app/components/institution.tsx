import type { FieldMetadata } from "@conform-to/react";
import { INSTITUTION_TYPE_LABELS, INSTITUTION_TYPES } from "../../workflows/vocabulary";
import { countryLabel } from "../../workflows/countries";
import type { CountryChoice } from "../institutions/institution-schema";
import { CheckboxField, SelectField, TextField } from "./fields";

export const institutionTypeOptions = INSTITUTION_TYPES.map((type) => ({ value: type, label: INSTITUTION_TYPE_LABELS[type] }));

/** "Chapters 23 and 24", "Chapter 24", or null when no mandate is recorded. */
export function mandateText(chapter23: boolean, chapter24: boolean) {
  if (chapter23 && chapter24) return "Chapters 23 and 24";
  if (chapter23) return "Chapter 23";
  if (chapter24) return "Chapter 24";
  return null;
}

/** Options for a country select; option text cannot hold a link, so Kosovo* carries a plain asterisk. */
export function countryOptions(countries: CountryChoice[]) {
  return countries.map((c) => ({ value: c.code, label: countryLabel(c.name, c.needsFootnote) }));
}

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
