-- The lifecycle engine: the blueprint's state machines kept as data (public.lifecycle_transitions),
-- one guard every action uses, domain events raised in one place, the mission RPCs, and the timers
-- fired by the clock. Team and milestone delivery RPCs are in teams and delivery; the escrow side in
-- escrow_ledger_jobs.
--
-- Longer than ~900 lines: the engine (transitions, guard, events) and the mission RPCs that use it
-- are one unit a reader needs together; the tables are in missions, the team and money parts in
-- their own files.
--
-- Errors every RPC may raise (PostgREST turns them into HTTP statuses):
--   42501  not allowed (the caller has no right to this action)          -> 403
--   PT404  no such mission / milestone / application / assignment       -> 404 (PostgREST maps PTxyz to HTTP xyz)
--   PT409  illegal transition for the current state ("Cannot approve a milestone that is pending.") -> 409
--   22023  bad input (message says which)                               -> 400
--   23505  duplicate (already applied, already reviewed)                 -> 409
-- An error changes nothing: each RPC is one transaction.

insert into private.settings (key, value, description) values
  ('auto_approve_after_days', '14', 'A submitted milestone nobody reviews is approved automatically after this many days.'),
  ('invitation_ttl_hours', '72', 'An invitation to a team expires after this many hours.'),
  ('unfunded_expiry_days', '30', 'A published mission still awaiting funding after this many days is cancelled.'),
  ('deadline_reminder_hours', '24', 'The team is reminded this many hours before a milestone is due.'),
  ('payout_share_lead_bps', '7000', 'Team payouts: the share of each milestone payout (after the fee) proposed for the lead, in basis points.'),
  ('payout_share_shadow_bps', '2000', 'Team payouts: the share proposed for the shadow(s) of a mission that has shadow places.'),
  ('payout_share_core_reviewer_bps', '1000', 'Team payouts: the share proposed for the core reviewer of a mission that requires one.');

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
  ('milestone', 'approve',        'submitted',   'approved',    array['initiator', 'timer', 'system']),
  ('milestone', 'mark_paid',      'approved',    'paid',        array['payments']),
  -- a closed mission closes its milestones: what was not approved is cancelled (its money refunded),
  -- and so is approved work escrow can no longer pay (a card dispute took the money for good)
  ('milestone', 'cancel',         'pending',     'cancelled',   array['system']),
  ('milestone', 'cancel',         'in_progress', 'cancelled',   array['system']),
  ('milestone', 'cancel',         'submitted',   'cancelled',   array['system']),
  ('milestone', 'cancel',         'revision',    'cancelled',   array['system']),
  ('milestone', 'cancel',         'approved',    'cancelled',   array['system']),
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
comment on table private.domain_events is 'Domain events: raised by private.emit(), turned into notifications, realtime, emails and jobs by their triggers. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

create index domain_events_mission_idx on private.domain_events (mission_id, id);

create index domain_events_event_idx on private.domain_events (event, id);
alter table private.domain_events enable row level security;
revoke all on private.domain_events from public;
grant select on private.domain_events to service_role;

create function private.emit(event text, mission_id uuid, entity_type text, entity_id uuid, payload jsonb default '{}')
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  insert into private.domain_events (event, mission_id, entity_type, entity_id, actor_id, payload)
  values (emit.event, emit.mission_id, emit.entity_type, emit.entity_id, private.uid(), coalesce(emit.payload, '{}'::jsonb));
end
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
  uid uuid := private.uid();
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
create function private.create_mission(
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
revoke execute on function private.create_mission(text, text, public.mission_type, bigint, bigint, integer, jsonb, jsonb, public.mission_complexity, text, text, text, timestamptz, integer, integer, boolean, boolean) from public;
grant execute on function private.create_mission(text, text, public.mission_type, bigint, bigint, integer, jsonb, jsonb, public.mission_complexity, text, text, text, timestamptz, integer, integer, boolean, boolean) to authenticated, service_role;

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
)
returns public.missions
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.create_mission(create_mission.title, create_mission.description, create_mission.type, create_mission.budget_min_cents, create_mission.budget_max_cents, create_mission.estimated_duration_days, create_mission.milestones, create_mission.required_skills, create_mission.complexity, create_mission.currency, create_mission.problem_statement, create_mission.success_criteria, create_mission.deadline, create_mission.max_lead_contributors, create_mission.max_shadow_contributors, create_mission.requires_core_reviewer, create_mission.is_public)
$$;
revoke execute on function public.create_mission(text, text, public.mission_type, bigint, bigint, integer, jsonb, jsonb, public.mission_complexity, text, text, text, timestamptz, integer, integer, boolean, boolean) from public;
grant execute on function public.create_mission(text, text, public.mission_type, bigint, bigint, integer, jsonb, jsonb, public.mission_complexity, text, text, text, timestamptz, integer, integer, boolean, boolean) to authenticated, service_role;

-- Replaces the milestones and/or required skills of one's own draft.
create function private.update_mission_plan(mission_id uuid, milestones jsonb default null, required_skills jsonb default null)
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
revoke execute on function private.update_mission_plan(uuid, jsonb, jsonb) from public;
grant execute on function private.update_mission_plan(uuid, jsonb, jsonb) to authenticated, service_role;

create function public.update_mission_plan(mission_id uuid, milestones jsonb default null, required_skills jsonb default null)
returns public.missions
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.update_mission_plan(update_mission_plan.mission_id, update_mission_plan.milestones, update_mission_plan.required_skills)
$$;
revoke execute on function public.update_mission_plan(uuid, jsonb, jsonb) from public;
grant execute on function public.update_mission_plan(uuid, jsonb, jsonb) to authenticated, service_role;

-- The team's payout shares (basis points of each milestone's payout after the fee): the initiator
-- sets them until the mission is funded; then they are fixed (tg_missions__money_rules, for everyone).
create function private.set_payout_shares(mission_id uuid, lead_bps integer, shadow_bps integer, core_reviewer_bps integer)
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
    raise exception 'Only the mission''s initiator can set its payout shares.' using errcode = '42501';
  end if;
  if m.status not in ('draft', 'pending_funding') then
    raise exception 'The payout shares are fixed once the mission is funded; this mission is %.', replace(m.status::text, '_', ' ')
      using errcode = 'PT409';
  end if;
  if lead_bps is null or shadow_bps is null or core_reviewer_bps is null
     or lead_bps < 1 or shadow_bps < 0 or core_reviewer_bps < 0 or lead_bps + shadow_bps + core_reviewer_bps <> 10000 then
    raise exception 'Payout shares are basis points that add up to 10000, the lead''s at least 1.' using errcode = '22023';
  end if;
  update public.missions x set lead_share_bps = lead_bps, shadow_share_bps = shadow_bps, core_reviewer_share_bps = core_reviewer_bps
    where x.id = m.id returning * into m;
  return m;
end
$$;
revoke execute on function private.set_payout_shares(uuid, integer, integer, integer) from public;
grant execute on function private.set_payout_shares(uuid, integer, integer, integer) to authenticated, service_role;

create function public.set_payout_shares(mission_id uuid, lead_bps integer, shadow_bps integer, core_reviewer_bps integer)
returns public.missions
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.set_payout_shares(set_payout_shares.mission_id, set_payout_shares.lead_bps, set_payout_shares.shadow_bps,
                                          set_payout_shares.core_reviewer_bps)
$$;
revoke execute on function public.set_payout_shares(uuid, integer, integer, integer) from public;
grant execute on function public.set_payout_shares(uuid, integer, integer, integer) to authenticated, service_role;

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

create function private.publish_mission(mission_id uuid)
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
    -- Something must be left to pay the team once the platform fee is taken.
    if exists (select from public.milestones x where x.mission_id = m.id
               and x.amount_cents - private.platform_fee(x.amount_cents, m.platform_fee_bps) < 1) then
      raise exception 'Each milestone must be worth more than the platform fee on it.' using errcode = '22023';
    end if;
  end if;
  m := private.move_mission(m, 'publish', actors);
  perform private.refresh_initiator_stats(m.initiator_id);
  return m;
end
$$;
revoke execute on function private.publish_mission(uuid) from public;
grant execute on function private.publish_mission(uuid) to authenticated, service_role;

create function public.publish_mission(mission_id uuid)
returns public.missions
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.publish_mission(publish_mission.mission_id)
$$;
revoke execute on function public.publish_mission(uuid) from public;
grant execute on function public.publish_mission(uuid) to authenticated, service_role;

-- Payments only: the escrow deposit for the mission completed (Stripe payment_intent.succeeded).
create function private.mark_mission_funded(mission_id uuid)
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

-- Payments and the clock only.
revoke execute on function private.mark_mission_funded(uuid) from public;
grant execute on function private.mark_mission_funded(uuid) to service_role;

-- The payout shares the platform proposes for a mission: the settings' shares, a role the mission has
-- no place for (no shadow places, no core reviewer required) adding its share to the lead's.
create function private.proposed_payout_shares(max_shadow_contributors integer, requires_core_reviewer boolean,
                                              out lead_bps integer, out shadow_bps integer, out core_reviewer_bps integer)
language plpgsql
stable
set search_path = ''
as $$
begin
  shadow_bps := case when max_shadow_contributors > 0 then coalesce(private.setting_int('payout_share_shadow_bps'), 0) else 0 end;
  core_reviewer_bps := case when requires_core_reviewer then coalesce(private.setting_int('payout_share_core_reviewer_bps'), 0) else 0 end;
  lead_bps := 10000 - shadow_bps - core_reviewer_bps;
end
$$;
revoke execute on function private.proposed_payout_shares(integer, boolean) from public;

-- Money rules on the mission row, for every writer (the service role included): the platform fee is
-- fixed when the mission is published and never changes after; the payout shares are proposed when it
-- leaves draft (unless the initiator chose them) and fixed once it is funded; a mission is funded
-- (pending_funding -> open) only by completed deposits in escrow covering its plan (the milestones' sum).
create function private.tg_missions__money_rules()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
declare
  proposed record;
begin
  if new.status <> 'draft' and new.lead_share_bps is null then
    proposed := private.proposed_payout_shares(new.max_shadow_contributors, new.requires_core_reviewer);
    new.lead_share_bps := proposed.lead_bps;
    new.shadow_share_bps := proposed.shadow_bps;
    new.core_reviewer_share_bps := proposed.core_reviewer_bps;
  end if;
  if tg_op = 'INSERT' then
    return new;
  end if;
  if old.status <> 'draft' and new.platform_fee_bps is distinct from old.platform_fee_bps then
    raise exception 'The platform fee is fixed when the mission is published.' using errcode = '55000';
  end if;
  if old.status not in ('draft', 'pending_funding')
     and (new.lead_share_bps, new.shadow_share_bps, new.core_reviewer_share_bps)
         is distinct from (old.lead_share_bps, old.shadow_share_bps, old.core_reviewer_share_bps) then
    raise exception 'The team''s payout shares are fixed when the mission is funded.' using errcode = '55000';
  end if;
  if old.status = 'pending_funding' and new.status = 'open'
     and private.escrow_balance(new.id) < coalesce((select sum(x.amount_cents) from public.milestones x where x.mission_id = new.id), 0) then
    raise exception 'A mission is funded only by completed deposits covering its milestones.' using errcode = '23514';
  end if;
  return new;
end
$$;

create trigger tg_missions__money_rules
  before insert or update of status, platform_fee_bps, lead_share_bps, shadow_share_bps, core_reviewer_share_bps on public.missions
  for each row execute function private.tg_missions__money_rules();

create function private.start_matching(mission_id uuid)
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
revoke execute on function private.start_matching(uuid) from public;
grant execute on function private.start_matching(uuid) to authenticated, service_role;

create function public.start_matching(mission_id uuid)
returns public.missions
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.start_matching(start_matching.mission_id)
$$;
revoke execute on function public.start_matching(uuid) from public;
grant execute on function public.start_matching(uuid) to authenticated, service_role;

-- Work starts once the team is complete: at least one lead, and a core reviewer when required.
create function private.start_work(mission_id uuid)
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
revoke execute on function private.start_work(uuid) from public;
grant execute on function private.start_work(uuid) to authenticated, service_role;

create function public.start_work(mission_id uuid)
returns public.missions
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.start_work(start_work.mission_id)
$$;
revoke execute on function public.start_work(uuid) from public;
grant execute on function public.start_work(uuid) to authenticated, service_role;

-- Cancels a mission. Rules per state are in lifecycle_transitions; a funded mission asks the payments
-- side for a refund of what escrow still holds (event refund:requested).
create function private.cancel_mission(mission_id uuid, reason text default null)
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
revoke execute on function private.cancel_mission(uuid, text) from public;
grant execute on function private.cancel_mission(uuid, text) to authenticated, service_role;

create function public.cancel_mission(mission_id uuid, reason text default null)
returns public.missions
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.cancel_mission(cancel_mission.mission_id, cancel_mission.reason)
$$;
revoke execute on function public.cancel_mission(uuid, text) from public;
grant execute on function public.cancel_mission(uuid, text) to authenticated, service_role;

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
  -- Milestones not approved end cancelled; approved ones stay until their payout (or end cancelled
  -- when escrow can no longer pay them).
  perform private.close_milestones(m.id, 'cancel');
  -- In contributor order, as everywhere a transaction touches several contributors' rows: two
  -- missions with the same team cancelled at once must not deadlock (found by the money model).
  for a in select id, contributor_id from public.mission_assignments
           where mission_id = m.id and status in ('invited', 'active', 'stepped_up') order by contributor_id loop
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

create function private.open_dispute(mission_id uuid, reason text)
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
revoke execute on function private.open_dispute(uuid, text) from public;
grant execute on function private.open_dispute(uuid, text) to authenticated, service_role;

create function public.open_dispute(mission_id uuid, reason text)
returns public.missions
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.open_dispute(open_dispute.mission_id, open_dispute.reason)
$$;
revoke execute on function public.open_dispute(uuid, text) from public;
grant execute on function public.open_dispute(uuid, text) to authenticated, service_role;

-- Admin decision: resume the work, complete the mission (what is approved gets paid), or cancel it
-- (escrow refunds what it still holds).
create function private.resolve_dispute(mission_id uuid, outcome text, note text default null)
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
    -- Delivered work is approved and paid to the lead who delivered it; the rest is cancelled and
    -- what escrow holds beyond the approved payouts goes back: nothing stays held.
    perform private.close_milestones(m.id, 'complete');
    perform private.after_complete(m);
    perform private.emit('refund:requested', m.id, 'mission', m.id, jsonb_build_object('reason', 'dispute resolved: complete'));
  end if;
  return m;
end
$$;
revoke execute on function private.resolve_dispute(uuid, text, text) from public;
grant execute on function private.resolve_dispute(uuid, text, text) to authenticated, service_role;

create function public.resolve_dispute(mission_id uuid, outcome text, note text default null)
returns public.missions
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.resolve_dispute(resolve_dispute.mission_id, resolve_dispute.outcome, resolve_dispute.note)
$$;
revoke execute on function public.resolve_dispute(uuid, text, text) from public;
grant execute on function public.resolve_dispute(uuid, text, text) to authenticated, service_role;

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
           where mission_id = m.id and status in ('active', 'stepped_up') order by contributor_id for update loop
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
-- Timers: fired by pg_cron every minute (where pg_cron exists), or by hand. Each step is one
-- guarded transition, exactly as if a person had done it; a row that fails is skipped and retried
-- on the next run.
-- =============================================================================================
-- A row a timer could not move (any error) is kept here with the error, and left alone for an hour per
-- failed attempt (at most a day) so that failing rows never crowd out the rest of a run; moving it
-- later clears it. The metrics function reports them (people_lifecycle_timer_failures).
create table private.lifecycle_timer_failures (
  timer text not null check (timer in ('expire_invitation', 'expire_mission', 'auto_approve')),
  entity_id uuid not null,
  attempts integer not null default 1 check (attempts >= 1),
  last_error text not null,
  last_sqlstate text,
  first_failed_at timestamptz not null default now(),
  last_failed_at timestamptz not null default now(),
  primary key (timer, entity_id)
);
comment on table private.lifecycle_timer_failures is 'Rows the lifecycle timers failed to move, with the error, retried with backoff. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';
alter table private.lifecycle_timer_failures enable row level security;
revoke all on private.lifecycle_timer_failures from public;
grant select on private.lifecycle_timer_failures to service_role;

create function private.timer_failed(timer text, entity_id uuid, error text, state text)
returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  raise warning 'lifecycle timer %: % skipped: % (%)', timer, entity_id, error, state;
  insert into private.lifecycle_timer_failures as f (timer, entity_id, last_error, last_sqlstate, first_failed_at, last_failed_at)
  values (timer_failed.timer, timer_failed.entity_id, left(timer_failed.error, 2000), timer_failed.state, private.clock(), private.clock())
  on conflict on constraint lifecycle_timer_failures_pkey do update
    set attempts = f.attempts + 1, last_error = excluded.last_error, last_sqlstate = excluded.last_sqlstate,
        last_failed_at = excluded.last_failed_at;
end
$$;
revoke execute on function private.timer_failed(text, uuid, text, text) from public;

-- Whether a timer should leave a row alone for now (it failed less than attempts hours ago, a day at most).
create function private.timer_backing_off(timer text, entity_id uuid)
returns boolean
language sql
stable
set search_path = ''
as $$
  select exists (select from private.lifecycle_timer_failures f
                 where f.timer = timer_backing_off.timer and f.entity_id = timer_backing_off.entity_id
                   and f.last_failed_at > private.clock() - least(make_interval(hours => f.attempts), interval '1 day'))
$$;
revoke execute on function private.timer_backing_off(text, uuid) from public;

create function private.run_lifecycle_timers()
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
  failed integer := 0;
begin
  perform private.require_admin();
  perform set_config('app.actor', 'timer', true);
  now_at := private.clock();
  -- Failures of rows something else has moved since (approved by hand, funded, accepted) are over.
  delete from private.lifecycle_timer_failures f
  where (f.timer = 'expire_invitation' and not exists (select from public.mission_assignments a where a.id = f.entity_id and a.status = 'invited'))
     or (f.timer = 'expire_mission' and not exists (select from public.missions x where x.id = f.entity_id and x.status = 'pending_funding'))
     or (f.timer = 'auto_approve' and not exists (select from public.milestones x where x.id = f.entity_id and x.status = 'submitted'));

  -- Each row in its own subtransaction: one that fails (any error) is logged and skipped, the run goes on.
  for r in select x.id from public.mission_assignments x join public.missions mm on mm.id = x.mission_id
           where x.status = 'invited' and x.invitation_expires_at <= now_at
             and mm.status not in ('completed', 'cancelled')
             and not private.timer_backing_off('expire_invitation', x.id)
           order by x.invitation_expires_at, x.id limit 1000 loop
    begin
      perform private.move_assignment(private.lock_assignment(r.id), 'expire_invitation', array['timer'], 'invitation expired');
      delete from private.lifecycle_timer_failures f where f.timer = 'expire_invitation' and f.entity_id = r.id;
      expired_invitations := expired_invitations + 1;
    exception when others then
      perform private.timer_failed('expire_invitation', r.id, sqlerrm, sqlstate);
      failed := failed + 1;
    end;
  end loop;

  for r in select id from public.missions
           where status = 'pending_funding'
             and published_at <= now_at - make_interval(days => private.setting_int('unfunded_expiry_days'))
             and not private.timer_backing_off('expire_mission', id)
           order by published_at, id
           limit 1000 loop
    begin
      m := private.lock_mission(r.id);
      m := private.move_mission(m, 'expire', array['timer'], '{"reason":"not funded in time"}');
      update public.missions set cancellation_reason = 'Not funded in time.' where id = m.id;
      perform private.close_milestones(m.id, 'cancel');
      delete from private.lifecycle_timer_failures f where f.timer = 'expire_mission' and f.entity_id = r.id;
      expired_missions := expired_missions + 1;
    exception when others then
      perform private.timer_failed('expire_mission', r.id, sqlerrm, sqlstate);
      failed := failed + 1;
    end;
  end loop;

  -- Live missions only, oldest delivery first.
  for r in select x.id from public.milestones x join public.missions mm on mm.id = x.mission_id
           where x.status = 'submitted' and mm.status in ('in_progress', 'in_review')
             and x.submitted_at <= now_at - make_interval(days => private.setting_int('auto_approve_after_days'))
             and not private.timer_backing_off('auto_approve', x.id)
           order by x.submitted_at, x.id
           limit 1000 loop
    begin
      perform private.approve_milestone(r.id);
      delete from private.lifecycle_timer_failures f where f.timer = 'auto_approve' and f.entity_id = r.id;
      auto_approved := auto_approved + 1;
    exception when others then
      perform private.timer_failed('auto_approve', r.id, sqlerrm, sqlstate);
      failed := failed + 1;
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
                            'auto_approved', auto_approved, 'deadline_reminders', reminders, 'failed', failed);
end
$$;
revoke execute on function private.run_lifecycle_timers() from public;
grant execute on function private.run_lifecycle_timers() to service_role;

-- The timers run every minute. pg_cron must be enabled (Supabase: Database -> Extensions; locally the
-- bootstrap preloads it): without it this migration fails, rather than leaving the timers silently off.
create extension if not exists pg_cron with schema pg_catalog;
select cron.schedule('people-lifecycle-timers', '* * * * *', 'select private.run_lifecycle_timers()');
