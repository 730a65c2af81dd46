-- Teams: applications and assignments (lead, shadow, core reviewer), who sees them, and the RPCs
-- that move them (apply, shortlist, accept, reject, withdraw; invite, assign, accept or decline an
-- invitation, withdraw, remove, step up). Every change of state goes through the lifecycle guard.

create type public.assignment_role as enum ('lead', 'shadow', 'core_reviewer');

create type public.assignment_status as enum (
  'invited',     -- awaiting acceptance
  'active',      -- working
  'stepped_up',  -- shadow became lead
  'completed',   -- finished
  'withdrawn',   -- contributor left
  'removed'      -- initiator removed
);

create type public.application_status as enum (
  'pending',      -- awaiting review
  'shortlisted',  -- under consideration
  'accepted',     -- offered role
  'rejected',     -- not selected
  'withdrawn'     -- applicant withdrew
);

create table public.mission_assignments (
  id uuid primary key default gen_random_uuid(),
  mission_id uuid not null references public.missions (id) on delete cascade,
  contributor_id uuid not null references public.contributor_profiles (id) on delete restrict,
  role public.assignment_role not null,
  status public.assignment_status not null default 'active',
  -- The initiator's rating of this contributor's work on the mission (0.00-5.00).
  rating numeric(3, 2) check (rating between 0 and 5),
  review_text text check (length(review_text) <= 10000),
  assigned_at timestamptz not null default now(),
  invitation_expires_at timestamptz,
  accepted_at timestamptz,
  completed_at timestamptz,
  ended_at timestamptz,
  end_reason text check (length(end_reason) <= 2000),
  updated_at timestamptz not null default now(),
  constraint unique_assignment unique (mission_id, contributor_id),
  constraint mission_assignments_id_mission_key unique (id, mission_id)
);
comment on table public.mission_assignments is 'A contributor''s place on a mission''s team.';

create index mission_assignments_contributor_idx on public.mission_assignments (contributor_id);

create index mission_assignments_active_idx on public.mission_assignments (status) where status = 'active';

create index mission_assignments_invitations_idx on public.mission_assignments (invitation_expires_at) where status = 'invited';

create table public.mission_applications (
  id uuid primary key default gen_random_uuid(),
  mission_id uuid not null references public.missions (id) on delete cascade,
  contributor_id uuid not null references public.contributor_profiles (id) on delete restrict,
  cover_letter text check (length(cover_letter) <= 10000),
  proposed_timeline integer check (proposed_timeline between 1 and 3650), -- days
  proposed_approach text check (length(proposed_approach) <= 20000),
  match_score numeric(5, 2) check (match_score between 0 and 100), -- computed by matching
  status public.application_status not null default 'pending',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  reviewed_at timestamptz,
  constraint unique_application unique (mission_id, contributor_id)
);
comment on table public.mission_applications is 'A contributor''s application to a mission. Seen by the applicant, the mission''s initiator and admins.';

create index mission_applications_contributor_idx on public.mission_applications (contributor_id, created_at desc);

create index mission_applications_mission_status_idx on public.mission_applications (mission_id, status, created_at desc);

create trigger tg_mission_assignments__set_updated_at before update on public.mission_assignments
  for each row execute function private.tg__set_updated_at();

create trigger tg_mission_applications__set_updated_at before update on public.mission_applications
  for each row execute function private.tg__set_updated_at();

-- ---------------------------------------------------------------------------------------------
-- Grants, RLS and policies. All writes go through the lifecycle functions (SECURITY DEFINER).
-- ---------------------------------------------------------------------------------------------
alter table public.mission_assignments enable row level security;
alter table public.mission_applications enable row level security;

grant select on public.mission_assignments to authenticated;
grant all on public.mission_assignments to service_role;

-- No admin arm (a bare boolean OR arm forces a scan when the client omits the filter): admins read
-- assignments through public.admin_read().
create policy "The team and the mission's initiator see assignments"
  on public.mission_assignments for select to authenticated
  using (
    contributor_id = (select private.my_contributor_id())
    or (mission_id = any ((select private.my_team_mission_ids())::uuid[]) and (select private.is_active()))
    or mission_id = any ((select private.my_initiated_mission_ids())::uuid[])
  );

grant select on public.mission_applications to authenticated;
grant all on public.mission_applications to service_role;

-- No admin arm: "my applications" without the contributor filter then ORs
-- mission_applications_contributor_idx and mission_applications_mission_status_idx instead of
-- scanning every application. Admins read applications through public.admin_read().
create policy "Applicants and the initiator see applications"
  on public.mission_applications for select to authenticated
  using (
    contributor_id = (select private.my_contributor_id())
    or mission_id = any ((select private.my_initiated_mission_ids())::uuid[])
  );

create trigger tg_mission_assignments__audit after insert or update or delete on public.mission_assignments
  for each row execute function private.tg__audit('assignment', 'status', 'role');

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
create function private.apply_to_mission(
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
revoke execute on function private.apply_to_mission(uuid, text, integer, text) from public;
grant execute on function private.apply_to_mission(uuid, text, integer, text) to authenticated, service_role;

create function public.apply_to_mission(
  mission_id uuid,
  cover_letter text default null,
  proposed_timeline integer default null,
  proposed_approach text default null
)
returns public.mission_applications
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.apply_to_mission(apply_to_mission.mission_id, apply_to_mission.cover_letter, apply_to_mission.proposed_timeline, apply_to_mission.proposed_approach)
$$;
revoke execute on function public.apply_to_mission(uuid, text, integer, text) from public;
grant execute on function public.apply_to_mission(uuid, text, integer, text) to authenticated, service_role;

create function private.withdraw_application(application_id uuid)
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
  -- A lead cannot leave running work this way: withdraw_from_mission hands the lead's place over
  -- (the step-up rule).
  if before = 'accepted' and exists (
      select from public.mission_assignments a join public.missions m on m.id = a.mission_id
      where a.mission_id = app.mission_id and a.contributor_id = app.contributor_id and a.role = 'lead'
        and a.status in ('active', 'stepped_up') and m.status in ('in_progress', 'in_review', 'disputed')) then
    raise exception 'Work on this mission has started: leave the team with withdraw_from_mission so the lead''s place is handed over.'
      using errcode = 'PT409';
  end if;
  app := private.move_application(app, 'withdraw', private.application_actors(app));
  if before = 'accepted' and app.status = 'withdrawn' then
    -- The place it was accepted for is given up too (if work has not started on it).
    update public.mission_assignments set status = 'withdrawn', ended_at = private.clock(), end_reason = 'application withdrawn'
      where mission_id = app.mission_id and contributor_id = app.contributor_id and status in ('invited', 'active');
    perform private.refresh_contributor_stats(app.contributor_id);
    perform private.step_up_next_shadow(app.mission_id);
  end if;
  return app;
end
$$;
revoke execute on function private.withdraw_application(uuid) from public;
grant execute on function private.withdraw_application(uuid) to authenticated, service_role;

create function public.withdraw_application(application_id uuid)
returns public.mission_applications
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.withdraw_application(withdraw_application.application_id)
$$;
revoke execute on function public.withdraw_application(uuid) from public;
grant execute on function public.withdraw_application(uuid) to authenticated, service_role;

create function private.shortlist_application(application_id uuid)
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
revoke execute on function private.shortlist_application(uuid) from public;
grant execute on function private.shortlist_application(uuid) to authenticated, service_role;

create function public.shortlist_application(application_id uuid)
returns public.mission_applications
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.shortlist_application(shortlist_application.application_id)
$$;
revoke execute on function public.shortlist_application(uuid) from public;
grant execute on function public.shortlist_application(uuid) to authenticated, service_role;

create function private.reject_application(application_id uuid)
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
revoke execute on function private.reject_application(uuid) from public;
grant execute on function private.reject_application(uuid) to authenticated, service_role;

create function public.reject_application(application_id uuid)
returns public.mission_applications
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.reject_application(reject_application.application_id)
$$;
revoke execute on function public.reject_application(uuid) from public;
grant execute on function public.reject_application(uuid) to authenticated, service_role;

-- Accepting an application puts the applicant on the team in `role` (they asked to join, so the
-- place is active at once), within the mission's team limits.
create function private.accept_application(application_id uuid, role public.assignment_role default 'lead')
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
revoke execute on function private.accept_application(uuid, public.assignment_role) from public;
grant execute on function private.accept_application(uuid, public.assignment_role) to authenticated, service_role;

create function public.accept_application(application_id uuid, role public.assignment_role default 'lead')
returns public.mission_applications
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.accept_application(accept_application.application_id, accept_application.role)
$$;
revoke execute on function public.accept_application(uuid, public.assignment_role) from public;
grant execute on function public.accept_application(uuid, public.assignment_role) to authenticated, service_role;

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
  -- Nobody works on their own mission, whatever profiles they hold.
  if exists (select from public.contributor_profiles c join public.initiator_profiles i on i.user_id = c.user_id
             where c.id = add_to_team.contributor_id and i.id = m.initiator_id) then
    raise exception 'The mission''s initiator cannot join its team.' using errcode = '22023';
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
create function private.invite_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role)
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
revoke execute on function private.invite_contributor(uuid, uuid, public.assignment_role) from public;
grant execute on function private.invite_contributor(uuid, uuid, public.assignment_role) to authenticated, service_role;

create function public.invite_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role)
returns public.mission_assignments
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.invite_contributor(invite_contributor.mission_id, invite_contributor.contributor_id, invite_contributor.role)
$$;
revoke execute on function public.invite_contributor(uuid, uuid, public.assignment_role) from public;
grant execute on function public.invite_contributor(uuid, uuid, public.assignment_role) to authenticated, service_role;

-- An admin places a contributor on a team directly (no invitation).
create function private.assign_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role)
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
revoke execute on function private.assign_contributor(uuid, uuid, public.assignment_role) from public;
grant execute on function private.assign_contributor(uuid, uuid, public.assignment_role) to authenticated, service_role;

create function public.assign_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role)
returns public.mission_assignments
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.assign_contributor(assign_contributor.mission_id, assign_contributor.contributor_id, assign_contributor.role)
$$;
revoke execute on function public.assign_contributor(uuid, uuid, public.assignment_role) from public;
grant execute on function public.assign_contributor(uuid, uuid, public.assignment_role) to authenticated, service_role;

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

create function private.accept_invitation(assignment_id uuid)
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
  -- The team is formed while the mission is open or matching (as invite_contributor); once work has
  -- started, an invitation can no longer be accepted (start_work withdraws the pending ones).
  if a.status = 'invited' and not exists (select from public.missions m where m.id = a.mission_id and m.status in ('open', 'matching')) then
    raise exception 'Work on this mission has started: the invitation can no longer be accepted.' using errcode = 'PT409';
  end if;
  return private.move_assignment(a, 'accept_invitation', actors);
end
$$;
revoke execute on function private.accept_invitation(uuid) from public;
grant execute on function private.accept_invitation(uuid) to authenticated, service_role;

create function public.accept_invitation(assignment_id uuid)
returns public.mission_assignments
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.accept_invitation(accept_invitation.assignment_id)
$$;
revoke execute on function public.accept_invitation(uuid) from public;
grant execute on function public.accept_invitation(uuid) to authenticated, service_role;

create function private.decline_invitation(assignment_id uuid)
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
revoke execute on function private.decline_invitation(uuid) from public;
grant execute on function private.decline_invitation(uuid) to authenticated, service_role;

create function public.decline_invitation(assignment_id uuid)
returns public.mission_assignments
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.decline_invitation(decline_invitation.assignment_id)
$$;
revoke execute on function public.decline_invitation(uuid) from public;
grant execute on function public.decline_invitation(uuid) to authenticated, service_role;

-- A team member leaves. When the lead leaves while work is under way and an active shadow exists,
-- the earliest shadow steps up to lead.
create function private.withdraw_from_mission(assignment_id uuid, reason text default null)
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
revoke execute on function private.withdraw_from_mission(uuid, text) from public;
grant execute on function private.withdraw_from_mission(uuid, text) to authenticated, service_role;

create function public.withdraw_from_mission(assignment_id uuid, reason text default null)
returns public.mission_assignments
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.withdraw_from_mission(withdraw_from_mission.assignment_id, withdraw_from_mission.reason)
$$;
revoke execute on function public.withdraw_from_mission(uuid, text) from public;
grant execute on function public.withdraw_from_mission(uuid, text) to authenticated, service_role;

create function private.remove_from_mission(assignment_id uuid, reason text default null)
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
revoke execute on function private.remove_from_mission(uuid, text) from public;
grant execute on function private.remove_from_mission(uuid, text) to authenticated, service_role;

create function public.remove_from_mission(assignment_id uuid, reason text default null)
returns public.mission_assignments
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.remove_from_mission(remove_from_mission.assignment_id, remove_from_mission.reason)
$$;
revoke execute on function public.remove_from_mission(uuid, text) from public;
grant execute on function public.remove_from_mission(uuid, text) to authenticated, service_role;

-- The initiator or an admin asks a shadow to step up to lead (when a lead place is free).
create function private.step_up_shadow(assignment_id uuid)
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
  if not private.contributor_in_good_standing(a.contributor_id) then
    raise exception 'A suspended or banned member cannot step up to lead.' using errcode = 'PT409';
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
revoke execute on function private.step_up_shadow(uuid) from public;
grant execute on function private.step_up_shadow(uuid) to authenticated, service_role;

create function public.step_up_shadow(assignment_id uuid)
returns public.mission_assignments
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.step_up_shadow(step_up_shadow.assignment_id)
$$;
revoke execute on function public.step_up_shadow(uuid) from public;
grant execute on function public.step_up_shadow(uuid) to authenticated, service_role;

-- Only members whose account is active are ever promoted (suspended or banned ones never are).
create function private.contributor_in_good_standing(contributor_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select from public.contributor_profiles c join public.profiles p on p.id = c.user_id
                 where c.id = contributor_in_good_standing.contributor_id and p.account_status = 'active')
$$;
revoke execute on function private.contributor_in_good_standing(uuid) from public;

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
      and private.contributor_in_good_standing(x.contributor_id)
    order by x.accepted_at nulls last, x.assigned_at, x.id limit 1 for update;
  if found then
    perform private.move_assignment(shadow, 'step_up', array['system']);
  else
    perform private.emit('team:lead_missing', m.id, 'mission', m.id);
  end if;
end
$$;

-- Audit application decisions too.
create trigger tg_mission_applications__audit after update on public.mission_applications
  for each row execute function private.tg__audit('application', 'status');

-- =============================================================================================
-- When work starts (the mission leaves open / matching for in_progress), the invitations nobody
-- accepted are withdrawn: the team is the one that accepted. A trigger, so that every path into
-- in_progress (start_work, an admin's plan change) does it.
-- =============================================================================================
create function private.tg_missions__withdraw_pending_invitations()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  a public.mission_assignments;
begin
  for a in update public.mission_assignments
           set status = 'withdrawn', ended_at = private.clock(), end_reason = 'work started before the invitation was accepted'
           where mission_id = new.id and status = 'invited'
           returning * loop
    perform private.emit('assignment:withdrawn', a.mission_id, 'assignment', a.id,
      jsonb_build_object('action', 'work_started', 'contributor_id', a.contributor_id, 'role', a.role));
  end loop;
  return null;
end
$$;
revoke all on function private.tg_missions__withdraw_pending_invitations() from public;

create trigger tg_missions__withdraw_pending_invitations after update of status on public.missions
  for each row when (new.status = 'in_progress' and old.status in ('open', 'matching'))
  execute function private.tg_missions__withdraw_pending_invitations();
