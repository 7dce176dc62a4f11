// The primary process of the cluster (WORKERS > 1). It serves nothing and opens no database: it
// starts the workers, hands them the connections (node:cluster), replaces one that dies, and
// stops them. Holding none of the app, it costs a bare Node process's memory (ADR 028).
import cluster, { type Worker } from "node:cluster";
import type { Env } from "../app/env.server";
import { announce } from "./announcement";
import { ROLE_VARIABLE, type Role, type WorkerMessage } from "./roles";
import { whenAskedToStop } from "./stopping";

// V8 sizes a heap from the machine's memory: under sustained load a worker's grew to 1.1 GiB
// around 70 MiB of live data. Growing it by a quarter over what the last full collection kept
// held the portal's peak at 465 MiB instead of 715, for 4.5 % more CPU a request (ADR 028). A
// young generation of 8 MiB semi-spaces instead of 16 took another 42 MiB off the peak for 3 %
// more CPU a request (4 MiB cost a fifth more). A heap flag of the operator's own
// (node --max-old-space-size=…, NODE_OPTIONS) is left to rule.
const HEAP_FLAGS = ["--heap-growing-percent=25", "--max-semi-space-size=8"];
const ownsHeapFlags = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((flag) => /--(heap-growing-percent|max-old-space-size|max-semi-space-size|max-heap-size)/.test(flag));

export function supervise(config: Env, workerCount: number) {
  cluster.setupPrimary({ execArgv: ownsHeapFlags ? process.execArgv : [...process.execArgv, ...HEAP_FLAGS] });
  let started = false;
  let announced = false;
  let stopping = false;
  let listening = 0;
  let startLines: string[] = [];
  let jobsPid = 0;

  const fork = (role: Role) => {
    const worker = cluster.fork({ [ROLE_VARIABLE]: role });
    worker.on("message", (message: WorkerMessage) => {
      if (message.kind !== "database-ready") return;
      startLines = message.lines;
      jobsPid = worker.process.pid ?? 0;
      // The others start once the database is up to date and the session secret made, so that
      // none races another for them.
      if (!started) for (let i = 1; i < workerCount; i += 1) fork("requests");
      started = true;
    });
    worker.once("listening", () => {
      listening += 1;
      if (listening < workerCount || announced) return;
      announced = true;
      announce(config, `${workerCount} worker processes (WORKERS), one port; mail and the scheduler run in process ${jobsPid}`, startLines);
    });
    worker.once("exit", (code, signal) => {
      if (stopping) return;
      if (!announced) {
        // A worker that cannot start (a port in use, a database it cannot open) has said why;
        // the portal does not start.
        stopAll().then(() => process.exit(1), () => process.exit(1));
        return;
      }
      // A worker that died later is replaced, in its role: the others went on serving
      // meanwhile, and mail waits in the outbox until the jobs' process is back.
      console.error(`A worker process ended (${signal ?? `exit code ${code}`}); starting another.`);
      listening -= 1;
      fork(role);
    });
  };

  const stopAll = async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    await Promise.all(
      workers.map((worker) => {
        if (worker.isDead()) return undefined;
        const exited = new Promise((resolve) => worker.once("exit", resolve));
        // Each worker finishes its requests first, and the jobs' process the mail in flight.
        worker.process.kill("SIGTERM");
        return exited;
      }),
    );
  };

  fork("jobs");
  whenAskedToStop(stopAll);
}
