// Creates an administrator account and sends them an invitation: how a real installation,
// started with DEMO_DATA=off, gets its first administrator.
//   npx tsx scripts/create-administrator.ts --email anna.keller@example.org --name "Anna Keller"
import { desc, eq } from "drizzle-orm";
import { parseArgs } from "node:util";
import { outbox } from "../db/schema";
import { inviteSchema } from "../app/people/person-schema";
import { db } from "../app/db.server";
import { env } from "../app/env.server";
import { invitePerson } from "../app/people/people.server";
import { translatorFor } from "../workflows/messages";

// The schema's and the server's messages are catalogue keys: the command line reads them in English.
const t = translatorFor("en");
const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, "job-title": { type: "string" } } });
const parsed = inviteSchema.safeParse({ email: values.email, name: values.name, jobTitle: values["job-title"], role: "administrator" });
if (!parsed.success) {
  console.error('Usage: npx tsx scripts/create-administrator.ts --email you@example.org --name "Your Name" [--job-title "…"]');
  for (const issue of parsed.error.issues) console.error(`  ${issue.path.join(".") || "input"}: ${t(issue.message)}`);
  process.exit(2);
}

const outcome = invitePerson({ id: null, name: "The TAF portal" }, parsed.data);
if (!outcome.ok) {
  for (const [field, messages] of Object.entries(outcome.fieldErrors ?? {})) console.error(`${field}: ${messages.map((message) => t(message)).join(" ")}`);
  for (const message of outcome.formErrors ?? []) console.error(t(message));
  process.exit(1);
}
const invitation = db().select().from(outbox).where(eq(outbox.recipient, parsed.data.email)).orderBy(desc(outbox.id)).get();
const link = invitation?.text.match(/https?:\/\/\S+\/set-password\/\S+/)?.[0];
console.log(`Administrator ${parsed.data.name} <${parsed.data.email}> created in ${env().DATABASE_PATH}.`);
console.log("The running portal e-mails the invitation. The link, valid for 72 hours, is also:");
console.log(`  ${link}`);
