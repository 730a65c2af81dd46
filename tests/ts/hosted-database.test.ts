// The test database behaves as a hosted Supabase project's does, in what postgres alone cannot show:
// these tests use the cluster superuser (supabase_admin) to take pieces away, as an outage would.
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
import postgres from "postgres";
import { connectTestDb, createUser, testDbUrl } from "./support.ts";

const root = path.resolve(import.meta.dirname, "../..");
function adminDbUrl(database?: string): string {
  const url = process.env.TEST_ADMIN_DATABASE_URL;
  if (!url) throw new Error("TEST_ADMIN_DATABASE_URL is not set: run the tests with `npm test`");
  const u = new URL(url);
  if (database) u.pathname = `/${database}`;
  return u.toString();
}

const sql = connectTestDb();
const admin = postgres(adminDbUrl(), { max: 1, onnotice: () => {} });
afterAll(async () => {
  await sql.end();
  await admin.end();
});

class Rollback extends Error {}
/** Runs `fn` in a transaction as supabase_admin and rolls it back; returns the notices it raised. */
async function rolledBack(fn: (tx: postgres.TransactionSql) => Promise<void>) {
  const notices: postgres.Notice[] = [];
  const conn = postgres(adminDbUrl(), { max: 1, onnotice: (n) => notices.push(n) });
  try {
    await conn.begin(async (tx) => {
      await fn(tx);
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  } finally {
    await conn.end();
  }
  return notices;
}

/** realtime.messages_YYYY_MM_DD for today (UTC) + offset days. */
function partition(offset: number) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return `messages_${d.toISOString().slice(0, 10).replaceAll("-", "_")}`;
}

describe("realtime.messages partitions", () => {
  it("exist from yesterday to three days ahead, as the Realtime service keeps them", async () => {
    const rows = await sql<{ relname: string }[]>`
      select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'realtime.messages'::regclass order by 1`;
    const names = rows.map((r) => r.relname);
    for (const offset of [-1, 0, 1, 2, 3]) expect(names).toContain(partition(offset));
  });

  it("a broadcast sent when its day has no partition is dropped with a warning, and the transaction goes on", async () => {
    const userId = await createUser(sql, `rt-partition-${Date.now()}@example.com`);
    let stored = -1;
    let broadcast = -1;
    const notices = await rolledBack(async (tx) => {
      await tx.unsafe(`drop table realtime.${partition(0)}`); // the partition upkeep did not run
      await tx.unsafe("set local role postgres");
      const [{ id }] = await tx`select private.notify(${userId}, 'match_found', 'Matches found', 'We found candidates.') as id`;
      stored = (await tx`select count(*)::int as n from public.notifications where id = ${id}`)[0].n;
      broadcast = (await tx`select count(*)::int as n from realtime.messages where topic = ${`user:${userId}`}`)[0].n;
    });
    expect(stored).toBe(1); // the notification is saved: the transaction went on
    expect(broadcast).toBe(0); // its broadcast is lost
    expect(notices.map((n) => `${n.severity}: ${n.message}`)).toContain(
      'WARNING: ErrorSendingBroadcastMessage: no partition of relation "messages" found for row',
    );
  });

  it("with its partition there, the same broadcast is delivered", async () => {
    const userId = await createUser(sql, `rt-partition-ok-${Date.now()}@example.com`);
    let broadcast = -1;
    const notices = await rolledBack(async (tx) => {
      await tx.unsafe("set local role postgres");
      await tx`select private.notify(${userId}, 'match_found', 'Matches found', 'We found candidates.')`;
      broadcast = (await tx`select count(*)::int as n from realtime.messages where topic = ${`user:${userId}`}`)[0].n;
    });
    expect(broadcast).toBe(1);
    expect(notices.filter((n) => n.severity === "WARNING")).toEqual([]);
  });

  it("are kept ahead by a job (locally a pg_cron job standing in for the Realtime service)", async () => {
    const [local] = await admin`select to_regprocedure('_local.keep_realtime_partitions()') is not null as yes`;
    const jobs = await admin<{ jobid: number; schedule: string; username: string; database: string; active: boolean }[]>`
      select jobid, schedule, username, database, active from cron.job where command = 'select _local.keep_realtime_partitions()'`;
    if (!local.yes) {
      // A real Supabase server: its Realtime service keeps the partitions (checked above), not a job here.
      expect(jobs).toEqual([]);
      return;
    }
    expect(jobs).toEqual([{ jobid: jobs[0]?.jobid, schedule: "* * * * *", username: "supabase_admin", database: "postgres", active: true }]);

    // What the job runs brings back a partition that went missing.
    let restored = false;
    await rolledBack(async (tx) => {
      await tx.unsafe(`drop table realtime.${partition(3)}`);
      await tx.unsafe("select _local.keep_realtime_partitions()");
      restored = (await tx`select to_regclass(${`realtime.${partition(3)}`}) is not null as yes`)[0].yes;
    });
    expect(restored).toBe(true);

    // And pg_cron really runs it (once a minute; the cluster was built minutes ago).
    const cron = postgres(adminDbUrl("postgres"), { max: 1, onnotice: () => {} });
    try {
      let runs = 0;
      for (let i = 0; i < 75 && runs === 0; i++) {
        [{ n: runs }] = await cron<{ n: number }[]>`
          select count(*)::int as n from cron.job_run_details where jobid = ${jobs[0].jobid} and status = 'succeeded'`;
        if (runs === 0) await new Promise((r) => setTimeout(r, 1000));
      }
      expect(runs).toBeGreaterThan(0);
    } finally {
      await cron.end();
    }
  }, 120_000);
});

describe("storage", () => {
  it("refuses a direct DELETE on storage.objects (42501) unless storage.allow_delete_query is set", async () => {
    await expect(sql`delete from storage.objects where bucket_id = 'work-submissions'`).rejects.toMatchObject({
      code: "42501",
      message: "Direct deletion from storage tables is not allowed. Use the Storage API instead.",
    });
    const n = await sql.begin(async (tx) => {
      await tx`select set_config('storage.allow_delete_query', 'true', true)`;
      return (await tx`delete from storage.objects where bucket_id = 'no-such-bucket'`).count;
    });
    expect(n).toBe(0);
  });
});

describe("npm run doctor", () => {
  const doctor = () =>
    spawnSync(process.execPath, [path.join(root, "scripts/doctor.mjs")], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: testDbUrl() },
    });

  it("says nothing is missing", () => {
    const r = doctor();
    expect(r.stdout).toContain("nothing is missing");
    expect(r.status).toBe(0);
  });

  it("names what is missing and fails", async () => {
    await sql`select cron.unschedule('people-purge-rate-limits')`;
    await sql`alter role authenticator reset pgrst.db_pre_request`;
    try {
      const r = doctor();
      expect(r.status).toBe(1);
      expect(r.stdout).toContain("2 missing:");
      expect(r.stdout).toContain("job people-purge-rate-limits (select private.purge_rate_limits())");
      expect(r.stdout).toContain("authenticator setting pgrst.db_pre_request = public.check_request");
    } finally {
      await sql`select cron.schedule('people-purge-rate-limits', '*/10 * * * *', 'select private.purge_rate_limits()')`;
      await sql`alter role authenticator set pgrst.db_pre_request = 'public.check_request'`;
    }
    expect(doctor().status).toBe(0);
  });
});
