-- Delivery: milestone deliverables (work submissions, files in the private work-submissions
-- bucket) and the two-sided reviews after an assignment, who sees them, and the RPCs that move a
-- milestone (start, submit, request a revision, approve; payments mark it paid) and rate the other
-- side. Every change of state goes through the lifecycle guard.

create type public.work_submission_status as enum ('submitted', 'revision_requested', 'approved');

create type public.review_direction as enum ('initiator_to_contributor', 'contributor_to_initiator');

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

-- ---------------------------------------------------------------------------------------------
-- Grants, RLS and policies. All writes go through the lifecycle functions.
-- ---------------------------------------------------------------------------------------------
alter table public.work_submissions enable row level security;
alter table public.reviews enable row level security;

grant select on public.work_submissions to authenticated;
grant all on public.work_submissions to service_role;

-- No admin arm (a bare boolean OR arm forces a scan): admins read through public.admin_read().
create policy "The team and the initiator see work submissions"
  on public.work_submissions for select to authenticated
  using (
    (mission_id = any ((select private.my_team_mission_ids())::uuid[]) and (select private.is_active()))
    or mission_id = any ((select private.my_initiated_mission_ids())::uuid[])
  );

grant select on public.reviews to authenticated;
grant all on public.reviews to service_role;

create policy "Signed-in users read reviews (they are public reputation)"
  on public.reviews for select to authenticated
  using ((select private.is_active()) or reviewer_id = (select private.uid()) or reviewee_id = (select private.uid()));

-- ---------------------------------------------------------------------------------------------
-- Storage: deliverables in a private bucket, path <mission_id>/<milestone_id>/<file>. The active
-- team (active or stepped-up members; not invitees, not completed members) uploads while that
-- milestone is open for submission (in progress or sent back for revision); the team (who accepted),
-- the initiator and admins read. Downloads use signed URLs from the Storage API
-- (createSignedUrl, docs/API.md). The policies on storage.objects, shared with message attachments,
-- are in messaging_notifications_realtime. The Storage API enforces the size and type limits.
-- ---------------------------------------------------------------------------------------------
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('work-submissions', 'work-submissions', false, 52428800,
        array['application/pdf', 'application/zip', 'application/gzip', 'application/x-tar', 'application/json',
              'text/plain', 'text/markdown', 'text/csv', 'image/png', 'image/jpeg', 'image/webp', 'image/gif', 'video/mp4'])
on conflict (id) do update set public = false, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

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

-- May the caller upload this object into work-submissions? Path exactly <mission>/<milestone>/<file>,
-- the milestone belongs to the mission and is open for submission, and the caller is an active
-- member (active or stepped up) of that mission's team, with an active account. The storage insert
-- policy calls it once per uploaded object. PL/pgSQL: milestones' statuses are read at run time.
create function private.can_upload_work_file(name text)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  parts text[] := string_to_array(name, '/');
  uuid_re constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
begin
  if private.uid() is null or not private.is_active() or cardinality(parts) <> 3
     or parts[1] !~ uuid_re or parts[2] !~ uuid_re or coalesce(parts[3], '') in ('', '.', '..') then
    return false;
  end if;
  return exists (
    select from public.milestones ms
    join public.mission_assignments a on a.mission_id = ms.mission_id
    join public.contributor_profiles c on c.id = a.contributor_id
    where ms.id = parts[2]::uuid and ms.mission_id = parts[1]::uuid and ms.status in ('in_progress', 'revision')
      and c.user_id = private.uid() and a.status in ('active', 'stepped_up'));
end
$$;
comment on function private.can_upload_work_file(text) is
  'True when the caller (active account, active team member) may upload this <mission>/<milestone>/<file> object: the milestone is in progress or in revision.';
revoke all on function private.can_upload_work_file(text) from public;
grant execute on function private.can_upload_work_file(text) to authenticated, service_role;

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
  -- (approved work is paid even if the mission was disputed, cancelled or completed since; a closing
  -- mission closes its milestones)
  if m.status not in ('in_progress', 'in_review')
     and not (action in ('mark_paid', 'cancel') and m.status in ('disputed', 'cancelled', 'completed'))
     and not (action = 'approve' and 'system' = any (actors) and m.status in ('disputed', 'completed')) then
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

-- Approval fixes the payee: the lead who delivered the approved submission (else, for a milestone
-- submitted without a recorded submission, the mission's current lead: private.payout_payee). It is
-- recorded on the milestone and never changes, so team changes after approval cannot move or strand
-- the payout. Then the payments side is asked to release it (event payout:requested).
create function private.approve_delivered(ms public.milestones, m public.missions, actors text[])
returns public.milestones
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  before public.milestone_status := ms.status;
  payee uuid;
begin
  if ms.status = 'submitted' then
    select a.contributor_id into payee
    from public.work_submissions w join public.mission_assignments a on a.id = w.assignment_id
    where w.milestone_id = ms.id order by w.version desc limit 1;
    payee := coalesce(payee, private.payout_payee(m.id));
    if payee is null then
      raise exception 'Nobody can be paid for this milestone: the mission has no lead who delivered it.' using errcode = 'PT409';
    end if;
  end if;
  ms := private.move_milestone(ms, m, 'approve', actors);
  if before = 'submitted' and ms.status = 'approved' then
    update public.milestones set payee_contributor_id = payee where id = ms.id returning * into ms;
    update public.work_submissions w set status = 'approved', reviewed_at = private.clock()
      where w.id = (select id from public.work_submissions x where x.milestone_id = ms.id order by version desc limit 1);
    perform private.emit('payout:requested', m.id, 'milestone', ms.id,
      jsonb_build_object('amount_cents', ms.amount_cents, 'currency', m.currency, 'platform_fee_bps', m.platform_fee_bps,
                         'payee_contributor_id', payee,
                         'auto', 'timer' = any (actors) and not 'initiator' = any (actors)));
  end if;
  return ms;
end
$$;
revoke execute on function private.approve_delivered(public.milestones, public.missions, text[]) from public;

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
  return private.approve_delivered(ms, m, actors);
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
  if not exists (select from public.escrow_transactions e
                 where e.milestone_id = ms.id and e.type = 'release' and e.status = 'completed') then
    raise exception 'A milestone is paid only by its completed release in the escrow ledger.' using errcode = 'PT409';
  end if;
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

-- A closed mission closes its milestones (every milestone of a closed mission ends terminal once its
-- payouts drain): on 'complete' (a dispute resolved as completed) delivered work is approved and paid
-- to the lead who delivered it; everything else not approved is cancelled and its money refunded
-- (the caller asks for the refund). Approved milestones stay approved until their payout is recorded.
create function private.close_milestones(mission_id uuid, outcome text)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions;
  ms public.milestones;
begin
  select * into m from public.missions x where x.id = close_milestones.mission_id;
  for ms in select * from public.milestones x
            where x.mission_id = m.id and x.status in ('pending', 'in_progress', 'submitted', 'revision')
            order by x.order_index, x.id for update loop
    if outcome = 'complete' and ms.status = 'submitted' then
      perform private.approve_delivered(ms, m, array['system']);
    else
      perform private.move_milestone(ms, m, 'cancel', array['system']);
    end if;
  end loop;
end
$$;
revoke execute on function private.close_milestones(uuid, text) from public;

-- The payee rule, enforced for every writer (the service role included): the payee is set once, at
-- approval, to a lead of the mission, and never changes; an approved or paid milestone has one; a paid
-- milestone has its completed release in the ledger, to that payee (checked at commit).
create function private.tg_milestones__payee_fixed()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  if new.payee_contributor_id is not distinct from old.payee_contributor_id then
    return new;
  end if;
  if old.payee_contributor_id is not null then
    raise exception 'The payee of a milestone is fixed when it is approved and never changes.' using errcode = '55000';
  end if;
  if new.status not in ('approved', 'paid') then
    raise exception 'The payee of a milestone is set when it is approved.' using errcode = '55000';
  end if;
  if not exists (select from public.mission_assignments a where a.mission_id = new.mission_id
                 and a.contributor_id = new.payee_contributor_id and a.role = 'lead') then
    raise exception 'The payee of a milestone is a lead of its mission.' using errcode = '23514';
  end if;
  return new;
end
$$;

create trigger tg_milestones__payee_fixed
  before update of payee_contributor_id on public.milestones
  for each row execute function private.tg_milestones__payee_fixed();

create function private.tg_milestones__payee_insert()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  if new.payee_contributor_id is not null then
    raise exception 'The payee of a milestone is set when it is approved.' using errcode = '55000';
  end if;
  return new;
end
$$;

create trigger tg_milestones__payee_insert
  before insert on public.milestones
  for each row execute function private.tg_milestones__payee_insert();

create function private.tg_milestones__money_proven()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
declare
  ms public.milestones;
begin
  select * into ms from public.milestones where id = new.id;
  if not found then
    return null;
  end if;
  if ms.status in ('approved', 'paid') and ms.payee_contributor_id is null then
    raise exception 'An approved milestone names its payee.' using errcode = '23514';
  end if;
  if ms.status = 'paid' and not exists (
      select from public.escrow_transactions e where e.milestone_id = ms.id and e.type = 'release' and e.status = 'completed'
        and e.contributor_id = ms.payee_contributor_id) then
    raise exception 'A milestone is paid only by its completed release to its payee in the escrow ledger.' using errcode = '23514';
  end if;
  return null;
end
$$;

create constraint trigger tg_milestones__money_proven
  after insert or update of status, payee_contributor_id on public.milestones
  deferrable initially deferred
  for each row when (new.status in ('approved', 'paid'))
  execute function private.tg_milestones__money_proven();

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
