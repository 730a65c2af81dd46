-- Test helpers that only the cluster superuser can install (run by npm test as supabase_admin, after
-- _setup.sql; never a migration). The tests themselves run as postgres, which on hosted is not a member
-- of supabase_auth_admin and cannot switch to it.

-- Calls the Custom Access Token hook exactly as Supabase Auth does: as supabase_auth_admin (its EXECUTE
-- grant and the RLS policies for supabase_auth_admin apply), for tests running as postgres.
create or replace function tests.access_token_hook_as_auth(event jsonb) returns jsonb
language sql
volatile
security definer
set search_path = ''
as $$
  select public.custom_access_token_hook(event)
$$;
alter function tests.access_token_hook_as_auth(jsonb) owner to supabase_auth_admin;
revoke all on function tests.access_token_hook_as_auth(jsonb) from public;
grant execute on function tests.access_token_hook_as_auth(jsonb) to postgres;
