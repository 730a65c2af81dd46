-- Proof tasks verify contributors: an admin-managed library of tasks with private grading guides,
-- the contributors' submissions, and the RPCs around them:
--   one current task per contributor (never one they attempted), a timer that starts when they open
--   it, late answers flagged, grading by admins that moves verification_status
--   (pending -> proof_task_submitted -> verified | rejected), and a cooldown before a retake.
--
-- Errors: 42501 not allowed, PT404 not found, 22023 bad input, PT409 wrong state, PT429 limited.

create type public.proof_task_difficulty as enum ('easy', 'medium', 'hard');

create type public.proof_task_submission_status as enum ('submitted', 'under_review', 'passed', 'failed');

create table public.proof_tasks (
  id uuid primary key default gen_random_uuid(),
  title varchar(255) not null check (length(btrim(title)) between 3 and 255),
  scenario text not null check (length(btrim(scenario)) between 1 and 50000),
  difficulty public.proof_task_difficulty not null default 'medium',
  time_limit_minutes integer not null default 45 check (time_limit_minutes between 5 and 480),
  category varchar(50) not null check (category ~ '^[a-z][a-z0-9_]{1,49}$'), -- 'backend', 'frontend', 'system_design', ...
  is_active boolean not null default true,
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.proof_tasks is 'The proof task library. A contributor sees only the tasks given to them; admins manage it.';

create index proof_tasks_category_idx on public.proof_tasks (category, difficulty) where is_active;

create index proof_tasks_created_by_idx on public.proof_tasks (created_by);

create table public.proof_task_grading_guides (
  task_id uuid primary key references public.proof_tasks (id) on delete cascade,
  expected_approach text not null check (length(expected_approach) <= 50000),
  updated_at timestamptz not null default now()
);
comment on table public.proof_task_grading_guides is 'The blueprint''s proof_tasks.expected_approach: admins only.';

create table public.proof_task_submissions (
  id uuid primary key default gen_random_uuid(),
  contributor_id uuid not null references public.contributor_profiles (id) on delete cascade,
  task_id uuid not null references public.proof_tasks (id) on delete restrict,
  answer text not null check (length(btrim(answer)) between 1 and 100000),
  time_taken_seconds integer check (time_taken_seconds >= 0),
  score numeric(5, 2) check (score between 0 and 100),
  feedback text check (length(feedback) <= 20000),
  evaluated_by uuid references public.profiles (id) on delete set null,
  status public.proof_task_submission_status not null default 'submitted',
  created_at timestamptz not null default now(),
  evaluated_at timestamptz,
  constraint unique_submission unique (contributor_id, task_id),
  constraint proof_task_submissions_graded check ((status in ('passed', 'failed')) = (score is not null and evaluated_at is not null)),
  -- Tables
  -- Proof task submissions learn when the timer started and whether the answer came in late.
  started_at timestamptz,
  is_late boolean not null default false
);
comment on table public.proof_task_submissions is 'A contributor''s answer to a proof task. The contributor and admins only.';

create index proof_task_submissions_task_idx on public.proof_task_submissions (task_id);

create index proof_task_submissions_evaluated_by_idx on public.proof_task_submissions (evaluated_by);

create index proof_task_submissions_queue_idx on public.proof_task_submissions (created_at) where status in ('submitted', 'under_review');

create trigger tg_proof_tasks__set_updated_at before update on public.proof_tasks
  for each row execute function private.tg__set_updated_at();

create trigger tg_proof_task_grading_guides__set_updated_at before update on public.proof_task_grading_guides
  for each row execute function private.tg__set_updated_at();

alter table public.proof_tasks enable row level security;
alter table public.proof_task_grading_guides enable row level security;
alter table public.proof_task_submissions enable row level security;

grant select on public.proof_tasks to authenticated;
grant insert (title, scenario, difficulty, time_limit_minutes, category, is_active),
      update (title, scenario, difficulty, time_limit_minutes, category, is_active)
  on public.proof_tasks to authenticated;
grant all on public.proof_tasks to service_role;

create policy "Contributors see the tasks given to them; admins see all"
  on public.proof_tasks for select to authenticated
  using (
    exists (select from public.proof_task_submissions s
            where s.task_id = proof_tasks.id and s.contributor_id = (select private.my_contributor_id()))
    or (select private.is_admin())
  );

create policy "Admins add proof tasks"
  on public.proof_tasks for insert to authenticated
  with check ((select private.is_admin()));

create policy "Admins change proof tasks"
  on public.proof_tasks for update to authenticated
  using ((select private.is_admin()))
  with check ((select private.is_admin()));

grant select, insert (task_id, expected_approach), update (expected_approach) on public.proof_task_grading_guides to authenticated;
grant all on public.proof_task_grading_guides to service_role;

create policy "Admins read grading guides"
  on public.proof_task_grading_guides for select to authenticated
  using ((select private.is_admin()));

create policy "Admins add grading guides"
  on public.proof_task_grading_guides for insert to authenticated
  with check ((select private.is_admin()));

create policy "Admins change grading guides"
  on public.proof_task_grading_guides for update to authenticated
  using ((select private.is_admin()))
  with check ((select private.is_admin()));

grant select on public.proof_task_submissions to authenticated;
grant all on public.proof_task_submissions to service_role;

-- No admin arm (an OR with a bare boolean forces a scan when the client omits the filter): admins
-- read answers through public.admin_proof_task_queue() and public.admin_read().
create policy "Contributors see their own answers"
  on public.proof_task_submissions for select to authenticated
  using (contributor_id = (select private.my_contributor_id()));

create trigger tg_proof_tasks__audit after insert or update or delete on public.proof_tasks
  for each row execute function private.tg__audit('proof_task');

create trigger tg_proof_task_grading_guides__audit after insert or update on public.proof_task_grading_guides
  for each row execute function private.tg__audit('proof_task_guide');

create trigger tg_proof_task_submissions__audit after update on public.proof_task_submissions
  for each row execute function private.tg__audit('proof_task_submission', 'status', 'score');
comment on column public.proof_task_submissions.started_at is 'When the contributor opened the task and its timer started (NULL for answers recorded before timers).';
comment on column public.proof_task_submissions.is_late is 'True when the answer came in after started_at + the task''s time_limit_minutes.';

insert into private.settings (key, value, description) values
  ('proof_task_retake_cooldown_days', '14', 'After a failed proof task, a contributor waits this many days before taking another.'),
  ('proof_task_pass_mark', '70', 'A graded proof task passes at this score (0-100) unless the grader says otherwise.')
on conflict (key) do nothing;

-- A task given to a contributor: assigned, then started (the timer), then submitted. A task once
-- given is never given to the same person again; at most one is open at a time. Keyed on the
-- person (user_id), not on the contributor profile: a role change that removes the contributor
-- profile does not reset the history (contributor_id is then cleared, user_id stays).
create table private.proof_task_attempts (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  contributor_id uuid references public.contributor_profiles (id) on delete set null,
  task_id uuid not null references public.proof_tasks (id) on delete cascade,
  assigned_at timestamptz not null default now(),
  started_at timestamptz,
  due_at timestamptz,
  submitted_at timestamptz,
  submission_id uuid references public.proof_task_submissions (id) on delete set null,
  constraint proof_task_attempts_once unique (user_id, task_id),
  constraint proof_task_attempts_timer check ((started_at is null) = (due_at is null) and (due_at is null or due_at > started_at)),
  constraint proof_task_attempts_order check (submitted_at is null or started_at is not null)
);
comment on table private.proof_task_attempts is 'Proof tasks given to contributors and their timers. Written by the proof task RPCs only. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

create unique index proof_task_attempts_one_open on private.proof_task_attempts (user_id) where submitted_at is null;

create index proof_task_attempts_contributor_idx on private.proof_task_attempts (contributor_id) where contributor_id is not null;

create index proof_task_attempts_task_idx on private.proof_task_attempts (task_id);

create index proof_task_attempts_submission_idx on private.proof_task_attempts (submission_id) where submission_id is not null;
alter table private.proof_task_attempts enable row level security;
revoke all on private.proof_task_attempts from public;

-- The caller's contributor profile id; 42501 for anyone who is not a contributor.
create function private.require_contributor()
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
  contributor uuid;
begin
  perform private.require_active_user();
  contributor := private.my_contributor_id();
  if contributor is null then
    raise exception 'Only contributors take proof tasks.' using errcode = '42501';
  end if;
  return contributor;
end
$$;

-- What a contributor sees of a task given to them: never the grading guide, and the scenario only
-- once the timer runs.
create function private.proof_task_attempt_view(attempt_id uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'task_id', t.id,
    'title', t.title,
    'category', t.category,
    'difficulty', t.difficulty,
    'time_limit_minutes', t.time_limit_minutes,
    'scenario', case when a.started_at is not null then t.scenario end,
    'status', case when a.submitted_at is not null then 'submitted' when a.started_at is not null then 'started' else 'assigned' end,
    'assigned_at', a.assigned_at,
    'started_at', a.started_at,
    'due_at', a.due_at,
    'seconds_left', case when a.due_at is not null and a.submitted_at is null
                         then greatest(0, floor(extract(epoch from a.due_at - private.clock())))::integer end)
  from private.proof_task_attempts a
  join public.proof_tasks t on t.id = a.task_id
  where a.id = attempt_id
$$;

-- =============================================================================================
-- Proof tasks (contributors)
-- =============================================================================================

-- GET /proof-tasks/current: the caller's current task, giving them one when they have none: an active
-- task (of `category` when given) they never attempted. Without the scenario until started, and
-- never with the grading guide.
--   PT409  already verified / an answer awaits grading / still in the retake cooldown
--   PT404  no task left to give
create function private.get_current_proof_task(category text default null)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  contributor uuid := private.require_contributor();
  wanted text := nullif(lower(btrim(category)), '');
  status public.verification_status;
  open_attempt private.proof_task_attempts;
  last_failure timestamptz;
  retake_at timestamptz;
  picked uuid;
  new_id uuid;
begin
  if wanted is not null and wanted !~ '^[a-z][a-z0-9_]{1,49}$' then
    raise exception 'Unknown proof task category "%".', left(category, 50) using errcode = '22023';
  end if;
  -- One caller at a time per contributor: no two tasks handed out concurrently.
  select c.verification_status into status from public.contributor_profiles c where c.id = contributor for update;
  if status = 'verified' then
    raise exception 'You are already verified: there is no proof task to take.' using errcode = 'PT409';
  end if;

  select * into open_attempt from private.proof_task_attempts a
    where a.user_id = private.uid() and a.submitted_at is null;
  if found then
    if open_attempt.started_at is not null
       or exists (select from public.proof_tasks t where t.id = open_attempt.task_id and t.is_active) then
      return private.proof_task_attempt_view(open_attempt.id);
    end if;
    -- Retired before it was opened: give another one instead.
    delete from private.proof_task_attempts where id = open_attempt.id;
  end if;

  if exists (select from public.proof_task_submissions s
             where s.contributor_id = contributor and s.status in ('submitted', 'under_review')) then
    raise exception 'Your proof task answer is waiting to be graded.' using errcode = 'PT409';
  end if;

  select max(s.evaluated_at) into last_failure from public.proof_task_submissions s
    where s.contributor_id = contributor and s.status = 'failed';
  retake_at := last_failure + make_interval(days => private.setting_int('proof_task_retake_cooldown_days'));
  if retake_at > private.clock() then
    raise exception 'You can take a new proof task from %.', to_char(retake_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')
      using errcode = 'PT409', detail = format('retake_at=%s', retake_at);
  end if;

  select t.id into picked from public.proof_tasks t
  where t.is_active and (wanted is null or t.category = wanted)
    and not exists (select from private.proof_task_attempts a where a.user_id = private.uid() and a.task_id = t.id)
    and not exists (select from public.proof_task_submissions s where s.contributor_id = contributor and s.task_id = t.id)
  order by random()
  limit 1;
  if picked is null then
    raise exception 'No proof task is available%: ask again later.', case when wanted is not null then ' in category ' || wanted else '' end
      using errcode = 'PT404';
  end if;

  insert into private.proof_task_attempts (user_id, contributor_id, task_id, assigned_at)
  values (private.uid(), contributor, picked, private.clock())
  returning id into new_id;
  perform private.emit('proof_task:assigned', null, 'proof_task', picked, jsonb_build_object('contributor_id', contributor));
  return private.proof_task_attempt_view(new_id);
end
$$;
revoke execute on function private.get_current_proof_task(text) from public;
grant execute on function private.get_current_proof_task(text) to authenticated, service_role;

create function public.get_current_proof_task(category text default null)
returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.get_current_proof_task(get_current_proof_task.category)
$$;
revoke execute on function public.get_current_proof_task(text) from public;
grant execute on function public.get_current_proof_task(text) to authenticated, service_role;

-- POST /proof-tasks/:id/start: the timer starts now (a retry keeps the first start) and the
-- scenario is shown.
create function private.start_proof_task(task_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  contributor uuid := private.require_contributor();
  attempt private.proof_task_attempts;
  at timestamptz := private.clock();
  limit_minutes integer;
begin
  select * into attempt from private.proof_task_attempts a
    where a.user_id = private.uid() and a.task_id = start_proof_task.task_id for update;
  if not found then
    raise exception 'This proof task is not assigned to you.' using errcode = 'PT404';
  end if;
  if attempt.submitted_at is not null then
    raise exception 'You already submitted this proof task.' using errcode = 'PT409';
  end if;
  if attempt.started_at is null then
    select t.time_limit_minutes into limit_minutes from public.proof_tasks t where t.id = attempt.task_id and t.is_active;
    if limit_minutes is null then
      raise exception 'This proof task was retired: ask for your current task again.' using errcode = 'PT409';
    end if;
    update private.proof_task_attempts set started_at = at, due_at = at + make_interval(mins => limit_minutes)
      where id = attempt.id;
    perform private.emit('proof_task:started', null, 'proof_task', attempt.task_id,
      jsonb_build_object('contributor_id', contributor, 'due_at', at + make_interval(mins => limit_minutes)));
  end if;
  return private.proof_task_attempt_view(attempt.id);
end
$$;
revoke execute on function private.start_proof_task(uuid) from public;
grant execute on function private.start_proof_task(uuid) to authenticated, service_role;

create function public.start_proof_task(task_id uuid)
returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.start_proof_task(start_proof_task.task_id)
$$;
revoke execute on function public.start_proof_task(uuid) from public;
grant execute on function public.start_proof_task(uuid) to authenticated, service_role;

-- POST /proof-tasks/:id/submit: the answer, once. After the time limit it is accepted but flagged
-- is_late. The contributor's verification moves to proof_task_submitted.
create function private.submit_proof_task(task_id uuid, answer text)
returns public.proof_task_submissions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  contributor uuid := private.require_contributor();
  attempt private.proof_task_attempts;
  at timestamptz := private.clock();
  result public.proof_task_submissions;
begin
  if coalesce(btrim(answer), '') = '' then
    raise exception 'Write an answer before submitting.' using errcode = '22023';
  end if;
  if length(answer) > 100000 then
    raise exception 'An answer can be at most 100,000 characters.' using errcode = '22023';
  end if;
  select * into attempt from private.proof_task_attempts a
    where a.user_id = private.uid() and a.task_id = submit_proof_task.task_id for update;
  if not found then
    raise exception 'This proof task is not assigned to you.' using errcode = 'PT404';
  end if;
  if attempt.submitted_at is not null then
    raise exception 'You already submitted this proof task.' using errcode = 'PT409';
  end if;
  if attempt.started_at is null then
    raise exception 'Start the proof task before submitting an answer.' using errcode = 'PT409';
  end if;

  insert into public.proof_task_submissions (contributor_id, task_id, answer, time_taken_seconds, started_at, is_late, created_at)
  values (contributor, attempt.task_id, answer, greatest(0, floor(extract(epoch from at - attempt.started_at)))::integer,
          attempt.started_at, at > attempt.due_at, at)
  returning * into result;
  update private.proof_task_attempts set submitted_at = at, submission_id = result.id where id = attempt.id;
  update public.contributor_profiles set verification_status = 'proof_task_submitted'
    where id = contributor and verification_status in ('pending', 'rejected');
  perform private.emit('proof_task:submitted', null, 'proof_task_submission', result.id,
    jsonb_build_object('contributor_id', contributor, 'task_id', result.task_id, 'is_late', result.is_late));
  return result;
end
$$;
revoke execute on function private.submit_proof_task(uuid, text) from public;
grant execute on function private.submit_proof_task(uuid, text) to authenticated, service_role;

create function public.submit_proof_task(task_id uuid, answer text)
returns public.proof_task_submissions
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.submit_proof_task(submit_proof_task.task_id, submit_proof_task.answer)
$$;
revoke execute on function public.submit_proof_task(uuid, text) from public;
grant execute on function public.submit_proof_task(uuid, text) to authenticated, service_role;

-- =============================================================================================
-- Proof tasks (admins). The library itself is managed with plain inserts and updates on
-- proof_tasks and proof_task_grading_guides (admins only, under RLS, audited by triggers).
-- =============================================================================================

-- POST /admin/proof-tasks/submissions/:id/grade. `passed` defaults to score >= the pass mark
-- (setting proof_task_pass_mark). Passing verifies the contributor; failing rejects them (a
-- contributor already verified stays verified) and starts the retake cooldown.
create function private.grade_proof_task(submission_id uuid, score numeric, feedback text default null, passed boolean default null)
returns public.proof_task_submissions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  sub public.proof_task_submissions;
  before public.proof_task_submissions;
  verdict boolean;
  at timestamptz := private.clock();
  contributor_user uuid;
begin
  perform private.require_admin();
  if score is null or score < 0 or score > 100 then
    raise exception 'The score must be between 0 and 100.' using errcode = '22023';
  end if;
  if length(feedback) > 20000 then
    raise exception 'Feedback can be at most 20,000 characters.' using errcode = '22023';
  end if;
  select * into before from public.proof_task_submissions s where s.id = grade_proof_task.submission_id for update;
  if not found then
    raise exception 'No such proof task submission.' using errcode = 'PT404';
  end if;
  if before.status in ('passed', 'failed') then
    raise exception 'This answer was already graded (%).', before.status using errcode = 'PT409';
  end if;
  verdict := coalesce(passed, score >= private.setting_int('proof_task_pass_mark'));

  update public.proof_task_submissions s set
    status = case when verdict then 'passed' else 'failed' end::public.proof_task_submission_status,
    score = round(grade_proof_task.score, 2),
    feedback = nullif(btrim(grade_proof_task.feedback), ''),
    evaluated_by = private.uid(),
    evaluated_at = at
  where s.id = before.id
  returning * into sub;

  update public.contributor_profiles c set
    verification_status = case when verdict then 'verified'::public.verification_status
                               when c.verification_status = 'verified' then c.verification_status
                               else 'rejected'::public.verification_status end,
    verification_date = case when verdict or c.verification_status <> 'verified' then at else c.verification_date end
  where c.id = sub.contributor_id
  returning c.user_id into contributor_user;

  -- The trust score, where the reputation module is installed (its triggers usually did it already).
  if to_regprocedure('private.refresh_reputation(uuid[])') is not null then
    execute 'select private.refresh_reputation($1)' using array[sub.contributor_id];
  end if;

  perform private.audit('proof_task.graded', 'proof_task_submission', sub.id,
    jsonb_build_object('status', before.status, 'score', before.score),
    jsonb_build_object('status', sub.status, 'score', sub.score, 'feedback', sub.feedback),
    jsonb_build_object('contributor_id', sub.contributor_id, 'task_id', sub.task_id, 'passed', verdict, 'is_late', sub.is_late));
  perform private.emit('proof_task:graded', null, 'proof_task_submission', sub.id,
    jsonb_build_object('contributor_id', sub.contributor_id, 'user_id', contributor_user, 'task_id', sub.task_id,
                       'passed', verdict, 'score', sub.score, 'is_late', sub.is_late,
                       'retake_at', case when not verdict
                                         then at + make_interval(days => private.setting_int('proof_task_retake_cooldown_days')) end));
  return sub;
end
$$;
revoke execute on function private.grade_proof_task(uuid, numeric, text, boolean) from public;
grant execute on function private.grade_proof_task(uuid, numeric, text, boolean) to authenticated, service_role;

create function public.grade_proof_task(submission_id uuid, score numeric, feedback text default null, passed boolean default null)
returns public.proof_task_submissions
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.grade_proof_task(grade_proof_task.submission_id, grade_proof_task.score, grade_proof_task.feedback, grade_proof_task.passed)
$$;
revoke execute on function public.grade_proof_task(uuid, numeric, text, boolean) from public;
grant execute on function public.grade_proof_task(uuid, numeric, text, boolean) to authenticated, service_role;

-- GET /admin/proof-tasks/submissions: answers to grade (oldest first), with the grading guide.
create function private.admin_proof_task_queue(status public.proof_task_submission_status default 'submitted',
                                              page_size integer default 50, page_offset integer default 0)
returns table (
  submission_id uuid,
  contributor_id uuid,
  contributor_name text,
  task_id uuid,
  task_title text,
  category text,
  difficulty public.proof_task_difficulty,
  time_limit_minutes integer,
  answer text,
  expected_approach text,
  started_at timestamptz,
  submitted_at timestamptz,
  time_taken_seconds integer,
  is_late boolean,
  status public.proof_task_submission_status,
  score numeric,
  total_count bigint
)
language sql
volatile
security definer
set search_path = ''
as $$
  select private.require_admin();
  select private.audit('admin.proof_task_queue_viewed', 'proof_task_submission', null, null, null,
                       jsonb_build_object('status', admin_proof_task_queue.status));
  select s.id, s.contributor_id, p.full_name::text, t.id, t.title::text, t.category::text, t.difficulty, t.time_limit_minutes,
         s.answer, g.expected_approach, s.started_at, s.created_at, s.time_taken_seconds, s.is_late, s.status, s.score,
         count(*) over ()
  from public.proof_task_submissions s
  join public.proof_tasks t on t.id = s.task_id
  join public.contributor_profiles c on c.id = s.contributor_id
  join public.profiles p on p.id = c.user_id
  left join public.proof_task_grading_guides g on g.task_id = t.id
  where admin_proof_task_queue.status is null or s.status = admin_proof_task_queue.status
  order by s.created_at, s.id
  limit least(greatest(coalesce(page_size, 50), 1), 200) offset greatest(coalesce(page_offset, 0), 0)
$$;
revoke execute on function private.admin_proof_task_queue(public.proof_task_submission_status, integer, integer) from public;
grant execute on function private.admin_proof_task_queue(public.proof_task_submission_status, integer, integer) to authenticated, service_role;

create function public.admin_proof_task_queue(status public.proof_task_submission_status default 'submitted',
                                              page_size integer default 50, page_offset integer default 0)
returns table (
  submission_id uuid,
  contributor_id uuid,
  contributor_name text,
  task_id uuid,
  task_title text,
  category text,
  difficulty public.proof_task_difficulty,
  time_limit_minutes integer,
  answer text,
  expected_approach text,
  started_at timestamptz,
  submitted_at timestamptz,
  time_taken_seconds integer,
  is_late boolean,
  status public.proof_task_submission_status,
  score numeric,
  total_count bigint
)
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.admin_proof_task_queue(admin_proof_task_queue.status, admin_proof_task_queue.page_size, admin_proof_task_queue.page_offset)
$$;
revoke execute on function public.admin_proof_task_queue(public.proof_task_submission_status, integer, integer) from public;
grant execute on function public.admin_proof_task_queue(public.proof_task_submission_status, integer, integer) to authenticated, service_role;
