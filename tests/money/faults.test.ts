// Money under faults: Postgres killed mid-workflow, an Edge Function dying between its Stripe call
// and its commit, Stripe answering 500 / 429 / nothing at all, webhooks delivered three times and out
// of order. Each ends the same way: nothing half-done, the work resumes, nothing duplicated, and the
// auditor (tests/ts/money-support.ts) finds the ledger and Stripe in agreement.
//
// Postgres is really killed (kill -9 of the postmaster's process group, then restarted with the
// stack helpers) only when the tests run on the throwaway cluster `npm test` starts (127.0.0.1:54339,
// .local/test-db), or on a local cluster of scripts/lib/stack.mjs with ALLOW_KILL_POSTGRES=1.
// Elsewhere (e.g. TEST_DATABASE_URL on the development server) the same workflows run with a
// simulated crash: every backend of this test is terminated (pg_terminate_backend) mid-transaction.
// FAULTS_SIMULATE_CRASH=1 forces the simulation.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { sql } from "kysely";
import type Stripe from "stripe";
import { asCaller, connect } from "../../functions/_shared/db.ts";
import { drain } from "../../functions/payouts-worker/handler.ts";
import { CLUSTERS, portOpen, startCluster } from "../../scripts/lib/stack.mjs";
import {
  admin, audit, callPayments, calls, closeEnv, connectDoomedDb, type Env, expireBackoff, fault, initiator, insertMission, jobsOf, ledgerOf,
  type MissionFixture, onboard, openEnv, type Person, position, retireJobs, rpc, startStripe, type StripeOptions,
  type StripeWorld, verifiedContributor, webhook,
} from "./money-support.ts";
import { testDbUrl } from "../ts/support.ts";

const APP = "people-faults-test";
let env: Env;
let theAdmin: Person;
const missions: string[] = [];

beforeAll(async () => {
  env = await openEnv(APP, 6);
  theAdmin = await admin(env);
});
afterAll(async () => {
  await retireJobs(env, missions).catch(() => {});
  await closeEnv(env);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

// ------------------------------------------------------------------------------------------------
// A funded mission at work: the lead can receive payouts; milestones approved on demand
// ------------------------------------------------------------------------------------------------
type Work = {
  world: StripeWorld;
  init: Person & { initiatorId: string };
  lead: Person & { contributorId: string };
  account: string;
  fx: MissionFixture;
  pi: string;
  sent: string[];
};

async function deliver(w: { world: StripeWorld; sent?: string[] }, ev: Stripe.Event) {
  w.sent?.push(ev.id);
  return webhook(w.world.deps, ev);
}

async function funded(world: StripeWorld, amounts = [20_000], opts: { start?: boolean; payouts?: boolean } = {}): Promise<Work> {
  const init = await initiator(env);
  const lead = await verifiedContributor(env, "lead");
  const account = await onboard(world.deps, lead);
  const w: Work = { world, init, lead, account, fx: undefined as unknown as MissionFixture, pi: "", sent: [] };
  if (opts.payouts !== false) {
    expect((await deliver(w, await world.control("updateAccount", account, { payouts_enabled: true, charges_enabled: true, details_submitted: true }))).status).toBe(200);
  }
  w.fx = await insertMission(env, init, lead, amounts);
  missions.push(w.fx.id);
  const res = await callPayments(world.deps, init, "/payments/fund", { mission_id: w.fx.id });
  expect(res.status).toBe(201);
  w.pi = res.body.payment_intent_id;
  expect((await deliver(w, await world.control("succeedPaymentIntent", w.pi))).status).toBe(200);
  if (opts.start !== false) await rpc(env, init, "start_work", { mission_id: w.fx.id });
  return w;
}

async function submit(w: Work, i = 0) {
  await rpc(env, w.lead, "submit_milestone", { milestone_id: w.fx.milestones[i].id, content: "Delivered." });
}
async function approve(w: Work, i = 0) {
  await submit(w, i);
  await rpc(env, w.init, "approve_milestone", { milestone_id: w.fx.milestones[i].id });
}

const transfersOf = async (w: Work, i = 0) =>
  (await w.world.state()).transfers.filter((t) => t.metadata?.milestone_id === w.fx.milestones[i].id);
const refundsOf = async (w: Work) => (await w.world.state()).refunds.filter((r) => r.payment_intent === w.pi);
const releasesOf = async (w: Work, i = 0) =>
  (await ledgerOf(env, [w.fx.id])).filter((r) => r.type === "release" && r.milestone_id === w.fx.milestones[i].id && r.status !== "failed");
type Outcome = Awaited<ReturnType<typeof drain>>[number];
/** This mission's outcomes of a drain (the queue is shared: other tests' jobs may be in the same run). */
async function mine(w: Work, out: Outcome[], kind: string) {
  const ids = new Set((await jobsOf(env, [w.fx.id])).map((j) => String(j.id)));
  return out.filter((o) => o.kind === kind && ids.has(String(o.job))).map((o) => ({ result: o.result, detail: o.detail }));
}
const jobOf = async (w: Work, kind: string) => (await jobsOf(env, [w.fx.id])).filter((j) => j.kind === kind);
const msStatus = async (w: Work, i = 0) =>
  (await env.raw<{ status: string }[]>`select status::text as status from public.milestones where id = ${w.fx.milestones[i].id}`)[0].status;
const mStatus = async (w: Work) =>
  (await env.raw<{ status: string }[]>`select status::text as status from public.missions where id = ${w.fx.id}`)[0].status;

/** Runs the worker until none of this mission's jobs is ready (backoff skipped), at most `rounds` times. */
async function settle(w: Work, rounds = 4) {
  for (let i = 0; i < rounds; i++) {
    await expireBackoff(env, [w.fx.id]);
    const ready = await env.raw`select 1 from private.jobs where status = 'queued' and payload ->> 'mission_id' = ${w.fx.id}`;
    if (!ready.length) return;
    await drain(w.world.deps);
  }
}

async function expectAudited(w: Work) {
  expect(await audit(env, w.world, [w.fx], { settled: true }, w.sent)).toEqual([]);
}

// ------------------------------------------------------------------------------------------------
// Crashing Postgres
// ------------------------------------------------------------------------------------------------
type Cluster = (typeof CLUSTERS)[keyof typeof CLUSTERS];

/** The local cluster we may kill: the throwaway test cluster (or any stack cluster with ALLOW_KILL_POSTGRES=1). */
function killableCluster(): Cluster | undefined {
  if (process.env.FAULTS_SIMULATE_CRASH === "1") return undefined;
  const u = new URL(testDbUrl());
  if (!["127.0.0.1", "localhost"].includes(u.hostname)) return undefined;
  const port = Number(u.port || 5432);
  const cluster = Object.values(CLUSTERS).find((c) => c.port === port);
  if (!cluster) return undefined;
  if (cluster !== CLUSTERS.test && process.env.ALLOW_KILL_POSTGRES !== "1") return undefined;
  // It is that cluster only if its data directory's postmaster.pid says it listens on that port.
  const pidFile = path.join(cluster.dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  return Number(lines[3]) === port ? cluster : undefined;
}
const CLUSTER = killableCluster();
const CRASH = CLUSTER ? "kill -9" : "simulated";

const ps = (args: string[]) => execFileSync("ps", args, { encoding: "utf8" });
/** The processes of `pids` still running (a zombie, killed but not reaped yet, is not). */
function alive(pids: number[]): number[] {
  const table = ps(["-eo", "pid=,stat="]).trim().split("\n").map((l) => l.trim().split(/\s+/));
  return pids.filter((p) => table.some(([pid, stat]) => Number(pid) === p && !stat.startsWith("Z")));
}

/** kill -9 of the postmaster and every server process; waits until they are gone and the port is free. */
async function killPostgres(cluster: Cluster) {
  const pid = Number(fs.readFileSync(path.join(cluster.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  const table = () => ps(["-eo", "pid=,ppid=,pgid=,stat="]).trim().split("\n").map((l) => l.trim().split(/\s+/))
    .map(([p, pp, g, stat]) => ({ pid: Number(p), ppid: Number(pp), pgid: Number(g), stat }));
  const now = table();
  const ours = now.find((r) => r.pid === process.pid)?.pgid;
  const pgid = now.find((r) => r.pid === pid)?.pgid;
  // pg_ctl starts the postmaster as a session leader: its process group is the whole server.
  const group = pgid === pid && pgid !== ours;
  const members = () => table().filter((r) => !r.stat.startsWith("Z") && (group ? r.pgid === pgid : r.pid === pid || r.ppid === pid));
  for (let i = 0; i < 200; i++) {
    const left = members();
    if (!left.length) break;
    if (group) process.kill(-pid, "SIGKILL");
    else for (const r of left) process.kill(r.pid, "SIGKILL");
    await sleep(50);
  }
  expect(members()).toEqual([]);
  for (let i = 0; i < 200 && (await portOpen(cluster.port)); i++) await sleep(50);
}

/**
 * The test's own backends terminated mid-transaction, as a crash would end them: first those waiting
 * on a lock (so none of them gets it when its holder goes), then the rest.
 */
async function terminateOurBackends() {
  const killer = postgres(testDbUrl(), { max: 1, onnotice: () => {}, connection: { application_name: "people-faults-killer" } });
  try {
    const waiting = await killer<{ pid: number }[]>`
      select pid from pg_stat_activity
      where datname = current_database() and application_name = ${APP} and wait_event_type = 'Lock'`;
    for (const { pid } of waiting) await killer`select pg_terminate_backend(${pid}, 5000)`;
    await killer`select pg_terminate_backend(pid) from pg_stat_activity
                 where datname = current_database() and application_name = ${APP} and pid <> pg_backend_pid()`;
  } finally {
    await killer.end({ timeout: 5 });
  }
}

async function crash() {
  if (CLUSTER) await killPostgres(CLUSTER);
  else await terminateOurBackends();
}

async function restart() {
  if (CLUSTER) {
    // A postmaster killed with -9 may linger as a zombie until something reaps it; `pg_ctl status`
    // (and Postgres' own lock-file checks) would take it for a running server. It is dead: its
    // lock files go (the data directory's and the socket's), and the cluster starts (crash recovery
    // replays the WAL).
    for (const lock of [path.join(CLUSTER.dataDir, "postmaster.pid"), path.join(CLUSTER.runDir, `.s.PGSQL.${CLUSTER.port}.lock`)]) {
      if (!fs.existsSync(lock)) continue;
      const pid = Number(fs.readFileSync(lock, "utf8").split("\n")[0]);
      if (!alive([pid]).length) fs.rmSync(lock);
    }
    await startCluster(CLUSTER);
  }
  // postgres.js reconnects on the next query; wait until the server answers.
  for (let i = 0; ; i++) {
    try {
      await env.raw`select 1`;
      await sql`select 1`.execute(env.db.db);
      return;
    } catch (err) {
      if (i > 100) throw err;
      await sleep(100);
    }
  }
}

/**
 * What dies with the server: a worker (or a PostgREST-like caller) with its own connection pool,
 * ended as soon as the server dies (the process died with it). The workflow then resumes with
 * another worker, as the next cron run would. (What happens to a pool that lives on is the last
 * test of this block.)
 */
function doomed() {
  return connectDoomedDb(testDbUrl(), 2, APP);
}
async function crashWith(dying: { die: () => void }) {
  dying.die(); // the process dies: it sends nothing more...
  await crash(); // ...and the server dies, with its statements in flight
}
const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p.then((v) => ({ v }), (err: Error) => ({ err })), sleep(ms).then(() => ({ hung: true as const }))]);

describe(`Postgres dies mid-workflow (${CRASH})`, () => {
  it("a payout whose ledger write dies with the server resumes: the same transfer, one ledger entry", async () => {
    const world = await startStripe(env);
    const dying = doomed();
    const blockerClient = postgres(testDbUrl(), { max: 1, onnotice: () => {}, connection: { application_name: APP } });
    try {
      const w = await funded(world, [30_000]);
      await approve(w);

      // Another transaction holds the mission row, so the worker's ledger write (record_release)
      // is in flight, waiting, when the server dies.
      const blocker = blockerClient`with l as (select id from public.missions where id = ${w.fx.id} for update)
                                     select pg_sleep(60) from l`.catch(() => "died");
      for (let i = 0; i < 100; i++) {
        if ((await env.raw`select 1 from pg_locks l join pg_class c on c.oid = l.relation
                           where c.relname = 'missions' and l.mode = 'RowShareLock' and l.pid in
                             (select pid from pg_stat_activity where query like '%pg_sleep(60) from l%')`).length) break;
        await sleep(20);
      }
      const stripeAnswered = deferred();
      const work = withTimeout(drain({ ...world.deps, db: dying }, { afterStripeCall: () => stripeAnswered.resolve() }, 1), 20_000);
      await stripeAnswered.promise;
      for (let i = 0; i < 100; i++) {
        const [{ n }] = await env.raw<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity
          where application_name = ${APP} and wait_event_type = 'Lock' and query ilike '%record_release%'`;
        if (n) break;
        await sleep(20);
      }
      await crashWith(dying);
      const result = await work;
      await blocker;
      await restart();

      // Nothing half-done: Stripe made the transfer, the ledger has nothing of it, the milestone waits.
      expect(await transfersOf(w)).toHaveLength(1);
      expect(await releasesOf(w)).toEqual([]);
      expect(await msStatus(w)).toBe("approved");
      const [job] = await jobOf(w, "release_payout");
      expect(["running", "queued"]).toContain(job.status); // leased by the dead worker, or failed back to the queue
      expect(result).not.toHaveProperty("hung");
      if ("v" in result) expect(await mine(w, result.v, "release_payout")).toEqual([expect.objectContaining({ result: "retry" })]);

      // The workflow resumes (a new worker) once the lease (1 s) ran out: Stripe replays the same transfer.
      await sleep(1_100);
      await expireBackoff(env, [w.fx.id]);
      const again = await drain(world.deps);
      expect(await mine(w, again, "release_payout")).toEqual([expect.objectContaining({ result: "done" })]);
      const transfers = await transfersOf(w);
      expect(transfers).toHaveLength(1);
      expect(await releasesOf(w)).toEqual([expect.objectContaining({ stripe_transfer_id: transfers[0].id, amount_cents: 27_000 })]);
      expect(await msStatus(w)).toBe("paid");
      expect(await mStatus(w)).toBe("completed");
      expect((await jobOf(w, "release_payout")).map((j) => j.status)).toEqual(["done"]);
      await expectAudited(w);
    } finally {
      await world.close();
      await blockerClient.end({ timeout: 1 }).catch(() => {});
      await dying.close();
    }
  });

  it("an approval in flight when the server dies is not applied at all; one committed just before is applied entirely", async () => {
    const world = await startStripe(env);
    const dying = doomed();
    try {
      const w = await funded(world, [11_000, 13_000]);
      await submit(w, 0);
      const ms = w.fx.milestones[0].id;

      // approve_milestone ran, its transaction has not committed: the server dies.
      const applied = deferred();
      const inflight = asCaller(dying.db, w.init.claims, async (tx) => {
        await sql`select public.approve_milestone(${ms})`.execute(tx);
        applied.resolve();
        await sql`select pg_sleep(30)`.execute(tx);
      });
      const outcome = withTimeout(inflight, 10_000);
      await applied.promise;
      await crashWith(dying);
      expect(await outcome).toHaveProperty("err");
      await restart();
      expect(await msStatus(w, 0)).toBe("submitted");
      expect(await jobOf(w, "release_payout")).toEqual([]);
      expect(await env.raw`select 1 from private.domain_events where entity_id = ${ms} and event in ('payout:requested', 'milestone:approved')`).toHaveLength(0);
      expect((await env.raw<{ status: string }[]>`select status::text as status from public.work_submissions where milestone_id = ${ms}`)
        .map((r) => r.status)).toEqual(["submitted"]);

      // The initiator approves again; it commits; the server dies right after: all of it is there.
      await rpc(env, w.init, "approve_milestone", { milestone_id: ms });
      await crash();
      await restart();
      expect(await msStatus(w, 0)).toBe("approved");
      expect((await jobOf(w, "release_payout")).map((j) => j.status)).toEqual(["queued"]);
      expect(await env.raw`select 1 from private.domain_events where entity_id = ${ms} and event = 'payout:requested'`).toHaveLength(1);

      await drain(world.deps);
      expect(await transfersOf(w, 0)).toHaveLength(1);
      expect(await releasesOf(w, 0)).toHaveLength(1);
      expect(await msStatus(w, 0)).toBe("paid");
      await expectAudited(w);
    } finally {
      await world.close();
      await dying.close();
    }
  });

  // The Edge Functions' pool (functions/_shared/db.ts: postgres.js + kysely-postgres-js, which
  // reserves a connection per query) must survive its server connections being cut: a query in
  // flight fails, the next ones work. With postgres 3.4.9 the next query on the released dead
  // connection never settles and an uncaught TypeError escapes (porsager/postgres#1199).
  it("the Edge Functions' connection pool keeps working after the server cut its connections mid-query", async () => {
    const pool = connect(testDbUrl(), 2);
    try {
      await sql`select 1`.execute(pool.db);
      const marker = `faults-pool-${Date.now()}`;
      const inflight = withTimeout(sql.raw(`select pg_sleep(20) /* ${marker} */`).execute(pool.db), 10_000);
      for (let i = 0; i < 100; i++) {
        if ((await env.raw`select 1 from pg_stat_activity where query like ${`%${marker}%`} and pid <> pg_backend_pid()`).length) break;
        await sleep(20);
      }
      if (CLUSTER) {
        await crash();
        await restart();
      } else {
        await env.raw`select pg_terminate_backend(pid) from pg_stat_activity where query like ${`%${marker}%`} and pid <> pg_backend_pid()`;
      }
      expect(await inflight).toHaveProperty("err");
      const next: unknown[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await withTimeout(sql<{ n: number }>`select ${i}::int as n`.execute(pool.db), 5_000);
        next.push("v" in r ? r.v.rows[0].n : "err" in r ? `failed: ${r.err.message}` : "never settled");
      }
      expect(next).toEqual([0, 1, 2]);
    } finally {
      await pool.sql.end({ timeout: 0 }).catch(() => {});
    }
  });
});

// ------------------------------------------------------------------------------------------------
describe("an Edge Function dying after its Stripe call, before its commit", () => {
  it("payout: the worker throws after Stripe answered; the retry records the same transfer once", async () => {
    const world = await startStripe(env);
    try {
      const w = await funded(world, [25_000]);
      await approve(w);
      const out = await drain(world.deps, { afterStripeCall: () => { throw new Error("worker killed"); } });
      expect(await mine(w, out, "release_payout")).toEqual([expect.objectContaining({ result: "retry" })]);
      expect(await transfersOf(w)).toHaveLength(1);
      expect(await releasesOf(w)).toEqual([]);
      await settle(w);
      const transfers = await transfersOf(w);
      expect(transfers).toHaveLength(1);
      expect(await releasesOf(w)).toEqual([expect.objectContaining({ stripe_transfer_id: transfers[0].id })]);
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });

  it("payout: a worker frozen after Stripe answered loses its lease; another finishes; the late one changes nothing", async () => {
    const world = await startStripe(env);
    try {
      const w = await funded(world, [19_999]);
      await approve(w);
      const frozen = deferred();
      const reachedStripe = deferred();
      const zombie = drain(world.deps, { afterStripeCall: async () => { reachedStripe.resolve(); await frozen.promise; } }, 1);
      await reachedStripe.promise;
      await sleep(1_100); // its 1 s lease ran out
      const rescue = await drain(world.deps);
      expect(await mine(w, rescue, "release_payout")).toEqual([expect.objectContaining({ result: "done" })]);
      frozen.resolve();
      await zombie;
      const transfers = await transfersOf(w);
      expect(transfers).toHaveLength(1);
      expect(await releasesOf(w)).toEqual([expect.objectContaining({ stripe_transfer_id: transfers[0].id })]);
      expect((await jobOf(w, "release_payout")).map((j) => j.status)).toEqual(["done"]);
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });

  it("refund: the worker throws after Stripe refunded; the retry records the same refund once", async () => {
    const world = await startStripe(env);
    try {
      const w = await funded(world, [40_000], { start: false });
      await rpc(env, w.init, "cancel_mission", { mission_id: w.fx.id, reason: "Changed plans" });
      const out = await drain(world.deps, { afterStripeCall: () => { throw new Error("worker killed"); } });
      expect(await mine(w, out, "refund")).toEqual([expect.objectContaining({ result: "retry" })]);
      expect((await refundsOf(w)).map((r) => r.amount)).toEqual([40_000]);
      expect((await ledgerOf(env, [w.fx.id])).filter((r) => r.type === "refund")).toEqual([]);
      await settle(w);
      const refunds = await refundsOf(w);
      expect(refunds).toHaveLength(1);
      expect((await ledgerOf(env, [w.fx.id])).filter((r) => r.type === "refund"))
        .toEqual([expect.objectContaining({ stripe_refund_id: refunds[0].id, amount_cents: 40_000, status: "completed" })]);
      expect(await position(env, w.fx.id)).toMatchObject({ held_cents: 0, refunded_cents: 40_000 });
      expect((await jobOf(w, "refund")).map((j) => j.status)).toEqual(["done"]);
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });

  it("refund: Stripe's charge.refunded arrives between the crash and the retry; still one refund", async () => {
    const world = await startStripe(env);
    try {
      const w = await funded(world, [33_000], { start: false });
      await rpc(env, w.init, "cancel_mission", { mission_id: w.fx.id, reason: "Changed plans" });
      await drain(world.deps, { afterStripeCall: () => { throw new Error("worker killed"); } });
      const [charge] = (await world.state()).charges.filter((c) => c.payment_intent === w.pi);
      expect((await deliver(w, await world.control("chargeRefundedEvent", charge.id))).status).toBe(200);
      await settle(w);
      expect(await refundsOf(w)).toHaveLength(1);
      expect((await ledgerOf(env, [w.fx.id])).filter((r) => r.type === "refund")).toHaveLength(1);
      expect((await jobOf(w, "refund")).map((j) => j.status)).toEqual(["done"]);
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });
});

// ------------------------------------------------------------------------------------------------
// Stripe failing. The SDK (maxNetworkRetries: 2, here with a 500 ms timeout) retries connection
// errors and 5xx itself, with backoff and the same idempotency key; what it gives up on (or does not
// retry: a 429 without Stripe-Should-Retry) the job queue retries with its own backoff.
// ------------------------------------------------------------------------------------------------
const FAST: StripeOptions = { timeout: 500, maxNetworkRetries: 2 };

async function transferCalls(w: Work, i = 0) {
  return (await calls(w.world)).filter((c) => c.path === "/v1/transfers" &&
    (c.params.metadata as Record<string, string> | undefined)?.milestone_id === w.fx.milestones[i].id);
}

/** The job's backoff, then the next drain: waits the real backoff (capped) so the retry is the queue's own. */
async function retryAfterBackoff(w: Work, kind: string) {
  const [job] = await env.raw<{ id: number; wait_ms: number; attempts: number; status: string }[]>`
    select id::int as id, status, attempts, greatest(0, extract(epoch from run_after - now()) * 1000)::int as wait_ms
    from private.jobs where kind = ${kind} and payload ->> 'mission_id' = ${w.fx.id}`;
  expect(job.status).toBe("queued");
  // fail_job: retried after 2^attempts seconds.
  expect(job.wait_ms).toBeGreaterThan(2 ** job.attempts * 1000 - 1500);
  expect(job.wait_ms).toBeLessThanOrEqual(2 ** job.attempts * 1000);
  await sleep(Math.min(job.wait_ms + 50, 5_000));
  await expireBackoff(env, [w.fx.id]);
  return drain(w.world.deps);
}

describe("Stripe answering 500, 429, or timing out", () => {
  it("a 500 on the transfer: the SDK retries with the same key; one transfer, one ledger entry", async () => {
    const world = await startStripe(env, FAST);
    try {
      const w = await funded(world, [21_000]);
      await approve(w);
      await fault(world, { match: "POST /v1/transfers", status: 500, times: 1 });
      const out = await drain(world.deps);
      expect(await mine(w, out, "release_payout")).toEqual([expect.objectContaining({ result: "done" })]);
      const tried = await transferCalls(w);
      expect(tried.length).toBe(2);
      expect(new Set(tried.map((c) => c.idempotencyKey))).toEqual(new Set([`release-${w.fx.milestones[0].id}`]));
      expect(await transfersOf(w)).toHaveLength(1);
      expect(await releasesOf(w)).toHaveLength(1);
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });

  it("500s outlasting the SDK's retries: the job is retried with backoff; one transfer, one ledger entry, job done", async () => {
    const world = await startStripe(env, FAST);
    try {
      const w = await funded(world, [22_000]);
      await approve(w);
      await fault(world, { match: "POST /v1/transfers", status: 500, times: 3 });
      const out = await drain(world.deps);
      expect(await mine(w, out, "release_payout")).toEqual([expect.objectContaining({ result: "retry" })]);
      expect(await transferCalls(w)).toHaveLength(3); // the first try and the SDK's two retries
      expect(await transfersOf(w)).toHaveLength(0);
      const again = await retryAfterBackoff(w, "release_payout");
      expect(await mine(w, again, "release_payout")).toEqual([expect.objectContaining({ result: "done" })]);
      expect(await transfersOf(w)).toHaveLength(1);
      expect(await releasesOf(w)).toHaveLength(1);
      expect((await jobOf(w, "release_payout")).map((j) => j.status)).toEqual(["done"]);
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });

  it("a 429: retried (by the SDK or the queue's backoff) with the same key; one transfer, one ledger entry", async () => {
    const world = await startStripe(env, FAST);
    try {
      const w = await funded(world, [23_000]);
      await approve(w);
      await fault(world, { match: "POST /v1/transfers", status: 429, times: 1 });
      let out = await drain(world.deps);
      if ((await mine(w, out, "release_payout")).some((o) => o.result === "retry")) out = await retryAfterBackoff(w, "release_payout");
      expect(await mine(w, out, "release_payout")).toEqual([expect.objectContaining({ result: "done" })]);
      const tried = await transferCalls(w);
      expect(tried).toHaveLength(2);
      expect(new Set(tried.map((c) => c.idempotencyKey)).size).toBe(1);
      expect(await transfersOf(w)).toHaveLength(1);
      expect(await releasesOf(w)).toHaveLength(1);
      expect((await jobOf(w, "release_payout")).map((j) => j.status)).toEqual(["done"]);
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });

  it("a timeout (Stripe answers after the client gave up, having made the transfer): one transfer, one ledger entry", async () => {
    const world = await startStripe(env, FAST);
    try {
      const w = await funded(world, [24_000]);
      await approve(w);
      await fault(world, { match: "POST /v1/transfers", delayMs: 1_200, times: 1 });
      const out = await drain(world.deps);
      expect(await mine(w, out, "release_payout")).toEqual([expect.objectContaining({ result: "done" })]);
      await sleep(1_300); // the slow first request completes at Stripe, and is an idempotent replay
      expect((await transferCalls(w)).length).toBeGreaterThanOrEqual(2);
      expect(await transfersOf(w)).toHaveLength(1);
      expect(await releasesOf(w)).toEqual([expect.objectContaining({ stripe_transfer_id: (await transfersOf(w))[0].id })]);
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });

  it("every attempt times out (Stripe made the transfer anyway): the queue's retry records that transfer once", async () => {
    const world = await startStripe(env, FAST);
    try {
      const w = await funded(world, [26_000]);
      await approve(w);
      await fault(world, { match: "POST /v1/transfers", delayMs: 1_000, times: 3 });
      const out = await drain(world.deps);
      expect(await mine(w, out, "release_payout")).toEqual([expect.objectContaining({ result: "retry" })]);
      await sleep(1_100);
      expect(await transfersOf(w)).toHaveLength(1); // made at Stripe, unknown to the ledger
      expect(await releasesOf(w)).toEqual([]);
      const again = await retryAfterBackoff(w, "release_payout");
      expect(await mine(w, again, "release_payout")).toEqual([expect.objectContaining({ result: "done" })]);
      const transfers = await transfersOf(w);
      expect(transfers).toHaveLength(1);
      expect(await releasesOf(w)).toEqual([expect.objectContaining({ stripe_transfer_id: transfers[0].id })]);
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });

  it("a 500 and a timeout on the refund: one refund, one ledger entry", async () => {
    const world = await startStripe(env, FAST);
    try {
      const w = await funded(world, [27_000], { start: false });
      await rpc(env, w.init, "cancel_mission", { mission_id: w.fx.id, reason: "Changed plans" });
      await fault(world, { match: "POST /v1/refunds", status: 500, times: 1 });
      await fault(world, { match: "POST /v1/refunds", delayMs: 1_000, times: 1 });
      const out = await drain(world.deps);
      expect(await mine(w, out, "refund")).toEqual([expect.objectContaining({ result: "done" })]);
      await sleep(1_100);
      expect(await refundsOf(w)).toHaveLength(1);
      expect((await ledgerOf(env, [w.fx.id])).filter((r) => r.type === "refund")).toHaveLength(1);
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });

  it("a 500 creating the PaymentIntent: funding succeeds with one PaymentIntent", async () => {
    const world = await startStripe(env, FAST);
    try {
      const init = await initiator(env);
      const fx = await insertMission(env, init, null, [15_000]);
      missions.push(fx.id);
      await fault(world, { match: "POST /v1/payment_intents", status: 500, times: 1 });
      const res = await callPayments(world.deps, init, "/payments/fund", { mission_id: fx.id });
      expect(res.status).toBe(201);
      const pis = (await world.state()).paymentIntents.filter((p) => p.metadata?.mission_id === fx.id);
      expect(pis.map((p) => p.id)).toEqual([res.body.payment_intent_id]);
      const tried = (await calls(world)).filter((c) => c.path === "/v1/payment_intents");
      expect(tried.map((c) => c.idempotencyKey)).toEqual([`fund-${fx.id}-15000`, `fund-${fx.id}-15000`]);
      expect(await env.raw`select 1 from public.escrow_transactions where mission_id = ${fx.id}`).toHaveLength(1);
    } finally {
      await world.close();
    }
  });
});

// ------------------------------------------------------------------------------------------------
describe("webhooks delivered three times and out of order", () => {
  it("payment_intent.succeeded x3 around an older payment_intent.payment_failed: funded once", async () => {
    const world = await startStripe(env);
    try {
      const init = await initiator(env);
      const fx = await insertMission(env, init, null, [18_000]);
      missions.push(fx.id);
      const res = await callPayments(world.deps, init, "/payments/fund", { mission_id: fx.id });
      const failed = await world.control("failPaymentIntent", res.body.payment_intent_id);
      const ok = await world.control("succeedPaymentIntent", res.body.payment_intent_id);
      ok.created = failed.created + 5; // Stripe made the success after the decline
      const first = await webhook(world.deps, ok);
      const late = await webhook(world.deps, failed); // older, delivered after the newer
      const dups = await Promise.all([webhook(world.deps, ok), webhook(world.deps, ok)]);
      expect([first, late, ...dups].map((r) => r.status)).toEqual([200, 200, 200, 200]);
      expect(first.body).toEqual({ received: true });
      expect(dups.map((r) => r.body)).toEqual([{ received: true, duplicate: true }, { received: true, duplicate: true }]);
      expect(await env.raw`select status::text, amount_cents::int from public.escrow_transactions where mission_id = ${fx.id}`)
        .toEqual([{ status: "completed", amount_cents: 18_000 }]);
      expect(await env.raw`select 1 from private.domain_events where mission_id = ${fx.id} and event = 'mission:funded'`).toHaveLength(1);
      expect(await position(env, fx.id)).toMatchObject({ funded_cents: 18_000, held_cents: 18_000 });
      expect((await env.raw<{ status: string }[]>`select status::text as status from public.missions where id = ${fx.id}`)[0].status).toBe("open");
      expect(await audit(env, world, [fx], { settled: true }, [ok.id, failed.id])).toEqual([]);
    } finally {
      await world.close();
    }
  });

  it("a card declined, then paid: payment_failed first, then payment_intent.succeeded x3: funded once", async () => {
    const world = await startStripe(env);
    try {
      const init = await initiator(env);
      const fx = await insertMission(env, init, null, [17_000]);
      missions.push(fx.id);
      const res = await callPayments(world.deps, init, "/payments/fund", { mission_id: fx.id });
      const failed = await world.control("failPaymentIntent", res.body.payment_intent_id);
      const ok = await world.control("succeedPaymentIntent", res.body.payment_intent_id);
      ok.created = failed.created + 5;
      expect((await webhook(world.deps, failed)).status).toBe(200);
      const results = await Promise.all([webhook(world.deps, ok), webhook(world.deps, ok)]);
      results.push(await webhook(world.deps, ok));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(results.filter((r) => !r.body.duplicate)).toHaveLength(1);
      expect(await env.raw`select status::text, amount_cents::int from public.escrow_transactions where mission_id = ${fx.id}`)
        .toEqual([{ status: "completed", amount_cents: 17_000 }]);
      expect(await position(env, fx.id)).toMatchObject({ funded_cents: 17_000, held_cents: 17_000 });
      expect(await audit(env, world, [fx], { settled: true }, [ok.id, failed.id])).toEqual([]);
    } finally {
      await world.close();
    }
  });

  it("account.updated x3, the older after the newer: the newest wins and a waiting payout goes out once", async () => {
    const world = await startStripe(env);
    try {
      const w = await funded(world, [16_000], { payouts: false });
      await approve(w);
      const parked = await drain(world.deps);
      expect(await mine(w, parked, "release_payout")).toEqual([expect.objectContaining({ result: "waiting" })]);

      const newer = await world.control("updateAccount", w.account, { payouts_enabled: true, charges_enabled: true, details_submitted: true });
      const older = { ...newer, id: `evt_older_${newer.id.slice(4)}`, created: newer.created - 60,
        data: { object: { ...(newer.data.object as object), payouts_enabled: false, charges_enabled: false } } } as Stripe.Event;
      const round1 = await Promise.all([deliver(w, newer), deliver(w, newer), deliver(w, older)]);
      const round2 = [await deliver(w, older), await deliver(w, newer), await deliver(w, older)];
      expect([...round1, ...round2].map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      const [d] = await env.raw<{ stripe_payouts_enabled: boolean }[]>`
        select stripe_payouts_enabled from public.contributor_private_details where contributor_id = ${w.lead.contributorId}`;
      expect(d.stripe_payouts_enabled).toBe(true);

      await settle(w);
      expect(await transfersOf(w)).toHaveLength(1);
      expect(await releasesOf(w)).toHaveLength(1);
      expect(await msStatus(w)).toBe("paid");
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });

  it("charge.dispute.created and .closed (won) x3, interleaved: held once, released once", async () => {
    const world = await startStripe(env);
    try {
      const w = await funded(world, [14_000, 6_000]);
      const [charge] = (await world.state()).charges.filter((c) => c.payment_intent === w.pi);
      const created = await world.control("disputeCharge", charge.id, 5_000);
      const closed = await world.control("closeDispute", (created.data.object as Stripe.Dispute).id, "won");
      closed.created = created.created + 5;
      const statuses = [
        (await deliver(w, created)).status,
        ...(await Promise.all([deliver(w, created), deliver(w, closed)])).map((r) => r.status),
        (await deliver(w, closed)).status,
        (await deliver(w, created)).status,
        (await deliver(w, closed)).status,
      ];
      expect(statuses.every((s) => s === 200)).toBe(true);
      const rows = (await ledgerOf(env, [w.fx.id])).filter((r) => r.type === "dispute_hold" || r.type === "dispute_release");
      expect(rows.map((r) => `${r.type}:${r.amount_cents}`).sort()).toEqual(["dispute_hold:5000", "dispute_release:5000"]);
      expect(await position(env, w.fx.id)).toMatchObject({ held_cents: 20_000, disputed_cents: 0 });
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });
});
