import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/ts/**/*.test.ts", "tests/money/**/*.test.ts"],
    // Two of the Postgres-crash tests reproduce an open upstream bug (a postgres.js pooled connection
    // hangs after the server cut it, porsager/postgres#1199): that file runs with `npm run test:money`.
    exclude: [...configDefaults.exclude, "tests/money/postgres-crash.test.ts"],
    // Files share one throwaway database and start real processes: run them one after another.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    allowOnly: false,
    passWithNoTests: false,
  },
});
