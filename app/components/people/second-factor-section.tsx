import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "../../translation";
import { FormErrors } from "../fields";

/** On a person's page: whether they sign in with a second factor, and the administrator's reset of it. */
export function SecondFactorSection({ name, hasSecondFactor, result }: { name: string; hasSecondFactor: boolean; result: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form] = useForm({ id: "reset-second-factor", lastResult: result });
  return (
    <section aria-labelledby="second-factor-heading" className="narrow">
      <h2 id="second-factor-heading">{t("personSecondFactor.heading")}</h2>
      {hasSecondFactor ? (
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          <p>{t("personSecondFactor.explanation", { name })}</p>
          <input type="hidden" name="intent" value="resetSecondFactor" />
          <button type="submit">{t("personSecondFactor.reset")}</button>
        </Form>
      ) : (
        <p>{t("personSecondFactor.none", { name })}</p>
      )}
    </section>
  );
}
