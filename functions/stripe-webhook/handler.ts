// /functions/v1/stripe-webhook: Stripe's events, for the platform account and connected accounts
// (verify_jwt is off: Stripe signs its requests instead). Every event is checked against the
// signature on the raw body (5-minute tolerance), journaled once by its id, and processed at most
// once, in any order: each step is idempotent and reads the object state the event carries; an
// event that cannot be processed yet answers 500 so Stripe retries it later.
import { sql } from "kysely";
import type Stripe from "stripe";
import { z } from "zod";
import { readText } from "../_shared/body.ts";
import { badRequest, json, methodNotAllowed } from "../_shared/errors.ts";
import type { Deps, Handler } from "../_shared/handler.ts";
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
    id, refunds: z.looseObject({ data: z.array(z.looseObject({ id, amount: z.number().int().positive(), status: z.string() })) }).optional(),
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

async function verify(deps: Deps, body: string, signature: string): Promise<Stripe.Event> {
  refuseFutureTimestamp(deps, signature);
  const stripe = requireStripe(deps.stripe);
  const secrets = [deps.config.STRIPE_WEBHOOK_SECRET, deps.config.STRIPE_CONNECT_WEBHOOK_SECRET].filter((s): s is string => !!s);
  for (const secret of secrets) {
    try {
      // receivedAt is in milliseconds.
      return await stripe.webhooks.constructEventAsync(body, signature, secret, TOLERANCE_SECONDS, webhookCrypto, deps.now().getTime());
    } catch {
      // not this secret: try the next
    }
  }
  throw badRequest("The Stripe signature does not match, or is too old.");
}

const missionOfCharge = async (deps: Deps, chargeId: string): Promise<string | undefined> => {
  const { rows } = await sql<{ mission_id: string }>`
    select mission_id from private.mission_charges where charge_id = ${chargeId}`.execute(deps.db.db);
  return rows[0]?.mission_id;
};

async function process(deps: Deps, event: Stripe.Event): Promise<void> {
  const db = deps.db.db;
  switch (event.type) {
    case "payment_intent.succeeded": {
      const pi = event.data.object as Stripe.PaymentIntent;
      const missionId = pi.metadata?.mission_id;
      if (!missionId) return; // not an escrow deposit
      const charge = typeof pi.latest_charge === "string" ? pi.latest_charge : pi.latest_charge?.id ?? null;
      await sql`select public.complete_deposit(${pi.id}, ${charge}, ${pi.amount_received || pi.amount}, ${pi.currency}, ${missionId})`
        .execute(db);
      return;
    }
    case "payment_intent.payment_failed": {
      const pi = event.data.object as Stripe.PaymentIntent;
      await sql`select public.fail_deposit(${pi.id}, ${pi.last_payment_error?.message ?? "payment failed"})`.execute(db);
      return;
    }
    case "charge.refunded": {
      const charge = event.data.object as Stripe.Charge;
      const missionId = await missionOfCharge(deps, charge.id);
      if (!missionId) throw new Error(`charge ${charge.id} is not known yet`);
      for (const refund of charge.refunds?.data ?? []) {
        if (refund.status === "succeeded") {
          // Our own refunds name their ledger reservation; others (made in the dashboard) are recorded anew.
          const reservation = /^[0-9a-f-]{36}$/.test(refund.metadata?.reservation_id ?? "") ? refund.metadata!.reservation_id : null;
          await sql`select public.record_refund(${missionId}, ${refund.id}, ${refund.amount}, ${reservation})`.execute(db);
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
        await sql`select public.record_dispute(${missionId}, ${dispute.id}, ${dispute.amount}, ${stage}, ${dispute.reason})`.execute(db);
      }
      return;
    }
    case "account.updated": {
      const account = event.data.object as Stripe.Account;
      await sql`select public.sync_connected_account(${account.id}, ${account.charges_enabled}, ${account.payouts_enabled},
        ${account.details_submitted}, to_timestamp(${event.created}))`.execute(db);
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
  const event = checkShape(await verify(deps, body, signature));

  // postgres.js serializes a jsonb parameter itself: pass the object, not its JSON text.
  const { rows } = await sql<{ fresh: boolean }>`select public.journal_stripe_event(${event as unknown}::jsonb) as fresh`
    .execute(deps.db.db);
  if (!rows[0].fresh) return json({ received: true, duplicate: true });

  try {
    await process(deps, event);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await sql`select public.finish_stripe_event(${event.id}, ${message})`.execute(deps.db.db);
    console.error(`[stripe-webhook] ${event.type} ${event.id} not processed yet: ${message}`);
    return json({ error: { code: "not_processed", message: "The event could not be processed yet; Stripe will retry." } }, 500);
  }
  await sql`select public.finish_stripe_event(${event.id}, null)`.execute(deps.db.db);
  return json({ received: true });
};
