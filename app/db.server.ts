import { openDatabase } from "../db/client";
import { env } from "./env.server";

type Connection = ReturnType<typeof openDatabase>;

// One connection per process, shared by the server (jobs) and the bundled app (requests):
// both reach it through globalThis, which also survives dev-mode reloads.
const holder = globalThis as typeof globalThis & { __tafDatabase?: Connection };

export function connection(): Connection {
  holder.__tafDatabase ??= openDatabase(env().DATABASE_PATH);
  return holder.__tafDatabase;
}

export function db() {
  return connection().db;
}

/**
 * A statement of a hot path (the session lookup, the home pages), built by drizzle and prepared
 * by SQLite once per connection instead of on every request: compiling queries was a quarter of
 * the server's time (docs/performance.md, "Hot paths"). The cache is keyed by the connection
 * object, so a new connection (tests open one per test) prepares its own.
 */
export function preparedStatement<Statement>(build: (database: Connection["db"]) => Statement): () => Statement {
  const byConnection = new WeakMap<Connection, Statement>();
  return () => {
    const current = connection();
    const known = byConnection.get(current);
    if (known) return known;
    const statement = build(current.db);
    byConnection.set(current, statement);
    return statement;
  };
}

const writeMarks = preparedStatement(() => {
  const { sqlite } = connection();
  return { others: sqlite.prepare("pragma data_version").pluck(), own: sqlite.prepare("select total_changes()").pluck() };
});
const counted = new WeakMap<Connection, Map<string, { mark: string; n: number }>>();

/**
 * A count kept until the next write to the database: `count` runs again once anything was
 * committed since, by this connection (total_changes) or by another process's (data_version),
 * so a figure that only a count over many rows can give is counted once per change, not once
 * per visit. Two statements of no cost decide it. At most a few hundred keys are ever asked for
 * (one per audience), so they are kept without bound.
 */
export function countedUntilWritten(key: string, count: () => number): number {
  const current = connection();
  const marks = writeMarks();
  const mark = `${String(marks.others.get())}:${String(marks.own.get())}`;
  let known = counted.get(current);
  if (!known) counted.set(current, (known = new Map()));
  const kept = known.get(key);
  if (kept?.mark === mark) return kept.n;
  const n = count();
  known.set(key, { mark, n });
  return n;
}

export function closeDatabase() {
  holder.__tafDatabase?.sqlite.close();
  holder.__tafDatabase = undefined;
}
