import { describe, expect, it } from "vitest";
import { createInstitution } from "../../app/institutions/institutions.server";
import * as root from "../../app/root";
import * as institutionRoute from "../../app/routes/admin.institutions.$institutionId";
import * as mergeRoute from "../../app/routes/admin.institutions.$institutionId_.merge";
import * as institutionList from "../../app/routes/admin.institutions._index";
import * as newInstitution from "../../app/routes/admin.institutions.new";
import { load, signInAs, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { ALBANIAN_POLICE, institutionId, userId } from "../workflow-server/builders";

// Issue 12 on the institutions pages: titles, dates, refusals and form errors in the
// administrator's language.

useDatabase("demo");

async function adminIn(language: string) {
  const session = await signInAs("admin@taf.example");
  const switched = (await load(root, `/admin?lng=${language}`, { cookie: session })) as Response;
  return `${session}; ${switched.headers.get("Set-Cookie")!.split(";")[0]!}`;
}

type Reply = { result: { error?: Record<string, string[] | null> } };

describe("the institutions pages in another language", () => {
  it("names the directory in Albanian", async () => {
    const page = (await load(institutionList, "/admin/institutions", { cookie: await adminIn("sq") })) as Awaited<ReturnType<typeof institutionList.loader>>;
    expect(page.title).toBe("Institucionet · Portali TAF");
  });

  it("shows an institution's page in Macedonian, with its date in Macedonian", async () => {
    const id = String(institutionId(ALBANIAN_POLICE));
    const page = (await load(institutionRoute, `/admin/institutions/${id}`, { cookie: await adminIn("mk"), params: { institutionId: id } })) as Awaited<
      ReturnType<typeof institutionRoute.loader>
    >;
    expect(page.institution.createdAt).toContain("(бриселско време)");
  });

  it("answers a new institution's mistakes in BCMS, the duplicate name too", async () => {
    const cookie = await adminIn("sr-Latn");
    const empty = (await submit(newInstitution, "/admin/institutions/new", { name: "", countryCode: "", type: "" }, { cookie })) as Reply;
    expect(empty.result.error?.name).toEqual(["Unesite naziv institucije."]);
    expect(empty.result.error?.type).toEqual(["Izaberite vrstu institucije."]);
    const duplicate = (await submit(newInstitution, "/admin/institutions/new", { name: ALBANIAN_POLICE, countryCode: "AL", type: "police", chapter24: "on" }, { cookie })) as Reply;
    expect(duplicate.result.error?.name).toEqual(["Institucija s ovim nazivom već postoji u ovoj državi."]);
  });

  it("refuses a merge across countries in Serbian Cyrillic, on the preview and on the form", async () => {
    const cookie = await adminIn("sr-Cyrl");
    const created = createInstitution({ id: userId("admin@taf.example"), name: "Anna Keller" }, { name: "Kosovo Police (twice)", countryCode: "XK", type: "police", chapter23: false, chapter24: true, active: true });
    if (!created.ok) throw new Error("the duplicate was not created");
    const params = { institutionId: String(created.institutionId) };
    const path = `/admin/institutions/${created.institutionId}/merge`;
    const refusal = "Могу се спојити само институције из исте државе: ова два записа су из различитих држава.";
    const preview = (await load(mergeRoute, `${path}?into=${institutionId(ALBANIAN_POLICE)}`, { cookie, params })) as Awaited<ReturnType<typeof mergeRoute.loader>>;
    expect(preview.preview).toEqual({ ok: false, message: refusal });
    const reply = (await submit(mergeRoute, path, { into: String(institutionId(ALBANIAN_POLICE)), reason: "The same police service, entered twice." }, { cookie, params })) as Reply;
    expect(reply.result.error?.[""]).toEqual([refusal]);
  });
});
