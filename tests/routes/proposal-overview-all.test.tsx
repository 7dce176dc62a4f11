import { eq } from "drizzle-orm";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import type { i18n as I18n } from "i18next";
import { describe, expect, it } from "vitest";
import { OverviewRow } from "../../app/components/proposal-overview-table";
import { db } from "../../app/db.server";
import { languageCookieHeader, pageTranslatorOf } from "../../app/i18n.server";
import { overviewRowsHtml } from "../../app/proposals/overview-rows.server";
import * as allRoute from "../../app/routes/admin.proposals.all";
import * as overviewRoute from "../../app/routes/admin.proposals._index";
import { proposalPartners, proposals } from "../../db/schema";
import { KOSOVO_FOOTNOTE } from "../../workflows/countries";
import { useDatabase } from "../support/database";
import { load, signInAs, statusOf } from "../support/http";
import { spyOnStatements } from "../support/statements";
import { demoProposalId, institutionId, KOSOVO_POLICE, makeProposal, MK_PROSECUTION } from "../workflow-server/builders";

// The TAF team's table with every row on one page: the rows the paged table has, in its order,
// streamed as plain HTML a chunk at a time, to the TAF team alone.

useDatabase("demo");

type Overview = Awaited<ReturnType<typeof overviewRoute.loader>>;

async function allPage(search = "", cookie?: string) {
  return (await load(allRoute, `/admin/proposals/all${search}`, { cookie: cookie ?? (await signInAs("admin@taf.example")) })) as Response;
}

/** The proposals' ids the page links to, in its order. */
function linkedIds(html: string) {
  return [...html.matchAll(/<td class="text" data-label="[^"]*"><a href="\/proposals\/(\d+)"/g)].map((match) => Number(match[1]));
}

/** Every row of the paged table, page after page. */
async function pagedIds(search: string) {
  const cookie = await signInAs("admin@taf.example");
  const ids: number[] = [];
  for (let page = 1; ; page++) {
    const { proposals: list } = (await load(overviewRoute, `/admin/proposals${search}${search ? "&" : "?"}page=${page}`, { cookie })) as Overview;
    ids.push(...list.rows.map((row) => row.id));
    if (page >= list.pages.pageCount) return ids;
  }
}

function addCopies(n: number) {
  const row = db().select().from(proposals).where(eq(proposals.id, demoProposalId("cocaineRoutes"))).get()!;
  db().transaction((tx) => {
    for (let i = 0; i < n; i++) {
      const { id: _, reference: __, ...copy } = row;
      tx.insert(proposals).values({ ...copy, title: `Listed copy ${i}` }).run();
    }
  });
}

describe("the page of every proposal", () => {
  it("holds the paged table's rows in its order, with the filters and order of its address, as a page without scripts", async () => {
    addCopies(120);
    for (const search of ["", "?sort=title&order=asc", "?country=XK&sort=reference&order=desc", "?q=copy&stage=eligibility"]) {
      const response = await allPage(search);
      expect(response.status, search).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
      const html = await response.text();
      const ids = await pagedIds(search);
      expect(linkedIds(html), search).toEqual(ids);
      expect(response.headers.get("X-Row-Count")).toBe(String(ids.length));
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain(KOSOVO_FOOTNOTE);
    }
    const filtered = await (await allPage("?q=copy")).text();
    expect(filtered).toContain("120 proposals match");
    expect(filtered).toContain('href="/admin/proposals?q=copy"');
    expect(filtered).toContain('href="/admin/proposals.csv?q=copy"');
    // A heading re-sorts this page, the filters kept.
    expect(filtered).toContain('href="?q=copy&amp;sort=title&amp;order=asc"');
  });

  it("says so when nothing matches, with the way back to the filters", async () => {
    const html = await (await allPage("?q=nothing-is-called-this")).text();
    expect(html).toContain("No proposal matches these filters.");
    expect(html).not.toContain("<table");
    expect(html).toContain('href="/admin/proposals?q=nothing-is-called-this"');
  });

  it("writes each row as the paged table renders it, in the reader's language", async () => {
    makeProposal({ title: `Fish & "chips" <b>not bold</b> it's`, lead: KOSOVO_POLICE });
    for (const language of ["en", "sq", "sr-Cyrl"] as const) {
      const cookie = `${await signInAs("admin@taf.example")}; ${(await languageCookieHeader(language)).split(";")[0]}`;
      const html = await (await allPage("?sort=title&order=asc", cookie)).text();
      const written = html.slice(html.indexOf("<tbody>"), html.lastIndexOf("</tbody>") + "</tbody>".length);
      const { proposals: list } = (await load(overviewRoute, "/admin/proposals?sort=title&order=asc", { cookie })) as Overview;
      const translator = pageTranslatorOf(language);
      const link = ({ href, lang, children }: { href: string; lang?: string; children: ReactNode }) => (
        <a href={href} lang={lang}>
          {children}
        </a>
      );
      // What the paged table shows of every row of the demo, drafts and "your turn" marks included.
      const rendered = renderToStaticMarkup(
        <I18nextProvider i18n={translator as unknown as I18n}>
          <tbody>
            {list.rows.map((row) => (
              <OverviewRow key={row.id} row={row} link={link} />
            ))}
          </tbody>
        </I18nextProvider>,
      );
      // React writes an apostrophe as &#x27;, the portal's escaping as &#39;: the same character.
      expect(written, language).toBe(rendered.replaceAll("&#x27;", "&#39;"));
      expect(overviewRowsHtml(list.rows, translator.t, language)).toBe(written);
      expect(written).toContain("Fish &amp; &quot;chips&quot; &lt;b&gt;not bold&lt;/b&gt; it&#39;s");
    }
  });

  it("shows the country of a partner still invited while the proposal answers a clarification, as the country filter finds it", async () => {
    const victims = demoProposalId("victims");
    db().insert(proposalPartners).values({ proposalId: victims, institutionId: institutionId(MK_PROSECUTION), status: "invited", invitedAt: new Date() }).run();
    const html = await (await allPage("?country=MK")).text();
    expect(linkedIds(html)).toContain(victims);
    const row = html.slice(html.indexOf(`href="/proposals/${victims}"`));
    expect(row.slice(0, row.indexOf("</tr>"))).toContain("North Macedonia");
  });

  it("reads its rows 500 at a time as they are sent, in the same few statements for 14 rows as for 1,134", async () => {
    const cookie = await signInAs("admin@taf.example");
    const statements = async () => {
      const spy = spyOnStatements();
      const response = await allPage("", cookie);
      const before = spy.mock.calls.length;
      await response.text();
      const all = spy.mock.calls.length;
      spy.mockRestore();
      return { before, all };
    };
    const few = await statements();
    addCopies(1120);
    const many = await statements();
    // Nothing is read for the rows before the page is asked for them.
    expect(many.before).toBe(few.before);
    // Three chunks of 500 rows (two statements each) where one held all 14.
    expect(many.all - many.before).toBe(3 * (few.all - few.before));
  });
});

describe("who reaches it", () => {
  it("refuses it to everyone but the TAF team, and sends the signed out to sign in", async () => {
    for (const email of ["applicant.xk@taf.example", "reviewer.eu@taf.example", "advisor.mk@taf.example"]) {
      expect(statusOf(await allPage("", await signInAs(email))), email).toBe(403);
    }
    const signedOut = (await load(allRoute, "/admin/proposals/all")) as Response;
    expect(signedOut.headers.get("Location")).toMatch(/^\/login/);
  });
});
