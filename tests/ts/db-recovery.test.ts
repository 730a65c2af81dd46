// The Edge Functions' pool (functions/_shared/db.ts) after the server cut one of its connections
// (pg_terminate_backend here; a restart, in tests/money/postgres-crash.test.ts): the statement in
// flight fails, and the next ones work on the same pool, even with one connection that must be
// reconnected (postgres.js 3.4.9 alone hangs there: porsager/postgres#1199).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type postgres from "postgres";
import { connect, isConnectionLost } from "../../functions/_shared/db.ts";
import { connectTestDb } from "./support.ts";

const APP = "people-db-recovery-test";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const settled = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p.then((v) => ({ v }), (err: Error) => ({ err })), sleep(ms).then(() => ({ hung: true as const }))]);

let admin: postgres.Sql;
beforeAll(() => {
  admin = connectTestDb(1);
});
afterAll(async () => {
  await admin.end({ timeout: 5 });
});

/** Terminates the backend running the statement tagged `marker` once it shows up. */
async function cut(marker: string) {
  for (let i = 0; i < 200; i++) {
    const [{ n }] = await admin<{ n: number }[]>`
      select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where application_name = ${APP} and query like ${`%${marker}%`} and pid <> pg_backend_pid()`;
    if (n) return;
    await sleep(20);
  }
  throw new Error(`no backend ran ${marker}`);
}

async function nextQueries(db: ReturnType<typeof connect>["db"]) {
  const out: unknown[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await settled(sql<{ n: number }>`select ${i}::int as n`.execute(db), 5_000);
    out.push("v" in r ? r.v.rows[0].n : "err" in r ? `failed: ${r.err.message}` : "never settled");
  }
  return out;
}

describe("the Edge Functions' pool when the server cuts a connection", () => {
  it("a query in flight fails; the next queries on the pool work", async () => {
    const pool = connect(process.env.TEST_DATABASE_URL!, 1, APP);
    try {
      const marker = `recovery-query-${Date.now()}`;
      const before = pool.sql;
      const inflight = settled(sql.raw(`select pg_sleep(20) /* ${marker} */`).execute(pool.db), 10_000);
      await cut(marker);
      expect(await inflight).toHaveProperty("err");
      expect(pool.sql).not.toBe(before); // the client that lost a connection was retired
      expect(await nextQueries(pool.db)).toEqual([0, 1, 2]);
    } finally {
      await pool.close();
    }
  });

  it("a transaction in flight fails at once (no ROLLBACK sent on the dead connection); the next ones work", async () => {
    const pool = connect(process.env.TEST_DATABASE_URL!, 1, APP);
    try {
      const marker = `recovery-tx-${Date.now()}`;
      const inflight = settled(
        pool.db.transaction().execute(async (tx) => {
          await sql`select 1`.execute(tx);
          await sql.raw(`select pg_sleep(20) /* ${marker} */`).execute(tx);
        }),
        10_000,
      );
      await cut(marker);
      const r = await inflight;
      expect(r).toHaveProperty("err");
      expect(isConnectionLost("err" in r ? r.err : null)).toBe(true);
      expect(await nextQueries(pool.db)).toEqual([0, 1, 2]);
      // and a transaction commits again
      expect(await pool.db.transaction().execute(async (tx) => (await sql<{ ok: boolean }>`select true as ok`.execute(tx)).rows))
        .toEqual([{ ok: true }]);
    } finally {
      await pool.close();
    }
  });

  it("tells a lost connection from an error of the statement", () => {
    for (const code of ["CONNECTION_CLOSED", "CONNECTION_DESTROYED", "ECONNRESET", "EPIPE", "57P01", "57P02", "57P03", "08006"]) {
      expect(isConnectionLost(Object.assign(new Error(code), { code }))).toBe(true);
    }
    for (const code of ["57014", "40001", "40P01", "23505", "P0001", "UNSAFE_TRANSACTION", undefined]) {
      expect(isConnectionLost(Object.assign(new Error("x"), { code }))).toBe(false);
    }
    expect(isConnectionLost(null)).toBe(false);
  });
});
