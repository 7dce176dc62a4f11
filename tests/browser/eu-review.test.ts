import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { KOSOVO_FOOTNOTE } from "../../workflows/countries";
import { openMail, portalAndBrowser, seen, signIn, signOut, watchedPage } from "./support";

// A round's EU review as the TAF team and the reviewers live it: the criteria, the review desk,
// a conflict of interest declared, a review scored and submitted, the ranking with its CSV, the
// decisions recorded, previewed and released, and the outcome e-mails the applicants receive.
// Demo proposal 6 (Albanian State Police with Kosovo* Police, TAF-2026-R2-002) waits for its
// eligibility decision: found eligible, it needs both demo reviewers. The demo's second call
// also holds a decision already (TAF-2026-R2-006, SIPA's firearms tracing), released with these.

const running = portalAndBrowser();

const REFERENCE = "TAF-2026-R2-002";
const TITLE = "Joint operational analysis of cocaine routes through the port of Durrës";
const CONFLICT = "I advised the Anti-Drug Unit of the Albanian State Police on its analysis of the port of Durrës last year.";
const INTERNAL_COMMENT = "The Anti-Drug Unit's port analysis is partly funded by another donor: check before the concept.";
const REVIEWER_COMMENT = "A clear operational need on both sides of the border; say who leads the joint report.";
const SMUGGLING = { reference: "TAF-2026-R2-004", title: "Migrant smuggling on the Balkan route: joint analysis of border crossings" };
const FIREARMS = { reference: "TAF-2026-R2-006", title: "Tracing seized firearms across borders: joint firearms focal points" };
// What the TAF team shares with each proposal's applicants, and what it keeps to itself.
const SHARED = {
  [REFERENCE]: "Promising: a joint analysis the two police services need. In the concept, please say who leads the joint report.",
  [SMUGGLING.reference]: "The problem matters, but the joint work is described only as meetings. A proposal that says what each side does between them would fit a later round.",
  [FIREARMS.reference]: "Promising: a concrete answer to firearms trafficking across three countries.",
};
const REASONS = {
  close: "The project expert declared a conflict of interest and no other reviewer is free before the selection meeting.",
  promising: "The one review in is strong on every criterion; the port is a priority of the EU Delegation.",
  notSelected: "Reviewers disagreed on the regional added value; the joint work is not yet defined.",
};
// Reviewers' names, scores, their comments and the TAF team's reasons, here and in the demo's held decision.
const NEVER_TO_APPLICANTS = [
  "Marco Bianchi",
  "Katrin Vogel",
  "4.00",
  "4.10",
  "Weighted",
  INTERNAL_COMMENT,
  REVIEWER_COMMENT,
  ...Object.values(REASONS),
  "Both reviewers recommend it",
  "The EU Delegation's firearms roadmap",
  "Check that the Serbian focal point",
];

/** The second call's page, reached as the administrator reaches it: Rounds, then the round. */
async function secondCall(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Rounds" }).click();
  await page.getByRole("link", { name: "Second call for proposals 2026" }).click();
  await seen(page, "The ranking of the reviewed proposals");
}

const SCORES: Record<string, number> = {
  "Relevance to SOC/CT priorities": 5,
  "Regional (cross-border) added value": 4,
  "Operational feasibility": 4,
  Sustainability: 3,
  "Value for money": 4,
};

describe("the EU review of a round, in Chromium", { timeout: 120_000 }, () => {
  it("takes a proposal from the review desk through a conflict and a submitted review to the ranking, its CSV, a released decision and the outcome e-mail", async () => {
    const { page, problems } = await watchedPage(running.browser);
    const { url } = running.portal;

    await signIn(running.portal, page, "admin@taf.example");
    // The second round's criteria are locked by the reviews already in; the rolling intake has none.
    await page.goto(`${url}/admin/rounds`);
    await page.getByRole("link", { name: "Second call for proposals 2026" }).click();
    await page.getByRole("link", { name: "The criteria reviewers score against" }).click();
    await seen(page, /The criteria are locked: \d+ reviews of this round are submitted/);
    await page.goto(`${url}/admin/rounds`);
    await page.getByRole("link", { name: "Rolling intake" }).click();
    await page.getByRole("link", { name: "The criteria reviewers score against" }).click();
    const feasibility = page.getByRole("group", { name: /^Criterion \d: Operational feasibility/ });
    await feasibility.getByLabel("Weight").fill("2");
    await feasibility.getByLabel("Guidance for reviewers").fill("Can the partners do the work in the time and with the people they name?");
    await page.getByRole("button", { name: "Save the criteria" }).click();
    await seen(page, "The criteria are saved. Reviewers score against them from now on.");
    expect(await feasibility.getByLabel("Weight").inputValue()).toBe("2");

    // Found eligible, the proposal comes to the desk, and gets both reviewers.
    await page.goto(`${url}/proposals/6`);
    await page.getByRole("button", { name: "Confirm eligibility" }).click();
    await seen(page, "Done. The proposal is now at “EU review: waiting for you to assign reviewers”.");
    await page.goto(`${url}/admin/rounds`);
    await page.getByRole("link", { name: "Second call for proposals 2026" }).click();
    await page.getByRole("link", { name: /^Review desk/ }).click();
    const card = () => page.getByRole("region", { name: `${REFERENCE} ${TITLE}` });
    for (const reviewer of ["Marco Bianchi", "Katrin Vogel"]) {
      const choice = card().getByLabel("Add a reviewer").locator("option", { hasText: reviewer });
      await card().getByLabel("Add a reviewer").selectOption((await choice.getAttribute("value")) ?? "");
      await card().getByRole("button", { name: "Assign the reviewer" }).click();
      await seen(page, "The reviewer is assigned and told by e-mail.");
      await expect.poll(() => card().getByRole("list", { name: `Reviewers of ${REFERENCE}` }).getByText(reviewer).count()).toBe(1);
    }
    await expect.poll(() => card().getByText("2 of 2 reviewers needed").count()).toBe(1);
    await page.goto(`${url}/proposals/6`);
    await page.getByRole("button", { name: "Start the EU review" }).click();
    await seen(page, "Done. The proposal is now at “EU review: waiting for the reviewers' scores”.");
    await signOut(page);

    // The project expert finds the assignment at home and declares a conflict of interest.
    await signIn(running.portal, page, "reviewer.expert@taf.example");
    const expertRow = page.getByRole("row", { name: new RegExp(TITLE) });
    await expertRow.getByRole("link", { name: "Declare any conflict" }).click();
    await page.getByLabel("Describe the conflict (the TAF team reads it)").fill(CONFLICT);
    await page.getByRole("button", { name: "Declare a conflict of interest" }).click();
    await seen(page, "You declared a conflict of interest.");
    await signOut(page);

    await signIn(running.portal, page, "admin@taf.example");
    await page.goto(`${url}/admin/rounds`);
    await page.getByRole("link", { name: "Second call for proposals 2026" }).click();
    await page.getByRole("link", { name: /^Review desk/ }).click();
    await seen(page, `Declared by the reviewer: ${CONFLICT}`);
    expect(await card().getByText("1 of 2 reviewers needed").count()).toBe(1);
    await signOut(page);

    // The EU Delegation's reviewer declares none, scores, saves, and submits.
    await signIn(running.portal, page, "reviewer.eu@taf.example");
    await page.getByRole("row", { name: new RegExp(TITLE) }).getByRole("link", { name: "Declare any conflict" }).click();
    await page.getByRole("button", { name: "I have no conflict of interest: show me the proposal" }).click();
    await seen(page, "Thank you: you declared no conflict of interest.");
    for (const [criterion, point] of Object.entries(SCORES)) {
      await page.getByRole("group", { name: criterion }).getByRole("radio", { name: new RegExp(`^${point} `) }).check();
    }
    await page.getByRole("group", { name: "Recommendation" }).getByRole("radio", { name: /^Promising/ }).check();
    await page.getByRole("group", { name: "Your confidence" }).getByRole("radio", { name: /^High/ }).check();
    await page.getByLabel("Comment for the applicants").fill(REVIEWER_COMMENT);
    await page.getByLabel("Internal comment for the TAF team").fill(INTERNAL_COMMENT);
    await page.getByRole("button", { name: "Save draft" }).click();
    await seen(page, /Saved at \d\d:\d\d/);
    await page.getByRole("button", { name: "Submit the review" }).click();
    await seen(page, "Your review is submitted. The other reviewers' reviews are shown below.");
    await seen(page, "No other reviewer has submitted a review yet.");
    // On a proposal whose other review is in, the submitted reviewer reads it.
    await page.goto(`${url}/`);
    await page.getByRole("row", { name: /Migrant smuggling on the Balkan route/ }).getByRole("link", { name: /^Submitted/ }).click();
    await seen(page, "The other reviews");
    await seen(page, "Please explain what each side will do between them, and who leads the joint investigation.");
    await signOut(page);

    // The ranking weighs the review: (5 + 4 + 4 + 3 + 4) / 5.
    await signIn(running.portal, page, "admin@taf.example");
    await page.goto(`${url}/admin/rounds`);
    await page.getByRole("link", { name: "Second call for proposals 2026" }).click();
    await page.getByRole("link", { name: "The ranking of the reviewed proposals" }).click();
    const rankingRow = page.getByRole("row", { name: new RegExp(REFERENCE) });
    await expect.poll(() => rankingRow.getByText("4.00").count()).toBeGreaterThan(0);
    // The link downloads the file; the browser's own request (its cookies) reads the same answer.
    const csvHref = (await page.getByRole("link", { name: "Download as CSV" }).getAttribute("href")) ?? "";
    const csv = await page.evaluate(async (href) => {
      const response = await fetch(href);
      return { type: response.headers.get("content-type") ?? "", body: await response.text() };
    }, csvHref);
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.body).toContain(REFERENCE);
    expect(csv.body.trimEnd().endsWith(KOSOVO_FOOTNOTE)).toBe(true);
    await page.screenshot({ path: "test-results/eu-review-ranking.png", fullPage: true });

    // The review closes early, with a reason: the conflict left one review of the two the round asks for.
    await rankingRow.getByRole("link", { name: REFERENCE }).click();
    await page.getByLabel("Reason for closing early").fill(REASONS.close);
    await page.getByRole("button", { name: "Close the EU review" }).click();
    await seen(page, "Done. The proposal is now at “Selection: waiting for your decision”.");
    // Both reviews in: it closes as the round asks, with no reason needed.
    await secondCall(page);
    await page.getByRole("link", { name: "The ranking of the reviewed proposals" }).click();
    await page.getByRole("row", { name: new RegExp(SMUGGLING.reference) }).getByRole("link", { name: SMUGGLING.reference }).click();
    await page.getByRole("button", { name: "Close the EU review" }).click();
    await seen(page, "Done. The proposal is now at “Selection: waiting for your decision”.");

    // "Promising" for the proposal, ticked in the ranking; held, it lands on the decisions page.
    await secondCall(page);
    await page.getByRole("link", { name: "The ranking of the reviewed proposals" }).click();
    await page.getByLabel(`Decide on ${REFERENCE}`).check();
    await page.getByLabel("Promising: go on to conceptual work").check();
    await page.getByLabel("Reason for the decision").fill(REASONS.promising);
    await page.getByLabel("Comments shared with the applicants (optional)").fill(SHARED[REFERENCE]!);
    await page.getByRole("button", { name: "Record and hold" }).click();
    await seen(page, `Recorded and held: ${REFERENCE} · ${TITLE}.`);
    expect(page.url()).toMatch(/\/admin\/rounds\/\d+\/decisions$/);

    // "Not selected" for the one the reviewers disagree on, from the decisions page.
    await page.getByLabel(`Decide on ${SMUGGLING.reference} · ${SMUGGLING.title}`).check();
    await page.getByLabel("Not selected").check();
    await page.getByLabel("Reason for the decision").fill(REASONS.notSelected);
    await page.getByLabel("Comments shared with the applicants (optional)").fill(SHARED[SMUGGLING.reference]!);
    await page.getByRole("button", { name: "Record and hold" }).click();
    await seen(page, `Recorded and held: ${SMUGGLING.reference} · ${SMUGGLING.title}.`);

    // Nothing has reached the applicants: the e-mails are previewed, each with the shared comments only.
    const release = page.getByRole("region", { name: "Release" });
    for (const reference of [REFERENCE, SMUGGLING.reference, FIREARMS.reference]) {
      const preview = (await release.getByRole("article").filter({ hasText: reference }).locator("pre").textContent()) ?? "";
      expect(preview, reference).toContain(SHARED[reference]!);
      for (const hidden of NEVER_TO_APPLICANTS) expect(preview, reference).not.toContain(hidden);
    }
    await page.screenshot({ path: "test-results/eu-review-decisions.png", fullPage: true });
    await release.getByRole("checkbox", { name: /Tell the applicants now/ }).check();
    await release.getByRole("button", { name: "Release 3 decisions" }).click();
    await seen(page, /Released: .+\. The applicants are told by e-mail\./);
    await seen(page, "No decision is held.");

    // Each proposal's applicants are owed exactly one outcome e-mail (its lead, and the partners'
    // applicants), and so is the country advisor of a country taking part (North Macedonia's).
    const database = new Database(running.portal.databasePath, { readonly: true });
    const owed = database.prepare("select recipient, subject from outbox where template = 'selection-outcome'").all() as { recipient: string; subject: string }[];
    database.close();
    const owedTo = owed.map((mail) => `${mail.recipient} ${/TAF-\d{4}-R\d-\d{3}/.exec(mail.subject)?.[0]}`).sort();
    expect(owedTo).toEqual([
      `advisor.mk@taf.example ${SMUGGLING.reference}`,
      `applicant.al@taf.example ${REFERENCE}`,
      `applicant.al@taf.example ${SMUGGLING.reference}`,
      `applicant.ba@taf.example ${FIREARMS.reference}`,
      `applicant.mk@taf.example ${SMUGGLING.reference}`,
      `applicant.xk@taf.example ${REFERENCE}`,
    ]);
    const leads = [
      { address: "applicant.al@taf.example", subject: `${REFERENCE} is selected: ${TITLE}`, reference: REFERENCE },
      { address: "applicant.mk@taf.example", subject: `Result of the EU review for ${SMUGGLING.reference}: ${SMUGGLING.title}`, reference: SMUGGLING.reference },
      { address: "applicant.ba@taf.example", subject: `${FIREARMS.reference} is selected: ${FIREARMS.title}`, reference: FIREARMS.reference },
    ];
    for (const lead of leads) {
      await openMail(running.portal, page, lead.address, lead.subject);
      await seen(page, "Text version");
      const mail = (await page.locator("main").textContent()) ?? "";
      expect(mail, lead.reference).toContain(SHARED[lead.reference]!);
      for (const hidden of NEVER_TO_APPLICANTS) expect(mail, lead.reference).not.toContain(hidden);
      await page.getByRole("link", { name: "Back to the mailbox" }).click();
      await page.getByLabel("Recipient contains").fill(lead.address);
      await page.getByRole("button", { name: "Search mail" }).click();
      await seen(page, `to addresses containing “${lead.address}”`);
      expect(await page.getByRole("link", { name: lead.subject }).count(), lead.address).toBe(1);
    }
    expect(problems).toEqual([]);
  });
});
