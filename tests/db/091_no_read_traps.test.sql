-- No read traps under RLS: a SELECT policy with an OR arm that is a bare boolean ((select
-- private.is_admin())) cannot become a BitmapOr of indexes, so a client that leaves the filtering
-- to the policy (no .eq('contributor_id', ...)) scanned the whole table. The policies of the
-- tables users read "their own rows" from have no admin arm: every arm is an index condition.
-- Admins read those tables through public.admin_read() instead; nobody else may call it.
begin;
select plan(23);

select tests.create_user('nt-ines@example.com', '{"full_name":"Ines","role":"initiator"}', id => '91000000-0000-4000-8000-000000000001');
select tests.create_user('nt-cora@example.com', '{"full_name":"Cora","role":"contributor"}', id => '91000000-0000-4000-8000-000000000002');
select tests.create_user('nt-ada@example.com', '{"full_name":"Ada"}', id => '91000000-0000-4000-8000-000000000003');
update public.profiles set primary_role = 'admin' where id = '91000000-0000-4000-8000-000000000003';
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, is_public)
values ('91100000-0000-4000-8000-000000000001', tests.iid('91000000-0000-4000-8000-000000000001'), 'NT draft', 'nt-draft', 'd',
        'backend', 100, 1000, 5, 'draft', true);
update public.missions set dispute_reason = 'secret' where id = '91100000-0000-4000-8000-000000000001';


-- ---------------------------------------------------------------------------------------------
-- 1. No policy arm is a bare boolean on the tables users read their own rows from.
-- ---------------------------------------------------------------------------------------------
select is_empty(
  $$select tablename::text from pg_policies
    where schemaname = 'public' and cmd = 'SELECT' and 'authenticated' = any (roles) and qual ~ 'is_admin\(\)'
      and tablename in ('missions', 'mission_applications', 'mission_assignments', 'work_submissions', 'escrow_transactions',
                        'contributor_private_details', 'initiator_private_details', 'proof_task_submissions')$$,
  'the SELECT policies of the "my rows" tables have no admin arm');

-- ---------------------------------------------------------------------------------------------
-- 2. Without the client's filter, every one of them is read through indexes (sequential scans
--    disabled: a policy that forces a scan still shows one).
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('91000000-0000-4000-8000-000000000002'::uuid);
set local enable_seqscan = off;
select doesnt_match(tests.plan_of(format('select * from public.%I', t)), 'Seq Scan',
  format('a contributor reading %s without a filter: no sequential scan', t))
from unnest(array['mission_applications', 'mission_assignments', 'work_submissions', 'escrow_transactions',
                  'contributor_private_details', 'proof_task_submissions']) t;
select doesnt_match(tests.plan_of($$select id from public.missions where status = 'draft'$$), 'Seq Scan',
  'a contributor reading missions by status without the initiator filter: no sequential scan');
select tests.authenticate_as('91000000-0000-4000-8000-000000000001'::uuid);
set local enable_seqscan = off;
select doesnt_match(tests.plan_of(format('select * from public.%I', t)), 'Seq Scan',
  format('an initiator reading %s without a filter: no sequential scan', t))
from unnest(array['mission_applications', 'initiator_private_details', 'escrow_transactions']) t;
select tests.as_postgres();
reset enable_seqscan;

-- ---------------------------------------------------------------------------------------------
-- 3. Admins read through admin_read(): the rows, only the columns signed-in users may select,
--    audited; everyone else is refused.
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('91000000-0000-4000-8000-000000000003'::uuid);
select is((select count(*)::int from public.missions where id = '91100000-0000-4000-8000-000000000001'), 0,
  'an admin no longer sees another initiator''s draft in the table (no admin arm)');
select is((select r->>'title' from public.admin_read('missions', ids => array['91100000-0000-4000-8000-000000000001'::uuid]) r),
  'NT draft', 'an admin reads the draft through admin_read');
select ok(not (select r ? 'dispute_reason' from public.admin_read('missions', ids => array['91100000-0000-4000-8000-000000000001'::uuid]) r),
  'admin_read returns only the columns signed-in users may select (dispute_reason is granted to nobody)');
select is((select count(*)::int from public.admin_read('missions', 'initiator_id', array[tests.iid('91000000-0000-4000-8000-000000000001')])),
  1, 'admin_read filters on another uuid column');
select throws_ok($$select public.admin_read('audit_logs')$$, '22023', null, 'admin_read offers only the tables whose policies have no admin arm');
select throws_ok($$select public.admin_read('missions', 'title')$$, '22023', null, 'admin_read filters on uuid columns only');
select throws_ok($$select public.admin_read('missions', 'dispute_reason')$$, '22023', null, 'admin_read never filters on a column signed-in users may not select');
select tests.as_postgres();
select ok(exists (select from public.audit_logs where user_id = '91000000-0000-4000-8000-000000000003' and action = 'admin.rows_read'
                    and entity_type = 'missions'),
  'admin reads are audited with the admin and the table');

select tests.authenticate_as('91000000-0000-4000-8000-000000000001'::uuid);
select throws_ok($$select public.admin_read('missions')$$, '42501', null, 'an initiator may not call admin_read');
select tests.authenticate_as('91000000-0000-4000-8000-000000000002'::uuid);
select throws_ok($$select public.admin_read('contributor_private_details')$$, '42501', null, 'a contributor may not call admin_read');
select tests.as_postgres();
update public.profiles set account_status = 'suspended' where id = '91000000-0000-4000-8000-000000000003';
select tests.authenticate_as('91000000-0000-4000-8000-000000000003'::uuid);
select throws_ok($$select public.admin_read('missions')$$, '42501', null, 'a suspended admin may not call admin_read');
select tests.as_postgres();
set local role anon;
select throws_ok($$select public.admin_read('missions')$$, '42501', null, 'anon may not execute admin_read');
reset role;

select * from finish();
rollback;
