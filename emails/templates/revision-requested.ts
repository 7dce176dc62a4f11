import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { paragraphsOf } from "./typed-text";
import { titled, titleOf, wordsIn } from "../words";

// Each document has its own sentences: the languages decline "concept note" and "completion
// report" differently in each place they stand.
const DOCUMENT_KEYS = {
  "concept note": {
    subjectRef: "mail.revisionRequested.conceptNote.subjectRef",
    subject: "mail.revisionRequested.conceptNote.subject",
    read: "mail.revisionRequested.conceptNote.read",
    next: "mail.revisionRequested.conceptNote.next",
    action: "mail.revisionRequested.conceptNote.action",
  },
  "completion report": {
    subjectRef: "mail.revisionRequested.completionReport.subjectRef",
    subject: "mail.revisionRequested.completionReport.subject",
    read: "mail.revisionRequested.completionReport.read",
    next: "mail.revisionRequested.completionReport.next",
    action: "mail.revisionRequested.completionReport.action",
  },
} as const;

/** The TAF team asks the applicants to revise their concept note or completion report. */
export function revisionRequestedEmail(request: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  document: keyof typeof DOCUMENT_KEYS;
  reason: string;
  proposalUrl: string;
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(request.language);
  const keys = DOCUMENT_KEYS[request.document];
  const title = titleOf(t, request.title);
  const subject = request.reference ? t(keys.subjectRef, { reference: request.reference, title }) : t(keys.subject, { title });
  const reason = paragraphsOf(request.reason);
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: request.appUrl,
      language,
      heading: subject,
      paragraphs: [
        t("mail.greeting", { name: request.recipientName }),
        t(keys.read, { proposal: titled(t, title, request.reference) }),
        ...(reason.length > 0 ? [t("mail.revisionRequested.asks"), ...reason] : []),
        t(keys.next),
      ],
      action: { label: t(keys.action), url: request.proposalUrl },
    }),
  };
}
