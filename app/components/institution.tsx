import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { INSTITUTION_TYPE_LABELS, INSTITUTION_TYPES, institutionTypeLabel } from "../../workflows/vocabulary";
import type { Translate } from "../../workflows/words";
import { countryLabel, WB6_COUNTRIES } from "../../workflows/countries";
import type { CountryChoice } from "../institutions/institution-schema";
import { CheckboxField, SelectField, TextField } from "./fields";

/** The types in English, for the pages that still write English (the institutions' list). */
export const institutionTypeOptions = INSTITUTION_TYPES.map((type) => ({ value: type, label: INSTITUTION_TYPE_LABELS[type] }));

/** The types in the page's language. */
export function institutionTypeOptionsIn(t: Translate) {
  return INSTITUTION_TYPES.map((type) => ({ value: type, label: institutionTypeLabel(type, t) }));
}

/** "Chapters 23 and 24", "Chapter 24", or null when no mandate is recorded; in the page's words when given `t`. */
export function mandateText(chapter23: boolean, chapter24: boolean, t?: Translate) {
  if (chapter23 && chapter24) return t ? t("institutionCard.mandate.both") : "Chapters 23 and 24";
  if (chapter23) return t ? t("institutionCard.mandate.chapter23") : "Chapter 23";
  if (chapter24) return t ? t("institutionCard.mandate.chapter24") : "Chapter 24";
  return null;
}

/**
 * Options for a country select; option text cannot hold a link, so Kosovo* carries a plain
 * asterisk. Given `t`, the WB6 are named in the page's language.
 */
export function countryOptions(countries: CountryChoice[], t?: Translate) {
  return countries.map((c) => {
    const wb6 = t ? WB6_COUNTRIES.find((country) => country.code === c.code) : undefined;
    return { value: c.code, label: countryLabel(wb6 && t ? t(wb6.key) : c.name, c.needsFootnote) };
  });
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
      <TextField label={t("institutionCard.name")} hint={t("institutionCard.nameHint")} meta={fields.name} />
      <SelectField label={t("institutionCard.country")} meta={fields.countryCode} options={countryOptions(countries, t)} emptyOption={t("institutionCard.chooseCountry")} />
      <SelectField label={t("institutionCard.type")} meta={fields.type} options={institutionTypeOptionsIn(t)} emptyOption={t("institutionCard.chooseType")} />
      <div className="field">
        <fieldset>
          <legend>{t("institutionCard.mandate.legend")}</legend>
          <span className="hint">{t("institutionCard.mandate.hint")}</span>
          <CheckboxField label={t("institutionCard.mandate.chapter23Field")} meta={fields.chapter23} />
          <CheckboxField label={t("institutionCard.mandate.chapter24Field")} meta={fields.chapter24} />
        </fieldset>
      </div>
      <CheckboxField label={t("institutionCard.active")} hint={t("institutionCard.activeHint")} meta={fields.active} />
    </>
  );
}
