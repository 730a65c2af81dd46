-- The escrow ledger's invariants hold against direct writes, even by the service role.
begin;
select plan(45);

select tests.create_user('l-ia@example.com', '{"role":"initiator"}', id => 'd1000000-0000-4000-8000-000000000001');
select tests.create_user('l-lead@example.com', '{}', id => 'd1000000-0000-4000-8000-000000000002');
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days, status, published_at, platform_fee_bps)
values ('d1100000-0000-4000-8000-000000000001', tests.iid('d1000000-0000-4000-8000-000000000001'), 'Ledger', 'ledger-1', 'd', 'backend', 100, 100000, 5, 'in_progress', now(), 1000),
       ('d1100000-0000-4000-8000-000000000002', tests.iid('d1000000-0000-4000-8000-000000000001'), 'Other', 'ledger-2', 'd', 'backend', 100, 100000, 5, 'in_progress', now(), 1000);
insert into public.milestones (id, mission_id, title, order_index, amount_cents, status) values
  ('d1200000-0000-4000-8000-000000000001', 'd1100000-0000-4000-8000-000000000001', 'one', 0, 10005, 'approved'),
  ('d1200000-0000-4000-8000-000000000002', 'd1100000-0000-4000-8000-000000000001', 'two', 1, 20000, 'pending');
insert into public.mission_assignments (mission_id, contributor_id, role, status, accepted_at)
values ('d1100000-0000-4000-8000-000000000001', tests.cid('d1000000-0000-4000-8000-000000000002'), 'lead', 'active', now());
-- The approved milestone's payout part, fixed at approval: all of 10005 - 1001 (fee) to the lead.
insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents)
values ('d1200000-0000-4000-8000-000000000001', 'd1100000-0000-4000-8000-000000000001', tests.cid('d1000000-0000-4000-8000-000000000002'),
        'lead', 10000, 9004);

select tests.charge('pi_ledger_1', 'd1100000-0000-4000-8000-000000000001', 30005);
select throws_ok($$truncate public.escrow_transactions$$, '55000', null, 'not even the owner truncates it');
select tests.as_service_role();
-- A deposit of 30005 completed.
select lives_ok($$insert into public.escrow_transactions (id, mission_id, initiator_id, type, amount_cents, stripe_payment_intent_id, status)
  values ('d1300000-0000-4000-8000-000000000001', 'd1100000-0000-4000-8000-000000000001', tests.iid('d1000000-0000-4000-8000-000000000001'),
          'deposit', 30005, 'pi_ledger_1', 'completed')$$, 'the service role records a deposit');

-- Append-only.
select throws_ok($$update public.escrow_transactions set amount_cents = 1 where id = 'd1300000-0000-4000-8000-000000000001'$$,
  '55000', 'The escrow ledger is append-only: record a correcting entry instead of changing one.', 'an amount never changes');
select throws_ok($$update public.escrow_transactions set type = 'refund' where id = 'd1300000-0000-4000-8000-000000000001'$$,
  '55000', null, 'a type never changes');
select throws_ok($$update public.escrow_transactions set mission_id = 'd1100000-0000-4000-8000-000000000002' where id = 'd1300000-0000-4000-8000-000000000001'$$,
  '55000', null, 'a mission never changes');
select throws_ok($$delete from public.escrow_transactions where id = 'd1300000-0000-4000-8000-000000000001'$$,
  '55000', 'The escrow ledger is append-only: entries are never deleted.', 'an entry is never deleted');
select throws_ok($$update public.escrow_transactions set status = 'pending' where id = 'd1300000-0000-4000-8000-000000000001'$$,
  '55000', 'A ledger entry cannot go from completed to pending.', 'a completed entry stays completed');
select throws_ok($$update public.escrow_transactions set stripe_payment_intent_id = 'pi_other' where id = 'd1300000-0000-4000-8000-000000000001'$$,
  '55000', 'A Stripe id on a ledger entry is set once and never changed.', 'a Stripe id never changes');

-- Amounts: positive integers, the mission's currency.
select throws_ok($$insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, status)
  values ('d1100000-0000-4000-8000-000000000001', tests.iid('d1000000-0000-4000-8000-000000000001'), 'deposit', 0, 'completed')$$,
  '23514', null, 'a zero amount is refused');
select throws_ok($$insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, status)
  values ('d1100000-0000-4000-8000-000000000001', tests.iid('d1000000-0000-4000-8000-000000000001'), 'deposit', -5, 'completed')$$,
  '23514', null, 'a negative amount is refused');
select throws_ok($$insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, currency, status)
  values ('d1100000-0000-4000-8000-000000000001', tests.iid('d1000000-0000-4000-8000-000000000001'), 'deposit', 5, 'EUR', 'completed')$$,
  '23514', 'This mission''s escrow is in USD, not EUR.', 'another currency than the mission''s is refused');

-- Escrow never negative: a refund larger than what is held.
select throws_ok($$insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, stripe_refund_id, status)
  values ('d1100000-0000-4000-8000-000000000001', tests.iid('d1000000-0000-4000-8000-000000000001'), 'refund', 30006, 're_too_much', 'completed')$$,
  '23514', 'Escrow for this mission would go negative (by 1 cents): not enough has been deposited.', 'refunding more than is held is refused');
select throws_ok($$insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, status)
  values ('d1100000-0000-4000-8000-000000000002', tests.iid('d1000000-0000-4000-8000-000000000001'), 'platform_fee', 1, 'completed')$$,
  '23514', null, 'taking a fee from an unfunded mission is refused');

-- A release is a part of the milestone's payout (its payee, its amount), comes with the milestone's
-- fee, and the releases + fee never add up to more than the milestone amount (checked at commit).
select throws_ok($$insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents, stripe_transfer_id, status)
    values ('d1100000-0000-4000-8000-000000000001', 'd1200000-0000-4000-8000-000000000001', tests.iid('d1000000-0000-4000-8000-000000000001'),
            tests.cid('d1000000-0000-4000-8000-000000000002'), 'release', 10005, 'tr_whole', 'completed')$$,
  '23514', 'A milestone payout is a part fixed when it was approved: its payee, its amount.',
  'a release of the whole milestone amount (not the part fixed at approval) is refused');
select throws_ok($q$
  do $x$ begin
    insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents, stripe_transfer_id, status)
    values ('d1100000-0000-4000-8000-000000000001', 'd1200000-0000-4000-8000-000000000001', tests.iid('d1000000-0000-4000-8000-000000000001'),
            tests.cid('d1000000-0000-4000-8000-000000000002'), 'release', 9004, 'tr_no_fee', 'completed');
    set constraints all immediate;
  end $x$ $q$, '23514', 'Payouts (9004) + fee (0) must not exceed the milestone amount (10005), with the mission''s fee (1001).', 'a release without its fee is refused at commit');
select throws_ok($q$
  do $x$ begin
    insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents, stripe_transfer_id, status)
    values ('d1100000-0000-4000-8000-000000000001', 'd1200000-0000-4000-8000-000000000001', tests.iid('d1000000-0000-4000-8000-000000000001'),
            tests.cid('d1000000-0000-4000-8000-000000000002'), 'release', 9004, 'tr_short_fee', 'completed');
    insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, type, amount_cents, status)
    values ('d1100000-0000-4000-8000-000000000001', 'd1200000-0000-4000-8000-000000000001', tests.iid('d1000000-0000-4000-8000-000000000001'),
            'platform_fee', 1000, 'completed');
    set constraints all immediate;
  end $x$ $q$, '23514', 'Payouts (9004) + fee (1000) must not exceed the milestone amount (10005), with the mission''s fee (1001).', 'the fee must be the mission''s fee on the milestone amount');
select throws_ok($$insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents, stripe_transfer_id, status)
    values ('d1100000-0000-4000-8000-000000000001', 'd1200000-0000-4000-8000-000000000001', tests.iid('d1000000-0000-4000-8000-000000000001'),
            tests.cid('d1000000-0000-4000-8000-000000000002'), 'release', 9000, 'tr_short', 'completed')$$,
  '23514', 'A milestone payout is a part fixed when it was approved: its payee, its amount.', 'a release short of its part is refused');

-- The payment function pays it correctly: fee rounds half up (10005 * 10% = 1000.5 -> 1001).
select is((private.record_release('d1200000-0000-4000-8000-000000000001', tests.cid('d1000000-0000-4000-8000-000000000002'), 'tr_ledger_1')) ->> 'replayed', 'false', 'record_release pays the milestone');
select results_eq($$select type::text, amount_cents from public.escrow_transactions where milestone_id = 'd1200000-0000-4000-8000-000000000001' order by type$$,
  $$values ('platform_fee', 1001::bigint), ('release', 9004::bigint)$$, 'payout 9004 + fee 1001 = 10005');
select is((select status::text from public.milestones where id = 'd1200000-0000-4000-8000-000000000001'), 'paid', 'the milestone is paid');
select is((private.record_release('d1200000-0000-4000-8000-000000000001', tests.cid('d1000000-0000-4000-8000-000000000002'), 'tr_ledger_1')) ->> 'replayed', 'true', 'recording the same transfer again is a no-op');
select throws_ok($$select private.record_release('d1200000-0000-4000-8000-000000000001', tests.cid('d1000000-0000-4000-8000-000000000002'), 'tr_ledger_2')$$, '23505', null,
  'a second, different transfer for the same part is refused');
select throws_ok($$insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents, stripe_transfer_id, status)
    values ('d1100000-0000-4000-8000-000000000001', 'd1200000-0000-4000-8000-000000000001', tests.iid('d1000000-0000-4000-8000-000000000001'),
            tests.cid('d1000000-0000-4000-8000-000000000002'), 'release', 9004, 'tr_twice', 'pending')$$,
  '23505', null, 'a part is released at most once, even by direct insert');
select throws_ok($$insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, stripe_payment_intent_id, status)
  values ('d1100000-0000-4000-8000-000000000001', tests.iid('d1000000-0000-4000-8000-000000000001'), 'deposit', 5, 'pi_ledger_1', 'pending')$$,
  '23505', null, 'each Stripe object is journaled once');

-- The position adds up.
select tests.as_postgres();
select results_eq($$select funded_cents, held_cents, released_cents, fees_cents, refunded_cents from public.mission_escrow_position('d1100000-0000-4000-8000-000000000001')$$,
  $$values (30005::bigint, 20000::bigint, 9004::bigint, 1001::bigint, 0::bigint)$$, 'the escrow position: funded 30005, held 20000');
select is((select count(*)::int from private.reconcile_ledger()), 1, 'reconciliation reports the deposit Stripe never confirmed (no event journaled)');

-- ---------------------------------------------------------------------------------------------
-- A card dispute on a cancelled mission with approved work (money property, disputes, seed
-- 20261126, path 87): escrow keeps only what the approved payouts it can still pay need; the rest
-- goes back; a payout it cannot pay waits, and a dispute won wakes it.
-- ---------------------------------------------------------------------------------------------
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days, status, published_at, platform_fee_bps)
values ('d1100000-0000-4000-8000-000000000003', tests.iid('d1000000-0000-4000-8000-000000000001'), 'Disputed, cancelled', 'ledger-3', 'd', 'backend', 100, 1000000, 5, 'cancelled', now(), 1000),
       ('d1100000-0000-4000-8000-000000000004', tests.iid('d1000000-0000-4000-8000-000000000001'), 'Path 87', 'ledger-4', 'd', 'backend', 100, 1000000, 5, 'cancelled', now(), 0);
insert into public.milestones (id, mission_id, title, order_index, amount_cents, status) values
  ('d1200000-0000-4000-8000-000000000031', 'd1100000-0000-4000-8000-000000000003', 'big', 0, 60000, 'approved'),
  ('d1200000-0000-4000-8000-000000000032', 'd1100000-0000-4000-8000-000000000003', 'small', 1, 30000, 'approved'),
  ('d1200000-0000-4000-8000-000000000033', 'd1100000-0000-4000-8000-000000000003', 'not started', 2, 10000, 'pending'),
  ('d1200000-0000-4000-8000-000000000041', 'd1100000-0000-4000-8000-000000000004', 'all of it', 0, 516258, 'approved');
insert into public.mission_assignments (mission_id, contributor_id, role, status, accepted_at, ended_at, end_reason)
select x.id, tests.cid('d1000000-0000-4000-8000-000000000002'), 'lead', 'removed', now(), now(), 'mission cancelled'
from (values ('d1100000-0000-4000-8000-000000000003'::uuid), ('d1100000-0000-4000-8000-000000000004'::uuid)) x (id);
insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents)
select ms.id, ms.mission_id, tests.cid('d1000000-0000-4000-8000-000000000002'), 'lead', 10000,
       ms.amount_cents - private.platform_fee(ms.amount_cents, m.platform_fee_bps)
from public.milestones ms join public.missions m on m.id = ms.mission_id
where ms.status = 'approved' and ms.mission_id in ('d1100000-0000-4000-8000-000000000003', 'd1100000-0000-4000-8000-000000000004');
update public.contributor_private_details set stripe_account_id = 'acct_ledger_lead', stripe_payouts_enabled = true
  where contributor_id = tests.cid('d1000000-0000-4000-8000-000000000002');
insert into private.mission_charges (payment_intent_id, mission_id, charge_id, amount_cents, currency) values
  ('pi_ledger_3', 'd1100000-0000-4000-8000-000000000003', 'ch_ledger_3', 100000, 'USD'),
  ('pi_ledger_4', 'd1100000-0000-4000-8000-000000000004', 'ch_ledger_4', 516258, 'USD');
insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, stripe_payment_intent_id, status) values
  ('d1100000-0000-4000-8000-000000000003', tests.iid('d1000000-0000-4000-8000-000000000001'), 'deposit', 100000, 'pi_ledger_3', 'completed'),
  ('d1100000-0000-4000-8000-000000000004', tests.iid('d1000000-0000-4000-8000-000000000001'), 'deposit', 516258, 'pi_ledger_4', 'completed');

-- Path 87 itself: 516,258 deposited, 172,086 disputed, the one approved milestone needs all of it.
select tests.as_service_role();
select private.record_dispute('d1100000-0000-4000-8000-000000000004', 'dp_ledger_4', 172086, 'created');
select is((private.reserve_release('d1200000-0000-4000-8000-000000000041', tests.cid('d1000000-0000-4000-8000-000000000002'))) ->> 'waiting_for', 'escrow',
  'a payout escrow cannot cover after a dispute waits (it does not fail until it dies)');
select is((private.reserve_refund('d1100000-0000-4000-8000-000000000004')) ->> 'amount_cents', '344172',
  'a cancelled mission refunds what the dispute left, not keeping it for a payout it cannot make');
select tests.as_postgres();
select is((select held_cents from public.mission_escrow_position('d1100000-0000-4000-8000-000000000004')), 0::bigint,
  'nothing is left in escrow but the disputed hold');
select tests.as_service_role();
select private.record_refund('d1100000-0000-4000-8000-000000000004', 're_ledger_4', 344172,
  (select id from public.escrow_transactions where mission_id = 'd1100000-0000-4000-8000-000000000004' and type = 'refund'));
select is((private.reserve_release('d1200000-0000-4000-8000-000000000041', tests.cid('d1000000-0000-4000-8000-000000000002'))) ->> 'waiting_for', 'escrow',
  'while the dispute is open, the payout waits for its money to come back');
select tests.as_postgres();
insert into private.stripe_events (id, type, object_id, created_at, payload)
values ('evt_ledger_4_lost', 'charge.dispute.closed', 'dp_ledger_4', now(), '{"data": {"object": {"id": "dp_ledger_4", "status": "lost"}}}');
select tests.as_service_role();
select private.record_dispute('d1100000-0000-4000-8000-000000000004', 'dp_ledger_4', 172086, 'lost');
select is((private.reserve_release('d1200000-0000-4000-8000-000000000041', tests.cid('d1000000-0000-4000-8000-000000000002'))) ->> 'skip', 'escrow can no longer pay it: the mission is closed',
  'the dispute lost, nothing can pay it any more on the cancelled mission: the payout ends');
-- A late payment on the cancelled mission: the approved work it can pay is paid, its job queued again.
select tests.as_postgres();
select private.enqueue_job('release_payout', jsonb_build_object('milestone_id', 'd1200000-0000-4000-8000-000000000041',
  'mission_id', 'd1100000-0000-4000-8000-000000000004', 'contributor_id', tests.cid('d1000000-0000-4000-8000-000000000002')),
  'release-d1200000-0000-4000-8000-000000000041-' || tests.cid('d1000000-0000-4000-8000-000000000002'));
update private.jobs set status = 'done' where dedupe_key = 'release-d1200000-0000-4000-8000-000000000041-' || tests.cid('d1000000-0000-4000-8000-000000000002');
select tests.charge('pi_ledger_4_late', 'd1100000-0000-4000-8000-000000000004', 516258);
insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, stripe_payment_intent_id, status)
values ('d1100000-0000-4000-8000-000000000004', tests.iid('d1000000-0000-4000-8000-000000000001'), 'deposit', 516258, 'pi_ledger_4_late', 'completed');
select tests.as_service_role();
-- (issue 18, closure: when escrow could no longer pay it, the approved milestone of the closed
-- mission ended cancelled, so every milestone of the closed mission is terminal; money that
-- arrives later has nothing to pay and goes back in full)
select is((private.reserve_refund('d1100000-0000-4000-8000-000000000004')) ->> 'amount_cents', '516258',
  'a late payment on a closed mission whose milestones all ended is refunded in full');
select tests.as_postgres();
select is((select status::text from public.milestones where id = 'd1200000-0000-4000-8000-000000000041'), 'cancelled',
  'the approved milestone escrow could no longer pay ended cancelled: every milestone of the closed mission is terminal');

-- Approved 60,000 and 30,000, 10,000 not started; 100,000 deposited.
select results_eq($$select milestone_id, amount_cents from private.payable_milestones('d1100000-0000-4000-8000-000000000003')$$,
  $$values ('d1200000-0000-4000-8000-000000000031'::uuid, 60000::bigint), ('d1200000-0000-4000-8000-000000000032'::uuid, 30000::bigint)$$,
  'escrow can pay every approved milestone');
select tests.as_service_role();
select lives_ok($$select private.record_dispute('d1100000-0000-4000-8000-000000000003', 'dp_ledger_3', 50000, 'created')$$,
  'a dispute on a cancelled mission holds 50,000');
select tests.as_postgres();
select results_eq($$select milestone_id, amount_cents from private.payable_milestones('d1100000-0000-4000-8000-000000000003')$$,
  $$values ('d1200000-0000-4000-8000-000000000032'::uuid, 30000::bigint)$$,
  'with 50,000 left, the 60,000 payout is passed over for the 30,000 one that fits');
select is((select count(*)::int from private.jobs where kind = 'refund' and payload ->> 'mission_id' = 'd1100000-0000-4000-8000-000000000003'), 1,
  'the hold on a cancelled mission asks for a refund of what the payouts can no longer use');
select tests.as_service_role();
select is((private.reserve_release('d1200000-0000-4000-8000-000000000031', tests.cid('d1000000-0000-4000-8000-000000000002'))) ->> 'waiting_for', 'escrow',
  'the payout escrow cannot cover waits');
select tests.as_postgres();
select is((select count(*)::int from public.escrow_transactions where milestone_id = 'd1200000-0000-4000-8000-000000000031'), 0,
  'and nothing is reserved for it');
select private.enqueue_job('release_payout', jsonb_build_object('milestone_id', 'd1200000-0000-4000-8000-000000000031',
  'mission_id', 'd1100000-0000-4000-8000-000000000003', 'contributor_id', tests.cid('d1000000-0000-4000-8000-000000000002')), 'release-ledger-test-31');
update private.jobs set status = 'waiting' where dedupe_key = 'release-ledger-test-31';
select tests.as_service_role();
select lives_ok($$select private.record_dispute('d1100000-0000-4000-8000-000000000003', 'dp_ledger_3', 50000, 'won')$$,
  'the dispute is won: 50,000 back');
select tests.as_postgres();
select is((select status from private.jobs where dedupe_key = 'release-ledger-test-31'), 'queued',
  'a dispute won wakes the payouts that waited for escrow');
select tests.as_service_role();
select is((private.reserve_refund('d1100000-0000-4000-8000-000000000003')) ->> 'amount_cents', '10000',
  'the refund leaves both approved payouts their money: 10,000 goes back');
select is((private.reserve_release('d1200000-0000-4000-8000-000000000031', tests.cid('d1000000-0000-4000-8000-000000000002'))) ->> 'reserved', 'true', 'the 60,000 payout is reserved');
select is((private.reserve_release('d1200000-0000-4000-8000-000000000032', tests.cid('d1000000-0000-4000-8000-000000000002'))) ->> 'reserved', 'true', 'and the 30,000 one');
select tests.as_postgres();
select is((select held_cents from public.mission_escrow_position('d1100000-0000-4000-8000-000000000003')), 0::bigint,
  'escrow holds nothing more');

select * from finish();
rollback;
