import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { Role } from "../../db/schema";
import { roles } from "../../db/schema";
import { ROLE_LABELS } from "../components/membership";
import { PERSON_STATUS_LABELS, RoleList, StatusBadge } from "../components/person";
import type { PersonStatus } from "../people/person-schema";
import { personStatuses } from "../people/person-schema";
import { listPeople, PEOPLE_PAGE_SIZE } from "../people/people.server";
import { requirePermission } from "../permissions.server";
import { FilterSelect } from "../components/filter-select";

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
  const requestedPage = Number.parseInt(params.get("page") ?? "1", 10);
  const page = Number.isSafeInteger(requestedPage) && requestedPage > 0 ? requestedPage : 1;
  const { people, total, pageCount } = listPeople({ ...filter, page });
  return { filter, page, people, total, pageCount, first: (page - 1) * PEOPLE_PAGE_SIZE + 1 };
}

export default function People() {
  const { filter, page, people, total, pageCount, first } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.search || filter.role || filter.status);
  const pageLink = (to: number) => {
    const params = new URLSearchParams();
    if (filter.search) params.set("q", filter.search);
    if (filter.role) params.set("role", filter.role);
    if (filter.status) params.set("status", filter.status);
    if (to > 1) params.set("page", String(to));
    const query = params.toString();
    return query ? `/admin/people?${query}` : "/admin/people";
  };
  return (
    <>
      <div className="page-head">
        <h1>People</h1>
        <Link to="/admin/people/invite" className="button">
          Invite a person
        </Link>
      </div>
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
          options={personStatuses.map((status) => ({ value: status, label: PERSON_STATUS_LABELS[status] }))}
        />
        <div className="actions">
          <button type="submit">Show people</button>
          {filtered ? <Link to="/admin/people">Clear the filters</Link> : null}
        </div>
      </Form>
      {people.length ? (
        <>
          <div className="table-scroll">
            <table>
              <caption>
                {total === 1 ? "1 person" : `${total} people`}
                {filtered ? " match" : ""}
                {pageCount > 1 ? ` · showing ${first}–${first + people.length - 1}` : ""}
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
                    <td>
                      <Link to={`/admin/people/${person.id}`}>{person.name}</Link>
                      {person.jobTitle ? <div className="muted">{person.jobTitle}</div> : null}
                    </td>
                    <td>{person.email}</td>
                    <td>
                      <RoleList roles={person.roles} />
                    </td>
                    <td>
                      <StatusBadge status={person.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pageCount > 1 ? (
            <nav className="pagination" aria-label="Pages of people">
              {page > 1 ? <Link to={pageLink(page - 1)}>Previous page</Link> : null}
              <span>
                Page {page} of {pageCount}
              </span>
              {page < pageCount ? <Link to={pageLink(page + 1)}>Next page</Link> : null}
            </nav>
          ) : null}
        </>
      ) : (
        <p className="empty">
          {filtered
            ? "Nobody matches these filters. Try fewer words, or another role or status."
            : page > 1
              ? "There are no people on this page."
              : "Nobody has an account yet. Invite the first person."}
        </p>
      )}
    </>
  );
}
