import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { InstitutionType } from "../../db/schema";
import { CountryName } from "../components/country";
import { INSTITUTION_TYPE_LABELS, INSTITUTION_TYPES } from "../../workflows/vocabulary";
import { countryOptions, institutionTypeOptions, mandateText } from "../components/institution";
import { listCountries, listInstitutions } from "../institutions/institutions.server";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";
import { FilterSelect } from "../components/filter-select";
import { Pagination } from "../components/pagination";

export const meta: MetaFunction = () => [{ title: "Institutions · TAF portal" }];

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
  return { filter, countries, institutions: rows, pages };
}

export default function Institutions() {
  const { filter, countries, institutions, pages } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.search || filter.countryCode || filter.type || filter.status);
  return (
    <>
      <div className="page-head">
        <h1>Institutions</h1>
        <Link to="/admin/institutions/new" className="button">
          Add an institution
        </Link>
      </div>
      <Form method="get" className="filters" role="search" aria-label="Find institutions">
        <div className="field">
          <label htmlFor="institutions-q">Name</label>
          <input id="institutions-q" type="search" name="q" defaultValue={filter.search ?? ""} />
        </div>
        <FilterSelect id="institutions-country" name="country" label="Country" value={filter.countryCode} anyLabel="All countries" options={countryOptions(countries)} />
        <FilterSelect id="institutions-type" name="type" label="Type" value={filter.type} anyLabel="All types" options={institutionTypeOptions} />
        <FilterSelect
          id="institutions-status"
          name="status"
          label="Status"
          value={filter.status}
          anyLabel="Active and not active"
          options={[
            { value: "active", label: "Active only" },
            { value: "inactive", label: "Not active only" },
          ]}
        />
        <div className="actions">
          <button type="submit">Show institutions</button>
          {filtered ? <Link to="/admin/institutions">Clear the filters</Link> : null}
        </div>
      </Form>
      {institutions.length ? (
        <>
          <div className="table-scroll">
            <table className="stacked">
              <caption>
                {pages.total === 1 ? "1 institution" : `${pages.total} institutions`}
                {filtered ? " match" : ""}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Country</th>
                  <th scope="col">Type</th>
                  <th scope="col">Mandate</th>
                  <th scope="col">Applicants</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {institutions.map((institution) => {
                  const mandate = mandateText(institution.chapter23, institution.chapter24);
                  return (
                    <tr key={institution.id}>
                      <td className="text" data-label="Name">
                        <Link to={`/admin/institutions/${institution.id}`}>{institution.name}</Link>
                      </td>
                      <td data-label="Country">
                        <CountryName name={institution.countryName} needsFootnote={institution.countryNeedsFootnote} />
                      </td>
                      <td data-label="Type">{INSTITUTION_TYPE_LABELS[institution.type]}</td>
                      <td className="text" data-label="Mandate">{mandate ?? <span className="badge warn">No mandate recorded</span>}</td>
                      <td data-label="Applicants">{institution.applicants}</td>
                      <td data-label="Status">{institution.active ? <span className="badge ok">Active</span> : <span className="badge off">Not active</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pagination pages={pages} label="institutions" />
        </>
      ) : (
        <p className="empty">
          {filtered ? "No institution matches these filters. Try fewer words, or another country or type." : "The directory is empty. Add the first institution."}
        </p>
      )}
    </>
  );
}
