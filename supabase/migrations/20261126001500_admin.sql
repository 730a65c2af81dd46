-- Admin, proof tasks, privacy and request limits.
--
--   1. Proof tasks: one current task per contributor (never one they attempted), a timer that starts
--      when they open it, late answers flagged, grading by admins that moves verification_status
--      (pending -> proof_task_submitted -> verified | rejected), and a cooldown before a retake.
--   2. Admin functions for the blueprint's admin endpoints: user search (email from auth.users),
--      suspend / ban / reinstate, all missions, analytics, the grading queue. Every one checks
--      private.require_admin() and writes an audit entry (private.audit).
--   3. Privacy: export_my_data() (everything about the caller, nobody else) and delete_my_account()
--      (+ admin_delete_account): personal data anonymized, financial records kept.
--   4. The Data API's pre-request check, public.check_request(): banned accounts are refused, and
--      fixed-window limits per IP and per user on payment paths raise SQLSTATE PT429 (HTTP 429).
--
-- Errors: 42501 not allowed, PT404 not found, 22023 bad input, PT409 wrong state, PT429 limited.
--
-- Order: settings, tables, helpers, proof task RPCs, admin RPCs, privacy RPCs, request check, grants.

-- =============================================================================================
-- Settings
-- =============================================================================================
insert into private.settings (key, value, description) values
  ('proof_task_retake_cooldown_days', '14', 'After a failed proof task, a contributor waits this many days before taking another.'),
  ('proof_task_pass_mark', '70', 'A graded proof task passes at this score (0-100) unless the grader says otherwise.'),
  ('rate_limit_ip_per_minute', '100', 'Data API requests one IP address may make per minute.'),
  ('rate_limit_payments_per_user_per_minute', '10', 'Payment requests one user may make per minute (Data API and the payments Edge Function share the counter).'),
  ('rate_limit_payment_paths', to_jsonb('^(/rest/v1)?/(rpc/[a-z0-9_]*(payment|payout|escrow|deposit|refund|fund|release|transfer|stripe|connected_account)[a-z0-9_]*|escrow_transactions)(/|\?|$)'::text),
   'Data API paths (request.path, a POSIX regular expression) that count against the per-user payment limit.')
on conflict (key) do nothing;

create function private.setting_text(key text)
returns text
language sql
stable
set search_path = ''
as $$
  select value #>> '{}' from private.settings where settings.key = setting_text.key
$$;

-- =============================================================================================
-- Tables
-- =============================================================================================

-- Proof task submissions learn when the timer started and whether the answer came in late.
alter table public.proof_task_submissions
  add column started_at timestamptz,
  add column is_late boolean not null default false;
comment on column public.proof_task_submissions.started_at is 'When the contributor opened the task and its timer started (NULL for answers recorded before timers).';
comment on column public.proof_task_submissions.is_late is 'True when the answer came in after started_at + the task''s time_limit_minutes.';

-- A task given to a contributor: assigned, then started (the timer), then submitted. A task once
-- given is never given to the same contributor again; at most one is open at a time.
create table private.proof_task_attempts (
  id uuid primary key default gen_random_uuid(),
  contributor_id uuid not null references public.contributor_profiles (id) on delete cascade,
  task_id uuid not null references public.proof_tasks (id) on delete cascade,
  assigned_at timestamptz not null default now(),
  started_at timestamptz,
  due_at timestamptz,
  submitted_at timestamptz,
  submission_id uuid references public.proof_task_submissions (id) on delete set null,
  constraint proof_task_attempts_once unique (contributor_id, task_id),
  constraint proof_task_attempts_timer check ((started_at is null) = (due_at is null) and (due_at is null or due_at > started_at)),
  constraint proof_task_attempts_order check (submitted_at is null or started_at is not null)
);
comment on table private.proof_task_attempts is 'Proof tasks given to contributors and their timers. Written by the proof task RPCs only.';
create unique index proof_task_attempts_one_open on private.proof_task_attempts (contributor_id) where submitted_at is null;
create index proof_task_attempts_task_idx on private.proof_task_attempts (task_id);
create index proof_task_attempts_submission_idx on private.proof_task_attempts (submission_id) where submission_id is not null;
alter table private.proof_task_attempts enable row level security;
revoke all on private.proof_task_attempts from public;

-- Accounts deleted at their owner's (or an admin's) request: anonymized, never reinstated.
create table private.account_deletions (
  user_id uuid primary key references auth.users (id) on delete cascade,
  deleted_at timestamptz not null default now(),
  deleted_by uuid,
  reason text check (length(reason) <= 2000)
);
comment on table private.account_deletions is 'Accounts anonymized by delete_my_account() / admin_delete_account().';
alter table private.account_deletions enable row level security;
revoke all on private.account_deletions from public;

-- =============================================================================================
-- Helpers. Called only from the SECURITY DEFINER RPCs below (so they already run as the owner):
-- plain invoker functions, executable by nobody else.
-- =============================================================================================

-- Raises unless the caller is signed in and not banned (suspended accounts may still read their own
-- data and export it); returns the user id.
create function private.require_unbanned_user()
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
  uid uuid := private.current_user_id();
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

-- The client's IP address for rate limits: cf-connecting-ip (Cloudflare, in front of Supabase's API,
-- overwrites whatever a client sends), else the first x-forwarded-for entry, else x-real-ip. NULL
-- when there is none (or it is not an address).
create function private.client_ip()
returns inet
language plpgsql
stable
set search_path = ''
as $$
declare
  headers jsonb;
  candidate text;
begin
  headers := nullif(current_setting('request.headers', true), '')::jsonb;
  candidate := btrim(coalesce(nullif(btrim(headers ->> 'cf-connecting-ip'), ''),
                              nullif(btrim(split_part(headers ->> 'x-forwarded-for', ',', 1)), ''),
                              nullif(btrim(headers ->> 'x-real-ip'), ''), ''));
  if candidate = '' then
    return null;
  end if;
  return candidate::inet;
exception when others then
  return null;
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

-- Counts one hit against a fixed-window limit and raises PT429 past it. In a read-only transaction
-- (PostgREST runs GET and HEAD, and POST to stable functions, read-only) nothing can be written: the
-- window is checked without counting.
create function private.enforce_rate_limit(key text, max_hits integer, window_seconds integer, message text)
returns void
language plpgsql
volatile
set search_path = ''
as $$
declare
  verdict record;
  started timestamptz := to_timestamp(floor(extract(epoch from now()) / window_seconds) * window_seconds);
  used integer;
begin
  if current_setting('transaction_read_only') = 'on' then
    select c.hits into used from private.rate_limit_counters c where c.key = enforce_rate_limit.key and c.window_start = started;
    if coalesce(used, 0) >= max_hits then
      raise exception '%', message using errcode = 'PT429',
        detail = format('Limit: %s requests per %s seconds.', max_hits, window_seconds),
        hint = format('Try again in %s seconds.', ceil(extract(epoch from started + make_interval(secs => window_seconds) - now()))::integer);
    end if;
    return;
  end if;
  select * into verdict from public.check_rate_limit(key, max_hits, window_seconds);
  if not verdict.allowed then
    raise exception '%', message using errcode = 'PT429',
      detail = format('Limit: %s requests per %s seconds.', max_hits, window_seconds),
      hint = format('Try again in %s seconds.', verdict.retry_after_seconds);
  end if;
end
$$;

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
-- Proof tasks (contributors)
-- =============================================================================================

-- GET /proof-tasks/current: the caller's current task, giving them one when they have none: an active
-- task (of `category` when given) they never attempted. Without the scenario until started, and
-- never with the grading guide.
--   PT409  already verified / an answer awaits grading / still in the retake cooldown
--   PT404  no task left to give
create function public.get_current_proof_task(category text default null)
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
    where a.contributor_id = contributor and a.submitted_at is null;
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
    and not exists (select from private.proof_task_attempts a where a.contributor_id = contributor and a.task_id = t.id)
    and not exists (select from public.proof_task_submissions s where s.contributor_id = contributor and s.task_id = t.id)
  order by random()
  limit 1;
  if picked is null then
    raise exception 'No proof task is available%: ask again later.', case when wanted is not null then ' in category ' || wanted else '' end
      using errcode = 'PT404';
  end if;

  insert into private.proof_task_attempts (contributor_id, task_id, assigned_at)
  values (contributor, picked, private.clock())
  returning id into new_id;
  perform private.emit('proof_task:assigned', null, 'proof_task', picked, jsonb_build_object('contributor_id', contributor));
  return private.proof_task_attempt_view(new_id);
end
$$;

-- POST /proof-tasks/:id/start: the timer starts now (a retry keeps the first start) and the
-- scenario is shown.
create function public.start_proof_task(task_id uuid)
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
    where a.contributor_id = contributor and a.task_id = start_proof_task.task_id for update;
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

-- POST /proof-tasks/:id/submit: the answer, once. After the time limit it is accepted but flagged
-- is_late. The contributor's verification moves to proof_task_submitted.
create function public.submit_proof_task(task_id uuid, answer text)
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
    where a.contributor_id = contributor and a.task_id = submit_proof_task.task_id for update;
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

-- =============================================================================================
-- Proof tasks (admins). The library itself is managed with plain inserts and updates on
-- proof_tasks and proof_task_grading_guides (admins only, under RLS, audited by triggers).
-- =============================================================================================

-- POST /admin/proof-tasks/submissions/:id/grade. `passed` defaults to score >= the pass mark
-- (setting proof_task_pass_mark). Passing verifies the contributor; failing rejects them (a
-- contributor already verified stays verified) and starts the retake cooldown.
create function public.grade_proof_task(submission_id uuid, score numeric, feedback text default null, passed boolean default null)
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
    evaluated_by = auth.uid(),
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

-- GET /admin/proof-tasks/submissions: answers to grade (oldest first), with the grading guide.
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

create function public.admin_search_users(
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
  if p.id = auth.uid() then
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

create function public.suspend_user(user_id uuid, reason text)
returns public.profiles
language sql
volatile
security definer
set search_path = ''
as $$
  select private.set_account_status(suspend_user.user_id, 'suspend', suspend_user.reason)
$$;

create function public.ban_user(user_id uuid, reason text)
returns public.profiles
language sql
volatile
security definer
set search_path = ''
as $$
  select private.set_account_status(ban_user.user_id, 'ban', ban_user.reason)
$$;

create function public.reinstate_user(user_id uuid, reason text default null)
returns public.profiles
language sql
volatile
security definer
set search_path = ''
as $$
  select private.set_account_status(reinstate_user.user_id, 'reinstate', reinstate_user.reason)
$$;

-- =============================================================================================
-- Admin: missions and analytics
-- =============================================================================================

-- GET /admin/missions: every mission, filtered by status, initiator, creation date and a title
-- search; newest first, a page at a time, with what its milestones add up to and escrow holds.
create function public.admin_list_missions(
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
create function public.admin_analytics(period_start timestamptz default null, period_end timestamptz default null)
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

-- =============================================================================================
-- Privacy
-- =============================================================================================

-- GET /me/export: everything the platform holds about the caller, as one JSON document. Only ever
-- the caller's own rows: it takes no argument and every part is keyed by auth.uid().
create function public.export_my_data()
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_unbanned_user();
  contributor uuid := private.my_contributor_id();
  initiator uuid := private.my_initiator_id();
  doc jsonb;
begin
  doc := jsonb_build_object(
    'format', 'people-export/1',
    'exported_at', now(),
    'user_id', uid,
    'account', (select jsonb_build_object('email', u.email, 'phone', u.phone, 'created_at', u.created_at,
                         'email_confirmed_at', u.email_confirmed_at, 'last_sign_in_at', u.last_sign_in_at,
                         'user_metadata', coalesce(u.raw_user_meta_data, '{}'::jsonb),
                         'providers', coalesce(u.raw_app_meta_data -> 'providers', '[]'::jsonb))
                from auth.users u where u.id = uid),
    'identities', (select coalesce(jsonb_agg(jsonb_build_object('provider', i.provider, 'identity_data', i.identity_data,
                            'created_at', i.created_at, 'last_sign_in_at', i.last_sign_in_at) order by i.created_at), '[]'::jsonb)
                   from auth.identities i where i.user_id = uid),
    'sessions', (select coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'created_at', s.created_at, 'updated_at', s.updated_at,
                          'refreshed_at', s.refreshed_at, 'expires_at', s.not_after, 'user_agent', s.user_agent, 'ip', s.ip,
                          'aal', s.aal) order by s.created_at), '[]'::jsonb)
                 from auth.sessions s where s.user_id = uid),
    'profile', (select to_jsonb(p) from public.profiles p where p.id = uid),
    'contributor_profile', (select to_jsonb(c) from public.contributor_profiles c where c.user_id = uid),
    'contributor_private_details', (select to_jsonb(d) from public.contributor_private_details d where d.contributor_id = contributor),
    'initiator_profile', (select to_jsonb(i) from public.initiator_profiles i where i.user_id = uid),
    'initiator_private_details', (select to_jsonb(d) from public.initiator_private_details d where d.initiator_id = initiator),
    'skills', (select coalesce(jsonb_agg(to_jsonb(cs) || jsonb_build_object('skill_name', s.name, 'category', s.category)
                                         order by s.name), '[]'::jsonb)
               from public.contributor_skills cs join public.skills s on s.id = cs.skill_id where cs.contributor_id = contributor),
    'missions', (select coalesce(jsonb_agg(to_jsonb(m) || jsonb_build_object(
                           'milestones', (select coalesce(jsonb_agg(to_jsonb(ms) order by ms.order_index), '[]'::jsonb)
                                          from public.milestones ms where ms.mission_id = m.id),
                           'required_skills', (select coalesce(jsonb_agg(to_jsonb(rs)), '[]'::jsonb)
                                               from public.mission_required_skills rs where rs.mission_id = m.id))
                         order by m.created_at), '[]'::jsonb)
                 from public.missions m where m.initiator_id = initiator),
    'applications', (select coalesce(jsonb_agg(to_jsonb(a) || jsonb_build_object('mission_title', m.title) order by a.created_at), '[]'::jsonb)
                     from public.mission_applications a join public.missions m on m.id = a.mission_id
                     where a.contributor_id = contributor),
    'assignments', (select coalesce(jsonb_agg(to_jsonb(a) || jsonb_build_object('mission_title', m.title) order by a.assigned_at), '[]'::jsonb)
                    from public.mission_assignments a join public.missions m on m.id = a.mission_id
                    where a.contributor_id = contributor),
    'work_submissions', (select coalesce(jsonb_agg(to_jsonb(w) order by w.created_at), '[]'::jsonb)
                         from public.work_submissions w join public.mission_assignments a on a.id = w.assignment_id
                         where a.contributor_id = contributor),
    'reviews_given', (select coalesce(jsonb_agg(to_jsonb(r) order by r.created_at), '[]'::jsonb)
                      from public.reviews r where r.reviewer_id = uid),
    'reviews_received', (select coalesce(jsonb_agg(to_jsonb(r) order by r.created_at), '[]'::jsonb)
                         from public.reviews r where r.reviewee_id = uid),
    'escrow_transactions', (select coalesce(jsonb_agg(to_jsonb(e) order by e.created_at, e.id), '[]'::jsonb)
                            from public.escrow_transactions e
                            where e.initiator_id = initiator or e.contributor_id = contributor),
    'notifications', (select coalesce(jsonb_agg(to_jsonb(n) order by n.created_at), '[]'::jsonb)
                      from public.notifications n where n.user_id = uid),
    'conversations', (select coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'type', c.type, 'mission_id', c.mission_id,
                               'created_at', c.created_at, 'joined_at', cp.joined_at, 'last_read_at', cp.last_read_at)
                             order by cp.joined_at), '[]'::jsonb)
                      from public.conversation_participants cp join public.conversations c on c.id = cp.conversation_id
                      where cp.user_id = uid),
    'messages_sent', (select coalesce(jsonb_agg(to_jsonb(msg) order by msg.created_at, msg.id), '[]'::jsonb)
                      from public.messages msg where msg.sender_id = uid),
    'proof_task_submissions', (select coalesce(jsonb_agg(to_jsonb(s) || jsonb_build_object('task_title', t.title, 'category', t.category)
                                                         order by s.created_at), '[]'::jsonb)
                               from public.proof_task_submissions s join public.proof_tasks t on t.id = s.task_id
                               where s.contributor_id = contributor),
    'activity', (select coalesce(jsonb_agg(jsonb_build_object('action', l.action, 'entity_type', l.entity_type, 'entity_id', l.entity_id,
                          'ip_address', l.ip_address, 'user_agent', l.user_agent, 'created_at', l.created_at)
                        order by l.created_at), '[]'::jsonb)
                 from public.audit_logs l where l.user_id = uid));
  perform private.audit('user.data_exported', 'user', uid);
  return doc;
end
$$;

-- Why an account cannot be deleted yet (work or money in flight), or NULL.
create function private.account_deletion_blocker(user_id uuid)
returns text
language sql
stable
set search_path = ''
as $$
  select coalesce(
    (select format('You have %s mission(s) still running: finish or cancel them first.', count(*))
     from public.missions m join public.initiator_profiles i on i.id = m.initiator_id
     where i.user_id = account_deletion_blocker.user_id
       and m.status in ('pending_funding', 'open', 'matching', 'in_progress', 'in_review', 'disputed')
     having count(*) > 0),
    (select format('You are on the team of %s running mission(s): leave them first.', count(*))
     from public.mission_assignments a
     join public.contributor_profiles c on c.id = a.contributor_id
     join public.missions m on m.id = a.mission_id
     where c.user_id = account_deletion_blocker.user_id and a.status in ('active', 'stepped_up')
       and m.status in ('open', 'matching', 'in_progress', 'in_review', 'disputed')
     having count(*) > 0))
$$;

-- Anonymizes an account. Kept, because the law or the other party needs them: missions, milestones,
-- assignments, work submissions, reviews, escrow entries, the audit log, conversations (the
-- person's messages stay in place as '[deleted]'). Gone: name, avatar, bios, links, skills, email,
-- phone, metadata, identities, sessions, notifications, the texts of applications and proof task
-- answers. The account is banned so it can never sign in or be used again.
create function private.anonymize_account(user_id uuid, reason text)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  uid uuid := anonymize_account.user_id;
  contributor uuid;
  initiator uuid;
  before public.account_status;
  messages_redacted integer;
  notifications_deleted integer;
  sessions_revoked integer;
  at timestamptz := private.clock();
begin
  select p.account_status into before from public.profiles p where p.id = uid for update;
  if not found then
    raise exception 'No such user.' using errcode = 'PT404';
  end if;
  if exists (select from private.account_deletions d where d.user_id = uid) then
    raise exception 'This account is already deleted.' using errcode = 'PT409';
  end if;
  select c.id into contributor from public.contributor_profiles c where c.user_id = uid;
  select i.id into initiator from public.initiator_profiles i where i.user_id = uid;

  update public.profiles set full_name = 'Deleted user', avatar_url = null, account_status = 'banned' where id = uid;
  update public.contributor_profiles set headline = null, bio = null, github_url = null, linkedin_url = null,
    portfolio_url = null, timezone = null, is_looking_for_work = false
  where id = contributor;
  delete from public.contributor_skills where contributor_id = contributor;
  update public.initiator_profiles set company_name = null, company_url = null, industry = null where id = initiator;

  update public.mission_applications set status = 'withdrawn'
    where contributor_id = contributor and status in ('pending', 'shortlisted', 'accepted');
  update public.mission_applications set cover_letter = null, proposed_approach = null
    where contributor_id = contributor and (cover_letter is not null or proposed_approach is not null);
  update public.mission_assignments set status = 'withdrawn', ended_at = at, end_reason = 'account deleted'
    where contributor_id = contributor and status = 'invited';
  delete from private.proof_task_attempts where contributor_id = contributor and submitted_at is null;
  update public.proof_task_submissions set answer = '[deleted]' where contributor_id = contributor;

  update public.messages set content = '[deleted]', attachments = '[]'::jsonb, is_deleted = true
    where sender_id = uid and (content <> '[deleted]' or attachments <> '[]'::jsonb or not is_deleted);
  get diagnostics messages_redacted = row_count;
  delete from public.notifications where notifications.user_id = uid;
  get diagnostics notifications_deleted = row_count;

  update auth.users set email = 'deleted+' || uid || '@invalid', phone = null, raw_user_meta_data = '{}'::jsonb,
    encrypted_password = '', confirmation_token = '', recovery_token = '',
    banned_until = at + interval '100 years', updated_at = now()
  where id = uid;
  delete from auth.identities where identities.user_id = uid;
  sessions_revoked := private.revoke_all_sessions(uid);
  -- Tables real Supabase Auth has and the local bootstrap may not.
  if to_regclass('auth.mfa_factors') is not null then
    execute format('delete from %I.%I where user_id = $1', 'auth', 'mfa_factors') using uid;
  end if;
  if to_regclass('auth.one_time_tokens') is not null then
    execute format('delete from %I.%I where user_id = $1', 'auth', 'one_time_tokens') using uid;
  end if;

  insert into private.account_deletions (user_id, deleted_at, deleted_by, reason) values (uid, at, auth.uid(), left(reason, 2000));
  perform private.audit('user.deleted', 'user', uid, jsonb_build_object('account_status', before),
    jsonb_build_object('account_status', 'banned', 'full_name', 'Deleted user'),
    jsonb_strip_nulls(jsonb_build_object('reason', reason, 'by_self', auth.uid() = uid, 'messages_redacted', messages_redacted,
      'notifications_deleted', notifications_deleted, 'sessions_revoked', sessions_revoked)));
  perform private.emit('user:deleted', null, 'user', uid);
  return jsonb_build_object('user_id', uid, 'deleted_at', at, 'messages_redacted', messages_redacted,
                            'notifications_deleted', notifications_deleted, 'sessions_revoked', sessions_revoked);
end
$$;

-- DELETE /me: the caller's own account, once nothing is running (PT409 says what is).
create function public.delete_my_account()
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_active_user();
  blocker text := private.account_deletion_blocker(uid);
begin
  if blocker is not null then
    raise exception '%', blocker using errcode = 'PT409';
  end if;
  return private.anonymize_account(uid, 'deleted by the account owner');
end
$$;

-- DELETE /admin/users/:id: the same for an admin (or the service role); `force` deletes even with
-- work in flight (the missions and their money stay as they are).
create function public.admin_delete_account(user_id uuid, reason text, force boolean default false)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  blocker text;
begin
  perform private.require_admin();
  if coalesce(btrim(reason), '') = '' then
    raise exception 'Say why you delete this account.' using errcode = '22023';
  end if;
  if admin_delete_account.user_id = auth.uid() then
    raise exception 'Delete your own account with delete_my_account().' using errcode = '42501';
  end if;
  if exists (select from public.profiles p where p.id = admin_delete_account.user_id and p.primary_role = 'admin')
     and not private.is_platform() then
    raise exception 'An admin cannot delete another admin: change their role first.' using errcode = '42501';
  end if;
  blocker := private.account_deletion_blocker(admin_delete_account.user_id);
  if blocker is not null and not coalesce(force, false) then
    raise exception '%', replace(replace(blocker, 'You have', 'This user has'), 'You are', 'This user is') using errcode = 'PT409',
      hint = 'Pass force => true to delete anyway.';
  end if;
  return private.anonymize_account(admin_delete_account.user_id, btrim(reason));
end
$$;

-- =============================================================================================
-- The Data API's pre-request check (PostgREST calls it before every request, as the request's
-- role, when pgrst.db_pre_request names it).
--   * banned accounts: 42501 on every request (their tokens may not have expired yet);
--   * per IP: rate_limit_ip_per_minute requests a minute (key ip:<address>);
--   * per user on payment paths (rate_limit_payment_paths): rate_limit_payments_per_user_per_minute
--     a minute, the same counter (payments:user:<id>) the payments Edge Function uses;
--   * a request over a limit: SQLSTATE PT429 -> HTTP 429, with the wait in the hint.
-- The platform (service role) is not limited. GET / HEAD requests run in read-only transactions,
-- where nothing can be counted: they are refused once the window is used up by writes, but do not
-- count themselves (limit read traffic at the edge: Supabase's gateway, Cloudflare).
-- A request that fails rolls back its own count.
-- =============================================================================================
create function public.check_request()
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid uuid;
  ip inet;
  path text := coalesce(current_setting('request.path', true), '');
begin
  if private.is_platform() then
    return;
  end if;
  begin
    uid := auth.uid();
  exception when invalid_text_representation then
    uid := null;
  end;
  if uid is not null and exists (select from public.profiles p where p.id = uid and p.account_status = 'banned') then
    raise exception 'This account is banned.' using errcode = '42501', hint = 'Contact support if you think this is a mistake.';
  end if;

  ip := private.client_ip();
  if ip is not null then
    perform private.enforce_rate_limit('ip:' || host(ip), private.setting_int('rate_limit_ip_per_minute'), 60,
      'Too many requests from your network: slow down and try again in a minute.');
  end if;

  if uid is not null and path ~ private.setting_text('rate_limit_payment_paths') then
    perform private.enforce_rate_limit('payments:user:' || uid, private.setting_int('rate_limit_payments_per_user_per_minute'), 60,
      'Too many payment requests: try again in a minute.');
  end if;
end
$$;

-- Turn it on for PostgREST (Supabase: the authenticator role's settings; supautils lets postgres set
-- pgrst.*). If it cannot be set, the migration fails: rate limits must never be silently absent.
alter role authenticator set pgrst.db_pre_request = 'public.check_request';
notify pgrst, 'reload config';

-- =============================================================================================
-- Grants: the RPCs are the API; each checks who is calling itself.
-- =============================================================================================
do $grants$
declare
  f text;
begin
  foreach f in array array[
    'get_current_proof_task(text)', 'start_proof_task(uuid)', 'submit_proof_task(uuid, text)',
    'grade_proof_task(uuid, numeric, text, boolean)',
    'admin_proof_task_queue(public.proof_task_submission_status, integer, integer)',
    'admin_search_users(text, public.user_role, public.account_status, public.verification_status, integer, integer)',
    'suspend_user(uuid, text)', 'ban_user(uuid, text)', 'reinstate_user(uuid, text)',
    'admin_list_missions(public.mission_status, text, uuid, timestamptz, timestamptz, integer, integer)',
    'admin_analytics(timestamptz, timestamptz)',
    'export_my_data()', 'delete_my_account()', 'admin_delete_account(uuid, text, boolean)'
  ] loop
    execute format('revoke execute on function public.%s from public', f);
    execute format('grant execute on function public.%s to authenticated, service_role', f);
  end loop;
end
$grants$;

-- Called by PostgREST as whatever role the request has.
revoke execute on function public.check_request() from public;
grant execute on function public.check_request() to anon, authenticated, service_role;
