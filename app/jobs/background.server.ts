import type { Db } from "../../db/client";
import { createDispatcher } from "../../emails/dispatcher";
import type { Env } from "../env.server";
import { startScheduler } from "./scheduler.server";

const DISPATCH_INTERVAL_MS = 2_000;

/**
 * Starts what runs beside the web server in the same process: the embedded SMTP server when
 * no SMTP_URL is set, the outbox dispatcher, and the workflow scheduler (which first catches up
 * on anything that fell due while the server was down). `stop` lets in-flight work finish.
 */
export async function startBackgroundJobs(db: Db, config: Env) {
  // Loaded here, by the one process that runs the jobs: the other workers never load the SMTP
  // server, the parser of received mail or the mail client (about 12 MiB of heap a process).
  const [{ startEmbeddedSmtp }, { createTransport }] = await Promise.all([import("../../emails/embedded-smtp"), import("../../emails/transport")]);
  const embedded = config.SMTP_URL
    ? null
    : await startEmbeddedSmtp({ db, port: config.EMBEDDED_SMTP_PORT, host: "127.0.0.1" });
  const smtpUrl = config.SMTP_URL ?? embedded!.url;
  const transport = createTransport(smtpUrl);
  const dispatcher = createDispatcher({ db, transport, from: config.MAIL_FROM });
  dispatcher.start(DISPATCH_INTERVAL_MS);
  const scheduler = startScheduler();
  return {
    mailDescription: embedded
      ? `Mail: embedded SMTP server on ${embedded.url}; administrators read what it receives on the Mailbox page.`
      : `Mail: sent through ${new URL(smtpUrl).host}.`,
    async stop() {
      scheduler.stop();
      await dispatcher.stop();
      transport.close();
      await embedded?.close();
    },
  };
}
