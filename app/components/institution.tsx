import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "../translation";
import { INSTITUTION_TYPES, institutionTypeLabel } from "../../workflows/vocabulary";
import { countryNameIn, WB6_COUNTRIES } from "../../workflows/countries";
import type { Translate } from "../../workflows/words";
import type { CountryChoice } from "../institutions/institution-schema";
import { CheckboxField, SelectField, TextField } from "./fields";

export function institutionTypeOptions(t: Translate) {
  return INSTITUTION_TYPES.map((type) => ({ value: type, label: institutionTypeLabel(type, t) }));
}

/** "Chapters 23 and 24", "Chapter 24", or null when no mandate is recorded. */
export function mandateText(chapter23: boolean, chapter24: boolean, t: Translate) {
  if (chapter23 && chapter24) return t("institutionForm.mandate.both");
  if (chapter23) return t("institutionForm.mandate.chapter23");
  if (chapter24) return t("institutionForm.mandate.chapter24");
  return null;
}

/** A country's name in the reader's words, without the asterisk CountryName adds with its link. */
export function countryWordIn(code: string, t: Translate): string {
  const country = WB6_COUNTRIES.find((c) => c.code === code);
  return country ? t(country.key) : countryNameIn(code, t);
}

/** Options for a country select; option text cannot hold a link, so Kosovo* carries a plain asterisk. */
export function countryOptions(countries: CountryChoice[], t: Translate) {
  return countries.map((c) => ({ value: c.code, label: countryNameIn(c.code, t) }));
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
  const { t } = useTranslation();
  return (
    <>
      <TextField label={t("institutionForm.name")} hint={t("institutionForm.nameHint")} meta={fields.name} />
      <SelectField label={t("institutionForm.country")} meta={fields.countryCode} options={countryOptions(countries, t)} emptyOption={t("personForms.field.chooseCountry")} />
      <SelectField label={t("institutionForm.type")} meta={fields.type} options={institutionTypeOptions(t)} emptyOption={t("institutionForm.chooseType")} />
      <div className="field">
        <fieldset>
        <legend>{t("institutionForm.mandateLegend")}</legend>
        <span className="hint">{t("institutionForm.mandateHint")}</span>
        <CheckboxField label={t("institutionForm.chapter23")} meta={fields.chapter23} />
        <CheckboxField label={t("institutionForm.chapter24")} meta={fields.chapter24} />
        </fieldset>
      </div>
      <CheckboxField label={t("institutionForm.active")} hint={t("institutionForm.activeHint")} meta={fields.active} />
    </>
  );
}
