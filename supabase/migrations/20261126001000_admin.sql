-- Admin: the blueprint's admin endpoints: user search (email from auth.users), suspend / ban /
-- reinstate, all missions, analytics. Every function checks private.require_admin() and writes an
-- audit entry (private.audit). Grading proof tasks is in proof_tasks.
--
-- Errors: 42501 not allowed, PT404 not found, 22023 bad input.

-- Signs a user out everywhere: sessions (and with them refresh tokens) and MFA factors where the
-- auth schema has them.
create function private.revoke_all_sessions(user_id uuid)
returns integer
language plpgsql
volatile
set search_path = ''
as $$
declare
  n integer;
begin
  delete from auth.refresh_tokens r where r.user_id = revoke_all_sessions.user_id::text;
  delete from auth.sessions s where s.user_id = revoke_all_sessions.user_id;
  get diagnostics n = row_count;
  return n;
end
$$;

-- =============================================================================================
-- Admin: users
-- =============================================================================================

-- GET /admin/users: filters by role, account status and verification; `search` matches the name or
-- the email (case-insensitive substring). Newest first, a page at a time; total_count is the number
-- of matches.
-- Search text is bounded: a huge pattern costs rows x length.
create function private.check_search(search text)
returns void
language plpgsql
immutable
set search_path = ''
as $$
begin
  if length(search) > 200 then
    raise exception 'Search text is at most 200 characters.' using errcode = '22023';
  end if;
end
$$;
grant execute on function private.check_search(text) to authenticated, service_role;

create function private.admin_search_users(
  search text default null,
  role public.user_role default null,
  status public.account_status default null,
  verification public.verification_status default null,
  page_size integer default 50,
  page_offset integer default 0
) returns table (
  id uuid,
  full_name text,
  email text,
  primary_role public.user_role,
  account_status public.account_status,
  verification_status public.verification_status,
  created_at timestamptz,
  last_login_at timestamptz,
  banned_until timestamptz,
  total_count bigint
)
language sql
volatile
security definer
set search_path = ''
as $$
  select private.require_admin();
  select private.check_search(admin_search_users.search);
  select private.audit('admin.users_searched', 'user', null, null, null,
    jsonb_strip_nulls(jsonb_build_object('search', admin_search_users.search, 'role', admin_search_users.role,
      'status', admin_search_users.status, 'verification', admin_search_users.verification)));
  select p.id, p.full_name::text, u.email::text, p.primary_role, p.account_status, c.verification_status, p.created_at,
         p.last_login_at, u.banned_until, count(*) over ()
  from public.profiles p
  join auth.users u on u.id = p.id
  left join public.contributor_profiles c on c.user_id = p.id
  where (admin_search_users.role is null or p.primary_role = admin_search_users.role)
    and (admin_search_users.status is null or p.account_status = admin_search_users.status)
    and (admin_search_users.verification is null or c.verification_status = admin_search_users.verification)
    and (nullif(btrim(admin_search_users.search), '') is null
         or position(lower(btrim(admin_search_users.search)) in lower(p.full_name)) > 0
         or position(lower(btrim(admin_search_users.search)) in lower(coalesce(u.email, ''))) > 0)
  order by p.created_at desc, p.id
  limit least(greatest(coalesce(page_size, 50), 1), 200) offset greatest(coalesce(page_offset, 0), 0)
$$;
revoke execute on function private.admin_search_users(text, public.user_role, public.account_status, public.verification_status, integer, integer) from public;
grant execute on function private.admin_search_users(text, public.user_role, public.account_status, public.verification_status, integer, integer) to authenticated, service_role;

create function public.admin_search_users(
  search text default null,
  role public.user_role default null,
  status public.account_status default null,
  verification public.verification_status default null,
  page_size integer default 50,
  page_offset integer default 0
)
returns table (
  id uuid,
  full_name text,
  email text,
  primary_role public.user_role,
  account_status public.account_status,
  verification_status public.verification_status,
  created_at timestamptz,
  last_login_at timestamptz,
  banned_until timestamptz,
  total_count bigint
)
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.admin_search_users(admin_search_users.search, admin_search_users.role, admin_search_users.status, admin_search_users.verification, admin_search_users.page_size, admin_search_users.page_offset)
$$;
revoke execute on function public.admin_search_users(text, public.user_role, public.account_status, public.verification_status, integer, integer) from public;
grant execute on function public.admin_search_users(text, public.user_role, public.account_status, public.verification_status, integer, integer) to authenticated, service_role;

-- The one place an account's status changes by an admin's decision.
--   suspend: active | pending_verification -> suspended (reads own data only, no new tokens)
--   ban:     active | pending_verification | suspended -> banned (nothing at all; signed out
--            everywhere; Supabase Auth refuses sign-in until banned_until, set a century ahead)
--   reinstate: suspended | banned -> active (never a deleted account)
create function private.set_account_status(user_id uuid, action text, reason text)
returns public.profiles
language plpgsql
volatile
set search_path = ''
as $$
declare
  p public.profiles;
  target public.account_status;
  allowed_from public.account_status[];
  result public.profiles;
  signed_out integer := 0;
begin
  perform private.require_admin();
  if action = 'suspend' then
    target := 'suspended'; allowed_from := array['active', 'pending_verification']::public.account_status[];
  elsif action = 'ban' then
    target := 'banned'; allowed_from := array['active', 'pending_verification', 'suspended']::public.account_status[];
  elsif action = 'reinstate' then
    target := 'active'; allowed_from := array['suspended', 'banned']::public.account_status[];
  else
    raise exception 'Unknown account action %.', action using errcode = '22023';
  end if;
  if action <> 'reinstate' and coalesce(btrim(reason), '') = '' then
    raise exception 'Say why you % this account.', action using errcode = '22023';
  end if;
  if length(reason) > 2000 then
    raise exception 'The reason can be at most 2,000 characters.' using errcode = '22023';
  end if;

  select * into p from public.profiles x where x.id = set_account_status.user_id for update;
  if not found then
    raise exception 'No such user.' using errcode = 'PT404';
  end if;
  if p.id = private.uid() then
    raise exception 'You cannot change the status of your own account.' using errcode = '42501';
  end if;
  if p.primary_role = 'admin' and target <> 'active' and not private.is_platform() then
    raise exception 'An admin cannot % another admin: change their role first.', action using errcode = '42501';
  end if;
  if target = 'active' and exists (select from private.account_deletions d where d.user_id = p.id) then
    raise exception 'This account was deleted and cannot be reinstated.' using errcode = 'PT409';
  end if;
  if not p.account_status = any (allowed_from) then
    raise exception 'Cannot % an account that is %.', action, replace(p.account_status::text, '_', ' ') using errcode = 'PT409';
  end if;

  update public.profiles x set account_status = target where x.id = p.id returning * into result;
  if target = 'banned' then
    update auth.users u set banned_until = private.clock() + interval '100 years', updated_at = now() where u.id = p.id;
    signed_out := private.revoke_all_sessions(p.id);
  elsif target = 'active' then
    update auth.users u set banned_until = null, updated_at = now() where u.id = p.id and u.banned_until is not null;
  end if;

  perform private.audit('user.' || case action when 'suspend' then 'suspended' when 'ban' then 'banned' else 'reinstated' end,
    'user', p.id, jsonb_build_object('account_status', p.account_status), jsonb_build_object('account_status', target),
    jsonb_strip_nulls(jsonb_build_object('reason', nullif(btrim(reason), ''), 'sessions_revoked', signed_out)));
  perform private.emit('user:' || case action when 'suspend' then 'suspended' when 'ban' then 'banned' else 'reinstated' end,
    null, 'user', p.id, jsonb_strip_nulls(jsonb_build_object('reason', nullif(btrim(reason), ''))));
  return result;
end
$$;

create function private.suspend_user(user_id uuid, reason text)
returns public.profiles
language sql
volatile
security definer
set search_path = ''
as $$
  select private.set_account_status(suspend_user.user_id, 'suspend', suspend_user.reason)
$$;
revoke execute on function private.suspend_user(uuid, text) from public;
grant execute on function private.suspend_user(uuid, text) to authenticated, service_role;

create function public.suspend_user(user_id uuid, reason text)
returns public.profiles
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.suspend_user(suspend_user.user_id, suspend_user.reason)
$$;
revoke execute on function public.suspend_user(uuid, text) from public;
grant execute on function public.suspend_user(uuid, text) to authenticated, service_role;

create function private.ban_user(user_id uuid, reason text)
returns public.profiles
language sql
volatile
security definer
set search_path = ''
as $$
  select private.set_account_status(ban_user.user_id, 'ban', ban_user.reason)
$$;
revoke execute on function private.ban_user(uuid, text) from public;
grant execute on function private.ban_user(uuid, text) to authenticated, service_role;

create function public.ban_user(user_id uuid, reason text)
returns public.profiles
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.ban_user(ban_user.user_id, ban_user.reason)
$$;
revoke execute on function public.ban_user(uuid, text) from public;
grant execute on function public.ban_user(uuid, text) to authenticated, service_role;

create function private.reinstate_user(user_id uuid, reason text default null)
returns public.profiles
language sql
volatile
security definer
set search_path = ''
as $$
  select private.set_account_status(reinstate_user.user_id, 'reinstate', reinstate_user.reason)
$$;
revoke execute on function private.reinstate_user(uuid, text) from public;
grant execute on function private.reinstate_user(uuid, text) to authenticated, service_role;

create function public.reinstate_user(user_id uuid, reason text default null)
returns public.profiles
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.reinstate_user(reinstate_user.user_id, reinstate_user.reason)
$$;
revoke execute on function public.reinstate_user(uuid, text) from public;
grant execute on function public.reinstate_user(uuid, text) to authenticated, service_role;

-- =============================================================================================
-- Admin: missions and analytics
-- =============================================================================================

-- GET /admin/missions: every mission, filtered by status, initiator, creation date and a title
-- search; newest first, a page at a time, with what its milestones add up to and escrow holds.
create function private.admin_list_missions(
  status public.mission_status default null,
  search text default null,
  initiator_id uuid default null,
  created_from timestamptz default null,
  created_to timestamptz default null,
  page_size integer default 50,
  page_offset integer default 0
) returns table (
  id uuid,
  title text,
  slug text,
  status public.mission_status,
  type public.mission_type,
  initiator_id uuid,
  initiator_name text,
  currency text,
  budget_min_cents bigint,
  budget_max_cents bigint,
  milestones_total_cents bigint,
  escrow_held_cents bigint,
  created_at timestamptz,
  published_at timestamptz,
  started_at timestamptz,
  completed_at timestamptz,
  total_count bigint
)
language sql
volatile
security definer
set search_path = ''
as $$
  select private.require_admin();
  select private.check_search(admin_list_missions.search);
  select private.audit('admin.missions_listed', 'mission', null, null, null,
    jsonb_strip_nulls(jsonb_build_object('status', admin_list_missions.status, 'search', admin_list_missions.search,
      'initiator_id', admin_list_missions.initiator_id, 'created_from', admin_list_missions.created_from,
      'created_to', admin_list_missions.created_to)));
  select m.id, m.title::text, m.slug::text, m.status, m.type, m.initiator_id, p.full_name::text, m.currency::text,
         m.budget_min_cents, m.budget_max_cents,
         (select coalesce(sum(ms.amount_cents), 0)::bigint from public.milestones ms where ms.mission_id = m.id),
         private.escrow_balance(m.id),
         m.created_at, m.published_at, m.started_at, m.completed_at, count(*) over ()
  from public.missions m
  join public.initiator_profiles i on i.id = m.initiator_id
  join public.profiles p on p.id = i.user_id
  where (admin_list_missions.status is null or m.status = admin_list_missions.status)
    and (admin_list_missions.initiator_id is null or m.initiator_id = admin_list_missions.initiator_id)
    and (admin_list_missions.created_from is null or m.created_at >= admin_list_missions.created_from)
    and (admin_list_missions.created_to is null or m.created_at < admin_list_missions.created_to)
    and (nullif(btrim(admin_list_missions.search), '') is null
         or position(lower(btrim(admin_list_missions.search)) in lower(m.title)) > 0)
  order by m.created_at desc, m.id
  limit least(greatest(coalesce(page_size, 50), 1), 200) offset greatest(coalesce(page_offset, 0), 0)
$$;
revoke execute on function private.admin_list_missions(public.mission_status, text, uuid, timestamptz, timestamptz, integer, integer) from public;
grant execute on function private.admin_list_missions(public.mission_status, text, uuid, timestamptz, timestamptz, integer, integer) to authenticated, service_role;

create function public.admin_list_missions(
  status public.mission_status default null,
  search text default null,
  initiator_id uuid default null,
  created_from timestamptz default null,
  created_to timestamptz default null,
  page_size integer default 50,
  page_offset integer default 0
)
returns table (
  id uuid,
  title text,
  slug text,
  status public.mission_status,
  type public.mission_type,
  initiator_id uuid,
  initiator_name text,
  currency text,
  budget_min_cents bigint,
  budget_max_cents bigint,
  milestones_total_cents bigint,
  escrow_held_cents bigint,
  created_at timestamptz,
  published_at timestamptz,
  started_at timestamptz,
  completed_at timestamptz,
  total_count bigint
)
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.admin_list_missions(admin_list_missions.status, admin_list_missions.search, admin_list_missions.initiator_id, admin_list_missions.created_from, admin_list_missions.created_to, admin_list_missions.page_size, admin_list_missions.page_offset)
$$;
revoke execute on function public.admin_list_missions(public.mission_status, text, uuid, timestamptz, timestamptz, integer, integer) from public;
grant execute on function public.admin_list_missions(public.mission_status, text, uuid, timestamptz, timestamptz, integer, integer) to authenticated, service_role;

-- Admins' read path for the tables whose SELECT policies have no admin arm (an OR arm that is a
-- bare boolean stops the planner from using an index for a user's own rows, so every user's
-- unfiltered read scanned the table). Returns the rows of one table as JSON objects, with only
-- the columns signed-in users may select (what admins read from the table before), optionally
-- those whose uuid column `match_column` (default: the key) is one of `ids`; ordered by the key.
-- Admins (and the platform) only: 42501 for others; 22023 for a table or column not offered.
create function private.admin_read(entity text, match_column text, ids uuid[], page_size integer, page_offset integer)
returns setof jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  key_column text;
  cols text;
begin
  perform private.require_admin();
  key_column := case entity
    when 'missions' then 'id' when 'milestones' then 'id' when 'mission_required_skills' then 'mission_id'
    when 'mission_applications' then 'id' when 'mission_assignments' then 'id' when 'work_submissions' then 'id'
    when 'escrow_transactions' then 'id' when 'proof_task_submissions' then 'id'
    when 'contributor_private_details' then 'contributor_id' when 'initiator_private_details' then 'initiator_id'
  end;
  if key_column is null then
    raise exception 'admin_read does not offer table %.', entity using errcode = '22023';
  end if;
  match_column := coalesce(match_column, key_column);
  if not exists (select 1 from pg_catalog.pg_attribute a
                 where a.attrelid = format('public.%I', entity)::regclass and a.attname = match_column
                   and a.atttypid = 'uuid'::regtype and not a.attisdropped
                   and pg_catalog.has_column_privilege('authenticated', a.attrelid, a.attnum, 'SELECT')) then
    raise exception 'admin_read: % is not a uuid column of %.', match_column, entity using errcode = '22023';
  end if;
  select string_agg(format('%I', a.attname), ', ' order by a.attnum) into cols
  from pg_catalog.pg_attribute a
  where a.attrelid = format('public.%I', entity)::regclass and a.attnum > 0 and not a.attisdropped
    and pg_catalog.has_column_privilege('authenticated', a.attrelid, a.attnum, 'SELECT');
  perform private.audit('admin.rows_read', entity, null, null, null,
    jsonb_strip_nulls(jsonb_build_object('column', match_column, 'ids', to_jsonb(ids))));
  return query execute format(
    'select to_jsonb(t) from (select %s from public.%I where $1 is null or %I = any ($1) order by %I limit $2 offset $3) t',
    cols, entity, match_column, key_column)
    using ids, least(greatest(coalesce(page_size, 100), 1), 1000), greatest(coalesce(page_offset, 0), 0);
end;
$$;
revoke execute on function private.admin_read(text, text, uuid[], integer, integer) from public;
grant execute on function private.admin_read(text, text, uuid[], integer, integer) to authenticated, service_role;

create function public.admin_read(entity text, match_column text default null, ids uuid[] default null,
                                  page_size integer default 100, page_offset integer default 0)
returns setof jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.admin_read(admin_read.entity, admin_read.match_column, admin_read.ids, admin_read.page_size, admin_read.page_offset)
$$;
revoke execute on function public.admin_read(text, text, uuid[], integer, integer) from public;
grant execute on function public.admin_read(text, text, uuid[], integer, integer) to authenticated, service_role;

-- GET /admin/analytics?from&to (default: the last 30 days). Money is in minor units per currency.
--   users          total: accounts created before `to`; by_role / by_status: those accounts by
--                  role and current status; new: accounts created in the period (by role too)
--   missions       created in the period, by current status
--   gross_mission_value_cents  milestones of the missions published in the period
--   escrow_held_cents          what escrow holds across all missions, from the entries before `to`
--   fees_earned_cents          completed platform_fee entries created in the period
--   completion_rate  % of the missions that ended in the period (completed or cancelled) that completed
--   time_to_match_hours  published_at -> started_at of the missions started in the period
--   dispute_rate   % of the missions started in the period that were ever disputed
create function private.admin_analytics(period_start timestamptz default null, period_end timestamptz default null)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  to_at timestamptz := coalesce(period_end, private.clock());
  from_at timestamptz := coalesce(period_start, coalesce(period_end, private.clock()) - interval '30 days');
  users jsonb;
  missions jsonb;
  gross jsonb;
  held jsonb;
  fees jsonb;
  completion jsonb;
  matching jsonb;
  disputes jsonb;
begin
  perform private.require_admin();
  if from_at >= to_at then
    raise exception 'The period must start before it ends.' using errcode = '22023';
  end if;

  select jsonb_build_object(
    'total', count(*),
    'by_role', coalesce((select jsonb_object_agg(r, n) from (select primary_role::text r, count(*) n from public.profiles
                          where created_at < to_at group by 1) x), '{}'::jsonb),
    'by_status', coalesce((select jsonb_object_agg(s, n) from (select account_status::text s, count(*) n from public.profiles
                            where created_at < to_at group by 1) x), '{}'::jsonb),
    'new', count(*) filter (where created_at >= from_at),
    'new_by_role', coalesce((select jsonb_object_agg(r, n) from (select primary_role::text r, count(*) n from public.profiles
                              where created_at >= from_at and created_at < to_at group by 1) x), '{}'::jsonb))
  into users
  from public.profiles where created_at < to_at;

  select jsonb_build_object(
    'created', count(*),
    'by_status', coalesce((select jsonb_object_agg(s, n) from (select status::text s, count(*) n from public.missions
                            where created_at >= from_at and created_at < to_at group by 1) x), '{}'::jsonb))
  into missions
  from public.missions where created_at >= from_at and created_at < to_at;

  select coalesce(jsonb_object_agg(currency, total), '{}'::jsonb) into gross
  from (select m.currency::text as currency, sum(ms.amount_cents) as total
        from public.missions m join public.milestones ms on ms.mission_id = m.id
        where m.published_at >= from_at and m.published_at < to_at
        group by 1) x;

  select coalesce(jsonb_object_agg(currency, total), '{}'::jsonb) into held
  from (select e.currency::text as currency, sum(case
          when e.type in ('deposit', 'dispute_release') and e.status = 'completed' then e.amount_cents
          when e.type in ('release', 'platform_fee', 'refund', 'dispute_hold') and e.status <> 'failed' then -e.amount_cents
          else 0 end) as total
        from public.escrow_transactions e where e.created_at < to_at
        group by 1) x;

  select coalesce(jsonb_object_agg(currency, total), '{}'::jsonb) into fees
  from (select e.currency::text as currency, sum(e.amount_cents) as total
        from public.escrow_transactions e
        where e.type = 'platform_fee' and e.status = 'completed' and e.created_at >= from_at and e.created_at < to_at
        group by 1) x;

  select jsonb_build_object(
    'completed', count(*) filter (where status = 'completed'),
    'cancelled', count(*) filter (where status = 'cancelled'),
    'rate', case when count(*) = 0 then null
                 else round(100.0 * count(*) filter (where status = 'completed') / count(*), 2) end)
  into completion
  from public.missions
  where (status = 'completed' and completed_at >= from_at and completed_at < to_at)
     or (status = 'cancelled' and cancelled_at >= from_at and cancelled_at < to_at);

  select jsonb_build_object(
    'missions', count(*),
    'average', round((avg(extract(epoch from started_at - published_at)) / 3600)::numeric, 2),
    'median', round((percentile_cont(0.5) within group (order by extract(epoch from started_at - published_at)) / 3600)::numeric, 2))
  into matching
  from public.missions
  where started_at >= from_at and started_at < to_at and published_at is not null;

  select jsonb_build_object(
    'started', count(*),
    'disputed', count(*) filter (where disputed_at is not null),
    'rate', case when count(*) = 0 then null
                 else round(100.0 * count(*) filter (where disputed_at is not null) / count(*), 2) end)
  into disputes
  from public.missions
  where started_at >= from_at and started_at < to_at;

  perform private.audit('admin.analytics_viewed', 'analytics', null, null, null,
    jsonb_build_object('period_start', from_at, 'period_end', to_at));
  return jsonb_build_object(
    'period_start', from_at,
    'period_end', to_at,
    'users', users,
    'missions', missions,
    'gross_mission_value_cents', gross,
    'escrow_held_cents', held,
    'fees_earned_cents', fees,
    'completion_rate', completion,
    'time_to_match_hours', matching,
    'dispute_rate', disputes);
end
$$;
revoke execute on function private.admin_analytics(timestamptz, timestamptz) from public;
grant execute on function private.admin_analytics(timestamptz, timestamptz) to authenticated, service_role;

create function public.admin_analytics(period_start timestamptz default null, period_end timestamptz default null)
returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.admin_analytics(admin_analytics.period_start, admin_analytics.period_end)
$$;
revoke execute on function public.admin_analytics(timestamptz, timestamptz) from public;
grant execute on function public.admin_analytics(timestamptz, timestamptz) to authenticated, service_role;

-- =============================================================================================
-- Verification workflows: background checks, company verification, featured missions.
-- =============================================================================================

-- A background check runs only with the contributor's consent: not_started or failed -> in_progress.
-- The result is recorded by an admin, or by the provider's integration through the service role
-- (record_background_check): in_progress -> passed | failed. The result feeds the trust score
-- (matching's trigger on contributor_private_details refreshes the contributor's reputation).
create function private.consent_to_background_check()
returns table (background_check_status public.background_check_status, background_check_consented_at timestamptz)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_active_user();
  details public.contributor_private_details;
begin
  select d.* into details
  from public.contributor_private_details d join public.contributor_profiles c on c.id = d.contributor_id
  where c.user_id = uid
  for update of d;
  if not found then
    raise exception 'Only contributors can consent to a background check.' using errcode = '42501';
  end if;
  if details.background_check_status not in ('not_started', 'failed') then
    raise exception 'Cannot start a background check: it is %.', replace(details.background_check_status::text, '_', ' ')
      using errcode = 'PT409';
  end if;
  update public.contributor_private_details d
  set background_check_status = 'in_progress', background_check_consented_at = now(), background_check_date = null,
      updated_at = now()
  where d.contributor_id = details.contributor_id;
  perform private.audit('contributor.background_check_consented', 'contributor', details.contributor_id,
    jsonb_build_object('background_check_status', details.background_check_status),
    jsonb_build_object('background_check_status', 'in_progress'));
  return query select 'in_progress'::public.background_check_status, now();
end
$$;
revoke execute on function private.consent_to_background_check() from public;
grant execute on function private.consent_to_background_check() to authenticated;

create function public.consent_to_background_check()
returns table (background_check_status public.background_check_status, background_check_consented_at timestamptz)
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.consent_to_background_check()
$$;
revoke execute on function public.consent_to_background_check() from public;
grant execute on function public.consent_to_background_check() to authenticated;

create function private.record_background_check(contributor_id uuid, result public.background_check_status, note text default null)
returns table (background_check_status public.background_check_status, background_check_date timestamptz)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  details public.contributor_private_details;
  person uuid;
begin
  perform private.require_admin();
  if result is null or result not in ('passed', 'failed') then
    raise exception 'A background check result is passed or failed.' using errcode = '22023';
  end if;
  if length(note) > 2000 then
    raise exception 'The note can be at most 2,000 characters.' using errcode = '22023';
  end if;
  select d.* into details from public.contributor_private_details d
  where d.contributor_id = record_background_check.contributor_id for update;
  if not found then
    raise exception 'No such contributor.' using errcode = 'PT404';
  end if;
  if details.background_check_status <> 'in_progress' then
    raise exception 'Cannot record a background check result: the check is % (the contributor must consent first).',
      replace(details.background_check_status::text, '_', ' ') using errcode = 'PT409';
  end if;
  update public.contributor_private_details d
  set background_check_status = result, background_check_date = now(), updated_at = now()
  where d.contributor_id = details.contributor_id;
  perform private.audit('contributor.background_check_recorded', 'contributor', details.contributor_id,
    jsonb_build_object('background_check_status', details.background_check_status),
    jsonb_build_object('background_check_status', result),
    jsonb_strip_nulls(jsonb_build_object('note', nullif(btrim(note), ''))));
  select c.user_id into person from public.contributor_profiles c where c.id = details.contributor_id;
  perform private.notify(person, 'verification',
    case result when 'passed' then 'Background check passed' else 'Background check not passed' end,
    case result when 'passed' then 'Your background check passed; it now counts towards your trust score.'
         else 'Your background check did not pass. You can consent to a new check from your verification page.' end,
    'medium', '/verification', 'View verification');
  return query select result, now();
end
$$;
revoke execute on function private.record_background_check(uuid, public.background_check_status, text) from public;
grant execute on function private.record_background_check(uuid, public.background_check_status, text) to authenticated, service_role;

create function public.record_background_check(contributor_id uuid, result public.background_check_status, note text default null)
returns table (background_check_status public.background_check_status, background_check_date timestamptz)
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.record_background_check(record_background_check.contributor_id, record_background_check.result,
                                                 record_background_check.note)
$$;
revoke execute on function public.record_background_check(uuid, public.background_check_status, text) from public;
grant execute on function public.record_background_check(uuid, public.background_check_status, text) to authenticated, service_role;

-- The background-check provider's results (functions/background-checks), each event once by its id.
create table private.background_check_events (
  id text primary key check (length(id) between 6 and 100),
  contributor_id uuid not null,
  result public.background_check_status not null check (result in ('passed', 'failed')),
  report_id text check (length(report_id) <= 200),
  received_at timestamptz not null default now()
);
comment on table private.background_check_events is 'Background-check results the provider reported, once each. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';
alter table private.background_check_events enable row level security;
revoke all on private.background_check_events from public;
grant select on private.background_check_events to service_role;

-- The provider's webhook (service role): records the result as an admin would, once per event id
-- (false: a redelivery, nothing done). A result the contributor did not consent to is refused (PT409,
-- nothing kept, so a later redelivery after consent is not mistaken for a duplicate).
-- reported_at: when the provider produced the result; one from before the contributor's current
-- consent belongs to an earlier check and is refused (PT409), so a late delivery cannot overwrite it.
create function private.record_background_check_event(event_id text, contributor_id uuid, result public.background_check_status,
                                                       reported_at timestamptz, report_id text default null)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if reported_at is null or reported_at < (select d.background_check_consented_at from public.contributor_private_details d
                                           where d.contributor_id = record_background_check_event.contributor_id) then
    raise exception 'This result is from before the contributor''s current consent: it belongs to an earlier check.' using errcode = 'PT409';
  end if;
  insert into private.background_check_events (id, contributor_id, result, report_id)
  values (event_id, contributor_id, result, report_id)
  on conflict on constraint background_check_events_pkey do nothing;
  if not found then
    return false;
  end if;
  perform private.record_background_check(contributor_id, result,
    'Reported by the background-check provider' || coalesce(' (report ' || report_id || ')', '') || '.');
  return true;
end
$$;
revoke execute on function private.record_background_check_event(text, uuid, public.background_check_status, timestamptz, text) from public;
grant execute on function private.record_background_check_event(text, uuid, public.background_check_status, timestamptz, text) to service_role;

-- An admin verifies (or withdraws the verification of) an initiator's company.
create function private.admin_verify_company(initiator_id uuid, verified boolean, note text default null)
returns public.initiator_profiles
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  before public.initiator_profiles;
  after public.initiator_profiles;
begin
  perform private.require_admin();
  if verified is null then
    raise exception 'Say whether the company is verified.' using errcode = '22023';
  end if;
  if length(note) > 2000 then
    raise exception 'The note can be at most 2,000 characters.' using errcode = '22023';
  end if;
  select * into before from public.initiator_profiles i where i.id = admin_verify_company.initiator_id for update;
  if not found then
    raise exception 'No such initiator.' using errcode = 'PT404';
  end if;
  if verified and coalesce(btrim(before.company_name), '') = '' then
    raise exception 'Cannot verify a company without a name.' using errcode = 'PT409';
  end if;
  update public.initiator_profiles i
  set is_verified = verified, verification_date = case when verified then now() end, updated_at = now()
  where i.id = before.id returning * into after;
  if before.is_verified is distinct from verified then
    perform private.audit(case when verified then 'initiator.company_verified' else 'initiator.company_unverified' end,
      'initiator', before.id, jsonb_build_object('is_verified', before.is_verified), jsonb_build_object('is_verified', verified),
      jsonb_strip_nulls(jsonb_build_object('note', nullif(btrim(note), ''))));
    perform private.notify(before.user_id, 'verification',
      case when verified then 'Company verified' else 'Company verification withdrawn' end,
      case when verified then format('%s is now shown as a verified company.', before.company_name)
           else format('%s is no longer shown as verified. Contact support to find out why.', before.company_name) end,
      'medium', '/settings/company', 'View company');
  end if;
  return after;
end
$$;
revoke execute on function private.admin_verify_company(uuid, boolean, text) from public;
grant execute on function private.admin_verify_company(uuid, boolean, text) to authenticated, service_role;

create function public.admin_verify_company(initiator_id uuid, verified boolean, note text default null)
returns public.initiator_profiles
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.admin_verify_company(admin_verify_company.initiator_id, admin_verify_company.verified,
                                             admin_verify_company.note)
$$;
revoke execute on function public.admin_verify_company(uuid, boolean, text) from public;
grant execute on function public.admin_verify_company(uuid, boolean, text) to authenticated, service_role;

-- An admin features a listed mission (open or matching) on the home page, or stops featuring any.
-- The missions audit trigger records the change (mission.featured_changed).
create function private.admin_feature_mission(mission_id uuid, featured boolean)
returns public.missions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions;
begin
  perform private.require_admin();
  if featured is null then
    raise exception 'Say whether the mission is featured.' using errcode = '22023';
  end if;
  select * into m from public.missions x where x.id = admin_feature_mission.mission_id for update;
  if not found then
    raise exception 'No such mission.' using errcode = 'PT404';
  end if;
  if featured and coalesce(m.listed_status, '') not in ('open', 'matching') then
    raise exception 'Cannot feature a mission that is %: only public missions open to contributors are featured.',
      replace(m.status::text, '_', ' ') using errcode = 'PT409';
  end if;
  update public.missions x set featured = admin_feature_mission.featured where x.id = m.id returning * into m;
  return m;
end
$$;
revoke execute on function private.admin_feature_mission(uuid, boolean) from public;
grant execute on function private.admin_feature_mission(uuid, boolean) to authenticated, service_role;

create function public.admin_feature_mission(mission_id uuid, featured boolean)
returns public.missions
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.admin_feature_mission(admin_feature_mission.mission_id, admin_feature_mission.featured)
$$;
revoke execute on function public.admin_feature_mission(uuid, boolean) from public;
grant execute on function public.admin_feature_mission(uuid, boolean) to authenticated, service_role;

-- Turn it on for PostgREST (Supabase: the authenticator role's settings; supautils lets postgres set
-- pgrst.* there). A failure fails the migration: rate limits must never be silently off.
alter role authenticator set pgrst.db_pre_request = 'public.check_request';
notify pgrst, 'reload config';
