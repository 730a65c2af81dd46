// npm run bench -- --users 10000 [--compute large] [--pool-size N] [--scale default|smoke|<factor>] [--step-seconds 30]
//                 [--rates 250,500,...] [--client-conns N] [--workers N] [--skip-load] [--out DIR]
// (also: node bench/loadtest.mjs ...)
//
// The load test: N distinct signed-in users (real rows in auth.users, from the benchmark data set)
// each make requests with think time, through PgBouncer (Debian's package) in transaction mode with
// Supabase's pooler settings for a compute size (pool size, client limit; prepared statements off
// for clients: postgres.js `prepare: false`). Every request is one transaction as PostgREST runs it
// (`set_config('role', 'authenticated', true)`, `set_config('request.jwt.claims', ..., true)`, the
// pre-request hook public.check_request(), then the query or RPC, as the login role authenticator),
// drawn from the mixed workload's mix: the hot
// reads and the RPCs that write and raise realtime messages (send_message, mark_all_notifications_read,
// apply_to_mission). The offered load is stepped (each user thinks users / rate seconds on average,
// exponentially distributed) to find where latency bends. Reports throughput, p50/p95/p99 per request
// type, PgBouncer's wait time (SHOW STATS / SHOW POOLS), errors, the knee, and a capacity table per
// hosted compute size, to load-report.json + load-report.md (bench/ at the default scale,
// .local/bench/ otherwise).
//
// The database: built and loaded like `npm run bench` (BENCH_DB_NAME, default people_load), dropped
// at the end unless KEEP_BENCH_DB=1 / --keep; --skip-load reuses a kept one.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { apiConnect, buildDatabase, connect, dropDatabase, log, request, rng, summary } from "./lib/db.mjs";
import { contextOf, emptyRecord, ipOf, requestPicker } from "./lib/load-users.mjs";
import { loadBenchData } from "./lib/load.mjs";
import { MIX } from "./lib/mixed.mjs";
import { COMPUTE, show, showAsync, startPgBouncer } from "./lib/pgbouncer.mjs";
import { machineCpuMs, parentOf, processCpuMs, treeCpuMs } from "./lib/cpu.mjs";
import { loadContext } from "./lib/queries.mjs";
import { scaleParams } from "./lib/seed.mjs";
import { writeTargets } from "./lib/writes.mjs";
import { devDatabase } from "../scripts/lib/stack.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const LOAD_TARGETS = { p95_ms_max: 50, errors_max: 0, think_seconds: 10 };

function option(name, fallback) {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  if (args[i].includes("=")) return args[i].split("=").slice(1).join("=");
  const v = args[i + 1];
  return v === undefined || v.startsWith("--") ? true : v;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? null : Math.round(x * 10 ** d) / 10 ** d);

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export async function runLoadTest() {
  const started = Date.now();
  const scaleName = String(option("scale", "default"));
  const factor = scaleName === "default" ? 1 : scaleName === "smoke" ? 0.01 : Number(scaleName);
  const smoke = factor < 0.05;
  const usersWanted = Number(option("users", 10_000));
  const computeName = String(option("compute", "large")).toLowerCase();
  if (!COMPUTE[computeName]) throw new Error(`--compute: one of ${Object.keys(COMPUTE).join(", ")}`);
  // --pool-size: another pool size than Supabase's for the compute size (the pooler's setting a
  // project can change), to see how the pool's size alone moves throughput and latency.
  const poolSizeOption = option("pool-size", null);
  const poolSize = poolSizeOption === null ? COMPUTE[computeName].pool_size : Number(poolSizeOption);
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new Error("--pool-size: a positive integer");
  const compute = { ...COMPUTE[computeName], pool_size: poolSize, supabase_pool_size: COMPUTE[computeName].pool_size };
  const stepSeconds = Number(option("step-seconds", smoke ? 3 : 30));
  const clientConns = Number(option("client-conns", compute.max_clients));
  // Threads running the users (bench/lib/load-worker.mjs), one event loop each. One per core: on this
  // 2-core machine 2 threads sustained 202.9 req/s at p95 34 ms where 1 thread (one event loop stalling
  // up to 122 ms) held p95 <= 50 ms only at 50 req/s and 4 threads at 148 req/s (each thread's
  // postgres.js batches fewer replies per wake-up: 2.3 ms of generator CPU per request against 1.6).
  const workersWanted = Number(option("workers", Math.max(2, os.cpus().length)));
  const skipLoad = option("skip-load", false) === true;
  const keep = option("keep", false) === true || !!process.env.KEEP_BENCH_DB;
  const outDir = path.resolve(String(option("out", scaleName === "default" ? HERE : path.join(HERE, "../.local/bench"))));
  const outBase = scaleName === "default" || option("out", null) ? "load-report" : `load-report-${scaleName}`;

  const { url: devUrl } = await devDatabase();
  const u = new URL(devUrl);
  u.pathname = `/${process.env.BENCH_DB_NAME ?? "people_load"}`;
  const url = u.toString();
  const dbName = decodeURIComponent(u.pathname.slice(1));

  let load = null;
  let bouncer = null;
  let monitor = null;
  let exitCode = 0;
  try {
    if (!skipLoad) {
      log(`building ${dbName} (bootstrap + migrations) and loading scale ${scaleName}`);
      buildDatabase(url);
      load = await loadBenchData(url, scaleParams(factor), {});
      log(`loaded in ${load.seconds} s`);
    }
    const admin = connect(url);
    let postmaster = null;
    let ctx;
    let targets;
    try {
      ctx = await loadContext(admin, { users: usersWanted, seed: "load" });
      targets = await writeTargets(admin, ctx);
      await admin.unsafe("vacuum (analyze)");
      // The postmaster (a backend's parent), whose children's CPU is PostgreSQL's share below.
      const [{ pid }] = await admin`select pg_backend_pid() as pid`;
      postmaster = parentOf(pid);
    } finally {
      await admin.end();
    }
    const users = ctx.users;
    log(`${users.length.toLocaleString("en")} distinct signed-in users (${ctx.initiators} initiators, ${ctx.contributors} contributors)`);

    // Rates: fractions of the target (every user one request per 10 s), or --rates. Fine steps at
    // the low end, so that the highest sustained rate (and the capacity table) is found below the
    // knee, then the target itself.
    const target = users.length / LOAD_TARGETS.think_seconds;
    const rates = option("rates", null)
      ? String(option("rates")).split(",").map(Number)
      : [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.75, 1].map((f) => Math.round(target * f));

    // PgBouncer in front of the database, logged in as authenticator (PostgREST's login role).
    const login = new URL(url);
    login.username = "authenticator";
    login.password = process.env.BENCH_AUTHENTICATOR_PASSWORD ?? "postgres";
    bouncer = await startPgBouncer(login.toString(), {
      port: Number(process.env.PGBOUNCER_PORT ?? (await freePort())),
      poolSize: compute.pool_size,
      maxClients: clientConns,
      dir: path.resolve(HERE, "../.local", `pgbouncer-${process.pid}`),
    });
    // The main thread's own client: one connection, for each request type alone (below).
    const api = await apiConnect(bouncer.url, "rls", { max: 1, prepare: false, idle_timeout: 0 });
    if (api.login !== "authenticator") throw new Error("could not log in as authenticator through pgbouncer");

    // CPU milliseconds so far: PostgreSQL (the whole postmaster tree, and apart the backends that serve
    // the requests: PgBouncer's server connections, as authenticator), PgBouncer, this generator, the machine.
    monitor = connect(url, { max: 1 });
    const cpuNow = async () => {
      const pids = (await monitor`select pid from pg_stat_activity where usename = 'authenticator' and datname = ${dbName}`).map((r) => r.pid);
      const g = process.cpuUsage();
      return {
        postgres: treeCpuMs(postmaster),
        backends: Object.fromEntries(pids.map((pid) => [pid, processCpuMs(pid)])),
        pgbouncer: processCpuMs(bouncer.pid),
        generator: (g.user + g.system) / 1000,
        machine: machineCpuMs(),
      };
    };
    // Per request, between two snapshots: each part's CPU ms, the rest of the machine's, and the whole.
    // The serving backends' share counts each one's CPU since the first snapshot (a connection opened
    // in between counts whole).
    const cpuPer = (a, b, requests) => {
      const backends = Object.entries(b.backends).reduce((t, [pid, ms]) => t + ms - (a.backends[pid] ?? 0), 0);
      const parts = { postgres: b.postgres - a.postgres, pgbouncer: b.pgbouncer - a.pgbouncer, generator: b.generator - a.generator };
      const busy = b.machine.busy - a.machine.busy;
      const other = Math.max(0, busy - parts.postgres - parts.pgbouncer - parts.generator);
      const per = (x) => (requests > 0 ? round(x / requests, 3) : null);
      return {
        postgres_ms: per(parts.postgres),
        backends_ms: per(Math.min(backends, parts.postgres)),
        background_ms: per(Math.max(0, parts.postgres - backends)),
        pgbouncer_ms: per(parts.pgbouncer),
        generator_ms: per(parts.generator),
        other_ms: per(other),
        machine_ms: per(busy),
        machine_busy: round(busy / (b.machine.total - a.machine.total), 3),
      };
    };

    // ---------------------------------------------------------------------------------------------
    // The users: each loops think -> request, as long as the test runs, in worker threads
    // (bench/lib/load-worker.mjs), each with its share of the users and of the client connections.
    // ---------------------------------------------------------------------------------------------
    users.forEach((user, i) => {
      user.index = i;
      user.ip = ipOf(i + 1);
    });
    const { pickKind } = requestPicker(ctx, targets.apply_to_mission);

    // Each request type alone, one at a time through the same path (PgBouncer, one client): what a
    // request costs with nothing else running. The mix's weighted mean of these is the machine's
    // work per request; 1000 / it x cores is the most any step could reach if the whole machine did
    // nothing but execute requests. The types take turns in batches (rounds x batch requests each),
    // so that a change in the machine's speed while this runs falls on every type alike: measured one
    // type after another, the same read's CPU per request differed up to 2.5x between two minutes.
    const solo = { by_kind: {}, errors: 0 };
    {
      const random = rng(7);
      const rounds = smoke ? 1 : 5;
      const batch = smoke ? 5 : 20;
      Object.assign(solo, { rounds, batch });
      const acc = Object.fromEntries(MIX.map(([k]) => [k, { xs: [], postgres: 0, backends: 0, machine: 0 }]));
      // One request of this type (a random user who can make it): its latency, or null.
      const one = async (kind) => {
        for (let tries = 0; tries < 20; tries++) {
          const user = users[Math.floor(random() * users.length)];
          const q = pickKind(kind, user, random);
          if (!q) continue;
          const t1 = process.hrtime.bigint();
          try {
            await request(api.sql, "rls", q.user ?? user.user_id, q.sql, q.args, { readOnly: q.readOnly, prepare: false, preRequest: true, context: contextOf(q, user) });
          } catch {
            solo.errors += 1;
            return null;
          }
          return Number(process.hrtime.bigint() - t1) / 1e6;
        }
        return null;
      };
      for (const [kind] of MIX) for (let i = 0; i < 5; i++) await one(kind); // warm each path
      for (let r = 0; r < rounds; r++) {
        for (const [kind] of MIX) {
          const a = acc[kind];
          const c0 = await cpuNow();
          for (let i = 0; i < batch; i++) {
            const ms = await one(kind);
            if (ms !== null) a.xs.push(ms);
          }
          const c = cpuPer(c0, await cpuNow(), 1);
          a.postgres += c.postgres_ms;
          a.backends += c.backends_ms;
          a.machine += c.machine_ms;
        }
      }
      for (const [kind] of MIX) {
        const a = acc[kind];
        const x = summary(a.xs);
        const per = (v) => (a.xs.length > 0 ? round(v / a.xs.length, 3) : null);
        solo.by_kind[kind] = {
          requests: x.n,
          p50_ms: x.p50,
          mean_ms: x.mean,
          postgres_cpu_ms: per(a.postgres),
          backend_cpu_ms: per(a.backends),
          machine_cpu_ms: per(a.machine),
        };
      }
      const measured = MIX.filter(([k]) => solo.by_kind[k]?.requests > 0);
      const weight = measured.reduce((t, [, w]) => t + w, 0);
      const mixMean = (f) => round(measured.reduce((t, [k, w]) => t + w * (solo.by_kind[k][f] ?? 0), 0) / weight, 3);
      solo.mix_mean_ms = mixMean("mean_ms");
      solo.mix_postgres_cpu_ms = mixMean("postgres_cpu_ms");
      solo.mix_backend_cpu_ms = mixMean("backend_cpu_ms");
      solo.mix_machine_cpu_ms = mixMean("machine_cpu_ms");
      log(
        `  each request alone: mix-weighted ${solo.mix_mean_ms} ms of latency, ${solo.mix_postgres_cpu_ms} ms of PostgreSQL CPU, ` +
          `${solo.mix_machine_cpu_ms} ms of the machine's CPU`,
      );
    }

    await api.sql.end({ timeout: 5 });

    // The workers: users dealt round-robin, client connections and apply_to_mission targets split.
    let thinkMs = (users.length / rates[0]) * 1000;
    const nWorkers = Math.max(1, Math.min(workersWanted, clientConns, users.length));
    const t0 = Date.now();
    const workers = Array.from({ length: nWorkers }, (_, w) => {
      const worker = new Worker(new URL("./lib/load-worker.mjs", import.meta.url), {
        workerData: {
          url: bouncer.url,
          conns: Math.floor(clientConns / nWorkers) + (w < clientConns % nWorkers ? 1 : 0),
          users: users.filter((_, i) => i % nWorkers === w),
          ctx: { ...ctx, users: [] },
          applyTargets: targets.apply_to_mission.filter((_, i) => i % nWorkers === w),
          thinkMs,
        },
      });
      const waiting = new Map(); // message type -> resolve
      worker.on("message", (m) => {
        const r = waiting.get(m.type);
        waiting.delete(m.type);
        r?.(m);
      });
      const failed = new Promise((_, reject) => {
        worker.on("error", reject);
        worker.on("exit", (code) => reject(new Error(`load worker ${w} exited (${code})`)));
      });
      failed.catch(() => {});
      const next = (type) => Promise.race([new Promise((r) => waiting.set(type, r)), failed]);
      return { worker, next, ready: next("ready") };
    });
    await Promise.all(workers.map((w) => w.ready));
    log(`  ${nWorkers} worker threads, ${clientConns} client connections to pgbouncer opened in ${round((Date.now() - t0) / 1000, 1)} s`);
    const ask = async (type, message = {}) => Promise.all(workers.map((w) => {
      const reply = type ? w.next(type) : null;
      w.worker.postMessage(message);
      return reply;
    }));

    log(`  ${users.length} users, think time stepped for offered rates ${rates.join(", ")} req/s, ${stepSeconds} s per step`);
    const steps = [];
    for (const rate of rates) {
      thinkMs = (users.length / rate) * 1000;
      await ask(null, { type: "think", ms: thinkMs });
      // Let the queues settle at the new rate, then measure.
      await sleep(Math.min(stepSeconds / 3, 5) * 1000);
      const s0 = show(bouncer.adminUrl, "STATS").find((r) => r.database === dbName);
      const cpu0 = process.cpuUsage();
      const c0 = await cpuNow();
      const t0 = Date.now();
      await ask(null, { type: "measure" });
      let measuring = true;
      let poolSamples = [];
      // Sampled without blocking the event loop (a synchronous psql here stalled every request in
      // flight for the tens of milliseconds psql takes, once a second).
      let sampling = false;
      const sampler = setInterval(() => {
        if (sampling) return;
        sampling = true;
        showAsync(bouncer.adminUrl, "POOLS")
          .then((rows) => {
            const p = rows.find((r) => r.database === dbName);
            if (p && measuring) poolSamples.push(p);
          })
          .catch(() => {
            /* sampling is best effort */
          })
          .finally(() => (sampling = false));
      }, 1000);
      await sleep(stepSeconds * 1000);
      measuring = false;
      clearInterval(sampler);
      // The workers' records merged; the generator's own stalls are the worst worker's: while its
      // event loop is blocked, every transaction it has in flight keeps its server connection
      // (PgBouncer's transaction mode), so a stall shows as pool waits too.
      const replies = await ask("record", { type: "collect" });
      const rec = emptyRecord();
      for (const { rec: r } of replies) {
        for (const x of r.lat) rec.lat.push(x);
        for (const [k, xs] of Object.entries(r.byKind)) for (const x of xs) (rec.byKind[k] ??= []).push(x);
        rec.errors += r.errors;
        for (const [k, n] of Object.entries(r.errorsByKind)) rec.errorsByKind[k] = (rec.errorsByKind[k] ?? 0) + n;
        rec.firstErrors.push(...r.firstErrors.slice(0, 3 - rec.firstErrors.length));
      }
      const loopDelay = { p99: Math.max(...replies.map((r) => r.delay.p99)), max: Math.max(...replies.map((r) => r.delay.max)) };
      const seconds = (Date.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const c1 = await cpuNow();
      const s1 = show(bouncer.adminUrl, "STATS").find((r) => r.database === dbName);
      const xacts = s1.total_xact_count - s0.total_xact_count;
      const l = summary(rec.lat);
      const step = {
        offered_rps: rate,
        think_seconds: round(thinkMs / 1000),
        seconds: round(seconds, 1),
        requests: rec.lat.length,
        achieved_rps: round(rec.lat.length / seconds, 1),
        p50_ms: l.p50,
        p95_ms: l.p95,
        p99_ms: l.p99,
        errors: rec.errors,
        errors_by_kind: rec.errorsByKind,
        first_errors: rec.firstErrors,
        pooler: {
          transactions: xacts,
          avg_wait_ms: xacts > 0 ? round((s1.total_wait_time - s0.total_wait_time) / xacts / 1000, 3) : null,
          avg_xact_ms: xacts > 0 ? round((s1.total_xact_time - s0.total_xact_time) / xacts / 1000, 3) : null,
          max_wait_ms: poolSamples.length ? round(Math.max(...poolSamples.map((p) => (p.maxwait ?? 0) * 1000 + (p.maxwait_us ?? 0) / 1000)), 1) : null,
          max_clients_waiting: poolSamples.length ? Math.max(...poolSamples.map((p) => p.cl_waiting ?? 0)) : null,
          max_server_active: poolSamples.length ? Math.max(...poolSamples.map((p) => p.sv_active ?? 0)) : null,
          max_clients_active: poolSamples.length ? Math.max(...poolSamples.map((p) => p.cl_active ?? 0)) : null,
        },
        generator_cpu_cores: round((cpu.user + cpu.system) / 1e6 / seconds),
        // Event-loop delay beyond the 10 ms sampling interval, ms (the worst worker's p99 and the worst seen).
        generator_loop_delay_ms: { p99: round(loopDelay.p99, 1), max: round(loopDelay.max, 1) },
        cpu_per_request: cpuPer(c0, c1, rec.lat.length + rec.errors),
        machine_load: round(os.loadavg()[0]),
        by_kind: Object.fromEntries(
          Object.entries(rec.byKind)
            .sort()
            .map(([k, xs]) => {
              const x = summary(xs);
              return [k, { requests: x.n, p50_ms: x.p50, p95_ms: x.p95, p99_ms: x.p99 }];
            }),
        ),
      };
      poolSamples = [];
      steps.push(step);
      log(
        `  offered ${rate} req/s: achieved ${step.achieved_rps}, p50 ${step.p50_ms} / p95 ${step.p95_ms} / p99 ${step.p99_ms} ms, ` +
          `errors ${step.errors}, pooler wait avg ${step.pooler.avg_wait_ms} ms (max ${step.pooler.max_wait_ms}), generator ${step.generator_cpu_cores} cores ` +
          `(event-loop delay p99 ${step.generator_loop_delay_ms.p99} / max ${step.generator_loop_delay_ms.max} ms), ` +
          `CPU per request: postgres ${step.cpu_per_request.postgres_ms} / pgbouncer ${step.cpu_per_request.pgbouncer_ms} / generator ` +
          `${step.cpu_per_request.generator_ms} / machine ${step.cpu_per_request.machine_ms} ms, machine ${Math.round(step.cpu_per_request.machine_busy * 100)}% busy`,
      );
    }
    await ask("stopped", { type: "stop" });
    await Promise.all(workers.map((w) => w.worker.terminate()));

    const report = analyse({
      scale: { name: scaleName, factor },
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memory_gb: Math.round(os.totalmem() / 2 ** 30) },
      users: users.length,
      initiators: ctx.initiators,
      contributors: ctx.contributors,
      compute: { name: computeName, ...compute },
      client_connections: clientConns,
      generator_threads: nWorkers,
      pgbouncer: { version: bouncer.version, ...bouncer.settings },
      mix: Object.fromEntries(MIX),
      step_seconds: stepSeconds,
      solo,
      steps,
      load_seconds: load?.seconds ?? null,
    });
    report.runtime_seconds = round((Date.now() - started) / 1000, 1);
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, `${outBase}.json`), `${JSON.stringify(report, null, 2)}\n`);
    fs.writeFileSync(path.join(outDir, `${outBase}.md`), loadMarkdown(report));
    log(`wrote ${path.relative(process.cwd(), path.join(outDir, `${outBase}.md`))} (${report.runtime_seconds} s)`);
    log(`  ${report.verdict}`);
  } catch (e) {
    exitCode = 1;
    console.error(e);
  } finally {
    if (monitor) await monitor.end({ timeout: 1 });
    if (bouncer) await bouncer.stop();
    if (!keep && !skipLoad) {
      dropDatabase(url);
      log("dropped the load-test database (KEEP_BENCH_DB=1 or --keep keeps it)");
    }
  }
  return exitCode;
}

/** The knee, the verdict and the capacity table, from the steps. */
export function analyse(r) {
  const ok = (s) => s.errors <= LOAD_TARGETS.errors_max && s.p95_ms <= LOAD_TARGETS.p95_ms_max && s.achieved_rps >= 0.95 * s.offered_rps;
  const base = r.steps[0];
  // The knee: the first step whose p95 is more than twice the lightest step's (and over 10 ms), or
  // that falls behind the offered load, or fails requests.
  const kneeAt = r.steps.findIndex(
    (s) => (s.p95_ms > 2 * base.p95_ms && s.p95_ms > 10) || s.achieved_rps < 0.95 * s.offered_rps || s.errors > 0,
  );
  const sustained = r.steps.filter(ok);
  const best = sustained.length ? sustained[sustained.length - 1] : null;
  const targetRps = r.users / LOAD_TARGETS.think_seconds;
  const atTarget = r.steps.find((s) => s.offered_rps === Math.round(targetRps));
  r.knee = {
    step: kneeAt >= 0 ? kneeAt : null,
    between_rps: kneeAt > 0 ? [r.steps[kneeAt - 1].achieved_rps, r.steps[kneeAt].achieved_rps] : null,
    note:
      kneeAt < 0
        ? "latency did not bend up to the highest offered load"
        : kneeAt === 0
          ? "already at the lightest step"
          : `latency bends between ${r.steps[kneeAt - 1].achieved_rps} and ${r.steps[kneeAt].achieved_rps} req/s`,
  };
  r.sustained_rps = best ? best.achieved_rps : 0;
  r.target = {
    rps: Math.round(targetRps),
    p95_ms_max: LOAD_TARGETS.p95_ms_max,
    met: !!(atTarget && ok(atTarget)),
    at_target: atTarget ? { achieved_rps: atTarget.achieved_rps, p95_ms: atTarget.p95_ms, errors: atTarget.errors } : null,
  };
  r.verdict = r.target.met
    ? `${r.users} users at one request per ${LOAD_TARGETS.think_seconds} s (${r.target.rps} req/s): p95 ${atTarget.p95_ms} ms, 0 errors: target met; ${r.knee.note}`
    : `target (${r.target.rps} req/s, p95 <= ${LOAD_TARGETS.p95_ms_max} ms, 0 errors) not met` +
      (atTarget ? `: at ${atTarget.achieved_rps} req/s p95 ${atTarget.p95_ms} ms, ${atTarget.errors} errors` : "") +
      `; highest sustained ${r.sustained_rps} req/s; ${r.knee.note}`;
  // Capacity: users at one request per 10 s each. CPU-bound estimate: this machine's sustained rate
  // scaled by dedicated cores (2 here); pool-bound: pool size / the server-side transaction time.
  const cores = r.machine.cpus;
  // The server-side hold time per transaction: the lightest contention seen (the smallest step
  // average; under CPU saturation every transaction waits for the CPU while holding its connection).
  const xacts = r.steps.map((s) => s.pooler.avg_xact_ms).filter((x) => x);
  const xact = xacts.length ? Math.min(...xacts) : null;
  r.server_xact_ms = xact;
  r.capacity = Object.entries(COMPUTE)
    .filter(([, c]) => c.cores)
    .map(([name, c]) => {
      const cpuRps = r.sustained_rps * (c.cores / cores);
      const poolRps = xact ? (c.pool_size * 1000) / xact : null;
      const rps = poolRps ? Math.min(cpuRps, poolRps) : cpuRps;
      return {
        compute: name,
        cpu: c.cpu,
        memory_gb: c.memory_gb,
        pool_size: c.pool_size,
        max_clients: c.max_clients,
        cpu_bound_rps: Math.round(cpuRps),
        pool_bound_rps: poolRps ? Math.round(poolRps) : null,
        rps: Math.round(rps),
        users: Math.floor((rps * LOAD_TARGETS.think_seconds) / 100) * 100,
        shared: c.cpu.includes("shared"),
      };
    });
  r.why = r.target.met || !r.solo?.by_kind ? null : whyMissed(r);
  return r;
}

// Why the target was missed: the CPU a request takes on this machine (measured at the busiest step,
// by process) against the budget the target leaves (cores x 1000 / target rate), and which requests
// take the most of PostgreSQL's share (measured alone).
function whyMissed(r) {
  const budget = (r.machine.cpus * 1000) / r.target.rps;
  const busiest = [...r.steps].sort((a, b) => b.achieved_rps - a.achieved_rps)[0];
  const c = busiest.cpu_per_request;
  const parts =
    `PostgreSQL ${c.postgres_ms} ms${c.backends_ms != null ? ` (${c.backends_ms} ms in the backends serving the requests, the rest background work)` : ""}, ` +
    `PgBouncer ${c.pgbouncer_ms} ms, the load generator ${c.generator_ms} ms, the kernel and the rest ${c.other_ms} ms`;
  const ceiling = Math.round((r.machine.cpus * 1000) / c.machine_ms);
  const pgOnly = Math.round((r.machine.cpus * 1000) / c.postgres_ms);
  const shares = pgShares(r).slice(0, 3).map(([k, share, ms]) => `${k} ${Math.round(share * 100)}% (${ms} ms each)`).join(", ");
  return (
    `Why: ${fmtN(r.target.rps)} req/s on ${r.machine.cpus} cores leaves ${round(budget, 3)} ms of CPU per request for everything. At the ` +
    `busiest step (${fmtN(busiest.achieved_rps)} req/s, the machine ${Math.round(c.machine_busy * 100)}% busy) a request took ${c.machine_ms} ms of CPU: ` +
    `${parts}, i.e. ${round(c.machine_ms / budget, 1)}x the budget, so the cores run out near ${r.machine.cpus} x 1000 / ${c.machine_ms} = ` +
    `${fmtN(ceiling)} req/s (${fmtN(pgOnly)} req/s if PostgreSQL had both cores to itself, as on a hosted database whose pooler and clients run ` +
    `elsewhere). Past that the pool's connections queue (the pooler wait column) and latency grows with the queue. Of PostgreSQL's CPU, ` +
    `the largest shares (each request type measured alone, weighted by the mix): ${shares}. With prepared statements off every request ` +
    "also plans its query, and pays five round trips (begin, claims, pre-request hook, query, commit)."
  );
}

/** [kind, share of PostgreSQL's CPU in the mix, PostgreSQL CPU ms per request] from the requests measured alone, largest first. */
// The serving backends' CPU when measured (background work excluded), else the whole tree's.
function pgShares(r) {
  const ms = (k) => r.solo.by_kind[k].backend_cpu_ms ?? r.solo.by_kind[k].postgres_cpu_ms;
  const rows = Object.entries(r.mix).filter(([k]) => r.solo?.by_kind[k]?.requests && ms(k) !== null);
  const total = rows.reduce((t, [k, w]) => t + w * ms(k), 0);
  return rows.map(([k, w]) => [k, total > 0 ? (w * ms(k)) / total : 0, ms(k)]).sort((a, b) => b[1] - a[1]);
}

const fmtN = (x) => (typeof x === "number" ? x.toLocaleString("en") : (x ?? ""));

export function loadMarkdown(r) {
  const fmt = (x) => (typeof x === "number" ? x.toLocaleString("en") : (x ?? ""));
  const kinds = [...new Set(r.steps.flatMap((s) => Object.keys(s.by_kind)))].sort();
  const L = [
    `# Load test: ${fmt(r.users)} signed-in users through PgBouncer (transaction mode)`,
    "",
    `Scale **${r.scale.name}**; ${r.machine.cpus} CPUs (${r.machine.cpu}), ${r.machine.memory_gb} GB; PgBouncer ${r.pgbouncer.version} with Supabase's ` +
      `settings for compute **${r.compute.name}** (pool size ${r.compute.pool_size}${r.compute.supabase_pool_size !== undefined && r.compute.supabase_pool_size !== r.compute.pool_size ? ` set by --pool-size, Supabase's is ${r.compute.supabase_pool_size}` : ""}, max clients ${r.compute.max_clients}); ${fmt(r.client_connections)} ` +
      `client connections at most from the load generator (as PostgREST instances would hold)${r.generator_threads ? `, spread over its ${r.generator_threads} worker threads (each with its share of the users and of the connections, and its own event loop)` : ""}, prepared statements off. Runtime ${r.runtime_seconds} s.`,
    "",
    `**${r.verdict}.**`,
    "",
    ...(r.why ? [r.why, ""] : []),
    `${fmt(r.users)} distinct users (${fmt(r.initiators)} initiators, ${fmt(r.contributors)} contributors; real rows in auth.users), each in a loop: ` +
      "think (exponential, mean = users / offered rate), then one request as PostgREST makes it: a transaction as `authenticator` with " +
      "`set_config('role', 'authenticated', true)`, the user's `request.jwt.claims` and the request's method, path and headers (x-forwarded-for: " +
      "the user's own address), the pre-request hook (`public.check_request()`: " +
      "banned accounts, rate limits), then the query or RPC. Mix (weights): " +
      `${Object.entries(r.mix).map(([k, v]) => `${k} ${v}`).join(", ")}; send_message, mark_all_notifications_read and apply_to_mission ` +
      "commit, and raise notifications and realtime messages. Each step runs " +
      `${r.step_seconds} s after the think time settles; latency is the whole request (including the wait for a client connection and in PgBouncer). ` +
      "*pooler wait*: PgBouncer's SHOW STATS total_wait_time over the step's transactions; *max wait*: the largest SHOW POOLS maxwait seen (sampled each second); " +
      "*generator loop delay*: how late the load generator's event loops ran (the worst thread's p99 / the worst seen, ms): while a loop is late, the transactions it has in flight keep their server connections.",
    "",
    "| offered req/s | achieved req/s | p50 ms | p95 ms | p99 ms | errors | pooler wait avg ms | pooler max wait ms | clients waiting (max) | server conns active (max) | server xact avg ms | generator CPU cores | generator loop delay p99 / max ms | CPU ms per request: PostgreSQL (serving backends) / PgBouncer / generator / machine | machine busy |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...r.steps.map(
      (s) =>
        `| ${fmt(s.offered_rps)} | ${fmt(s.achieved_rps)} | ${s.p50_ms} | ${s.p95_ms} | ${s.p99_ms} | ${s.errors} | ${s.pooler.avg_wait_ms ?? ""} | ` +
        `${s.pooler.max_wait_ms ?? ""} | ${s.pooler.max_clients_waiting ?? ""} | ${s.pooler.max_server_active ?? ""} | ${s.pooler.avg_xact_ms ?? ""} | ${s.generator_cpu_cores} | ` +
          `${s.generator_loop_delay_ms ? `${s.generator_loop_delay_ms.p99} / ${s.generator_loop_delay_ms.max}` : ""} | ` +
          `${s.cpu_per_request ? `${s.cpu_per_request.postgres_ms}${s.cpu_per_request.backends_ms != null ? ` (${s.cpu_per_request.backends_ms})` : ""} / ${s.cpu_per_request.pgbouncer_ms} / ${s.cpu_per_request.generator_ms} / ${s.cpu_per_request.machine_ms}` : ""} | ` +
          `${s.cpu_per_request ? `${Math.round(s.cpu_per_request.machine_busy * 100)}%` : ""} |`,
    ),
    "",
    `Knee: ${r.knee.note}.`,
    "",
    "p95 ms per request type and step:",
    "",
    `| request | ${r.steps.map((s) => `${fmt(s.offered_rps)}/s`).join(" | ")} |`,
    `|---|${r.steps.map(() => "---").join("|")}|`,
    ...kinds.map((k) => `| ${k} | ${r.steps.map((s) => (s.by_kind[k] ? `${s.by_kind[k].p95_ms} (p50 ${s.by_kind[k].p50_ms}, p99 ${s.by_kind[k].p99_ms})` : "")).join(" | ")} |`),
    "",
  ];
  if (r.solo) {
    const shares = Object.fromEntries(pgShares(r).map(([k, share]) => [k, share]));
    L.push(
      "## What one request costs",
      "",
      "Before the steps, each request type alone, one at a time through the same path (PgBouncer, one client, prepared statements off, " +
        `the pre-request hook), the types taking turns in batches of ${r.solo.batch ?? "?"} (${r.solo.rounds ?? "?"} ` +
        `round${r.solo.rounds === 1 ? "" : "s"}), so that a change in the machine's speed during the measurement falls on all of them ` +
        "alike. *latency*: the whole request with nothing else running (mostly round trips: begin, claims, pre-request " +
        "hook, query, commit, each through PgBouncer); *PostgreSQL CPU*: the user + system time of the postmaster and its backends " +
        "(/proc, 10 ms ticks summed over the requests) per request, in parentheses the part of it spent by the backends serving the " +
        "requests (PgBouncer's server connections; the rest is background work: autovacuum, the WAL and stats processes, pg_cron); " +
        "*machine CPU*: every process's. Weighted by the mix: " +
        `${r.solo.mix_mean_ms} ms of latency, **${r.solo.mix_postgres_cpu_ms} ms of PostgreSQL CPU**` +
        `${r.solo.mix_backend_cpu_ms != null ? ` (${r.solo.mix_backend_cpu_ms} ms in the serving backends)` : ""} and ${r.solo.mix_machine_cpu_ms} ms of the machine's CPU per request.`,
      "",
      "| request | weight | requests | latency p50 ms | latency mean ms | PostgreSQL CPU ms (serving backends) | machine CPU ms | share of PostgreSQL's CPU in the mix |",
      "|---|---|---|---|---|---|---|---|",
      ...Object.entries(r.mix).map(([k, weight]) => {
        const x = r.solo.by_kind[k];
        const share = shares[k];
        return `| ${k} | ${weight} | ${x?.requests ?? 0} | ${x?.p50_ms ?? ""} | ${x?.mean_ms ?? ""} | ${x?.postgres_cpu_ms ?? ""}${x?.backend_cpu_ms != null ? ` (${x.backend_cpu_ms})` : ""} | ${x?.machine_cpu_ms ?? ""} | ${share === undefined ? "" : `${Math.round(share * 100)}%`} |`;
      }),
      "",
    );
  }
  const errs = r.steps.filter((s) => s.errors > 0);
  if (errs.length) {
    L.push("Errors:", "", ...errs.map((s) => `- at ${s.offered_rps} req/s: ${Object.entries(s.errors_by_kind).map(([k, v]) => `${k} x${v}`).join(", ")} (${s.first_errors.join("; ")})`), "");
  }
  L.push(
    "## Capacity per hosted compute size",
    "",
    `Users at one request per ${LOAD_TARGETS.think_seconds} s each, with p95 <= ${LOAD_TARGETS.p95_ms_max} ms. Measured here: **${fmt(r.sustained_rps)} req/s** ` +
      `sustained (the highest step with p95 <= ${LOAD_TARGETS.p95_ms_max} ms, no errors, achieved >= 95% of offered) on ${r.machine.cpus} cores shared by ` +
      "PostgreSQL, PgBouncer and the load generator (its CPU is in the table above; on hosted it runs elsewhere, so this is conservative). " +
      `CPU-bound estimate = ${fmt(r.sustained_rps)} x (cores / ${r.machine.cpus}), assuming a hosted ARM core does what a core here does and ` +
      "linear scaling with dedicated cores; pool-bound = pool size x 1000 / the time a transaction holds a server connection (PgBouncer's " +
      `average transaction time at the least loaded step: ${r.server_xact_ms ?? "?"} ms); capacity = the smaller, users = capacity x ${LOAD_TARGETS.think_seconds} s ` +
      "(rounded down to 100). Shared-CPU sizes (Micro, Small, Medium) burst to 2 cores but cannot sustain them, and their 1-4 GB of memory " +
      "does not hold this data set's working set: treat their rows as upper bounds.",
    "",
    "| compute | CPU | memory GB | pool size | max pooler clients | CPU-bound req/s | pool-bound req/s | capacity req/s | users (1 req / 10 s) |",
    "|---|---|---|---|---|---|---|---|---|",
    ...r.capacity.map(
      (c) =>
        `| ${c.compute}${c.shared ? " (upper bound)" : ""} | ${c.cpu} | ${c.memory_gb} | ${c.pool_size} | ${fmt(c.max_clients)} | ` +
        `${fmt(r.sustained_rps)} x ${c.cpu.match(/^\d+/)?.[0] ?? "?"}/${r.machine.cpus} = ${fmt(c.cpu_bound_rps)} | ` +
        `${c.pool_bound_rps === null ? "" : `${c.pool_size} x 1000 / ${r.server_xact_ms} = ${fmt(c.pool_bound_rps)}`} | ` +
        `${fmt(c.rps)} | ${fmt(c.users)} |`,
    ),
    "",
    "Compute sizes, pool sizes and client limits: Supabase's Compute and Disk guide and the dashboard's pooling defaults " +
      "(POOLING_OPTIMIZATIONS). The client limit bounds connections to the pooler, not users: users reach the database through PostgREST, " +
      "whose own pool holds a few connections.",
    "",
  );
  return L.join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(await runLoadTest());
}
