-- Admin: analytics over a date range on a small known fixture, the all-missions list, and the
-- catalogues admins manage directly (skills, proof tasks), each audited.
-- The fixture lives in February 2020, so nothing else in the database falls in the period.
begin;
select plan(35);

-- ---------------------------------------------------------------------------------------------
-- Fixture. Period: [2020-02-01, 2020-03-01).
-- ---------------------------------------------------------------------------------------------
select tests.create_user('an-admin@example.com', '{"full_name":"Ann Admin"}', id => '63000000-0000-4000-8000-000000000001');
select tests.create_user('an-i1@example.com', '{"full_name":"Ian One","role":"initiator"}', id => '63000000-0000-4000-8000-000000000002');
select tests.create_user('an-i2@example.com', '{"full_name":"Ina Two","role":"initiator"}', id => '63000000-0000-4000-8000-000000000003');
select tests.create_user('an-c1@example.com', '{"full_name":"Cy One"}', id => '63000000-0000-4000-8000-000000000004');
select tests.create_user('an-c2@example.com', '{"full_name":"Cai Two"}', id => '63000000-0000-4000-8000-000000000005');
select tests.create_user('an-c3@example.com', '{"full_name":"Cam Three"}', id => '63000000-0000-4000-8000-000000000006');
select tests.create_user('an-c4@example.com', '{"full_name":"Cleo Four"}', id => '63000000-0000-4000-8000-000000000007');
update public.profiles set primary_role = 'admin' where id = '63000000-0000-4000-8000-000000000001';
update public.profiles set account_status = 'suspended' where id = '63000000-0000-4000-8000-000000000006';
update public.profiles p set created_at = v.at from (values
  ('63000000-0000-4000-8000-000000000001'::uuid, '2020-01-10 00:00+00'::timestamptz),  -- before the period
  ('63000000-0000-4000-8000-000000000002', '2020-01-15 00:00+00'),                      -- before
  ('63000000-0000-4000-8000-000000000003', '2020-02-10 00:00+00'),                      -- in
  ('63000000-0000-4000-8000-000000000004', '2020-02-05 00:00+00'),                      -- in
  ('63000000-0000-4000-8000-000000000005', '2020-02-20 00:00+00'),                      -- in
  ('63000000-0000-4000-8000-000000000006', '2020-01-20 00:00+00'),                      -- before (suspended)
  ('63000000-0000-4000-8000-000000000007', '2020-03-05 00:00+00')                       -- after: not counted
) as v(id, at) where p.id = v.id;

-- Missions:
--   M1 completed in the period: published 01-30 12:00, started 02-02 00:00 (60 h), completed 02-20
--   M2 in progress: created and published in the period, started 24 h after publishing
--   M3 disputed (EUR): published 02-11, started 36 h later, disputed 02-15
--   M4 cancelled in the period, never started
--   M5 a draft created in the period; M6 created after the period
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, currency,
                             estimated_duration_days, status, created_at, published_at, started_at, completed_at, cancelled_at, disputed_at) values
  ('63100000-0000-4000-8000-000000000001', tests.iid('63000000-0000-4000-8000-000000000002'), 'Billing service', 'an-m1', 'd', 'backend', 100, 100000, 'USD', 10,
   'completed', '2020-01-20 00:00+00', '2020-01-30 12:00+00', '2020-02-02 00:00+00', '2020-02-20 00:00+00', null, null),
  ('63100000-0000-4000-8000-000000000002', tests.iid('63000000-0000-4000-8000-000000000002'), 'Search page', 'an-m2', 'd', 'frontend', 100, 100000, 'USD', 10,
   'in_progress', '2020-02-03 00:00+00', '2020-02-04 00:00+00', '2020-02-05 00:00+00', null, null, null),
  ('63100000-0000-4000-8000-000000000003', tests.iid('63000000-0000-4000-8000-000000000003'), 'Data pipeline', 'an-m3', 'd', 'data', 100, 100000, 'EUR', 10,
   'disputed', '2020-02-10 00:00+00', '2020-02-11 00:00+00', '2020-02-12 12:00+00', null, null, '2020-02-15 00:00+00'),
  ('63100000-0000-4000-8000-000000000004', tests.iid('63000000-0000-4000-8000-000000000003'), 'Mobile billing app', 'an-m4', 'd', 'mobile', 100, 100000, 'USD', 10,
   'cancelled', '2020-02-12 00:00+00', '2020-02-13 00:00+00', null, null, '2020-02-14 00:00+00', null),
  ('63100000-0000-4000-8000-000000000005', tests.iid('63000000-0000-4000-8000-000000000003'), 'Draft idea', 'an-m5', 'd', 'other', 100, 100000, 'USD', 10,
   'draft', '2020-02-15 00:00+00', null, null, null, null, null),
  ('63100000-0000-4000-8000-000000000006', tests.iid('63000000-0000-4000-8000-000000000002'), 'Later one', 'an-m6', 'd', 'other', 100, 100000, 'USD', 10,
   'open', '2020-03-02 00:00+00', '2020-03-03 00:00+00', null, null, null, null);
insert into public.milestones (id, mission_id, title, order_index, amount_cents, status) values
  ('63200000-0000-4000-8000-000000000001', '63100000-0000-4000-8000-000000000001', 'one', 0, 1000, 'paid'),
  ('63200000-0000-4000-8000-000000000002', '63100000-0000-4000-8000-000000000001', 'two', 1, 2000, 'paid'),
  ('63200000-0000-4000-8000-000000000003', '63100000-0000-4000-8000-000000000002', 'one', 0, 5000, 'in_progress'),
  ('63200000-0000-4000-8000-000000000004', '63100000-0000-4000-8000-000000000003', 'one', 0, 3000, 'in_progress'),
  ('63200000-0000-4000-8000-000000000005', '63100000-0000-4000-8000-000000000004', 'one', 0, 700, 'pending'),
  ('63200000-0000-4000-8000-000000000006', '63100000-0000-4000-8000-000000000005', 'one', 0, 400, 'pending'),
  ('63200000-0000-4000-8000-000000000007', '63100000-0000-4000-8000-000000000006', 'one', 0, 9999, 'pending');
-- M1's lead, the payee of both milestones (one lead part each, fixed at approval: all after the fee).
insert into public.mission_assignments (mission_id, contributor_id, role, status, accepted_at, completed_at) values
  ('63100000-0000-4000-8000-000000000001', tests.cid('63000000-0000-4000-8000-000000000004'), 'lead', 'completed', '2020-02-05 00:00+00', '2020-02-21 00:00+00');
insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents) values
  ('63200000-0000-4000-8000-000000000001', '63100000-0000-4000-8000-000000000001', tests.cid('63000000-0000-4000-8000-000000000004'), 'lead', 10000, 900),
  ('63200000-0000-4000-8000-000000000002', '63100000-0000-4000-8000-000000000001', tests.cid('63000000-0000-4000-8000-000000000004'), 'lead', 10000, 1800);
-- Escrow: M1 funded 3000 and paid out both milestones (10% fee); M2 funded 5000; M3 funded 3000 EUR
-- with 1000 held for a card dispute; M4 funded 700 and refunded; M6 funded after the period.
select tests.charge('pi_an_1', '63100000-0000-4000-8000-000000000001', 3000, 'USD'), tests.charge('pi_an_2', '63100000-0000-4000-8000-000000000002', 5000, 'USD'), tests.charge('pi_an_3', '63100000-0000-4000-8000-000000000003', 3000, 'EUR'), tests.charge('pi_an_4', '63100000-0000-4000-8000-000000000004', 700, 'USD'), tests.charge('pi_an_6', '63100000-0000-4000-8000-000000000006', 9999, 'USD');
insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents, currency, status, created_at, stripe_payment_intent_id) values
  ('63100000-0000-4000-8000-000000000001', null, tests.iid('63000000-0000-4000-8000-000000000002'), null, 'deposit', 3000, 'USD', 'completed', '2020-01-26 00:00+00', 'pi_an_1'),
  ('63100000-0000-4000-8000-000000000001', '63200000-0000-4000-8000-000000000001', tests.iid('63000000-0000-4000-8000-000000000002'), tests.cid('63000000-0000-4000-8000-000000000004'), 'release', 900, 'USD', 'completed', '2020-02-10 00:00+00', null),
  ('63100000-0000-4000-8000-000000000001', '63200000-0000-4000-8000-000000000001', tests.iid('63000000-0000-4000-8000-000000000002'), null, 'platform_fee', 100, 'USD', 'completed', '2020-02-10 00:00+00', null),
  ('63100000-0000-4000-8000-000000000001', '63200000-0000-4000-8000-000000000002', tests.iid('63000000-0000-4000-8000-000000000002'), tests.cid('63000000-0000-4000-8000-000000000004'), 'release', 1800, 'USD', 'completed', '2020-02-20 00:00+00', null),
  ('63100000-0000-4000-8000-000000000001', '63200000-0000-4000-8000-000000000002', tests.iid('63000000-0000-4000-8000-000000000002'), null, 'platform_fee', 200, 'USD', 'completed', '2020-02-20 00:00+00', null),
  ('63100000-0000-4000-8000-000000000002', null, tests.iid('63000000-0000-4000-8000-000000000002'), null, 'deposit', 5000, 'USD', 'completed', '2020-02-04 00:00+00', 'pi_an_2'),
  ('63100000-0000-4000-8000-000000000003', null, tests.iid('63000000-0000-4000-8000-000000000003'), null, 'deposit', 3000, 'EUR', 'completed', '2020-02-11 00:00+00', 'pi_an_3'),
  ('63100000-0000-4000-8000-000000000003', null, tests.iid('63000000-0000-4000-8000-000000000003'), null, 'dispute_hold', 1000, 'EUR', 'completed', '2020-02-15 00:00+00', null),
  ('63100000-0000-4000-8000-000000000004', null, tests.iid('63000000-0000-4000-8000-000000000003'), null, 'deposit', 700, 'USD', 'completed', '2020-02-13 00:00+00', 'pi_an_4'),
  ('63100000-0000-4000-8000-000000000004', null, tests.iid('63000000-0000-4000-8000-000000000003'), null, 'refund', 700, 'USD', 'completed', '2020-02-14 00:00+00', 'pi_an_4'),
  ('63100000-0000-4000-8000-000000000006', null, tests.iid('63000000-0000-4000-8000-000000000002'), null, 'deposit', 9999, 'USD', 'completed', '2020-03-04 00:00+00', 'pi_an_6');

create temp table got (name text primary key, doc jsonb);
grant all on got to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Analytics
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('an-c1');
select throws_ok($$select public.admin_analytics('2020-02-01', '2020-03-01')$$, '42501', 'Only admins can do this.', 'a contributor cannot read analytics');
select tests.as_postgres();
select tests.as_anon();
select throws_ok($$select public.admin_analytics('2020-02-01', '2020-03-01')$$, '42501', null, 'nor can anon');
select tests.as_postgres();

select tests.authenticate_as('an-admin');
select throws_ok($$select public.admin_analytics('2020-03-01', '2020-02-01')$$, '22023', 'The period must start before it ends.', 'a backwards period is bad input');
insert into got values ('feb', public.admin_analytics('2020-02-01 00:00+00', '2020-03-01 00:00+00'));
select tests.as_postgres();

select is((select doc -> 'users' from got), '{"total": 6, "new": 3,
    "by_role": {"admin": 1, "initiator": 2, "contributor": 3},
    "by_status": {"active": 5, "suspended": 1},
    "new_by_role": {"initiator": 1, "contributor": 2}}'::jsonb,
  'users: 6 by the end of the period by role and status, 3 new in it');
select is((select doc -> 'missions' from got), '{"created": 4, "by_status": {"in_progress": 1, "disputed": 1, "cancelled": 1, "draft": 1}}'::jsonb,
  'missions created in the period, by status');
select is((select doc -> 'gross_mission_value_cents' from got), '{"USD": 5700, "EUR": 3000}'::jsonb,
  'gross mission value: milestones of the missions published in the period, per currency');
select is((select doc -> 'escrow_held_cents' from got), '{"USD": 5000, "EUR": 2000}'::jsonb,
  'escrow held at the end of the period, per currency');
select is((select doc -> 'fees_earned_cents' from got), '{"USD": 300}'::jsonb, 'fees earned in the period');
select is((select doc -> 'completion_rate' from got), '{"completed": 1, "cancelled": 1, "rate": 50.00}'::jsonb,
  'completion rate: 1 of the 2 missions that ended in the period completed');
select is((select doc -> 'time_to_match_hours' from got), '{"missions": 3, "average": 40.00, "median": 36.00}'::jsonb,
  'time to match: published -> started, 60 h, 24 h and 36 h');
select is((select doc -> 'dispute_rate' from got), '{"started": 3, "disputed": 1, "rate": 33.33}'::jsonb,
  'dispute rate: 1 of the 3 missions started in the period');
select results_eq($$select (doc ->> 'period_start')::timestamptz, (doc ->> 'period_end')::timestamptz from got$$,
  $$values ('2020-02-01 00:00+00'::timestamptz, '2020-03-01 00:00+00'::timestamptz)$$, 'the period is echoed');

-- An empty period says so instead of dividing by zero.
select tests.authenticate_as('an-admin');
insert into got values ('empty', public.admin_analytics('2019-01-01 00:00+00', '2019-02-01 00:00+00'));
select tests.as_postgres();
select results_eq($$select doc #> '{completion_rate,rate}', doc #> '{dispute_rate,rate}', doc -> 'fees_earned_cents', doc #> '{users,total}' from got where name = 'empty'$$,
  $$values ('null'::jsonb, 'null'::jsonb, '{}'::jsonb, '0'::jsonb)$$, 'an empty period: no rates, no money, no users');
select is((select count(*)::int from public.audit_logs where action = 'admin.analytics_viewed' and user_id = '63000000-0000-4000-8000-000000000001'), 2,
  'reading analytics is audited');

-- ---------------------------------------------------------------------------------------------
-- All missions (admins read every mission; this adds filters, paging and money)
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('an-i1');
select throws_ok($$select * from public.admin_list_missions()$$, '42501', 'Only admins can do this.', 'an initiator cannot list all missions');
select tests.as_postgres();
select tests.authenticate_as('an-admin');
select results_eq($$select title, initiator_name, currency, milestones_total_cents, escrow_held_cents from public.admin_list_missions(status => 'disputed')$$,
  $$values ('Data pipeline', 'Ina Two', 'EUR', 3000::bigint, 2000::bigint)$$, 'filter by status, with the milestone total and escrow held');
select set_eq($$select title from public.admin_list_missions(search => 'BILLING')$$, $$values ('Billing service'), ('Mobile billing app')$$,
  'search by title');
select set_eq($$select title from public.admin_list_missions(initiator_id => tests.iid('63000000-0000-4000-8000-000000000003'))$$,
  $$values ('Data pipeline'), ('Mobile billing app'), ('Draft idea')$$, 'filter by initiator: drafts included');
select results_eq($$select title from public.admin_list_missions(created_from => '2020-02-01', created_to => '2020-03-01', page_size => 2)$$,
  $$values ('Draft idea'), ('Mobile billing app')$$, 'filter by creation date, newest first, a page at a time');
select results_eq($$select title, total_count::int from public.admin_list_missions(created_from => '2020-02-01', created_to => '2020-03-01', page_size => 2, page_offset => 2)$$,
  $$values ('Data pipeline', 4), ('Search page', 4)$$, 'the next page, with the total');
select tests.as_postgres();
select is((select count(*)::int from public.audit_logs where action = 'admin.missions_listed' and user_id = '63000000-0000-4000-8000-000000000001'), 5,
  'listing missions is audited');

-- ---------------------------------------------------------------------------------------------
-- The skills catalogue: everyone reads it, admins curate it (under RLS), every change audited
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('an-admin');
select lives_ok($$insert into public.skills (name, category) values ('Zig', 'language')$$,
  'an admin adds a skill');
insert into got select 'zig', to_jsonb(id) from public.skills where name = 'Zig';
select lives_ok($$update public.skills set name = 'Zig (lang)' where name = 'Zig'$$, 'renames it');
select is((select skill_count::int from public.skill_categories() where category = 'language'),
  (select count(*)::int from public.skills where category = 'language' and is_active), 'skill_categories counts active skills');
select lives_ok($$update public.skills set is_active = false where id = (select (doc #>> '{}')::uuid from got where name = 'zig')$$, 'retires it');
select tests.as_postgres();
select is((select array_agg(action::text order by action) from public.audit_logs where entity_id = (select (doc #>> '{}')::uuid from got where name = 'zig')),
  array['skill.created', 'skill.is_active_changed', 'skill.name_changed'], 'each change is audited');
select is(tests.try_as('authenticated', tests.claims_for('63000000-0000-4000-8000-000000000004'),
  $$insert into public.skills (name, category) values ('Sneaky', 'tool')$$), 'rls', 'a contributor cannot add a skill');
select is(tests.try_as('authenticated', tests.claims_for('63000000-0000-4000-8000-000000000004'),
  $$update public.skills set is_active = true where id = (select (doc #>> '{}')::uuid from got where name = 'zig')$$), 'ok:0', 'nor change one');
select is(tests.try_as('anon', '{"role":"anon"}', $$select 1 from public.skills where name = 'Zig (lang)'$$),
  'ok:1', 'anyone reads the catalogue');

-- ---------------------------------------------------------------------------------------------
-- The proof task library: admins manage tasks and guides (under RLS), audited
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('an-admin');
select lives_ok($$insert into public.proof_tasks (title, scenario, category, time_limit_minutes)
                  values ('Cache design', 'Design a cache.', 'system_design', 60)$$, 'an admin adds a proof task');
insert into got select 'cache', to_jsonb(id) from public.proof_tasks where title = 'Cache design';
select lives_ok($$insert into public.proof_task_grading_guides (task_id, expected_approach)
                  values ((select (doc #>> '{}')::uuid from got where name = 'cache'), 'LRU with TTL; discuss stampedes.')$$, 'with its grading guide');
select lives_ok($$update public.proof_tasks set is_active = false where id = (select (doc #>> '{}')::uuid from got where name = 'cache')$$, 'and retires it');
select tests.as_postgres();
select is((select array_agg(action::text order by action) from public.audit_logs
           where entity_id = (select (doc #>> '{}')::uuid from got where name = 'cache')
              or new_values ->> 'task_id' = (select doc #>> '{}' from got where name = 'cache')),
  array['proof_task.created', 'proof_task.is_active_changed', 'proof_task_guide.created'], 'proof task and guide changes are audited');
select is(tests.try_as('authenticated', tests.claims_for('63000000-0000-4000-8000-000000000004'),
  $$insert into public.proof_tasks (title, scenario, category) values ('Mine', 'x', 'backend')$$), 'rls', 'a contributor cannot add a proof task');
select is(tests.try_as('authenticated', tests.claims_for('63000000-0000-4000-8000-000000000004'),
  $$select expected_approach from public.proof_task_grading_guides$$), 'ok:0', 'nor read a grading guide');

select * from finish();
rollback;
