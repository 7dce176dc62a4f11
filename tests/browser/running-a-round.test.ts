import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it, onTestFailed } from "vitest";
import { KOSOVO_FOOTNOTE } from "../../workflows/countries";
import { portalAndBrowser, seen, signIn, signOut, watchedPage } from "./support";

// A round as the TAF team runs it, from adding it to implementation, with every step of the
// administrator's reached through the portal's own links and buttons: the round is edited and
// opened, a joint proposal comes in, the eligibility desk asks for clarification, the lead adds a
// partner and answers, the desk confirms, one review and a released decision lead to a concept
// note, implementation starts, an activity is reported, implementation is put on hold and
// resumed, and the round's proposals are exported from the table of every proposal.

const running = portalAndBrowser();

const CODE = "2027-R1";
const TITLE = "First call for proposals 2027";
const PROPOSAL = "Joint financial investigations of cocaine money laundering";
const REFERENCE = `TAF-${CODE}-001`;
const QUESTION = "Who follows the money on the prosecution side? The check needs a prosecution office beside the two police services.";
const ANSWER = "The Public Prosecutor's Office of North Macedonia joins as a partner and leads the asset-recovery part.";
const SCORES: Record<string, number> = {
  "Relevance to SOC/CT priorities": 5,
  "Regional (cross-border) added value": 4,
  "Operational feasibility": 4,
  Sustainability: 4,
  "Value for money": 4,
};

/** A Brussels-time value for a `datetime-local` field, some days from now (its first ten characters: the day). */
function daysFromNow(days: number) {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10) + "T12:00";
}

/** Opens a main navigation entry, as anyone signed in does. */
async function navigate(page: Page, entry: string) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: entry, exact: true }).click();
}

/** The administrator's way to the proposal: Rounds, the round, its proposal. */
async function openProposalFromRound(page: Page) {
  await navigate(page, "Rounds");
  await page.getByRole("link", { name: TITLE }).click();
  await page.getByRole("link", { name: new RegExp(PROPOSAL) }).first().click();
  await seen(page, /Your next step|What happens next|This proposal is closed/);
}

/** An applicant's way to the proposal: from their home page. */
async function openProposalFromHome(page: Page) {
  await page.getByRole("link", { name: new RegExp(PROPOSAL) }).first().click();
  await seen(page, /Your next step|What happens next|This proposal is closed/);
}

/** An invited partner's applicant confirms from the proposal on their home page. */
async function confirmParticipation(page: Page, role: string) {
  await openProposalFromHome(page);
  await page.getByRole("link", { name: "Answer the invitation: confirm or decline" }).click();
  await page.getByLabel("Your institution's role in this proposal").fill(role);
  await page.getByRole("button", { name: "Confirm our participation" }).click();
  await seen(page, "Thank you: your institution's participation is confirmed.");
}

async function invite(page: Page, institution: string) {
  await page.getByRole("link", { name: "Invite and manage partners" }).click();
  await page.getByLabel("Name contains").fill(institution);
  await page.getByRole("button", { name: "Search the directory" }).click();
  await page.getByRole("button", { name: `Invite ${institution}` }).click();
  await seen(page, `${institution} is invited.`);
}

describe("running a round, in Chromium", { timeout: 180_000 }, () => {
  it("takes a round from its edit page to a proposal in implementation and the round's CSV, by links and buttons", async () => {
    const { page, problems } = await watchedPage(running.browser);
    page.setDefaultTimeout(30_000);
    // A long journey: where it stopped is easier to see than to read from a locator.
    onTestFailed(async () => {
      await page.screenshot({ path: "test-results/running-a-round-failed.png", fullPage: true });
    });
    const { portal } = running;

    // The round is added, edited (one review is enough in this call) and opened early.
    await signIn(portal, page, "admin@taf.example");
    await navigate(page, "Rounds");
    await page.getByRole("link", { name: "Add a round" }).click();
    await page.getByLabel("Code", { exact: true }).fill(CODE);
    await page.getByLabel("Title", { exact: true }).fill("First call 2027");
    await page.getByLabel("Opens", { exact: true }).fill(daysFromNow(7));
    await page.getByLabel("Closes", { exact: true }).fill(daysFromNow(60));
    await page.getByRole("button", { name: "Add the round" }).click();
    await seen(page, "The round is added as planned.");
    await page.getByRole("link", { name: /^Edit the round/ }).click();
    await page.getByLabel("Title", { exact: true }).fill(TITLE);
    await page.getByLabel("Guidance for applicants (optional)").fill("Proposals that follow the money across borders are especially welcome.");
    await page.getByLabel("Reviews needed for a decision").fill("1");
    await page.getByRole("button", { name: "Save the changes" }).click();
    await seen(page, "Your changes to the round are saved.");
    await page.getByRole("button", { name: "Open the round now" }).click();
    await seen(page, "The round is open: applicants can submit proposals.");
    await signOut(page);

    // Kosovo* Police drafts a proposal with the Albanian State Police, who confirm; it is submitted.
    await signIn(portal, page, "applicant.xk@taf.example");
    await page.getByRole("link", { name: "Start a proposal" }).click();
    await page.getByLabel(TITLE).check();
    await page.getByLabel("Working title").fill(PROPOSAL);
    await page.getByRole("button", { name: "Start the draft" }).click();
    await page.waitForURL(/\/proposals\/\d+\/edit/);
    await page.getByLabel("Summary").fill("Kosovo* Police and the Albanian State Police trace the proceeds of cocaine trafficking together.");
    await page.getByLabel("The problem and why it needs cross-border work").fill("The money moves through companies on both sides of the border; neither side sees all of it.");
    await page.getByLabel("Objectives").fill("Joint financial investigations and frozen assets in at least two cases.");
    await page.getByLabel("Planned activities").fill("A workshop on financial investigations and two operational meetings.");
    await page.getByLabel("Expected results").fill("Two joint cases with financial investigations, and trained investigators.");
    await page.getByLabel("Economic and financial crime").check();
    await page.getByLabel("Capacity building").check();
    await page.getByLabel("Intended start").fill("2027-06-01");
    await page.getByLabel("Duration in months").fill("8");
    await page.getByLabel("Estimated budget in EUR").fill("42000");
    await page.getByLabel("Contact person").fill("Arben Krasniqi, Kosovo* Police");
    await page.getByRole("button", { name: "Save draft" }).click();
    await seen(page, /Saved at \d\d:\d\d/);
    await page.getByRole("link", { name: "← The proposal's page" }).click();
    await invite(page, "Albanian State Police");
    await signOut(page);

    await signIn(portal, page, "applicant.al@taf.example");
    await confirmParticipation(page, "Our financial investigation unit works the Albanian side of the cases.");
    await signOut(page);

    await signIn(portal, page, "applicant.xk@taf.example");
    await openProposalFromHome(page);
    await page.getByRole("link", { name: "Preview and submit the proposal" }).click();
    await page.getByRole("button", { name: "Submit the proposal" }).click();
    await seen(page, `Submitted as ${REFERENCE}`);
    await signOut(page);

    // The desk shows it; the administrator asks who follows the money on the prosecution side.
    await signIn(portal, page, "admin@taf.example");
    await navigate(page, "Eligibility");
    const entry = page.getByRole("article", { name: new RegExp(REFERENCE) });
    await seen(page, REFERENCE);
    // The automatic check shows beside the forms: two countries, every part answered.
    await expect.poll(() => entry.getByText("passed every criterion").count()).toBe(1);
    await entry.getByLabel("Your question to the applicants").fill(QUESTION);
    await entry.getByRole("button", { name: "Request clarification" }).click();
    await seen(page, "The proposal is now at “Eligibility: waiting for the lead institution's answer”.");
    expect(await page.getByRole("article", { name: new RegExp(REFERENCE) }).count()).toBe(0);
    await signOut(page);

    // The lead invites the North Macedonian prosecutors, who confirm, and answers.
    await signIn(portal, page, "applicant.xk@taf.example");
    await openProposalFromHome(page);
    await seen(page, QUESTION);
    await invite(page, "Public Prosecutor's Office of North Macedonia");
    await signOut(page);
    await signIn(portal, page, "applicant.mk@taf.example");
    await confirmParticipation(page, "We lead the asset-recovery part and the prosecution of the joint cases.");
    await signOut(page);
    await signIn(portal, page, "applicant.xk@taf.example");
    await openProposalFromHome(page);
    await page.getByRole("link", { name: "Answer the question and resubmit" }).first().click();
    await page.getByLabel("Your answer to the TAF team").fill(ANSWER);
    await page.getByRole("button", { name: "Send the answer and resubmit" }).click();
    await seen(page, "resubmitted as a new version");
    await signOut(page);

    // Back on the desk with three countries behind it, it is confirmed there.
    await signIn(portal, page, "admin@taf.example");
    await navigate(page, "Eligibility");
    await seen(page, REFERENCE);
    await expect.poll(() => entry.getByText("Public Prosecutor's Office of North Macedonia").count()).toBeGreaterThan(0);
    await entry.getByRole("button", { name: "Confirm eligibility" }).click();
    await seen(page, "The proposal is now at “EU review: waiting for you to assign reviewers”.");

    // One reviewer, as the edited round asks; the review desk is reached from the round's page.
    await navigate(page, "Rounds");
    await page.getByRole("link", { name: TITLE }).click();
    await page.getByRole("link", { name: /^Review desk/ }).click();
    const card = page.getByRole("region", { name: new RegExp(REFERENCE) });
    const reviewer = card.getByLabel("Add a reviewer");
    await reviewer.selectOption((await reviewer.locator("option", { hasText: "Marco Bianchi" }).getAttribute("value")) ?? "");
    await card.getByRole("button", { name: "Assign the reviewer" }).click();
    await seen(page, "The reviewer is assigned and told by e-mail.");
    await card.getByRole("link", { name: new RegExp(REFERENCE) }).first().click();
    await page.getByRole("button", { name: "Start the EU review" }).click();
    await seen(page, "Done. The proposal is now at “EU review: waiting for the reviewers' scores”.");
    await signOut(page);

    await signIn(portal, page, "reviewer.eu@taf.example");
    await page.getByRole("row", { name: new RegExp(PROPOSAL) }).getByRole("link", { name: "Declare any conflict" }).click();
    await page.getByRole("button", { name: "I have no conflict of interest: show me the proposal" }).click();
    await seen(page, "Thank you: you declared no conflict of interest.");
    for (const [criterion, point] of Object.entries(SCORES)) {
      await page.getByRole("group", { name: criterion }).getByRole("radio", { name: new RegExp(`^${point} `) }).check();
    }
    await page.getByRole("group", { name: "Recommendation" }).getByRole("radio", { name: /^Promising/ }).check();
    await page.getByRole("group", { name: "Your confidence" }).getByRole("radio", { name: /^High/ }).check();
    await page.getByLabel("Comment for the applicants").fill("Name the cases the joint financial investigations start with.");
    await page.getByRole("button", { name: "Submit the review" }).click();
    await seen(page, "Your review is submitted.");
    await signOut(page);

    // The review closes, the decision is recorded, held and released from the round's decisions page.
    await signIn(portal, page, "admin@taf.example");
    await openProposalFromRound(page);
    await page.getByRole("button", { name: "Close the EU review" }).click();
    await seen(page, "Done. The proposal is now at “Selection: waiting for your decision”.");
    await page.getByLabel("Promising: go on to conceptual work").check();
    await page.getByLabel("Reason for the decision").fill("A strong review, and the prosecution side is now in.");
    await page.getByRole("button", { name: "Decide on selection" }).click();
    await seen(page, "Recorded and held. The applicants are told when the round's decisions are released.");
    await page.getByRole("link", { name: `Round ${CODE}` }).click();
    await page.getByRole("link", { name: /^Decisions/ }).click();
    const release = page.getByRole("region", { name: "Release" });
    await release.getByRole("checkbox", { name: /Tell the applicants now/ }).check();
    await release.getByRole("button", { name: "Release 1 decision" }).click();
    await seen(page, /Released: .+\. The applicants are told by e-mail\./);
    await signOut(page);

    // The lead writes the concept note; the TAF team approves it and starts implementation.
    await signIn(portal, page, "applicant.xk@taf.example");
    await openProposalFromHome(page);
    await page.getByRole("link", { name: "Write and submit the concept note" }).click();
    await seen(page, "Activities");
    if (!(await page.getByLabel("Kind of activity").count())) await page.getByRole("button", { name: "Add an activity" }).click();
    const activity = page.getByRole("group", { name: "Activity 1" });
    await activity.getByLabel("Kind of activity").selectOption("capacityBuilding");
    await activity.getByLabel("Title", { exact: true }).fill("Workshop on joint financial investigations");
    await activity.getByLabel("Date").fill("2027-06-15");
    await activity.getByLabel("Place").fill("Tirana");
    await activity.getByLabel("Number of participants").fill("24");
    // The institutions are the proposal's own: the lead and the partners that confirmed.
    await activity.getByRole("checkbox", { name: /Albanian State Police/ }).check();
    await activity.getByRole("checkbox", { name: /Kosovo\* Police/ }).check();
    await activity.getByRole("checkbox", { name: /Public Prosecutor.s Office of North Macedonia/ }).check();
    if (!(await page.getByLabel("Amount (EUR)").count())) await page.getByRole("button", { name: "Add a budget line" }).click();
    await page.getByLabel("Budget line 1: what it pays for").fill("Venue, interpretation and travel");
    await page.getByLabel("Amount (EUR)").fill("18000");
    await page.getByLabel("What could stop or delay the activities?").fill("A case may close before the workshop; another is chosen then.");
    await page.getByRole("button", { name: "Submit the concept note for review" }).click();
    await seen(page, "The concept note is submitted.");
    await signOut(page);

    await signIn(portal, page, "admin@taf.example");
    await openProposalFromRound(page);
    await page.getByRole("button", { name: "Approve the concept" }).click();
    await seen(page, "Done. The proposal is now at “Implementation: waiting for you to start it”.");
    await page.getByRole("button", { name: "Start implementation" }).click();
    await seen(page, "Done. The proposal is now at “Implementation: activities running”.");
    await signOut(page);

    // The lead reports the planned workshop as held.
    await signIn(portal, page, "applicant.xk@taf.example");
    await openProposalFromHome(page);
    await page.getByRole("link", { name: "Report on implementation" }).click();
    await page.getByText("Report this activity as held").click();
    const report = page.locator("details[open]");
    // Held earlier than planned: today, the day implementation started (a report of an activity
    // held before that is refused, and one is sent only once the activity is over).
    await report.getByLabel("Date it was held").fill(daysFromNow(0).slice(0, 10));
    await report.getByLabel("Number of participants").fill("22");
    await report.getByLabel("Outcome").fill("Twenty-two investigators agreed how to share bank records in the two cases.");
    await report.getByRole("button", { name: "Report the activity as held" }).click();
    await seen(page, "The activity is reported as held.");
    await signOut(page);

    // The TAF team sees it held on the timeline, puts implementation on hold and resumes it.
    await signIn(portal, page, "admin@taf.example");
    await navigate(page, "Activities");
    await seen(page, "Workshop on joint financial investigations");
    await openProposalFromRound(page);
    // Pausing is a rare step: it waits, folded, below the next step.
    await page.locator("summary", { hasText: /on hold/i }).click();
    await page.getByLabel("Reason").fill("The partners' elections put the joint cases on hold until the new governments are in office.");
    await page.getByRole("button", { name: "Put implementation on hold" }).click();
    await seen(page, "Done. The proposal is now at “Implementation: on hold until you resume it”.");
    await page.getByRole("button", { name: "Resume implementation" }).click();
    await seen(page, "Done. The proposal is now at “Implementation: activities running”.");

    // The round's proposals, as a CSV file from the table of every proposal.
    await navigate(page, "Proposals");
    await page.getByLabel("Round", { exact: true }).selectOption({ label: `${CODE}: ${TITLE}` });
    await page.getByRole("button", { name: "Show proposals" }).click();
    await seen(page, "1 proposal matches");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /as a CSV file/ }).click()]);
    const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "").trimEnd().split(/\r?\n/);
    expect(csv[0]).toMatch(/^Reference,/);
    const rows = csv.filter((line) => line.startsWith(REFERENCE));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(PROPOSAL);
    expect(rows[0]).toContain("Kosovo* Police");
    expect(csv.at(-1)).toContain(KOSOVO_FOOTNOTE);
    // The export is in the audit log.
    await navigate(page, "Audit log");
    await seen(page, "Exported the table of proposals");
    expect(problems).toEqual([]);
  });
});
