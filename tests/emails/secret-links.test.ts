import { afterAll, expect, it } from "vitest";
import { mailbox, outbox } from "../../db/schema";
import { createDispatcher } from "../../emails/dispatcher";
import { startEmbeddedSmtp } from "../../emails/embedded-smtp";
import { enqueueEmail } from "../../emails/outbox";
import { invitationEmail } from "../../emails/templates/invitation";
import { createTransport } from "../../emails/transport";
import { freePort, openTestDatabase } from "./helpers";

// Issue 14, secrets: a sign-in link's secret lives in the outbox only until the mail is sent;
// afterwards a copy of the database opens no account. The recipient's copy keeps its link.

const database = openTestDatabase();
afterAll(() => database.remove());

it("takes the secret out of a delivered invitation's link, in its text and its HTML", async () => {
  const secret = "Zk3q9VwXr2LmNa7PbT4sYc8HdE1uJf6G0oQiKwRtUyI";
  const { db } = database;
  db.transaction((tx) =>
    enqueueEmail(tx, {
      idempotencyKey: "invitation:user:21",
      to: "besa.gashi@kosovopolice.example",
      template: "invitation",
      ...invitationEmail({
        appUrl: "https://taf.example.org",
        recipientName: "Besa Gashi",
        invitedByName: "Jelena Petrović",
        role: { role: "applicant", institutionName: "Kosovo* Police", country: null },
        setPasswordUrl: `https://taf.example.org/set-password/${secret}`,
        expiresAt: new Date(Date.now() + 72 * 3600_000),
      }),
    }),
  );
  const waiting = db.select().from(outbox).get()!;
  expect(waiting.text).toContain(secret);

  const smtp = await startEmbeddedSmtp({ db, port: await freePort() });
  const transport = createTransport(smtp.url);
  try {
    expect(await createDispatcher({ db, transport, from: "TAF portal <no-reply@taf-portal.localhost>" }).runOnce()).toMatchObject({ sent: 1 });
  } finally {
    transport.close();
    await smtp.close();
  }

  const sent = db.select().from(outbox).get()!;
  expect(sent.status).toBe("sent");
  expect(`${sent.text}${sent.html}`).not.toContain(secret);
  expect(sent.text).toContain("https://taf.example.org/set-password/(removed-after-delivery)");
  expect(sent.subject).toBe(waiting.subject);
  // What the recipient received still opens the invitation.
  expect(db.select().from(mailbox).get()!.text).toContain(`https://taf.example.org/set-password/${secret}`);
});
