import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans } from "../trans";
import { useTranslation } from "../translation";
import { Deadline, DueBy } from "../components/deadline";
import { deadlineIn, dueByIn } from "../proposals/deadline-words.server";
import { FieldError, FormErrors } from "../components/fields";
import { AttachmentsPreview, BlockerList, ProposalPreview } from "../components/proposal/submission-preview";
import { RoundCriteriaList } from "../components/rounds/eligibility-criteria";
import { WhoStandsBehind } from "../components/who-stands-behind";
import { browserChecks, readForm } from "../forms.server";
import { checkInBrowser } from "../form-checks";
import { pageLanguage, translateMessage, translateReply, translatorOf } from "../i18n.server";
import { useTextLanguage } from "../components/text-language";
import { requireProposal } from "../permissions.server";
import { currentAttachments } from "../proposals/attachments.server";
import { sendProposal, submissionPreview } from "../proposals/drafting.server";
import { leadActor } from "../auth/actors.server";
import type { RespondForm } from "../proposals/submission-schema";
import { respondSchema, sendSchema } from "../proposals/submission-schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "editProposal");
  const t = await translatorOf(request);
  const language = await pageLanguage(request);
  const preview = submissionPreview(user, proposal, t, language);
  const page = preview.title ? t("submitPage.title", { title: preview.title }) : t("submitPage.titleUntitled");
  const now = new Date(preview.now);
  // The files go with the proposal: the preview lists them, so nothing is sent by surprise.
  return {
    ...preview,
    pageTitle: t("layout.pageTitle", { page }),
    attachments: currentAttachments(proposal.proposalId, { t, language }),
    deadline: deadlineIn(preview.round, now, { t, language }),
    due: preview.clarification?.dueAt ? dueByIn(preview.clarification.dueAt, now, { t, language }) : null,
    // The submit form has nothing to type, so only the answer is checked in the browser.
    checks: preview.step === "respond" ? browserChecks(respondSchema) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "editProposal");
  const t = await translatorOf(request);
  const submission = parseWithZod(await readForm(request), { schema: sendSchema });
  if (submission.status !== "success") return { result: translateReply(submission.reply(), t) };
  const form = submission.value;
  const outcome = sendProposal({
    proposalId: proposal.proposalId,
    expectedVersion: form.version,
    basedOn: form.revision,
    actor: leadActor(user, proposal),
    command: form.intent === "respond" ? { type: "RESPOND", message: form.message } : { type: "SUBMIT" },
  });
  // The statechart's refusal (or the conflict) is shown as it is; the page loads again with the facts as they are now.
  if (!outcome.ok) return { result: submission.reply({ formErrors: [translateMessage(outcome.message, t)] }) };
  throw redirect(`/proposals/${proposal.proposalId}?notice=${form.intent === "respond" ? "resubmitted" : "submitted"}`);
}

export default function PreviewAndSubmit() {
  const { t } = useTranslation();
  // What people typed (the TAF team's question, the round's title) stays in its English.
  const typed = useTextLanguage("en");
  const preview = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const respond = preview.step === "respond";
  const { checks } = preview;
  const [form, fields] = useForm<RespondForm>({
    id: `proposal-${preview.id}-send`,
    lastResult: actionData?.result,
    constraint: checks?.constraint,
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: checks ? ({ form, formData }) => checkInBrowser<RespondForm>(form, formData, checks) : undefined,
  });
  const busy = navigation.state !== "idle" && navigation.formMethod?.toUpperCase() === "POST";
  const message = fields.message;

  return (
    <>
      <p>
        <Link to={`/proposals/${preview.id}`}>{t("submitPage.back")}</Link>
      </p>
      <h1>{respond ? t("submitPage.headingRespond") : t("submitPage.heading")}</h1>
      <FormErrors errors={form.errors} />
      {message.errors?.length ? (
        <p className="notice error" role="alert">
          <Trans i18nKey="submitPage.answerNeedsAttention" components={{ link: <a href={`#${message.id}`} /> }} />
        </p>
      ) : null}
      {/* While clarification is requested, its due date matters, not the round's deadline. */}
      {respond ? null : <Deadline deadline={preview.deadline} />}

      {respond && preview.clarification ? (
        <div className="notice warning">
          <p>
            <strong>{t("submitPage.clarificationAsked")}</strong>
          </p>
          <blockquote className="prose" {...typed}>
            {preview.clarification.question}
          </blockquote>
          {preview.due ? <DueBy due={preview.due} /> : null}
          <p>{t("submitPage.clarificationHow")}</p>
        </div>
      ) : null}

      {preview.blockers.length ? (
        <section className="notice error" aria-labelledby="blockers-heading">
          <h2 id="blockers-heading">{t("submitPage.blockersHeading")}</h2>
          <BlockerList items={preview.blockers} />
        </section>
      ) : null}
      {preview.warnings.length ? (
        <section className="notice warning" aria-labelledby="warnings-heading">
          <h2 id="warnings-heading">{t("submitPage.warningsHeading")}</h2>
          <BlockerList items={preview.warnings} />
        </section>
      ) : null}
      {!respond && preview.canSubmit ? (
        <p className="notice success">
          {t("submitPage.ready")}
        </p>
      ) : null}

      <section aria-labelledby="who-heading">
        <h2 id="who-heading">{t("submitPage.whoHeading")}</h2>
        <dl className="facts">
          <WhoStandsBehind
            roundTitle={preview.round.title}
            lead={preview.lead}
            partners={preview.partners}
            jointCountries={preview.jointCountries}
            jointRule={preview.jointRule}
            showStatements
          />
        </dl>
      </section>

      <ProposalPreview proposalId={preview.id} title={preview.title} content={preview.content} answersInWords={preview.answersInWords} />

      <AttachmentsPreview proposalId={preview.id} attachments={preview.attachments} />

      <section aria-labelledby="criteria-heading">
        <h2 id="criteria-heading">{t("submitPage.criteriaHeading")}</h2>
        <p>
          <Trans i18nKey="submitPage.criteriaIntro" values={{ round: preview.round.title }} components={{ round: <span {...typed} /> }} />
        </p>
        <RoundCriteriaList criteria={preview.criteria} />
      </section>

      <section aria-labelledby="send-heading">
        <h2 id="send-heading">{respond ? t("submitPage.answerHeading") : t("submitPage.submitHeading")}</h2>
        {respond || preview.canSubmit ? (
          <Form method="post" className="stack narrow-form" {...getFormProps(form)}>
            <input type="hidden" name="intent" value={respond ? "respond" : "submit"} />
            <input type="hidden" name="version" value={preview.version} />
            <input type="hidden" name="revision" value={preview.revision} />
            {respond ? (
              <div className="field">
                <label htmlFor={message.id}>{t("submitPage.answerLabel")}</label>
                <span className="hint" id={message.descriptionId}>
                  {t("submitPage.answerHint")}
                </span>
                <textarea {...getTextareaProps(message, { ariaDescribedBy: message.descriptionId })} rows={8} />
                <FieldError meta={message} />
              </div>
            ) : (
              <p>{t("submitPage.whenYouSubmit")}</p>
            )}
            <button type="submit" disabled={busy}>
              {busy ? t("submitPage.sending") : respond ? t("submitPage.sendAnswer") : t("submitPage.submit")}
            </button>
          </Form>
        ) : (
          <p className="empty">{t("submitPage.notYet")}</p>
        )}
      </section>
    </>
  );
}
