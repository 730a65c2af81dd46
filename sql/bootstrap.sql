-- Local Supabase-compatible bootstrap for a plain PostgreSQL 15 server.
--
-- Reproduces what a hosted Supabase project's database already has, and its security model: the cluster
-- superuser is supabase_admin; `postgres`, which migrations, the dashboard and these tests use, is NOT a
-- superuser; auth, storage and realtime belong to Supabase's own roles. Written from Supabase's public
-- definitions (supabase/postgres init scripts and migrations, supabase/auth, supabase/storage and
-- supabase/realtime migrations); each part says which hosted fact it reproduces. It is NEVER applied to a
-- real Supabase database: it refuses a database whose auth schema, or a server whose roles, Supabase made.
-- Idempotent: safe to run again on a database it made.
--
-- Run as supabase_admin (the local cluster's initdb superuser) with psql -v ON_ERROR_STOP=1, in the
-- server's `postgres` database (the one pg_cron serves); other databases are copies of it
-- (scripts/lib/stack.mjs).
--
-- Where hosted relies on supautils to let `postgres` do something a non-superuser cannot, this file
-- reproduces the effect narrowly (see "What supautils lets postgres do" below): pg_cron is created here,
-- as supautils would create it for postgres; SET on the pgrst.* parameters postgres uses and on
-- session_replication_role is granted to postgres; an event trigger lets postgres create, alter and drop
-- policies on exactly the tables hosted's supautils.policy_grants lists, and nothing else on them.

set client_min_messages = warning;

do $guard$
begin
  if current_user <> 'supabase_admin' or not (select rolsuper from pg_roles where rolname = current_user) then
    raise exception 'run sql/bootstrap.sql as supabase_admin, the cluster superuser (it is %)', current_user;
  end if;
  if exists (select from pg_namespace where nspname = 'auth'
             and coalesce(obj_description(oid, 'pg_namespace'), '') <> 'people-local-bootstrap') then
    raise exception 'this database already has Supabase''s own auth schema; the local bootstrap is only for plain PostgreSQL'
      using errcode = 'P0001';
  end if;
  -- Supabase's roles already exist but were not made here: a real Supabase server.
  if exists (select from pg_roles where rolname = 'anon')
     and coalesce(shobj_description((select oid from pg_roles where rolname = 'supabase_admin'), 'pg_authid'), '')
         <> 'people-local-bootstrap' then
    raise exception 'this server''s roles were made by Supabase; the local bootstrap is only for plain PostgreSQL'
      using errcode = 'P0001';
  end if;
end
$guard$;

comment on role supabase_admin is 'people-local-bootstrap';

-- =============================================================================================
-- Roles (cluster-wide). supabase/postgres: init-scripts/00000000000000-initial-schema.sql, post-setup,
-- migrations 10000000000000_demote-postgres, 20230529180330_alter_api_roles_for_inherit and later.
-- Created when missing, then given exactly the hosted attributes (a role made by an older bootstrap is
-- corrected). Local-only passwords: the local stack's password is "postgres" everywhere.
-- =============================================================================================
do $roles$
declare
  r record;
begin
  for r in
    select * from (values
      -- hosted: postgres is demoted (NOSUPERUSER) but keeps CREATEDB CREATEROLE REPLICATION BYPASSRLS.
      ('postgres',                'login nosuperuser createdb createrole replication bypassrls inherit', 'postgres'),
      -- hosted since 2023: the API roles INHERIT (20230529180330_alter_api_roles_for_inherit).
      ('anon',                    'nologin nosuperuser inherit nobypassrls',                  null),
      ('authenticated',           'nologin nosuperuser inherit nobypassrls',                  null),
      ('service_role',            'nologin nosuperuser inherit bypassrls',                    null),
      -- PostgREST's login role: NOINHERIT, it only switches to the API roles.
      ('authenticator',           'login nosuperuser noinherit nobypassrls',                  'postgres'),
      -- Supabase Auth's and Storage's own roles (they run those services' migrations).
      ('supabase_auth_admin',     'login nosuperuser noinherit createrole noreplication',     'postgres'),
      ('supabase_storage_admin',  'login nosuperuser noinherit createrole noreplication',     'postgres'),
      -- supabase/realtime 20240401105812 / 20260707120000: owns realtime.messages and its functions.
      ('supabase_realtime_admin', 'nologin nosuperuser noinherit noreplication',              null),
      ('dashboard_user',          'nologin nosuperuser createdb createrole replication',      null)
    ) as t(name, attrs, password)
  loop
    if not exists (select from pg_roles where rolname = r.name) then
      execute format('create role %I', r.name);
    end if;
    execute format('alter role %I %s', r.name, r.attrs) || coalesce(format(' password %L', r.password), '');
  end loop;
end
$roles$;

-- Memberships as on hosted.
grant anon, authenticated, service_role to authenticator;          -- initial-schema
grant anon, authenticated, service_role to postgres;               -- 20230201083204_grant_auth_roles_to_postgres
grant authenticator to supabase_storage_admin;                     -- 20231013070755
grant pg_monitor, pg_read_all_data, pg_signal_backend to postgres; -- 20230306081037, 20240606060239
-- Since 2025 postgres is no longer a member of Supabase's service roles (it was from 2022 to 2025; realtime
-- 20260707120000 revokes supabase_realtime_admin where supautils.policy_grants lets postgres write policies).
do $memberships$
declare
  admin_role text;
begin
  foreach admin_role in array array['supabase_auth_admin', 'supabase_storage_admin', 'supabase_realtime_admin', 'supabase_admin'] loop
    if pg_has_role('postgres', admin_role, 'member') and exists (
         select from pg_auth_members m where m.roleid = admin_role::regrole and m.member = 'postgres'::regrole) then
      execute format('revoke %I from postgres', admin_role);
    end if;
  end loop;
end
$memberships$;

-- Role settings as on hosted.
alter role anon set statement_timeout = '3s';                      -- initial-schema
alter role authenticated set statement_timeout = '8s';             -- initial-schema
alter role authenticator set statement_timeout = '8s';             -- 20221028101028_set_authenticator_timeout
alter role authenticator set lock_timeout = '8s';                  -- 20231130133139_set_lock_timeout_to_authenticator_role
alter role supabase_auth_admin set search_path = auth;             -- init-scripts/00000000000001-auth-schema
alter role supabase_auth_admin set idle_in_transaction_session_timeout = 60000; -- 20220322085208
alter role supabase_admin set search_path = "$user", public, auth, extensions;  -- post-setup
alter role postgres set search_path = "$user", public, extensions; -- post-setup
-- Not reproduced: `session_preload_libraries = 'supautils, safeupdate'` on authenticator (neither library
-- is packaged for Debian; see the README's differences table).

-- The database belongs to postgres, as on hosted (supabase/postgres migrate.sh).
do $owner$ begin
  execute format('alter database %I owner to postgres', current_database());
  -- Data API requests see public and extensions (PostgREST's db-extra-search-path on Supabase).
  execute format('alter database %I set search_path = "$user", public, extensions', current_database());
end $owner$;

-- =============================================================================================
-- What supautils lets postgres do (supabase/postgres ansible/files/postgresql_config/supautils.conf.j2).
-- =============================================================================================

-- supautils.privileged_role_allowed_configs lets postgres set pgrst.* on roles and a few superuser-only
-- parameters. PostgreSQL 15 grants the same per parameter: the PostgREST settings the project or a
-- dashboard sets, and session_replication_role (bulk loads with triggers off). Anything else superuser-only
-- (log_min_messages, auto_explain.log_format, ...) stays refused, as on hosted.
grant set on parameter pgrst.db_pre_request, pgrst.db_schemas, pgrst.db_extra_search_path, pgrst.db_max_rows,
  pgrst.db_plan_enabled, pgrst.db_aggregates_enabled, pgrst.server_timing_enabled, pgrst.openapi_mode
  to postgres;
grant set on parameter session_replication_role, auto_explain.log_min_duration, auto_explain.log_nested_statements,
  log_lock_waits, track_io_timing to postgres;

-- supautils.policy_grants: postgres may create, alter and drop policies on these tables of Supabase's
-- (it owns none of them). PostgreSQL checks ownership for CREATE/ALTER/DROP POLICY, so for the length of
-- one such statement by postgres, the listed tables' owner is postgres; the statement's end (or its
-- failure, which rolls back) gives them back. Every other statement on them (ALTER TABLE, DROP, RLS off,
-- triggers) is refused to postgres, as on hosted.
create schema if not exists _local authorization supabase_admin;
comment on schema _local is 'Local stack only (sql/bootstrap.sql): what Supabase''s own services and supautils do on hosted.';
revoke all on schema _local from public;

create or replace function _local.policy_tables() returns regclass[]
language sql stable
set search_path = ''
as $$
  select array_agg(c.oid::regclass)
  from unnest(array['auth.audit_log_entries', 'auth.identities', 'auth.refresh_tokens', 'auth.sessions', 'auth.users',
                    'realtime.messages', 'storage.buckets', 'storage.objects']) as t(name)
  join pg_class c on c.oid = to_regclass(t.name)
$$;

-- The role running the statement: SET ROLE's role, else the session's (a SECURITY DEFINER function sees
-- its owner as current_user, but the role setting and session_user are the caller's).
create or replace function _local.statement_role() returns text
language sql stable
set search_path = ''
as $$
  select coalesce(nullif(current_setting('role'), 'none'), session_user::text)
$$;

create or replace function _local.tg_policy_grants_lend() returns event_trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if _local.statement_role() = 'postgres' then
    -- Remember the owners, then lend the tables to postgres for this statement only.
    perform set_config('_local.policy_owners', (
      select jsonb_object_agg(c.oid::text, c.relowner)::text from pg_catalog.pg_class c where c.oid = any (_local.policy_tables())), true);
    update pg_catalog.pg_class set relowner = 'postgres'::regrole where oid = any (_local.policy_tables());
    perform 1; -- (a second statement makes the catalog change visible to the policy statement that follows)
  end if;
end
$$;

create or replace function _local.tg_policy_grants_return() returns event_trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  owners jsonb := nullif(current_setting('_local.policy_owners', true), '')::jsonb;
begin
  if owners is not null then
    update pg_catalog.pg_class c set relowner = (owners ->> c.oid::text)::oid where owners ? c.oid::text;
    perform set_config('_local.policy_owners', '', true);
  end if;
end
$$;
revoke all on function _local.policy_tables(), _local.statement_role(), _local.tg_policy_grants_lend(),
  _local.tg_policy_grants_return() from public;

drop event trigger if exists people_local_policy_grants_lend;
drop event trigger if exists people_local_policy_grants_return;
create event trigger people_local_policy_grants_lend on ddl_command_start
  when tag in ('CREATE POLICY', 'ALTER POLICY', 'DROP POLICY') execute function _local.tg_policy_grants_lend();
create event trigger people_local_policy_grants_return on ddl_command_end
  when tag in ('CREATE POLICY', 'ALTER POLICY', 'DROP POLICY') execute function _local.tg_policy_grants_return();

-- =============================================================================================
-- Schemas. auth, storage and realtime belong to supabase_admin (init-scripts, 20211118015519); postgres
-- may use them but (since 2025) not create objects in them. extensions was made by postgres on hosted.
-- =============================================================================================
create schema if not exists extensions authorization postgres;
create schema if not exists auth authorization supabase_admin;
create schema if not exists storage authorization supabase_admin;
create schema if not exists realtime authorization supabase_admin;
alter schema extensions owner to postgres;
alter schema auth owner to supabase_admin;
alter schema storage owner to supabase_admin;
alter schema realtime owner to supabase_admin;
comment on schema auth is 'people-local-bootstrap';

grant usage on schema extensions to postgres, anon, authenticated, service_role;
grant all on schema extensions to dashboard_user;
grant usage on schema auth to anon, authenticated, service_role, postgres;
grant all on schema auth to supabase_auth_admin, dashboard_user;
grant usage on schema storage to anon, authenticated, service_role, postgres;
grant all on schema storage to supabase_storage_admin, dashboard_user;
grant usage on schema realtime to anon, authenticated, service_role, postgres;
grant all on schema realtime to supabase_realtime_admin;
revoke create on schema auth, storage, realtime from postgres;

create extension if not exists pgcrypto with schema extensions;
create extension if not exists "uuid-ossp" with schema extensions;

-- =============================================================================================
-- Default privileges as on hosted (initial-schema and 20230224042246): what postgres or supabase_admin
-- creates in public is granted to the API roles (the project's first migration revokes postgres's);
-- what supabase_admin creates in extensions is postgres's to grant on.
-- =============================================================================================
grant usage on schema public to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema extensions grant all on tables to postgres with grant option;
alter default privileges for role supabase_admin in schema extensions grant all on routines to postgres with grant option;
alter default privileges for role supabase_admin in schema extensions grant all on sequences to postgres with grant option;
grant all on all tables in schema extensions to postgres with grant option;
grant all on all routines in schema extensions to postgres with grant option;
grant all on all sequences in schema extensions to postgres with grant option;
-- supabase/postgres 20211115181400: what Supabase Auth creates in auth is postgres's and dashboard_user's too.
alter default privileges for role supabase_auth_admin in schema auth grant all on tables to postgres, dashboard_user;
alter default privileges for role supabase_auth_admin in schema auth grant all on sequences to postgres, dashboard_user;
alter default privileges for role supabase_auth_admin in schema auth grant all on routines to postgres, dashboard_user;

-- =============================================================================================
-- auth: the tables Supabase Auth (GoTrue) owns, with the columns the project reads; RLS enabled on every
-- one of them, as Supabase Auth's migrations do (its own role owns them, so it is not affected).
-- =============================================================================================
set role supabase_auth_admin;

do $types$ begin
  if to_regtype('auth.aal_level') is null then
    create type auth.aal_level as enum ('aal1', 'aal2', 'aal3');
  end if;
end $types$;

create table if not exists auth.users (
  instance_id uuid,
  id uuid primary key,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255),
  confirmation_sent_at timestamptz,
  recovery_token varchar(255),
  recovery_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz,
  updated_at timestamptz,
  phone text unique default null,
  phone_confirmed_at timestamptz,
  confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
  banned_until timestamptz,
  reauthentication_token varchar(255) default '',
  is_sso_user boolean not null default false,
  deleted_at timestamptz,
  is_anonymous boolean not null default false
);
create unique index if not exists users_email_partial_key on auth.users (email) where is_sso_user = false;
create index if not exists users_instance_id_idx on auth.users (instance_id);
create index if not exists users_is_anonymous_idx on auth.users (is_anonymous);

create table if not exists auth.identities (
  provider_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz,
  created_at timestamptz,
  updated_at timestamptz,
  email text generated always as (lower(identity_data ->> 'email')) stored,
  id uuid primary key default gen_random_uuid(),
  constraint identities_provider_id_provider_unique unique (provider_id, provider)
);
create index if not exists identities_user_id_idx on auth.identities (user_id);
create index if not exists identities_email_idx on auth.identities (email text_pattern_ops);

create table if not exists auth.sessions (
  id uuid primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz,
  updated_at timestamptz,
  factor_id uuid,
  aal auth.aal_level,
  not_after timestamptz,
  refreshed_at timestamp,
  user_agent text,
  ip inet,
  tag text
);
create index if not exists sessions_user_id_idx on auth.sessions (user_id);
create index if not exists user_id_created_at_idx on auth.sessions (user_id, created_at);
create index if not exists sessions_not_after_idx on auth.sessions (not_after desc);

create table if not exists auth.refresh_tokens (
  instance_id uuid,
  id bigserial primary key,
  token varchar(255) unique,
  user_id varchar(255),
  revoked boolean,
  created_at timestamptz,
  updated_at timestamptz,
  parent varchar(255),
  session_id uuid references auth.sessions (id) on delete cascade
);
create index if not exists refresh_tokens_session_id_revoked_idx on auth.refresh_tokens (session_id, revoked);

create table if not exists auth.audit_log_entries (
  instance_id uuid,
  id uuid primary key,
  payload json,
  created_at timestamptz,
  ip_address varchar(64) not null default ''
);

create table if not exists auth.schema_migrations (version varchar(255) primary key);

alter table auth.users enable row level security;
alter table auth.identities enable row level security;
alter table auth.sessions enable row level security;
alter table auth.refresh_tokens enable row level security;
alter table auth.audit_log_entries enable row level security;
alter table auth.schema_migrations enable row level security;

-- The claim readers, as Supabase Auth defines them: language sql, STABLE, no `set search_path` (so the
-- planner inlines them). Each reads the legacy per-claim setting first, then the JSON claims; NULL when
-- nothing is set.
create or replace function auth.uid() returns uuid
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

create or replace function auth.email() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;

create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

-- A function made by an older bootstrap had `set search_path = ''`: Supabase's have none.
alter function auth.uid() reset all;
alter function auth.role() reset all;
alter function auth.email() reset all;
alter function auth.jwt() reset all;

reset role;

grant all on all tables in schema auth to postgres, dashboard_user;
grant all on all sequences in schema auth to postgres, dashboard_user;
grant all on all routines in schema auth to postgres, dashboard_user;
grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt() to public;

-- =============================================================================================
-- storage: buckets, objects and the path helpers policies use (supabase/storage migrations), owned by
-- supabase_storage_admin; RLS on.
-- =============================================================================================
set role supabase_storage_admin;

create table if not exists storage.buckets (
  id text primary key,
  name text not null unique,
  owner uuid,
  owner_id text,
  public boolean default false,
  avif_autodetection boolean default false,
  file_size_limit bigint,
  allowed_mime_types text[],
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

create table if not exists storage.objects (
  id uuid primary key default gen_random_uuid(),
  bucket_id text references storage.buckets (id),
  name text,
  owner uuid,
  owner_id text,
  metadata jsonb,
  user_metadata jsonb,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  version text,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now()
);
create unique index if not exists bucketid_objname on storage.objects (bucket_id, name);
create index if not exists name_prefix_search on storage.objects (name text_pattern_ops);

create or replace function storage.foldername(name text) returns text[]
language plpgsql immutable
as $$
declare
  _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[1:array_length(_parts, 1) - 1];
end
$$;

create or replace function storage.filename(name text) returns text
language plpgsql immutable
as $$
declare
  _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[array_length(_parts, 1)];
end
$$;

create or replace function storage.extension(name text) returns text
language plpgsql immutable
as $$
declare
  _parts text[];
  _filename text;
begin
  select string_to_array(name, '/') into _parts;
  select _parts[array_length(_parts, 1)] into _filename;
  return reverse(split_part(reverse(_filename), '.', 1));
end
$$;

-- supabase/storage 0055-prevent-direct-deletes: a DELETE on objects or buckets is refused (42501) unless
-- storage.allow_delete_query is 'true' (the Storage API sets it); files are deleted through the API.
create or replace function storage.protect_delete() returns trigger
language plpgsql
as $$
begin
  if coalesce(current_setting('storage.allow_delete_query', true), 'false') <> 'true' then
    raise exception 'Direct deletion from storage tables is not allowed. Use the Storage API instead.'
      using hint = 'This prevents accidental data loss from orphaned objects.', errcode = '42501';
  end if;
  return null;
end
$$;
drop trigger if exists protect_buckets_delete on storage.buckets;
create trigger protect_buckets_delete before delete on storage.buckets
  for each statement execute function storage.protect_delete();
drop trigger if exists protect_objects_delete on storage.objects;
create trigger protect_objects_delete before delete on storage.objects
  for each statement execute function storage.protect_delete();

alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;

reset role;

grant all on storage.buckets, storage.objects to anon, authenticated, service_role, postgres;
grant execute on function storage.foldername(text), storage.filename(text), storage.extension(text) to public;

-- =============================================================================================
-- realtime: Broadcast from Database (supabase/realtime tenant migrations). realtime.messages is
-- partitioned by day on inserted_at (20241030150047_messages_partitioning) and owned by
-- supabase_realtime_admin; inserting into it is what delivers a broadcast; RLS on it authorizes private
-- channels (SELECT = may receive, INSERT = may send). The API roles and postgres may select, insert and
-- update; nobody but its owner deletes (service_role included).
-- =============================================================================================
do $messages$
begin
  -- An unpartitioned table from an older bootstrap is replaced.
  if (select relkind from pg_class where oid = to_regclass('realtime.messages')) = 'r' then
    drop table realtime.messages;
  end if;
end
$messages$;

set role supabase_realtime_admin;

create table if not exists realtime.messages (
  id uuid not null default gen_random_uuid(),
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp not null default now(),
  inserted_at timestamp not null default now(),
  primary key (id, inserted_at)
) partition by range (inserted_at);
create index if not exists messages_inserted_at_topic_index on realtime.messages (inserted_at desc, topic)
  where extension = 'broadcast' and private is true;
alter table realtime.messages enable row level security;

-- The topic a client is joining while Realtime evaluates the policies (realtime.send sets it too).
create or replace function realtime.topic() returns text
language sql stable
as $$
  select nullif(current_setting('realtime.topic', true), '')::text
$$;

-- As supabase/realtime 20251103001201: adds an `id` to a payload that has none, sets realtime.topic for
-- the INSERT policies, and never aborts the caller's transaction: any error (no partition for today, a
-- policy refusing the insert) becomes a WARNING and the broadcast is lost.
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void
language plpgsql
as $$
declare
  generated_id uuid;
  final_payload jsonb;
begin
  begin
    generated_id := gen_random_uuid();
    if payload ? 'id' then
      final_payload := payload;
    else
      final_payload := jsonb_set(payload, '{id}', to_jsonb(generated_id));
    end if;
    execute format('set local realtime.topic to %L', topic);
    insert into realtime.messages (id, payload, event, topic, private, extension)
    values (generated_id, final_payload, event, topic, private, 'broadcast');
  exception when others then
    raise warning 'ErrorSendingBroadcastMessage: %', sqlerrm;
  end;
end
$$;

-- As supabase/realtime: for row triggers only; it raises (unlike send) on a wrong level or operation.
create or replace function realtime.broadcast_changes(
  topic_name text, event_name text, operation text, table_name text, table_schema text,
  new record, old record, level text default 'ROW'
) returns void
language plpgsql
as $$
declare
  row_data jsonb := '{}'::jsonb;
begin
  if level = 'STATEMENT' then
    raise exception 'function can only be triggered for each row, not for each statement';
  end if;
  if operation = 'INSERT' or operation = 'UPDATE' or operation = 'DELETE' then
    row_data := jsonb_build_object('old_record', old, 'record', new, 'operation', operation,
                                   'table', table_name, 'schema', table_schema);
    perform realtime.send(row_data, event_name, topic_name);
  else
    raise exception 'Unexpected operation type: %', operation;
  end if;
exception when others then
  raise exception 'Failed to process the row: %', sqlerrm;
end
$$;

reset role;

grant select, insert, update on realtime.messages to postgres, anon, authenticated, service_role;
revoke delete, truncate on realtime.messages from postgres, anon, authenticated, service_role;
-- Functions are executable by PUBLIC, as on hosted (an insert is still subject to the policies).
grant execute on function realtime.topic(), realtime.send(jsonb, text, text, boolean),
  realtime.broadcast_changes(text, text, text, text, text, record, record, text) to public;

do $pub$ begin
  if not exists (select from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end $pub$;

-- The Realtime service creates the partitions from yesterday to three days ahead (Tenants.create_messages_partitions,
-- on connect and from its janitor) and drops older ones. Locally a pg_cron job does the same.
create or replace function _local.keep_realtime_partitions() returns void
language plpgsql
set search_path = ''
as $$
declare
  today date := (now() at time zone 'utc')::date;
  day date;
  r record;
begin
  for day in select generate_series(today - 1, today + 3, interval '1 day')::date loop
    if to_regclass(format('realtime.messages_%s', to_char(day, 'YYYY_MM_DD'))) is null then
      execute format('create table realtime.%I partition of realtime.messages for values from (%L) to (%L)',
                     'messages_' || to_char(day, 'YYYY_MM_DD'), day, day + 1);
      execute format('alter table realtime.%I owner to supabase_realtime_admin', 'messages_' || to_char(day, 'YYYY_MM_DD'));
    end if;
  end loop;
  for r in
    select c.relname from pg_catalog.pg_inherits i join pg_catalog.pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'realtime.messages'::regclass
      and c.relname ~ '^messages_\d{4}_\d{2}_\d{2}$'
      and to_date(substr(c.relname, 10), 'YYYY_MM_DD') < today - 1
  loop
    execute format('drop table realtime.%I', r.relname);
  end loop;
end
$$;
revoke all on function _local.keep_realtime_partitions() from public;
select _local.keep_realtime_partitions();

-- =============================================================================================
-- pg_cron. On hosted, supautils lets postgres `create extension pg_cron` (always in pg_catalog:
-- supautils.extensions_parameter_overrides) and its after-create script gives postgres the cron schema,
-- SELECT only on cron.job (20231020085357_revoke_writes_on_cron_job_from_postgres). A non-superuser
-- cannot create it on plain PostgreSQL, so it is created here, where supautils would have created it;
-- the project's `create extension if not exists pg_cron` then finds it. Only the server's
-- cron.database_name database can hold it; copies of that database carry it along.
-- =============================================================================================
do $cron$
begin
  if not exists (select from pg_extension where extname = 'pg_cron') then
    if current_database() <> coalesce(current_setting('cron.database_name', true), 'postgres') then
      raise exception 'pg_cron lives in database %, not %: build this database as a copy of it (scripts/lib/stack.mjs)',
        coalesce(current_setting('cron.database_name', true), 'postgres'), current_database();
    end if;
    create extension pg_cron with schema pg_catalog;
  end if;
end
$cron$;
grant usage on schema cron to postgres with grant option;
grant all on all tables in schema cron to postgres with grant option;
grant all on all routines in schema cron to postgres with grant option;
grant all on all sequences in schema cron to postgres with grant option;
revoke all on table cron.job from postgres;
grant select on table cron.job to postgres with grant option;

-- The local stand-in for the Realtime service's partition upkeep: every minute, as supabase_admin.
do $job$
begin
  if current_database() = coalesce(current_setting('cron.database_name', true), 'postgres') then
    perform cron.schedule('realtime-partitions (local stand-in for the Realtime service)', '* * * * *',
                          'select _local.keep_realtime_partitions()');
  end if;
end
$job$;
