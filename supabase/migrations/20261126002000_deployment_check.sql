-- Deployment check: what a deploy must leave in place for the product to work, and that no setup step may
-- leave out silently. `select * from private.deployment_check()` lists what is missing (no rows: nothing);
-- `npm run doctor` prints it and fails when anything is; the health function reports it.
--
-- What it checks:
--   - the pg_cron jobs (lifecycle timers, rate-limit and notification clean-ups);
--   - PostgREST's pre-request function set on the authenticator role (rate limits, banned accounts);
--   - realtime.messages partitions for today and the next two days (without one, broadcasts are dropped
--     with a warning: the Realtime service creates them on hosted, a pg_cron job locally);
--   - the storage buckets and the policies on storage.objects, the policies on realtime.messages;
--   - Supabase Auth's EXECUTE grant on the access-token hook, and what the hook reads.

create function private.deployment_check(on_day date default null)
returns table (component text, missing text)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  day date := coalesce(on_day, (now() at time zone 'utc')::date);
  job record;
  d date;
  pol record;
  bucket text;
  scheduled boolean;
begin
  -- Scheduled jobs.
  if to_regclass('cron.job') is null then
    component := 'cron'; missing := 'the pg_cron extension'; return next;
  end if;
  for job in
    select * from (values
      ('people-lifecycle-timers', 'select private.run_lifecycle_timers()'),
      ('people-purge-rate-limits', 'select private.purge_rate_limits()'),
      ('people-purge-notifications', 'select private.purge_expired_notifications()')
    ) as t(name, command)
  loop
    if to_regclass('cron.job') is null then
      component := 'cron'; missing := format('job %s (%s)', job.name, job.command); return next;
      continue;
    end if;
    execute 'select exists (select from cron.job where jobname = $1 and command = $2 and active)'
      into scheduled using job.name, job.command;
    if not scheduled then
      component := 'cron'; missing := format('job %s (%s)', job.name, job.command); return next;
    end if;
  end loop;

  -- The Data API's pre-request function.
  if not exists (
    select from pg_catalog.pg_db_role_setting s
    where s.setrole = (select oid from pg_catalog.pg_roles where rolname = 'authenticator')
      and s.setdatabase in (0, (select oid from pg_catalog.pg_database where datname = current_database()))
      and s.setconfig @> array['pgrst.db_pre_request=public.check_request'])
  then
    component := 'data api'; missing := 'authenticator setting pgrst.db_pre_request = public.check_request'; return next;
  end if;
  if to_regprocedure('public.check_request()') is null then
    component := 'data api'; missing := 'function public.check_request()'; return next;
  end if;

  -- Realtime partitions for the coming days.
  for d in select generate_series(day, day + 2, interval '1 day')::date loop
    if not exists (
      select from pg_catalog.pg_inherits i join pg_catalog.pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'realtime.messages'::regclass
        and c.relnamespace = 'realtime'::regnamespace
        and c.relname = 'messages_' || to_char(d, 'YYYY_MM_DD'))
    then
      component := 'realtime'; missing := format('partition realtime.messages_%s (broadcasts on %s are dropped)',
                                                 to_char(d, 'YYYY_MM_DD'), d);
      return next;
    end if;
  end loop;

  -- Storage buckets, and the policies on storage and realtime.
  foreach bucket in array array['work-submissions', 'message-attachments'] loop
    if not exists (select from storage.buckets b where b.id = bucket) then
      component := 'storage'; missing := format('bucket %s', bucket); return next;
    end if;
  end loop;
  for pol in
    select * from (values
      ('storage', 'objects', 'Work files: team, initiator, admins; attachments: participants'),
      ('storage', 'objects', 'Active team uploads work files, participants their attachments'),
      ('realtime', 'messages', 'Receive on own topics: notifications, conversations, missions'),
      ('realtime', 'messages', 'Participants send typing indicators in their conversations')
    ) as t(schema_name, table_name, policy_name)
  loop
    -- (policy names are stored cut to 63 bytes)
    if not exists (select from pg_catalog.pg_policies p
                   where p.schemaname = pol.schema_name and p.tablename = pol.table_name
                     and p.policyname = left(pol.policy_name, 63)) then
      component := pol.schema_name; missing := format('policy "%s" on %s.%s', pol.policy_name, pol.schema_name, pol.table_name);
      return next;
    end if;
  end loop;

  -- The Custom Access Token hook: Supabase Auth must be able to call it and read what it reads.
  if to_regprocedure('public.custom_access_token_hook(jsonb)') is null
     or not has_function_privilege('supabase_auth_admin', 'public.custom_access_token_hook(jsonb)', 'execute') then
    component := 'auth'; missing := 'EXECUTE on public.custom_access_token_hook(jsonb) for supabase_auth_admin'; return next;
  end if;
  if not has_column_privilege('supabase_auth_admin', 'public.profiles', 'account_status', 'select')
     or not exists (select from pg_catalog.pg_policies p where p.schemaname = 'public' and p.tablename = 'profiles'
                    and 'supabase_auth_admin' = any (p.roles) and p.cmd = 'SELECT') then
    component := 'auth'; missing := 'SELECT grant and policy on public.profiles for supabase_auth_admin (read by the access-token hook)';
    return next;
  end if;
end
$$;
comment on function private.deployment_check(date) is
  'What a deploy must leave in place and is missing (no rows: nothing): cron jobs, the pre-request function, realtime partitions for the coming days, storage buckets and policies, realtime policies, the access-token hook grant. on_day: check the partitions as of that day (default today, UTC).';
revoke execute on function private.deployment_check(date) from public;
grant execute on function private.deployment_check(date) to service_role;
