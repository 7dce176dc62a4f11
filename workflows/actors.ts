/**
 * Who sends an event to a workflow. Every event carries one, so the machines' guards can decide
 * "who may" without looking anything up. The scheduler (round opening and closing, expired
 * clarification requests) acts as the role "system".
 */
export type ActorRole = "applicant" | "administrator" | "reviewer" | "countryAdvisor" | "system";

export interface Actor {
  userId: number;
  role: ActorRole;
  /** The institution an applicant works for; null for everyone else. */
  institutionId: number | null;
}

/** The scheduler and the server act as this actor; history rows record it with no user. */
export const SYSTEM_ACTOR = { userId: 0, role: "system", institutionId: null } as const;
