import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { Form, useFetcher } from "@remix-run/react";
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "../translation";
import type { BrowserChecks } from "../form-checks";
import type { PageLanguage } from "../../workflows/languages";
import { formatBrusselsDayIn } from "../../workflows/time";
import { FormErrors, TextField } from "./fields";

// Passkeys on the account page and in the second step of signing in. Making or using a passkey
// needs the browser's WebAuthn (and so JavaScript): without it the forms are not offered and the
// authenticator app remains the way in.

type Passkey = { id: number; name: string; createdAt: Date | string; lastUsedAt: Date | string | null };
type OptionsAnswer = { passkeyOptions?: unknown };

/**
 * The browser's side of a passkey ceremony (@simplewebauthn/browser, 4 KiB): loaded once the page
 * has started, not with it, since most sign-ins use the authenticator app (issue 13).
 */
const webAuthn = () => import("@simplewebauthn/browser");

/** Whether this browser can make and use passkeys; false until the page has run its script and loaded the ceremony's. */
function useWebAuthn() {
  const [supported, setSupported] = useState(false);
  useEffect(() => {
    let current = true;
    void webAuthn().then(({ browserSupportsWebAuthn }) => current && setSupported(browserSupportsWebAuthn()));
    return () => {
      current = false;
    };
  }, []);
  return supported;
}

/**
 * Asks the server for a challenge, lets the browser answer it, and submits the form with the
 * answer in its hidden `credential` field. A refusal by the person (cancelled) leaves the form as it was.
 */
function useCeremony(answer: (options: unknown) => Promise<unknown>) {
  const fetcher = useFetcher<OptionsAnswer>();
  const formRef = useRef<HTMLFormElement>(null);
  const credentialRef = useRef<HTMLInputElement>(null);
  const [cancelled, setCancelled] = useState(false);
  const options = fetcher.data?.passkeyOptions;
  useEffect(() => {
    if (!options) return;
    answer(options).then(
      (credential) => {
        credentialRef.current!.value = JSON.stringify(credential);
        formRef.current!.requestSubmit();
        // The form data is taken as the submit event runs: emptied, a refused answer is not sent twice.
        credentialRef.current!.value = "";
      },
      () => setCancelled(true),
    );
    // The answer is asked once per challenge the server sends.
  }, [options]);
  function begin() {
    setCancelled(false);
    fetcher.submit({ intent: "passkeyOptions" }, { method: "post" });
  }
  return { formRef, credentialRef, cancelled, begin, busy: fetcher.state !== "idle" };
}

/** `constraint`: the add form's, from its schema (the loader's `browserChecks`), so that zod stays on the server. */
export function PasskeySection({ passkeys, result, constraint }: { passkeys: Passkey[]; result: SubmissionResult<string[]> | undefined; constraint: BrowserChecks["constraint"] }) {
  const { t, i18n } = useTranslation();
  const supported = useWebAuthn();
  const ceremony = useCeremony((options) => webAuthn().then(({ startRegistration }) => startRegistration({ optionsJSON: options as PublicKeyCredentialCreationOptionsJSON })));
  const [form, fields] = useForm<{ name: string; credential: string }>({
    id: "passkey-add",
    lastResult: result,
    constraint,
    shouldValidate: "onBlur",
  });
  return (
    <section aria-labelledby="passkeys-heading" className="stack">
      <h2 id="passkeys-heading">{t("passkeys.heading")}</h2>
      <p>{t("passkeys.intro")}</p>
      {passkeys.length === 0 ? (
        <p className="muted">{t("passkeys.none")}</p>
      ) : (
        <ul className="stack" aria-label={t("passkeys.listLabel")}>
          {passkeys.map((passkey) => (
            <li key={passkey.id}>
              <Form method="post" className="actions">
                <span>
                  <strong>{passkey.name}</strong>{" "}
                  <span className="muted">
                    {t("passkeys.added", { date: formatBrusselsDayIn(i18n.language as PageLanguage, new Date(passkey.createdAt)) })}
                    {passkey.lastUsedAt ? ` · ${t("passkeys.lastUsed", { date: formatBrusselsDayIn(i18n.language as PageLanguage, new Date(passkey.lastUsedAt)) })}` : null}
                  </span>
                </span>
                <input type="hidden" name="intent" value="passkeyRemove" />
                <input type="hidden" name="passkeyId" value={passkey.id} />
                <button type="submit" className="secondary" aria-label={t("passkeys.removeNamed", { name: passkey.name })}>
                  {t("passkeys.remove")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      {supported ? (
        <Form
          method="post"
          className="stack"
          ref={ceremony.formRef}
          {...getFormProps(form)}
          onSubmit={(event) => {
            // The first press fetches a challenge; the browser's answer submits the form for real.
            if (ceremony.credentialRef.current?.value) return;
            event.preventDefault();
            ceremony.begin();
          }}
        >
          <FormErrors errors={form.errors} />
          {ceremony.cancelled ? <p className="notice" role="alert">{t("passkeys.cancelled")}</p> : null}
          <input type="hidden" name="intent" value="passkeyAdd" />
          <input type="hidden" name="credential" ref={ceremony.credentialRef} defaultValue="" />
          <TextField label={t("passkeys.name")} hint={t("passkeys.nameHint")} meta={fields.name} />
          <button type="submit" disabled={ceremony.busy}>
            {t("passkeys.add")}
          </button>
        </Form>
      ) : (
        <p className="muted">{t("passkeys.unsupported")}</p>
      )}
    </section>
  );
}

/** The form of "Use a passkey" in the second step of signing in (loaded by passkey-sign-in.tsx once the page has started). */
export function PasskeySignInForm({ redirectTo, errors }: { redirectTo: string; errors: string[] | undefined }) {
  const { t } = useTranslation();
  const supported = useWebAuthn();
  const ceremony = useCeremony((options) => webAuthn().then(({ startAuthentication }) => startAuthentication({ optionsJSON: options as PublicKeyCredentialRequestOptionsJSON })));
  if (!supported) return null;
  return (
    <section aria-labelledby="passkey-sign-in-heading" className="stack">
      <h2 id="passkey-sign-in-heading">{t("passkeys.signInHeading")}</h2>
      {/* A full page load: signing in changes everything the page shows. */}
      <Form method="post" reloadDocument className="stack" ref={ceremony.formRef} onSubmit={(event) => {
        if (ceremony.credentialRef.current?.value) return;
        event.preventDefault();
        ceremony.begin();
      }}>
        <FormErrors errors={errors} />
        {ceremony.cancelled ? <p className="notice" role="alert">{t("passkeys.cancelled")}</p> : null}
        <input type="hidden" name="intent" value="passkey" />
        <input type="hidden" name="credential" ref={ceremony.credentialRef} defaultValue="" />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <button type="submit" disabled={ceremony.busy}>
          {t("passkeys.signIn")}
        </button>
      </Form>
    </section>
  );
}
