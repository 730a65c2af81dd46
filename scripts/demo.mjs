// npm run demo: one mission's whole life against the local stack, told step by step (who did what,
// the state, the money), ending with the ledger summary. Uses the development database (or
// DATABASE_URL), and serves the Edge Functions with Deno on a free port, with the Stripe and Resend
// stand-ins, for the length of the demo.
import net from "node:net";
import { loadDotEnv } from "./lib/env.mjs";
import { devDatabase, log, update } from "./lib/stack.mjs";

loadDotEnv();
const { url, started } = await devDatabase();
update(url, { seedWhenEmpty: false });

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
  if (started) log("the development database was started for the demo and keeps running (npm run db:stop stops it)");
}
process.exit(code);
