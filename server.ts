// The portal's server. In production it is compiled to build/start.js (`npm run build`) and
// started with `node` (`npm start`); `npm run dev` runs it from source with tsx and Vite.
// In production, WORKERS processes (default: one per core) serve requests on one port
// (node:cluster), sharing the SQLite file in WAL mode. The primary only supervises them and
// loads none of the app; one worker also runs the background jobs (mail, the scheduler). Why:
// docs/decisions/023-both-cores-and-production-start.md and 028-a-primary-that-holds-nothing.md.
import cluster from "node:cluster";
import { availableParallelism } from "node:os";
import { env } from "./app/env.server";
import { ROLE_VARIABLE, type Role } from "./server/roles";

let config: ReturnType<typeof env>;
try {
  config = env();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
// Development serves through Vite's middleware, which belongs in one process.
const workerCount = config.NODE_ENV === "production" ? (config.WORKERS ?? availableParallelism()) : 1;

// Each role's code is imported only where it runs: the supervisor's process holds nothing else.
if (cluster.isPrimary && workerCount > 1) {
  const { supervise } = await import("./server/supervisor");
  supervise(config, workerCount);
} else {
  const role: Role = cluster.isPrimary ? "alone" : process.env[ROLE_VARIABLE] === "jobs" ? "jobs" : "requests";
  const { runPortalProcess } = await import("./server/portal-process");
  await runPortalProcess(config, role);
}
