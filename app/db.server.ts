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
const kept = new WeakMap<Connection, Map<string, { mark: string; value: unknown }>>();

/**
 * What a read gives, kept until the next write to the database: `read` runs again once anything
 * was committed since, by this connection (total_changes) or by another process's
 * (data_version), so a figure that only a read over many rows can give is read once per change,
 * not once per visit. Two statements of no cost decide it. At most a few hundred keys are ever
 * asked for (one per audience and figure, one per reviewer), so they are kept without bound. Each key is one
 * read: its value's type is the caller's.
 */
export function keptUntilWritten<T>(key: string, read: () => T): T {
  const current = connection();
  const marks = writeMarks();
  const mark = `${String(marks.others.get())}:${String(marks.own.get())}`;
  let known = kept.get(current);
  if (!known) kept.set(current, (known = new Map()));
  const entry = known.get(key);
  if (entry?.mark === mark) return entry.value as T;
  const value = read();
  known.set(key, { mark, value });
  return value;
}

export function closeDatabase() {
  holder.__tafDatabase?.sqlite.close();
  holder.__tafDatabase = undefined;
}
