import { describe, expect, expectTypeOf, it } from "vitest";
import { commandSchema } from "../../app/proposals/command-schema";
import type { ProposalCommand, ProposalEventType } from "../../workflows/proposal-events";
import { PROPOSAL_EVENTS } from "../../workflows/proposal-events";
import { proposalMachine } from "../../workflows/proposal.machine";
import { ROUND_EVENTS } from "../../workflows/round-events";
import { roundMachine } from "../../workflows/round.machine";
import type { AnyStateMachine } from "xstate";

// The event catalogues against what they describe: the machines' events and the page's forms.

function eventTypesOf(machine: AnyStateMachine): string[] {
  return [...new Set([...machine.root.events])].sort();
}

describe("the proposal's event catalogue", () => {
  it("describes exactly the events the machine has, each with a button and a history sentence", () => {
    expect(Object.keys(PROPOSAL_EVENTS).sort()).toEqual(eventTypesOf(proposalMachine));
    for (const words of Object.values(PROPOSAL_EVENTS)) {
      expect(words.action).toMatch(/^[a-z].*[a-z]$/);
      expect(words.history).toMatch(/^[a-z].*[a-z]$/);
    }
  });

  it("gives the page a form for every event a person sends, with the fields its schema parses, in order", () => {
    const forms = Object.fromEntries(commandSchema.options.map((option) => [option.shape.event.value, Object.keys(option.shape).filter((key) => key !== "event")]));
    const byPeople = Object.entries(PROPOSAL_EVENTS).filter(([, words]) => words.fields !== null);
    expect(Object.keys(forms).sort()).toEqual(byPeople.map(([type]) => type).sort());
    for (const [type, words] of byPeople) expect({ type, fields: words.fields!.map((field) => field.name) }).toEqual({ type, fields: forms[type] });
    // Only the portal sends the rest; a person never does.
    for (const [, words] of Object.entries(PROPOSAL_EVENTS)) if (words.fields === null) expect(words.by).toBe("system");
  });

  it("has a command for every event but the portal's own eligibility check", () => {
    expectTypeOf<ProposalCommand["type"]>().toEqualTypeOf<Exclude<ProposalEventType, "ELIGIBILITY_CHECKED">>();
    expect(PROPOSAL_EVENTS.ELIGIBILITY_CHECKED.by).toBe("system");
  });

  it("keeps internal texts apart from what the applicants read", () => {
    for (const words of Object.values(PROPOSAL_EVENTS)) {
      const shared = words.shared.map((text) => text.key);
      for (const text of words.internal) expect(shared).not.toContain(text.key);
    }
  });
});

describe("the round's event catalogue", () => {
  it("describes exactly the events the machine has", () => {
    expect(Object.keys(ROUND_EVENTS).sort()).toEqual(eventTypesOf(roundMachine));
  });
});
