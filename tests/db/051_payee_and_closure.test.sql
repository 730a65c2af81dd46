-- Issue 18 (and team payouts, issue 22): the payees of a milestone are fixed when it is approved (the
-- lead who delivered it, and the active shadow / core reviewer, each with a part) and never change; a lead cannot leave running work without the step-up rule; suspended members are
-- never promoted; a closed mission closes its milestones and leaves nothing held; timers look only
-- at live missions. Each failure the issue reports is reproduced here.
begin;
select plan(41);

select tests.create_user('py-ia@example.com', '{"role":"initiator"}', id => 'f5000000-0000-4000-8000-000000000001');
select tests.create_user('py-lead@example.com', '{}', id => 'f5000000-0000-4000-8000-000000000002');
select tests.create_user('py-shadow@example.com', '{}', id => 'f5000000-0000-4000-8000-000000000003');
select tests.create_user('py-admin@example.com', '{}', id => 'f5000000-0000-4000-8000-000000000004');
select tests.create_user('py-lead2@example.com', '{}', id => 'f5000000-0000-4000-8000-000000000005');
update public.profiles set primary_role = 'admin' where id = 'f5000000-0000-4000-8000-000000000004';
update public.contributor_private_details set stripe_account_id = 'acct_py_' || right(contributor_id::text, 4), stripe_payouts_enabled = true
  where contributor_id in (tests.cid('f5000000-0000-4000-8000-000000000002'), tests.cid('f5000000-0000-4000-8000-000000000003'));

-- Mission A: in progress, lead + shadow, two milestones; 3,000 deposited.
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days, status, published_at, started_at, platform_fee_bps)
values ('f5100000-0000-4000-8000-000000000001', tests.iid('f5000000-0000-4000-8000-000000000001'), 'Payee fixed', 'py-a', 'd', 'backend', 100, 100000, 5, 'pending_funding', now(), null, 1000),
       ('f5100000-0000-4000-8000-000000000002', tests.iid('f5000000-0000-4000-8000-000000000001'), 'Closed by dispute', 'py-b', 'd', 'backend', 100, 100000, 5, 'pending_funding', now(), null, 1000),
       ('f5100000-0000-4000-8000-000000000003', tests.iid('f5000000-0000-4000-8000-000000000001'), 'Lead leaves', 'py-c', 'd', 'backend', 100, 100000, 5, 'pending_funding', now(), null, 1000);
insert into public.milestones (id, mission_id, title, order_index, amount_cents, status) values
  ('f5200000-0000-4000-8000-000000000001', 'f5100000-0000-4000-8000-000000000001', 'one', 0, 1000, 'in_progress'),
  ('f5200000-0000-4000-8000-000000000002', 'f5100000-0000-4000-8000-000000000001', 'two', 1, 2000, 'pending'),
  ('f5200000-0000-4000-8000-000000000011', 'f5100000-0000-4000-8000-000000000002', 'delivered', 0, 1000, 'in_progress'),
  ('f5200000-0000-4000-8000-000000000012', 'f5100000-0000-4000-8000-000000000002', 'started', 1, 2000, 'pending'),
  ('f5200000-0000-4000-8000-000000000013', 'f5100000-0000-4000-8000-000000000002', 'approved', 2, 4000, 'pending'),
  ('f5200000-0000-4000-8000-000000000021', 'f5100000-0000-4000-8000-000000000003', 'only', 0, 1000, 'in_progress');
insert into public.mission_assignments (id, mission_id, contributor_id, role, status, accepted_at) values
  ('f5300000-0000-4000-8000-000000000001', 'f5100000-0000-4000-8000-000000000001', tests.cid('f5000000-0000-4000-8000-000000000002'), 'lead', 'active', now() - interval '2 days'),
  ('f5300000-0000-4000-8000-000000000002', 'f5100000-0000-4000-8000-000000000001', tests.cid('f5000000-0000-4000-8000-000000000003'), 'shadow', 'active', now() - interval '2 days'),
  ('f5300000-0000-4000-8000-000000000011', 'f5100000-0000-4000-8000-000000000002', tests.cid('f5000000-0000-4000-8000-000000000002'), 'lead', 'active', now()),
  ('f5300000-0000-4000-8000-000000000021', 'f5100000-0000-4000-8000-000000000003', tests.cid('f5000000-0000-4000-8000-000000000005'), 'lead', 'active', now()),
  ('f5300000-0000-4000-8000-000000000022', 'f5100000-0000-4000-8000-000000000003', tests.cid('f5000000-0000-4000-8000-000000000003'), 'shadow', 'active', now());
insert into public.mission_applications (id, mission_id, contributor_id, status) values
  ('f5400000-0000-4000-8000-000000000021', 'f5100000-0000-4000-8000-000000000003', tests.cid('f5000000-0000-4000-8000-000000000005'), 'accepted');
select tests.as_service_role();
select private.complete_deposit('pi_py_a', 'ch_py_a', 3000, 'USD', 'f5100000-0000-4000-8000-000000000001');
select private.complete_deposit('pi_py_b', 'ch_py_b', 7000, 'USD', 'f5100000-0000-4000-8000-000000000002');
select private.complete_deposit('pi_py_c', 'ch_py_c', 1000, 'USD', 'f5100000-0000-4000-8000-000000000003');
select tests.as_postgres();
update public.missions set status = 'in_progress', started_at = now() where id::text like 'f5100000-%';

-- 1. The lead delivers, the initiator approves: the payees are the lead who delivered and the active
--    shadow (the mission's proposed shares 70/20/10; no core reviewer: the lead gets that share too).
select tests.authenticate_as('py-lead');
select public.submit_milestone('f5200000-0000-4000-8000-000000000001', 'Milestone one.');
select tests.authenticate_as('py-ia');
select public.approve_milestone('f5200000-0000-4000-8000-000000000001');
select tests.as_postgres();
select results_eq($$select contributor_id, role::text, payout_cents from public.milestone_payouts
    where milestone_id = 'f5200000-0000-4000-8000-000000000001' order by payout_cents desc$$,
  $$values (tests.cid('f5000000-0000-4000-8000-000000000002'), 'lead', 720::bigint), (tests.cid('f5000000-0000-4000-8000-000000000003'), 'shadow', 180::bigint)$$,
  'approval records the payees: the lead who delivered the milestone (720 of the 900 after the fee) and the active shadow (180)');
select is((select payload ->> 'contributor_id' from private.jobs
           where dedupe_key = 'release-f5200000-0000-4000-8000-000000000001-' || tests.cid('f5000000-0000-4000-8000-000000000002')),
  tests.cid('f5000000-0000-4000-8000-000000000002')::text, 'the payout job of the lead''s part names that payee');

-- 2. The lead is removed after approval and the shadow steps up: the payout still goes to the lead
--    who delivered (it went to the shadow before).
select tests.authenticate_as('py-ia');
select public.remove_from_mission('f5300000-0000-4000-8000-000000000001', 'left the company');
select tests.as_postgres();
select is((select status::text from public.mission_assignments where id = 'f5300000-0000-4000-8000-000000000002'), 'stepped_up',
  'the shadow steps up to lead');
select results_eq($$select contributor_id, role::text, payout_cents from public.milestone_payouts
    where milestone_id = 'f5200000-0000-4000-8000-000000000001' order by payout_cents desc$$,
  $$values (tests.cid('f5000000-0000-4000-8000-000000000002'), 'lead', 720::bigint), (tests.cid('f5000000-0000-4000-8000-000000000003'), 'shadow', 180::bigint)$$,
  'the parts do not move: the new lead keeps the shadow''s part, the removed lead keeps the lead''s');
select tests.as_service_role();
select is((private.reserve_release('f5200000-0000-4000-8000-000000000001', tests.cid('f5000000-0000-4000-8000-000000000002'))) ->> 'reserved', 'true', 'the lead''s part is reserved');
select tests.as_postgres();
select is((select contributor_id from public.escrow_transactions where milestone_id = 'f5200000-0000-4000-8000-000000000001' and type = 'release'),
  tests.cid('f5000000-0000-4000-8000-000000000002'), 'the release is booked to the payee fixed at approval, not to the new lead');

-- 3. Nobody, the service role included, moves a payee or pays someone else.
select tests.as_service_role();
select throws_ok($$update public.milestone_payouts set contributor_id = tests.cid('f5000000-0000-4000-8000-000000000003')
  where milestone_id = 'f5200000-0000-4000-8000-000000000001' and role = 'lead'$$,
  '55000', 'The parts of a milestone payout are fixed when it is approved and never change.', 'the service role cannot change a payee');
select throws_ok($$delete from public.milestone_payouts where milestone_id = 'f5200000-0000-4000-8000-000000000001' and role = 'shadow'$$,
  '55000', 'The parts of a milestone payout are fixed when it is approved and never change.', 'nor drop a payee');
select throws_ok($$insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents)
  values ('f5200000-0000-4000-8000-000000000002', 'f5100000-0000-4000-8000-000000000001', tests.cid('f5000000-0000-4000-8000-000000000003'), 'shadow', 10000, 1800)$$,
  '55000', 'The parts of a milestone payout are written when it is approved.', 'nor set one on a milestone not approved');
select throws_ok($$insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents)
  values ('f5200000-0000-4000-8000-000000000001', 'f5100000-0000-4000-8000-000000000001', tests.cid('f5000000-0000-4000-8000-000000000004'), 'lead', 10000, 1)$$,
  '55000', 'This milestone''s payout has started: its parts are fixed.', 'nor add a payee once the payout has started');
select throws_ok($$insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents, status)
  values ('f5100000-0000-4000-8000-000000000001', 'f5200000-0000-4000-8000-000000000002', tests.iid('f5000000-0000-4000-8000-000000000001'),
          tests.cid('f5000000-0000-4000-8000-000000000003'), 'release', 1800, 'pending')$$,
  '23514', 'A milestone payout is a part fixed when it was approved: its payee, its amount.', 'nor book a payout to anyone but a payee');
select throws_ok($q$do $x$ begin
    update public.milestones set status = 'approved' where id = 'f5200000-0000-4000-8000-000000000002';
    set constraints all immediate;
  end $x$ $q$, '23514', 'An approved milestone names the parts of its payout.', 'an approved milestone without payees is refused at commit');

-- 4. A milestone is paid only as the consequence of its completed release.
select throws_ok($$select private.mark_milestone_paid('f5200000-0000-4000-8000-000000000001')$$,
  'PT409', 'A milestone is paid only when every part of its payout has its completed release in the escrow ledger.',
  'mark_milestone_paid without a completed release is refused');
select throws_ok($q$do $x$ begin
    update public.milestones set status = 'paid' where id = 'f5200000-0000-4000-8000-000000000001';
    set constraints all immediate;
  end $x$ $q$, '23514', 'A milestone is paid only by a completed release of every part of its payout in the escrow ledger.',
  'a direct update to paid without a completed release is refused at commit');
select is((private.record_release('f5200000-0000-4000-8000-000000000001', tests.cid('f5000000-0000-4000-8000-000000000002'), 'tr_py_1')) ->> 'replayed', 'false', 'the lead''s transfer is recorded');
select is((select status::text from public.milestones where id = 'f5200000-0000-4000-8000-000000000001'), 'approved',
  'the milestone is not paid while the shadow''s part is not');
select is((private.record_release('f5200000-0000-4000-8000-000000000001', tests.cid('f5000000-0000-4000-8000-000000000003'), 'tr_py_1s')) ->> 'replayed', 'false', 'the shadow''s transfer is recorded');
select is((select status::text from public.milestones where id = 'f5200000-0000-4000-8000-000000000001'), 'paid', 'and the milestone is paid by them');
select tests.as_postgres();

-- 5. A parked payout is woken by its payee's account, not by the current lead's.
update public.contributor_private_details set stripe_payouts_enabled = false
  where contributor_id = tests.cid('f5000000-0000-4000-8000-000000000005');
update public.contributor_private_details set stripe_account_id = 'acct_py_lead2'
  where contributor_id = tests.cid('f5000000-0000-4000-8000-000000000005');
select tests.authenticate_as('py-lead2');
select public.submit_milestone('f5200000-0000-4000-8000-000000000021', 'Only milestone.');
select tests.authenticate_as('py-ia');
select public.approve_milestone('f5200000-0000-4000-8000-000000000021');
select tests.as_postgres();
update private.jobs set status = 'waiting' where dedupe_key like 'release-f5200000-0000-4000-8000-000000000021-%';
-- the lead leaves (the shadow steps up): the payout still waits for the payee's account
select tests.authenticate_as('py-lead2');
select public.withdraw_from_mission('f5300000-0000-4000-8000-000000000021', 'moving on');
select tests.as_service_role();
select private.sync_connected_account('acct_py_' || right(tests.cid('f5000000-0000-4000-8000-000000000003')::text, 4), true, true, true, now());
select tests.as_postgres();
select is((select status from private.jobs where dedupe_key = 'release-f5200000-0000-4000-8000-000000000021-' || tests.cid('f5000000-0000-4000-8000-000000000005')), 'waiting',
  'the new lead''s account does not wake a payout that is not theirs');
select is((select status from private.jobs where dedupe_key = 'release-f5200000-0000-4000-8000-000000000021-' || tests.cid('f5000000-0000-4000-8000-000000000003')), 'queued',
  'it wakes the part that is theirs (their part as shadow)');
select tests.as_service_role();
select private.sync_connected_account('acct_py_lead2', true, true, true, now());
select tests.as_postgres();
select is((select status from private.jobs where dedupe_key = 'release-f5200000-0000-4000-8000-000000000021-' || tests.cid('f5000000-0000-4000-8000-000000000005')), 'queued',
  'the payee''s account becoming payable wakes it');
select tests.as_service_role();
select is((private.reserve_release('f5200000-0000-4000-8000-000000000021', tests.cid('f5000000-0000-4000-8000-000000000005'))) ->> 'contributor_id',
  tests.cid('f5000000-0000-4000-8000-000000000005')::text, 'and it is paid to the payee who left, not to the new lead');
select tests.as_postgres();

-- 6. A lead cannot leave running work by withdrawing the application.
update public.mission_assignments set status = 'active' where id = 'f5300000-0000-4000-8000-000000000021';
update public.mission_assignments set status = 'active', role = 'shadow' where id = 'f5300000-0000-4000-8000-000000000022';
select tests.authenticate_as('py-lead2');
select throws_ok($$select public.withdraw_application('f5400000-0000-4000-8000-000000000021')$$, 'PT409',
  'Work on this mission has started: leave the team with withdraw_from_mission so the lead''s place is handed over.',
  'withdraw_application by the lead after work started is refused');
select tests.as_postgres();
select is((select status::text from public.mission_assignments where id = 'f5300000-0000-4000-8000-000000000021'), 'active',
  'the lead is still the lead');

-- 7. A suspended shadow is never promoted.
update public.profiles set account_status = 'suspended' where id = 'f5000000-0000-4000-8000-000000000003';
select tests.authenticate_as('py-lead2');
select public.withdraw_from_mission('f5300000-0000-4000-8000-000000000021', 'leaving');
select tests.as_postgres();
select is((select status::text from public.mission_assignments where id = 'f5300000-0000-4000-8000-000000000022'), 'active',
  'a suspended shadow does not step up when the lead leaves');
select is((select count(*)::int from private.domain_events where event = 'team:lead_missing' and mission_id = 'f5100000-0000-4000-8000-000000000003'), 1,
  'the lead is reported missing instead');
select tests.authenticate_as('py-ia');
select throws_ok($$select public.step_up_shadow('f5300000-0000-4000-8000-000000000022')$$, 'PT409',
  'A suspended or banned member cannot step up to lead.', 'nor can the initiator promote a suspended shadow');
select tests.as_postgres();
update public.profiles set account_status = 'active' where id = 'f5000000-0000-4000-8000-000000000003';

-- 8. resolve_dispute(..., 'complete'): delivered work is approved and paid to who delivered it,
--    the rest is cancelled, and what escrow holds beyond the approved payouts goes back.
select tests.authenticate_as('py-lead');
select public.submit_milestone('f5200000-0000-4000-8000-000000000011', 'Delivered.');
select public.start_milestone('f5200000-0000-4000-8000-000000000012');
select tests.as_postgres();
select tests.authenticate_as('py-ia');
select public.open_dispute('f5100000-0000-4000-8000-000000000002', 'scope');
select tests.authenticate_as('py-admin');
select is((public.resolve_dispute('f5100000-0000-4000-8000-000000000002', 'complete', 'deliverable accepted')).status::text, 'completed',
  'the admin resolves the dispute as completed');
select tests.as_postgres();
select results_eq($$select ms.title, ms.status::text,
           array(select p.contributor_id from public.milestone_payouts p where p.milestone_id = ms.id order by p.contributor_id)
    from public.milestones ms where ms.mission_id = 'f5100000-0000-4000-8000-000000000002' order by ms.order_index$$,
  $$values ('delivered'::varchar, 'approved', array[tests.cid('f5000000-0000-4000-8000-000000000002')]), ('started'::varchar, 'cancelled', '{}'::uuid[]),
           ('approved'::varchar, 'cancelled', '{}'::uuid[])$$,
  'the delivered milestone is approved with its payee; the others are cancelled: none stays submitted or pending');
select is((select count(*)::int from private.jobs where kind = 'refund' and payload ->> 'mission_id' = 'f5100000-0000-4000-8000-000000000002'), 1,
  'a refund is asked for');
select is((select count(*)::int from private.jobs where dedupe_key = 'release-f5200000-0000-4000-8000-000000000011-' || tests.cid('f5000000-0000-4000-8000-000000000002')), 1,
  'and the delivered milestone''s payout');
select tests.as_service_role();
select is((private.reserve_refund('f5100000-0000-4000-8000-000000000002')) ->> 'amount_cents', '6000',
  'the refund returns everything but the approved payout (7,000 - 1,000)');
select is((private.reserve_release('f5200000-0000-4000-8000-000000000011', tests.cid('f5000000-0000-4000-8000-000000000002'))) ->> 'reserved', 'true', 'the payout is reserved');
select is(private.escrow_balance('f5100000-0000-4000-8000-000000000002'), 0::bigint, 'the closed mission holds nothing once both are booked');
select lives_ok($$select private.record_release('f5200000-0000-4000-8000-000000000011', tests.cid('f5000000-0000-4000-8000-000000000002'), 'tr_py_11')$$,
  'the payout of a completed mission is recorded');
select is((select status::text from public.milestones where id = 'f5200000-0000-4000-8000-000000000011'), 'paid',
  'and its milestone ends paid: every milestone of the closed mission is terminal');
select tests.as_postgres();

-- 9. Timers: only live missions, oldest first; one bad row does not stop the run.
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days, status, published_at, started_at)
values ('f5100000-0000-4000-8000-000000000004', tests.iid('f5000000-0000-4000-8000-000000000001'), 'Disputed', 'py-d', 'd', 'backend', 100, 100000, 5, 'disputed', now(), now()),
       ('f5100000-0000-4000-8000-000000000005', tests.iid('f5000000-0000-4000-8000-000000000001'), 'Live', 'py-e', 'd', 'backend', 100, 100000, 5, 'in_progress', now(), now());
insert into public.milestones (id, mission_id, title, order_index, amount_cents, status, submitted_at) values
  ('f5200000-0000-4000-8000-000000000041', 'f5100000-0000-4000-8000-000000000004', 'in dispute', 0, 1000, 'submitted', now() - interval '30 days'),
  ('f5200000-0000-4000-8000-000000000051', 'f5100000-0000-4000-8000-000000000005', 'no lead', 0, 1000, 'submitted', now() - interval '20 days'),
  ('f5200000-0000-4000-8000-000000000052', 'f5100000-0000-4000-8000-000000000005', 'fine', 1, 1000, 'submitted', now() - interval '16 days');
insert into public.mission_assignments (id, mission_id, contributor_id, role, status, accepted_at, ended_at, end_reason) values
  ('f5300000-0000-4000-8000-000000000051', 'f5100000-0000-4000-8000-000000000005', tests.cid('f5000000-0000-4000-8000-000000000002'), 'lead', 'active', now(), null, null);
insert into public.work_submissions (milestone_id, mission_id, assignment_id, version, content) values
  ('f5200000-0000-4000-8000-000000000052', 'f5100000-0000-4000-8000-000000000005', 'f5300000-0000-4000-8000-000000000051', 1, 'done');
-- the older one has no submission and, once the lead is gone, nobody to pay: approving it fails
update public.mission_assignments set status = 'removed', ended_at = now(), end_reason = 'gone' where id = 'f5300000-0000-4000-8000-000000000051';
select tests.as_service_role();
select is((private.run_lifecycle_timers()) -> 'auto_approved', '1'::jsonb,
  'the timer approves what it can: the bad row is skipped, the run goes on');
select tests.as_postgres();
select is((select status::text from public.milestones where id = 'f5200000-0000-4000-8000-000000000052'), 'approved',
  'the live mission''s older-than-14-days delivery is approved');
select is((select status::text from public.milestones where id = 'f5200000-0000-4000-8000-000000000051'), 'submitted',
  'the one nobody can be paid for waits');
select is((select status::text from public.milestones where id = 'f5200000-0000-4000-8000-000000000041'), 'submitted',
  'a disputed mission''s delivery is not auto-approved');
select is((select array_agg(contributor_id) from public.milestone_payouts where milestone_id = 'f5200000-0000-4000-8000-000000000052'),
  array[tests.cid('f5000000-0000-4000-8000-000000000002')], 'the auto-approved milestone is paid to the lead who delivered it, who has since left');

select * from finish();
rollback;
