// npm run dev: the local backend without Docker.
// Installs what is missing, starts PostgreSQL on 127.0.0.1:54322 (unless DATABASE_URL is set), applies
// the bootstrap and pending migrations, seeds a database that has no data yet, serves every Edge Function
// with Deno on http://127.0.0.1:54321/functions/v1/<name>, runs the job workers every 10 s, prints the
// URLs and keys. It serves Postgres and the Edge Functions (plus Stripe and Resend stand-ins); Supabase
// Auth, the Data API, Realtime and Storage servers need `npx supabase start` (Docker) or a hosted project
// (README, "What the local stack serves").
//
// Stopping: SIGINT or SIGTERM to this process, to npm, or to the shell between them ends everything this
// run started (the functions gateway, the stand-ins, the database if it started it): when npm or the
// shell dies first, this process notices it has lost its parent and stops too.
import fs from "node:fs";
import path from "node:path";
import { loadDotEnv } from "./lib/env.mjs";
import {
  LOCAL, CLUSTERS, describeError, devDatabase, ensureInstalled, fail, log, portOpen, stopCluster, StackError, update,
} from "./lib/stack.mjs";

loadDotEnv();
const FUNCTIONS_PORT = Number(process.env.FUNCTIONS_PORT ?? 54321);
const pidFile = path.join(LOCAL, `dev-${FUNCTIONS_PORT}.pid`);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

if (fs.existsSync(pidFile)) {
  const pid = Number(fs.readFileSync(pidFile, "utf8"));
  if (pid && alive(pid)) {
    fail(
      `npm run dev is already running (pid ${pid}) with its functions on http://127.0.0.1:${FUNCTIONS_PORT}/functions/v1; ` +
        `use that one, or stop it (Ctrl-C in its terminal, or kill ${pid}) first`,
    );
  }
}
if (await portOpen(FUNCTIONS_PORT)) {
  fail(`port ${FUNCTIONS_PORT} is already in use by another program; stop it or set FUNCTIONS_PORT`);
}
fs.mkdirSync(LOCAL, { recursive: true });
fs.writeFileSync(pidFile, String(process.pid));

let database;
let functions;
let stripeStandin;
let resendStandin;
let workerTimer;
let stopping = false;

async function shutdown(code, why = "stopping") {
  if (stopping) return;
  stopping = true;
  log(why);
  clearInterval(workerTimer);
  clearInterval(parentWatch);
  if (functions && functions.exitCode === null && functions.signalCode === null) {
    const exited = new Promise((r) => functions.once("exit", r));
    functions.kill("SIGTERM");
    const slow = setTimeout(() => functions.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(slow);
  }
  await stripeStandin?.close();
  await resendStandin?.close();
  try {
    if (database?.started) stopCluster(CLUSTERS.dev);
  } catch (err) {
    log(`the database did not stop: ${describeError(err)}`);
    code = code || 1;
  }
  fs.rmSync(pidFile, { force: true });
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => shutdown(0));

// npm does not pass SIGTERM on to its script: when npm (or the shell it runs the script in) is
// killed, this process is re-parented. Its parent changing is the signal to stop.
const parentAtStart = process.ppid;
const parentWatch = setInterval(() => {
  if (process.ppid !== parentAtStart) shutdown(0, "the process that started npm run dev is gone: stopping");
}, 250);

try {
  ensureInstalled();
  // Imported after the install step: they need node_modules.
  const { localKeys } = await import("./lib/keys.mjs");
  const { functionsEnv, startFunctions } = await import("./lib/functions.mjs");

  database = await devDatabase();
  const { seeded, empty } = update(database.url);
  if (seeded) log("seeded with supabase/seed.sql (users in its header sign in with npm run login -- <email>)");
  if (empty) log("the database has no data: npm run db:seed loads the development data");

  const keys = await localKeys(process.env.SUPABASE_JWT_SECRET || undefined);
  // No Stripe key configured: payments go to a local stand-in that speaks Stripe's API.
  let stripeBase;
  if (!process.env.STRIPE_SECRET_KEY) {
    const { createStripeStandin } = await import("./lib/standins/stripe.mjs");
    stripeStandin = createStripeStandin();
    stripeBase = `http://127.0.0.1:${await listenOn(stripeStandin, "STRIPE_STANDIN_PORT", 12111)}`;
  }
  let resendBase;
  if (!process.env.RESEND_API_KEY) {
    const { createResendStandin } = await import("./lib/standins/resend.mjs");
    resendStandin = createResendStandin();
    resendBase = `http://127.0.0.1:${await listenOn(resendStandin, "RESEND_STANDIN_PORT", 12112)}`;
  }
  const env = { ...functionsEnv({ dbUrl: database.url, port: FUNCTIONS_PORT, keys, stripeBase, resendBase }) };
  const started = startFunctions(env, { watch: true });
  functions = started.child;
  functions.on("exit", (code) => {
    if (!stopping) shutdown(1, `the functions gateway exited (code ${code}): stopping`);
  });
  await started.ready;
  // The job workers, as pg_cron + pg_net call them on Supabase: every 10 seconds here.
  workerTimer = setInterval(() => {
    for (const worker of ["payouts-worker", "email-worker"]) {
      fetch(`http://127.0.0.1:${FUNCTIONS_PORT}/functions/v1/${worker}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${keys.serviceRoleKey}` },
      }).catch(() => {});
    }
  }, 10_000);

  const api = `http://127.0.0.1:${FUNCTIONS_PORT}`;
  const rows = [
    ["Functions URL", `${api}/functions/v1`],
    ["Health", `${api}/functions/v1/health`],
    ["Metrics", `${api}/functions/v1/metrics (Bearer ${env.METRICS_TOKEN}; docs/MONITORING.md)`],
    ["DB URL", database.url],
    ["Database", database.external ? "DATABASE_URL (not started here)" : database.started ? "started by this run" : "already running (npm run db:start)"],
    ["Stripe", stripeStandin ? `local stand-in at ${stripeBase} (set STRIPE_SECRET_KEY to use Stripe)` : "Stripe (STRIPE_SECRET_KEY)"],
    ["Email", resendStandin ? `local stand-in at ${resendBase} (set RESEND_API_KEY to use Resend)` : "Resend (RESEND_API_KEY)"],
    ["JWT secret", keys.jwtSecret],
    ["anon key", keys.anonKey],
    ["service_role key", keys.serviceRoleKey],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nPEOPLE backend is running locally: Postgres and the Edge Functions.\n`);
  for (const [k, v] of rows) console.log(`${k.padStart(width)}: ${v}`);
  console.log(
    [
      "",
      "Try (any valid token passes the functions' gateway; the anon key is one):",
      `  curl -H "Authorization: Bearer ${keys.anonKey}" ${api}/functions/v1/health`,
      "Sign in as a seeded user (password123) and call a function as them:",
      `  TOKEN=$(npm run -s login -- maya@northwind.test)`,
      `  curl -H "Authorization: Bearer $TOKEN" ${api}/functions/v1/health`,
      "Not served here (no Docker): Supabase Auth, the Data API (PostgREST), Realtime and Storage servers;",
      "`npx supabase start` on a machine with Docker, or a hosted project, serves them (README).",
      "Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
} catch (err) {
  log(`\x1b[31m${describeError(err)}\x1b[0m`);
  await shutdown(1, "stopping what was started");
}

/** Listens on the port the variable names (or its default); a taken port is a one-line error. */
async function listenOn(standin, variable, fallback) {
  const port = Number(process.env[variable] ?? fallback);
  if (await portOpen(port)) throw new StackError(`port ${port} is already in use`, `stop what uses it or set ${variable}`);
  return standin.listen(port);
}
