import { describe, expect, it } from "vitest";
import { KOSOVO_FOOTNOTE } from "../../workflows/countries";
import { portalAndBrowser, seen, signIn, signOut, watchedPage } from "./support";

// A round's EU review as the TAF team and the reviewers live it: the criteria, the review desk,
// a conflict of interest declared, a review scored and submitted, and the ranking with its CSV.
// Demo proposal 6 (Albanian State Police with Kosovo* Police, TAF-2026-R2-002) waits for its
// eligibility decision: found eligible, it needs both demo reviewers.

const running = portalAndBrowser();

const REFERENCE = "TAF-2026-R2-002";
const TITLE = "Joint operational analysis of cocaine routes through the port of Durrës";
const CONFLICT = "I advised the Anti-Drug Unit of the Albanian State Police on its analysis of the port of Durrës last year.";
const SCORES: Record<string, number> = {
  "Relevance to SOC/CT priorities": 5,
  "Regional (cross-border) added value": 4,
  "Operational feasibility": 4,
  Sustainability: 3,
  "Value for money": 4,
};

describe("the EU review of a round, in Chromium", { timeout: 120_000 }, () => {
  it("takes a proposal from the review desk through a conflict and a submitted review to the ranking and its CSV", async () => {
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
    await seen(page, "Done. The proposal is now at “Assigning reviewers”.");
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
    await seen(page, "Done. The proposal is now at “Reviewing”.");
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
    await page.getByLabel("Comment for the applicants").fill("A clear operational need on both sides of the border; say who leads the joint report.");
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
    expect(problems).toEqual([]);
  });
});
