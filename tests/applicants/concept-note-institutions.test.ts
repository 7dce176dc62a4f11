import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import * as concept from "../../app/routes/proposals.$proposalId.concept";
import { proposals } from "../../db/schema";
import { load, signInAs, submit } from "../support/http";
import { demoProposalId, institutionId, KOSOVO_POLICE, RS_PROSECUTION } from "../workflow-server/builders";
import { useDatabase } from "../support/database";

// The concept note's institutions are ticked among the proposal's own (issue 10), not retyped:
// on the demo's "following the money" (Serbia's OC prosecutor leads, SIPA confirmed).

const SIPA = "State Investigation and Protection Agency (SIPA)";
const LEAD = "applicant.rs@taf.example";
const followTheMoney = () => demoProposalId("followTheMoney");

type Page = Awaited<ReturnType<typeof concept.loader>>;
type Reply = { result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> | null }; notice: string | null };

useDatabase("demo");

const options = async () => ({ cookie: await signInAs(LEAD), params: { proposalId: String(followTheMoney()) } });
const view = async () => (await load(concept, `/proposals/${followTheMoney()}/concept`, await options())) as Page;
const post = async (form: Record<string, string | string[]>) => (await submit(concept, `/proposals/${followTheMoney()}/concept`, form, await options())) as Reply;
const storedActivities = () =>
  (db().select().from(proposals).where(eq(proposals.id, followTheMoney())).get()!.content.conceptNote as { activities: { title: string; institutions: Record<string, string> }[] }).activities;

const workshop = {
  "activities[0].kind": "capacityBuilding",
  "activities[0].title": "Joint workshop on financial investigations",
  "activities[0].date": "2027-03-10",
  "activities[0].place": "Belgrade",
  "activities[0].participants": "25",
};

describe("the institutions of an activity", () => {
  it("are offered as ticks: the lead first, then the confirmed partners, with the saved ones ticked", async () => {
    const page = await view();
    expect(page.institutionChoices.map((c) => [c.name, c.countryCode])).toEqual([
      ["Prosecutor's Office for Organised Crime of Serbia", "RS"],
      [SIPA, "BA"],
    ]);
    // The demo's first activity names both by their names: both are ticked.
    const first = page.formValues!.activities[0]!;
    expect("institutionIds" in first ? first.institutionIds : null).toEqual([String(institutionId(RS_PROSECUTION)), String(institutionId(SIPA))]);
    expect(page.notOffered).toEqual({ "activity-1": [], "activity-2": [] });
  });

  it("are stored by name for each country, as the plan of activities and the versions read them", async () => {
    const page = await view();
    const reply = await post({ intent: "save", version: String(page.version), ...workshop, "activities[0].institutionIds": String(institutionId(SIPA)) });
    expect(reply.notice).toMatch(/^Saved on /);
    expect(storedActivities()).toEqual([expect.objectContaining({ title: "Joint workshop on financial investigations", institutions: { BA: SIPA } })]);
  });

  it("refuses an institution that is not the proposal's, beside the field, keeping what was typed and saving nothing", async () => {
    const page = await view();
    const before = storedActivities();
    const reply = await post({ intent: "save", version: String(page.version), ...workshop, "activities[0].institutionIds": [String(institutionId(RS_PROSECUTION)), String(institutionId(KOSOVO_POLICE))] });
    expect(reply.result.error?.["activities[0].institutionIds"]).toEqual(["Tick institutions of this proposal only: its lead and its confirmed partners."]);
    expect(reply.result.initialValue).toMatchObject({ activities: [expect.objectContaining({ title: "Joint workshop on financial investigations" })] });
    expect(storedActivities()).toEqual(before);
  });

  it("asks on submitting for at least one institution of each activity", async () => {
    const page = await view();
    const reply = await post({ intent: "submit", version: String(page.version), ...workshop });
    expect(reply.result.error?.["activities[0].institutionIds"]).toEqual(["Tick the institutions taking part: at least one."]);
  });

  it("says which names saved earlier are none of the proposal's institutions any more", async () => {
    const page = await view();
    const reply = await post({ intent: "save", version: String(page.version), ...workshop, "activities[0].institutionIds": String(institutionId(SIPA)) });
    expect(reply.notice).toMatch(/^Saved on /);
    const row = db().select().from(proposals).where(eq(proposals.id, followTheMoney())).get()!;
    const note = row.content.conceptNote as { activities: { institutions: Record<string, string> }[] };
    note.activities[0]!.institutions = { BA: `${SIPA}; Border Police of Bosnia and Herzegovina` };
    db().update(proposals).set({ content: { ...row.content, conceptNote: note } }).where(eq(proposals.id, followTheMoney())).run();
    const again = await view();
    expect(Object.values(again.notOffered)).toEqual([["Border Police of Bosnia and Herzegovina"]]);
    const first = again.formValues!.activities[0]!;
    expect("institutionIds" in first ? first.institutionIds : null).toEqual([String(institutionId(SIPA))]);
  });
});
