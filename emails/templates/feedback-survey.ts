import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { oneLine } from "./typed-text";

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
  /** What the survey asks about, e.g. "The guidance". */
  topics: readonly string[];
  /** The day it closes, already in words (Brussels time). */
  closes: string;
  surveyUrl: string;
}): RenderedEmail {
  const round = oneLine(survey.roundTitle);
  const subject = `Your feedback on ${round}: a short survey`;
  return {
    subject,
    ...renderEmail({
      appUrl: survey.appUrl,
      heading: subject,
      paragraphs: [
        `Dear ${survey.recipientName},`,
        `The decisions of ${round} are out. To make the next round better, the TAF team asks ${survey.institutionName} how the round went for you: ${survey.topics.map((t) => t.toLowerCase()).join(", ")}, each on a scale from 1 to 5, and anything you would like us to change.`,
        `It takes about five minutes. One answer counts for ${survey.institutionName}: you or a colleague can give it, and anyone of you can change it until ${survey.closes}. The last one saved is kept, with the name of who saved it.`,
      ],
      action: { label: "Give feedback", url: survey.surveyUrl },
      becauseOf: `your institution took part in ${round} on`,
    }),
  };
}
