import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";

// The house's import rules (.dependency-cruiser.cjs, docs/architecture.md) hold for the whole
// tree: no cycles, workflows/ pure, db/ and emails/ free of app/, routes as leaves, and server
// modules and components kept apart. A new import that breaks one fails here with its path.
it("keeps every import pointing inward, with no cycles", () => {
  const run = spawnSync(
    process.execPath,
    ["node_modules/dependency-cruiser/bin/dependency-cruise.mjs", "--config", ".dependency-cruiser.cjs", "--output-type", "err", "app", "db", "emails", "workflows", "scripts", "server.ts"],
    { encoding: "utf8" },
  );
  expect(run.stdout + run.stderr).not.toMatch(/error /);
  expect(run.status, run.stdout + run.stderr).toBe(0);
});
