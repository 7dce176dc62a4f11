import { count, eq } from "drizzle-orm";
import { hashPassword } from "../app/auth/password.server";
import type { Db } from "./client";
import type { InstitutionType, Role } from "./schema";
import { institutions, memberships, users } from "./schema";

// Demo data lets a new user try every role on the embedded defaults. It is loaded only into a
// database without people, so it never mixes with real data, and only once.

export const DEMO_PASSWORD = "taf-demo-password";

type DemoInstitution = [name: string, country: string, type: InstitutionType, chapter23: boolean, chapter24: boolean];

const demoInstitutions: DemoInstitution[] = [
  ["Albanian State Police", "AL", "police", false, true],
  ["General Prosecution Office of Albania", "AL", "prosecution", true, true],
  ["Ministry of Interior of Albania", "AL", "ministryOfInterior", false, true],
  ["Coordination Centre for Countering Violent Extremism", "AL", "ctCveBody", false, true],
  ["State Investigation and Protection Agency (SIPA)", "BA", "police", false, true],
  ["Prosecutor's Office of Bosnia and Herzegovina", "BA", "prosecution", true, true],
  ["Ministry of Security of Bosnia and Herzegovina", "BA", "ministryOfInterior", false, true],
  ["Kosovo Police", "XK", "police", false, true],
  ["Office of the Chief State Prosecutor", "XK", "prosecution", true, true],
  ["Ministry of Internal Affairs", "XK", "ministryOfInterior", false, true],
  ["Financial Intelligence Unit", "XK", "lawEnforcementAgency", false, true],
  ["Police Directorate of Montenegro", "ME", "police", false, true],
  ["Supreme State Prosecutor's Office of Montenegro", "ME", "prosecution", true, true],
  ["Ministry of Justice of Montenegro", "ME", "ministryOfJustice", true, false],
  ["Ministry of Interior of North Macedonia", "MK", "police", false, true],
  ["Public Prosecutor's Office of North Macedonia", "MK", "prosecution", true, true],
  ["National Committee for Countering Violent Extremism and Countering Terrorism", "MK", "ctCveBody", false, true],
  ["Ministry of Interior of Serbia, Criminal Police Directorate", "RS", "police", false, true],
  ["Prosecutor's Office for Organised Crime of Serbia", "RS", "prosecution", true, true],
  ["Ministry of Justice of Serbia", "RS", "ministryOfJustice", true, false],
  ["Administration for the Prevention of Money Laundering of Serbia", "RS", "lawEnforcementAgency", false, true],
];

type DemoPerson = {
  email: string;
  summary: string;
  name: string;
  jobTitle: string;
  role: Role;
  institution?: string;
  country?: string;
  affiliation?: string;
};

export const demoPeople: DemoPerson[] = [
  { email: "admin@taf.example", summary: "administrator (TAF team)", name: "Anna Keller", jobTitle: "TAF coordinator", role: "administrator" },
  { email: "reviewer.eu@taf.example", summary: "reviewer, EU Delegation to Serbia", name: "Marco Bianchi", jobTitle: "Programme manager", role: "reviewer", affiliation: "EU Delegation to Serbia" },
  { email: "reviewer.expert@taf.example", summary: "reviewer, project expert", name: "Katrin Vogel", jobTitle: "Senior expert, organised crime", role: "reviewer", affiliation: "Project expert" },
  { email: "advisor.mk@taf.example", summary: "country advisor, North Macedonia", name: "Elena Stojanovska", jobTitle: "Legal advisor", role: "countryAdvisor", country: "MK" },
  { email: "applicant.xk@taf.example", summary: "applicant, Kosovo* Police", name: "Arben Krasniqi", jobTitle: "Head of the Directorate against Narcotics", role: "applicant", institution: "Kosovo Police" },
  { email: "applicant.al@taf.example", summary: "applicant, Albanian State Police", name: "Erion Hoxha", jobTitle: "Chief inspector, Anti-Drug Unit", role: "applicant", institution: "Albanian State Police" },
  { email: "applicant.mk@taf.example", summary: "applicant, Public Prosecutor's Office of North Macedonia", name: "Marija Petrovska", jobTitle: "Public prosecutor", role: "applicant", institution: "Public Prosecutor's Office of North Macedonia" },
  { email: "applicant.rs@taf.example", summary: "applicant, Prosecutor's Office for Organised Crime of Serbia", name: "Milan Jovanović", jobTitle: "Deputy prosecutor", role: "applicant", institution: "Prosecutor's Office for Organised Crime of Serbia" },
  { email: "applicant.ba@taf.example", summary: "applicant, SIPA (Bosnia and Herzegovina)", name: "Amra Hadžić", jobTitle: "Senior inspector", role: "applicant", institution: "State Investigation and Protection Agency (SIPA)" },
  { email: "applicant.me@taf.example", summary: "applicant, Ministry of Justice of Montenegro", name: "Nikola Vuković", jobTitle: "Adviser, international cooperation", role: "applicant", institution: "Ministry of Justice of Montenegro" },
];

function hasPeople(db: Db) {
  return (db.select({ n: count() }).from(users).get()?.n ?? 0) > 0;
}

export function hasDemoPeople(db: Db) {
  const first = demoPeople[0];
  return first !== undefined && db.select({ id: users.id }).from(users).where(eq(users.email, first.email)).get() !== undefined;
}

/** Loads the demo institutions and people; returns false (and does nothing) if people exist. */
export async function loadDemoData(db: Db) {
  if (hasPeople(db)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  db.transaction((tx) => {
    const institutionIds = new Map<string, number>();
    for (const [name, countryCode, type, chapter23, chapter24] of demoInstitutions) {
      const row = tx.insert(institutions).values({ name, countryCode, type, chapter23, chapter24 }).returning().get();
      institutionIds.set(name, row.id);
    }
    for (const person of demoPeople) {
      const user = tx
        .insert(users)
        .values({ email: person.email, name: person.name, jobTitle: person.jobTitle, passwordHash })
        .returning()
        .get();
      tx.insert(memberships)
        .values({
          userId: user.id,
          role: person.role,
          institutionId: person.institution ? institutionIds.get(person.institution) : null,
          countryCode: person.country ?? null,
          affiliation: person.affiliation ?? null,
        })
        .run();
    }
  });
  return true;
}
