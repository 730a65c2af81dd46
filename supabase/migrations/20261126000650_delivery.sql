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

-- Team payouts: who is paid what for an approved milestone, fixed at approval and never changed.
-- The payout after the platform fee (one fee per milestone) is shared by the mission's shares
-- (missions.*_share_bps) between the members holding each role when the milestone was approved: the
-- lead who delivered it, the active shadows, the active core reviewer. Rounding: each non-lead part
-- is rounded down to the cent; the lead's part is the rest, so the parts sum to the payout exactly
-- and the lead gets every odd cent. A role nobody held, and a part that rounds to 0, adds to the
-- lead's part. Several members in one role share its part equally (rounded down the same way).
-- Each part is paid by its own transfer, waiting for its payee's account independently.
create table public.milestone_payouts (
  milestone_id uuid not null,
  mission_id uuid not null,
  contributor_id uuid not null references public.contributor_profiles (id) on delete restrict,
  role public.assignment_role not null,
  share_bps integer not null check (share_bps between 1 and 10000),
  payout_cents bigint not null check (payout_cents > 0),
  created_at timestamptz not null default now(),
  primary key (milestone_id, contributor_id),
  constraint milestone_payouts_milestone_fk foreign key (milestone_id, mission_id)
    references public.milestones (id, mission_id) on delete restrict
);
comment on table public.milestone_payouts is 'The parts of an approved milestone''s payout, per team member, fixed at approval (append-only). share_bps: the share of the role the member was paid for (the lead''s includes roles nobody held), before any split between members of one role.';

create index milestone_payouts_contributor_idx on public.milestone_payouts (contributor_id, created_at desc);

create index milestone_payouts_mission_idx on public.milestone_payouts (mission_id);

create index milestone_payouts_milestone_mission_idx on public.milestone_payouts (milestone_id, mission_id);

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

alter table public.milestone_payouts enable row level security;
grant select on public.milestone_payouts to authenticated;
grant select on public.milestone_payouts to service_role;

create policy "Payees, the initiator and admins see payout parts"
  on public.milestone_payouts for select to authenticated
  using (
    contributor_id = (select private.my_contributor_id())
    or mission_id = any ((select private.my_initiated_mission_ids())::uuid[])
    or (select private.is_admin())
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
  -- (paid: every part, or at least the lead's: the rest of a team payout does not hold the mission up)
  select count(*), count(*) filter (where status in ('submitted', 'approved', 'paid')),
         count(*) filter (where status = 'paid' or (status = 'approved' and private.lead_paid(id)))
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

-- The parts of a milestone's payout (the rule is on public.milestone_payouts): the lead who
-- delivered it, and the members holding the other roles now.
create function private.split_payout(ms public.milestones, m public.missions, lead uuid)
returns table (contributor_id uuid, role public.assignment_role, share_bps integer, payout_cents bigint)
language plpgsql
stable
set search_path = ''
as $$
declare
  net bigint := ms.amount_cents - private.platform_fee(ms.amount_cents, m.platform_fee_bps);
  lead_part bigint := net;
  lead_bps integer := coalesce(m.lead_share_bps, 10000);
  r record;
  holders uuid[];
  each_part bigint;
  who uuid;
begin
  for r in select x.role, x.bps from (values ('shadow'::public.assignment_role, coalesce(m.shadow_share_bps, 0), 1),
                                             ('core_reviewer'::public.assignment_role, coalesce(m.core_reviewer_share_bps, 0), 2))
                                      as x (role, bps, ord) order by x.ord loop
    holders := array(select a.contributor_id from public.mission_assignments a
                     where a.mission_id = m.id and a.role = r.role and a.status = 'active' and a.contributor_id <> lead
                     order by a.accepted_at nulls last, a.id);
    each_part := case when cardinality(holders) > 0 then (net * r.bps) / (10000 * cardinality(holders)) else 0 end;
    if r.bps = 0 or each_part = 0 then
      lead_bps := lead_bps + r.bps; -- nobody to pay (or nothing to pay them): the lead's
      continue;
    end if;
    foreach who in array holders loop
      contributor_id := who;
      role := r.role;
      share_bps := r.bps;
      payout_cents := each_part;
      lead_part := lead_part - each_part;
      return next;
    end loop;
  end loop;
  contributor_id := lead;
  role := 'lead';
  share_bps := lead_bps;
  payout_cents := lead_part;
  return next;
end
$$;
revoke execute on function private.split_payout(public.milestones, public.missions, uuid) from public;
grant execute on function private.split_payout(public.milestones, public.missions, uuid) to service_role;

-- Approval fixes the payees: the lead who delivered the approved submission (else, for a milestone
-- submitted without a recorded submission, the mission's current lead: private.payout_payee), and the
-- shadows and core reviewer active now, each with their part (public.milestone_payouts). They never
-- change, so team changes after approval cannot move or strand a payout. Then the payments side is
-- asked to release each part (event payout:requested).
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
  parts jsonb;
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
    insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents)
    select ms.id, m.id, p.contributor_id, p.role, p.share_bps, p.payout_cents from private.split_payout(ms, m, payee) p;
    select jsonb_agg(jsonb_build_object('contributor_id', p.contributor_id, 'role', p.role, 'payout_cents', p.payout_cents)
                     order by p.role, p.contributor_id)
      into parts from public.milestone_payouts p where p.milestone_id = ms.id;
    update public.work_submissions w set status = 'approved', reviewed_at = private.clock()
      where w.id = (select id from public.work_submissions x where x.milestone_id = ms.id order by version desc limit 1);
    perform private.emit('payout:requested', m.id, 'milestone', ms.id,
      jsonb_build_object('amount_cents', ms.amount_cents, 'currency', m.currency, 'platform_fee_bps', m.platform_fee_bps,
                         'payee_contributor_id', payee, 'parts', parts,
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

-- Every part of a milestone's payout went out: each has its completed release in the ledger.
create function private.milestone_released(milestone_id uuid)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
begin
  return exists (select from public.milestone_payouts p where p.milestone_id = milestone_released.milestone_id)
     and not exists (
       select from public.milestone_payouts p
       where p.milestone_id = milestone_released.milestone_id
         and not exists (select from public.escrow_transactions e
                         where e.milestone_id = p.milestone_id and e.contributor_id = p.contributor_id
                           and e.type = 'release' and e.status = 'completed' and e.amount_cents = p.payout_cents));
end
$$;
revoke execute on function private.milestone_released(uuid) from public;

-- The lead who delivered a milestone was paid their part (the gate for what comes next: the next
-- milestone starts then, and the mission completes once every milestone's lead is paid; the other
-- parts of a team payout each wait for their own payee and never hold the work up).
create function private.lead_paid(milestone_id uuid)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
begin
  return exists (select from public.milestone_payouts p join public.escrow_transactions e
                   on e.milestone_id = p.milestone_id and e.contributor_id = p.contributor_id
                 where p.milestone_id = lead_paid.milestone_id and p.role = 'lead'
                   and e.type = 'release' and e.status = 'completed');
end
$$;
revoke execute on function private.lead_paid(uuid) from public;

-- Payments only, once the lead's part of an approved milestone went out: the next milestone starts,
-- and the mission moves on (complete once every milestone's lead is paid).
create function private.after_lead_paid(milestone_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions;
  next_one uuid;
begin
  select x.* into m from public.missions x join public.milestones ms on ms.mission_id = x.id where ms.id = after_lead_paid.milestone_id;
  select id into next_one from public.milestones x
    where x.mission_id = m.id and x.status = 'pending' order by order_index limit 1;
  if next_one is not null and m.status in ('in_progress', 'in_review')
     and not exists (select from public.milestones x where x.mission_id = m.id and x.status in ('in_progress', 'revision')) then
    update public.milestones set status = 'in_progress' where id = next_one;
  end if;
  perform private.sync_mission_with_milestones(m.id);
end
$$;
revoke execute on function private.after_lead_paid(uuid) from public;

-- Payments only: the payout for an approved milestone went out (all its parts): it is paid.
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
begin
  ms := private.lock_milestone(milestone_id);
  select * into m from public.missions where id = ms.mission_id;
  if not private.milestone_released(ms.id) then
    raise exception 'A milestone is paid only when every part of its payout has its completed release in the escrow ledger.'
      using errcode = 'PT409';
  end if;
  before := ms.status;
  ms := private.move_milestone(ms, m, 'mark_paid', private.mission_actors(m));
  if before = 'approved' and ms.status = 'paid' then
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

-- The payee rule, enforced for every writer (the service role included): the parts of a milestone's
-- payout are written once, when it is approved, to members of the mission in the role they are paid
-- for, and never change; they add up to the milestone's payout after the fee; an approved or paid
-- milestone has them; a paid milestone has a completed release for each (checked at commit).
create function private.tg_milestone_payouts__guard()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  if tg_op <> 'INSERT' then
    raise exception 'The parts of a milestone payout are fixed when it is approved and never change.' using errcode = '55000';
  end if;
  -- (paid too: a milestone paid in the same transaction; it needs a completed release of each part at commit)
  if not exists (select from public.milestones ms where ms.id = new.milestone_id and ms.status in ('approved', 'paid')) then
    raise exception 'The parts of a milestone payout are written when it is approved.' using errcode = '55000';
  end if;
  if exists (select from public.escrow_transactions e where e.milestone_id = new.milestone_id and e.type = 'release') then
    raise exception 'This milestone''s payout has started: its parts are fixed.' using errcode = '55000';
  end if;
  if not exists (select from public.mission_assignments a where a.mission_id = new.mission_id
                 and a.contributor_id = new.contributor_id and a.role = new.role) then
    raise exception 'A part of a milestone payout goes to a member of its mission, in the role held.' using errcode = '23514';
  end if;
  return new;
end
$$;

create trigger tg_milestone_payouts__guard
  before insert or update or delete on public.milestone_payouts
  for each row execute function private.tg_milestone_payouts__guard();

create trigger tg_milestone_payouts__no_truncate
  before truncate on public.milestone_payouts
  for each statement execute function private.tg__append_only();

-- The checks at commit, for a milestone (from either table). SECURITY DEFINER: a deferred check runs
-- as whoever commits, and must see every row whatever that caller may read.
create function private.check_milestone_payouts(milestone_id uuid)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  ms public.milestones;
  m public.missions;
  parts bigint;
begin
  select * into ms from public.milestones x where x.id = check_milestone_payouts.milestone_id;
  if not found then
    return;
  end if;
  select * into m from public.missions x where x.id = ms.mission_id;
  select sum(p.payout_cents) into parts from public.milestone_payouts p where p.milestone_id = ms.id;
  if parts is null and ms.status not in ('approved', 'paid') then
    return;
  end if;
  if parts is null then
    raise exception 'An approved milestone names the parts of its payout.' using errcode = '23514';
  end if;
  if ms.status not in ('approved', 'paid') then
    raise exception 'Only an approved milestone has payout parts.' using errcode = '23514';
  end if;
  if parts <> ms.amount_cents - private.platform_fee(ms.amount_cents, m.platform_fee_bps) then
    raise exception 'The parts of a milestone payout (%) add up to its amount less the fee (%).', parts,
      ms.amount_cents - private.platform_fee(ms.amount_cents, m.platform_fee_bps) using errcode = '23514';
  end if;
  if not exists (select from public.milestone_payouts p where p.milestone_id = ms.id and p.role = 'lead') then
    raise exception 'A milestone payout has a part for the lead who delivered it.' using errcode = '23514';
  end if;
  if ms.status = 'paid' and not private.milestone_released(ms.id) then
    raise exception 'A milestone is paid only by a completed release of every part of its payout in the escrow ledger.'
      using errcode = '23514';
  end if;
end
$$;

revoke execute on function private.check_milestone_payouts(uuid) from public;
grant execute on function private.check_milestone_payouts(uuid) to authenticated, service_role;

create function private.tg_milestones__money_proven()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  perform private.check_milestone_payouts(new.id);
  return null;
end
$$;

create constraint trigger tg_milestones__money_proven
  after insert or update of status on public.milestones
  deferrable initially deferred
  for each row when (new.status in ('approved', 'paid'))
  execute function private.tg_milestones__money_proven();

-- Written parts are exactly the split the rule gives (private.split_payout for the lead part's payee
-- and the team as it is when they are written), for every writer.
create function private.check_payout_split(milestone_id uuid)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  ms public.milestones;
  m public.missions;
  lead uuid;
begin
  select * into ms from public.milestones x where x.id = check_payout_split.milestone_id;
  select * into m from public.missions x where x.id = ms.mission_id;
  select p.contributor_id into lead from public.milestone_payouts p where p.milestone_id = ms.id and p.role = 'lead';
  if exists (
       (select p.contributor_id, p.role, p.share_bps, p.payout_cents from public.milestone_payouts p where p.milestone_id = ms.id
        except
        select s.contributor_id, s.role, s.share_bps, s.payout_cents from private.split_payout(ms, m, lead) s)
       union all
       (select s.contributor_id, s.role, s.share_bps, s.payout_cents from private.split_payout(ms, m, lead) s
        except
        select p.contributor_id, p.role, p.share_bps, p.payout_cents from public.milestone_payouts p where p.milestone_id = ms.id)) then
    raise exception 'The parts of a milestone payout are the mission''s shares of it, split by the team''s roles.' using errcode = '23514';
  end if;
end
$$;
revoke execute on function private.check_payout_split(uuid) from public;
grant execute on function private.check_payout_split(uuid) to authenticated, service_role;

create function private.tg_milestone_payouts__adds_up()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  perform private.check_milestone_payouts(new.milestone_id);
  return null;
end
$$;

-- The split is checked when the statement writing the parts ends (approval writes them all in one
-- statement), against the team as it is then: not at commit, when the same transaction may have
-- moved the team on (a dispute resolved as completed completes the assignments).
create function private.tg_milestone_payouts__split()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
declare
  one uuid;
begin
  for one in select distinct w.milestone_id from written w loop
    perform private.check_payout_split(one);
  end loop;
  return null;
end
$$;

create trigger tg_milestone_payouts__split
  after insert on public.milestone_payouts
  referencing new table as written
  for each statement execute function private.tg_milestone_payouts__split();

create constraint trigger tg_milestone_payouts__adds_up
  after insert on public.milestone_payouts
  deferrable initially deferred
  for each row execute function private.tg_milestone_payouts__adds_up();

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
