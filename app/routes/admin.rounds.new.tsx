import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { ELIGIBILITY_CRITERIA } from "../../workflows/eligibility";
import { PROPOSAL_PARTS } from "../../workflows/proposal-content";
import { clientIp } from "../auth/session.server";
import { ChoiceField, FormErrors, TextAreaField, TextField } from "../components/fields";
import { ROUND_MODE_LABELS } from "../components/round";
import { readForm } from "../forms.server";
import { requirePermission } from "../permissions.server";
import type { WordLimitedPart } from "../proposals/content-schema";
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

const WORD_LIMITED_PARTS: WordLimitedPart[] = ["summary", "problem", "objectives", "activities", "expectedResults"];
const partLabel = (part: WordLimitedPart) => PROPOSAL_PARTS.find((p) => p.key === part)?.label ?? part;

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
  // Without JavaScript the closing time always shows, with a hint; with it, only for deadline rounds.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const limits = fields.limits.getFieldset();
  const words = limits.words.getFieldset();
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
        <h2>The round</h2>
        <TextField label="Code" hint="Short and unique, such as 2027-R1. It begins every proposal reference: TAF-2027-R1-001." meta={fields.code} autoComplete="off" />
        <TextField label="Title" hint="As applicants see it, such as “First call for proposals 2027”." meta={fields.title} />
        <TextAreaField label="Description (optional)" hint="What the round is for; applicants read it when they start a proposal." meta={fields.description} />
        <ChoiceField
          type="radio"
          label="How proposals come in"
          meta={fields.mode}
          options={[
            { value: "deadline", label: `${ROUND_MODE_LABELS.deadline}: the portal closes the round at its closing time` },
            { value: "rolling", label: `${ROUND_MODE_LABELS.rolling}: no closing time; the round stays open until you close it` },
          ]}
        />

        <h2>When it is open (Brussels time)</h2>
        <TextField type="datetime-local" label="Opens" hint="Brussels time, as the portal shows it to everyone." meta={fields.opensAt} />
        {!hydrated || fields.mode.value !== "rolling" ? (
          <TextField
            type="datetime-local"
            label="Closes"
            hint={hydrated ? "Brussels time. After this, applicants can no longer submit." : "For a deadline round only, in Brussels time. Leave it empty for rolling intake."}
            meta={fields.closesAt}
          />
        ) : null}

        <h2>Review</h2>
        <div className="field-grid">
          <TextField type="number" label="Reviews needed for a decision" meta={fields.minimumReviews} />
          <TextField type="number" label="Days reviewers have to score" meta={fields.reviewDays} />
        </div>

        <h2>Limits for each proposal</h2>
        <div className="field-grid">
          <TextField type="number" label="Largest budget (EUR)" meta={limits.maxBudgetEur} />
          <TextField type="number" label="Longest duration (months)" meta={limits.maxDurationMonths} />
        </div>
        <fieldset className="field field-group">
          <legend>Most words in each text</legend>
          <span className="hint">Applicants see the count as they type; a longer text cannot be submitted.</span>
          <div className="field-grid">
            {WORD_LIMITED_PARTS.map((part) => (
              <TextField key={part} type="number" label={partLabel(part)} meta={words[part]} />
            ))}
          </div>
        </fieldset>

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
