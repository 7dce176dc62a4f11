import { defineConfig, mergeConfig } from "vitest/config";
import viteConfig from "./vite.config";

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
      setupFiles: ["tests/setup.ts"],
      // Each file gets its own SQLite database (see tests/setup.ts); files run in parallel forks.
      pool: "forks",
      testTimeout: 20_000,
      hookTimeout: 60_000,
    },
  }),
);
