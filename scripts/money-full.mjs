// The full money property run (issue 11): MONEY_RUNS sequences (default 1000) of each property in
// tests/money/money-property.test.ts, every sequence run to the end (MONEY_TALLY=1) and the violated
// invariants counted by kind, each with the seed and path that replay it.
//
//   node scripts/money-full.mjs                  1000 sequences per property, seed 20261126
//   MONEY_RUNS=3000 MONEY_SEED=random node scripts/money-full.mjs
//   MONEY_PROPS=disputes node scripts/money-full.mjs
//
// The database: TEST_DATABASE_URL (or DATABASE_URL) names a server on which a throwaway database
// (TEST_DB_NAME, default people_test_money_full) is rebuilt from the bootstrap + migrations; with
// neither set, the private test cluster (127.0.0.1:54339) is started fresh and destroyed afterwards,
// as `npm test` does. MONEY_NO_REBUILD=1 uses TEST_DATABASE_URL as it is (a database built already).
// Exits non-zero when any sequence violated an invariant.
import path from "node:path";
import { BIN, CLUSTERS, clusterUrl, destroyCluster, ensureInstalled, log, portOpen, rebuild, ROOT, run, startCluster } from "./lib/stack.mjs";

ensureInstalled();
const externalBase = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const reuse = process.env.MONEY_NO_REBUILD === "1" && process.env.TEST_DATABASE_URL;
let url;
if (reuse) {
  url = process.env.TEST_DATABASE_URL;
} else if (externalBase) {
  const u = new URL(externalBase);
  u.pathname = `/${process.env.TEST_DB_NAME ?? "people_test_money_full"}`;
  url = u.toString();
} else {
  if (await portOpen(CLUSTERS.test.port)) {
    log(`port ${CLUSTERS.test.port} is in use (is npm test running?): set TEST_DATABASE_URL, or try again later`);
    process.exit(2);
  }
  await startCluster(CLUSTERS.test, { fresh: true });
  url = clusterUrl(CLUSTERS.test);
  process.on("exit", () => {
    if (!process.env.KEEP_TEST_DB) destroyCluster(CLUSTERS.test);
  });
}

const t0 = Date.now();
if (!reuse) rebuild(url, { seed: false });
log(`database ready in ${Date.now() - t0} ms; running the money properties`);
const runs = process.env.MONEY_RUNS ?? "1000";
const r = run(path.join(BIN, "vitest"), ["run", "--config", "vitest.money.config.ts", "tests/money/money-property.test.ts", "-t", "money is conserved"], {
  env: { TEST_DATABASE_URL: url, MONEY_RUNS: runs, MONEY_TALLY: process.env.MONEY_TALLY ?? "1" },
  cwd: ROOT,
  allowFail: true,
});
log(`money properties: ${r.status === 0 ? "all sequences kept every invariant" : "violations (see the tallies above)"} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
process.exit(r.status ?? 1);
