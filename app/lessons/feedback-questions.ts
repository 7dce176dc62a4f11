// The round's feedback survey in words: its four questions, the 1–5 scale and the free text.
// The one place they live: the form, the e-mail, the summary and the CSV all read them here.
//
// Browser-safe: no server imports.

export const FEEDBACK_QUESTIONS = [
  { id: "guidance", topic: "The guidance", question: "How clear were the guide to applicants and the round's criteria?" },
  { id: "form", topic: "The form", question: "How easy was the proposal form to fill in on the portal?" },
  { id: "timing", topic: "The timing", question: "How well did the round's dates, and the time to a decision, suit your institution?" },
  { id: "support", topic: "The support", question: "How helpful were the TAF team and the country advisors when you needed them?" },
] as const;

export type FeedbackQuestionId = (typeof FEEDBACK_QUESTIONS)[number]["id"];

/** The scale's points, 1 (worst) to 5 (best), each with the word the form shows beside it. */
export const FEEDBACK_SCALE = [
  { point: 1, label: "Very poor" },
  { point: 2, label: "Poor" },
  { point: 3, label: "Adequate" },
  { point: 4, label: "Good" },
  { point: 5, label: "Very good" },
] as const;

export const FEEDBACK_COMMENT_QUESTION = "What should the TAF team change, or keep, for the next round?";

/** How long a survey stays open after the round's first decisions are released, unless the TAF team closes it earlier. */
export const FEEDBACK_OPEN_DAYS = 30;
