-- Roles (issue 19): one marketplace role profile per person, and the platform is decided by the role
-- the session runs as, not by a JWT claim.
begin;
select plan(10);

select tests.create_user('r-admin@example.com', '{"full_name":"Ada Admin"}', id => 'a6700000-0000-4000-8000-000000000001');
select tests.create_user('r-fresh@example.com', '{"role":"contributor","full_name":"Fresh Contributor"}', id => 'a6700000-0000-4000-8000-000000000002');
select tests.create_user('r-applicant@example.com', '{"role":"contributor","full_name":"Busy Applicant"}', id => 'a6700000-0000-4000-8000-000000000003');
select tests.create_user('r-init@example.com', '{"role":"initiator","full_name":"Ivy Initiator"}', id => 'a6700000-0000-4000-8000-000000000004');
update public.profiles set primary_role = 'admin' where id = 'a6700000-0000-4000-8000-000000000001';
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, is_public, published_at) values
  ('b6700000-0000-4000-8000-000000000001', tests.iid('a6700000-0000-4000-8000-000000000004'), 'Own mission', 'own-mission-r', 'd', 'backend', 1000, 5000, 10, 'open', true, now());
insert into public.mission_applications (mission_id, contributor_id)
values ('b6700000-0000-4000-8000-000000000001', tests.cid('a6700000-0000-4000-8000-000000000003'));

-- 1. set_user_role moves the person, it does not give them a second profile.
select tests.authenticate_as('r-admin');
select is((public.set_user_role('a6700000-0000-4000-8000-000000000002', 'initiator')).primary_role::text, 'initiator',
  'an admin makes a fresh contributor an initiator');
select tests.as_postgres();
select results_eq($$select (select count(*)::int from public.contributor_profiles where user_id = 'a6700000-0000-4000-8000-000000000002'),
                           (select count(*)::int from public.initiator_profiles where user_id = 'a6700000-0000-4000-8000-000000000002')$$,
  $$values (0, 1)$$, 'the contributor profile is gone, the initiator profile is there');
select tests.authenticate_as('r-admin');
select throws_ok($$select public.set_user_role('a6700000-0000-4000-8000-000000000003', 'initiator')$$, 'PT409',
  'This user has worked or applied as a contributor: they cannot become an initiator.',
  'a contributor with applications is not turned into an initiator (their history would go)');
select throws_ok($$select public.set_user_role('a6700000-0000-4000-8000-000000000004', 'contributor')$$, 'PT409',
  'This user has posted missions as an initiator: they cannot become a contributor.',
  'an initiator with missions is not turned into a contributor');

-- 2. Whatever profiles someone holds, they never join their own mission's team.
select tests.as_postgres();
select private.create_role_profile('a6700000-0000-4000-8000-000000000004', 'contributor');
update public.contributor_profiles set verification_status = 'verified' where user_id = 'a6700000-0000-4000-8000-000000000004';
select tests.authenticate_as('r-init');
select throws_ok($$select public.invite_contributor('b6700000-0000-4000-8000-000000000001', tests.cid('a6700000-0000-4000-8000-000000000004'), 'lead')$$,
  '22023', 'The mission''s initiator cannot join its team.', 'an initiator cannot invite themselves to their own mission');
select tests.authenticate_as('r-admin');
select throws_ok($$select public.invite_contributor('b6700000-0000-4000-8000-000000000001', tests.cid('a6700000-0000-4000-8000-000000000004'), 'lead')$$,
  '22023', 'The mission''s initiator cannot join its team.', 'nor can an admin put them there');

-- 3. The platform is the role the session runs as, not the token's role claim.
select is(tests.try_as('authenticated', '{"role":"service_role","sub":"a6700000-0000-4000-8000-000000000002"}',
            $$select 1 where private.is_platform()$$), 'ok:0',
  'a session running as authenticated with a service_role claim is not the platform');
-- (try_as reports SQLSTATE 42501 from a raise or a grant as "denied")
select is(tests.try_as('authenticated', '{"role":"service_role"}', $$select * from private.require_admin()$$), 'denied',
  '... and cannot pass the admin check with it');
select is(tests.try_as('service_role', '{"role":"service_role"}', $$select 1 where private.is_platform()$$), 'ok:1',
  'the service role is the platform');
select is(tests.try_as('service_role', '{"role":"authenticated"}', $$select 1 where private.is_platform()$$), 'ok:1',
  'the service role is the platform whatever its claims say');

select * from finish();
rollback;
