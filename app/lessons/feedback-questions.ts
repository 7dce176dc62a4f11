// The round's feedback survey: its four questions, the 1–5 scale and the free text, as catalogue
// keys (locales/<language>/reporting.json, section feedbackSurvey). The one place they live: the
// form, the summary and the CSV all read them here, in the reader's language.
//
// Browser-safe: no server imports.

export const FEEDBACK_QUESTIONS = [
  { id: "guidance", topic: "surveyPage.questions.guidance.topic", question: "surveyPage.questions.guidance.question", missing: "surveyPage.questions.guidance.missing" },
  { id: "form", topic: "surveyPage.questions.form.topic", question: "surveyPage.questions.form.question", missing: "surveyPage.questions.form.missing" },
  { id: "timing", topic: "surveyPage.questions.timing.topic", question: "surveyPage.questions.timing.question", missing: "surveyPage.questions.timing.missing" },
  { id: "support", topic: "surveyPage.questions.support.topic", question: "surveyPage.questions.support.question", missing: "surveyPage.questions.support.missing" },
] as const;

export type FeedbackQuestionId = (typeof FEEDBACK_QUESTIONS)[number]["id"];

/** The scale's points, 1 (worst) to 5 (best), each with the word the form shows beside it. */
export const FEEDBACK_SCALE = [
  { point: 1, label: "surveyPage.scale.veryPoor" },
  { point: 2, label: "surveyPage.scale.poor" },
  { point: 3, label: "surveyPage.scale.adequate" },
  { point: 4, label: "surveyPage.scale.good" },
  { point: 5, label: "surveyPage.scale.veryGood" },
] as const;

export const FEEDBACK_COMMENT_QUESTION = "surveyPage.commentQuestion";

/** How long a survey stays open after the round's first decisions are released, unless the TAF team closes it earlier. */
export const FEEDBACK_OPEN_DAYS = 30;
