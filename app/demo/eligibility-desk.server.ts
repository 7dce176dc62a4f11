import type { InstitutionType } from "../../db/schema";
import type { Calendar, DemoProposal } from "./story";
import { content } from "./story";

// A proposal at the eligibility desk that the automatic check cannot settle alone: North
// Macedonia's prosecutors with Montenegro's, and a Serbian policy institute registered as
// "Other" in the directory. The check leaves "eligible institutions" to a person, so the desk
// asks the administrator for a reason before confirming, or for a clarification.

/** The directory entry the story needs: an institution whose type the check cannot vouch for. */
export const deskInstitutions: [name: string, country: string, type: InstitutionType, chapter23: boolean, chapter24: boolean][] = [
  ["Institute for Security Policy of Serbia", "RS", "other", false, true],
];

export function eligibilityDeskProposals({ on, day }: Calendar): DemoProposal[] {
  return [
    {
      round: "2026-R2",
      lead: "Public Prosecutor's Office of North Macedonia",
      title: "Witness protection in cross-border organised crime trials",
      created: on(-3, "09:00"),
      content: content({
        summary:
          "North Macedonia's and Montenegro's prosecutors, with a Serbian security policy institute, compare how witnesses in organised crime trials are protected when they live in another country, and agree on a common request form.",
        problem:
          "Witnesses in organised crime trials often live across a border from the court. Protection measures end at the border, requests between the offices take months, and witnesses withdraw.",
        objectives: "Agree on a common request form for protection measures across borders; name contact points in each office; test the form on two pending cases.",
        activities: "A practice exchange between the witness protection units, a workshop on the request form with the institute's comparative study, and expert advice from Eurojust.",
        expectedResults: "A request form both offices use, answers within two weeks, and two witnesses protected across a border in pending cases.",
        themes: ["drugTrafficking", "jointInvestigationTeams", "europeanAgencies"],
        supportKinds: ["practiceExchange", "capacityBuilding", "expertAdvice"],
        intendedStart: day(75),
        durationMonths: 8,
        budgetEur: 28000,
        contactPerson: "Marija Petrovska, Public prosecutor, Public Prosecutor's Office of North Macedonia (applicant.mk@taf.example)",
      }),
      partners: [
        {
          institution: "Supreme State Prosecutor's Office of Montenegro",
          invited: on(-3, "10:00"),
          confirmed: { at: on(-2, "12:00"), statement: "Our witness protection unit brings two pending cases with witnesses living in North Macedonia." },
        },
        {
          institution: "Institute for Security Policy of Serbia",
          invited: on(-3, "10:10"),
          confirmed: { at: on(-2, "15:00"), statement: "The institute contributes its comparative study of witness protection in the region." },
        },
      ],
      story: [[on(-1, "11:00"), { type: "SUBMIT" }]],
      reaches: { eligibility: "awaitingDecision" },
    },
  ];
}
