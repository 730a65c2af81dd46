// npm run doctor: is anything a deploy must leave in place missing? Runs private.deployment_check() on
// DATABASE_URL (e.g. a hosted project's connection string) or the local development database, prints
// what is missing and exits non-zero when anything is. Starts nothing.
import { CLUSTERS, clusterUrl, fail, log, portOpen, psql } from "./lib/stack.mjs";

const url = process.env.DATABASE_URL ?? clusterUrl(CLUSTERS.dev);
const shown = (() => {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
})();

if (!process.env.DATABASE_URL && !(await portOpen(CLUSTERS.dev.port))) {
  fail(`the development database is not running (npm run db:start), or set DATABASE_URL to check another one`);
}

const r = psql(url, ["-At", "-F", "\t", "-c", "select component, missing from private.deployment_check() order by 1, 2"], {
  allowFail: true,
});
log(`deployment check on ${shown}`);
if (r.status !== 0) {
  const why = /function private\.deployment_check\(\) does not exist|schema "private" does not exist/.test(r.stderr)
    ? "private.deployment_check() is missing: the migrations are not applied (npx supabase db push, or npm run db:reset locally)"
    : r.stderr.trim();
  fail(why);
}
const rows = r.stdout.split("\n").filter(Boolean).map((line) => line.split("\t"));
if (rows.length === 0) {
  console.log("nothing is missing");
  process.exit(0);
}
console.log(`${rows.length} missing:`);
for (const [component, missing] of rows) console.log(`  ${component.padEnd(9)} ${missing}`);
process.exit(1);
