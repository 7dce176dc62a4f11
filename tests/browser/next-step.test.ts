import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { portalAndBrowser, proposalUrlByTitle, seen, signIn, signOut, watchedPage } from "./support";

// The proposal page's first panel, as each person reads it in Chromium over the demo: what they
// must do, with its button or link first; the steps that end or pause the proposal folded last;
// the statechart picture only for the TAF team.

const running = portalAndBrowser();

const VICTIMS = "Early identification of victims of trafficking in human beings in cross-border cases";
const COCAINE_ROUTES = "Joint operational analysis of cocaine routes through the port of Durrës";
const ASSETS = "Tracing and confiscating criminal assets across borders";
const DRUG_NETWORKS = "Joint investigations of complex drug-trafficking networks";

const DIAGRAM = "The process as a diagram (for the TAF team)";

/** The panel as the person reads it: its heading, its first action, and what is folded below it. */
async function panelOf(page: Page, title: string) {
  await page.goto(proposalUrlByTitle(running.portal, title));
  const panel = page.locator("section.next-step");
  await seen(page, title);
  const firstAction = panel.locator("a.button, .action-forms button").first();
  return {
    panel,
    heading: await panel.getByRole("heading", { level: 2 }).innerText(),
    first: (await firstAction.count()) ? await firstAction.innerText() : null,
    folded: (await panel.locator(".rare-steps").count()) ? await panel.locator(".rare-steps > h3").innerText() : null,
    foldedSteps: await panel.locator(".rare-steps summary").allInnerTexts(),
    diagram: await page.getByText(DIAGRAM).count(),
  };
}

async function as(page: Page, email: string, journey: () => Promise<void>) {
  await signIn(running.portal, page, email);
  await journey();
  await signOut(page);
}

describe("the next-step panel, in Chromium", { timeout: 180_000 }, () => {
  it("puts first what each person must do, folds the steps that end the proposal, and draws the statechart for the TAF team only", async () => {
    const { page, problems } = await watchedPage(running.browser);

    await as(page, "applicant.me@taf.example", async () => {
      const lead = await panelOf(page, VICTIMS);
      expect(lead).toMatchObject({ heading: "Your next step", first: "Answer the question and resubmit", folded: "If the proposal must end", diagram: 0 });
      expect(lead.foldedSteps).toEqual(["Withdraw the proposal…"]);
      // Folded: the destructive button is not on show until its disclosure is opened.
      await expect.poll(() => lead.panel.getByRole("button", { name: "Withdraw the proposal" }).isVisible()).toBe(false);
      await lead.panel.getByText("Withdraw the proposal…").click();
      await expect.poll(() => lead.panel.getByRole("button", { name: "Withdraw the proposal" }).isVisible()).toBe(true);
    });

    await as(page, "applicant.rs@taf.example", async () => {
      const partner = await panelOf(page, VICTIMS);
      expect(partner).toMatchObject({ heading: "What happens next", first: null, folded: null, diagram: 0 });
      await seen(page, "Nothing for you to do now: it is the turn of the lead institution.");
    });

    await as(page, "admin@taf.example", async () => {
      const team = await panelOf(page, COCAINE_ROUTES);
      expect(team).toMatchObject({ heading: "Your next step", first: "Confirm eligibility", folded: "If the proposal must end", diagram: 1 });
      expect(team.foldedSteps).toEqual(["Declare the proposal ineligible…"]);
      await seen(page, "Confirm eligibility, request clarification or re-run the automatic eligibility check.");
      // In implementation the lead reports; the TAF team may only pause or end it, both folded.
      const pausing = await panelOf(page, DRUG_NETWORKS);
      expect(pausing).toMatchObject({ heading: "What happens next", first: null, folded: "Other steps", diagram: 1 });
      expect(pausing.foldedSteps).toEqual(["Put implementation on hold…", "Cancel the implementation…"]);
    });

    await as(page, "reviewer.expert@taf.example", async () => {
      const reviewer = await panelOf(page, ASSETS);
      expect(reviewer).toMatchObject({ heading: "Your next step", first: "Continue your review", folded: null, diagram: 0 });
      await reviewer.panel.getByRole("link", { name: "Continue your review" }).click();
      await page.waitForURL(/\/reviews\/\d+$/);
      await seen(page, ASSETS);
    });

    await as(page, "applicant.xk@taf.example", async () => {
      const lead = await panelOf(page, DRUG_NETWORKS);
      expect(lead).toMatchObject({ heading: "Your next step", first: "Report on activities and submit the completion report", folded: null, diagram: 0 });
    });

    expect(problems).toEqual([]);
  });
});
