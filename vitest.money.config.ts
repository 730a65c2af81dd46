import { defineConfig } from "vitest/config";

// The money property sequences and the fault tests (issue 11): not yet part of `npm test`, because
// they reproduce money bugs that are still open (see the closing note of issue 11). Run them with
// `npm run test:money` against a test database (TEST_DATABASE_URL).
export default defineConfig({
  test: {
    include: ["tests/money/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    allowOnly: false,
  },
});
