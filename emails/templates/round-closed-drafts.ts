import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
import { oneLine } from "./typed-text";
import { titled, titleOf, wordsIn } from "../words";

/**
 * A round closed while drafts of the recipient's institution were still open: one message per
 * applicant of a lead institution, naming every such draft, so no one learns it from a refusal.
 */
export function roundClosedDraftsEmail(closing: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  roundCode: string;
  roundTitle: string;
  closedAt: Date;
  drafts: { title: string; url: string }[];
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(closing.language);
  const round = titled(t, oneLine(closing.roundTitle), closing.roundCode);
  const count = closing.drafts.length;
  const several = count > 1;
  // One draft is "your draft"; several are counted, with the language's plural forms.
  const subject = several
    ? t("mail.roundClosedDrafts.subjectSeveral", { code: closing.roundCode, count })
    : t("mail.roundClosedDrafts.subjectOne", { code: closing.roundCode });
  const closed = { round, closedAt: formatBrusselsIn(language, closing.closedAt) };
  const [first] = closing.drafts;
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: closing.appUrl,
      language,
      heading: subject,
      paragraphs: [
        t("mail.greeting", { name: closing.recipientName }),
        several ? t("mail.roundClosedDrafts.closedSeveral", closed) : t("mail.roundClosedDrafts.closedOne", closed),
        ...closing.drafts.map((draft) => `• ${titleOf(t, draft.title)}: ${draft.url}`),
        several ? t("mail.roundClosedDrafts.meansSeveral") : t("mail.roundClosedDrafts.meansOne"),
        t("mail.roundClosedDrafts.reopen"),
      ],
      action: first ? { label: several ? t("mail.roundClosedDrafts.openFirst") : t("mail.roundClosedDrafts.openOne"), url: first.url } : undefined,
    }),
  };
}
