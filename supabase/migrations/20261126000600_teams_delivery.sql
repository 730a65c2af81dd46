-- Teams and delivery: applications, assignments (lead, shadow, core reviewer), work submissions for
-- milestones, two-sided reviews after an assignment, the deliverables bucket, and the RPCs that move
-- them (apply, shortlist, accept, invite, withdraw, step up; start, submit, revise, approve a
-- milestone). Every change of state goes through the lifecycle guard (missions_lifecycle).
--
-- Longer than ~900 lines: the team's tables and the RPCs that move applications, assignments and
-- milestones share their helpers (lock, actors, move) and belong together; the engine they call is
-- in missions_lifecycle.

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

create type public.work_submission_status as enum ('submitted', 'revision_requested', 'approved');

create type public.review_direction as enum ('initiator_to_contributor', 'contributor_to_initiator');

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

-- True when every element is an http(s) URL.
create function private.are_http_urls(urls text[])
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(bool_and(u ~ '^https?://[^\s]+$' and length(u) <= 2048), true) from unnest(urls) as u
$$;

-- Used by a CHECK constraint: every role that writes the table must be able to execute it.
grant execute on function private.are_http_urls(text[]) to authenticated, service_role;

-- A milestone deliverable: text, links and files in the private `work-submissions` Storage bucket
-- under <mission_id>/<milestone_id>/. Each submission of the same milestone is a new version.
create table public.work_submissions (
  id uuid primary key default gen_random_uuid(),
  milestone_id uuid not null,
  mission_id uuid not null,
  assignment_id uuid not null,
  version integer not null check (version >= 1),
  content text not null check (length(btrim(content)) between 1 and 50000),
  links text[] not null default '{}' check (cardinality(links) <= 50 and private.are_http_urls(links)),
  storage_paths text[] not null default '{}' check (cardinality(storage_paths) <= 50),
  status public.work_submission_status not null default 'submitted',
  feedback text check (length(feedback) <= 20000),
  created_at timestamptz not null default now(),
  reviewed_at timestamptz,
  constraint work_submissions_milestone_fk foreign key (mission_id, milestone_id)
    references public.milestones (mission_id, id) on delete cascade,
  -- The deliverer's assignment is on the same mission.
  constraint work_submissions_assignment_fk foreign key (assignment_id, mission_id)
    references public.mission_assignments (id, mission_id) on delete restrict,
  constraint work_submissions_version_key unique (milestone_id, version)
);
comment on table public.work_submissions is 'A deliverable for a milestone; storage_paths are objects in the work-submissions bucket under <mission_id>/.';

create index work_submissions_mission_idx on public.work_submissions (mission_id, milestone_id);

create index work_submissions_assignment_idx on public.work_submissions (assignment_id, mission_id);

-- Two-sided ratings after an assignment: the initiator rates the contributor and the contributor
-- rates the initiator, once each.
create table public.reviews (
  id uuid primary key default gen_random_uuid(),
  assignment_id uuid not null,
  mission_id uuid not null references public.missions (id) on delete cascade,
  reviewer_id uuid not null references public.profiles (id) on delete cascade,
  reviewee_id uuid not null references public.profiles (id) on delete cascade,
  direction public.review_direction not null,
  rating smallint not null check (rating between 1 and 5),
  comment text check (length(comment) <= 5000),
  created_at timestamptz not null default now(),
  constraint reviews_assignment_fk foreign key (assignment_id, mission_id)
    references public.mission_assignments (id, mission_id) on delete cascade,
  constraint reviews_not_self check (reviewer_id <> reviewee_id),
  constraint reviews_once_per_direction unique (assignment_id, direction)
);
comment on table public.reviews is 'Ratings (1-5) exchanged after an assignment, once per direction.';

create index reviews_mission_idx on public.reviews (mission_id);

create index reviews_assignment_mission_idx on public.reviews (assignment_id, mission_id);

create index reviews_reviewer_idx on public.reviews (reviewer_id);

create index reviews_reviewee_idx on public.reviews (reviewee_id, created_at desc);

create trigger tg_mission_assignments__set_updated_at before update on public.mission_assignments
  for each row execute function private.tg__set_updated_at();

create trigger tg_mission_applications__set_updated_at before update on public.mission_applications
  for each row execute function private.tg__set_updated_at();

-- ---------------------------------------------------------------------------------------------
-- Grants, RLS and policies. All writes go through the lifecycle functions (SECURITY DEFINER).
-- ---------------------------------------------------------------------------------------------
alter table public.mission_assignments enable row level security;
alter table public.mission_applications enable row level security;
alter table public.work_submissions enable row level security;
alter table public.reviews enable row level security;

grant select on public.mission_assignments to authenticated;
grant all on public.mission_assignments to service_role;

create policy "The team, the mission's initiator and admins see assignments"
  on public.mission_assignments for select to authenticated
  using (
    contributor_id = (select private.my_contributor_id())
    or (mission_id = any ((select private.my_team_mission_ids())::uuid[]) and (select private.is_active()))
    or mission_id = any ((select private.my_initiated_mission_ids())::uuid[])
    or (select private.is_admin())
  );

grant select on public.mission_applications to authenticated;
grant all on public.mission_applications to service_role;

create policy "Applicants, the initiator and admins see applications"
  on public.mission_applications for select to authenticated
  using (
    contributor_id = (select private.my_contributor_id())
    or mission_id = any ((select private.my_initiated_mission_ids())::uuid[])
    or (select private.is_admin())
  );

grant select on public.work_submissions to authenticated;
grant all on public.work_submissions to service_role;

create policy "The team, the initiator and admins see work submissions"
  on public.work_submissions for select to authenticated
  using (
    (mission_id = any ((select private.my_team_mission_ids())::uuid[]) and (select private.is_active()))
    or mission_id = any ((select private.my_initiated_mission_ids())::uuid[])
    or (select private.is_admin())
  );

grant select on public.reviews to authenticated;
grant all on public.reviews to service_role;

create policy "Signed-in users read reviews (they are public reputation)"
  on public.reviews for select to authenticated
  using ((select private.is_active()) or reviewer_id = (select private.uid()) or reviewee_id = (select private.uid()));

-- ---------------------------------------------------------------------------------------------
-- Storage: deliverables in a private bucket, one folder per mission. The team writes; the team,
-- the initiator and admins read.
-- ---------------------------------------------------------------------------------------------
insert into storage.buckets (id, name, public, file_size_limit)
values ('work-submissions', 'work-submissions', false, 52428800)
on conflict (id) do nothing;

-- The mission id from an object path (<mission_id>/...), or NULL when it is not one.
create function private.path_mission_id(name text)
returns uuid
language sql
immutable
set search_path = ''
as $$
  select case when (storage.foldername(name))[1] ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
              then ((storage.foldername(name))[1])::uuid end
$$;
grant execute on function private.path_mission_id(text) to authenticated, service_role;

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

create function private.start_milestone(milestone_id uuid)
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
revoke execute on function private.start_milestone(uuid) from public;
grant execute on function private.start_milestone(uuid) to authenticated, service_role;

create function public.start_milestone(milestone_id uuid)
returns public.milestones
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.start_milestone(start_milestone.milestone_id)
$$;
revoke execute on function public.start_milestone(uuid) from public;
grant execute on function public.start_milestone(uuid) to authenticated, service_role;

-- POST /milestones/:id/submit: the lead delivers. Files are uploaded first to the private
-- work-submissions bucket under <mission_id>/<milestone_id>/...; their paths are listed here.
create function private.submit_milestone(
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
revoke execute on function private.submit_milestone(uuid, text, text[], text[]) from public;
grant execute on function private.submit_milestone(uuid, text, text[], text[]) to authenticated, service_role;

create function public.submit_milestone(
  milestone_id uuid,
  content text,
  links text[] default '{}',
  storage_paths text[] default '{}'
)
returns public.work_submissions
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.submit_milestone(submit_milestone.milestone_id, submit_milestone.content, submit_milestone.links, submit_milestone.storage_paths)
$$;
revoke execute on function public.submit_milestone(uuid, text, text[], text[]) from public;
grant execute on function public.submit_milestone(uuid, text, text[], text[]) to authenticated, service_role;

create function private.request_revision(milestone_id uuid, feedback text)
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
revoke execute on function private.request_revision(uuid, text) from public;
grant execute on function private.request_revision(uuid, text) to authenticated, service_role;

create function public.request_revision(milestone_id uuid, feedback text)
returns public.milestones
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.request_revision(request_revision.milestone_id, request_revision.feedback)
$$;
revoke execute on function public.request_revision(uuid, text) from public;
grant execute on function public.request_revision(uuid, text) to authenticated, service_role;

-- POST /milestones/:id/approve. Approval asks the payments side to release the payout
-- (event payout:requested); approving again changes nothing and pays nothing twice.
create function private.approve_milestone(milestone_id uuid)
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
revoke execute on function private.approve_milestone(uuid) from public;
grant execute on function private.approve_milestone(uuid) to authenticated, service_role;

create function public.approve_milestone(milestone_id uuid)
returns public.milestones
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.approve_milestone(approve_milestone.milestone_id)
$$;
revoke execute on function public.approve_milestone(uuid) from public;
grant execute on function public.approve_milestone(uuid) to authenticated, service_role;

-- Payments only: the payout for an approved milestone went out. The next milestone starts; the
-- mission completes when all are paid.
create function private.mark_milestone_paid(milestone_id uuid)
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
revoke execute on function private.mark_milestone_paid(uuid) from public;
grant execute on function private.mark_milestone_paid(uuid) to service_role;

-- =============================================================================================
-- Reviews
-- =============================================================================================
-- After completion, the initiator rates each contributor who completed, and each of them rates the
-- initiator, once per assignment and direction.
create function private.submit_review(assignment_id uuid, rating integer, comment text default null)
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
revoke execute on function private.submit_review(uuid, integer, text) from public;
grant execute on function private.submit_review(uuid, integer, text) to authenticated, service_role;

create function public.submit_review(assignment_id uuid, rating integer, comment text default null)
returns public.reviews
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.submit_review(submit_review.assignment_id, submit_review.rating, submit_review.comment)
$$;
revoke execute on function public.submit_review(uuid, integer, text) from public;
grant execute on function public.submit_review(uuid, integer, text) to authenticated, service_role;

-- Audit application decisions too.
create trigger tg_mission_applications__audit after update on public.mission_applications
  for each row execute function private.tg__audit('application', 'status');
