-- Proof tasks verify contributors: an admin-managed library of tasks, and the contributors'
-- answers. The grading guide (expected_approach) lives apart so contributors can never read it.

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
  constraint proof_task_submissions_graded check ((status in ('passed', 'failed')) = (score is not null and evaluated_at is not null))
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
create policy "Contributors see their own answers; admins see all"
  on public.proof_task_submissions for select to authenticated
  using (contributor_id = (select private.my_contributor_id()) or (select private.is_admin()));
