import { describe, expect, it } from "vitest";
import { setPasswordSchema, signInSchema } from "../../app/auth/account-schema";
import { browserChecks } from "../../app/forms.server";
import { feedbackChecksSchema } from "../../app/lessons/feedback-schema";
import { conceptNoteSaving } from "../../app/proposals/concept-note-schema";
import { eligibilityFormSchema } from "../../app/rounds/eligibility-schema";
import { roundActionSchemaOf } from "../../app/rounds/round-schema";

// Forms check in the browser without zod (app/form-checks.ts): the server reads from the schema
// what the inputs must meet, and the schema's own message for each, list items' and objects'
// fields and each of a round's moves included.

describe("a form's checks for the browser", () => {
  it("are the schema's constraints, each with the message the schema gives when it is not met", () => {
    const checks = browserChecks(setPasswordSchema);
    expect(checks.constraint.password).toMatchObject({ required: true, minLength: 12, maxLength: 200 });
    expect(checks.messages.password).toMatchObject({
      valueMissing: "validation.newPassword",
      tooShort: "validation.newPasswordTooShort",
      tooLong: "validation.newPasswordTooLong",
    });
    expect(checks.messages.confirmation).toEqual({ valueMissing: "validation.confirmation" });
  });

  it("say a wrong e-mail address as the schema does", () => {
    const { constraint, messages } = browserChecks(signInSchema);
    expect(constraint.email).toMatchObject({ required: true, maxLength: 254 });
    expect(messages.email).toMatchObject({ valueMissing: "validation.email", typeMismatch: "validation.email" });
    // A field that may be left out has nothing to say.
    expect(messages.redirectTo).toEqual({});
  });

  it("reach the fields of a list's items, for every item of the list", () => {
    const { constraint, messages } = browserChecks(conceptNoteSaving);
    // Conform finds `activities[3].participants`'s constraint under `activities[].participants`.
    expect(constraint["activities[].participants"]).toMatchObject({ min: 1, max: 10_000 });
    expect(messages["activities[].participants"]).toEqual({
      typeMismatch: "conceptNoteForm.participantsNumber",
      rangeUnderflow: "conceptNoteForm.participantsMin",
      rangeOverflow: "conceptNoteForm.participantsMax",
    });
    expect(messages["budgetLines[].item"]).toEqual({ tooLong: "conceptNoteForm.atMost200" });
  });

  it("reach the fields of an object, each with its own message when it is left out", () => {
    const { constraint, messages } = browserChecks(feedbackChecksSchema);
    expect(constraint["rating.guidance"]).toMatchObject({ required: true, min: 1, max: 5 });
    expect(messages["rating.guidance"]?.valueMissing).toBe("surveyPage.questions.guidance.missing");
    expect(messages["rating.support"]?.valueMissing).toBe("surveyPage.questions.support.missing");
  });

  it("give every criterion of the eligibility form the messages of its name, whichever its position", () => {
    const { constraint, messages } = browserChecks(eligibilityFormSchema);
    expect(constraint["criteria[].name"]).toMatchObject({ required: true, minLength: 3, maxLength: 150 });
    expect(messages["criteria[].name"]).toMatchObject({
      valueMissing: "roundEligibility.error.nameMissing",
      tooShort: "roundEligibility.error.nameLength",
      tooLong: "roundEligibility.error.nameLength",
    });
    expect(messages["criteria[].guidance"]).toEqual({ tooLong: "roundEligibility.error.guidanceLength" });
  });

  it("ask each of a round's moves for its own confirmation, in its own words", () => {
    expect(browserChecks(roundActionSchemaOf("CLOSE")).messages.confirm).toMatchObject({ valueMissing: "roundPage.error.confirmClose" });
    expect(browserChecks(roundActionSchemaOf("CANCEL")).messages.confirm).toMatchObject({ valueMissing: "roundPage.error.confirmCancel" });
    // Opening asks nothing to be ticked.
    expect(browserChecks(roundActionSchemaOf("OPEN")).constraint.confirm).toBeUndefined();
  });
});
