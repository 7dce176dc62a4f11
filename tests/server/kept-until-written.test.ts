import { describe, expect, it } from "vitest";
import { db, keptLatestUntilWritten, keptUntilWritten } from "../../app/db.server";
import { tallies } from "../../db/schema";
import { useDatabase } from "../support/database";

// A read kept until the next write (app/db.server.ts) must be read again after any write, and
// where its keys come from what people type, only the latest few are held.

useDatabase("empty");

function counting() {
  let reads = 0;
  return { read: () => ++reads, reads: () => reads };
}

describe("a read kept until the next write", () => {
  it("is read once while nothing is written, and again after a write", () => {
    const figure = counting();
    expect(keptUntilWritten("test:figure", figure.read)).toBe(1);
    expect(keptUntilWritten("test:figure", figure.read)).toBe(1);
    db().insert(tallies).values({ name: "test", n: 1 }).run();
    expect(keptUntilWritten("test:figure", figure.read)).toBe(2);
    expect(figure.reads()).toBe(2);
  });

  it("of keys people type, keeps only the latest asked for", () => {
    const searches = new Map<string, ReturnType<typeof counting>>();
    const ask = (words: string) => {
      if (!searches.has(words)) searches.set(words, counting());
      return keptLatestUntilWritten("test:searches", 3, words, searches.get(words)!.read);
    };
    ["a", "b", "c"].forEach(ask);
    ask("a"); // now the most recent: "b" is the oldest
    ask("d"); // one too many: "b" goes
    expect(["a", "c", "d"].map((words) => ask(words))).toEqual([1, 1, 1]);
    expect(ask("b")).toBe(2);
  });
});
