-- Matching and reputation: explainable match scores, team recommendations, and the trust_score /
-- match_power every contributor carries, all in SQL and fast at 100k contributors.
--
-- Order: settings, the formulas (one small function each, documented where they are defined),
-- reputation, the candidate pool (a trigger-maintained, pre-joined copy of the eligible contributors'
-- skills), ranking, team recommendation, the matching flow (domain events, applications), RPCs.
--
-- Scores are computed in integer centi-points (1/100 of a point) so that every component is rounded
-- exactly once, the breakdown adds up to the total exactly, and the order never depends on how
-- floating point happened to add things up. The API divides by 100 (numeric(5,2)).
--
-- THE MATCH SCORE (0-100) of contributor c for mission m: five components, each bounded.
--
--   skill match     0-40  40 * sum(w(s) * credit(c, s)) / sum(w(s)) over the mission's skills s
--                         w: required 3, preferred 2, nice_to_have 1 (required weighs most)
--                         credit: proficiency beginner .25, intermediate .50, advanced .75, expert 1,
--                                 times 0.8 when the contributor's skill is not verified; 0 when
--                                 they do not have the skill.
--   trust           0-25  25 * trust_score / 100 (trust_score: see THE TRUST SCORE below)
--   availability    0-15  15 * min(free hours a week, 40) / 40, where free hours =
--                         availability_hours_per_week - 10 * (assignments active or stepped up).
--                         ASSUMPTION: one active assignment takes 10 hours a week (setting
--                         matching_hours_per_assignment); someone has capacity when at least that
--                         much is free, i.e. room for one more assignment.
--   experience      0-10  7 * min(1, years_experience / expected years) + 3 * min(1, completed / 5)
--                         expected years by complexity: easy 1, medium 3, hard 5, expert 8;
--                         completed = total_missions_completed.
--   historical fit  0-10  same kind of work: 4 * min(same-type missions completed, 3) / 3
--                         (rounded on its own) + track record: 3 * completion_rate / 100
--                         + 3 * average_rating / 5 (rounded on its own). No history: 0.
--   total           0-100 the sum of the five rounded components.
--
-- Candidates: verified contributors (contributor_profiles.verification_status = 'verified') with an
-- active account (profiles.account_status = 'active'), looking for work, with capacity left (above),
-- who have at least one of the mission's skills (every eligible contributor when the mission lists
-- no skills), who are not on the mission in any way (any mission_assignments row, whatever its
-- status), were not rejected from it (mission_applications.status = 'rejected'), and are not the
-- initiator themselves.
-- Order: total desc, then skill match desc, then contributor id (deterministic). Every component
-- only grows with more matching skills, higher proficiency, verification or trust, so improving
-- one of these never lowers a candidate's rank.
--
-- THE TRUST SCORE (contributor_profiles.trust_score, 0-100, rounded, clamped):
--   verification     verified 25, proof_task_submitted 10, pending / rejected 0
--   proof tasks      20 * mean score of graded proof task submissions (passed or failed) / 100
--   delivery         20 * completion rate / 100 * n / (n + 2), n = assignments that ended after the
--                    contributor had accepted them (completed, withdrawn, removed): evidence counts
--   ratings          20 * average rating / 5 * r / (r + 2), r = ratings received from initiators
--                    (completion rate and average rating are contributor_profiles.completion_rate and
--                    average_rating, computed here from assignments and reviews so trust never lags them)
--   background check passed 15, in_progress 5, not_started 0, failed -15
--   disputes         -5 per disputed mission the contributor worked on (accepted), at most -20
--
-- MATCH POWER (contributor_profiles.match_power, 0-100): how strong a match someone can be at all.
--   40 * (sum of the credits of their five best skills) / 5 + 20 * min(1, years_experience / 10)
--   + 20 * min(1, missions completed / 10) + 20 * trust_score / 100, rounded.
--
-- Both are recomputed by triggers whenever an input changes: the contributor's profile
-- (verification, ratings, completion, experience), private details (background check), skills,
-- proof task submissions, reviews, assignments, and disputes on their missions.
--
-- MAINTENANCE: private.rebuild_matching() recomputes every reputation and the whole candidate pool.
-- Run it after a bulk load made with triggers off, after changing a matching_* setting, and now and
-- then (say nightly) to re-pick the popular skills the ranking prunes with. The ranking is exact
-- whatever that set is; an outdated set only makes it slower.
--
-- Longer than ~900 lines: the formulas, the candidate pool, its triggers and the ranking are one
-- algorithm; the header above is its specification and each part refers to it.

-- =============================================================================================
-- Settings
-- =============================================================================================
insert into private.settings (key, value, description) values
  ('matching_hours_per_assignment', '10',
   'Matching assumes each active assignment takes this many hours a week; a contributor has capacity when this much of their availability is free. Run private.rebuild_matching() after changing it.'),
  ('matching_reviewer_min_trust', '70',
   'A recommended core reviewer has at least this trust_score and expert proficiency in one of the mission''s skills.'),
  ('matching_popular_skills', '64',
   'How many (0-64) of the most widely held skills the matching pool tracks per contributor (popular_mask, top_count) to skip people who cannot hold enough of a mission''s skills. Takes effect at the next private.rebuild_matching().');

-- =============================================================================================
-- The formulas. Each returns centi-points (integer); see the header for the rules in words.
-- =============================================================================================

-- w(s): how much a mission skill weighs.
create function private.importance_weight(importance public.skill_importance)
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case importance when 'required' then 3 when 'preferred' then 2 else 1 end
$$;

-- credit(c, s) in 1/10000: proficiency (.25 / .50 / .75 / 1) times 1 when verified, 0.8 when not.
create function private.skill_credit(proficiency public.proficiency_level, verified boolean)
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select (case proficiency when 'beginner' then 2500 when 'intermediate' then 5000 when 'advanced' then 7500 else 10000 end)
         * (case when verified then 10 else 8 end) / 10
$$;

-- Skill match: 40 points * weighted / (10000 * total_weight), rounded half up, in centi-points:
-- floor(0.4 * weighted / total_weight + 1/2) = (8 * weighted + 10 * total_weight) / (20 * total_weight).
-- (The ranking query inlines this same integer expression.)
create function private.skill_match_cp(weighted bigint, total_weight integer)
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case when total_weight > 0
              then ((8 * greatest(weighted, 0) + 10 * total_weight) / (20 * total_weight))::integer
              else 0 end
$$;

-- Trust: 25 points * trust_score / 100.
create function private.trust_cp(trust_score integer)
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select 25 * least(greatest(coalesce(trust_score, 0), 0), 100)
$$;

-- Availability: 15 points * min(free hours, 40) / 40, rounded half up: (75 * h + 1) / 2.
create function private.availability_cp(free_hours integer)
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select (75 * least(greatest(coalesce(free_hours, 0), 0), 40) + 1) / 2
$$;

create function private.expected_years(complexity public.mission_complexity)
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case complexity when 'easy' then 1 when 'medium' then 3 when 'hard' then 5 else 8 end
$$;

-- Experience: 7 points * min(1, years / expected years) + 3 points * min(1, completed / 5).
create function private.experience_cp(years_experience integer, missions_completed integer, complexity public.mission_complexity)
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select round(700 * least(1, greatest(years_experience, 0)::numeric / private.expected_years(complexity))
             + 300 * least(1, greatest(missions_completed, 0)::numeric / 5))::integer
$$;

-- Historical fit, part 1: 4 points * min(same-type missions completed, 3) / 3 (0, 1.33, 2.67 or 4).
create function private.same_type_cp(same_type_completed integer)
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select round(400 * least(greatest(coalesce(same_type_completed, 0), 0), 3)::numeric / 3)::integer
$$;

-- Historical fit, part 2: 3 points * completion_rate / 100 + 3 points * average_rating / 5.
create function private.track_record_cp(completion_rate numeric, average_rating numeric)
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select round(3 * least(greatest(coalesce(completion_rate, 0), 0), 100)
             + 60 * least(greatest(coalesce(average_rating, 0), 0), 5))::integer
$$;

-- The trust score (0-100); see the header.
create function private.trust_score_formula(
  verification public.verification_status,
  proof_mean numeric,
  completion_rate numeric,
  finished integer,
  average_rating numeric,
  ratings integer,
  background public.background_check_status,
  disputes integer
) returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select greatest(0, least(100, round(
      (case verification when 'verified' then 25 when 'proof_task_submitted' then 10 else 0 end)
    + 20 * least(greatest(coalesce(proof_mean, 0), 0), 100) / 100
    + 20 * least(greatest(coalesce(completion_rate, 0), 0), 100) / 100
         * greatest(coalesce(finished, 0), 0) / (greatest(coalesce(finished, 0), 0) + 2)::numeric
    + 20 * least(greatest(coalesce(average_rating, 0), 0), 5) / 5
         * greatest(coalesce(ratings, 0), 0) / (greatest(coalesce(ratings, 0), 0) + 2)::numeric
    + (case background when 'passed' then 15 when 'in_progress' then 5 when 'failed' then -15 else 0 end)
    - least(20, 5 * greatest(coalesce(disputes, 0), 0)))))::integer
$$;

-- Match power (0-100); see the header. best_five_credit: sum of the credits of the five best skills
-- (0-50000).
create function private.match_power_formula(best_five_credit integer, years_experience integer, missions_completed integer, trust_score integer)
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select greatest(0, least(100, round(
      40 * least(greatest(coalesce(best_five_credit, 0), 0), 50000)::numeric / 50000
    + 20 * least(1, greatest(coalesce(years_experience, 0), 0)::numeric / 10)
    + 20 * least(1, greatest(coalesce(missions_completed, 0), 0)::numeric / 10)
    + 20 * least(greatest(coalesce(trust_score, 0), 0), 100)::numeric / 100)))::integer
$$;

-- =============================================================================================
-- Reputation: trust_score and match_power, recomputed from their inputs.
-- =============================================================================================
create function private.reputation_of(contributor_ids uuid[])
returns table (contributor_id uuid, trust_score integer, match_power integer)
language plpgsql
stable
set search_path = ''
as $$
begin
  return query
  select c.id, t.trust, private.match_power_formula(sk.best_five, c.years_experience, h.done, t.trust)
  from (select distinct u.id from unnest(contributor_ids) as u(id)) ids
  join public.contributor_profiles c on c.id = ids.id
  left join public.contributor_private_details d on d.contributor_id = c.id
  cross join lateral (
    select avg(x.score) as proof_mean from public.proof_task_submissions x
    where x.contributor_id = c.id and x.status in ('passed', 'failed')) pr
  cross join lateral (
    select count(*) filter (where a.status = 'completed')::integer as done,
           count(*) filter (where a.accepted_at is not null and a.status in ('completed', 'withdrawn', 'removed'))::integer as finished,
           count(distinct a.mission_id) filter (where a.accepted_at is not null and mm.disputed_at is not null)::integer as disputes
    from public.mission_assignments a join public.missions mm on mm.id = a.mission_id
    where a.contributor_id = c.id) h
  cross join lateral (
    select count(*)::integer as ratings, coalesce(avg(r.rating), 0) as average from public.reviews r
    where r.reviewee_id = c.user_id and r.direction = 'initiator_to_contributor') rv
  cross join lateral (
    select coalesce(sum(y.credit), 0)::integer as best_five from (
      select private.skill_credit(z.proficiency_level, z.verified) as credit from (
        -- (proficiency, verified) descending is credit descending
        select cs.proficiency_level, cs.verified from public.contributor_skills cs where cs.contributor_id = c.id
        order by cs.proficiency_level desc, cs.verified desc limit 5) z) y) sk
  cross join lateral (
    select private.trust_score_formula(c.verification_status, pr.proof_mean,
                                       case when h.finished = 0 then 0 else 100.0 * h.done / h.finished end, h.finished,
                                       rv.average, rv.ratings,
                                       coalesce(d.background_check_status, 'not_started'), h.disputes) as trust) t;
end
$$;

-- Writes trust_score and match_power where they changed; returns the contributors it changed (the
-- update fires the contributor_profiles trigger, which refreshes their pool rows).
create function private.refresh_reputation(contributor_ids uuid[])
returns uuid[]
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  changed uuid[];
begin
  if coalesce(cardinality(contributor_ids), 0) = 0 then
    return '{}'::uuid[];
  end if;
  with fresh as (
    select r.contributor_id, r.trust_score, r.match_power from private.reputation_of(contributor_ids) r
  ), written as (
    update public.contributor_profiles c set trust_score = fresh.trust_score, match_power = fresh.match_power
    from fresh
    where c.id = fresh.contributor_id
      and (c.trust_score, c.match_power) is distinct from (fresh.trust_score, fresh.match_power)
    returning c.id
  )
  select coalesce(array_agg(written.id), '{}'::uuid[]) into changed from written;
  return changed;
end
$$;

-- =============================================================================================
-- The candidate pool: who can be matched right now, with everything the score needs, pre-joined.
-- Kept true by the triggers below (and rebuilt by private.rebuild_matching()).
--   match_contributors    one row per eligible contributor: the inputs and the mission-independent
--                         parts of the score
--   match_skills          one row per (eligible contributor, skill), carrying the contributor's
--                         static parts so ranking reads nothing else (index-only scans)
--   match_skill_numbers   each skill's number in match_skills (an integer key instead of the uuid)
--   match_popular_skills  the most widely held skills (up to 64: setting matching_popular_skills,
--                         chosen by rebuild_matching), each with a bit in popularity order;
--                         popular_mask = which of them a contributor has (bigint), top_count = how
--                         many of the 12 most popular (bits 0-11) they have
--   skill_mask            a 64-bit signature of a contributor's skills outside the popular set (bit
--                         private.skill_bit of each; popular_mask already holds the popular ones
--                         exactly): a clear bit proves they lack every such skill hashed to it, so
--                         the ranking can bound what a mission's rare skills are worth to them.
--                         Fewer skills, fewer bits set: fewer false hits on a mission's rare skills
-- static_<complexity>_cp = trust + availability + experience for that complexity + track record;
-- the same-type part of the historical fit comes from type_levels (2 bits per mission type, in
-- enum order: min(3, same-type missions completed)). static_upper_cp is the most the static parts
-- can be for any mission (easy complexity, best type): the ranking prunes with it.
-- =============================================================================================
-- The skill's bit in skill_mask: the low 6 bits of its id (ids are random; uuid_send is stable).
create function private.skill_bit(skill_id uuid)
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select get_byte(uuid_send(skill_id), 15) & 63
$$;

create table private.match_popular_skills (
  skill_id uuid primary key,
  bit smallint not null unique check (bit between 0 and 63)
);
comment on table private.match_popular_skills is 'Matching pool: the most widely held skills, chosen by private.rebuild_matching(). RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

create table private.match_contributors (
  contributor_id uuid primary key,
  user_id uuid not null,
  trust_score smallint not null,
  match_power smallint not null,
  free_hours smallint not null,
  years_experience smallint not null,
  missions_completed integer not null,
  completion_rate numeric(5, 2) not null,
  average_rating numeric(3, 2) not null,
  proof_score numeric(5, 2),
  completed_by_type jsonb not null,
  type_levels integer not null,
  top_count smallint not null,
  popular_mask bigint not null,
  skill_mask bigint not null,
  trust_cp smallint not null,
  availability_cp smallint not null,
  track_record_cp smallint not null,
  static_easy_cp smallint not null,
  static_medium_cp smallint not null,
  static_hard_cp smallint not null,
  static_expert_cp smallint not null,
  static_upper_cp smallint not null
);
comment on table private.match_contributors is 'Matching pool: eligible contributors (verified, active, looking, with capacity) and their score inputs. Derived; maintained by triggers. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

-- Skills by number in the pool (an integer instead of the 16-byte uuid keeps the ranking index's
-- tuples at 64 bytes instead of 80, and the primary key's at 32 instead of 48). Numbered when a
-- contributor holding the skill first enters the pool; never renumbered or removed (a deleted
-- skill's number is simply no longer held by anyone).
create table private.match_skill_numbers (
  skill_no integer generated always as identity primary key,
  skill_id uuid not null unique
);
comment on table private.match_skill_numbers is 'Matching pool: each skill''s number in private.match_skills. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

create table private.match_skills (
  contributor_id uuid not null,
  skill_no integer not null,
  credit smallint not null,
  top_count smallint not null,
  popular_mask bigint not null,
  skill_mask bigint not null,
  static_upper_cp smallint not null,
  static_easy_cp smallint not null,
  static_medium_cp smallint not null,
  static_hard_cp smallint not null,
  static_expert_cp smallint not null,
  type_levels integer not null,
  primary key (contributor_id, skill_no) include (credit)
);
comment on table private.match_skills is 'Matching pool: one row per eligible contributor and skill, with the contributor''s static score parts. Derived; maintained by triggers. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

-- Ranking reads one skill's rows per top_count, from the highest possible static part down.
-- (The included columns in the order that leaves no alignment padding.)
create index match_skills_rank_idx on private.match_skills (skill_no, top_count, static_upper_cp desc)
  include (popular_mask, skill_mask, contributor_id, credit, static_easy_cp, static_medium_cp, static_hard_cp, static_expert_cp, type_levels);

alter table private.match_popular_skills enable row level security;
alter table private.match_contributors enable row level security;
alter table private.match_skill_numbers enable row level security;
alter table private.match_skills enable row level security;
revoke all on private.match_popular_skills, private.match_contributors, private.match_skill_numbers, private.match_skills
  from public, anon, authenticated, service_role;

-- Everything matching needs to know about contributors, eligible or not, from the live tables.
create function private.matching_facts(contributor_ids uuid[])
returns table (
  contributor_id uuid,
  user_id uuid,
  eligible boolean,
  trust_score integer,
  match_power integer,
  free_hours integer,
  years_experience integer,
  missions_completed integer,
  completion_rate numeric,
  average_rating numeric,
  proof_score numeric,
  completed_by_type jsonb,
  type_levels integer,
  max_same_type integer,
  top_count integer,
  popular_mask bigint,
  skill_mask bigint
)
language plpgsql
stable
set search_path = ''
as $$
begin
  return query
  select c.id, c.user_id,
         coalesce(c.verification_status = 'verified' and c.is_looking_for_work and p.account_status = 'active'
                  and d.availability_hours_per_week - s.hours * h.active >= s.hours, false),
         c.trust_score, c.match_power,
         greatest(-32000, least(32000, coalesce(d.availability_hours_per_week, 0) - s.hours * h.active)),
         c.years_experience, c.total_missions_completed, c.completion_rate, c.average_rating,
         round(pr.proof_score, 2),
         coalesce(t.by_type, '{}'::jsonb), coalesce(t.levels, 0), coalesce(t.max_n, 0), pop.top_count, pop.mask, pop.skill_mask
  from (select distinct u.id from unnest(contributor_ids) as u(id)) ids
  join public.contributor_profiles c on c.id = ids.id
  join public.profiles p on p.id = c.user_id
  left join public.contributor_private_details d on d.contributor_id = c.id
  cross join (select coalesce(private.setting_int('matching_hours_per_assignment'), 10) as hours) s
  cross join lateral (
    select count(*)::integer as active from public.mission_assignments a
    where a.contributor_id = c.id and a.status in ('active', 'stepped_up')) h
  cross join lateral (
    select avg(x.score) as proof_score from public.proof_task_submissions x
    where x.contributor_id = c.id and x.status in ('passed', 'failed')) pr
  cross join lateral (
    select jsonb_object_agg(y.type, y.n) as by_type,
           sum(least(3, y.n) << (2 * (array_position(private.mission_types(), y.type::text) - 1)))::integer as levels,
           max(y.n)::integer as max_n
    from (select mm.type, count(*)::integer as n
          from public.mission_assignments a join public.missions mm on mm.id = a.mission_id
          where a.contributor_id = c.id and a.status = 'completed'
          group by mm.type) y) t
  cross join lateral (
    select (count(*) filter (where ps.bit < 12))::integer as top_count,
           coalesce(bit_or(1::bigint << ps.bit), 0) as mask,
           coalesce(bit_or(1::bigint << private.skill_bit(cs.skill_id)) filter (where ps.skill_id is null), 0) as skill_mask
    from public.contributor_skills cs
    left join private.match_popular_skills ps on ps.skill_id = cs.skill_id
    where cs.contributor_id = c.id) pop;
end
$$;

-- Rebuilds the pool rows of these contributors from the live tables. Locks their profile rows so
-- that two transactions refreshing the same contributor take turns.
create function private.sync_match_pool(contributor_ids uuid[])
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if coalesce(cardinality(contributor_ids), 0) = 0 then
    return;
  end if;
  perform from public.contributor_profiles c where c.id in (select unnest(contributor_ids)) order by c.id for no key update;
  delete from private.match_skills s where s.contributor_id in (select unnest(contributor_ids));
  delete from private.match_contributors mc where mc.contributor_id in (select unnest(contributor_ids));
  insert into private.match_contributors (
    contributor_id, user_id, trust_score, match_power, free_hours, years_experience, missions_completed,
    completion_rate, average_rating, proof_score, completed_by_type, type_levels, top_count, popular_mask, skill_mask,
    trust_cp, availability_cp, track_record_cp,
    static_easy_cp, static_medium_cp, static_hard_cp, static_expert_cp, static_upper_cp)
  select x.contributor_id, x.user_id, x.trust_score, x.match_power, x.free_hours, x.years_experience, x.missions_completed,
         x.completion_rate, x.average_rating, x.proof_score, x.completed_by_type, x.type_levels, x.top_count, x.popular_mask, x.skill_mask,
         x.trust_cp, x.availability_cp, x.track_record_cp,
         x.base_cp + x.easy_cp, x.base_cp + x.medium_cp, x.base_cp + x.hard_cp, x.base_cp + x.expert_cp,
         x.base_cp + x.easy_cp + x.best_type_cp
  from (
    select y.*, y.trust_cp + y.availability_cp + y.track_record_cp as base_cp
    from (
      select f.*,
             private.trust_cp(f.trust_score) as trust_cp,
             private.availability_cp(f.free_hours) as availability_cp,
             private.track_record_cp(f.completion_rate, f.average_rating) as track_record_cp,
             private.experience_cp(f.years_experience, f.missions_completed, 'easy') as easy_cp,
             private.experience_cp(f.years_experience, f.missions_completed, 'medium') as medium_cp,
             private.experience_cp(f.years_experience, f.missions_completed, 'hard') as hard_cp,
             private.experience_cp(f.years_experience, f.missions_completed, 'expert') as expert_cp,
             private.same_type_cp(f.max_same_type) as best_type_cp
      from private.matching_facts(contributor_ids) f
      where f.eligible
      offset 0) y -- each formula once per row
    ) x;
  -- Skills new to the pool get their number (not exists first: a conflicting insert would still use
  -- up an identity value; on conflict for two transactions numbering the same skill at once).
  insert into private.match_skill_numbers (skill_id)
  select distinct cs.skill_id
  from private.match_contributors mc
  join public.contributor_skills cs on cs.contributor_id = mc.contributor_id
  where mc.contributor_id in (select unnest(contributor_ids))
    and not exists (select from private.match_skill_numbers n where n.skill_id = cs.skill_id)
  order by cs.skill_id
  on conflict (skill_id) do nothing;
  insert into private.match_skills (contributor_id, skill_no, credit, top_count, popular_mask, skill_mask, static_upper_cp,
                                    static_easy_cp, static_medium_cp, static_hard_cp, static_expert_cp, type_levels)
  select cs.contributor_id, n.skill_no, private.skill_credit(cs.proficiency_level, cs.verified), mc.top_count,
         mc.popular_mask, mc.skill_mask, mc.static_upper_cp, mc.static_easy_cp, mc.static_medium_cp, mc.static_hard_cp, mc.static_expert_cp, mc.type_levels
  from private.match_contributors mc
  join public.contributor_skills cs on cs.contributor_id = mc.contributor_id
  join private.match_skill_numbers n on n.skill_id = cs.skill_id
  where mc.contributor_id in (select unnest(contributor_ids))
  -- in the ranking index's order: a pool built into empty tables then fills that index's pages in
  -- key order (100k contributors: 34 MB, where rows inserted contributor by contributor left them
  -- ~70% full and shuffled at 45 MB; the ranking reads it in key order: A/B on the 100k bench data,
  -- each mission's first call, uniform p50 -8% / p95 -10%, popular -6 to -9%)
  order by n.skill_no, mc.top_count, mc.static_upper_cp desc;
end
$$;

-- Reputation first (its update refreshes the pool rows of those whose reputation changed), then the
-- pool rows of everyone else.
create function private.refresh_matching(contributor_ids uuid[])
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  ids uuid[] := array(select distinct x from unnest(contributor_ids) x where x is not null);
  refreshed uuid[];
begin
  if cardinality(ids) = 0 then
    return;
  end if;
  refreshed := private.refresh_reputation(ids);
  perform private.sync_match_pool(array(select unnest(ids) except select unnest(refreshed)));
end
$$;

-- Recomputes every contributor's reputation and the whole pool (after a bulk load, or after changing
-- the matching settings). Admins and the platform only.
create function private.rebuild_matching()
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  everyone uuid[];
  changed uuid[];
  reputations integer;
begin
  perform private.require_admin();
  everyone := array(select c.id from public.contributor_profiles c order by c.id);
  delete from private.match_skills;
  delete from private.match_contributors;
  delete from private.match_popular_skills;
  insert into private.match_popular_skills (skill_id, bit)
  select x.skill_id, (row_number() over (order by x.holders desc, x.skill_id) - 1)::smallint
  from (select cs.skill_id, count(*) as holders
        from public.contributor_skills cs
        join public.contributor_profiles c on c.id = cs.contributor_id and c.verification_status = 'verified'
        group by cs.skill_id
        order by count(*) desc, cs.skill_id
        limit least(greatest(coalesce(private.setting_int('matching_popular_skills'), 64), 0), 64)) x;
  changed := private.refresh_reputation(everyone);
  reputations := cardinality(changed);
  if current_setting('session_replication_role') = 'replica' then
    -- Triggers are off (a bulk load): nothing refreshed the pool rows of those whose reputation changed.
    perform private.sync_match_pool(everyone);
  else
    perform private.sync_match_pool(array(select unnest(everyone) except select unnest(changed)));
  end if;
  return jsonb_build_object(
    'contributors', cardinality(everyone),
    'reputations_changed', reputations,
    'eligible', (select count(*) from private.match_contributors),
    'popular_skills', (select count(*) from private.match_popular_skills),
    'pool_skill_rows', (select count(*) from private.match_skills));
end
$$;

-- =============================================================================================
-- Triggers keeping reputation and the pool true. Statement-level with transition tables, so a bulk
-- change costs one refresh, not one per row. Each exposes the touched rows as `changed_rows`
-- (UPDATE triggers come in pairs: one sees the old rows, one the new).
-- =============================================================================================

-- contributor_profiles: reputation inputs changed -> reputation (+ pool); pool inputs changed -> pool.
-- The reputation update writes trust_score / match_power only, so this trigger fires once more for
-- those rows, sees no reputation input changed, and stops: no endless recursion.
create function private.tg_contributor_profiles__matching()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  inputs_changed uuid[];
  pool_changed uuid[];
  refreshed uuid[];
begin
  select coalesce(array_agg(n.id) filter (where
           (n.verification_status, n.completion_rate, n.average_rating, n.years_experience, n.total_missions_completed)
           is distinct from (o.verification_status, o.completion_rate, o.average_rating, o.years_experience, o.total_missions_completed)),
           '{}'::uuid[]),
         coalesce(array_agg(n.id) filter (where
           (n.user_id, n.verification_status, n.is_looking_for_work, n.trust_score, n.match_power, n.years_experience,
            n.total_missions_completed, n.completion_rate, n.average_rating)
           is distinct from (o.user_id, o.verification_status, o.is_looking_for_work, o.trust_score, o.match_power, o.years_experience,
            o.total_missions_completed, o.completion_rate, o.average_rating)),
           '{}'::uuid[])
    into inputs_changed, pool_changed
  from new_rows n join old_rows o on o.id = n.id;
  refreshed := private.refresh_reputation(inputs_changed);
  perform private.sync_match_pool(array(select unnest(pool_changed) except select unnest(refreshed)));
  return null;
end
$$;

create trigger tg_contributor_profiles__matching
  after update on public.contributor_profiles
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.tg_contributor_profiles__matching();

-- Shared by every trigger that exposes `changed_rows` with a contributor_id column.
create function private.tg__refresh_matching_by_contributor()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform private.refresh_matching(array(select distinct r.contributor_id from changed_rows r));
  return null;
end
$$;

create function private.tg_contributor_profiles__matching_insert()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform private.refresh_matching(array(select r.id from changed_rows r));
  return null;
end
$$;

create trigger tg_contributor_profiles__matching_insert
  after insert on public.contributor_profiles
  referencing new table as changed_rows
  for each statement execute function private.tg_contributor_profiles__matching_insert();

create function private.tg_contributor_profiles__matching_delete()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  delete from private.match_skills s where s.contributor_id in (select r.id from changed_rows r);
  delete from private.match_contributors mc where mc.contributor_id in (select r.id from changed_rows r);
  return null;
end
$$;

create trigger tg_contributor_profiles__matching_delete
  after delete on public.contributor_profiles
  referencing old table as changed_rows
  for each statement execute function private.tg_contributor_profiles__matching_delete();

-- profiles: an account suspended, banned or reactivated leaves or rejoins the pool.
create function private.tg_profiles__matching()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform private.sync_match_pool(array(
    select c.id from new_rows n join old_rows o on o.id = n.id
    join public.contributor_profiles c on c.user_id = n.id
    where n.account_status is distinct from o.account_status));
  return null;
end
$$;

create trigger tg_profiles__matching
  after update on public.profiles
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.tg_profiles__matching();

-- contributor_private_details: availability (pool) and background check (reputation).
create function private.tg_contributor_private_details__matching()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform private.refresh_matching(array(
    select n.contributor_id from new_rows n join old_rows o on o.contributor_id = n.contributor_id
    where (n.availability_hours_per_week, n.background_check_status)
          is distinct from (o.availability_hours_per_week, o.background_check_status)));
  return null;
end
$$;

create trigger tg_contributor_private_details__matching
  after update on public.contributor_private_details
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.tg_contributor_private_details__matching();

create trigger tg_contributor_private_details__matching_insert
  after insert on public.contributor_private_details
  referencing new table as changed_rows
  for each statement execute function private.tg__refresh_matching_by_contributor();

-- contributor_skills, proof_task_submissions, mission_assignments: any change to a contributor's rows.
create trigger tg_contributor_skills__matching_insert after insert on public.contributor_skills
  referencing new table as changed_rows for each statement execute function private.tg__refresh_matching_by_contributor();

create trigger tg_contributor_skills__matching_update_old after update on public.contributor_skills
  referencing old table as changed_rows for each statement execute function private.tg__refresh_matching_by_contributor();

create trigger tg_contributor_skills__matching_update_new after update on public.contributor_skills
  referencing new table as changed_rows for each statement execute function private.tg__refresh_matching_by_contributor();

create trigger tg_contributor_skills__matching_delete after delete on public.contributor_skills
  referencing old table as changed_rows for each statement execute function private.tg__refresh_matching_by_contributor();

create trigger tg_proof_task_submissions__matching_insert after insert on public.proof_task_submissions
  referencing new table as changed_rows for each statement execute function private.tg__refresh_matching_by_contributor();

create trigger tg_proof_task_submissions__matching_update_old after update on public.proof_task_submissions
  referencing old table as changed_rows for each statement execute function private.tg__refresh_matching_by_contributor();

create trigger tg_proof_task_submissions__matching_update_new after update on public.proof_task_submissions
  referencing new table as changed_rows for each statement execute function private.tg__refresh_matching_by_contributor();

create trigger tg_proof_task_submissions__matching_delete after delete on public.proof_task_submissions
  referencing old table as changed_rows for each statement execute function private.tg__refresh_matching_by_contributor();

create trigger tg_mission_assignments__matching_insert after insert on public.mission_assignments
  referencing new table as changed_rows for each statement execute function private.tg__refresh_matching_by_contributor();

create trigger tg_mission_assignments__matching_update_old after update on public.mission_assignments
  referencing old table as changed_rows for each statement execute function private.tg__refresh_matching_by_contributor();

create trigger tg_mission_assignments__matching_update_new after update on public.mission_assignments
  referencing new table as changed_rows for each statement execute function private.tg__refresh_matching_by_contributor();

create trigger tg_mission_assignments__matching_delete after delete on public.mission_assignments
  referencing old table as changed_rows for each statement execute function private.tg__refresh_matching_by_contributor();

-- reviews: ratings received by contributors (from initiators).
create function private.tg_reviews__matching()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform private.refresh_matching(array(
    select c.id from changed_rows r join public.contributor_profiles c on c.user_id = r.reviewee_id
    where r.direction = 'initiator_to_contributor'));
  return null;
end
$$;

create trigger tg_reviews__matching_insert after insert on public.reviews
  referencing new table as changed_rows for each statement execute function private.tg_reviews__matching();

create trigger tg_reviews__matching_update_old after update on public.reviews
  referencing old table as changed_rows for each statement execute function private.tg_reviews__matching();

create trigger tg_reviews__matching_update_new after update on public.reviews
  referencing new table as changed_rows for each statement execute function private.tg_reviews__matching();

create trigger tg_reviews__matching_delete after delete on public.reviews
  referencing old table as changed_rows for each statement execute function private.tg_reviews__matching();

-- missions: a dispute opened (or cleared) counts against everyone who worked on the mission.
create function private.tg_missions__matching()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform private.refresh_matching(array(
    select a.contributor_id from new_rows n join old_rows o on o.id = n.id
    join public.mission_assignments a on a.mission_id = n.id
    where n.disputed_at is distinct from o.disputed_at and a.accepted_at is not null));
  return null;
end
$$;

create trigger tg_missions__matching
  after update on public.missions
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.tg_missions__matching();

-- =============================================================================================
-- Ranking
-- =============================================================================================

-- Who cannot be a candidate for this mission whatever their profile: anyone with an assignment row
-- on it (invited, active, withdrawn, removed...), rejected applicants, and the initiator themselves.
-- (PL/pgSQL so that its plan is cached.)
create function private.mission_exclusions(m public.missions)
returns uuid[]
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(distinct x.contributor_id), '{}'::uuid[]) from (
      select a.contributor_id from public.mission_assignments a where a.mission_id = m.id
      union all
      select ap.contributor_id from public.mission_applications ap where ap.mission_id = m.id and ap.status = 'rejected'
      union all
      select c.id from public.contributor_profiles c
      join public.initiator_profiles i on i.user_id = c.user_id
      where i.id = m.initiator_id) x);
end
$$;

-- The top `max_rows` candidates for a mission, best first: (rank, contributor, skill match, total).
--
-- It reads only the pool, and only the rows of people who could still make the top:
--   floor   a lower bound of the final n-th best total: the exact totals of a small probe (the few
--           rows with the highest static_upper_cp per popular skill and top_count among those who
--           hold several of the mission's popular skills), n-th best; then raised by the exact
--           totals of those found in the short lists, which are read first (the floor of the long
--           popular lists is then 20-150 cp higher; no measurable change at p95 on its own).
--   bound   nobody's skill match can exceed what the mission's skills they might hold are worth:
--           its popular skills they do hold (popular_mask says which) plus its other skills whose
--           skill_mask bit they have (a clear bit proves the skill missing; skill_mask has only
--           skills outside the popular set). A contributor with
--           static_upper_cp + bound < floor cannot reach the top n. The bound depends on the
--           contributor only, so each contributor is read in all of their lists or in none, and
--           every score computed is exact.
--   reading rows are fetched by index range on (skill, top_count, static_upper_cp >= floor - the
--           most a contributor read in that list could hold: see popular lists), then filtered
--           with the exact bound (popcounts of popular_mask and skill_mask, by importance weight).
--   popular lists (long): people who hold none of the mission's other skills are bounded by the
--           popular part alone, so those lists are read with that tighter bound; people found in
--           the other (short) lists get their popular skills' rows by primary key. The popular
--           lists are read from the least held skill to the most held (bit order descending), and
--           each contributor only in the list of the first of them they hold: that list's range
--           need only allow for it and the later ones, so the longest lists, read last, get the
--           tightest ranges; the later skills' rows of those who hold some come by primary key
--           (100k contributors, a uniform mission with four of these skills: 14.8k rows read ->
--           1.8k; popular missions: p50 -35%).
--   probe    reads at most 16 rows per (skill, top_count) range: any set of exact totals gives a
--           valid floor, and ranges where few hold several of the mission's skills were read far
--           down looking for them.
-- Ties: total desc, skill match desc, contributor id. The result equals scoring every candidate
-- (the pgTAP tests and the benchmark hold it to that).
-- Plans: generic, made once per session (plan_cache_mode below). Custom plans, made for each call's
-- values, cost more to make than the queries take to run (bench, 100k contributors, uniform
-- missions: p50 4.56 ms custom, 2.84 ms generic); the lateral subqueries keep the index ranges in
-- the generic plan too. No JIT: the generic plan's estimates (a thousand rows per set-returning
-- function) pass jit_above_cost, and compiling took ~38 ms of a 46 ms call (auto_explain, 100k
-- contributors) for a query that runs in 3-8 ms.
create function private.rank_candidates(mission_id uuid, max_rows integer)
returns table (candidate_rank integer, contributor_id uuid, skill_match_cp integer, total_cp integer)
language plpgsql
stable
rows 10
security definer
set search_path = ''
set plan_cache_mode = force_generic_plan
set jit = off
as $$
declare
  m public.missions;
  skill_ids uuid[];
  skill_nos integer[];     -- their numbers in the pool (null: nobody in the pool holds it)
  weights integer[];
  bits integer[];          -- each mission skill's popular bit, null when it is not a popular skill
  total_weight integer;
  rare_weight integer;     -- weight of the mission's skills outside the popular set
  popular_weight integer;  -- weight of its popular skills
  top_max integer;         -- the largest top_count anyone can have
  mask3 bigint;            -- its popular skills of weight 3, 2 and 1 (popular_mask bits)
  mask2 bigint;
  mask1 bigint;
  rare_mask3 bigint;       -- its rare skills' skill_mask bits, by the weight of the skills on each bit
  rare_mask2 bigint;       -- (a bit two of them share counts as 3, the rest of their weight goes to
  rare_mask1 bigint;       -- rare_extra, assumed held by everyone: the bound stays an upper bound)
  rare_extra integer;
  popular_n integer;       -- how many of its skills are popular
  weight_floor integer[];  -- weight_floor[w + 1]: floor - the most skill match (skills of weight w) can give
  excluded uuid[];
  cx integer;
  type_shift integer;
  floor_cp integer;
  probe_ids uuid[];        -- the probe's best max_rows contributors and their exact totals
  probe_totals integer[];
  rare_ids uuid[];         -- everyone found in the rare lists (their popular rows are looked up by key)
  scored_ids uuid[];       -- those of them who can reach the floor, with exact skill sums and static parts
  scored_wsums bigint[];
  scored_sts integer[];
  better_floor integer;
begin
  select * into m from public.missions x where x.id = rank_candidates.mission_id;
  if not found then
    raise exception 'No such mission.' using errcode = 'PT404';
  end if;
  if coalesce(max_rows, 0) < 1 then
    return;
  end if;
  select array_agg(x.skill_id order by x.skill_id), array_agg(x.skill_no order by x.skill_id),
         array_agg(x.w order by x.skill_id), array_agg(x.b order by x.skill_id),
         coalesce(sum(x.w), 0)::integer,
         coalesce(sum(x.w) filter (where x.b is null), 0)::integer,
         coalesce(bit_or(1::bigint << x.b) filter (where x.w = 3), 0),
         coalesce(bit_or(1::bigint << x.b) filter (where x.w = 2), 0),
         coalesce(bit_or(1::bigint << x.b) filter (where x.w = 1), 0)
    into skill_ids, skill_nos, weights, bits, total_weight, rare_weight, mask3, mask2, mask1
  from (
    select rs.skill_id, n.skill_no, (case rs.importance when 'required' then 3 when 'preferred' then 2 else 1 end) as w, ps.bit::integer as b
    from public.mission_required_skills rs
    left join private.match_popular_skills ps on ps.skill_id = rs.skill_id
    left join private.match_skill_numbers n on n.skill_id = rs.skill_id
    where rs.mission_id = m.id
    offset 0) x;
  popular_weight := total_weight - rare_weight;
  popular_n := bit_count(int8send(mask3 | mask2 | mask1))::integer;
  select coalesce(bit_or(1::bigint << y.rb) filter (where y.w >= 3), 0),
         coalesce(bit_or(1::bigint << y.rb) filter (where y.w = 2), 0),
         coalesce(bit_or(1::bigint << y.rb) filter (where y.w = 1), 0),
         coalesce(sum(greatest(y.w - 3, 0)), 0)::integer
    into rare_mask3, rare_mask2, rare_mask1, rare_extra
  from (select (get_byte(uuid_send(x.skill_id), 15) & 63) as rb, sum(x.w) as w
        from unnest(skill_ids, weights, bits) as x(skill_id, w, b)
        where x.b is null
        group by 1) y;
  top_max := (select count(*)::integer from private.match_popular_skills ps where ps.bit < 12);
  excluded := private.mission_exclusions(m);
  cx := array_position(enum_range(null::public.mission_complexity), m.complexity);
  type_shift := 2 * (array_position(private.mission_types(), m.type::text) - 1);

  if total_weight = 0 then
    -- No skills listed: every eligible contributor is a candidate, with no skill match.
    return query
    select (row_number() over (order by t.total desc, t.contributor_id))::integer, t.contributor_id, 0, t.total
    from (
      select mc.contributor_id,
             (case cx when 1 then mc.static_easy_cp when 2 then mc.static_medium_cp when 3 then mc.static_hard_cp
                      else mc.static_expert_cp end
              + case (mc.type_levels >> type_shift) & 3 when 0 then 0 when 1 then 133 when 2 then 267 else 400 end)::integer as total
      from private.match_contributors mc
      where mc.contributor_id <> all (excluded)
      order by 2 desc, 1
      limit max_rows) t
    order by 1;
    return;
  end if;

  -- The floor: exact totals of the probe's contributors, n-th best. The popular skills' lists are
  -- probed (the other lists are short); all lists when the mission has no popular skill.
  select array_agg(pr.contributor_id order by pr.total desc), array_agg(pr.total order by pr.total desc)
    into probe_ids, probe_totals
  from (
    select c.contributor_id, ((8 * sum(ms.w * s2.credit) + 10 * total_weight) / (20 * total_weight))::integer + c.st as total
    from (
      select distinct p.contributor_id, p.st
      from unnest(skill_nos, weights, bits) as ms(skill_no, w, b)
      cross join generate_series(0, top_max) as ks(k)
      cross join lateral (
        -- the strongest hold several of the mission's popular skills: probe those among the range's
        -- first 16 rows, more of them when the mission has more popular skills
        select q.contributor_id, q.st from (
          select s.contributor_id, s.popular_mask, s.static_upper_cp,
                 (case cx when 1 then s.static_easy_cp when 2 then s.static_medium_cp when 3 then s.static_hard_cp
                          else s.static_expert_cp end
                  + case (s.type_levels >> type_shift) & 3 when 0 then 0 when 1 then 133 when 2 then 267 else 400 end)::integer as st
          from private.match_skills s
          where s.skill_no = ms.skill_no and s.top_count = ks.k and s.contributor_id <> all (excluded)
          order by s.static_upper_cp desc
          limit 16) q
        where bit_count(int8send(q.popular_mask & (mask3 | mask2 | mask1))) >= least(ks.k, 3, popular_n - 1)
        order by q.static_upper_cp desc
        limit greatest(3, 2 * popular_n)) p
      where ms.b is not null or popular_weight = 0) c
    -- all of each one's rows in one index range (a skill_no = any () condition descends once per skill)
    join private.match_skills s2 on s2.contributor_id = c.contributor_id
    join unnest(skill_nos, weights) as ms(skill_no, w) on ms.skill_no = s2.skill_no
    group by c.contributor_id, c.st
    order by 2 desc
    limit max_rows) pr;
  floor_cp := coalesce(probe_totals[max_rows], -1000000);
  weight_floor := array(
    select floor_cp - ((8 * 10000 * w::bigint + 10 * total_weight) / (20 * total_weight))::integer
    from generate_series(0, total_weight + rare_extra) w order by w);

  -- The rare lists first: their contributors get exact scores (their popular rows by key), and with
  -- the probe's they raise the floor before the long popular lists are read.
  if rare_weight > 0 then
    with ms as (
      select x.skill_no, x.w, x.b is not null as pop,
             -- own_w: what this skill's skill_mask bit is worth (with rare_extra); others: the bits of
             -- the mission's other rare skills
             3 * ((rare_mask3 >> z.rb) & 1) + 2 * ((rare_mask2 >> z.rb) & 1) + ((rare_mask1 >> z.rb) & 1) + rare_extra as own_w,
             (rare_mask3 | rare_mask2 | rare_mask1) & ~(1::bigint << z.rb) as others
      from unnest(skill_ids, skill_nos, weights, bits) as x(skill_id, skill_no, w, b)
      cross join lateral (select get_byte(uuid_send(x.skill_id), 15) & 63 as rb) z
    ),
    -- The other lists are short (their skills are not among the most held): read each in one range,
    -- with the exact bounds as filters.
    rare_rows as (
      select r.contributor_id, ms.w * r.credit as wc, r.st, r.held
      from ms
      cross join lateral (
        select s.contributor_id, s.credit, y.held, y.st
        from private.match_skills s
        -- held: weight of the mission's popular skills this contributor has; rare_held: at least the
        -- weight of its rare skills they have (this row's included); st: their exact static part
        cross join lateral (
          select 3 * bit_count(int8send(s.popular_mask & mask3)) + 2 * bit_count(int8send(s.popular_mask & mask2))
                   + bit_count(int8send(s.popular_mask & mask1)) as held,
                 3 * bit_count(int8send(s.skill_mask & rare_mask3)) + 2 * bit_count(int8send(s.skill_mask & rare_mask2))
                   + bit_count(int8send(s.skill_mask & rare_mask1)) + rare_extra as rare_held,
                 (case cx when 1 then s.static_easy_cp when 2 then s.static_medium_cp when 3 then s.static_hard_cp
                          else s.static_expert_cp end
                  + case (s.type_levels >> type_shift) & 3 when 0 then 0 when 1 then 133 when 2 then 267 else 400 end)::integer as st) y
        where s.skill_no = ms.skill_no
          -- this row's own credit and exact static part: a bound per row (a contributor who could
          -- reach the floor passes it on every row). One expression, cheap test first: most hold
          -- none of the mission's other skills, and then rare_held is own_w and held 0.
          and case when s.skill_mask & ms.others = 0 and s.popular_mask & (mask3 | mask2 | mask1) = 0
                   then s.static_upper_cp >= weight_floor[ms.own_w + 1]
                        and y.st + (8 * (ms.w * s.credit + 10000 * (ms.own_w - ms.w)::bigint) + 10 * total_weight)
                                   / (20 * total_weight) >= floor_cp
                   else s.static_upper_cp >= weight_floor[y.rare_held + y.held + 1]
                        and y.st + (8 * (ms.w * s.credit + 10000 * (y.rare_held - ms.w + y.held)::bigint) + 10 * total_weight)
                                   / (20 * total_weight) >= floor_cp end
          and s.contributor_id <> all (excluded)) r
      where not ms.pop
    ),
    rare as (
      select rr.contributor_id, sum(rr.wc) as wsum, max(rr.st) as st, max(rr.held) as held
      from rare_rows rr group by rr.contributor_id
    ),
    -- Skip those who cannot reach the floor even with full marks in the popular skills they hold; look
    -- up the popular skills' rows of those who hold some.
    rare_scored as (
      select r.contributor_id, r.wsum, r.st
      from rare r
      where r.held = 0
        and r.st + (8 * r.wsum + 10 * total_weight) / (20 * total_weight) >= floor_cp
      union all
      select r.contributor_id,
             r.wsum + (select coalesce(sum(ms2.w * s2.credit), 0)
                       from ms ms2
                       join private.match_skills s2 on s2.contributor_id = r.contributor_id and s2.skill_no = ms2.skill_no
                       where ms2.pop),
             r.st
      from rare r
      where r.held > 0
        and r.st + (8 * (r.wsum + 10000 * r.held::bigint) + 10 * total_weight) / (20 * total_weight) >= floor_cp
    )
    select (select array_agg(r.contributor_id) from rare r), array_agg(rs.contributor_id), array_agg(rs.wsum), array_agg(rs.st)
      into rare_ids, scored_ids, scored_wsums, scored_sts
    from rare_scored rs;
    rare_ids := coalesce(rare_ids, '{}');

    -- The floor: the n-th best of the probe's and the rare lists' contributors (exact totals, each once).
    select t.total into better_floor
    from (
      select x.id, max(x.total) as total
      from (select p.id, p.total from unnest(probe_ids, probe_totals) as p(id, total)
            union all
            select r.id, ((8 * r.wsum + 10 * total_weight) / (20 * total_weight))::integer + r.st
            from unnest(scored_ids, scored_wsums, scored_sts) as r(id, wsum, st)) x
      group by x.id
      order by 2 desc
      offset max_rows - 1 limit 1) t;
    if better_floor > floor_cp then
      floor_cp := better_floor;
      weight_floor := array(
        select floor_cp - ((8 * 10000 * w::bigint + 10 * total_weight) / (20 * total_weight))::integer
        from generate_series(0, total_weight + rare_extra) w order by w);
    end if;
  end if;

  return query
  with ms as (
    select x.skill_no, x.w, x.b,
           -- the mission's popular skills are read from the least held to the most held (bit order
           -- descending); each contributor only in the list of the first of them they hold
           (mask3 | mask2 | mask1) & (-1::bigint << x.b) & ~(1::bigint << x.b) as earlier,
           (mask3 | mask2 | mask1) & ~(-1::bigint << x.b) as later
    from unnest(skill_nos, weights, bits) as x(skill_no, w, b)
    where x.b is not null
  ),
  -- Index ranges per (popular skill, top_count k): a contributor read in this skill's list holds
  -- none of the mission's popular skills before it, so at most this one, the later ones of bits
  -- 12-63 and the heaviest k of the later ones among the 12 most popular.
  ranges as (
    select ms.skill_no, ms.w, ms.earlier, ms.later, ks.k,
           weight_floor[(select coalesce(sum(o.w) filter (where o.b >= 12), 0) from ms o where o.b <= ms.b)::integer
                        + (select coalesce(sum(t.w), 0)
                           from (select o.w from ms o where o.b <= ms.b and o.b < 12 order by o.w desc limit ks.k) t)::integer
                        + 1] as popular_only
    from ms
    cross join generate_series(0, top_max) as ks(k)
  ),
  popular_rows as (
    select p.contributor_id, p.wc, p.st, p.later_held, b.later
    from ranges b
    cross join lateral (
      select s.contributor_id, b.w * s.credit as wc, y.st, s.popular_mask & b.later as later_held
      from private.match_skills s
      cross join lateral (
        select 3 * bit_count(int8send(s.popular_mask & mask3)) + 2 * bit_count(int8send(s.popular_mask & mask2))
                 + bit_count(int8send(s.popular_mask & mask1)) as held,
               (case cx when 1 then s.static_easy_cp when 2 then s.static_medium_cp when 3 then s.static_hard_cp
                        else s.static_expert_cp end
                + case (s.type_levels >> type_shift) & 3 when 0 then 0 when 1 then 133 when 2 then 267 else 400 end)::integer as st) y
      where s.skill_no = b.skill_no and s.top_count = b.k
        and s.static_upper_cp >= b.popular_only
        -- one expression, so that the cheap tests come first: those holding an earlier one were read
        -- there; most hold no later one either, and then held is this skill's weight
        and case when s.popular_mask & b.earlier <> 0 then false
                 when s.popular_mask & b.later = 0
                 then s.static_upper_cp >= weight_floor[b.w + 1]
                      and y.st + (8 * b.w * s.credit + 10 * total_weight) / (20 * total_weight) >= floor_cp
                 else s.static_upper_cp >= weight_floor[y.held + 1]
                      and y.st + (8 * (b.w * s.credit + 10000 * (y.held - b.w)::bigint) + 10 * total_weight)
                                 / (20 * total_weight) >= floor_cp end
        and s.contributor_id <> all (excluded)
      offset 0) p -- one index range per (skill, top_count), also in the generic plan
  ),
  -- Each contributor once; the later popular skills they hold by primary key.
  popular_only as (
    select pr.contributor_id,
           pr.wc + case when pr.later_held = 0 then 0
                        else (select coalesce(sum(o.w * s2.credit), 0)
                              from ms o
                              join private.match_skills s2 on s2.contributor_id = pr.contributor_id and s2.skill_no = o.skill_no
                              where pr.later_held & (1::bigint << o.b) <> 0) end as wsum,
           pr.st
    from popular_rows pr
    where not exists (select from unnest(rare_ids) as r(id) where r.id = pr.contributor_id)
  ),
  scored as (
    select c.contributor_id, ((8 * c.wsum + 10 * total_weight) / (20 * total_weight))::integer as skill, c.st
    from (select rs.contributor_id, rs.wsum, rs.st from unnest(scored_ids, scored_wsums, scored_sts) as rs(contributor_id, wsum, st)
          union all
          select po.contributor_id, po.wsum, po.st from popular_only po) c
  )
  select (row_number() over (order by t.total desc, t.skill desc, t.contributor_id))::integer, t.contributor_id, t.skill, t.total
  from (
    select sc.contributor_id, sc.skill, sc.skill + sc.st as total
    from scored sc
    order by sc.skill + sc.st desc, sc.skill desc, sc.contributor_id
    limit max_rows) t
  order by 1;
end
$$;

-- One contributor's score for a mission, straight from the live tables (not the pool), whether or
-- not they are a candidate: an applicant's match_score, and the reference the tests hold the
-- pool-based ranking to.
create function private.score_contributor(mission_id uuid, contributor_id uuid)
returns table (skill_match_cp integer, trust_cp integer, availability_cp integer, experience_cp integer,
               historical_fit_cp integer, total_cp integer)
language sql
stable
security definer
set search_path = ''
as $$
  select x.sk, x.tr, x.av, x.ex, x.hi, x.sk + x.tr + x.av + x.ex + x.hi
  from (
    select private.skill_match_cp(s.weighted, s.total_weight) as sk,
           private.trust_cp(f.trust_score) as tr,
           private.availability_cp(f.free_hours) as av,
           private.experience_cp(f.years_experience, f.missions_completed, m.complexity) as ex,
           private.same_type_cp(coalesce((f.completed_by_type ->> m.type::text)::integer, 0))
             + private.track_record_cp(f.completion_rate, f.average_rating) as hi
    from public.missions m
    cross join private.matching_facts(array[score_contributor.contributor_id]) f
    cross join lateral (
      select coalesce(sum(private.importance_weight(rs.importance) * private.skill_credit(cs.proficiency_level, cs.verified))
                        filter (where cs.skill_id is not null), 0)::bigint as weighted,
             coalesce(sum(private.importance_weight(rs.importance)), 0)::integer as total_weight
      from public.mission_required_skills rs
      left join public.contributor_skills cs on cs.skill_id = rs.skill_id and cs.contributor_id = score_contributor.contributor_id
      where rs.mission_id = m.id) s
    where m.id = score_contributor.mission_id) x
$$;

-- The full breakdown of ranked candidates, from the pool, with what a frontend needs to explain it.
-- (PL/pgSQL so that its plan is cached.)
create function private.candidate_breakdowns(mission_id uuid, max_rows integer)
returns table (
  candidate_rank integer,
  contributor_id uuid,
  user_id uuid,
  skill_match_cp integer,
  trust_cp integer,
  availability_cp integer,
  experience_cp integer,
  historical_fit_cp integer,
  total_cp integer,
  trust_score integer,
  proof_score numeric,
  explanation jsonb
)
language plpgsql
stable
rows 10
security definer
set search_path = ''
set plan_cache_mode = force_generic_plan -- as rank_candidates
set jit = off
as $$
declare
  m public.missions;
  expected integer;
begin
  select * into m from public.missions x where x.id = candidate_breakdowns.mission_id;
  if not found then
    raise exception 'No such mission.' using errcode = 'PT404';
  end if;
  expected := private.expected_years(m.complexity);
  return query
  with ranked as materialized (
    select r.candidate_rank, r.contributor_id, r.skill_match_cp, r.total_cp
    from private.rank_candidates(m.id, max_rows) r
  ),
  -- Each candidate against each of the mission's skills (importance order: required first).
  skill_lines as (
    select r.contributor_id,
           jsonb_agg(jsonb_build_object('skill_id', sk.id, 'name', sk.name, 'importance', rs.importance,
                                        'proficiency_level', cs.proficiency_level, 'verified', cs.verified)
                     order by rs.importance, sk.name) filter (where cs.skill_id is not null) as matched,
           jsonb_agg(jsonb_build_object('skill_id', sk.id, 'name', sk.name, 'importance', rs.importance)
                     order by rs.importance, sk.name) filter (where cs.skill_id is null) as missing
    from ranked r
    cross join public.mission_required_skills rs
    join public.skills sk on sk.id = rs.skill_id
    left join public.contributor_skills cs on cs.contributor_id = r.contributor_id and cs.skill_id = rs.skill_id
    where rs.mission_id = m.id
    group by r.contributor_id
  )
  select r.candidate_rank, r.contributor_id, mc.user_id, r.skill_match_cp, mc.trust_cp::integer, mc.availability_cp::integer,
         x.experience_cp, (r.total_cp - r.skill_match_cp - mc.trust_cp - mc.availability_cp - x.experience_cp)::integer,
         r.total_cp, mc.trust_score::integer, mc.proof_score,
         jsonb_build_object(
           'matched_skills', coalesce(sl.matched, '[]'::jsonb),
           'missing_skills', coalesce(sl.missing, '[]'::jsonb),
           'trust_score', mc.trust_score,
           'years_experience', mc.years_experience,
           'expected_years', expected,
           'missions_completed', mc.missions_completed,
           'same_type_missions_completed', coalesce((mc.completed_by_type ->> m.type::text)::integer, 0),
           'completion_rate', mc.completion_rate,
           'average_rating', mc.average_rating)
  from ranked r
  join private.match_contributors mc on mc.contributor_id = r.contributor_id
  -- experience as the ranking counted it (static part for the complexity minus the other static parts)
  cross join lateral (
    select ((case m.complexity when 'easy' then mc.static_easy_cp when 'medium' then mc.static_medium_cp
                               when 'hard' then mc.static_hard_cp else mc.static_expert_cp end)
           - mc.trust_cp - mc.availability_cp - mc.track_record_cp)::integer as experience_cp) x
  left join skill_lines sl on sl.contributor_id = r.contributor_id
  order by r.candidate_rank;
end
$$;

-- =============================================================================================
-- Team recommendation for the mission's open places (its structure minus who is already invited
-- or on the team):
--   leads          the best total scores (max_lead_contributors places)
--   core reviewer  when requires_core_reviewer: trust_score >= matching_reviewer_min_trust (70) and
--                  expert proficiency in one of the mission's skills; ranked by
--                  reviewer score = skill match + 2 * trust + experience (0-100). Someone who is
--                  not among the chosen leads is preferred; if only a chosen lead qualifies, they
--                  review and the next best becomes lead.
--   shadows        max_shadow_contributors places, from whoever is left, ranked by
--                  shadow score = skill match + trust + availability + promise (0-100), where
--                  promise (0-20) = 10 * mean proof task score / 100 + (10 - experience):
--                  promising, less experienced verified contributors first.
-- Nobody is recommended twice. Ties: contributor id.
-- =============================================================================================
create function private.recommend_team_cp(mission_id uuid)
returns table (
  role public.assignment_role,
  slot integer,
  contributor_id uuid,
  user_id uuid,
  role_score_cp integer,
  skill_match_cp integer,
  trust_cp integer,
  availability_cp integer,
  experience_cp integer,
  historical_fit_cp integer,
  total_cp integer,
  candidate_rank integer
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  m public.missions;
  leads_open integer;
  shadows_open integer;
  reviewers_open integer;
  min_trust integer := coalesce(private.setting_int('matching_reviewer_min_trust'), 70);
begin
  select * into m from public.missions x where x.id = recommend_team_cp.mission_id;
  if not found then
    raise exception 'No such mission.' using errcode = 'PT404';
  end if;
  select greatest(0, m.max_lead_contributors - count(*) filter (where a.role = 'lead'))::integer,
         greatest(0, m.max_shadow_contributors - count(*) filter (where a.role = 'shadow'))::integer,
         greatest(0, (case when m.requires_core_reviewer then 1 else 0 end) - count(*) filter (where a.role = 'core_reviewer'))::integer
    into leads_open, shadows_open, reviewers_open
  from public.mission_assignments a
  where a.mission_id = m.id and a.status in ('invited', 'active', 'stepped_up');
  if leads_open + shadows_open + reviewers_open = 0 then
    return;
  end if;

  return query
  with b as (
    -- every candidate, with the components of their score (as candidate_breakdowns, without the
    -- explanations)
    select r.candidate_rank, r.contributor_id, mc.user_id, r.skill_match_cp, mc.trust_cp::integer as trust_cp,
           mc.availability_cp::integer as availability_cp, x.experience_cp,
           (r.total_cp - r.skill_match_cp - mc.trust_cp - mc.availability_cp - x.experience_cp)::integer as historical_fit_cp,
           r.total_cp, mc.trust_score, mc.proof_score
    from private.rank_candidates(m.id, 1000000) r
    join private.match_contributors mc on mc.contributor_id = r.contributor_id
    cross join lateral (
      select ((case m.complexity when 'easy' then mc.static_easy_cp when 'medium' then mc.static_medium_cp
                                 when 'hard' then mc.static_hard_cp else mc.static_expert_cp end)
              - mc.trust_cp - mc.availability_cp - mc.track_record_cp)::integer as experience_cp) x
  ),
  c as materialized (
    select b.candidate_rank, b.contributor_id, b.user_id, b.skill_match_cp, b.trust_cp, b.availability_cp, b.experience_cp,
           b.historical_fit_cp, b.total_cp,
           b.skill_match_cp + 2 * b.trust_cp + b.experience_cp as reviewer_cp,
           b.skill_match_cp + b.trust_cp + b.availability_cp
             + round(10 * coalesce(b.proof_score, 0))::integer + (1000 - b.experience_cp) as shadow_cp,
           b.trust_score >= min_trust and exists (
             select from public.mission_required_skills rs
             join public.contributor_skills cs on cs.skill_id = rs.skill_id and cs.contributor_id = b.contributor_id
             where rs.mission_id = m.id and cs.proficiency_level = 'expert') as can_review
    from b
  ),
  first_leads as (
    select c.contributor_id from c order by c.candidate_rank limit leads_open
  ),
  reviewer as (
    select c.contributor_id, c.reviewer_cp from c
    where c.can_review
    order by (c.contributor_id in (select f.contributor_id from first_leads f)), c.reviewer_cp desc, c.total_cp desc, c.contributor_id
    limit reviewers_open
  ),
  leads as (
    select c.contributor_id, c.total_cp, c.candidate_rank from c
    where c.contributor_id not in (select r.contributor_id from reviewer r)
    order by c.candidate_rank limit leads_open
  ),
  shadows as (
    select c.contributor_id, c.shadow_cp from c
    where c.contributor_id not in (select r.contributor_id from reviewer r)
      and c.contributor_id not in (select l.contributor_id from leads l)
    order by c.shadow_cp desc, c.total_cp desc, c.contributor_id
    limit shadows_open
  ),
  picks as (
    select 'lead'::public.assignment_role as role, (row_number() over (order by l.candidate_rank))::integer as slot,
           l.contributor_id, l.total_cp as role_score_cp from leads l
    union all
    select 'core_reviewer'::public.assignment_role, 1, r.contributor_id, r.reviewer_cp from reviewer r
    union all
    select 'shadow'::public.assignment_role, (row_number() over (order by s.shadow_cp desc, s.contributor_id))::integer,
           s.contributor_id, s.shadow_cp from shadows s
  )
  select p.role, p.slot, p.contributor_id, c.user_id, p.role_score_cp, c.skill_match_cp, c.trust_cp, c.availability_cp,
         c.experience_cp, c.historical_fit_cp, c.total_cp, c.candidate_rank
  from picks p join c on c.contributor_id = p.contributor_id
  order by array_position(array['lead', 'core_reviewer', 'shadow']::public.assignment_role[], p.role), p.slot;
end
$$;

-- =============================================================================================
-- The matching flow
-- =============================================================================================

-- When a mission enters matching (the lifecycle emits matching:started), recommend the team for
-- its open places and invite them through the lifecycle's own helper (team limits, verification
-- and the invitation:sent event included). An invitation that cannot be made (someone filled the
-- place meanwhile) is skipped and reported; the mission stays in matching either way.
-- Events: matching:progress {stage, detail} at each step, then matching:complete
-- {mission_id, match: {team, invited, skipped, candidates}}.
create function private.run_matching(mission_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions;
  pick record;
  team jsonb := '[]'::jsonb;
  invited integer := 0;
  skipped integer := 0;
  candidates integer;
  skill_count integer;
  excluded uuid[];
  result jsonb;
begin
  select * into m from public.missions x where x.id = run_matching.mission_id;
  if not found or m.status <> 'matching' then
    return null;
  end if;
  excluded := private.mission_exclusions(m);
  select count(*)::integer into skill_count from public.mission_required_skills rs where rs.mission_id = m.id;
  select count(*)::integer into candidates from (
    select distinct s.contributor_id from public.mission_required_skills rs
    join private.match_skill_numbers n on n.skill_id = rs.skill_id
    join private.match_skills s on s.skill_no = n.skill_no
    where rs.mission_id = m.id and s.contributor_id <> all (excluded)) x;
  perform private.emit('matching:progress', m.id, 'mission', m.id, jsonb_build_object(
    'stage', 'scoring',
    'detail', format('Scoring %s candidates against %s skills.', candidates, skill_count)));

  -- The result and the matching:complete event go to the initiator and the team: who and which role,
  -- no scores (they contain the availability part, from private weekly hours).
  for pick in select * from private.recommend_team_cp(m.id) loop
    begin
      perform private.add_to_team(m, pick.contributor_id, pick.role, 'invited');
      invited := invited + 1;
      team := team || jsonb_build_array(jsonb_build_object(
        'role', pick.role, 'contributor_id', pick.contributor_id, 'invited', true));
    exception when others then
      skipped := skipped + 1;
      team := team || jsonb_build_array(jsonb_build_object(
        'role', pick.role, 'contributor_id', pick.contributor_id, 'invited', false, 'reason', sqlerrm));
    end;
  end loop;
  perform private.emit('matching:progress', m.id, 'mission', m.id, jsonb_build_object(
    'stage', 'inviting',
    'detail', format('Invited %s of %s recommended contributors.', invited, invited + skipped)));

  result := jsonb_build_object('team', team, 'invited', invited, 'skipped', skipped, 'candidates', candidates);
  perform private.emit('matching:complete', m.id, 'mission', m.id,
    jsonb_build_object('mission_id', m.id, 'match', result));
  return result;
end
$$;

create function private.tg_domain_events__run_matching()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform private.run_matching(new.mission_id);
  return null;
end
$$;

create trigger tg_domain_events__run_matching
  after insert on private.domain_events
  for each row when (new.event = 'matching:started')
  execute function private.tg_domain_events__run_matching();

-- An application carries the applicant's match score, computed when they apply (and again when a
-- withdrawn application is reopened). The mission's initiator reads it, so it leaves out the
-- availability part (the applicant's private weekly hours: every other part is derivable from
-- public columns, so a total containing it would give the hours back): 0-85 points.
create function private.tg_mission_applications__match_score()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' or (new.status = 'pending' and old.status is distinct from 'pending') then
    new.match_score := (select round((s.total_cp - s.availability_cp) / 100.0, 2)
                        from private.score_contributor(new.mission_id, new.contributor_id) s);
  end if;
  return new;
end
$$;

create trigger tg_mission_applications__match_score
  before insert or update of status on public.mission_applications
  for each row execute function private.tg_mission_applications__match_score();

-- =============================================================================================
-- RPCs
-- =============================================================================================

-- Raises unless the caller may see a mission's candidates: its initiator, an admin, or the platform.
create function private.require_matching_access(mission_id uuid)
returns public.missions
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  m public.missions;
begin
  select * into m from public.missions x where x.id = require_matching_access.mission_id;
  if not found then
    raise exception 'No such mission.' using errcode = 'PT404';
  end if;
  if not private.is_platform() and not (private.mission_actors(m) && array['initiator', 'admin']) then
    raise exception 'Only the mission''s initiator or an admin can see its candidates.' using errcode = '42501';
  end if;
  return m;
end
$$;

-- GET /rpc/match_candidates?mission_id=...&max_results=10: the best candidates, each with the score
-- breakdown (points; see the formula at the top of this file) and an explanation.
create function private.match_candidates(mission_id uuid, max_results integer default 10)
returns table (
  rank integer,
  contributor_id uuid,
  user_id uuid,
  full_name text,
  total numeric,
  skill_match numeric,
  trust numeric,
  availability numeric,
  experience numeric,
  historical_fit numeric,
  explanation jsonb
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  m public.missions := private.require_matching_access(match_candidates.mission_id);
  see_private boolean := private.is_admin() or private.is_platform();
begin
  if max_results is null or max_results not between 1 and 100 then
    raise exception 'max_results must be between 1 and 100.' using errcode = '22023';
  end if;
  -- Availability is derived from contributors' private weekly hours: only admins and the platform
  -- see it, and the total it is part of (total - the other parts would give it back). The initiator
  -- sees the rank and the other parts.
  return query
  select b.candidate_rank, b.contributor_id, b.user_id, p.full_name::text,
         case when see_private then round(b.total_cp / 100.0, 2) end, round(b.skill_match_cp / 100.0, 2), round(b.trust_cp / 100.0, 2),
         case when see_private then round(b.availability_cp / 100.0, 2) end, round(b.experience_cp / 100.0, 2), round(b.historical_fit_cp / 100.0, 2),
         b.explanation
  from private.candidate_breakdowns(m.id, max_results) b
  join public.profiles p on p.id = b.user_id
  order by b.candidate_rank;
end
$$;
revoke execute on function private.match_candidates(uuid, integer) from public;
grant execute on function private.match_candidates(uuid, integer) to authenticated, service_role;

create function public.match_candidates(mission_id uuid, max_results integer default 10)
returns table (
  rank integer,
  contributor_id uuid,
  user_id uuid,
  full_name text,
  total numeric,
  skill_match numeric,
  trust numeric,
  availability numeric,
  experience numeric,
  historical_fit numeric,
  explanation jsonb
)
language sql
stable
security invoker
set search_path = ''
as $$
  select * from private.match_candidates(match_candidates.mission_id, match_candidates.max_results)
$$;
comment on function public.match_candidates(uuid, integer) is
  'The best candidates for a mission with their score breakdown (skill match 0-40, trust 0-25, availability 0-15, experience 0-10, historical fit 0-10). The mission''s initiator and admins only.';
revoke execute on function public.match_candidates(uuid, integer) from public;
grant execute on function public.match_candidates(uuid, integer) to authenticated, service_role;

-- GET /rpc/recommend_team?mission_id=...: a lead (or leads), shadow(s) and core reviewer for the
-- mission's open places, nobody twice, each with the score that chose them.
create function private.recommend_team(mission_id uuid)
returns table (
  role public.assignment_role,
  slot integer,
  contributor_id uuid,
  user_id uuid,
  full_name text,
  role_score numeric,
  total numeric,
  skill_match numeric,
  trust numeric,
  availability numeric,
  experience numeric,
  historical_fit numeric,
  candidate_rank integer
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  m public.missions := private.require_matching_access(recommend_team.mission_id);
  see_private boolean := private.is_admin() or private.is_platform();
begin
  -- As in match_candidates: availability (private weekly hours) and the totals that contain it are for
  -- admins and the platform only.
  return query
  select t.role, t.slot, t.contributor_id, t.user_id, p.full_name::text,
         case when see_private then round(t.role_score_cp / 100.0, 2) end, case when see_private then round(t.total_cp / 100.0, 2) end,
         round(t.skill_match_cp / 100.0, 2),
         round(t.trust_cp / 100.0, 2), case when see_private then round(t.availability_cp / 100.0, 2) end, round(t.experience_cp / 100.0, 2),
         round(t.historical_fit_cp / 100.0, 2), t.candidate_rank
  from private.recommend_team_cp(m.id) t
  join public.profiles p on p.id = t.user_id
  order by array_position(array['lead', 'core_reviewer', 'shadow']::public.assignment_role[], t.role), t.slot;
end
$$;
revoke execute on function private.recommend_team(uuid) from public;
grant execute on function private.recommend_team(uuid) to authenticated, service_role;

create function public.recommend_team(mission_id uuid)
returns table (
  role public.assignment_role,
  slot integer,
  contributor_id uuid,
  user_id uuid,
  full_name text,
  role_score numeric,
  total numeric,
  skill_match numeric,
  trust numeric,
  availability numeric,
  experience numeric,
  historical_fit numeric,
  candidate_rank integer
)
language sql
stable
security invoker
set search_path = ''
as $$
  select * from private.recommend_team(recommend_team.mission_id)
$$;
comment on function public.recommend_team(uuid) is
  'A recommended team (leads, shadows, core reviewer) for the mission''s open places, nobody twice. The mission''s initiator and admins only.';
revoke execute on function public.recommend_team(uuid) from public;
grant execute on function public.recommend_team(uuid) to authenticated, service_role;
