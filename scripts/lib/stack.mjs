// The local Supabase-compatible stack without Docker: a real PostgreSQL 15 cluster run as the
// `postgres` OS user, the bootstrap in sql/, the migrations applied by the real Supabase CLI.
// Every entry point honours DATABASE_URL: when it is set nothing is started and that server is used.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const LOCAL = path.join(ROOT, ".local");
export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";
export const BIN = path.join(ROOT, "node_modules/.bin");

export const APT_PACKAGES = [
  "postgresql-15",
  "postgresql-15-pgtap",
  "postgresql-15-plpgsql-check",
  "postgresql-15-cron",
  "libtap-parser-sourcehandler-pgtap-perl",
];

// One cluster for development, another (thrown away on every run) for the tests.
export const CLUSTERS = {
  // DEV_DB_PORT / DEV_DB_DIR: another development cluster (the first-run test uses its own, on a free port).
  dev: {
    name: "dev",
    port: Number(process.env.DEV_DB_PORT ?? 54322),
    dataDir: path.resolve(ROOT, process.env.DEV_DB_DIR ?? ".local/db"),
    runDir: path.resolve(ROOT, process.env.DEV_DB_DIR ? `${process.env.DEV_DB_DIR}-run` : ".local/run"),
  },
  // The test cluster also preloads plpgsql_check with its profiler on: every PL/pgSQL statement the
  // tests run is counted, server-wide, for the statement coverage npm test reports.
  // TEST_DB_PORT: another test cluster, in its own directory (two test runs never share one).
  test: {
    name: "test",
    port: Number(process.env.TEST_DB_PORT ?? 54339),
    dataDir: path.join(LOCAL, process.env.TEST_DB_PORT ? `test-db-${process.env.TEST_DB_PORT}` : "test-db"),
    runDir: path.join(LOCAL, process.env.TEST_DB_PORT ? `test-run-${process.env.TEST_DB_PORT}` : "test-run"),
    extraConf: ["shared_preload_libraries = 'pg_cron, auto_explain, plpgsql_check'", "plpgsql_check.profiler = on"],
  },
};

export const LOCAL_PASSWORD = "postgres";
// As on a hosted project, the cluster superuser is supabase_admin (the local cluster's initdb user);
// `postgres`, which migrations, tests and users connect as, is not a superuser (sql/bootstrap.sql).
export const ADMIN_ROLE = "supabase_admin";
// Written into a cluster's data folder by initCluster: the cluster was made with supabase_admin as its superuser.
const LAYOUT_MARKER = "people-cluster-layout";
const LAYOUT = "2: superuser supabase_admin, postgres is not a superuser";

export function clusterUrl(cluster, database = "postgres") {
  return `postgresql://postgres:${LOCAL_PASSWORD}@127.0.0.1:${cluster.port}/${database}`;
}

/**
 * The superuser's URL on the same server as `url` (same database unless given): the local clusters'
 * supabase_admin, or `npx supabase start`'s (whose password is the database password, "postgres").
 * SUPABASE_ADMIN_PASSWORD overrides the password.
 */
export function adminUrl(url, database) {
  const u = new URL(url);
  u.username = ADMIN_ROLE;
  u.password = process.env.SUPABASE_ADMIN_PASSWORD ?? (decodeURIComponent(u.password) || LOCAL_PASSWORD);
  if (database) u.pathname = `/${database}`;
  return u.toString();
}

/** The Supabase CLI refuses a server without TLS unless told so. */
export function cliUrl(url) {
  const u = new URL(url);
  if (!u.searchParams.has("sslmode")) u.searchParams.set("sslmode", "disable");
  return u.toString();
}

export function log(msg) {
  process.stderr.write(`\x1b[2m[people]\x1b[0m ${msg}\n`);
}

export function fail(msg) {
  process.stderr.write(`\x1b[31m[people] ${msg}\x1b[0m\n`);
  process.exit(1);
}

/** An error a script reports as one line: what failed and what to do about it. */
export class StackError extends Error {
  constructor(message, hint = "") {
    super(message);
    this.hint = hint;
  }
}

/** The one line that says what went wrong in a failed command's output (psql's ERROR, else the last line). */
export function firstError(output) {
  const lines = String(output ?? "").split("\n").map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /\bERROR:|^error[: ]|FATAL:/i.test(l)) ?? lines.at(-1) ?? "";
}

/** One line for any error: a StackError's message and hint, or a failed command's first error. */
export function describeError(err) {
  if (err instanceof StackError) return err.hint ? `${err.message}; ${err.hint}` : err.message;
  if (err?.command) return `${err.command} failed: ${firstError(err.output)}`;
  return err instanceof Error ? err.message : String(err);
}

/**
 * Runs a script's body; any error ends it with one red line (what failed, what to do) and exit code 1.
 * PEOPLE_DEBUG=1 prints the whole error too.
 */
export async function main(body) {
  try {
    await body();
  } catch (err) {
    if (process.env.PEOPLE_DEBUG) console.error(err);
    fail(describeError(err));
  }
}

/** Run a command, inherit output unless quiet; throw with its output when it fails. */
export function run(cmd, args, opts = {}) {
  const { quiet = false, env, input, cwd = ROOT, allowFail = false } = opts;
  const r = spawnSync(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    input,
    encoding: "utf8",
    stdio: quiet || input !== undefined ? ["pipe", "pipe", "pipe"] : "inherit",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  if (r.status !== 0 && !allowFail) {
    const out = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim();
    const err = new Error(`${cmd} ${args.join(" ")} exited ${r.status}${out ? `:\n${out}` : ""}`);
    err.command = path.basename(cmd);
    err.output = out;
    throw err;
  }
  return r;
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** Postgres refuses to run as root: run server binaries as the `postgres` OS user when we are root. */
function runAsPostgres(bin, args, opts = {}) {
  const exe = path.join(PG_BIN, bin);
  return isRoot() ? run("runuser", ["-u", "postgres", "--", exe, ...args], opts) : run(exe, args, opts);
}

function ownDir(dir) {
  fs.mkdirSync(LOCAL, { recursive: true, mode: 0o755 });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (isRoot()) run("chown", ["-R", "postgres:postgres", dir], { quiet: true });
}

// ---------------------------------------------------------------------------------------------
// Installing what a fresh machine lacks
// ---------------------------------------------------------------------------------------------

function missingApt() {
  const checks = [
    ["postgresql-15", path.join(PG_BIN, "postgres")],
    ["postgresql-15-pgtap", "/usr/share/postgresql/15/extension/pgtap.control"],
    ["postgresql-15-plpgsql-check", "/usr/share/postgresql/15/extension/plpgsql_check.control"],
    ["postgresql-15-cron", "/usr/share/postgresql/15/extension/pg_cron.control"],
    ["libtap-parser-sourcehandler-pgtap-perl", "/usr/bin/pg_prove"],
    ["pgbouncer", "/usr/sbin/pgbouncer"], // the load test's pooler (bench/loadtest.mjs)
  ];
  return checks.filter(([, file]) => !fs.existsSync(file)).map(([pkg]) => pkg);
}

export function ensureInstalled({ needPostgres = true } = {}) {
  const missing = needPostgres ? missingApt() : [];
  if (missing.length) {
    log(`installing apt packages: ${missing.join(" ")}`);
    const sudo = isRoot() ? [] : ["sudo"];
    const apt = (args) =>
      run(sudo[0] ?? "apt-get", sudo.length ? ["apt-get", ...args] : args, {
        env: { DEBIAN_FRONTEND: "noninteractive" },
        allowFail: true,
      }).status === 0;
    if (!apt(["install", "-y", "--no-install-recommends", ...missing])) {
      apt(["update"]);
      if (!apt(["install", "-y", "--no-install-recommends", ...missing])) {
        fail(`could not install ${missing.join(" ")} with apt-get; install them and run again`);
      }
    }
  }
  if (!fs.existsSync(path.join(BIN, "supabase")) || !fs.existsSync(path.join(BIN, "deno"))) {
    log("installing npm packages (npm ci)");
    run("npm", ["ci", "--no-audit", "--no-fund"]);
  }
}

// ---------------------------------------------------------------------------------------------
// The PostgreSQL cluster
// ---------------------------------------------------------------------------------------------

export function portOpen(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

function clusterRunning(cluster) {
  if (!fs.existsSync(path.join(cluster.dataDir, "PG_VERSION"))) return false;
  return runAsPostgres("pg_ctl", ["status", "-D", cluster.dataDir], { quiet: true, allowFail: true }).status === 0;
}

function initCluster(cluster) {
  log(`creating a PostgreSQL 15 cluster in ${path.relative(ROOT, cluster.dataDir)}`);
  fs.rmSync(cluster.dataDir, { recursive: true, force: true });
  ownDir(cluster.dataDir);
  ownDir(cluster.runDir);
  const pwfile = path.join(cluster.runDir, "pwfile");
  fs.writeFileSync(pwfile, `${LOCAL_PASSWORD}\n`);
  if (isRoot()) run("chown", ["postgres:postgres", pwfile]);
  runAsPostgres(
    "initdb",
    ["-D", cluster.dataDir, "-U", ADMIN_ROLE, `--pwfile=${pwfile}`, "--auth-local=trust", "--auth-host=scram-sha-256",
      "--encoding=UTF8", "--locale=C.UTF-8"],
    { quiet: true },
  );
  fs.rmSync(pwfile);
  fs.writeFileSync(path.join(cluster.dataDir, LAYOUT_MARKER), `${LAYOUT}\n`);
  // Settings Supabase's images have (pg_cron preloaded for the postgres database, auto_explain
  // preloaded, logical WAL, UTC) plus what the benchmarks need; appended to the cluster's own config.
  // pg_cron runs its jobs over the unix socket (trust), as Supabase's image does over its local socket.
  const conf = [
    "",
    "# --- PEOPLE local stack ---",
    "listen_addresses = '127.0.0.1'",
    `port = ${cluster.port}`,
    `unix_socket_directories = '${cluster.runDir}'`,
    "shared_preload_libraries = 'pg_cron, auto_explain'",
    "cron.database_name = 'postgres'",
    `cron.host = '${cluster.runDir}'`,
    "timezone = 'UTC'",
    "max_connections = 200",
    "shared_buffers = 512MB",
    "wal_level = logical",
    "log_min_messages = warning",
    "log_statement = 'none'",
    ...(cluster.extraConf ?? []),
    "",
  ].join("\n");
  fs.appendFileSync(path.join(cluster.dataDir, "postgresql.conf"), conf);
}

/** Start the cluster if it is not running; returns true when this call started it. */
export async function startCluster(cluster, { fresh = false } = {}) {
  if (fresh && clusterRunning(cluster)) stopCluster(cluster);
  if (fresh || !fs.existsSync(path.join(cluster.dataDir, "PG_VERSION"))) initCluster(cluster);
  if (!fs.existsSync(path.join(cluster.dataDir, LAYOUT_MARKER))) {
    throw new StackError(
      `${path.relative(ROOT, cluster.dataDir)} was created when postgres was the local superuser (local clusters now reproduce ` +
        "a hosted project: the superuser is supabase_admin)",
      `remove it (rm -rf ${path.relative(ROOT, cluster.dataDir)}) and run the command again: it is recreated (npm run db:reset rebuilds its contents)`,
    );
  }
  if (clusterRunning(cluster)) return false;
  if (await portOpen(cluster.port)) {
    throw new StackError(`port ${cluster.port} is taken by another program`, "stop it, or set DATABASE_URL to use that server");
  }
  ownDir(cluster.runDir);
  const logFile = path.join(cluster.runDir, "postgres.log");
  if (isRoot()) {
    fs.writeFileSync(logFile, "");
    run("chown", ["postgres:postgres", logFile]);
  }
  try {
    runAsPostgres("pg_ctl", ["start", "-w", "-t", "60", "-D", cluster.dataDir, "-l", logFile], { quiet: true });
  } catch (e) {
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "";
    throw new StackError(`PostgreSQL did not start (${firstError(tail || e.output)})`, `its log is ${path.relative(ROOT, logFile)}`);
  }
  return true;
}

export function stopCluster(cluster) {
  if (!clusterRunning(cluster)) return false;
  runAsPostgres("pg_ctl", ["stop", "-w", "-m", "fast", "-D", cluster.dataDir], { quiet: true });
  return true;
}

export function destroyCluster(cluster) {
  stopCluster(cluster);
  fs.rmSync(cluster.dataDir, { recursive: true, force: true });
  fs.rmSync(cluster.runDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// SQL and the database's contents
// ---------------------------------------------------------------------------------------------

export function psql(url, args, opts = {}) {
  return run("psql", [url, "-X", "-q", "-v", "ON_ERROR_STOP=1", ...args], { quiet: true, ...opts });
}

export function query(url, sql) {
  return psql(url, ["-At", "-c", sql]).stdout.trim();
}

/**
 * A URL that can log in to `url`'s server: `url` itself, or (a fresh local cluster, where the bootstrap
 * has not created the postgres role yet) the same database as supabase_admin.
 */
export function loginUrl(url) {
  return psql(url, ["-c", "select 1"], { allowFail: true }).status === 0 ? url : adminUrl(url);
}

/** True when the database is a real Supabase one (its auth schema was made by Supabase Auth, not by sql/). */
export function isRealSupabase(url) {
  return (
    query(
      loginUrl(url),
      `select exists (select from pg_namespace where nspname = 'auth'
         and coalesce(obj_description(oid, 'pg_namespace'), '') <> 'people-local-bootstrap')`,
    ) === "t"
  );
}

export function applyBootstrap(url) {
  if (isRealSupabase(url)) {
    log("real Supabase database: bootstrap skipped");
    return;
  }
  // As on hosted, what Supabase provides is made by the cluster superuser; everything after it
  // (migrations, seed, tests) runs as the non-superuser postgres.
  log("applying the local Supabase bootstrap (sql/bootstrap.sql) as supabase_admin");
  psql(adminUrl(url), ["-f", path.join(ROOT, "sql/bootstrap.sql")]);
}

/** Migrations run as postgres, not a superuser, exactly as `supabase db push` runs them on a hosted project. */
export function applyMigrations(url) {
  log("applying migrations with the Supabase CLI (supabase migration up) as postgres");
  run(path.join(BIN, "supabase"), ["migration", "up", "--include-all", "--db-url", cliUrl(url)], { quiet: true });
}

export function applySeed(url) {
  const seed = path.join(ROOT, "supabase/seed.sql");
  if (!fs.existsSync(seed)) return;
  log("applying supabase/seed.sql");
  try {
    psql(url, ["-f", seed]);
  } catch (err) {
    // psql names the file and line: "psql:/path/supabase/seed.sql:879: ERROR: ..."
    const line = firstError(err.output).replace(/^psql:.*?seed\.sql:(\d+):\s*/, "line $1: ");
    throw new StackError(`supabase/seed.sql failed (${line})`,
      "nothing of it was kept; fix the seed, then run npm run db:seed (or npm run db:reset to rebuild everything)");
  }
}

/** True once the seed (or anyone) has put users in the database: the seed starts with them. */
export function isSeeded(url) {
  return query(url, "select exists (select from auth.users)") === "t";
}

/** A database on this machine (only those are seeded without being asked). */
export function isLoopback(url) {
  return ["127.0.0.1", "localhost", "[::1]", "::1", ""].includes(new URL(url).hostname);
}

// pg_cron lives in one database per server (cron.database_name: `postgres`, locally and on Supabase), and
// the migrations enable it there as on hosted. So `postgres` is the only database migrations can be
// applied to from nothing; any other (people_test on a shared server, the benchmark's) is made as a
// copy of the server's postgres database, emptied of the project (sql/reset-copy.sql), then migrated.
export const CRON_DATABASE = "postgres";

export function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || "postgres";
}

const ident = (name) => `"${name.replaceAll('"', '""')}"`;

function maintenance(url) {
  const name = databaseName(url);
  const maint = new URL(url);
  maint.pathname = name === "template1" ? "/postgres" : "/template1";
  return { name, maint };
}

export function databaseExists(url) {
  const { name, maint } = maintenance(url);
  return query(loginUrl(maint.toString()), `select exists (select from pg_database where datname = '${name.replaceAll("'", "''")}')`) === "t";
}

/** Drop and recreate a database on the server of `url` (as supabase_admin, from template1). */
export function recreateDatabase(url) {
  const name = databaseName(url);
  const admin = adminUrl(url, "template1");
  psql(admin, ["-c", `drop database if exists ${ident(name)} with (force)`]);
  psql(admin, ["-c", `create database ${ident(name)}`]);
}

/**
 * Makes `url`'s database a copy of the server's postgres database: Supabase's own auth, storage and
 * realtime (on a real Supabase server, as its services made them; locally, as sql/bootstrap.sql made
 * them), pg_cron included. CREATE DATABASE ... TEMPLATE needs the template to have no sessions, so for
 * a moment postgres accepts no connections and its sessions are ended (Supabase's services reconnect by
 * themselves; pg_cron's scheduler does not: see ensureCronScheduler). No prompt: this runs unattended.
 */
export function copyPostgresDatabase(url) {
  const name = databaseName(url);
  if (name === CRON_DATABASE) throw new Error("copyPostgresDatabase: the copy cannot be the postgres database itself");
  const admin = adminUrl(url, "template1");
  psql(admin, ["-c", `drop database if exists ${ident(name)} with (force)`]);
  psql(admin, ["-c", "alter database postgres with allow_connections false"]);
  try {
    for (let attempt = 1; ; attempt++) {
      psql(admin, ["-c", "select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = 'postgres' and pid <> pg_backend_pid()"]);
      const r = psql(admin, ["-c", `create database ${ident(name)} with template postgres owner postgres`], { allowFail: true });
      if (r.status === 0) break;
      if (attempt >= 5 || !/being accessed by other users/.test(r.stderr)) {
        throw new Error(`could not copy the postgres database into ${name}:\n${r.stderr}`);
      }
    }
  } finally {
    psql(admin, ["-c", "alter database postgres with allow_connections true"]);
  }
}

/**
 * pg_cron's scheduler is a background worker connected to the postgres database; dropping that database
 * or copying it ends the worker, and PostgreSQL does not start it again (it exits cleanly). A server on
 * this machine (a local cluster) is restarted so that the scheduler runs again; on any other server (e.g.
 * `npx supabase start`) we say so loudly: its cron jobs stay stopped until it is restarted.
 */
export function ensureCronScheduler(url) {
  const admin = adminUrl(url, CRON_DATABASE);
  if (query(admin, "select to_regclass('cron.job') is null") === "t") return;
  const running = () =>
    query(admin, "select count(*) from pg_stat_activity where backend_type = 'pg_cron launcher' or application_name = 'pg_cron scheduler'") !== "0";
  if (running()) return;
  const dataDir = query(admin, "show data_directory");
  if (fs.existsSync(path.join(dataDir, "PG_VERSION")) && !isRealSupabase(admin)) {
    log("pg_cron's scheduler stopped (the postgres database was recreated or copied): restarting the local server");
    runAsPostgres("pg_ctl", ["restart", "-w", "-t", "60", "-m", "fast", "-D", dataDir, "-l", path.join(dataDir, "restart.log")], { quiet: true });
    if (running()) return;
  }
  process.stderr.write(
    "\x1b[33m[people] pg_cron's scheduler on this server stopped (the postgres database was copied): its cron jobs " +
      "do not run until the server restarts (npx supabase stop && npx supabase start)\x1b[0m\n",
  );
}

/** Drop the database of `url` (if it exists), from another database of its server. */
export function dropDatabase(url) {
  const { name, maint } = maintenance(url);
  psql(maint.toString(), ["-c", `drop database if exists "${name.replaceAll('"', '""')}" with (force)`]);
}

/** Rebuild a database from nothing: bootstrap + migrations (+ seed). */
export function rebuild(url, { seed = true } = {}) {
  const name = databaseName(url);
  if (name !== CRON_DATABASE) {
    const base = new URL(url);
    base.pathname = `/${CRON_DATABASE}`;
    // A server nobody built yet (a fresh local cluster): its postgres database gets the bootstrap first.
    if (query(loginUrl(base.toString()), "select to_regnamespace('auth') is null") === "t") applyBootstrap(base.toString());
    // On a real Supabase server the copy takes pg_cron from postgres, where the migrations need it: enable
    // it there as a hosted project does (postgres may, through supautils). Plain servers have it from the bootstrap.
    else if (isRealSupabase(base.toString())) {
      log("enabling pg_cron in the server's postgres database (the migrations need it; hosted: Database -> Extensions)");
      psql(base.toString(), ["-c", "create extension if not exists pg_cron with schema pg_catalog"]);
    }
    log(`building ${name} as a copy of the server's postgres database, emptied of the project`);
    copyPostgresDatabase(url);
    ensureCronScheduler(url);
    psql(adminUrl(url), ["-f", path.join(ROOT, "sql/reset-copy.sql")]);
    applyMigrations(url);
    if (seed) applySeed(url);
    return;
  }
  if (databaseExists(url) && isRealSupabase(url)) {
    log("real Supabase database: supabase db reset --db-url");
    run(path.join(BIN, "supabase"), ["db", "reset", "--db-url", cliUrl(url), ...(seed ? [] : ["--no-seed"])]);
    return;
  }
  recreateDatabase(url);
  applyBootstrap(url);
  ensureCronScheduler(url);
  applyMigrations(url);
  if (seed) applySeed(url);
}

/**
 * Bring a database up to date without losing data: bootstrap (idempotent) + pending migrations; then,
 * with `seedWhenEmpty`, the seed on a local database that has none yet (its first run, or a first run
 * that failed after the migrations). Returns what it did: { seeded, empty }.
 */
export function update(url, { seedWhenEmpty = true } = {}) {
  applyBootstrap(url);
  applyMigrations(url);
  if (isSeeded(url)) return { seeded: false, empty: false };
  if (seedWhenEmpty && isLoopback(url)) {
    log("the database has no users yet: seeding it");
    applySeed(url);
    return { seeded: true, empty: false };
  }
  return { seeded: false, empty: true };
}

// ---------------------------------------------------------------------------------------------
// Choosing the database
// ---------------------------------------------------------------------------------------------

/** The development database: DATABASE_URL when set, else the local dev cluster (started if needed). */
export async function devDatabase() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, external: true, started: false };
  ensureInstalled();
  const started = await startCluster(CLUSTERS.dev);
  return { url: clusterUrl(CLUSTERS.dev), external: false, started };
}

export function spawnLogged(cmd, args, opts = {}) {
  return spawn(cmd, args, { cwd: ROOT, stdio: "inherit", ...opts, env: { ...process.env, ...opts.env } });
}
