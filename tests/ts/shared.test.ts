// The Edge Function base in-process: config, handler wrapping, and running work as the caller
// exactly as PostgREST does (role + request.jwt.claims in one transaction).
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { baseConfigSchema, ConfigError, loadConfig } from "../../functions/_shared/config.ts";
import { asCaller, connect } from "../../functions/_shared/db.ts";
import { fromDatabaseError } from "../../functions/_shared/errors.ts";
import { type Deps, wrap } from "../../functions/_shared/handler.ts";
import { handler as health } from "../../functions/health/handler.ts";
import type { Claims } from "../../functions/_shared/auth.ts";
import { connectTestDb, createUser, keys, testDbUrl } from "./support.ts";

const raw = connectTestDb();
const db = connect(testDbUrl(), 2);
afterAll(async () => {
  await db.close();
  await raw.end();
});

async function deps(overrides: Partial<Deps> = {}): Promise<Deps> {
  const k = await keys();
  const config = loadConfig(baseConfigSchema, {
    SUPABASE_URL: "http://127.0.0.1:54321",
    SUPABASE_DB_URL: testDbUrl(),
    SUPABASE_JWT_SECRET: k.jwtSecret,
  });
  return { config, db, now: () => new Date("2026-01-02T03:04:05Z"), ...overrides };
}

describe("loadConfig", () => {
  it("names every missing variable", () => {
    try {
      loadConfig(baseConfigSchema, {});
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).variables.sort()).toEqual(["SUPABASE_DB_URL", "SUPABASE_URL"]);
      expect((err as Error).message).toContain("SUPABASE_URL is not set");
    }
  });

  it("defaults the JWKS to the project's own and the pool size to 5", () => {
    const c = loadConfig(baseConfigSchema, { SUPABASE_URL: "https://abc.supabase.co", SUPABASE_DB_URL: "postgres://x@y/z" });
    expect(c.SUPABASE_JWKS_URL).toBe("https://abc.supabase.co/auth/v1/.well-known/jwks.json");
    expect(c.DB_POOL_SIZE).toBe(5);
    expect(c.SUPABASE_JWT_SECRET).toBeUndefined();
  });
});

describe("asCaller", () => {
  it("runs as the user: role authenticated, auth.uid() from the claims", async () => {
    const id = await createUser(raw, `caller-${Date.now()}@example.com`);
    const claims: Claims = { role: "authenticated", sub: id, email: "caller@example.com" };
    const row = await asCaller(db.db, claims, async (tx) =>
      (await sql<{ role: string; uid: string; jwt_role: string }>`
        select current_user as role, auth.uid()::text as uid, auth.jwt() ->> 'role' as jwt_role`.execute(tx)).rows[0]);
    expect(row).toEqual({ role: "authenticated", uid: id, jwt_role: "authenticated" });
  });

  it("applies grants: a signed-in user cannot read auth.users, and the error maps to 403", async () => {
    const claims: Claims = { role: "authenticated", sub: await createUser(raw, `denied-${Date.now()}@example.com`) };
    const err = await asCaller(db.db, claims, (tx) => sql`select * from auth.users`.execute(tx)).catch((e) => e);
    expect(err.code).toBe("42501");
    expect(fromDatabaseError(err)?.status).toBe(403);
  });

  it("is transaction-local: the role and claims do not leak to the next query", async () => {
    await asCaller(db.db, { role: "anon" }, (tx) => sql`select 1`.execute(tx));
    const after = await sql<{ role: string; claims: string | null }>`
      select current_user as role, nullif(current_setting('request.jwt.claims', true), '') as claims`.execute(db.db);
    expect(after.rows[0]).toEqual({ role: "postgres", claims: null });
  });

  it("rolls back everything when the work fails", async () => {
    const email = `rollback-${Date.now()}@example.com`;
    await expect(
      db.db.transaction().execute(async (tx) => {
        await sql`insert into auth.users (id, email) values (gen_random_uuid(), ${email})`.execute(tx);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect((await raw`select count(*)::int as n from auth.users where email = ${email}`)[0].n).toBe(0);
  });
});

describe("health in-process", () => {
  it("reports the database", async () => {
    const d = await deps();
    const res = await wrap(health, d)(new Request("http://x/health", { headers: { Authorization: `Bearer ${(await keys()).anonKey}` } }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.time).toBe("2026-01-02T03:04:05.000Z");
    expect(body.database.status).toBe("up");
  });

  it("answers 503 in the error shape when the database is down", async () => {
    const down = connect("postgres://postgres:postgres@127.0.0.1:1/postgres", 1);
    try {
      const d = await deps({ db: down });
      const res = await wrap(health, d)(new Request("http://x/health", { headers: { Authorization: `Bearer ${(await keys()).anonKey}` } }));
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: { code: "database_unavailable", message: "The database cannot be reached." } });
    } finally {
      await down.close();
    }
  });
});
