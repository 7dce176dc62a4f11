import Database from "better-sqlite3";
import { beforeEach, describe, expect, it } from "vitest";
import { connection, db } from "../../app/db.server";
import { applyProposalCommand } from "../../app/proposals/workflow.server";
import { auditLog } from "../../db/schema";
import { leadApplicant, makeProposal, T0, userId } from "./builders";
import { useDatabase } from "../support/database";

// The history of who decided what is never changed or removed, whoever asks: the database
// itself refuses, so a bug or a hand-typed statement cannot rewrite it.

const HISTORY_TABLES = ["proposal_events", "round_events", "eligibility_checks", "proposal_versions", "audit_log"] as const;

useDatabase("demo");

beforeEach(async () => {
  // One row in each history table: a round opened, a proposal submitted and checked, a sign-in.
  const { id } = makeProposal();
  const submitted = applyProposalCommand({ proposalId: id, actor: leadApplicant(), command: { type: "SUBMIT" }, now: T0 });
  if (!submitted.ok) throw new Error(submitted.message);
  db().insert(auditLog).values({ at: T0, actorUserId: userId("admin@taf.example"), action: "signIn", detail: { via: "password" } }).run();
});

const sqlite = () => connection().sqlite;
const rowsOf = (table: string) => sqlite().prepare(`SELECT * FROM ${table} ORDER BY id`).all();

describe.each(HISTORY_TABLES)("%s is append-only", (table) => {
  it("refuses UPDATE, and the row stays as it was", () => {
    const before = rowsOf(table);
    expect(before.length).toBeGreaterThan(0);
    expect(() => sqlite().prepare(`UPDATE ${table} SET id = id WHERE id = (SELECT min(id) FROM ${table})`).run()).toThrow(`${table} is append-only`);
    expect(() => sqlite().prepare(`UPDATE ${table} SET id = id`).run()).toThrow(`${table} is append-only`);
    expect(rowsOf(table)).toEqual(before);
  });

  it("refuses DELETE, of one row or all", () => {
    const before = rowsOf(table);
    expect(() => sqlite().prepare(`DELETE FROM ${table} WHERE id = (SELECT max(id) FROM ${table})`).run()).toThrow(`${table} is append-only`);
    expect(() => sqlite().prepare(`DELETE FROM ${table}`).run()).toThrow(`${table} is append-only`);
    expect(rowsOf(table)).toEqual(before);
  });

  it("refuses INSERT OR REPLACE over a row, even from a connection without recursive triggers", () => {
    // As the sqlite3 shell or another tool would open the file: its DELETE triggers do not fire
    // for the row a REPLACE removes.
    const other = new Database(sqlite().name);
    try {
      const before = rowsOf(table);
      const first = before[0] as Record<string, unknown>;
      const columns = Object.keys(first);
      expect(() =>
        other.prepare(`INSERT OR REPLACE INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`).run(first),
      ).toThrow(`${table} is append-only`);
      expect(rowsOf(table)).toEqual(before);
    } finally {
      other.close();
    }
  });

  it("still accepts new rows", () => {
    const before = rowsOf(table).length;
    const [first] = rowsOf(table) as Record<string, unknown>[];
    const { id: _id, ...copy } = first!;
    const columns = Object.keys(copy);
    sqlite()
      .prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`)
      .run(table === "proposal_versions" ? { ...copy, number: 99 } : copy);
    expect(rowsOf(table)).toHaveLength(before + 1);
  });
});
