import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/ts/**/*.test.ts", "tests/money/**/*.test.ts"],
    // The Postgres kill -9 tests run in their own stage of `npm test`, after every other one: the
    // server they kill must have nothing else to do (scripts/test.mjs, stage "crash").
    exclude: [...configDefaults.exclude, "tests/money/postgres-crash.test.ts"],
    // Files share one throwaway database and start real processes: run them one after another.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    allowOnly: false,
    passWithNoTests: false,
    // Statement coverage of the Edge Functions' code run in-process (`npm test` turns it on; the entry
    // points index.ts and the local gateway only run under Deno, over HTTP, and are not counted).
    coverage: {
      provider: "v8",
      include: ["functions/**/*.ts"],
      exclude: ["functions/**/index.ts", "functions/_local/**"],
      reporter: ["text-summary", "json-summary", "json"],
      reportsDirectory: ".local/coverage/functions",
    },
  },
});
