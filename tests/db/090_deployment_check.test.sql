-- private.deployment_check() lists what a deploy left out (nothing, here), and names each piece when it
-- is removed.
begin;
select plan(12);

select is_empty($$select * from private.deployment_check()$$, 'nothing is missing after the migrations');
select ok(has_function_privilege('service_role', 'private.deployment_check(date)', 'execute'), 'the service role may run the check');
select ok(not has_function_privilege('authenticated', 'private.deployment_check(date)', 'execute'), 'signed-in users may not');

select cron.unschedule('people-lifecycle-timers');
select results_eq($$select missing from private.deployment_check() where component = 'cron'$$,
  $$values ('job people-lifecycle-timers (select private.run_lifecycle_timers())')$$, 'a missing cron job is named');

alter role authenticator reset pgrst.db_pre_request;
select results_eq($$select missing from private.deployment_check() where component = 'data api'$$,
  $$values ('authenticator setting pgrst.db_pre_request = public.check_request')$$, 'a missing pre-request setting is named');

select results_eq(
  $$select missing from private.deployment_check((now() at time zone 'utc')::date + 30) where component = 'realtime' order by 1$$,
  $$select format('partition realtime.messages_%s (broadcasts on %s are dropped)', to_char(d, 'YYYY_MM_DD'), d::date)
      from generate_series((now() at time zone 'utc')::date + 30, (now() at time zone 'utc')::date + 32, interval '1 day') d order by 1$$,
  'realtime partitions missing for the coming days are named (as of a day the upkeep never reached)');

select set_config('storage.allow_delete_query', 'true', true);
delete from storage.buckets where id = 'message-attachments';
select set_config('storage.allow_delete_query', '', true);
select results_eq($$select missing from private.deployment_check() where component = 'storage'$$,
  $$values ('bucket message-attachments')$$, 'a missing storage bucket is named');

drop policy "Active team uploads work files, participants their attachments" on storage.objects;
select ok(exists (select from private.deployment_check()
                  where missing = 'policy "Active team uploads work files, participants their attachments" on storage.objects'),
  'a missing storage policy is named');

drop policy "Participants send typing indicators in their conversations" on realtime.messages;
select results_eq($$select missing from private.deployment_check() where component = 'realtime' and missing like 'policy%'$$,
  $$values ('policy "Participants send typing indicators in their conversations" on realtime.messages')$$,
  'a missing realtime policy is named');

revoke execute on function public.custom_access_token_hook(jsonb) from supabase_auth_admin;
select results_eq($$select missing from private.deployment_check() where component = 'auth'$$,
  $$values ('EXECUTE on public.custom_access_token_hook(jsonb) for supabase_auth_admin')$$,
  'a missing access-token hook grant is named');

select is((select count(*)::int from private.deployment_check()), 6, 'and only what was removed is missing');
select is((select count(distinct component)::int from private.deployment_check()), 5, 'in five components');

select * from finish();
rollback;
