import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { proposalMachine } from "../../workflows/proposal.machine";

// Outside workflows/ no code says where a proposal or a round is by writing a state as a string:
// it asks the machine (snapshot.matches / can, allowedEvents, statesAccepting, statesWithin with
// the typed ProposalStatePath). A renamed state then fails to compile instead of silently
// matching nothing. This reads app/ as text, as a reviewer would.

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

type NodeLike = { key: string; states: Record<string, NodeLike> };
const dottedPaths = (function collect(node: NodeLike, prefix: string): string[] {
  return Object.values(node.states).flatMap((child) => {
    const path = prefix ? `${prefix}.${child.key}` : child.key;
    return [...(prefix ? [path] : []), ...collect(child, path)];
  });
})(proposalMachine.root as unknown as NodeLike, "");
// Round states are a flat union typed from the round machine (RoundState, also the column's
// type), so a literal one is checked by the compiler; proposal paths are nested and stored as
// text, so for them only the machine's helpers will do.
const names = [...new Set([...Object.keys(proposalMachine.root.states), ...dottedPaths.flatMap((path) => path.split("."))])].join("|");

const offences: { rule: string; pattern: RegExp }[] = [
  { rule: "a dotted state path written out", pattern: new RegExp(`["'\`](${dottedPaths.map((p) => p.replaceAll(".", "\\.")).join("|")})["'\`]`) },
  { rule: "a state compared with ===/!== to a string", pattern: new RegExp(`\\b\\w*[sS]ta(te|ge)\\w*\\s*[!=]==?\\s*["'\`](${names})["'\`]|["'\`](${names})["'\`]\\s*[!=]==?\\s*\\w*[sS]ta(te|ge)\\b`) },
  { rule: "a state column queried with a string", pattern: new RegExp(`\\b(eq|ne|like)\\(\\s*(proposals\\.state|proposalEvents\\.\\w+State)\\s*,\\s*["'\`]`) },
  { rule: "a state list written by hand for a query", pattern: /\b(inArray|notInArray)\(\s*\w+\.state\s*,\s*\[\s*["'`]/ },
  { rule: "a state matched by its prefix", pattern: /[sS]tate\w*\??\.startsWith\(/ },
  { rule: "a state compared inside raw SQL", pattern: /\$\{\w+\.\w*[sS]tate\}\s*(=|<>|!=|in|like)\s*'/i },
];

it("no state is written as a string outside workflows/", () => {
  const found: string[] = [];
  for (const file of sourceFiles("app")) {
    readFileSync(file, "utf8")
      .split("\n")
      .forEach((line, index) => {
        for (const { rule, pattern } of offences) if (pattern.test(line)) found.push(`${file}:${index + 1}: ${rule}: ${line.trim()}`);
      });
  }
  expect(found).toEqual([]);
});

it("recognises each kind of offence, so the check above can fail", () => {
  const samples = [
    `if (proposal.state === "draft") {`,
    `eq(proposals.state, "draft")`,
    `page.stage === "onHold"`,
    `inArray(proposals.state, ["draft", "discarded"])`,
    `row.fromState.startsWith("conceptualWork")`,
    `const stage = "euReview.reviewing";`,
    "sql`sum(${proposals.state} = 'draft')`",
  ];
  for (const sample of samples) expect(offences.some(({ pattern }) => pattern.test(sample)), sample).toBe(true);
  for (const allowed of [`snapshot.matches("draft")`, `eq(rounds.state, "open")`, `statesWithin("conceptualWork")`]) {
    expect(offences.some(({ pattern }) => pattern.test(allowed)), allowed).toBe(false);
  }
});
