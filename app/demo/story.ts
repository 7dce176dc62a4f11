import type { ProposalCommand } from "../proposals/workflow.server";
import type { DecisionInput } from "../reviews/decisions.server";
import type { ProposalContent } from "../../workflows/proposal-content";
import type { ProposalSnapshot } from "../../workflows/proposal.machine";
import type { Confidence, Recommendation, ScalePoint } from "../../workflows/review-criteria";
import type { SupportKind, ThemeId } from "../../workflows/vocabulary";

// The shape of a demo proposal's story, shared by demo.server.ts (which replays every story) and
// the files that tell a story of their own topic.

/** The story's day: `on(-131, "11:20")` is 131 days ago at 11:20 Brussels time; `day(30)` the calendar date in 30 days ("YYYY-MM-DD"). */
export type Calendar = { now: Date; on: (days: number, time?: string) => Date; day: (days: number) => string };

/** A partner institution, invited by the lead; confirmed (by its demo applicant, if it has one) or still invited. */
export type DemoPartner = { institution: string; invited: Date; confirmed?: { at: Date; statement: string } };

/** A step of a proposal's story: a statechart command, or what people do around it that has no event. */
export type DemoAction =
  | ProposalCommand
  | { type: "assignReviewers" } // both demo reviewers, due after the round's review days
  | { type: "reviewSubmitted"; by: string; score: ScalePoint; recommendation: Recommendation; comment: string }
  // A review as its reviewer left it: scores in the order of the round's criteria (fewer: a
  // draft scored in part), saved, and submitted or not.
  | { type: "review"; by: string; scores: ScalePoint[]; recommendation?: Recommendation; confidence?: Confidence; comment: string; internalComment?: string; submit: boolean }
  | { type: "conflictDeclared"; by: string; reason: string }
  // The TAF team records a decision and holds it: the applicants hear of it only at release.
  | ({ type: "decisionHeld" } & DecisionInput)
  | { type: "decisionsReleased" } // the TAF team releases the round's held decisions
  | { type: "write"; content: ProposalContent }; // the lead saves content (concept note, report)

export type DemoProposal = {
  round: string;
  lead: string;
  title: string;
  created: Date;
  content: ProposalContent;
  partners: DemoPartner[];
  story: [Date, DemoAction][];
  /** Where the story must leave the proposal (typed by the machine): checked after the replay. */
  reaches: ProposalSnapshot["value"];
};

type Content = {
  summary?: string;
  problem?: string;
  objectives?: string;
  activities?: string;
  expectedResults?: string;
  themes?: ThemeId[];
  supportKinds?: SupportKind[];
  intendedStart?: string;
  durationMonths?: number;
  budgetEur?: number;
  contactPerson?: string;
};

/** A proposal's content, checked against the parts a demo proposal writes. */
export const content = (c: Content): ProposalContent => c;
