import { Form } from "@remix-run/react";
import { useTranslation } from "../translation";
import type { Resend } from "../storage-faults.server";

/**
 * A form the storage refused (the database locked, the disk full), given back on the error page:
 * what the person typed, in fields they can still correct, and the rest of the form carried
 * unseen, so that "Send it again" posts it as it was, with or without JavaScript.
 */
export function ResendForm({ resend }: { resend: Resend }) {
  const { t } = useTranslation();
  const shown = resend.fields.filter((field) => field.shown);
  return (
    <Form method="post" action={resend.action} className="stack">
      {resend.fields.map((field, index) =>
        field.shown ? (
          <div className="field" key={index}>
            <label htmlFor={`resend-${index}`}>
              {shown.length === 1 ? t("layout.error.typed") : t("layout.error.typedOf", { position: shown.indexOf(field) + 1, total: shown.length })}
            </label>
            <textarea id={`resend-${index}`} name={field.name} defaultValue={field.value} rows={Math.min(12, Math.max(2, Math.ceil(field.value.length / 70)))} />
          </div>
        ) : (
          <input type="hidden" key={index} name={field.name} value={field.value} />
        ),
      )}
      <p>
        <button type="submit">{t("layout.error.sendAgain")}</button>
      </p>
    </Form>
  );
}
