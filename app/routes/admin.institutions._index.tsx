import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import type { InstitutionType } from "../../db/schema";
import { CountryName } from "../components/country";
import { INSTITUTION_TYPES, institutionTypeLabel } from "../../workflows/vocabulary";
import { countryOptions, countryWordIn, institutionTypeOptions, mandateText } from "../components/institution";
import { useTextLanguage } from "../components/text-language";
import { listCountries, listInstitutions } from "../institutions/institutions.server";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";
import { FilterSelect } from "../components/filter-select";
import { countIn } from "../components/count";
import { Pagination } from "../components/pagination";
import type { PageLanguage } from "../../workflows/languages";
import { translatorOf } from "../i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manageInstitutions");
  const params = new URL(request.url).searchParams;
  const countries = listCountries();
  const status = params.get("status");
  const filter = {
    search: params.get("q")?.trim().slice(0, 200) || undefined,
    countryCode: countries.find((c) => c.code === params.get("country"))?.code,
    type: INSTITUTION_TYPES.find((t): t is InstitutionType => t === params.get("type")),
    status: status === "active" || status === "inactive" ? (status as "active" | "inactive") : undefined,
  };
  const { rows, pages } = listInstitutions(
    { search: filter.search, countryCode: filter.countryCode, type: filter.type, active: filter.status === undefined ? undefined : filter.status === "active" },
    requestedPage(request),
  );
  const t = await translatorOf(request);
  return { title: t("layout.pageTitle", { page: t("institutionsPage.title") }), filter, countries, institutions: rows, pages };
}

export default function Institutions() {
  const { filter, countries, institutions, pages } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  // The directory names institutions as they are registered: in English.
  const namesLanguage = useTextLanguage("en");
  const filtered = Boolean(filter.search || filter.countryCode || filter.type || filter.status);
  return (
    <>
      <div className="page-head">
        <h1>{t("institutionsPage.title")}</h1>
        <Link to="/admin/institutions/new" className="button">
          {t("institutionsPage.add")}
        </Link>
      </div>
      <Form method="get" className="filters" role="search" aria-label={t("institutionsPage.find")}>
        <div className="field">
          <label htmlFor="institutions-q">{t("institutionForm.name")}</label>
          <input id="institutions-q" type="search" name="q" defaultValue={filter.search ?? ""} />
        </div>
        <FilterSelect id="institutions-country" name="country" label={t("institutionForm.country")} value={filter.countryCode} anyLabel={t("institutionsPage.allCountries")} options={countryOptions(countries, t)} />
        <FilterSelect id="institutions-type" name="type" label={t("institutionsPage.column.type")} value={filter.type} anyLabel={t("institutionsPage.allTypes")} options={institutionTypeOptions(t)} />
        <FilterSelect
          id="institutions-status"
          name="status"
          label={t("peoplePage.column.status")}
          value={filter.status}
          anyLabel={t("institutionsPage.anyStatus")}
          options={[
            { value: "active", label: t("institutionsPage.activeOnly") },
            { value: "inactive", label: t("institutionsPage.inactiveOnly") },
          ]}
        />
        <div className="actions">
          <button type="submit">{t("institutionsPage.show")}</button>
          {filtered ? <Link to="/admin/institutions">{t("peoplePage.clear")}</Link> : null}
        </div>
      </Form>
      {institutions.length ? (
        <>
          <div className="table-scroll">
            <table className="stacked">
              <caption>
                {filtered ? t("institutionsPage.captionMatching", { count: pages.total }) : t("institutionsPage.caption", { count: pages.total })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("institutionForm.name")}</th>
                  <th scope="col">{t("institutionForm.country")}</th>
                  <th scope="col">{t("institutionsPage.column.type")}</th>
                  <th scope="col">{t("institutionsPage.column.mandate")}</th>
                  <th scope="col">{t("institutionsPage.column.applicants")}</th>
                  <th scope="col">{t("peoplePage.column.status")}</th>
                </tr>
              </thead>
              <tbody>
                {institutions.map((institution) => {
                  const mandate = mandateText(institution.chapter23, institution.chapter24, t);
                  return (
                    <tr key={institution.id}>
                      <td className="text" data-label={t("institutionForm.name")}>
                        <Link to={`/admin/institutions/${institution.id}`} {...namesLanguage}>
                          {institution.name}
                        </Link>
                      </td>
                      <td data-label={t("institutionForm.country")}>
                        <CountryName name={countryWordIn(institution.countryCode, t)} needsFootnote={institution.countryNeedsFootnote} />
                      </td>
                      <td data-label={t("institutionsPage.column.type")}>{institutionTypeLabel(institution.type, t)}</td>
                      <td className="text" data-label={t("institutionsPage.column.mandate")}>
                        {mandate ?? <span className="badge warn">{t("institutionsPage.noMandate")}</span>}
                      </td>
                      <td data-label={t("institutionsPage.column.applicants")}>{countIn(i18n.language as PageLanguage, institution.applicants)}</td>
                      <td data-label={t("peoplePage.column.status")}>
                        {institution.active ? <span className="badge ok">{t("institutionsPage.active")}</span> : <span className="badge off">{t("institutionsPage.inactive")}</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pagination pages={pages} label={t("institutionsPage.rows")} />
        </>
      ) : (
        <p className="empty">
          {filtered ? t("institutionsPage.noneMatching") : t("institutionsPage.empty")}
        </p>
      )}
    </>
  );
}
