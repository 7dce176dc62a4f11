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
type Kept = Map<string, { mark: string; value: unknown }>;
const kept = new WeakMap<Connection, Map<string, Kept>>();

/**
 * What a read gives, kept until the next write to the database: `read` runs again once anything
 * was committed since, by this connection (total_changes) or by another process's
 * (data_version), so a figure that only a read over many rows can give is read once per change,
 * not once per visit. Two statements of no cost decide it. At most a few hundred keys are ever
 * asked for (one per audience and figure, one per institution set, two per reviewer), so they
 * are kept without bound. Each key is one read: its value's type is the caller's.
 */
export function keptUntilWritten<T>(key: string, read: () => T): T {
  return keptIn("", Infinity, key, read);
}

/**
 * keptUntilWritten for keys made of what people type (a search's words): of `space`, only the
 * `latest` keys asked for most recently are kept, so that memory stays bounded whatever is typed.
 */
export function keptLatestUntilWritten<T>(space: string, latest: number, key: string, read: () => T): T {
  return keptIn(space, latest, key, read);
}

function keptIn<T>(space: string, latest: number, key: string, read: () => T): T {
  const current = connection();
  const marks = writeMarks();
  const mark = `${String(marks.others.get())}:${String(marks.own.get())}`;
  let spaces = kept.get(current);
  if (!spaces) kept.set(current, (spaces = new Map()));
  let known = spaces.get(space);
  if (!known) spaces.set(space, (known = new Map()));
  const entry = known.get(key);
  // Asked again: moved to the end of the map's order, the most recent.
  known.delete(key);
  if (entry?.mark === mark) {
    known.set(key, entry);
    return entry.value as T;
  }
  const value = read();
  known.set(key, { mark, value });
  for (const oldest of known.keys()) {
    if (known.size <= latest) break;
    known.delete(oldest);
  }
  return value;
}

export function closeDatabase() {
  holder.__tafDatabase?.sqlite.close();
  holder.__tafDatabase = undefined;
}
