-- =============================================================================================
-- Read performance under RLS (issue #10's benchmark at marketplace scale).
--
-- 1. The policy helpers become PL/pgSQL. A `language sql` function that cannot be inlined
--    (SECURITY DEFINER, SET search_path) has its body parsed and planned again in every query that
--    calls it; a PL/pgSQL function keeps its plans for the session. That holds for auth.uid()
--    itself (`language sql`, `set search_path = ''`): private.uid() is the same expression in
--    PL/pgSQL, used by the helpers and the policies that ran on every read. Measured per call
--    inside a query on this machine: auth.uid() 14 us -> private.uid() 4 us; a helper such as
--    is_active() 20 us -> 9 us. Same results, same grants (`create or replace` keeps them).
-- 2. missions.listed_status: the public listing's filter. Under RLS a client filter runs after
--    the policy unless its operator is LEAKPROOF, and enum equality is not, so `status=eq.open`
--    could never be an index condition and the listing read every mission. Text equality is
--    leakproof: the listing filters `listed_status=eq.open` and walks
--    missions_listed_status_idx in published_at order. The policies use the same column.
-- 3. contributor_profiles_search_idx: verified contributors looking for work, best trust first
--    (contributor search stops after one page instead of sorting every such profile).
-- =============================================================================================

-- ---------------------------------------------------------------------------------------------
-- 1. Policy helpers in PL/pgSQL
-- ---------------------------------------------------------------------------------------------

-- auth.uid() exactly (the legacy request.jwt.claim.sub first, else the sub of request.jwt.claims),
-- with a plan cached for the session.
create function private.uid()
returns uuid
language plpgsql
stable
set search_path = ''
as $$
begin
  return coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid;
end
$$;
comment on function private.uid() is
  'auth.uid() in PL/pgSQL (plan cached per session): the signed-in user''s id, or null. Wrap as (select private.uid()) in policies.';
grant execute on function private.uid() to anon, authenticated, service_role;

create or replace function private.current_user_id()
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
  uid uuid := private.uid();
begin
  if uid is null then
    raise exception 'You must be signed in to do this.' using errcode = '42501';
  end if;
  return uid;
end
$$;
create or replace function private.is_admin()
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (
    select from public.profiles
    where id = private.uid() and primary_role = 'admin' and account_status = 'active');
end
$$;

create or replace function private.is_active()
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (select from public.profiles where id = private.uid() and account_status = 'active');
end
$$;

create or replace function private.my_contributor_id()
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (select id from public.contributor_profiles where user_id = private.uid());
end
$$;

create or replace function private.my_initiator_id()
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (select id from public.initiator_profiles where user_id = private.uid());
end
$$;

create or replace function private.my_initiated_mission_ids()
returns uuid[]
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(m.id), '{}')
    from public.missions m
    join public.initiator_profiles i on i.id = m.initiator_id
    where i.user_id = private.uid());
end
$$;

create or replace function private.my_team_mission_ids()
returns uuid[]
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(a.mission_id), '{}')
    from public.mission_assignments a
    join public.contributor_profiles c on c.id = a.contributor_id
    where c.user_id = private.uid() and a.status in ('invited', 'active', 'stepped_up', 'completed'));
end
$$;

-- Only an active caller has conversations to read: every policy that used this helper also
-- required is_active(), which now costs nothing extra.
create or replace function private.my_conversation_ids()
returns uuid[]
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(cp.conversation_id), '{}')
    from public.conversation_participants cp
    join public.profiles p on p.id = cp.user_id and p.account_status = 'active'
    where cp.user_id = private.uid());
end
$$;
comment on function private.my_conversation_ids() is
  'The conversations the caller takes part in; none unless the caller''s account is active.';

-- ---------------------------------------------------------------------------------------------
-- 2. missions.listed_status
-- ---------------------------------------------------------------------------------------------
alter table public.missions add column listed_status text generated always as (
  case when is_public then
    case status
      when 'open' then 'open' when 'matching' then 'matching' when 'in_progress' then 'in_progress'
      when 'in_review' then 'in_review' when 'completed' then 'completed'
    end
  end
) stored;
comment on column public.missions.listed_status is
  'The status while the mission is listed on the public marketplace (public, open onwards, not cancelled or disputed), '
  'else null. Filter the public listing on it (listed_status=eq.open): text equality can use an index under RLS, the '
  'status enum cannot.';

create index missions_listed_status_idx on public.missions (listed_status, published_at desc, id)
  where listed_status is not null;

alter policy "Anyone reads listed missions" on public.missions
  using (listed_status is not null);

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
  uid uuid := private.uid();
begin
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

alter policy "Signed-in users read listed missions, their own, the ones they work on; admins all" on public.missions
  using (
    listed_status is not null
    or id = any ((select private.my_mission_ids())::uuid[])
    or (select private.is_admin())
  );

-- ---------------------------------------------------------------------------------------------
-- 3. Contributor search
-- ---------------------------------------------------------------------------------------------
create index contributor_profiles_search_idx on public.contributor_profiles (trust_score desc, id)
  where verification_status = 'verified' and is_looking_for_work;

-- ---------------------------------------------------------------------------------------------
-- 4. Policies that read the caller's id: private.uid() instead of auth.uid() (same value)
-- ---------------------------------------------------------------------------------------------
alter policy "Active users update their own profile" on public.profiles
  using (id = (select private.uid()) and (select private.is_active()))
  with check (id = (select private.uid()));

alter policy "Active contributors update their own profile" on public.contributor_profiles
  using (user_id = (select private.uid()) and (select private.is_active()))
  with check (user_id = (select private.uid()));

alter policy "Signed-in users see initiators' public company information" on public.initiator_profiles
  using (true);
alter policy "Active initiators update their own company information" on public.initiator_profiles
  using (user_id = (select private.uid()) and (select private.is_active()))
  with check (user_id = (select private.uid()));

alter policy "Users see their own notifications until they expire" on public.notifications
  using (user_id = (select private.uid()) and (expires_at is null or expires_at > now()));
alter policy "Active users mark their own notifications read or archived" on public.notifications
  using (user_id = (select private.uid()) and (select private.is_active()))
  with check (user_id = (select private.uid()));
alter policy "Active users delete their own notifications" on public.notifications
  using (user_id = (select private.uid()) and (select private.is_active()));

alter policy "Participants move their own read marker" on public.conversation_participants
  using (user_id = (select private.uid()) and (select private.is_active()))
  with check (user_id = (select private.uid()));
alter policy "Active participants send messages as themselves" on public.messages
  with check (
    sender_id = (select private.uid())
    and message_type in ('text', 'file')
    and conversation_id = any ((select private.my_conversation_ids())::uuid[])
    and (select private.is_active())
  );


-- ---------------------------------------------------------------------------------------------
-- 5. Unread notifications, newest first: one index walk that stops after the page (it was a
--    bitmap scan of every unread notification of the user, then a sort). Not partial: the client
--    sends is_read as a parameter (is_read=eq.false), and a partial index on is_read = false can
--    only serve a plan made for that value, so every request was planned again; with is_read in
--    the key the prepared statement keeps one generic plan.
-- ---------------------------------------------------------------------------------------------
drop index public.notifications_unread_idx;
create index notifications_unread_idx on public.notifications (user_id, is_read, created_at desc);

-- ---------------------------------------------------------------------------------------------
-- 6. Milestones and required skills of listed missions, without a lookup per row.
--    Their SELECT policies checked `exists (select from missions m where m.id = mission_id)` for
--    every row, re-applying the missions policy each time: the public listing's embeds paid one
--    index lookup per milestone and per skill. mission_listed copies "the mission is listed"
--    onto the rows (set by a trigger from the mission, never by the writer), so the policies
--    answer listed rows from the row itself and keep the EXISTS for the others (own, team, admin).
-- ---------------------------------------------------------------------------------------------
alter table public.milestones add column mission_listed boolean not null default false;
alter table public.mission_required_skills add column mission_listed boolean not null default false;
comment on column public.milestones.mission_listed is
  'True while the mission is listed (missions.listed_status is not null). Maintained by triggers; lets RLS skip a lookup per row.';
comment on column public.mission_required_skills.mission_listed is
  'True while the mission is listed (missions.listed_status is not null). Maintained by triggers; lets RLS skip a lookup per row.';

update public.milestones ms set mission_listed = true
from public.missions m where m.id = ms.mission_id and m.listed_status is not null;
update public.mission_required_skills rs set mission_listed = true
from public.missions m where m.id = rs.mission_id and m.listed_status is not null;

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

create trigger tg_missions__listed_changed after update of status, is_public on public.missions
  for each row when (old.listed_status is distinct from new.listed_status)
  execute function private.tg_missions__listed_changed();

revoke all on function private.tg__copy_mission_listed(), private.tg_missions__listed_changed() from public;

alter policy "Anyone reads the milestones of listed missions" on public.milestones
  using (mission_listed);
alter policy "Signed-in users read the milestones of missions they can see" on public.milestones
  using (mission_listed or exists (select from public.missions m where m.id = mission_id));
alter policy "Anyone reads the required skills of listed missions" on public.mission_required_skills
  using (mission_listed);
alter policy "Signed-in users read the required skills of missions they can s" on public.mission_required_skills
  using (mission_listed or exists (select from public.missions m where m.id = mission_id));

-- ---------------------------------------------------------------------------------------------
-- 7. Fewer helper calls per read. An OR evaluates its arms in order and stops at the first true
--    one, and an InitPlan runs only when an arm needs its value: the arm true for most callers
--    goes first (is_active() for the profiles everybody reads), and the conversation policies
--    drop is_active(), which my_conversation_ids() now includes.
-- ---------------------------------------------------------------------------------------------
alter policy "Signed-in users see contributor profiles" on public.contributor_profiles
  using ((select private.is_active()) or user_id = (select private.uid()));
alter policy "Signed-in users see contributors' skills" on public.contributor_skills
  using ((select private.is_active()) or contributor_id = (select private.my_contributor_id()));
alter policy "Signed-in users see active profiles, their own and (admins) all" on public.profiles
  using ((account_status = 'active' and (select private.is_active())) or id = (select private.uid()) or (select private.is_admin()));
alter policy "Signed-in users read reviews (they are public reputation)" on public.reviews
  using ((select private.is_active()) or reviewer_id = (select private.uid()) or reviewee_id = (select private.uid()));
alter policy "Participants see their conversations" on public.conversations
  using (id = any ((select private.my_conversation_ids())::uuid[]));
alter policy "Participants see who else is in their conversations" on public.conversation_participants
  using (conversation_id = any ((select private.my_conversation_ids())::uuid[]));
alter policy "Participants read the messages of their conversations" on public.messages
  using (conversation_id = any ((select private.my_conversation_ids())::uuid[]));
