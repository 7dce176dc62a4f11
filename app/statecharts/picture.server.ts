import type { AnyStateMachine } from "xstate";
import type { PageLanguage } from "../../workflows/languages";
import { actionKeyOf, isProposalEventType } from "../../workflows/proposal-events";
import { PROPOSAL_MACHINE_VERSION, proposalMachine } from "../../workflows/proposal.machine";
import { isRoundEventType, roundActionKeyOf } from "../../workflows/round-events";
import { ROUND_MACHINE_VERSION, roundMachine } from "../../workflows/round.machine";
import type { EventWordsKey, StatechartView } from "../../workflows/statechart-svg";
import { describeStatechart, drawStatechart, statechartSize } from "../../workflows/statechart-svg";
import { pageTranslatorOf } from "../i18n.server";
import type { PicturedMachine } from "./picture-schema";
import { pictureAddressSchema } from "./picture-schema";

// A statechart's picture is an image of its own, not markup inside the page: drawn once per
// address (the layout once per machine version and language), cached by the browser, and not
// sent a second time in the page's hydration data. The page carries the picture's words for
// screen readers. The address names the page's language, so a picture cached in one language
// is never shown on a page in another.

// An arrow without a label of its own is named by its event's button words, in the page's language.
const MACHINES: Record<PicturedMachine, { machine: AnyStateMachine; version: number; name: string; eventKey: EventWordsKey }> = {
  proposal: { machine: proposalMachine, version: PROPOSAL_MACHINE_VERSION, name: "statechartPicture.machines.proposal", eventKey: (type) => (isProposalEventType(type) ? actionKeyOf(type) : undefined) },
  round: { machine: roundMachine, version: ROUND_MACHINE_VERSION, name: "statechartPicture.machines.round", eventKey: (type) => (isRoundEventType(type) ? roundActionKeyOf(type) : undefined) },
};

export interface StatechartPicture {
  src: string;
  /** What the picture shows, in words: its title, where things are and where they have been. */
  alt: string;
  width: number;
  height: number;
}

/** What a page needs to show a statechart's picture in its language: its address, its words and its size. */
export function statechartPicture(name: PicturedMachine, view: StatechartView & { title: string }, language: PageLanguage): StatechartPicture {
  const { machine, version, eventKey } = MACHINES[name];
  const t = pageTranslatorOf(language).t;
  const address = new URLSearchParams({ version: String(version), lang: language });
  if (view.current) address.set("current", view.current);
  if (view.visited.length > 0) address.set("visited", view.visited.join(","));
  const words = describeStatechart(machine, view, t);
  return {
    src: `/admin/statecharts/${name}?${address}`,
    alt: words ? `${view.title}. ${words}` : view.title,
    ...statechartSize(machine, t, eventKey),
  };
}

// Drawn pictures, by what they show: most proposals are at a handful of stages by the same
// paths, so the TAF team's pages ask for the same few pictures again (the browser keeps each
// one, but every person and browser asks once). Bounded, the oldest asked-for dropped first.
const DRAWN_MAX = 500;
const drawn = new Map<string, string>();

/**
 * The SVG at a picture's address, in the language it names (else the requester's), or null for
 * an address no machine version has.
 */
export function statechartSvg(machineName: string | undefined, search: URLSearchParams, requesterLanguage: PageLanguage): string | null {
  const parsed = pictureAddressSchema.safeParse({ ...Object.fromEntries(search), machine: machineName });
  if (!parsed.success) return null;
  const { machine, version, name, eventKey } = MACHINES[parsed.data.machine];
  if (parsed.data.version !== version) return null;
  const language = parsed.data.lang ?? requesterLanguage;
  const t = pageTranslatorOf(language).t;
  const view = {
    current: parsed.data.current ?? null,
    visited: parsed.data.visited,
    title: t("statechartPicture.title", { machine: t(name) }),
  };
  const key = JSON.stringify([parsed.data.machine, version, language, view.current, view.visited]);
  let svg = drawn.get(key);
  if (svg === undefined) {
    svg = drawStatechart(machine, view, t, eventKey);
    if (drawn.size >= DRAWN_MAX) drawn.delete(drawn.keys().next().value!);
  } else drawn.delete(key);
  drawn.set(key, svg);
  return svg;
}
