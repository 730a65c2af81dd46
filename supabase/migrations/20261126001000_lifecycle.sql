-- The lifecycle engine: the blueprint's state machines kept as data, one guard every action uses,
-- one public RPC per action, domain events raised in one place, timers fired by the clock.
--
-- Errors every RPC may raise (PostgREST turns them into HTTP statuses):
--   42501  not allowed (the caller has no right to this action)          -> 403
--   PT404  no such mission / milestone / application / assignment       -> 404 (PostgREST maps PTxyz to HTTP xyz)
--   PT409  illegal transition for the current state ("Cannot approve a milestone that is pending.") -> 409
--   22023  bad input (message says which)                               -> 400
--   23505  duplicate (already applied, already reviewed)                 -> 409
-- An error changes nothing: each RPC is one transaction.

-- =============================================================================================
-- Settings and the clock
-- =============================================================================================
create table private.settings (
  key text primary key,
  value jsonb not null,
  description text not null
);
insert into private.settings (key, value, description) values
  ('platform_fee_bps', '1000', 'Platform fee on every milestone payout, in basis points, fixed on a mission when it is published.'),
  ('auto_approve_after_days', '14', 'A submitted milestone nobody reviews is approved automatically after this many days.'),
  ('invitation_ttl_hours', '72', 'An invitation to a team expires after this many hours.'),
  ('unfunded_expiry_days', '30', 'A published mission still awaiting funding after this many days is cancelled.'),
  ('deadline_reminder_hours', '24', 'The team is reminded this many hours before a milestone is due.');

create function private.setting_int(key text)
returns integer
language sql
stable
set search_path = ''
as $$
  select (value #>> '{}')::integer from private.settings where settings.key = setting_int.key
$$;

-- The engine's clock: now(), unless a test (or a replay) injects app.now for the transaction.
create function private.clock()
returns timestamptz
language sql
stable
set search_path = ''
as $$
  select coalesce(nullif(current_setting('app.now', true), '')::timestamptz, now())
$$;

-- =============================================================================================
-- The state machines as data
-- =============================================================================================
-- actor: who may fire the action. initiator (the mission's owner), lead / core_reviewer / member
-- (the mission's team), applicant, invitee, admin, payments (the service role: Stripe webhooks and
-- the payout worker), timer (the scheduled job), system (a transition another action implies).
create table public.lifecycle_transitions (
  machine text not null check (machine in ('mission', 'milestone', 'application', 'assignment')),
  action text not null,
  from_state text not null,
  to_state text not null,
  actor text not null check (actor in ('initiator', 'lead', 'core_reviewer', 'member', 'applicant', 'invitee',
                                       'admin', 'payments', 'timer', 'system')),
  primary key (machine, action, from_state, to_state, actor)
);
comment on table public.lifecycle_transitions is 'The state machines: every allowed change (machine, action, from) -> to, and who may fire it. Read-only data; frontends read it to show which actions exist.';

insert into public.lifecycle_transitions (machine, action, from_state, to_state, actor)
select m, a, f, t, unnest(actors) from (values
  -- missions
  ('mission', 'publish',        'draft',           'pending_funding', array['initiator']),
  ('mission', 'mark_funded',    'pending_funding', 'open',            array['payments']),
  ('mission', 'start_matching', 'open',            'matching',        array['initiator', 'admin']),
  ('mission', 'start_work',     'open',            'in_progress',     array['initiator']),
  ('mission', 'start_work',     'matching',        'in_progress',     array['initiator']),
  ('mission', 'submit_for_review', 'in_progress',  'in_review',       array['system']),
  ('mission', 'resume_work',    'in_review',       'in_progress',     array['system']),
  ('mission', 'complete',       'in_progress',     'completed',       array['system', 'admin']),
  ('mission', 'complete',       'in_review',       'completed',       array['system', 'admin']),
  ('mission', 'cancel',         'draft',           'cancelled',       array['initiator', 'admin']),
  ('mission', 'cancel',         'pending_funding', 'cancelled',       array['initiator', 'admin']),
  ('mission', 'cancel',         'open',            'cancelled',       array['initiator', 'admin']),
  ('mission', 'cancel',         'matching',        'cancelled',       array['initiator', 'admin']),
  ('mission', 'cancel',         'in_progress',     'cancelled',       array['admin']),
  ('mission', 'cancel',         'in_review',       'cancelled',       array['admin']),
  ('mission', 'expire',         'pending_funding', 'cancelled',       array['timer']),
  ('mission', 'open_dispute',   'in_progress',     'disputed',        array['initiator', 'member', 'admin', 'payments']),
  ('mission', 'open_dispute',   'in_review',       'disputed',        array['initiator', 'member', 'admin', 'payments']),
  ('mission', 'resolve_dispute', 'disputed',       'in_progress',     array['admin']),
  ('mission', 'resolve_dispute', 'disputed',       'completed',       array['admin']),
  ('mission', 'resolve_dispute', 'disputed',       'cancelled',       array['admin']),
  -- milestones
  ('milestone', 'start',          'pending',     'in_progress', array['lead', 'system']),
  ('milestone', 'submit',         'pending',     'submitted',   array['lead']),
  ('milestone', 'submit',         'in_progress', 'submitted',   array['lead']),
  ('milestone', 'submit',         'revision',    'submitted',   array['lead']),
  ('milestone', 'request_revision', 'submitted', 'revision',    array['initiator', 'core_reviewer']),
  ('milestone', 'approve',        'submitted',   'approved',    array['initiator', 'timer']),
  ('milestone', 'mark_paid',      'approved',    'paid',        array['payments']),
  -- applications
  ('application', 'apply',     'withdrawn',   'pending',     array['applicant']),
  ('application', 'withdraw',  'pending',     'withdrawn',   array['applicant']),
  ('application', 'withdraw',  'shortlisted', 'withdrawn',   array['applicant']),
  ('application', 'withdraw',  'accepted',    'withdrawn',   array['applicant']),
  ('application', 'shortlist', 'pending',     'shortlisted', array['initiator']),
  ('application', 'accept',    'pending',     'accepted',    array['initiator']),
  ('application', 'accept',    'shortlisted', 'accepted',    array['initiator']),
  ('application', 'reject',    'pending',     'rejected',    array['initiator']),
  ('application', 'reject',    'shortlisted', 'rejected',    array['initiator']),
  ('application', 'close',     'pending',     'rejected',    array['system']),
  ('application', 'close',     'shortlisted', 'rejected',    array['system']),
  -- assignments
  ('assignment', 'accept_invitation',  'invited',    'active',     array['invitee']),
  ('assignment', 'decline_invitation', 'invited',    'withdrawn',  array['invitee']),
  ('assignment', 'expire_invitation',  'invited',    'withdrawn',  array['timer']),
  ('assignment', 'withdraw',           'active',     'withdrawn',  array['member']),
  ('assignment', 'withdraw',           'stepped_up', 'withdrawn',  array['member']),
  ('assignment', 'step_up',            'active',     'stepped_up', array['initiator', 'admin', 'system']),
  ('assignment', 'remove',             'invited',    'removed',    array['initiator', 'admin']),
  ('assignment', 'remove',             'active',     'removed',    array['initiator', 'admin']),
  ('assignment', 'remove',             'stepped_up', 'removed',    array['initiator', 'admin']),
  ('assignment', 'complete',           'active',     'completed',  array['system']),
  ('assignment', 'complete',           'stepped_up', 'completed',  array['system'])
) as t(m, a, f, t, actors);

alter table public.lifecycle_transitions enable row level security;
-- Changed by migrations only: not even the service role rewrites the rules.
revoke insert, update, delete, truncate on public.lifecycle_transitions from service_role;
grant select on public.lifecycle_transitions to anon, authenticated, service_role;
create policy "Anyone reads the lifecycle"
  on public.lifecycle_transitions for select to anon, authenticated
  using (true);

-- =============================================================================================
-- The guard: every action goes through it.
-- =============================================================================================
-- Returns the new state for (machine, action) from `current` when one of `actors` may fire it.
-- When the entity is already in the state the action leads to (a natural retry), returns NULL:
-- the caller changes nothing. Otherwise raises 42501 (no right) or PT409 (wrong state).
create function private.guard(machine text, action text, current text, actors text[])
returns text
language plpgsql
stable
set search_path = ''
as $$
declare
  target text;
  label text := replace(action, '_', ' ');
begin
  select t.to_state into target
  from public.lifecycle_transitions t
  where t.machine = guard.machine and t.action = guard.action and t.from_state = current and t.actor = any (actors)
  order by t.to_state
  limit 1;
  if target is not null then
    return target;
  end if;

  if not exists (select from public.lifecycle_transitions t
                 where t.machine = guard.machine and t.action = guard.action and t.actor = any (actors)) then
    raise exception 'You are not allowed to % this %.', label, machine using errcode = '42501';
  end if;

  -- Already where this action leads: a retry, not an error.
  if exists (select from public.lifecycle_transitions t
             where t.machine = guard.machine and t.action = guard.action and t.to_state = current
               and t.actor = any (actors)) then
    return null;
  end if;

  raise exception 'Cannot %: the % is %.', label, machine, replace(current, '_', ' ')
    using errcode = 'PT409', hint = format('%s.%s from %s', machine, action, current);
end
$$;

-- =============================================================================================
-- Domain events: the single place events are raised. Notifications, realtime, email and payouts
-- are driven from here (triggers on private.domain_events), so a state change and its effects are
-- one transaction.
-- =============================================================================================
create table private.domain_events (
  id bigint generated always as identity primary key,
  event text not null,
  mission_id uuid,
  entity_type text not null,
  entity_id uuid,
  actor_id uuid,
  payload jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index domain_events_mission_idx on private.domain_events (mission_id, id);
create index domain_events_event_idx on private.domain_events (event, id);
alter table private.domain_events enable row level security;
revoke all on private.domain_events from public;
grant select on private.domain_events to service_role;

create function private.emit(event text, mission_id uuid, entity_type text, entity_id uuid, payload jsonb default '{}')
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  insert into private.domain_events (event, mission_id, entity_type, entity_id, actor_id, payload)
  values (emit.event, emit.mission_id, emit.entity_type, emit.entity_id, auth.uid(), coalesce(emit.payload, '{}'::jsonb))
$$;

-- =============================================================================================
-- Who the caller is, for a mission
-- =============================================================================================
create function private.mission_actors(mission public.missions)
returns text[]
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  uid uuid := auth.uid();
  actors text[] := '{}'::text[];
  a record;
begin
  if private.is_platform() then
    actors := actors || 'payments'::text;
    if current_setting('app.actor', true) = 'timer' then
      actors := actors || 'timer'::text;
    end if;
  end if;
  if uid is null then
    return actors;
  end if;
  if not private.is_active() then
    return actors;
  end if;
  if private.is_admin() then
    actors := actors || 'admin'::text;
  end if;
  if exists (select from public.initiator_profiles i where i.id = mission.initiator_id and i.user_id = uid) then
    actors := actors || 'initiator'::text;
  end if;
  for a in
    select ma.role, ma.status from public.mission_assignments ma
    join public.contributor_profiles c on c.id = ma.contributor_id
    where ma.mission_id = mission.id and c.user_id = uid
  loop
    if a.status in ('active', 'stepped_up') then
      actors := actors || 'member'::text;
      if a.role = 'lead' then actors := actors || 'lead'::text; end if;
      if a.role = 'core_reviewer' then actors := actors || 'core_reviewer'::text; end if;
    end if;
  end loop;
  return actors;
end
$$;

create function private.lock_mission(mission_id uuid)
returns public.missions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions;
begin
  select * into m from public.missions where id = mission_id for update;
  if not found then
    raise exception 'No such mission.' using errcode = 'PT404';
  end if;
  return m;
end
$$;

-- Raises PT404 as if the mission did not exist when the caller may not see it (no leaking drafts).
create function private.require_visible(m public.missions, actors text[])
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if cardinality(actors) = 0
     and not (m.is_public and m.status in ('open', 'matching', 'in_progress', 'in_review', 'completed')) then
    raise exception 'No such mission.' using errcode = 'PT404';
  end if;
end
$$;

-- =============================================================================================
-- Statistics kept true
-- =============================================================================================
create function private.refresh_contributor_stats(contributor_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  done integer;
  ended integer;
  shadows integer;
begin
  select count(*) filter (where status = 'completed'),
         count(*) filter (where status in ('completed', 'withdrawn', 'removed') and accepted_at is not null),
         count(*) filter (where role = 'shadow' or (role = 'lead' and status = 'stepped_up'))
    into done, ended, shadows
  from public.mission_assignments a where a.contributor_id = refresh_contributor_stats.contributor_id;
  update public.contributor_profiles c set
    total_missions_completed = done,
    completion_rate = case when ended = 0 then 0 else round(100.0 * done / ended, 2) end,
    shadow_assignments = shadows,
    average_rating = coalesce((select round(avg(r.rating), 2) from public.reviews r
                               where r.reviewee_id = c.user_id and r.direction = 'initiator_to_contributor'), 0)
  where c.id = refresh_contributor_stats.contributor_id;
  update public.contributor_private_details d set
    total_earnings_cents = coalesce((select sum(e.amount_cents) from public.escrow_transactions e
                                     where e.contributor_id = d.contributor_id and e.type = 'release' and e.status = 'completed'), 0)
  where d.contributor_id = refresh_contributor_stats.contributor_id;
end
$$;

create function private.refresh_initiator_stats(initiator_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  update public.initiator_profiles i set
    total_missions_posted = (select count(*) from public.missions m where m.initiator_id = i.id and m.published_at is not null),
    average_rating = coalesce((select round(avg(r.rating), 2) from public.reviews r
                               where r.reviewee_id = i.user_id and r.direction = 'contributor_to_initiator'), 0)
  where i.id = refresh_initiator_stats.initiator_id;
  update public.initiator_private_details d set
    total_spent_cents = greatest(0, coalesce((
      select sum(case when e.type = 'deposit' then e.amount_cents when e.type = 'refund' then -e.amount_cents else 0 end)
      from public.escrow_transactions e
      where e.initiator_id = d.initiator_id and e.status = 'completed' and e.type in ('deposit', 'refund')), 0))
  where d.initiator_id = refresh_initiator_stats.initiator_id;
end
$$;

-- Ledger entries move earnings and spend.
create function private.tg_escrow_transactions__refresh_stats()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if new.contributor_id is not null then
    perform private.refresh_contributor_stats(new.contributor_id);
  end if;
  perform private.refresh_initiator_stats(new.initiator_id);
  return new;
end
$$;
create trigger tg_escrow_transactions__refresh_stats
  after insert or update of status on public.escrow_transactions
  for each row execute function private.tg_escrow_transactions__refresh_stats();

-- =============================================================================================
-- Missions
-- =============================================================================================

-- A URL slug from a title: lower-case words joined by dashes, plus a short unique suffix.
create function private.slugify(title text)
returns text
language sql
volatile
set search_path = ''
as $$
  select coalesce(nullif(left(trim(both '-' from regexp_replace(lower(title), '[^a-z0-9]+', '-', 'g')), 60), ''), 'mission')
         || '-' || substr(md5(gen_random_uuid()::text), 1, 6)
$$;

-- Replaces a draft's milestones and checks the total against the budget.
create function private.set_milestones(m public.missions, milestones jsonb)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  total bigint;
  item jsonb;
  i integer := 0;
begin
  if milestones is null or jsonb_typeof(milestones) <> 'array' or jsonb_array_length(milestones) = 0 then
    raise exception 'A mission needs at least one milestone.' using errcode = '22023';
  end if;
  if jsonb_array_length(milestones) > 20 then
    raise exception 'A mission can have at most 20 milestones.' using errcode = '22023';
  end if;
  for item in select value from jsonb_array_elements(milestones) loop
    if jsonb_typeof(item) <> 'object' or coalesce(btrim(item ->> 'title'), '') = '' then
      raise exception 'Milestone % needs a title.', i + 1 using errcode = '22023';
    end if;
    if jsonb_typeof(item -> 'amount_cents') <> 'number' or (item ->> 'amount_cents') !~ '^[0-9]+$'
       or (item ->> 'amount_cents')::numeric <= 0 then
      raise exception 'Milestone % needs a positive whole amount_cents.', i + 1 using errcode = '22023';
    end if;
    i := i + 1;
  end loop;
  select sum((value ->> 'amount_cents')::bigint) into total from jsonb_array_elements(milestones);
  if total < m.budget_min_cents or total > m.budget_max_cents then
    raise exception 'The milestones add up to % but the budget is % to % (in cents).', total, m.budget_min_cents, m.budget_max_cents
      using errcode = '22023';
  end if;
  delete from public.milestones where mission_id = m.id;
  insert into public.milestones (mission_id, title, description, order_index, amount_cents, due_date)
  select m.id, btrim(value ->> 'title'), value ->> 'description', (ordinality - 1)::integer,
         (value ->> 'amount_cents')::bigint, (value ->> 'due_date')::timestamptz
  from jsonb_array_elements(milestones) with ordinality;
end
$$;

create function private.set_required_skills(m public.missions, skills jsonb)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  bad text;
begin
  skills := coalesce(skills, '[]'::jsonb);
  if jsonb_typeof(skills) <> 'array' then
    raise exception 'required_skills must be a list of {skill_id, importance}.' using errcode = '22023';
  end if;
  select coalesce(value ->> 'skill_id', value #>> '{}') into bad
  from jsonb_array_elements(skills)
  where not exists (select from public.skills s
                    where s.id::text = coalesce(value ->> 'skill_id', value #>> '{}') and s.is_active)
  limit 1;
  if found then
    raise exception 'Unknown or retired skill: %.', bad using errcode = '22023';
  end if;
  select value ->> 'importance' into bad from jsonb_array_elements(skills)
  where jsonb_typeof(value) = 'object' and value ? 'importance'
    and (value ->> 'importance') not in ('required', 'preferred', 'nice_to_have')
  limit 1;
  if found then
    raise exception 'Importance must be required, preferred or nice_to_have, not %.', bad using errcode = '22023';
  end if;
  delete from public.mission_required_skills where mission_id = m.id;
  insert into public.mission_required_skills (mission_id, skill_id, importance)
  select distinct on (skill_id) m.id, skill_id, importance
  from (select coalesce(value ->> 'skill_id', value #>> '{}')::uuid as skill_id,
               coalesce(value ->> 'importance', 'required')::public.skill_importance as importance
        from jsonb_array_elements(skills)) s;
end
$$;

-- POST /missions: a draft with its milestones and required skills, in one call.
--   milestones:      [{"title": "...", "amount_cents": 150000, "description": "...", "due_date": "..."}, ...]
--   required_skills: [{"skill_id": "<uuid>", "importance": "required|preferred|nice_to_have"}, ...]
create function public.create_mission(
  title text,
  description text,
  type public.mission_type,
  budget_min_cents bigint,
  budget_max_cents bigint,
  estimated_duration_days integer,
  milestones jsonb,
  required_skills jsonb default '[]',
  complexity public.mission_complexity default 'medium',
  currency text default 'USD',
  problem_statement text default null,
  success_criteria text default null,
  deadline timestamptz default null,
  max_lead_contributors integer default 1,
  max_shadow_contributors integer default 1,
  requires_core_reviewer boolean default true,
  is_public boolean default true
) returns public.missions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  initiator uuid;
  m public.missions;
begin
  perform private.require_active_user();
  initiator := private.my_initiator_id();
  if initiator is null then
    raise exception 'Only initiators can create missions.' using errcode = '42501';
  end if;
  if coalesce(btrim(title), '') = '' or length(btrim(title)) not between 3 and 255 then
    raise exception 'A mission needs a title of 3 to 255 characters.' using errcode = '22023';
  end if;
  if type is null then
    raise exception 'Choose a mission type.' using errcode = '22023';
  end if;
  if estimated_duration_days is null or estimated_duration_days not between 1 and 3650 then
    raise exception 'The estimated duration is 1 to 3650 days.' using errcode = '22023';
  end if;
  if coalesce(btrim(description), '') = '' then
    raise exception 'A mission needs a description.' using errcode = '22023';
  end if;
  if budget_min_cents is null or budget_max_cents is null or budget_min_cents <= 0 or budget_min_cents > budget_max_cents then
    raise exception 'The budget must be positive with minimum not above maximum.' using errcode = '22023';
  end if;
  if currency is null or currency !~ '^[A-Z]{3}$' then
    raise exception 'Currency must be a 3-letter ISO code such as USD.' using errcode = '22023';
  end if;
  if deadline is not null and deadline <= private.clock() then
    raise exception 'The deadline must be in the future.' using errcode = '22023';
  end if;
  begin
    insert into public.missions (initiator_id, title, slug, description, problem_statement, success_criteria, type,
                                 complexity, budget_min_cents, budget_max_cents, currency, estimated_duration_days,
                                 deadline, max_lead_contributors, max_shadow_contributors, requires_core_reviewer, is_public)
    values (initiator, btrim(title), private.slugify(title), description, problem_statement, success_criteria, type,
            complexity, budget_min_cents, budget_max_cents, currency, estimated_duration_days,
            deadline, max_lead_contributors, max_shadow_contributors, requires_core_reviewer, is_public)
    returning * into m;
  exception when check_violation then
    raise exception 'Invalid mission: %.', sqlerrm using errcode = '22023';
  end;
  perform private.set_milestones(m, milestones);
  perform private.set_required_skills(m, required_skills);
  perform private.emit('mission:created', m.id, 'mission', m.id);
  return m;
end
$$;

-- Replaces the milestones and/or required skills of one's own draft.
create function public.update_mission_plan(mission_id uuid, milestones jsonb default null, required_skills jsonb default null)
returns public.missions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions;
  actors text[];
begin
  perform private.require_active_user();
  m := private.lock_mission(mission_id);
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  if not 'initiator' = any (actors) then
    raise exception 'Only the mission''s initiator can change its plan.' using errcode = '42501';
  end if;
  if m.status <> 'draft' then
    raise exception 'Only a draft''s plan can be changed; this mission is %.', replace(m.status::text, '_', ' ') using errcode = 'PT409';
  end if;
  if milestones is not null then
    perform private.set_milestones(m, milestones);
  end if;
  if required_skills is not null then
    perform private.set_required_skills(m, required_skills);
  end if;
  return m;
end
$$;

-- The one function that moves a mission: guard, write, event. Returns the mission as it now is.
create function private.move_mission(m public.missions, action text, actors text[], payload jsonb default '{}')
returns public.missions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  target text := private.guard('mission', action, m.status::text, actors);
  at timestamptz := private.clock();
begin
  if target is null then
    return m;
  end if;
  update public.missions set
    status = target::public.mission_status,
    published_at = case when target = 'pending_funding' then at else published_at end,
    started_at = case when target = 'in_progress' and started_at is null then at else started_at end,
    completed_at = case when target = 'completed' then at else completed_at end,
    cancelled_at = case when target = 'cancelled' then at else cancelled_at end,
    disputed_at = case when target = 'disputed' then at else disputed_at end
  where id = m.id
  returning * into m;
  perform private.emit('mission:update', m.id, 'mission', m.id,
    jsonb_build_object('action', action, 'status', target) || coalesce(payload, '{}'::jsonb));
  return m;
end
$$;

create function public.publish_mission(mission_id uuid)
returns public.missions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions;
  actors text[];
  total bigint;
begin
  perform private.require_active_user();
  m := private.lock_mission(mission_id);
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  if m.status = 'draft' then
    select coalesce(sum(amount_cents), 0) into total from public.milestones where milestones.mission_id = m.id;
    if total = 0 then
      raise exception 'Add at least one milestone before publishing.' using errcode = '22023';
    end if;
    if total < m.budget_min_cents or total > m.budget_max_cents then
      raise exception 'The milestones add up to % but the budget is % to % (in cents).', total, m.budget_min_cents, m.budget_max_cents
        using errcode = '22023';
    end if;
    update public.missions set platform_fee_bps = private.setting_int('platform_fee_bps') where id = m.id;
  end if;
  m := private.move_mission(m, 'publish', actors);
  perform private.refresh_initiator_stats(m.initiator_id);
  return m;
end
$$;

-- Payments only: the escrow deposit for the mission completed (Stripe payment_intent.succeeded).
create function public.mark_mission_funded(mission_id uuid)
returns public.missions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions := private.lock_mission(mission_id);
  before public.mission_status := m.status;
begin
  m := private.move_mission(m, 'mark_funded', private.mission_actors(m));
  if before <> m.status then
    perform private.emit('mission:funded', m.id, 'mission', m.id);
  end if;
  return m;
end
$$;

create function public.start_matching(mission_id uuid)
returns public.missions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions;
  actors text[];
begin
  perform private.require_active_user();
  m := private.lock_mission(mission_id);
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  if m.status = 'open' then
    m := private.move_mission(m, 'start_matching', actors);
    perform private.emit('matching:started', m.id, 'mission', m.id);
    return m;
  end if;
  return private.move_mission(m, 'start_matching', actors); -- a retry, or the guard's error
end
$$;

-- Work starts once the team is complete: at least one lead, and a core reviewer when required.
create function public.start_work(mission_id uuid)
returns public.missions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions;
  actors text[];
  first_milestone uuid;
begin
  perform private.require_active_user();
  m := private.lock_mission(mission_id);
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  if m.status in ('open', 'matching') then
    if not exists (select from public.mission_assignments a
                   where a.mission_id = m.id and a.role = 'lead' and a.status in ('active', 'stepped_up')) then
      raise exception 'The team is not complete: it needs a lead who has accepted.' using errcode = 'PT409';
    end if;
    if m.requires_core_reviewer and not exists (
         select from public.mission_assignments a
         where a.mission_id = m.id and a.role = 'core_reviewer' and a.status = 'active') then
      raise exception 'The team is not complete: this mission requires a core reviewer who has accepted.' using errcode = 'PT409';
    end if;
  end if;
  m := private.move_mission(m, 'start_work', actors);
  if m.status = 'in_progress' then
    -- Everyone who did not make the team hears so; the first milestone starts.
    perform private.close_open_applications(m.id);
    select id into first_milestone from public.milestones
      where milestones.mission_id = m.id and status = 'pending' order by order_index limit 1;
    if first_milestone is not null and not exists (
        select from public.milestones where milestones.mission_id = m.id and status <> 'pending') then
      update public.milestones set status = 'in_progress' where id = first_milestone;
    end if;
  end if;
  return m;
end
$$;

-- Cancels a mission. Rules per state are in lifecycle_transitions; a funded mission asks the payments
-- side for a refund of what escrow still holds (event refund:requested).
create function public.cancel_mission(mission_id uuid, reason text default null)
returns public.missions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions;
  actors text[];
  before public.mission_status;
begin
  perform private.require_active_user();
  m := private.lock_mission(mission_id);
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  before := m.status;
  m := private.move_mission(m, 'cancel', actors, jsonb_build_object('reason', left(reason, 2000)));
  if before <> 'cancelled' and m.status = 'cancelled' then
    perform private.after_cancel(m, reason, before);
  end if;
  return m;
end
$$;

create function private.after_cancel(m public.missions, reason text, before public.mission_status)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  a record;
begin
  update public.missions set cancellation_reason = left(reason, 2000) where id = m.id;
  perform private.close_open_applications(m.id);
  for a in select id, contributor_id from public.mission_assignments
           where mission_id = m.id and status in ('invited', 'active', 'stepped_up') loop
    update public.mission_assignments set status = 'removed', ended_at = private.clock(), end_reason = 'mission cancelled'
      where id = a.id;
    perform private.refresh_contributor_stats(a.contributor_id);
  end loop;
  if before not in ('draft', 'pending_funding') then
    perform private.emit('refund:requested', m.id, 'mission', m.id, jsonb_build_object('reason', left(reason, 2000)));
  end if;
end
$$;

create function private.close_open_applications(mission_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  app record;
begin
  for app in select id, contributor_id from public.mission_applications a
             where a.mission_id = close_open_applications.mission_id and a.status in ('pending', 'shortlisted')
             for update loop
    update public.mission_applications set status = 'rejected', reviewed_at = private.clock() where id = app.id;
    perform private.emit('application:closed', mission_id, 'application', app.id, jsonb_build_object('contributor_id', app.contributor_id));
  end loop;
end
$$;

create function public.open_dispute(mission_id uuid, reason text)
returns public.missions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions;
  actors text[];
begin
  if not private.is_platform() then
    perform private.require_active_user();
  end if;
  if coalesce(btrim(reason), '') = '' then
    raise exception 'Say why you open a dispute.' using errcode = '22023';
  end if;
  m := private.lock_mission(mission_id);
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  m := private.move_mission(m, 'open_dispute', actors, jsonb_build_object('reason', left(reason, 2000)));
  update public.missions set dispute_reason = left(reason, 2000) where id = m.id and status = 'disputed' returning * into m;
  return m;
end
$$;

-- Admin decision: resume the work, complete the mission (what is approved gets paid), or cancel it
-- (escrow refunds what it still holds).
create function public.resolve_dispute(mission_id uuid, outcome text, note text default null)
returns public.missions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions;
  actors text[];
  target public.mission_status;
begin
  perform private.require_active_user();
  if outcome not in ('resume', 'complete', 'cancel') then
    raise exception 'The outcome must be resume, complete or cancel.' using errcode = '22023';
  end if;
  m := private.lock_mission(mission_id);
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  target := (case outcome when 'resume' then 'in_progress' when 'complete' then 'completed' else 'cancelled' end)::public.mission_status;
  if private.guard('mission', 'resolve_dispute', m.status::text, actors) is null then
    if m.status = target then
      return m; -- already resolved this way: a retry
    end if;
    raise exception 'Cannot resolve dispute: the mission is %.', replace(m.status::text, '_', ' ') using errcode = 'PT409';
  end if;
  update public.missions set status = target,
    completed_at = case when target = 'completed' then private.clock() else completed_at end,
    cancelled_at = case when target = 'cancelled' then private.clock() else cancelled_at end
  where id = m.id returning * into m;
  perform private.emit('dispute:resolved', m.id, 'mission', m.id, jsonb_build_object('outcome', outcome, 'note', left(note, 2000)));
  perform private.emit('mission:update', m.id, 'mission', m.id, jsonb_build_object('action', 'resolve_dispute', 'status', target));
  if target = 'cancelled' then
    perform private.after_cancel(m, coalesce(note, 'dispute resolved: cancel'), 'disputed');
  elsif target = 'completed' then
    perform private.after_complete(m);
  end if;
  return m;
end
$$;

-- After a mission completes: the team's assignments complete and everyone's statistics move.
create function private.after_complete(m public.missions)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  a record;
begin
  for a in select id, contributor_id from public.mission_assignments
           where mission_id = m.id and status in ('active', 'stepped_up') for update loop
    update public.mission_assignments set status = 'completed', completed_at = private.clock() where id = a.id;
    perform private.refresh_contributor_stats(a.contributor_id);
  end loop;
  update public.mission_assignments set status = 'withdrawn', ended_at = private.clock(), end_reason = 'mission completed'
    where mission_id = m.id and status = 'invited';
  perform private.refresh_initiator_stats(m.initiator_id);
  perform private.emit('mission:completed', m.id, 'mission', m.id);
end
$$;

-- =============================================================================================
-- Applications
-- =============================================================================================
create function private.lock_application(application_id uuid)
returns public.mission_applications
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  app public.mission_applications;
begin
  select * into app from public.mission_applications where id = application_id;
  if not found then
    raise exception 'No such application.' using errcode = 'PT404';
  end if;
  perform private.lock_mission(app.mission_id); -- lock order: mission, then its rows
  select * into app from public.mission_applications where id = application_id for update;
  return app;
end
$$;

create function private.application_actors(app public.mission_applications)
returns text[]
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  actors text[] := '{}'::text[];
  m public.missions;
begin
  select * into m from public.missions where id = app.mission_id;
  if 'initiator' = any (private.mission_actors(m)) then
    actors := actors || 'initiator'::text;
  end if;
  if app.contributor_id = private.my_contributor_id() and private.is_active() then
    actors := actors || 'applicant'::text;
  end if;
  return actors;
end
$$;

create function private.move_application(app public.mission_applications, action text, actors text[])
returns public.mission_applications
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  target text := private.guard('application', action, app.status::text, actors);
begin
  if target is null then
    return app;
  end if;
  update public.mission_applications set status = target::public.application_status,
    reviewed_at = case when action in ('shortlist', 'accept', 'reject') then private.clock() else reviewed_at end
  where id = app.id returning * into app;
  perform private.emit('application:' || target, app.mission_id, 'application', app.id,
    jsonb_build_object('action', action, 'contributor_id', app.contributor_id));
  return app;
end
$$;

-- POST /missions/:id/applications. Verified, active contributors apply to listed missions that are
-- open or matching; applying again after withdrawing reopens the application.
create function public.apply_to_mission(
  mission_id uuid,
  cover_letter text default null,
  proposed_timeline integer default null,
  proposed_approach text default null
) returns public.mission_applications
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  contributor uuid;
  m public.missions;
  app public.mission_applications;
begin
  perform private.require_active_user();
  contributor := private.my_contributor_id();
  if contributor is null then
    raise exception 'Only contributors can apply to missions.' using errcode = '42501';
  end if;
  if not exists (select from public.contributor_profiles where id = contributor and verification_status = 'verified') then
    raise exception 'Complete your verification before applying to missions.' using errcode = '42501';
  end if;
  m := private.lock_mission(mission_id);
  perform private.require_visible(m, private.mission_actors(m));
  if m.status not in ('open', 'matching') then
    raise exception 'This mission is not accepting applications (it is %).', replace(m.status::text, '_', ' ') using errcode = 'PT409';
  end if;
  if exists (select from public.mission_assignments a where a.mission_id = m.id and a.contributor_id = contributor
             and a.status in ('invited', 'active', 'stepped_up')) then
    raise exception 'You are already on this mission''s team.' using errcode = 'PT409';
  end if;
  if proposed_timeline is not null and proposed_timeline not between 1 and 3650 then
    raise exception 'The proposed timeline must be between 1 and 3650 days.' using errcode = '22023';
  end if;
  if length(cover_letter) > 10000 or length(proposed_approach) > 20000 then
    raise exception 'The cover letter (10,000) or approach (20,000 characters) is too long.' using errcode = '22023';
  end if;

  select * into app from public.mission_applications a
    where a.mission_id = m.id and a.contributor_id = contributor for update;
  if found then
    if app.status = 'withdrawn' then
      app := private.move_application(app, 'apply', array['applicant']);
      update public.mission_applications set cover_letter = apply_to_mission.cover_letter,
        proposed_timeline = apply_to_mission.proposed_timeline, proposed_approach = apply_to_mission.proposed_approach,
        reviewed_at = null
      where id = app.id returning * into app;
      return app;
    end if;
    raise exception 'You have already applied to this mission.' using errcode = '23505';
  end if;

  insert into public.mission_applications (mission_id, contributor_id, cover_letter, proposed_timeline, proposed_approach)
  values (m.id, contributor, cover_letter, proposed_timeline, proposed_approach)
  returning * into app;
  perform private.emit('application:received', m.id, 'application', app.id, jsonb_build_object('contributor_id', contributor));
  return app;
end
$$;

create function public.withdraw_application(application_id uuid)
returns public.mission_applications
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  app public.mission_applications;
  before public.application_status;
begin
  perform private.require_active_user();
  app := private.lock_application(application_id);
  if cardinality(private.application_actors(app)) = 0 then
    raise exception 'No such application.' using errcode = 'PT404';
  end if;
  before := app.status;
  app := private.move_application(app, 'withdraw', private.application_actors(app));
  if before = 'accepted' and app.status = 'withdrawn' then
    -- The place it was accepted for is given up too (if work has not started on it).
    update public.mission_assignments set status = 'withdrawn', ended_at = private.clock(), end_reason = 'application withdrawn'
      where mission_id = app.mission_id and contributor_id = app.contributor_id and status in ('invited', 'active');
    perform private.refresh_contributor_stats(app.contributor_id);
  end if;
  return app;
end
$$;

create function public.shortlist_application(application_id uuid)
returns public.mission_applications
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  app public.mission_applications;
begin
  perform private.require_active_user();
  app := private.lock_application(application_id);
  if cardinality(private.application_actors(app)) = 0 then
    raise exception 'No such application.' using errcode = 'PT404';
  end if;
  return private.move_application(app, 'shortlist', private.application_actors(app));
end
$$;

create function public.reject_application(application_id uuid)
returns public.mission_applications
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  app public.mission_applications;
begin
  perform private.require_active_user();
  app := private.lock_application(application_id);
  if cardinality(private.application_actors(app)) = 0 then
    raise exception 'No such application.' using errcode = 'PT404';
  end if;
  return private.move_application(app, 'reject', private.application_actors(app));
end
$$;

-- Accepting an application puts the applicant on the team in `role` (they asked to join, so the
-- place is active at once), within the mission's team limits.
create function public.accept_application(application_id uuid, role public.assignment_role default 'lead')
returns public.mission_applications
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  app public.mission_applications;
  m public.missions;
  actors text[];
begin
  perform private.require_active_user();
  app := private.lock_application(application_id);
  actors := private.application_actors(app);
  if cardinality(actors) = 0 then
    raise exception 'No such application.' using errcode = 'PT404';
  end if;
  if private.guard('application', 'accept', app.status::text, actors) is null then
    return app; -- already accepted: a retry
  end if;
  select * into m from public.missions where id = app.mission_id;
  if m.status not in ('open', 'matching') then
    raise exception 'The team of a mission that is % cannot change.', replace(m.status::text, '_', ' ') using errcode = 'PT409';
  end if;
  perform private.add_to_team(m, app.contributor_id, role, 'active');
  return private.move_application(app, 'accept', actors);
end
$$;

-- =============================================================================================
-- Assignments (the team)
-- =============================================================================================
create function private.add_to_team(m public.missions, contributor_id uuid, role public.assignment_role, status public.assignment_status)
returns public.mission_assignments
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  taken integer;
  room integer;
  a public.mission_assignments;
begin
  if not exists (select from public.contributor_profiles c join public.profiles p on p.id = c.user_id
                 where c.id = contributor_id and c.verification_status = 'verified' and p.account_status = 'active') then
    raise exception 'Only verified, active contributors can join a team.' using errcode = '22023';
  end if;
  select count(*) into taken from public.mission_assignments x
    where x.mission_id = m.id and x.role = add_to_team.role and x.status in ('invited', 'active', 'stepped_up');
  room := case role when 'lead' then m.max_lead_contributors when 'shadow' then m.max_shadow_contributors
                    else case when m.requires_core_reviewer then 1 else 0 end end;
  if taken >= room then
    raise exception 'The team already has its % % place(s) filled.', room, replace(role::text, '_', ' ') using errcode = 'PT409';
  end if;
  select * into a from public.mission_assignments x where x.mission_id = m.id and x.contributor_id = add_to_team.contributor_id for update;
  if found then
    if a.status in ('invited', 'active', 'stepped_up', 'completed') then
      raise exception 'This contributor is already on the team.' using errcode = '23505';
    end if;
    update public.mission_assignments set role = add_to_team.role, status = add_to_team.status, assigned_at = private.clock(),
      accepted_at = case when add_to_team.status = 'active' then private.clock() end,
      invitation_expires_at = case when add_to_team.status = 'invited'
        then private.clock() + make_interval(hours => private.setting_int('invitation_ttl_hours')) end,
      ended_at = null, end_reason = null
    where id = a.id returning * into a;
  else
    insert into public.mission_assignments (mission_id, contributor_id, role, status, assigned_at, accepted_at, invitation_expires_at)
    values (m.id, contributor_id, role, status, private.clock(),
            case when status = 'active' then private.clock() end,
            case when status = 'invited' then private.clock() + make_interval(hours => private.setting_int('invitation_ttl_hours')) end)
    returning * into a;
  end if;
  perform private.emit(case when status = 'invited' then 'invitation:sent' else 'team:joined' end, m.id, 'assignment', a.id,
    jsonb_build_object('contributor_id', contributor_id, 'role', role));
  return a;
end
$$;

-- Invite (initiator, admin, or the matching service) a contributor to the team; they accept or decline.
create function public.invite_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role)
returns public.mission_assignments
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions;
  actors text[];
begin
  if not private.is_platform() then
    perform private.require_active_user();
  end if;
  m := private.lock_mission(mission_id);
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  if not (actors && array['initiator', 'admin', 'payments']) then
    raise exception 'Only the mission''s initiator or an admin can invite to the team.' using errcode = '42501';
  end if;
  if m.status not in ('open', 'matching') then
    raise exception 'The team of a mission that is % cannot change.', replace(m.status::text, '_', ' ') using errcode = 'PT409';
  end if;
  return private.add_to_team(m, contributor_id, role, 'invited');
end
$$;

-- An admin places a contributor on a team directly (no invitation).
create function public.assign_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role)
returns public.mission_assignments
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions;
begin
  perform private.require_admin();
  m := private.lock_mission(mission_id);
  if m.status not in ('open', 'matching', 'in_progress', 'in_review') then
    raise exception 'The team of a mission that is % cannot change.', replace(m.status::text, '_', ' ') using errcode = 'PT409';
  end if;
  return private.add_to_team(m, contributor_id, role, 'active');
end
$$;

create function private.lock_assignment(assignment_id uuid)
returns public.mission_assignments
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  a public.mission_assignments;
begin
  select * into a from public.mission_assignments where id = assignment_id;
  if not found then
    raise exception 'No such assignment.' using errcode = 'PT404';
  end if;
  perform private.lock_mission(a.mission_id);
  select * into a from public.mission_assignments where id = assignment_id for update;
  return a;
end
$$;

create function private.assignment_actors(a public.mission_assignments)
returns text[]
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  actors text[] := '{}'::text[];
  m public.missions;
  mine boolean := a.contributor_id = private.my_contributor_id() and private.is_active();
begin
  select * into m from public.missions where id = a.mission_id;
  actors := array(select x from unnest(private.mission_actors(m)) x where x in ('initiator', 'admin', 'timer', 'payments'));
  -- Their own place: the state decides what they may still do (accept an invitation, leave...).
  if mine then
    actors := actors || array['invitee', 'member'];
  end if;
  return actors;
end
$$;

create function private.move_assignment(a public.mission_assignments, action text, actors text[], reason text default null)
returns public.mission_assignments
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  target text := private.guard('assignment', action, a.status::text, actors);
begin
  if target is null then
    return a;
  end if;
  update public.mission_assignments set
    status = target::public.assignment_status,
    role = case when target = 'stepped_up' then 'lead'::public.assignment_role else role end,
    accepted_at = case when target = 'active' then private.clock() else accepted_at end,
    completed_at = case when target = 'completed' then private.clock() else completed_at end,
    ended_at = case when target in ('withdrawn', 'removed') then private.clock() else ended_at end,
    end_reason = case when target in ('withdrawn', 'removed') then left(coalesce(reason, action), 2000) else end_reason end
  where id = a.id returning * into a;
  perform private.emit('assignment:' || target, a.mission_id, 'assignment', a.id,
    jsonb_build_object('action', action, 'contributor_id', a.contributor_id, 'role', a.role));
  perform private.refresh_contributor_stats(a.contributor_id);
  return a;
end
$$;

create function public.accept_invitation(assignment_id uuid)
returns public.mission_assignments
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  a public.mission_assignments;
  actors text[];
begin
  perform private.require_active_user();
  a := private.lock_assignment(assignment_id);
  actors := private.assignment_actors(a);
  if cardinality(actors) = 0 and a.contributor_id is distinct from private.my_contributor_id() then
    raise exception 'No such assignment.' using errcode = 'PT404';
  end if;
  if a.status = 'invited' and a.invitation_expires_at <= private.clock() then
    raise exception 'This invitation has expired.' using errcode = 'PT409';
  end if;
  return private.move_assignment(a, 'accept_invitation', actors);
end
$$;

create function public.decline_invitation(assignment_id uuid)
returns public.mission_assignments
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  a public.mission_assignments;
  actors text[];
begin
  perform private.require_active_user();
  a := private.lock_assignment(assignment_id);
  actors := private.assignment_actors(a);
  if cardinality(actors) = 0 and a.contributor_id is distinct from private.my_contributor_id() then
    raise exception 'No such assignment.' using errcode = 'PT404';
  end if;
  return private.move_assignment(a, 'decline_invitation', actors, 'invitation declined');
end
$$;

-- A team member leaves. When the lead leaves while work is under way and an active shadow exists,
-- the earliest shadow steps up to lead.
create function public.withdraw_from_mission(assignment_id uuid, reason text default null)
returns public.mission_assignments
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  a public.mission_assignments;
  before public.mission_assignments;
  actors text[];
begin
  perform private.require_active_user();
  a := private.lock_assignment(assignment_id);
  actors := private.assignment_actors(a);
  if cardinality(actors) = 0 and a.contributor_id is distinct from private.my_contributor_id() then
    raise exception 'No such assignment.' using errcode = 'PT404';
  end if;
  before := a;
  a := private.move_assignment(a, 'withdraw', actors, reason);
  if before.role = 'lead' and before.status in ('active', 'stepped_up') and a.status = 'withdrawn' then
    perform private.step_up_next_shadow(a.mission_id);
  end if;
  return a;
end
$$;

create function public.remove_from_mission(assignment_id uuid, reason text default null)
returns public.mission_assignments
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  a public.mission_assignments;
  before public.mission_assignments;
  actors text[];
begin
  perform private.require_active_user();
  a := private.lock_assignment(assignment_id);
  actors := private.assignment_actors(a);
  if cardinality(actors) = 0 and a.contributor_id is distinct from private.my_contributor_id() then
    raise exception 'No such assignment.' using errcode = 'PT404';
  end if;
  before := a;
  a := private.move_assignment(a, 'remove', actors, reason);
  if before.role = 'lead' and before.status in ('active', 'stepped_up') and a.status = 'removed' then
    perform private.step_up_next_shadow(a.mission_id);
  end if;
  return a;
end
$$;

-- The initiator or an admin asks a shadow to step up to lead (when a lead place is free).
create function public.step_up_shadow(assignment_id uuid)
returns public.mission_assignments
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  a public.mission_assignments;
  m public.missions;
  actors text[];
  leads integer;
begin
  perform private.require_active_user();
  a := private.lock_assignment(assignment_id);
  actors := private.assignment_actors(a);
  if cardinality(actors) = 0 and a.contributor_id is distinct from private.my_contributor_id() then
    raise exception 'No such assignment.' using errcode = 'PT404';
  end if;
  if a.status = 'stepped_up' then
    return a;
  end if;
  if a.role <> 'shadow' then
    raise exception 'Only a shadow can step up to lead.' using errcode = 'PT409';
  end if;
  select * into m from public.missions where id = a.mission_id;
  select count(*) into leads from public.mission_assignments x
    where x.mission_id = a.mission_id and x.role = 'lead' and x.status in ('invited', 'active', 'stepped_up');
  if leads >= m.max_lead_contributors then
    raise exception 'The lead place is taken; remove or withdraw the lead first.' using errcode = 'PT409';
  end if;
  return private.move_assignment(a, 'step_up', actors);
end
$$;

create function private.step_up_next_shadow(mission_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  shadow public.mission_assignments;
  m public.missions;
begin
  select * into m from public.missions where id = mission_id;
  if m.status not in ('open', 'matching', 'in_progress', 'in_review') then
    return;
  end if;
  if exists (select from public.mission_assignments x where x.mission_id = m.id and x.role = 'lead'
             and x.status in ('active', 'stepped_up')) then
    return;
  end if;
  select * into shadow from public.mission_assignments x
    where x.mission_id = m.id and x.role = 'shadow' and x.status = 'active'
    order by x.accepted_at nulls last, x.assigned_at, x.id limit 1 for update;
  if found then
    perform private.move_assignment(shadow, 'step_up', array['system']);
  else
    perform private.emit('team:lead_missing', m.id, 'mission', m.id);
  end if;
end
$$;

-- =============================================================================================
-- Milestones and work submissions
-- =============================================================================================
-- Locks the milestone's mission, then the milestone (lock order: mission first, always).
create function private.lock_milestone(milestone_id uuid)
returns public.milestones
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  ms public.milestones;
begin
  select * into ms from public.milestones where id = milestone_id;
  if not found then
    raise exception 'No such milestone.' using errcode = 'PT404';
  end if;
  perform private.lock_mission(ms.mission_id);
  select * into ms from public.milestones where id = milestone_id for update;
  return ms;
end
$$;

create function private.move_milestone(ms public.milestones, m public.missions, action text, actors text[])
returns public.milestones
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  target text := private.guard('milestone', action, ms.status::text, actors);
  at timestamptz := private.clock();
begin
  if target is null then
    return ms;
  end if;
  -- (approved work is paid even if the mission was disputed or cancelled since)
  if m.status not in ('in_progress', 'in_review') and not (action = 'mark_paid' and m.status in ('disputed', 'cancelled')) then
    raise exception 'Milestones move only while the mission is in progress (it is %).', replace(m.status::text, '_', ' ')
      using errcode = 'PT409';
  end if;
  update public.milestones set
    status = target::public.milestone_status,
    submitted_at = case when target = 'submitted' then at else submitted_at end,
    approved_at = case when target = 'approved' then at else approved_at end,
    paid_at = case when target = 'paid' then at else paid_at end,
    revision_count = revision_count + case when target = 'revision' then 1 else 0 end
  where id = ms.id returning * into ms;
  perform private.emit('milestone:' || target, ms.mission_id, 'milestone', ms.id,
    jsonb_build_object('action', action, 'amount_cents', ms.amount_cents, 'title', ms.title));
  return ms;
end
$$;

-- The mission follows its milestones: in review when every milestone is delivered, back in progress
-- on a revision, completed when every milestone is paid.
create function private.sync_mission_with_milestones(mission_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions;
  total integer;
  delivered integer;
  paid integer;
begin
  select * into m from public.missions where id = mission_id;
  select count(*), count(*) filter (where status in ('submitted', 'approved', 'paid')), count(*) filter (where status = 'paid')
    into total, delivered, paid
  from public.milestones where milestones.mission_id = m.id;
  if m.status in ('in_progress', 'in_review') and total > 0 and paid = total then
    m := private.move_mission(m, 'complete', array['system']);
    perform private.after_complete(m);
  elsif m.status = 'in_progress' and total > 0 and delivered = total then
    perform private.move_mission(m, 'submit_for_review', array['system']);
  elsif m.status = 'in_review' and delivered < total then
    perform private.move_mission(m, 'resume_work', array['system']);
  end if;
end
$$;

create function public.start_milestone(milestone_id uuid)
returns public.milestones
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  ms public.milestones;
  m public.missions;
  actors text[];
begin
  perform private.require_active_user();
  ms := private.lock_milestone(milestone_id);
  select * into m from public.missions where id = ms.mission_id;
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  return private.move_milestone(ms, m, 'start', actors);
end
$$;

-- POST /milestones/:id/submit: the lead delivers. Files are uploaded first to the private
-- work-submissions bucket under <mission_id>/<milestone_id>/...; their paths are listed here.
create function public.submit_milestone(
  milestone_id uuid,
  content text,
  links text[] default '{}',
  storage_paths text[] default '{}'
) returns public.work_submissions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  ms public.milestones;
  m public.missions;
  actors text[];
  lead public.mission_assignments;
  sub public.work_submissions;
  bad text;
begin
  perform private.require_active_user();
  ms := private.lock_milestone(milestone_id);
  select * into m from public.missions where id = ms.mission_id;
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  if ms.status = 'submitted' and 'lead' = any (actors) then
    -- A retry of the same delivery: return what was submitted.
    select * into sub from public.work_submissions w where w.milestone_id = ms.id order by version desc limit 1;
    if found and sub.content = content then
      return sub;
    end if;
  end if;
  if ms.status = 'submitted' and actors && array['lead'] then
    raise exception 'This milestone is already submitted: wait for the review.' using errcode = 'PT409';
  end if;
  if coalesce(btrim(content), '') = '' or length(content) > 50000 then
    raise exception 'Describe what you deliver, in at most 50,000 characters.' using errcode = '22023';
  end if;
  links := coalesce(links, '{}');
  storage_paths := coalesce(storage_paths, '{}');
  if not private.are_http_urls(links) then
    raise exception 'Links must be http(s) URLs.' using errcode = '22023';
  end if;
  select p into bad from unnest(storage_paths) p
    where p not like m.id::text || '/' || ms.id::text || '/%'
       or not exists (select from storage.objects o where o.bucket_id = 'work-submissions' and o.name = p)
    limit 1;
  if found then
    raise exception 'File % is not an upload of this milestone (expected under %/%/).', bad, m.id, ms.id using errcode = '22023';
  end if;
  ms := private.move_milestone(ms, m, 'submit', actors);
  select * into lead from public.mission_assignments a
    where a.mission_id = m.id and a.contributor_id = private.my_contributor_id();
  insert into public.work_submissions (milestone_id, mission_id, assignment_id, version, content, links, storage_paths)
  values (ms.id, m.id, lead.id,
          coalesce((select max(version) from public.work_submissions w where w.milestone_id = ms.id), 0) + 1,
          content, links, storage_paths)
  returning * into sub;
  perform private.sync_mission_with_milestones(m.id);
  return sub;
end
$$;

create function public.request_revision(milestone_id uuid, feedback text)
returns public.milestones
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  ms public.milestones;
  m public.missions;
  actors text[];
begin
  perform private.require_active_user();
  if coalesce(btrim(feedback), '') = '' then
    raise exception 'Say what needs to change.' using errcode = '22023';
  end if;
  ms := private.lock_milestone(milestone_id);
  select * into m from public.missions where id = ms.mission_id;
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  ms := private.move_milestone(ms, m, 'request_revision', actors);
  update public.work_submissions w set status = 'revision_requested', feedback = request_revision.feedback, reviewed_at = private.clock()
    where w.id = (select id from public.work_submissions x where x.milestone_id = ms.id order by version desc limit 1)
      and w.status = 'submitted';
  perform private.sync_mission_with_milestones(m.id);
  return ms;
end
$$;

-- POST /milestones/:id/approve. Approval asks the payments side to release the payout
-- (event payout:requested); approving again changes nothing and pays nothing twice.
create function public.approve_milestone(milestone_id uuid)
returns public.milestones
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  ms public.milestones;
  m public.missions;
  actors text[];
  before public.milestone_status;
begin
  if not private.is_platform() then
    perform private.require_active_user();
  end if;
  ms := private.lock_milestone(milestone_id);
  select * into m from public.missions where id = ms.mission_id;
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  if ms.status = 'paid' and actors && array['initiator', 'timer'] then
    return ms;
  end if;
  before := ms.status;
  ms := private.move_milestone(ms, m, 'approve', actors);
  if before = 'submitted' and ms.status = 'approved' then
    update public.work_submissions w set status = 'approved', reviewed_at = private.clock()
      where w.id = (select id from public.work_submissions x where x.milestone_id = ms.id order by version desc limit 1);
    perform private.emit('payout:requested', m.id, 'milestone', ms.id,
      jsonb_build_object('amount_cents', ms.amount_cents, 'currency', m.currency, 'platform_fee_bps', m.platform_fee_bps,
                         'auto', 'timer' = any (actors) and not 'initiator' = any (actors)));
  end if;
  return ms;
end
$$;

-- Payments only: the payout for an approved milestone went out. The next milestone starts; the
-- mission completes when all are paid.
create function public.mark_milestone_paid(milestone_id uuid)
returns public.milestones
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  ms public.milestones;
  m public.missions;
  before public.milestone_status;
  next_one uuid;
begin
  ms := private.lock_milestone(milestone_id);
  select * into m from public.missions where id = ms.mission_id;
  before := ms.status;
  ms := private.move_milestone(ms, m, 'mark_paid', private.mission_actors(m));
  if before = 'approved' and ms.status = 'paid' then
    select id into next_one from public.milestones x
      where x.mission_id = m.id and x.status = 'pending' order by order_index limit 1;
    if next_one is not null and m.status in ('in_progress', 'in_review')
       and not exists (select from public.milestones x where x.mission_id = m.id and x.status in ('in_progress', 'revision')) then
      update public.milestones set status = 'in_progress' where id = next_one;
    end if;
    perform private.sync_mission_with_milestones(m.id);
  end if;
  return ms;
end
$$;

-- =============================================================================================
-- Reviews
-- =============================================================================================
-- After completion, the initiator rates each contributor who completed, and each of them rates the
-- initiator, once per assignment and direction.
create function public.submit_review(assignment_id uuid, rating integer, comment text default null)
returns public.reviews
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_active_user();
  a public.mission_assignments;
  m public.missions;
  contributor_user uuid;
  initiator_user uuid;
  r public.reviews;
  dir public.review_direction;
begin
  if rating is null or rating not between 1 and 5 then
    raise exception 'A rating is a whole number from 1 to 5.' using errcode = '22023';
  end if;
  if length(comment) > 5000 then
    raise exception 'A review comment is at most 5,000 characters.' using errcode = '22023';
  end if;
  select * into a from public.mission_assignments where id = assignment_id;
  if not found then
    raise exception 'No such assignment.' using errcode = 'PT404';
  end if;
  m := private.lock_mission(a.mission_id);
  select user_id into contributor_user from public.contributor_profiles where id = a.contributor_id;
  select user_id into initiator_user from public.initiator_profiles where id = m.initiator_id;
  if uid = initiator_user then
    dir := 'initiator_to_contributor';
  elsif uid = contributor_user then
    dir := 'contributor_to_initiator';
  else
    raise exception 'No such assignment.' using errcode = 'PT404';
  end if;
  if m.status <> 'completed' or a.status <> 'completed' then
    raise exception 'Reviews open when the mission is completed.' using errcode = 'PT409';
  end if;
  begin
    insert into public.reviews (assignment_id, mission_id, reviewer_id, reviewee_id, direction, rating, comment)
    values (a.id, m.id, uid, case when dir = 'initiator_to_contributor' then contributor_user else initiator_user end,
            dir, rating, comment)
    returning * into r;
  exception when unique_violation then
    raise exception 'You have already reviewed this.' using errcode = '23505';
  end;
  if dir = 'initiator_to_contributor' then
    update public.mission_assignments set rating = submit_review.rating, review_text = comment where id = a.id;
    perform private.refresh_contributor_stats(a.contributor_id);
  else
    perform private.refresh_initiator_stats(m.initiator_id);
  end if;
  perform private.emit('review:received', m.id, 'review', r.id, jsonb_build_object('direction', dir, 'rating', rating));
  return r;
end
$$;

-- =============================================================================================
-- Timers: fired by pg_cron every minute (where pg_cron exists), or by hand. Each step is one
-- guarded transition, exactly as if a person had done it; a row that fails is skipped and retried
-- on the next run.
-- =============================================================================================
create function public.run_lifecycle_timers()
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  now_at timestamptz;
  r record;
  ms public.milestones;
  m public.missions;
  expired_invitations integer := 0;
  expired_missions integer := 0;
  auto_approved integer := 0;
  reminders integer := 0;
begin
  perform private.require_admin();
  perform set_config('app.actor', 'timer', true);
  now_at := private.clock();

  for r in select id from public.mission_assignments
           where status = 'invited' and invitation_expires_at <= now_at order by invitation_expires_at limit 1000 loop
    begin
      perform private.move_assignment(private.lock_assignment(r.id), 'expire_invitation', array['timer'], 'invitation expired');
      expired_invitations := expired_invitations + 1;
    exception when sqlstate 'PT409' then null;
    end;
  end loop;

  for r in select id from public.missions
           where status = 'pending_funding'
             and published_at <= now_at - make_interval(days => private.setting_int('unfunded_expiry_days'))
           limit 1000 loop
    begin
      m := private.lock_mission(r.id);
      m := private.move_mission(m, 'expire', array['timer'], '{"reason":"not funded in time"}');
      update public.missions set cancellation_reason = 'Not funded in time.' where id = m.id;
      expired_missions := expired_missions + 1;
    exception when sqlstate 'PT409' then null;
    end;
  end loop;

  for r in select id from public.milestones
           where status = 'submitted'
             and submitted_at <= now_at - make_interval(days => private.setting_int('auto_approve_after_days'))
           limit 1000 loop
    begin
      perform public.approve_milestone(r.id);
      auto_approved := auto_approved + 1;
    exception when sqlstate 'PT409' then null;
    end;
  end loop;

  for r in select x.id from public.milestones x join public.missions mm on mm.id = x.mission_id
           where x.status in ('pending', 'in_progress', 'revision') and mm.status = 'in_progress'
             and x.due_date is not null and x.deadline_reminded_at is null
             and x.due_date <= now_at + make_interval(hours => private.setting_int('deadline_reminder_hours'))
             and x.due_date > now_at
           limit 1000 for update of x skip locked loop
    update public.milestones set deadline_reminded_at = now_at where id = r.id returning * into ms;
    perform private.emit('milestone:deadline_approaching', ms.mission_id, 'milestone', ms.id,
      jsonb_build_object('due_date', ms.due_date, 'title', ms.title));
    reminders := reminders + 1;
  end loop;

  perform set_config('app.actor', '', true);
  return jsonb_build_object('expired_invitations', expired_invitations, 'expired_missions', expired_missions,
                            'auto_approved', auto_approved, 'deadline_reminders', reminders);
end
$$;

-- Schedule the timers with pg_cron. On Supabase, postgres may create the extension (supautils); where
-- it cannot, the migration fails: timers must never be silently absent.
create extension if not exists pg_cron with schema pg_catalog;
select cron.schedule('people-lifecycle-timers', '* * * * *', 'select public.run_lifecycle_timers()');

-- =============================================================================================
-- Grants: the RPCs are the API. Every one checks the caller itself.
-- =============================================================================================
do $grants$
declare
  f text;
begin
  foreach f in array array[
    'create_mission(text, text, public.mission_type, bigint, bigint, integer, jsonb, jsonb, public.mission_complexity, text, text, text, timestamptz, integer, integer, boolean, boolean)',
    'update_mission_plan(uuid, jsonb, jsonb)', 'publish_mission(uuid)', 'start_matching(uuid)', 'start_work(uuid)',
    'cancel_mission(uuid, text)', 'open_dispute(uuid, text)', 'resolve_dispute(uuid, text, text)',
    'apply_to_mission(uuid, text, integer, text)', 'withdraw_application(uuid)', 'shortlist_application(uuid)',
    'reject_application(uuid)', 'accept_application(uuid, public.assignment_role)',
    'invite_contributor(uuid, uuid, public.assignment_role)', 'assign_contributor(uuid, uuid, public.assignment_role)',
    'accept_invitation(uuid)', 'decline_invitation(uuid)', 'withdraw_from_mission(uuid, text)',
    'remove_from_mission(uuid, text)', 'step_up_shadow(uuid)',
    'start_milestone(uuid)', 'submit_milestone(uuid, text, text[], text[])', 'request_revision(uuid, text)',
    'approve_milestone(uuid)', 'submit_review(uuid, integer, text)'
  ] loop
    execute format('revoke execute on function public.%s from public', f);
    execute format('grant execute on function public.%s to authenticated, service_role', f);
  end loop;
end
$grants$;
-- Payments and the clock only.
revoke execute on function public.mark_mission_funded(uuid), public.mark_milestone_paid(uuid), public.run_lifecycle_timers() from public;
grant execute on function public.mark_mission_funded(uuid), public.mark_milestone_paid(uuid), public.run_lifecycle_timers() to service_role;

-- Audit application decisions too.
create trigger tg_mission_applications__audit after update on public.mission_applications
  for each row execute function private.tg__audit('application', 'status');
