import { describe, expect, it } from "vitest";
import * as root from "../../app/root";
import * as dashboardRoute from "../../app/routes/admin.dashboard";
import { load, signInAs } from "../support/http";
import { useDatabase } from "../support/database";

// Issue 12 on the reporting pages: the dashboard, the reports, the lessons, the feedback survey
// and the printout answer in the language the person chose.

useDatabase("demo");

/** The Cookie header of a session whose browser was switched to `language`. */
async function sessionIn(language: string, email = "admin@taf.example") {
  const session = await signInAs(email);
  const switched = (await load(root, `/?lng=${language}`, { cookie: session })) as Response;
  return `${session}; ${switched.headers.get("Set-Cookie")!.split(";")[0]!}`;
}

describe("the reporting pages in another language", () => {
  it("shows the dashboard in Albanian, a date typed wrong told in Albanian", async () => {
    const page = (await load(dashboardRoute, "/admin/dashboard?from=2026-13-40", { cookie: await sessionIn("sq") })) as Awaited<ReturnType<typeof dashboardRoute.loader>>;
    expect(page.title).toBe("Paneli · Portali TAF");
    expect(page.intro).toMatch(/^Çdo propozim i dorëzuar/);
    expect(page.problems).toEqual(["Dita e parë nuk është datë e kalendarit."]);
  });

  it("names a country advisor's countries in Macedonian", async () => {
    const page = (await load(dashboardRoute, "/admin/dashboard", { cookie: await sessionIn("mk", "advisor.mk@taf.example") })) as Awaited<ReturnType<typeof dashboardRoute.loader>>;
    expect(page.title).toBe("Табла · Портал TAF");
    expect(page.intro).toContain(page.advising[0]!);
    expect(page.advising).toEqual(["Северна Македонија"]);
  });
});
