import { defineConfig, mergeConfig } from "vitest/config";
import viteConfig from "./vite.config";

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
      // The databases tests start from are built once per run; each file gets its own copy,
      // each test a fresh one if its file asks (tests/setup.ts). Files run in parallel forks.
      globalSetup: ["tests/support/global-setup.ts"],
      setupFiles: ["tests/setup.ts"],
      pool: "forks",
      testTimeout: 20_000,
      hookTimeout: 60_000,
    },
  }),
);
