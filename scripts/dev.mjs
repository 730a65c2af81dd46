// npm run dev: the whole local backend without Docker.
// Installs what is missing, starts PostgreSQL on 127.0.0.1:54322 (unless DATABASE_URL is set), applies
// the bootstrap, pending migrations and (first time) the seed, serves every Edge Function with Deno on
// http://127.0.0.1:54321/functions/v1/<name>, prints the URLs and keys. Ctrl-C stops what it started.
import fs from "node:fs";
import path from "node:path";
import { loadDotEnv } from "./lib/env.mjs";
import { LOCAL, CLUSTERS, ensureInstalled, fail, log, portOpen, stopCluster, devDatabase, update } from "./lib/stack.mjs";

loadDotEnv();
const FUNCTIONS_PORT = Number(process.env.FUNCTIONS_PORT ?? 54321);
const pidFile = path.join(LOCAL, "dev.pid");

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
      `npm run dev is already running (pid ${pid}); its functions are on http://127.0.0.1:${FUNCTIONS_PORT}/functions/v1.\n` +
        `Use that one, or stop it with Ctrl-C in its terminal (or kill ${pid}) before starting another.`,
    );
  }
}
if (await portOpen(FUNCTIONS_PORT)) {
  fail(`port ${FUNCTIONS_PORT} is already in use by another program; stop it or set FUNCTIONS_PORT`);
}
fs.mkdirSync(LOCAL, { recursive: true });
fs.writeFileSync(pidFile, String(process.pid));

ensureInstalled();
// Imported after the install step: they need node_modules.
const { localKeys } = await import("./lib/keys.mjs");
const { functionsEnv, startFunctions } = await import("./lib/functions.mjs");

const database = await devDatabase();
let functions;
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log("stopping");
  clearInterval(workerTimer);
  await stripeStandin?.close();
  await resendStandin?.close();
  if (functions && functions.exitCode === null) {
    functions.kill("SIGTERM");
    await new Promise((r) => functions.once("exit", r));
  }
  if (database.started) stopCluster(CLUSTERS.dev);
  fs.rmSync(pidFile, { force: true });
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

let stripeStandin;
let resendStandin;
let workerTimer;

try {
  update(database.url);
  const keys = await localKeys(process.env.SUPABASE_JWT_SECRET || undefined);
  // No Stripe key configured: payments go to a local stand-in that speaks Stripe's API.
  let stripeBase;
  if (!process.env.STRIPE_SECRET_KEY) {
    const { createStripeStandin } = await import("./lib/standins/stripe.mjs");
    stripeStandin = createStripeStandin();
    stripeBase = `http://127.0.0.1:${await stripeStandin.listen(Number(process.env.STRIPE_STANDIN_PORT ?? 12111))}`;
  }
  let resendBase;
  if (!process.env.RESEND_API_KEY) {
    const { createResendStandin } = await import("./lib/standins/resend.mjs");
    resendStandin = createResendStandin();
    resendBase = `http://127.0.0.1:${await resendStandin.listen(Number(process.env.RESEND_STANDIN_PORT ?? 12112))}`;
  }
  const env = { ...functionsEnv({ dbUrl: database.url, port: FUNCTIONS_PORT, keys, stripeBase, resendBase }) };
  const started = startFunctions(env, { watch: true });
  functions = started.child;
  await started.ready;
  // The job worker, as pg_cron + pg_net call it on Supabase: every 10 seconds here.
  workerTimer = setInterval(() => {
    for (const worker of ["payouts-worker", "email-worker"]) {
      fetch(`http://127.0.0.1:${FUNCTIONS_PORT}/functions/v1/${worker}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${keys.serviceRoleKey}` },
      }).catch(() => {});
    }
  }, 10_000);
  functions.on("exit", (code) => {
    if (!stopping) {
      log(`the functions gateway exited (code ${code})`);
      shutdown(1);
    }
  });

  const rows = [
    ["Functions URL", `http://127.0.0.1:${FUNCTIONS_PORT}/functions/v1`],
    ["Health", `http://127.0.0.1:${FUNCTIONS_PORT}/functions/v1/health`],
    ["DB URL", database.url],
    ["Database", database.external ? "DATABASE_URL (not started here)" : database.started ? "started by this run" : "already running (npm run db:start)"],
    ["Stripe", stripeStandin ? `local stand-in at ${stripeBase} (set STRIPE_SECRET_KEY to use Stripe)` : "Stripe (STRIPE_SECRET_KEY)"],
    ["Email", resendStandin ? `local stand-in at ${resendBase} (set RESEND_API_KEY to use Resend)` : "Resend (RESEND_API_KEY)"],
    ["JWT secret", keys.jwtSecret],
    ["anon key", keys.anonKey],
    ["service_role key", keys.serviceRoleKey],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nPEOPLE backend is running locally.\n`);
  for (const [k, v] of rows) console.log(`${k.padStart(width)}: ${v}`);
  console.log(
    `\nTry: curl -H "Authorization: Bearer ${keys.anonKey.slice(0, 16)}..." http://127.0.0.1:${FUNCTIONS_PORT}/functions/v1/health` +
      `\nPress Ctrl-C to stop.\n`,
  );
} catch (err) {
  log(err instanceof Error ? err.message : String(err));
  await shutdown(1);
}
