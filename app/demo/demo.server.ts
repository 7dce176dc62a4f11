import { statePathOf } from "../../workflows/machine-kit";
import { SYSTEM_ACTOR } from "../../workflows/actors";
import type { Tx } from "../../db/client";
import { and, count, eq, gt, max } from "drizzle-orm";
import { hashPassword } from "../auth/password.server";
import { applyProposalCommand, createProposal } from "../proposals/workflow.server";
import type { RoundCommand } from "../rounds/workflow.server";
import { applyRoundCommand, createRound, roundSettings } from "../rounds/workflow.server";
import type { Actor } from "../../workflows/actors";
import { fromBrusselsTime, toBrusselsTime } from "../../workflows/time";
import type { SupportKind } from "../../workflows/vocabulary";
import type { ProposalSender } from "../../workflows/proposal-events";
import { PROPOSAL_EVENTS } from "../../workflows/proposal-events";
import { administratorActor, leadActor } from "../auth/actors.server";
import type { Db } from "../../db/client";
import type { InstitutionType, RoundMode } from "../../db/schema";
import type { Role } from "../../workflows/actors";
import { institutions, memberships, outbox, proposalPartners, proposals, reviewAssignments, reviews, rounds, users } from "../../db/schema";
import type { Confidence, Recommendation, ScalePoint } from "../../workflows/review-criteria";
import type { AssignmentCommand } from "../reviews/assignments.server";
import { applyAssignmentCommand, assignReviewer, criteriaOfProposal } from "../reviews/assignments.server";
import type { Calendar, DemoAction, DemoProposal } from "./story";
import { content } from "./story";
import { decidingProposals, holdDecision } from "./deciding.server";
import { releaseDecisions } from "../reviews/decisions.server";
import type { RoleView } from "../people/person";
import { loadImplementationDemo } from "./implementation.server";
import { loadLessonsDemo } from "./lessons.server";
import { deskInstitutions, eligibilityDeskProposals } from "./eligibility-desk.server";

// Demo data lets a new user try every role on the embedded defaults. It is loaded only into a
// database without people, so it never mixes with real data, and only once.
//
// Besides institutions and people, it tells the story of the first rounds: rounds and proposals
// are put in their states ONLY by replaying real events through applyRoundCommand and
// applyProposalCommand, in the order they would have happened, so their snapshots, histories,
// frozen versions and eligibility checks are exactly what real use would have produced. The
// story is dated relative to a given day (today, unless told otherwise), so the demo works on
// any date; a refused event throws, and so does a proposal that does not end where its story
// says, so demo data is never silently wrong.

export const DEMO_PASSWORD = "taf-demo-password";

type DemoInstitution = [name: string, country: string, type: InstitutionType, chapter23: boolean, chapter24: boolean];

const demoInstitutions: DemoInstitution[] = [
  ["Albanian State Police", "AL", "police", false, true],
  ["General Prosecution Office of Albania", "AL", "prosecution", true, true],
  ["Ministry of Interior of Albania", "AL", "ministryOfInterior", false, true],
  ["Coordination Centre for Countering Violent Extremism", "AL", "ctCveBody", false, true],
  ["State Investigation and Protection Agency (SIPA)", "BA", "police", false, true],
  ["Prosecutor's Office of Bosnia and Herzegovina", "BA", "prosecution", true, true],
  ["Ministry of Security of Bosnia and Herzegovina", "BA", "ministryOfInterior", false, true],
  ["Kosovo* Police", "XK", "police", false, true],
  ["Office of the Chief State Prosecutor", "XK", "prosecution", true, true],
  ["Ministry of Internal Affairs", "XK", "ministryOfInterior", false, true],
  ["Financial Intelligence Unit", "XK", "lawEnforcementAgency", false, true],
  ["Police Directorate of Montenegro", "ME", "police", false, true],
  ["Supreme State Prosecutor's Office of Montenegro", "ME", "prosecution", true, true],
  ["Ministry of Justice of Montenegro", "ME", "ministryOfJustice", true, false],
  ["Ministry of Interior of North Macedonia", "MK", "police", false, true],
  ["Public Prosecutor's Office of North Macedonia", "MK", "prosecution", true, true],
  ["National Committee for Countering Violent Extremism and Countering Terrorism", "MK", "ctCveBody", false, true],
  ["Ministry of Interior of Serbia, Criminal Police Directorate", "RS", "police", false, true],
  ["Prosecutor's Office for Organised Crime of Serbia", "RS", "prosecution", true, true],
  ["Ministry of Justice of Serbia", "RS", "ministryOfJustice", true, false],
  ["Administration for the Prevention of Money Laundering of Serbia", "RS", "lawEnforcementAgency", false, true],
];

type DemoPerson = {
  email: string;
  summary: string;
  name: string;
  jobTitle: string;
  role: Role;
  institution?: string;
  country?: string;
  affiliation?: string;
};

export const demoPeople: DemoPerson[] = [
  { email: "admin@taf.example", summary: "administrator (TAF team)", name: "Anna Keller", jobTitle: "TAF coordinator", role: "administrator" },
  { email: "reviewer.eu@taf.example", summary: "reviewer, EU Delegation to Serbia", name: "Marco Bianchi", jobTitle: "Programme manager", role: "reviewer", affiliation: "EU Delegation to Serbia" },
  { email: "reviewer.expert@taf.example", summary: "reviewer, project expert", name: "Katrin Vogel", jobTitle: "Senior expert, organised crime", role: "reviewer", affiliation: "Project expert" },
  { email: "advisor.mk@taf.example", summary: "country advisor, North Macedonia", name: "Elena Stojanovska", jobTitle: "Legal advisor", role: "countryAdvisor", country: "MK" },
  { email: "applicant.xk@taf.example", summary: "applicant, Kosovo* Police", name: "Arben Krasniqi", jobTitle: "Head of the Directorate against Narcotics", role: "applicant", institution: "Kosovo* Police" },
  { email: "applicant.al@taf.example", summary: "applicant, Albanian State Police", name: "Erion Hoxha", jobTitle: "Chief inspector, Anti-Drug Unit", role: "applicant", institution: "Albanian State Police" },
  { email: "applicant.mk@taf.example", summary: "applicant, Public Prosecutor's Office of North Macedonia", name: "Marija Petrovska", jobTitle: "Public prosecutor", role: "applicant", institution: "Public Prosecutor's Office of North Macedonia" },
  { email: "applicant.rs@taf.example", summary: "applicant, Prosecutor's Office for Organised Crime of Serbia", name: "Milan Jovanović", jobTitle: "Deputy prosecutor", role: "applicant", institution: "Prosecutor's Office for Organised Crime of Serbia" },
  { email: "applicant.ba@taf.example", summary: "applicant, SIPA (Bosnia and Herzegovina)", name: "Amra Hadžić", jobTitle: "Senior inspector", role: "applicant", institution: "State Investigation and Protection Agency (SIPA)" },
  { email: "applicant.me@taf.example", summary: "applicant, Ministry of Justice of Montenegro", name: "Nikola Vuković", jobTitle: "Adviser, international cooperation", role: "applicant", institution: "Ministry of Justice of Montenegro" },
];

// ---------------------------------------------------------------------------------------------
// The story, dated relative to its day (its Calendar, in story.ts).

const ADMIN = "admin@taf.example";
// The demo administrator's role, as a session of theirs carries it, for the decisions it releases.
const TAF_TEAM_ROLE: RoleView = { role: "administrator", institutionId: null, institutionName: null, countryCode: null, countryName: null, countryNeedsFootnote: false, affiliation: null };
const REVIEWERS = ["reviewer.eu@taf.example", "reviewer.expert@taf.example"];

type DemoRound = { code: string; title: string; description: string; mode: RoundMode; created: Date; opens: Date; closes: Date | null };

/** The scheduler opens each round at `opens` and closes a deadline round at `closes`, if those are past. */
function demoRounds({ on }: Calendar): DemoRound[] {
  return [
    {
      code: "2026-R1",
      title: "First call for proposals 2026",
      description: "The first submission round: joint operational ideas against serious and organised crime and terrorism, from at least two Western Balkan countries.",
      mode: "deadline",
      created: on(-215),
      opens: on(-200, "09:00"),
      closes: on(-120, "17:00"),
    },
    {
      code: "2026-R2",
      title: "Second call for proposals 2026",
      description: "The second submission round, with the guide to applicants revised from the lessons of the first round.",
      mode: "deadline",
      created: on(-40),
      opens: on(-30, "09:00"),
      closes: on(45, "17:00"),
    },
    {
      code: "ROLLING",
      title: "Rolling intake",
      description: "Proposals may be submitted at any time; the TAF team checks and reviews them as they come in.",
      mode: "rolling",
      created: on(-65),
      opens: on(-60, "09:00"),
      closes: null,
    },
  ];
}

type ConceptActivity = { kind: SupportKind; title: string; date: string; place: string; participants: number; institutions: Partial<Record<"AL" | "BA" | "XK" | "ME" | "MK" | "RS", string>> };
type ConceptNote = { activities: ConceptActivity[]; budgetLines: { item: string; amountEur: number }[]; risks: string };

const conceptNote = (note: ConceptNote): DemoAction => ({ type: "write", content: { conceptNote: note } });
const completionReport = (report: { outcome: string; lessonsLearnt: string }): DemoAction => ({ type: "write", content: { completionReport: report } });

type Verdict = { scores: [ScalePoint, ScalePoint]; recommendation: Recommendation; comment: string };

const PROMISING: Verdict = {
  scores: [4, 4],
  recommendation: "promising",
  comment: "A clear operational need shared across the border; the concept should name who leads each activity.",
};

/** The EU review: both reviewers assigned and the review started, each review in, the review closed. */
function euReview(start: Date, firstReview: Date, secondReview: Date, close: Date, verdict: Verdict = PROMISING): [Date, DemoAction][] {
  const [first, second] = verdict.scores;
  const { recommendation, comment } = verdict;
  return [
    [start, { type: "assignReviewers" }],
    [start, { type: "START_REVIEW" }],
    [firstReview, { type: "reviewSubmitted", by: "reviewer.eu@taf.example", score: first, recommendation, comment }],
    [secondReview, { type: "reviewSubmitted", by: "reviewer.expert@taf.example", score: second, recommendation, comment }],
    [close, { type: "CLOSE_REVIEW" }],
  ];
}

function demoProposals({ on, day }: Calendar): DemoProposal[] {
  return [
    // 1. The proposal that stood out in the first round: now being implemented.
    {
      round: "2026-R1",
      lead: "Kosovo* Police",
      title: "Joint investigations of complex drug-trafficking networks",
      created: on(-170, "09:40"),
      content: content({
        summary:
          "Kosovo* Police, the Albanian State Police and the Public Prosecutor's Office of North Macedonia prepare joint investigations into drug-trafficking networks that operate in all three jurisdictions. Police and prosecutors work together from the start, and assess whether a joint investigation team (JIT) is the right tool.",
        problem:
          "The same networks move cannabis and cocaine across the borders of Albania, Kosovo* and North Macedonia, but each country investigates its own part. Evidence gathered in one country often cannot be used in another, and suspects exploit the gaps between the investigations.",
        objectives:
          "Align the three investigations on a shared picture of the networks. Agree with the prosecutors how evidence is gathered so that it stands in court in each country. Decide, with Eurojust's advice, whether to set up a JIT.",
        activities:
          "An operational meeting to compare the investigations; expert advice from Eurojust on a JIT agreement; a joint exercise on a controlled delivery across two borders.",
        expectedResults:
          "A shared analysis of the networks, a common plan for gathering evidence, and either a signed JIT agreement or a documented decision on another form of cooperation. Direct contacts between the investigators and prosecutors of the three countries.",
        themes: ["drugTrafficking", "jointInvestigationTeams", "europeanAgencies"],
        supportKinds: ["networkingMeeting", "expertAdvice", "jointExercise"],
        intendedStart: day(-60),
        durationMonths: 12,
        budgetEur: 60000,
        contactPerson: "Arben Krasniqi, Head of the Directorate against Narcotics, Kosovo* Police (applicant.xk@taf.example)",
      }),
      partners: [
        {
          institution: "Albanian State Police",
          invited: on(-168, "10:05"),
          confirmed: { at: on(-166, "14:30"), statement: "The Anti-Drug Unit brings its open cases on the same networks and will second two investigators to the joint work." },
        },
        {
          institution: "Public Prosecutor's Office of North Macedonia",
          invited: on(-168, "10:07"),
          confirmed: {
            at: on(-163, "11:15"),
            statement: "Our prosecutors lead the investigations in North Macedonia and will assess with Eurojust whether a JIT agreement fits these cases.",
          },
        },
      ],
      story: [
        [on(-131, "11:20"), { type: "SUBMIT" }],
        [on(-116, "10:00"), { type: "CONFIRM_ELIGIBLE", reason: "The automatic check passed every criterion; confirmed." }],
        // The one that stood out in the first round.
        ...euReview(on(-110, "09:30"), on(-104, "16:10"), on(-102, "12:45"), on(-100, "10:00"), {
          scores: [5, 5],
          recommendation: "promising",
          comment: "Police and prosecution of three countries on one network, with a JIT in view: exactly what the facility is for.",
        }),
        // Held with the priority mark and released as the decisions page does, so the round's
        // summary reads "1 stood out".
        [
          on(-97, "14:30"),
          {
            type: "decisionHeld",
            outcome: "promising",
            priority: true,
            reason: "The strongest proposal of the round: both reviewers scored it highest for its operational focus and for bringing police and prosecution together.",
            sharedFeedback:
              "An especially promising proposal, with police and prosecution working together across three countries. In the concept, please plan the advice on a JIT early, so that the joint exercise can build on it.",
          },
        ],
        [on(-97, "15:00"), { type: "decisionsReleased" }],
        [
          on(-80, "13:00"),
          conceptNote({
            activities: [
              { kind: "networkingMeeting", title: "Operational meeting to compare the three investigations", date: day(-40), place: "Pristina", participants: 18, institutions: { XK: "Kosovo* Police", AL: "Albanian State Police", MK: "Public Prosecutor's Office of North Macedonia" } },
              { kind: "expertAdvice", title: "Eurojust advice on a JIT agreement", date: day(-12), place: "The Hague", participants: 8, institutions: { XK: "Kosovo* Police", MK: "Public Prosecutor's Office of North Macedonia" } },
              { kind: "jointExercise", title: "Joint exercise on a controlled delivery across two borders", date: day(35), place: "Tirana", participants: 24, institutions: { XK: "Kosovo* Police", AL: "Albanian State Police" } },
            ],
            budgetLines: [
              { item: "Travel and accommodation for three meetings", amountEur: 38000 },
              { item: "Interpretation (Albanian, Macedonian, English)", amountEur: 9000 },
              { item: "Expert fees", amountEur: 12000 },
            ],
            risks:
              "Operational details cannot be shared in mixed meetings until a JIT or another legal basis is in place, so the first meeting covers only what the prosecutors clear beforehand. A change of investigators in one country would slow the work; each institution names a deputy.",
          }),
        ],
        [on(-80, "16:20"), { type: "SUBMIT_CONCEPT" }],
        [on(-66, "11:00"), { type: "APPROVE_CONCEPT" }],
        [on(-45, "09:00"), { type: "START" }],
      ],
      reaches: { implementation: { active: "ongoing" } },
    },

    // 2. Promising, approved and started, then on hold.
    {
      round: "2026-R1",
      lead: "Public Prosecutor's Office of North Macedonia",
      title: "Prosecuting returning foreign terrorist fighters: a regional practice exchange",
      created: on(-165, "10:15"),
      content: content({
        summary:
          "Prosecutors from North Macedonia, Kosovo* and Albania who handle cases against returning foreign terrorist fighters (FTFs) compare their practice and train together. The aim is stronger indictments and better use of battlefield evidence.",
        problem:
          "Returnees from Syria and Iraq are prosecuted in each country under different laws, and prosecutors rarely exchange how they obtain and use evidence from conflict zones. Cases are lost or end in light sentences because evidence is not admissible.",
        objectives:
          "Build a shared understanding of the evidence that works in court. Agree on contact points for requests between the three prosecution offices. Link the prosecutors' work with rehabilitation programmes for returnees and their families.",
        activities:
          "Two practice-oriented workshops with case studies, a joint training on battlefield evidence with Eurojust and a study visit to an EU prosecution office experienced in FTF cases.",
        expectedResults:
          "A practical checklist for FTF cases, a network of named contact prosecutors, and a joint training held for about 30 prosecutors.",
        themes: ["counterTerrorism", "ftfRehabilitation", "europeanAgencies"],
        supportKinds: ["practiceExchange", "capacityBuilding"],
        intendedStart: day(-55),
        durationMonths: 10,
        budgetEur: 45000,
        contactPerson: "Marija Petrovska, Public prosecutor, Public Prosecutor's Office of North Macedonia (applicant.mk@taf.example)",
      }),
      partners: [
        {
          institution: "Office of the Chief State Prosecutor",
          invited: on(-164, "09:00"),
          confirmed: { at: on(-160, "15:40"), statement: "Our prosecutors for terrorism cases will share their experience of indictments against returnees and join the joint training." },
        },
        {
          institution: "General Prosecution Office of Albania",
          invited: on(-164, "09:02"),
          confirmed: { at: on(-158, "10:20"), statement: "The General Prosecution Office will host the second workshop and contribute its case law on foreign terrorist fighters." },
        },
      ],
      story: [
        [on(-128, "14:05"), { type: "SUBMIT" }],
        [on(-115, "11:30"), { type: "CONFIRM_ELIGIBLE", reason: "The automatic check passed every criterion; confirmed." }],
        ...euReview(on(-110, "09:45"), on(-105, "10:30"), on(-101, "17:20"), on(-100, "10:15")),
        [
          on(-97, "15:10"),
          {
            type: "DECIDE",
            outcome: "promising",
            reason: "A clear need shared by three prosecution offices; reviewers asked for a firmer link to rehabilitation.",
            sharedFeedback: "Promising. In the concept, please show how the prosecutors' work connects with the rehabilitation and reintegration programmes for returnees and their families.",
          },
        ],
        [
          on(-78, "10:00"),
          conceptNote({
            activities: [
              { kind: "practiceExchange", title: "Workshop on evidence in FTF cases", date: day(-35), place: "Skopje", participants: 20, institutions: { MK: "Public Prosecutor's Office of North Macedonia", XK: "Office of the Chief State Prosecutor", AL: "General Prosecution Office of Albania" } },
              { kind: "capacityBuilding", title: "Joint training on battlefield evidence with Eurojust", date: day(40), place: "Tirana", participants: 30, institutions: { MK: "Public Prosecutor's Office of North Macedonia", AL: "General Prosecution Office of Albania" } },
              { kind: "capacityBuilding", title: "Study visit to an EU prosecution office", date: day(90), place: "Brussels", participants: 9, institutions: { MK: "Public Prosecutor's Office of North Macedonia", XK: "Office of the Chief State Prosecutor" } },
            ],
            budgetLines: [
              { item: "Travel and accommodation", amountEur: 27000 },
              { item: "Trainers and experts", amountEur: 11000 },
              { item: "Interpretation and translation of materials", amountEur: 6000 },
            ],
            risks: "New legislation on returnees is being drafted in the region; if it changes the procedure, the training must wait for it. Some case material is classified and can only be discussed in anonymised form.",
          }),
        ],
        [on(-78, "15:30"), { type: "SUBMIT_CONCEPT" }],
        [on(-64, "10:30"), { type: "APPROVE_CONCEPT" }],
        [on(-50, "09:00"), { type: "START" }],
        [on(-20, "12:00"), { type: "HOLD", reason: "The joint training waits for the new legal framework on FTF returnees." }],
      ],
      reaches: { implementation: "onHold" },
    },

    // 3. Promising; the concept note came back with a revision requested.
    {
      round: "2026-R1",
      lead: "Prosecutor's Office for Organised Crime of Serbia",
      title: "Following the money: financial investigations of migrant-smuggling networks",
      created: on(-160, "13:00"),
      content: content({
        summary:
          "Prosecutors in Serbia and financial investigators of SIPA in Bosnia and Herzegovina trace the profits of migrant-smuggling networks that operate along the Drina. The goal is to seize criminal assets, not only to arrest drivers and guides.",
        problem:
          "Smuggling networks are paid in cash and through money transfer services in several countries. Investigations stop at the smugglers caught at the border, and the organisers keep their profits.",
        objectives:
          "Run parallel financial investigations in both countries on the same networks. Train investigators and prosecutors to use financial intelligence and requests for asset freezing across the border.",
        activities: "A joint workshop on financial investigations, operational meetings on two ongoing cases, and expert advice on asset recovery requests.",
        expectedResults: "Financial investigations opened in both countries on at least two networks, and the first requests to freeze assets sent across the border.",
        themes: ["migrantSmuggling", "economicFinancialCrime"],
        supportKinds: ["capacityBuilding", "networkingMeeting", "expertAdvice"],
        intendedStart: day(-30),
        durationMonths: 9,
        budgetEur: 38000,
        contactPerson: "Milan Jovanović, Deputy prosecutor, Prosecutor's Office for Organised Crime of Serbia (applicant.rs@taf.example)",
      }),
      partners: [
        {
          institution: "State Investigation and Protection Agency (SIPA)",
          invited: on(-159, "09:30"),
          confirmed: { at: on(-157, "13:50"), statement: "SIPA's Financial Intelligence Department will trace the networks' payments in Bosnia and Herzegovina and share results through Europol's channels." },
        },
      ],
      story: [
        [on(-126, "10:40"), { type: "SUBMIT" }],
        [on(-114, "14:00"), { type: "CONFIRM_ELIGIBLE", reason: "The automatic check passed every criterion; confirmed." }],
        ...euReview(on(-109, "10:00"), on(-103, "11:00"), on(-102, "15:30"), on(-99, "09:30")),
        [
          on(-97, "15:20"),
          {
            type: "DECIDE",
            outcome: "promising",
            reason: "Reviewers valued the focus on criminal profits; the activities need more detail.",
            sharedFeedback: "Promising. The focus on the money behind the smuggling is welcome; in the concept, please describe the two cases' needs in more detail.",
          },
        ],
        [
          on(-14, "11:00"),
          conceptNote({
            activities: [
              { kind: "capacityBuilding", title: "Joint workshop on financial investigations", date: day(30), place: "Belgrade", participants: 25, institutions: { RS: "Prosecutor's Office for Organised Crime of Serbia", BA: "State Investigation and Protection Agency (SIPA)" } },
              { kind: "networkingMeeting", title: "Operational meetings on two ongoing cases", date: day(60), place: "Sarajevo", participants: 12, institutions: { RS: "Prosecutor's Office for Organised Crime of Serbia", BA: "State Investigation and Protection Agency (SIPA)" } },
            ],
            budgetLines: [{ item: "All costs of the workshop and the meetings", amountEur: 38000 }],
            risks: "The cases may be closed or change before the meetings take place.",
          }),
        ],
        [on(-14, "16:00"), { type: "SUBMIT_CONCEPT" }],
        [
          on(-6, "10:30"),
          {
            type: "REQUEST_REVISION",
            reason: "Please split the budget into lines (travel, interpretation, experts) and say how you will protect operational information in the meetings on the two cases.",
          },
        ],
      ],
      reaches: { conceptualWork: "drafting" },
    },

    // 4. Reviewed and not selected, with feedback shared with the applicants.
    {
      round: "2026-R1",
      lead: "State Investigation and Protection Agency (SIPA)",
      title: "Firearms trafficking from the Western Balkans: a regional awareness programme",
      created: on(-158, "11:20"),
      content: content({
        summary:
          "SIPA and the Police Directorate of Montenegro raise awareness of illegal firearms among police officers and the public, with a series of seminars and an information campaign.",
        problem: "Weapons left over from the conflicts of the 1990s still reach criminal markets in the EU. Officers at the borders do not always recognise converted or reactivated weapons.",
        objectives: "Make officers better at recognising illegal firearms, and encourage citizens to hand in weapons voluntarily.",
        activities: "Four seminars for police officers, an information campaign in the media and a regional conference.",
        expectedResults: "About 120 officers trained and a campaign reaching the public in both countries.",
        themes: ["firearmsTrafficking"],
        supportKinds: ["capacityBuilding", "networkingMeeting"],
        intendedStart: day(-60),
        durationMonths: 12,
        budgetEur: 75000,
        contactPerson: "Amra Hadžić, Senior inspector, SIPA (applicant.ba@taf.example)",
      }),
      partners: [
        {
          institution: "Police Directorate of Montenegro",
          invited: on(-157, "08:50"),
          confirmed: { at: on(-150, "12:10"), statement: "Our officers will take part in the seminars and share seizure data on weapons from the region." },
        },
      ],
      story: [
        [on(-124, "15:15"), { type: "SUBMIT" }],
        [on(-113, "10:20"), { type: "CONFIRM_ELIGIBLE", reason: "The automatic check passed every criterion; confirmed." }],
        ...euReview(on(-109, "10:20"), on(-104, "09:40"), on(-102, "14:00"), on(-99, "09:45"), {
          scores: [2, 2],
          recommendation: "notPromising",
          comment: "General rather than operational: public awareness is outside the TAF's purpose.",
        }),
        [
          on(-97, "15:30"),
          {
            type: "DECIDE",
            outcome: "notSelected",
            reason: "Both reviewers found the proposal general rather than operational; public awareness is outside the TAF's purpose.",
            sharedFeedback:
              "The problem is important, but the TAF supports operational cooperation on concrete cases. A proposal focused on joint investigations or information exchange on firearms cases, for example with EMPACT Firearms, would fit better in a later round.",
          },
        ],
      ],
      reaches: "notSelected",
    },

    // 5. Implemented and completed, with lessons learnt.
    {
      round: "2026-R1",
      lead: "Ministry of Justice of Montenegro",
      title: "Faster mutual legal assistance in organised crime and asset recovery cases",
      created: on(-155, "09:00"),
      content: content({
        summary:
          "The Ministries of Justice of Montenegro and Serbia agree on common templates and direct contacts for requests for mutual legal assistance in organised crime cases, so that requests are answered in weeks, not months.",
        problem: "Requests for legal assistance between Montenegro and Serbia take many months, are often returned for missing information, and delay cases on organised crime and the recovery of criminal assets.",
        objectives: "Agree on common request templates and a checklist; name contact points in both ministries; shorten the time to answer requests.",
        activities: "Two study visits between the ministries' departments for international legal assistance and a joint workshop with prosecutors.",
        expectedResults: "Common templates in use, named contact points, and a measurable reduction of the time to answer requests.",
        themes: ["economicFinancialCrime", "informationExchange"],
        supportKinds: ["practiceExchange", "capacityBuilding"],
        intendedStart: day(-85),
        durationMonths: 3,
        budgetEur: 18000,
        contactPerson: "Nikola Vuković, Adviser for international cooperation, Ministry of Justice of Montenegro (applicant.me@taf.example)",
      }),
      partners: [
        {
          institution: "Ministry of Justice of Serbia",
          invited: on(-154, "10:00"),
          confirmed: { at: on(-149, "09:30"), statement: "The Department for International Legal Assistance will take part in the study visits and help draft the common templates." },
        },
      ],
      story: [
        [on(-122, "15:00"), { type: "SUBMIT" }],
        [on(-113, "11:00"), { type: "CONFIRM_ELIGIBLE", reason: "The automatic check passed every criterion; confirmed." }],
        ...euReview(on(-108, "09:00"), on(-104, "13:30"), on(-103, "10:00"), on(-99, "10:00")),
        [
          on(-97, "15:40"),
          {
            type: "DECIDE",
            outcome: "promising",
            reason: "Small, concrete and quick to deliver; it removes a bottleneck that slows many organised crime cases.",
            sharedFeedback: "Promising: a small project with a clear, measurable result. Please include the prosecutors who send most requests.",
          },
        ],
        [
          on(-93, "10:00"),
          conceptNote({
            activities: [
              { kind: "practiceExchange", title: "Study visit of the Montenegrin department to Belgrade", date: day(-80), place: "Belgrade", participants: 6, institutions: { ME: "Ministry of Justice of Montenegro", RS: "Ministry of Justice of Serbia" } },
              { kind: "practiceExchange", title: "Study visit of the Serbian department to Podgorica", date: day(-55), place: "Podgorica", participants: 6, institutions: { RS: "Ministry of Justice of Serbia", ME: "Ministry of Justice of Montenegro" } },
              { kind: "capacityBuilding", title: "Joint workshop with prosecutors on the new templates", date: day(-25), place: "Budva", participants: 22, institutions: { ME: "Ministry of Justice of Montenegro", RS: "Ministry of Justice of Serbia" } },
            ],
            budgetLines: [
              { item: "Travel and accommodation for the study visits", amountEur: 6500 },
              { item: "Workshop venue, travel and accommodation", amountEur: 9000 },
              { item: "Translation of the templates", amountEur: 2500 },
            ],
            risks: "A change of staff in either department could slow the work; both ministries named a deputy contact point.",
          }),
        ],
        [on(-93, "14:00"), { type: "SUBMIT_CONCEPT" }],
        [on(-90, "11:00"), { type: "APPROVE_CONCEPT" }],
        [on(-86, "09:00"), { type: "START" }],
        [
          on(-12, "10:00"),
          completionReport({
            outcome:
              "Both ministries now use common templates and a checklist for requests in organised crime cases, and named contact points answer each other directly. In the first month, the time to answer a request fell from about five months to seven weeks.",
            lessonsLearnt:
              "Involving the prosecutors who write most requests mattered more than the templates themselves. Study visits worked best with a draft on the table beforehand. Translation needs more time than planned.",
          }),
        ],
        [on(-12, "15:00"), { type: "SUBMIT_REPORT" }],
        [on(-4, "11:00"), { type: "COMPLETE" }],
      ],
      reaches: "completed",
    },

    // 6. Second round: submitted, waiting for the TAF team's eligibility decision.
    {
      round: "2026-R2",
      lead: "Albanian State Police",
      title: "Joint operational analysis of cocaine routes through the port of Durrës",
      created: on(-28, "10:00"),
      content: content({
        summary:
          "The Albanian State Police and Kosovo* Police analyse together the routes of cocaine that arrives through the port of Durrës and is moved by road to the rest of the region, and share the results with Europol.",
        problem: "Cocaine seized at Durrës is only the visible part of the trade; the onward routes by road cross into Kosovo* and beyond, where the same groups are known to the police under other names.",
        objectives: "Build a joint analysis of the routes and the groups; agree on regular exchange of intelligence; prepare contributions to Europol's analysis projects.",
        activities: "Three operational analysis meetings, a training on Europol's SIENA channel and a joint report.",
        expectedResults: "A joint analytical report on the routes, regular exchange of intelligence through SIENA, and new targets for investigations.",
        themes: ["drugTrafficking", "informationExchange", "europeanAgencies"],
        supportKinds: ["networkingMeeting", "capacityBuilding"],
        intendedStart: day(60),
        durationMonths: 8,
        budgetEur: 42000,
        contactPerson: "Erion Hoxha, Chief inspector, Anti-Drug Unit, Albanian State Police (applicant.al@taf.example)",
      }),
      partners: [
        {
          institution: "Kosovo* Police",
          invited: on(-27, "09:15"),
          confirmed: { at: on(-25, "16:00"), statement: "The Directorate against Narcotics will share its seizure data and take part in all analysis meetings." },
        },
      ],
      story: [[on(-9, "11:45"), { type: "SUBMIT" }]],
      reaches: { eligibility: "awaitingDecision" },
    },

    // 7. Second round: the TAF team asked the applicants for clarification, due in a week.
    {
      round: "2026-R2",
      lead: "Ministry of Justice of Montenegro",
      title: "Early identification of victims of trafficking in human beings in cross-border cases",
      created: on(-26, "09:30"),
      content: content({
        summary:
          "Montenegro's Ministry of Justice and Serbia's Prosecutor's Office for Organised Crime improve how victims of trafficking are identified and heard in cases that cross the border, so that they are protected and their statements can be used in court in both countries.",
        problem: "Victims moved between Montenegro and Serbia are often treated as irregular migrants or offenders. They are heard several times in each country, and their statements are lost between the two proceedings.",
        objectives: "Agree on common indicators for identifying victims; allow one victim-friendly hearing whose record is used in both countries; train the officials who first meet the victims.",
        activities: "A joint workshop on indicators, a practice exchange on recorded hearings and a training for first-line officials.",
        expectedResults: "Common indicators in use in both countries, and fewer repeated hearings of victims in cross-border cases.",
        themes: ["traffickingInHumanBeings"],
        supportKinds: ["practiceExchange", "capacityBuilding"],
        intendedStart: day(75),
        durationMonths: 6,
        budgetEur: 30000,
        contactPerson: "Nikola Vuković, Adviser for international cooperation, Ministry of Justice of Montenegro (applicant.me@taf.example)",
      }),
      partners: [
        {
          institution: "Prosecutor's Office for Organised Crime of Serbia",
          invited: on(-26, "10:00"),
          confirmed: { at: on(-24, "12:30"), statement: "Our prosecutors for trafficking cases will bring their experience of using victims' statements across the border." },
        },
      ],
      story: [
        [on(-12, "16:30"), { type: "SUBMIT" }],
        [
          on(-5, "10:00"),
          {
            type: "REQUEST_CLARIFICATION",
            question:
              "Which police units and victim support services will take part in the training for first-line officials, and are they partners or only participants? Please also confirm that the recorded hearing is possible under the current law in both countries.",
            dueAt: on(7, "17:00"),
          },
        ],
      ],
      reaches: { eligibility: "clarificationRequested" },
    },

    // 8. Second round: a draft whose partner has not confirmed yet (sign in as applicant.rs to confirm).
    {
      round: "2026-R2",
      lead: "Kosovo* Police",
      title: "Cybercrime: cross-border electronic evidence",
      created: on(-6, "14:00"),
      content: content({
        summary:
          "Kosovo* Police and Serbia's Prosecutor's Office for Organised Crime agree on how to request and exchange electronic evidence in online fraud cases, such as criminal call centres targeting victims in the EU.",
        problem: "Call centres and online fraud schemes move between countries, and the electronic evidence (servers, accounts, messages) sits with providers abroad. Requests take too long and evidence is deleted before it arrives.",
        objectives: "Agree on fast channels for preserving and requesting electronic evidence, and train investigators and prosecutors on them.",
        activities: "A workshop on electronic evidence with experts from the EU, and a joint exercise on a simulated call-centre case.",
        expectedResults: "A shared procedure for urgent preservation requests and a trained group of investigators and prosecutors in both places.",
        themes: ["cybercrime", "economicFinancialCrime", "informationExchange"],
        supportKinds: ["capacityBuilding", "jointExercise"],
        intendedStart: day(90),
        durationMonths: 6,
        budgetEur: 35000,
        contactPerson: "Arben Krasniqi, Head of the Directorate against Narcotics, Kosovo* Police (applicant.xk@taf.example)",
      }),
      partners: [{ institution: "Prosecutor's Office for Organised Crime of Serbia", invited: on(-5, "09:20") }],
      story: [],
      reaches: "draft",
    },

    // 9. Rolling intake: a draft started a few days ago, about half written.
    {
      round: "ROLLING",
      lead: "Albanian State Police",
      title: "A shared alert channel for stolen vehicles",
      created: on(-4, "11:00"),
      content: content({
        summary:
          "The Albanian State Police and Kosovo* Police set up a direct alert channel for stolen vehicles and the groups that move them across the border.",
        problem: "Stolen cars from the EU cross the border within hours, while alerts between the two police services still go through slow official channels.",
        themes: ["organisedPropertyCrime", "informationExchange"],
        supportKinds: ["networkingMeeting"],
      }),
      partners: [
        {
          institution: "Kosovo* Police",
          invited: on(-4, "11:30"),
          confirmed: { at: on(-3, "09:45"), statement: "Our border police and the unit for stolen vehicles will run the channel on our side." },
        },
      ],
      story: [],
      reaches: "draft",
    },

    // 10. Second round, in the EU review: both reviewers assigned; reviewer.eu's review is in,
    // reviewer.expert's is a draft scored in part (sign in as either to see work waiting).
    {
      round: "2026-R2",
      lead: "Prosecutor's Office for Organised Crime of Serbia",
      title: "Tracing and confiscating criminal assets across borders",
      created: on(-21, "10:30"),
      content: content({
        summary:
          "Serbia's Prosecutor's Office for Organised Crime and the Prosecutor's Office of Bosnia and Herzegovina learn together to trace, freeze and confiscate the assets of organised crime groups that hide their proceeds on the other side of the border.",
        problem:
          "Groups active in both countries register property, companies and vehicles in the name of relatives across the border. Requests to freeze these assets arrive after they have been sold, and few confiscation orders of one country are enforced in the other.",
        objectives:
          "Agree on how asset-tracing requests are sent and answered within days; train financial investigators and prosecutors of both offices on joint financial investigations; prepare two pilot cases with Eurojust's support.",
        activities: "A workshop on joint financial investigations, a practice exchange between the asset-recovery units, and expert advice on the two pilot cases.",
        expectedResults: "A shared procedure for urgent asset-tracing requests, two pilot cases with assets frozen in both countries, and direct contacts between the asset-recovery units.",
        themes: ["economicFinancialCrime", "europeanAgencies"],
        supportKinds: ["capacityBuilding", "practiceExchange", "expertAdvice"],
        intendedStart: day(75),
        durationMonths: 10,
        budgetEur: 48000,
        contactPerson: "Milan Jovanović, Deputy prosecutor, Prosecutor's Office for Organised Crime of Serbia (applicant.rs@taf.example)",
      }),
      partners: [
        {
          institution: "Prosecutor's Office of Bosnia and Herzegovina",
          invited: on(-20, "09:00"),
          confirmed: { at: on(-17, "13:20"), statement: "Our financial investigation department brings two open cases with assets in Serbia and will host the practice exchange." },
        },
      ],
      story: [
        [on(-8, "09:30"), { type: "SUBMIT" }],
        [on(-6, "10:00"), { type: "CONFIRM_ELIGIBLE", reason: "The automatic check passed every criterion; confirmed." }],
        [on(-5, "10:00"), { type: "assignReviewers" }],
        [on(-5, "10:00"), { type: "START_REVIEW" }],
        [
          on(-2, "14:10"),
          {
            type: "review",
            by: "reviewer.eu@taf.example",
            scores: [4, 4, 3, 4, 4],
            recommendation: "promising",
            confidence: "medium",
            comment: "A real operational need shared by both offices. The concept should say how the pilot cases are chosen and who decides on freezing orders in each country.",
            internalComment: "Fits the EU Delegation's asset-recovery priorities for 2027.",
            submit: true,
          },
        ],
        [
          on(-1, "16:30"),
          {
            type: "review",
            by: "reviewer.expert@taf.example",
            scores: [4, 5],
            comment: "Strong cross-border logic. Still to judge: whether the timing of the pilot cases is realistic.",
            submit: false,
          },
        ],
      ],
      reaches: { euReview: "reviewing" },
    },

    // 11. Second round, in the EU review: both reviews in, 3 points apart on the regional added
    // value, so the ranking flags the disagreement.
    {
      round: "2026-R2",
      lead: "Public Prosecutor's Office of North Macedonia",
      title: "Migrant smuggling on the Balkan route: joint analysis of border crossings",
      created: on(-19, "11:00"),
      content: content({
        summary:
          "The Public Prosecutor's Office of North Macedonia and the Albanian State Police analyse together how smuggling groups move migrants across their common border, to open joint investigations into the organisers rather than the drivers.",
        problem:
          "Most cases end with the conviction of drivers and guides, while the organisers who plan the routes and hold the money stay out of reach. Each country sees only its side of the route.",
        objectives: "Build a shared picture of the smuggling groups and their routes; agree on exchanging case information quickly; prepare at least one joint investigation into the organisers.",
        activities: "Two operational meetings of prosecutors and investigators, a joint analysis of closed cases, and a workshop with Europol's migrant-smuggling centre.",
        expectedResults: "A joint analysis of the routes and the groups, an agreed channel for case information, and at least one joint investigation opened.",
        themes: ["migrantSmuggling", "informationExchange", "europeanAgencies"],
        supportKinds: ["networkingMeeting", "capacityBuilding"],
        intendedStart: day(60),
        durationMonths: 9,
        budgetEur: 39000,
        contactPerson: "Marija Petrovska, Public prosecutor, Public Prosecutor's Office of North Macedonia (applicant.mk@taf.example)",
      }),
      partners: [
        {
          institution: "Albanian State Police",
          invited: on(-18, "10:00"),
          confirmed: { at: on(-16, "15:40"), statement: "The Border and Migration Police will bring its closed cases and take part in both meetings." },
        },
      ],
      story: [
        [on(-8, "15:00"), { type: "SUBMIT" }],
        [on(-6, "11:00"), { type: "CONFIRM_ELIGIBLE", reason: "The automatic check passed every criterion; confirmed." }],
        [on(-5, "10:30"), { type: "assignReviewers" }],
        [on(-5, "10:30"), { type: "START_REVIEW" }],
        [
          on(-3, "11:15"),
          {
            type: "review",
            by: "reviewer.eu@taf.example",
            scores: [4, 5, 4, 3, 4],
            recommendation: "promising",
            confidence: "high",
            comment: "Exactly the cross-border work the route needs: two countries that see the same groups from both sides.",
            submit: true,
          },
        ],
        [
          on(-1, "10:20"),
          {
            type: "review",
            by: "reviewer.expert@taf.example",
            scores: [4, 2, 3, 3, 3],
            recommendation: "needsClarification",
            confidence: "medium",
            comment: "The joint work is described only as meetings. Please explain what each side will do between them, and who leads the joint investigation.",
            internalComment: "The two services already meet in the regional migration forum; what does this add?",
            submit: true,
          },
        ],
      ],
      reaches: { euReview: "reviewing" },
    },

    // 12. Second round, in the EU review: reviewer.expert declared a conflict of interest;
    // reviewer.eu has not opened the assignment yet, and a second reviewer is to be found.
    {
      round: "2026-R2",
      lead: "State Investigation and Protection Agency (SIPA)",
      title: "Preventing radicalisation in prisons: a practice exchange",
      created: on(-18, "09:15"),
      content: content({
        summary:
          "SIPA and North Macedonia's National Committee for Countering Violent Extremism and Countering Terrorism exchange practice on spotting and answering radicalisation in prisons, with prison staff, police and the services that support release.",
        problem:
          "Prison staff see the first signs of radicalisation, but rarely know whom to tell; after release, police and support services learn too late who needs attention. Both countries are writing new procedures and face the same questions.",
        objectives: "Compare the two countries' procedures; agree on what prison staff report and to whom; train a first group of staff and police officers together.",
        activities: "A study visit to a prison in each country, a joint training for prison staff and police, and expert advice on the reporting procedure.",
        expectedResults: "A reporting procedure tested in both countries, a trained group of prison staff and police, and a network of contact points.",
        themes: ["violentExtremism", "ftfRehabilitation", "informationExchange"],
        supportKinds: ["practiceExchange", "capacityBuilding", "expertAdvice"],
        intendedStart: day(90),
        durationMonths: 12,
        budgetEur: 44000,
        contactPerson: "Amra Hadžić, Senior inspector, SIPA (applicant.ba@taf.example)",
      }),
      partners: [
        {
          institution: "National Committee for Countering Violent Extremism and Countering Terrorism",
          invited: on(-17, "09:30"),
          confirmed: { at: on(-15, "12:00"), statement: "The Committee coordinates the prison services and will organise the study visit in North Macedonia." },
        },
      ],
      story: [
        [on(-7, "10:00"), { type: "SUBMIT" }],
        [on(-6, "14:00"), { type: "CONFIRM_ELIGIBLE", reason: "The automatic check passed every criterion; confirmed." }],
        [on(-5, "11:00"), { type: "assignReviewers" }],
        [on(-5, "11:00"), { type: "START_REVIEW" }],
        [
          on(-4, "09:40"),
          {
            type: "conflictDeclared",
            by: "reviewer.expert@taf.example",
            reason: "Last year I trained the prison staff of the National Committee's programme and wrote part of the procedure this proposal wants to compare.",
          },
        ],
      ],
      reaches: { euReview: "reviewing" },
    },
  ];
}

// ---------------------------------------------------------------------------------------------

function hasPeople(db: Db) {
  return (db.select({ n: count() }).from(users).get()?.n ?? 0) > 0;
}

export function hasDemoPeople(db: Db) {
  const first = demoPeople[0];
  return first !== undefined && db.select({ id: users.id }).from(users).where(eq(users.email, first.email)).get() !== undefined;
}

/**
 * Loads the demo institutions, people, rounds and proposals, dated from `now`; returns false (and
 * does nothing) if people exist. The portal passes nothing, so its demo always has an open round;
 * tests pass a fixed instant, so none depends on the day it runs.
 */
export async function loadDemoData(db: Db, now = new Date()) {
  if (hasPeople(db)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const calendar = brusselsCalendar(now);
  db.transaction((tx) => {
    // The directory and the accounts existed before the first round.
    const ids = insertDirectory(tx, passwordHash, calendar.on(-240));
    const outboxBefore = tx.select({ id: max(outbox.id) }).from(outbox).get()?.id ?? 0;
    replayStory(tx, ids, calendar);
    loadImplementationDemo(tx, calendar);
    loadLessonsDemo(tx, calendar);
    discardDemoMail(tx, outboxBefore);
  });
  return true;
}

type Ids = { institution: (name: string) => number; user: (email: string) => number; applicantOf: (institution: string) => number | undefined };

function insertDirectory(tx: Tx, passwordHash: string, createdAt: Date): Ids {
  const institutionIds = new Map<string, number>();
  for (const [name, countryCode, type, chapter23, chapter24] of [...demoInstitutions, ...deskInstitutions]) {
    const row = tx.insert(institutions).values({ name, countryCode, type, chapter23, chapter24, createdAt }).returning().get();
    institutionIds.set(name, row.id);
  }
  const userIds = new Map<string, number>();
  for (const person of demoPeople) {
    const user = tx.insert(users).values({ email: person.email, name: person.name, jobTitle: person.jobTitle, passwordHash, createdAt }).returning().get();
    userIds.set(person.email, user.id);
    tx.insert(memberships)
      .values({
        userId: user.id,
        role: person.role,
        institutionId: person.institution ? institutionIds.get(person.institution) : null,
        countryCode: person.country ?? null,
        affiliation: person.affiliation ?? null,
        createdAt,
      })
      .run();
  }
  return {
    institution: (name) => found(institutionIds.get(name), `institution "${name}"`),
    user: (email) => found(userIds.get(email), `person "${email}"`),
    applicantOf: (institution) => {
      const person = demoPeople.find((p) => p.role === "applicant" && p.institution === institution);
      return person ? userIds.get(person.email) : undefined;
    },
  };
}

/**
 * Runs every dated step of the story (rounds, proposals, partners, reviews) in the order of
 * its time, as it would have happened: a proposal is submitted while its round is still open,
 * and the scheduler closes the round afterwards. Steps at the same time keep the order written.
 */
function replayStory(tx: Tx, ids: Ids, calendar: Calendar) {
  const steps: { at: Date; what: string; run: () => void }[] = [];
  const step = (at: Date, what: string, run: () => void) => steps.push({ at, what, run });

  const roundIds = new Map<string, number>();
  for (const round of demoRounds(calendar)) {
    step(round.created, `create round ${round.code}`, () => {
      const row = createRound(tx, { code: round.code, title: round.title, description: round.description, mode: round.mode, opensAt: round.opens, closesAt: round.closes });
      tx.update(rounds).set({ createdAt: round.created }).where(eq(rounds.id, row.id)).run();
      roundIds.set(round.code, row.id);
    });
    const roundId = () => found(roundIds.get(round.code), `round ${round.code}`);
    // The scheduler opens and closes rounds at their stored times; those still ahead stay for it.
    const scheduled: [Date | null, RoundCommand][] = [
      [round.opens, { type: "OPEN" }],
      [round.closes, { type: "CLOSE" }],
    ];
    for (const [at, command] of scheduled) {
      if (at && at < calendar.now) step(at, `${command.type} round ${round.code}`, () => applyRound(tx, roundId(), command, at));
    }
  }

  const stories = [...demoProposals(calendar), ...decidingProposals(calendar), ...eligibilityDeskProposals(calendar)];
  const proposalIds = new Map<DemoProposal, number>();
  for (const proposal of stories) {
    const proposalId = () => found(proposalIds.get(proposal), `proposal "${proposal.title}" (before it was created)`);
    const leadId = ids.institution(proposal.lead);
    const leadApplicant = found(ids.applicantOf(proposal.lead), `a demo applicant of ${proposal.lead}`);
    const actors: Record<ProposalSender, Actor> = {
      leadApplicant: leadActor({ id: leadApplicant }, { leadInstitutionId: leadId }),
      administrator: administratorActor({ id: ids.user(ADMIN) }),
      system: SYSTEM_ACTOR,
    };

    step(proposal.created, `create "${proposal.title}"`, () => {
      const row = createProposal(tx, {
        roundId: found(roundIds.get(proposal.round), `round ${proposal.round}`),
        leadInstitutionId: leadId,
        createdBy: actors.leadApplicant,
        title: proposal.title,
        content: proposal.content,
        now: proposal.created,
      });
      tx.update(proposals).set({ createdAt: proposal.created }).where(eq(proposals.id, row.id)).run();
      proposalIds.set(proposal, row.id);
    });

    // Partners have no statechart event: their rows are written as the partner pages would.
    for (const partner of proposal.partners) {
      const institutionId = ids.institution(partner.institution);
      step(partner.invited, `invite ${partner.institution}`, () => {
        tx.insert(proposalPartners).values({ proposalId: proposalId(), institutionId, status: "invited", invitedAt: partner.invited }).run();
      });
      const confirmed = partner.confirmed;
      if (confirmed) {
        step(confirmed.at, `${partner.institution} confirms`, () => {
          tx.update(proposalPartners)
            .set({ status: "confirmed", statement: confirmed.statement, respondedAt: confirmed.at, respondedByUserId: ids.applicantOf(partner.institution) ?? null })
            .where(and(eq(proposalPartners.proposalId, proposalId()), eq(proposalPartners.institutionId, institutionId)))
            .run();
        });
      }
    }

    for (const [at, action] of proposal.story) {
      step(at, `${action.type} "${proposal.title}"`, () => {
        switch (action.type) {
          case "assignReviewers": {
            const round = tx.select({ code: rounds.code, settings: rounds.settings }).from(rounds).where(eq(rounds.id, found(roundIds.get(proposal.round), "round"))).get()!;
            const dueAt = new Date(at.getTime() + roundSettings(round).reviewDays * DAY_MS);
            for (const email of REVIEWERS) {
              const assigned = assignReviewer(tx, { proposalId: proposalId(), reviewerUserId: ids.user(email), dueAt, assignedBy: { id: ids.user(ADMIN), name: "" }, now: at });
              if (!assigned.ok) throw new Error(`Demo data: could not assign ${email} to "${proposal.title}": ${assigned.message}`);
            }
            return;
          }
          case "reviewSubmitted": {
            const scores = criteriaOfProposal(tx, proposalId()).map(() => action.score);
            giveReview(tx, { proposalId: proposalId(), title: proposal.title, reviewer: action.by, reviewerId: ids.user(action.by), at, scores, recommendation: action.recommendation, confidence: "high", comment: action.comment, submit: true });
            return;
          }
          case "review": {
            giveReview(tx, { proposalId: proposalId(), title: proposal.title, reviewer: action.by, reviewerId: ids.user(action.by), at, ...action });
            return;
          }
          case "conflictDeclared": {
            const move = reviewerMoves(tx, { proposalId: proposalId(), title: proposal.title, reviewer: action.by, reviewerId: ids.user(action.by), at });
            move({ type: "DECLARE_CONFLICT", reason: action.reason });
            return;
          }
          case "decisionHeld": {
            const { outcome, priority, reason, sharedFeedback } = action;
            holdDecision(tx, { proposalId: proposalId(), title: proposal.title, adminId: ids.user(ADMIN), at, decision: { outcome, priority, reason, sharedFeedback } });
            return;
          }
          case "decisionsReleased": {
            const admin = { id: ids.user(ADMIN), email: ADMIN, name: "", sessionId: 0, owesSecondFactor: false, memberships: [TAF_TEAM_ROLE] };
            const released = releaseDecisions(admin, found(roundIds.get(proposal.round), "round"), at, tx);
            if (released.refused.length) throw new Error(`Demo data: releasing "${proposal.title}" was refused: ${released.refused[0]!.message}`);
            return;
          }
          case "write": {
            const row = tx.select({ content: proposals.content }).from(proposals).where(eq(proposals.id, proposalId())).get();
            tx.update(proposals)
              .set({ content: { ...row?.content, ...action.content }, updatedAt: at })
              .where(eq(proposals.id, proposalId()))
              .run();
            return;
          }
          default: {
            const actor = actors[PROPOSAL_EVENTS[action.type].by];
            const outcome = applyProposalCommand({ proposalId: proposalId(), actor, command: action, now: at }, tx);
            if (!outcome.ok) throw new Error(`Demo data: ${action.type} on "${proposal.title}" was refused: ${outcome.message}`);
          }
        }
      });
    }
  }

  for (const { at, what } of steps) {
    if (!(at < calendar.now)) throw new Error(`Demo data: "${what}" is dated ${at.toISOString()}, which is not in the past.`);
  }
  steps.sort((a, b) => a.at.getTime() - b.at.getTime()); // stable: ties keep the order written
  for (const { run } of steps) run();

  for (const proposal of stories) {
    const row = tx.select({ state: proposals.state }).from(proposals).where(eq(proposals.id, found(proposalIds.get(proposal), proposal.title))).get();
    if (row?.state !== statePathOf(proposal.reaches)) {
      throw new Error(`Demo data: "${proposal.title}" ended at "${row?.state}" instead of "${statePathOf(proposal.reaches)}".`);
    }
  }
}

type ReviewerAt = { proposalId: number; title: string; reviewer: string; reviewerId: number; at: Date };

/** The commands a reviewer gives on their assignment to a proposal, as the review pages give them. */
function reviewerMoves(tx: Tx, { proposalId, title, reviewer, reviewerId, at }: ReviewerAt) {
  const actor: Actor = { userId: reviewerId, role: "reviewer", institutionId: null };
  const assignment = tx
    .select({ id: reviewAssignments.id })
    .from(reviewAssignments)
    .where(and(eq(reviewAssignments.proposalId, proposalId), eq(reviewAssignments.reviewerUserId, reviewerId)))
    .get();
  if (!assignment) throw new Error(`Demo data: ${reviewer} is not assigned "${title}".`);
  const move = (command: AssignmentCommand) => {
    const outcome = applyAssignmentCommand({ assignmentId: assignment.id, actor, command, now: at }, tx);
    if (!outcome.ok) throw new Error(`Demo data: ${reviewer} could not ${command.type} on "${title}": ${outcome.message}`);
  };
  return Object.assign(move, { assignmentId: assignment.id });
}

/**
 * As a reviewer gives a review: declares no conflict, writes the review (the scores in the order
 * of the round's criteria; fewer scores leave the rest blank, as a draft does) and, if told,
 * submits it.
 */
function giveReview(
  tx: Tx,
  review: ReviewerAt & { scores: ScalePoint[]; recommendation?: Recommendation; confidence?: Confidence; comment: string; internalComment?: string; submit: boolean },
) {
  const move = reviewerMoves(tx, review);
  move({ type: "DECLARE_NO_CONFLICT" });
  const criteria = criteriaOfProposal(tx, review.proposalId);
  const scores = Object.fromEntries(review.scores.map((score, index) => [found(criteria[index], `criterion ${index + 1} of "${review.title}"`).id, score]));
  tx.insert(reviews)
    .values({
      assignmentId: move.assignmentId,
      scores,
      recommendation: review.recommendation ?? null,
      confidence: review.confidence ?? null,
      commentForApplicants: review.comment,
      internalComment: review.internalComment ?? "",
      updatedAt: review.at,
    })
    .run();
  if (review.submit) move({ type: "SUBMIT_REVIEW" });
}

function applyRound(tx: Tx, roundId: number, command: RoundCommand, at: Date) {
  const outcome = applyRoundCommand({ roundId, actor: SYSTEM_ACTOR, command, now: at }, tx);
  if (!outcome.ok) throw new Error(`Demo data: ${command.type} on round ${roundId} was refused: ${outcome.message}`);
}

/**
 * Replaying the story enqueues the mail each transition owes (submission receipts, outcomes,
 * "waiting for you" notices to the TAF team...). That history is invented and in the past: no
 * one is owed those messages, and sending them at first start would fill the demo Mailbox with
 * dozens of stale e-mails. They are deleted in the same transaction, so the dispatcher never
 * sees them. They are not marked "sent", because that would record deliveries that never
 * happened. Mail from what people do after loading is sent as usual.
 */
function discardDemoMail(tx: Tx, outboxBefore: number) {
  tx.delete(outbox).where(gt(outbox.id, outboxBefore)).run();
}

// ---------------------------------------------------------------------------------------------
// Dates in Brussels time, whatever the server's time zone.

const DAY_MS = 24 * 60 * 60 * 1000;

function brusselsCalendar(today: Date): Calendar {
  const todayInBrussels = toBrusselsTime(today).slice(0, 10);
  const day = (days: number) => new Date(Date.parse(`${todayInBrussels}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
  return {
    now: today,
    on(days, time = "10:00") {
      const at = fromBrusselsTime(`${day(days)}T${time}`);
      if (!at.ok) throw new Error(`Demo data: ${day(days)} ${time} is not a time on the Brussels clock.`);
      return at.instant;
    },
    day,
  };
}

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Demo data: no ${what}.`);
  return value;
}
