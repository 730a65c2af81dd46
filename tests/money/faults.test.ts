// Money under faults: an Edge Function dying between its Stripe call and its commit, Stripe answering
// 500 / 429 / nothing at all, webhooks delivered three times and out of order. Setup: faults-shared.ts.
import { describe, it, expect } from "vitest";
import { env, missions, sleep, deferred, type Work, deliver, funded, approve, transfersOf, refundsOf, releasesOf, mine, jobOf, msStatus, settle, expectAudited, crash, drain, audit, callPayments, calls, expireBackoff, fault, initiator, insertMission, ledgerOf, position, rpc, startStripe, type StripeOptions, webhook, type Stripe } from "./faults-shared.ts";

describe("an Edge Function dying after its Stripe call, before its commit", () => {
  it("payout: the worker throws after Stripe answered; the retry records the same transfer once", async () => {
    const world = await startStripe(env);
    try {
      const w = await funded(world, [25_000]);
      await approve(w);
      const out = await drain(world.deps, { afterStripeCall: () => { throw new Error("worker killed"); } });
      expect(await mine(w, out, "release_payout")).toEqual([expect.objectContaining({ result: "retry" })]);
      expect(await transfersOf(w)).toHaveLength(1);
      expect((await releasesOf(w)).map((r) => r.status)).toEqual(["pending"]); // reserved before Stripe was asked
      await settle(w);
      const transfers = await transfersOf(w);
      expect(transfers).toHaveLength(1);
      expect(await releasesOf(w)).toEqual([expect.objectContaining({ stripe_transfer_id: transfers[0].id })]);
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });

  it("payout: a worker frozen after Stripe answered loses its lease; another finishes; the late one changes nothing", async () => {
    const world = await startStripe(env);
    try {
      const w = await funded(world, [19_999]);
      await approve(w);
      const frozen = deferred();
      const reachedStripe = deferred();
      const zombie = drain(world.deps, { afterStripeCall: async () => { reachedStripe.resolve(); await frozen.promise; } }, 1);
      await reachedStripe.promise;
      await sleep(1_100); // its 1 s lease ran out
      const rescue = await drain(world.deps);
      expect(await mine(w, rescue, "release_payout")).toEqual([expect.objectContaining({ result: "done" })]);
      frozen.resolve();
      await zombie;
      const transfers = await transfersOf(w);
      expect(transfers).toHaveLength(1);
      expect(await releasesOf(w)).toEqual([expect.objectContaining({ stripe_transfer_id: transfers[0].id })]);
      expect((await jobOf(w, "release_payout")).map((j) => j.status)).toEqual(["done"]);
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });

  it("refund: the worker throws after Stripe refunded; the retry records the same refund once", async () => {
    const world = await startStripe(env);
    try {
      const w = await funded(world, [40_000], { start: false });
      await rpc(env, w.init, "cancel_mission", { mission_id: w.fx.id, reason: "Changed plans" });
      const out = await drain(world.deps, { afterStripeCall: () => { throw new Error("worker killed"); } });
      expect(await mine(w, out, "refund")).toEqual([expect.objectContaining({ result: "retry" })]);
      expect((await refundsOf(w)).map((r) => r.amount)).toEqual([40_000]);
      expect((await ledgerOf(env, [w.fx.id])).filter((r) => r.type === "refund").map((r) => r.status)).toEqual(["pending"]);
      await settle(w);
      const refunds = await refundsOf(w);
      expect(refunds).toHaveLength(1);
      expect((await ledgerOf(env, [w.fx.id])).filter((r) => r.type === "refund"))
        .toEqual([expect.objectContaining({ stripe_refund_id: refunds[0].id, amount_cents: 40_000, status: "completed" })]);
      expect(await position(env, w.fx.id)).toMatchObject({ held_cents: 0, refunded_cents: 40_000 });
      expect((await jobOf(w, "refund")).map((j) => j.status)).toEqual(["done"]);
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });

  it("refund: Stripe's charge.refunded arrives between the crash and the retry; still one refund", async () => {
    const world = await startStripe(env);
    try {
      const w = await funded(world, [33_000], { start: false });
      await rpc(env, w.init, "cancel_mission", { mission_id: w.fx.id, reason: "Changed plans" });
      await drain(world.deps, { afterStripeCall: () => { throw new Error("worker killed"); } });
      const [charge] = (await world.state()).charges.filter((c) => c.payment_intent === w.pi);
      expect((await deliver(w, await world.control("chargeRefundedEvent", charge.id))).status).toBe(200);
      await settle(w);
      expect(await refundsOf(w)).toHaveLength(1);
      expect((await ledgerOf(env, [w.fx.id])).filter((r) => r.type === "refund")).toHaveLength(1);
      expect((await jobOf(w, "refund")).map((j) => j.status)).toEqual(["done"]);
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });
});

// ------------------------------------------------------------------------------------------------
// Stripe failing. The SDK (maxNetworkRetries: 2, here with a 500 ms timeout) retries connection
// errors and 5xx itself, with backoff and the same idempotency key; what it gives up on (or does not
// retry: a 429 without Stripe-Should-Retry) the job queue retries with its own backoff.
// ------------------------------------------------------------------------------------------------
const FAST: StripeOptions = { timeout: 500, maxNetworkRetries: 2 };

async function transferCalls(w: Work, i = 0) {
  return (await calls(w.world)).filter((c) => c.path === "/v1/transfers" &&
    (c.params.metadata as Record<string, string> | undefined)?.milestone_id === w.fx.milestones[i].id);
}

/** The job's backoff, then the next drain: waits the real backoff (capped) so the retry is the queue's own. */
async function retryAfterBackoff(w: Work, kind: string) {
  const [job] = await env.raw<{ id: number; wait_ms: number; attempts: number; status: string }[]>`
    select id::int as id, status, attempts, greatest(0, extract(epoch from run_after - now()) * 1000)::int as wait_ms
    from private.jobs where kind = ${kind} and payload ->> 'mission_id' = ${w.fx.id}`;
  expect(job.status).toBe("queued");
  // fail_job: retried after 2^attempts seconds.
  expect(job.wait_ms).toBeGreaterThan(2 ** job.attempts * 1000 - 1500);
  expect(job.wait_ms).toBeLessThanOrEqual(2 ** job.attempts * 1000);
  await sleep(Math.min(job.wait_ms + 50, 5_000));
  await expireBackoff(env, [w.fx.id]);
  return drain(w.world.deps);
}

describe("Stripe answering 500, 429, or timing out", () => {
  it("a 500 on the transfer: the SDK retries with the same key; one transfer, one ledger entry", async () => {
    const world = await startStripe(env, FAST);
    try {
      const w = await funded(world, [21_000]);
      await approve(w);
      await fault(world, { match: "POST /v1/transfers", status: 500, times: 1 });
      const out = await drain(world.deps);
      expect(await mine(w, out, "release_payout")).toEqual([expect.objectContaining({ result: "done" })]);
      const tried = await transferCalls(w);
      expect(tried.length).toBe(2);
      expect(new Set(tried.map((c) => c.idempotencyKey))).toEqual(new Set([`release-${w.fx.milestones[0].id}-${w.lead.contributorId}`]));
      expect(await transfersOf(w)).toHaveLength(1);
      expect(await releasesOf(w)).toHaveLength(1);
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });

  it("500s outlasting the SDK's retries: the job is retried with backoff; one transfer, one ledger entry, job done", async () => {
    const world = await startStripe(env, FAST);
    try {
      const w = await funded(world, [22_000]);
      await approve(w);
      await fault(world, { match: "POST /v1/transfers", status: 500, times: 3 });
      const out = await drain(world.deps);
      expect(await mine(w, out, "release_payout")).toEqual([expect.objectContaining({ result: "retry" })]);
      expect(await transferCalls(w)).toHaveLength(3); // the first try and the SDK's two retries
      expect(await transfersOf(w)).toHaveLength(0);
      const again = await retryAfterBackoff(w, "release_payout");
      expect(await mine(w, again, "release_payout")).toEqual([expect.objectContaining({ result: "done" })]);
      expect(await transfersOf(w)).toHaveLength(1);
      expect(await releasesOf(w)).toHaveLength(1);
      expect((await jobOf(w, "release_payout")).map((j) => j.status)).toEqual(["done"]);
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });

  it("a 429: retried (by the SDK or the queue's backoff) with the same key; one transfer, one ledger entry", async () => {
    const world = await startStripe(env, FAST);
    try {
      const w = await funded(world, [23_000]);
      await approve(w);
      await fault(world, { match: "POST /v1/transfers", status: 429, times: 1 });
      let out = await drain(world.deps);
      if ((await mine(w, out, "release_payout")).some((o) => o.result === "retry")) out = await retryAfterBackoff(w, "release_payout");
      expect(await mine(w, out, "release_payout")).toEqual([expect.objectContaining({ result: "done" })]);
      const tried = await transferCalls(w);
      expect(tried).toHaveLength(2);
      expect(new Set(tried.map((c) => c.idempotencyKey)).size).toBe(1);
      expect(await transfersOf(w)).toHaveLength(1);
      expect(await releasesOf(w)).toHaveLength(1);
      expect((await jobOf(w, "release_payout")).map((j) => j.status)).toEqual(["done"]);
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });

  it("a timeout (Stripe answers after the client gave up, having made the transfer): one transfer, one ledger entry", async () => {
    const world = await startStripe(env, FAST);
    try {
      const w = await funded(world, [24_000]);
      await approve(w);
      await fault(world, { match: "POST /v1/transfers", delayMs: 1_200, times: 1 });
      const out = await drain(world.deps);
      expect(await mine(w, out, "release_payout")).toEqual([expect.objectContaining({ result: "done" })]);
      await sleep(1_300); // the slow first request completes at Stripe, and is an idempotent replay
      expect((await transferCalls(w)).length).toBeGreaterThanOrEqual(2);
      expect(await transfersOf(w)).toHaveLength(1);
      expect(await releasesOf(w)).toEqual([expect.objectContaining({ stripe_transfer_id: (await transfersOf(w))[0].id })]);
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });

  it("every attempt times out (Stripe made the transfer anyway): the queue's retry records that transfer once", async () => {
    const world = await startStripe(env, FAST);
    try {
      const w = await funded(world, [26_000]);
      await approve(w);
      await fault(world, { match: "POST /v1/transfers", delayMs: 1_000, times: 3 });
      const out = await drain(world.deps);
      expect(await mine(w, out, "release_payout")).toEqual([expect.objectContaining({ result: "retry" })]);
      await sleep(1_100);
      expect(await transfersOf(w)).toHaveLength(1); // made at Stripe, reserved (pending) in the ledger
      expect((await releasesOf(w)).map((r) => r.status)).toEqual(["pending"]);
      const again = await retryAfterBackoff(w, "release_payout");
      expect(await mine(w, again, "release_payout")).toEqual([expect.objectContaining({ result: "done" })]);
      const transfers = await transfersOf(w);
      expect(transfers).toHaveLength(1);
      expect(await releasesOf(w)).toEqual([expect.objectContaining({ stripe_transfer_id: transfers[0].id })]);
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });

  it("a 500 and a timeout on the refund: one refund, one ledger entry", async () => {
    const world = await startStripe(env, FAST);
    try {
      const w = await funded(world, [27_000], { start: false });
      await rpc(env, w.init, "cancel_mission", { mission_id: w.fx.id, reason: "Changed plans" });
      await fault(world, { match: "POST /v1/refunds", status: 500, times: 1 });
      await fault(world, { match: "POST /v1/refunds", delayMs: 1_000, times: 1 });
      const out = await drain(world.deps);
      expect(await mine(w, out, "refund")).toEqual([expect.objectContaining({ result: "done" })]);
      await sleep(1_100);
      expect(await refundsOf(w)).toHaveLength(1);
      expect((await ledgerOf(env, [w.fx.id])).filter((r) => r.type === "refund")).toHaveLength(1);
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });

  it("a 500 creating the PaymentIntent: funding succeeds with one PaymentIntent", async () => {
    const world = await startStripe(env, FAST);
    try {
      const init = await initiator(env);
      const fx = await insertMission(env, init, null, [15_000]);
      missions.push(fx.id);
      await fault(world, { match: "POST /v1/payment_intents", status: 500, times: 1 });
      const res = await callPayments(world.deps, init, "/payments/fund", { mission_id: fx.id });
      expect(res.status).toBe(201);
      const pis = (await world.state()).paymentIntents.filter((p) => p.metadata?.mission_id === fx.id);
      expect(pis.map((p) => p.id)).toEqual([res.body.payment_intent_id]);
      const tried = (await calls(world)).filter((c) => c.path === "/v1/payment_intents");
      expect(tried.map((c) => c.idempotencyKey)).toEqual([`fund-${fx.id}-15000`, `fund-${fx.id}-15000`]);
      expect(await env.raw`select 1 from public.escrow_transactions where mission_id = ${fx.id}`).toHaveLength(1);
    } finally {
      await world.close();
    }
  });
});

// ------------------------------------------------------------------------------------------------
describe("webhooks delivered three times and out of order", () => {
  it("payment_intent.succeeded x3 around an older payment_intent.payment_failed: funded once", async () => {
    const world = await startStripe(env);
    try {
      const init = await initiator(env);
      const fx = await insertMission(env, init, null, [18_000]);
      missions.push(fx.id);
      const res = await callPayments(world.deps, init, "/payments/fund", { mission_id: fx.id });
      const failed = await world.control("failPaymentIntent", res.body.payment_intent_id);
      const ok = await world.control("succeedPaymentIntent", res.body.payment_intent_id);
      ok.created = failed.created + 5; // Stripe made the success after the decline
      const first = await webhook(world.deps, ok);
      const late = await webhook(world.deps, failed); // older, delivered after the newer
      const dups = await Promise.all([webhook(world.deps, ok), webhook(world.deps, ok)]);
      expect([first, late, ...dups].map((r) => r.status)).toEqual([200, 200, 200, 200]);
      expect(first.body).toEqual({ received: true });
      expect(dups.map((r) => r.body)).toEqual([{ received: true, duplicate: true }, { received: true, duplicate: true }]);
      expect(await env.raw`select status::text, amount_cents::int from public.escrow_transactions where mission_id = ${fx.id}`)
        .toEqual([{ status: "completed", amount_cents: 18_000 }]);
      expect(await env.raw`select 1 from private.domain_events where mission_id = ${fx.id} and event = 'mission:funded'`).toHaveLength(1);
      expect(await position(env, fx.id)).toMatchObject({ funded_cents: 18_000, held_cents: 18_000 });
      expect((await env.raw<{ status: string }[]>`select status::text as status from public.missions where id = ${fx.id}`)[0].status).toBe("open");
      expect(await audit(env, world, [fx], { settled: true }, [ok.id, failed.id])).toEqual([]);
    } finally {
      await world.close();
    }
  });

  it("a card declined, then paid: payment_failed first, then payment_intent.succeeded x3: funded once", async () => {
    const world = await startStripe(env);
    try {
      const init = await initiator(env);
      const fx = await insertMission(env, init, null, [17_000]);
      missions.push(fx.id);
      const res = await callPayments(world.deps, init, "/payments/fund", { mission_id: fx.id });
      const failed = await world.control("failPaymentIntent", res.body.payment_intent_id);
      const ok = await world.control("succeedPaymentIntent", res.body.payment_intent_id);
      ok.created = failed.created + 5;
      expect((await webhook(world.deps, failed)).status).toBe(200);
      const results = await Promise.all([webhook(world.deps, ok), webhook(world.deps, ok)]);
      results.push(await webhook(world.deps, ok));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(results.filter((r) => !r.body.duplicate)).toHaveLength(1);
      expect(await env.raw`select status::text, amount_cents::int from public.escrow_transactions where mission_id = ${fx.id}`)
        .toEqual([{ status: "completed", amount_cents: 17_000 }]);
      expect(await position(env, fx.id)).toMatchObject({ funded_cents: 17_000, held_cents: 17_000 });
      expect(await audit(env, world, [fx], { settled: true }, [ok.id, failed.id])).toEqual([]);
    } finally {
      await world.close();
    }
  });

  it("account.updated x3, the older after the newer: the newest wins and a waiting payout goes out once", async () => {
    const world = await startStripe(env);
    try {
      const w = await funded(world, [16_000], { payouts: false });
      await approve(w);
      const parked = await drain(world.deps);
      expect(await mine(w, parked, "release_payout")).toEqual([expect.objectContaining({ result: "waiting" })]);

      const newer = await world.control("updateAccount", w.account, { payouts_enabled: true, charges_enabled: true, details_submitted: true });
      const older = { ...newer, id: `evt_older_${newer.id.slice(4)}`, created: newer.created - 60,
        data: { object: { ...(newer.data.object as object), payouts_enabled: false, charges_enabled: false } } } as Stripe.Event;
      const round1 = await Promise.all([deliver(w, newer), deliver(w, newer), deliver(w, older)]);
      const round2 = [await deliver(w, older), await deliver(w, newer), await deliver(w, older)];
      expect([...round1, ...round2].map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      const [d] = await env.raw<{ stripe_payouts_enabled: boolean }[]>`
        select stripe_payouts_enabled from public.contributor_private_details where contributor_id = ${w.lead.contributorId}`;
      expect(d.stripe_payouts_enabled).toBe(true);

      await settle(w);
      expect(await transfersOf(w)).toHaveLength(1);
      expect(await releasesOf(w)).toHaveLength(1);
      expect(await msStatus(w)).toBe("paid");
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });

  it("charge.dispute.created and .closed (won) x3, interleaved: held once, released once", async () => {
    const world = await startStripe(env);
    try {
      const w = await funded(world, [14_000, 6_000]);
      const [charge] = (await world.state()).charges.filter((c) => c.payment_intent === w.pi);
      const created = await world.control("disputeCharge", charge.id, 5_000);
      const closed = await world.control("closeDispute", (created.data.object as Stripe.Dispute).id, "won");
      closed.created = created.created + 5;
      const statuses = [
        (await deliver(w, created)).status,
        ...(await Promise.all([deliver(w, created), deliver(w, closed)])).map((r) => r.status),
        (await deliver(w, closed)).status,
        (await deliver(w, created)).status,
        (await deliver(w, closed)).status,
      ];
      expect(statuses.every((s) => s === 200)).toBe(true);
      const rows = (await ledgerOf(env, [w.fx.id])).filter((r) => r.type === "dispute_hold" || r.type === "dispute_release");
      expect(rows.map((r) => `${r.type}:${r.amount_cents}`).sort()).toEqual(["dispute_hold:5000", "dispute_release:5000"]);
      expect(await position(env, w.fx.id)).toMatchObject({ held_cents: 20_000, disputed_cents: 0 });
      await expectAudited(w);
    } finally {
      await world.close();
    }
  });
});
