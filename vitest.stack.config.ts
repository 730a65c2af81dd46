import { defineConfig } from "vitest/config";

// The README's first commands as a new user runs them (tests/stack): npm run db:reset, db:seed, login,
// dev and demo as real processes. `npm test` runs them in their own stage ("firstrun") against the
// throwaway server (TEST_DATABASE_URL); they start their own development cluster on free ports.
export default defineConfig({
  test: {
    include: ["tests/stack/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    allowOnly: false,
    passWithNoTests: false,
  },
});
