import type { db } from "../db.server";

/** The database, or a transaction in progress: both offer the same synchronous query API. */
export type Tx = ReturnType<typeof db> | Parameters<Parameters<ReturnType<typeof db>["transaction"]>[0]>[0];

/** The scheduler and the server act as this actor; history rows record it with no user. */
export const SYSTEM_ACTOR = { userId: 0, role: "system", institutionId: null } as const;
