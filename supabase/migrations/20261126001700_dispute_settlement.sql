-- Settling a mission's escrow when a card dispute holds part of it.
--
-- Before: a refund left in escrow the full amount of every approved, unpaid milestone, whether or not
-- escrow could still pay it. When a card dispute had taken part of the money, such a payout could
-- never be made (the balance trigger refused its reservation until the job died), and on a cancelled
-- mission the amount set aside for it stayed in escrow for good: neither paid out nor refunded.
--
-- Now one rule says which approved payouts escrow can pay: private.payable_milestones, in milestone
-- order, as far as the balance reaches. The payouts worker reserves only those (the others wait for
-- money to come back, e.g. a dispute won, instead of failing until they die), and a refund leaves
-- exactly their amounts in escrow, so the two never take each other's money. A dispute opened on a
-- cancelled mission asks for a refund of what the payouts can no longer use; a dispute closed wakes
-- the payouts that were waiting for money. On a cancelled mission a payout nothing can pay any more
-- (no disputed money may come back) ends, and a refund that finds money for one queues it again.

-- =============================================================================================
-- Which approved payouts escrow can pay
-- =============================================================================================
-- The approved milestones of a mission without a (live) release whose payout + fee escrow can pay
-- in full: taken in milestone order, one that does not fit in what is left is passed over for a
-- later one that does. Paying one of them, or refunding everything else, leaves the answer for the
-- others unchanged, so the payouts and the refund can run in any order.
create function private.payable_milestones(mission_id uuid)
returns table (milestone_id uuid, amount_cents bigint)
language plpgsql
stable
set search_path = ''
as $$
declare
  budget bigint := greatest(private.escrow_balance(payable_milestones.mission_id), 0);
  ms record;
begin
  for ms in
    select x.id, x.amount_cents as amount from public.milestones x
    where x.mission_id = payable_milestones.mission_id and x.status = 'approved'
      and not exists (select from public.escrow_transactions e
                      where e.milestone_id = x.id and e.type = 'release' and e.status <> 'failed')
    order by x.order_index, x.id
  loop
    if ms.amount <= budget then
      budget := budget - ms.amount;
      milestone_id := ms.id;
      amount_cents := ms.amount;
      return next;
    end if;
  end loop;
end
$$;
comment on function private.payable_milestones(uuid) is
  'Approved, unreleased milestones whose payout + fee the mission''s escrow can pay in full, in milestone order.';
revoke execute on function private.payable_milestones(uuid) from public;

-- Whether money a card dispute holds may still come back to the mission's escrow: a hold whose
-- dispute is neither won (released) nor closed lost at Stripe.
create function private.dispute_may_return(mission_id uuid)
returns boolean
language sql
stable
set search_path = ''
as $$
  select exists (
    select from public.escrow_transactions h
    where h.mission_id = dispute_may_return.mission_id and h.type = 'dispute_hold' and h.status <> 'failed'
      and not exists (select from public.escrow_transactions r
                      where r.stripe_dispute_id = h.stripe_dispute_id and r.type = 'dispute_release' and r.status = 'completed')
      and not exists (select from private.stripe_events s
                      where s.type = 'charge.dispute.closed' and s.object_id = h.stripe_dispute_id
                        and s.payload #>> '{data,object,status}' <> 'won'))
$$;
comment on function private.dispute_may_return(uuid) is
  'True while a card dispute holds money of the mission that may still come back (not won, not closed lost).';
revoke execute on function private.dispute_may_return(uuid) from public;

-- =============================================================================================
-- Phase one of a payout: only a payout escrow can pay is reserved
-- =============================================================================================
create or replace function public.reserve_release(milestone_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  ms public.milestones := private.lock_milestone(milestone_id);
  m public.missions;
  plan jsonb;
  existing public.escrow_transactions;
  pair uuid := gen_random_uuid();
begin
  select * into m from public.missions where id = ms.mission_id;
  plan := public.payout_plan(ms.id);
  select * into existing from public.escrow_transactions x
    where x.milestone_id = ms.id and x.type = 'release' and x.status <> 'failed';
  if found then
    return plan || jsonb_build_object('reserved', true, 'release_status', existing.status, 'transfer_id', existing.stripe_transfer_id,
                                      'payout_cents', existing.amount_cents, 'contributor_id', existing.contributor_id);
  end if;
  if ms.status <> 'approved' then
    return plan || jsonb_build_object('reserved', false, 'skip', format('the milestone is %s', ms.status));
  end if;
  if (plan ->> 'destination') is null or not (plan ->> 'payouts_enabled')::boolean or (plan ->> 'contributor_id') is null then
    return plan || jsonb_build_object('reserved', false, 'waiting', true, 'waiting_for', 'account');
  end if;
  -- Escrow cannot pay it (a card dispute holds part of the money): it waits until money comes back
  -- (record_dispute wakes it when the dispute closes); a refund meanwhile leaves only what the
  -- payable milestones need.
  if not exists (select from private.payable_milestones(m.id) p where p.milestone_id = ms.id) then
    -- On a cancelled mission with no disputed money that may come back, nothing will ever pay it:
    -- the job ends (a refund that later finds money for it queues it again).
    if m.status = 'cancelled' and not private.dispute_may_return(m.id) then
      return plan || jsonb_build_object('reserved', false, 'skip', 'escrow can no longer pay it: the mission was cancelled');
    end if;
    return plan || jsonb_build_object('reserved', false, 'waiting', true, 'waiting_for', 'escrow');
  end if;
  insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents, currency,
                                          status, correlation_id, description)
  values (m.id, ms.id, m.initiator_id, (plan ->> 'contributor_id')::uuid, 'release', (plan ->> 'payout_cents')::bigint, m.currency,
          'pending', pair, 'Milestone payout: ' || ms.title);
  if (plan ->> 'fee_cents')::bigint > 0 then
    insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, type, amount_cents, currency, status,
                                            correlation_id, description)
    values (m.id, ms.id, m.initiator_id, 'platform_fee', (plan ->> 'fee_cents')::bigint, m.currency, 'pending', pair,
            'Platform fee: ' || ms.title);
  end if;
  return plan || jsonb_build_object('reserved', true, 'release_status', 'pending');
end
$$;

-- =============================================================================================
-- Phase one of a refund: everything the payable milestones do not need goes back
-- =============================================================================================
create or replace function public.reserve_refund(mission_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions := private.lock_mission(mission_id);
  e public.escrow_transactions;
  held bigint;
  charge record;
begin
  select c.payment_intent_id, c.charge_id into charge from private.mission_charges c where c.mission_id = m.id
    order by c.created_at limit 1;
  -- What stays in escrow for a payout is paid out: a payout job that had stopped (parked or ended
  -- while escrow could not pay it, before money came back) runs again.
  update private.jobs j set status = 'queued', run_after = now(), attempts = 0, locked_until = null, last_error = null
    where j.kind = 'release_payout' and j.status in ('waiting', 'done', 'dead')
      and j.dedupe_key in (select 'release-' || p.milestone_id from private.payable_milestones(m.id) p);
  select * into e from public.escrow_transactions x
    where x.mission_id = m.id and x.type = 'refund' and x.status in ('pending', 'processing') order by x.created_at limit 1;
  if not found then
    -- Approved work escrow can still pay stays for its payout; the rest goes back, including what
    -- was meant for approved work a card dispute left escrow unable to pay.
    held := greatest(private.escrow_balance(m.id)
                     - coalesce((select sum(p.amount_cents) from private.payable_milestones(m.id) p), 0), 0);
    if held = 0 or charge.payment_intent_id is null then
      return null;
    end if;
    insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, currency, status, description)
    values (m.id, m.initiator_id, 'refund', held, m.currency, 'pending', 'Refund to the initiator')
    returning * into e;
  end if;
  return jsonb_build_object('reservation_id', e.id, 'mission_id', m.id, 'amount_cents', e.amount_cents,
    'currency', lower(m.currency), 'payment_intent', charge.payment_intent_id, 'idempotency_key', 'refund-' || e.id);
end
$$;

-- =============================================================================================
-- Card disputes: a hold on a cancelled mission asks for a refund; a dispute won wakes the payouts
-- =============================================================================================
create or replace function public.record_dispute(mission_id uuid, dispute_id text, amount_cents bigint, stage text, reason text default null)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions := private.lock_mission(mission_id);
  hold_amount bigint;
  held boolean := false;
begin
  if stage = 'created' then
    hold_amount := least(amount_cents, greatest(private.escrow_balance(m.id), 0));
    -- Nothing left to hold (all paid out or refunded), or the dispute was already won (its closing
    -- event came first): no hold.
    if hold_amount > 0 and not exists (
        select from private.stripe_events s where s.type = 'charge.dispute.closed' and s.object_id = dispute_id
          and s.payload #>> '{data,object,status}' = 'won') then
      insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, currency, stripe_dispute_id, status,
                                              processed_at, description)
      values (m.id, m.initiator_id, 'dispute_hold', hold_amount, m.currency, dispute_id, 'completed', now(), 'Held for a card dispute')
      on conflict (stripe_dispute_id, type) where stripe_dispute_id is not null do nothing;
      held := found;
    end if;
    if m.status in ('in_progress', 'in_review') then
      perform public.open_dispute(m.id, coalesce(reason, 'card dispute'));
    elsif held and m.status = 'cancelled' then
      -- The hold may have taken money kept for approved payouts it can no longer cover: what they
      -- cannot use now goes back.
      perform private.emit('refund:requested', m.id, 'mission', m.id, jsonb_build_object('reason', 'card dispute after cancellation'));
    end if;
  elsif stage = 'won' then
    select e.amount_cents into hold_amount from public.escrow_transactions e
      where e.stripe_dispute_id = dispute_id and e.type = 'dispute_hold';
    if hold_amount is not null and hold_amount > 0 then
      insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, currency, stripe_dispute_id, status,
                                              processed_at, description)
      values (m.id, m.initiator_id, 'dispute_release', hold_amount, m.currency, dispute_id, 'completed', now(), 'Dispute won: released')
      on conflict (stripe_dispute_id, type) where stripe_dispute_id is not null do nothing;
      if found then
        -- The money is back: payouts that were waiting for it get another look (on a cancelled
        -- mission the refund asked for below also queues those it keeps money for).
        update private.jobs j set status = 'queued', run_after = now(), last_error = null
          where j.kind = 'release_payout' and j.status = 'waiting' and j.payload ->> 'mission_id' = m.id::text;
        if m.status = 'cancelled' then
          perform private.emit('refund:requested', m.id, 'mission', m.id, jsonb_build_object('reason', 'dispute won after cancellation'));
        end if;
      end if;
    end if;
  elsif stage = 'lost' then
    -- The money is gone for good: payouts waiting for it get another look (on a cancelled mission
    -- they end).
    update private.jobs j set status = 'queued', run_after = now(), last_error = null
      where j.kind = 'release_payout' and j.status = 'waiting' and j.payload ->> 'mission_id' = m.id::text;
  else
    raise exception 'Unknown dispute stage %.', stage using errcode = '22023';
  end if;
  perform private.emit('payment:dispute_' || stage, m.id, 'mission', m.id, jsonb_build_object('dispute_id', dispute_id));
end
$$;
