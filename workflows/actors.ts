/**
 * Who sends an event to a workflow. Every event carries one, so the machines' guards can decide
 * "who may" without looking anything up. The scheduler (round opening and closing, expired
 * clarification requests) acts as the role "system".
 */
export type ActorRole = Role | "system";

/** What a person is in the programme: the roles a membership gives (db/schema.ts stores these). */
export const roles = ["applicant", "administrator", "reviewer", "countryAdvisor"] as const;
export type Role = (typeof roles)[number];

/**
 * What the machines judge "who may" on: a role, and for an applicant their institution. Asking
 * what someone may do needs no person: "the lead institution" is a standing too.
 */
export interface Standing {
  role: ActorRole;
  /** The institution an applicant works for; null for everyone else. */
  institutionId: number | null;
}

/** A standing with the person behind it, whom the history records. */
export interface Actor extends Standing {
  userId: number;
}

/** The scheduler and the server act as this actor; history rows record it with no user. */
export const SYSTEM_ACTOR = { userId: 0, role: "system", institutionId: null } as const;

/** The applicants of a proposal's lead institution, whoever among them acts. */
export function leadOf(leadInstitutionId: number): Standing {
  return { role: "applicant", institutionId: leadInstitutionId };
}

/** The TAF team, whoever among them acts. */
export const TAF_TEAM: Standing = { role: "administrator", institutionId: null };
