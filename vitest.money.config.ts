import { defineConfig } from "vitest/config";

// All the money suites, including tests/money/postgres-crash.test.ts (which `npm test` runs in a stage
// of its own, last: it kills the server). Run against a test database (TEST_DATABASE_URL); the
// server is only killed if it is the throwaway test cluster (see tests/money/faults-shared.ts).
export default defineConfig({
  test: {
    include: ["tests/money/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    allowOnly: false,
  },
});
