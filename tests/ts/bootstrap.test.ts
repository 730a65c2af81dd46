// The local bootstrap is idempotent and never touches a real Supabase database.
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

const psqlFile = (url: string) =>
  spawnSync("psql", [url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", bootstrap], { encoding: "utf8" });

describe("sql/bootstrap.sql", () => {
  it("runs again on a database it made without changing what exists", async () => {
    const before = await sql`select count(*)::int as n from auth.users`;
    const r = psqlFile(testDbUrl());
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect((await sql`select count(*)::int as n from auth.users`)[0].n).toBe(before[0].n);
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
