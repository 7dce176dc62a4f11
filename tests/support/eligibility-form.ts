import type { EligibilitySettingsPage } from "../../app/rounds/eligibility.server";

/** The eligibility page's form as a browser sends it, from what the page shows, with some fields changed. */
export function eligibilityForm(page: EligibilitySettingsPage, changes: Record<string, string | null> = {}) {
  const form: Record<string, string | null> = {
    version: String(page.round.version),
    minimumCountries: String(page.minimumCountries),
    ...(page.round.mode === "deadline" ? { graceHours: String(page.graceHours) } : {}),
  };
  page.criteria.forEach((criterion, index) => {
    form[`criteria[${index}].id`] = criterion.id;
    form[`criteria[${index}].applies`] = criterion.applies ? "on" : null;
    form[`criteria[${index}].name`] = criterion.name;
    form[`criteria[${index}].guidance`] = criterion.guidance;
  });
  Object.assign(form, changes);
  // A field set to null is one the browser does not send, as an unticked box.
  return Object.fromEntries(Object.entries(form).filter((entry): entry is [string, string] => entry[1] !== null));
}
