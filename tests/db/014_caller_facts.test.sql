-- The caller's facts remembered once per request (private.remember_caller): the Data API's pre-request
-- hook reads the caller's status, role, contributor and initiator ids in one statement, and the
-- policies' helpers (is_admin, is_active, my_contributor_id, my_initiator_id, my_team_mission_ids,
-- my_initiated_mission_ids, my_mission_ids) read them instead of looking them up again. They must give
-- exactly the answers the lookups give: for every kind of caller, for the user the claims name now
-- (not the one the hook saw), and after the request itself changes them. The matrices (021, 031) run
-- every probe with and without the hook as well.
begin;
select plan(41);

select tests.create_user('cf-con@example.com', '{"role":"contributor","full_name":"Cal Contributor"}', id => 'a1400000-0000-4000-8000-000000000001');
select tests.create_user('cf-ini@example.com', '{"role":"initiator","full_name":"Ina Initiator"}', id => 'a1400000-0000-4000-8000-000000000002');
select tests.create_user('cf-both@example.com', '{"role":"contributor","full_name":"Bo Both"}', id => 'a1400000-0000-4000-8000-000000000003');
select tests.create_user('cf-adm@example.com', '{"full_name":"Ada Admin"}', id => 'a1400000-0000-4000-8000-000000000004');
select tests.create_user('cf-sus@example.com', '{"role":"contributor","full_name":"Sue Suspended"}', id => 'a1400000-0000-4000-8000-000000000005');
select tests.create_user('cf-pend@example.com', '{"role":"contributor","full_name":"Pen Pending"}', id => 'a1400000-0000-4000-8000-000000000006');
select tests.create_user('cf-new@example.com', '{"role":"contributor","full_name":"Nia New"}', id => 'a1400000-0000-4000-8000-000000000007');
update public.profiles set primary_role = 'admin' where id = 'a1400000-0000-4000-8000-000000000004';
update public.profiles set account_status = 'suspended' where id = 'a1400000-0000-4000-8000-000000000005';
update public.profiles set account_status = 'pending_verification' where id = 'a1400000-0000-4000-8000-000000000006';
-- Bo is a contributor who also posts missions.
insert into public.initiator_profiles (user_id, company_name) values ('a1400000-0000-4000-8000-000000000003', 'Both Ltd');

-- Missions: Ina's private one in progress (Cal lead, Sue shadow, Bo invited), Ina's listed one, Bo's own.
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, is_public, published_at, requires_core_reviewer) values
  ('b1400000-0000-4000-8000-000000000001', tests.iid('a1400000-0000-4000-8000-000000000002'), 'Private work', 'cf-private', 'd', 'backend', 1000, 5000, 10, 'in_progress', false, now(), false),
  ('b1400000-0000-4000-8000-000000000002', tests.iid('a1400000-0000-4000-8000-000000000002'), 'Listed work', 'cf-listed', 'd', 'backend', 1000, 5000, 10, 'open', true, now(), false),
  ('b1400000-0000-4000-8000-000000000003', tests.iid('a1400000-0000-4000-8000-000000000003'), 'Bo''s draft', 'cf-draft', 'd', 'backend', 1000, 5000, 10, 'draft', false, null, false);
insert into public.mission_assignments (mission_id, contributor_id, role, status, invitation_expires_at) values
  ('b1400000-0000-4000-8000-000000000001', tests.cid('a1400000-0000-4000-8000-000000000001'), 'lead', 'active', null),
  ('b1400000-0000-4000-8000-000000000001', tests.cid('a1400000-0000-4000-8000-000000000005'), 'shadow', 'active', null),
  ('b1400000-0000-4000-8000-000000000001', tests.cid('a1400000-0000-4000-8000-000000000003'), 'shadow', 'invited', now() + interval '2 days');

-- Every helper's answer for the current caller (arrays sorted).
create function tests.helper_answers() returns jsonb
language sql volatile set search_path = '' as $$
  select jsonb_build_object(
    'is_admin', private.is_admin(), 'is_active', private.is_active(),
    'contributor_id', private.my_contributor_id(), 'initiator_id', private.my_initiator_id(),
    'team', (select coalesce(array_agg(x order by x), '{}') from unnest(private.my_team_mission_ids()) x),
    'initiated', (select coalesce(array_agg(x order by x), '{}') from unnest(private.my_initiated_mission_ids()) x),
    'mine', (select coalesce(array_agg(x order by x), '{}') from unnest(private.my_mission_ids()) x));
$$;
-- Whether the helpers read remembered facts now (the rule of private.remember_caller).
create function tests.remembered() returns boolean
language sql stable set search_path = '' as $$
  select coalesce(current_setting('people.caller_for', true)
    = concat(current_setting('request.jwt.claim.sub', true), '|', current_setting('request.jwt.claims', true)), false);
$$;
-- As `who`: the answers from the lookups, then the hook, then whether it remembered and the answers again.
create function tests.answers_both_ways(who text) returns jsonb
language plpgsql volatile set search_path = '' as $$
declare
  looked_up jsonb;
begin
  perform set_config('people.caller_for', '', true);
  perform tests.authenticate_as(who);
  looked_up := tests.helper_answers();
  perform public.check_request();
  return jsonb_build_object('looked_up', looked_up, 'remembered', tests.remembered(),
                            'from_facts', tests.helper_answers());
end
$$;
-- Step aside as postgres (an admin's change inside the request) and come back as the same request:
-- the very same claims (tests.authenticate_as would mint a new session id, and other claims are
-- never taken for the remembered ones, which would prove nothing about forgetting).
create function tests.aside() returns void
language plpgsql volatile set search_path = '' as $$
begin
  perform set_config('tests.caller_claims', current_setting('request.jwt.claims'), true);
  perform tests.as_postgres();
end
$$;
create function tests.back() returns void
language plpgsql volatile set search_path = '' as $$
begin
  perform set_config('role', 'authenticated', true);
  perform set_config('request.jwt.claims', current_setting('tests.caller_claims'), true);
end
$$;
grant execute on all functions in schema tests to anon, authenticated, service_role;

create temp table both_ways as
select name, tests.answers_both_ways(name) as r
from unnest(array['cf-con', 'cf-ini', 'cf-both', 'cf-adm', 'cf-sus', 'cf-pend']) name;
select tests.as_postgres();

-- ---------------------------------------------------------------------------------------------
-- The same answers, for every kind of caller
-- ---------------------------------------------------------------------------------------------
select ok((r ->> 'remembered')::boolean, format('%s: the pre-request hook remembers the caller''s facts', name))
from both_ways order by name;
select is(r -> 'from_facts', r -> 'looked_up', format('%s: every helper answers as its lookup does', name))
from both_ways order by name;
select is(r -> 'from_facts', jsonb_build_object('is_admin', false, 'is_active', true,
    'contributor_id', tests.cid('a1400000-0000-4000-8000-000000000001'), 'initiator_id', null,
    'team', '["b1400000-0000-4000-8000-000000000001"]'::jsonb, 'initiated', '[]'::jsonb,
    'mine', '["b1400000-0000-4000-8000-000000000001"]'::jsonb),
  'a contributor: their id, their team''s mission, nothing initiated')
from both_ways where name = 'cf-con';
select is(r -> 'from_facts' -> 'mine', '["b1400000-0000-4000-8000-000000000001", "b1400000-0000-4000-8000-000000000003"]'::jsonb,
  'a contributor who also initiates: their own draft and the mission they are invited to')
from both_ways where name = 'cf-both';
select is(r -> 'from_facts' -> 'mine', '[]'::jsonb,
  'a suspended contributor: not their team''s missions (my_mission_ids only counts teams while active)')
from both_ways where name = 'cf-sus';
select is((r -> 'from_facts' ->> 'is_active')::boolean, false, 'a pending account is not active from the facts either')
from both_ways where name = 'cf-pend';

select tests.authenticate_as('cf-sus');
select public.check_request();
select throws_ok($$select private.require_active_user()$$, '42501', 'Your account is suspended: you cannot make changes.',
  'the write guard reads the remembered status: a suspended caller is refused');
select tests.authenticate_as('cf-con');
select public.check_request();
select is(private.require_active_user(), 'a1400000-0000-4000-8000-000000000001'::uuid, 'and an active one passes');

-- ---------------------------------------------------------------------------------------------
-- Only for the user the claims name now
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('cf-adm');
select public.check_request();
select tests.authenticate_as('cf-con');
select is(tests.remembered(), false, 'claims switched inside the transaction: the facts the hook remembered are not the caller''s');
select is(private.is_admin(), false, 'and the new caller is not taken for the admin the hook saw');
select is(private.my_contributor_id(), tests.cid('a1400000-0000-4000-8000-000000000001'), 'the new caller''s own contributor id');

select set_config('people.caller', 'active,admin,,', true),
       set_config('people.caller_for', '|' || tests.claims_for('a1400000-0000-4000-8000-000000000004')::text, true);
select is(private.is_admin(), false, 'facts remembered for other claims are ignored');

select tests.as_anon();
select public.check_request();
select is(current_setting('people.caller', true), 'active,admin,,', 'anon: the hook remembers nothing (nobody is signed in)');
select tests.as_service_role();
select set_config('people.caller', '', true);
select public.check_request();
select is(current_setting('people.caller', true), '', 'the service role: the hook returns before reading any profile');

select set_config('role', 'authenticated', true);
select set_config('request.jwt.claims', '{"role":"authenticated","sub":"a14fffff-0000-4000-8000-000000000099"}', true);
select public.check_request();
select is(current_setting('people.caller', true), '', 'a signed-in user without a profile: nothing remembered');
select is(private.is_active(), false, 'and the lookups answer for them: not active');

-- ---------------------------------------------------------------------------------------------
-- A request that changes the facts reads them fresh afterwards
-- ---------------------------------------------------------------------------------------------
-- Cal is suspended by an admin inside the transaction that remembered him as active.
select tests.authenticate_as('cf-con');
select public.check_request();
select ok(tests.remembered(), 'Cal''s facts are remembered');
select tests.aside();
update public.profiles set account_status = 'suspended' where id = 'a1400000-0000-4000-8000-000000000001';
select tests.back();
select is(tests.remembered(), false, 'a change to profiles forgets the remembered facts');
select is(private.is_active(), false, 'Cal is no longer active within the same request');
select is(private.my_mission_ids(), '{}'::uuid[], 'and no longer sees his team''s mission through my_mission_ids');
select throws_ok($$select private.require_active_user()$$, '42501', 'Your account is suspended: you cannot make changes.',
  'and the write guard refuses him');
select tests.as_postgres();
update public.profiles set account_status = 'active' where id = 'a1400000-0000-4000-8000-000000000001';

-- Cal is made an admin.
select tests.authenticate_as('cf-con');
select public.check_request();
select tests.aside();
update public.profiles set primary_role = 'admin' where id = 'a1400000-0000-4000-8000-000000000001';
select tests.back();
select is(private.is_admin(), true, 'a new admin is an admin within the same request');
select tests.as_postgres();
update public.profiles set primary_role = 'contributor' where id = 'a1400000-0000-4000-8000-000000000001';

-- Cal gains an initiator profile.
select tests.authenticate_as('cf-con');
select public.check_request();
select is(private.my_initiator_id(), null, 'Cal initiates nothing yet');
select tests.aside();
insert into public.initiator_profiles (user_id, company_name) values ('a1400000-0000-4000-8000-000000000001', 'Cal Co');
select tests.back();
select is(private.my_initiator_id(), tests.iid('a1400000-0000-4000-8000-000000000001'),
  'a role profile created in the request is seen in the same request');

-- Any change to a contributor profile forgets too.
select public.check_request();
select tests.aside();
update public.contributor_profiles set headline = 'Still Cal' where user_id = 'a1400000-0000-4000-8000-000000000001';
select tests.back();
select is(tests.remembered(), false, 'a change to contributor_profiles forgets the remembered facts');

-- Through the API: Nia switches her primary role with the RPC in the request the hook remembered her.
select tests.authenticate_as('cf-new');
select public.check_request();
select is(private.my_initiator_id(), null, 'Nia has no initiator profile');
select lives_ok($$select public.choose_primary_role('initiator')$$, 'Nia switches to initiator');
select is(private.my_initiator_id(), tests.iid('a1400000-0000-4000-8000-000000000007'),
  'her new initiator id is seen by the rest of the request');

-- A change undone by a savepoint restores the facts with it; a deleted account forgets them.
select tests.authenticate_as('cf-con');
select public.check_request();
select tests.aside();
savepoint before_suspension;
update public.profiles set account_status = 'suspended' where id = 'a1400000-0000-4000-8000-000000000001';
rollback to savepoint before_suspension;
select tests.back();
select ok(tests.remembered() and private.is_active(), 'a suspension rolled back to a savepoint: remembered again, and active');
select tests.authenticate_as('cf-pend');
select public.check_request();
select current_setting('request.jwt.claims') as pend_claims \gset
select tests.as_postgres();
delete from auth.users where id = 'a1400000-0000-4000-8000-000000000006';
select set_config('role', 'authenticated', true), set_config('request.jwt.claims', :'pend_claims', true);
select is(tests.remembered(), false, 'deleting the user (the cascade to profiles) forgets the facts');

-- Only the owner writes the facts: remember_caller trusts its arguments.
select ok(not bool_or(has_function_privilege(r, 'private.remember_caller(public.account_status, public.user_role, uuid, uuid)', 'execute')),
  'nobody but the owner may call private.remember_caller')
from unnest(array['public', 'anon', 'authenticated', 'service_role']) r;

select * from finish();
rollback;
