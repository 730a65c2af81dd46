// Postgres dies mid-workflow: see faults-shared.ts. `npm test` runs this file in a stage of its own,
// after every other stage (stage "crash" of scripts/test.mjs): it kills the server they all use.
import { describe, it, expect } from "vitest";
import postgres from "postgres";
import { APP, env, missions, sleep, deferred, funded, submit, approve, transfersOf, releasesOf, mine, jobOf, msStatus, mStatus, expectAudited, CLUSTER, CRASH, crash, restart, doomed, crashWith, withTimeout, sql, asCaller, connect, drain, expireBackoff, initiator, rpc, startStripe, testDbUrl } from "./faults-shared.ts";

describe(`Postgres dies mid-workflow (${CRASH})`, () => {
  it("a payout whose ledger write dies with the server resumes: the same transfer, one ledger entry", async () => {
    const world = await startStripe(env);
    const dying = doomed();
    const blockerClient = postgres(testDbUrl(), { max: 1, onnotice: () => {}, connection: { application_name: APP } });
    try {
      const w = await funded(world, [30_000]);
      await approve(w);

      // Stripe answered; then another transaction takes the mission row (reserve_release, before the
      // Stripe call, locks it too), so the worker's ledger write (record_release) is in flight,
      // waiting, when the server dies.
      let blocker: Promise<unknown> = Promise.resolve();
      const locked = deferred();
      const work = withTimeout(drain({ ...world.deps, db: dying }, {
        afterStripeCall: async (job) => {
          if (job.payload.milestone_id !== w.fx.milestones[0].id) return; // the queue is shared
          blocker = blockerClient`with l as (select id from public.missions where id = ${w.fx.id} for update)
                                  select pg_sleep(60) from l`.catch(() => "died");
          for (let i = 0; i < 100; i++) {
            // Sleeping means the CTE has locked the row (the table's RowShareLock alone is taken
            // before the row is, which let the worker get there first on a busy machine).
            if ((await env.raw`select 1 from pg_stat_activity
                               where query like '%pg_sleep(60) from l%' and wait_event = 'PgSleep'`).length) break;
            await sleep(20);
          }
          locked.resolve();
        },
      }, 1), 20_000);
      await locked.promise;
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

      // Nothing half-done: Stripe made the transfer, the ledger holds it reserved (pending), the milestone waits.
      expect(await transfersOf(w)).toHaveLength(1);
      expect((await releasesOf(w)).map((r) => r.status)).toEqual(["pending"]);
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
  // flight fails, the next ones work. postgres.js 3.4.9 alone would hand the next query to the
  // released dead connection, where it never settles (porsager/postgres#1199); db.ts works around it.
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