import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { institutions, memberships, proposalEvents, proposals, rounds, users } from "../../db/schema";
import { askForFeedback, closeFeedbackSurvey, recordFeedbackAnswer } from "../lessons/feedback.server";
import type { FeedbackInput } from "../lessons/feedback-schema";
import type { Calendar } from "./story";

// The closed demo round (2026-R1): its institutions were asked for feedback as each decision was
// released, five of them answered, and the TAF team closed the survey early to revise the guide
// for the second call. Signed in as the demo administrator, a new user reads the round's lessons
// learnt; signed in as a demo applicant of the round, the answer their institution gave, read only.

type DemoAnswer = { institution: string; at: Date; ratings: FeedbackInput["rating"]; comment: string };

function demoAnswers({ on }: Calendar): DemoAnswer[] {
  return [
    {
      institution: "Kosovo* Police",
      at: on(-95, "10:15"),
      ratings: { guidance: 4, form: 4, timing: 3, support: 5 },
      comment:
        "The guide was clear. The weeks between the deadline and the decision felt long while our investigation went on: a date for the decision in the guide would help us plan.",
    },
    {
      institution: "Albanian State Police",
      at: on(-93, "14:40"),
      ratings: { guidance: 4, form: 3, timing: 3, support: 5 },
      comment: "The form asked for the budget before the activities were clear. Let us give a rough estimate first and the figures in the concept.",
    },
    {
      institution: "Public Prosecutor's Office of North Macedonia",
      at: on(-90, "09:05"),
      ratings: { guidance: 5, form: 4, timing: 2, support: 4 },
      comment: "The round closed during the summer holidays: our partners needed more time to confirm their participation.",
    },
    {
      institution: "State Investigation and Protection Agency (SIPA)",
      at: on(-88, "16:20"),
      ratings: { guidance: 3, form: 4, timing: 4, support: 3 },
      comment:
        "Tell us earlier what an operational idea means: our awareness programme was not what the facility supports. An example of a selected proposal in the guide would help.",
    },
    { institution: "Ministry of Justice of Montenegro", at: on(-86, "11:00"), ratings: { guidance: 5, form: 5, timing: 4, support: 5 }, comment: "" },
  ];
}

export function loadLessonsDemo(tx: Tx, calendar: Calendar) {
  const round = tx.select({ id: rounds.id }).from(rounds).where(eq(rounds.code, "2026-R1")).get();
  if (!round) throw new Error("The lessons demo needs round 2026-R1.");
  // Asked as each decision was released: the first release opened the survey.
  const released = tx
    .select({ id: proposals.id, roundId: proposals.roundId, leadInstitutionId: proposals.leadInstitutionId, at: proposalEvents.at })
    .from(proposalEvents)
    .innerJoin(proposals, eq(proposals.id, proposalEvents.proposalId))
    .where(and(eq(proposals.roundId, round.id), eq(proposalEvents.type, "DECIDE")))
    .orderBy(asc(proposalEvents.at))
    .all();
  for (const proposal of released) askForFeedback(tx, proposal, proposal.at);
  for (const answer of demoAnswers(calendar)) {
    const by = tx
      .select({ userId: users.id, institutionId: institutions.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .innerJoin(institutions, eq(institutions.id, memberships.institutionId))
      .where(and(eq(institutions.name, answer.institution), eq(memberships.role, "applicant")))
      .get();
    if (!by) throw new Error(`The lessons demo needs an applicant of ${answer.institution}.`);
    const saved = recordFeedbackAnswer(tx, { id: by.userId }, round.id, { institutionId: by.institutionId, rating: answer.ratings, comment: answer.comment }, answer.at);
    if (!saved.ok) throw new Error(`Demo feedback of ${answer.institution}: ${saved.message}`);
  }
  const admin = tx.select({ id: users.id }).from(users).where(eq(users.email, "admin@taf.example")).get();
  if (!admin) throw new Error("The lessons demo needs the demo administrator.");
  const closed = closeFeedbackSurvey(admin, round.id, calendar.on(-80, "17:00"), tx);
  if (!closed?.ok) throw new Error(`Closing the demo survey: ${closed?.message ?? "no round"}`);
}
