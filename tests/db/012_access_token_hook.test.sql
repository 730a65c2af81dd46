-- The Custom Access Token hook: keeps every claim, adds user_role, refuses suspended and banned
-- accounts with a proper hook error; only Supabase Auth may call it.
begin;
select plan(14);

select tests.create_user('hook-initiator@example.com', '{"role":"initiator"}', id => 'd0000000-0000-4000-8000-000000000001');
select tests.create_user('hook-banned@example.com', '{}', id => 'd0000000-0000-4000-8000-000000000002');
select tests.create_user('hook-suspended@example.com', '{}', id => 'd0000000-0000-4000-8000-000000000003');
update public.profiles set account_status = 'banned' where id = 'd0000000-0000-4000-8000-000000000002';
update public.profiles set account_status = 'suspended' where id = 'd0000000-0000-4000-8000-000000000003';

create temp table claims_in as
select jsonb_build_object(
  'iss', 'https://abc.supabase.co/auth/v1', 'aud', 'authenticated', 'exp', 1900000000, 'iat', 1899999100,
  'sub', 'd0000000-0000-4000-8000-000000000001', 'role', 'authenticated', 'aal', 'aal1',
  'session_id', '5f0a3b1c-0000-4000-8000-00000000abcd', 'email', 'hook-initiator@example.com', 'phone', '',
  'is_anonymous', false, 'app_metadata', '{"provider":"email"}'::jsonb, 'user_metadata', '{"role":"admin"}'::jsonb,
  'amr', '[{"method":"password","timestamp":1899999100}]'::jsonb) as claims;

-- Called as Supabase Auth calls it: as supabase_auth_admin (tests.access_token_hook_as_auth).
create temp table hook_out as
select tests.access_token_hook_as_auth(jsonb_build_object(
  'user_id', 'd0000000-0000-4000-8000-000000000001', 'claims', (select claims from claims_in),
  'authentication_method', 'password')) as event;

select is((select event -> 'claims' ->> 'user_role' from hook_out), 'initiator', 'the hook adds user_role from the database');
select is((select event -> 'claims' ->> 'account_status' from hook_out), 'active', 'and the account status');
select is(
  (select (event -> 'claims') - 'user_role' - 'account_status' from hook_out),
  (select claims from claims_in),
  'every other claim is kept unchanged (iss, aud, exp, iat, sub, role, aal, session_id, email, phone, is_anonymous, ...)');
select is((select event ->> 'user_id' from hook_out), 'd0000000-0000-4000-8000-000000000001', 'the event keeps its user_id');
select is((select event -> 'claims' -> 'user_metadata' ->> 'role' from hook_out), 'admin',
  'user_metadata passes through untouched, but is never what user_role comes from');

select is(
  tests.access_token_hook_as_auth(jsonb_build_object('user_id', 'd0000000-0000-4000-8000-000000000002', 'claims', '{}'::jsonb)) -> 'error' ->> 'http_code',
  '403', 'a banned account gets a 403 hook error');
select alike(
  tests.access_token_hook_as_auth(jsonb_build_object('user_id', 'd0000000-0000-4000-8000-000000000002', 'claims', '{}'::jsonb)) -> 'error' ->> 'message',
  'This account is banned.%', 'with a message saying why');
select is(
  tests.access_token_hook_as_auth(jsonb_build_object('user_id', 'd0000000-0000-4000-8000-000000000003', 'claims', '{}'::jsonb)) -> 'error' ->> 'http_code',
  '403', 'a suspended account gets a 403 hook error');
select ok(
  tests.access_token_hook_as_auth(jsonb_build_object('user_id', 'd0000000-0000-4000-8000-000000000002', 'claims', '{"sub":"x"}'::jsonb)) -> 'claims' is null,
  'no claims are returned with the error');
select is(
  tests.access_token_hook_as_auth(jsonb_build_object('user_id', gen_random_uuid(), 'claims', '{"role":"authenticated"}'::jsonb)) -> 'claims',
  '{"role":"authenticated"}'::jsonb, 'a user without a profile keeps the claims as they are');

-- Nobody but Supabase Auth calls the hook.
select ok(has_function_privilege('supabase_auth_admin', 'public.custom_access_token_hook(jsonb)', 'execute'), 'supabase_auth_admin may execute the hook');
select ok(not has_function_privilege('authenticated', 'public.custom_access_token_hook(jsonb)', 'execute'), 'authenticated may not');
select ok(not has_function_privilege('anon', 'public.custom_access_token_hook(jsonb)', 'execute'), 'anon may not');
select tests.authenticate_as('hook-initiator');
select throws_ok($$select public.custom_access_token_hook('{}'::jsonb)$$, '42501', null, 'a signed-in user calling the hook is denied');
select tests.as_postgres();

select * from finish();
rollback;
