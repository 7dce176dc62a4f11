import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { formatBrusselsDayIn } from "../../workflows/time";
import { oneLine } from "./typed-text";
import { wordsIn } from "../words";

/** What the survey asks about, by the questions' ids (app/lessons/feedback-questions.ts). */
export type SurveyTopic = "guidance" | "form" | "timing" | "support";

const TOPIC_KEYS = {
  guidance: "mail.feedbackSurvey.topic.guidance",
  form: "mail.feedbackSurvey.topic.form",
  timing: "mail.feedbackSurvey.topic.timing",
  support: "mail.feedbackSurvey.topic.support",
} as const satisfies Record<SurveyTopic, string>;

/**
 * The round's feedback survey, to each applicant of an institution that led or partnered a
 * proposal whose decision was released: what is asked, that one answer stands for the whole
 * institution, and until when it can be given and changed.
 */
export function feedbackSurveyEmail(survey: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  institutionName: string;
  roundTitle: string;
  topics: readonly SurveyTopic[];
  /** When it closes; the mail names the day (Brussels time). */
  closesAt: Date;
  surveyUrl: string;
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(survey.language);
  const round = oneLine(survey.roundTitle);
  const subject = t("mail.feedbackSurvey.subject", { round });
  const institution = survey.institutionName;
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: survey.appUrl,
      language,
      heading: subject,
      paragraphs: [
        t("mail.greeting", { name: survey.recipientName }),
        t("mail.feedbackSurvey.asks", { round, institution, topics: survey.topics.map((topic) => t(TOPIC_KEYS[topic])).join(", ") }),
        t("mail.feedbackSurvey.time", { institution, closes: formatBrusselsDayIn(language, survey.closesAt) }),
      ],
      action: { label: t("mail.feedbackSurvey.action"), url: survey.surveyUrl },
      becauseOf: t("mail.feedbackSurvey.because", { round }),
    }),
  };
}
