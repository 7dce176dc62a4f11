import type { Tx } from "../../db/client";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { InstitutionType } from "../../db/schema";
import { countries, institutions, memberships, users } from "../../db/schema";
import type { ActingPerson } from "../audit.server";
import { audit } from "../audit.server";
import { personStatus } from "../people/person";
import type { CountryChoice, InstitutionChoice, InstitutionInput } from "./institution-schema";
import { db, preparedStatement } from "../db.server";
import type { PageRequest } from "../pagination.server";
import { readPage, totalRows } from "../pagination.server";
import { containsPattern } from "../people/people.server";

// The directory of institutions: listed, added and edited by the TAF team. An institution is
// never deleted: proposals and people keep pointing at it, so it is deactivated instead.

type Outcome<T = object> = ({ ok: true } & T) | { ok: false; fieldErrors?: Record<string, string[]>; formErrors?: string[] };

// Read by every proposal's page and the directory's forms: prepared once per connection.
const countriesInOrder = preparedStatement((database) =>
  database
    .select({ code: countries.code, name: countries.name, needsFootnote: countries.needsDesignationFootnote })
    .from(countries)
    .orderBy(countries.sortOrder, countries.name)
    .prepare(),
);

/** The six countries in their usual order (the WB6 are reference data from the migrations). */
export function listCountries(): CountryChoice[] {
  return countriesInOrder().all();
}

/**
 * The institutions a person can be attached to: the active ones, plus the one they already belong
 * to (which may since have been deactivated), ordered by country then name.
 */
export function institutionChoices(keepInstitutionId: number | null = null): InstitutionChoice[] {
  return db()
    .select({
      id: institutions.id,
      name: institutions.name,
      active: institutions.active,
      countryCode: countries.code,
      countryName: countries.name,
      countryNeedsFootnote: countries.needsDesignationFootnote,
    })
    .from(institutions)
    .innerJoin(countries, eq(countries.code, institutions.countryCode))
    .where(
      and(
        isNull(institutions.mergedIntoId),
        keepInstitutionId === null ? eq(institutions.active, true) : sql`(${institutions.active} = 1 or ${institutions.id} = ${keepInstitutionId})`,
      ),
    )
    .orderBy(countries.sortOrder, institutions.name)
    .all();
}

/** An institution as the directory shows it, with its country: for a statement joining countries. */
const institutionColumns = {
  id: institutions.id,
  name: institutions.name,
  type: institutions.type,
  chapter23: institutions.chapter23,
  chapter24: institutions.chapter24,
  active: institutions.active,
  countryCode: countries.code,
  countryName: countries.name,
  countryNeedsFootnote: countries.needsDesignationFootnote,
};

export type InstitutionFilter = { search?: string; countryCode?: string; type?: InstitutionType; active?: boolean };

/** A page of the directory, with each institution's country and number of applicants, in one statement. */
export function listInstitutions(filter: InstitutionFilter, request: PageRequest) {
  // A merged duplicate is a record of the merge, found from the institution it was merged into.
  const conditions: SQL[] = [isNull(institutions.mergedIntoId)];
  if (filter.search) conditions.push(sql`${institutions.name} like ${containsPattern(filter.search.trim())} escape '\\'`);
  if (filter.countryCode) conditions.push(eq(institutions.countryCode, filter.countryCode));
  if (filter.type) conditions.push(eq(institutions.type, filter.type));
  if (filter.active !== undefined) conditions.push(eq(institutions.active, filter.active));
  const where = and(...conditions);
  return readPage(request, (offset, limit) => {
    const rows = db()
      .select({
        ...institutionColumns,
        applicants: sql<number>`(select count(*) from ${memberships} where ${memberships.institutionId} = ${institutions.id} and ${memberships.role} = 'applicant')`,
        total: totalRows(),
      })
      .from(institutions)
      .innerJoin(countries, eq(countries.code, institutions.countryCode))
      .where(where)
      .orderBy(countries.sortOrder, institutions.name, institutions.id)
      .limit(limit)
      .offset(offset)
      .all();
    return { total: rows[0]?.total ?? 0, rows: rows.map(({ total: _, ...institution }) => institution) };
  });
}

export function findInstitution(institutionId: number) {
  return (
    db()
      .select({
        ...institutionColumns,
        createdAt: institutions.createdAt,
      })
      .from(institutions)
      .innerJoin(countries, eq(countries.code, institutions.countryCode))
      .where(eq(institutions.id, institutionId))
      .get() ?? null
  );
}

/** The applicants of an institution, with their account status. */
export function institutionPeople(institutionId: number) {
  return db()
    .selectDistinct({
      id: users.id,
      name: users.name,
      email: users.email,
      jobTitle: users.jobTitle,
      active: users.active,
      hasPassword: sql<number>`${users.passwordHash} is not null`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.institutionId, institutionId), eq(memberships.role, "applicant")))
    .orderBy(sql`lower(${users.name})`, users.id)
    .all()
    .map(({ active, hasPassword, ...person }) => ({ ...person, status: personStatus(active, Boolean(hasPassword)) }));
}


const DUPLICATE = "institutionRefusal.duplicate";

/** Field errors for a country that does not exist or a name already used in that country. */
function checkInstitution(tx: Tx, input: InstitutionInput, exceptId: number | null): Record<string, string[]> | null {
  if (!tx.select({ code: countries.code }).from(countries).where(eq(countries.code, input.countryCode)).get()) {
    return { countryCode: ["personForms.refusal.countryUnknown"] };
  }
  const sameName = tx
    .select({ id: institutions.id })
    .from(institutions)
    .where(
      and(
        eq(institutions.countryCode, input.countryCode),
        // Case, surrounding spaces and the designation asterisk ("Kosovo* Police") do not make a
        // different institution.
        sql`lower(trim(replace(${institutions.name}, '*', ''))) = lower(trim(replace(${input.name}, '*', '')))`,
        exceptId === null ? undefined : ne(institutions.id, exceptId),
      ),
    )
    .get();
  return sameName ? { name: [DUPLICATE] } : null;
}

function isUniqueViolation(error: unknown) {
  return error instanceof Error && "code" in error && error.code === "SQLITE_CONSTRAINT_UNIQUE";
}

export function createInstitution(actor: ActingPerson, input: InstitutionInput, ip?: string): Outcome<{ institutionId: number }> {
  try {
    return db().transaction<Outcome<{ institutionId: number }>>(
      (tx) => {
        const fieldErrors = checkInstitution(tx, input, null);
        if (fieldErrors) return { ok: false, fieldErrors };
        const { id } = tx.insert(institutions).values(input).returning({ id: institutions.id }).get();
        audit({ actorUserId: actor.id, action: "institutionCreated", subjectType: "institution", subjectId: id, detail: { ...input }, ip }, tx);
        return { ok: true, institutionId: id };
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, fieldErrors: { name: [DUPLICATE] } };
    throw error;
  }
}

/** Saves the changes and records them; switching `active` off is how an institution is retired. */
export function updateInstitution(actor: ActingPerson, institutionId: number, input: InstitutionInput, ip?: string): Outcome {
  try {
    return db().transaction<Outcome>(
      (tx) => {
        const before = tx.select().from(institutions).where(eq(institutions.id, institutionId)).get();
        if (!before) return { ok: false, formErrors: ["institutionRefusal.gone"] };
        if (before.mergedIntoId !== null) return { ok: false, formErrors: ["institutionRefusal.merged"] };
        const fieldErrors = checkInstitution(tx, input, institutionId);
        if (fieldErrors) return { ok: false, fieldErrors };
        const changes = Object.fromEntries(
          (Object.keys(input) as (keyof InstitutionInput)[])
            .filter((key) => before[key] !== input[key])
            .map((key) => [key, { from: before[key], to: input[key] }]),
        );
        if (!Object.keys(changes).length) return { ok: true };
        tx.update(institutions).set(input).where(eq(institutions.id, institutionId)).run();
        const action = "active" in changes ? (input.active ? "institutionReactivated" : "institutionDeactivated") : "institutionUpdated";
        audit({ actorUserId: actor.id, action, subjectType: "institution", subjectId: institutionId, detail: { changes }, ip }, tx);
        return { ok: true };
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, fieldErrors: { name: [DUPLICATE] } };
    throw error;
  }
}
