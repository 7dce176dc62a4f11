import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { proposalDecisions, proposals } from "../../db/schema";
import { restoreProposal, stepProposal } from "../../workflows/proposal.machine";
import { administratorActor } from "../auth/actors.server";
import type { DecisionInput } from "../reviews/decisions.server";
import type { Calendar, DemoProposal } from "./story";
import { content } from "./story";

// The second call's proposal whose EU review is over: both reviews in, the review closed, and the
// TAF team's decision recorded and held. Signed in as the demo administrator, a new user finds a
// decision to release on the round's decisions page; signed in as a demo reviewer, a review that
// is closed. It answers the first call's feedback to SIPA (demo proposal 4): firearms, now as
// operational cooperation on cases.

export function decidingProposals({ on, day }: Calendar): DemoProposal[] {
  return [
    {
      round: "2026-R2",
      lead: "State Investigation and Protection Agency (SIPA)",
      title: "Tracing seized firearms across borders: joint firearms focal points",
      created: on(-17, "09:00"),
      content: content({
        summary:
          "SIPA, the Police Directorate of Montenegro and Serbia's Criminal Police Directorate set up firearms focal points that trace every seized weapon across the three countries, so that a seizure in one country leads to the network that supplied it in another.",
        problem:
          "Weapons seized at the borders are traced, if at all, only in the country that seized them. The same converted and reactivated weapons turn up in cases in all three countries and in the EU, but no one links the cases, and the suppliers stay unknown.",
        objectives:
          "Name a firearms focal point in each police service; agree on how a tracing request is sent and answered within a week; open joint cases on the suppliers found, with EMPACT Firearms.",
        activities:
          "An operational meeting of the focal points on three open cases, a practice exchange on tracing converted weapons, and expert advice from the EMPACT Firearms action leaders.",
        expectedResults:
          "Three working focal points, tracing answers within a week instead of months, and at least two joint cases on suppliers opened.",
        themes: ["firearmsTrafficking", "informationExchange", "europeanAgencies"],
        supportKinds: ["networkingMeeting", "practiceExchange", "expertAdvice"],
        intendedStart: day(60),
        durationMonths: 9,
        budgetEur: 36000,
        contactPerson: "Amra Hadžić, Senior inspector, SIPA (applicant.ba@taf.example)",
      }),
      partners: [
        {
          institution: "Police Directorate of Montenegro",
          invited: on(-17, "10:00"),
          confirmed: { at: on(-16, "11:30"), statement: "Our weapons unit names its focal point and brings two open cases on converted pistols." },
        },
        {
          institution: "Ministry of Interior of Serbia, Criminal Police Directorate",
          invited: on(-17, "10:05"),
          confirmed: { at: on(-15, "14:00"), statement: "The Criminal Police Directorate's firearms focal point already works with EMPACT Firearms and will share its tracing practice." },
        },
      ],
      story: [
        [on(-7, "15:30"), { type: "SUBMIT" }],
        [on(-6, "15:00"), { type: "CONFIRM_ELIGIBLE", reason: "The automatic check passed every criterion; confirmed." }],
        [on(-5, "11:30"), { type: "assignReviewers" }],
        [on(-5, "11:30"), { type: "START_REVIEW" }],
        [
          on(-4, "10:00"),
          {
            type: "review",
            by: "reviewer.eu@taf.example",
            scores: [5, 4, 4, 4, 4],
            recommendation: "promising",
            confidence: "high",
            comment: "Operational, concrete and joint: exactly what the first call's feedback asked for. The meeting on the three open cases is the heart of it.",
            internalComment: "The EU Delegation's firearms roadmap names tracing as its first gap.",
            submit: true,
          },
        ],
        [
          on(-3, "16:00"),
          {
            type: "review",
            by: "reviewer.expert@taf.example",
            scores: [4, 4, 4, 4, 4],
            recommendation: "promising",
            confidence: "medium",
            comment: "Well built on existing contacts. Please say how a tracing request is protected when it names suspects.",
            internalComment: "Check that the Serbian focal point is not already funded for the same work by another project.",
            submit: true,
          },
        ],
        [on(-2, "10:00"), { type: "CLOSE_REVIEW" }],
        [
          on(-1, "11:00"),
          {
            type: "decisionHeld",
            outcome: "promising",
            priority: false,
            reason: "Both reviewers recommend it; the clearest operational proposal of the call so far.",
            sharedFeedback:
              "Promising: a concrete answer to firearms trafficking across three countries. In the concept, please describe how tracing requests that name suspects are protected.",
          },
        ],
      ],
      reaches: { euReview: "deciding" },
    },
  ];
}

/**
 * Records a held decision as the decisions page does (app/reviews/decisions.server.ts
 * recordDecisions, which works on the portal's own database): only if the statechart would
 * accept DECIDE with these facts now. Nothing moves until the TAF team releases it.
 */
export function holdDecision(tx: Tx, { proposalId, title, adminId, at, decision }: { proposalId: number; title: string; adminId: number; at: Date; decision: DecisionInput }) {
  const proposal = tx.select({ snapshot: proposals.snapshot, machineVersion: proposals.machineVersion }).from(proposals).where(eq(proposals.id, proposalId)).get();
  if (!proposal) throw new Error(`Demo data: no proposal "${title}" to decide on.`);
  const { outcome, reason, sharedFeedback } = decision;
  const step = stepProposal(restoreProposal(proposal.snapshot, proposal.machineVersion), { type: "DECIDE", actor: administratorActor({ id: adminId }), outcome, reason, sharedFeedback });
  if (!step.accepted) throw new Error(`Demo data: a decision on "${title}" would be refused: ${step.reason}`);
  tx.insert(proposalDecisions)
    .values({ proposalId, ...decision, priority: outcome === "promising" && decision.priority, decidedByUserId: adminId, decidedAt: at })
    .run();
}
