import { describe, expect, it } from "vitest";
import { browserChecks } from "../../app/forms.server";
import { eligibilityFormSchema } from "../../app/rounds/eligibility-schema";
import { roundActionSchemaOf } from "../../app/rounds/round-schema";

// The administrators' forms check in the browser without zod (app/form-checks.ts): their
// list items' fields, and each of a round's moves, get the schema's own messages.

describe("an administrator's form checks for the browser", () => {
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
