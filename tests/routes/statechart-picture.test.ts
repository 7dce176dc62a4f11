import { describe, expect, it } from "vitest";
import * as picture from "../../app/routes/admin.statecharts.$machine";
import * as roundPage from "../../app/routes/admin.rounds.$roundId";
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

  it("answers 404, not an error, to an address a hand edit got wrong", async () => {
    const admin = await signInAs("admin@taf.example");
    for (const search of ["version=x", "version=1&current=<script>", `version=1&visited=${"draft,".repeat(500)}draft`]) {
      const response = (await load(picture, `/admin/statecharts/proposal?${search}`, { cookie: admin, params: { machine: "proposal" } })) as Response;
      expect(response.status, search).toBe(404);
    }
  });
});
