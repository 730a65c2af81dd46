-- Issue 18: the database enforces the money rules against every caller, the service role included:
-- the fee is fixed at publish; a mission is funded and a deposit booked only as Stripe reported it
-- (amount, currency, that mission's PaymentIntent); a short deposit leaves the mission unfunded and
-- is returned; an overpayment and a second deposit are returned, each refund against its own charge;
-- a dispute release needs a hold of the same dispute and mission; a refund books what Stripe refunded.
begin;
select plan(34);

select tests.create_user('pv-ia@example.com', '{"role":"initiator"}', id => 'f6000000-0000-4000-8000-000000000001');
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days, status, published_at, platform_fee_bps, currency)
values ('f6100000-0000-4000-8000-000000000001', tests.iid('f6000000-0000-4000-8000-000000000001'), 'Short paid', 'pv-a', 'd', 'backend', 100, 100000, 5, 'pending_funding', now(), 1000, 'USD'),
       ('f6100000-0000-4000-8000-000000000002', tests.iid('f6000000-0000-4000-8000-000000000001'), 'Paid twice', 'pv-b', 'd', 'backend', 100, 100000, 5, 'pending_funding', now(), 1000, 'USD'),
       ('f6100000-0000-4000-8000-000000000003', tests.iid('f6000000-0000-4000-8000-000000000001'), 'Overpaid', 'pv-c', 'd', 'backend', 100, 100000, 5, 'pending_funding', now(), 1000, 'USD');
insert into public.milestones (mission_id, title, order_index, amount_cents)
select id, 'all of it', 0, 3000 from public.missions where id::text like 'f6100000-%';

select tests.as_service_role();
-- The fee is fixed at publish, for the service role too.
select throws_ok($$update public.missions set platform_fee_bps = 0 where id = 'f6100000-0000-4000-8000-000000000001'$$,
  '55000', 'The platform fee is fixed when the mission is published.', 'nobody changes the fee after publish, the service role included');
-- Funded only by a deposit covering the plan.
select throws_ok($$select private.mark_mission_funded('f6100000-0000-4000-8000-000000000001')$$,
  '23514', 'A mission is funded only by completed deposits covering its milestones.', 'mark_mission_funded with nothing deposited is refused');
select throws_ok($$update public.missions set status = 'open' where id = 'f6100000-0000-4000-8000-000000000001'$$,
  '23514', 'A mission is funded only by completed deposits covering its milestones.', 'so is a direct update to open');
-- A completed deposit is what Stripe reported for a PaymentIntent of this mission.
select throws_ok($$insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, status)
  values ('f6100000-0000-4000-8000-000000000001', tests.iid('f6000000-0000-4000-8000-000000000001'), 'deposit', 3000, 'completed')$$,
  '23514', 'A completed deposit is the amount Stripe reported for a PaymentIntent of this mission.', 'a completed deposit with no PaymentIntent is refused');
select throws_ok($$insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, stripe_payment_intent_id, status)
  values ('f6100000-0000-4000-8000-000000000001', tests.iid('f6000000-0000-4000-8000-000000000001'), 'deposit', 3000, 'pi_pv_unknown', 'completed')$$,
  '23514', null, 'a completed deposit for a PaymentIntent Stripe never reported is refused');
select throws_ok($$insert into private.mission_charges (payment_intent_id, mission_id, amount_cents, currency)
  values ('pi_pv_forged', 'f6100000-0000-4000-8000-000000000001', 3000, 'USD')$$,
  '42501', null, 'the service role cannot write what Stripe reported');

-- 1 cent for a 3,000-cent plan: booked as Stripe reported it, the mission stays unfunded, it goes back.
select lives_ok($$select private.complete_deposit('pi_pv_cent', 'ch_pv_cent', 1, 'usd', 'f6100000-0000-4000-8000-000000000001')$$,
  'Stripe reports a 1-cent payment');
select is((select status::text from public.missions where id = 'f6100000-0000-4000-8000-000000000001'), 'pending_funding',
  'a deposit that does not cover the plan does not fund the mission');
select is((select amount_cents from public.escrow_transactions where stripe_payment_intent_id = 'pi_pv_cent' and type = 'deposit'), 1::bigint,
  'it is booked at the amount Stripe reported');
select is((private.reserve_refund('f6100000-0000-4000-8000-000000000001')) - 'reservation_id' - 'idempotency_key',
  '{"mission_id": "f6100000-0000-4000-8000-000000000001", "amount_cents": 1, "currency": "usd", "payment_intent": "pi_pv_cent"}'::jsonb,
  'and returned in full, against its own charge');
-- Another currency, or another mission's PaymentIntent: not escrow of this mission. A stray charge:
-- nothing is booked, it is refunded in full (job refund_stray), and it never funds anything after.
select is(private.complete_deposit('pi_pv_eur', 'ch_pv_eur', 3000, 'eur', 'f6100000-0000-4000-8000-000000000001'), null,
  'a deposit in another currency books nothing');
select results_eq($$select reason, amount_cents, currency from private.stray_charges where payment_intent_id = 'pi_pv_eur'$$,
  $$values ('charged in EUR, the mission''s escrow is in USD'::text, 3000::bigint, 'EUR'::text)$$, 'it is kept as a stray charge');
select is((select count(*)::int from private.jobs where kind = 'refund_stray' and dedupe_key = 'stray-pi_pv_eur'), 1,
  'its full refund is queued');
select lives_ok($$select private.record_deposit_intent('f6100000-0000-4000-8000-000000000002', 'pi_pv_bx', 3000, 'usd')$$,
  'a PaymentIntent is recorded for mission B');
select is(private.complete_deposit('pi_pv_bx', 'ch_pv_bx', 3000, 'usd', 'f6100000-0000-4000-8000-000000000001'), null,
  'it cannot fund mission A');
select is((select reason from private.stray_charges where payment_intent_id = 'pi_pv_bx'), 'the PaymentIntent was recorded for another mission',
  'it is a stray charge, refunded');
select is((select status::text from public.escrow_transactions where stripe_payment_intent_id = 'pi_pv_bx'), 'failed',
  'the deposit B asked for with it ends failed');
select is(private.complete_deposit('pi_pv_bx', 'ch_pv_bx', 3000, 'usd', 'f6100000-0000-4000-8000-000000000002'), null,
  'nor, once found stray, mission B');
select is((select status::text from public.missions where id = 'f6100000-0000-4000-8000-000000000001'), 'pending_funding', 'A is still unfunded');
select is((select status::text from public.missions where id = 'f6100000-0000-4000-8000-000000000002'), 'pending_funding', 'B too');
select lives_ok($$select private.record_deposit_intent('f6100000-0000-4000-8000-000000000002', 'pi_pv_b1', 3000, 'usd')$$,
  'B asks again');

-- Mission B paid twice (a second PaymentIntent): the second deposit is returned, against its own charge.
select lives_ok($$select private.complete_deposit('pi_pv_b1', 'ch_pv_b1', 3000, 'usd', 'f6100000-0000-4000-8000-000000000002')$$, 'B is paid');
select is((select status::text from public.missions where id = 'f6100000-0000-4000-8000-000000000002'), 'open', 'and funded');
select lives_ok($$select private.complete_deposit('pi_pv_b2', 'ch_pv_b2', 3000, 'usd', 'f6100000-0000-4000-8000-000000000002')$$, 'B is paid again');
select is((select count(*)::int from private.jobs where kind = 'refund' and payload ->> 'mission_id' = 'f6100000-0000-4000-8000-000000000002'), 1,
  'the second deposit asks for a refund');
select is((private.reserve_refund('f6100000-0000-4000-8000-000000000002')) - 'reservation_id' - 'idempotency_key',
  '{"mission_id": "f6100000-0000-4000-8000-000000000002", "amount_cents": 3000, "currency": "usd", "payment_intent": "pi_pv_b2"}'::jsonb,
  'sized to the second charge and issued against it; the first stays for the work');

-- Stripe refunded less than reserved: the ledger books what Stripe refunded.
select is((private.record_refund('f6100000-0000-4000-8000-000000000002', 're_pv_b2', 2500,
  (select id from public.escrow_transactions where stripe_payment_intent_id = 'pi_pv_b2' and type = 'refund' and status = 'pending'))).amount_cents,
  2500::bigint, 'record_refund books the amount Stripe refunded');
select results_eq($$select status::text, amount_cents from public.escrow_transactions
                    where mission_id = 'f6100000-0000-4000-8000-000000000002' and type = 'refund' order by created_at, status$$,
  $$values ('completed', 2500::bigint), ('failed', 3000::bigint)$$, 'the reservation of 3,000 ends; 2,500 is booked');

-- A refund made in the Stripe dashboard names its PaymentIntent: what is left of that charge for
-- transfers and refunds counts it.
select tests.as_postgres();
select is(private.charge_unspent('pi_pv_b1'), 3000::bigint, 'the first charge of B is unspent');
select is((private.record_refund('f6100000-0000-4000-8000-000000000002', 're_pv_dash', 400, null, 'pi_pv_b1')).stripe_payment_intent_id,
  'pi_pv_b1', 'a dashboard refund is booked against the PaymentIntent Stripe refunded');
select is(private.charge_unspent('pi_pv_b1'), 2600::bigint, 'and what is left of that charge counts it');
select tests.as_service_role();

-- Overpaid: funded, and what is beyond the plan goes back.
select lives_ok($$select private.complete_deposit('pi_pv_c', 'ch_pv_c', 3500, 'usd', 'f6100000-0000-4000-8000-000000000003')$$, 'C is paid 3,500 for 3,000');
select is((private.reserve_refund('f6100000-0000-4000-8000-000000000003')) ->> 'amount_cents', '500', 'the 500 overpaid goes back');

-- A dispute release needs a hold of the same dispute and mission.
select tests.as_postgres();
insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, stripe_dispute_id, status)
values ('f6100000-0000-4000-8000-000000000002', tests.iid('f6000000-0000-4000-8000-000000000001'), 'dispute_hold', 1000, 'dp_pv_b', 'completed');
select tests.as_service_role();
select throws_ok($$insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, stripe_dispute_id, status)
  values ('f6100000-0000-4000-8000-000000000003', tests.iid('f6000000-0000-4000-8000-000000000001'), 'dispute_release', 1000, 'dp_pv_b', 'completed')$$,
  '23514', 'A dispute release returns a hold of the same dispute and mission.', 'a dispute release credited to another mission''s hold is refused');

select * from finish();
rollback;
