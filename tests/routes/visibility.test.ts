import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { loadDemoData } from "../../app/demo/demo.server";
import * as roundPage from "../../app/routes/admin.rounds.$roundId";
import * as proposalPage from "../../app/routes/proposals.$proposalId._index";
import * as advisorsPage from "../../app/routes/proposals.$proposalId.advisors";
import * as attachmentsPage from "../../app/routes/proposals.$proposalId.attachments";
import * as attachmentDownload from "../../app/routes/proposals.$proposalId.attachments.$attachmentId";
import * as commentsPage from "../../app/routes/proposals.$proposalId.comments";
import * as partnersPage from "../../app/routes/proposals.$proposalId.partners";
import * as versionsPage from "../../app/routes/proposals.$proposalId.versions";
import * as home from "../../app/routes/_index";
import { attachments, memberships, proposals, rounds, users } from "../../db/schema";
import { load, ORIGIN, signInAs, statusOf, submit } from "../support/http";
import { actorFor, KOSOVO_POLICE, makeProposal, makeRound, MK_PROSECUTION, T0 } from "../workflow-server/builders";
import { applyProposalCommand } from "../../app/proposals/workflow.server";

// Who sees which proposal is one rule (visibleProposals in app/permissions.server.ts): what a
// person finds listed is exactly what they may open, whoever they are.

type Pages = { param: string; page: number; pageCount: number };
type List = { rows: { id: number; title: string; proposalOpen?: boolean }[]; pages: Pages };
type Home = Awaited<ReturnType<typeof home.loader>>;

const ADVISOR_AND_REVIEWER = "advisor.reviewer@taf.example";

beforeAll(async () => {
  await loadDemoData(db());
  // Someone with two roles sees what each role sees, no more.
  const person = db().insert(users).values({ email: ADVISOR_AND_REVIEWER, name: "Dragana Ilić" }).returning().get();
  db()
    .insert(memberships)
    .values([
      { userId: person.id, role: "reviewer", affiliation: "Project expert" },
      { userId: person.id, role: "countryAdvisor", countryCode: "RS" },
    ])
    .run();
});

function titleOf(id: number) {
  return db().select({ title: proposals.title }).from(proposals).where(eq(proposals.id, id)).get()!.title;
}

/** Every row of a list, following its Next links as a person would. */
async function everyRow(first: List, at: (params: URLSearchParams) => Promise<List>) {
  const rows = [...first.rows];
  for (let page = 2; page <= first.pages.pageCount; page++) {
    rows.push(...(await at(new URLSearchParams({ [first.pages.param]: String(page) }))).rows);
  }
  return rows;
}

/**
 * The titles a person finds listed: their home page's lists and, for the TAF team, the page of
 * each round (where drafts and finished proposals are listed).
 */
async function listedFor(cookie: string) {
  const homeAt = async (params = new URLSearchParams()) => (await load(home, `/?${params}`, { cookie })) as Home;
  const data = await homeAt();
  const lists: [List | undefined, (home: Home) => List | undefined][] = [
    [data.applicant?.proposals, (h) => h.applicant?.proposals],
    [data.reviewer?.assignments, (h) => h.reviewer?.assignments],
    [data.countryAdvisor?.proposals, (h) => h.countryAdvisor?.proposals],
    [data.administrator?.proposals, (h) => h.administrator?.proposals],
  ];
  const listed = new Set<string>();
  for (const [list, pick] of lists) {
    if (!list) continue;
    // A review assignment at its conflict check names the proposal but does not open it.
    for (const row of await everyRow(list, async (params) => pick(await homeAt(params))!)) if (row.proposalOpen !== false) listed.add(row.title);
  }
  if (data.administrator) {
    for (const round of db().select({ id: rounds.id }).from(rounds).all()) {
      const roundAt = async (params = new URLSearchParams()) =>
        ((await load(roundPage, `/admin/rounds/${round.id}?${params}`, { cookie, params: { roundId: String(round.id) } })) as { proposals: List }).proposals;
      for (const row of await everyRow(await roundAt(), roundAt)) listed.add(row.title);
    }
  }
  return [...listed].sort();
}

/** The titles of the proposals whose page opens for the person; any other answer than 200 or 404 fails. */
async function openableFor(cookie: string) {
  const openable: string[] = [];
  for (const { id } of db().select({ id: proposals.id }).from(proposals).all()) {
    const status = statusOf(await load(proposalPage, `/proposals/${id}`, { cookie, params: { proposalId: String(id) } }));
    expect([200, 404]).toContain(status);
    if (status === 200) openable.push(titleOf(id));
  }
  return openable.sort();
}

async function seenBy(email: string) {
  const cookie = await signInAs(email);
  return { listed: await listedFor(cookie), openable: await openableFor(cookie) };
}

describe("one rule for who sees which proposal", () => {
  it("lists on a person's pages exactly the proposals whose page opens for them, for every demo person", async () => {
    const people = db().select({ email: users.email }).from(users).orderBy(users.email).all();
    expect(people.length).toBeGreaterThanOrEqual(11);
    const everyTitle = db()
      .select({ title: proposals.title })
      .from(proposals)
      .all()
      .map((p) => p.title)
      .sort();
    for (const { email } of people) {
      const { listed, openable } = await seenBy(email);
      expect({ email, listed }).toEqual({ email, listed: openable });
      if (email === "admin@taf.example") expect(openable).toEqual(everyTitle);
      else expect(openable.length).toBeLessThan(everyTitle.length);
    }
  });

  it("shows applicants their institution's drafts and the proposals they are invited to, reviewers their assignments, advisors their country's submitted proposals", async () => {
    const invitedDraft = "Cybercrime: cross-border electronic evidence";
    expect((await seenBy("applicant.xk@taf.example")).listed).toContain(invitedDraft);
    expect((await seenBy("applicant.rs@taf.example")).listed).toContain(invitedDraft);
    expect((await seenBy("applicant.ba@taf.example")).listed).not.toContain(invitedDraft);
    // The draft leads from Kosovo* with a Serbian partner invited: not yet for either country's advisor.
    expect((await seenBy(ADVISOR_AND_REVIEWER)).listed).not.toContain(invitedDraft);

    const macedonian = "Prosecuting returning foreign terrorist fighters: a regional practice exchange";
    expect((await seenBy("advisor.mk@taf.example")).listed).toContain(macedonian);
    // Its EU review is long closed: its reviewers see nothing of it any more.
    const reviewed = (await seenBy("reviewer.eu@taf.example")).listed;
    expect(reviewed).not.toContain(macedonian);
    // A reviewer with nothing assigned who advises on Serbia sees Serbia's submitted proposals only.
    const both = (await seenBy(ADVISOR_AND_REVIEWER)).listed;
    expect(both).toContain("Following the money: financial investigations of migrant-smuggling networks");
    expect(both).not.toContain(macedonian);
  });

  it("keeps drafts, discarded ones included, from the country advisors of the institutions writing them", async () => {
    const round = makeRound();
    const partners = [{ institution: KOSOVO_POLICE, status: "confirmed" as const }];
    const lead = { lead: MK_PROSECUTION, createdBy: "applicant.mk@taf.example", partners };
    const draft = makeProposal({ ...lead, round, title: "A draft the prosecutors are still writing" });
    const discarded = makeProposal({ ...lead, round, title: "A draft the prosecutors threw away" });
    const submitted = makeProposal({ ...lead, round, title: "A proposal the prosecutors sent" });
    const applicant = actorFor("applicant.mk@taf.example");
    expect(applyProposalCommand({ proposalId: discarded.id, actor: applicant, command: { type: "DISCARD" }, now: T0 }).ok).toBe(true);
    expect(applyProposalCommand({ proposalId: submitted.id, actor: applicant, command: { type: "SUBMIT" }, now: T0 }).ok).toBe(true);

    const writers = await seenBy("applicant.mk@taf.example");
    expect(writers.openable).toEqual(expect.arrayContaining([draft.title, discarded.title, submitted.title]));
    const advisor = await seenBy("advisor.mk@taf.example");
    expect(advisor.openable).toContain(submitted.title);
    expect(advisor.openable).not.toContain(draft.title);
    expect(advisor.openable).not.toContain(discarded.title);
    expect(advisor.listed).toEqual(advisor.openable);
  });

  it("opens a draft to the advisors of the countries taking part once its lead shares it, and closes it again when the lead stops", async () => {
    const round = makeRound();
    const title = "A draft the prosecutors ask their advisors about";
    const draft = makeProposal({ round, title, lead: MK_PROSECUTION, createdBy: "applicant.mk@taf.example", partners: [{ institution: KOSOVO_POLICE, status: "invited" }] });
    const lead = await signInAs("applicant.mk@taf.example");
    const sharing = (intent: string) => submit(advisorsPage, `/proposals/${draft.id}/advisors`, { intent }, { cookie: lead, params: { proposalId: String(draft.id) } });
    await sharing("share");
    const advisor = await seenBy("advisor.mk@taf.example");
    expect(advisor.openable).toContain(title);
    expect(advisor.listed).toEqual(advisor.openable);
    // The advisor of Serbia (the second role of this person) takes no part in it.
    expect((await seenBy(ADVISOR_AND_REVIEWER)).openable).not.toContain(title);
    await sharing("stop");
    const after = await seenBy("advisor.mk@taf.example");
    expect(after.openable).not.toContain(title);
    expect(after.listed).toEqual(after.openable);
  });

  it("keeps a draft shared and then discarded from its advisors on every page of it, from reviewers too, and leaves it to the TAF team", async () => {
    const round = makeRound();
    const title = "A shared draft the prosecutors then threw away";
    const draft = makeProposal({ round, title, lead: MK_PROSECUTION, createdBy: "applicant.mk@taf.example", partners: [{ institution: KOSOVO_POLICE, status: "confirmed" }] });
    const lead = await signInAs("applicant.mk@taf.example");
    const params = { proposalId: String(draft.id) };
    await submit(advisorsPage, `/proposals/${draft.id}/advisors`, { intent: "share" }, { cookie: lead, params });
    const form = new FormData();
    form.append("intent", "upload");
    form.append("file", new File([Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")], "budget.pdf", { type: "application/pdf" }));
    const request = new Request(`${ORIGIN}/proposals/${draft.id}/attachments`, { method: "POST", headers: { Cookie: lead }, body: form });
    expect(await attachmentsPage.action({ request, params, context: {} })).toMatchObject({ ok: true });
    const attachment = db().select({ id: attachments.id }).from(attachments).where(eq(attachments.proposalId, draft.id)).get()!;
    expect(applyProposalCommand({ proposalId: draft.id, actor: actorFor("applicant.mk@taf.example"), command: { type: "DISCARD" }, now: T0 }).ok).toBe(true);

    const pages = [
      [proposalPage, `/proposals/${draft.id}`, params],
      [versionsPage, `/proposals/${draft.id}/versions`, params],
      [attachmentsPage, `/proposals/${draft.id}/attachments`, params],
      [attachmentDownload, `/proposals/${draft.id}/attachments/${attachment.id}`, { ...params, attachmentId: String(attachment.id) }],
      [partnersPage, `/proposals/${draft.id}/partners`, params],
      [commentsPage, `/proposals/${draft.id}/comments`, params],
      [advisorsPage, `/proposals/${draft.id}/advisors`, params],
    ] as const;
    const statuses = async (email: string) => {
      const cookie = await signInAs(email);
      const answers: Record<string, number> = {};
      // A page's `.data` answer is its loader's: the same call.
      for (const [route, path, routeParams] of pages) answers[path] = statusOf(await load(route, path, { cookie, params: routeParams }));
      return answers;
    };
    const everywhere = (status: number) => Object.fromEntries(pages.map(([, path]) => [path, status]));
    expect(await statuses("advisor.mk@taf.example")).toEqual(everywhere(404));
    expect(await statuses("reviewer.eu@taf.example")).toEqual(everywhere(404));
    expect(await statuses("applicant.al@taf.example")).toEqual(everywhere(404));
    expect((await seenBy("advisor.mk@taf.example")).listed).not.toContain(title);
    // The TAF team reads every proposal, discarded ones included, as it did before.
    expect(await statuses("admin@taf.example")).toEqual(everywhere(200));
    expect((await seenBy("applicant.mk@taf.example")).openable).toContain(title);
  });
});
