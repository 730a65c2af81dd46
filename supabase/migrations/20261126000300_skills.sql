-- Skills: the catalogue everyone reads (admins curate it) and the skills contributors claim.

create type public.skill_category as enum ('language', 'framework', 'tool', 'domain');

create type public.proficiency_level as enum ('beginner', 'intermediate', 'advanced', 'expert');

create table public.skills (
  id uuid primary key default gen_random_uuid(),
  name varchar(100) not null check (length(btrim(name)) between 1 and 100),
  category public.skill_category not null,
  icon_url public.http_url,
  is_active boolean not null default true,
  created_at timestamptz not null default now()
);
comment on table public.skills is 'The skills catalogue. Everyone reads it; admins add, rename and retire skills (is_active).';

create unique index skills_name_key on public.skills (lower(name));

create index skills_category_idx on public.skills (category) where is_active;

create table public.contributor_skills (
  contributor_id uuid not null references public.contributor_profiles (id) on delete cascade,
  skill_id uuid not null references public.skills (id) on delete cascade,
  proficiency_level public.proficiency_level not null default 'intermediate',
  years_experience integer not null default 1 check (years_experience between 0 and 80),
  -- Set by proof tasks and admins only.
  verified boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (contributor_id, skill_id)
);
comment on table public.contributor_skills is 'Skills a contributor claims; verified is set by the platform, never by the contributor.';

create index contributor_skills_skill_idx on public.contributor_skills (skill_id, proficiency_level);

-- Verification holds for the level it was given at: an owner who raises proficiency_level above it
-- loses the verification (the platform verifies again). Lowering the level keeps it.
create function private.tg_contributor_skills__unverify_on_raise()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if old.verified and new.verified and new.proficiency_level > old.proficiency_level then
    new.verified := false;
  end if;
  return new;
end
$$;
revoke all on function private.tg_contributor_skills__unverify_on_raise() from public;

create trigger tg_contributor_skills__unverify_on_raise before update of proficiency_level on public.contributor_skills
  for each row execute function private.tg_contributor_skills__unverify_on_raise();

-- ---------------------------------------------------------------------------------------------
-- Grants, RLS and policies
-- ---------------------------------------------------------------------------------------------
alter table public.skills enable row level security;
alter table public.contributor_skills enable row level security;

grant select on public.skills to anon, authenticated;
grant insert (name, category, icon_url, is_active), update (name, category, icon_url, is_active)
  on public.skills to authenticated;
grant all on public.skills to service_role;

create policy "Anyone reads the skills catalogue"
  on public.skills for select to anon
  using (true);

create policy "Signed-in users read the skills catalogue"
  on public.skills for select to authenticated
  using (true);

create policy "Admins add skills"
  on public.skills for insert to authenticated
  with check ((select private.is_admin()));

create policy "Admins change skills"
  on public.skills for update to authenticated
  using ((select private.is_admin()))
  with check ((select private.is_admin()));

grant select on public.contributor_skills to authenticated;
grant insert (contributor_id, skill_id, proficiency_level, years_experience),
      update (proficiency_level, years_experience),
      delete
  on public.contributor_skills to authenticated;
grant all on public.contributor_skills to service_role;

create policy "Signed-in users see contributors' skills"
  on public.contributor_skills for select to authenticated
  using ((select private.is_active()) or contributor_id = (select private.my_contributor_id()));

create policy "Active contributors add their own skills"
  on public.contributor_skills for insert to authenticated
  with check (
    contributor_id = (select private.my_contributor_id())
    and (select private.is_active())
    and exists (select from public.skills s where s.id = skill_id and s.is_active)
  );

create policy "Active contributors change their own skills"
  on public.contributor_skills for update to authenticated
  using (contributor_id = (select private.my_contributor_id()) and (select private.is_active()))
  with check (contributor_id = (select private.my_contributor_id()));

create policy "Active contributors remove their own skills"
  on public.contributor_skills for delete to authenticated
  using (contributor_id = (select private.my_contributor_id()) and (select private.is_active()));

-- The categories, for GET /skills/categories.
create function public.skill_categories()
returns table (category public.skill_category, skill_count bigint)
language sql
stable
set search_path = ''
as $$
  select c.category, count(s.id)
  from unnest(enum_range(null::public.skill_category)) as c(category)
  left join public.skills s on s.category = c.category and s.is_active
  group by c.category
  order by c.category
$$;
revoke execute on function public.skill_categories() from public;
grant execute on function public.skill_categories() to anon, authenticated, service_role;

-- Admin-managed catalogues: every change.
create trigger tg_skills__audit after insert or update or delete on public.skills
  for each row execute function private.tg__audit('skill');
