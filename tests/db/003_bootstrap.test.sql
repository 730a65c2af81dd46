-- The local bootstrap provides Supabase's roles, auth, storage and realtime pieces with their semantics.
begin;
select plan(58);

-- Roles and their attributes, as on a hosted project (the API roles INHERIT since 2023).
select ok((select not rolcanlogin and rolinherit from pg_roles where rolname = 'anon'), 'anon: NOLOGIN INHERIT');
select ok((select not rolcanlogin and rolinherit from pg_roles where rolname = 'authenticated'), 'authenticated: NOLOGIN INHERIT');
select ok((select not rolcanlogin and rolinherit and rolbypassrls from pg_roles where rolname = 'service_role'), 'service_role: NOLOGIN INHERIT BYPASSRLS');
select ok((select rolcanlogin and not rolinherit and not rolbypassrls from pg_roles where rolname = 'authenticator'), 'authenticator: LOGIN NOINHERIT');
select ok(pg_has_role('authenticator', 'anon', 'member'), 'authenticator is a member of anon');
select ok(pg_has_role('authenticator', 'authenticated', 'member'), 'authenticator is a member of authenticated');
select ok(pg_has_role('authenticator', 'service_role', 'member'), 'authenticator is a member of service_role');
select ok(not pg_has_role('authenticator', 'service_role', 'usage'), 'authenticator does not inherit service_role''s privileges');
select is((select nspowner::regrole::text from pg_namespace where nspname = 'auth'), 'supabase_admin', 'supabase_admin owns the auth schema');
select is((select nspowner::regrole::text from pg_namespace where nspname = 'storage'), 'supabase_admin', 'supabase_admin owns the storage schema');
select is((select nspowner::regrole::text from pg_namespace where nspname = 'realtime'), 'supabase_admin', 'supabase_admin owns the realtime schema');

-- postgres, which runs the migrations and these tests, is not a superuser and not a member of Supabase's service roles.
select ok((select not rolsuper and rolcreaterole and rolcreatedb and rolbypassrls from pg_roles where rolname = 'postgres'),
  'postgres: NOSUPERUSER, CREATEROLE CREATEDB BYPASSRLS');
select ok(not (select rolsuper from pg_roles where rolname = current_user), 'the tests run as a non-superuser');
select ok(not pg_has_role('postgres', 'supabase_auth_admin', 'member'), 'postgres is not a member of supabase_auth_admin');
select ok(not pg_has_role('postgres', 'supabase_storage_admin', 'member'), 'postgres is not a member of supabase_storage_admin');
select ok(not pg_has_role('postgres', 'supabase_realtime_admin', 'member'), 'postgres is not a member of supabase_realtime_admin');
select ok(pg_has_role('postgres', 'authenticated', 'member') and pg_has_role('postgres', 'service_role', 'member'),
  'postgres is a member of the API roles');

-- Role settings.
select ok((select setconfig @> array['search_path=auth'] from pg_db_role_setting
           where setrole = 'supabase_auth_admin'::regrole and setdatabase = 0), 'supabase_auth_admin: search_path = auth');
select ok((select setconfig @> array['lock_timeout=8s', 'statement_timeout=8s'] from pg_db_role_setting
           where setrole = 'authenticator'::regrole and setdatabase = 0), 'authenticator: lock_timeout 8s, statement_timeout 8s');
select ok((select setconfig @> array['statement_timeout=3s'] from pg_db_role_setting
           where setrole = 'anon'::regrole and setdatabase = 0), 'anon: statement_timeout 3s');
select ok((select setconfig @> array['statement_timeout=8s'] from pg_db_role_setting
           where setrole = 'authenticated'::regrole and setdatabase = 0), 'authenticated: statement_timeout 8s');

-- auth tables with the columns the project relies on.
select has_column('auth', 'users', 'raw_app_meta_data', 'auth.users.raw_app_meta_data');
select has_column('auth', 'users', 'raw_user_meta_data', 'auth.users.raw_user_meta_data');
select has_column('auth', 'users', 'banned_until', 'auth.users.banned_until');
select has_column('auth', 'users', 'is_anonymous', 'auth.users.is_anonymous');
select has_column('auth', 'sessions', 'not_after', 'auth.sessions.not_after');
select has_column('auth', 'identities', 'identity_data', 'auth.identities.identity_data');
select fk_ok('auth', 'sessions', 'user_id', 'auth', 'users', 'id', 'sessions reference users');
select ok(not has_table_privilege('authenticated', 'auth.users', 'select'), 'signed-in users cannot read auth.users');
select ok(not has_table_privilege('anon', 'auth.sessions', 'select'), 'anon cannot read auth.sessions');
select ok((select bool_and(relrowsecurity) from pg_class where relnamespace = 'auth'::regnamespace and relkind in ('r', 'p')),
  'RLS is on for every auth table');

-- Deleting a user cascades to identities and sessions, as in Supabase.
select tests.create_user('cascade@example.com', id => 'aaaaaaaa-0000-4000-8000-000000000001');
insert into auth.sessions (id, user_id, created_at) values (gen_random_uuid(), 'aaaaaaaa-0000-4000-8000-000000000001', now());
delete from auth.users where id = 'aaaaaaaa-0000-4000-8000-000000000001';
select is((select count(*)::int from auth.identities where user_id = 'aaaaaaaa-0000-4000-8000-000000000001'), 0, 'identities go with their user');

-- storage helpers.
select is(storage.foldername('missions/42/brief.pdf'), array['missions', '42'], 'foldername() returns the folders');
select is(storage.filename('missions/42/brief.pdf'), 'brief.pdf', 'filename() returns the last segment');
select is(storage.extension('missions/42/brief.pdf'), 'pdf', 'extension() returns the extension');
select ok((select relrowsecurity from pg_class where oid = 'storage.objects'::regclass), 'RLS is on for storage.objects');
select throws_ok($$delete from storage.objects where bucket_id = 'work-submissions'$$, '42501', null,
  'a direct DELETE on storage.objects is refused (files are deleted through the Storage API)');
select throws_ok($$delete from storage.buckets where id = 'no-such-bucket'$$, '42501', null,
  'a direct DELETE on storage.buckets is refused');
select set_config('storage.allow_delete_query', 'true', true);
select lives_ok($$delete from storage.objects where bucket_id = 'no-such-bucket'$$,
  'unless storage.allow_delete_query is true (as the Storage API sets it)');
select set_config('storage.allow_delete_query', '', true);
select throws_ok($$alter table storage.objects disable row level security$$, '42501', null,
  'postgres cannot change storage.objects itself');
select lives_ok($$create policy "tmp probe" on storage.objects for select to authenticated using (false)$$,
  'postgres may create a policy on storage.objects (as supautils allows on hosted)');
select lives_ok($$drop policy "tmp probe" on storage.objects$$, 'and drop it');
select is((select relowner::regrole::text from pg_class where oid = 'storage.objects'::regclass), 'supabase_storage_admin',
  'storage.objects still belongs to supabase_storage_admin');

-- realtime: topic(), send(), broadcast_changes().
select is(realtime.topic(), null, 'topic() is NULL outside a channel join');
select set_config('realtime.topic', 'mission:1', true);
select is(realtime.topic(), 'mission:1', 'topic() reads realtime.topic');
select realtime.send('{"hello":"world"}', 'notification:new', 'user:abc');
select results_eq(
  $$select topic, extension, event, private, payload - 'id' from realtime.messages where topic = 'user:abc'$$,
  $$values ('user:abc', 'broadcast', 'notification:new', true, '{"hello":"world"}'::jsonb)$$,
  'send() inserts a private broadcast into realtime.messages');
select ok((select (payload ->> 'id')::uuid = id from realtime.messages where topic = 'user:abc'),
  'send() adds the message id to a payload that has none');
select realtime.send('{"id":"mine"}', 'notification:new', 'user:def');
select is((select payload ->> 'id' from realtime.messages where topic = 'user:def'), 'mine', 'and keeps an id the payload has');
select is(realtime.topic(), 'user:def', 'send() sets realtime.topic for the policies');

create temp table tmp_rt (id int, status text);
insert into tmp_rt values (1, 'open');
select realtime.broadcast_changes('mission:7', 'mission:update', 'UPDATE', 'tmp_rt', 'pg_temp',
  (select t from tmp_rt t), (select t from tmp_rt t));
select is(
  (select payload - 'old_record' - 'record' - 'id' from realtime.messages where topic = 'mission:7'),
  '{"operation":"UPDATE","table":"tmp_rt","schema":"pg_temp"}'::jsonb,
  'broadcast_changes() sends operation, table and schema');
select is((select payload -> 'record' ->> 'status' from realtime.messages where topic = 'mission:7'), 'open',
  'broadcast_changes() sends the new record');
select throws_ok($$select realtime.broadcast_changes('mission:7', 'x', 'TRUNCATE', 'tmp_rt', 'pg_temp', null::record, null::record)$$,
  'P0001', 'Failed to process the row: Unexpected operation type: TRUNCATE', 'broadcast_changes() raises, unlike send()');
select ok((select relrowsecurity from pg_class where oid = 'realtime.messages'::regclass), 'RLS is on for realtime.messages');
select is((select relkind::text from pg_class where oid = 'realtime.messages'::regclass), 'p', 'realtime.messages is partitioned');
select ok(not has_table_privilege('service_role', 'realtime.messages', 'delete'), 'service_role cannot delete from realtime.messages');

-- Signed-in users may call send() (as on hosted); the INSERT policies decide, and a refused broadcast is
-- dropped with a warning, not an error.
select tests.create_user('rt-sender@example.com', id => 'aaaaaaaa-0000-4000-8000-000000000002');
select tests.authenticate_as('aaaaaaaa-0000-4000-8000-000000000002');
select lives_ok($$select realtime.send('{"x":1}', 'notification:new', 'user:someone-else', true)$$,
  'a signed-in user calling send() for a topic no policy lets them send on does not fail');
select tests.as_postgres();
select is((select count(*)::int from realtime.messages where topic = 'user:someone-else'), 0, 'and nothing is broadcast');

-- pg_cron: postgres reads the jobs but cannot write cron.job directly (it uses cron.schedule()).
select ok(has_table_privilege('postgres', 'cron.job', 'select') and not has_table_privilege('postgres', 'cron.job', 'insert'),
  'postgres reads cron.job and cannot write it');

select * from finish();
rollback;
