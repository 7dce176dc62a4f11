import { describe, expect, it } from "vitest";
import { KOSOVO_FOOTNOTE } from "../../workflows/countries";
import type { RenderedEmail } from "../../emails/outbox";
import { clarificationRequestedEmail } from "../../emails/templates/clarification-requested";
import { conceptApprovedEmail } from "../../emails/templates/concept-approved";
import { deadlineReminderEmail } from "../../emails/templates/deadline-reminder";
import { eligibilityOutcomeEmail } from "../../emails/templates/eligibility-outcome";
import { implementationUpdateEmail } from "../../emails/templates/implementation-update";
import { partnerLeftEmail } from "../../emails/templates/partner-left";
import { proposalEndedEmail } from "../../emails/templates/proposal-ended";
import { proposalSubmittedEmail } from "../../emails/templates/proposal-submitted";
import { proposalToDecideEmail } from "../../emails/templates/proposal-to-decide";
import { proposalWithdrawnEmail } from "../../emails/templates/proposal-withdrawn";
import { reviewReminderEmail } from "../../emails/templates/review-reminder";
import { revisionRequestedEmail } from "../../emails/templates/revision-requested";
import { selectionOutcomeEmail } from "../../emails/templates/selection-outcome";

const reference = "TAF-2026-R1-007";
const title = "Joint investigations of drug trafficking";
const proposalUrl = "https://taf.example.org/proposals/42?tab=overview&x=1";
const escapedUrl = "https://taf.example.org/proposals/42?tab=overview&amp;x=1";
const dueAt = new Date("2026-11-30T13:00:00Z");
const dueInBrussels = "30 November 2026, 14:00 (Brussels time)";
const evil = "<script>alert('x')</script>";
const evilEscaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;";

const base = { appUrl: "https://taf.example.org", recipientName: "Arben Krasniqi", reference, title, proposalUrl };

/** Every template, with one proposal's facts; `extra` overrides them (reference, title, user text). */
const templates = {
  proposalSubmitted: (extra) =>
    proposalSubmittedEmail({
      ...base,
      isLead: true,
      roundTitle: "First round 2026",
      leadInstitutionName: "Police of Albania",
      countries: ["Albania", "North Macedonia"],
      submittedAt: dueAt,
      ...extra,
    }),
  eligibilityOutcome: (extra) => eligibilityOutcomeEmail({ ...base, eligible: false, reason: "Only one country confirmed.", ...extra }),
  clarificationRequested: (extra) => clarificationRequestedEmail({ ...base, question: "Which prosecution office takes part?", dueAt, isLead: true, ...extra }),
  selectionOutcome: (extra) => selectionOutcomeEmail({ ...base, promising: false, sharedFeedback: "Link the activities more closely to EMPACT.", ...extra }),
  revisionRequested: (extra) => revisionRequestedEmail({ ...base, document: "concept note", reason: "Please add a budget.", ...extra }),
  conceptApproved: (extra) => conceptApprovedEmail({ ...base, ...extra }),
  implementationUpdate: (extra) => implementationUpdateEmail({ ...base, change: "onHold", reason: "Travel restrictions.", ...extra }),
  proposalWithdrawn: (extra) =>
    proposalWithdrawnEmail({ ...base, withdrawnByName: "Ana Kovač", withdrawnByInstitution: "Police of Albania", reason: "Priorities changed.", ...extra }),
  reviewReminder: (extra) => {
    const { proposalUrl: reviewUrl, ...rest } = { ...base, ...extra } as typeof base;
    return reviewReminderEmail({ ...rest, dueAt, reviewUrl });
  },
  proposalToDecide: (extra) => proposalToDecideEmail({ ...base, what: "eligibility", ...extra }),
  partnerLeft: (extra) =>
    partnerLeftEmail({ ...base, recordedByName: "Ana Kovač", partner: "Albanian State Police (Albania)", reason: "The unit was dissolved.", countries: ["North Macedonia"], minimumCountries: 2, ...extra }),
  deadlineReminder: (extra) => {
    const { proposalUrl: workUrl, ...rest } = { ...base, ...extra } as typeof base;
    return deadlineReminderEmail({ ...rest, work: "conceptNote", dueAt, workUrl });
  },
  proposalEnded: (extra) => proposalEndedEmail({ ...base, ending: "implementationCancelled", reason: "The partners left the project.", ...extra }),
} satisfies Record<string, (extra?: Partial<Record<string, unknown>>) => RenderedEmail>;

type TemplateName = keyof typeof templates;

/**
 * The field of each template that carries text people typed, beside the title, with what makes
 * the template show it; null where the mail shows no such text (its words are the portal's own).
 */
const userText: Record<TemplateName, { field: string; shownWith?: Record<string, unknown> } | null> = {
  proposalSubmitted: null,
  eligibilityOutcome: { field: "reason" },
  clarificationRequested: { field: "question" },
  selectionOutcome: { field: "sharedFeedback" },
  revisionRequested: { field: "reason" },
  conceptApproved: null,
  implementationUpdate: { field: "reason" },
  proposalWithdrawn: { field: "reason" },
  reviewReminder: null,
  proposalToDecide: { field: "answer", shownWith: { what: "clarificationAnswered" } },
  proposalEnded: { field: "reason" },
  deadlineReminder: null,
  partnerLeft: { field: "reason" },
};

describe.each(Object.keys(templates) as TemplateName[])("%s email", (name) => {
  const render: (extra?: Partial<Record<string, unknown>>) => RenderedEmail = templates[name];

  it("names the proposal by reference and title in the subject, and by title alone without a reference", () => {
    const email = render();
    expect(email.subject).toContain(reference);
    expect(email.subject).toContain(title);
    expect(email.html).toContain(title);

    const draft = render({ reference: null });
    expect(draft.subject).toContain(title);
    expect(draft.subject).not.toContain("null");
    expect(draft.text).not.toContain("null");
    expect(draft.text).not.toContain("()");
  });

  it("links to the proposal as a button and as raw text", () => {
    const email = render();
    expect(email.text).toContain(proposalUrl);
    expect(email.html.split(`href="${escapedUrl}"`)).toHaveLength(3);
  });

  it("escapes what people typed in the HTML", () => {
    const typed = userText[name];
    const email = render({ title: `${evil} Drugs`, recipientName: evil, ...(typed ? { ...typed.shownWith, [typed.field]: `${evil} please` } : {}) });
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain(evilEscaped);
    expect(email.text).toContain(evil);
    expect(email.subject).toContain(`${evil} Drugs`);
  });

  it("keeps the subject on one line whatever the title holds", () => {
    expect(render({ title: "Drugs\r\nBcc: x@example.org" }).subject).not.toMatch(/[\r\n]/);
  });

  it("carries no Kosovo* footnote when Kosovo is not mentioned, and the footnote when it is", () => {
    const plain = render();
    expect(plain.html).not.toContain("UNSCR 1244");
    expect(plain.text).not.toContain("UNSCR 1244");

    const kosovo = render({ title: "Drug routes through Kosovo* and Albania" });
    expect(kosovo.html).toContain(KOSOVO_FOOTNOTE);
    expect(kosovo.text).toContain(KOSOVO_FOOTNOTE);
  });

  it("writes a title typed over several lines on one line in the text", () => {
    const email = render({ title: "Drugs\n\nand firearms" });
    expect(email.text).toContain("Drugs and firearms");
    expect(email.text).not.toContain("Drugs\n");
  });
});

describe.each(Object.entries(userText).flatMap(([name, typed]) => (typed ? [{ name: name as TemplateName, ...typed }] : [])))(
  "$name email, with the $field people typed",
  ({ name, field, shownWith }) => {
    const render: (extra?: Partial<Record<string, unknown>>) => RenderedEmail = templates[name];

    it("keeps line breaks of user text as separate paragraphs", () => {
      const email = render({ ...shownWith, [field]: "First point.\n\nSecond point.\nThird point." });
      expect(email.text).toMatch(/First point\.\n\nSecond point\.\n\nThird point\./);
      expect(email.html).toMatch(/First point\.<\/p>\s*<p[^>]*>Second point\.<\/p>\s*<p[^>]*>Third point\./);
    });
  },
);

describe("proposal submitted", () => {
  const email = (extra: Partial<Parameters<typeof proposalSubmittedEmail>[0]> = {}) =>
    proposalSubmittedEmail({
      ...base,
      isLead: true,
      roundTitle: "First round 2026",
      leadInstitutionName: "Kosovo* Police",
      countries: ["Albania", "Kosovo*", "North Macedonia"],
      submittedAt: dueAt,
      ...extra,
    });

  it("uses the subject the applicants expect", () => {
    expect(email().subject).toBe("TAF-2026-R1-007 received: Joint investigations of drug trafficking");
    expect(email({ reference: null }).subject).toBe("Proposal received: Joint investigations of drug trafficking");
  });

  it("says what was submitted, by whom, the countries behind it, when, and what happens next", () => {
    const { text } = email();
    expect(text).toContain("Your institution, Kosovo* Police, submitted the proposal “Joint investigations of drug trafficking” (TAF-2026-R1-007)");
    expect(text).toContain("First round 2026");
    expect(text).toContain("Albania, Kosovo* and North Macedonia");
    expect(text).toContain(dueInBrussels);
    expect(text).toContain("the TAF team checks that the proposal meets the eligibility criteria");
  });

  it("tells a partner that its institution takes part", () => {
    const { text } = email({ isLead: false });
    expect(text).toContain("Kosovo* Police submitted the proposal");
    expect(text).toContain("takes part in it as a partner");
    expect(text).not.toContain("Your institution, ");
  });

  it("carries the Kosovo* footnote when the countries include Kosovo*, and not otherwise", () => {
    const kosovo = email();
    expect(kosovo.html).toContain(KOSOVO_FOOTNOTE);
    expect(kosovo.text.trimEnd().endsWith(KOSOVO_FOOTNOTE)).toBe(true);

    const without = email({ leadInstitutionName: "Police of Albania", countries: ["Albania", "Serbia"] });
    expect(without.text).toContain("Albania and Serbia");
    expect(without.html).not.toContain("UNSCR 1244");
    expect(without.text).not.toContain("UNSCR 1244");
  });
});

describe("eligibility outcome", () => {
  it("sends an eligible proposal to the EU review", () => {
    const email = eligibilityOutcomeEmail({ ...base, eligible: true, reason: "", proposalUrl });
    expect(email.subject).toBe(`${reference} is eligible: ${title}`);
    expect(email.text).toContain("found it eligible");
    expect(email.text).toContain("goes to the EU review");
    expect(email.text).not.toContain("final for this round");
    expect(email.text).not.toContain("reason");
  });

  it("gives the reason for an ineligible proposal and says the decision is final for the round", () => {
    const email = eligibilityOutcomeEmail({ ...base, eligible: false, reason: "Only institutions from one country confirmed.", proposalUrl });
    expect(email.subject).toBe(`${reference} is not eligible: ${title}`);
    expect(email.text).toContain("does not meet the eligibility criteria");
    expect(email.text).toContain("Only institutions from one country confirmed.");
    expect(email.text).toContain("final for this round");
    expect(email.text).toContain("contact the TAF team");
    expect(email.text).not.toContain("EU review");
  });
});

describe("clarification requested", () => {
  it("quotes the question and gives the due date in Brussels time", () => {
    const email = clarificationRequestedEmail({ ...base, question: "Which office takes part?\nWho leads it?", dueAt, proposalUrl, isLead: true });
    expect(email.text).toContain("“Which office takes part?\n\nWho leads it?”");
    expect(email.text).toContain(`Please answer by ${dueInBrussels}`);
    expect(email.html).toContain(dueInBrussels);
    expect(email.text).toContain("edit the proposal");
    expect(email.text).toContain("decides with the information it has");
  });

  it("shows summer dates in Brussels summer time", () => {
    const email = clarificationRequestedEmail({ ...base, question: "?", dueAt: new Date("2026-07-01T22:05:00Z"), proposalUrl, isLead: true });
    expect(email.text).toContain("2 July 2026, 00:05 (Brussels time)");
  });

  it("tells a partner what a partner can do: read, and tell the lead, who alone edits and answers", () => {
    const email = clarificationRequestedEmail({ ...base, question: "Which office takes part?", dueAt, proposalUrl, isLead: false });
    expect(email.text).toContain("“Which office takes part?”");
    expect(email.text).toContain(`the lead institution answers by ${dueInBrussels}`);
    expect(email.text).toContain("only it can edit the proposal");
    expect(email.text).toContain("in the proposal's comments");
    expect(email.text).not.toContain("you can edit");
    expect(email.text).not.toContain("Please answer");
    expect(email.html).toContain("Read the question on the TAF portal");
    expect(email.html).not.toContain("Answer on the TAF portal");
  });
});

describe("selection outcome", () => {
  it("starts the conceptual work of a promising proposal", () => {
    const email = selectionOutcomeEmail({ ...base, promising: true, sharedFeedback: "", proposalUrl });
    expect(email.subject).toBe(`${reference} is selected: ${title}`);
    expect(email.text).toContain("found it promising");
    expect(email.text).toContain("conceptual work starts");
    expect(email.text).not.toContain("not selected");
    expect(email.text).not.toContain("Feedback from the review");
  });

  it("tells kindly that a proposal was not selected, with the shared feedback", () => {
    const email = selectionOutcomeEmail({ ...base, promising: false, sharedFeedback: "Link it to EMPACT.", proposalUrl });
    expect(email.subject).toBe(`Result of the EU review for ${reference}: ${title}`);
    expect(email.text).toContain("Thank you for the proposal");
    expect(email.text).toContain("not selected in this round");
    expect(email.text).toContain("Feedback from the review, shared by the TAF team:\n\nLink it to EMPACT.");
    expect(email.text).not.toContain("conceptual work");
  });

  it("leaves the feedback out when none is shared", () => {
    const email = selectionOutcomeEmail({ ...base, promising: false, sharedFeedback: "  \n ", proposalUrl });
    expect(email.text).not.toContain("Feedback from the review");
  });
});

describe("revision requested", () => {
  it("names the document to revise and the reason", () => {
    const concept = revisionRequestedEmail({ ...base, document: "concept note", reason: "Add the budget.", proposalUrl });
    expect(concept.subject).toBe(`Changes requested to the concept note of ${reference}: ${title}`);
    expect(concept.text).toContain("Add the budget.");
    expect(concept.text).toContain(`Revise the concept note:\n${proposalUrl}`);

    const report = revisionRequestedEmail({ ...base, reference: null, document: "completion report", reason: "Add lessons learnt.", proposalUrl });
    expect(report.subject).toBe(`Changes requested to your completion report: ${title}`);
    expect(report.text).toContain("submit it again");
  });
});

describe("concept approved", () => {
  it("says implementation is prepared next", () => {
    const email = conceptApprovedEmail({ ...base, proposalUrl });
    expect(email.subject).toBe(`Concept approved for ${reference}: ${title}`);
    expect(email.text).toContain("prepares the implementation");
  });
});

describe("implementation update", () => {
  const changes = ["started", "onHold", "resumed", "completed"] as const;
  const render = (change: (typeof changes)[number], reason?: string) => implementationUpdateEmail({ ...base, change, reason, proposalUrl });

  it("words each change differently and correctly", () => {
    expect(render("started").subject).toBe(`Implementation of ${reference} started: ${title}`);
    expect(render("started").text).toContain("has started");
    expect(render("onHold", "Travel restrictions.").subject).toBe(`Implementation of ${reference} on hold: ${title}`);
    expect(render("onHold", "Travel restrictions.").text).toContain("is on hold");
    expect(render("onHold", "Travel restrictions.").text).toContain("The reason:\n\nTravel restrictions.");
    expect(render("resumed").subject).toBe(`Implementation of ${reference} resumed: ${title}`);
    expect(render("resumed").text).toContain("continue where they stopped");
    expect(render("completed").subject).toBe(`${reference} completed: ${title}`);
    expect(render("completed").text).toContain("is completed");

    const subjects = new Set(changes.map((change) => render(change).subject));
    const texts = new Set(changes.map((change) => render(change).text));
    expect(subjects.size).toBe(4);
    expect(texts.size).toBe(4);
  });

  it("does without a reason", () => {
    expect(render("onHold").text).not.toContain("The reason:");
  });
});

describe("proposal withdrawn", () => {
  it("says who withdrew it, why, and that it is closed", () => {
    const email = proposalWithdrawnEmail({ ...base, withdrawnByName: "Arta Berisha", withdrawnByInstitution: "Kosovo* Police", reason: "Priorities changed.", proposalUrl });
    expect(email.subject).toBe(`${reference} withdrawn: ${title}`);
    expect(email.text).toContain("Arta Berisha (Kosovo* Police) withdrew the proposal");
    expect(email.text).toContain("Priorities changed.");
    expect(email.text).toContain("the proposal is closed");
    expect(email.text).toContain(KOSOVO_FOOTNOTE);
  });
});

describe("proposal ended by the TAF team", () => {
  it("says which work ended, why, and that the proposal is closed", () => {
    const rejected = proposalEndedEmail({ ...base, ending: "conceptRejected", reason: "The activities duplicate an EMPACT action." });
    expect(rejected.subject).toBe(`Concept of ${reference} not approved: ${title}`);
    expect(rejected.text).toContain("decided not to approve a concept");
    expect(rejected.text).toMatch(/The TAF team's reason:\s+The activities duplicate an EMPACT action\./);
    expect(rejected.text).toContain("the proposal is closed");
    const cancelled = proposalEndedEmail({ ...base, ending: "implementationCancelled", reason: "" });
    expect(cancelled.subject).toBe(`Implementation of ${reference} cancelled: ${title}`);
    expect(cancelled.text).toContain("has cancelled the implementation");
    expect(cancelled.text).not.toContain("The TAF team's reason:");
  });
});

describe("deadline reminder", () => {
  it("names the work and its due date in Brussels time, before, on the day and once the hour has passed", () => {
    const workUrl = "https://taf.example.org/proposals/42/concept";
    const reminder = (extra: { dueToday?: boolean; duePassed?: boolean } = {}) =>
      deadlineReminderEmail({ ...base, work: "conceptNote", dueAt, workUrl, ...extra });
    expect(reminder().subject).toBe(`Reminder: the concept note due for ${reference}: ${title}`);
    expect(reminder().text).toContain(`the concept note of the proposal “${title}” (${reference}) is due on ${dueInBrussels}`);
    expect(reminder().text).toContain(workUrl);
    expect(reminder({ dueToday: true }).subject).toBe(`The concept note due today for ${reference}: ${title}`);
    expect(reminder({ dueToday: true, duePassed: true }).text).toContain(`was due today, ${dueInBrussels}`);
  });
});

describe("review reminder", () => {
  it("links to the review and gives the due date in Brussels time", () => {
    const reviewUrl = "https://taf.example.org/reviews/9";
    const email = reviewReminderEmail({ appUrl: "https://taf.example.org", recipientName: "Jelena Petrović", reference, title, dueAt, reviewUrl });
    expect(email.subject).toBe(`Review reminder for ${reference}: ${title}`);
    expect(email.text).toContain(`due on ${dueInBrussels}`);
    expect(email.text).toContain(`Open your review:\n${reviewUrl}`);
  });
});

describe("proposal to decide", () => {
  it("tells administrators what waits for them, differently for each case", () => {
    const whats = ["eligibility", "clarificationAnswered", "clarificationExpired", "reportSubmitted", "conceptSubmitted"] as const;
    const emails = whats.map((what) => proposalToDecideEmail({ ...base, what, proposalUrl }));
    expect(new Set(emails.map((e) => e.subject)).size).toBe(whats.length);
    expect(emails[0]!.subject).toBe(`Eligibility to decide for ${reference}: ${title}`);
    expect(proposalToDecideEmail({ ...base, reference: null, what: "clarificationExpired", proposalUrl }).subject).toBe(`Clarification not answered in time: ${title}`);
    expect(emails[0]!.text).toContain("The proposal “Joint investigations of drug trafficking” (TAF-2026-R1-007) was submitted");
    expect(emails[1]!.text).toContain("answered your clarification request");
    expect(emails[2]!.text).toContain("ended without an answer");
    expect(emails[3]!.text).toContain("completion report");
    expect(emails[4]!.text).toContain("concept note");
  });
});
