// Shared benchmark helpers: the benchmark database, connections, timing and statistics.
import postgres from "postgres";
import { devDatabase, log, loginUrl, psql, rebuild } from "../../scripts/lib/stack.mjs";

/** The benchmark database: BENCH_DB_NAME (default people_bench) on the development server. */
export async function benchDatabaseUrl() {
  const { url } = await devDatabase();
  const u = new URL(url);
  u.pathname = `/${process.env.BENCH_DB_NAME ?? "people_bench"}`;
  return u.toString();
}

/**
 * The server's maintenance database (postgres) as a role that can log in: on a cluster the bench
 * creates from nothing the bootstrap has not made the postgres role yet, so its superuser.
 */
export function maintenanceUrl(url) {
  const maint = new URL(url);
  maint.pathname = "/postgres";
  return loginUrl(maint.toString());
}

/** Drops and rebuilds the benchmark database: bootstrap + migrations, no seed. */
export function buildDatabase(url) {
  rebuild(url, { seed: false });
}

/** Drops the benchmark database. */
export function dropDatabase(url) {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  psql(maintenanceUrl(url), ["-c", `drop database if exists "${name.replaceAll('"', '""')}" with (force)`]);
}

export { log };

/** A postgres.js client with one connection (session state such as temp tables persists). */
export function connect(url, options = {}) {
  return postgres(url, {
    max: 1,
    onnotice: () => {},
    prepare: true,
    connection: { application_name: "people-bench" },
    ...options,
  });
}

// JSON response bodies stay text, as PostgREST passes them through (parsed only to compare results).
const RAW_JSON = { rawjson: { to: 114, from: [114], serialize: (x) => JSON.stringify(x), parse: (x) => x } };

/**
 * Connections for Data API requests. mode "rls": logs in as `authenticator` (PostgREST's login role;
 * the local bootstrap's password is "postgres") when it can, else as the URL's user; each request
 * switches to `authenticated`. mode "owner": the URL's user (postgres, the tables' owner: RLS
 * bypassed).
 */
export async function apiConnect(url, mode, options = {}) {
  const base = { prepare: true, types: RAW_JSON, connection: { application_name: `people-bench-${mode}` }, onnotice: () => {}, ...options };
  if (mode === "rls" && !process.env.BENCH_NO_AUTHENTICATOR) {
    const u = new URL(url);
    u.username = "authenticator";
    u.password = process.env.BENCH_AUTHENTICATOR_PASSWORD ?? "postgres";
    const sql = postgres(u.toString(), base);
    try {
      await sql`select 1`;
      return { sql, login: "authenticator" };
    } catch {
      await sql.end({ timeout: 1 });
    }
  }
  // The owner gets the same statement_timeout as PostgREST's login role (Supabase: 8s), so that
  // both modes give up on a query at the same point.
  const probe = postgres(url, { max: 1, onnotice: () => {} });
  let timeout = "0";
  try {
    const [r] = await probe`
      select coalesce((select split_part(c, '=', 2) from pg_db_role_setting s, unnest(s.setconfig) c
                       where s.setrole = (select oid from pg_roles where rolname = 'authenticator') and s.setdatabase = 0
                         and c like 'statement_timeout=%'), '0') as t`;
    timeout = r.t;
  } finally {
    await probe.end();
  }
  const sql = postgres(url, { ...base, connection: { ...base.connection, statement_timeout: timeout } });
  return { sql, login: new URL(url).username || "postgres", statement_timeout: timeout };
}

/** The one statement PostgREST runs first in every request's transaction (role + claims). */
export const SET_CLAIMS = {
  rls: "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
  owner: "select set_config('role', current_user, true), set_config('request.jwt.claims', $1, true)",
};
/** The same with the rest of what PostgREST sets before its pre-request hook: method, path, headers. */
export const SET_REQUEST =
  "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true), " +
  "set_config('request.method', $2, true), set_config('request.path', $3, true), set_config('request.headers', $4, true), " +
  "set_config('request.cookies', '{}', true)";

/**
 * The request context PostgREST sets for a call (`context`: { method, path, ip }): the headers as the
 * API gateway forwards them (x-forwarded-for carries the client's address, which the pre-request hook
 * rate-limits).
 */
export function requestContext({ method = "GET", path = "/", ip = "203.0.113.1" } = {}) {
  return [method, path, JSON.stringify({ "x-forwarded-for": ip, accept: "application/json", "user-agent": "people-bench", host: "127.0.0.1:54321" })];
}

/**
 * One request, PostgREST style: a transaction (read only for reads), the role + claims statement,
 * then the query (after the pre-request hook with preRequest). Returns { row, queryMs, requestMs }. prepare: false through a transaction-mode
 * pooler (PgBouncer, Supavisor), where a named prepared statement may land on another server connection.
 */
export async function request(sql, mode, userId, query, args, { readOnly = true, prepare = true, preRequest = false, context = null } = {}) {
  let row;
  let queryMs;
  // simple: false: postgres.js sends a statement without parameters over the simple query protocol
  // (parsed and planned on every call, prepare or not); PostgREST always uses the extended protocol,
  // so a read without filter values (the policy alone filters) is a prepared statement like the rest.
  const opts = { prepare, simple: false };
  const t0 = process.hrtime.bigint();
  await sql.begin(readOnly ? "read only" : "read write", async (tx) => {
    if (context && mode === "rls") await tx.unsafe(SET_REQUEST, [claimsFor(userId), ...requestContext(context)], opts);
    else await tx.unsafe(SET_CLAIMS[mode], [claimsFor(userId)], opts);
    // PostgREST's db-pre-request hook (pgrst.db_pre_request = public.check_request), when asked.
    if (preRequest) await tx.unsafe("select public.check_request()", [], opts);
    const q0 = process.hrtime.bigint();
    [row] = await tx.unsafe(query, args, opts);
    queryMs = msSince(q0);
  });
  return { row, queryMs, requestMs: msSince(t0) };
}

/** Milliseconds since `start` (a process.hrtime.bigint()). */
export function msSince(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs `fn` and returns [result, milliseconds]. */
export async function timed(fn) {
  const t0 = process.hrtime.bigint();
  const result = await fn();
  return [result, msSince(t0)];
}

/** Percentile (nearest rank) of a list of numbers. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** p50 / p95 / p99 / mean / max of a list of milliseconds, rounded to 0.01 ms. */
export function summary(values) {
  const r = (x) => Math.round(x * 100) / 100;
  const mean = values.reduce((a, b) => a + b, 0) / (values.length || 1);
  return {
    n: values.length,
    p50: r(percentile(values, 50)),
    p95: r(percentile(values, 95)),
    p99: r(percentile(values, 99)),
    mean: r(mean),
    max: r(Math.max(...values)),
  };
}

/** A deterministic pseudo-random generator (mulberry32), so runs pick the same missions. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle with the given generator (returns a new array). */
export function shuffle(items, random) {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** The claims Supabase Auth puts in a user's access token (what PostgREST sets per request). */
export function claimsFor(userId) {
  const now = Math.floor(Date.now() / 1000);
  return JSON.stringify({
    iss: "http://127.0.0.1:54321/auth/v1",
    sub: userId,
    aud: "authenticated",
    role: "authenticated",
    exp: now + 3600,
    iat: now,
    aal: "aal1",
    is_anonymous: false,
  });
}
