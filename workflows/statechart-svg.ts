/**
 * Draws a machine as SVG from its own definition, so the picture on the proposal page can never
 * drift from the workflow it shows. Dependency-free and deterministic: the same machine and view
 * always give the same markup.
 *
 * Layout, top to bottom so the picture is read at its natural size (labels 12–13 px) inside a
 * 1280 px page instead of being shrunk: the main flow (top-level states that are not final) is a
 * column, one stage below the other, each joined to the next by a short arrow; a compound state
 * is a labelled box with its children stacked top to bottom and its inner transitions curving
 * along its right side. The terminal outcomes (final top-level states) form a second column on
 * the right, each level with the stages that lead to it. Transitions from inside a stage to the
 * next stage, and any going back, curve through a gutter on the left, where their labels sit.
 * A state is labelled with `meta.label` (else its key); a transition with `meta.label` (else its
 * event type in words).
 *
 * The layout depends on the machine and the language of its words only (a label's width sizes
 * its box), so it is worked out once per machine and language (and a new machine version is a
 * new machine object); a view only colours it.
 */
import type { AnyStateMachine, AnyStateNode } from "xstate";
import type { Translate } from "./words";
import { intlLocale } from "./languages";
import { catalogueOf, languageOf } from "./words";

// The machines' labels and descriptions are catalogue keys; the picture shows them in the
// language of the translator it is drawn with, English (the language of record) by default.

export interface StatechartView {
  /** The current state as a dotted path ("eligibility.awaitingDecision"), or null. */
  current: string | null;
  /**
   * The states passed through, oldest first, as dotted paths; consecutive pairs mark the
   * transitions taken. Paths the machine does not know are skipped: old history rows may name
   * states that a later version of the machine no longer has.
   */
  visited: readonly string[];
  /** The accessible name of the picture; defaults to "<Machine id> workflow". */
  title?: string;
}

const FONT_SIZE = 13;
const LINE_HEIGHT = 15;
const STATE_HEIGHT = 36;
const STATE_MIN_WIDTH = 120;
const HISTORY_SIZE = 26;
const HEADER = 28;
const PADDING = 12;
const CHILD_GAP = 30;
/** Between one stage and the next in the main column: room for the arrow's label beside it. */
const STAGE_GAP = 52;
/** Left of the main column, for the transitions that curve from inside a stage to another. */
const GUTTER = 130;
/** How far left of the main column those curves reach. */
const GUTTER_BEND = 44;
/** Between the main column and the outcomes, for the exits' labels. */
const EXIT_GAP = 210;
const OUTCOME_GAP = 18;
const LANE_GAP = 12;
/** How far a curve's control points reach beyond its lane. */
const BULGE = 24;
const LABEL_MAX_WIDTH = 84;
/** How much wider a label is in bold than the estimate of `textWidth`, with a system font. */
const BOLD_WIDTH = 1.12;
const MARGIN = 20;

const COLOURS = {
  text: "#1f2933",
  border: "#52606d",
  compoundFill: "#f5f7fa",
  compoundBorder: "#9aa5b1",
  stateFill: "#ffffff",
  finalFill: "#e4e7eb",
  visitedFill: "#d9e8fb",
  visitedCompoundFill: "#edf4fd",
  currentFill: "#fde68a",
  currentBorder: "#b45309",
  edge: "#7b8794",
  edgeTaken: "#1d4ed8",
};

interface Box {
  node: AnyStateNode;
  x: number;
  y: number;
  width: number;
  height: number;
  /** For a compound state: the width of its children and their arrows' labels, left of the lanes. */
  contentWidth: number;
  children: Box[];
}

interface Edge {
  source: AnyStateNode;
  target: AnyStateNode;
  label: string;
}

interface Layout {
  byPath: Map<string, AnyStateNode>;
  edges: Edge[];
  boxes: Map<AnyStateNode, Box>;
  routes: Map<Edge, Route>;
  width: number;
  height: number;
}

/**
 * The catalogue key of the words for an event that a transition of this machine has no label of
 * its own for (its button's words: "Submit the proposal"); without one, the event's name is shown.
 */
export type EventWordsKey = (eventType: string) => string | undefined;

const layouts = new WeakMap<AnyStateMachine, Map<string, Layout>>();
const eventKeyNames = new Map<EventWordsKey, number>();

/** Layouts are kept per machine, language and way of naming events (a handful of functions, one per pictured machine). */
function layoutKey(language: string, eventKey: EventWordsKey | undefined) {
  if (!eventKey) return language;
  if (!eventKeyNames.has(eventKey)) eventKeyNames.set(eventKey, eventKeyNames.size + 1);
  return `${language} ${eventKeyNames.get(eventKey)}`;
}

export function drawStatechart(machine: AnyStateMachine, view: StatechartView, t: Translate, eventKey?: EventWordsKey): string {
  const prefix = `statechart-${machine.id}`;
  const { byPath, edges, boxes, routes, width, height } = layoutOf(machine, t, eventKey);
  const current = view.current === null ? undefined : byPath.get(view.current);
  const visitedNodes = view.visited.flatMap((path) => {
    const node = byPath.get(path);
    return node ? [node] : [];
  });
  const visited = new Set(visitedNodes.flatMap((node) => [node, ...ancestors(node)]));
  const all = [...boxes.values()];
  const taken = new Set(edges.filter((edge) => wasTaken(edge, visitedNodes)));
  const edgeMarkup = edges.map((edge) => drawEdge(routes.get(edge)!, edge.label, taken.has(edge), prefix));

  const title = view.title ?? t("statechartPicture.title", { machine: humanize(machine.id) });
  const description = describeStatechart(machine, view, t) || t("statechartPicture.noView");

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${prefix}-title ${prefix}-desc" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-size="${FONT_SIZE}">`,
    `<title id="${prefix}-title">${escapeXml(title)}</title>`,
    `<desc id="${prefix}-desc">${escapeXml(description)}</desc>`,
    `<defs>${arrowMarker(`${prefix}-arrow`, COLOURS.edge)}${arrowMarker(`${prefix}-arrow-taken`, COLOURS.edgeTaken)}</defs>`,
    ...all.filter((box) => box.children.length > 0).map((box) => drawCompound(box, visited, current, t)),
    ...edgeMarkup,
    ...all.filter((box) => box.children.length === 0).map((box) => drawState(box, visited, current, t)),
    `</svg>`,
  ].join("\n");
}

/** The picture in words, for whoever cannot see it: where the proposal or round is, and where it has been. */
export function describeStatechart(machine: AnyStateMachine, view: StatechartView, t: Translate): string {
  const { byPath } = layoutOf(machine, t);
  const current = view.current === null ? undefined : byPath.get(view.current);
  const visitedNodes = view.visited.flatMap((path) => {
    const node = byPath.get(path);
    return node ? [node] : [];
  });
  return [
    current ? t("statechartPicture.current", { states: [...ancestors(current)].reverse().concat(current).map((node) => labelOf(node, t)).join(", ") }) : "",
    visitedNodes.length > 0 ? t("statechartPicture.passedThrough", { states: unique(visitedNodes.map((node) => labelOf(node, t))).join(", ") }) : "",
  ]
    .filter(Boolean)
    .join(" ");
}

/** The picture's size at its natural scale, the same for every view of a machine. */
export function statechartSize(machine: AnyStateMachine, t: Translate, eventKey?: EventWordsKey): { width: number; height: number } {
  const { width, height } = layoutOf(machine, t, eventKey);
  return { width, height };
}

function layoutOf(machine: AnyStateMachine, t: Translate, eventKey?: EventWordsKey): Layout {
  const language = layoutKey(catalogueOf(t), eventKey);
  const ofMachine = layouts.get(machine) ?? new Map<string, Layout>();
  layouts.set(machine, ofMachine);
  const known = ofMachine.get(language);
  if (known) return known;
  const nodes = allStateNodes(machine.root);
  const edges = collectEdges(nodes, t, eventKey);
  const lanes = groupEdges(edges, (edge) => (isCurved(edge) ? commonParent(edge) : undefined));
  const exits = groupEdges(edges, (edge) => (isExit(edge) ? topLevelOf(edge.source) : undefined));
  const topLevel = Object.values(machine.root.states) as AnyStateNode[];
  const mainColumn = topLevel.filter((node) => node.type !== "final");
  const outcomes = topLevel.filter((node) => node.type === "final");

  const boxes = new Map<AnyStateNode, Box>();
  const left = MARGIN + (edges.some((edge) => isThroughGutter(edge, mainColumn)) ? GUTTER : 0);
  let y = MARGIN;
  for (const node of mainColumn) {
    const box = measure(node, lanes, edges, t);
    place(box, left, y, boxes);
    y += box.height + STAGE_GAP;
  }
  const mainRight = Math.max(...mainColumn.map((node) => boxes.get(node)!.x + boxes.get(node)!.width));
  placeOutcomes(outcomes, edges, lanes, boxes, mainRight + EXIT_GAP, t);

  const all = [...boxes.values()];
  const width = Math.ceil(Math.max(...all.map((box) => box.x + box.width)) + MARGIN);
  const height = Math.ceil(Math.max(...all.map((box) => box.y + box.height)) + MARGIN);
  const gutter = edges.filter((edge) => isThroughGutter(edge, mainColumn));
  const routes = new Map(edges.map((edge) => [edge, routeEdge(edge, boxes, lanes, exits, gutter, mainColumn, mainRight)]));
  const layout = { byPath: new Map(nodes.map((node) => [node.path.join("."), node])), edges, boxes, routes, width, height };
  ofMachine.set(language, layout);
  return layout;
}

function allStateNodes(node: AnyStateNode): AnyStateNode[] {
  const children = Object.values(node.states) as AnyStateNode[];
  return children.flatMap((child) => [child, ...allStateNodes(child)]);
}

function ancestors(node: AnyStateNode): AnyStateNode[] {
  const result: AnyStateNode[] = [];
  for (let parent = node.parent; parent?.parent; parent = parent.parent) result.push(parent);
  return result;
}

function labelOf(node: AnyStateNode, t: Translate): string {
  const label = (node.meta as { label?: unknown } | undefined)?.label;
  if (typeof label === "string") return t(label);
  return node.type === "history" ? "H" : humanize(node.key);
}

function eventLabel(eventType: string, t: Translate, eventKey?: EventWordsKey): string {
  const key = eventKey?.(eventType);
  if (key === undefined) return humanize(eventType);
  const words = t(key);
  return words.charAt(0).toLocaleUpperCase(intlLocale(languageOf(t))) + words.slice(1);
}

/** "CONFIRM_ELIGIBLE" → "Confirm eligible"; "euReview" → "Eu review" (give such states a meta label). */
function humanize(name: string): string {
  const words = name
    .replace(/_/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function collectEdges(nodes: AnyStateNode[], t: Translate, eventKey?: EventWordsKey): Edge[] {
  return nodes.flatMap((source) =>
    [...source.transitions.values()].flat().flatMap((transition) =>
      (transition.target ?? []).map((target) => ({
        source,
        target,
        label:
          typeof (transition.meta as { label?: unknown } | undefined)?.label === "string"
            ? t((transition.meta as { label: string }).label)
            : eventLabel(transition.eventType, t, eventKey),
      })),
    ),
  );
}

/** The box that holds both ends of an edge; undefined when the edge joins top-level states. */
function commonParent(edge: Edge): AnyStateNode | undefined {
  const sourceLine = new Set(ancestors(edge.source));
  return ancestors(edge.target).find((node) => sourceLine.has(node));
}

/** Edges between two children of the same box, the second straight below the first: a short arrow. */
function isStraightDown(edge: Edge): boolean {
  const parent = edge.source.parent;
  if (!parent?.parent || edge.target.parent !== parent) return false;
  const siblings = Object.values(parent.states);
  return siblings.indexOf(edge.target) === siblings.indexOf(edge.source) + 1;
}

/** Edges inside one box that are not a short arrow down curve out along the box's right side. */
function isCurved(edge: Edge): boolean {
  return commonParent(edge) !== undefined && !isStraightDown(edge);
}

function isExit(edge: Edge): boolean {
  return commonParent(edge) === undefined && topLevelOf(edge.target).type === "final";
}

/** The edges each box routes on its own: curved ones along its right side, exits through its bottom. */
function groupEdges(edges: Edge[], owner: (edge: Edge) => AnyStateNode | undefined): Map<AnyStateNode, Edge[]> {
  const groups = new Map<AnyStateNode, Edge[]>();
  for (const edge of edges) {
    const node = owner(edge);
    if (node) groups.set(node, [...(groups.get(node) ?? []), edge]);
  }
  return groups;
}

function textWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (char === " ") width += 3.7;
    else if (/[A-Z0-9]/.test(char)) width += 8.6;
    else if (/[ijlt.,:;'!|]/.test(char)) width += 4;
    else width += 7;
  }
  return (width * FONT_SIZE) / 13;
}

function wrap(text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(" ")) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(`${last} ${word}`) <= maxWidth) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

function labelWidth(label: string): number {
  return Math.max(...wrap(label, LABEL_MAX_WIDTH).map(textWidth));
}

function measure(node: AnyStateNode, lanes: Map<AnyStateNode, Edge[]>, edges: Edge[], t: Translate): Box {
  const children = (Object.values(node.states) as AnyStateNode[]).map((child) => measure(child, lanes, edges, t));
  if (node.type === "history") return { node, x: 0, y: 0, width: HISTORY_SIZE, height: HISTORY_SIZE, contentWidth: 0, children };
  if (children.length === 0) {
    // Room for the label in bold (any state may be the current one) inside a final state's double border.
    const width = Math.max(STATE_MIN_WIDTH, textWidth(labelOf(node, t)) * BOLD_WIDTH + 36);
    return { node, x: 0, y: 0, width, height: STATE_HEIGHT, contentWidth: 0, children };
  }
  const ownLanes = lanes.get(node) ?? [];
  const straightLabels = edges.filter((edge) => edge.source.parent === node && isStraightDown(edge));
  const contentWidth = Math.max(
    ...children.map((box) => box.width),
    ...straightLabels.map((edge) => children.find((box) => box.node === edge.source)!.width / 2 + 8 + labelWidth(edge.label)),
  );
  const laneWidth =
    ownLanes.length === 0 ? 0 : ownLanes.length * LANE_GAP + BULGE + 8 + Math.max(...ownLanes.map((edge) => labelWidth(edge.label)));
  const width = Math.max(PADDING * 2 + contentWidth + laneWidth, textWidth(labelOf(node, t)) + PADDING * 2);
  const height = HEADER + children.reduce((sum, box) => sum + box.height, 0) + CHILD_GAP * (children.length - 1) + PADDING;
  return { node, x: 0, y: 0, width, height, contentWidth, children };
}

/** Children are centred in the column left of the lanes, one below the other. */
function place(box: Box, x: number, y: number, boxes: Map<AnyStateNode, Box>): void {
  box.x = x;
  box.y = y;
  boxes.set(box.node, box);
  const column = Math.max(...box.children.map((childBox) => childBox.width), 0);
  let childY = y + HEADER;
  for (const childBox of box.children) {
    place(childBox, x + PADDING + (column - childBox.width) / 2, childY, boxes);
    childY += childBox.height + CHILD_GAP;
  }
}

/** Each outcome goes level with the states that lead to it, as far as the column allows. */
function placeOutcomes(
  outcomes: AnyStateNode[],
  edges: Edge[],
  lanes: Map<AnyStateNode, Edge[]>,
  boxes: Map<AnyStateNode, Box>,
  x: number,
  t: Translate,
): void {
  const wanted = outcomes.map((node) => {
    const sources = edges.filter((edge) => edge.target === node).map((edge) => boxes.get(edge.source));
    const middles = sources.flatMap((box) => (box ? [box.y + Math.min(box.height, STATE_HEIGHT) / 2] : []));
    return { node, middle: middles.length > 0 ? middles.reduce((a, b) => a + b, 0) / middles.length : Infinity };
  });
  wanted.sort((a, b) => a.middle - b.middle || a.node.order - b.node.order);
  let nextFree = MARGIN;
  for (const { node, middle } of wanted) {
    const box = measure(node, lanes, edges, t);
    const y = Math.max(nextFree, Number.isFinite(middle) ? middle - box.height / 2 : nextFree);
    place(box, x, y, boxes);
    nextFree = y + box.height + OUTCOME_GAP;
  }
}

/** From a stage (not from inside it) to the stage right below it: a short arrow down. */
function isNextStage(edge: Edge, mainColumn: AnyStateNode[]): boolean {
  const from = mainColumn.indexOf(edge.source);
  return from >= 0 && mainColumn.indexOf(edge.target) === from + 1;
}

/** Between stages but not a short arrow down: from inside a stage, skipping one, or going back. */
function isThroughGutter(edge: Edge, mainColumn: AnyStateNode[]): boolean {
  return commonParent(edge) === undefined && !isExit(edge) && !isNextStage(edge, mainColumn);
}

interface Route {
  path: string;
  labelX: number;
  labelY: number;
  anchor: "start" | "middle" | "end";
}

function routeEdge(
  edge: Edge,
  boxes: Map<AnyStateNode, Box>,
  lanes: Map<AnyStateNode, Edge[]>,
  exits: Map<AnyStateNode, Edge[]>,
  gutter: Edge[],
  mainColumn: AnyStateNode[],
  mainRight: number,
): Route {
  const source = boxes.get(edge.source)!;
  const target = boxes.get(edge.target)!;
  if (isStraightDown(edge) || isNextStage(edge, mainColumn)) {
    const cx = source.x + Math.min(source.width, target.width) / 2;
    const top = source.y + source.height;
    return { path: `M${cx},${top} L${cx},${target.y}`, labelX: cx + 8, labelY: (top + target.y) / 2, anchor: "start" };
  }
  if (isCurved(edge)) {
    const parent = boxes.get(commonParent(edge)!)!;
    const ownLanes = lanes.get(parent.node)!;
    // The first edge takes the outermost lane, so later, shorter curves nest inside it.
    const bend = parent.x + PADDING + parent.contentWidth + (ownLanes.length - ownLanes.indexOf(edge)) * LANE_GAP;
    const [sy, ty] = [source.y + source.height / 2, target.y + target.height / 2];
    const [sx, tx] = [source.x + source.width, target.x + target.width];
    const control = bend + BULGE;
    return {
      path: `M${sx},${sy} C${control},${sy} ${control},${ty} ${tx},${ty}`,
      // The rightmost point of this cubic curve, at its middle.
      labelX: 0.75 * control + 0.125 * (sx + tx) + 6,
      labelY: (sy + ty) / 2,
      anchor: "start",
    };
  }
  if (isExit(edge)) {
    // Leave through the right side of the stage, spread out and in the order of their targets so
    // several exits do not cross; level until clear of every stage and past the label, which sits
    // on the level part where no other exit runs, then across to the outcome.
    const from = boxes.get(topLevelOf(edge.source))!;
    const ownExits = exits.get(from.node)!.toSorted((a, b) => boxes.get(a.target)!.y - boxes.get(b.target)!.y);
    const sx = from.x + from.width;
    const sy = from.y + (from.height * (ownExits.indexOf(edge) + 1)) / (ownExits.length + 1);
    const labelX = mainRight + 12 + LABEL_MAX_WIDTH / 2 + 4;
    const level = labelX + LABEL_MAX_WIDTH / 2 + 4;
    const [tx, ty] = [target.x, target.y + target.height / 2];
    const reach = (tx - level) / 2;
    return {
      path: `M${sx},${sy} L${level},${sy} C${level + reach},${sy} ${tx - reach},${ty} ${tx},${ty}`,
      labelX,
      labelY: sy,
      anchor: "middle",
    };
  }
  // From inside a stage to another, or back: out of the left side, through the gutter, into the
  // target's left side at its label. Curves whose heights overlap take lanes further out.
  const [sx, sy] = [source.x, source.y + Math.min(source.height, STATE_HEIGHT) / 2];
  const [tx, ty] = [target.x, target.y + Math.min(target.height, STATE_HEIGHT) / 2];
  const span = (other: Edge) => {
    const ends = [boxes.get(other.source)!, boxes.get(other.target)!];
    return { top: Math.min(...ends.map((box) => box.y)), bottom: Math.max(...ends.map((box) => box.y + box.height)) };
  };
  const own = span(edge);
  const earlier = gutter.slice(0, gutter.indexOf(edge)).map(span);
  const lane = earlier.filter((other) => other.top < own.bottom && own.top < other.bottom).length;
  const bend = boxes.get(mainColumn[0]!)!.x - GUTTER_BEND - lane * LANE_GAP * 4;
  return {
    path: `M${sx},${sy} C${bend},${sy} ${bend},${ty} ${tx},${ty}`,
    labelX: 0.75 * bend + 0.125 * (sx + tx) - 6,
    labelY: (sy + ty) / 2,
    anchor: "end",
  };
}

function topLevelOf(node: AnyStateNode): AnyStateNode {
  return [node, ...ancestors(node)].find((candidate) => candidate.parent?.parent === undefined)!;
}

function wasTaken(edge: Edge, visited: AnyStateNode[]): boolean {
  for (let index = 1; index < visited.length; index += 1) {
    const [from, to] = [visited[index - 1]!, visited[index]!];
    const fromLine = [from, ...ancestors(from)];
    const toLine = [to, ...ancestors(to)];
    const lands = toLine.includes(edge.target) || (edge.target.type === "history" && toLine.includes(edge.target.parent!));
    if (fromLine.includes(edge.source) && lands) return true;
  }
  return false;
}

function drawEdge(route: Route, label: string, taken: boolean, prefix: string): string {
  const colour = taken ? COLOURS.edgeTaken : COLOURS.edge;
  const marker = taken ? `${prefix}-arrow-taken` : `${prefix}-arrow`;
  const lines = wrap(label, LABEL_MAX_WIDTH);
  const width = Math.max(...lines.map(textWidth)) + 6;
  const height = lines.length * LINE_HEIGHT + 2;
  const left = route.anchor === "middle" ? route.labelX - width / 2 : route.anchor === "end" ? route.labelX - width + 3 : route.labelX - 3;
  const top = route.labelY - height / 2;
  const text = lines
    .map((line, index) => `<tspan x="${round(route.labelX)}" y="${round(top + 12 + index * LINE_HEIGHT)}">${escapeXml(line)}</tspan>`)
    .join("");
  return [
    `<g class="transition${taken ? " taken" : ""}">`,
    `<path d="${roundPath(route.path)}" fill="none" stroke="${colour}" stroke-width="${taken ? 2.5 : 1.25}" marker-end="url(#${marker})"/>`,
    // A white backing keeps the label readable where it sits on its own line.
    `<rect x="${round(left)}" y="${round(top)}" width="${round(width)}" height="${round(height)}" rx="3" fill="#ffffff" fill-opacity="0.9"/>`,
    `<text text-anchor="${route.anchor}" fill="${taken ? COLOURS.edgeTaken : COLOURS.text}" font-size="12"${taken ? ' font-weight="600"' : ""}>${text}</text>`,
    `</g>`,
  ].join("");
}

function drawCompound(box: Box, visited: Set<AnyStateNode>, current: AnyStateNode | undefined, t: Translate): string {
  const isCurrentLine = current !== undefined && ancestors(current).includes(box.node);
  const fill = visited.has(box.node) ? COLOURS.visitedCompoundFill : COLOURS.compoundFill;
  return [
    `<g class="state compound${isCurrentLine ? " contains-current" : ""}" data-state="${escapeXml(box.node.path.join("."))}">`,
    titleOf(box.node, t),
    `<rect x="${round(box.x)}" y="${round(box.y)}" width="${round(box.width)}" height="${round(box.height)}" rx="10" fill="${fill}" stroke="${isCurrentLine ? COLOURS.currentBorder : COLOURS.compoundBorder}" stroke-width="${isCurrentLine ? 2 : 1.25}"/>`,
    `<text x="${round(box.x + PADDING)}" y="${round(box.y + 19)}" font-weight="600" fill="${COLOURS.text}">${escapeXml(labelOf(box.node, t))}</text>`,
    `</g>`,
  ].join("");
}

function drawState(box: Box, visited: Set<AnyStateNode>, current: AnyStateNode | undefined, t: Translate): string {
  const isCurrent = box.node === current;
  const classes = ["state", box.node.type, isCurrent ? "current" : "", visited.has(box.node) ? "visited" : ""].filter(Boolean).join(" ");
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const stroke = isCurrent ? COLOURS.currentBorder : COLOURS.border;
  const strokeWidth = isCurrent ? 3.5 : 1.25;
  const fill = isCurrent
    ? COLOURS.currentFill
    : visited.has(box.node)
      ? COLOURS.visitedFill
      : box.node.type === "final"
        ? COLOURS.finalFill
        : COLOURS.stateFill;
  const shape =
    box.node.type === "history"
      ? `<circle cx="${round(cx)}" cy="${round(cy)}" r="${HISTORY_SIZE / 2}" fill="${fill}" stroke="${stroke}" stroke-width="${strokeWidth}"/>`
      : box.node.type === "final"
        ? // A final state has a double border, as in UML, so it is told apart without colour.
          `<rect x="${round(box.x)}" y="${round(box.y)}" width="${round(box.width)}" height="${round(box.height)}" rx="18" fill="${fill}" stroke="${stroke}" stroke-width="${strokeWidth}"/>` +
          `<rect x="${round(box.x + 4)}" y="${round(box.y + 4)}" width="${round(box.width - 8)}" height="${round(box.height - 8)}" rx="14" fill="none" stroke="${stroke}" stroke-width="1"/>`
        : `<rect x="${round(box.x)}" y="${round(box.y)}" width="${round(box.width)}" height="${round(box.height)}" rx="6" fill="${fill}" stroke="${stroke}" stroke-width="${strokeWidth}"/>`;
  return [
    `<g class="${classes}" data-state="${escapeXml(box.node.path.join("."))}">`,
    titleOf(box.node, t, isCurrent),
    shape,
    `<text x="${round(cx)}" y="${round(cy + 4.5)}" text-anchor="middle" fill="${COLOURS.text}"${isCurrent ? ' font-weight="700"' : ""}>${escapeXml(labelOf(box.node, t))}</text>`,
    `</g>`,
  ].join("");
}

function titleOf(node: AnyStateNode, t: Translate, isCurrent = false): string {
  const description = node.type === "history" ? t("statechartPicture.history") : node.description && t(node.description);
  const words = [labelOf(node, t), isCurrent ? t("statechartPicture.currentMark") : "", description ? `: ${description}` : ""];
  return `<title>${escapeXml(words.filter(Boolean).join(" ").replace(" :", ":"))}</title>`;
}

function arrowMarker(id: string, colour: string): string {
  return `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`;
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function roundPath(path: string): string {
  return path.replace(/-?\d+(\.\d+)?/g, (number) => round(Number(number)));
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
