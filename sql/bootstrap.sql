-- Local Supabase-compatible bootstrap for a plain PostgreSQL 15 server.
--
-- Creates what a Supabase database already has and this project relies on, with Supabase's semantics:
-- roles, the auth schema (users, identities, sessions, refresh tokens, uid()/role()/email()/jwt()),
-- the storage and realtime pieces the project uses, an extensions schema and Supabase's default
-- privileges. It is NEVER applied to a real Supabase database: it refuses to run when the auth schema
-- was not made by this file. Idempotent: safe to run again on a database it made.
--
-- Run as a superuser (postgres) with psql -v ON_ERROR_STOP=1.

set client_min_messages = warning;

do $guard$
begin
  if exists (select from pg_namespace where nspname = 'auth'
             and coalesce(obj_description(oid, 'pg_namespace'), '') <> 'people-local-bootstrap') then
    raise exception 'this database already has Supabase''s own auth schema; the local bootstrap is only for plain PostgreSQL'
      using errcode = 'P0001';
  end if;
end
$guard$;

-- ---------------------------------------------------------------------------------------------
-- Roles (cluster-wide). Attributes as on Supabase. A role that already exists is left as it is:
-- on a server that Supabase set up, its roles are Supabase's own.
-- ---------------------------------------------------------------------------------------------
do $roles$
declare
  r record;
begin
  for r in
    select * from (values
      ('anon',                    'nologin noinherit',                       null),
      ('authenticated',           'nologin noinherit',                       null),
      ('service_role',            'nologin noinherit bypassrls',             null),
      -- Local-only password: the local stack's password is "postgres" everywhere.
      ('authenticator',           'login noinherit',                         'postgres'),
      ('supabase_auth_admin',     'login noinherit createrole',              'postgres'),
      ('supabase_storage_admin',  'login noinherit createrole',              'postgres'),
      ('supabase_realtime_admin', 'nologin noinherit',                       null),
      ('dashboard_user',          'nologin createrole createdb replication', null)
    ) as t(name, attrs, password)
  loop
    if not exists (select from pg_roles where rolname = r.name) then
      execute format('create role %I %s', r.name, r.attrs) || coalesce(format(' password %L', r.password), '');
      -- Supabase's per-role statement timeouts.
      if r.name = 'anon' then
        execute 'alter role anon set statement_timeout = ''3s''';
      elsif r.name in ('authenticated', 'authenticator') then
        execute format('alter role %I set statement_timeout = %L', r.name, '8s');
      end if;
    end if;
  end loop;
end
$roles$;

-- PostgREST logs in as authenticator and switches to one of these per request.
grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to postgres;

-- ---------------------------------------------------------------------------------------------
-- Schemas
-- ---------------------------------------------------------------------------------------------
create schema if not exists extensions;
create schema if not exists auth authorization supabase_auth_admin;
create schema if not exists storage authorization supabase_storage_admin;
create schema if not exists realtime;
comment on schema auth is 'people-local-bootstrap';

grant usage on schema extensions to postgres, anon, authenticated, service_role;
grant usage on schema auth to anon, authenticated, service_role, dashboard_user;
grant all on schema auth to supabase_auth_admin, postgres;
grant usage on schema storage to anon, authenticated, service_role;
grant all on schema storage to supabase_storage_admin, postgres;
grant usage on schema realtime to anon, authenticated, service_role, supabase_realtime_admin;
grant all on schema realtime to postgres;

create extension if not exists pgcrypto with schema extensions;
create extension if not exists "uuid-ossp" with schema extensions;

-- Database-level search_path as on Supabase.
do $sp$ begin
  execute format('alter database %I set search_path = "$user", public, extensions', current_database());
end $sp$;

-- ---------------------------------------------------------------------------------------------
-- Default privileges as Supabase sets them: everything new in public is granted to the API roles
-- (the project's first migration revokes this), functions are executable by PUBLIC.
-- ---------------------------------------------------------------------------------------------
grant usage on schema public to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on sequences to postgres, anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- auth: the tables Supabase Auth (GoTrue) owns, with the columns the project reads.
-- ---------------------------------------------------------------------------------------------
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

-- The claim readers. Each reads the legacy per-claim setting first, then the JSON claims; NULL when unset.
create or replace function auth.uid() returns uuid
language sql stable
set search_path = ''
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role() returns text
language sql stable
set search_path = ''
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

create or replace function auth.email() returns text
language sql stable
set search_path = ''
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;

create or replace function auth.jwt() returns jsonb
language sql stable
set search_path = ''
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

reset role;

grant all on all tables in schema auth to supabase_auth_admin, postgres, dashboard_user;
grant all on all sequences in schema auth to supabase_auth_admin, postgres, dashboard_user;
grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt() to public;

-- ---------------------------------------------------------------------------------------------
-- storage: buckets, objects and the path helpers policies use.
-- ---------------------------------------------------------------------------------------------
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
set search_path = ''
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
set search_path = ''
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
set search_path = ''
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

alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;

reset role;

grant all on storage.buckets, storage.objects to anon, authenticated, service_role, postgres;
grant execute on function storage.foldername(text), storage.filename(text), storage.extension(text) to public;

-- ---------------------------------------------------------------------------------------------
-- realtime: Broadcast from Database. Inserting into realtime.messages is what delivers a broadcast;
-- RLS on it authorizes private channels (SELECT = may receive, INSERT = may send).
-- ---------------------------------------------------------------------------------------------
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
);
create index if not exists messages_topic_inserted_at_idx on realtime.messages (topic, inserted_at desc);
alter table realtime.messages enable row level security;
grant select, insert, update on realtime.messages to anon, authenticated;
grant all on realtime.messages to service_role, postgres, supabase_realtime_admin;

-- The topic a client is joining while Realtime evaluates the policies.
create or replace function realtime.topic() returns text
language sql stable
set search_path = ''
as $$
  select nullif(current_setting('realtime.topic', true), '')::text
$$;

-- Sends a broadcast. Like Supabase's, it never aborts the caller's transaction: a failure is a warning.
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void
language plpgsql volatile
set search_path = ''
as $$
begin
  begin
    insert into realtime.messages (payload, event, topic, private, extension)
    values (payload, event, topic, private, 'broadcast');
  exception when others then
    raise warning 'ErrorSendingBroadcastMessage: %', sqlerrm;
  end;
end
$$;

create or replace function realtime.broadcast_changes(
  topic_name text, event_name text, operation text, table_name text, table_schema text,
  new record, old record, level text default 'ROW'
) returns void
language plpgsql volatile
set search_path = ''
as $$
declare
  row_data jsonb := '{}'::jsonb;
begin
  if level = 'STATEMENT' then
    raise exception 'function can only be triggered for each row, not for each statement';
  end if;
  if operation in ('INSERT', 'UPDATE', 'DELETE') then
    row_data := jsonb_build_object(
      'old_record', old, 'record', new, 'operation', operation, 'table', table_name, 'schema', table_schema);
    perform realtime.send(row_data, event_name, topic_name);
  else
    raise exception 'Unexpected operation type: %', operation;
  end if;
end
$$;

grant execute on function realtime.topic() to public;
revoke execute on function realtime.send(jsonb, text, text, boolean) from public;
revoke execute on function realtime.broadcast_changes(text, text, text, text, text, record, record, text) from public;
grant execute on function realtime.send(jsonb, text, text, boolean) to postgres, service_role;
grant execute on function realtime.broadcast_changes(text, text, text, text, text, record, record, text) to postgres, service_role;

do $pub$ begin
  if not exists (select from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end $pub$;
