-- Test helpers for pgTAP, installed into the throwaway test database only (never a migration).
-- Switching identity reproduces what PostgREST does per request: a transaction-local role plus the
-- request.jwt.claims JSON. Use inside a test's transaction; `select tests.as_postgres()` switches back.
create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

-- Who each persona is: filled by tests.create_user, inside each test's transaction.
create table if not exists tests.personas (name text primary key, id uuid not null);

-- Creates a user the way Supabase Auth does (auth.users + an email identity); returns its id.
-- user_metadata is what a client may send at signup; app_metadata is server-set.
create or replace function tests.create_user(
  email text,
  user_metadata jsonb default '{}'::jsonb,
  app_metadata jsonb default '{}'::jsonb,
  id uuid default gen_random_uuid()
) returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                          raw_app_meta_data, raw_user_meta_data, created_at, updated_at, last_sign_in_at)
  values ('00000000-0000-0000-0000-000000000000', create_user.id, 'authenticated', 'authenticated', create_user.email,
          extensions.crypt('password', extensions.gen_salt('bf', 4)), now(),
          jsonb_build_object('provider', 'email', 'providers', jsonb_build_array('email')) || create_user.app_metadata,
          create_user.user_metadata, now(), now(), now());
  insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at, last_sign_in_at)
  values (create_user.id::text, create_user.id,
          jsonb_build_object('sub', create_user.id::text, 'email', create_user.email, 'email_verified', true),
          'email', now(), now(), now());
  -- Its persona name: the email's local part (see tests.persona), kept even if the email changes.
  insert into tests.personas (name, id) values (split_part(create_user.email, '@', 1), create_user.id)
  on conflict (name) do nothing;
  return create_user.id;
end
$$;

-- The claims Supabase Auth puts in a user's access token.
create or replace function tests.claims_for(user_id uuid) returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'iss', 'http://127.0.0.1:54321/auth/v1',
    'sub', u.id::text,
    'aud', 'authenticated',
    'exp', extract(epoch from now() + interval '1 hour')::bigint,
    'iat', extract(epoch from now())::bigint,
    'email', u.email,
    'phone', coalesce(u.phone, ''),
    'app_metadata', coalesce(u.raw_app_meta_data, '{}'::jsonb),
    'user_metadata', coalesce(u.raw_user_meta_data, '{}'::jsonb),
    'role', 'authenticated',
    'aal', 'aal1',
    'amr', jsonb_build_array(jsonb_build_object('method', 'password', 'timestamp', extract(epoch from now())::bigint)),
    'session_id', gen_random_uuid()::text,
    'is_anonymous', false)
  from auth.users u
  where u.id = claims_for.user_id
$$;

-- Act as a signed-in user for the rest of the transaction.
create or replace function tests.authenticate_as(user_id uuid) returns void
language plpgsql
volatile
set search_path = ''
as $$
declare
  claims jsonb := tests.claims_for(user_id);
begin
  if claims is null then
    raise exception 'tests.authenticate_as: no user %', user_id;
  end if;
  perform set_config('role', 'authenticated', true);
  perform set_config('request.jwt.claims', claims::text, true);
end
$$;

-- Act as an anonymous visitor (the anon key) for the rest of the transaction.
create or replace function tests.as_anon() returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  perform set_config('role', 'anon', true);
  perform set_config('request.jwt.claims', '{"role":"anon"}', true);
end
$$;

-- Act as the service role (Edge Functions with the service key) for the rest of the transaction.
create or replace function tests.as_service_role() returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  perform set_config('role', 'service_role', true);
  perform set_config('request.jwt.claims', '{"role":"service_role"}', true);
end
$$;

-- Back to postgres (the non-superuser that runs the tests, as on hosted), with no claims.
create or replace function tests.as_postgres() returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  perform set_config('role', 'postgres', true);
  perform set_config('request.jwt.claims', '', true);
end
$$;

-- Personas: a test user is named by its email's local part (tests.create_user('maya@example.com')
-- makes 'maya'; an account deleted later keeps its name), so a test says who acts instead of
-- repeating a UUID.
create or replace function tests.persona(name text) returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((select p.id from tests.personas p where p.name = persona.name),
                  (select u.id from auth.users u where u.email = persona.name || '@example.com'))
$$;

-- Act as a persona (or as a user id written as text) for the rest of the transaction.
create or replace function tests.authenticate_as(who text) returns void
language plpgsql
volatile
set search_path = ''
as $$
declare
  user_id uuid := case when who ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then who::uuid
                       else tests.persona(who) end;
begin
  if user_id is null then
    raise exception 'tests.authenticate_as: no persona %', who;
  end if;
  perform tests.authenticate_as(user_id);
end
$$;

-- The plan of a query as the current role sees it (EXPLAIN, costs off), one line per node: for
-- asserting that a read uses an index under RLS. Runs as its caller (security invoker).
create or replace function tests.plan_of(q text) returns text language plpgsql as $$
declare
  line text;
  out text := '';
begin
  for line in execute 'explain (costs off) ' || q loop
    out := out || line || E'\n';
  end loop;
  return out;
end
$$;

grant execute on all functions in schema tests to anon, authenticated, service_role;

-- A charge as Stripe reported it for a mission's PaymentIntent (what the payments webhook writes to
-- private.mission_charges): a completed deposit in a fixture must equal one (issue 18, provenance).
create or replace function tests.charge(payment_intent text, mission_id uuid, amount_cents bigint, currency text default 'USD')
returns text
language sql volatile security definer set search_path = ''
as $$
  insert into private.mission_charges (payment_intent_id, mission_id, charge_id, amount_cents, currency)
  values (charge.payment_intent, charge.mission_id, 'ch_' || substr(charge.payment_intent, 4), charge.amount_cents, upper(charge.currency))
  returning payment_intent_id
$$;
grant execute on function tests.charge(text, uuid, bigint, text) to anon, authenticated, service_role;

-- The contributor / initiator profile id of a user, ignoring RLS (for building test statements).
create or replace function tests.cid(user_id uuid) returns uuid
language sql stable security definer set search_path = ''
as $$ select id from public.contributor_profiles where contributor_profiles.user_id = cid.user_id $$;
create or replace function tests.iid(user_id uuid) returns uuid
language sql stable security definer set search_path = ''
as $$ select id from public.initiator_profiles where initiator_profiles.user_id = iid.user_id $$;

-- Runs one statement as a role with claims, exactly as a Data API request would, and reports what
-- happened, then undoes it (so every probe sees the same fixture):
--   'ok:<n>'  allowed; n = rows returned (a SELECT is counted) or rows written
--   'denied'  SQLSTATE 42501 from a missing grant
--   'rls'     SQLSTATE 42501 from a row-level security policy (new row violates ...)
--   anything else: the SQLSTATE raised
-- pre_request: after PostgREST's pre-request hook (public.check_request, as the request's role), which
-- remembers the caller's facts for the policies' helpers (private.remember_caller): the matrices run
-- every probe both ways.
create or replace function tests.try_as(role text, claims jsonb, stmt text, pre_request boolean default false) returns text
language plpgsql
volatile
set search_path = ''
as $$
declare
  n bigint;
  result text;
begin
  begin
    perform set_config('role', try_as.role, true);
    perform set_config('request.jwt.claims', coalesce(claims::text, ''), true);
    if pre_request then
      perform public.check_request();
    end if;
    if stmt ~* '^\s*select' then
      execute 'select count(*) from (' || stmt || ') as probe' into n;
    else
      execute stmt;
      get diagnostics n = row_count;
    end if;
    result := 'ok:' || n;
    raise exception 'undo' using errcode = 'T0UND';
  exception
    when sqlstate 'T0UND' then
      null;
    when insufficient_privilege then
      result := case when sqlerrm ~ 'row-level security' then 'rls' else 'denied' end;
    when others then
      result := sqlstate;
  end;
  return result;
end
$$;


-- Like try_as, for actions: runs `stmt` as the role with claims, then `probe` (a query returning
-- one text value, run as postgres, which bypasses RLS as on hosted) to see the effect, then undoes everything.
--   'ok:<probe>'         the action succeeded; probe shows the state it left
--   '<SQLSTATE>:<probe>' the action failed; probe shows the state afterwards (unchanged)
create or replace function tests.try_rpc(role text, claims jsonb, stmt text, probe text, pre_request boolean default false) returns text
language plpgsql
volatile
set search_path = ''
as $$
declare
  result text;
  after text;
begin
  begin
    perform set_config('role', try_rpc.role, true);
    perform set_config('request.jwt.claims', coalesce(claims::text, ''), true);
    if pre_request then
      perform public.check_request();
    end if;
    execute stmt;
    perform set_config('role', 'postgres', true);
    perform set_config('request.jwt.claims', '', true);
    execute probe into after;
    result := 'ok:' || coalesce(after, 'null');
    raise exception 'undo' using errcode = 'T0UND';
  exception
    when sqlstate 'T0UND' then
      null;
    when others then
      result := sqlstate;
  end;
  if result not like 'ok:%' then
    execute probe into after;
    result := result || ':' || coalesce(after, 'null');
  end if;
  return result;
end
$$;

grant execute on all functions in schema tests to anon, authenticated, service_role;

-- The marketplace's read model against the rows it shows, written here independently of
-- private.listed_mission_cards: every mismatch as a sentence (no rows: every card is current).
-- A mission is listed while it is public and open, matching, in progress, in review or completed.
-- mission_ids limits the check to those missions (null: every mission and every card).
create or replace function tests.listed_mission_problems(mission_ids uuid[] default null)
returns setof text
language sql stable security definer set search_path = ''
as $$
  with scope as (
    select m.*, (m.is_public and m.status::text in ('open', 'matching', 'in_progress', 'in_review', 'completed')) as listed
    from public.missions m
    where listed_mission_problems.mission_ids is null or m.id = any (listed_mission_problems.mission_ids)
  )
  select format('mission %s (%s, public %s) is listed but has no card', s.id, s.status, s.is_public)
  from scope s where s.listed and not exists (select from public.listed_missions l where l.id = s.id)
  union all
  select format('mission %s (%s, public %s) is not listed but has a card', s.id, s.status, s.is_public)
  from scope s join public.listed_missions l on l.id = s.id where not s.listed
  union all
  select format('a card (%s) has no mission', l.id)
  from public.listed_missions l
  where listed_mission_problems.mission_ids is null and not exists (select from public.missions m where m.id = l.id)
  union all
  select format('the card of %s says %s = %s, its rows say %s', s.id, f.field, f.card, f.rows)
  from scope s
  join public.listed_missions l on l.id = s.id
  cross join lateral (values
    ('listed_status', to_jsonb(l.listed_status), to_jsonb(s.status::text)),
    ('initiator_id', to_jsonb(l.initiator_id), to_jsonb(s.initiator_id)),
    ('title', to_jsonb(l.title), to_jsonb(s.title)),
    ('slug', to_jsonb(l.slug), to_jsonb(s.slug)),
    ('type', to_jsonb(l.type), to_jsonb(s.type)),
    ('complexity', to_jsonb(l.complexity), to_jsonb(s.complexity)),
    ('budget', jsonb_build_array(l.budget_min_cents, l.budget_max_cents, l.currency),
               jsonb_build_array(s.budget_min_cents, s.budget_max_cents, s.currency)),
    ('duration and deadline', jsonb_build_array(l.estimated_duration_days, l.deadline),
                              jsonb_build_array(s.estimated_duration_days, s.deadline)),
    ('featured', to_jsonb(l.featured), to_jsonb(s.featured)),
    ('published_at', to_jsonb(l.published_at), to_jsonb(s.published_at)),
    ('milestones', l.milestones,
      (select coalesce(jsonb_agg(jsonb_build_object('title', ms.title, 'order_index', ms.order_index, 'amount_cents', ms.amount_cents)
                                 order by ms.order_index), '[]')
       from public.milestones ms where ms.mission_id = s.id)),
    ('mission_required_skills', l.mission_required_skills,
      (select coalesce(jsonb_agg(jsonb_build_object('skills', jsonb_build_object('category', sk.category, 'name', sk.name),
                                                    'importance', r.importance)
                                 order by r.importance, sk.name), '[]')
       from public.mission_required_skills r join public.skills sk on sk.id = r.skill_id where r.mission_id = s.id)),
    ('initiator_profiles', l.initiator_profiles,
      (select jsonb_build_object('average_rating', i.average_rating, 'is_verified', i.is_verified,
                                 'company_url', i.company_url, 'company_name', i.company_name)
       from public.initiator_profiles i where i.id = s.initiator_id))
  ) as f (field, card, rows)
  where s.listed and f.card is distinct from f.rows
$$;
grant execute on function tests.listed_mission_problems(uuid[]) to anon, authenticated, service_role;
