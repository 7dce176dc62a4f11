import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
import { paragraphsOf, quoted } from "./typed-text";
import { titled, titleOf, wordsIn } from "../words";

/** The TAF team's question to the applicants during the eligibility check, with its due date. */
export function clarificationRequestedEmail(request: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  question: string;
  dueAt: Date;
  proposalUrl: string;
  /** The lead answers and may edit; a partner reads the question and can only tell the lead. */
  isLead: boolean;
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(request.language);
  const title = titleOf(t, request.title);
  const subject = request.reference
    ? t("mail.clarificationRequested.subjectRef", { reference: request.reference, title })
    : t("mail.clarificationRequested.subject", { title });
  const due = formatBrusselsIn(language, request.dueAt);
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: request.appUrl,
      language,
      heading: subject,
      paragraphs: [
        t("mail.greeting", { name: request.recipientName }),
        t("mail.clarificationRequested.question", { proposal: titled(t, title, request.reference) }),
        ...quoted(paragraphsOf(request.question)),
        request.isLead ? t("mail.clarificationRequested.lead", { due }) : t("mail.clarificationRequested.partner", { due }),
        request.isLead ? t("mail.clarificationRequested.nextLead") : t("mail.clarificationRequested.nextPartner"),
      ],
      action: { label: request.isLead ? t("mail.answerAction") : t("mail.clarificationRequested.readAction"), url: request.proposalUrl },
    }),
  };
}
