-- Teams: applications, assignments (lead, shadow, core reviewer), work submissions for milestones,
-- and two-sided reviews after an assignment. Changes of state go through the lifecycle functions.

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
  constraint work_submissions_milestone_fk foreign key (milestone_id, mission_id)
    references public.milestones (id, mission_id) on delete cascade,
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
create policy "Applicants, the mission's initiator and admins see applications"
  on public.mission_applications for select to authenticated
  using (
    contributor_id = (select private.my_contributor_id())
    or mission_id = any ((select private.my_initiated_mission_ids())::uuid[])
    or (select private.is_admin())
  );

grant select on public.work_submissions to authenticated;
grant all on public.work_submissions to service_role;
create policy "The team, the mission's initiator and admins see work submissions"
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
  using (reviewer_id = (select auth.uid()) or reviewee_id = (select auth.uid()) or (select private.is_active()));

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

create policy "The team, the initiator and admins read work submission files"
  on storage.objects for select to authenticated
  using (
    bucket_id = 'work-submissions'
    and (
      (private.path_mission_id(name) = any ((select private.my_team_mission_ids())::uuid[]) and (select private.is_active()))
      or private.path_mission_id(name) = any ((select private.my_initiated_mission_ids())::uuid[])
      or (select private.is_admin())
    )
  );

create policy "The active team uploads work submission files"
  on storage.objects for insert to authenticated
  with check (
    bucket_id = 'work-submissions'
    and (select private.is_active())
    and private.path_mission_id(name) = any ((select private.my_team_mission_ids())::uuid[])
  );
