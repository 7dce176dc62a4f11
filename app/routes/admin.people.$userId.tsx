import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { formatBrussels } from "../../workflows/time";
import { clientIp } from "../auth/session.server";
import { CheckboxField, FormErrors, TextField } from "../components/fields";
import { auditActionLabel, RoleFields, RoleList, StatusBadge } from "../components/person";
import { editPersonSchema } from "../people/person-schema";
import { institutionChoices, listCountries } from "../institutions/institutions.server";
import type { Outcome } from "../people/people.server";
import { auditTrail } from "../audit.server";
import { AuditTable } from "../components/audit-table";
import { deactivatePerson, findPerson, reactivatePerson, resendInvitation, updatePerson } from "../people/people.server";
import { requirePermission } from "../permissions.server";
import { readForm } from "../forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.person.name ?? "Person"} · TAF portal` }];

const deactivateSchema = z.object({
  confirm: z.boolean({ error: "Tick the box to confirm: the person is signed out everywhere at once." }),
});
const noFieldsSchema = z.object({});

function notFound(): never {
  throw new Response("There is no person at this address.", { status: 404, statusText: "Not Found" });
}

function personId(param: string | undefined) {
  if (!param || !/^[1-9]\d{0,15}$/.test(param)) notFound();
  return Number(param);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "managePeople");
  const person = findPerson(personId(params.userId)) ?? notFound();
  const firstRole = person.memberships[0];
  return {
    person: { ...person, createdAt: formatBrussels(person.createdAt) },
    isSelf: person.id === admin.id,
    activity: auditTrail("user", person.id).map((entry) => ({
      id: entry.id,
      at: formatBrussels(entry.at),
      what: auditActionLabel(entry.action),
      by: entry.actorId === person.id ? "themselves" : (entry.actorName ?? "the portal"),
    })),
    institutions: institutionChoices(firstRole?.institutionId ?? null),
    countries: listCountries(),
  };
}

const intents = ["update", "resendInvitation", "deactivate", "reactivate"] as const;
type Intent = (typeof intents)[number];

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "managePeople");
  const userId = personId(params.userId);
  if (!findPerson(userId)) notFound();
  const formData = await readForm(request);
  const intent = intents.find((i) => i === formData.get("intent"));
  if (!intent) {
    throw new Response("The portal does not know what to do with this form. Reload the page and try again.", {
      status: 400,
      statusText: "Bad Request",
    });
  }
  const ip = clientIp(request);
  // Each form has its own schema; only the edit form and the confirmation carry fields.
  let answer: { reply: (options?: { fieldErrors?: Record<string, string[]>; formErrors?: string[] }) => SubmissionResult<string[]> };
  let outcome: Outcome;
  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: editPersonSchema });
    if (submission.status !== "success") return { intent, result: submission.reply() };
    answer = submission;
    outcome = updatePerson(admin, userId, submission.value, ip);
  } else if (intent === "deactivate") {
    const submission = parseWithZod(formData, { schema: deactivateSchema });
    if (submission.status !== "success") return { intent, result: submission.reply() };
    answer = submission;
    outcome = deactivatePerson(admin, userId, ip);
  } else {
    answer = parseWithZod(formData, { schema: noFieldsSchema });
    outcome = intent === "resendInvitation" ? resendInvitation(admin, userId, ip) : reactivatePerson(admin, userId, ip);
  }
  if (!outcome.ok) {
    return { intent, result: answer.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.formErrors }) };
  }
  const notices: Record<Intent, string> = {
    update: "updated",
    resendInvitation: "invitation-resent",
    deactivate: "deactivated",
    reactivate: "reactivated",
  };
  throw redirect(`/admin/people/${userId}?notice=${notices[intent]}`);
}

/** The server's answer for the form that was sent, and nothing for the page's other forms. */
function resultFor(intent: Intent, actionData: { intent: Intent; result: SubmissionResult<string[]> } | undefined) {
  return actionData?.intent === intent ? actionData.result : undefined;
}

export default function Person() {
  const { person, isSelf, activity, institutions, countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const firstRole = person.memberships[0];
  const otherRoles = person.roles.slice(1);
  const [editForm, editFields] = useForm({
    id: "edit-person",
    lastResult: resultFor("update", actionData),
    constraint: getZodConstraint(editPersonSchema),
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: editPersonSchema }),
    defaultValue: {
      name: person.name,
      jobTitle: person.jobTitle ?? "",
      role: firstRole?.role ?? "",
      institutionId: firstRole?.institutionId ? String(firstRole.institutionId) : "",
      countryCode: firstRole?.role === "countryAdvisor" ? (firstRole.countryCode ?? "") : "",
      affiliation: firstRole?.affiliation ?? "",
    },
  });
  const [deactivateForm, deactivateFields] = useForm({
    id: "deactivate-person",
    lastResult: resultFor("deactivate", actionData),
    constraint: getZodConstraint(deactivateSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: deactivateSchema }),
  });
  const [resendForm] = useForm({ id: "resend-invitation", lastResult: resultFor("resendInvitation", actionData) });
  const [reactivateForm] = useForm({ id: "reactivate-person", lastResult: resultFor("reactivate", actionData) });

  const notice = searchParams.get("notice");
  const notices: Record<string, string> = {
    invited: `Invitation sent to ${person.email}; the link is valid for 72 hours.`,
    "invitation-resent": `A new invitation has been sent to ${person.email}; the link is valid for 72 hours. Earlier links no longer work.`,
    updated: "The changes are saved.",
    deactivated: `${person.name}'s account is deactivated: they have been signed out everywhere and cannot sign in.`,
    reactivated: `${person.name}'s account is active again.`,
  };
  const noticeText = notice ? notices[notice] : undefined;

  return (
    <>
      <p>
        <Link to="/admin/people">← People</Link>
      </p>
      <div className="page-head">
        <h1>{person.name}</h1>
        <StatusBadge status={person.status} />
      </div>
      {noticeText ? (
        <p className="notice success" role="status">
          {noticeText}
        </p>
      ) : null}
      <dl className="facts">
        <dt>E-mail address</dt>
        <dd>{person.email}</dd>
        <dt>Job title</dt>
        <dd>{person.jobTitle ?? <span className="muted">Not given</span>}</dd>
        <dt>Role</dt>
        <dd>
          <RoleList roles={person.roles} />
        </dd>
        <dt>Account opened</dt>
        <dd>{person.createdAt}</dd>
      </dl>

      {person.status === "invited" ? (
        <section aria-labelledby="invitation-heading" className="narrow">
          <h2 id="invitation-heading">Invitation</h2>
          <p>
            {person.name} has not chosen a password yet. If the e-mail did not arrive or the link has expired, send a new
            one: the earlier links stop working.
          </p>
          <Form method="post" {...getFormProps(resendForm)}>
            <FormErrors errors={resendForm.errors} />
            <input type="hidden" name="intent" value="resendInvitation" />
            <button type="submit">Send a new invitation</button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="edit-heading" className="narrow">
        <h2 id="edit-heading">Change their details</h2>
        {otherRoles.length ? (
          <p className="notice">
            This form changes their first role only. Their other roles stay as they are.
          </p>
        ) : null}
        <Form method="post" className="stack" {...getFormProps(editForm)}>
          <FormErrors errors={editForm.errors} />
          <input type="hidden" name="intent" value="update" />
          <TextField label="Full name" autoComplete="off" meta={editFields.name} />
          <TextField label="Job title (optional)" meta={editFields.jobTitle} />
          <RoleFields fields={editFields} institutions={institutions} countries={countries} />
          <p className="muted">The e-mail address cannot be changed here: it is how the person signs in.</p>
          <button type="submit">Save changes</button>
        </Form>
      </section>

      <section aria-labelledby="access-heading" className="narrow">
        <h2 id="access-heading">{person.status === "deactivated" ? "Reactivate the account" : "Deactivate the account"}</h2>
        {person.status === "deactivated" ? (
          <Form method="post" className="stack" {...getFormProps(reactivateForm)}>
            <FormErrors errors={reactivateForm.errors} />
            <p>
              {person.name} cannot sign in. Reactivating lets them sign in again with their password; if they never
              chose one, send them a new invitation afterwards.
            </p>
            <input type="hidden" name="intent" value="reactivate" />
            <button type="submit">Reactivate this account</button>
          </Form>
        ) : isSelf ? (
          <p className="notice">
            You cannot deactivate your own account: the portal would have no one to undo it. Another administrator can
            do it.
          </p>
        ) : (
          <Form method="post" className="stack" {...getFormProps(deactivateForm)}>
            <FormErrors errors={deactivateForm.errors} />
            <p>
              A deactivated person can no longer sign in, and every link e-mailed to them stops working. Their history is
              kept, and you can reactivate the account later.
            </p>
            <input type="hidden" name="intent" value="deactivate" />
            <CheckboxField label="I understand this signs them out everywhere, at once" meta={deactivateFields.confirm} />
            <button type="submit" className="danger">
              Deactivate this account
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="activity-heading">
        <h2 id="activity-heading">Recent activity</h2>
        <AuditTable entries={activity} caption="Latest entries of the audit log about this person, newest first" empty="Nothing recorded about this person yet." />
      </section>
    </>
  );
}
