import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import type { FieldComparison } from "../../app/proposals/versions.server";
import * as page from "../../app/routes/proposals.$proposalId.versions";
import { applyProposalCommand } from "../../app/proposals/workflow.server";
import { attachments, proposals } from "../../db/schema";
import { load, signInAs, statusOf } from "../support/http";
import { useDatabase } from "../support/database";
import { actorFor, demoProposalId } from "../workflow-server/builders";

// Frozen versions, and the comparison of two of the same kind with the changed words marked.

type Page = Awaited<ReturnType<typeof page.loader>>;

const view = async (email: string | null, proposalId: number, query = "") =>
  load(page, `/proposals/${proposalId}/versions${query}`, { cookie: email ? await signInAs(email) : null, params: { proposalId: String(proposalId) } });

const kind = (p: Page, k: "proposal" | "conceptNote") => p.kinds.find((view) => view.kind === k)!;
const field = (p: Page, k: "proposal" | "conceptNote", key: string) => kind(p, k).comparison!.fields.find((f) => f.key === key)!;
const marked = (f: FieldComparison, side: "left" | "right", mark: "removed" | "added") =>
  f[side]
    .filter((piece) => piece.mark === mark)
    .map((piece) => piece.text.trim())
    .join("|");

// Demo proposals: "victims" submitted once, with a clarification requested; "drug networks"
// with its concept note approved; "following the money" with its concept note sent back.
const victims = () => demoProposalId("victims");
const followTheMoney = () => demoProposalId("followTheMoney");

/** What the lead's edit form would save: the working content, changed in place. */
function edit(proposalId: number, change: (content: Record<string, unknown>) => Record<string, unknown>) {
  const row = db().select().from(proposals).where(eq(proposals.id, proposalId)).get()!;
  db().update(proposals).set({ content: change(row.content) }).where(eq(proposals.id, proposalId)).run();
}

useDatabase("demo");

describe("a proposal with one version", () => {
  it("says so and shows it, with themes and support kinds in words", async () => {
    const versions = (await view("applicant.me@taf.example", victims())) as Page;
    const proposal = kind(versions, "proposal");
    expect(proposal.versions.map((v) => [v.number, v.what, v.by])).toEqual([[1, "Submitted", "Nikola Vuković"]]);
    expect(proposal.comparison).toBeNull();
    const shown: Record<string, string> = Object.fromEntries(proposal.only!.map((f) => [f.key, f.text]));
    expect(shown.themes).toBe("Trafficking in human beings");
    expect(shown.supportKinds).toBe("Practice-oriented exchange\nCapacity building (training, workshop, study visit)");
    expect(shown.budgetEur).toBe("€30,000");
    expect(shown.durationMonths).toBe("6 months");
    expect(shown.intendedStart).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    expect(kind(versions, "conceptNote").versions).toEqual([]);
  });

  it("shows a concept note's activities and budget lines as readable lines", async () => {
    const versions = (await view("applicant.xk@taf.example", demoProposalId("drugNetworks"))) as Page;
    const note: Record<string, string> = Object.fromEntries(kind(versions, "conceptNote").only!.map((f) => [f.key, f.text]));
    expect(note.activities?.split("\n")).toHaveLength(3);
    expect(note.activities).toMatch(/^Networking or operational meeting: Operational meeting to compare the three investigations\. \d{1,2} [A-Z][a-z]+ \d{4}, Pristina, 18 participants, Albania: Albanian State Police, Kosovo\*: Kosovo\* Police, North Macedonia: Public Prosecutor's Office of North Macedonia$/m);
    expect(note.budgetLines).toBe(
      "Travel and accommodation for three meetings: €38,000\nInterpretation (Albanian, Macedonian, English): €9,000\nExpert fees: €12,000\nTotal: €59,000",
    );
  });
});

describe("comparing after the applicants answered a clarification request", () => {
  beforeEach(() => {
    const lead = actorFor("applicant.me@taf.example");
    edit(victims(), (content) => ({
      ...content,
      activities: "A joint workshop on indicators, a practice exchange on recorded hearings in Belgrade and a training for border police officers.",
      themes: ["traffickingInHumanBeings", "migrantSmuggling"],
      budgetEur: 32000,
    }));
    // Added while the clarification was open: listed with version 2, not with version 1.
    db()
      .insert(attachments)
      .values({ proposalId: victims(), uploadedByUserId: lead.userId, originalName: "Legal opinion on recorded hearings.pdf", storedName: "versions-test.pdf", mediaType: "application/pdf", sizeBytes: 1000, sha256: "0".repeat(64), createdAt: new Date() })
      .run();
    const outcome = applyProposalCommand({ proposalId: victims(), actor: lead, command: { type: "RESPOND", message: "The border police units and two victim support NGOs take part as participants." } });
    expect(outcome).toMatchObject({ ok: true });
  });

  it("compares the last two versions by default, marking removed and added words", async () => {
    const versions = (await view("applicant.me@taf.example", victims())) as Page;
    const proposal = kind(versions, "proposal");
    expect(proposal.versions.map((v) => [v.number, v.what])).toEqual([
      [1, "Submitted"],
      [2, "Resubmitted with an answer to a clarification request"],
    ]);
    expect(proposal.comparison).toMatchObject({ from: 1, to: 2 });
    expect(proposal.notice).toBeNull();

    const activities = field(versions, "proposal", "activities");
    expect(activities.changed).toBe(true);
    expect(marked(activities, "left", "removed")).toBe("first-line officials");
    expect(marked(activities, "right", "added")).toBe("in Belgrade|border police officers");
    // Each side reads as its own version: kept words plus its own changes.
    expect(activities.left.map((p) => p.text).join("")).toBe("A joint workshop on indicators, a practice exchange on recorded hearings and a training for first-line officials.");
    expect(activities.right.map((p) => p.text).join("")).toBe("A joint workshop on indicators, a practice exchange on recorded hearings in Belgrade and a training for border police officers.");
    expect(activities.left.some((p) => p.mark === "added")).toBe(false);
    expect(activities.right.some((p) => p.mark === "removed")).toBe(false);

    expect(marked(field(versions, "proposal", "themes"), "right", "added")).toContain("Migrant smuggling");
    expect(marked(field(versions, "proposal", "budgetEur"), "left", "removed")).toBe("30");
    expect(marked(field(versions, "proposal", "budgetEur"), "right", "added")).toBe("32");
    expect(marked(field(versions, "proposal", "attachments"), "right", "added")).toBe("Legal opinion on recorded hearings.pdf");

    const summary = field(versions, "proposal", "summary");
    expect(summary.changed).toBe(false);
    expect(summary.left).toEqual(summary.right);
    expect(proposal.comparison!.changedCount).toBe(4);
  });

  it("compares the versions asked for, and falls back to the last two for a version that does not exist", async () => {
    const reversed = (await view("applicant.me@taf.example", victims(), "?proposalFrom=2&proposalTo=1")) as Page;
    expect(kind(reversed, "proposal").comparison).toMatchObject({ from: 2, to: 1 });
    expect(marked(field(reversed, "proposal", "activities"), "right", "added")).toBe("first-line officials");

    const missing = (await view("applicant.me@taf.example", victims(), "?proposalFrom=9&proposalTo=2")) as Page;
    expect(kind(missing, "proposal").comparison).toMatchObject({ from: 1, to: 2 });
    expect(kind(missing, "proposal").notice).toBe("There is no version 9, so the last two versions are compared.");

    const nonsense = (await view("applicant.me@taf.example", victims(), "?proposalFrom=abc&proposalTo=-1")) as Page;
    expect(kind(nonsense, "proposal").comparison).toMatchObject({ from: 1, to: 2 });
  });

  it("is open to everyone who may see the proposal, and to no one else", async () => {
    for (const email of ["applicant.me@taf.example", "applicant.rs@taf.example", "admin@taf.example"]) {
      expect(statusOf(await view(email, victims()))).toBe(200);
    }
    expect(statusOf(await view("applicant.xk@taf.example", victims()))).toBe(404);
    expect(statusOf(await view("advisor.mk@taf.example", victims()))).toBe(404);
    expect(((await view(null, victims())) as Response).headers.get("Location")).toMatch(/^\/login/);
  });
});

describe("comparing concept notes", () => {
  it("compares the concept note resubmitted after a revision request with the first", async () => {
    edit(followTheMoney(), (content) => {
      const note = content.conceptNote as { activities: Record<string, unknown>[]; budgetLines: { item: string; amountEur: number }[]; risks: string };
      return {
        ...content,
        conceptNote: { ...note, activities: note.activities.slice(0, -1), budgetLines: [...note.budgetLines, { item: "Expert fees", amountEur: 5000 }] },
      };
    });
    const outcome = applyProposalCommand({ proposalId: followTheMoney(), actor: actorFor("applicant.rs@taf.example"), command: { type: "SUBMIT_CONCEPT", answer: "The budget has a line for expert fees." } });
    expect(outcome).toMatchObject({ ok: true });

    const versions = (await view("applicant.ba@taf.example", followTheMoney())) as Page;
    const note = kind(versions, "conceptNote");
    expect(note.versions.map((v) => v.what)).toEqual(["Concept note submitted", "Concept note resubmitted after a revision request"]);
    expect(note.comparison).toMatchObject({ from: 1, to: 2, changedCount: 2 });
    expect(field(versions, "conceptNote", "activities").left.some((p) => p.mark === "removed")).toBe(true);
    expect(marked(field(versions, "conceptNote", "budgetLines"), "right", "added")).toContain("Expert fees: €5,000");
    expect(field(versions, "conceptNote", "risks").changed).toBe(false);
  });
});
