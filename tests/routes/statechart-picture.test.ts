import { describe, expect, it } from "vitest";
import * as picture from "../../app/routes/admin.statecharts.$machine";
import * as roundPage from "../../app/routes/admin.rounds.$roundId";
import * as root from "../../app/root";
import { load, signInAs } from "../support/http";
import { useDatabase } from "../support/database";
import { roundIdByCode } from "../support/tables";

// A statechart's picture is an image at an address of its own, which the browser may keep.

useDatabase("demo");

describe("the statechart picture's address", () => {
  it("answers an SVG image the browser keeps, marking the state the address names", async () => {
    const admin = await signInAs("admin@taf.example");
    const roundId = String(roundIdByCode("2026-R1"));
    const { statechart } = (await load(roundPage, `/admin/rounds/${roundId}`, { cookie: admin, params: { roundId } })) as { statechart: { src: string; alt: string } };
    const response = (await load(picture, statechart.src, { cookie: admin, params: { machine: "round" } })) as Response;
    expect(response.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toContain("immutable");
    const svg = await response.text();
    expect(svg).toMatch(/<g class="state atomic current[^"]*" data-state="closed">/);
    expect(statechart.alt).toContain("Current state: Closed.");
  });

  it("draws the picture in the requester's language, at an address of that language", async () => {
    const session = await signInAs("admin@taf.example");
    const switched = (await load(root, "/admin?lng=mk", { cookie: session })) as Response;
    const macedonian = `${session}; ${switched.headers.get("Set-Cookie")!.split(";")[0]!}`;
    const roundId = String(roundIdByCode("2026-R1"));
    const { statechart, round } = (await load(roundPage, `/admin/rounds/${roundId}`, { cookie: macedonian, params: { roundId } })) as { statechart: { src: string; alt: string }; round: { stateLabel: string } };
    // The badge beside the round's title says its state in the page's language too.
    expect(round.stateLabel).toBe("Затворен");
    expect(new URL(statechart.src, "http://localhost").searchParams.get("lang")).toBe("mk");
    expect(statechart.alt).toContain("Моментална состојба: Затворен.");
    const svg = await ((await load(picture, statechart.src, { cookie: macedonian, params: { machine: "round" } })) as Response).text();
    expect(svg).toContain(">Затворен</text>");
    expect(svg).toContain(">Отворен</text>");
    expect(svg).toContain("(моментална состојба)");
    expect(svg).not.toContain(">Closed</text>");
    // Its title and the arrows without a label of their own are in Macedonian too: the
    // events' button words, not their English names.
    expect(svg).toContain("<title id=\"statechart-round-title\">Работен тек: Круг</title>");
    const words = [...svg.matchAll(/>([^<>]+)</g)].map((match) => match[1]!.trim()).filter(Boolean);
    expect(words).toContain("Архивирајте");
    expect(words.filter((text) => /[A-Za-z]{3}/.test(text.replaceAll("TAF", "")))).toEqual([]);
    // The address keeps its language: an English reader given it still sees Macedonian, and an
    // address with no language is drawn in the requester's.
    const english = await ((await load(picture, statechart.src, { cookie: session, params: { machine: "round" } })) as Response).text();
    expect(english).toContain(">Затворен</text>");
    const bare = statechart.src.replace("lang=mk&", "");
    expect(await ((await load(picture, bare, { cookie: macedonian, params: { machine: "round" } })) as Response).text()).toContain(">Затворен</text>");
    expect(await ((await load(picture, bare, { cookie: session, params: { machine: "round" } })) as Response).text()).toContain(">Closed</text>");
  });

  it("answers 404, not an error, to an address a hand edit got wrong", async () => {
    const admin = await signInAs("admin@taf.example");
    for (const search of ["version=x", "version=1&lang=xx", "version=1&current=<script>", `version=1&visited=${"draft,".repeat(500)}draft`]) {
      const response = (await load(picture, `/admin/statecharts/proposal?${search}`, { cookie: admin, params: { machine: "proposal" } })) as Response;
      expect(response.status, search).toBe(404);
    }
  });
});
