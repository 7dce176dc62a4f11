import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans } from "../trans";
import { useTranslation } from "../translation";
import type { z } from "../zod";
import { checkInBrowser } from "../form-checks";
import { startSchema } from "../proposals/start-schema";
import { CountryName } from "../components/country";
import { Deadline } from "../components/deadline";
import { deadlineIn } from "../proposals/deadline-words.server";
import { choiceProps } from "../components/choices";
import { FieldError, FormErrors, TextField } from "../components/fields";
import { requirePermission } from "../permissions.server";
import { leadChoices, startDraft } from "../proposals/drafting.server";
import { openRoundsWithGuides } from "../proposals/round-guide.server";
import { RoundGuide } from "../components/proposal/round-guide";
import { browserChecks, readForm } from "../forms.server";
import { pageLanguage, translateReply, translatorOf } from "../i18n.server";
import { useTextLanguage } from "../components/text-language";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// Applicants start proposals; the applicants' home is their permission for it.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "startProposal");
  const t = await translatorOf(request);
  const now = new Date();
  const language = await pageLanguage(request);
  return {
    title: t("layout.pageTitle", { page: t("newProposal.title") }),
    rounds: openRoundsWithGuides(now, t, language).map((round) => ({ ...round, deadline: deadlineIn(round, now, { t, language }) })),
    institutions: leadChoices(user, t),
    now: now.toISOString(),
    checks: browserChecks(startSchema),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "startProposal");
  const t = await translatorOf(request);
  const submission = parseWithZod(await readForm(request), { schema: startSchema });
  if (submission.status !== "success") return { result: translateReply(submission.reply(), t) };
  const outcome = startDraft(user, submission.value, t, await pageLanguage(request));
  if (!outcome.ok) return { result: submission.reply({ fieldErrors: outcome.fieldErrors }) };
  throw redirect(`/proposals/${outcome.proposalId}/edit?notice=started`);
}

export default function StartProposal() {
  const { t } = useTranslation();
  // Round titles and descriptions are written by the TAF team, in English.
  const typed = useTextLanguage("en");
  const { rounds, institutions, checks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "start-proposal",
    lastResult: actionData?.result,
    defaultValue: { roundId: rounds.length === 1 ? String(rounds[0]!.id) : undefined, institutionId: institutions.length === 1 ? String(institutions[0]!.id) : undefined },
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<z.input<typeof startSchema>>(form, formData, checks),
  });
  const roundOptions = choiceProps(fields.roundId, { type: "radio", options: rounds.map((r) => String(r.id)) });
  const onlyInstitution = institutions.length === 1 ? institutions[0]! : null;
  return (
    <div className="form-page">
      <p>
        <Link to="/">{t("newProposal.home")}</Link>
      </p>
      <h1>{t("newProposal.title")}</h1>
      <p>{t("newProposal.intro")}</p>
      {rounds.length === 0 ? (
        <p className="empty">{t("newProposal.noRound")}</p>
      ) : (
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          <fieldset className="field" aria-describedby={fields.roundId.errors ? fields.roundId.errorId : undefined}>
            <legend>{t("newProposal.round")}</legend>
            <div className="round-choices">
              {rounds.map((round, index) => {
                const { key, ...props } = roundOptions[index]!;
                return (
                  <div className="round-choice" key={key}>
                    <label className="checkbox">
                      <input {...props} aria-describedby={`round-${round.id}-about`} />
                      <strong {...typed}>{round.title}</strong>
                    </label>
                    <div id={`round-${round.id}-about`}>
                      {round.description ? (
                        <p className="muted" {...typed}>
                          {round.description}
                        </p>
                      ) : null}
                      <Deadline deadline={round.deadline} />
                    </div>
                    {/* Read before choosing: open at once when there is only this round. */}
                    <details className="round-guide-details" open={rounds.length === 1}>
                      <summary>{t("newProposal.guide")}</summary>
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
                <Trans i18nKey="newProposal.leadIs" values={{ name: onlyInstitution.name }} components={{ strong: <strong /> }} />
                <CountryName {...onlyInstitution.country} />
              </p>
              <input type="hidden" name={fields.institutionId.name} value={onlyInstitution.id} />
              {fields.institutionId.errors ? <p className="error">{fields.institutionId.errors.map((error) => t(error, { defaultValue: error })).join(" ")}</p> : null}
            </div>
          ) : (
            <div className="field">
              <label htmlFor={fields.institutionId.id}>{t("newProposal.lead")}</label>
              <span className="hint" id={fields.institutionId.descriptionId}>
                {t("newProposal.leadHint")}
              </span>
              <select {...getSelectProps(fields.institutionId, { ariaDescribedBy: fields.institutionId.descriptionId })}>
                <option value="">{t("newProposal.choose")}</option>
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
          <TextField label={t("newProposal.workingTitle")} hint={t("newProposal.workingTitleHint")} meta={fields.title} />
          <div className="actions">
            <button type="submit">{t("newProposal.start")}</button>
            <Link to="/">{t("newProposal.cancel")}</Link>
          </div>
        </Form>
      )}
    </div>
  );
}
