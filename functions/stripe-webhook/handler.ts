// /functions/v1/stripe-webhook: Stripe's events, for the platform account and connected accounts
// (verify_jwt is off: Stripe signs its requests instead). Every event is checked against the
// signature on the raw body (5-minute tolerance), journaled once by its id, and processed at most
// once, in any order: each step is idempotent and reads the object state the event carries; an
// event that cannot be processed yet answers 500 so Stripe retries it later.
// Sources: an event of a connected account (`account` set) is accepted only when signed with the
// Connect endpoint's secret and only for Connect event types; a platform event only with the
// platform secret; `livemode` must match the secret key's mode (sk_live_ / sk_test_).
// Poison events: one that can never be processed (a permanent data error: SQLSTATE class 22 or 23,
// P0001, PT4xx) or that failed MAX_ATTEMPTS times is dead-lettered (private.stripe_events keeps it
// with the reason) and acknowledged with 2xx, instead of failing forever.
import { sql } from "kysely";
import type Stripe from "stripe";
import { z } from "zod";
import { readText } from "../_shared/body.ts";
import { badRequest, json, methodNotAllowed } from "../_shared/errors.ts";
import type { Deps, Handler } from "../_shared/handler.ts";
import { type ArgsOf, rpc } from "../_shared/rpc.ts";
import { requireStripe, webhookCrypto } from "../_shared/stripe.ts";

/** The largest request body accepted: Stripe's event bodies (tens of KB; Connect account objects are the largest). */
export const maxBodyBytes = 512 * 1024;

export const requires = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"] as const;

const TOLERANCE_SECONDS = 300;

// What every Stripe event has. A signed body that is not one (Stripe never sends such) is refused
// before it is stored.
const eventShape = z.object({
  id: z.string().regex(/^evt_\w{1,250}$/),
  type: z.string().min(1).max(100),
  created: z.number().int().min(0).max(2 ** 40),
  livemode: z.boolean().optional(),
  account: z.string().max(255).optional(),
  data: z.object({ object: z.looseObject({ id: z.string().min(1).max(255).optional() }) }),
});

// The objects of the events we act on: the fields we read, with their types.
const id = z.string().min(1).max(255);
const objectShapes: Record<string, z.ZodType> = {
  "payment_intent.succeeded": z.looseObject({
    id, amount: z.number().int().positive(), amount_received: z.number().int().nonnegative().optional(), currency: z.string().length(3),
    latest_charge: z.union([id, z.looseObject({ id }), z.null()]).optional(),
    metadata: z.looseObject({ mission_id: z.uuid().optional() }).optional(),
  }),
  "payment_intent.payment_failed": z.looseObject({ id }),
  "charge.refunded": z.looseObject({
    id, amount_refunded: z.number().int().nonnegative(), refunds: z.looseObject({ data: z.array(z.looseObject({ id, amount: z.number().int().positive(), status: z.string() })) }).optional(),
  }),
  "charge.dispute.created": z.looseObject({ id, amount: z.number().int().positive(), charge: z.union([id, z.looseObject({ id })]), status: z.string() }),
  "charge.dispute.closed": z.looseObject({ id, amount: z.number().int().positive(), charge: z.union([id, z.looseObject({ id })]), status: z.string() }),
  "account.updated": z.looseObject({ id, charges_enabled: z.boolean(), payouts_enabled: z.boolean(), details_submitted: z.boolean() }),
};

function checkShape(event: unknown): Stripe.Event {
  const base = eventShape.safeParse(event);
  const type = base.success ? base.data.type : undefined;
  const object = type && objectShapes[type] ? objectShapes[type].safeParse(base.data?.data.object) : { success: true };
  if (!base.success || !object.success) throw badRequest("The event is not a well-formed Stripe event.");
  return event as Stripe.Event;
}

/**
 * The Stripe SDK refuses signatures older than the tolerance; one dated in the future is refused here,
 * with the same tolerance (a signed body replayed with a forged future timestamp cannot verify anyway,
 * but a clock that far ahead is not Stripe's).
 */
function refuseFutureTimestamp(deps: Deps, signature: string): void {
  const stamps = [...signature.matchAll(/(?:^|,)\s*t=(\d+)/g)].map((m) => Number(m[1]));
  const now = Math.floor(deps.now().getTime() / 1000);
  if (stamps.length === 0 || stamps.some((t) => t > now + TOLERANCE_SECONDS)) {
    throw badRequest("The Stripe signature does not match, or is too old or too far in the future.");
  }
}

/** The event types a connected account's (Connect) endpoint delivers that we accept. */
export const CONNECT_EVENT_TYPES: ReadonlySet<string> = new Set([
  "account.updated", "account.application.deauthorized", "account.external_account.updated",
  "capability.updated", "person.updated", "payout.failed", "payout.paid", "payout.canceled",
]);

/** Attempts after which an event that still fails is dead-lettered. */
export const MAX_ATTEMPTS = 8;

type Source = "platform" | "connect";

async function verify(deps: Deps, body: string, signature: string): Promise<{ event: Stripe.Event; source: Source }> {
  refuseFutureTimestamp(deps, signature);
  const stripe = requireStripe(deps.stripe);
  const secrets: [Source, string | undefined][] = [
    ["platform", deps.config.STRIPE_WEBHOOK_SECRET],
    ["connect", deps.config.STRIPE_CONNECT_WEBHOOK_SECRET],
  ];
  for (const [source, secret] of secrets) {
    if (!secret) continue;
    try {
      // receivedAt is in milliseconds.
      const event = await stripe.webhooks.constructEventAsync(body, signature, secret, TOLERANCE_SECONDS, webhookCrypto, deps.now().getTime());
      return { event, source };
    } catch {
      // not this secret: try the next
    }
  }
  throw badRequest("The Stripe signature does not match, or is too old.");
}

/** Where an event came from must be where such events come from, in the key's mode. */
function checkSource(deps: Deps, event: Stripe.Event, source: Source): void {
  const account = (event as { account?: string }).account;
  if (source === "platform" && account) {
    throw badRequest("A connected account's event is accepted on the Connect endpoint only.");
  }
  if (source === "connect" && (!account || !CONNECT_EVENT_TYPES.has(event.type))) {
    throw badRequest("The Connect endpoint accepts connected accounts' Connect events only.");
  }
  const liveKey = /^(sk|rk)_live_/.test(deps.config.STRIPE_SECRET_KEY ?? "");
  if ((event.livemode ?? false) !== liveKey) {
    throw badRequest(`A ${event.livemode ? "live" : "test"} mode event does not belong to this ${liveKey ? "live" : "test"} mode key.`);
  }
}

/** A failure the event will always raise: data errors (22, 23), raised exceptions (P0001), refusals (PT4xx). */
export function isPermanent(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === "string" && /^(22|23)[0-9A-Z]{3}$|^P0001$|^PT4[0-9]{2}$/.test(code);
}

const missionOfCharge = async (deps: Deps, chargeId: string): Promise<string | undefined> => {
  const { rows } = await sql<{ mission_id: string }>`
    select mission_id from private.mission_charges where charge_id = ${chargeId}`.execute(deps.db.db);
  return rows[0]?.mission_id;
};

const isStray = async (deps: Deps, paymentIntentId: string): Promise<boolean> => {
  const { rows } = await sql<{ one: number }>`
    select 1 as one from private.stray_charges where payment_intent_id = ${paymentIntentId}`.execute(deps.db.db);
  return rows.length > 0;
};

async function process(deps: Deps, event: Stripe.Event): Promise<void> {
  const db = deps.db.db;
  switch (event.type) {
    case "payment_intent.succeeded": {
      const pi = event.data.object as Stripe.PaymentIntent;
      const missionId = pi.metadata?.mission_id;
      if (!missionId) return; // not an escrow deposit
      const charge = typeof pi.latest_charge === "string" ? pi.latest_charge : pi.latest_charge?.id ?? null;
      await rpc(db, "complete_deposit", {
        payment_intent_id: pi.id,
        charge_id: charge as string, // null until Stripe names the charge: the function accepts it
        amount_cents: pi.amount_received || pi.amount,
        currency: pi.currency,
        mission_id: missionId,
      });
      return;
    }
    case "payment_intent.payment_failed": {
      const pi = event.data.object as Stripe.PaymentIntent;
      await rpc(db, "fail_deposit", { payment_intent_id: pi.id, reason: pi.last_payment_error?.message ?? "payment failed" });
      return;
    }
    case "charge.refunded": {
      const charge = event.data.object as Stripe.Charge;
      const pi = typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
      if (pi && await isStray(deps, pi)) {
        // A stray charge's refund (no escrow was ever booked for it): recorded on the stray charge.
        const refund = (charge.refunds?.data ?? []).find((r) => r.status === "succeeded");
        if (refund) {
          await rpc(db, "record_stray_refund", { payment_intent_id: pi, refund_id: refund.id, amount_refunded: charge.amount_refunded });
        }
        return;
      }
      const missionId = await missionOfCharge(deps, charge.id);
      if (!missionId) throw new Error(`charge ${charge.id} is not known yet`);
      for (const refund of charge.refunds?.data ?? []) {
        if (refund.status === "succeeded") {
          // Our own refunds name their ledger reservation; others (made in the dashboard) are recorded anew.
          const reservation = /^[0-9a-f-]{36}$/.test(refund.metadata?.reservation_id ?? "") ? refund.metadata!.reservation_id : undefined;
          await rpc(db, "record_refund", {
            mission_id: missionId,
            refund_id: refund.id,
            amount_cents: refund.amount,
            reservation_id: reservation,
            payment_intent_id: pi,
          });
        }
      }
      return;
    }
    case "charge.dispute.created":
    case "charge.dispute.closed": {
      const dispute = event.data.object as Stripe.Dispute;
      const chargeId = typeof dispute.charge === "string" ? dispute.charge : dispute.charge.id;
      const missionId = await missionOfCharge(deps, chargeId);
      if (!missionId) throw new Error(`charge ${chargeId} is not known yet`);
      const stage = event.type === "charge.dispute.created" ? "created" : dispute.status === "won" ? "won" : "lost";
      if (stage === "won" || stage === "lost" || event.type === "charge.dispute.created") {
        await rpc(db, "record_dispute", { mission_id: missionId, dispute_id: dispute.id, amount_cents: dispute.amount, stage, reason: dispute.reason });
      }
      return;
    }
    case "account.updated": {
      const account = event.data.object as Stripe.Account;
      await rpc(db, "sync_connected_account", {
        account_id: account.id,
        charges_enabled: account.charges_enabled,
        payouts_enabled: account.payouts_enabled,
        details_submitted: account.details_submitted,
        observed_at: new Date(event.created * 1000).toISOString(),
      });
      return;
    }
    // Journaled for reconciliation; nothing else to do.
    case "transfer.created":
    case "transfer.reversed":
    case "payout.failed":
    default:
      return;
  }
}

export const handler: Handler = async (req, deps) => {
  if (req.method !== "POST") throw methodNotAllowed(["POST"]);
  const signature = req.headers.get("Stripe-Signature");
  if (!signature) throw badRequest("Missing Stripe-Signature header.");
  const body = await readText(req, maxBodyBytes);
  const verified = await verify(deps, body, signature);
  const event = checkShape(verified.event);
  checkSource(deps, event, verified.source);

  // postgres.js serializes a jsonb parameter itself: pass the object, not its JSON text.
  const fresh = await rpc(deps.db.db, "journal_stripe_event", { event: event as unknown as ArgsOf<"journal_stripe_event">["event"] });
  if (!fresh) return json({ received: true, duplicate: true });

  try {
    await process(deps, event);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const code = (err as { code?: unknown })?.code;
    const reason = typeof code === "string" ? `${code}: ${message}` : message;
    const dead = await rpc(deps.db.db, "fail_stripe_event", {
      event_id: event.id, error: reason, permanent: isPermanent(err), max_attempts: MAX_ATTEMPTS,
    });
    if (dead) {
      console.error(`[stripe-webhook] ${event.type} ${event.id} dead-lettered: ${reason}`);
      return json({ received: true, dead_lettered: true });
    }
    console.error(`[stripe-webhook] ${event.type} ${event.id} not processed yet: ${reason}`);
    return json({ error: { code: "not_processed", message: "The event could not be processed yet; Stripe will retry." } }, 500);
  }
  await rpc(deps.db.db, "finish_stripe_event", { event_id: event.id });
  return json({ received: true });
};
