// Postgres access for Edge Functions: postgres.js + Kysely typed by the generated types/db.ts.
// Work done on a user's behalf runs as PostgREST runs it: inside a transaction, with the JWT's role
// switched to locally and the claims in request.jwt.claims, so RLS and grants apply unchanged.
import { Kysely, sql, type Transaction } from "kysely";
import { PostgresJSDialect } from "kysely-postgres-js";
import postgres from "postgres";
import type { DB } from "../../types/db.ts";
import type { Claims } from "./auth.ts";

export type Database = Kysely<DB>;
export type Tx = Transaction<DB>;

export type Db = {
  sql: postgres.Sql;
  db: Database;
  close: () => Promise<void>;
};

export function connect(url: string, max = 5): Db {
  const client = postgres(url, {
    max,
    idle_timeout: 20,
    connect_timeout: 10,
    prepare: false, // works behind Supavisor's transaction pooler too
    onnotice: () => {},
    connection: { application_name: "people-edge-functions" },
  });
  const db = new Kysely<DB>({ dialect: new PostgresJSDialect({ postgres: client }) });
  return { sql: client, db, close: () => db.destroy() };
}

export type RequestContext = { method?: string; path?: string; headers?: Record<string, string> };

/**
 * Runs `work` in one transaction as the caller, exactly as PostgREST would: role from the claims
 * (anon / authenticated / service_role) and request.jwt.claims set transaction-locally.
 */
export function asCaller<T>(db: Database, claims: Claims, work: (tx: Tx) => Promise<T>, ctx: RequestContext = {}): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('role', ${claims.role}, true),
                     set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
                     set_config('request.method', ${ctx.method ?? "POST"}, true),
                     set_config('request.path', ${ctx.path ?? ""}, true),
                     set_config('request.headers', ${JSON.stringify(ctx.headers ?? {})}, true)`.execute(tx);
    return work(tx);
  });
}
