import type { Env } from "../app/env.server";

/**
 * The lines a person starting the portal reads once it answers; `lines` come from the process
 * that runs the background jobs (how mail leaves, the demo's accounts).
 */
export function announce(config: Env, requests: string, lines: string[]) {
  console.log(`\nTAF portal listening on http://${config.HOST}:${config.PORT}  (links in e-mails use ${config.APP_URL})`);
  console.log(`Database: ${config.DATABASE_PATH}`);
  console.log(`Requests: ${requests}.`);
  for (const line of lines) console.log(line);
  console.log("");
}
