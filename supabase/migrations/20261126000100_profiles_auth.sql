-- Profiles and auth: the blueprint's `users`, 1:1 with auth.users (email, password and OAuth live in
-- Supabase Auth), plus the role-specific contributor and initiator profiles. Each profile is split
-- into what other people may see and a private part only its owner and admins read. The helpers every
-- policy uses (is_admin, is_active, my_contributor_id, ...), the signup trigger, the Custom Access
-- Token hook, and the caller's own sessions.
--
-- Order: types, tables, indexes, helpers, grants + RLS + policies, signup trigger, access-token hook,
-- functions.

-- =============================================================================================
-- Types
-- =============================================================================================
create type public.user_role as enum ('contributor', 'initiator', 'admin');

create type public.account_status as enum ('active', 'suspended', 'banned', 'pending_verification');

create type public.verification_status as enum ('pending', 'proof_task_submitted', 'verified', 'rejected');

create type public.background_check_status as enum ('not_started', 'in_progress', 'passed', 'failed');

create type public.company_size as enum ('1-10', '11-50', '51-200', '201-500', '500+');

-- Currency codes are ISO 4217, upper case; every amount in the database is a bigint of minor units.
create domain public.currency_code as char(3) check (value ~ '^[A-Z]{3}$');

-- An http(s) URL of sane length.
create domain public.http_url as text check (value ~ '^https?://[^\s]+$' and length(value) <= 2048);

-- =============================================================================================
-- Tables
-- =============================================================================================
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  full_name varchar(255) not null check (length(btrim(full_name)) between 1 and 255),
  avatar_url public.http_url,
  primary_role public.user_role not null,
  account_status public.account_status not null default 'active',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_login_at timestamptz,
  -- Email preferences.
  email_opt_outs text[] not null default '{}'
  check (email_opt_outs <@ array['welcome', 'invitation', 'milestone_submitted', 'payment_received', 'proof_task_graded', 'new_message'])
);
comment on table public.profiles is 'One row per auth.users row: the public face of a user. Written by the signup trigger; name and avatar by the owner.';
comment on column public.profiles.email_opt_outs is 'Email types the user does not want (auth emails are Supabase Auth''s and always sent).';

create index profiles_primary_role_idx on public.profiles (primary_role);

create index profiles_account_status_idx on public.profiles (account_status) where account_status <> 'active';

create table public.contributor_profiles (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null unique references public.profiles (id) on delete cascade,
  verification_status public.verification_status not null default 'pending',
  verification_date timestamptz,
  is_looking_for_work boolean not null default false,
  timezone varchar(50) check (timezone ~ '^[A-Za-z0-9_+/-]{1,50}$'),
  headline varchar(255),
  bio text check (length(bio) <= 10000),
  github_url public.http_url,
  linkedin_url public.http_url,
  portfolio_url public.http_url,
  years_experience integer not null default 0 check (years_experience between 0 and 80),
  -- Owned by the reputation functions (0-100); nobody writes them directly.
  trust_score integer not null default 0 check (trust_score between 0 and 100),
  match_power integer not null default 0 check (match_power between 0 and 100),
  completion_rate numeric(5, 2) not null default 0 check (completion_rate between 0 and 100),
  total_missions_completed integer not null default 0 check (total_missions_completed >= 0),
  shadow_assignments integer not null default 0 check (shadow_assignments >= 0),
  -- Mean of the ratings initiators gave after missions (0 = none yet).
  average_rating numeric(3, 2) not null default 0 check (average_rating between 0 and 5),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.contributor_profiles is 'What signed-in users may see of a contributor. Private details are in contributor_private_details.';

create index contributor_profiles_looking_idx on public.contributor_profiles (is_looking_for_work) where is_looking_for_work = true;

create index contributor_profiles_verified_idx on public.contributor_profiles (verification_status) where verification_status = 'verified';

create table public.contributor_private_details (
  contributor_id uuid primary key references public.contributor_profiles (id) on delete cascade,
  availability_hours_per_week integer not null default 20 check (availability_hours_per_week between 0 and 168),
  total_earnings_cents bigint not null default 0 check (total_earnings_cents >= 0),
  earnings_currency public.currency_code not null default 'USD',
  background_check_status public.background_check_status not null default 'not_started',
  background_check_date timestamptz,
  -- When the contributor consented to the check now running or last run (consent_to_background_check()).
  background_check_consented_at timestamptz,
  -- Stripe Connect (Express) account, kept by the payments functions from account.updated.
  stripe_account_id varchar(255) unique,
  stripe_charges_enabled boolean not null default false,
  stripe_payouts_enabled boolean not null default false,
  stripe_details_submitted boolean not null default false,
  updated_at timestamptz not null default now(),
  stripe_account_country char(2),
  stripe_account_synced_at timestamptz
);
comment on table public.contributor_private_details is 'A contributor''s private details: availability, earnings, background check, Stripe account. Owner and admins only.';

create table public.initiator_profiles (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null unique references public.profiles (id) on delete cascade,
  company_name varchar(255) check (length(btrim(company_name)) >= 1),
  company_url public.http_url,
  company_size public.company_size,
  industry varchar(100),
  is_verified boolean not null default false,
  verification_date timestamptz,
  total_missions_posted integer not null default 0 check (total_missions_posted >= 0),
  average_rating numeric(3, 2) not null default 0 check (average_rating between 0 and 5),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.initiator_profiles is 'An initiator''s public company information. Private details are in initiator_private_details.';

create table public.initiator_private_details (
  initiator_id uuid primary key references public.initiator_profiles (id) on delete cascade,
  total_spent_cents bigint not null default 0 check (total_spent_cents >= 0),
  spent_currency public.currency_code not null default 'USD',
  stripe_customer_id varchar(255) unique,
  default_payment_method_id varchar(255),
  updated_at timestamptz not null default now()
);
comment on table public.initiator_private_details is 'An initiator''s private details: spend and Stripe customer. Owner and admins only.';

create trigger tg_profiles__set_updated_at before update on public.profiles
  for each row execute function private.tg__set_updated_at();

create trigger tg_contributor_profiles__set_updated_at before update on public.contributor_profiles
  for each row execute function private.tg__set_updated_at();

create trigger tg_contributor_private_details__set_updated_at before update on public.contributor_private_details
  for each row execute function private.tg__set_updated_at();

create trigger tg_initiator_profiles__set_updated_at before update on public.initiator_profiles
  for each row execute function private.tg__set_updated_at();

create trigger tg_initiator_private_details__set_updated_at before update on public.initiator_private_details
  for each row execute function private.tg__set_updated_at();

-- =============================================================================================
-- Helpers (private, SECURITY DEFINER so policies can call them without recursing into RLS).
-- Admin and account status are read from the database, never from the token's claims (which can be
-- an hour stale) and never from user_metadata.
--
-- The caller's facts, once per request. Every policy helper below is an InitPlan run once per query,
-- and each was an index lookup through SPI (executor start, locks, the scan), paid again by every
-- table a read touches. The Data API's pre-request hook (private.check_request) already reads the
-- caller's profile to refuse banned accounts; it reads the contributor and initiator ids in the same
-- statement and keeps them for the rest of the transaction (remember_caller) in two
-- transaction-local settings:
--   people.caller      'account status,primary role,contributor id,initiator id' (absent ids empty);
--   people.caller_for  the claims they belong to: request.jwt.claim.sub || '|' || request.jwt.claims.
-- A helper reads people.caller only while people.caller_for equals the claims of the moment, written
-- inline in each helper (a nested PL/pgSQL call costs ~10 us per request, about what it saves):
--     if current_setting('people.caller_for', true)
--        = concat(current_setting('request.jwt.claim.sub', true), '|', current_setting('request.jwt.claims', true))
-- So the facts are exact:
--   * for the user the claims name now: a request that switches claims inside its transaction
--     (Realtime checks each subscriber in one) falls back to the lookups;
--   * after the request changes them: any insert, update, delete or truncate of profiles,
--     contributor_profiles or initiator_profiles clears both settings (tg__forget_caller), so a role
--     chosen, an account suspended or deleted is read fresh by the rest of the request;
--   * without the hook (Realtime, pg_cron, psql, Edge Functions) they are never set: the lookups.
-- A request reads its caller's facts as of the hook's statement. Before, each statement re-read them
-- (read committed), so a suspension, demotion or role change another session commits while the
-- request runs (between its statements, or while an RPC waits on a lock that session holds) now
-- applies from the caller's next request instead of from the request's next statement. Only
-- SQL can write these settings, and SQL that can write them can write request.jwt.claims too
-- (PostgREST sets neither from user input), so they trust nothing the claims did not already.
-- pgTAP 014 holds every helper to its lookup's answer, and 021 / 031 run every probe both ways.
-- =============================================================================================
create function private.remember_caller(status public.account_status, role public.user_role,
                                        contributor_id uuid, initiator_id uuid)
returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  perform set_config('people.caller',
    concat_ws(',', status, role, coalesce(contributor_id::text, ''), coalesce(initiator_id::text, '')), true),
    set_config('people.caller_for',
    concat(current_setting('request.jwt.claim.sub', true), '|', current_setting('request.jwt.claims', true)), true);
end
$$;
-- It trusts its arguments: only the owner may ever execute it (never grant it, never wrap it in
-- public), or a caller could write 'active,admin,,' for their own claims.
comment on function private.remember_caller(public.account_status, public.user_role, uuid, uuid) is
  'Keeps the caller''s facts (the pre-request hook''s) for the rest of the transaction: people.caller, for the claims in people.caller_for.';
revoke execute on function private.remember_caller(public.account_status, public.user_role, uuid, uuid) from public;

create function private.tg__forget_caller()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  perform set_config('people.caller', '', true), set_config('people.caller_for', '', true);
  return null;
end
$$;
comment on function private.tg__forget_caller() is
  'Trigger (statement level): a change to profiles or role profiles clears the remembered caller facts.';

create trigger tg_profiles__forget_caller after insert or update or delete or truncate on public.profiles
  for each statement execute function private.tg__forget_caller();
create trigger tg_contributor_profiles__forget_caller after insert or update or delete or truncate on public.contributor_profiles
  for each statement execute function private.tg__forget_caller();
create trigger tg_initiator_profiles__forget_caller after insert or update or delete or truncate on public.initiator_profiles
  for each statement execute function private.tg__forget_caller();

create function private.is_admin()
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if current_setting('people.caller_for', true)
     = concat(current_setting('request.jwt.claim.sub', true), '|', current_setting('request.jwt.claims', true)) then
    return current_setting('people.caller') like 'active,admin,%';
  end if;
  return exists (
    select from public.profiles
    where id = private.uid() and primary_role = 'admin' and account_status = 'active');
end
$$;
comment on function private.is_admin() is 'True when the caller is an active admin. Wrap as (select private.is_admin()) in policies.';

grant execute on function private.is_admin() to authenticated, service_role;

create function private.is_active()
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if current_setting('people.caller_for', true)
     = concat(current_setting('request.jwt.claim.sub', true), '|', current_setting('request.jwt.claims', true)) then
    return current_setting('people.caller') like 'active,%';
  end if;
  return exists (select from public.profiles where id = private.uid() and account_status = 'active');
end
$$;
comment on function private.is_active() is 'True when the caller has an active account (not suspended, banned or pending).';
grant execute on function private.is_active() to authenticated, service_role;

create function private.my_contributor_id()
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if current_setting('people.caller_for', true)
     = concat(current_setting('request.jwt.claim.sub', true), '|', current_setting('request.jwt.claims', true)) then
    return nullif(split_part(current_setting('people.caller'), ',', 3), '')::uuid;
  end if;
  return (select id from public.contributor_profiles where user_id = private.uid());
end
$$;
grant execute on function private.my_contributor_id() to authenticated, service_role;

create function private.my_initiator_id()
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if current_setting('people.caller_for', true)
     = concat(current_setting('request.jwt.claim.sub', true), '|', current_setting('request.jwt.claims', true)) then
    return nullif(split_part(current_setting('people.caller'), ',', 4), '')::uuid;
  end if;
  return (select id from public.initiator_profiles where user_id = private.uid());
end
$$;
grant execute on function private.my_initiator_id() to authenticated, service_role;

-- Raises unless the caller is signed in with an active account; returns the user id.
create function private.require_active_user()
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_signed_in();
  status public.account_status;
begin
  if current_setting('people.caller_for', true)
     = concat(current_setting('request.jwt.claim.sub', true), '|', current_setting('request.jwt.claims', true)) then
    status := split_part(current_setting('people.caller'), ',', 1)::public.account_status;
  else
    select p.account_status into status from public.profiles p where p.id = uid;
  end if;
  if status is null then
    raise exception 'Your profile does not exist.' using errcode = '42501';
  elsif status <> 'active' then
    raise exception 'Your account is %: you cannot make changes.', status using errcode = '42501';
  end if;
  return uid;
end
$$;
grant execute on function private.require_active_user() to authenticated, service_role;

-- True when the request comes from the platform itself: the service role (Edge Functions with the
-- service key), or a direct database session of the owner with no request claims at all (migrations,
-- seed, pg_cron jobs, psql). Decided on the role the session actually runs as (the `role` setting
-- that SET ROLE changes and that a SECURITY DEFINER body does not), never on the JWT's role claim:
-- a session running as authenticated with a forged {"role":"service_role"} claim is not the platform.
create function private.is_platform()
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  r text := coalesce(nullif(current_setting('role', true), 'none'), session_user::text);
begin
  return r = 'service_role' or (r in ('postgres', 'supabase_admin') and auth.role() is null);
end
$$;
grant execute on function private.is_platform() to authenticated, service_role;

-- Raises unless the caller is an active admin or the platform.
create function private.require_admin()
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if private.is_platform() then
    return;
  end if;
  if not private.is_admin() then
    raise exception 'Only admins can do this.' using errcode = '42501';
  end if;
end
$$;
grant execute on function private.require_admin() to authenticated, service_role;

-- =============================================================================================
-- Grants, RLS and policies
-- =============================================================================================
alter table public.profiles enable row level security;
alter table public.contributor_profiles enable row level security;
alter table public.contributor_private_details enable row level security;
alter table public.initiator_profiles enable row level security;
alter table public.initiator_private_details enable row level security;

-- profiles: signed-in users see active people (names on missions, teams, messages); everyone sees
-- their own row whatever its status; admins see all. Owners change their name and avatar only.
-- Privacy by column: the public face (name, avatar, role, status, dates) is granted; last_login_at
-- and email_opt_outs are the owner's business and are not granted to anyone (select=* on profiles is
-- 42501: list the columns). The owner reads them with my_account(); admins with admin_list_users().
grant select (id, full_name, avatar_url, primary_role, account_status, created_at, updated_at)
  on public.profiles to authenticated;
grant update (full_name, avatar_url) on public.profiles to authenticated;
grant update (email_opt_outs) on public.profiles to authenticated;
grant all on public.profiles to service_role;

create policy "Signed-in users see active profiles, their own; admins all"
  on public.profiles for select to authenticated
  using ((account_status = 'active' and (select private.is_active())) or id = (select private.uid()) or (select private.is_admin()));

create policy "Active users update their own profile"
  on public.profiles for update to authenticated
  using (id = (select private.uid()) and (select private.is_active()))
  with check (id = (select private.uid()));

-- contributor_profiles: public fields to signed-in active users; owners edit their presentation.
grant select on public.contributor_profiles to authenticated;
grant update (is_looking_for_work, timezone, headline, bio, github_url, linkedin_url, portfolio_url, years_experience)
  on public.contributor_profiles to authenticated;
grant all on public.contributor_profiles to service_role;

create policy "Signed-in users see contributor profiles"
  on public.contributor_profiles for select to authenticated
  using ((select private.is_active()) or user_id = (select private.uid()));

create policy "Active contributors update their own profile"
  on public.contributor_profiles for update to authenticated
  using (user_id = (select private.uid()) and (select private.is_active()))
  with check (user_id = (select private.uid()));

-- contributor_private_details: owner and admins only; the owner sets their weekly availability.
grant select on public.contributor_private_details to authenticated;
grant update (availability_hours_per_week) on public.contributor_private_details to authenticated;
grant all on public.contributor_private_details to service_role;

-- No admin arm: a bare boolean OR arm stops the planner from using an index for the owner's row
-- when the client omits the filter (a scan of every row). Admins read through public.admin_read().
create policy "Contributors see their own private details"
  on public.contributor_private_details for select to authenticated
  using (contributor_id = (select private.my_contributor_id()));

create policy "Active contributors update their own availability"
  on public.contributor_private_details for update to authenticated
  using (contributor_id = (select private.my_contributor_id()) and (select private.is_active()))
  with check (contributor_id = (select private.my_contributor_id()));

-- initiator_profiles: public company info, to anon too (it is shown on public missions).
grant select on public.initiator_profiles to anon, authenticated;
grant update (company_name, company_url, company_size, industry) on public.initiator_profiles to authenticated;
grant all on public.initiator_profiles to service_role;

create policy "Anyone sees initiators' public company information"
  on public.initiator_profiles for select to anon
  using (true);

create policy "Signed-in users see initiators' public company information"
  on public.initiator_profiles for select to authenticated
  using (true);

create policy "Active initiators update their own company information"
  on public.initiator_profiles for update to authenticated
  using (user_id = (select private.uid()) and (select private.is_active()))
  with check (user_id = (select private.uid()));

-- GET /rpc/my_account: the caller's own private profile columns (not column-granted on profiles).
create function private.my_account()
returns table (id uuid, last_login_at timestamptz, email_opt_outs text[])
language sql
stable
security definer
set search_path = ''
as $$
  select p.id, p.last_login_at, p.email_opt_outs from public.profiles p where p.id = private.uid()
$$;
comment on function private.my_account() is 'The caller''s own last_login_at and email_opt_outs (nobody else''s).';
revoke all on function private.my_account() from public;
grant execute on function private.my_account() to authenticated, service_role;

create function public.my_account()
returns table (id uuid, last_login_at timestamptz, email_opt_outs text[])
language sql
stable
security invoker
set search_path = ''
as $$
  select * from private.my_account()
$$;
comment on function public.my_account() is 'The caller''s own private profile columns: last sign-in and email opt-outs.';
revoke all on function public.my_account() from public;
grant execute on function public.my_account() to authenticated;

-- initiator_private_details: owner and admins only; nothing here is written by users.
grant select on public.initiator_private_details to authenticated;
grant all on public.initiator_private_details to service_role;

-- No admin arm (see contributor_private_details): admins read through public.admin_read().
create policy "Initiators see their own private details"
  on public.initiator_private_details for select to authenticated
  using (initiator_id = (select private.my_initiator_id()));

-- =============================================================================================
-- Signup: one AFTER INSERT trigger on auth.users creates the profile and the role profile.
--
-- Read from raw_user_meta_data (what the client sends at signup, or the OAuth provider's data that
-- Supabase Auth copies there):
--   role        'contributor' | 'initiator'. Missing: 'contributor' (an OAuth user can switch with
--               choose_primary_role() before doing anything else). 'admin' or anything else: the
--               signup fails with SQLSTATE 22023 and nothing is created.
--   full_name   else name, user_name, preferred_username, else the email's local part, else 'New user'.
--   avatar_url  else picture; ignored unless it is an http(s) URL.
-- Admin is never taken from metadata: only an admin or the service role makes an admin.
-- =============================================================================================
create function private.signup_role(meta jsonb)
returns public.user_role
language plpgsql
immutable
set search_path = ''
as $$
declare
  requested text := nullif(btrim(coalesce(meta ->> 'role', '')), '');
begin
  if requested is null then
    return 'contributor'::public.user_role;
  elsif requested in ('contributor', 'initiator') then
    return requested::public.user_role;
  elsif requested = 'admin' then
    raise exception 'Admin accounts cannot be requested at signup.' using errcode = '22023';
  else
    raise exception 'Unknown role "%": choose contributor or initiator.', left(requested, 40) using errcode = '22023';
  end if;
end
$$;

create function private.signup_full_name(meta jsonb, email text)
returns text
language sql
immutable
set search_path = ''
as $$
  select left(coalesce(
    nullif(btrim(meta ->> 'full_name'), ''),
    nullif(btrim(meta ->> 'name'), ''),
    nullif(btrim(meta ->> 'user_name'), ''),
    nullif(btrim(meta ->> 'preferred_username'), ''),
    nullif(split_part(coalesce(email, ''), '@', 1), ''),
    'New user'), 255)
$$;

create function private.signup_avatar_url(meta jsonb)
returns text
language sql
immutable
set search_path = ''
as $$
  select url from (select coalesce(nullif(meta ->> 'avatar_url', ''), nullif(meta ->> 'picture', '')) as url) s
  where url ~ '^https?://[^\s]+$' and length(url) <= 2048
$$;

create function private.create_role_profile(user_id uuid, role public.user_role)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  new_id uuid;
begin
  if role = 'contributor' then
    insert into public.contributor_profiles (user_id) values (create_role_profile.user_id)
      on conflict on constraint contributor_profiles_user_id_key do nothing
      returning id into new_id;
    if new_id is not null then
      insert into public.contributor_private_details (contributor_id) values (new_id);
    end if;
  elsif role = 'initiator' then
    insert into public.initiator_profiles (user_id) values (create_role_profile.user_id)
      on conflict on constraint initiator_profiles_user_id_key do nothing
      returning id into new_id;
    if new_id is not null then
      insert into public.initiator_private_details (initiator_id) values (new_id);
    end if;
  end if;
end
$$;

create function private.tg_auth_users__create_profile()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  meta jsonb := coalesce(new.raw_user_meta_data, '{}'::jsonb);
  role public.user_role := private.signup_role(meta);
begin
  insert into public.profiles (id, full_name, avatar_url, primary_role, last_login_at)
  values (new.id, private.signup_full_name(meta, new.email), private.signup_avatar_url(meta), role, new.last_sign_in_at);
  perform private.create_role_profile(new.id, role);
  return new;
end
$$;

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function private.tg_auth_users__create_profile();

-- Keeps profiles.last_login_at in step with Supabase Auth.
create function private.tg_auth_users__sync_last_login()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  update public.profiles set last_login_at = new.last_sign_in_at where id = new.id;
  return new;
end
$$;

create trigger on_auth_user_signed_in
  after update of last_sign_in_at on auth.users
  for each row when (new.last_sign_in_at is distinct from old.last_sign_in_at)
  execute function private.tg_auth_users__sync_last_login();

-- =============================================================================================
-- Custom Access Token hook: adds user_role (and account_status) to every access token Supabase Auth
-- issues, keeps every other claim, and refuses tokens to suspended and banned accounts.
-- Enabled in config.toml [auth.hook.custom_access_token].
-- =============================================================================================
create function public.custom_access_token_hook(event jsonb)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  profile record;
  claims jsonb := coalesce(event -> 'claims', '{}'::jsonb);
begin
  select p.primary_role, p.account_status into profile
  from public.profiles p
  where p.id = (event ->> 'user_id')::uuid;

  if found and profile.account_status in ('suspended', 'banned') then
    return jsonb_build_object('error', jsonb_build_object(
      'http_code', 403,
      'message', format('This account is %s. Contact support if you think this is a mistake.', profile.account_status)));
  end if;

  if found then
    claims := claims || jsonb_build_object('user_role', profile.primary_role, 'account_status', profile.account_status);
  end if;
  return jsonb_set(event, '{claims}', claims);
end
$$;
comment on function public.custom_access_token_hook(jsonb) is
  'Supabase Auth hook: adds user_role to access tokens and refuses suspended or banned accounts. Executable by supabase_auth_admin only.';

revoke execute on function public.custom_access_token_hook(jsonb) from public, anon, authenticated;
grant execute on function public.custom_access_token_hook(jsonb) to supabase_auth_admin;
grant usage on schema public to supabase_auth_admin;
grant select (id, primary_role, account_status) on public.profiles to supabase_auth_admin;

create policy "Supabase Auth reads roles and account status for access tokens"
  on public.profiles for select to supabase_auth_admin
  using (true);

-- =============================================================================================
-- Functions
-- =============================================================================================

-- Who already used their one switch of primary role (choose_primary_role). Private: only the
-- definer functions read and write it.
create table private.primary_role_switches (
  user_id uuid primary key references public.profiles (id) on delete cascade,
  from_role public.user_role not null,
  to_role public.user_role not null,
  switched_at timestamptz not null default now()
);
comment on table private.primary_role_switches is 'The one primary-role switch a user may make (choose_primary_role). RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions do.';
alter table private.primary_role_switches enable row level security;
revoke all on private.primary_role_switches from public;

-- An OAuth user, who could not say at signup, picks contributor or initiator: one switch, ever, and
-- only before they have done anything in that role (a proof task given to them counts: switching
-- must not reset a verification in progress).
create function private.choose_primary_role(role public.user_role)
returns public.profiles
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_active_user();
  current public.profiles;
begin
  if role not in ('contributor', 'initiator') then
    raise exception 'Choose contributor or initiator.' using errcode = '22023';
  end if;
  select * into current from public.profiles where id = uid for update;
  if current.primary_role = role then
    return current;
  end if;
  if current.primary_role = 'admin' then
    raise exception 'Admins keep their role.' using errcode = 'PT409';
  end if;
  if exists (select from private.primary_role_switches s where s.user_id = uid) then
    raise exception 'Your role can be changed once, and it already was.' using errcode = 'PT409';
  end if;
  if exists (select from public.contributor_profiles c where c.user_id = uid and
               (c.verification_status <> 'pending' or c.total_missions_completed > 0))
     or exists (select from public.initiator_profiles i where i.user_id = uid and i.total_missions_posted > 0)
     or exists (select from private.proof_task_attempts a where a.user_id = uid) then
    raise exception 'Your role can no longer be changed: you have already started as a %.', current.primary_role
      using errcode = 'PT409';
  end if;
  insert into private.primary_role_switches (user_id, from_role, to_role) values (uid, current.primary_role, role);
  delete from public.contributor_profiles where user_id = uid;
  delete from public.initiator_profiles where user_id = uid;
  update public.profiles set primary_role = role where id = uid returning * into current;
  perform private.create_role_profile(uid, role);
  return current;
end
$$;
revoke execute on function private.choose_primary_role(public.user_role) from public;
grant execute on function private.choose_primary_role(public.user_role) to authenticated;

create function public.choose_primary_role(role public.user_role)
returns public.profiles
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.choose_primary_role(choose_primary_role.role)
$$;
revoke execute on function public.choose_primary_role(public.user_role) from public;
grant execute on function public.choose_primary_role(public.user_role) to authenticated;

-- Makes a user an admin (or gives an admin back a marketplace role). Admins and the service role only.
-- Audited by the trigger on profiles (user.primary_role_changed).
create function private.set_user_role(user_id uuid, role public.user_role)
returns public.profiles
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  result public.profiles;
begin
  perform private.require_admin();
  if role is null then
    raise exception 'Choose a role: contributor, initiator or admin.' using errcode = '22023';
  end if;
  update public.profiles p set primary_role = role where p.id = set_user_role.user_id returning * into result;
  if not found then
    raise exception 'No such user.' using errcode = 'PT404';
  end if;
  -- One marketplace role per person: becoming a contributor removes the initiator profile and the
  -- other way round (a person holding both could invite themselves to their own mission). A profile
  -- with a history (missions posted; applications, assignments, proof tasks or payouts) is not
  -- removed: PT409. Admins keep what they had (they may be given a marketplace role back).
  if role = 'contributor' then
    if exists (select from public.missions m join public.initiator_profiles i on i.id = m.initiator_id
               where i.user_id = set_user_role.user_id) then
      raise exception 'This user has posted missions as an initiator: they cannot become a contributor.' using errcode = 'PT409';
    end if;
    delete from public.initiator_profiles i where i.user_id = set_user_role.user_id;
  elsif role = 'initiator' then
    if exists (select from public.contributor_profiles c where c.user_id = set_user_role.user_id
               and (exists (select from public.mission_assignments a where a.contributor_id = c.id)
                    or exists (select from public.mission_applications a where a.contributor_id = c.id)
                    or exists (select from public.proof_task_submissions s where s.contributor_id = c.id)
                    or exists (select from public.escrow_transactions e where e.contributor_id = c.id))) then
      raise exception 'This user has worked or applied as a contributor: they cannot become an initiator.' using errcode = 'PT409';
    end if;
    delete from public.contributor_profiles c where c.user_id = set_user_role.user_id;
  end if;
  perform private.create_role_profile(set_user_role.user_id, role);
  return result;
end
$$;
revoke execute on function private.set_user_role(uuid, public.user_role) from public;
grant execute on function private.set_user_role(uuid, public.user_role) to authenticated, service_role;

create function public.set_user_role(user_id uuid, role public.user_role)
returns public.profiles
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.set_user_role(set_user_role.user_id, set_user_role.role)
$$;
revoke execute on function public.set_user_role(uuid, public.user_role) from public;
grant execute on function public.set_user_role(uuid, public.user_role) to authenticated, service_role;

-- The caller's own sign-in sessions (Supabase Auth's auth.sessions), newest use first.
create function private.list_my_sessions()
returns table (
  id uuid,
  user_agent text,
  ip inet,
  created_at timestamptz,
  last_used_at timestamptz,
  expires_at timestamptz,
  aal text,
  is_current boolean
)
language sql
stable
security definer
set search_path = ''
as $$
  select s.id, s.user_agent, s.ip, s.created_at,
         coalesce(s.refreshed_at at time zone 'UTC', s.updated_at, s.created_at) as last_used_at,
         s.not_after as expires_at,
         s.aal::text,
         s.id::text = coalesce(auth.jwt() ->> 'session_id', '') as is_current
  from auth.sessions s
  where s.user_id = private.require_signed_in()
  order by last_used_at desc nulls last, s.created_at desc
$$;
revoke execute on function private.list_my_sessions() from public;
grant execute on function private.list_my_sessions() to authenticated;

create function public.list_my_sessions()
returns table (
  id uuid,
  user_agent text,
  ip inet,
  created_at timestamptz,
  last_used_at timestamptz,
  expires_at timestamptz,
  aal text,
  is_current boolean
)
language sql
stable
security invoker
set search_path = ''
as $$
  select * from private.list_my_sessions()
$$;
revoke execute on function public.list_my_sessions() from public;
grant execute on function public.list_my_sessions() to authenticated;

-- Signs one of the caller's sessions out: its refresh tokens stop working at once (an access token
-- already issued stays valid until it expires, at most jwt_expiry = 15 minutes).
create function private.revoke_my_session(session_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_signed_in();
begin
  delete from auth.sessions s where s.id = revoke_my_session.session_id and s.user_id = uid;
  if not found then
    raise exception 'No such session.' using errcode = 'PT404';
  end if;
end
$$;
revoke execute on function private.revoke_my_session(uuid) from public;
grant execute on function private.revoke_my_session(uuid) to authenticated;

create function public.revoke_my_session(session_id uuid)
returns void
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.revoke_my_session(revoke_my_session.session_id)
$$;
revoke execute on function public.revoke_my_session(uuid) from public;
grant execute on function public.revoke_my_session(uuid) to authenticated;

-- Called only from SECURITY DEFINER RPCs (so it already runs as the owner): a plain invoker
-- function, executable by nobody else.
-- Raises unless the caller is signed in and not banned (suspended accounts may still read their own
-- data and export it); returns the user id.
create function private.require_unbanned_user()
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
  uid uuid := private.require_signed_in();
  status public.account_status;
begin
  select p.account_status into status from public.profiles p where p.id = uid;
  if status is null then
    raise exception 'Your profile does not exist.' using errcode = '42501';
  elsif status = 'banned' then
    raise exception 'This account is banned.' using errcode = '42501', hint = 'Contact support if you think this is a mistake.';
  end if;
  return uid;
end
$$;

-- Contributor search: verified contributors looking for work, best trust first.
create index contributor_profiles_search_idx on public.contributor_profiles (trust_score desc, id)
  where verification_status = 'verified' and is_looking_for_work;
