import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { advisorShares, auditLog, memberships, outbox, proposalComments, users } from "../../db/schema";
import { db } from "../../app/db.server";
import { applyProposalCommand } from "../../app/proposals/workflow.server";
import * as advisorsRoute from "../../app/routes/proposals.$proposalId.advisors";
import * as commentsRoute from "../../app/routes/proposals.$proposalId.comments";
import * as editRoute from "../../app/routes/proposals.$proposalId.edit";
import * as proposalRoute from "../../app/routes/proposals.$proposalId._index";
import { useDatabase } from "../support/database";
import { load, signInAs, statusOf, submit } from "../support/http";
import { actorFor, ALBANIAN_POLICE, KOSOVO_POLICE, makeProposal, makeRound, MK_PROSECUTION, T0 } from "../workflow-server/builders";

// Country advisors help the applicants of their country: they see a draft once its lead shares
// it with them, comment on it, and hear of the proposal's events once it is submitted.

useDatabase("demo");

const cookies: Record<string, string> = {};
const as = (who: string) => cookies[who]!;

beforeEach(async () => {
  const advisor = db().insert(users).values({ email: "advisor.al@taf.example", name: "Alma Advisor" }).returning().get();
  db().insert(memberships).values({ userId: advisor.id, role: "countryAdvisor", countryCode: "AL" }).run();
  for (const who of ["applicant.mk", "applicant.xk", "advisor.mk", "advisor.al", "admin"]) cookies[who] = await signInAs(`${who}@taf.example`);
});

/** A draft of North Macedonia's prosecution with the Kosovo* Police invited. */
function prosecutorsDraft(title = "Joint prosecution of firearms trafficking") {
  return makeProposal({ round: makeRound(), lead: MK_PROSECUTION, createdBy: "applicant.mk@taf.example", title, partners: [{ institution: KOSOVO_POLICE, status: "invited" }] });
}

const at = (id: number, page = "") => ({ path: `/proposals/${id}${page}`, params: { proposalId: String(id) } });
type Sharing = { shared: { byName: string } | null; countries: { label: string }[]; advisorCount: number; mayChange: boolean; isDraft: boolean };
type ProposalPage = { advisorSharing: Sharing; links: { label: string }[] };

async function openProposal(id: number, who: string) {
  const { path, params } = at(id);
  return load(proposalRoute, path, { cookie: as(who), params });
}
async function share(id: number, who: string, intent: string) {
  const { path, params } = at(id, "/advisors");
  return submit(advisorsRoute, path, { intent }, { cookie: as(who), params });
}
const auditActions = (id: number) =>
  db().select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.subjectType, "proposal"), eq(auditLog.subjectId, String(id)))).all().map((a) => a.action);

describe("sharing a draft with the country advisors", () => {
  it("the lead shares the draft: the advisors of the countries taking part open it, others do not; stopping hides it again", async () => {
    const draft = prosecutorsDraft();
    expect(statusOf(await openProposal(draft.id, "advisor.mk"))).toBe(404);
    const lead = (await openProposal(draft.id, "applicant.mk")) as ProposalPage;
    expect(lead.advisorSharing).toMatchObject({ shared: null, mayChange: true, isDraft: true });
    expect(lead.advisorSharing.countries.map((c) => c.label)).toEqual(["Kosovo*", "North Macedonia"]);
    // North Macedonia's advisor; Albania's takes no part, and Kosovo* has none yet.
    expect(lead.advisorSharing.advisorCount).toBe(1);

    const shared = await share(draft.id, "applicant.mk", "share");
    expect((shared as Response).headers.get("Location")).toBe(`/proposals/${draft.id}`);
    const advisorView = (await openProposal(draft.id, "advisor.mk")) as ProposalPage;
    expect(advisorView.advisorSharing).toMatchObject({ shared: { byName: "Marija Petrovska" }, mayChange: false });
    expect(advisorView.links.map((l) => l.label)).toContain("Comments");
    // Albania takes no part in it.
    expect(statusOf(await openProposal(draft.id, "advisor.al"))).toBe(404);
    // Sharing twice records it once.
    await share(draft.id, "applicant.mk", "share");
    expect(auditActions(draft.id)).toEqual(["draftSharedWithAdvisors"]);

    await share(draft.id, "applicant.mk", "stop");
    expect(statusOf(await openProposal(draft.id, "advisor.mk"))).toBe(404);
    expect(auditActions(draft.id)).toEqual(["draftSharedWithAdvisors", "draftSharingWithAdvisorsStopped"]);
  });

  it("only the lead shares, only while it may submit; a partner, an advisor or the TAF team cannot, and nothing changes", async () => {
    const draft = prosecutorsDraft();
    expect(statusOf(await share(draft.id, "applicant.xk", "share"))).toBe(403);
    expect(statusOf(await share(draft.id, "admin", "share"))).toBe(403);
    await share(draft.id, "applicant.mk", "share");
    expect(statusOf(await share(draft.id, "advisor.mk", "stop"))).toBe(403);
    const bad = (await share(draft.id, "applicant.mk", "shout")) as { error: string };
    expect(bad.error).toBe("Choose whether to share the draft or to stop sharing it.");
    expect(db().select().from(advisorShares).where(eq(advisorShares.proposalId, draft.id)).all()).toHaveLength(1);

    const submitted = makeProposal({ round: makeRound({ open: true }), lead: MK_PROSECUTION, createdBy: "applicant.mk@taf.example", partners: [{ institution: ALBANIAN_POLICE, status: "confirmed" }] });
    expect(applyProposalCommand({ proposalId: submitted.id, actor: actorFor("applicant.mk@taf.example"), command: { type: "SUBMIT" }, now: T0 }).ok).toBe(true);
    expect(statusOf(await share(submitted.id, "applicant.mk", "share"))).toBe(403);
    expect(((await openProposal(submitted.id, "applicant.mk")) as ProposalPage).advisorSharing.isDraft).toBe(false);
  });

  it("a shared draft that is discarded is hidden from the advisors again", async () => {
    const draft = prosecutorsDraft();
    await share(draft.id, "applicant.mk", "share");
    expect(applyProposalCommand({ proposalId: draft.id, actor: actorFor("applicant.mk@taf.example"), command: { type: "DISCARD" }, now: T0 }).ok).toBe(true);
    expect(statusOf(await openProposal(draft.id, "advisor.mk"))).toBe(404);
  });

  it("the advisor reads and never edits the shared draft", async () => {
    const draft = prosecutorsDraft();
    await share(draft.id, "applicant.mk", "share");
    const { path, params } = at(draft.id, "/edit");
    expect(statusOf(await load(editRoute, path, { cookie: as("advisor.mk"), params }))).toBe(403);
  });
});

describe("advisors in the discussion and the mail", () => {
  it("an advisor comments on a shared draft as its country's advisor; the applicants of every institution hear of it, the author does not", async () => {
    const draft = prosecutorsDraft();
    await share(draft.id, "applicant.mk", "share");
    const { path, params } = at(draft.id, "/comments");
    const result = await submit(commentsRoute, path, { body: "The Criminal Procedure Code allows the joint hearing; see article 12." }, { cookie: as("advisor.mk"), params });
    expect((result as Response).headers.get("Location")).toMatch(/#comment-\d+$/);
    expect(db().select().from(proposalComments).where(eq(proposalComments.proposalId, draft.id)).get()).toMatchObject({ institutionId: null, advisorCountryCode: "MK" });
    const mail = db().select().from(outbox).where(eq(outbox.template, "new-comment")).all();
    expect(mail.map((m) => m.recipient).sort()).toEqual(["applicant.mk@taf.example", "applicant.xk@taf.example"]);
    expect(mail[0]!.text).toContain("Elena Stojanovska (country advisor for North Macedonia) wrote:");
    const seen = (await load(commentsRoute, path, { cookie: as("applicant.xk"), params })) as { comments: { author: string | null; institution: string }[] };
    expect(seen.comments.at(-1)).toMatchObject({ author: "Elena Stojanovska", institution: "country advisor for North Macedonia" });
  });

  it("the applicants' comments reach the advisors once the draft is shared, not before", async () => {
    const draft = prosecutorsDraft();
    const { path, params } = at(draft.id, "/comments");
    const recipients = () => db().select().from(outbox).where(eq(outbox.template, "new-comment")).all().map((m) => m.recipient).sort();
    await submit(commentsRoute, path, { body: "A first thought, between us." }, { cookie: as("applicant.mk"), params });
    expect(recipients()).toEqual(["applicant.xk@taf.example"]);
    await share(draft.id, "applicant.mk", "share");
    await submit(commentsRoute, path, { body: "Now with the advisors." }, { cookie: as("applicant.mk"), params });
    expect(recipients()).toEqual(["advisor.mk@taf.example", "applicant.xk@taf.example", "applicant.xk@taf.example"]);
  });

  it("at submission the advisors of the countries standing behind it are told, as advisors; an advisor of another country is not", () => {
    const proposal = makeProposal({ round: makeRound({ open: true }), lead: MK_PROSECUTION, createdBy: "applicant.mk@taf.example", partners: [{ institution: KOSOVO_POLICE, status: "confirmed" }] });
    expect(applyProposalCommand({ proposalId: proposal.id, actor: actorFor("applicant.mk@taf.example"), command: { type: "SUBMIT" }, now: T0 }).ok).toBe(true);
    const mail = db().select().from(outbox).where(eq(outbox.template, "proposal-submitted")).all();
    expect(mail.map((m) => m.recipient).sort()).toEqual(["advisor.mk@taf.example", "applicant.mk@taf.example", "applicant.xk@taf.example"]);
    expect(mail.find((m) => m.recipient === "advisor.mk@taf.example")!.text).toContain("You receive this as the country advisor of a country taking part.");
    expect(mail.find((m) => m.recipient === "applicant.xk@taf.example")!.text).toContain("Your institution takes part in it as a partner.");
  });
});
