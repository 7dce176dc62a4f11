import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { ELIGIBILITY_CRITERIA } from "../../workflows/eligibility";
import { clientIp } from "../auth/session.server";
import { ChoiceField, FormErrors } from "../components/fields";
import { RoundFields } from "../components/rounds/round-form";
import { readForm } from "../forms.server";
import { requirePermission } from "../permissions.server";
import { addRound } from "../rounds/manage.server";
import type { NewRoundForm, NewRoundInput } from "../rounds/round-schema";
import { newRoundDefaults, newRoundSchema } from "../rounds/round-schema";

export const meta: MetaFunction = () => [{ title: "Add a round · TAF portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manageRounds");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manageRounds");
  const submission = parseWithZod(await readForm(request), { schema: newRoundSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const outcome = addRound(admin, submission.value, clientIp(request));
  if (!outcome.ok) return { result: submission.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.formErrors }) };
  throw redirect(`/admin/rounds/${outcome.roundId}?notice=created`);
}

export default function NewRound() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<NewRoundForm, NewRoundInput>({
    id: "new-round",
    lastResult: actionData?.result,
    constraint: getZodConstraint(newRoundSchema),
    shouldValidate: "onBlur",
    // A corrected field clears its error at once, so the button does not move under the pointer.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newRoundSchema }),
    defaultValue: newRoundDefaults(),
  });
  return (
    <div className="form-page">
      <p>
        <Link to="/admin/rounds">← Submission rounds</Link>
      </p>
      <h1>Add a round</h1>
      <p>
        The round is saved as planned. The portal opens it at its opening time, or you open it earlier from its page.
      </p>
      <Form method="post" className="stack round-form" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <RoundFields fields={fields} />

        <ChoiceField
          type="checkbox"
          label="Eligibility criteria"
          hint="The automatic check tests each chosen criterion; a person still decides."
          meta={fields.criteria}
          options={ELIGIBILITY_CRITERIA.map((criterion) => ({ value: criterion.id, label: criterion.label }))}
        />

        <div className="actions">
          <button type="submit">Add the round</button>
          <Link to="/admin/rounds">Cancel</Link>
        </div>
      </Form>
    </div>
  );
}
