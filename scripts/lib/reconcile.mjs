// Reconciliation (issue 18): the escrow ledger, mission by mission, against the Stripe objects it names,
// read through the Stripe API (the local stand-in when no key is configured). Every difference is one
// finding { mission_id, kind, object_id, detail }; the run is recorded with private.record_reconciliation
// so admins read it with rpc('admin_reconciliation').

/** The Stripe object, or null when Stripe does not know it (404). */
async function retrieve(fn, id) {
  try {
    return await fn(id);
  } catch (err) {
    if (err && (err.statusCode === 404 || err.code === "resource_missing")) return null;
    throw err;
  }
}

/**
 * Compares the ledger with Stripe. `sql` is a postgres.js connection with the service role's reach
 * (it reads public.escrow_transactions, private.mission_charges and private.stripe_events).
 */
export async function reconcile(sql, stripe) {
  const findings = [];
  const say = (mission_id, kind, object_id, detail) => findings.push({ mission_id, kind, object_id, detail });
  const entries = await sql`
    select e.id, e.mission_id, e.type::text as type, e.status::text as status, e.amount_cents::text as amount, lower(e.currency::text) as currency,
           e.stripe_payment_intent_id as pi, e.stripe_transfer_id as transfer, e.stripe_refund_id as refund
    from public.escrow_transactions e
    where e.status <> 'failed' and e.type in ('deposit', 'release', 'refund')
    order by e.mission_id, e.created_at, e.id`;
  for (const e of entries) {
    const amount = Number(e.amount);
    if (e.type === "deposit") {
      if (!e.pi) { say(e.mission_id, "deposit_without_payment_intent", null, `deposit ${e.id} names no PaymentIntent`); continue; }
      const pi = await retrieve((id) => stripe.paymentIntents.retrieve(id), e.pi);
      if (!pi) { say(e.mission_id, "payment_intent_unknown_to_stripe", e.pi, `deposit ${e.id}: Stripe does not know ${e.pi}`); continue; }
      if (pi.metadata?.mission_id !== e.mission_id) say(e.mission_id, "payment_intent_of_another_mission", e.pi, `metadata names ${pi.metadata?.mission_id ?? "no mission"}`);
      if (e.status === "completed") {
        if (pi.status !== "succeeded") say(e.mission_id, "deposit_not_succeeded_at_stripe", e.pi, `booked ${amount}, Stripe says ${pi.status}`);
        else if (pi.amount_received !== amount || pi.currency !== e.currency) {
          say(e.mission_id, "deposit_amount_mismatch", e.pi, `ledger ${amount} ${e.currency}, Stripe ${pi.amount_received} ${pi.currency}`);
        }
      } else if (pi.status === "succeeded") {
        say(e.mission_id, "succeeded_at_stripe_not_booked", e.pi, `Stripe charged ${pi.amount_received} ${pi.currency}; the deposit is ${e.status}`);
      }
    } else if (e.type === "release" && e.status === "completed") {
      const t = e.transfer && await retrieve((id) => stripe.transfers.retrieve(id), e.transfer);
      if (!t) { say(e.mission_id, "transfer_unknown_to_stripe", e.transfer, `release ${e.id} of ${amount}`); continue; }
      if (t.amount !== amount || t.currency !== e.currency) say(e.mission_id, "transfer_amount_mismatch", e.transfer, `ledger ${amount} ${e.currency}, Stripe ${t.amount} ${t.currency}`);
      if (t.transfer_group !== e.mission_id) say(e.mission_id, "transfer_of_another_mission", e.transfer, `transfer_group ${t.transfer_group}`);
      if (t.amount_reversed > 0) say(e.mission_id, "transfer_reversed", e.transfer, `${t.amount_reversed} reversed at Stripe`);
    } else if (e.type === "refund" && e.status === "completed") {
      const r = e.refund && await retrieve((id) => stripe.refunds.retrieve(id), e.refund);
      if (!r) { say(e.mission_id, "refund_unknown_to_stripe", e.refund, `refund ${e.id} of ${amount}`); continue; }
      if (r.amount !== amount || r.status !== "succeeded") say(e.mission_id, "refund_mismatch", e.refund, `ledger ${amount}, Stripe ${r.amount} (${r.status})`);
      if (e.pi && r.payment_intent !== e.pi) say(e.mission_id, "refund_of_another_charge", e.refund, `ledger ${e.pi}, Stripe ${r.payment_intent}`);
    }
  }
  // Charges Stripe reported that no completed deposit books, and events set aside as poison.
  for (const c of await sql`
      select c.payment_intent_id, c.mission_id, c.amount_cents::text as amount from private.mission_charges c
      where not exists (select from public.escrow_transactions d where d.stripe_payment_intent_id = c.payment_intent_id
                        and d.type = 'deposit' and d.status = 'completed')`) {
    say(c.mission_id, "charge_not_booked", c.payment_intent_id, `Stripe reported ${c.amount}; no completed deposit books it`);
  }
  for (const ev of await sql`
      select id, type, dead_letter_reason, payload #>> '{data,object,metadata,mission_id}' as mission_id
      from private.stripe_events where dead_lettered_at is not null order by dead_lettered_at`) {
    const mission = /^[0-9a-f-]{36}$/.test(ev.mission_id ?? "") ? ev.mission_id : null;
    say(mission, "dead_lettered_event", ev.id, `${ev.type}: ${ev.dead_letter_reason}`);
  }
  return findings;
}

/** Reconciles and records the run; returns { runId, findings }. */
export async function reconcileAndRecord(sql, stripe) {
  const findings = await reconcile(sql, stripe);
  const [row] = await sql`select private.record_reconciliation(${sql.json(findings)}) as run_id`;
  return { runId: row.run_id, findings };
}
