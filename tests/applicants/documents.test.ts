import { describe, expect, it } from "vitest";
import { proposalDocuments, readConceptNote } from "../../app/proposals/documents.server";
import { missingProposalParts } from "../../workflows/proposal-content";

// A proposal's stored documents are read with the schemas of the forms that write them. A draft
// saved before a rule changed still opens with everything the person wrote; only what the
// portal cannot read at all is left out, and it is named.

describe("reading a proposal's stored documents", () => {
  it("reads answers the form accepts as the form would", () => {
    const { answers, unreadable } = proposalDocuments({ summary: "  Joint operations.  ", themes: ["drugTrafficking"], budgetEur: 45000 });
    expect(answers).toEqual({ summary: "Joint operations.", themes: ["drugTrafficking"], budgetEur: 45000 });
    expect(unreadable).toEqual([]);
  });

  it("keeps a text that breaks a newer rule as it was typed, so nothing written is lost", () => {
    const longSummary = Array.from({ length: 200 }, (_, i) => `word${i}`).join(" ");
    const { answers, unreadable } = proposalDocuments({ summary: longSummary, intendedStart: "2026-02-30", budgetEur: 2.5 });
    expect(answers).toEqual({ summary: longSummary, intendedStart: "2026-02-30", budgetEur: 2.5 });
    expect(unreadable).toEqual([]);
  });

  it("leaves out a theme the portal no longer offers and a value of the wrong type, and names them", () => {
    const { answers, unreadable } = proposalDocuments({ themes: ["drugTrafficking", "piracy"], contactPerson: { name: "Arben" }, objectives: "Two operations." });
    expect(answers).toEqual({ themes: ["drugTrafficking"], objectives: "Two operations." });
    expect(unreadable.map(({ document, field }) => [document, field])).toEqual([
      ["answers", "themes.1"],
      ["answers", "contactPerson"],
    ]);
    expect(missingProposalParts("A title", answers)).toContain("Contact person");
  });

  it("reads a concept note row by row, giving rows without a key one from their place", () => {
    const note = readConceptNote({
      activities: [
        { title: "Joint exercise", kind: "jointExercise", institutions: { XK: "Kosovo* Police", DE: "Bundespolizei" }, participants: 20 },
        { key: "bad key!", title: "Study visit", kind: "sightseeing" },
      ],
      budgetLines: [{ item: "Travel", amountEur: "a lot" }],
      risks: "Staff turnover.",
    });
    expect(note.activities).toEqual([
      { key: "activity-1", kind: "jointExercise", title: "Joint exercise", date: "", place: "", institutions: { XK: "Kosovo* Police" }, participants: 20 },
      { key: "activity-2", kind: null, title: "Study visit", date: "", place: "", institutions: {}, participants: null },
    ]);
    expect(note.budgetLines).toEqual([{ item: "Travel", amountEur: null }]);
    expect(note.risks).toBe("Staff turnover.");
  });

  it("reads the completion report and the draft answer to a revision request beside the answers", () => {
    const documents = proposalDocuments({
      summary: "Joint operations.",
      completionReport: { outcome: "Two operations, 14 arrests.", lessonsLearnt: 7 },
      conceptNoteAnswer: "We added a budget line for interpreters.",
    });
    expect(documents.completionReport).toEqual({ outcome: "Two operations, 14 arrests.", lessonsLearnt: "" });
    expect(documents.conceptAnswer).toBe("We added a budget line for interpreters.");
    expect(documents.unreadable.map(({ document, field }) => [document, field])).toEqual([["completionReport", "lessonsLearnt"]]);
    expect(proposalDocuments({}).conceptNote).toEqual({ activities: [], budgetLines: [], risks: "", mitigation: "" });
  });
});
