import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatBrussels } from "../../workflows/time";
import { SUPPORT_KINDS, THEMES } from "../../workflows/vocabulary";
import { clientIp } from "../auth/session.server";
import { CountryName } from "../components/country";
import { CheckboxField, FormErrors, TextAreaField } from "../components/fields";
import { requireProposal } from "../permissions.server";
import { answerInvitation, ownPartnership, partnersOverview } from "../proposals/partners.server";
import { readForm } from "../forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Your answer to the invitation: ${data?.proposal.title ?? "proposal"} · TAF portal` }];

const STATEMENT_MAX = 1000;

const confirmSchema = z.object({
  intent: z.literal("confirm"),
  statement: z
    .string({ error: "Describe your institution's role in a few sentences: the lead and the TAF team read it." })
    .trim()
    .min(10, "Describe your institution's role in at least one full sentence.")
    .max(STATEMENT_MAX, `Use at most ${STATEMENT_MAX} characters.`),
});

const declineSchema = z.object({
  intent: z.literal("decline"),
  reason: z.string().trim().max(STATEMENT_MAX, `Use at most ${STATEMENT_MAX} characters.`).default(""),
  confirm: z.boolean({ error: "Tick the box to confirm: your institution will no longer see this proposal." }),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "respondAsPartner");
  const overview = partnersOverview(proposal.proposalId)!;
  const mine = ownPartnership(user, proposal.proposalId)!;
  const content = overview.content;
  const text = (key: string) => (typeof content[key] === "string" ? (content[key] as string) : "");
  const labels = (key: string, options: readonly { id: string; label: string }[]) =>
    Array.isArray(content[key]) ? (content[key] as unknown[]).map((id) => options.find((o) => o.id === id)?.label ?? String(id)) : [];
  return {
    proposal: {
      id: overview.id,
      title: overview.title,
      reference: overview.reference,
      roundTitle: overview.round.title,
      roundClosesAt: overview.round.closesAt ? formatBrussels(overview.round.closesAt) : null,
      summary: text("summary"),
      objectives: text("objectives"),
      activities: text("activities"),
      themes: labels("themes", THEMES),
      supportKinds: labels("supportKinds", SUPPORT_KINDS),
    },
    lead: overview.lead,
    partners: overview.partners.map(({ id, name, country, status }) => ({ id, name, country, status })),
    jointCountries: overview.jointCountries,
    isJoint: overview.isJoint,
    mine: overview.partners.find((p) => p.id === mine.id)!,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "respondAsPartner");
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const ip = clientIp(request);
  if (intent === "confirm") {
    const submission = parseWithZod(formData, { schema: confirmSchema });
    if (submission.status !== "success") return { intent, result: submission.reply() };
    const outcome = answerInvitation(user, proposal.proposalId, { answer: "confirm", statement: submission.value.statement }, ip);
    if (!outcome.ok) return { intent, result: submission.reply({ formErrors: [outcome.message] }) };
    throw redirect(`/proposals/${proposal.proposalId}/partners?notice=confirmed`);
  }
  if (intent === "decline") {
    const submission = parseWithZod(formData, { schema: declineSchema });
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
  const { proposal, lead, partners, jointCountries, isJoint, mine } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const confirmed = mine.status === "confirmed";
  const [confirmForm, confirmFields] = useForm({
    id: "confirm-partnership",
    lastResult: actionData?.intent === "confirm" ? actionData.result : undefined,
    constraint: getZodConstraint(confirmSchema),
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: confirmSchema }),
  });
  const [declineForm, declineFields] = useForm({
    id: "decline-partnership",
    lastResult: actionData?.intent === "decline" ? actionData.result : undefined,
    constraint: getZodConstraint(declineSchema),
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: declineSchema }),
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

      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">The proposal in short</h2>
        <dl className="facts">
          <dt>Round</dt>
          <dd>
            {proposal.roundTitle}
            {proposal.roundClosesAt ? `, closes on ${proposal.roundClosesAt}` : " (no deadline)"}
          </dd>
          <dt>Themes</dt>
          <dd>{proposal.themes.length ? proposal.themes.join("; ") : <span className="muted">Not chosen yet</span>}</dd>
          <dt>Support wanted</dt>
          <dd>{proposal.supportKinds.length ? proposal.supportKinds.join("; ") : <span className="muted">Not chosen yet</span>}</dd>
          <dt>Other partners</dt>
          <dd>
            {others.length ? (
              <ul className="plain">
                {others.map((p) => (
                  <li key={p.id}>
                    {p.name}, <CountryName {...p.country} /> <span className="muted">({p.status})</span>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">None</span>
            )}
          </dd>
          <dt>Countries behind it</dt>
          <dd>
            {jointCountries.map((c, i) => (
              <span key={c.name}>
                {i ? ", " : ""}
                <CountryName {...c} />
              </span>
            ))}{" "}
            {isJoint ? <span className="badge ok">joint</span> : <span className="badge warn">not joint yet</span>}
          </dd>
        </dl>
        <dl className="answers">
          {(
            [
              ["Summary", proposal.summary],
              ["Objectives", proposal.objectives],
              ["Planned activities", proposal.activities],
            ] as const
          ).map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value ? <span className="prose">{value}</span> : <span className="muted">Not written yet</span>}</dd>
            </div>
          ))}
        </dl>
        <p>
          <Link to={`/proposals/${proposal.id}`}>Read the whole proposal</Link> ·{" "}
          <Link to={`/proposals/${proposal.id}/comments`}>Ask the lead a question in the comments</Link>
        </p>
      </section>

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
            ? "While the proposal is a draft, your institution can still withdraw. The lead is told by e-mail."
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
