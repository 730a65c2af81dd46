// A throwaway PgBouncer (Debian's apt package) in transaction mode in front of the benchmark
// database, set up as Supabase sets up its pooler: transaction mode, SCRAM for clients and for the
// server, a pool size and a client limit per compute size, no prepared statements for clients
// (the load generator sends unnamed statements only: postgres.js `prepare: false`).
// PgBouncer refuses to run as root: it runs as the `postgres` OS user when we are root, like the
// local PostgreSQL cluster. Stopped by its own pid (pidfile) at the end.
import { execFile, execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { log } from "./db.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

// Supabase's defaults per compute size (supabase/supabase, apps/studio/.../ConnectionPooling.constants.ts,
// POOLING_OPTIMIZATIONS; docs/guides/platform/compute-and-disk: CPU, memory, max connections).
export const COMPUTE = {
  nano: { cpu: "shared", cores: null, memory_gb: 0.5, pool_size: 15, max_clients: 200, max_connections: 60 },
  micro: { cpu: "2-core ARM (shared)", cores: 2, memory_gb: 1, pool_size: 15, max_clients: 200, max_connections: 60 },
  small: { cpu: "2-core ARM (shared)", cores: 2, memory_gb: 2, pool_size: 15, max_clients: 400, max_connections: 90 },
  medium: { cpu: "2-core ARM (shared)", cores: 2, memory_gb: 4, pool_size: 15, max_clients: 600, max_connections: 120 },
  large: { cpu: "2-core ARM (dedicated)", cores: 2, memory_gb: 8, pool_size: 20, max_clients: 800, max_connections: 160 },
  xl: { cpu: "4-core ARM (dedicated)", cores: 4, memory_gb: 16, pool_size: 20, max_clients: 1000, max_connections: 240 },
  "2xl": { cpu: "8-core ARM (dedicated)", cores: 8, memory_gb: 32, pool_size: 25, max_clients: 1500, max_connections: 380 },
  "4xl": { cpu: "16-core ARM (dedicated)", cores: 16, memory_gb: 64, pool_size: 32, max_clients: 3000, max_connections: 480 },
  "8xl": { cpu: "32-core ARM (dedicated)", cores: 32, memory_gb: 128, pool_size: 64, max_clients: 6000, max_connections: 490 },
};

export function pgbouncerBinary() {
  for (const p of [process.env.PGBOUNCER_BIN, "/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"]) if (p && fs.existsSync(p)) return p;
  return null;
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;
const q = (s) => `"${String(s).replaceAll('"', '""')}"`;

/**
 * Starts PgBouncer for `serverUrl` (login role and password from the URL) on `port`. Returns
 * { url (for clients), adminUrl (the console), stop(), dir, settings }.
 */
export async function startPgBouncer(serverUrl, { port, poolSize, maxClients, dir }) {
  const bin = pgbouncerBinary();
  if (!bin) throw new Error("pgbouncer is not installed (apt-get install pgbouncer; .ci/run installs it)");
  const server = new URL(serverUrl);
  const db = decodeURIComponent(server.pathname.slice(1));
  const user = decodeURIComponent(server.username);
  const password = decodeURIComponent(server.password);
  const adminPassword = crypto.randomBytes(12).toString("hex");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const settings = {
    pool_mode: "transaction",
    default_pool_size: poolSize,
    max_client_conn: maxClients + 10,
    reserve_pool_size: 0,
    auth_type: "scram-sha-256",
    query_wait_timeout: 120,
    server_lifetime: 3600,
    server_idle_timeout: 600,
    ignore_startup_parameters: "extra_float_digits,options",
  };
  fs.writeFileSync(path.join(dir, "userlist.txt"), `${q(user)} ${q(password)}\n"pgbouncer_admin" ${q(adminPassword)}\n`, { mode: 0o600 });
  fs.writeFileSync(
    path.join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `${db} = host=${server.hostname} port=${server.port || 5432} dbname=${db}`,
      "",
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      `auth_file = ${path.join(dir, "userlist.txt")}`,
      "admin_users = pgbouncer_admin",
      "stats_users = pgbouncer_admin",
      `logfile = ${path.join(dir, "pgbouncer.log")}`,
      `pidfile = ${path.join(dir, "pgbouncer.pid")}`,
      ...Object.entries(settings).map(([k, v]) => `${k} = ${v}`),
      "",
    ].join("\n"),
  );
  if (isRoot()) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  const args = ["-d", path.join(dir, "pgbouncer.ini")];
  const r = isRoot() ? spawnSync("runuser", ["-u", "postgres", "--", bin, ...args], { encoding: "utf8" }) : spawnSync(bin, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`pgbouncer did not start: ${r.stderr || r.stdout}${readLog(dir)}`);
  const pidFile = path.join(dir, "pgbouncer.pid");
  for (let i = 0; i < 50 && !fs.existsSync(pidFile); i++) await new Promise((res) => setTimeout(res, 100));
  if (!fs.existsSync(pidFile)) throw new Error(`pgbouncer wrote no pidfile${readLog(dir)}`);
  const pid = Number(fs.readFileSync(pidFile, "utf8").trim());
  const client = new URL(serverUrl);
  client.hostname = "127.0.0.1";
  client.port = String(port);
  const admin = new URL(client);
  admin.username = "pgbouncer_admin";
  admin.password = adminPassword;
  admin.pathname = "/pgbouncer";
  log(`  pgbouncer ${version(bin)} (pid ${pid}) on 127.0.0.1:${port}: transaction mode, pool ${poolSize}, max clients ${maxClients}`);
  return {
    url: client.toString(),
    adminUrl: admin.toString(),
    dir,
    pid,
    version: version(bin),
    settings,
    /** Stops this PgBouncer (by its pid) and removes its folder. */
    async stop() {
      try {
        process.kill(pid, "SIGINT");
        for (let i = 0; i < 50; i++) {
          process.kill(pid, 0);
          await new Promise((res) => setTimeout(res, 100));
        }
      } catch {
        /* gone */
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLog(dir) {
  try {
    return `\n${fs.readFileSync(path.join(dir, "pgbouncer.log"), "utf8").split("\n").slice(-10).join("\n")}`;
  } catch {
    return "";
  }
}

function version(bin) {
  try {
    return execFileSync(bin, ["--version"], { encoding: "utf8" }).split("\n")[0].replace(/^PgBouncer\s*/i, "").trim();
  } catch {
    return "?";
  }
}

function showArgs(adminUrl, what) {
  const u = new URL(adminUrl);
  return [
    ["-h", u.hostname, "-p", u.port, "-U", decodeURIComponent(u.username), "-d", "pgbouncer", "-X", "-A", "-F", "\t", "-P", "footer=off", "-c", `SHOW ${what}`],
    { encoding: "utf8", env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) }, cwd: ROOT },
  ];
}

function showRows(stdout) {
  const [head, ...lines] = stdout.trim().split("\n");
  const cols = head.split("\t");
  return lines.filter(Boolean).map((l) => Object.fromEntries(l.split("\t").map((v, i) => [cols[i], /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v])));
}

/** SHOW <what> on the console (simple protocol only: psql), as rows of objects. Blocks the event loop: between steps only. */
export function show(adminUrl, what) {
  const [args, options] = showArgs(adminUrl, what);
  const r = spawnSync("psql", args, options);
  if (r.status !== 0) throw new Error(`SHOW ${what}: ${r.stderr}`);
  return showRows(r.stdout);
}

/** The same without blocking the event loop (for sampling while requests are in flight). */
export function showAsync(adminUrl, what) {
  const [args, options] = showArgs(adminUrl, what);
  return new Promise((resolve, reject) => {
    execFile("psql", args, options, (error, stdout, stderr) => (error ? reject(new Error(`SHOW ${what}: ${stderr}`)) : resolve(showRows(stdout))));
  });
}
