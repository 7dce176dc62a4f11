import { z } from "../zod";
import { singleLine } from "../free-text-schema";
import type { Role } from "../../workflows/actors";
import { roles } from "../../workflows/actors";

// A person as the people pages and their forms know them: status, roles, and the one schema of
// the invite and edit forms (server and browser).

export const personStatuses = ["active", "invited", "deactivated"] as const;
export type PersonStatus = (typeof personStatuses)[number];

export function personStatus(active: boolean, hasPassword: boolean): PersonStatus {
  if (!active) return "deactivated";
  return hasPassword ? "active" : "invited";
}

/** A role as the people pages show it: the institution's country, or the advisor's own. */
export type RoleView = {
  role: Role;
  institutionId: number | null;
  institutionName: string | null;
  countryCode: string | null;
  countryName: string | null;
  countryNeedsFootnote: boolean;
  affiliation: string | null;
};

// Which of institution, country and affiliation a role needs. Checked with `when` so that every
// missing field is reported at once, not only after the other fields are right.
const roleFields = {
  role: z.enum(roles, { error: "Choose a role." }),
  institutionId: z.number({ error: "Choose the institution." }).int().positive("Choose the institution.").optional(),
  countryCode: z.string().regex(/^[A-Z]{2}$/, "Choose the country.").optional(),
  affiliation: singleLine().trim().max(200, "Use at most 200 characters.").optional(),
};

const personFields = {
  name: singleLine({ error: "Enter the person's full name." }).trim().min(2, "Enter the person's full name.").max(200, "Use at most 200 characters."),
  jobTitle: singleLine().trim().max(200, "Use at most 200 characters.").optional(),
};

type RoleInput = { role?: unknown; institutionId?: unknown; countryCode?: unknown; affiliation?: unknown };

function requireRoleDetails<T extends z.ZodType<RoleInput>>(schema: T) {
  const always = { when: () => true };
  return schema
    .refine((v) => v.role !== "applicant" || v.institutionId !== undefined, {
      ...always,
      path: ["institutionId"],
      message: "An applicant belongs to an institution: choose it.",
    })
    .refine((v) => v.role !== "countryAdvisor" || v.countryCode !== undefined, {
      ...always,
      path: ["countryCode"],
      message: "A country advisor works for one country: choose it.",
    })
    .refine((v) => v.role !== "reviewer" || (typeof v.affiliation === "string" && v.affiliation.trim() !== ""), {
      ...always,
      path: ["affiliation"],
      message: "Say whom the reviewer represents, e.g. “EU Delegation to Serbia” or “Project expert”.",
    });
}

export const inviteSchema = requireRoleDetails(
  z.object({
    ...personFields,
    email: z
      .email({ error: "Enter the person's e-mail address, like name@police.gov.rs." })
      .max(254, "Use at most 254 characters.")
      .transform((e) => e.toLowerCase()),
    ...roleFields,
  }),
);

export const editPersonSchema = requireRoleDetails(z.object({ ...personFields, ...roleFields }));

export type InviteInput = z.infer<typeof inviteSchema>;
export type PersonInput = z.infer<typeof editPersonSchema>;

export const deactivatePersonSchema = z.object({
  confirm: z.boolean({ error: "Tick the box to confirm: the person is signed out everywhere at once." }),
});

// Sending the invitation again and reactivating carry no fields, only the button pressed.
export const noFieldsSchema = z.object({});
