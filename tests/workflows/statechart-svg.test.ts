import { inEnglish } from "../../workflows/in-english";
import { getStateNodes } from "@xstate/graph";
import type { AnyStateMachine } from "xstate";
import { describe, expect, it } from "vitest";
import { proposalMachine } from "../../workflows/proposal.machine";
import { roundMachine } from "../../workflows/round.machine";
import { drawStatechart } from "../../workflows/statechart-svg";

const TAG = /^<(\/)?([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<&]*(?:&(?:amp|lt|gt|quot);[^"<&]*)*")*)\s*(\/)?>$/;
const TEXT = /^(?:[^<>&]|&(?:amp|lt|gt|quot|apos);)*$/;

/** A small XML well-formedness check: tags balanced, attributes quoted, text and entities escaped. */
function expectWellFormedXml(markup: string): void {
  const stack: string[] = [];
  let roots = 0;
  let position = 0;
  for (const match of markup.matchAll(/<[^>]*>/g)) {
    const text = markup.slice(position, match.index);
    expect(text, `text before ${match[0]}`).toMatch(TEXT);
    position = match.index + match[0].length;
    const tag = TAG.exec(match[0]);
    expect(tag, `malformed tag ${match[0]}`).not.toBeNull();
    const [, closing, name, attributes = "", selfClosing] = tag!;
    const names = [...attributes.matchAll(/([\w:.-]+)=/g)].map((attribute) => attribute[1]);
    expect(new Set(names).size, `duplicate attribute in ${match[0]}`).toBe(names.length);
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) {
      if (stack.length === 0) roots += 1;
      stack.push(name!);
    } else if (stack.length === 0) roots += 1;
  }
  expect(markup.slice(position).trim()).toBe("");
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
}

function statePaths(machine: AnyStateMachine): string[] {
  return getStateNodes(machine.root).map((node) => node.path.join("."));
}

function transitionCount(machine: AnyStateMachine): number {
  return getStateNodes(machine.root)
    .flatMap((node) => [...node.transitions.values()].flat())
    .reduce((sum, transition) => sum + (transition.target?.length ?? 0), 0);
}

function elementFor(svg: string, path: string): string {
  const found = svg.match(new RegExp(`<g class="([^"]*)" data-state="${path.replace(/\./g, "\\.")}">(.*?)</g>`));
  if (!found) throw new Error(`No element for ${path}`);
  return found[0];
}

const visited = [
  "draft",
  "eligibility.checking",
  "eligibility.awaitingDecision",
  "euReview.awaitingReviewers",
  "euReview.reviewing",
  "euReview.deciding",
  "conceptualWork.drafting",
  "conceptualWork.underReview",
  "implementation.active.awaitingStart",
  "implementation.active.ongoing",
  "implementation.onHold",
];

describe("drawStatechart", () => {
  const svg = drawStatechart(proposalMachine, { current: "implementation.onHold", visited }, inEnglish);

  it("is well-formed, accessible SVG", () => {
    expectWellFormedXml(svg);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" role="img" aria-labelledby="statechart-proposal-title statechart-proposal-desc"/);
    expect(svg).toContain('<title id="statechart-proposal-title">Proposal workflow</title>');
    expect(svg).toContain("Current state: Implementation, On hold.");
    expect(svg).toMatch(/width="\d+" height="\d+" viewBox="0 0 \d+ \d+"/);
  });

  it("draws every state of the machine and every transition, from the machine's own definition", () => {
    for (const path of statePaths(proposalMachine)) expect(svg).toContain(`data-state="${path}"`);
    expect(svg.match(/data-state="/g)).toHaveLength(statePaths(proposalMachine).length);
    expect(svg.match(/<g class="transition/g)).toHaveLength(transitionCount(proposalMachine));
    expect(svg).toMatch(/>Decide:<\/tspan><tspan [^>]*>promising</);
    expect(svg).toContain(">EU review<");
  });

  it("draws compound states as boxes that contain their children", () => {
    const box = (path: string) => {
      const rect = elementFor(svg, path).match(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/)!;
      const [x, y, width, height] = rect.slice(1).map(Number) as [number, number, number, number];
      return { x, y, right: x + width, bottom: y + height };
    };
    for (const [parent, child] of [
      ["eligibility", "eligibility.clarificationRequested"],
      ["implementation", "implementation.active"],
      ["implementation.active", "implementation.active.reportSubmitted"],
    ] as const) {
      const outer = box(parent);
      const inner = box(child);
      expect(inner.x).toBeGreaterThan(outer.x);
      expect(inner.y).toBeGreaterThan(outer.y);
      expect(inner.right).toBeLessThan(outer.right);
      expect(inner.bottom).toBeLessThan(outer.bottom);
    }
  });

  it("highlights the current state, tints the visited ones and marks the transitions taken", () => {
    expect(svg.match(/class="state [a-z]+ current/g)).toHaveLength(1);
    const current = elementFor(svg, "implementation.onHold");
    expect(current).toContain('stroke-width="3.5"');
    expect(current).toContain('font-weight="700"');
    expect(current).toContain("(current state)");
    expect(elementFor(svg, "euReview.reviewing")).toContain("visited");
    expect(elementFor(svg, "completed")).not.toContain("visited");
    // draft → eligibility, through the review and concept, to implementation, start and hold.
    expect(svg.match(/<g class="transition taken">/g)).toHaveLength(10);
    expect(svg).toMatch(/<g class="transition taken">.*?>Submit</);
  });

  it("styles the final states apart from the others, with a double border", () => {
    for (const path of ["completed", "discarded", "ineligible", "notSelected", "withdrawn"]) {
      const element = elementFor(svg, path);
      expect(element).toMatch(/class="state final/);
      expect(element.match(/<rect /g)).toHaveLength(2);
    }
  });

  it("is deterministic and skips paths the machine does not know", () => {
    expect(drawStatechart(proposalMachine, { current: "implementation.onHold", visited }, inEnglish)).toBe(svg);
    const unknown = drawStatechart(proposalMachine, { current: "somewhereElse", visited: ["draft", "gone"] }, inEnglish);
    expectWellFormedXml(unknown);
    expect(unknown).not.toMatch(/class="state [a-z]+ current/);
  });

  it("fits the 1280 px page's column at its natural size, so no label is drawn under 12 px", () => {
    // The page's content column is 72rem less its padding and the picture's frame: about 1090 px.
    for (const picture of [svg, drawStatechart(roundMachine, { current: null, visited: [] }, inEnglish)]) {
      const [, width] = picture.match(/^<svg [^>]*width="(\d+)"/)!;
      expect(Number(width)).toBeLessThanOrEqual(1080);
      const sizes = [...picture.matchAll(/font-size="(\d+)"/g)].map((match) => Number(match[1]));
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    }
  });

  it("escapes the title", () => {
    const titled = drawStatechart(proposalMachine, { current: null, visited: [], title: 'TAF-2026-R1-007 <"Drugs & JITs">' }, inEnglish);
    expectWellFormedXml(titled);
    expect(titled).toContain("TAF-2026-R1-007 &lt;&quot;Drugs &amp; JITs&quot;&gt;");
  });

  it("draws the round machine too, reopening as an arc back over the flow", () => {
    const round = drawStatechart(roundMachine, { current: "closed", visited: ["planned", "open", "closed"] }, inEnglish);
    expectWellFormedXml(round);
    for (const path of statePaths(roundMachine)) expect(round).toContain(`data-state="${path}"`);
    expect(round.match(/<g class="transition/g)).toHaveLength(transitionCount(roundMachine));
    expect(round).toContain(">Reopen<");
    expect(elementFor(round, "closed")).toContain('stroke-width="3.5"');
    expect(elementFor(round, "archived")).toMatch(/class="state final/);
  });
});
