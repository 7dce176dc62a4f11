import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import type { Role } from "../../workflows/actors";
import { roles } from "../../workflows/actors";
import { personStatusLabel, roleLabel, RoleList, StatusBadge } from "../components/person";
import type { PersonStatus } from "../people/person";
import { personStatuses } from "../people/person";
import { listPeople } from "../people/people.server";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";
import { FilterSelect } from "../components/filter-select";
import { Pagination } from "../components/pagination";
import { translatorOf } from "../i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

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
  const t = await translatorOf(request);
  return { title: t("layout.pageTitle", { page: t("peoplePage.title") }), filter, people: rows, pages };
}

export default function People() {
  const { filter, people, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const filtered = Boolean(filter.search || filter.role || filter.status);
  return (
    <>
      <div className="page-head">
        <h1>{t("peoplePage.title")}</h1>
        <Link to="/admin/people/invite" className="button">
          {t("peoplePage.invite")}
        </Link>
      </div>
      <p>
        <Link to="/admin/two-factor">{t("secondFactorRules.link")}</Link>
      </p>
      <Form method="get" className="filters" role="search" aria-label={t("peoplePage.find")}>
        <div className="field">
          <label htmlFor="people-q">{t("peoplePage.search")}</label>
          <input id="people-q" type="search" name="q" defaultValue={filter.search ?? ""} />
        </div>
        <FilterSelect
          id="people-role"
          name="role"
          label={t("personForms.field.role")}
          value={filter.role}
          anyLabel={t("peoplePage.anyRole")}
          options={roles.map((role) => ({ value: role, label: roleLabel(role, t) }))}
        />
        <FilterSelect
          id="people-status"
          name="status"
          label={t("peoplePage.column.status")}
          value={filter.status}
          anyLabel={t("peoplePage.anyStatus")}
          options={personStatuses.map((status) => ({ value: status, label: personStatusLabel(status, t) }))}
        />
        <div className="actions">
          <button type="submit">{t("peoplePage.show")}</button>
          {filtered ? <Link to="/admin/people">{t("peoplePage.clear")}</Link> : null}
        </div>
      </Form>
      {people.length ? (
        <>
          <div className="table-scroll">
            <table className="stacked">
              <caption>
                {filtered ? t("peoplePage.captionMatching", { count: pages.total }) : t("peoplePage.caption", { count: pages.total })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("peoplePage.column.name")}</th>
                  <th scope="col">{t("peoplePage.column.email")}</th>
                  <th scope="col">{t("personForms.field.role")}</th>
                  <th scope="col">{t("peoplePage.column.status")}</th>
                </tr>
              </thead>
              <tbody>
                {people.map((person) => (
                  <tr key={person.id}>
                    <td className="text" data-label={t("peoplePage.column.name")}>
                      <Link to={`/admin/people/${person.id}`}>{person.name}</Link>
                      {person.jobTitle ? <div className="muted">{person.jobTitle}</div> : null}
                    </td>
                    <td className="text address" data-label={t("peoplePage.column.email")}>{person.email}</td>
                    <td data-label={t("personForms.field.role")}>
                      <RoleList roles={person.roles} />
                    </td>
                    <td data-label={t("peoplePage.column.status")}>
                      <StatusBadge status={person.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination pages={pages} label={t("peoplePage.rows")} />
        </>
      ) : (
        <p className="empty">
          {filtered ? t("peoplePage.noneMatching") : t("peoplePage.empty")}
        </p>
      )}
    </>
  );
}
