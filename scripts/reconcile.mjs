// npm run reconcile: compares, mission by mission, the escrow ledger with the Stripe objects it names
// (Stripe's API with STRIPE_SECRET_KEY, else the local stand-in at STRIPE_API_BASE, default
// http://127.0.0.1:12111 as `npm run dev` serves it), lists every difference, and records the run so the
// admin console reads it (rpc('admin_reconciliation')). Exits 1 when there is any difference.
import postgres from "postgres";
import Stripe from "stripe";
import { reconcileAndRecord } from "./lib/reconcile.mjs";
import { LOCAL_STRIPE } from "./lib/functions.mjs";

const url = process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:54322/postgres";
const key = process.env.STRIPE_SECRET_KEY ?? LOCAL_STRIPE.secretKey;
const base = new URL(process.env.STRIPE_SECRET_KEY ? "https://api.stripe.com" : (process.env.STRIPE_API_BASE ?? "http://127.0.0.1:12111"));
const stripe = new Stripe(key, {
  host: base.hostname, port: Number(base.port || (base.protocol === "https:" ? 443 : 80)), protocol: base.protocol.replace(":", ""),
  maxNetworkRetries: 2,
});
const sql = postgres(url, { max: 2, onnotice: () => {} });
try {
  const { runId, findings } = await reconcileAndRecord(sql, stripe);
  for (const f of findings) console.log(`${f.mission_id ?? "-"}  ${f.kind}  ${f.object_id ?? "-"}  ${f.detail}`);
  console.log(`reconciliation ${runId}: ${findings.length} difference(s)`);
  process.exitCode = findings.length ? 1 : 0;
} catch (err) {
  console.error(`reconcile failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 2;
} finally {
  await sql.end();
}
