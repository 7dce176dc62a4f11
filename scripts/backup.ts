// Takes a consistent backup of the portal's database and attachments while it runs: one file.
//   npm run db:backup [-- --to data/backups]
// Schedule it (cron, a systemd timer) and copy the files off the machine: README, "Backups".
import { parseArgs } from "node:util";
import { takeBackup } from "../db/backup";
import { env } from "../app/env.server";

const { values } = parseArgs({ options: { to: { type: "string", default: "data/backups" } } });
const { DATABASE_PATH, ATTACHMENTS_PATH } = env();
const summary = takeBackup({ databasePath: DATABASE_PATH, attachmentsPath: ATTACHMENTS_PATH, folder: values.to });
console.log(`Backup of ${DATABASE_PATH} taken at ${summary.takenAt}: ${summary.file} (${(summary.bytes / 1024 / 1024).toFixed(1)} MB).`);
console.log(`  ${summary.rows.proposals ?? 0} proposals, ${summary.rows.users ?? 0} people, ${summary.attachments} attachment files.`);
if (summary.missingFiles.length) {
  console.error(`  ${summary.missingFiles.length} attachment file(s) were missing or changed in ${ATTACHMENTS_PATH} and are not in the backup:`);
  for (const name of summary.missingFiles) console.error(`    ${name}`);
  process.exit(1);
}
