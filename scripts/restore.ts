// Puts a backup made by `npm run db:backup` back in place. Stop the portal first.
//   npm run db:restore -- data/backups/taf-2026-12-01T17-30-00-000Z.backup
// The database that was there is moved aside (taf.db.before-restore-…), never deleted.
import { connect } from "node:net";
import { parseArgs } from "node:util";
import { RestoreRefused, restoreBackup } from "../db/backup";
import { env } from "../app/env.server";

const { positionals } = parseArgs({ allowPositionals: true });
const file = positionals[0];
if (!file || positionals.length > 1) {
  console.error("Usage: npm run db:restore -- FILE   (a file made by npm run db:backup)");
  process.exit(2);
}
const { DATABASE_PATH, ATTACHMENTS_PATH, HOST, PORT } = env();

// A running portal would go on writing to the database it has open, and those writes would be lost.
const portalAnswers = await new Promise<boolean>((resolve) => {
  const probe = connect({ host: HOST, port: PORT }, () => (probe.end(), resolve(true)));
  probe.on("error", () => resolve(false));
});
if (portalAnswers) {
  console.error(`Something answers on ${HOST}:${PORT}: stop the portal before restoring, then start it again.`);
  process.exit(1);
}

try {
  const summary = restoreBackup({ file, databasePath: DATABASE_PATH, attachmentsPath: ATTACHMENTS_PATH });
  console.log(`Restored the backup taken at ${summary.takenAt} into ${summary.databasePath}:`);
  console.log(`  ${summary.rows.proposals ?? 0} proposals, ${summary.rows.users ?? 0} people, ${summary.attachments} attachment files in ${ATTACHMENTS_PATH}.`);
  if (summary.previous) console.log(`  The database that was there is kept as ${summary.previous}.`);
} catch (error) {
  if (!(error instanceof RestoreRefused)) throw error;
  console.error(`${error.message} Nothing was changed.`);
  process.exit(1);
}
