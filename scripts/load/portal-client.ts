// A person's browser without JavaScript, as the load scripts drive the portal over HTTP: sign in,
// post forms, and the write flow of a joint proposal (create, invite, confirm, fill in, submit).
// Used by the benchmark (scripts/bench.ts) and the crash test (scripts/crash-test.ts).

export type Session = { email: string; cookie: string };
export type Applicant = { email: string; institutionId: number; country: string };
export type Pair = { lead: Session & { institutionId: number }; partner: Session & { institutionId: number } };

export function portalClient(base: string, password: string) {
  async function signIn(email: string): Promise<Session> {
    const response = await fetch(`${base}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
      body: new URLSearchParams({ email, password }),
      redirect: "manual",
    });
    const cookie = response.headers.get("set-cookie")?.split(";")[0];
    if (!cookie) throw new Error(`could not sign in as ${email} (status ${response.status})`);
    return { email, cookie };
  }

  /** Signs in four at a time: each sign-in verifies an argon2 hash, as it should. */
  async function signInAll(emails: string[]) {
    const sessions: Session[] = [];
    for (let i = 0; i < emails.length; i += 4) sessions.push(...(await Promise.all(emails.slice(i, i + 4).map(signIn))));
    return sessions;
  }

  /** The applicants `applicants[from…from+count]` as leads, each with a partner's applicant of another country. */
  async function pairs(applicants: Applicant[], count: number, from: number): Promise<Pair[]> {
    const leads = applicants.slice(from, from + count);
    const partnersByCountry = new Map<string, Applicant>();
    for (const a of applicants.slice(0, 300)) if (!partnersByCountry.has(a.country)) partnersByCountry.set(a.country, a);
    const partnerSessions = new Map<string, Session>();
    for (const partner of partnersByCountry.values()) partnerSessions.set(partner.country, await signIn(partner.email));
    const leadSessions = await signInAll(leads.map((l) => l.email));
    return leads.map((lead, k) => {
      const country = [...partnersByCountry.keys()].find((c) => c !== lead.country)!;
      const partner = partnersByCountry.get(country)!;
      return { lead: { ...leadSessions[k]!, institutionId: lead.institutionId }, partner: { ...partnerSessions.get(country)!, institutionId: partner.institutionId } };
    });
  }

  async function post(path: string, cookie: string, form: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(form)) for (const v of [value].flat()) body.append(name, v);
    const response = await fetch(base + path, { method: "POST", headers: { Cookie: cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" }, body, redirect: "manual" });
    const text = await response.text();
    return { status: response.status, location: response.headers.get("location"), text };
  }

  async function hidden(path: string, cookie: string, name: string) {
    const html = await (await fetch(base + path, { headers: { Cookie: cookie } })).text();
    const value = html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1];
    if (value === undefined) throw new Error(`no ${name} on ${path}`);
    return value;
  }

  /** Starts a draft in `roundId` with a confirmed partner; returns its id. */
  async function startJointDraft(roundId: number, { lead, partner }: Pair, title: string) {
    const created = await post("/proposals/new", lead.cookie, { roundId: String(roundId), institutionId: String(lead.institutionId), title });
    const id = Number(created.location?.match(/\/proposals\/(\d+)/)?.[1]);
    if (!id) throw new Error(`creating a proposal answered ${created.status}`);
    const invited = await post(`/proposals/${id}/partners`, lead.cookie, { intent: "invite", institutionId: String(partner.institutionId) });
    if (invited.status >= 400) throw new Error(`inviting a partner answered ${invited.status}`);
    const confirmed = await post(`/proposals/${id}/partnership`, partner.cookie, { intent: "confirm", statement: "Our unit brings its open cases and two investigators." });
    if (confirmed.status >= 400) throw new Error(`confirming the partnership answered ${confirmed.status}`);
    return id;
  }

  /** Fills in every part and submits; true if the portal answered that the submission was taken. */
  async function completeAndSubmit(id: number, lead: Session) {
    const revision = await hidden(`/proposals/${id}/edit`, lead.cookie, "revision");
    const saved = await post(`/proposals/${id}/edit`, lead.cookie, { intent: "save", revision, ...filledForm() });
    if (saved.status >= 400) return false;
    const page = await (await fetch(`${base}/proposals/${id}/submit`, { headers: { Cookie: lead.cookie } })).text();
    const version = page.match(/name="version" value="(\d+)"/)?.[1];
    const submitRevision = page.match(/name="revision" value="(\d+)"/)?.[1];
    if (!version || !submitRevision) return false;
    const sent = await post(`/proposals/${id}/submit`, lead.cookie, { intent: "submit", version, revision: submitRevision });
    return sent.status === 302 || sent.status === 303;
  }

  return { signIn, signInAll, pairs, post, hidden, startJointDraft, completeAndSubmit };
}

/** Every part of the proposal form, as an applicant fills it in. */
export function filledForm() {
  const intendedStart = new Date(Date.now() + 90 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return {
    title: "Joint investigations of a drug-trafficking network",
    summary: "Police and prosecutors of two countries investigate the same drug-trafficking network together and decide whether a joint investigation team fits.",
    problem: "The network moves across the border while each country investigates its own part.",
    objectives: "A shared picture of the network and a common plan for gathering evidence.",
    activities: "An operational meeting, expert advice from Eurojust and a joint exercise.",
    expectedResults: "A shared analysis and direct contacts between investigators.",
    themes: ["drugTrafficking", "jointInvestigationTeams"],
    supportKinds: ["networkingMeeting", "expertAdvice"],
    intendedStart,
    durationMonths: "8",
    budgetEur: "30000",
    contactPerson: "The head of the unit",
  };
}
