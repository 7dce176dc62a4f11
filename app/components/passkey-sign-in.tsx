import { useEffect, useState } from "react";
import type { PasskeySignInForm } from "./passkeys";

type Props = Parameters<typeof PasskeySignInForm>[0];

/**
 * "Use a passkey" in the second step of signing in, for a person who has one. Its form needs the
 * browser's script and WebAuthn anyway (without them it is not offered), so it loads once the
 * page has started, with the ceremony, not with the page: most sign-ins use the authenticator
 * app, and the page stays under its budget (issue 13).
 */
export function PasskeySignIn(props: Props) {
  const [Form, setForm] = useState<typeof PasskeySignInForm | null>(null);
  useEffect(() => {
    let current = true;
    void import("./passkeys").then((passkeys) => current && setForm(() => passkeys.PasskeySignInForm));
    return () => {
      current = false;
    };
  }, []);
  return Form ? <Form {...props} /> : null;
}
