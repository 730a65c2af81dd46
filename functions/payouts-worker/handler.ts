// /functions/v1/payouts-worker: drains the durable job queue of money moves. Called with the service
// key by pg_cron + pg_net on Supabase (every minute) and by `npm run dev` locally.
//   release_payout  One part of a team payout (public.milestone_payouts: the lead's, a shadow's, the
//                   core reviewer's share of amount - fee): a transfer to that member's connected
//                   account, with source_transaction = a charge of the mission with that much left and
//                   idempotency key release-<milestone>-<contributor>; waits (parked) until that
//                   member's account can receive payouts, or while a card dispute leaves escrow
//                   unable to cover it; then ledger, and the milestone is paid once every part is.
//   refund          Refund to the initiator's card what escrow holds beyond the approved payouts it can
//                   still pay; then ledger.
//   refund_stray    Refund in full a charge that funds no escrow (another currency, another mission's
//                   PaymentIntent: private.stray_charges), keyed stray-<payment intent>.
// A worker that dies after Stripe answered and before the database committed leaves the job
// leased; when the lease runs out the next run repeats the Stripe call with the same key, Stripe
// replays the same object, and the ledger records it once.
import { authenticate } from "../_shared/auth.ts";
import { json, methodNotAllowed } from "../_shared/errors.ts";
import type { Deps, Handler } from "../_shared/handler.ts";
import Stripe from "stripe";
import { requireStripe } from "../_shared/stripe.ts";
import { rpc, rpcRows } from "../_shared/rpc.ts";

/** The largest request body accepted: no body. */
export const maxBodyBytes = 1024;

export const requires = ["STRIPE_SECRET_KEY"] as const;

type Job = {
  id: number;
  kind: string;
  payload: Record<string, string>;
  attempts: number;
};
type Outcome = {
  job: number;
  kind: string;
  result: "done" | "waiting" | "retry" | "dead";
  detail?: string;
};

/** Test seam: runs after Stripe answered, before the ledger is written (a crash here is survivable). */
export type WorkerHooks = {
  afterStripeCall?: (job: Job, objectId: string) => Promise<void> | void;
};

/** After Stripe found the balance or the source charge short for a transfer, try again this much later. */
export const REFUSED_BALANCE_RETRY_SECONDS = 300;

async function releasePayout(deps: Deps, job: Job, hooks: WorkerHooks): Promise<Outcome> {
  const db = deps.db.db;
  // Phase one: reserve the payout in the ledger before Stripe moves anything.
  // One job per part of a team payout: the milestone and the member it pays.
  const plan = await rpc(db, "reserve_release", {
    milestone_id: job.payload.milestone_id,
    contributor_id: job.payload.contributor_id,
  }) as unknown as {
    reserved: boolean;
    waiting?: boolean;
    waiting_for?: "account" | "escrow";
    skip?: string;
    release_status?: string;
    transfer_id?: string | null;
    payout_cents: number;
    currency: string;
    destination: string | null;
    source_transaction: string | null;
    mission_id: string;
    milestone_id: string;
    contributor_id: string;
    role: string;
    idempotency_key: string;
  };
  if (plan.release_status === "completed" || plan.skip) {
    await rpc(db, "complete_job", { job_id: job.id });
    return { job: job.id, kind: job.kind, result: "done", detail: plan.skip ?? "already paid" };
  }
  if (plan.waiting || !plan.destination) {
    // Woken by account.updated (payouts enabled) or, when escrow cannot cover it, a card dispute won.
    const reason = plan.waiting_for === "escrow"
      ? "waiting for escrow to cover the payout (a card dispute holds part of it)"
      : "waiting for the contributor's Stripe account to accept payouts";
    await rpc(db, "park_job", { job_id: job.id, reason });
    return { job: job.id, kind: job.kind, result: "waiting", detail: plan.waiting_for ?? "account" };
  }
  // Phase two: the transfer, keyed by the milestone (a retry repeats the same request, so a transfer
  // Stripe made is never made twice), then the ledger. After Stripe refused one outright (4xx,
  // nothing created), the next attempt is a new request.
  const stripe = requireStripe(deps.stripe);
  const refusals = Number((job.payload as Record<string, unknown>).refusals ?? 0);
  let transfer;
  try {
    transfer = await stripe.transfers.create(
      {
        amount: plan.payout_cents,
        currency: plan.currency,
        destination: plan.destination,
        transfer_group: plan.mission_id,
        ...(plan.source_transaction ? { source_transaction: plan.source_transaction } : {}),
        metadata: { milestone_id: plan.milestone_id, mission_id: plan.mission_id, contributor_id: plan.contributor_id, role: plan.role },
      },
      { idempotencyKey: refusals ? `${plan.idempotency_key}-r${refusals}` : plan.idempotency_key },
    );
  } catch (err) {
    if (err instanceof Stripe.errors.StripeInvalidRequestError) {
      // Nothing was made: the reservation ends (the next attempt reserves again, from a charge that has
      // the money then). An account that cannot take payouts waits for its account.updated; a balance
      // or source Stripe found short is tried again in five minutes (no event announces its end).
      await rpc(db, "release_refused", { milestone_id: plan.milestone_id, contributor_id: plan.contributor_id });
      await rpc(db, "refuse_job", {
        job_id: job.id,
        reason: `Stripe refused the transfer: ${err.message}`,
        retry_in_seconds: err.code === "balance_insufficient" ? REFUSED_BALANCE_RETRY_SECONDS : undefined,
      });
      return { job: job.id, kind: job.kind, result: "waiting", detail: err.message };
    }
    throw err;
  }
  await hooks.afterStripeCall?.(job, transfer.id);
  await rpc(db, "record_release", { milestone_id: plan.milestone_id, contributor_id: plan.contributor_id, transfer_id: transfer.id });
  await rpc(db, "complete_job", { job_id: job.id });
  return { job: job.id, kind: job.kind, result: "done", detail: transfer.id };
}

const MAX_REFUNDS_PER_JOB = 4;

async function refund(deps: Deps, job: Job, hooks: WorkerHooks): Promise<Outcome> {
  const db = deps.db.db;
  const made: string[] = [];
  let drained = false;
  // Until escrow holds nothing more to give back: the reservation found may be another worker's,
  // made before something (a card dispute) left more to refund than it covers.
  for (let round = 0; round < MAX_REFUNDS_PER_JOB && !drained; round++) {
    // Phase one: reserve what escrow holds; the reservation's id keys the Stripe request.
    const plan = await rpc(db, "reserve_refund", { mission_id: job.payload.mission_id }) as unknown as
      | { reservation_id: string; amount_cents: number; payment_intent: string; idempotency_key: string; mission_id: string }
      | null;
    if (!plan) {
      drained = true;
      break;
    }
    const refunded = await requireStripe(deps.stripe).refunds.create(
      {
        payment_intent: plan.payment_intent,
        amount: plan.amount_cents,
        metadata: { mission_id: plan.mission_id, reservation_id: plan.reservation_id },
      },
      { idempotencyKey: plan.idempotency_key },
    );
    await hooks.afterStripeCall?.(job, refunded.id);
    await rpc(db, "record_refund", {
      mission_id: plan.mission_id,
      refund_id: refunded.id,
      amount_cents: refunded.amount,
      reservation_id: plan.reservation_id,
    });
    made.push(refunded.id);
  }
  // Still more to give back after that many rounds: fail the job so it runs again (with backoff)
  // rather than completing with money left in escrow.
  if (!drained) throw new Error(`escrow still holds refundable money after ${MAX_REFUNDS_PER_JOB} refunds (${made.join(", ")})`);
  await rpc(db, "complete_job", { job_id: job.id });
  return { job: job.id, kind: job.kind, result: "done", detail: made.join(",") || "nothing held" };
}

// A stray charge (no mission's escrow: another currency, another mission's PaymentIntent) goes back
// in full, keyed by its PaymentIntent; never booked in the ledger.
async function refundStray(deps: Deps, job: Job, hooks: WorkerHooks): Promise<Outcome> {
  const db = deps.db.db;
  const plan = await rpc(db, "stray_refund_plan", { payment_intent_id: job.payload.payment_intent_id }) as unknown as
    | { payment_intent_id: string; amount_cents: number; refunded_cents: number; reason: string; idempotency_key: string }
    | null;
  if (plan) {
    const refunded = await requireStripe(deps.stripe).refunds.create(
      { payment_intent: plan.payment_intent_id, amount: plan.amount_cents, metadata: { stray: "true", reason: plan.reason } },
      { idempotencyKey: plan.idempotency_key },
    );
    await hooks.afterStripeCall?.(job, refunded.id);
    await rpc(db, "record_stray_refund", {
      payment_intent_id: plan.payment_intent_id,
      refund_id: refunded.id,
      amount_refunded: plan.refunded_cents + refunded.amount,
    });
  }
  await rpc(db, "complete_job", { job_id: job.id });
  return { job: job.id, kind: job.kind, result: "done", detail: plan ? "refunded" : "already refunded" };
}

const workers: Record<
  string,
  (deps: Deps, job: Job, hooks: WorkerHooks) => Promise<Outcome>
> = {
  release_payout: releasePayout,
  refund,
  refund_stray: refundStray,
};

const BATCH = 20;
const MAX_BATCHES = 25;

/** Works through the ready jobs of every kind this worker knows, a batch at a time, until none is ready. */
export async function drain(
  deps: Deps,
  hooks: WorkerHooks = {},
  leaseSeconds = 60,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const [kind, work] of Object.entries(workers)) {
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const jobs = await rpcRows(deps.db.db, "claim_jobs", { kind, max_jobs: BATCH, lease_seconds: leaseSeconds }) as unknown as Job[];
      await runJobs(deps, kind, work, jobs, hooks, outcomes);
      if (jobs.length < BATCH) break;
    }
  }
  return outcomes;
}

async function runJobs(
  deps: Deps,
  kind: string,
  work: (deps: Deps, job: Job, hooks: WorkerHooks) => Promise<Outcome>,
  jobs: Job[],
  hooks: WorkerHooks,
  outcomes: Outcome[],
): Promise<void> {
  for (const job of jobs) {
    try {
      outcomes.push(await work(deps, job, hooks));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const status = await rpc(deps.db.db, "fail_job", { job_id: job.id, error: message });
      outcomes.push({
        job: job.id,
        kind,
        result: status === "dead" ? "dead" : "retry",
        detail: message,
      });
    }
  }
}

export const handler: Handler = async (req, deps) => {
  if (req.method !== "POST") throw methodNotAllowed(["POST"]);
  await authenticate(req, deps.config, ["service_role"]);
  const outcomes = await drain(deps);
  return json({ processed: outcomes.length, outcomes });
};
