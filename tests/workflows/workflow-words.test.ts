import { inEnglish } from "../../workflows/in-english";
import type { AnyStateMachine, AnyStateNode } from "xstate";
import { describe, expect, it } from "vitest";
import { assignmentMachine } from "../../workflows/assignment.machine";
import { countryNameIn, KOSOVO_FOOTNOTE, kosovoFootnoteIn, WB6_COUNTRIES } from "../../workflows/countries";
import { LANGUAGES } from "../../workflows/languages";
import { createTranslator } from "../../workflows/messages";
import { draftStartedWordsIn, eventWordsIn, PROPOSAL_EVENTS, senderWordsIn } from "../../workflows/proposal-events";
import type { ProposalEventType, ProposalSender } from "../../workflows/proposal-events";
import { stageLabelFor, stageNameFor, stageWordsFor } from "../../workflows/proposal-stages";
import { messageIn } from "../../workflows/machine-kit";
import { initialProposalSnapshot, proposalMachine, refusalOf, stateLabelOf, stepProposal } from "../../workflows/proposal.machine";
import type { ProposalEvent } from "../../workflows/proposal.machine";
import { roundMachine, roundStateLabelOf } from "../../workflows/round.machine";
import {
  ACTIVITY_TYPES,
  ATTACHMENT_DOCUMENT_KINDS,
  INSTITUTION_TYPE_KEYS,
  institutionTypeLabel,
  SUPPORT_KINDS,
  THEME_GROUP_KEYS,
  themeLabel,
  THEMES,
} from "../../workflows/vocabulary";

// The statecharts keep catalogue keys, never words: every key they name has a message in every
// language, so no page shows a key or falls back to English.

function nodesOf(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap(nodesOf)];
}

/** Meta fields that are facts for the code, not words for people (who acts at a stage). */
const NOT_WORDS = new Set(["actor"]);

/** Every catalogue key a machine names: its states' meta and descriptions, and its transitions' labels. */
function keysOf(machine: AnyStateMachine): string[] {
  return nodesOf(machine.root).flatMap((node) => [
    ...Object.entries((node.meta ?? {}) as Record<string, unknown>)
      .filter(([field]) => !NOT_WORDS.has(field))
      .map(([, value]) => value)
      .filter((value): value is string => typeof value === "string"),
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
    expect(stageLabelFor("eligibility.awaitingDecision", "tafTeam", inEnglish)).toBe("Eligibility: waiting for your decision");
    expect(stageLabelFor("eligibility.awaitingDecision", "tafTeam", createTranslator("sq"))).toBe("Pranueshmëria: në pritje të vendimit tuaj");
    expect(stageNameFor("euReview", createTranslator("mk"))).toBe("Оценување од ЕУ");
    expect(stageWordsFor("implementation.onHold", "applicants", createTranslator("sr-Latn"))).toBe(
      "Sprovođenje je privremeno obustavljeno. Tim TAF-a ga nastavlja tamo gdje je stalo.",
    );
    expect(stateLabelOf("withdrawn", createTranslator("sr-Cyrl"))).toBe("Повучено");
    expect(roundStateLabelOf("open", createTranslator("mk"))).toBe("Отворен");
    expect(roundStateLabelOf("open", inEnglish)).toBe("Open");
  });

  it("give every term of the vocabulary and every country a word in every language", () => {
    const keys = [
      ...Object.values(INSTITUTION_TYPE_KEYS),
      ...Object.values(THEME_GROUP_KEYS),
      ...[...THEMES, ...SUPPORT_KINDS, ...ACTIVITY_TYPES, ...ATTACHMENT_DOCUMENT_KINDS, ...WB6_COUNTRIES].map((entry) => entry.key),
    ];
    for (const { tag } of LANGUAGES) {
      const t = createTranslator(tag);
      expect(keys.filter((key) => t(key) === key), tag).toEqual([]);
    }
    expect(institutionTypeLabel("prosecution", createTranslator("mk"))).toBe("Јавно обвинителство");
    expect(institutionTypeLabel("prosecution", inEnglish)).toBe("Prosecution office");
    expect(themeLabel("cybercrime", createTranslator("sq"))).toBe("Krimi kibernetik");
  });

  it("name Kosovo with its asterisk and its footnote in each language", () => {
    expect(countryNameIn("XK", inEnglish)).toBe("Kosovo*");
    expect(countryNameIn("XK", createTranslator("sr-Cyrl"))).toBe("Косово*");
    expect(countryNameIn("XK", createTranslator("sq"))).toBe("Kosova*");
    expect(countryNameIn("FR", createTranslator("mk"))).toBe("држава надвор од Западен Балкан (FR)");
    expect(kosovoFootnoteIn(createTranslator("mk"))).toMatch(/^\* Овој назив .*1244\/1999/);
    expect(kosovoFootnoteIn(createTranslator("en"))).toBe(KOSOVO_FOOTNOTE);
  });

  it("give every proposal event's button, history, form and texts a word in every language", () => {
    const keys: string[] = [];
    const collect = (key: string) => {
      keys.push(key);
      return key;
    };
    for (const type of Object.keys(PROPOSAL_EVENTS) as ProposalEventType[]) eventWordsIn(type, collect);
    for (const sender of ["leadApplicant", "administrator", "system"] as ProposalSender[]) senderWordsIn(sender, collect);
    draftStartedWordsIn(collect);
    expect(keys.length).toBeGreaterThan(80);
    for (const { tag } of LANGUAGES) {
      const t = createTranslator(tag);
      expect(keys.filter((key) => t(key) === key), tag).toEqual([]);
    }
    expect(PROPOSAL_EVENTS.CONFIRM_ELIGIBLE.action).toBe("confirm eligibility");
    expect(eventWordsIn("CONFIRM_ELIGIBLE", createTranslator("sq")).action).toBe("konfirmoni pranueshmërinë");
    expect(eventWordsIn("DECIDE", createTranslator("mk")).fields?.[0]).toMatchObject({ label: "Одлука", choices: [{ value: "promising", label: "Ветувачки: продолжува со концептуална работа" }, { value: "notSelected", label: "Не е избран" }] });
  });

  it("refuse a step in the reader's language, with its forms of plural, its dates and its countries", () => {
    const draft = initialProposalSnapshot({ leadInstitutionId: 1 });
    const lead = { role: "applicant", userId: 1, institutionId: 1 } as const;
    const submit = (facts: Partial<Extract<ProposalEvent, { type: "SUBMIT" }>>) => {
      const step = stepProposal(draft, {
        type: "SUBMIT",
        actor: lead,
        now: "2026-10-10T09:30:00.000Z",
        round: { mode: "deadline", state: "open", opensAt: "2026-09-01T00:00:00.000Z", closesAt: "2026-10-16T00:00:00.000Z" },
        leadCountryCode: "XK",
        partners: [{ institutionId: 2, countryCode: "AL", status: "confirmed" }],
        missingParts: [],
        ...facts,
      });
      if (step.accepted) throw new Error("The submission was accepted.");
      return step;
    };
    const invited = (institutionId: number) => ({ institutionId, countryCode: "MK", status: "invited" as const });
    const waiting = submit({ partners: [{ institutionId: 2, countryCode: "AL", status: "confirmed" }, invited(3), invited(4)] });
    expect(waiting.reason).toBe("Every invited partner must confirm or decline first (2 have not answered yet).");
    expect(messageIn(waiting.refusal, createTranslator("sr-Latn"), "sr-Latn")).toBe(
      "Svaki pozvani partner mora prvo potvrditi ili odbiti učešće (2 još nisu odgovorila).",
    );
    const alone = submit({ partners: [] });
    expect(messageIn(alone.refusal, createTranslator("sq"), "sq")).toBe(
      "Duhet të kenë konfirmuar institucione nga të paktën 2 vende të Ballkanit Perëndimor (deri tani vetëm Kosova*).",
    );
    const late = submit({ now: "2026-10-20T09:30:00.000Z" });
    expect(messageIn(late.refusal, createTranslator("mk"), "mk")).toMatch(/^Кругот се затвори на 16 октомври 2026.*\(бриселско време\)\.$/);
    expect(refusalOf(draft, "DISCARD", { role: "administrator", institutionId: null }, createTranslator("sr-Cyrl"))).toBe(
      "Корак „одбаците нацрт“ могу предузети само подносиоци предлога из водеће институције.",
    );
    expect(refusalOf(draft, "DISCARD", { role: "administrator", institutionId: null }, inEnglish)).toBe("Only applicants of the lead institution may discard the draft.");
  });
});
