// npm run bench [-- --scale smoke|default|<factor>] [--seconds 60] [--concurrency 64] [--out DIR]
//
// Benchmarks at marketplace scale. Builds a dedicated database (BENCH_DB_NAME, default people_bench,
// on the development server or DATABASE_URL's) from the bootstrap + migrations, loads the data set
// (bench/lib/seed.mjs; 10k initiators, 100k contributors, 50k missions, 500k applications, 1M
// messages, 1M notifications, the ledger of 20k funded missions at the default scale), then measures:
//   plans     every hot query's plan as the role with claims: sequential scans of big tables;
//   reads     each hot read as the real role with claims (RLS) against the owner with explicit filters;
//   matching  the top-10 matching benchmark (bench/matching.mjs, runMatchingBench);
//   writes    the write RPCs as their real users (committed);
//   mixed     a mixed workload from many connections, with RLS and as the owner;
// and writes report.json + report.md (bench/ at the default scale, .local/bench/ otherwise; --out
// picks another folder), then drops the database (KEEP_BENCH_DB=1 keeps it; --skip-load reuses a
// kept one). Missed targets are printed and reported; they do not fail the run.
//
// Then, unless --no-what-if, the fixes the report proposes are applied to the benchmark database
// (never to the migrations) and the reads and a shorter mixed workload are measured again.
//
// Knobs (environment): BENCH_DB_NAME, KEEP_BENCH_DB=1, BENCH_READ_ITERATIONS, BENCH_QUERIES and
// BENCH_NAIVE_QUERIES (matching), BENCH_WRITE_CALLS, BENCH_LEDGER_TRIGGERS=1 (keep the ledger's
// guard/balance/payout triggers on during the load).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchDatabaseUrl, buildDatabase, connect, dropDatabase, log, maintenanceUrl, timed } from "./lib/db.mjs";
import { loadBenchData } from "./lib/load.mjs";
import { runMixed } from "./lib/mixed.mjs";
import { capturePlans } from "./lib/plans.mjs";
import { DIAGNOSTIC_READS, loadContext, READS } from "./lib/queries.mjs";
import { runReadsBench } from "./lib/reads.mjs";
import { findings } from "./lib/findings.mjs";
import { markdown, TARGETS, verdict } from "./lib/report.mjs";
import { COUNTS_SQL, scaleParams } from "./lib/seed.mjs";
import { applyFixes, FIXES, helperCost } from "./lib/whatif.mjs";
import { runWritesBench, writeTargets } from "./lib/writes.mjs";
import { runMatchingBench } from "./matching.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const started = process.hrtime.bigint();

// ------------------------------------------------------------------------------------------------
// Options
// ------------------------------------------------------------------------------------------------
function option(name, fallback) {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  if (args[i].includes("=")) return args[i].split("=").slice(1).join("=");
  const v = args[i + 1];
  return v === undefined || v.startsWith("--") ? true : v;
}
const env = (name, fallback) => (process.env[name] ? Number(process.env[name]) : fallback);

// `npm run bench -- --users 10000`: the load test through PgBouncer instead (bench/loadtest.mjs).
if (option("users", null) !== null) {
  const { runLoadTest } = await import("./loadtest.mjs");
  process.exit(await runLoadTest());
}

// `npm run bench -- --render [report.json]`: rewrite report.md from a run's report.json with the
// current text (verdict, findings, tables): what was measured stays as measured. The load test's
// summary is taken again from the load report beside it (a separate run, `--users N`), if any.
if (option("render", null) !== null) {
  const file = path.resolve(option("render") === true ? path.join(path.dirname(fileURLToPath(import.meta.url)), "report.json") : String(option("render")));
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  const loadFile = path.join(path.dirname(file), path.basename(file).replace(/^report/, "load-report"));
  if (fs.existsSync(loadFile)) report.load_test = JSON.parse(fs.readFileSync(loadFile, "utf8"));
  report.verdict = verdict(report);
  report.findings = findings(report);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(file.replace(/\.json$/, ".md"), markdown(report));
  log(`rewrote ${path.relative(process.cwd(), file.replace(/\.json$/, ".md"))} from ${path.relative(process.cwd(), file)}`);
  process.exit(0);
}

const scaleName = String(option("scale", "default"));
const factor = scaleName === "default" ? 1 : scaleName === "smoke" ? 0.01 : Number(scaleName);
const smoke = factor < 0.05;
const params = scaleParams(factor);
const opts = {
  seconds: Number(option("seconds", smoke ? 6 : 60)),
  concurrency: Number(option("concurrency", smoke ? 16 : 64)),
  segments: smoke ? 2 : 4,
  warmupSeconds: smoke ? 1 : 5,
  readIterations: env("BENCH_READ_ITERATIONS", smoke ? 40 : 600),
  readSeconds: smoke ? 3 : 25,
  writeCalls: env("BENCH_WRITE_CALLS", smoke ? 20 : 300),
  queries: env("BENCH_QUERIES", smoke ? 20 : 200),
  naiveQueries: env("BENCH_NAIVE_QUERIES", smoke ? 3 : 30),
  users: 10_000,
  skipLoad: option("skip-load", false) === true || !!process.env.BENCH_SKIP_LOAD,
  keep: option("keep", false) === true || !!process.env.KEEP_BENCH_DB,
  ledgerTriggers: !!process.env.BENCH_LEDGER_TRIGGERS,
  whatIf: option("no-what-if", false) !== true,
};
const outDir = path.resolve(String(option("out", scaleName === "default" ? HERE : path.join(HERE, "../.local/bench"))));
const outBase = scaleName === "default" || option("out", null) ? "report" : `report-${scaleName}`;

// ------------------------------------------------------------------------------------------------
// What else runs on the server and the machine (other engineers' tests share both).
// ------------------------------------------------------------------------------------------------
const samples = [];
let stageName = "build";
const stageTimes = [];
async function stage(name, fn) {
  stageName = name;
  const t0 = process.hrtime.bigint();
  try {
    return await fn();
  } finally {
    stageTimes.push({ stage: name, seconds: Math.round(Number(process.hrtime.bigint() - t0) / 1e6) / 1000 });
  }
}

const url = await benchDatabaseUrl();
const shown = new URL(url);
shown.password = "***";
const dbName = decodeURIComponent(new URL(url).pathname.slice(1));

// Never take the database from under someone: refuse when other sessions use it.
{
  const admin = connect(maintenanceUrl(url));
  try {
    const [{ n }] = await admin`select count(*)::int as n from pg_stat_activity where datname = ${dbName} and pid <> pg_backend_pid()`;
    if (n > 0 && !opts.skipLoad) {
      log(`${n} other session(s) are using database ${dbName}: set BENCH_DB_NAME to benchmark in another one`);
      process.exit(2);
    }
  } finally {
    await admin.end();
  }
}

// CPU time (jiffies) of the whole machine (/proc/stat) and of one process (/proc/<pid>/stat).
function machineJiffies() {
  try {
    const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3] + (f[4] || 0);
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}
function processJiffies(pid) {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return Number(f[11]) + Number(f[12]); // utime + stime
  } catch {
    return null;
  }
}

let monitor = null;
let sampling = null;
function startMonitor() {
  monitor = connect(url, { connection: { application_name: "people-bench-monitor" } });
  let last = null;
  const tick = async () => {
    try {
      // Other work: sessions active in other databases of this server, and the CPU used by every
      // process that is neither this benchmark's Node process nor a backend serving its database
      // (when the server runs on this machine); the latter also sees other servers and test runners.
      const rows = await monitor`select pid, state, backend_type, datname = current_database() as mine
                                 from pg_stat_activity where datname is not null`;
      const other = rows.filter((r) => !r.mine && r.state === "active" && r.backend_type === "client backend").length;
      const pids = [process.pid, ...rows.filter((r) => r.mine).map((r) => r.pid)];
      const now = { m: machineJiffies(), p: new Map(pids.map((p) => [p, processJiffies(p)])) };
      let otherCores = null;
      if (last && now.m && last.m && now.m.total > last.m.total) {
        let ours = 0;
        for (const [pid, j] of now.p) if (j !== null && last.p.get(pid) != null) ours += j - last.p.get(pid);
        otherCores = Math.max(0, ((now.m.busy - last.m.busy - ours) / (now.m.total - last.m.total)) * os.cpus().length);
      }
      last = now;
      samples.push({ stage: stageName, load: os.loadavg()[0], other, otherCores });
    } catch {
      /* the database may be gone */
    }
  };
  sampling = setInterval(tick, 2000);
}

// ------------------------------------------------------------------------------------------------
// The run
// ------------------------------------------------------------------------------------------------
let load = null;
let buildSeconds = null;
let exitCode = 0;
try {
  if (!opts.skipLoad) {
    await stage("build", async () => {
      log(`building ${shown} (bootstrap + migrations)`);
      const [, ms] = await timed(async () => buildDatabase(url));
      buildSeconds = Math.round(ms) / 1000;
    });
  }
  startMonitor();
  if (!opts.skipLoad) {
    load = await stage("load", async () => {
      log(
        `loading scale ${scaleName}: ${params.initiators.toLocaleString("en")} initiators, ${params.contributors.toLocaleString("en")} contributors, ` +
          `${params.missions.toLocaleString("en")} missions, ${params.applications.toLocaleString("en")} applications, ` +
          `${params.messages.toLocaleString("en")} messages, ${params.notifications.toLocaleString("en")} notifications`,
      );
      const l = await loadBenchData(url, params, { ledgerTriggers: opts.ledgerTriggers });
      log(`loaded in ${l.seconds} s`);
      return l;
    });
  }
  const admin = connect(url);
  let ctx;
  let targets;
  let counts;
  try {
    [counts] = await admin.unsafe(COUNTS_SQL);
    ctx = await loadContext(admin, { users: opts.users });
    targets = await writeTargets(admin, ctx);
  } finally {
    await admin.end();
  }
  log(`users: ${ctx.initiators} initiators + ${ctx.contributors} contributors`);

  log("plans of the hot queries (as the role with claims)");
  const plans = await stage("plans", () => capturePlans(url, ctx, [...READS, ...DIAGNOSTIC_READS], targets));
  const diagnosticScans = plans.seq_scans.filter((s) => DIAGNOSTIC_READS.some((d) => s.source === `read:${d.name}`));
  const seqScans = plans.seq_scans.filter((s) => !diagnosticScans.includes(s));
  // The one count the report's verdict and Plans section use (the diagnostic variants' scans are
  // reported with those variants, not as hot-read scans).
  log(
    `  sequential scans of tables over 10k rows in the hot reads and write RPCs: ${seqScans.length}` +
      (diagnosticScans.length ? ` (and ${diagnosticScans.length} in the diagnostic variants, not a target)` : "") +
      (seqScans.length ? `: ${seqScans.map((s) => `${s.source} ${s.table}`).join(", ")}` : ""),
  );

  log("hot reads: RLS against the owner");
  const reads = await stage("reads", () =>
    runReadsBench(url, ctx, [...READS, ...DIAGNOSTIC_READS], { iterations: opts.readIterations, seconds: opts.readSeconds }),
  );

  log("matching: top-10 queries as the missions' initiators (bench/matching.mjs)");
  const m = await stage("matching", () => runMatchingBench(url, { queries: opts.queries, naiveQueries: opts.naiveQueries }));
  const matching = {
    p50_ms: m.uniform.query_ms.p50,
    p95_ms: m.uniform.query_ms.p95,
    popular_p50_ms: m.popular.query_ms.p50,
    popular_p95_ms: m.popular.query_ms.p95,
    naive_p95_ms: m.uniform.naive_ms.p95,
    popular_naive_p95_ms: m.popular.naive_ms.p95,
    speedup: Math.min(m.uniform.speedup_p50, m.popular.speedup_p50),
    naive_agrees: `${m.uniform.naive_agrees} uniform, ${m.popular.naive_agrees} popular`,
    naive_agrees_ok: [m.uniform, m.popular].every((s) => s.disagreements.length === 0),
    detail: m,
  };

  log("write RPCs as their users");
  const writes = await stage("writes", () => runWritesBench(url, targets, { calls: opts.writeCalls }));

  log(`mixed workload: ${opts.concurrency} connections, ${opts.seconds} s per mode`);
  const mixed = await stage("mixed", () =>
    runMixed(url, ctx, READS, targets, {
      seconds: opts.seconds,
      concurrency: opts.concurrency,
      segments: opts.segments,
      warmupSeconds: opts.warmupSeconds,
    }),
  );

  // The policy helpers' cost per call, then the proposed fixes measured (benchmark database only).
  const probeUser = ctx.users.find((u) => u.kind === "contributor" && u.conversations.length > 0)?.user_id ?? ctx.users[0].user_id;
  const helper_cost = await helperCost(url, probeUser);
  let what_if = null;
  if (opts.whatIf && FIXES.length > 0) {
    what_if = await stage("what-if", async () => {
      log("what if: the proposed fixes, applied to the benchmark database only");
      const fixes = await applyFixes(url);
      const hc = await helperCost(url, probeUser);
      const wr = await runReadsBench(url, ctx, [...READS, ...DIAGNOSTIC_READS], {
        iterations: smoke ? 20 : 300,
        seconds: smoke ? 2 : 10,
      });
      const wm = await runMixed(url, ctx, READS, targets, {
        seconds: smoke ? 2 : 30,
        concurrency: opts.concurrency,
        segments: 2,
        warmupSeconds: smoke ? 1 : 3,
      });
      return { fixes, helper_cost: hc, reads: wr.results, mixed: wm };
    });
  }

  clearInterval(sampling);
  const contention = summarizeContention();
  const [{ version }] = await monitor`select current_setting('server_version') as version`;
  const report = {
    scale: { name: scaleName, factor, parameters: { ...params, statuses: Object.fromEntries(params.statuses.map((s) => [s.name, s.count])) }, counts },
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memory_gb: Math.round(os.totalmem() / 2 ** 30),
      postgres: version,
    },
    database: shown.toString(),
    build_seconds: buildSeconds,
    load,
    context: { users: ctx.users.length, initiators: ctx.initiators, contributors: ctx.contributors },
    reads_login: reads.login,
    reads: reads.results.filter((r) => READS.some((x) => x.name === r.name)),
    diagnostics: reads.results
      .filter((r) => DIAGNOSTIC_READS.some((x) => x.name === r.name))
      .map((r) => ({ ...r, seq_scans: diagnosticScans.filter((s) => s.source === `read:${r.name}`) })),
    writes,
    matching,
    mixed,
    seq_scans: seqScans,
    plans: plans.plans,
    helper_cost,
    what_if,
    load_test: readLoadTest(),
    targets: TARGETS,
    contention,
    runtime_seconds: Math.round(Number(process.hrtime.bigint() - started) / 1e6) / 1000,
  };
  report.verdict = verdict(report);
  report.findings = findings(report);
  fs.mkdirSync(outDir, { recursive: true });
  const jsonPath = path.join(outDir, `${outBase}.json`);
  const mdPath = path.join(outDir, `${outBase}.md`);
  fs.writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(mdPath, markdown(report));
  log(`wrote ${path.relative(process.cwd(), jsonPath)} and ${path.relative(process.cwd(), mdPath)} (${report.runtime_seconds} s)`);
  if (report.verdict.ok) log("every target met");
  else {
    log(`targets missed${smoke ? " (smoke scale: the targets are for the default scale)" : ""}:`);
    for (const c of report.verdict.checks.filter((x) => !x.ok)) log(`  - ${c.name}: ${c.value} (target ${c.target})`);
  }
} catch (e) {
  exitCode = 1;
  console.error(e);
} finally {
  clearInterval(sampling);
  if (monitor) await monitor.end({ timeout: 1 });
  if (!opts.keep && !opts.skipLoad) {
    dropDatabase(url);
    log("dropped the benchmark database (KEEP_BENCH_DB=1 or --keep keeps it)");
  }
}
process.exit(exitCode);

function summarizeContention() {
  const stages = stageTimes
    .filter((s) => s.stage !== "build")
    .map((s) => {
      const xs = samples.filter((x) => x.stage === s.stage);
      const mean = (f) => (xs.length ? Math.round((xs.reduce((a, x) => a + f(x), 0) / xs.length) * 10) / 10 : null);
      const max = (f) => (xs.length ? Math.round(Math.max(...xs.map(f)) * 10) / 10 : null);
      const cpu = xs.filter((x) => x.otherCores !== null);
      return {
        stage: s.stage,
        seconds: s.seconds,
        loadavg_mean: mean((x) => x.load),
        loadavg_max: max((x) => x.load),
        other_active_mean: mean((x) => x.other),
        other_active_max: max((x) => x.other),
        other_cpu_cores_mean: cpu.length ? Math.round((cpu.reduce((a, x) => a + x.otherCores, 0) / cpu.length) * 100) / 100 : null,
        other_cpu_cores_max: cpu.length ? Math.round(Math.max(...cpu.map((x) => x.otherCores)) * 100) / 100 : null,
      };
    });
  const busy = stages.filter((s) => (s.other_cpu_cores_mean ?? 0) >= 0.25 || (s.other_active_mean ?? 0) >= 0.5);
  const note =
    busy.length > 0
      ? `Other work shared the machine during ${busy.map((s) => `${s.stage} (${s.other_cpu_cores_mean ?? "?"} of ${os.cpus().length} cores on average)`).join(", ")}: ` +
        "other engineers' test runs on this server or on their own throwaway clusters. On 2 cores that inflates and scatters the timings, " +
        "the 95th percentiles and the single-connection latencies (matching) most; the RLS and owner runs are interleaved so that it falls " +
        "on both alike."
      : "Nothing else used a noticeable share of the CPU during the measurements (samples every 2 s).";
  return { note, stages };
}

/** The load test's report beside this one (npm run bench -- --users N writes it), if any. */
function readLoadTest() {
  const file = path.join(outDir, `${outBase.replace(/^report/, "load-report")}.json`);
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}
