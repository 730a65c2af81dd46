// The bad-input fuzzing (tests/ts/bad-input.test.ts) with many more generated inputs than npm test
// uses: BAD_INPUT_RUNS random inputs per RPC (default here 200; edge endpoints get 4x as many).
//   TEST_DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:54322/people_test_fuzz node scripts/bad-input-full.mjs [runs] [seed]
// TEST_DATABASE_URL must name an already built test database (npm test builds one, e.g. with
// TEST_DATABASE_URL=<server> TEST_DB_NAME=people_test_fuzz npm test -- vitest). Replay a failure with
// the seed it printed. The summary is printed and written to .local/bad-input-summary.json.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
if (!process.env.TEST_DATABASE_URL) {
  console.error("Set TEST_DATABASE_URL to a test database built by npm test (never the development database).");
  process.exit(2);
}
const runs = process.argv[2] ?? process.env.BAD_INPUT_RUNS ?? "200";
const seed = process.argv[3] ?? process.env.BAD_INPUT_SEED;
const env = { ...process.env, BAD_INPUT_RUNS: runs, ...(seed ? { BAD_INPUT_SEED: seed } : {}) };
console.log(`bad input, full run: ${runs} random inputs per RPC${seed ? `, seed ${seed}` : ""}`);
const r = spawnSync(path.join(root, "node_modules/.bin/vitest"), ["run", "tests/ts/bad-input.test.ts"], { cwd: root, env, stdio: "inherit" });
process.exit(r.status ?? 1);
