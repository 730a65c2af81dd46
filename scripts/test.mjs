// npm test: every test, against a throwaway database (never the development data).
//   1. a fresh PostgreSQL cluster on 127.0.0.1:54339 (or, with TEST_DATABASE_URL / DATABASE_URL set,
//      a database named people_test on that server), rebuilt from the bootstrap + migrations;
//   2. pgTAP over tests/db/*.test.sql with pg_prove;
//   3. vitest over tests/ts (Edge Functions in-process and over HTTP with real Deno);
//   4. deno check over functions/;
//   5. supabase db lint --fail-on error (plpgsql_check);
//   6. the committed types and the schema snapshot (supabase/schema.sql) match the live schema;
//   7. the frontend examples type-check against types/database.ts; 8. the demo runs;
//   9. the first run: db:reset + the seed's promises, db:seed, login, npm run dev from nothing (tests/stack);
//   9b. the benchmark runs at smoke scale, and the load test through PgBouncer with 200 users;
//  10. last and alone, Postgres killed mid-workflow (tests/money/postgres-crash.test.ts).
// Ends with one line "N passed, N failed"; exits non-zero on any failure.
import fs from "node:fs";
import path from "node:path";
import {
  adminUrl, BIN, CLUSTERS, cliUrl, clusterUrl, destroyCluster, ensureInstalled, isRealSupabase, log, psql, query, rebuild, ROOT, run,
  startCluster,
} from "./lib/stack.mjs";

ensureInstalled();
const { generateSchema, staleTypes } = await import("./lib/types.mjs");

const only = new Set(process.argv.slice(2)); // e.g. `npm test -- pgtap vitest`
// `coverage` asks for the two stages that measure it, with per-file reports.
const want = (stage) => only.size === 0 || only.has(stage) || (only.has("coverage") && ["pgtap", "vitest"].includes(stage));
const results = []; // { stage, passed, failed, note }
const coverage = {}; // statement coverage, percent: functions (vitest), plpgsql (pgTAP + vitest, plpgsql_check)
const record = (stage, passed, failed, note = "") => {
  results.push({ stage, passed, failed, note });
  const mark = failed ? "\x1b[31mFAIL\x1b[0m" : "\x1b[32mok\x1b[0m";
  log(`${mark} ${stage}: ${passed} passed, ${failed} failed${note ? ` (${note})` : ""}`);
};

// ------------------------------------------------------------------ the throwaway database
const externalBase = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
let url;
if (externalBase) {
  const u = new URL(externalBase);
  u.pathname = `/${process.env.TEST_DB_NAME ?? "people_test"}`;
  url = u.toString();
} else {
  await startCluster(CLUSTERS.test, { fresh: true });
  url = clusterUrl(CLUSTERS.test);
}
process.on("exit", () => {
  if (!externalBase && !process.env.KEEP_TEST_DB) destroyCluster(CLUSTERS.test);
});

try {
  const t0 = Date.now();
  rebuild(url, { seed: false });
  // Test-only extensions: pgTAP (the tests) and plpgsql_check (supabase db lint creates it if missing).
  // On hosted, supautils lets postgres create both; on plain PostgreSQL only a superuser can, so they
  // are created by supabase_admin (on a real Supabase server, postgres creates them as on hosted).
  const extensionsBy = isRealSupabase(url) ? url : adminUrl(url);
  psql(extensionsBy, ["-c", `create extension if not exists pgtap with schema extensions;
    create extension if not exists plpgsql_check with schema extensions;`]);
  // Tests switch to the API roles and still call pgTAP's functions; postgres holds them with grant option.
  psql(url, ["-c", `grant usage on schema extensions to supabase_auth_admin;
    grant execute on all functions in schema extensions to anon, authenticated, service_role, supabase_auth_admin;`]);
  // Test helpers, as postgres (the tests' user, as on hosted).
  psql(url, ["-f", path.join(ROOT, "tests/db/_setup.sql")]);
  // The few helpers only the superuser can make (e.g. calling the access-token hook as Supabase Auth does).
  psql(adminUrl(url), ["-f", path.join(ROOT, "tests/db/_setup_admin.sql")]);
  record("database build", 1, 0, `${Date.now() - t0} ms`);
} catch (err) {
  const lines = err.message.split("\n");
  const errors = lines.filter((l) => /ERROR|error:/i.test(l));
  record("database build", 0, 1, [...lines.slice(0, 2), ...errors].join("\n"));
  finish();
}

// ------------------------------------------------------------------ pgTAP
if (want("pgtap")) {
  const files = fs.readdirSync(path.join(ROOT, "tests/db")).filter((f) => f.endsWith(".test.sql")).sort();
  const u = new URL(url);
  const r = run("pg_prove", [
    "--host", u.hostname, "--port", u.port || "5432", "--username", decodeURIComponent(u.username),
    "--dbname", u.pathname.slice(1), "--ext", ".sql", "--timer", "--failures", "--comments",
    ...files.map((f) => path.join("tests/db", f)),
  ], { env: { PGPASSWORD: decodeURIComponent(u.password) }, allowFail: true, quiet: true });
  const out = `${r.stdout}${r.stderr}`;
  process.stdout.write(out);
  const total = Number(/Files=\d+, Tests=(\d+)/.exec(out)?.[1] ?? 0);
  // The summary report has one block per file with trouble: failed test numbers, or a file that
  // died / planned wrongly (counted as one failure of its own).
  let failedTests = 0;
  let brokenFiles = 0;
  const report = out.split("Test Summary Report")[1] ?? "";
  for (const block of report.split(/\n(?=\S+\.sql\s)/).filter((b) => /\.sql\s/.test(b))) {
    for (const m of block.matchAll(/Failed tests?:\s+([\d,\s-]+)/g)) {
      for (const part of m[1].split(",").map((x) => x.trim()).filter(Boolean)) {
        const [a, b] = part.split("-").map(Number);
        failedTests += b ? b - a + 1 : 1;
      }
    }
    if (/Parse errors:|Non-zero exit status|No subtests run/.test(block)) brokenFiles += 1;
  }
  // TODO and SKIP directives hide failures: every test must run and pass.
  const directives = (out.match(/\(TODO\)|# SKIP|# TODO/g) ?? []).length;
  const planted = fs.readdirSync(path.join(ROOT, "tests/db")).filter((f) =>
    /\b(todo|todo_start|skip)\s*\(/i.test(fs.readFileSync(path.join(ROOT, "tests/db", f), "utf8")));
  if (planted.length) log(`pgTAP todo()/skip() found in: ${planted.join(", ")}`);
  let failed = failedTests + brokenFiles + directives + planted.length;
  if (r.status !== 0 && failed === 0) failed = 1;
  record("pgTAP", Math.max(total - failedTests, 0), failed, `${files.length} files`);
}

// ------------------------------------------------------------------ vitest
// (files one after another: they share the database; see vitest.config.ts), with statement coverage of
// functions/ (reported in the stage's line; `npm test -- vitest coverage` prints it per file)
if (want("vitest")) {
  const summary = path.join(ROOT, ".local/coverage/functions/coverage-summary.json");
  fs.rmSync(path.dirname(summary), { recursive: true, force: true });
  vitestStage("vitest", ["--coverage.enabled", ...(only.has("coverage") ? ["--coverage.reporter=text", "--coverage.reporter=json-summary"] : [])], {}, () => {
    if (!fs.existsSync(summary)) return "no coverage report";
    const { total } = JSON.parse(fs.readFileSync(summary, "utf8"));
    coverage.functions = total.statements.pct;
    return `functions/ statements covered: ${total.statements.pct}% (${total.statements.covered}/${total.statements.total})`;
  });
}

// ------------------------------------------------------------------ PL/pgSQL statement coverage
// The test cluster runs plpgsql_check's profiler (CLUSTERS.test): every PL/pgSQL statement pgTAP and
// vitest ran is counted. Measured right after them: later stages restart the server (building the
// first-run databases as copies restarts pg_cron's scheduler; the crash test kills it), which clears the
// profile. SQL-language functions are not PL/pgSQL and are not counted.
if (want("pgtap") || want("vitest")) {
  const profiled = (() => {
    try {
      return query(adminUrl(url), "select current_setting('plpgsql_check.profiler', true)") === "on";
    } catch {
      return false;
    }
  })();
  if (profiled) {
    const [covered, total] = query(adminUrl(url), `
      select count(*) filter (where st.exec_stmts > 0) || ' ' || count(*)
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_language l on l.oid = p.prolang,
           extensions.plpgsql_profiler_function_statements_tb(p.oid) st
      where l.lanname = 'plpgsql' and n.nspname in ('public', 'private')`).split(" ").map(Number);
    coverage.plpgsql = Math.round((covered / total) * 10000) / 100;
    log(`PL/pgSQL statements covered: ${coverage.plpgsql}% (${covered}/${total}, public and private)`);
    if (only.has("coverage")) {
      console.log("\nLeast covered PL/pgSQL functions (statements run / statements):");
      console.log(query(adminUrl(url), `
        select string_agg(format('%s  %s/%s (%s%%)', name, run, total, round(100.0 * run / total, 1)), e'\n' order by run::numeric / total, name)
        from (select n.nspname || '.' || p.proname as name, count(*) filter (where st.exec_stmts > 0) as run, count(*) as total
              from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_language l on l.oid = p.prolang,
                   extensions.plpgsql_profiler_function_statements_tb(p.oid) st
              where l.lanname = 'plpgsql' and n.nspname in ('public', 'private')
              group by 1 having count(*) filter (where st.exec_stmts > 0) < count(*)
              order by count(*) filter (where st.exec_stmts > 0)::numeric / count(*), 1 limit 40) t`));
    }
  } else {
    log("PL/pgSQL coverage: not measured (the server does not run plpgsql_check's profiler)");
  }
}

// ------------------------------------------------------------------ deno check
if (want("deno")) {
  const r = run(path.join(BIN, "deno"), ["check", "--config", "functions/deno.json", "functions"], {
    allowFail: true,
    quiet: true,
    env: { NO_COLOR: "1" },
  });
  if (r.status !== 0) process.stdout.write(`${r.stdout}${r.stderr}`);
  record("deno check functions/", r.status === 0 ? 1 : 0, r.status === 0 ? 0 : 1);
}

// ------------------------------------------------------------------ supabase db lint
if (want("lint")) {
  const r = run(path.join(BIN, "supabase"), ["db", "lint", "--db-url", cliUrl(url), "--schema", "public,private,auth,storage,realtime", "--fail-on", "error", "--level", "warning"], {
    allowFail: true,
    quiet: true,
  });
  const out = `${r.stdout}${r.stderr}`;
  const clean = r.status === 0;
  const warnings = /No schema errors found/.test(out) ? 0 : (out.match(/"level": "warning"/g) ?? []).length;
  if (!clean || warnings) process.stdout.write(out);
  record("supabase db lint", clean ? 1 : 0, clean ? 0 : 1, clean ? (warnings ? `${warnings} warnings above` : "") : "see output above");
}

// ------------------------------------------------------------------ generated types
if (want("types")) {
  // types/ and the schema snapshot (supabase/schema.sql) are checked alike: regenerated from this
  // database and compared byte for byte; `npm run types` rewrites all three.
  const stale = staleTypes(url);
  const snapshot = stale.filter((f) => f.endsWith("schema.sql"));
  const types = stale.filter((f) => !f.endsWith("schema.sql"));
  record("types match the schema", types.length ? 0 : 1, types.length ? 1 : 0, types.length ? `stale: ${types.join(", ")}; run npm run types` : "");
  if (snapshot.length) {
    const fresh = path.join(ROOT, ".local/schema.generated.sql");
    fs.writeFileSync(fresh, generateSchema(url));
    const d = run("diff", ["-u", path.join(ROOT, "supabase/schema.sql"), fresh], { allowFail: true, quiet: true });
    process.stdout.write(d.stdout.split("\n").slice(0, 60).join("\n") + "\n");
  }
  record("supabase/schema.sql matches the schema", snapshot.length ? 0 : 1, snapshot.length ? 1 : 0,
    snapshot.length ? "the snapshot drifted (diff above); run npm run types and commit supabase/schema.sql" : "");
}

// ------------------------------------------------------------------ the frontend examples type-check
if (want("examples")) {
  const r = run(path.join(BIN, "tsc"), ["-p", "examples/tsconfig.json"], { allowFail: true, quiet: true });
  if (r.status !== 0) process.stdout.write(`${r.stdout}${r.stderr}`);
  record("examples type-check", r.status === 0 ? 1 : 0, r.status === 0 ? 0 : 1);
}

// ------------------------------------------------------------------ the demo
if (want("demo")) {
  const r = run(process.execPath, [path.join(ROOT, "scripts/demo.mjs")], {
    allowFail: true, quiet: true, env: { DATABASE_URL: url, STRIPE_SECRET_KEY: "", RESEND_API_KEY: "" },
  });
  const out = `${r.stdout}${r.stderr}`;
  const passed = /(\d+) checks passed/.exec(out);
  if (r.status !== 0) process.stdout.write(out);
  record("demo", r.status === 0 ? 1 : 0, r.status === 0 ? 0 : 1, passed ? `${passed[1]} checks` : "");
}

// ------------------------------------------------------------------ the first run, as a new user runs it
// tests/stack/first-run.test.ts: npm run db:reset and the seed's promises, db:seed, login, and npm run
// dev from nothing (its own fresh cluster on free ports) with health, the demo beside it, and every
// port free within 5 s of killing npm's PID.
if (want("firstrun")) {
  vitestStage("first run (db:reset, seed, login, dev, demo)", ["--config", "vitest.stack.config.ts"]);
}

// ------------------------------------------------------------------ the benchmark, at smoke scale
// (proves it works; no timing assertions: timings are measured by `npm run bench`, not by tests)
if (want("bench")) {
  const out = path.join(ROOT, ".local/bench-smoke");
  const r = run(process.execPath, [path.join(ROOT, "bench/run.mjs"), "--scale", "smoke", "--out", out], {
    allowFail: true, quiet: true, env: { DATABASE_URL: url, BENCH_DB_NAME: "people_bench_smoke" },
  });
  // Every read reports its p50 ratio with the 95% interval from resampling its runs.
  const breport = fs.existsSync(path.join(out, "report.json")) ? JSON.parse(fs.readFileSync(path.join(out, "report.json"), "utf8")) : null;
  const bproblems = (breport?.reads ?? [])
    .filter((x) => !(Array.isArray(x.overhead_ratio_interval) && x.overhead_ratio_interval[0] > 0 && x.overhead_ratio_interval[0] <= x.overhead_ratio_interval[1]))
    .map((x) => `read ${x.name}: no 95% interval of its ratio (${JSON.stringify(x.overhead_ratio_interval)})`);
  if (breport && !(breport.reads?.length > 0)) bproblems.push("no reads in report.json");
  const ok = r.status === 0 && breport !== null && bproblems.length === 0;
  if (!ok) process.stdout.write(`${r.stdout}${r.stderr}${bproblems.join("\n")}\n`);
  record("benchmark (smoke scale)", ok ? 1 : 0, ok ? 0 : 1);
  // The load test through PgBouncer (transaction mode), tiny: 200 users, two 2-second steps, a pool of 5
  // (--pool-size, against large's 20).
  const lr = run(
    process.execPath,
    [path.join(ROOT, "bench/run.mjs"), "--users", "200", "--scale", "smoke", "--step-seconds", "2", "--rates", "20,40", "--client-conns", "20",
      "--pool-size", "5", "--out", out],
    { allowFail: true, quiet: true, env: { DATABASE_URL: url, BENCH_DB_NAME: "people_load_smoke" } },
  );
  // Its promises: every request type measured alone, both steps run on the worker threads and their
  // requests merged, no request failed, the generator's own delay measured.
  const lreport = fs.existsSync(path.join(out, "load-report.json")) ? JSON.parse(fs.readFileSync(path.join(out, "load-report.json"), "utf8")) : null;
  const lproblems = !lreport
    ? ["no load-report.json"]
    : [
        ...Object.entries(lreport.solo?.by_kind ?? {}).filter(([, x]) => !(x.requests > 0)).map(([k]) => `${k} was not measured alone`),
        ...(lreport.solo?.mix_mean_ms > 0 && lreport.solo?.errors === 0 ? [] : ["the requests alone: no mean, or errors"]),
        ...(lreport.steps?.length === 2 ? [] : [`${lreport.steps?.length} steps, not 2`]),
        ...(lreport.compute?.pool_size === 5 && lreport.compute?.supabase_pool_size === 20 ? [] : [`pool size ${lreport.compute?.pool_size}, not 5 (--pool-size)`]),
        ...(lreport.generator_threads >= 2 ? [] : [`the users ran on ${lreport.generator_threads} thread(s), not spread over worker threads`]),
        ...(lreport.steps ?? []).filter((s) => !(s.requests > 0 && Object.values(s.by_kind).reduce((t, k) => t + k.requests, 0) === s.requests))
          .map((s) => `no requests, or requests per type not adding up, at ${s.offered_rps} req/s`),
        ...(lreport.steps ?? []).filter((s) => s.errors > 0).map((s) => `${s.errors} failed requests at ${s.offered_rps} req/s: ${s.first_errors.join("; ")}`),
        ...(lreport.steps ?? []).filter((s) => !Number.isFinite(s.generator_loop_delay_ms?.max))
          .map((s) => `no generator event-loop delay measured at ${s.offered_rps} req/s`),
      ];
  const lok = lr.status === 0 && lproblems.length === 0;
  if (!lok) process.stdout.write(`${lr.stdout}${lr.stderr}${lproblems.join("\n")}\n`);
  record("load test through pgbouncer (smoke: 200 users)", lok ? 1 : 0, lok ? 0 : 1);
  // `npm run bench -- --render`: report.md written again from report.json, the measurements untouched.
  const json = path.join(out, "report.json");
  const md = path.join(out, "report.md");
  const measured = (f) => (fs.existsSync(f) ? JSON.stringify(JSON.parse(fs.readFileSync(f, "utf8")), ["reads", "matching", "mixed", "writes", "name", "p50_ms", "p95_ms", "rls", "owner"]) : null);
  const before = measured(json);
  if (fs.existsSync(md)) fs.writeFileSync(md, "stale\n");
  const rr = run(process.execPath, [path.join(ROOT, "bench/run.mjs"), "--render", json], { allowFail: true, quiet: true });
  const rok = rr.status === 0 && before !== null && measured(json) === before && fs.readFileSync(md, "utf8").startsWith("# Benchmarks");
  if (!rok) process.stdout.write(`${rr.stdout}${rr.stderr}`);
  record("benchmark report re-rendered (bench --render)", rok ? 1 : 0, rok ? 0 : 1);
}

// ------------------------------------------------------------------ Postgres killed
// tests/money/postgres-crash.test.ts kill -9s the server mid-workflow and restarts it. Only the cluster
// this run started is killed, and last, alone: no other test or stage has work on it then. On a server
// given by TEST_DATABASE_URL / DATABASE_URL (others may be using it) the crash is simulated: the test's
// own backends are terminated (tests/money/faults-shared.ts).
if (want("crash")) {
  vitestStage(
    `Postgres ${externalBase ? "crash simulated" : "kill -9"} (postgres-crash.test.ts)`,
    ["--config", "vitest.money.config.ts", "tests/money/postgres-crash.test.ts"],
    externalBase ? { FAULTS_SIMULATE_CRASH: "1" } : {},
  );
}

finish();

/** Runs vitest with `args`; counts from its JSON report; `note()` adds to the stage's line. */
function vitestStage(stage, args, env = {}, note = () => "") {
  const report = path.join(ROOT, ".local/vitest-report.json");
  fs.mkdirSync(path.dirname(report), { recursive: true });
  fs.rmSync(report, { force: true });
  const r = run(path.join(BIN, "vitest"), ["run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], {
    env: { TEST_DATABASE_URL: url, TEST_ADMIN_DATABASE_URL: adminUrl(url), ...env },
    allowFail: true,
  });
  let passed = 0;
  let failed = 0;
  if (fs.existsSync(report)) {
    const j = JSON.parse(fs.readFileSync(report, "utf8"));
    passed = j.numPassedTests;
    // Skipped or todo tests count as failures: every test must run. A file that failed without a
    // failing test (it did not load) counts once.
    const deadFiles = (j.testResults ?? []).filter(
      (f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed"),
    ).length;
    failed = j.numFailedTests + (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0) + deadFiles;
  }
  if (r.status !== 0 && failed === 0) failed = 1;
  record(stage, passed, failed, note());
}

function finish() {
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  const covered = Object.entries(coverage).map(([what, pct]) => `${what} ${pct}%`);
  if (covered.length) console.log(`\nstatement coverage: ${covered.join(", ")}`);
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
