-- The Supabase advisor's security and performance rules (splinter), as tests over the live schema.
-- A failure names the offending objects.
begin;
select plan(16);

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

-- 0008 rls_enabled_no_policy: a table with RLS on and no policy at all says in its comment that
-- this is on purpose (only its owner's SECURITY DEFINER functions use it).
select is_empty(
  $$select c.oid::regclass::text from pg_class c
    where c.relnamespace in ('public'::regnamespace, 'private'::regnamespace) and c.relkind in ('r', 'p') and c.relrowsecurity
      and not exists (select from pg_policy p where p.polrelid = c.oid)
      and coalesce(obj_description(c.oid, 'pg_class'), '') not like '%RLS on with no policy on purpose%'$$,
  'every table with RLS on and no policy says in its comment that this is on purpose');

-- 0011 function_search_path_mutable
select is_empty(
  $$select p.oid::regprocedure::text from pg_proc p
    where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace) and p.prokind in ('f', 'p')
      and not coalesce(p.proconfig @> array['search_path=""'], false)$$,
  'every function in public and private fixes search_path to empty');

-- 0028/0029 anon / authenticated can execute a SECURITY DEFINER function in an exposed schema.
-- Every function in public runs as its caller; an RPC that needs more rights calls its private
-- namesake (SECURITY DEFINER, in the schema the Data API does not expose).
select is_empty(
  $$select p.oid::regprocedure::text from pg_proc p
    where p.pronamespace = 'public'::regnamespace and p.prosecdef$$,
  'every function in public is SECURITY INVOKER');
select is_empty(
  $$select p.oid::regprocedure::text from pg_proc p
    join pg_proc d on d.pronamespace = 'private'::regnamespace and d.proname = p.proname and d.proargtypes = p.proargtypes
    where p.pronamespace = 'public'::regnamespace
      and (not d.prosecdef
           or has_function_privilege('anon', p.oid, 'execute') <> has_function_privilege('anon', d.oid, 'execute')
           or has_function_privilege('authenticated', p.oid, 'execute') <> has_function_privilege('authenticated', d.oid, 'execute'))$$,
  'the private namesake of every public RPC is SECURITY DEFINER and executable by exactly the API roles that may call the RPC');
-- What only the platform calls (payments, jobs, timers) is not reachable at /rest/v1/rpc at all.
select is_empty(
  $$select p.oid::regprocedure::text from pg_proc p
    where p.pronamespace = 'public'::regnamespace
      and not has_function_privilege('anon', p.oid, 'execute') and not has_function_privilege('authenticated', p.oid, 'execute')
      and p.oid <> 'public.custom_access_token_hook(jsonb)'::regprocedure$$,
  'every function in public is for anon or authenticated (the platform''s own live in private), but the access-token hook');
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
          and (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] = c.conkey)$$,
  'every foreign key has an index leading with its columns, in the key''s order (as the advisor checks)');

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
