import { inEnglish } from "../../workflows/in-english";
import { describe, expect, it } from "vitest";
import { countryLabel, KOSOVO_FOOTNOTE } from "../../workflows/countries";
import { renderEmail } from "../../emails/layout";
import { invitationEmail } from "../../emails/templates/invitation";
import { passwordChangedEmail } from "../../emails/templates/password-changed";
import { passwordResetEmail } from "../../emails/templates/password-reset";
import { formatBrussels, formatBrusselsIn } from "../../workflows/time";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { RenderedEmail } from "../../emails/outbox";
import { clarificationReminderEmail } from "../../emails/templates/clarification-reminder";
import { clarificationRequestedEmail } from "../../emails/templates/clarification-requested";
import { conceptApprovedEmail } from "../../emails/templates/concept-approved";
import { deadlineReminderEmail } from "../../emails/templates/deadline-reminder";
import { eligibilityOutcomeEmail } from "../../emails/templates/eligibility-outcome";
import { feedbackSurveyEmail } from "../../emails/templates/feedback-survey";
import { implementationUpdateEmail } from "../../emails/templates/implementation-update";
import { newCommentEmail } from "../../emails/templates/new-comment";
import { partnerInvitationEmail } from "../../emails/templates/partner-invitation";
import { partnerLeftEmail } from "../../emails/templates/partner-left";
import { partnerResponseEmail } from "../../emails/templates/partner-response";
import { proposalEndedEmail } from "../../emails/templates/proposal-ended";
import { proposalSubmittedEmail } from "../../emails/templates/proposal-submitted";
import { proposalToDecideEmail } from "../../emails/templates/proposal-to-decide";
import { proposalWithdrawnEmail } from "../../emails/templates/proposal-withdrawn";
import { reviewAssignedEmail } from "../../emails/templates/review-assigned";
import { reviewDeclinedEmail } from "../../emails/templates/review-declined";
import { reviewReminderEmail } from "../../emails/templates/review-reminder";
import { reviewsCompleteEmail } from "../../emails/templates/reviews-complete";
import { revisionRequestedEmail } from "../../emails/templates/revision-requested";
import { roundClosedDraftsEmail } from "../../emails/templates/round-closed-drafts";
import { secondFactorResetEmail } from "../../emails/templates/second-factor-reset";
import { selectionOutcomeEmail } from "../../emails/templates/selection-outcome";
import { jointRuleInWords } from "../../workflows/eligibility";
import type { Language } from "../../workflows/languages";


const setPasswordUrl = "https://taf.example.org/set-password?token=abc&purpose=invitation";
const expiresAt = new Date("2026-11-30T13:00:00Z");

describe("formatBrussels", () => {
  it("shows Brussels time in winter and in summer", () => {
    expect(formatBrussels(expiresAt)).toBe("30 November 2026, 14:00 (Brussels time)");
    expect(formatBrussels(new Date("2026-07-01T22:05:00Z"))).toBe("2 July 2026, 00:05 (Brussels time)");
  });
});

describe("countryLabel", () => {
  it("writes Kosovo with its asterisk and other countries as they are", () => {
    expect(countryLabel("Kosovo", true)).toBe("Kosovo*");
    expect(countryLabel("Serbia", false)).toBe("Serbia");
  });
});

describe("invitation email", () => {
  it("escapes what people typed in the HTML and keeps it readable in the text", () => {
    const email = invitationEmail({ appUrl: "https://taf.example.org",
      recipientName: "<script>alert('x')</script> Arben",
      invitedByName: "Jelena & Co",
      role: { role: "reviewer", affiliation: "EU Delegation" },
      setPasswordUrl,
      expiresAt,
    });
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Arben");
    expect(email.html).toContain("Jelena &amp; Co");
    expect(email.text).toContain("Dear <script>alert('x')</script> Arben,");
  });

  it("offers the link as a button and as raw text, with the expiry in Brussels time", () => {
    const email = invitationEmail({ appUrl: "https://taf.example.org", recipientName: "Arben Krasniqi", invitedByName: "Jelena Petrović", role: { role: "reviewer", affiliation: "EU Delegation" }, setPasswordUrl, expiresAt });
    expect(email.subject).toBe("You are invited to the TAF portal");
    const escapedUrl = "https://taf.example.org/set-password?token=abc&amp;purpose=invitation";
    expect(email.html.split(`href="${escapedUrl}"`)).toHaveLength(3);
    expect(email.html).toContain(`>${escapedUrl}</a>`);
    expect(email.text).toContain(`Choose your password:\n${setPasswordUrl}`);
    expect(email.html).toContain("30 November 2026, 14:00 (Brussels time)");
    expect(email.text).toContain("30 November 2026, 14:00 (Brussels time)");
    expect(email.html).toContain("TAF portal — Technical Assistance Facility");
    expect(email.html).toContain("max-width:600px");
    // No account exists until a password is chosen, so the footer does not claim one.
    expect(email.text).toMatch(/You receive this because Jelena Petrović invited you to the TAF portal: https:\/\/taf\.example\.org$/m);
  });

  it("carries the Kosovo* footnote when, and only when, Kosovo is mentioned", () => {
    const kosovo = invitationEmail({ appUrl: "https://taf.example.org",
      recipientName: "Arben Krasniqi",
      invitedByName: "Jelena Petrović",
      role: { role: "applicant", institutionName: "Ministry of Internal Affairs", country: countryLabel("Kosovo", true) },
      setPasswordUrl,
      expiresAt,
    });
    expect(kosovo.html).toContain("Ministry of Internal Affairs, Kosovo*");
    expect(kosovo.html).toContain(KOSOVO_FOOTNOTE);
    expect(kosovo.text).toContain(KOSOVO_FOOTNOTE);

    const serbia = invitationEmail({ appUrl: "https://taf.example.org", recipientName: "Marko Jovanović", invitedByName: "Jelena Petrović", role: { role: "applicant", institutionName: "Ministry of Interior", country: "Serbia" }, setPasswordUrl, expiresAt });
    expect(serbia.html).not.toContain("UNSCR 1244");
    expect(serbia.text).not.toContain("UNSCR 1244");
  });
});

describe("password emails", () => {
  it("sends the reset link with its expiry", () => {
    const email = passwordResetEmail({ appUrl: "https://taf.example.org", recipientName: "Ana Kovač", resetUrl: "https://taf.example.org/reset/xyz", expiresAt });
    expect(email.subject).toBe("Choose a new password for the TAF portal");
    expect(email.text).toContain("https://taf.example.org/reset/xyz");
    expect(email.text).toContain("30 November 2026, 14:00 (Brussels time)");
    expect(email.html).toContain('href="https://taf.example.org/reset/xyz"');
  });

  it("tells the owner when the password changed and links back to the portal", () => {
    const email = passwordChangedEmail({ recipientName: "Ana Kovač", changedAt: expiresAt, appUrl: "https://taf.example.org" });
    expect(email.subject).toBe("Your TAF portal password was changed");
    expect(email.text).toContain("changed on 30 November 2026, 14:00 (Brussels time)");
    expect(email.text).toContain("You receive this because you have an account on the TAF portal: https://taf.example.org");
    expect(email.html).toMatch(/<a href="https:\/\/taf.example.org"[^>]*>TAF portal<\/a>/);
  });
});

describe("renderEmail", () => {
  it("puts the footnote under any email whose text names Kosovo", () => {
    const email = renderEmail({ heading: "Partner confirmed", paragraphs: ["Kosovo* Police confirmed its participation."], appUrl: "https://taf.example.org" });
    expect(email.text.trimEnd().endsWith(KOSOVO_FOOTNOTE)).toBe(true);
  });

  it("refuses a link that would not open the portal", () => {
    expect(() =>
      renderEmail({ heading: "x", paragraphs: [], action: { label: "Open", url: "javascript:alert(1)" }, appUrl: "https://taf.example.org" }),
    ).toThrow(/absolute http/);
  });
});

describe("people's long words in an e-mail", () => {
  it("break inside the mail's width instead of widening it on a phone", () => {
    const url = `https://www.europol.europa.eu/${"publications-events/".repeat(20)}`;
    const { html } = renderEmail({ appUrl: "https://taf.example", heading: `New comment: ${"Zlatibor".repeat(40)}`, paragraphs: ["Dear Ana,", `See ${url}`] });
    const styles = [...html.matchAll(/<(?:h1|p) style="([^"]*)"/g)].map((match) => match[1]);
    expect(styles.length).toBeGreaterThan(2);
    for (const style of styles) expect(style).toContain("overflow-wrap:anywhere");
  });
});

// Every template in the recipient's language: the same facts rendered in English and in
// Macedonian or Albanian share no sentence but what people typed (names, titles, reasons) and
// the links, so no English is left in subject or body.
const typedFacts = {
  appUrl: "https://taf.example.org",
  recipientName: "Arben Krasniqi",
  reference: "TAF-2026-R1-007",
  title: "Joint investigations of drug trafficking",
  url: "https://taf.example.org/proposals/42",
  dueAt: new Date("2026-11-30T13:00:00Z"),
  person: "Jelena Petrović",
  institution: "Police of Albania",
  partner: "State Police of Montenegro",
  round: "First round 2026",
  typed: "Please add the budget of the second workshop.",
};
const jointRule = { required: true, minimumCountries: 2 } as const;

const everyTemplate: Record<string, (language: Language) => RenderedEmail> = {
  clarificationReminder: (language) =>
    clarificationReminderEmail({ ...about(), question: typedFacts.typed, dueAt: typedFacts.dueAt, proposalUrl: typedFacts.url, language }),
  clarificationRequested: (language) =>
    clarificationRequestedEmail({ ...about(), question: typedFacts.typed, dueAt: typedFacts.dueAt, proposalUrl: typedFacts.url, isLead: false, language }),
  conceptApproved: (language) => conceptApprovedEmail({ ...about(), proposalUrl: typedFacts.url, language }),
  deadlineReminder: (language) => deadlineReminderEmail({ ...about(), work: "activityReports", dueAt: typedFacts.dueAt, workUrl: typedFacts.url, language }),
  eligibilityOutcome: (language) => eligibilityOutcomeEmail({ ...about(), eligible: false, reason: typedFacts.typed, proposalUrl: typedFacts.url, language }),
  feedbackSurvey: (language) =>
    feedbackSurveyEmail({
      ...about(),
      institutionName: typedFacts.institution,
      roundTitle: typedFacts.round,
      topics: ["guidance", "form", "timing", "support"],
      closesAt: typedFacts.dueAt,
      surveyUrl: typedFacts.url,
      language,
    }),
  implementationUpdate: (language) => implementationUpdateEmail({ ...about(), change: "onHold", reason: typedFacts.typed, proposalUrl: typedFacts.url, language }),
  invitation: (language) =>
    invitationEmail({
      ...about(),
      invitedByName: typedFacts.person,
      role: { role: "applicant", institutionName: typedFacts.institution, country: "Albania" },
      setPasswordUrl: typedFacts.url,
      expiresAt: typedFacts.dueAt,
      language,
    }),
  newComment: (language) =>
    newCommentEmail({ ...about(), author: { name: typedFacts.person, institutionName: typedFacts.institution }, body: typedFacts.typed, commentsUrl: typedFacts.url, language }),
  partnerInvitation: (language) =>
    partnerInvitationEmail({
      ...about(),
      invitedByName: typedFacts.person,
      leadInstitutionName: typedFacts.institution,
      leadCountry: "Albania",
      partnerInstitutionName: typedFacts.partner,
      roundTitle: typedFacts.round,
      roundClosesAt: typedFacts.dueAt,
      clarificationDueAt: null,
      jointRule,
      countries: ["Albania", "Montenegro"],
      partnershipUrl: typedFacts.url,
      language,
    }),
  partnerLeft: (language) =>
    partnerLeftEmail({
      ...about(),
      recordedByName: typedFacts.person,
      partner: typedFacts.partner,
      reason: typedFacts.typed,
      countries: ["Albania"],
      minimumCountries: 2,
      proposalUrl: typedFacts.url,
      language,
    }),
  partnerResponse: (language) =>
    partnerResponseEmail({
      ...about(),
      respondentName: typedFacts.person,
      partnerInstitutionName: typedFacts.partner,
      partnerCountry: "Montenegro",
      answer: "declined",
      text: typedFacts.typed,
      countries: ["Albania"],
      isJoint: false,
      partnersUrl: typedFacts.url,
      language,
    }),
  passwordChanged: (language) => passwordChangedEmail({ ...about(), changedAt: typedFacts.dueAt, language }),
  proposalEnded: (language) => proposalEndedEmail({ ...about(), ending: "conceptRejected", reason: typedFacts.typed, proposalUrl: typedFacts.url, language }),
  proposalSubmitted: (language) =>
    proposalSubmittedEmail({
      ...about(),
      isLead: false,
      roundTitle: typedFacts.round,
      leadInstitutionName: typedFacts.institution,
      countries: ["Albania", "Montenegro"],
      submittedAt: typedFacts.dueAt,
      proposalUrl: typedFacts.url,
      language,
    }),
  proposalToDecide: (language) => proposalToDecideEmail({ ...about(), what: "clarificationAnswered", answer: typedFacts.typed, proposalUrl: typedFacts.url, language }),
  proposalWithdrawn: (language) =>
    proposalWithdrawnEmail({ ...about(), withdrawnByName: typedFacts.person, withdrawnByInstitution: typedFacts.institution, reason: typedFacts.typed, proposalUrl: typedFacts.url, language }),
  reviewAssigned: (language) => reviewAssignedEmail({ ...about(), dueAt: typedFacts.dueAt, reviewUrl: typedFacts.url, language }),
  reviewDeclined: (language) => reviewDeclinedEmail({ ...about(), reviewerName: typedFacts.person, how: "conflict", reason: typedFacts.typed, deskUrl: typedFacts.url, language }),
  reviewReminder: (language) => reviewReminderEmail({ ...about(), dueAt: typedFacts.dueAt, dueToday: true, reviewUrl: typedFacts.url, language }),
  reviewsComplete: (language) => reviewsCompleteEmail({ ...about(), submittedReviews: 3, deskUrl: typedFacts.url, language }),
  revisionRequested: (language) => revisionRequestedEmail({ ...about(), document: "completion report", reason: typedFacts.typed, proposalUrl: typedFacts.url, language }),
  roundClosedDrafts: (language) =>
    roundClosedDraftsEmail({
      ...about(),
      roundCode: "2026-R1",
      roundTitle: typedFacts.round,
      closedAt: typedFacts.dueAt,
      drafts: [{ title: typedFacts.title, url: typedFacts.url }, { title: "", url: `${typedFacts.url}/2` }],
      language,
    }),
  selectionOutcome: (language) => selectionOutcomeEmail({ ...about(), promising: true, sharedFeedback: typedFacts.typed, proposalUrl: typedFacts.url, language }),
  passwordReset: (language) => passwordResetEmail({ ...about(), resetUrl: typedFacts.url, expiresAt: typedFacts.dueAt, language }),
  secondFactorReset: (language) => secondFactorResetEmail({ ...about(), resetAt: typedFacts.dueAt, language }),
};

function about() {
  return { appUrl: typedFacts.appUrl, recipientName: typedFacts.recipientName, reference: typedFacts.reference, title: typedFacts.title };
}

/** What a template writes itself: the mail without people's words, the links and the names of places. */
function templateWords(email: RenderedEmail): string {
  const typed = [...Object.values(typedFacts).filter((value) => typeof value === "string"), "Albania", "Montenegro", "2026-R1", `${typedFacts.url}/2`];
  // The programme's name stays English in every language (locales/_review.md); the joint rule's
  // sentence comes from workflows/, whose words are translated there.
  typed.push("Technical Assistance Facility", jointRuleInWords(jointRule, inEnglish));
  let text = `${email.subject}\n${email.text}`;
  for (const value of typed.sort((a, b) => b.length - a.length)) text = text.replaceAll(value, " ");
  return text;
}

/** English phrases of three words or more, between punctuation: what a translation must not keep. */
function englishPhrases(email: RenderedEmail): string[] {
  return templateWords(email)
    .split(/[\n.,:;!?()“”"–—•]+/)
    .map((phrase) => phrase.trim().replace(/\s+/g, " "))
    .filter((phrase) => phrase.split(" ").filter((word) => /[a-z]{2,}/i.test(word)).length >= 3);
}

describe("every e-mail in the recipient's language", () => {
  it("has a test below for each template in emails/templates/", () => {
    const files = readdirSync(join(__dirname, "../../emails/templates")).filter((name) => name !== "typed-text.ts");
    expect(Object.keys(everyTemplate).length).toBe(files.length);
  });

  for (const [name, render] of Object.entries(everyTemplate)) {
    it(`${name}: in Macedonian and Albanian, with no English sentence left`, () => {
      const english = render("en");
      const phrases = englishPhrases(english);
      expect(phrases.length).toBeGreaterThan(2);
      for (const language of ["mk", "sq"] as const) {
        const translated = render(language);
        expect(translated.language).toBe(language);
        expect(translated.subject).not.toBe(english.subject);
        expect(translated.html).toContain(`<html lang="${language}">`);
        const words = templateWords(translated);
        expect(phrases.filter((phrase) => words.includes(phrase)), `${name} in ${language}`).toEqual([]);
        // People's words stay as written.
        expect(translated.text).toContain(typedFacts.recipientName);
      }
    });
  }

  it("names the time in the reader's words and language", () => {
    expect(everyTemplate.reviewAssigned!("sq").text).toContain(formatBrusselsIn("sq", typedFacts.dueAt));
    expect(everyTemplate.reviewAssigned!("mk").text).toContain(formatBrusselsIn("mk", typedFacts.dueAt));
    expect(formatBrusselsIn("mk", typedFacts.dueAt)).not.toBe(formatBrusselsIn("en", typedFacts.dueAt));
  });

  it("counts with the language's plural forms: Serbian one, few and other", () => {
    const subject = (count: number) =>
      roundClosedDraftsEmail({
        ...about(),
        roundCode: "2026-R1",
        roundTitle: typedFacts.round,
        closedAt: typedFacts.dueAt,
        drafts: Array.from({ length: count }, (_, i) => ({ title: `Draft ${i}`, url: `${typedFacts.url}/${i}` })),
        language: "sr-Latn",
      }).subject;
    expect(subject(3)).toBe("2026-R1 je zatvoren: 3 nacrta nisu podnesena");
    expect(subject(5)).toBe("2026-R1 je zatvoren: 5 nacrta nije podneseno");
    expect(subject(21)).toBe("2026-R1 je zatvoren: 21 nacrt nije podnesen");
  });

  it("joins lists as the language does", () => {
    expect(everyTemplate.proposalSubmitted!("sq").text).toContain("Albania dhe Montenegro");
    expect(everyTemplate.proposalSubmitted!("mk").text).toContain("Albania и Montenegro");
  });
});
