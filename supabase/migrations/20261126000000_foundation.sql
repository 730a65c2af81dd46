-- Foundation: nothing in public is reachable by accident; the private schema; helpers every domain
-- uses (updated_at, append-only, the caller's id, settings, the clock).
--
-- Supabase grants ALL on every new table, function and sequence in public to anon and authenticated,
-- and EXECUTE on every new function to PUBLIC. From here on, every object is granted explicitly, right
-- after it is created, in the migration of its own domain.
--
-- Migrations are one file per domain, each read top to bottom: types, tables, indexes, helpers,
-- grants + RLS + policies beside their objects, RPCs with their grants. Every function and policy
-- has exactly one definition. Until the first release a change edits the domain file in place; from
-- the first release on, migrations are immutable and new ones are added. supabase/schema.sql (a
-- pg_dump of the schemas the project owns, checked by npm test) is the current truth either way.

-- 1. Default privileges for objects the migration role (postgres) creates from now on.
alter default privileges for role postgres in schema public revoke all on tables from anon, authenticated;
alter default privileges for role postgres in schema public revoke all on sequences from anon, authenticated;
alter default privileges for role postgres in schema public revoke all on functions from anon, authenticated;
alter default privileges for role postgres revoke execute on functions from public;

-- 2. Anything that already exists in public (nothing, on a new project) loses the same grants.
revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
revoke all on all functions in schema public from anon, authenticated, public;

-- 3. The private schema: helpers, security-definer functions that policies call, internal tables.
--    Not exposed through the Data API (it is not in config.toml's [api] schemas) and not usable by
--    the API roles except where a grant says so.
--    The API's shape (what the Supabase advisor checks, lints 0028/0029): every function in public is
--    SECURITY INVOKER. An RPC that needs more rights than its caller is two functions of one name:
--    public.<rpc>, a one-line `language sql` wrapper the Data API calls, running as the caller, and
--    private.<rpc>, the SECURITY DEFINER function that does the work, taking the caller's identity
--    from private.uid() (never from an argument); the API roles get EXECUTE on both, one function at
--    a time, and USAGE on this schema, which stays unexposed. What only the platform calls (payment
--    bookkeeping, the job queue, the timers) lives in private alone, executable by service_role:
--    the Edge Functions call it over their direct Postgres connection; /rest/v1/rpc cannot reach it.
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to anon, authenticated, service_role;

-- 4. Shared helpers.

-- Keeps updated_at true on every update: `create trigger tg_<table>__set_updated_at before update ...`.
create function private.tg__set_updated_at()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;
comment on function private.tg__set_updated_at() is 'Trigger: sets updated_at to now() on every update.';

-- Refuses UPDATE and DELETE: `create trigger tg_<table>__append_only before update or delete ...`
-- on ledgers and logs that must never change after the fact.
create function private.tg__append_only()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  raise exception '% is append-only: % is not allowed', tg_table_name, lower(tg_op)
    using errcode = '55000', hint = 'Record a correcting entry instead.';
end
$$;
comment on function private.tg__append_only() is 'Trigger: rejects UPDATE and DELETE (SQLSTATE 55000).';

-- The caller's id, the one name every function and policy of the project uses for it: auth.uid()
-- exactly (the legacy request.jwt.claim.sub first, else the sub of request.jwt.claims), in PL/pgSQL
-- so its plan is cached for the session (bench/report.md: 6 us per call inside a query against
-- auth.uid()'s 16 us, a `language sql` function with a SET clause that cannot be inlined).
create function private.uid()
returns uuid
language plpgsql
stable
set search_path = ''
as $$
begin
  return coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid;
end
$$;
comment on function private.uid() is
  'auth.uid() in PL/pgSQL (plan cached per session): the signed-in user''s id, or null. Wrap as (select private.uid()) in policies.';
grant execute on function private.uid() to anon, authenticated, service_role;

-- The caller's id has one name, private.uid(); this guard raises 42501 when there is none and
-- returns it otherwise (the other guards, require_active_user and friends, start here).
create function private.require_signed_in()
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
  uid uuid := private.uid();
begin
  if uid is null then
    raise exception 'You must be signed in to do this.' using errcode = '42501';
  end if;
  return uid;
end
$$;
comment on function private.require_signed_in() is 'private.uid(), or SQLSTATE 42501 when the request is not signed in.';
grant execute on function private.require_signed_in() to authenticated, service_role;

-- =============================================================================================
-- Settings and the clock
-- =============================================================================================
create table private.settings (
  key text primary key,
  value jsonb not null,
  description text not null
);
comment on table private.settings is 'Platform settings (fees, timers, limits), read through private.setting_int() / setting_text(). RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

-- The small helpers every request calls (settings, the clock, is_platform, the pre-request hook)
-- are PL/pgSQL: a `language sql` function with a SET clause is never inlined and plans its body
-- again in every transaction (its plan lives as long as the calling expression's state), while
-- PL/pgSQL keeps its plans for the session. Measured with pgbench, one transaction per request
-- (claims, headers, the hook, commit), old and new definitions alternated: 0.62 ms -> 0.36 ms per
-- request. The helpers each write calls (emit, audit) are PL/pgSQL for the same reason.
create function private.setting_int(key text)
returns integer
language plpgsql
stable
set search_path = ''
as $$
begin
  return (select (s.value #>> '{}')::integer from private.settings s where s.key = setting_int.key);
end
$$;

-- The engine's clock: now(), unless a test (or a replay) injects app.now for the transaction.
create function private.clock()
returns timestamptz
language plpgsql
stable
set search_path = ''
as $$
begin
  return coalesce(nullif(current_setting('app.now', true), '')::timestamptz, now());
end
$$;

create function private.setting_text(key text)
returns text
language plpgsql
stable
set search_path = ''
as $$
begin
  return (select s.value #>> '{}' from private.settings s where s.key = setting_text.key);
end
$$;
alter table private.settings enable row level security;
