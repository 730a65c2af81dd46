-- Users list their own Supabase Auth sessions and revoke one, never someone else's.
begin;
select plan(12);

select tests.create_user('sess-a@example.com', '{}', id => 'e0000000-0000-4000-8000-00000000000a');
select tests.create_user('sess-b@example.com', '{}', id => 'e0000000-0000-4000-8000-00000000000b');
insert into auth.sessions (id, user_id, created_at, updated_at, refreshed_at, user_agent, ip, aal, not_after) values
  ('5e550000-0000-4000-8000-0000000000a1', 'e0000000-0000-4000-8000-00000000000a', now() - interval '3 days', now() - interval '3 days',
   (now() - interval '1 hour') at time zone 'UTC', 'Firefox on Linux', '203.0.113.7', 'aal1', now() + interval '4 days'),
  ('5e550000-0000-4000-8000-0000000000a2', 'e0000000-0000-4000-8000-00000000000a', now() - interval '1 day', now() - interval '1 day',
   null, 'Safari on iPhone', '198.51.100.2', 'aal1', now() + interval '6 days'),
  ('5e550000-0000-4000-8000-0000000000b1', 'e0000000-0000-4000-8000-00000000000b', now(), now(), null, 'curl', '192.0.2.1', 'aal1', null);
insert into auth.refresh_tokens (token, user_id, revoked, created_at, session_id)
values ('rt-a2', 'e0000000-0000-4000-8000-00000000000a', false, now(), '5e550000-0000-4000-8000-0000000000a2');

select tests.authenticate_as('sess-a');
select set_config('request.jwt.claims',
  jsonb_set(current_setting('request.jwt.claims')::jsonb, '{session_id}', '"5e550000-0000-4000-8000-0000000000a1"')::text, true);

select results_eq(
  $$select id, user_agent, host(ip), is_current from public.list_my_sessions()$$,
  $$values ('5e550000-0000-4000-8000-0000000000a1'::uuid, 'Firefox on Linux', '203.0.113.7', true),
           ('5e550000-0000-4000-8000-0000000000a2'::uuid, 'Safari on iPhone', '198.51.100.2', false)$$,
  'a user lists their own sessions, most recently used first, the current one marked');
select ok((select bool_and(created_at is not null and last_used_at is not null) from public.list_my_sessions()),
  'with created and last-used times');
select is((select expires_at from public.list_my_sessions() where id = '5e550000-0000-4000-8000-0000000000a2'),
  now() + interval '6 days', 'and when it expires');
select is((select count(*)::int from public.list_my_sessions() where id = '5e550000-0000-4000-8000-0000000000b1'), 0,
  'another user''s session is not listed');

select throws_ok($$select public.revoke_my_session('5e550000-0000-4000-8000-0000000000b1')$$, 'PT404', 'No such session.',
  'revoking another user''s session is refused as if it did not exist');
select lives_ok($$select public.revoke_my_session('5e550000-0000-4000-8000-0000000000a2')$$, 'a user revokes one of their sessions');
select is((select count(*)::int from public.list_my_sessions()), 1, 'it is gone from the list');
select throws_ok($$select * from auth.sessions$$, '42501', null, 'users still cannot read auth.sessions directly');
select tests.as_postgres();

select is((select count(*)::int from auth.sessions where id = '5e550000-0000-4000-8000-0000000000b1'), 1, 'the other user''s session is untouched');
select is((select count(*)::int from auth.refresh_tokens where session_id = '5e550000-0000-4000-8000-0000000000a2'), 0,
  'the revoked session''s refresh tokens are gone with it');

select tests.as_anon();
select throws_ok($$select * from public.list_my_sessions()$$, '42501', null, 'anon cannot list sessions');
select tests.as_postgres();
select tests.authenticate_as('sess-b');
select is((select count(*)::int from public.list_my_sessions()), 1, 'the other user sees only their own');
select tests.as_postgres();

select * from finish();
rollback;
