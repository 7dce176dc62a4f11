import { createHash, randomBytes } from "node:crypto";

/** A random secret for a cookie or an e-mailed link: 256 bits, URL-safe. */
export function newSecret() {
  return randomBytes(32).toString("base64url");
}

/** Secrets are stored only as hashes, so a leaked database opens nothing. */
export function hashSecret(secret: string) {
  return createHash("sha256").update(secret).digest("hex");
}
