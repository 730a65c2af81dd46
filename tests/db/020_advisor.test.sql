-- The Supabase advisor's security and performance rules (splinter), as tests over the live schema.
-- A failure names the offending objects.
begin;
select plan(13);

-- The deliberate RPCs: SECURITY DEFINER functions in public that signed-in users (or anon) may call.
-- Each checks who is calling itself. Adding one to the API means adding it here, on purpose.
create temp table deliberate_rpcs (name text primary key) on commit drop;
insert into deliberate_rpcs values
  ('choose_primary_role'), ('set_user_role'), ('list_my_sessions'), ('revoke_my_session'),
  -- the lifecycle engine
  ('create_mission'), ('update_mission_plan'), ('publish_mission'), ('start_matching'), ('start_work'),
  ('cancel_mission'), ('open_dispute'), ('resolve_dispute'),
  ('apply_to_mission'), ('withdraw_application'), ('shortlist_application'), ('reject_application'), ('accept_application'),
  ('invite_contributor'), ('assign_contributor'), ('accept_invitation'), ('decline_invitation'),
  ('withdraw_from_mission'), ('remove_from_mission'), ('step_up_shadow'),
  ('start_milestone'), ('submit_milestone'), ('request_revision'), ('approve_milestone'), ('submit_review'),
  -- matching
  ('match_candidates'), ('recommend_team'),
  -- notifications and messaging
  ('mark_notification_read'), ('mark_all_notifications_read'), ('archive_notification'), ('delete_notification'),
  ('start_direct_conversation'), ('open_support_conversation'), ('send_message'), ('edit_message'), ('delete_message'),
  ('mark_conversation_read'),
  -- proof tasks, admin, privacy, the Data API's pre-request check
  ('get_current_proof_task'), ('start_proof_task'), ('submit_proof_task'), ('grade_proof_task'), ('admin_proof_task_queue'),
  ('admin_search_users'), ('suspend_user'), ('ban_user'), ('reinstate_user'), ('admin_list_missions'), ('admin_analytics'),
  ('export_my_data'), ('delete_my_account'), ('admin_delete_account'), ('check_request');

-- 0013 rls_disabled_in_public / 0007 policy_exists_rls_disabled
select is_empty(
  $$select c.relname from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relrowsecurity$$,
  'every table in public has row-level security on');
select is_empty(
  $$select c.relname from pg_class c
    where c.relnamespace = 'private'::regnamespace and c.relkind in ('r', 'p') and not c.relrowsecurity$$,
  'every table in private has row-level security on too (no grants there either: default deny twice)');
select is_empty(
  $$select distinct schemaname || '.' || tablename from pg_policies p
    join pg_class c on c.relname = p.tablename and c.relnamespace = p.schemaname::regnamespace
    where not c.relrowsecurity$$,
  'no table has policies while RLS is off');

-- 0011 function_search_path_mutable
select is_empty(
  $$select p.oid::regprocedure::text from pg_proc p
    where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace) and p.prokind in ('f', 'p')
      and not coalesce(p.proconfig @> array['search_path=""'], false)$$,
  'every function in public and private fixes search_path to empty');

-- 0028/0029 anon / authenticated can execute a SECURITY DEFINER function in an exposed schema
select is_empty(
  $$select p.proname::text from pg_proc p
    where p.pronamespace = 'public'::regnamespace and p.prosecdef
      and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute'))
    except select name from deliberate_rpcs$$,
  'every SECURITY DEFINER function in public that anon or authenticated can execute is a deliberate, listed RPC');
select is_empty(
  $$select p.oid::regprocedure::text from pg_proc p
    where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace)
      and has_function_privilege('public', p.oid, 'execute')$$,
  'no function in public or private is executable by PUBLIC');

-- 0003 auth_rls_initplan: auth.*() and current_setting() in policies are wrapped in a sub-select so
-- they run once per statement; so are the row-independent private helpers.
select is_empty(
  $$select format('%s.%s: %s', schemaname, tablename, policyname) from pg_policies
    where schemaname in ('public', 'storage', 'realtime')
      and regexp_replace(coalesce(qual, '') || ' ' || coalesce(with_check, ''),
            '\( SELECT (auth\.\w+\(\)|private\.(is_admin|is_active|my_\w+)\(\)) AS \w+\)', '', 'g')
          ~ '(auth\.\w+\(|current_setting\(|private\.(is_admin|is_active|my_\w+)\()'$$,
  'policies call auth.*(), current_setting() and the caller helpers only inside (select ...)');

-- 0006 multiple_permissive_policies
select is_empty(
  $$select format('%s.%s %s for %s: %s', schemaname, tablename, c, r, string_agg(policyname, ' / '))
    from pg_policies p, unnest(p.roles) r,
         unnest(case p.cmd when 'ALL' then array['SELECT', 'INSERT', 'UPDATE', 'DELETE'] else array[p.cmd] end) c
    where p.schemaname = 'public' and p.permissive = 'PERMISSIVE'
    group by schemaname, tablename, c, r having count(*) > 1$$,
  'no two permissive policies overlap for one role and action');

-- Policies always name their roles (no implicit PUBLIC).
select is_empty(
  $$select format('%s.%s: %s', schemaname, tablename, policyname) from pg_policies
    where schemaname = 'public' and roles = '{public}'$$,
  'every policy says which roles it is for');

-- Postgres cuts identifiers at 63 bytes without an error (a NOTICE): a policy name that long was
-- probably longer in its migration, and later statements naming it in full would miss it.
select is_empty(
  $$select format('%s.%s: %s', schemaname, tablename, policyname) from pg_policies
    where schemaname in ('public', 'private', 'storage', 'realtime') and octet_length(policyname) >= 63$$,
  'every policy name is shorter than 63 bytes (none was silently truncated)');

-- 0001 unindexed_foreign_keys
select is_empty(
  $$select format('%s(%s)', c.conrelid::regclass, array_to_string(array(select attname from pg_attribute
           where attrelid = c.conrelid and attnum = any (c.conkey)), ','))
    from pg_constraint c
    where c.contype = 'f' and c.connamespace = 'public'::regnamespace
      and not exists (
        select from pg_index i
        where i.indrelid = c.conrelid
          and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
          and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)$$,
  'every foreign key has an index leading with its columns');

-- 0015 rls_references_user_metadata
select is_empty(
  $$select format('%s.%s: %s', schemaname, tablename, policyname) from pg_policies
    where coalesce(qual, '') || coalesce(with_check, '') ~* '(user_metadata|raw_user_meta_data)'$$,
  'no policy reads user_metadata');

-- 0014 extension_in_public / 0010 security_definer_view
select is_empty(
  $$select e.extname from pg_extension e where e.extnamespace = 'public'::regnamespace
    union all
    select c.relname from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'v'
      and not coalesce(c.reloptions @> array['security_invoker=true'], false)$$,
  'no extension lives in public and every view in public is security_invoker');

select * from finish();
rollback;
