import type { Server } from "node:http";

// Requests in progress finish (and their connections close once answered); after this long,
// whatever is still open is cut, so a stuck client cannot hold up a restart.
const DRAIN_MS = 10_000;

export async function drain(server: Server) {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive connections go as soon as they are idle, including those answered just now.
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  const cut = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
  server.closeIdleConnections();
  await closed;
  clearInterval(idle);
  clearTimeout(cut);
}

/** On SIGTERM or SIGINT, once: says so (unless `say` is false), runs `stop`, and exits. */
export function whenAskedToStop(stop: () => Promise<void>, say = true) {
  let stopping = false;
  const onSignal = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (say) console.log(`${signal}: finishing requests and jobs, then stopping.`);
    await stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void onSignal("SIGINT"));
  process.on("SIGTERM", () => void onSignal("SIGTERM"));
}
