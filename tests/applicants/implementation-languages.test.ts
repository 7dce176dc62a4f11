import { describe, expect, it } from "vitest";
import * as root from "../../app/root";
import * as implementation from "../../app/routes/proposals.$proposalId.implementation";
import { load, signInAs, submit } from "../support/http";
import { demoProposalId } from "../workflow-server/builders";
import { useDatabase } from "../support/database";

// The implementation page in the reader's language: its title, the activities' types and days,
// the report form's checks (the day implementation started, in that language's words) and what
// a plan's change answers; the activity's title, typed by the lead, stays as written.

useDatabase("demo");

const LEAD = "applicant.xk@taf.example";
const drugNetworks = () => demoProposalId("drugNetworks");
const params = () => ({ proposalId: String(drugNetworks()) });
const url = () => `/proposals/${drugNetworks()}/implementation`;

/** The session and the language a browser sends after `?lng=` set it. */
async function readerIn(language: string, email: string) {
  const response = (await load(root, `/login?lng=${language}`)) as Response;
  return `${await signInAs(email)}; ${response.headers.get("Set-Cookie")!.split(";")[0]!}`;
}

type Page = Awaited<ReturnType<typeof implementation.loader>>;
type Reply = { result: { error?: Record<string, string[] | null> }; notice: string | null };

describe("the implementation page in another language", () => {
  it("is titled in Albanian, its activities' days in Albanian, their titles as the lead typed them", async () => {
    const page = (await load(implementation, url(), { cookie: await readerIn("sq", LEAD), params: params() })) as Page;
    const english = (await load(implementation, url(), { cookie: await signInAs(LEAD), params: params() })) as Page;
    expect(page.pageTitle).toMatch(/^Zbatimi · .+ · Portali TAF$/);
    expect(page.activities.map((a) => a.title)).toEqual(english.activities.map((a) => a.title));
    expect(page.activities[0]!.daysLabel).not.toBe(english.activities[0]!.daysLabel);
    expect(page.started?.label).not.toBe(english.started?.label);
    // The plan form's kinds of activity come named in the page's language (the browser has no vocabulary).
    const workshop = (of: Page) => of.activityTypes.find((type) => type.value === "workshop")?.label;
    expect(workshop(english)).toBe("Workshop");
    expect(workshop(page)).toMatch(/\S/);
    expect(workshop(page)).not.toBe(workshop(english));
  });

  it("sends no kinds of activity to a reader who cannot plan", async () => {
    const page = (await load(implementation, url(), { cookie: await signInAs("advisor.mk@taf.example"), params: params() })) as Page;
    expect(page.canPlan).toBe(false);
    expect(page.activityTypes).toEqual([]);
  });

  it("refuses in Macedonian an activity held before implementation started, naming that day in Macedonian", async () => {
    const cookie = await readerIn("mk", LEAD);
    const page = (await load(implementation, url(), { cookie, params: params() })) as Page;
    const reply = (await submit(implementation, url(), { intent: "reportActivity", activityKey: "activity-3", heldOn: "2020-01-06", participants: "20", outcome: "Held early." }, { cookie, params: params() })) as Reply;
    expect(reply.result.error?.heldOn).toEqual([`Спроведувањето започна на ${page.started!.label}: активност одржана пред тој ден не е дел од него. Проверете го датумот.`]);
  });

  it("tells in Serbian Cyrillic that an activity is added to the plan", async () => {
    const reply = (await submit(implementation, url(), { intent: "planActivity", type: "workshop", title: "Workshop on seized phones", startsOn: "2027-03-10", place: "Skopje", "participants.XK": "6" }, { cookie: await readerIn("sr-Cyrl", LEAD), params: params() })) as Reply;
    expect(reply.notice).toBe("„Workshop on seized phones” је додата у план.");
  });
});
