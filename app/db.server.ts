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

export function closeDatabase() {
  holder.__tafDatabase?.sqlite.close();
  holder.__tafDatabase = undefined;
}
