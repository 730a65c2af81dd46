-- Missions: the blueprint's missions with their required skills and milestones, who may read them
-- (listed ones publicly; own, team and admin otherwise) and what an initiator edits directly (their
-- drafts). Every change of state goes through the lifecycle engine (the next migration).
-- missions.listed_status and the mission_listed copies on milestones and required skills let the
-- public listing and its embeds filter under RLS with an index and without a lookup per row.


-- A domain over text rather than an enum: text equality is leakproof, so under RLS a listing filtered
-- by type (type=eq.backend) can use an index condition and the planner's multi-column statistics
-- (missions_listed_type_stats); enum equality is not leakproof and is applied row by row after the
-- policy, with a guessed selectivity. The values, in their fixed order (the order matching packs
-- per-type experience in), are private.mission_types(): the domain's check and matching read the
-- one list. Every role that filters or writes a type runs the check, so all of them may call it.
create function private.mission_types()
returns text[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  select array['algorithm', 'frontend', 'backend', 'fullstack', 'mobile', 'devops', 'design', 'qa', 'security', 'data', 'other']
$$;
comment on function private.mission_types() is
  'The mission types in their fixed order: the mission_type domain''s values, and the order matching packs per-type experience in.';
revoke all on function private.mission_types() from public;
grant execute on function private.mission_types() to anon, authenticated, service_role;

create domain public.mission_type as text
  constraint mission_type_known check (value = any (private.mission_types()));
comment on domain public.mission_type is
  'algorithm, frontend, backend, fullstack, mobile, devops, design, qa, security, data or other (private.mission_types()).';

create type public.mission_complexity as enum ('easy', 'medium', 'hard', 'expert');

create type public.mission_status as enum (
  'draft',            -- initial creation
  'pending_funding',  -- published, awaiting escrow
  'open',             -- accepting applications
  'matching',         -- algorithm finding team
  'in_progress',      -- work started
  'in_review',        -- deliverables submitted
  'completed',        -- successfully done
  'cancelled',        -- initiator cancelled
  'disputed'          -- payment dispute
);

create type public.skill_importance as enum ('required', 'preferred', 'nice_to_have');

create type public.milestone_status as enum (
  'pending',      -- not started
  'in_progress',  -- work ongoing
  'submitted',    -- awaiting review
  'approved',     -- initiator approved
  'revision',     -- needs changes
  'paid',         -- payment released
  'cancelled'     -- the mission closed before this milestone was approved: its money is refunded
);

create table public.missions (
  id uuid primary key default gen_random_uuid(),
  initiator_id uuid not null references public.initiator_profiles (id) on delete restrict,
  title varchar(255) not null check (length(btrim(title)) between 3 and 255),
  slug varchar(255) not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  description text not null check (length(btrim(description)) between 1 and 50000),
  problem_statement text check (length(problem_statement) <= 20000),
  success_criteria text check (length(success_criteria) <= 20000),
  type public.mission_type not null,
  complexity public.mission_complexity not null default 'medium',
  -- Money in minor units of `currency`.
  budget_min_cents bigint not null check (budget_min_cents > 0),
  budget_max_cents bigint not null check (budget_max_cents <= 100000000000),
  currency public.currency_code not null default 'USD',
  -- The platform's cut of every milestone payout, in basis points (1000 = 10%), fixed when funded.
  -- The platform fee in basis points. Its one source is this default: a mission takes it when it is
  -- created and keeps it (changing the platform's rate is a migration changing this default).
  platform_fee_bps integer not null default 1000 check (platform_fee_bps between 0 and 5000),
  -- Team payouts: each approved milestone's payout (after the fee) is shared between the team roles
  -- in these basis points (summing to 10000). Proposed from the platform settings when the mission
  -- is published (payout_share_*_bps), adjustable by the initiator until it is funded, fixed from
  -- then on for every writer (the lifecycle migration's money rules). NULL only in a draft.
  lead_share_bps integer check (lead_share_bps between 1 and 10000),
  shadow_share_bps integer check (shadow_share_bps between 0 and 9999),
  core_reviewer_share_bps integer check (core_reviewer_share_bps between 0 and 9999),
  estimated_duration_days integer not null check (estimated_duration_days between 1 and 3650),
  deadline timestamptz,
  max_lead_contributors integer not null default 1 check (max_lead_contributors between 1 and 5),
  max_shadow_contributors integer not null default 1 check (max_shadow_contributors between 0 and 5),
  requires_core_reviewer boolean not null default true,
  status public.mission_status not null default 'draft',
  is_public boolean not null default true,
  featured boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  published_at timestamptz,
  started_at timestamptz,
  completed_at timestamptz,
  cancelled_at timestamptz,
  cancellation_reason text check (length(cancellation_reason) <= 2000),
  disputed_at timestamptz,
  dispute_reason text check (length(dispute_reason) <= 2000),
  constraint missions_valid_budget check (budget_min_cents <= budget_max_cents),
  constraint missions_payout_shares check (
    num_nulls(lead_share_bps, shadow_share_bps, core_reviewer_share_bps) = 3
    or (num_nulls(lead_share_bps, shadow_share_bps, core_reviewer_share_bps) = 0
        and lead_share_bps + shadow_share_bps + core_reviewer_share_bps = 10000)),
  -- Lets ledger rows reference (mission, initiator) together so they cannot disagree.
  constraint missions_id_initiator_key unique (id, initiator_id),
  listed_status text generated always as (
case when is_public then
  case status
    when 'open' then 'open' when 'matching' then 'matching' when 'in_progress' then 'in_progress'
    when 'in_review' then 'in_review' when 'completed' then 'completed'
  end
end
) stored
);
comment on table public.missions is 'A piece of software work posted by an initiator. Listed publicly from open onwards when is_public.';

create index missions_initiator_idx on public.missions (initiator_id, created_at desc);

create index missions_status_idx on public.missions (status);

create index missions_type_idx on public.missions (type);

create index missions_public_idx on public.missions (is_public, status) where is_public = true;

create index missions_listed_idx on public.missions (published_at desc, id)
  where is_public and status in ('open', 'matching', 'in_progress', 'in_review', 'completed');

create table public.mission_required_skills (
  mission_id uuid not null references public.missions (id) on delete cascade,
  skill_id uuid not null references public.skills (id) on delete restrict,
  importance public.skill_importance not null default 'required',
  primary key (mission_id, skill_id),
  mission_listed boolean not null default false
);

create index mission_required_skills_skill_idx on public.mission_required_skills (skill_id);

create table public.milestones (
  id uuid primary key default gen_random_uuid(),
  mission_id uuid not null references public.missions (id) on delete cascade,
  title varchar(255) not null check (length(btrim(title)) between 1 and 255),
  description text check (length(description) <= 20000),
  order_index integer not null check (order_index >= 0),
  amount_cents bigint not null check (amount_cents > 0 and amount_cents <= 100000000000),
  status public.milestone_status not null default 'pending',
  revision_count integer not null default 0 check (revision_count >= 0),
  due_date timestamptz,
  submitted_at timestamptz,
  approved_at timestamptz,
  paid_at timestamptz,
  deadline_reminded_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint unique_milestone_order unique (mission_id, order_index) deferrable initially immediate,
  -- Lets rows elsewhere reference (milestone, mission) together so they cannot disagree.
  constraint milestones_id_mission_key unique (id, mission_id),
  --    Their SELECT policies checked `exists (select from missions m where m.id = mission_id)` for
  --    every row, re-applying the missions policy each time: the public listing's embeds paid one
  --    index lookup per milestone and per skill. mission_listed copies "the mission is listed"
  --    onto the rows (set by a trigger from the mission, never by the writer), so the policies
  --    answer listed rows from the row itself and keep the EXISTS for the others (own, team, admin).
  mission_listed boolean not null default false
);
comment on table public.milestones is 'A payable step of a mission. amount_cents is in the mission''s currency.';

create index milestones_status_idx on public.milestones (status) where status in ('submitted', 'approved');


create index milestones_due_idx on public.milestones (due_date) where due_date is not null and status in ('pending', 'in_progress', 'revision');

create trigger tg_missions__set_updated_at before update on public.missions
  for each row execute function private.tg__set_updated_at();

create trigger tg_milestones__set_updated_at before update on public.milestones
  for each row execute function private.tg__set_updated_at();

-- ---------------------------------------------------------------------------------------------
-- Helpers
-- ---------------------------------------------------------------------------------------------

-- Missions the caller works on: assignments they accepted (active, stepped up, completed). An
-- invitation not yet accepted is not membership: the invitee sees the mission (my_mission_ids) and
-- their own assignment, not the team's work or files. PL/pgSQL because mission_assignments is
-- created by the next migration.
create function private.my_team_mission_ids()
returns uuid[]
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  facts text[];
begin
  if current_setting('people.caller_for', true)
     = concat(current_setting('request.jwt.claim.sub', true), '|', current_setting('request.jwt.claims', true)) then
    -- The facts the pre-request hook remembered (private.remember_caller): {status, role, contributor id, initiator id}.
    facts := string_to_array(current_setting('people.caller'), ',');
    if facts[3] = '' then
      return '{}'::uuid[];
    end if;
    return (
      select coalesce(array_agg(a.mission_id), '{}')
      from public.mission_assignments a
      where a.contributor_id = facts[3]::uuid and a.status in ('active', 'stepped_up', 'completed'));
  end if;
  return (
    select coalesce(array_agg(a.mission_id), '{}')
    from public.mission_assignments a
    join public.contributor_profiles c on c.id = a.contributor_id
    where c.user_id = private.uid() and a.status in ('active', 'stepped_up', 'completed'));
end
$$;

grant execute on function private.my_team_mission_ids() to authenticated, service_role;

-- Missions the caller initiated.
create function private.my_initiated_mission_ids()
returns uuid[]
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  facts text[];
begin
  if current_setting('people.caller_for', true)
     = concat(current_setting('request.jwt.claim.sub', true), '|', current_setting('request.jwt.claims', true)) then
    -- The facts the pre-request hook remembered (private.remember_caller): {status, role, contributor id, initiator id}.
    facts := string_to_array(current_setting('people.caller'), ',');
    if facts[4] = '' then
      return '{}'::uuid[];
    end if;
    return (
      select coalesce(array_agg(m.id), '{}')
      from public.missions m
      where m.initiator_id = facts[4]::uuid);
  end if;
  return (
    select coalesce(array_agg(m.id), '{}')
    from public.missions m
    join public.initiator_profiles i on i.id = m.initiator_id
    where i.user_id = private.uid());
end
$$;
grant execute on function private.my_initiated_mission_ids() to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Grants, RLS and policies
-- ---------------------------------------------------------------------------------------------
alter table public.missions enable row level security;
alter table public.mission_required_skills enable row level security;
alter table public.milestones enable row level security;

-- Privacy by column: every column but dispute_reason is readable on the rows the policies below
-- let through (cancellation_reason too: a cancelled mission is never listed, so only its parties and
-- admins see it). dispute_reason stays set after a dispute is resolved and the mission listed again:
-- it is granted to nobody; the parties and admins read it with mission_dispute().
grant select (id, initiator_id, title, slug, description, problem_statement, success_criteria, type, complexity,
              budget_min_cents, budget_max_cents, currency, platform_fee_bps, lead_share_bps, shadow_share_bps,
              core_reviewer_share_bps, estimated_duration_days, deadline, max_lead_contributors, max_shadow_contributors, requires_core_reviewer, status, is_public, featured,
              created_at, updated_at, published_at, started_at, completed_at, cancelled_at, cancellation_reason,
              disputed_at, listed_status)
  on public.missions to anon, authenticated;
grant update (title, description, problem_statement, success_criteria, type, complexity, budget_min_cents,
              budget_max_cents, estimated_duration_days, deadline, max_lead_contributors, max_shadow_contributors,
              requires_core_reviewer, is_public)
  on public.missions to authenticated;
grant all on public.missions to service_role;

-- What anon reads (listed missions, their milestones and required skills, initiators' company
-- information) every signed-in user reads too, suspended or not: a suspended account could read
-- it signed out anyway, and the listed arm then needs no helper call at all. Suspension still
-- hides everything that is not public (team missions, conversations, profiles of others) and
-- blocks every write.
-- The unlisted ones the caller may read (their own; their team's while active) come from one
-- helper, so an unlisted row costs two helper calls per query instead of four.
create function private.my_mission_ids()
returns uuid[]
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  facts text[];
  uid uuid;
begin
  if current_setting('people.caller_for', true)
     = concat(current_setting('request.jwt.claim.sub', true), '|', current_setting('request.jwt.claims', true)) then
    -- The facts the pre-request hook remembered (private.remember_caller): {status, role, contributor
    -- id, initiator id}. No profile joins, and no query for a role the caller lacks (nor for their
    -- team while the account is not active).
    facts := string_to_array(current_setting('people.caller'), ',');
    if facts[1] <> 'active' then
      facts[3] := '';
    end if;
    if facts[3] = '' and facts[4] = '' then
      return '{}'::uuid[];
    elsif facts[3] = '' then
      return array(select m.id from public.missions m where m.initiator_id = facts[4]::uuid);
    elsif facts[4] = '' then
      return array(
        select a.mission_id from public.mission_assignments a
        where a.contributor_id = facts[3]::uuid and a.status in ('invited', 'active', 'stepped_up', 'completed'));
    end if;
    return array(
      select m.id from public.missions m where m.initiator_id = facts[4]::uuid
      union
      select a.mission_id from public.mission_assignments a
      where a.contributor_id = facts[3]::uuid and a.status in ('invited', 'active', 'stepped_up', 'completed'));
  end if;
  uid := private.uid();
  return array(
    select m.id
    from public.missions m
    join public.initiator_profiles i on i.id = m.initiator_id
    where i.user_id = uid
    union
    select a.mission_id
    from public.mission_assignments a
    join public.contributor_profiles c on c.id = a.contributor_id
    join public.profiles p on p.id = c.user_id
    where c.user_id = uid and p.account_status = 'active' and a.status in ('invited', 'active', 'stepped_up', 'completed'));
end
$$;
comment on function private.my_mission_ids() is
  'Missions the caller initiated, and (while the caller is active) the ones they work on. Wrap as (select private.my_mission_ids()) in policies.';
revoke all on function private.my_mission_ids() from public;
grant execute on function private.my_mission_ids() to authenticated, service_role;

-- GET /rpc/mission_dispute?mission_id=...: why a mission was disputed, for its initiator, its team
-- and admins (dispute_reason is column-granted to nobody). Others: PT404, as if it did not exist.
create function private.mission_dispute(mission_id uuid)
returns table (disputed_at timestamptz, dispute_reason text)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not (mission_dispute.mission_id = any (private.my_mission_ids()) or private.is_admin() or private.is_platform()) then
    raise exception 'No such mission.' using errcode = 'PT404';
  end if;
  return query select m.disputed_at, m.dispute_reason::text from public.missions m where m.id = mission_dispute.mission_id;
end
$$;
revoke all on function private.mission_dispute(uuid) from public;
grant execute on function private.mission_dispute(uuid) to authenticated, service_role;

create function public.mission_dispute(mission_id uuid)
returns table (disputed_at timestamptz, dispute_reason text)
language sql
stable
security invoker
set search_path = ''
as $$
  select * from private.mission_dispute(mission_dispute.mission_id)
$$;
comment on function public.mission_dispute(uuid) is 'When and why a mission was disputed: its initiator, its team and admins only (PT404 otherwise).';
revoke all on function public.mission_dispute(uuid) from public;
grant execute on function public.mission_dispute(uuid) to authenticated, service_role;

-- Listed = on the public marketplace: public and from open onwards (not drafts, not awaiting
-- funding, not cancelled or disputed). Same predicate as missions_listed_idx.
create policy "Anyone reads listed missions"
  on public.missions for select to anon
  using (listed_status is not null);

-- No admin arm: with a bare boolean in the OR the planner cannot combine missions_listed_idx and
-- the primary key (a read of "my drafts" without the initiator filter scanned every mission).
-- Admins read every mission through public.admin_list_missions() and public.admin_read().
create policy "Signed-in users read listed, own and team missions"
  on public.missions for select to authenticated
  using (
    listed_status is not null
    or id = any ((select private.my_mission_ids())::uuid[])
  );

create policy "Active initiators edit their own draft missions"
  on public.missions for update to authenticated
  using (initiator_id = (select private.my_initiator_id()) and status = 'draft' and (select private.is_active()))
  with check (initiator_id = (select private.my_initiator_id()) and status = 'draft');

-- Required skills and milestones are visible exactly when their mission is (the same two arms as the
-- missions policy for signed-in users: listed, or one of the caller's missions; written out rather
-- than as a subquery on missions, which plans that table's policy again inside every embed), and
-- editable while it is the caller's draft.
grant select on public.mission_required_skills to anon, authenticated;
grant insert (mission_id, skill_id, importance), update (importance), delete on public.mission_required_skills to authenticated;
grant all on public.mission_required_skills to service_role;

create policy "Anyone reads the required skills of listed missions"
  on public.mission_required_skills for select to anon
  using (mission_listed);

create policy "Signed-in users read required skills of missions they can see"
  on public.mission_required_skills for select to authenticated
  using (mission_listed or mission_id = any ((select private.my_mission_ids())::uuid[]));

create policy "Active initiators add required skills to their drafts"
  on public.mission_required_skills for insert to authenticated
  with check (
    (select private.is_active())
    and exists (select from public.missions m
                where m.id = mission_id and m.status = 'draft' and m.initiator_id = (select private.my_initiator_id()))
  );

create policy "Active initiators change required skills of their drafts"
  on public.mission_required_skills for update to authenticated
  using (
    (select private.is_active())
    and exists (select from public.missions m
                where m.id = mission_id and m.status = 'draft' and m.initiator_id = (select private.my_initiator_id()))
  );

create policy "Active initiators remove required skills from their drafts"
  on public.mission_required_skills for delete to authenticated
  using (
    (select private.is_active())
    and exists (select from public.missions m
                where m.id = mission_id and m.status = 'draft' and m.initiator_id = (select private.my_initiator_id()))
  );

grant select on public.milestones to anon, authenticated;
grant update (title, description, order_index, amount_cents, due_date) on public.milestones to authenticated;
grant all on public.milestones to service_role;

create policy "Anyone reads the milestones of listed missions"
  on public.milestones for select to anon
  using (mission_listed);

create policy "Signed-in users read the milestones of missions they can see"
  on public.milestones for select to authenticated
  using (mission_listed or mission_id = any ((select private.my_mission_ids())::uuid[]));

create policy "Active initiators edit milestones of their drafts"
  on public.milestones for update to authenticated
  using (
    (select private.is_active())
    and exists (select from public.missions m
                where m.id = mission_id and m.status = 'draft' and m.initiator_id = (select private.my_initiator_id()))
  );

create trigger tg_missions__audit after insert or update or delete on public.missions
  for each row execute function private.tg__audit('mission', 'status', 'is_public', 'featured', 'platform_fee_bps', 'initiator_id');

create trigger tg_milestones__audit after update on public.milestones
  for each row execute function private.tg__audit('milestone', 'status', 'amount_cents');

comment on column public.missions.listed_status is
  'The status while the mission is listed on the public marketplace (public, open onwards, not cancelled or disputed), '
  'else null. Filter the public listing on it (listed_status=eq.open): text equality can use an index under RLS, the '
  'status enum cannot.';

create index missions_listed_status_idx on public.missions (listed_status, published_at desc, id)
  where listed_status is not null;
-- The listing filtered by type, newest first: read in order, so a page stops after its rows (and
-- computes its embeds for those rows only).
create index missions_listed_type_idx on public.missions (listed_status, type, published_at desc, id)
  where listed_status is not null;
-- Types are not spread evenly over statuses; without this the planner multiplies the two
-- selectivities, underestimates a type's open missions and sorts every one of them for a later page.
create statistics public.missions_listed_type_stats (mcv) on listed_status, type from public.missions;
comment on column public.milestones.mission_listed is
  'True while the mission is listed (missions.listed_status is not null). Maintained by triggers; lets RLS skip a lookup per row.';
comment on column public.mission_required_skills.mission_listed is
  'True while the mission is listed (missions.listed_status is not null). Maintained by triggers; lets RLS skip a lookup per row.';

-- Whatever the writer sent, the row takes its mission's listing.
create function private.tg__copy_mission_listed()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.mission_listed := exists (select from public.missions m where m.id = new.mission_id and m.listed_status is not null);
  return new;
end
$$;

revoke all on function private.tg__copy_mission_listed() from public;

create trigger tg_milestones__mission_listed before insert or update of mission_id, mission_listed on public.milestones
  for each row execute function private.tg__copy_mission_listed();

create trigger tg_mission_required_skills__mission_listed before insert or update of mission_id, mission_listed
  on public.mission_required_skills
  for each row execute function private.tg__copy_mission_listed();

-- When a mission is listed or unlisted, its rows follow (the trigger above recomputes the value).
create function private.tg_missions__listed_changed()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.milestones set mission_listed = (new.listed_status is not null)
  where mission_id = new.id and mission_listed is distinct from (new.listed_status is not null);
  update public.mission_required_skills set mission_listed = (new.listed_status is not null)
  where mission_id = new.id and mission_listed is distinct from (new.listed_status is not null);
  return null;
end
$$;
revoke all on function private.tg_missions__listed_changed() from public;

create trigger tg_missions__listed_changed after update of status, is_public on public.missions
  for each row when (old.listed_status is distinct from new.listed_status)
  execute function private.tg_missions__listed_changed();

-- ---------------------------------------------------------------------------------------------
-- The marketplace listing's read model: one row per listed mission with what its card shows
-- ---------------------------------------------------------------------------------------------
-- GET /listed_missions?listed_status=eq.open[&type=eq.backend]&order=published_at.desc,id.desc&limit=20&offset=40
-- Listing missions with embeds (milestones, required skills, company) built every embed of every
-- row OFFSET skipped (page 5 built 100 missions' embeds for 20 shown): ~6 ms of PostgreSQL CPU per
-- page, the most expensive request of the marketplace's mix. Here each card is built once, when
-- something on it changes (triggers below), and a page is one index walk over 20 + offset rows.
-- Rows exist exactly for listed missions (missions.listed_status is not null), so the table holds
-- only what anon may read already. The embedded columns keep the names and shape of the
-- PostgREST embeds they replace; complexity is text so that its filter is leakproof too.
create table public.listed_missions (
  id uuid primary key references public.missions (id) on delete cascade,
  initiator_id uuid not null,
  listed_status text not null,
  title varchar(255) not null,
  slug varchar(255) not null,
  type public.mission_type not null,
  complexity text not null,
  budget_min_cents bigint not null,
  budget_max_cents bigint not null,
  currency public.currency_code not null,
  estimated_duration_days integer not null,
  deadline timestamptz,
  featured boolean not null,
  published_at timestamptz,
  milestones jsonb not null,
  mission_required_skills jsonb not null,
  initiator_profiles jsonb not null
);
comment on table public.listed_missions is
  'The public marketplace: one card per listed mission (missions.listed_status is not null), kept current by triggers on '
  'missions, milestones, mission_required_skills, skills and initiator_profiles. Read-only for every client.';
comment on column public.listed_missions.milestones is
  'The mission''s milestones as [{title, amount_cents, order_index}], in order_index order.';
comment on column public.listed_missions.mission_required_skills is
  'The required skills as [{importance, skills: {name, category}}], by importance then skill name.';
comment on column public.listed_missions.initiator_profiles is
  'The initiator''s public company information: {company_name, company_url, is_verified, average_rating}.';

create index listed_missions_status_idx on public.listed_missions (listed_status, published_at desc, id desc);
create index listed_missions_type_idx on public.listed_missions (listed_status, type, published_at desc, id desc);
create index listed_missions_initiator_idx on public.listed_missions (initiator_id);
create statistics public.listed_missions_status_type_stats (mcv) on listed_status, type, complexity
  from public.listed_missions;

alter table public.listed_missions enable row level security;
-- Written by the triggers only: a card written by hand (the service role's default privileges
-- included) would show the marketplace something the missions do not say.
revoke insert, update, delete, truncate, references, trigger on public.listed_missions from service_role;
grant select on public.listed_missions to anon, authenticated, service_role;

create policy "Anyone reads the marketplace"
  on public.listed_missions for select to anon
  using (true);

create policy "Signed-in users read the marketplace"
  on public.listed_missions for select to authenticated
  using (true);

-- The cards of these missions as they are now (listed ones only): the one definition of a card.
create function private.listed_mission_cards(mission_ids uuid[])
returns setof public.listed_missions
language sql
stable
security definer
set search_path = ''
as $$
  select m.id, m.initiator_id, m.listed_status, m.title, m.slug, m.type, m.complexity::text,
         m.budget_min_cents, m.budget_max_cents, m.currency, m.estimated_duration_days, m.deadline,
         m.featured, m.published_at,
         coalesce((select jsonb_agg(jsonb_build_object('title', ms.title, 'amount_cents', ms.amount_cents,
                                                       'order_index', ms.order_index) order by ms.order_index)
                   from public.milestones ms where ms.mission_id = m.id), '[]'::jsonb),
         coalesce((select jsonb_agg(jsonb_build_object('importance', r.importance,
                                                       'skills', jsonb_build_object('name', s.name, 'category', s.category))
                                    order by r.importance, s.name)
                   from public.mission_required_skills r join public.skills s on s.id = r.skill_id
                   where r.mission_id = m.id), '[]'::jsonb),
         (select jsonb_build_object('company_name', i.company_name, 'company_url', i.company_url,
                                    'is_verified', i.is_verified, 'average_rating', i.average_rating)
          from public.initiator_profiles i where i.id = m.initiator_id)
  from public.missions m
  where m.id = any (mission_ids) and m.listed_status is not null
$$;
comment on function private.listed_mission_cards(uuid[]) is
  'The marketplace cards of these missions, computed from their rows now (listed missions only).';
revoke all on function private.listed_mission_cards(uuid[]) from public;

-- Brings these missions' cards up to date: inserts, rewrites (only when something changed) or
-- deletes. Concurrent writers of one mission's card take turns (a transaction-level advisory lock
-- per mission, in id order), and the card is computed after the lock, in a new snapshot: a writer
-- waiting for another recomputes the card with the other's committed change, so the last card
-- written is never older than the rows.
create function private.refresh_listed_missions(mission_ids uuid[])
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform pg_advisory_xact_lock(hashtextextended('listed_missions:' || id::text, 0))
  from unnest(mission_ids) as id group by id order by id;

  delete from public.listed_missions l
  where l.id = any (mission_ids)
    and not exists (select from public.missions m where m.id = l.id and m.listed_status is not null);

  insert into public.listed_missions as l
  select * from private.listed_mission_cards(mission_ids)
  on conflict (id) do update
    set (initiator_id, listed_status, title, slug, type, complexity, budget_min_cents, budget_max_cents, currency,
         estimated_duration_days, deadline, featured, published_at, milestones, mission_required_skills,
         initiator_profiles)
      = (excluded.initiator_id, excluded.listed_status, excluded.title, excluded.slug, excluded.type,
         excluded.complexity, excluded.budget_min_cents, excluded.budget_max_cents, excluded.currency,
         excluded.estimated_duration_days, excluded.deadline, excluded.featured, excluded.published_at,
         excluded.milestones, excluded.mission_required_skills, excluded.initiator_profiles)
    where l is distinct from excluded;
end
$$;
comment on function private.refresh_listed_missions(uuid[]) is
  'Brings the marketplace cards of these missions up to date with their rows (the listing triggers call it).';
revoke all on function private.refresh_listed_missions(uuid[]) from public;

create function private.tg__refresh_listed_mission()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  case tg_table_name
    when 'missions' then
      perform private.refresh_listed_missions(array[new.id]);
    when 'milestones', 'mission_required_skills' then
      -- Only rows of listed missions are on a card (mission_listed is set by the BEFORE trigger).
      perform private.refresh_listed_missions(array(
        select x.mission_id from (values (case when tg_op <> 'INSERT' and old.mission_listed then old.mission_id end),
                                         (case when tg_op <> 'DELETE' and new.mission_listed then new.mission_id end))
                                   as x (mission_id)
        where x.mission_id is not null))
      where (tg_op <> 'INSERT' and old.mission_listed) or (tg_op <> 'DELETE' and new.mission_listed);
    when 'initiator_profiles' then
      perform private.refresh_listed_missions(array(
        select l.id from public.listed_missions l where l.initiator_id = new.id));
    when 'skills' then
      perform private.refresh_listed_missions(array(
        select r.mission_id from public.mission_required_skills r where r.skill_id = new.id and r.mission_listed));
  end case;
  return null;
end
$$;
comment on function private.tg__refresh_listed_mission() is
  'Refreshes the marketplace cards a row change touches (listed missions only).';
revoke all on function private.tg__refresh_listed_mission() from public;

create trigger tg_missions__listed_card_insert after insert on public.missions
  for each row when (new.listed_status is not null)
  execute function private.tg__refresh_listed_mission();

create trigger tg_missions__listed_card after update on public.missions
  for each row
  when ((old.listed_status is not null or new.listed_status is not null)
        and (old.listed_status, old.initiator_id, old.title, old.slug, old.type, old.complexity, old.budget_min_cents,
             old.budget_max_cents, old.currency, old.estimated_duration_days, old.deadline, old.featured, old.published_at)
            is distinct from
            (new.listed_status, new.initiator_id, new.title, new.slug, new.type, new.complexity, new.budget_min_cents,
             new.budget_max_cents, new.currency, new.estimated_duration_days, new.deadline, new.featured, new.published_at))
  execute function private.tg__refresh_listed_mission();

create trigger tg_milestones__listed_card after insert or delete or update of mission_id, title, amount_cents, order_index
  on public.milestones
  for each row execute function private.tg__refresh_listed_mission();

create trigger tg_mission_required_skills__listed_card after insert or delete or update of mission_id, skill_id, importance
  on public.mission_required_skills
  for each row execute function private.tg__refresh_listed_mission();

create trigger tg_initiator_profiles__listed_card after update of company_name, company_url, is_verified, average_rating
  on public.initiator_profiles
  for each row execute function private.tg__refresh_listed_mission();

create trigger tg_skills__listed_card after update of name, category on public.skills
  for each row execute function private.tg__refresh_listed_mission();
