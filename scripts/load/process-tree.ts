// What a server's processes use, read from Linux's /proc: the benchmark and the side-by-side
// comparison measure the whole tree (primary and workers), as issue 13 asks.
import { readFileSync, readdirSync } from "node:fs";

/** `pid` and every process it started, and theirs. */
export function processTree(pid: number): number[] {
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) => {
    try {
      return readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
  return [pid, ...children.flatMap(processTree)];
}

/** The proportional set size of the tree under `pid`, in MiB. */
export function treePssMiB(pid: number) {
  let kib = 0;
  for (const each of processTree(pid)) {
    try {
      kib += Number(readFileSync(`/proc/${each}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+)/m)?.[1] ?? 0);
    } catch {
      // A process that ended between listing and reading has no memory left to count.
    }
  }
  return kib / 1024;
}

/** The CPU time the tree under `pid` has used so far (user and system), in milliseconds. */
export function treeCpuMs(pid: number) {
  let ticks = 0;
  for (const each of processTree(pid)) {
    try {
      const fields = readFileSync(`/proc/${each}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // As above.
    }
  }
  // Linux counts in clock ticks of 1/100 s (USER_HZ).
  return ticks * 10;
}
