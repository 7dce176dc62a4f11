import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors, SelectField, TextAreaField, TextField } from "../components/fields";
import { DeadlineFacts } from "../components/proposal/deadlines";
import { readForm } from "../forms.server";
import { applicantInstitutions, canOnProposal, requireProposal } from "../permissions.server";
import { extendDeadlineSchema } from "../proposals/deadline-schema";
import { deadlinesPage, extendDeadline } from "../proposals/deadlines.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Deadlines of ${data?.proposal.reference ?? data?.proposal.title ?? "the proposal"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  return {
    ...deadlinesPage(proposal.proposalId, canOnProposal(user, "extendDeadlines", proposal)),
    // The lead's own people read about their work as their own.
    submitter: applicantInstitutions(user).includes(proposal.leadInstitutionId) ? "your institution" : "the lead institution",
    notice: new URL(request.url).searchParams.get("moved"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "extendDeadlines");
  const submission = parseWithZod(await readForm(request), { schema: extendDeadlineSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const outcome = extendDeadline(user, { proposalId: proposal.proposalId, ...submission.value });
  if (!outcome.ok) return { result: submission.reply({ formErrors: [outcome.message] }) };
  throw redirect(`/proposals/${proposal.proposalId}/deadlines?moved=${encodeURIComponent(outcome.dueAt)}`);
}

export default function Deadlines() {
  const { proposal, deadlines, movable, submitter, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "move-deadline",
    lastResult: actionData?.result,
    constraint: getZodConstraint(extendDeadlineSchema),
    shouldValidate: "onBlur",
    defaultValue: { kind: movable[0]?.kind, dueAt: movable[0]?.dueInput },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: extendDeadlineSchema }),
  });
  return (
    <>
      <p>
        <Link to={`/proposals/${proposal.id}`}>← {proposal.reference ?? proposal.title}</Link>
      </p>
      <h1>
        Deadlines <span className="muted">· {proposal.title}</span>
      </h1>
      {notice ? (
        <p className="notice success" role="status">
          The deadline is moved to {notice}. The applicants are reminded of the new date.
        </p>
      ) : null}
      <p>
        The dates by which {submitter} submits its work, in Brussels time. The applicants get a reminder three days before each and on the day.
      </p>
      {deadlines.length ? (
        <dl className="facts">
          <DeadlineFacts deadlines={deadlines} />
        </dl>
      ) : (
        <p className="empty">No work is due yet: deadlines begin with the conceptual work.</p>
      )}
      {movable.length ? (
        <section aria-labelledby="move-heading" className="narrow">
          <h2 id="move-heading">Move a deadline</h2>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <FormErrors errors={form.errors} />
            <SelectField label="Deadline" options={movable.map((d) => ({ value: d.kind, label: d.label }))} meta={fields.kind} />
            <TextField type="datetime-local" label="New date and time" hint="Brussels time; later than the current deadline." meta={fields.dueAt} />
            <TextAreaField label="Why it moves" hint="The applicants read it beside the date; it is kept in the audit log." meta={fields.reason} />
            <button type="submit" disabled={navigation.state === "submitting"}>
              {navigation.state === "submitting" ? "Moving…" : "Move the deadline"}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
