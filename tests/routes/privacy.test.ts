import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import * as privacy from "../../app/routes/privacy";
import { EuEmblem } from "../../app/components/eu-emblem";
import { load } from "../support/http";
import { useDatabase } from "../support/database";

useDatabase("empty");

describe("the privacy notice", () => {
  it("is open without signing in and names the TAF team's address", async () => {
    const page = (await load(privacy, "/privacy")) as Awaited<ReturnType<typeof privacy.loader>>;
    expect(page.teamEmail).toMatch(/@/);
  });
});

describe("the EU emblem", () => {
  it("is twelve gold stars on blue, named for screen readers", () => {
    const svg = renderToStaticMarkup(createElement(EuEmblem, { label: "Flag of the European Union" }));
    expect(svg.match(/<polygon /g)).toHaveLength(12);
    expect(svg).toContain('fill="#003399"');
    expect(svg.match(/fill="#FFCC00"/g)).toHaveLength(12);
    expect(svg).toContain('aria-label="Flag of the European Union"');
  });
});
