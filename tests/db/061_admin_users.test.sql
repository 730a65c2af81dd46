-- Admin user management: search (name, email, role, status, verification), suspend, ban, reinstate.
-- Admins only, every action audited; a banned user can do nothing anywhere.
begin;
select plan(47);

select tests.create_user('au-admin@example.com', '{"full_name":"Alma Admin"}', id => '62000000-0000-4000-8000-000000000001');
select tests.create_user('au-admin2@example.com', '{"full_name":"Otto Admin"}', id => '62000000-0000-4000-8000-000000000002');
select tests.create_user('carla@example.com', '{"full_name":"Carla Coder"}', id => '62000000-0000-4000-8000-000000000003');
select tests.create_user('dan@example.com', '{"full_name":"Dan Dev"}', id => '62000000-0000-4000-8000-000000000004');
select tests.create_user('ivan@bigcorp.example', '{"full_name":"Ivan Initiator","role":"initiator"}', id => '62000000-0000-4000-8000-000000000005');
update public.profiles set primary_role = 'admin' where id in ('62000000-0000-4000-8000-000000000001', '62000000-0000-4000-8000-000000000002');
update public.contributor_profiles set verification_status = 'verified' where user_id = '62000000-0000-4000-8000-000000000003';
-- Dan is signed in on two devices.
insert into auth.sessions (id, user_id, created_at, updated_at, user_agent, ip, aal, not_after) values
  ('62500000-0000-4000-8000-000000000001', '62000000-0000-4000-8000-000000000004', now(), now(), 'Firefox', '203.0.113.9', 'aal1', now() + interval '7 days'),
  ('62500000-0000-4000-8000-000000000002', '62000000-0000-4000-8000-000000000004', now(), now(), 'Safari', '203.0.113.9', 'aal1', now() + interval '7 days');
insert into auth.refresh_tokens (token, user_id, revoked, created_at, session_id) values
  ('au-rt-1', '62000000-0000-4000-8000-000000000004', false, now(), '62500000-0000-4000-8000-000000000001');

-- ---------------------------------------------------------------------------------------------
-- Search
-- ---------------------------------------------------------------------------------------------
select tests.as_anon();
select throws_ok($$select * from public.admin_search_users()$$, '42501', null, 'anon cannot search users');
select tests.as_postgres();
select tests.authenticate_as('carla');
select throws_ok($$select * from public.admin_search_users()$$, '42501', 'Only admins can do this.', 'a contributor cannot search users');
select tests.as_postgres();

select tests.authenticate_as('au-admin');
select results_eq($$select full_name, email, primary_role::text from public.admin_search_users(search => 'BIGCORP')$$,
  $$values ('Ivan Initiator', 'ivan@bigcorp.example', 'initiator')$$, 'search finds a user by email (from auth.users), case-insensitively');
select results_eq($$select full_name, verification_status::text from public.admin_search_users(search => 'carl')$$,
  $$values ('Carla Coder', 'verified')$$, 'and by name, with the contributor''s verification');
select set_eq($$select full_name from public.admin_search_users(role => 'admin')$$, $$values ('Alma Admin'), ('Otto Admin')$$, 'filter by role');
select set_eq($$select full_name from public.admin_search_users(verification => 'verified')$$, $$values ('Carla Coder')$$, 'filter by verification');
select set_eq($$select full_name from public.admin_search_users(role => 'contributor', status => 'active')$$,
  $$values ('Carla Coder'), ('Dan Dev')$$, 'filters combine');
select results_eq($$select count(*)::int, max(total_count)::int from public.admin_search_users(page_size => 2)$$, $$values (2, 5)$$,
  'a page at a time, with the total number of matches');
select is((select count(*)::int from public.admin_search_users(page_size => 2, page_offset => 4)), 1, 'the last page');
select tests.as_postgres();
select is((select count(*)::int from public.audit_logs where action = 'admin.users_searched' and user_id = '62000000-0000-4000-8000-000000000001'),
  7, 'every search is audited');
select is((select count(*)::int from public.audit_logs where action = 'admin.users_searched' and metadata ->> 'search' = 'BIGCORP'),
  1, 'with its filters');

-- ---------------------------------------------------------------------------------------------
-- Suspend
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('carla');
select throws_ok($$select public.suspend_user('62000000-0000-4000-8000-000000000004', 'spam')$$, '42501', 'Only admins can do this.',
  'a contributor cannot suspend');
select throws_ok($$select public.ban_user('62000000-0000-4000-8000-000000000004', 'spam')$$, '42501', 'Only admins can do this.',
  'a contributor cannot ban');
select throws_ok($$select public.reinstate_user('62000000-0000-4000-8000-000000000004')$$, '42501', 'Only admins can do this.',
  'a contributor cannot reinstate');
select tests.as_postgres();

select tests.authenticate_as('au-admin');
select throws_ok($$select public.suspend_user('62000000-0000-4000-8000-000000000003', '  ')$$, '22023', 'Say why you suspend this account.',
  'a suspension needs a reason');
select throws_ok($$select public.suspend_user('62000000-0000-4000-8000-0000000000ff', 'x')$$, 'PT404', 'No such user.', 'unknown user: not found');
select throws_ok($$select public.suspend_user('62000000-0000-4000-8000-000000000001', 'x')$$, '42501',
  'You cannot change the status of your own account.', 'an admin cannot suspend themselves');
select throws_ok($$select public.ban_user('62000000-0000-4000-8000-000000000002', 'x')$$, '42501',
  'An admin cannot ban another admin: change their role first.', 'nor ban another admin');
select is((public.suspend_user('62000000-0000-4000-8000-000000000003', 'Chargeback investigation')).account_status::text, 'suspended',
  'an admin suspends a contributor');
select throws_ok($$select public.suspend_user('62000000-0000-4000-8000-000000000003', 'again')$$, 'PT409',
  'Cannot suspend an account that is suspended.', 'suspending twice is the wrong state');
select tests.as_postgres();
select results_eq($$select old_values ->> 'account_status', new_values ->> 'account_status', metadata ->> 'reason', user_id
                    from public.audit_logs where action = 'user.suspended' and entity_id = '62000000-0000-4000-8000-000000000003'$$,
  $$values ('active', 'suspended', 'Chargeback investigation', '62000000-0000-4000-8000-000000000001'::uuid)$$,
  'the suspension is audited: who, from what, to what, why');
select is((select count(*)::int from private.domain_events where event = 'user:suspended' and entity_id = '62000000-0000-4000-8000-000000000003'),
  1, 'user:suspended is raised');
select is(public.custom_access_token_hook(jsonb_build_object('user_id', '62000000-0000-4000-8000-000000000003', 'claims', '{}'::jsonb))
          #>> '{error,http_code}', '403', 'a suspended user gets no new access token');
select tests.authenticate_as('carla');
select is((select count(*)::int from public.profiles where id = '62000000-0000-4000-8000-000000000003'), 1,
  'a suspended user still reads their own profile');
select lives_ok($$select public.check_request()$$, 'and the Data API still serves them (reads only, by RLS)');
select tests.as_postgres();

-- ---------------------------------------------------------------------------------------------
-- Ban: signed out everywhere, Supabase Auth refuses them, and nothing works
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('au-admin');
select is((public.ban_user('62000000-0000-4000-8000-000000000004', 'Fraud')).account_status::text, 'banned', 'an admin bans a contributor');
select throws_ok($$select public.ban_user('62000000-0000-4000-8000-000000000004', 'again')$$, 'PT409',
  'Cannot ban an account that is banned.', 'banning twice is the wrong state');
select tests.as_postgres();
select ok((select banned_until > now() + interval '99 years' from auth.users where id = '62000000-0000-4000-8000-000000000004'),
  'Supabase Auth refuses the banned user (banned_until a century ahead)');
select is((select count(*)::int from auth.sessions where user_id = '62000000-0000-4000-8000-000000000004'), 0, 'every session is revoked');
select is((select count(*)::int from auth.refresh_tokens where user_id = '62000000-0000-4000-8000-000000000004'), 0, 'and every refresh token');
select results_eq($$select metadata ->> 'reason', (metadata ->> 'sessions_revoked')::int from public.audit_logs
                    where action = 'user.banned' and entity_id = '62000000-0000-4000-8000-000000000004'$$,
  $$values ('Fraud', 2)$$, 'the ban is audited with its reason and the sessions it ended');
select is(public.custom_access_token_hook(jsonb_build_object('user_id', '62000000-0000-4000-8000-000000000004', 'claims', '{}'::jsonb))
          #>> '{error,http_code}', '403', 'no new access token for a banned user');

-- With an access token still valid, a banned user can do nothing.
select tests.authenticate_as('dan');
select set_config('request.method', 'GET', true);
select set_config('request.path', '/profiles', true);
select throws_ok($$select public.check_request()$$, '42501', 'This account is banned.', 'every Data API request of a banned user is refused');
select set_config('request.method', 'POST', true);
select set_config('request.path', '/rpc/get_current_proof_task', true);
select throws_ok($$select public.check_request()$$, '42501', 'This account is banned.', 'reads and writes alike');
select throws_ok($$select public.get_current_proof_task()$$, '42501', 'Your account is banned: you cannot make changes.', 'no RPC works');
select throws_ok($$select public.send_message('62600000-0000-4000-8000-000000000001', 'hi')$$, '42501', null, 'no messages');
select throws_ok($$select public.export_my_data()$$, '42501', 'This account is banned.', 'no export');
select throws_ok($$select public.delete_my_account()$$, '42501', null, 'no self-deletion');
select is((select count(*)::int from public.profiles), 1, 'and RLS shows them nothing but their own profile');
select tests.as_postgres();

-- ---------------------------------------------------------------------------------------------
-- Reinstate
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('au-admin');
select is((public.reinstate_user('62000000-0000-4000-8000-000000000004', 'Appeal accepted')).account_status::text, 'active', 'an admin reinstates the banned user');
select throws_ok($$select public.reinstate_user('62000000-0000-4000-8000-000000000004')$$, 'PT409',
  'Cannot reinstate an account that is active.', 'reinstating an active account is the wrong state');
select is((public.reinstate_user('62000000-0000-4000-8000-000000000003')).account_status::text, 'active', 'and the suspended one');
select tests.as_postgres();
select is((select banned_until from auth.users where id = '62000000-0000-4000-8000-000000000004'), null, 'Supabase Auth lets them in again');
select is((select count(*)::int from public.audit_logs where action = 'user.reinstated'), 2, 'reinstatements are audited');
select tests.authenticate_as('dan');
select lives_ok($$select public.check_request()$$, 'the reinstated user''s requests go through again');
select tests.as_postgres();

-- The platform (service role) may act on admins.
select tests.as_service_role();
select is((public.suspend_user('62000000-0000-4000-8000-000000000002', 'Compromised account')).account_status::text, 'suspended',
  'the service role can suspend an admin');
select tests.as_postgres();
select is((select user_id from public.audit_logs where action = 'user.suspended' and entity_id = '62000000-0000-4000-8000-000000000002'), null,
  'audited as the platform (no user)');

select * from finish();
rollback;
