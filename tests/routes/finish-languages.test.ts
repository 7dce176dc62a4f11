import { describe, expect, it } from "vitest";
import * as root from "../../app/root";
import * as comments from "../../app/routes/proposals.$proposalId.comments";
import * as implementation from "../../app/routes/proposals.$proposalId.implementation";
import * as proposalPage from "../../app/routes/proposals.$proposalId._index";
import { refusalPage } from "../../app/refusal-page.server";
import { load, signInAs, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { demoProposalId } from "../workflow-server/builders";

// Issue 12, the last English: refusals, errors and the words of the reviewers' and the TAF
// team's side, in the language the person chose.

useDatabase("demo");

/** The taf_lng cookie a browser switched to `language` carries. */
async function languageCookie(language: string, session?: string) {
  const switched = (await load(root, `/?lng=${language}`, { cookie: session })) as Response;
  return switched.headers.get("Set-Cookie")!.split(";")[0]!;
}

/** The Cookie header of a session of this person, switched to `language`. */
async function signedInIn(email: string, language: string) {
  const session = await signInAs(email);
  return `${session}; ${await languageCookie(language, session)}`;
}

type Reply = { result: { error: Record<string, string[]> } };

describe("refusals and errors in the reader's language", () => {
  it("refuses an invisible control character in a comment, in Albanian", async () => {
    const id = demoProposalId("stolenVehicles");
    const cookie = await signedInIn("applicant.al@taf.example", "sq");
    const reply = (await submit(comments, `/proposals/${id}/comments`, { body: "Dakord.\u0000" }, { cookie, params: { proposalId: String(id) } })) as Reply;
    expect(reply.result.error.body).toEqual(["Ky tekst përmban një karakter kontrolli të padukshëm (ndoshta i ngjitur bashkë me të). Shkruajeni tekstin përsëri ose ngjiteni si tekst të thjeshtë."]);
  });

  it("answers a proposal one may not see with a 404 in Macedonian, and a partner planning activities with a 403 in BCMS", async () => {
    const unseen = (await load(proposalPage, "/proposals/999999", { cookie: await signedInIn("applicant.al@taf.example", "mk"), params: { proposalId: "999999" } })) as Response;
    expect(unseen.status).toBe(404);
    expect(await unseen.text()).toBe("Таков предлог не постои или не можете да го видите.");
    const id = demoProposalId("drugNetworks");
    const cookie = await signedInIn("applicant.al@taf.example", "sr-Latn");
    const refused = (await submit(implementation, `/proposals/${id}/implementation`, { intent: "planActivity" }, { cookie, params: { proposalId: String(id) } })) as Response;
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe("Aktivnosti planiraju samo podnosioci iz vodeće institucije.");
  });

  it("writes the page the server gives before the portal in the chosen language, or the browser's", async () => {
    const albanian = await refusalPage({ cookie: await languageCookie("sq") }, "crossSite", 403);
    expect(albanian).toContain('<html lang="sq">');
    expect(albanian).toContain("<h1>Formulari u refuzua</h1>");
    expect(albanian).toContain("Gabimi 403");
    const cyrillic = await refusalPage({ acceptLanguage: "sr" }, "methodNotAllowed", 405, { methods: "GET, HEAD, POST" });
    expect(cyrillic).toContain('<html lang="sr-Cyrl">');
    expect(cyrillic).toContain("Ова адреса одговара само на GET, HEAD, POST. Ништа није промењено.");
    expect(await refusalPage({}, "unreadable", 400)).toContain("<h1>This address could not be read</h1>");
  });
});
