import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { connection, db } from "../../app/db.server";
import { applyRoundCommand } from "../../app/rounds/workflow.server";
import { roundEvents, rounds } from "../../db/schema";
import { admin, at, DAY, makeRound, T0 } from "./builders";
import { useDatabase } from "../support/database";

// Administrators move rounds by hand through the same function the scheduler uses: one
// transaction for the round's row and its history row, guarded by the round's version.

useDatabase("demo");

const roundRow = (id: number) => db().select().from(rounds).where(eq(rounds.id, id)).get()!;
const historyCount = () => db().select({ n: count() }).from(roundEvents).get()!.n;
const lastEvent = (id: number) => db().select().from(roundEvents).where(eq(roundEvents.roundId, id)).orderBy(roundEvents.id).all().at(-1);

describe("reopening and archiving", () => {
  it("a deadline round reopens with a reason and a new closing time, which becomes its window", () => {
    const round = makeRound({ opensAt: at(-10 * DAY), closesAt: at(-DAY) });
    expect(applyRoundCommand({ roundId: round.id, actor: admin(), command: { type: "CLOSE" }, now: T0 })).toMatchObject({ ok: true, state: "closed" });
    const { version } = roundRow(round.id);
    const reopened = applyRoundCommand({
      roundId: round.id,
      expectedVersion: version,
      actor: admin(),
      command: { type: "REOPEN", closesAt: at(7 * DAY), reason: "The portal was down on the last day." },
      now: T0,
    });
    expect(reopened).toEqual({ ok: true, state: "open", version: version + 1 });
    expect(roundRow(round.id)).toMatchObject({ state: "open", closesAt: at(7 * DAY), version: version + 1 });
    expect(lastEvent(round.id)).toMatchObject({
      type: "REOPEN",
      actorRole: "administrator",
      fromState: "closed",
      toState: "open",
      payload: { reason: "The portal was down on the last day.", closesAt: at(7 * DAY).toISOString() },
    });
  });

  it("a rolling round reopens without a closing time, and archives only once closed", () => {
    const round = makeRound({ mode: "rolling", closesAt: null });
    expect(applyRoundCommand({ roundId: round.id, actor: admin(), command: { type: "ARCHIVE" }, now: T0 })).toMatchObject({ ok: false, problem: "refused" });
    applyRoundCommand({ roundId: round.id, actor: admin(), command: { type: "CLOSE" }, now: T0 });
    expect(applyRoundCommand({ roundId: round.id, actor: admin(), command: { type: "REOPEN", closesAt: null, reason: " " }, now: T0 })).toEqual({
      ok: false,
      problem: "refused",
      message: "A reason is required.",
    });
    expect(applyRoundCommand({ roundId: round.id, actor: admin(), command: { type: "REOPEN", closesAt: null, reason: "Intake goes on." }, now: T0 })).toMatchObject({ ok: true, state: "open" });
    expect(roundRow(round.id).closesAt).toBeNull();
    applyRoundCommand({ roundId: round.id, actor: admin(), command: { type: "CLOSE" }, now: T0 });
    expect(applyRoundCommand({ roundId: round.id, actor: admin(), command: { type: "ARCHIVE" }, now: T0 })).toMatchObject({ ok: true, state: "archived" });
  });
});

describe("two people acting at once", () => {
  it("a stale expected version is a conflict, and nothing is written", () => {
    const round = makeRound();
    const { version } = roundRow(round.id);
    expect(applyRoundCommand({ roundId: round.id, expectedVersion: version, actor: admin(), command: { type: "CLOSE" }, now: T0 }).ok).toBe(true);
    const events = historyCount();
    expect(applyRoundCommand({ roundId: round.id, expectedVersion: version, actor: admin(), command: { type: "CLOSE" }, now: T0 })).toEqual({
      ok: false,
      problem: "conflict",
      message: "Someone else changed this round meanwhile. Reload the page and try again.",
    });
    expect(historyCount()).toBe(events);
  });

  it("an UPDATE that finds the row changed under it is a conflict, with no history row", () => {
    const round = makeRound();
    const before = roundRow(round.id);
    const events = historyCount();
    const sqlite = connection().sqlite;
    // Stands in for a writer on another connection between the read and the write: the guarded
    // UPDATE then changes no row.
    sqlite.exec("CREATE TEMP TRIGGER skip_round_update BEFORE UPDATE ON main.rounds BEGIN SELECT RAISE(IGNORE); END");
    try {
      expect(applyRoundCommand({ roundId: round.id, expectedVersion: before.version, actor: admin(), command: { type: "CLOSE" }, now: T0 })).toMatchObject({
        ok: false,
        problem: "conflict",
      });
    } finally {
      sqlite.exec("DROP TRIGGER temp.skip_round_update");
    }
    expect(roundRow(round.id)).toEqual(before);
    expect(historyCount()).toBe(events);
  });
});
