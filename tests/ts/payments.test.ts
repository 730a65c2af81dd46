// Escrow and payouts end to end: the real stripe SDK against the local Stripe stand-in, webhooks
// signed exactly as Stripe signs them, the Edge Function handlers, the ledger in Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { sql } from "kysely";
import { baseConfigSchema, loadConfig } from "../../functions/_shared/config.ts";
import { asCaller, connect } from "../../functions/_shared/db.ts";
import { type Deps, wrap } from "../../functions/_shared/handler.ts";
import { makeStripe } from "../../functions/_shared/stripe.ts";
import { handler as paymentsHandler } from "../../functions/payments/handler.ts";
import { MAX_ATTEMPTS, handler as webhookHandler } from "../../functions/stripe-webhook/handler.ts";
import { drain } from "../../functions/payouts-worker/handler.ts";
import { createStripeStandin } from "../../scripts/lib/standins/stripe.mjs";
import { LOCAL_STRIPE, localWebhookSecret } from "../../scripts/lib/functions.mjs";
import { connectTestDb, createUser, keys, testDbUrl, tokenFor } from "./support.ts";

const raw = connectTestDb(4);
const db = connect(testDbUrl(), 8);
const standin = createStripeStandin();
const signer = new Stripe("sk_test_signer_only");
let deps: Deps;
let anonKey: string;
const run = Math.random().toString(36).slice(2, 8);

beforeAll(async () => {
  const port = await standin.listen();
  const k = await keys();
  anonKey = k.anonKey;
  const config = loadConfig(baseConfigSchema, {
    SUPABASE_URL: "http://127.0.0.1:54321",
    SUPABASE_DB_URL: testDbUrl(),
    SUPABASE_JWT_SECRET: k.jwtSecret,
    STRIPE_SECRET_KEY: LOCAL_STRIPE.secretKey,
    STRIPE_WEBHOOK_SECRET: LOCAL_STRIPE.webhookSecret,
    STRIPE_CONNECT_WEBHOOK_SECRET: LOCAL_STRIPE.connectWebhookSecret,
    STRIPE_API_BASE: `http://127.0.0.1:${port}`,
    PAYMENTS_RATE_LIMIT_PER_MINUTE: "1000",
  });
  deps = { config, db, now: () => new Date(), stripe: makeStripe(config) };
});
afterAll(async () => {
  await standin.close();
  await db.close();
  await raw.end();
});

// ------------------------------------------------------------------------------------------------
// Helpers: people, a mission through the lifecycle RPCs, Stripe's side, signed webhooks
// ------------------------------------------------------------------------------------------------
type Person = { id: string; token: string; claims: { role: "authenticated"; sub: string; email: string } };

async function person(label: string, meta: Record<string, unknown> = {}): Promise<Person> {
  const email = `${label}-${run}-${Math.random().toString(36).slice(2, 7)}@example.com`;
  const id = await createUser(raw, email, meta);
  return { id, token: await tokenFor(id, { email }), claims: { role: "authenticated", sub: id, email } };
}

async function verifiedContributor(label: string): Promise<Person> {
  const p = await person(label);
  await raw`update public.contributor_profiles set verification_status = 'verified' where user_id = ${p.id}`;
  return p;
}

const rpc = <T = Record<string, unknown>>(who: Person | "service", fn: string, args: Record<string, unknown>) =>
  asCaller(db.db, who === "service" ? { role: "service_role" } : who.claims, async (tx) => {
    const names = Object.keys(args);
    const call = sql.raw(`select to_jsonb(r) as r from public.${fn}(${names.map((n, i) => `${n} => $${i + 1}`).join(", ")}) r`);
    const compiled = { ...call.compile(tx), parameters: names.map((n) => args[n]) };
    const res = await tx.executeQuery<{ r: T }>(compiled);
    return res.rows[0]?.r as T;
  });

async function callPayments(who: Person, path: string, body: unknown) {
  const res = await wrap(paymentsHandler, deps)(new Request(`http://x${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${who.token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  }));
  return { status: res.status, body: await res.json() };
}

async function control<T = Stripe.Event>(name: string, ...args: unknown[]): Promise<T> {
  const res = await fetch(`${deps.config.STRIPE_API_BASE}/_standin/${name}`, { method: "POST", body: JSON.stringify({ args }) });
  return (await res.json()) as T;
}

async function webhook(event: unknown, opts: { secret?: string; timestamp?: number; signature?: string } = {}) {
  const payload = JSON.stringify(event);
  const header = opts.signature ?? signer.webhooks.generateTestHeaderString({
    payload, secret: opts.secret ?? localWebhookSecret(event), ...(opts.timestamp ? { timestamp: opts.timestamp } : {}),
  });
  const res = await wrap(webhookHandler, deps)(new Request("http://x/stripe-webhook", {
    method: "POST", headers: { "Stripe-Signature": header, "Content-Type": "application/json" }, body: payload,
  }));
  return { status: res.status, body: await res.json() };
}

type World = {
  initiator: Person; lead: Person; reviewer: Person; shadow?: Person; missionId: string; milestones: string[]; paymentIntent: string;
  account?: string;
};

/**
 * A published, funded mission whose team (lead with a connected account, core reviewer) works on it.
 * The payout shares are the lead's alone unless `shares` says otherwise (team payouts: below).
 */
async function fundedMission(
  amounts = [100_000, 200_000],
  opts: { payoutsEnabled?: boolean; shares?: [number, number, number]; shadow?: boolean } = {},
): Promise<World> {
  const initiator = await person("initiator", { role: "initiator" });
  const lead = await verifiedContributor("lead");
  const reviewer = await verifiedContributor("reviewer");
  const mission = await rpc<{ id: string }>(initiator, "create_mission", {
    title: `Escrow test ${run}`, description: "Pay me", type: "backend",
    budget_min_cents: amounts.reduce((a, b) => a + b, 0), budget_max_cents: amounts.reduce((a, b) => a + b, 0),
    estimated_duration_days: 10,
    milestones: amounts.map((a, i) => ({ title: `M${i + 1}`, amount_cents: a })),
  });
  const [leadBps, shadowBps, reviewerBps] = opts.shares ?? [10000, 0, 0];
  await rpc(initiator, "set_payout_shares", { mission_id: mission.id, lead_bps: leadBps, shadow_bps: shadowBps, core_reviewer_bps: reviewerBps });
  await rpc(initiator, "publish_mission", { mission_id: mission.id });

  const funded = await callPayments(initiator, "/payments/fund", { mission_id: mission.id });
  expect(funded.status).toBe(201);
  const succeeded = await control("succeedPaymentIntent", funded.body.payment_intent_id);
  expect((await webhook(succeeded)).status).toBe(200);

  // The lead onboards to Stripe Connect; the account becomes able to receive payouts.
  const onboard = await callPayments(lead, "/payments/connect/onboard", { country: "US" });
  expect(onboard.status).toBe(201);
  if (opts.payoutsEnabled !== false) {
    const updated = await control("updateAccount", onboard.body.account_id, { charges_enabled: true, payouts_enabled: true, details_submitted: true });
    expect((await webhook(updated)).status).toBe(200);
  }

  await rpc(initiator, "invite_contributor", { mission_id: mission.id, contributor_id: await cid(lead.id), role: "lead" });
  await rpc(initiator, "invite_contributor", { mission_id: mission.id, contributor_id: await cid(reviewer.id), role: "core_reviewer" });
  const shadow = opts.shadow ? await verifiedContributor("shadow") : undefined;
  if (shadow) await rpc(initiator, "invite_contributor", { mission_id: mission.id, contributor_id: await cid(shadow.id), role: "shadow" });
  for (const who of shadow ? [lead, reviewer, shadow] : [lead, reviewer]) {
    const [a] = await raw<{ id: string }[]>`select a.id from public.mission_assignments a join public.contributor_profiles c on c.id = a.contributor_id
                                            where a.mission_id = ${mission.id} and c.user_id = ${who.id}`;
    await rpc(who, "accept_invitation", { assignment_id: a.id });
  }
  await rpc(initiator, "start_work", { mission_id: mission.id });
  const ms = await raw<{ id: string }[]>`select id from public.milestones where mission_id = ${mission.id} order by order_index`;
  return { initiator, lead, reviewer, shadow, missionId: mission.id, milestones: ms.map((m) => m.id), paymentIntent: funded.body.payment_intent_id,
           account: onboard.body.account_id };
}

const cid = async (userId: string) => (await raw<{ id: string }[]>`select id from public.contributor_profiles where user_id = ${userId}`)[0].id;

async function deliverAndApprove(w: World, milestoneId: string) {
  const [ms] = await raw<{ status: string }[]>`select status from public.milestones where id = ${milestoneId}`;
  if (ms.status === "pending") await rpc(w.lead, "start_milestone", { milestone_id: milestoneId });
  await rpc(w.lead, "submit_milestone", { milestone_id: milestoneId, content: "Delivered." });
  await rpc(w.initiator, "approve_milestone", { milestone_id: milestoneId });
}

const position = async (missionId: string) =>
  (await raw<Record<string, string>[]>`select * from public.mission_escrow_position(${missionId})`)[0];
const missionStatus = async (missionId: string) =>
  (await raw<{ status: string }[]>`select status from public.missions where id = ${missionId}`)[0].status;
const ledger = async (missionId: string) =>
  raw<{ type: string; amount_cents: string; status: string; stripe_transfer_id: string | null }[]>`
    select type, amount_cents, status, stripe_transfer_id from public.escrow_transactions where mission_id = ${missionId} order by created_at, type`;
// The job of this test's milestone or mission (other test files may leave jobs of their own).
const jobStatus = async (kind: string, field: string, value: string) =>
  (await raw<{ status: string }[]>`select status from private.jobs where kind = ${kind} and payload ->> ${field} = ${value}`)
    .map((j) => j.status).join(",");
const transfersFor = async (milestoneId: string) =>
  (await control<{ transfers: Stripe.Transfer[] }>("state")).transfers.filter((t) => t.metadata?.milestone_id === milestoneId);

// ------------------------------------------------------------------------------------------------
describe("fund -> release -> complete", () => {
  it("funds the escrow, pays each approved milestone minus the fee, and completes the mission", async () => {
    const w = await fundedMission([100_000, 200_005]);
    expect(await missionStatus(w.missionId)).toBe("in_progress");
    expect(await position(w.missionId)).toMatchObject({ funded_cents: "300005", held_cents: "300005" });

    // The PaymentIntent: the milestones' sum, transfer_group = mission, idempotency key from the mission.
    const calls = (await control<{ method: string; path: string; params: Record<string, unknown>; idempotencyKey: string }[]>("calls"))
      .filter((c) => c.path === "/v1/payment_intents" && (c.params.metadata as Record<string, string>)?.mission_id === w.missionId);
    expect(calls).toHaveLength(1);
    expect(calls[0].params).toMatchObject({ amount: "300005", currency: "usd", transfer_group: w.missionId });
    expect(calls[0].idempotencyKey).toBe(`fund-${w.missionId}-300005`);

    for (const m of w.milestones) {
      await deliverAndApprove(w, m);
      await drain(deps);
      expect(await jobStatus("release_payout", "milestone_id", m)).toBe("done");
    }
    expect(await missionStatus(w.missionId)).toBe("completed");
    // 10% fee, rounded half up: 100000 -> 90000 + 10000; 200005 -> 180004 + 20001 (20000.5 rounds up).
    const rows = await ledger(w.missionId);
    expect(rows.filter((r) => r.type === "release").map((r) => Number(r.amount_cents)).sort()).toEqual([180004, 90000]);
    expect(rows.filter((r) => r.type === "platform_fee").map((r) => Number(r.amount_cents)).sort()).toEqual([10000, 20001]);
    expect(await position(w.missionId)).toMatchObject({ held_cents: "0", released_cents: "270004", fees_cents: "30001" });

    // Stripe saw one transfer per milestone, to the lead, from the mission's charge, keyed by the milestone.
    for (const m of w.milestones) {
      const t = await transfersFor(m);
      expect(t).toHaveLength(1);
      expect(t[0]).toMatchObject({ destination: w.account, transfer_group: w.missionId });
      expect(t[0].source_transaction).toMatch(/^ch_/);
    }
    const transferCalls = (await control<{ path: string; idempotencyKey: string; params: Record<string, Record<string, string>> }[]>("calls"))
      .filter((c) => c.path === "/v1/transfers" && w.milestones.includes(c.params.metadata?.milestone_id));
    const leadId = await cid(w.lead.id);
    expect(transferCalls.map((c) => c.idempotencyKey).sort()).toEqual(w.milestones.map((m) => `release-${m}-${leadId}`).sort());

    // The lead's earnings and the initiator's spend come from the ledger.
    const [lead] = await raw<{ total_earnings_cents: string }[]>`
      select d.total_earnings_cents from public.contributor_private_details d join public.contributor_profiles c on c.id = d.contributor_id
      where c.user_id = ${w.lead.id}`;
    expect(lead.total_earnings_cents).toBe("270004");
    expect((await raw`select * from private.reconcile_ledger() where object_id in (select stripe_payment_intent_id from public.escrow_transactions where mission_id = ${w.missionId})`)).toHaveLength(0);
  });

  it("shows each side its own payment history through RLS", async () => {
    const w = await fundedMission([50_000]);
    await deliverAndApprove(w, w.milestones[0]);
    await drain(deps);
    const seen = async (who: Person) =>
      asCaller(db.db, who.claims, async (tx) =>
        (await sql<{ type: string }>`select type from public.escrow_transactions where mission_id = ${w.missionId} order by type`.execute(tx)).rows.map((r) => r.type));
    expect(await seen(w.initiator)).toEqual(["deposit", "release", "platform_fee"]); // enum order
    expect(await seen(w.lead)).toEqual(["release"]);
    expect(await seen(w.reviewer)).toEqual([]);
  });
});

describe("webhooks", () => {
  it("rejects a forged or stale signature with 400 and changes nothing", async () => {
    const initiator = await person("forger", { role: "initiator" });
    const mission = await rpc<{ id: string }>(initiator, "create_mission", {
      title: "Forged", description: "d", type: "backend", budget_min_cents: 1000, budget_max_cents: 1000, estimated_duration_days: 1,
      milestones: [{ title: "m", amount_cents: 1000 }],
    });
    await rpc(initiator, "publish_mission", { mission_id: mission.id });
    const funded = await callPayments(initiator, "/payments/fund", { mission_id: mission.id });
    const event = await control("succeedPaymentIntent", funded.body.payment_intent_id);

    const forged = await webhook(event, { secret: "whsec_not_the_right_one" });
    expect(forged).toEqual({ status: 400, body: { error: { code: "bad_request", message: "The Stripe signature does not match, or is too old." } } });
    const stale = await webhook(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(stale.status).toBe(400);
    const garbage = await webhook(event, { signature: "t=1,v1=deadbeef" });
    expect(garbage.status).toBe(400);
    // Tampered body with a valid signature of the original.
    const header = signer.webhooks.generateTestHeaderString({ payload: JSON.stringify(event), secret: LOCAL_STRIPE.webhookSecret });
    const res = await wrap(webhookHandler, deps)(new Request("http://x/stripe-webhook", {
      method: "POST", headers: { "Stripe-Signature": header },
      body: JSON.stringify({ ...event, data: { object: { ...(event.data.object as object), amount_received: 1 } } }),
    }));
    expect(res.status).toBe(400);

    expect(await missionStatus(mission.id)).toBe("pending_funding");
    expect((await raw`select 1 from private.stripe_events where id = ${event.id}`)).toHaveLength(0);
    expect((await webhook(event)).status).toBe(200);
    expect(await missionStatus(mission.id)).toBe("open");
  });

  it("processes each event at most once, duplicates and out-of-order deliveries included", async () => {
    const initiator = await person("dup", { role: "initiator" });
    const mission = await rpc<{ id: string }>(initiator, "create_mission", {
      title: "Duplicates", description: "d", type: "backend", budget_min_cents: 5000, budget_max_cents: 5000, estimated_duration_days: 1,
      milestones: [{ title: "m", amount_cents: 5000 }],
    });
    await rpc(initiator, "publish_mission", { mission_id: mission.id });
    const funded = await callPayments(initiator, "/payments/fund", { mission_id: mission.id });
    // A failure first, then (the customer retries) a success: delivered success-first, then the old failure.
    const failed = await control("failPaymentIntent", funded.body.payment_intent_id);
    const succeeded = await control("succeedPaymentIntent", funded.body.payment_intent_id);
    const results = await Promise.all([webhook(succeeded), webhook(succeeded), webhook(succeeded)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.filter((r) => r.body.duplicate).length).toBeGreaterThanOrEqual(1);
    expect((await webhook(failed)).status).toBe(200);
    expect((await webhook(succeeded)).body).toEqual({ received: true, duplicate: true });

    const deposits = await raw<{ status: string; amount_cents: string }[]>`
      select status, amount_cents from public.escrow_transactions where mission_id = ${mission.id} and type = 'deposit'`;
    expect(deposits).toEqual([{ status: "completed", amount_cents: "5000" }]);
    expect(await missionStatus(mission.id)).toBe("open");
    expect((await raw`select 1 from private.domain_events where mission_id = ${mission.id} and event = 'mission:funded'`)).toHaveLength(1);
  });

  it("keeps the newest account state when account.updated events arrive out of order", async () => {
    const lead = await verifiedContributor("acct");
    const onboard = await callPayments(lead, "/payments/connect/onboard", { country: "US" });
    const newer = await control<Stripe.Event>("updateAccount", onboard.body.account_id, { payouts_enabled: true, charges_enabled: true, details_submitted: true });
    const older = { ...newer, id: `evt_older_${run}`, created: newer.created - 60,
      data: { object: { ...(newer.data.object as object), payouts_enabled: false, charges_enabled: false } } };
    expect((await webhook(newer)).status).toBe(200);
    expect((await webhook(older)).status).toBe(200);
    const [d] = await raw<{ stripe_payouts_enabled: boolean }[]>`
      select d.stripe_payouts_enabled from public.contributor_private_details d join public.contributor_profiles c on c.id = d.contributor_id
      where c.user_id = ${lead.id}`;
    expect(d.stripe_payouts_enabled).toBe(true);
  });

  it("stores and acknowledges events it does not handle", async () => {
    const event = { id: `evt_unknown_${run}`, object: "event", type: "customer.tax_id.created", created: Math.floor(Date.now() / 1000),
      livemode: false, data: { object: { id: `txi_${run}` } } };
    expect(await webhook(event)).toEqual({ status: 200, body: { received: true } });
    expect((await raw`select type from private.stripe_events where id = ${event.id} and processed_at is not null`)).toHaveLength(1);
  });
});

describe("webhook sources and poison events (issue 18)", () => {
  async function pendingMission(label: string, amount = 1000) {
    const initiator = await person(label, { role: "initiator" });
    const mission = await rpc<{ id: string }>(initiator, "create_mission", {
      title: `Source ${label}`, description: "d", type: "backend", budget_min_cents: amount, budget_max_cents: amount, estimated_duration_days: 1,
      milestones: [{ title: "m", amount_cents: amount }],
    });
    await rpc(initiator, "publish_mission", { mission_id: mission.id });
    const funded = await callPayments(initiator, "/payments/fund", { mission_id: mission.id });
    const event = await control("succeedPaymentIntent", funded.body.payment_intent_id);
    return { mission, event };
  }

  it("accepts a connected account's events only on the Connect endpoint and only Connect event types; livemode must match the key", async () => {
    const { mission, event } = await pendingMission("src");
    // A connected account's payment_intent.succeeded does not fund platform escrow, whichever secret signed it.
    const fromAccount = { ...event, id: `evt_acct_pi_${run}`, account: "acct_someone_else" };
    expect(await webhook(fromAccount)).toEqual({ status: 400, body: { error: { code: "bad_request",
      message: "The Connect endpoint accepts connected accounts' Connect events only." } } });
    expect(await webhook(fromAccount, { secret: LOCAL_STRIPE.webhookSecret })).toEqual({ status: 400, body: { error: { code: "bad_request",
      message: "A connected account's event is accepted on the Connect endpoint only." } } });
    // A platform event signed with the Connect secret.
    expect((await webhook({ ...event, id: `evt_platform_on_connect_${run}` }, { secret: LOCAL_STRIPE.connectWebhookSecret })).status).toBe(400);
    // A live-mode event against a test-mode key.
    expect(await webhook({ ...event, id: `evt_live_${run}`, livemode: true })).toEqual({ status: 400, body: { error: { code: "bad_request",
      message: "A live mode event does not belong to this test mode key." } } });
    expect(await missionStatus(mission.id)).toBe("pending_funding");
    expect(await raw`select 1 from private.stripe_events where id in (${fromAccount.id}, ${`evt_live_${run}`})`).toHaveLength(0);
    // The platform's own event, on the platform endpoint, funds it.
    expect((await webhook(event)).status).toBe(200);
    expect(await missionStatus(mission.id)).toBe("open");
  });

  it("dead-letters an event that can never be processed and acknowledges it, keeping the reason", async () => {
    const { mission, event } = await pendingMission("poison");
    expect((await webhook(event)).status).toBe(200); // booked: the mission is funded
    // The same PaymentIntent reported again in another currency contradicts what was booked.
    const pi = event.data.object as Stripe.PaymentIntent;
    const inEuros = { ...event, id: `evt_eur_${run}`, data: { object: { ...pi, currency: "eur" } } };
    expect(await webhook(inEuros)).toEqual({ status: 200, body: { received: true, dead_lettered: true } });
    const [row] = await raw<{ dead: boolean; reason: string; processed: boolean }[]>`
      select dead_lettered_at is not null as dead, dead_letter_reason as reason, processed_at is not null as processed
      from private.stripe_events where id = ${inEuros.id}`;
    expect(row).toEqual({ dead: true, processed: false,
      reason: "permanent: 22023: Stripe charged in EUR but this mission's escrow is in USD: the payment does not fund it." });
    expect(await missionStatus(mission.id)).toBe("open");
    // Redelivered: acknowledged as a duplicate, not processed again.
    expect(await webhook(inEuros)).toEqual({ status: 200, body: { received: true, duplicate: true } });
  });

  it("refunds in full a charge that funds no escrow (another currency), never booking it", async () => {
    const { mission, event } = await pendingMission("stray", 4321);
    const pi = event.data.object as Stripe.PaymentIntent;
    const inEuros = { ...event, id: `evt_stray_${run}`, data: { object: { ...pi, currency: "eur" } } };
    expect(await webhook(inEuros)).toEqual({ status: 200, body: { received: true } });
    expect(await missionStatus(mission.id)).toBe("pending_funding");
    const deposits = async () => (await ledger(mission.id)).map((r) => `${r.type}:${r.status}`);
    expect(await deposits()).toEqual(["deposit:failed"]); // the deposit asked for ends; nothing is booked
    const [stray] = await raw<{ reason: string; refund_id: string | null }[]>`
      select reason, refund_id from private.stray_charges where payment_intent_id = ${pi.id}`;
    expect(stray).toEqual({ reason: "charged in EUR, the mission's escrow is in USD", refund_id: null });
    expect((await raw`select * from private.reconcile_ledger() where object_id = ${pi.id}`).map((r) => r.kind)).toEqual(["stray_charge_unrefunded"]);

    await drain(deps);
    const refunds = (await control<{ refunds: Stripe.Refund[] }>("state")).refunds.filter((r) => r.payment_intent === pi.id);
    expect(refunds.map((r) => r.amount)).toEqual([4321]);
    const calls = (await control<{ path: string; idempotencyKey: string; params: Record<string, unknown> }[]>("calls"))
      .filter((c) => c.path === "/v1/refunds" && c.params.payment_intent === pi.id);
    expect(calls.map((c) => c.idempotencyKey)).toEqual([`stray-${pi.id}-0`]); // the remainder after 0 refunded
    // Stripe's charge.refunded for it is recorded on the stray charge, not in any mission's ledger.
    const chargeId = pi.latest_charge as string;
    expect((await webhook(await control("chargeRefundedEvent", chargeId))).status).toBe(200);
    expect((await raw<{ refund_id: string }[]>`select refund_id from private.stray_charges where payment_intent_id = ${pi.id}`)[0].refund_id)
      .toBe(refunds[0].id);
    expect(await deposits()).toEqual(["deposit:failed"]);
    expect(await raw`select * from private.reconcile_ledger() where object_id = ${pi.id}`).toEqual([]);
    // Another drain refunds nothing twice.
    await drain(deps);
    expect((await control<{ refunds: Stripe.Refund[] }>("state")).refunds.filter((r) => r.payment_intent === pi.id)).toHaveLength(1);
  });

  it("answers 500 to a transient failure so Stripe retries, and dead-letters it once it has failed MAX_ATTEMPTS times", async () => {
    const event = { id: `evt_never_${run}`, object: "event", type: "charge.dispute.created", created: Math.floor(Date.now() / 1000), livemode: false,
      data: { object: { id: `dp_never_${run}`, object: "dispute", amount: 100, charge: `ch_never_${run}`, reason: "fraudulent", status: "needs_response" } } };
    expect((await webhook(event)).status).toBe(500);
    expect((await raw<{ dead: boolean }[]>`select dead_lettered_at is not null as dead from private.stripe_events where id = ${event.id}`)[0].dead).toBe(false);
    await raw`update private.stripe_events set attempts = ${MAX_ATTEMPTS - 1} where id = ${event.id}`;
    expect(await webhook(event)).toEqual({ status: 200, body: { received: true, dead_lettered: true } });
    const [row] = await raw<{ reason: string }[]>`select dead_letter_reason as reason from private.stripe_events where id = ${event.id}`;
    expect(row.reason).toBe(`failed ${MAX_ATTEMPTS} times: charge ch_never_${run} is not known yet`);
  });
});

describe("releases", () => {
  it("waits for the contributor's account to accept payouts, then pays when account.updated says so", async () => {
    const w = await fundedMission([40_000], { payoutsEnabled: false });
    await deliverAndApprove(w, w.milestones[0]);
    await drain(deps);
    expect(await jobStatus("release_payout", "milestone_id", w.milestones[0])).toBe("waiting");
    expect(await transfersFor(w.milestones[0])).toHaveLength(0);
    expect((await raw<{ status: string }[]>`select status from public.milestones where id = ${w.milestones[0]}`)[0].status).toBe("approved");

    const enabled = await control("updateAccount", w.account, { payouts_enabled: true, charges_enabled: true, details_submitted: true });
    expect((await webhook(enabled)).status).toBe(200);
    await drain(deps);
    expect(await jobStatus("release_payout", "milestone_id", w.milestones[0])).toBe("done");
    expect(await transfersFor(w.milestones[0])).toHaveLength(1);
    expect(await missionStatus(w.missionId)).toBe("completed");
  });

  it("pays the whole team: each part to its member, each waiting for its own account, odd cents to the lead", async () => {
    // 10,001 cents, fee 10% -> 1,000; net 9,001 shared 70/20/10: shadow floor(1800.2) = 1800,
    // core reviewer floor(900.1) = 900, the lead the rest: 6,301 (the odd cents).
    const w = await fundedMission([10_001], { shares: [7000, 2000, 1000], shadow: true });
    const [leadId, shadowId, reviewerId] = [await cid(w.lead.id), await cid(w.shadow!.id), await cid(w.reviewer.id)];
    const connect = async (who: Person) => {
      const res = await callPayments(who, "/payments/connect/onboard", { country: "US" });
      expect(res.status).toBe(201);
      return res.body.account_id as string;
    };
    const shadowAccount = await connect(w.shadow!);
    expect((await webhook(await control("updateAccount", shadowAccount, { payouts_enabled: true, charges_enabled: true, details_submitted: true })))
      .status).toBe(200);
    const reviewerAccount = await connect(w.reviewer); // not able to receive payouts yet

    await deliverAndApprove(w, w.milestones[0]);
    const parts = await raw<{ contributor_id: string; role: string; payout_cents: string }[]>`
      select contributor_id, role::text as role, payout_cents from public.milestone_payouts where milestone_id = ${w.milestones[0]} order by role`;
    expect(parts.map((p) => [p.role, p.contributor_id, Number(p.payout_cents)])).toEqual([
      ["core_reviewer", reviewerId, 900], ["lead", leadId, 6301], ["shadow", shadowId, 1800],
    ]);
    await drain(deps);
    // The lead and the shadow are paid; the reviewer's part waits for the reviewer's account alone.
    const paidTo = async () => (await transfersFor(w.milestones[0])).map((t) => `${t.destination}:${t.amount}`).sort();
    expect(await paidTo()).toEqual([`${shadowAccount}:1800`, `${w.account}:6301`].sort());
    expect(await jobStatus("release_payout", "contributor_id", reviewerId)).toBe("waiting");
    expect((await raw<{ status: string }[]>`select status from public.milestones where id = ${w.milestones[0]}`)[0].status).toBe("approved");
    // The lead was paid: the work moves on (the mission completes) while the reviewer's part waits.
    expect(await missionStatus(w.missionId)).toBe("completed");
    expect((await ledger(w.missionId)).filter((r) => r.type === "platform_fee").map((r) => Number(r.amount_cents))).toEqual([1000]);

    expect((await webhook(await control("updateAccount", reviewerAccount, { payouts_enabled: true, charges_enabled: true, details_submitted: true })))
      .status).toBe(200);
    await drain(deps);
    expect(await paidTo()).toEqual([`${shadowAccount}:1800`, `${w.account}:6301`, `${reviewerAccount}:900`].sort());
    expect(await missionStatus(w.missionId)).toBe("completed");
    expect(await position(w.missionId)).toMatchObject({ held_cents: "0", released_cents: "9001", fees_cents: "1000" });
    // Each member sees their own part in their payment history, and was told with their role.
    const seen = async (who: Person) =>
      asCaller(db.db, who.claims, async (tx) =>
        (await sql<{ amount_cents: string }>`select amount_cents from public.escrow_transactions where mission_id = ${w.missionId} and type = 'release'`
          .execute(tx)).rows.map((r) => Number(r.amount_cents)));
    expect(await seen(w.shadow!)).toEqual([1800]);
    expect(await seen(w.reviewer)).toEqual([900]);
    const [note] = await raw<{ message: string }[]>`
      select message from public.notifications where user_id = ${w.shadow!.id} and type = 'payment_received' order by created_at desc limit 1`;
    expect(note.message).toContain("your share as shadow");
  });

  it("two approvals at once make one transfer", async () => {
    const w = await fundedMission([30_000, 30_000]);
    await rpc(w.lead, "submit_milestone", { milestone_id: w.milestones[0], content: "Done" });
    await Promise.all([
      rpc(w.initiator, "approve_milestone", { milestone_id: w.milestones[0] }),
      rpc(w.initiator, "approve_milestone", { milestone_id: w.milestones[0] }),
    ]);
    await Promise.all([drain(deps), drain(deps)]);
    await drain(deps);
    expect(await transfersFor(w.milestones[0])).toHaveLength(1);
    expect((await ledger(w.missionId)).filter((r) => r.type === "release")).toHaveLength(1);
  });

  it("a crash after Stripe answered and before the commit converges on retry: same transfer, one ledger entry", async () => {
    const w = await fundedMission([25_000]);
    await deliverAndApprove(w, w.milestones[0]);
    let crashed = 0;
    const out = await drain(deps, {
      afterStripeCall: (job) => {
        if (job.payload.milestone_id !== w.milestones[0]) return; // other files' jobs go through
        crashed += 1;
        throw new Error("worker killed");
      },
    }, 1);
    expect(crashed).toBe(1);
    expect(out).toContainEqual(expect.objectContaining({ kind: "release_payout", result: "retry", detail: "worker killed" }));
    expect(await jobStatus("release_payout", "milestone_id", w.milestones[0])).toBe("queued");
    // The payout was reserved before Stripe was asked; it is not recorded as made.
    expect((await ledger(w.missionId)).filter((r) => r.type === "release").map((r) => r.status)).toEqual(["pending"]);
    expect(await transfersFor(w.milestones[0])).toHaveLength(1);

    // The retry (its backoff elapsed) calls Stripe again with the same key: Stripe replays the transfer.
    await raw`update private.jobs set run_after = now() where kind = 'release_payout' and payload ->> 'milestone_id' = ${w.milestones[0]}`;
    await drain(deps);
    expect(await jobStatus("release_payout", "milestone_id", w.milestones[0])).toBe("done");
    const transfers = await transfersFor(w.milestones[0]);
    expect(transfers).toHaveLength(1);
    const releases = (await ledger(w.missionId)).filter((r) => r.type === "release");
    expect(releases).toEqual([expect.objectContaining({ stripe_transfer_id: transfers[0].id, amount_cents: "22500" })]);
    expect(await missionStatus(w.missionId)).toBe("completed");
  });
});

describe("refunds and disputes", () => {
  it("refunds what is still held when a part-paid mission is cancelled", async () => {
    const w = await fundedMission([60_000, 40_000]);
    await deliverAndApprove(w, w.milestones[0]);
    await drain(deps);
    const admin = await person("admin");
    await raw`update public.profiles set primary_role = 'admin' where id = ${admin.id}`;
    await rpc(admin, "cancel_mission", { mission_id: w.missionId, reason: "Initiator and team parted ways" });
    await drain(deps);
    expect(await jobStatus("refund", "mission_id", w.missionId)).toBe("done");
    expect(await position(w.missionId)).toMatchObject({ funded_cents: "100000", released_cents: "54000", fees_cents: "6000", refunded_cents: "40000", held_cents: "0" });
    const { refunds } = await control<{ refunds: Stripe.Refund[] }>("state");
    expect(refunds.filter((r) => r.payment_intent === w.paymentIntent).map((r) => r.amount)).toEqual([40000]);
    // Stripe's charge.refunded for the same refund changes nothing.
    const [charge] = await raw<{ charge_id: string }[]>`select charge_id from private.mission_charges where mission_id = ${w.missionId}`;
    expect((await webhook(await control("chargeRefundedEvent", charge.charge_id))).status).toBe(200);
    expect((await ledger(w.missionId)).filter((r) => r.type === "refund")).toHaveLength(1);
  });

  it("a card dispute mid-work holds the money and disputes the mission; winning it releases the hold", async () => {
    const w = await fundedMission([70_000]);
    const [charge] = await raw<{ charge_id: string }[]>`select charge_id from private.mission_charges where mission_id = ${w.missionId}`;
    const created = await control<Stripe.Event>("disputeCharge", charge.charge_id);
    expect((await webhook(created)).status).toBe(200);
    expect(await missionStatus(w.missionId)).toBe("disputed");
    expect(await position(w.missionId)).toMatchObject({ disputed_cents: "70000", held_cents: "0" });
    // Nothing can be paid out of a disputed hold.
    await expect(rpc(w.lead, "submit_milestone", { milestone_id: w.milestones[0], content: "x" })).rejects.toMatchObject({ code: "PT409" });

    const won = await control("closeDispute", (created.data.object as Stripe.Dispute).id, "won");
    expect((await webhook(won)).status).toBe(200);
    expect(await position(w.missionId)).toMatchObject({ disputed_cents: "0", held_cents: "70000" });
  });

  it("a dispute event for a charge not known yet is retried later, not lost", async () => {
    const event = { id: `evt_early_${run}`, object: "event", type: "charge.dispute.created", created: Math.floor(Date.now() / 1000), livemode: false,
      data: { object: { id: `dp_early_${run}`, object: "dispute", amount: 100, charge: `ch_unknown_${run}`, reason: "fraudulent", status: "needs_response" } } };
    const first = await webhook(event);
    expect(first.status).toBe(500);
    expect((await raw<{ processed_at: string | null; last_error: string }[]>`select processed_at, last_error from private.stripe_events where id = ${event.id}`)[0])
      .toMatchObject({ processed_at: null });
    // Stripe redelivers: it is tried again (and fails again, still unprocessed, never marked duplicate).
    expect((await webhook(event)).status).toBe(500);
  });
});

describe("the payments endpoints", () => {
  it("only lets initiators fund their own missions awaiting funding", async () => {
    const owner = await person("owner", { role: "initiator" });
    const other = await person("other", { role: "initiator" });
    const contributor = await verifiedContributor("notinit");
    const mission = await rpc<{ id: string }>(owner, "create_mission", {
      title: "Mine", description: "d", type: "backend", budget_min_cents: 1000, budget_max_cents: 1000, estimated_duration_days: 1,
      milestones: [{ title: "m", amount_cents: 1000 }],
    });
    expect((await callPayments(owner, "/payments/fund", { mission_id: mission.id })).status).toBe(409); // still a draft
    await rpc(owner, "publish_mission", { mission_id: mission.id });
    expect((await callPayments(other, "/payments/fund", { mission_id: mission.id })).body.error.code).toBe("not_found");
    expect((await callPayments(contributor, "/payments/fund", { mission_id: mission.id })).status).toBe(403);
    expect((await callPayments(owner, "/payments/fund", { mission_id: "not-a-uuid" })).status).toBe(400);
    expect((await callPayments(owner, "/payments/fund", { mission_id: mission.id, extra: 1 })).status).toBe(400);
    const ok = await callPayments(owner, "/payments/fund", { mission_id: mission.id });
    expect(ok.status).toBe(201);
    expect(ok.body.client_secret).toMatch(/^pi_.+_secret_/);
    // Funding again returns the same PaymentIntent (same idempotency key) and one pending deposit.
    const again = await callPayments(owner, "/payments/fund", { mission_id: mission.id });
    expect(again.body.payment_intent_id).toBe(ok.body.payment_intent_id);
    expect((await raw`select 1 from public.escrow_transactions where mission_id = ${mission.id}`)).toHaveLength(1);
    // The customer is created once and reused.
    const setup = await callPayments(owner, "/payments/setup-intent", {});
    expect(setup.status).toBe(201);
    const [{ stripe_customer_id }] = await raw<{ stripe_customer_id: string }[]>`
      select d.stripe_customer_id from public.initiator_private_details d join public.initiator_profiles i on i.id = d.initiator_id where i.user_id = ${owner.id}`;
    expect(setup.body.customer_id).toBe(stripe_customer_id);
  });

  it("onboards contributors with the recipient agreement where the country needs it, with a fresh link each time", async () => {
    const c = await verifiedContributor("brazil");
    const first = await callPayments(c, "/payments/connect/onboard", { country: "BR" });
    const second = await callPayments(c, "/payments/connect/onboard", { country: "BR" });
    expect(first.status).toBe(201);
    expect(second.body.account_id).toBe(first.body.account_id);
    expect(second.body.url).not.toBe(first.body.url);
    const { accounts } = await control<{ accounts: Stripe.Account[] }>("state");
    const account = accounts.find((a) => a.id === first.body.account_id)!;
    expect(account.tos_acceptance?.service_agreement).toBe("recipient");
    expect(Object.keys(account.capabilities ?? {})).toEqual(["transfers"]);
    const initiator = await person("noacct", { role: "initiator" });
    expect((await callPayments(initiator, "/payments/connect/onboard", { country: "US" })).status).toBe(403);
  });

  it("limits each user to PAYMENTS_RATE_LIMIT_PER_MINUTE calls a minute with a distinct 429", async () => {
    const limited: Deps = { ...deps, config: { ...deps.config, PAYMENTS_RATE_LIMIT_PER_MINUTE: 10 } };
    const initiator = await person("busy", { role: "initiator" });
    // The window is a fixed minute: start well inside one, so all twelve calls count in the same window.
    const second = new Date().getUTCSeconds();
    if (second > 50) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 12; i++) {
      last = await wrap(paymentsHandler, limited)(new Request("http://x/payments/setup-intent", {
        method: "POST", headers: { Authorization: `Bearer ${initiator.token}` }, body: "{}",
      }));
      statuses.push(last.status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.slice(-2)).toEqual([429, 429]);
    const body = await last!.json();
    expect(body.error.code).toBe("rate_limited");
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("refuses anonymous callers", async () => {
    const res = await wrap(paymentsHandler, deps)(new Request("http://x/payments/setup-intent", {
      method: "POST", headers: { Authorization: `Bearer ${anonKey}` }, body: "{}",
    }));
    expect(res.status).toBe(401);
  });
});
