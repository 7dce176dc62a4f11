import type { Tx } from "../../db/client";
import { and, asc, eq, exists, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Role } from "../../workflows/actors";
import { countries, institutions, memberships, tokens, users } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { invitationEmail } from "../../emails/templates/invitation";
import type { InvitedRole } from "../../emails/templates/invitation";
import type { ActingPerson } from "../audit.server";
import { countryNameIn } from "../../workflows/countries";
import type { Language } from "../../workflows/languages";
import { recipientLanguage, wordsIn } from "../../emails/words";
import { audit } from "../audit.server";
import { endAllSessions } from "../auth/session.server";
import { issueToken } from "../auth/tokens.server";
import type { PersonStatus, RoleView } from "./person";
import { personStatus } from "./person";
import type { InviteInput, PersonInput } from "./person-schema";
import { membershipColumns, membershipCountry, roleOf } from "./memberships.server";
import { db } from "../db.server";
import { env } from "../env.server";
import type { PageRequest } from "../pagination.server";
import { readPage, totalRows } from "../pagination.server";

// People, as the TAF team manages them: the directory, one person, and every change to an
// account (invite, edit, deactivate, reactivate, send the invitation again). Each change is one
// transaction with its audit row and, when it owes one, its e-mail in the outbox.

// The administrator acting; id null for the command line that creates the first administrator.
type FieldErrors = Record<string, string[]>;
export type Outcome = { ok: true } | { ok: false; fieldErrors?: FieldErrors; formErrors?: string[] };

export type PersonSummary = {
  id: number;
  name: string;
  email: string;
  jobTitle: string | null;
  status: PersonStatus;
  roles: RoleView[];
};

export type PeopleFilter = { search?: string; role?: Role; status?: PersonStatus };

/** `%text%` for LIKE, with the user's own % and _ taken literally. */
export function containsPattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function peopleConditions(filter: PeopleFilter) {
  const conditions: SQL[] = [];
  if (filter.search) {
    const pattern = containsPattern(filter.search.trim());
    conditions.push(or(sql`${users.name} like ${pattern} escape '\\'`, sql`${users.email} like ${pattern} escape '\\'`)!);
  }
  if (filter.role) {
    conditions.push(
      exists(
        db()
          .select({ one: sql`1` })
          .from(memberships)
          .where(and(eq(memberships.userId, users.id), eq(memberships.role, filter.role))),
      ),
    );
  }
  if (filter.status === "deactivated") conditions.push(eq(users.active, false));
  if (filter.status === "invited") conditions.push(and(eq(users.active, true), isNull(users.passwordHash))!);
  if (filter.status === "active") conditions.push(and(eq(users.active, true), isNotNull(users.passwordHash))!);
  return conditions.length ? and(...conditions) : undefined;
}

export type PersonDetail = PersonSummary & { createdAt: Date; memberships: (RoleView & { membershipId: number })[] };

/**
 * People with their roles, in one statement: the people `where` chooses (and their number) are
 * paged in a subquery, then joined to memberships, institutions and countries.
 */
function peopleWithRoles(where: SQL | undefined, offset: number, limit: number) {
  const page = db()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      jobTitle: users.jobTitle,
      active: users.active,
      hasPassword: sql<number>`${users.passwordHash} is not null`.as("has_password"),
      createdAt: users.createdAt,
      total: totalRows().as("total"),
    })
    .from(users)
    .where(where)
    .orderBy(sql`lower(${users.name})`, users.id)
    .limit(limit)
    .offset(offset)
    .as("page");
  const rows = db()
    .select({
      id: page.id,
      name: page.name,
      email: page.email,
      jobTitle: page.jobTitle,
      active: page.active,
      hasPassword: page.hasPassword,
      createdAt: page.createdAt,
      total: page.total,
      membershipId: memberships.id,
      ...membershipColumns,
    })
    .from(page)
    .leftJoin(memberships, eq(memberships.userId, page.id))
    .leftJoin(institutions, eq(institutions.id, memberships.institutionId))
    .leftJoin(countries, eq(countries.code, membershipCountry))
    .orderBy(sql`lower(${page.name})`, page.id, memberships.id)
    .all();
  const people: PersonDetail[] = [];
  for (const row of rows) {
    let person = people.at(-1);
    if (person?.id !== row.id) {
      person = {
        id: row.id,
        name: row.name,
        email: row.email,
        jobTitle: row.jobTitle,
        status: personStatus(Boolean(row.active), Boolean(row.hasPassword)),
        createdAt: row.createdAt,
        roles: [],
        memberships: [],
      };
      people.push(person);
    }
    for (const role of roleOf(row)) {
      person.roles.push(role);
      person.memberships.push({ ...role, membershipId: row.membershipId! });
    }
  }
  return { total: rows[0]?.total ?? 0, people };
}

/** One page of people with their roles, in one statement. */
export function listPeople(filter: PeopleFilter, request: PageRequest) {
  const where = peopleConditions(filter);
  return readPage(request, (offset, limit) => {
    const { total, people } = peopleWithRoles(where, offset, limit);
    return { total, rows: people.map(({ createdAt: _, memberships: __, ...person }): PersonSummary => person) };
  });
}

/** One person with their roles (one statement), or null. */
export function findPerson(userId: number): PersonDetail | null {
  return peopleWithRoles(eq(users.id, userId), 0, 1).people[0] ?? null;
}

/** Just the columns a role needs; the others are cleared so a changed role leaves nothing stale. */
function membershipValues(input: Pick<PersonInput, "role" | "institutionId" | "countryCode" | "affiliation">) {
  return {
    role: input.role,
    institutionId: input.role === "applicant" ? (input.institutionId ?? null) : null,
    countryCode: input.role === "countryAdvisor" ? (input.countryCode ?? null) : null,
    affiliation: input.role === "reviewer" ? (input.affiliation ?? null) : null,
  };
}

/**
 * Checks that the chosen institution and country exist; an institution must be active, unless
 * the person already belongs to it. Returns the role in words for e-mails, or field errors.
 */
function resolveRole(tx: Tx, values: ReturnType<typeof membershipValues>, currentInstitutionId: number | null) {
  const errors: FieldErrors = {};
  let role: RoleView = { ...values, institutionName: null, countryCode: null, countryName: null, countryNeedsFootnote: false };
  if (values.institutionId !== null) {
    const institution = tx
      .select({ name: institutions.name, active: institutions.active, countryCode: countries.code, countryName: countries.name, footnote: countries.needsDesignationFootnote })
      .from(institutions)
      .innerJoin(countries, eq(countries.code, institutions.countryCode))
      .where(eq(institutions.id, values.institutionId))
      .get();
    if (!institution) errors.institutionId = ["personForms.refusal.institutionUnknown"];
    else if (!institution.active && values.institutionId !== currentInstitutionId)
      errors.institutionId = ["personForms.refusal.institutionInactive"];
    else
      role = { ...role, institutionName: institution.name, countryCode: institution.countryCode, countryName: institution.countryName, countryNeedsFootnote: institution.footnote };
  }
  if (values.countryCode !== null) {
    const country = tx.select().from(countries).where(eq(countries.code, values.countryCode)).get();
    if (!country) errors.countryCode = ["personForms.refusal.countryUnknown"];
    else role = { ...role, countryCode: country.code, countryName: country.name, countryNeedsFootnote: country.needsDesignationFootnote };
  }
  return Object.keys(errors).length ? { ok: false as const, errors } : { ok: true as const, role };
}

/** The same role as the invitation e-mail names it ("… invited you as an applicant at …"), in the recipient's words. */
function invitedRole(role: RoleView, language: Language): InvitedRole {
  const country = role.countryCode ? countryNameIn(role.countryCode, wordsIn(language).t) : null;
  switch (role.role) {
    case "applicant":
      return { role: "applicant", institutionName: role.institutionName, country };
    case "reviewer":
      return { role: "reviewer", affiliation: role.affiliation || null };
    case "countryAdvisor":
      return { role: "countryAdvisor", country };
    case "administrator":
      return { role: "administrator" };
  }
}

function sendInvitation(tx: Tx, person: { id: number; name: string; email: string; locale: string | null }, role: RoleView, invitedBy: ActingPerson) {
  const { tokenId, secret, expiresAt } = issueToken(tx, person.id, "invitation");
  const language = recipientLanguage(person.locale);
  enqueueEmail(tx, {
    idempotencyKey: `invitation:${tokenId}`,
    to: person.email,
    template: "invitation",
    ...invitationEmail({
      appUrl: env().APP_URL,
      language,
      recipientName: person.name,
      invitedByName: invitedBy.name,
      role: invitedRole(role, language),
      setPasswordUrl: `${env().APP_URL}/set-password/${secret}`,
      expiresAt,
    }),
  });
  return { tokenId, expiresAt };
}

function isUniqueViolation(error: unknown) {
  return error instanceof Error && "code" in error && error.code === "SQLITE_CONSTRAINT_UNIQUE";
}

const EMAIL_TAKEN = "personForms.refusal.emailTaken";

/** Opens an account without a password and mails the person a link to choose one. */
export function invitePerson(invitedBy: ActingPerson, input: InviteInput, ip?: string): Outcome & { userId?: number } {
  try {
    return db().transaction(
      (tx) => {
        if (tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) {
          return { ok: false, fieldErrors: { email: [EMAIL_TAKEN] } };
        }
        const values = membershipValues(input);
        const resolved = resolveRole(tx, values, null);
        if (!resolved.ok) return { ok: false, fieldErrors: resolved.errors };
        const user = tx
          .insert(users)
          .values({ email: input.email, name: input.name, jobTitle: input.jobTitle ?? null, passwordHash: null, locale: input.locale ?? null })
          .returning({ id: users.id, name: users.name, email: users.email, locale: users.locale })
          .get();
        tx.insert(memberships).values({ userId: user.id, ...values }).run();
        const { tokenId } = sendInvitation(tx, user, resolved.role, invitedBy);
        audit(
          { actorUserId: invitedBy.id, action: "personInvited", subjectType: "user", subjectId: user.id, detail: { email: user.email, ...values, tokenId }, ip },
          tx,
        );
        return { ok: true, userId: user.id };
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    // Two administrators inviting the same address at the same moment: the unique index decides.
    if (isUniqueViolation(error)) return { ok: false, fieldErrors: { email: [EMAIL_TAKEN] } };
    throw error;
  }
}

/**
 * Changes a person's name, job title and role. The form edits their first role; any further
 * roles (rare: set up by hand) are kept as they are.
 */
export function updatePerson(editor: ActingPerson, userId: number, input: PersonInput, ip?: string): Outcome {
  return db().transaction(
    (tx) => {
      const person = tx.select().from(users).where(eq(users.id, userId)).get();
      if (!person) return { ok: false, formErrors: ["personForms.refusal.personGone"] };
      const current = tx.select().from(memberships).where(eq(memberships.userId, userId)).orderBy(asc(memberships.id)).get();
      const values = membershipValues(input);
      const others = current
        ? tx.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.userId, userId), sql`${memberships.id} <> ${current.id}`)).all()
        : [];
      if (userId === editor.id && values.role !== "administrator" && !others.some((m) => m.role === "administrator")) {
        return { ok: false, fieldErrors: { role: ["personForms.refusal.ownAdministratorRole"] } };
      }
      const resolved = resolveRole(tx, values, current?.institutionId ?? null);
      if (!resolved.ok) return { ok: false, fieldErrors: resolved.errors };
      const before = {
        name: person.name,
        jobTitle: person.jobTitle,
        role: current?.role ?? null,
        institutionId: current?.institutionId ?? null,
        countryCode: current?.countryCode ?? null,
        affiliation: current?.affiliation ?? null,
      };
      const after = { name: input.name, jobTitle: input.jobTitle ?? null, ...values };
      const changes = Object.fromEntries(
        (Object.keys(after) as (keyof typeof after)[]).filter((key) => before[key] !== after[key]).map((key) => [key, { from: before[key], to: after[key] }]),
      );
      if (!Object.keys(changes).length) return { ok: true };
      tx.update(users).set({ name: after.name, jobTitle: after.jobTitle }).where(eq(users.id, userId)).run();
      if (current) tx.update(memberships).set(values).where(eq(memberships.id, current.id)).run();
      else tx.insert(memberships).values({ userId, ...values }).run();
      audit({ actorUserId: editor.id, action: "personUpdated", subjectType: "user", subjectId: userId, detail: { changes }, ip }, tx);
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

/** Closes an account: signed out everywhere at once, and every link mailed to them stops working. */
export function deactivatePerson(actor: ActingPerson, userId: number, ip?: string): Outcome {
  if (actor.id === userId) {
    return { ok: false, formErrors: ["personForms.refusal.ownAccount"] };
  }
  return db().transaction(
    (tx) => {
      const person = tx.select({ active: users.active }).from(users).where(eq(users.id, userId)).get();
      if (!person) return { ok: false, formErrors: ["personForms.refusal.personGone"] };
      if (!person.active) return { ok: true };
      tx.update(users).set({ active: false }).where(eq(users.id, userId)).run();
      endAllSessions(tx, userId);
      // Otherwise a link sent before would work again if the account were reactivated.
      tx.update(tokens)
        .set({ usedAt: new Date() })
        .where(and(eq(tokens.userId, userId), isNull(tokens.usedAt)))
        .run();
      audit({ actorUserId: actor.id, action: "personDeactivated", subjectType: "user", subjectId: userId, ip }, tx);
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

export function reactivatePerson(actor: ActingPerson, userId: number, ip?: string): Outcome {
  return db().transaction(
    (tx) => {
      const person = tx.select({ active: users.active }).from(users).where(eq(users.id, userId)).get();
      if (!person) return { ok: false, formErrors: ["personForms.refusal.personGone"] };
      if (person.active) return { ok: true };
      tx.update(users).set({ active: true }).where(eq(users.id, userId)).run();
      audit({ actorUserId: actor.id, action: "personReactivated", subjectType: "user", subjectId: userId, ip }, tx);
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

/** A new invitation link for someone who never chose a password; the older links stop working. */
export function resendInvitation(actor: ActingPerson, userId: number, ip?: string): Outcome {
  return db().transaction(
    (tx) => {
      const person = tx.select().from(users).where(eq(users.id, userId)).get();
      if (!person) return { ok: false, formErrors: ["personForms.refusal.personGone"] };
      if (!person.active) return { ok: false, formErrors: ["personForms.refusal.deactivatedInvitation"] };
      if (person.passwordHash !== null) {
        return { ok: false, formErrors: ["personForms.refusal.passwordChosen"] };
      }
      const membership = tx
        .select(membershipColumns)
        .from(memberships)
        .leftJoin(institutions, eq(institutions.id, memberships.institutionId))
        .leftJoin(countries, eq(countries.code, membershipCountry))
        .where(eq(memberships.userId, userId))
        .orderBy(asc(memberships.id))
        .get();
      const role = membership ? roleOf(membership)[0] : undefined;
      if (!role) return { ok: false, formErrors: ["personForms.refusal.noRole"] };
      const { tokenId } = sendInvitation(tx, person, role, actor);
      audit({ actorUserId: actor.id, action: "invitationResent", subjectType: "user", subjectId: userId, detail: { tokenId }, ip }, tx);
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}
