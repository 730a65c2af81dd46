// A worker thread of the load test (bench/loadtest.mjs): runs its share of the users, each looping
// think -> request through PgBouncer on the worker's own client connections. Spread over threads so
// that no single event loop is the bottleneck: while a loop is late, every transaction it has in
// flight keeps its server connection (transaction mode), which shows as pool waits.
//
// Messages from the main thread: { type: "think", ms } (the mean think time; wakes every thinking
// user, who draws a new think time: exponential, so arrivals stay a Poisson process),
// { type: "measure" } (open the step's measured window), { type: "collect" } (close it: answers
// { type: "record", ... }), { type: "stop" } (answers { type: "stopped" }).
// To it: { type: "ready" } once its client connections are open.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import { apiConnect, request, rng } from "./db.mjs";
import { contextOf, emptyRecord, requestPicker } from "./load-users.mjs";

const { url, conns, users, ctx, applyTargets } = workerData;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const { pick } = requestPicker(ctx, applyTargets);

let thinkMs = workerData.thinkMs;
let running = true;
let wake;
let woken = new Promise((r) => (wake = r));
const wakeAll = () => {
  const w = wake;
  woken = new Promise((r) => (wake = r));
  w("wake");
};
let measuring = null; // the step's record while its measured window is open
let loopDelay = null;

const api = await apiConnect(url, "rls", { max: conns, prepare: false, idle_timeout: 0 });
if (api.login !== "authenticator") throw new Error("could not log in as authenticator through pgbouncer");
// Open the client connections first (SCRAM per connection), as a running PostgREST would have:
// postgres.js opens a new connection for a query while it has fewer than `max`.
await Promise.all(Array.from({ length: conns }, () => api.sql`select pg_sleep(0.05)`));

const userLoop = async (user) => {
  const random = rng(1000 + user.index);
  while (running) {
    const why = await Promise.race([sleep(-Math.log(1 - random()) * thinkMs).then(() => "timer"), woken]);
    if (!running) break;
    if (why === "wake") continue;
    const q = pick(user, random);
    if (!q) continue;
    // A request counts in the step whose measured window it completes in (throughput = completions).
    const t0 = process.hrtime.bigint();
    try {
      await request(api.sql, "rls", q.user ?? user.user_id, q.sql, q.args, { readOnly: q.readOnly, prepare: false, preRequest: true, context: contextOf(q, user) });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const rec = measuring;
      if (rec) {
        rec.lat.push(ms);
        (rec.byKind[q.kind] ??= []).push(ms);
      }
    } catch (e) {
      const rec = measuring;
      if (rec) {
        rec.errors += 1;
        const key = `${q.kind}: ${e.code ?? "error"}`;
        rec.errorsByKind[key] = (rec.errorsByKind[key] ?? 0) + 1;
        if (rec.firstErrors.length < 3) rec.firstErrors.push(`${q.kind}: ${e.code ?? ""} ${e.message}`);
      }
    }
  }
};

const loops = users.map((user) => userLoop(user));
parentPort.on("message", async (m) => {
  if (m.type === "think") {
    thinkMs = m.ms;
    wakeAll();
  } else if (m.type === "measure") {
    measuring = emptyRecord();
    loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
  } else if (m.type === "collect") {
    const rec = measuring;
    measuring = null;
    loopDelay.disable();
    // Event-loop delay beyond the 10 ms sampling interval, ms.
    const delay = { p99: loopDelay.percentile(99) / 1e6 - 10, max: loopDelay.max / 1e6 - 10 };
    parentPort.postMessage({ type: "record", rec, delay });
  } else if (m.type === "stop") {
    running = false;
    wakeAll();
    await Promise.all(loops);
    await api.sql.end({ timeout: 5 });
    parentPort.postMessage({ type: "stopped" });
  }
});
parentPort.postMessage({ type: "ready" });
