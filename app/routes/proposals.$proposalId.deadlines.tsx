import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "../translation";
import { FormErrors, SelectField, TextAreaField, TextField } from "../components/fields";
import { DeadlineFacts } from "../components/proposal/deadlines";
import { useTextLanguage } from "../components/text-language";
import { browserChecks, readForm } from "../forms.server";
import { checkInBrowser } from "../form-checks";
import { pageLanguage, translateReply, translatorOf } from "../i18n.server";
import { applicantInstitutions, canOnProposal, requireProposal } from "../permissions.server";
import { extendDeadlineSchema } from "../proposals/deadline-schema";
import type { z } from "../zod";
import { deadlinesPage, extendDeadline } from "../proposals/deadlines.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle }];

async function wordsOf(request: Request) {
  return { t: await translatorOf(request), language: await pageLanguage(request) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  const words = await wordsOf(request);
  const page = deadlinesPage(proposal.proposalId, canOnProposal(user, "extendDeadlines", proposal), words);
  return {
    ...page,
    pageTitle: words.t("layout.pageTitle", { page: words.t("deadlinesPage.title", { proposal: page.proposal.reference ?? page.proposal.title }) }),
    // The lead's own people read about their work as their own.
    submitter: words.t(applicantInstitutions(user).includes(proposal.leadInstitutionId) ? "deadlinesPage.yourInstitution" : "deadlinesPage.leadInstitution"),
    notice: new URL(request.url).searchParams.get("moved"),
    // Whether the time exists in Brussels (not skipped by the clocks going forward) the server says on submit.
    checks: browserChecks(extendDeadlineSchema),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "extendDeadlines");
  const words = await wordsOf(request);
  const submission = parseWithZod(await readForm(request), { schema: extendDeadlineSchema });
  if (submission.status !== "success") return { result: translateReply(submission.reply(), words.t) };
  const outcome = extendDeadline(user, { proposalId: proposal.proposalId, ...submission.value }, new Date(), words);
  if (!outcome.ok) return { result: translateReply(submission.reply({ formErrors: [outcome.message] }), words.t) };
  throw redirect(`/proposals/${proposal.proposalId}/deadlines?moved=${encodeURIComponent(outcome.dueAt)}`);
}

export default function Deadlines() {
  const { t } = useTranslation();
  const typed = useTextLanguage("en");
  const { proposal, deadlines, movable, submitter, notice, checks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "move-deadline",
    lastResult: actionData?.result,
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    defaultValue: { kind: movable[0]?.kind, dueAt: movable[0]?.dueInput },
    onValidate: ({ form, formData }) => checkInBrowser<z.input<typeof extendDeadlineSchema>>(form, formData, checks),
  });
  return (
    <>
      <p>
        <Link to={`/proposals/${proposal.id}`}>← {proposal.reference ?? proposal.title}</Link>
      </p>
      <h1>
        {t("deadlinesPage.heading")}{" "}
        <span className="muted" {...typed}>
          · {proposal.title}
        </span>
      </h1>
      {notice ? (
        <p className="notice success" role="status">
          {t("deadlinesPage.moved", { at: notice })}
        </p>
      ) : null}
      <p>{t("deadlinesPage.intro", { submitter })}</p>
      {deadlines.length ? (
        <dl className="facts">
          <DeadlineFacts deadlines={deadlines} />
        </dl>
      ) : (
        <p className="empty">{t("deadlinesPage.noneYet")}</p>
      )}
      {movable.length ? (
        <section aria-labelledby="move-heading" className="narrow">
          <h2 id="move-heading">{t("deadlinesPage.form.heading")}</h2>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <FormErrors errors={form.errors} />
            <SelectField label={t("deadlinesPage.form.deadline")} options={movable.map((d) => ({ value: d.kind, label: d.label }))} meta={fields.kind} />
            <TextField type="datetime-local" label={t("deadlinesPage.form.dueAt")} hint={t("deadlinesPage.form.dueAtHint")} meta={fields.dueAt} />
            <TextAreaField label={t("deadlinesPage.form.reason")} hint={t("deadlinesPage.form.reasonHint")} meta={fields.reason} />
            <button type="submit" disabled={navigation.state === "submitting"}>
              {navigation.state === "submitting" ? t("deadlinesPage.form.moving") : t("deadlinesPage.form.move")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
