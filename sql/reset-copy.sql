-- Empties a fresh copy of a server's `postgres` database of the project, keeping what Supabase (or, on
-- plain PostgreSQL, sql/bootstrap.sql) provides: roles, auth / storage / realtime / extensions and
-- their grants, pg_cron. Afterwards the copy is what a new project is before its first `db push`, and
-- the migrations are applied to it as postgres (scripts/lib/stack.mjs rebuild()).
--
-- Run as supabase_admin, only in such a copy (people_test, a benchmark database), never in `postgres`.
-- Follows the rules of `supabase db reset` on a remote database (supabase/cli pkg/migration/queries/drop.sql):
-- the project's schemas, everything in public, the policies, the data in auth, the migration history.
set client_min_messages = warning;

do $reset$
declare
  r record;
begin
  if current_database() = coalesce(current_setting('cron.database_name', true), 'postgres') then
    raise exception 'sql/reset-copy.sql empties a copy of the postgres database, never % itself', current_database();
  end if;

  -- The project's schemas: the ones postgres made (migrations run as postgres), apart from those every
  -- Supabase database has, and none that an extension owns.
  for r in
    select n.nspname from pg_namespace n
    where n.nspowner = 'postgres'::regrole
      and n.nspname not in ('public', 'extensions', 'auth', 'storage', 'realtime', 'graphql', 'graphql_public', 'vault',
                            'pgsodium', 'pgbouncer', 'cron', 'net', 'supabase_functions', '_realtime', '_analytics', '_supavisor')
      and n.nspname not like 'pg\_%' and n.nspname <> 'information_schema'
      and not exists (select from pg_depend d where d.classid = 'pg_namespace'::regclass and d.objid = n.oid and d.deptype = 'e')
  loop
    execute format('drop schema %I cascade', r.nspname);
  end loop;

  -- Everything in public that no extension owns.
  for r in
    select p.oid::regprocedure as f from pg_proc p
    where p.pronamespace = 'public'::regnamespace
      and not exists (select from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
  loop
    execute format('drop routine if exists %s cascade', r.f);
  end loop;
  for r in
    select c.oid::regclass as t, c.relkind from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
      and not exists (select from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
    order by c.relkind = 'S'
  loop
    if to_regclass(r.t::text) is null then continue; end if;
    execute format('drop %s if exists %s cascade',
      case r.relkind when 'v' then 'view' when 'm' then 'materialized view' when 'f' then 'foreign table'
                     when 'S' then 'sequence' else 'table' end, r.t);
  end loop;
  for r in
    select t.oid::regtype as ty from pg_type t
    where t.typnamespace = 'public'::regnamespace and t.typtype in ('c', 'd', 'e', 'r', 'm')
      and (t.typtype <> 'c' or (select relkind from pg_class where oid = t.typrelid) = 'c')
      and not exists (select from pg_depend d where d.classid = 'pg_type'::regclass and d.objid = t.oid and d.deptype = 'e')
  loop
    execute format('drop type if exists %s cascade', r.ty);
  end loop;

  -- The project's policies on Supabase's tables (storage.objects, realtime.messages, ...).
  for r in select schemaname, tablename, policyname from pg_policies where schemaname in ('auth', 'storage', 'realtime') loop
    execute format('drop policy %I on %I.%I', r.policyname, r.schemaname, r.tablename);
  end loop;

  -- The data: users and sessions, files, broadcasts, the project's cron jobs, the migration history.
  for r in
    select c.oid::regclass as t from pg_class c
    where c.relnamespace = 'auth'::regnamespace and c.relkind in ('r', 'p') and c.relname <> 'schema_migrations'
  loop
    execute format('truncate %s cascade', r.t);
  end loop;
  truncate storage.objects, storage.buckets cascade;
  truncate realtime.messages;
  if to_regclass('cron.job') is not null then
    delete from cron.job where username = 'postgres';
  end if;
  drop schema if exists supabase_migrations cascade;
end
$reset$;

-- A plain PostgreSQL server's copy: its realtime partitions are today's (the Realtime service's job, on hosted).
do $partitions$
begin
  if to_regprocedure('_local.keep_realtime_partitions()') is not null then
    perform _local.keep_realtime_partitions();
  end if;
end
$partitions$;
