/**
 * Only paths on this site: a sign-in link must not send people to another site. Browsers ignore
 * tabs and line breaks in addresses and read a backslash as "/", so "/\t/evil.example" would leave.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || /[\x00-\x20\\]/.test(to)) return fallback;
  const url = new URL(to, "http://portal.invalid");
  return url.origin === "http://portal.invalid" ? url.pathname + url.search + url.hash : fallback;
}
