import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { paragraphsOf } from "./typed-text";
import { titleOf, wordsIn } from "../words";

/** Who wrote a comment: a person, with their institution or the country they advise, or the TAF team. */
export type CommentAuthor =
  | { name: string; institutionName: string }
  | { name: string; advisedCountry: string }
  | { team: true };

/** To the applicants of the other institutions of a proposal: someone wrote a comment. */
export function newCommentEmail(comment: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  author: CommentAuthor;
  reference: string | null;
  title: string;
  body: string;
  commentsUrl: string;
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(comment.language);
  const title = titleOf(t, comment.title);
  const subject = comment.reference
    ? t("mail.newComment.subjectRef", { reference: comment.reference, title })
    : t("mail.newComment.subject", { title });
  const { author } = comment;
  const wrote =
    "team" in author
      ? t("mail.newComment.teamWrote")
      : "institutionName" in author
        ? t("mail.newComment.wrote", { author: `${author.name} (${author.institutionName})` })
        : t("mail.newComment.advisorWrote", { name: author.name, country: author.advisedCountry });
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: comment.appUrl,
      language,
      heading: subject,
      paragraphs: [t("mail.greeting", { name: comment.recipientName }), wrote, ...paragraphsOf(comment.body)],
      action: { label: t("mail.newComment.action"), url: comment.commentsUrl },
      footerNote: t("mail.newComment.note"),
    }),
  };
}
