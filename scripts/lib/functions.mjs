// Starts the local Edge Functions gateway (functions/_local/serve.ts) with real Deno.
import path from "node:path";
import { authIssuer } from "./keys.mjs";
import { BIN, portOpen, ROOT, spawnLogged } from "./stack.mjs";

export const DENO = path.join(BIN, "deno");

// Local-only credentials for the stand-ins (never valid at Stripe or Resend).
export const LOCAL_STRIPE = {
  secretKey: "sk_test_local_standin",
  webhookSecret: "whsec_local_standin",
  // The Connect endpoint's secret: connected accounts' events are signed with it (issue 18).
  connectWebhookSecret: "whsec_local_standin_connect",
};

/** The secret Stripe signs an event with: the Connect endpoint's for a connected account's event. */
export const localWebhookSecret = (event) => (event && event.account ? LOCAL_STRIPE.connectWebhookSecret : LOCAL_STRIPE.webhookSecret);
export const LOCAL_RESEND = { apiKey: "re_local_standin" };
// The local metrics token (METRICS_TOKEN overrides it): Prometheus on this machine sends it.
export const LOCAL_METRICS_TOKEN = "local-metrics-token-for-development-only";
// The local background-check provider secret (BACKGROUND_CHECK_WEBHOOK_SECRET overrides it).
export const LOCAL_BACKGROUND_CHECK_SECRET = "local-background-check-secret-for-development-only";

export function functionsEnv({ dbUrl, port, keys, apiUrl = `http://127.0.0.1:${port}`, stripeBase, resendBase }) {
  return {
    SUPABASE_URL: apiUrl,
    SUPABASE_DB_URL: dbUrl,
    SUPABASE_JWT_SECRET: keys.jwtSecret,
    // Users' tokens are issued by the local Auth URL (npm run login, tests), whatever port serves functions.
    SUPABASE_AUTH_ISSUER: authIssuer(),
    // Browsers may call the local functions from any origin (development only; production lists them).
    ALLOWED_ORIGINS: process.env.ALLOWED_ORIGINS || "*",
    SUPABASE_ANON_KEY: keys.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: keys.serviceRoleKey,
    FUNCTIONS_PORT: String(port),
    METRICS_TOKEN: process.env.METRICS_TOKEN || LOCAL_METRICS_TOKEN,
    BACKGROUND_CHECK_WEBHOOK_SECRET: process.env.BACKGROUND_CHECK_WEBHOOK_SECRET || LOCAL_BACKGROUND_CHECK_SECRET,
    // Stripe: the real account when configured, else the local stand-in.
    ...(process.env.STRIPE_SECRET_KEY
      ? {}
      : { STRIPE_SECRET_KEY: LOCAL_STRIPE.secretKey, STRIPE_WEBHOOK_SECRET: LOCAL_STRIPE.webhookSecret,
          STRIPE_CONNECT_WEBHOOK_SECRET: LOCAL_STRIPE.connectWebhookSecret,
          ...(stripeBase ? { STRIPE_API_BASE: stripeBase } : {}) }),
    // Email: Resend when configured, else the local stand-in.
    ...(process.env.RESEND_API_KEY
      ? {}
      : { RESEND_API_KEY: LOCAL_RESEND.apiKey, ...(resendBase ? { RESEND_BASE_URL: resendBase } : {}) }),
  };
}

/** Spawns the gateway; resolves once it accepts connections, rejects if it exits first. */
export function startFunctions(env, { watch = false, stdio = "inherit", timeoutMs = 60_000 } = {}) {
  const args = ["run", "--config", "functions/deno.json", "--allow-net", "--allow-env", "--allow-read", "--unstable-no-legacy-abort"];
  if (watch) args.push("--watch=functions/,supabase/config.toml,types/");
  args.push("functions/_local/serve.ts");
  const child = spawnLogged(DENO, args, { env: { NO_COLOR: "1", ...env }, stdio, cwd: ROOT });
  const port = Number(env.FUNCTIONS_PORT);
  const ready = new Promise((resolve, reject) => {
    let exited = false;
    child.once("exit", (code) => {
      exited = true;
      reject(new Error(`the functions gateway exited with code ${code} before it was ready`));
    });
    const deadline = Date.now() + timeoutMs;
    const poll = async () => {
      if (exited) return;
      if (await portOpen(port)) return resolve(child);
      if (Date.now() > deadline) {
        child.kill("SIGTERM");
        return reject(new Error(`the functions gateway did not listen on ${port} within ${timeoutMs} ms`));
      }
      setTimeout(poll, 100);
    };
    poll();
  });
  return { child, ready };
}
