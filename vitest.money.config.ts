import { defineConfig } from "vitest/config";

// All the money suites, including tests/money/postgres-crash.test.ts, which `npm test` leaves out:
// two of its three tests reproduce an open postgres.js bug (porsager/postgres#1199: a pooled
// connection hangs after the server cut it). Run against a test database (TEST_DATABASE_URL).
export default defineConfig({
  test: {
    include: ["tests/money/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    allowOnly: false,
  },
});
