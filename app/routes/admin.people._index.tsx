import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Role } from "../../workflows/actors";
import { roles } from "../../workflows/actors";
import { ROLE_LABELS } from "../components/membership";
import { personStatusLabel, RoleList, StatusBadge } from "../components/person";
import type { PersonStatus } from "../people/person-schema";
import { personStatuses } from "../people/person-schema";
import { listPeople } from "../people/people.server";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";
import { FilterSelect } from "../components/filter-select";
import { Pagination } from "../components/pagination";

export const meta: MetaFunction = () => [{ title: "People · TAF portal" }];

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((v) => v === value);
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "managePeople");
  const params = new URL(request.url).searchParams;
  const filter = {
    search: params.get("q")?.trim().slice(0, 200) || undefined,
    role: oneOf<Role>(roles, params.get("role")),
    status: oneOf<PersonStatus>(personStatuses, params.get("status")),
  };
  const { rows, pages } = listPeople(filter, requestedPage(request));
  return { filter, people: rows, pages };
}

export default function People() {
  const { filter, people, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const filtered = Boolean(filter.search || filter.role || filter.status);
  return (
    <>
      <div className="page-head">
        <h1>People</h1>
        <Link to="/admin/people/invite" className="button">
          Invite a person
        </Link>
      </div>
      <p>
        <Link to="/admin/two-factor">{t("secondFactorRules.link")}</Link>
      </p>
      <Form method="get" className="filters" role="search" aria-label="Find people">
        <div className="field">
          <label htmlFor="people-q">Name or e-mail</label>
          <input id="people-q" type="search" name="q" defaultValue={filter.search ?? ""} />
        </div>
        <FilterSelect
          id="people-role"
          name="role"
          label="Role"
          value={filter.role}
          anyLabel="Any role"
          options={roles.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
        />
        <FilterSelect
          id="people-status"
          name="status"
          label="Status"
          value={filter.status}
          anyLabel="Any status"
          options={personStatuses.map((status) => ({ value: status, label: personStatusLabel(status, t) }))}
        />
        <div className="actions">
          <button type="submit">Show people</button>
          {filtered ? <Link to="/admin/people">Clear the filters</Link> : null}
        </div>
      </Form>
      {people.length ? (
        <>
          <div className="table-scroll">
            <table className="stacked">
              <caption>
                {pages.total === 1 ? "1 person" : `${pages.total} people`}
                {filtered ? " match" : ""}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail address</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {people.map((person) => (
                  <tr key={person.id}>
                    <td className="text" data-label="Name">
                      <Link to={`/admin/people/${person.id}`}>{person.name}</Link>
                      {person.jobTitle ? <div className="muted">{person.jobTitle}</div> : null}
                    </td>
                    <td className="text address" data-label="E-mail address">{person.email}</td>
                    <td data-label="Role">
                      <RoleList roles={person.roles} />
                    </td>
                    <td data-label="Status">
                      <StatusBadge status={person.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination pages={pages} label="people" />
        </>
      ) : (
        <p className="empty">
          {filtered ? "Nobody matches these filters. Try fewer words, or another role or status." : "Nobody has an account yet. Invite the first person."}
        </p>
      )}
    </>
  );
}
