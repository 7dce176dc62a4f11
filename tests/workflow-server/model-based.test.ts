import { getShortestPaths } from "@xstate/graph";
import { gt } from "drizzle-orm";
import type { EventObject } from "xstate";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { loadDemoData } from "../../app/demo/demo.server";
import type { ProposalCommand } from "../../app/proposals/workflow.server";
import { applyProposalCommand } from "../../app/proposals/workflow.server";
import { outbox } from "../../db/schema";
import type { Actor } from "../../workflows/actors";
import { SYSTEM_ACTOR } from "../../workflows/actors";
import type { CriterionResult } from "../../workflows/eligibility";
import type { ProposalEvent, ProposalSnapshot } from "../../workflows/proposal.machine";
import { proposalMachine, restoreProposal, statePath } from "../../workflows/proposal.machine";
import {
  admin,
  assignReviewers,
  at,
  completionReport,
  conceptNote,
  DAY,
  eventsOf,
  expectHistoryReplays,
  HOUR,
  leadApplicant,
  makeProposal,
  markReviewSubmitted,
  proposalRow,
  setContent,
} from "./builders";

// The proposal machine's shortest path to every state it can be in, driven through the real
// server: applyProposalCommand on a database with a round, a lead, a confirmed partner and two
// assigned reviewers, as XState's model-based tests drive a system under test. At each step the
// stored state, the history rows and the mail owed must be what the machine and the mail rules say.

// The graph knows actors by role only; the driver acts as the demo person of that role.
const LEAD = 1;
const lead: Actor = { userId: 10, role: "applicant", institutionId: LEAD };
const team: Actor = { userId: 1, role: "administrator", institutionId: null };
const NOW = "2026-03-02T09:00:00.000Z";
const LATER = "2026-03-20T09:00:00.000Z";
const REASON = "Explained in words.";
const passed: CriterionResult[] = [{ id: "joint", label: "Joint", outcome: "passed", reason: "Two countries confirmed." }];

// One event of each kind, with the facts the fixture below makes the server gather.
const samples: ProposalEvent[] = [
  {
    type: "SUBMIT",
    actor: lead,
    now: NOW,
    round: { mode: "deadline", state: "open", opensAt: "2026-03-01T09:00:00.000Z", closesAt: "2026-05-01T09:00:00.000Z" },
    leadCountryCode: "XK",
    partners: [{ institutionId: 2, countryCode: "AL", status: "confirmed" }],
    missingParts: [],
  },
  { type: "ELIGIBILITY_CHECKED", actor: SYSTEM_ACTOR, results: passed },
  { type: "CONFIRM_ELIGIBLE", actor: team, reason: REASON },
  { type: "DECLARE_INELIGIBLE", actor: team, reason: REASON },
  { type: "REQUEST_CLARIFICATION", actor: team, now: NOW, question: "Which prosecutor joins?", dueAt: LATER },
  { type: "RESPOND", actor: lead, message: "The special prosecution office joins." },
  { type: "CLARIFICATION_EXPIRED", actor: SYSTEM_ACTOR, now: LATER, dueAt: LATER },
  { type: "RECHECK", actor: team },
  { type: "START_REVIEW", actor: team, assignedReviewers: 2, minimumReviews: 2 },
  { type: "CLOSE_REVIEW", actor: team, submittedReviews: 2, minimumReviews: 2, reason: "" },
  { type: "DECIDE", actor: team, outcome: "promising", reason: REASON, sharedFeedback: "" },
  { type: "DECIDE", actor: team, outcome: "notSelected", reason: REASON, sharedFeedback: "" },
  { type: "SUBMIT_CONCEPT", actor: lead, missingParts: [], answering: false, answer: "" },
  { type: "REQUEST_REVISION", actor: team, reason: REASON },
  { type: "APPROVE_CONCEPT", actor: team },
  { type: "START", actor: team },
  { type: "HOLD", actor: team, reason: REASON },
  { type: "RESUME", actor: team },
  { type: "SUBMIT_REPORT", actor: lead, missingParts: [] },
  { type: "COMPLETE", actor: team },
  { type: "WITHDRAW", actor: lead, reason: REASON },
  { type: "DISCARD", actor: lead },
  { type: "REJECT_CONCEPT", actor: team, reason: REASON },
  { type: "CANCEL_IMPLEMENTATION", actor: team, reason: REASON },
];

/** Where implementation resumes from: part of the state, or every on-hold proposal looks alike. */
function resumesAt(snapshot: ProposalSnapshot) {
  return snapshot.historyValue["proposal.implementation.active.hist"]?.[0]?.path.join(".") ?? null;
}

function serializeState(snapshot: ProposalSnapshot) {
  return JSON.stringify([snapshot.value, snapshot.context.eligibilityCheck, resumesAt(snapshot)]);
}

const paths = getShortestPaths(proposalMachine, { input: { leadInstitutionId: LEAD }, events: samples, serializeState });

/** The server records the automatic check in the step that enters it, so nothing else happens in between. */
function drivable(path: (typeof paths)[number]) {
  return path.steps.every((step, i) => i === 0 || statePath(path.steps[i - 1]!.state) !== "eligibility.checking" || step.event.type === "ELIGIBILITY_CHECKED");
}

const APPLICANTS = ["applicant.al@taf.example", "applicant.xk@taf.example"];
const TEAM = ["admin@taf.example"];

// The mail each step owes, and to whom: the lead's and the confirmed partner's applicants, the
// TAF team, or both. Steps without mail are silent; the automatic check is part of SUBMIT.
const MAIL = {
  SUBMIT: [
    ["proposal-submitted", APPLICANTS],
    ["proposal-to-decide", TEAM],
  ],
  CONFIRM_ELIGIBLE: [["eligibility-outcome", APPLICANTS]],
  DECLARE_INELIGIBLE: [["eligibility-outcome", APPLICANTS]],
  REQUEST_CLARIFICATION: [["clarification-requested", APPLICANTS]],
  RESPOND: [["proposal-to-decide", TEAM]],
  CLARIFICATION_EXPIRED: [["proposal-to-decide", TEAM]],
  RECHECK: [],
  START_REVIEW: [],
  CLOSE_REVIEW: [],
  DECIDE: [["selection-outcome", APPLICANTS]],
  SUBMIT_CONCEPT: [["proposal-to-decide", TEAM]],
  REQUEST_REVISION: [["revision-requested", APPLICANTS]],
  APPROVE_CONCEPT: [["concept-approved", APPLICANTS]],
  START: [["implementation-update", APPLICANTS]],
  HOLD: [["implementation-update", APPLICANTS]],
  RESUME: [["implementation-update", APPLICANTS]],
  SUBMIT_REPORT: [["proposal-to-decide", TEAM]],
  COMPLETE: [["implementation-update", APPLICANTS]],
  WITHDRAW: [["proposal-withdrawn", [...APPLICANTS, ...TEAM]]],
  DISCARD: [],
  REJECT_CONCEPT: [["proposal-ended", APPLICANTS]],
  CANCEL_IMPLEMENTATION: [["proposal-ended", APPLICANTS]],
} satisfies Record<ProposalCommand["type"], [string, string[]][]>;

/** What a person (or the scheduler) sends for the machine's event; the server adds the facts. */
function commandFor(event: ProposalEvent): ProposalCommand {
  switch (event.type) {
    case "REQUEST_CLARIFICATION":
      return { type: event.type, question: event.question, dueAt: new Date(event.dueAt) };
    case "SUBMIT_CONCEPT":
      return { type: event.type, answer: event.answer };
    case "SUBMIT":
    case "CLARIFICATION_EXPIRED":
    case "START_REVIEW":
    case "CLOSE_REVIEW":
    case "SUBMIT_REPORT":
      return { type: event.type };
    case "ELIGIBILITY_CHECKED":
      throw new Error("The automatic check is the server's own step, never a command.");
    default: {
      const { actor: _actor, ...command } = event;
      return command;
    }
  }
}

function actorOf(event: ProposalEvent): Actor {
  if (event.actor.role === "system") return SYSTEM_ACTOR;
  return event.actor.role === "administrator" ? admin() : leadApplicant();
}

/** A complete joint draft with its concept note and report written and two reviews in. */
function fixture() {
  const { id } = makeProposal();
  setContent(id, { conceptNote, completionReport });
  for (const assignment of assignReviewers(id, ["reviewer.eu@taf.example", "reviewer.expert@taf.example"])) markReviewSubmitted(assignment);
  return id;
}

function mailSince(outboxId: number) {
  return db()
    .select({ template: outbox.template, recipient: outbox.recipient })
    .from(outbox)
    .where(gt(outbox.id, outboxId))
    .all()
    .map((mail) => `${mail.template} → ${mail.recipient}`)
    .sort();
}

function lastOutboxId() {
  return db().select({ id: outbox.id }).from(outbox).all().at(-1)?.id ?? 0;
}

beforeEach(async () => {
  await loadDemoData(db());
});

describe("the server, driven along the proposal machine's shortest paths", () => {
  it("has a path to every state the machine can be in, stored ones and passing ones", () => {
    const stored = new Set(paths.map((path) => statePath(path.state)));
    expect([...stored].sort()).toEqual(
      [
        "draft",
        "discarded",
        "eligibility.checking",
        "eligibility.awaitingDecision",
        "eligibility.clarificationRequested",
        "ineligible",
        "withdrawn",
        "euReview.awaitingReviewers",
        "euReview.reviewing",
        "euReview.deciding",
        "notSelected",
        "conceptualWork.drafting",
        "conceptualWork.underReview",
        "implementation.active.awaitingStart",
        "implementation.active.ongoing",
        "implementation.active.reportSubmitted",
        "implementation.onHold",
        "completed",
        "conceptRejected",
        "implementationCancelled",
      ].sort(),
    );
  });

  for (const path of paths.filter(drivable)) {
    // Each path opens with the machine's own init event, which the draft's creation stands for.
    const steps = path.steps.filter((step) => (step.event as EventObject).type !== "xstate.init");
    const target = statePath(path.state);
    const resuming = target === "implementation.onHold" ? ` (resumes at ${resumesAt(path.state)})` : "";

    it(`reaches ${target}${resuming}: ${steps.map((step) => step.event.type).join(" → ") || "as created"}`, () => {
      const id = fixture();
      let clock = at(0);
      for (const [i, { event, state }] of steps.entries()) {
        if (event.type === "ELIGIBILITY_CHECKED") {
          // The server ran the check with the step before, in the same transaction.
          expect(eventsOf(id).at(-1)).toMatchObject({ type: "ELIGIBILITY_CHECKED", toState: "eligibility.awaitingDecision" });
          continue;
        }
        const command = commandFor(event);
        clock = command.type === "CLARIFICATION_EXPIRED" ? new Date(proposalRow(id).clarificationDueAt!.getTime() + HOUR) : new Date(clock.getTime() + HOUR);
        if (command.type === "REQUEST_CLARIFICATION") command.dueAt = new Date(clock.getTime() + 7 * DAY);
        const reached = statePath(state);
        // A proposal never rests in the automatic check: the server records it at once.
        const checked = reached === "eligibility.checking";
        const expected = checked ? "eligibility.awaitingDecision" : reached;

        const before = proposalRow(id);
        const historyBefore = eventsOf(id).length;
        const outboxBefore = lastOutboxId();
        const outcome = applyProposalCommand({ proposalId: id, expectedVersion: before.version, actor: actorOf(event), command, now: clock });
        expect(outcome, `${command.type} from ${before.state}`).toMatchObject({ ok: true, state: expected });

        const after = proposalRow(id);
        expect(after.state).toBe(expected);
        const owed = checked
          ? [
              { type: command.type, fromState: before.state, toState: "eligibility.checking" },
              { type: "ELIGIBILITY_CHECKED", fromState: "eligibility.checking", toState: "eligibility.awaitingDecision", actorRole: "system" },
            ]
          : [{ type: command.type, fromState: before.state, toState: reached }];
        const added = eventsOf(id).slice(historyBefore);
        expect(added).toHaveLength(owed.length);
        expect(added).toMatchObject(owed.map((row, n) => ({ ...row, version: before.version + n + 1 })));
        expect(added[0]).toMatchObject({ actorRole: actorOf(event).role, at: clock });
        expect(after.version).toBe(before.version + owed.length);

        const mail = MAIL[command.type].flatMap(([template, recipients]) => recipients.map((recipient) => `${template} → ${recipient}`)).sort();
        expect(mailSince(outboxBefore), `mail owed by ${command.type} (step ${i + 1})`).toEqual(mail);
      }

      const stored = proposalRow(id);
      // The stored snapshot, restored from the database, is the machine's state, history included.
      if (target !== "eligibility.checking") expect(serializeState(restoreProposal(stored.snapshot, stored.machineVersion))).toBe(serializeState(path.state));
      expectHistoryReplays(id);
    });
  }
});
