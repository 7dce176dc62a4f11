import { useTranslation } from "../../translation";
import type { implementationPage } from "../../proposals/implementation.server";
import { CountryName } from "../country";

// Its own module, without the implementation page's forms: the activity timeline shows it too,
// and should not load the forms' validation (zod, Conform) for it.

type Activity = ReturnType<typeof implementationPage>["activities"][number];

/** "Kosovo*: 10 planned, 9 held": the countries taking part, with their numbers where given (a plan copied from the concept note names countries only). */
export function ParticipantsByCountry({ activity }: { activity: Pick<Activity, "byCountry"> }) {
  const { t } = useTranslation();
  if (!activity.byCountry.length) return <span className="muted">{t("implementationPage.activity.noCountry")}</span>;
  return (
    <ul className="plain">
      {activity.byCountry.map((country) => (
        <li key={country.code}>
          <CountryName name={country.name} needsFootnote={country.needsFootnote} />
          {country.planned !== null || country.held !== null
            ? `: ${[country.planned !== null ? t("implementationPage.activity.plannedNumber", { number: country.planned }) : "", country.held !== null ? t("implementationPage.activity.heldNumber", { number: country.held }) : ""].filter(Boolean).join(", ")}`
            : null}
        </li>
      ))}
    </ul>
  );
}
