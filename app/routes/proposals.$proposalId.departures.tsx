import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CountryName } from "../components/country";
import { FormErrors, SelectField, TextAreaField } from "../components/fields";
import { readForm } from "../forms.server";
import { can, canOnProposal, requireProposal } from "../permissions.server";
import { departureSchema } from "../proposals/departure-schema";
import { departuresPage, recordPartnerDeparture } from "../proposals/departures.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Partners that left ${data?.proposal.reference ?? data?.proposal.title ?? "the proposal"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  return { ...departuresPage(proposal.proposalId, canOnProposal(user, "recordPartnerDeparture", proposal)), notice: new URL(request.url).searchParams.get("recorded"), forTeam: can(user, "viewInternalNotes") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "recordPartnerDeparture");
  const submission = parseWithZod(await readForm(request), { schema: departureSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const outcome = recordPartnerDeparture(user, { proposalId: proposal.proposalId, ...submission.value });
  if (!outcome.ok) return { result: submission.reply({ formErrors: [outcome.message] }) };
  throw redirect(`/proposals/${proposal.proposalId}/departures?recorded=${outcome.stillJoint ? "joint" : "notJoint"}`);
}

const NOTICES: Record<string, string> = {
  joint: "Recorded. Institutions from enough countries still stand behind the proposal.",
  notJoint: "Recorded. Fewer countries than the joint rule asks for now stand behind the proposal: the TAF team is told by e-mail.",
};

export default function Departures() {
  const { proposal, departures, partners, mayRecord, notice, forTeam } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<{ institutionId: string; reason: string }, { institutionId: number; reason: string }>({
    id: "record-departure",
    lastResult: actionData?.result,
    constraint: getZodConstraint(departureSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: departureSchema }),
  });
  return (
    <>
      <p>
        <Link to={`/proposals/${proposal.id}`}>← {proposal.reference ?? proposal.title}</Link>
      </p>
      <h1>
        Partners that left <span className="muted">· {proposal.title}</span>
      </h1>
      {notice && Object.hasOwn(NOTICES, notice) ? (
        <p className="notice success" role="status">
          {NOTICES[notice]}
        </p>
      ) : null}
      {departures.length ? (
        <ol className="plain">
          {departures.map((departure) => (
            <li key={departure.id}>
              <p>
                <strong>{departure.institution}</strong>, <CountryName {...departure.country} /> left on {departure.leftAt}{" "}
                <span className="muted">(recorded by {departure.recordedBy})</span>
              </p>
              <p className="prose">{departure.reason}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">No partner has left this proposal.</p>
      )}
      {mayRecord ? (
        <section aria-labelledby="record-heading" className="narrow">
          <h2 id="record-heading">Record that a partner left</h2>
          <p>
            Once a proposal is submitted, a partner that can no longer take part is recorded here rather than removed, so the history shows what changed. If
            fewer countries than the joint rule asks for remain, {forTeam ? "you are told by e-mail" : "the TAF team is told"}.
          </p>
          {partners.length ? (
            <Form method="post" className="stack" {...getFormProps(form)}>
              <FormErrors errors={form.errors} />
              <SelectField label="Partner" emptyOption="Choose the partner" options={partners.map((p) => ({ value: String(p.institutionId), label: p.label }))} meta={fields.institutionId} />
              <TextAreaField label="Why it left" hint={forTeam ? "The applicants read it too." : "The TAF team and the applicants read it."} meta={fields.reason} />
              <button type="submit" className="danger" disabled={navigation.state === "submitting"}>
                {navigation.state === "submitting" ? "Recording…" : "Record that the partner left"}
              </button>
            </Form>
          ) : (
            <p className="empty">No confirmed partner is left to leave.</p>
          )}
        </section>
      ) : null}
    </>
  );
}
