// Shared setup of the fault tests (tests/money/faults.test.ts and postgres-crash.test.ts).
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
export type { Stripe };
import { asCaller, connect } from "../../functions/_shared/db.ts";
import { drain } from "../../functions/payouts-worker/handler.ts";
import { CLUSTERS, portOpen, startCluster } from "../../scripts/lib/stack.mjs";
import {
  admin, audit, callPayments, calls, closeEnv, connectDoomedDb, type Env, expireBackoff, fault, initiator, insertMission, jobsOf, ledgerOf,
  type MissionFixture, onboard, openEnv, type Person, position, retireJobs, rpc, startStripe, type StripeOptions,
  type StripeWorld, verifiedContributor, webhook,
} from "./money-support.ts";
import { testDbUrl } from "../ts/support.ts";

export const APP = "people-faults-test";
export let env: Env;
export let theAdmin: Person;
export const missions: string[] = [];

beforeAll(async () => {
  env = await openEnv(APP, 6);
  theAdmin = await admin(env);
});
afterAll(async () => {
  await retireJobs(env, missions).catch(() => {});
  await closeEnv(env);
});

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

// ------------------------------------------------------------------------------------------------
// A funded mission at work: the lead can receive payouts; milestones approved on demand
// ------------------------------------------------------------------------------------------------
export type Work = {
  world: StripeWorld;
  init: Person & { initiatorId: string };
  lead: Person & { contributorId: string };
  account: string;
  fx: MissionFixture;
  pi: string;
  sent: string[];
};

export async function deliver(w: { world: StripeWorld; sent?: string[] }, ev: Stripe.Event) {
  w.sent?.push(ev.id);
  return webhook(w.world.deps, ev);
}

export async function funded(world: StripeWorld, amounts = [20_000], opts: { start?: boolean; payouts?: boolean } = {}): Promise<Work> {
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

export async function submit(w: Work, i = 0) {
  await rpc(env, w.lead, "submit_milestone", { milestone_id: w.fx.milestones[i].id, content: "Delivered." });
}
export async function approve(w: Work, i = 0) {
  await submit(w, i);
  await rpc(env, w.init, "approve_milestone", { milestone_id: w.fx.milestones[i].id });
}

export const transfersOf = async (w: Work, i = 0) =>
  (await w.world.state()).transfers.filter((t) => t.metadata?.milestone_id === w.fx.milestones[i].id);
export const refundsOf = async (w: Work) => (await w.world.state()).refunds.filter((r) => r.payment_intent === w.pi);
export const releasesOf = async (w: Work, i = 0) =>
  (await ledgerOf(env, [w.fx.id])).filter((r) => r.type === "release" && r.milestone_id === w.fx.milestones[i].id && r.status !== "failed");
export type Outcome = Awaited<ReturnType<typeof drain>>[number];
/** This mission's outcomes of a drain (the queue is shared: other tests' jobs may be in the same run). */
export async function mine(w: Work, out: Outcome[], kind: string) {
  const ids = new Set((await jobsOf(env, [w.fx.id])).map((j) => String(j.id)));
  return out.filter((o) => o.kind === kind && ids.has(String(o.job))).map((o) => ({ result: o.result, detail: o.detail }));
}
export const jobOf = async (w: Work, kind: string) => (await jobsOf(env, [w.fx.id])).filter((j) => j.kind === kind);
export const msStatus = async (w: Work, i = 0) =>
  (await env.raw<{ status: string }[]>`select status::text as status from public.milestones where id = ${w.fx.milestones[i].id}`)[0].status;
export const mStatus = async (w: Work) =>
  (await env.raw<{ status: string }[]>`select status::text as status from public.missions where id = ${w.fx.id}`)[0].status;

/** Runs the worker until none of this mission's jobs is ready (backoff skipped), at most `rounds` times. */
export async function settle(w: Work, rounds = 4) {
  for (let i = 0; i < rounds; i++) {
    await expireBackoff(env, [w.fx.id]);
    const ready = await env.raw`select 1 from private.jobs where status = 'queued' and payload ->> 'mission_id' = ${w.fx.id}`;
    if (!ready.length) return;
    await drain(w.world.deps);
  }
}

export async function expectAudited(w: Work) {
  expect(await audit(env, w.world, [w.fx], { settled: true }, w.sent)).toEqual([]);
}

// ------------------------------------------------------------------------------------------------
// Crashing Postgres
// ------------------------------------------------------------------------------------------------
export type Cluster = (typeof CLUSTERS)[keyof typeof CLUSTERS];

/** The local cluster we may kill: the throwaway test cluster (or any stack cluster with ALLOW_KILL_POSTGRES=1). */
export function killableCluster(): Cluster | undefined {
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
export const CLUSTER = killableCluster();
export const CRASH = CLUSTER ? "kill -9" : "simulated";

export const ps = (args: string[]) => execFileSync("ps", args, { encoding: "utf8" });
/** The processes of `pids` still running (a zombie, killed but not reaped yet, is not). */
export function alive(pids: number[]): number[] {
  const table = ps(["-eo", "pid=,stat="]).trim().split("\n").map((l) => l.trim().split(/\s+/));
  return pids.filter((p) => table.some(([pid, stat]) => Number(pid) === p && !stat.startsWith("Z")));
}

/** kill -9 of the postmaster and every server process; waits until they are gone and the port is free. */
export async function killPostgres(cluster: Cluster) {
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
export async function terminateOurBackends() {
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

export async function crash() {
  if (CLUSTER) await killPostgres(CLUSTER);
  else await terminateOurBackends();
}

export async function restart() {
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
export function doomed() {
  return connectDoomedDb(testDbUrl(), 2, APP);
}
export async function crashWith(dying: { die: () => void }) {
  dying.die(); // the process dies: it sends nothing more...
  await crash(); // ...and the server dies, with its statements in flight
}
export const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p.then((v) => ({ v }), (err: Error) => ({ err })), sleep(ms).then(() => ({ hung: true as const }))]);

export { execFileSync, sql, asCaller, connect, drain, CLUSTERS, portOpen, startCluster, admin, audit, callPayments, calls, closeEnv, connectDoomedDb, expireBackoff, fault, initiator, insertMission, jobsOf, ledgerOf, onboard, openEnv, position, retireJobs, rpc, startStripe, verifiedContributor, webhook, testDbUrl };
export type { Env, MissionFixture, Person, StripeOptions, StripeWorld };
