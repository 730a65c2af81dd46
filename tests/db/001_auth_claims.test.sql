-- auth.uid(), auth.role(), auth.email() and auth.jwt() read the request's claims as Supabase's do:
-- the legacy per-claim setting first, then the JSON in request.jwt.claims; NULL when nothing is set.
begin;
select plan(22);

-- Nothing set: all NULL.
select is(auth.uid(), null, 'uid() is NULL without claims');
select is(auth.role(), null, 'role() is NULL without claims');
select is(auth.email(), null, 'email() is NULL without claims');
select is(auth.jwt(), null, 'jwt() is NULL without claims');

-- Empty settings count as unset (PostgREST leaves them empty between requests).
select set_config('request.jwt.claims', '', true);
select set_config('request.jwt.claim.sub', '', true);
select is(auth.uid(), null, 'uid() is NULL when the settings are empty strings');
select is(auth.jwt(), null, 'jwt() is NULL when the settings are empty strings');

-- The JSON claims, as PostgREST sets them.
select set_config('request.jwt.claims',
  '{"sub":"6f1c3c1e-2f53-4a53-9b55-6d1f1e6a0b11","role":"authenticated","email":"ada@example.com","aal":"aal1"}', true);
select is(auth.uid(), '6f1c3c1e-2f53-4a53-9b55-6d1f1e6a0b11'::uuid, 'uid() reads sub from request.jwt.claims');
select is(auth.role(), 'authenticated', 'role() reads role from request.jwt.claims');
select is(auth.email(), 'ada@example.com', 'email() reads email from request.jwt.claims');
select is(auth.jwt() ->> 'aal', 'aal1', 'jwt() returns the whole claims object');
select is(pg_typeof(auth.uid())::text, 'uuid', 'uid() returns uuid');
select is(pg_typeof(auth.jwt())::text, 'jsonb', 'jwt() returns jsonb');

-- The legacy per-claim settings win over the JSON.
select set_config('request.jwt.claim.sub', '0b7d1c55-1111-4c4c-8888-000000000001', true);
select set_config('request.jwt.claim.role', 'service_role', true);
select set_config('request.jwt.claim.email', 'legacy@example.com', true);
select is(auth.uid(), '0b7d1c55-1111-4c4c-8888-000000000001'::uuid, 'uid() prefers request.jwt.claim.sub');
select is(auth.role(), 'service_role', 'role() prefers request.jwt.claim.role');
select is(auth.email(), 'legacy@example.com', 'email() prefers request.jwt.claim.email');
select set_config('request.jwt.claim', '{"sub":"legacy-object"}', true);
select is(auth.jwt() ->> 'sub', 'legacy-object', 'jwt() prefers request.jwt.claim');

-- A sub that is not a uuid is an error, not a silent NULL.
select set_config('request.jwt.claim.sub', '', true);
select set_config('request.jwt.claims', '{"sub":"not-a-uuid","role":"authenticated"}', true);
select throws_ok('select auth.uid()', '22P02', null, 'uid() rejects a sub that is not a uuid');

-- Definitions match Supabase Auth's: language sql, STABLE, no `set search_path` (so the planner can
-- inline them into the queries and policies that call them), callable by the API roles.
select is(
  (select array_agg(distinct provolatile) from pg_proc where pronamespace = 'auth'::regnamespace
     and proname in ('uid', 'role', 'email', 'jwt')),
  array['s']::"char"[], 'the claim readers are STABLE');
select ok(
  (select bool_and(proconfig is null and prolang = (select oid from pg_language where lanname = 'sql'))
     from pg_proc where pronamespace = 'auth'::regnamespace and proname in ('uid', 'role', 'email', 'jwt')),
  'the claim readers are language sql with no search_path setting (inlinable, as Supabase''s)');
select ok(has_function_privilege('anon', 'auth.uid()', 'execute'), 'anon may call auth.uid()');
select ok(has_function_privilege('authenticated', 'auth.jwt()', 'execute'), 'authenticated may call auth.jwt()');

-- Through a real role switch, as a request would run.
select set_config('request.jwt.claim.sub', '', true);
select set_config('request.jwt.claim.role', '', true);
select set_config('request.jwt.claim.email', '', true);
select set_config('request.jwt.claim', '', true);
select tests.as_anon();
select is(auth.role(), 'anon', 'as anon, role() is anon');
select tests.as_postgres();

select * from finish();
rollback;
