// "What if": the fixes the report proposes, applied to the throwaway benchmark database only (never
// to the migrations), after the measurements of the schema as it is, then the hot reads and a shorter
// mixed workload measured again. It turns each proposed fix into a measured one; the verdict is
// always on the schema as it is.
import { adminUrl, psql } from "../../scripts/lib/stack.mjs";
import { claimsFor, connect, log } from "./db.mjs";

// Empty: the one fix proposed before (mission_applications without the admin arm) is in the
// migrations now, for every "my rows" table. Add an entry to measure a proposed fix again.
export const FIXES = [];

export async function applyFixes(url) {
  const sql = connect(url);
  try {
    for (const f of FIXES) {
      log(`  what-if: ${f.name}`);
      await sql.unsafe(f.sql);
    }
    // The mixed workload before left dead rows and dirty pages behind: clean up first, so that
    // autovacuum and the checkpointer do not run during the measurements.
    await sql.unsafe("vacuum (analyze)");
    // CHECKPOINT needs pg_checkpoint, which postgres does not have (on hosted neither): asked of supabase_admin.
    psql(adminUrl(url), ["-c", "checkpoint"]);
  } finally {
    await sql.end();
  }
  return FIXES.map((f) => ({ name: f.name, why: f.why, sql: f.sql.trim() }));
}


/**
 * What one call of a policy helper costs inside a query, in microseconds: 1,000 separate queries
 * `select (select <helper>)` as an active user (role authenticated + claims), less the same
 * queries selecting a constant; the best of 5 rounds (other processes only ever add time).
 */
export async function helperCost(url, userId, n = 1000, rounds = 5) {
  const sql = connect(url);
  try {
    const out = {};
    await sql.begin(async (tx) => {
      await tx.unsafe("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [claimsFor(userId)]);
      const time = async (expr) => {
        const t0 = process.hrtime.bigint();
        await tx.unsafe(`do $$ begin for i in 1..${n} loop execute 'select (select ${expr.replaceAll("'", "''")})'; end loop; end $$`);
        return Number(process.hrtime.bigint() - t0) / 1e3 / n;
      };
      const exprs = [
        "true",
        "auth.uid()",
        "private.uid()",
        "private.is_active()",
        "private.my_contributor_id()",
        "private.my_mission_ids()",
        "private.my_conversation_ids()",
      ];
      const pass = async (suffix) => {
        const best = Object.fromEntries(exprs.map((e) => [e, Infinity]));
        await time("true");
        for (let i = 0; i < rounds; i++) for (const e of exprs) best[e] = Math.min(best[e], await time(e));
        for (const e of exprs.slice(1)) out[`${e}${suffix}`] = Math.round(best[e] - best.true);
      };
      // Looked up (no pre-request hook: Realtime, psql, Edge Functions), then as in a Data API
      // request, from the facts the hook remembered (private.remember_caller).
      await pass("");
      await tx.unsafe("select public.check_request()");
      await pass(" remembered");
    });
    return out;
  } finally {
    await sql.end();
  }
}
