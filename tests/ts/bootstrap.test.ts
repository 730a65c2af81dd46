// The local bootstrap is idempotent and never touches a real Supabase database. It runs as the cluster
// superuser (supabase_admin), as on hosted Supabase's own setup; the tests otherwise run as postgres.
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { connectTestDb, testDbUrl } from "./support.ts";

const root = path.resolve(import.meta.dirname, "../..");
const bootstrap = path.join(root, "sql/bootstrap.sql");
const sql = connectTestDb();
const guardDb = "people_test_guard";
afterAll(async () => {
  await sql.unsafe(`drop database if exists ${guardDb} with (force)`);
  await sql.end();
});

/** The superuser's URL for a database of the test server (npm test passes TEST_ADMIN_DATABASE_URL). */
function asAdmin(url: string): string {
  const admin = new URL(process.env.TEST_ADMIN_DATABASE_URL ?? "");
  const u = new URL(url);
  u.username = admin.username;
  u.password = admin.password;
  return u.toString();
}

const psqlFile = (url: string) =>
  spawnSync("psql", [asAdmin(url), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", bootstrap], { encoding: "utf8" });

describe("sql/bootstrap.sql", () => {
  it("runs again on a database it made without changing what exists (and refuses a real Supabase one)", async () => {
    const [{ real }] = await sql`select coalesce(obj_description('auth'::regnamespace, 'pg_namespace'), '') <> 'people-local-bootstrap' as real`;
    const before = await sql`select count(*)::int as n from auth.users`;
    const r = psqlFile(testDbUrl());
    if (real) {
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain("already has Supabase's own auth schema");
    } else {
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
    }
    expect((await sql`select count(*)::int as n from auth.users`)[0].n).toBe(before[0].n);
  });

  it("refuses to run as anyone but the cluster superuser", () => {
    const r = spawnSync("psql", [testDbUrl(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", bootstrap], { encoding: "utf8" });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("run sql/bootstrap.sql as supabase_admin");
  });

  it("refuses a database whose auth schema Supabase made", async () => {
    await sql.unsafe(`drop database if exists ${guardDb} with (force)`);
    await sql.unsafe(`create database ${guardDb}`);
    const url = new URL(testDbUrl());
    url.pathname = `/${guardDb}`;
    const other = (await import("postgres")).default(url.toString(), { max: 1, onnotice: () => {} });
    try {
      await other`create schema auth`;
      await other`create table auth.users (id uuid primary key)`;
      const r = psqlFile(url.toString());
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain("already has Supabase's own auth schema");
      const roles = await other`select count(*)::int as n from pg_namespace where nspname in ('storage', 'realtime')`;
      expect(roles[0].n).toBe(0);
    } finally {
      await other.end();
    }
  });
});
