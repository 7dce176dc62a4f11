import { getCollectionProps, getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "../zod";
import { CountryName } from "../components/country";
import { Deadline } from "../components/deadline";
import { FieldError, FormErrors, TextField } from "../components/fields";
import { requirePermission } from "../permissions.server";
import { leadChoices, startDraft } from "../proposals/drafting.server";
import { openRoundsWithGuides } from "../proposals/round-guide.server";
import { RoundGuide } from "../components/proposal/round-guide";
import { readForm } from "../forms.server";

export const meta: MetaFunction = () => [{ title: "Start a proposal · TAF portal" }];

const startSchema = z.object({
  roundId: z.number({ error: "Choose the round to apply in." }).int(),
  institutionId: z.number({ error: "Choose the institution that leads the proposal." }).int(),
  title: z
    .string({ error: "Give the proposal a working title. You can change it later." })
    .trim()
    .min(1, "Give the proposal a working title. You can change it later.")
    .max(200, "Use at most 200 characters for the title."),
});

// Applicants start proposals; the applicants' home is their permission for it.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "startProposal");
  const now = new Date();
  return { rounds: openRoundsWithGuides(now), institutions: leadChoices(user), now: now.toISOString() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "startProposal");
  const submission = parseWithZod(await readForm(request), { schema: startSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const outcome = startDraft(user, submission.value);
  if (!outcome.ok) return { result: submission.reply({ fieldErrors: outcome.fieldErrors }) };
  throw redirect(`/proposals/${outcome.proposalId}/edit?notice=started`);
}

export default function StartProposal() {
  const { rounds, institutions, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "start-proposal",
    lastResult: actionData?.result,
    defaultValue: { roundId: rounds.length === 1 ? String(rounds[0]!.id) : undefined, institutionId: institutions.length === 1 ? String(institutions[0]!.id) : undefined },
    constraint: getZodConstraint(startSchema),
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: startSchema }),
  });
  const roundOptions = getCollectionProps(fields.roundId, { type: "radio", options: rounds.map((r) => String(r.id)) });
  const onlyInstitution = institutions.length === 1 ? institutions[0]! : null;
  return (
    <div className="form-page">
      <p>
        <Link to="/">← Home</Link>
      </p>
      <h1>Start a proposal</h1>
      <p>
        Your institution leads the proposal. You write it in the portal, invite partner institutions from other Western Balkan
        countries, and submit it when it is complete. Nothing is sent to anyone before you submit.
      </p>
      {rounds.length === 0 ? (
        <p className="empty">No submission round is open at the moment. The TAF team announces new rounds by e-mail and on the home page.</p>
      ) : (
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          <fieldset className="field" aria-describedby={fields.roundId.errors ? fields.roundId.errorId : undefined}>
            <legend>Round</legend>
            <div className="round-choices">
              {rounds.map((round, index) => {
                const { key, ...props } = roundOptions[index]!;
                return (
                  <div className="round-choice" key={key}>
                    <label className="checkbox">
                      <input {...props} aria-describedby={`round-${round.id}-about`} />
                      <strong>{round.title}</strong>
                    </label>
                    <div id={`round-${round.id}-about`}>
                      {round.description ? <p className="muted">{round.description}</p> : null}
                      <Deadline round={round} now={now} />
                    </div>
                    {/* Read before choosing: open at once when there is only this round. */}
                    <details className="round-guide-details" open={rounds.length === 1}>
                      <summary>Guide, eligibility criteria and limits of this round</summary>
                      <RoundGuide guide={round.guide} level={3} />
                    </details>
                  </div>
                );
              })}
            </div>
            <FieldError meta={fields.roundId} />
          </fieldset>
          {onlyInstitution ? (
            <div className="field">
              <p>
                <strong>Lead institution:</strong> {onlyInstitution.name}, <CountryName {...onlyInstitution.country} />
              </p>
              <input type="hidden" name={fields.institutionId.name} value={onlyInstitution.id} />
              {fields.institutionId.errors ? <p className="error">{fields.institutionId.errors.join(" ")}</p> : null}
            </div>
          ) : (
            <div className="field">
              <label htmlFor={fields.institutionId.id}>Lead institution</label>
              <span className="hint" id={fields.institutionId.descriptionId}>
                You work for several institutions: choose the one that leads this proposal.
              </span>
              <select {...getSelectProps(fields.institutionId, { ariaDescribedBy: fields.institutionId.descriptionId })}>
                <option value="">Choose…</option>
                {institutions.map((institution) => (
                  <option key={institution.id} value={institution.id}>
                    {institution.name} ({institution.country.name}
                    {institution.country.needsFootnote ? "*" : ""})
                  </option>
                ))}
              </select>
              <FieldError meta={fields.institutionId} />
            </div>
          )}
          <TextField label="Working title" hint="A few words that say what the proposal is about. You can change it later." meta={fields.title} />
          <div className="actions">
            <button type="submit">Start the draft</button>
            <Link to="/">Cancel</Link>
          </div>
        </Form>
      )}
    </div>
  );
}
