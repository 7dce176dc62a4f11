import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq } from "drizzle-orm";
import { advisorShares, attachments, mailbox, proposals, reviewAssignments, users } from "../../db/schema";
import { applyAssignmentCommand } from "../../app/reviews/assignments.server";
import { db } from "../../app/db.server";
import { PROPOSAL_EVENTS } from "../../workflows/proposal-events";
import type { Route } from "../support/http";
import { signInAs } from "../support/http";
import { demoPortal, roundIdByCode } from "../support/tables";
import { actorFor, addPerson, ALBANIAN_POLICE, driveTo, institutionId, KOSOVO_POLICE, makeProposal, MK_PROSECUTION, userId } from "../workflow-server/builders";

// What the persona matrix and the hostile-input run share: proposals built beside the demo whose
// people are known (a draft, one under review with a conflicted reviewer, one whose review has
// closed), the people around them, every route module with an address built for a proposal, and
// every intent each route's forms can send, read from the route's source and its schemas.

export const routes = import.meta.glob<Route>("../../app/routes/*.tsx", { eager: true });
const here = dirname(fileURLToPath(import.meta.url));

export const TARGETS = {
  draft: "Personas: a draft led by Kosovo* Police with an Albanian partner",
  reviewing: "Personas: a proposal under review with a conflicted reviewer",
  reviewClosed: "Personas: a proposal whose review has closed",
} as const;
export type Target = keyof typeof TARGETS;

export const DEACTIVATED = "applicant.deactivated@personas.example";
export const INTRUDER_EMAIL = "intruder@personas.example";

/** Cookies of sessions opened in the base copy, by e-mail address, so every test starts with them. */
export const cookies = new Map<string, string>();

async function beside() {
  // The draft's lead shares it with the advisors: Kosovo* and Albania's see it, North Macedonia's must not.
  const draft = makeProposal({ title: TARGETS.draft, lead: KOSOVO_POLICE, partners: [{ institution: ALBANIAN_POLICE, status: "confirmed" }] });
  db().insert(advisorShares).values({ proposalId: draft.id, sharedByUserId: userId("applicant.xk@taf.example"), sharedAt: new Date() }).run();
  driveTo("reviewing", { title: TARGETS.reviewing, lead: KOSOVO_POLICE, partners: [{ institution: ALBANIAN_POLICE, status: "confirmed" }] });
  const conflicted = applyAssignmentCommand({
    assignmentId: assignmentOf("reviewing", "reviewer.expert@taf.example"),
    actor: actorFor("reviewer.expert@taf.example"),
    command: { type: "DECLARE_CONFLICT", reason: "I served in the Kosovo* Police until last year." },
  });
  if (!conflicted.ok) throw new Error(conflicted.message);
  driveTo("deciding", { title: TARGETS.reviewClosed, lead: KOSOVO_POLICE, partners: [{ institution: ALBANIAN_POLICE, status: "confirmed" }] });
  addPerson({ email: DEACTIVATED, name: "Dardan Deactivated", role: "applicant", institution: KOSOVO_POLICE });
  for (const { email } of db().select({ email: users.email }).from(users).all()) cookies.set(email, await signInAs(email));
  // Deactivated after the session opened: the session row stays, so the account's flag alone must shut the door.
  db().update(users).set({ active: false }).where(eq(users.email, DEACTIVATED)).run();
}
export const freshPortal = demoPortal(beside);

export function targetId(target: Target) {
  return db().select({ id: proposals.id }).from(proposals).where(eq(proposals.title, TARGETS[target])).get()!.id;
}

export function assignmentOf(target: Target, email: string) {
  const proposalId = db().select({ id: proposals.id }).from(proposals).where(eq(proposals.title, TARGETS[target])).get()!.id;
  return db()
    .select({ id: reviewAssignments.id })
    .from(reviewAssignments)
    .where(and(eq(reviewAssignments.proposalId, proposalId), eq(reviewAssignments.reviewerUserId, userId(email))))
    .get()!.id;
}

/** A route module's name, as the file under app/routes/ is called. */
export function routeNames() {
  return Object.keys(routes).map((file) => file.replace("../../app/routes/", "").replace(/\.tsx$/, ""));
}
export function routeModule(name: string) {
  return routes[`../../app/routes/${name}.tsx`]!;
}

/** The address of a route for a proposal (and, on a review page, an assignment), with its params. */
export function placeOf(name: string, target: Target, assignmentId: number) {
  const values: Record<string, string> = {
    proposalId: String(targetId(target)),
    assignmentId: String(assignmentId),
    // Someone else's file: an attachment of a demo proposal, forged onto this proposal's address.
    attachmentId: String(db().select({ id: attachments.id }).from(attachments).get()?.id ?? 1),
    document: "concept",
    roundId: String(roundIdByCode("ROLLING")),
    userId: String(userId("admin@taf.example")),
    institutionId: String(institutionId(KOSOVO_POLICE)),
    messageId: String(db().select({ id: mailbox.id }).from(mailbox).get()?.id ?? 1),
    machine: "proposal",
    token: "not-a-token",
    language: "sq",
  };
  const params: Record<string, string> = {};
  const segments = name
    .replace(/\[\.([a-z]+)\]/g, "~$1")
    .split(".")
    .filter((segment) => segment !== "_index")
    .map((segment) => segment.replace(/_$/, "").replace(/^_/, ""));
  const path: string[] = [];
  for (const segment of segments) {
    if (segment === "$") {
      params["*"] = "no-such-page";
      path.push("no-such-page");
    } else if (segment.startsWith("$")) {
      const param = segment.slice(1);
      params[param] = values[param]!;
      path.push(values[param]!);
    } else path.push(segment);
  }
  // "[.csv]" is the extension of the segment it follows.
  return { path: `/${path.join("/")}`.replace(/~([a-z]+)$/, ".$1"), params };
}

const INTENT_PATTERNS = [
  /name="intent" value="([\w-]+)"/g,
  /value="([\w-]+)" name="intent"/g,
  /\bintent="([\w-]+)"/g,
  /intent (?:===|!==) "([\w-]+)"/g,
  /intent: z\.literal\("([\w-]+)"\)/g,
  /intent: "([\w-]+)"/g,
];

/**
 * The route's source and what it draws its forms and rules from: the components, schemas and
 * server modules it imports, and theirs, two steps deep.
 */
function sourceWithSchemas(name: string) {
  const seen = new Set<string>();
  let frontier = [resolve(here, `../../app/routes/${name}.tsx`)];
  for (let depth = 0; depth < 3 && frontier.length; depth++) {
    const next: string[] = [];
    for (const file of frontier) {
      if (seen.has(file)) continue;
      seen.add(file);
      const source = readFileSync(file, "utf8");
      for (const m of source.matchAll(/from "(\.\.?\/[^"]*)"/g)) {
        const base = resolve(dirname(file), m[1]!);
        if (!base.includes("/app/") || base.includes("/app/routes/")) continue;
        const found = [`${base}.tsx`, `${base}.ts`].find((candidate) => existsSync(candidate));
        if (found && /(components\/|-schema\.ts$|\.server\.ts$)/.test(found)) next.push(found);
      }
    }
    frontier = next;
  }
  return [...seen].map((file) => readFileSync(file, "utf8")).join("\n");
}

/**
 * Every intent a route's forms can send: the values its source and its schemas give the
 * `intent` field, every listed `intents = [...]`, the statechart's events on the proposal page,
 * and no intent at all.
 */
export function intentsOf(name: string): string[] {
  const text = sourceWithSchemas(name);
  const found = new Set<string>([""]);
  for (const pattern of INTENT_PATTERNS) for (const match of text.matchAll(pattern)) found.add(match[1]!);
  for (const list of text.matchAll(/(?:intents = \[|intent: z\.enum\(\[)([^\]]*)\]/g)) for (const item of list[1]!.matchAll(/"([\w-]+)"/g)) found.add(item[1]!);
  if (name === "proposals.$proposalId._index") for (const event of Object.keys(PROPOSAL_EVENTS)) found.add(event);
  return [...found].sort();
}

/**
 * A form any of the portal's forms could be: every field name the route forms use, filled as a
 * person who means it would (current versions, real institutions and people), so that a refusal
 * comes from the rule, not from a form too poor to reach it.
 */
export function plausibleForm(name: string, intent: string, target: Target, assignmentId: number): Record<string, string> {
  const proposal = db().select().from(proposals).where(eq(proposals.id, targetId(target))).get()!;
  const assignment = db().select({ version: reviewAssignments.version }).from(reviewAssignments).where(eq(reviewAssignments.id, assignmentId)).get();
  return {
    intent,
    event: intent,
    // A review page's forms carry the assignment's version, every other the proposal's.
    version: String(name.startsWith("reviews.") && assignment ? assignment.version : proposal.version),
    revision: String(proposal.updatedAt.getTime()),
    title: "An intruder's title",
    summary: "An intruder's summary.",
    body: "An intruder's comment.",
    reason: "An intruder's reason, set out in writing.",
    message: "An intruder's answer.",
    question: "An intruder's question?",
    days: "10",
    outcome: "promising",
    sharedFeedback: "",
    lessonsLearnt: "An intruder's lesson.",
    confirm: "on",
    institutionId: String(institutionId(MK_PROSECUTION)),
    partnerId: "1",
    into: String(institutionId(ALBANIAN_POLICE)),
    name: "Intruder",
    email: INTRUDER_EMAIL,
    role: "applicant",
    kind: "completionReport",
    dueAt: "2030-01-15T17:00",
    type: "training",
    startsOn: "2030-04-01",
    heldOn: "2030-04-02",
    place: "Tirana",
    participants: "5",
    activityKey: "activity-1",
    "score.relevance": "4",
    commentForApplicants: "An intruder's review.",
    recommendation: "promising",
    confidence: "medium",
    attachmentId: "1",
    reviewerUserId: String(userId("reviewer.expert@taf.example")),
    outboxId: "1",
  };
}
