import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientIp } from "../auth/session.server";
import { FormErrors } from "../components/fields";
import { RoundFields } from "../components/rounds/round-form";
import { readForm } from "../forms.server";
import { requirePermission } from "../permissions.server";
import { editRound } from "../rounds/editing.server";
import { roundExists } from "../rounds/manage.server";
import { roundEditPage, roundIdOf, roundNotFound } from "../rounds/round-page.server";
import type { EditRoundForm, EditRoundInput } from "../rounds/round-schema";
import { editRoundSchema } from "../rounds/round-schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.round.code ?? "round"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manageRounds");
  return roundEditPage(roundIdOf(params.roundId)) ?? roundNotFound();
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manageRounds");
  const roundId = roundIdOf(params.roundId);
  if (!roundExists(roundId)) roundNotFound();
  const submission = parseWithZod(await readForm(request), { schema: editRoundSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const outcome = editRound(admin, roundId, submission.value, clientIp(request));
  if (!outcome.ok) return { result: submission.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.formErrors }) };
  throw redirect(`/admin/rounds/${roundId}?notice=${outcome.changed.length ? "edited" : "unchanged"}`);
}

export default function EditRound() {
  const { round, defaults, notes, closed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<EditRoundForm, EditRoundInput>({
    id: `edit-round-${round.id}`,
    lastResult: actionData?.result,
    constraint: getZodConstraint(editRoundSchema),
    shouldValidate: "onBlur",
    // A corrected field clears its error at once, so the button does not move under the pointer.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: editRoundSchema }),
    defaultValue: defaults,
  });
  return (
    <div className="form-page">
      <p>
        <Link to={`/admin/rounds/${round.id}`}>
          ← <span className="reference">{round.code}</span> {round.title}
        </Link>
      </p>
      <h1>Edit the round</h1>
      {closed ? (
        <p className="notice" role="status">
          {closed}
        </p>
      ) : (
        <>
          <p>
            {round.submitted
              ? "Proposals were submitted to this round against what it published, so some things can no longer change; each says why."
              : "No proposal has been submitted yet, so everything can still change."}{" "}
            The eligibility criteria have a page of their own.
          </p>
          <Form method="post" className="stack round-form" {...getFormProps(form)}>
            <FormErrors errors={[...(form.errors ?? []), ...(fields.version.errors ?? [])]} />
            {/* The version of the round this page shows: if it has moved on since, the server says so. */}
            <input type="hidden" name="version" value={round.version} />
            <RoundFields fields={fields} notes={notes} />
            <div className="actions">
              <button type="submit">Save the changes</button>
              <Link to={`/admin/rounds/${round.id}`}>Cancel</Link>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
