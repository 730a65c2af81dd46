-- Timers fired by the clock: invitations expire, unfunded missions expire, unreviewed submissions
-- are approved after 14 days, deadline reminders go out once. The clock is injected (app.now).
begin;
select plan(21);

select tests.create_user('t-ia@example.com', '{"role":"initiator"}', id => 'e6000000-0000-4000-8000-000000000001');
select tests.create_user('t-lead@example.com', '{}', id => 'e6000000-0000-4000-8000-000000000002');
select tests.create_user('t-inv@example.com', '{}', id => 'e6000000-0000-4000-8000-000000000003');
update public.contributor_profiles set verification_status = 'verified' where user_id::text like 'e6000000-%';

-- An open mission with an invitation that expires in 72 hours.
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days, status, published_at)
values ('e6100000-0000-4000-8000-000000000001', tests.iid('e6000000-0000-4000-8000-000000000001'), 'Open one', 't-open', 'd', 'backend', 100, 10000, 5, 'open', now());
select tests.authenticate_as('t-ia');
select public.invite_contributor('e6100000-0000-4000-8000-000000000001', tests.cid('e6000000-0000-4000-8000-000000000003'), 'shadow');
select tests.as_postgres();

-- A mission published 31 days ago and never funded; one published 29 days ago.
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days, status, published_at) values
  ('e6100000-0000-4000-8000-000000000002', tests.iid('e6000000-0000-4000-8000-000000000001'), 'Stale', 't-stale', 'd', 'backend', 100, 10000, 5, 'pending_funding', now() - interval '31 days'),
  ('e6100000-0000-4000-8000-000000000003', tests.iid('e6000000-0000-4000-8000-000000000001'), 'Recent', 't-recent', 'd', 'backend', 100, 10000, 5, 'pending_funding', now() - interval '29 days');

-- A mission in progress: one milestone submitted 15 days ago, one submitted 13 days ago, one due in 12 hours.
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days, status, published_at, started_at)
values ('e6100000-0000-4000-8000-000000000004', tests.iid('e6000000-0000-4000-8000-000000000001'), 'Working', 't-working', 'd', 'backend', 100, 10000, 5, 'in_progress', now(), now());
insert into public.mission_assignments (id, mission_id, contributor_id, role, status, accepted_at)
values ('e6200000-0000-4000-8000-000000000001', 'e6100000-0000-4000-8000-000000000004', tests.cid('e6000000-0000-4000-8000-000000000002'), 'lead', 'active', now());
insert into public.milestones (id, mission_id, title, order_index, amount_cents, status, submitted_at, due_date) values
  ('e6300000-0000-4000-8000-000000000001', 'e6100000-0000-4000-8000-000000000004', 'old', 0, 1000, 'submitted', now() - interval '15 days', null),
  ('e6300000-0000-4000-8000-000000000002', 'e6100000-0000-4000-8000-000000000004', 'newer', 1, 1000, 'submitted', now() - interval '13 days', null),
  ('e6300000-0000-4000-8000-000000000003', 'e6100000-0000-4000-8000-000000000004', 'due soon', 2, 1000, 'in_progress', null, now() + interval '12 hours'),
  ('e6300000-0000-4000-8000-000000000004', 'e6100000-0000-4000-8000-000000000004', 'due later', 3, 1000, 'pending', null, now() + interval '3 days');
insert into public.work_submissions (milestone_id, mission_id, assignment_id, version, content) values
  ('e6300000-0000-4000-8000-000000000001', 'e6100000-0000-4000-8000-000000000004', 'e6200000-0000-4000-8000-000000000001', 1, 'done'),
  ('e6300000-0000-4000-8000-000000000002', 'e6100000-0000-4000-8000-000000000004', 'e6200000-0000-4000-8000-000000000001', 1, 'done');

-- A mission in progress whose submitted milestone nobody can be paid for (no lead, no recorded
-- submission): its auto-approval fails every time until that changes.
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days, status, published_at, started_at)
values ('e6100000-0000-4000-8000-000000000005', tests.iid('e6000000-0000-4000-8000-000000000001'), 'Leaderless', 't-leaderless', 'd', 'backend', 100, 10000, 5, 'in_progress', now(), now());
insert into public.milestones (id, mission_id, title, order_index, amount_cents, status, submitted_at) values
  ('e6300000-0000-4000-8000-000000000005', 'e6100000-0000-4000-8000-000000000005', 'orphan', 0, 1000, 'submitted', now() - interval '20 days');

-- Nobody but admins and the platform runs the timers.
select tests.authenticate_as('t-ia');
select throws_ok('select private.run_lifecycle_timers()', '42501', null, 'an initiator cannot run the timers');
select tests.as_postgres();

-- Run now: the stale mission expires, the 15-day submission is approved, one reminder goes out.
select tests.as_service_role();
select is(private.run_lifecycle_timers(),
  '{"expired_invitations":0,"expired_missions":1,"auto_approved":1,"deadline_reminders":1,"failed":1}'::jsonb,
  'the first run does what is due now; the row it cannot move fails alone');
select tests.as_postgres();
select results_eq($$select timer, attempts, last_sqlstate, last_error from private.lifecycle_timer_failures
                    where entity_id = 'e6300000-0000-4000-8000-000000000005'$$,
  $$values ('auto_approve'::text, 1, 'PT409'::text, 'Nobody can be paid for this milestone: the mission has no lead who delivered it.'::text)$$,
  'the failure is kept with its error');
select tests.as_service_role();
select is(private.run_lifecycle_timers(),
  '{"expired_invitations":0,"expired_missions":0,"auto_approved":0,"deadline_reminders":0,"failed":0}'::jsonb,
  'a failing row is left alone for an hour (it cannot crowd out the rest)');
select tests.as_postgres();
select results_eq($$select status::text, cancellation_reason from public.missions where id = 'e6100000-0000-4000-8000-000000000002'$$,
  $$values ('cancelled', 'Not funded in time.')$$, 'a mission unfunded for 30 days is cancelled, saying why');
select is((select status::text from public.missions where id = 'e6100000-0000-4000-8000-000000000003'), 'pending_funding', 'a younger one waits');
select is((select status::text from public.milestones where id = 'e6300000-0000-4000-8000-000000000001'), 'approved', 'a submission unreviewed for 14 days is approved');
select is((select status::text from public.milestones where id = 'e6300000-0000-4000-8000-000000000002'), 'submitted', 'a younger one waits for its review');
select is((select payload ->> 'auto' from private.domain_events where event = 'payout:requested' and entity_id = 'e6300000-0000-4000-8000-000000000001'),
  'true', 'the auto-approval asks for the payout, marked automatic');
select is((select count(*)::int from private.domain_events where event = 'milestone:deadline_approaching'
           and entity_id = 'e6300000-0000-4000-8000-000000000003'), 1, 'the team is reminded of the milestone due within 24 hours');
select is((select count(*)::int from private.domain_events where event = 'milestone:deadline_approaching'
           and entity_id = 'e6300000-0000-4000-8000-000000000004'), 0, 'not of the one due in three days');

-- Later (injected clock): 2 days 13 hours on, the second submission is over 14 days old, the
-- 29-day-old mission is past 30 days, the later milestone is due within 24 hours; the 72-hour
-- invitation has not expired yet. 3 days 1 hour on, it has.
select set_config('app.now', (now() + interval '2 days 13 hours')::text, true);
select tests.as_service_role();
select is(private.run_lifecycle_timers(),
  '{"expired_invitations":0,"expired_missions":1,"auto_approved":1,"deadline_reminders":1,"failed":1}'::jsonb, 'a later run catches up (and retries the failing row)');
select set_config('app.now', (now() + interval '3 days 1 hour')::text, true);
select is(private.run_lifecycle_timers(),
  '{"expired_invitations":1,"expired_missions":0,"auto_approved":0,"deadline_reminders":0,"failed":1}'::jsonb, 'and later still, the invitation expires');
select tests.as_postgres();
select is((select attempts from private.lifecycle_timer_failures where entity_id = 'e6300000-0000-4000-8000-000000000005'), 3,
  'each retry counts');
-- Fixed (a lead joins): the next retry, after the backoff, approves it and clears the failure.
insert into public.mission_assignments (mission_id, contributor_id, role, status, accepted_at)
values ('e6100000-0000-4000-8000-000000000005', tests.cid('e6000000-0000-4000-8000-000000000002'), 'lead', 'active', now());
select set_config('app.now', (now() + interval '3 days 5 hours')::text, true);
select tests.as_service_role();
select is(private.run_lifecycle_timers() -> 'auto_approved', '1'::jsonb, 'once fixed, the retry approves it');
select tests.as_postgres();
select is((select count(*)::int from private.lifecycle_timer_failures where entity_id = 'e6300000-0000-4000-8000-000000000005'), 0,
  'and the failure is cleared');
select results_eq($$select status::text, end_reason from public.mission_assignments where mission_id = 'e6100000-0000-4000-8000-000000000001'$$,
  $$values ('withdrawn', 'invitation expired')$$, 'an expired invitation is withdrawn, saying why');
select is((select count(*)::int from private.domain_events where event = 'milestone:deadline_approaching'
           and entity_id = 'e6300000-0000-4000-8000-000000000003'), 1, 'no reminder is sent twice');
select tests.authenticate_as('t-inv');
select throws_ok($$select public.accept_invitation((select id from public.mission_assignments where mission_id = 'e6100000-0000-4000-8000-000000000001'))$$,
  'PT409', 'Cannot accept invitation: the assignment is withdrawn.', 'an expired invitation cannot be accepted');
select tests.as_postgres();
select is((select extnamespace::regnamespace::text from pg_extension where extname = 'pg_cron'), 'pg_catalog',
  'pg_cron is enabled (the migrations enable it, in pg_catalog as on hosted: a deploy without it fails)');
select is(
  (select schedule || ' ' || command from cron.job where jobname = 'people-lifecycle-timers'),
  '* * * * * select private.run_lifecycle_timers()',
  'pg_cron fires the timers every minute');

select * from finish();
rollback;
