// A link that signs someone in (an invitation, a password reset) carries a secret that only its
// hash in the tokens table knows. The outbox must hold it until the mail is sent; after that, a
// copy of the database (a backup, a stolen disk) should open no account for the 72 hours the
// link lives, so the delivered message keeps its words and loses the secret.

const SECRET_LINK = /(\/set-password\/)[A-Za-z0-9_-]{16,}/g;

/** The message as it was sent, its sign-in links' secrets replaced by a note that they were removed. */
export function withoutSecrets<Text extends string | null>(text: Text): Text {
  return (text === null ? text : text.replace(SECRET_LINK, "$1(removed-after-delivery)")) as Text;
}
