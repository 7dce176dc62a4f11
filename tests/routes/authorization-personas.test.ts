import { beforeEach, describe, expect, it } from "vitest";
import { load, statusOf, submit } from "../support/http";
import { changedTables, tableChecksums } from "../support/tables";
import type { Target } from "./authorization-places";
import { assignmentOf, cookies, DEACTIVATED, freshPortal, intentsOf, placeOf, plausibleForm, routeModule, routeNames } from "./authorization-places";

// The authorization matrix (authorization.test.ts) visits every route as each role; this one
// visits every route, and sends every intent of every form, as the people who sit closest to a
// proposal without a right to it: another institution's applicant, the partner's applicant (who
// reads the draft but does not write it), a reviewer who declared a conflict, a reviewer whose
// review has closed, a person deactivated after signing in, the advisor of a country not taking
// part, and no one signed in. A refusal is 403, 404 or the sign-in page (for the reviewer on
// their own assignment after its review closed, 409 and its forms told so), never a 500, and it
// leaves every table of the database exactly as it was.

type Kind = "outsider" | "partner" | "deactivated" | "signedOut";
type Persona = { name: string; email: string | null; kind: Kind; targets: Target[]; assignment: () => number; closedReview?: true };

const othersAssignment = () => assignmentOf("reviewing", "reviewer.eu@taf.example");
const PERSONAS: Persona[] = [
  { name: "another institution's applicant", email: "applicant.mk@taf.example", kind: "outsider", targets: ["draft", "reviewing"], assignment: othersAssignment },
  { name: "partner applicant of the proposal", email: "applicant.al@taf.example", kind: "partner", targets: ["draft"], assignment: othersAssignment },
  { name: "conflicted reviewer", email: "reviewer.expert@taf.example", kind: "outsider", targets: ["reviewing"], assignment: () => assignmentOf("reviewing", "reviewer.expert@taf.example") },
  { name: "reviewer after the review closed", email: "reviewer.eu@taf.example", kind: "outsider", targets: ["reviewClosed"], assignment: () => assignmentOf("reviewClosed", "reviewer.eu@taf.example"), closedReview: true },
  { name: "deactivated user, signed in before", email: DEACTIVATED, kind: "deactivated", targets: ["draft", "reviewing"], assignment: othersAssignment },
  { name: "country advisor of another country", email: "advisor.mk@taf.example", kind: "outsider", targets: ["draft", "reviewing"], assignment: othersAssignment },
  { name: "signed out", email: null, kind: "signedOut", targets: ["draft", "reviewing"], assignment: othersAssignment },
];

// Pages anyone may open signed out; what they do is tested with the sign-in and its limits.
const PUBLIC = new Set(["$", "login", "logout", "forgot-password", "set-password.$token", "privacy", "login_.second-factor", "catalogues.$language"]);
// Pages every signed-in person has (their home, account, a new draft, their own survey, the
// advisor's dashboard): what they do there is their own, so here they only must not fail.
const OWN = new Set(["_index", "account", "account_.two-factor", "proposals.new", "rounds.$roundId.feedback", "admin.dashboard"]);
// The partner's own forms on a draft it has joined: its answer to the invitation and its comments.
const PARTNER_ACTS = new Set(["proposals.$proposalId.partnership", "proposals.$proposalId.comments"]);

type Answer = "login" | "home" | number;
function answerOf(result: unknown): Answer {
  const status = statusOf(result);
  if (status === 302) {
    const location = (result as Response).headers.get("Location") ?? "";
    if (location.startsWith("/login")) return "login";
    if (location === "/") return "home";
  }
  return status;
}

const REFUSED: Answer[] = [403, 404];
/** The review page of one's own assignment after its review closed: 409, the review is closed, in words. */
const CLOSED_REVIEW: Answer[] = [409];
/** Its forms: the page that sent them is told the review closed (and keeps what was typed). */
const closedReply = (result: unknown) => typeof result === "object" && result !== null && !(result instanceof Response) && (result as { reviewClosed?: boolean }).reviewClosed === true;
const figures = { requests: 0, refusedUnchanged: 0 };

beforeEach(freshPortal);

describe("every route and every form, for the people nearest a proposal without a right to it", () => {
  for (const persona of PERSONAS) {
    for (const name of routeNames()) {
      const route = routeModule(name);
      it(`${persona.name}: ${name}`, async () => {
        const cookie = persona.email ? cookies.get(persona.email)! : null;
        // A refusal changes nothing, so one baseline serves until a person's own form writes (then a fresh copy).
        let before: Record<string, string> = {};
        async function afresh() {
          await freshPortal();
          before = tableChecksums();
        }
        const scoped = name.startsWith("proposals.$proposalId") || name.startsWith("reviews.$assignmentId");
        for (const target of persona.targets) {
          const assignmentId = persona.assignment();
          const { path, params } = placeOf(name, target, assignmentId);
          if (route.loader) {
            figures.requests += 1;
            const answer = answerOf(await load(route, path, { cookie, params }));
            expect(typeof answer === "number" ? answer : 0, `GET ${path}`).toBeLessThan(500);
            if (persona.kind === "deactivated") {
              // A deactivated person's old session opens exactly what no session opens.
              expect(answer, `GET ${path}`).toEqual(answerOf(await load(route, path, { cookie: null, params })));
            }
            if (persona.kind === "signedOut" && !PUBLIC.has(name)) expect(answer, `GET ${path}`).toBe("login");
            const ownClosedReview = persona.closedReview && name.startsWith("reviews.$assignmentId");
            if (persona.kind === "outsider" && scoped) expect(ownClosedReview ? CLOSED_REVIEW : REFUSED, `GET ${path}`).toContain(answer);
            if (persona.kind === "outsider" && !scoped && !OWN.has(name) && !PUBLIC.has(name)) expect(answer, `GET ${path}`).toBe(403);
            // A draft has no PDF yet: its PDF address sends the partner to the print page.
            if (persona.kind === "partner" && scoped) expect([200, 303, ...REFUSED], `GET ${path}`).toContain(answer);
          }
          if (!route.action || PUBLIC.has(name)) continue;
          // Reading may write (a session's last use), so the baseline for the forms is taken after it.
          before = tableChecksums();
          for (const intent of intentsOf(name)) {
            figures.requests += 1;
            const form = plausibleForm(name, intent, target, assignmentId);
            const result = await submit(route, path, form, { cookie, params });
            const answer = answerOf(result);
            const changed = changedTables(before, tableChecksums());
            const what = `POST ${path} intent=${intent || "(none)"}: ${JSON.stringify(result).slice(0, 300)}`;
            expect(typeof answer === "number" ? answer : 0, what).toBeLessThan(500);
            if (persona.kind === "signedOut" || persona.kind === "deactivated") {
              expect(answer, what).toBe("login");
              expect(changed, what).toEqual([]);
              figures.refusedUnchanged += 1;
              continue;
            }
            if (OWN.has(name)) {
              if (changed.length) await afresh();
              continue;
            }
            if (persona.kind === "partner" && PARTNER_ACTS.has(name)) {
              if (changed.length) await afresh();
              continue;
            }
            if (persona.kind === "partner" && scoped) {
              // The partner sees the draft, so some forms come back to it with their reason; none writes.
              expect([200, ...REFUSED], what).toContain(answer);
            } else if (persona.closedReview && name.startsWith("reviews.$assignmentId")) {
              expect(closedReply(result), what).toBe(true);
            } else expect(REFUSED, what).toContain(answer);
            expect(changed, what).toEqual([]);
            figures.refusedUnchanged += 1;
          }
        }
      });
    }
  }

  it("tried every route with every persona (figures for docs/reliability.md)", () => {
    // Runs last in the file: the tests above have counted what they sent.
    console.info(`personas: ${PERSONAS.length} × ${routeNames().length} routes, ${figures.requests} requests, ${figures.refusedUnchanged} refusals checked unchanged`);
    expect(figures.requests).toBeGreaterThan(PERSONAS.length * routeNames().length);
  });
});
