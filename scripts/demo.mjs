// npm run demo: one mission's whole life against the local stack, told step by step (who did what,
// the state, the money), ending with the ledger summary. It runs in a database of its own
// (people_demo_<pid>, built from the bootstrap and the migrations on the development server, or on the
// server of DATABASE_URL, and dropped at the end), so a running `npm run dev` neither sees its data nor
// drains its jobs, and the development database is left as it was. It serves the Edge Functions with
// Deno on a free port, with the Stripe and Resend stand-ins, for the length of the demo.
import net from "node:net";
import { loadDotEnv } from "./lib/env.mjs";
import { describeError, devDatabase, dropDatabase, isRealSupabase, log, rebuild, update } from "./lib/stack.mjs";

loadDotEnv();
const dev = await devDatabase();
let url;
let own = false;
try {
  if (isRealSupabase(dev.url)) {
    // A real Supabase database cannot be copied here (its auth schema is made by Supabase Auth): the demo
    // uses it, and a worker running against it may take the demo's jobs.
    update(dev.url, { seedWhenEmpty: false });
    log("real Supabase database: the demo runs in it (stop other workers first)");
    url = dev.url;
  } else {
    const u = new URL(dev.url);
    u.pathname = `/people_demo_${process.pid}`;
    url = u.toString();
    log(`building the demo's own database (${u.pathname.slice(1)}); the development data is not touched`);
    own = true;
    rebuild(url, { seed: false });
  }
} catch (err) {
  if (own) dropDatabase(url);
  console.error(`\x1b[31m[people] the demo could not start: ${describeError(err)}\x1b[0m`);
  process.exit(1);
}
const started = dev.started;

const { localKeys } = await import("./lib/keys.mjs");
const { functionsEnv, startFunctions } = await import("./lib/functions.mjs");
const { createStripeStandin } = await import("./lib/standins/stripe.mjs");
const { createResendStandin } = await import("./lib/standins/resend.mjs");
const { runScenario } = await import("./lib/scenario.mjs");

const freePort = () => new Promise((resolve) => {
  const s = net.createServer();
  s.listen(0, "127.0.0.1", () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

const stripe = createStripeStandin();
const resend = createResendStandin();
const stripeUrl = `http://127.0.0.1:${await stripe.listen()}`;
const resendUrl = `http://127.0.0.1:${await resend.listen()}`;
const keys = await localKeys(process.env.SUPABASE_JWT_SECRET || undefined);
const port = await freePort();
// The demo always uses the stand-ins, whatever .env says about real Stripe and Resend.
delete process.env.STRIPE_SECRET_KEY;
delete process.env.RESEND_API_KEY;
const gateway = startFunctions(functionsEnv({ dbUrl: url, port, keys, stripeBase: stripeUrl, resendBase: resendUrl }),
  { stdio: ["ignore", "ignore", "inherit"] });

let code = 0;
try {
  await gateway.ready;
  console.log("\nPEOPLE: one mission, from draft to completed.\n");
  await runScenario({
    dbUrl: url, functionsUrl: `http://127.0.0.1:${port}/functions/v1`, serviceRoleKey: keys.serviceRoleKey,
    stripeUrl, resendUrl, say: (line) => console.log(line),
  });
  console.log("\nDone.");
} catch (err) {
  console.error(`\nThe demo stopped: ${err instanceof Error ? err.message : err}`);
  code = 1;
} finally {
  gateway.child.kill("SIGTERM");
  await stripe.close();
  await resend.close();
  if (own) dropDatabase(url);
  if (started) log("the development database was started for the demo and keeps running (npm run db:stop stops it)");
}
process.exit(code);
