import type { AnyStateMachine, AnyStateNode } from "xstate";
import { describe, expect, it } from "vitest";
import { assignmentMachine } from "../../workflows/assignment.machine";
import { LANGUAGES } from "../../workflows/languages";
import { createTranslator } from "../../workflows/messages";
import { stageLabelFor, stageNameFor, stageWordsFor } from "../../workflows/proposal-stages";
import { proposalMachine, stateLabelOf } from "../../workflows/proposal.machine";
import { roundMachine, roundStateLabelOf } from "../../workflows/round.machine";

// The statecharts keep catalogue keys, never words: every key they name has a message in every
// language, so no page shows a key or falls back to English.

function nodesOf(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap(nodesOf)];
}

/** Every catalogue key a machine names: its states' meta and descriptions, and its transitions' labels. */
function keysOf(machine: AnyStateMachine): string[] {
  return nodesOf(machine.root).flatMap((node) => [
    ...Object.values((node.meta ?? {}) as Record<string, unknown>).filter((value): value is string => typeof value === "string"),
    ...(node.description ? [node.description] : []),
    ...[...node.transitions.values()].flat().flatMap((transition) => {
      const label = (transition.meta as { label?: unknown } | undefined)?.label;
      return typeof label === "string" ? [label] : [];
    }),
  ]);
}

describe("the statecharts' words", () => {
  it("are catalogue keys with a message in every language", () => {
    for (const machine of [proposalMachine, roundMachine, assignmentMachine]) {
      const keys = keysOf(machine);
      expect(keys.length, machine.id).toBeGreaterThan(5);
      for (const { tag } of LANGUAGES) {
        const t = createTranslator(tag);
        expect(keys.filter((key) => t(key) === key), `${machine.id} in ${tag}`).toEqual([]);
      }
    }
  });

  it("name a stage in the reader's language, and in English by default", () => {
    expect(stageLabelFor("eligibility.awaitingDecision", "tafTeam")).toBe("Eligibility: waiting for your decision");
    expect(stageLabelFor("eligibility.awaitingDecision", "tafTeam", createTranslator("sq"))).toBe("Pranueshmëria: në pritje të vendimit tuaj");
    expect(stageNameFor("euReview", createTranslator("mk"))).toBe("Оценување од ЕУ");
    expect(stageWordsFor("implementation.onHold", "applicants", createTranslator("sr-Latn"))).toBe(
      "Sprovođenje je privremeno obustavljeno. Tim TAF-a ga nastavlja tamo gdje je stalo.",
    );
    expect(stateLabelOf("withdrawn", createTranslator("sr-Cyrl"))).toBe("Повучено");
    expect(roundStateLabelOf("open", createTranslator("mk"))).toBe("Отворен");
    expect(roundStateLabelOf("open")).toBe("Open");
  });
});
