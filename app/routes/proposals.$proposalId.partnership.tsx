import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientIp } from "../auth/session.server";
import { CountryName } from "../components/country";
import { CheckboxField, FormErrors, TextAreaField } from "../components/fields";
import { PartnershipSummary } from "../components/proposal/partnership-summary";
import { readForm } from "../forms.server";
import { requireProposal } from "../permissions.server";
import { confirmPartnershipSchema, declinePartnershipSchema, STATEMENT_MAX } from "../proposals/partner-schema";
import { partnershipPage } from "../proposals/partnership-page.server";
import { answerInvitation } from "../proposals/partners.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Your answer to the invitation: ${data?.proposal.title ?? "proposal"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "respondAsPartner");
  return partnershipPage(user, proposal.proposalId);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "respondAsPartner");
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const ip = clientIp(request);
  if (intent === "confirm") {
    const submission = parseWithZod(formData, { schema: confirmPartnershipSchema });
    if (submission.status !== "success") return { intent, result: submission.reply() };
    const outcome = answerInvitation(user, proposal.proposalId, { answer: "confirm", statement: submission.value.statement }, ip);
    if (!outcome.ok) return { intent, result: submission.reply({ formErrors: [outcome.message] }) };
    throw redirect(`/proposals/${proposal.proposalId}/partners?notice=confirmed`);
  }
  if (intent === "decline") {
    const submission = parseWithZod(formData, { schema: declinePartnershipSchema });
    if (submission.status !== "success") return { intent, result: submission.reply() };
    const outcome = answerInvitation(user, proposal.proposalId, { answer: "decline", reason: submission.value.reason }, ip);
    if (!outcome.ok) return { intent, result: submission.reply({ formErrors: [outcome.message] }) };
    // A declined institution no longer sees the proposal, so the answer lands on the home page.
    throw redirect(`/?notice=partnership-${outcome.answer}`);
  }
  throw new Response("The portal does not know what to do with this form. Reload the page and try again.", { status: 400, statusText: "Bad Request" });
}

type ActionData = { intent: "confirm" | "decline"; result: SubmissionResult<string[]> };

export default function Partnership() {
  const { proposal, lead, partners, jointCountries, jointRule, mine } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const confirmed = mine.status === "confirmed";
  const [confirmForm, confirmFields] = useForm({
    id: "confirm-partnership",
    lastResult: actionData?.intent === "confirm" ? actionData.result : undefined,
    constraint: getZodConstraint(confirmPartnershipSchema),
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: confirmPartnershipSchema }),
  });
  const [declineForm, declineFields] = useForm({
    id: "decline-partnership",
    lastResult: actionData?.intent === "decline" ? actionData.result : undefined,
    constraint: getZodConstraint(declinePartnershipSchema),
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: declinePartnershipSchema }),
  });
  const others = partners.filter((p) => p.id !== mine.id);
  return (
    <>
      <p>
        <Link to={`/proposals/${proposal.id}`}>← {proposal.reference ?? proposal.title}</Link>
      </p>
      <h1>
        {confirmed ? "Your institution takes part" : "Invitation to take part"} <span className="muted">· {proposal.title}</span>
      </h1>
      {confirmed ? (
        <p>
          <strong>
            {mine.name} (<CountryName {...mine.country} />)
          </strong>{" "}
          confirmed on {mine.respondedAt} that it takes part as a partner in this proposal, led by {lead.name} (<CountryName {...lead.country} />).
        </p>
      ) : (
        <p>
          {lead.name} (<CountryName {...lead.country} />) invites your institution,{" "}
          <strong>
            {mine.name} (<CountryName {...mine.country} />)
          </strong>
          , to take part as a partner in this proposal. Read it, then confirm with a short statement of your institution's role, or decline.
        </p>
      )}

      <PartnershipSummary proposal={proposal} others={others} jointCountries={jointCountries} jointRule={jointRule} />

      {confirmed ? (
        <section aria-labelledby="statement-heading">
          <h2 id="statement-heading">Your institution's role</h2>
          <blockquote>
            <span className="prose">{mine.statement}</span>
          </blockquote>
          <p className="muted">
            Confirmed by {mine.respondedBy ?? "an applicant"} on {mine.respondedAt}.
          </p>
        </section>
      ) : (
        <section aria-labelledby="confirm-heading" className="narrow">
          <h2 id="confirm-heading">Confirm that your institution takes part</h2>
          <Form method="post" className="stack" {...getFormProps(confirmForm)}>
            <FormErrors errors={confirmForm.errors} />
            <input type="hidden" name="intent" value="confirm" />
            <TextAreaField
              label="Your institution's role in this proposal"
              hint={`What your institution will do and bring, in a few sentences (at most ${STATEMENT_MAX} characters). The lead and the TAF team read it.`}
              meta={confirmFields.statement}
            />
            <button type="submit">Confirm our participation</button>
          </Form>
        </section>
      )}

      <section aria-labelledby="decline-heading" className="narrow">
        <h2 id="decline-heading">{confirmed ? "Withdraw your confirmation" : "Decline the invitation"}</h2>
        <p>
          {confirmed
            ? "While the proposal is a draft or answers a clarification request, your institution can still withdraw. The lead is told by e-mail."
            : "If your institution will not take part, decline here: the lead is told by e-mail."}{" "}
          Afterwards your institution no longer sees this proposal, unless the lead invites it again.
        </p>
        <Form method="post" className="stack" {...getFormProps(declineForm)}>
          <FormErrors errors={declineForm.errors} />
          <input type="hidden" name="intent" value="decline" />
          <TextAreaField label="Reason (optional)" hint={`At most ${STATEMENT_MAX} characters. The lead reads it.`} meta={declineFields.reason} />
          <CheckboxField
            label={confirmed ? "Yes, withdraw my institution from this proposal" : "Yes, my institution declines to take part"}
            meta={declineFields.confirm}
          />
          <button type="submit" className="danger">
            {confirmed ? "Withdraw our confirmation" : "Decline the invitation"}
          </button>
        </Form>
      </section>
    </>
  );
}
