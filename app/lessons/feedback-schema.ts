import { z } from "../zod";
import { CHARACTER_CAPS, freeText } from "../free-text-schema";
import type { FeedbackQuestionId } from "./feedback-questions";
import { FEEDBACK_QUESTIONS, FEEDBACK_SCALE } from "./feedback-questions";

// The feedback survey's form, one field per question (`rating.guidance` …), the comment, and
// the institution answered for (a person may belong to more than one).

const LOWEST = 1;
const HIGHEST = FEEDBACK_SCALE.length;

// Each message a catalogue key that names its question and the scale's ends.
function rating(message: string) {
  return z.coerce.number({ error: message }).int(message).min(LOWEST, message).max(HIGHEST, message);
}

type Ratings = Record<FeedbackQuestionId, ReturnType<typeof rating>>;

// A form with no point chosen sends no `rating` at all: each question then says what is missing.
const NOTHING_CHOSEN = Object.fromEntries(FEEDBACK_QUESTIONS.map((q) => [q.id, undefined])) as Record<FeedbackQuestionId, unknown>;

const ratings = z.object(Object.fromEntries(FEEDBACK_QUESTIONS.map((q) => [q.id, rating(q.missing)])) as Ratings);

export const feedbackSchema = z.object({
  institutionId: z.coerce.number({ error: "surveyPage.chooseInstitution" }).int().positive("surveyPage.chooseInstitution"),
  rating: ratings.prefault(NOTHING_CHOSEN),
  comment: freeText(CHARACTER_CAPS.comment).default(""),
});

/**
 * The same form for the browser's checks (`browserChecks`): Conform finds no constraint inside a
 * prefault, so the questions are given as they are, each required with its own message.
 */
export const feedbackChecksSchema = feedbackSchema.extend({ rating: ratings });

export type FeedbackInput = z.infer<typeof feedbackSchema>;
