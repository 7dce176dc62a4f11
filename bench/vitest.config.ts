import { defineConfig, mergeConfig } from "vitest/config";
import viteConfig from "../vite.config";

// `npm run bench:pages -- FILE`: the pages' CPU cost over a generated database (bench/page-cpu.test.ts).
// Not part of `npm test`: it measures, it asserts nothing about time.
export default mergeConfig(
  viteConfig,
  defineConfig({ test: { include: ["bench/page-cpu.test.ts"], pool: "forks", testTimeout: 1_800_000 } }),
);
