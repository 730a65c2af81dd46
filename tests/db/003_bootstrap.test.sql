-- The local bootstrap provides Supabase's roles, auth, storage and realtime pieces with their semantics.
begin;
select plan(30);

-- Roles and their attributes.
select ok((select not rolcanlogin and not rolinherit from pg_roles where rolname = 'anon'), 'anon: NOLOGIN NOINHERIT');
select ok((select not rolcanlogin and not rolinherit from pg_roles where rolname = 'authenticated'), 'authenticated: NOLOGIN NOINHERIT');
select ok((select not rolcanlogin and not rolinherit and rolbypassrls from pg_roles where rolname = 'service_role'), 'service_role: NOLOGIN NOINHERIT BYPASSRLS');
select ok((select rolcanlogin and not rolinherit and not rolbypassrls from pg_roles where rolname = 'authenticator'), 'authenticator: LOGIN NOINHERIT');
select ok(pg_has_role('authenticator', 'anon', 'member'), 'authenticator is a member of anon');
select ok(pg_has_role('authenticator', 'authenticated', 'member'), 'authenticator is a member of authenticated');
select ok(pg_has_role('authenticator', 'service_role', 'member'), 'authenticator is a member of service_role');
select ok(not pg_has_role('authenticator', 'service_role', 'usage'), 'authenticator does not inherit service_role''s privileges');
select is((select nspowner::regrole::text from pg_namespace where nspname = 'auth'), 'supabase_auth_admin', 'supabase_auth_admin owns the auth schema');

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

-- realtime: topic(), send(), broadcast_changes().
select is(realtime.topic(), null, 'topic() is NULL outside a channel join');
select set_config('realtime.topic', 'mission:1', true);
select is(realtime.topic(), 'mission:1', 'topic() reads realtime.topic');
select realtime.send('{"hello":"world"}', 'notification:new', 'user:abc');
select results_eq(
  $$select topic, extension, event, private, payload from realtime.messages where topic = 'user:abc'$$,
  $$values ('user:abc', 'broadcast', 'notification:new', true, '{"hello":"world"}'::jsonb)$$,
  'send() inserts a private broadcast into realtime.messages');

create temp table tmp_rt (id int, status text);
insert into tmp_rt values (1, 'open');
select realtime.broadcast_changes('mission:7', 'mission:update', 'UPDATE', 'tmp_rt', 'pg_temp',
  (select t from tmp_rt t), (select t from tmp_rt t));
select is(
  (select payload - 'old_record' - 'record' from realtime.messages where topic = 'mission:7'),
  '{"operation":"UPDATE","table":"tmp_rt","schema":"pg_temp"}'::jsonb,
  'broadcast_changes() sends operation, table and schema');
select is((select payload -> 'record' ->> 'status' from realtime.messages where topic = 'mission:7'), 'open',
  'broadcast_changes() sends the new record');
select ok((select relrowsecurity from pg_class where oid = 'realtime.messages'::regclass), 'RLS is on for realtime.messages');
select ok(not has_function_privilege('authenticated', 'realtime.send(jsonb, text, text, boolean)', 'execute'),
  'signed-in users cannot call realtime.send() directly');

select * from finish();
rollback;
