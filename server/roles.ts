// Which part a process of the cluster plays, passed by the supervisor in its environment.
export const ROLE_VARIABLE = "TAF_PROCESS_ROLE";

/**
 * `alone`: WORKERS=1, one process does everything. `jobs`: the one worker that brings the
 * database up to date, runs mail and the scheduler, and serves requests too. `requests`: a
 * worker that serves requests only.
 */
export type Role = "alone" | "jobs" | "requests";

/** What a worker tells the supervisor. */
export type WorkerMessage = { kind: "database-ready"; lines: string[] };
