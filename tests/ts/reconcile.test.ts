// Reconciliation (issue 18): the ledger against the Stripe objects it names, through the real Stripe SDK
// against the local stand-in; every difference listed, the run recorded, admins read it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { createStripeStandin } from "../../scripts/lib/standins/stripe.mjs";
import { LOCAL_STRIPE } from "../../scripts/lib/functions.mjs";
import { reconcile, reconcileAndRecord } from "../../scripts/lib/reconcile.mjs";
import { connectTestDb, createUser } from "./support.ts";

const raw = connectTestDb(2);
const standin = createStripeStandin();
let stripe: Stripe;
let standinPort = 0;
const run = Math.random().toString(36).slice(2, 8);

beforeAll(async () => {
  standinPort = await standin.listen();
  stripe = new Stripe(LOCAL_STRIPE.secretKey, { host: "127.0.0.1", port: standinPort, protocol: "http", httpClient: Stripe.createFetchHttpClient() });
});
afterAll(async () => {
  await standin.close();
  await raw.end();
});

/** The stand-in's control API: Stripe acting on its own (a PaymentIntent paid). */
const standinControl = async (name: string, ...args: unknown[]) =>
  (await fetch(`http://127.0.0.1:${standinPort}/_standin/${name}`, { method: "POST", body: JSON.stringify({ args }) })).json();

async function mission(amount: number) {
  const uid = await createUser(raw, `rec-${run}-${Math.random().toString(36).slice(2, 7)}@example.com`, { role: "initiator" });
  const [m] = await raw<{ id: string }[]>`
    insert into public.missions (initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days, status, published_at)
    select i.id, 'Reconciled', ${`rec-${run}-${Math.random().toString(36).slice(2, 7)}`}, 'd', 'backend', ${amount}, ${amount}, 5, 'pending_funding', now()
    from public.initiator_profiles i where i.user_id = ${uid} returning id`;
  await raw`insert into public.milestones (mission_id, title, order_index, amount_cents) values (${m.id}, 'all', 0, ${amount})`;
  return m.id;
}

describe("npm run reconcile", () => {
  it("lists every difference between the ledger and Stripe, records the run, and only admins read it", async () => {
    // A: funded as Stripe reported it (agrees). B: a PaymentIntent Stripe charged whose event never came.
    // A refund the ledger booked that Stripe does not know.
    const a = await mission(3000);
    const piA = await stripe.paymentIntents.create({ amount: 3000, currency: "usd", transfer_group: a, metadata: { mission_id: a } });
    await standinControl("succeedPaymentIntent", piA.id);
    await raw`select private.complete_deposit(${piA.id}, null, 3000, 'usd', ${a})`;
    const b = await mission(2000);
    const piB = await stripe.paymentIntents.create({ amount: 2000, currency: "usd", transfer_group: b, metadata: { mission_id: b } });
    await raw`select private.record_deposit_intent(${b}, ${piB.id}, 2000, 'usd')`;
    await standinControl("succeedPaymentIntent", piB.id);
    await raw`select private.record_refund(${a}, ${`re_unknown_${run}`}, 500)`;

    const found = (await reconcile(raw, stripe)).filter((f) => f.mission_id === a || f.mission_id === b);
    expect(found.map((f) => [f.mission_id === a ? "A" : "B", f.kind, f.object_id]).sort()).toEqual([
      ["A", "refund_unknown_to_stripe", `re_unknown_${run}`],
      ["B", "succeeded_at_stripe_not_booked", piB.id],
    ]);

    const { runId, findings } = await reconcileAndRecord(raw, stripe);
    expect(findings.length).toBeGreaterThanOrEqual(2);
    const admin = await createUser(raw, `rec-admin-${run}@example.com`);
    await raw`update public.profiles set primary_role = 'admin' where id = ${admin}`;
    const asUser = async (uid: string) => raw.begin(async (tx) => {
      await tx`select set_config('request.jwt.claims', ${JSON.stringify({ sub: uid, role: "authenticated" })}, true)`;
      await tx`set local role authenticated`;
      return tx<{ run_id: string; kind: string; object_id: string }[]>`select run_id, kind, object_id from public.admin_reconciliation()`;
    });
    const rows = await asUser(admin);
    expect(rows.every((r) => r.run_id === runId)).toBe(true);
    expect(rows.map((r) => r.object_id)).toEqual(expect.arrayContaining([`re_unknown_${run}`, piB.id]));
    const someone = await createUser(raw, `rec-someone-${run}@example.com`);
    await expect(asUser(someone)).rejects.toMatchObject({ code: "42501" });
  });
});
