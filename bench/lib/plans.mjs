// The plans of the hot queries, as the role with claims (RLS on), two ways:
//   1. EXPLAIN (ANALYZE, FORMAT JSON) of each hot read for a few users, in a transaction with
//      role authenticated and the user's claims (custom plans, with the real parameter values);
//   2. auto_explain (log_min_duration 0, nested statements, JSON, sent to the client as notices) on
//      a connection that replays each hot read 8 times with prepared statements (past the 5
//      executions after which the plan cache may switch to a generic plan) and each write RPC
//      6 times (rolled back): the plans that actually run, including the statements inside
//      the RPCs, the triggers they fire and the policies' helper functions.
// Every sequential scan of a table of more than `minRows` rows is listed (seq_scans).
import postgres from "postgres";
import { adminUrl } from "../../scripts/lib/stack.mjs";
import { claimsFor, log, rng, SET_CLAIMS } from "./db.mjs";
import { planRuns } from "./reads.mjs";
import { WRITES } from "./writes.mjs";

const RAW_JSON = { rawjson: { to: 114, from: [114], serialize: (x) => JSON.stringify(x), parse: (x) => x } };

/** Walks a plan tree: calls fn(node, depth) for every node. */
function walk(node, fn, depth = 0) {
  fn(node, depth);
  for (const child of node.Plans ?? []) walk(child, fn, depth + 1);
}

/** A plan as indented lines without costs or timings (stable from run to run). */
export function planLines(plan) {
  const lines = [];
  walk(plan, (n, d) => {
    let s = n["Node Type"];
    if (n["Parent Relationship"] && ["InitPlan", "SubPlan"].includes(n["Parent Relationship"])) s = `${n["Subplan Name"] ?? n["Parent Relationship"]}: ${s}`;
    if (n["Index Name"]) s += ` using ${n["Index Name"]}`;
    if (n["Relation Name"]) s += ` on ${n.Schema ? `${n.Schema}.` : ""}${n["Relation Name"]}${n.Alias && n.Alias !== n["Relation Name"] ? ` ${n.Alias}` : ""}`;
    if (n["Function Name"]) s += ` ${n["Function Name"]}()`;
    const cond = n["Index Cond"] ?? n["Recheck Cond"] ?? n["Hash Cond"] ?? n["Join Filter"];
    if (cond) s += `  [${cond.length > 400 ? `${cond.slice(0, 400)}...` : cond}]`;
    if (n.Filter) s += `  filter: ${n.Filter.length > 400 ? `${n.Filter.slice(0, 400)}...` : n.Filter}`;
    lines.push(`${"  ".repeat(d)}${s}`);
  });
  return lines;
}

function seqScansOf(plan) {
  const out = [];
  walk(plan, (n) => {
    if (n["Node Type"] === "Seq Scan") out.push({ schema: n.Schema ?? "public", relation: n["Relation Name"], filter: n.Filter ?? null });
  });
  return out;
}

export async function capturePlans(url, ctx, reads, targets, { minRows = 10_000, seed = 23, explainUsers = 3, replays = 8, writeReplays = 6 } = {}) {
  const notices = [];
  // As supabase_admin: auto_explain's log_format and log_level (plans sent to this client as notices) are
  // superuser-only, on hosted too (where one reads plans from the logs). Every query still runs as
  // `authenticated` with the user's claims, so RLS and the plans are the Data API's.
  const sql = postgres(adminUrl(url), {
    max: 1,
    prepare: true,
    types: RAW_JSON,
    connection: { application_name: "people-bench-plans" },
    onnotice: (n) => notices.push(n.message),
  });
  const sizes = new Map();
  const rowsOf = async (schema, relation) => {
    const key = `${schema}.${relation}`;
    if (!sizes.has(key)) {
      const [r] = await sql`select coalesce((select reltuples::bigint from pg_class c join pg_namespace n on n.oid = c.relnamespace
                                             where n.nspname = ${schema} and c.relname = ${relation}), 0)::bigint as n`;
      sizes.set(key, Number(r.n));
    }
    return sizes.get(key);
  };
  const seqScans = [];
  const flag = async (source, statement, plan) => {
    for (const s of seqScansOf(plan)) {
      const rows = await rowsOf(s.schema, s.relation);
      if (rows > minRows && !seqScans.some((x) => x.source === source && x.table === `${s.schema}.${s.relation}` && x.statement === statement)) {
        seqScans.push({ source, table: `${s.schema}.${s.relation}`, table_rows: rows, filter: s.filter, statement });
      }
    }
  };
  const plans = {};
  try {
    // 1. EXPLAIN ANALYZE as the role with claims.
    for (const read of reads) {
      const runs = planRuns(read, ctx, explainUsers, rng(seed));
      plans[read.name] = { explained: [], runtime_statements: 0 };
      for (const [i, { u, t }] of runs.entries()) {
        const q = read.rls(u, t);
        let plan;
        await sql.begin("read only", async (tx) => {
          await tx.unsafe(SET_CLAIMS.rls, [claimsFor(u.user_id)]);
          await tx.unsafe("select public.check_request()"); // PostgREST's pre-request hook
          const [row] = await tx.unsafe(`explain (analyze, format json) ${q.sql}`, q.args);
          plan = JSON.parse(row["QUERY PLAN"])[0];
        });
        if (i === 0) {
          plans[read.name].plan = planLines(plan.Plan);
          plans[read.name].execution_ms = plan["Execution Time"];
          plans[read.name].jit = !!plan.JIT;
        }
        plans[read.name].explained.push({ execution_ms: plan["Execution Time"] });
        await flag(`read:${read.name}`, "(the query)", plan.Plan);
      }
    }

    // 2. auto_explain: what actually runs, nested statements included.
    await sql.unsafe("load 'auto_explain'");
    await sql.unsafe(
      "set auto_explain.log_min_duration = 0; set auto_explain.log_nested_statements = on; set auto_explain.log_format = 'json'; set auto_explain.log_level = 'notice'",
    );
    const drain = async (source) => {
      const batch = notices.splice(0);
      let n = 0;
      for (const msg of batch) {
        const at = msg.indexOf("plan:");
        if (at < 0) continue;
        let parsed;
        try {
          parsed = JSON.parse(msg.slice(at + 5));
        } catch {
          continue;
        }
        const text = String(parsed["Query Text"] ?? "").trim();
        if (/^select set_config\('role'/.test(text)) continue;
        n += 1;
        const statement = text.startsWith("WITH pgrst_source") ? "(the query)" : text.length > 200 ? `${text.slice(0, 200)}...` : text;
        await flag(source, statement, parsed.Plan);
      }
      return n;
    };
    for (const read of reads) {
      const runs = planRuns(read, ctx, replays, rng(seed + 1));
      for (const { u, t } of runs) {
        const q = read.rls(u, t);
        await sql.begin("read only", async (tx) => {
          await tx.unsafe(SET_CLAIMS.rls, [claimsFor(u.user_id)], { prepare: true });
          await tx.unsafe("select public.check_request()", [], { prepare: true });
          await tx.unsafe(q.sql, q.args, { prepare: true, simple: false });
        });
      }
      plans[read.name].runtime_statements = await drain(`read:${read.name}`);
    }
    const rollback = new Error("rollback");
    for (const w of WRITES) {
      const pool = targets[w.name].slice(0, writeReplays);
      for (const t of pool) {
        try {
          await sql.begin("read write", async (tx) => {
            await tx.unsafe(SET_CLAIMS.rls, [claimsFor(t.user_id)], { prepare: true });
            await tx.unsafe("select public.check_request()", [], { prepare: true });
            await tx.unsafe(w.sql, w.args(t), { prepare: true, simple: false });
            throw rollback;
          });
        } catch (e) {
          if (e !== rollback) log(`  plan capture: ${w.name} failed: ${e.message}`);
        }
      }
      plans[`write:${w.name}`] = { runtime_statements: await drain(`write:${w.name}`), replays: pool.length };
    }
    await sql.unsafe("set auto_explain.log_min_duration = -1");
  } finally {
    await sql.end();
  }
  seqScans.sort((a, b) => (a.source + a.table + a.statement).localeCompare(b.source + b.table + b.statement));
  return { plans, seq_scans: seqScans };
}
