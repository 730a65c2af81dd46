-- Nothing in public is reachable by accident: Supabase's default grants to anon and authenticated
-- are revoked, so a new table, sequence or function needs an explicit grant.
begin;
select plan(18);

create table public.tmp_unexposed (id bigint generated always as identity primary key, note text);
create function public.tmp_unexposed_fn() returns int language sql stable set search_path = '' as $$ select 1 $$;

-- Catalog level.
select ok(not has_table_privilege('anon', 'public.tmp_unexposed', 'select'), 'anon has no SELECT on a new table');
select ok(not has_table_privilege('authenticated', 'public.tmp_unexposed', 'select'), 'authenticated has no SELECT on a new table');
select ok(not has_table_privilege('authenticated', 'public.tmp_unexposed', 'insert'), 'authenticated has no INSERT on a new table');
select ok(not has_sequence_privilege('authenticated', 'public.tmp_unexposed_id_seq', 'usage'), 'authenticated has no USAGE on a new sequence');
select ok(not has_function_privilege('anon', 'public.tmp_unexposed_fn()', 'execute'), 'anon cannot EXECUTE a new function');
select ok(not has_function_privilege('authenticated', 'public.tmp_unexposed_fn()', 'execute'), 'authenticated cannot EXECUTE a new function');
select is(
  (select count(*)::int from information_schema.routine_privileges
    where routine_schema = 'public' and routine_name = 'tmp_unexposed_fn' and grantee = 'PUBLIC'),
  0, 'PUBLIC has no EXECUTE on a new function');
select ok(has_table_privilege('service_role', 'public.tmp_unexposed', 'select'), 'service_role keeps Supabase''s default grant');

-- As real requests: denied with 42501 before any policy is evaluated.
select tests.as_anon();
select throws_ok('select * from public.tmp_unexposed', '42501', null, 'anon reading a new table is denied');
select throws_ok('select public.tmp_unexposed_fn()', '42501', null, 'anon calling a new function is denied');
select tests.as_postgres();

select tests.authenticate_as(tests.create_user('grant-test@example.com'));
select throws_ok('select * from public.tmp_unexposed', '42501', null, 'a signed-in user reading a new table is denied');
select throws_ok($$insert into public.tmp_unexposed (note) values ('x')$$, '42501', null, 'a signed-in user writing a new table is denied');
select throws_ok('select public.tmp_unexposed_fn()', '42501', null, 'a signed-in user calling a new function is denied');
select tests.as_postgres();

-- anon may look up names in the private schema (the Data API's pre-request check, public.check_request,
-- runs as anon for requests without a token and calls private.check_request) and use nothing there but
-- the functions granted to it by name: the caller's id, that check, and the list of mission types
-- (the mission_type domain's check calls it whenever anyone, anon included, filters by type).
select ok(has_schema_privilege('anon', 'private', 'usage'), 'anon has USAGE on the private schema (to call what is granted to it)');
select is_empty(
  $$select p.oid::regprocedure::text from pg_proc p where p.pronamespace = 'private'::regnamespace
      and has_function_privilege('anon', p.oid, 'execute')
    except values ('private.uid()'), ('private.check_request()'), ('private.mission_types()')$$,
  'anon can execute no private function but private.uid(), private.check_request() and private.mission_types()');
select is_empty(
  $$select c.oid::regclass::text from pg_class c where c.relnamespace = 'private'::regnamespace
      and (has_table_privilege('anon', c.oid, 'select') or has_table_privilege('anon', c.oid, 'insert')
           or has_table_privilege('anon', c.oid, 'update') or has_table_privilege('anon', c.oid, 'delete'))$$,
  'anon has no privilege on any table in the private schema');

-- An explicit grant is what opens a table up.
grant select on public.tmp_unexposed to authenticated;
select tests.authenticate_as(tests.create_user('grant-test-2@example.com'));
select lives_ok('select * from public.tmp_unexposed', 'after an explicit grant, a signed-in user can read');
select tests.as_postgres();
select tests.as_anon();
select throws_ok('select * from public.tmp_unexposed', '42501', null, 'the grant to authenticated does not open it to anon');
select tests.as_postgres();

select * from finish();
rollback;
