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

export function closeDatabase() {
  holder.__tafDatabase?.sqlite.close();
  holder.__tafDatabase = undefined;
}
