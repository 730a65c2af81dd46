-- Matching scores as properties over a random (seeded) population: the fast ranking equals scoring
-- every candidate from the live tables, components stay in bounds and add up, ineligible people
-- never appear, and more matching skills, higher proficiency or higher trust never lower a rank.
begin;
select plan(43);
select setseed(0.4040);

-- ---------------------------------------------------------------------------------------------
-- The population: 20 skills (skewed popularity), 2 initiators, 70 contributors with random
-- profiles, skills and history, 7 open missions.
-- ---------------------------------------------------------------------------------------------
-- The last byte of an id is its skill_mask bit: skills 15-20 (outside the popular set below) share
-- theirs in pairs, so the ranking's bound meets colliding rare skills.
insert into public.skills (id, name, category)
select ('a4000000-0000-4000-8000-' || lpad(i::text, 10, '0') || lpad((case when i <= 14 then i else 15 + 2 * ((i - 15) / 2) end)::text, 2, '0'))::uuid,
       'Match skill ' || lpad(i::text, 2, '0'),
       (enum_range(null::public.skill_category))[1 + i % 4]
from generate_series(1, 20) i;

select tests.create_user('m-initiator@example.com', '{"role":"initiator","full_name":"Ivy Initiator"}', id => 'a4100000-0000-4000-8000-000000000001');
select tests.create_user('m-other-initiator@example.com', '{"role":"initiator","full_name":"Oscar Other"}', id => 'a4100000-0000-4000-8000-000000000002');
select tests.create_user('m-admin@example.com', '{"full_name":"Ada Admin"}', id => 'a4100000-0000-4000-8000-000000000003');
update public.profiles set primary_role = 'admin' where id = 'a4100000-0000-4000-8000-000000000003';
select tests.create_user(format('m-c%s@example.com', i), jsonb_build_object('full_name', 'Candidate ' || i),
                         id => ('a4200000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid)
from generate_series(1, 70) i;

create temp table people as
select ('a4200000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid as user_id,
       tests.cid(('a4200000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid) as cid, i
from generate_series(1, 70) i;

update public.contributor_profiles c set
  verification_status = (case when random() < 0.9 then 'verified' else 'pending' end)::public.verification_status,
  is_looking_for_work = random() < 0.92,
  years_experience = floor(random() * 14)::integer
from people p where c.id = p.cid;
update public.contributor_private_details d set
  availability_hours_per_week = (array[10, 20, 25, 30, 40])[1 + floor(random() * 5)::integer],
  background_check_status = (array['not_started', 'in_progress', 'passed', 'passed', 'failed'])[1 + floor(random() * 5)::integer]::public.background_check_status
from people p where d.contributor_id = p.cid;
-- Skill i is held with probability 0.75 / (1 + i / 3): a few skills nearly everyone has, a long tail.
insert into public.contributor_skills (contributor_id, skill_id, proficiency_level, years_experience, verified)
select p.cid, s.id, (enum_range(null::public.proficiency_level))[1 + floor(random() * 4)::integer], 1 + floor(random() * 8)::integer,
       random() < 0.4
from people p
cross join (select id, row_number() over (order by id) as r from public.skills where name like 'Match skill%') s
-- (p.i keeps the condition per pair: a condition on s alone would be drawn once per skill)
where random() + 0 * p.i < 0.75 / (1 + s.r / 3.0);

-- History: completed missions of random types (some disputed), with ratings; graded proof tasks.
insert into public.missions (id, initiator_id, title, slug, description, type, complexity, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, published_at, completed_at, disputed_at)
select ('a4300000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, tests.iid('a4100000-0000-4000-8000-000000000002'),
       'Past mission ' || i, 'm-past-' || i, 'Done.', (private.mission_types())[1 + i % 4],
       'medium', 1000, 5000, 10, 'completed', now() - interval '90 days', now() - interval '30 days',
       case when i % 9 = 0 then now() - interval '60 days' end
from generate_series(1, 30) i;
insert into public.mission_assignments (mission_id, contributor_id, role, status, accepted_at, completed_at, ended_at)
select distinct on (x.mission_id, x.cid) x.mission_id, x.cid, 'lead',
       (case when random() < 0.85 then 'completed' else 'withdrawn' end)::public.assignment_status,
       now() - interval '80 days', now() - interval '30 days', null::timestamptz
from (select ('a4300000-0000-4000-8000-' || lpad((1 + floor(random() * 30)::integer)::text, 12, '0'))::uuid as mission_id, p.cid
      from people p cross join generate_series(1, 3) g where random() < 0.4) x;
insert into public.reviews (assignment_id, mission_id, reviewer_id, reviewee_id, direction, rating)
select a.id, a.mission_id, 'a4100000-0000-4000-8000-000000000002', p.user_id, 'initiator_to_contributor', 2 + floor(random() * 4)::smallint
from public.mission_assignments a join people p on p.cid = a.contributor_id
where a.status = 'completed' and random() < 0.8;
select private.refresh_contributor_stats(cid) from people;
insert into public.proof_tasks (id, title, scenario, category) values ('a4400000-0000-4000-8000-000000000001', 'Match task', 'Solve.', 'backend');
insert into public.proof_task_submissions (contributor_id, task_id, answer, score, status, evaluated_at)
select p.cid, 'a4400000-0000-4000-8000-000000000001', 'Answer.', s.score, case when s.score >= 60 then 'passed' else 'failed' end::public.proof_task_submission_status, now()
from people p cross join lateral (select round((40 + random() * 60)::numeric, 2) as score) s
where random() < 0.7;

-- Some contributors are busy: one active assignment each on a mission in progress.
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, published_at, started_at)
values ('a4300000-0000-4000-8000-000000000099', tests.iid('a4100000-0000-4000-8000-000000000002'), 'Busy mission', 'm-busy',
        'Ongoing.', 'backend', 1000, 5000, 10, 'in_progress', now(), now());
insert into public.mission_assignments (mission_id, contributor_id, role, status, accepted_at)
select 'a4300000-0000-4000-8000-000000000099', p.cid, 'shadow', 'active', now() from people p where p.i % 6 = 0;

-- The open missions to match: 3 to 5 skills of mixed importance (mission 7: no skills at all).
insert into public.missions (id, initiator_id, title, slug, description, type, complexity, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, published_at)
select ('a4500000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, tests.iid('a4100000-0000-4000-8000-000000000001'),
       'Match mission ' || i, 'm-open-' || i, 'To match.', (private.mission_types())[1 + i % 5],
       (enum_range(null::public.mission_complexity))[1 + i % 4], 1000, 5000, 10, 'open', now()
from generate_series(1, 7) i;
insert into public.mission_required_skills (mission_id, skill_id, importance)
select x.mission_id, x.skill_id, (enum_range(null::public.skill_importance))[1 + floor(random() * 3)::integer]
from (select m.id as mission_id, s.id as skill_id, row_number() over (partition by m.id order by random()) as n,
             3 + (substr(m.slug, 8)::integer % 3) as k
      from public.missions m cross join public.skills s
      where m.slug like 'm-open-%' and m.slug <> 'm-open-7' and s.name like 'Match skill%') x
where x.n <= x.k;
-- Mission 2 needs both skills of a skill_mask pair (its bound then counts their weights on one bit).
insert into public.mission_required_skills (mission_id, skill_id, importance)
select 'a4500000-0000-4000-8000-000000000002', s.id, 'required' from public.skills s
where s.name in ('Match skill 19', 'Match skill 20')
on conflict do nothing;

-- People already excluded from mission 1: a withdrawn invitee and a rejected applicant.
create temp table m1 as select 'a4500000-0000-4000-8000-000000000001'::uuid as id;
insert into public.mission_assignments (mission_id, contributor_id, role, status, ended_at, end_reason)
select (select id from m1), cid, 'shadow', 'withdrawn', now(), 'declined' from people where i = 2;
insert into public.mission_applications (mission_id, contributor_id, status, reviewed_at)
select (select id from m1), cid, 'rejected', now() from people where i = 3;

-- Track the 14 most held skills in the pool (so both the popular and the other branches of the
-- ranking run, and bits above 11), rebuilt as after a bulk load.
update private.settings set value = '14' where key = 'matching_popular_skills';
select private.rebuild_matching();

grant select on people, m1 to authenticated;

-- ---------------------------------------------------------------------------------------------
-- The reference: every candidate scored from the live tables, ordered as the ranking promises.
-- ---------------------------------------------------------------------------------------------
create function pg_temp.reference(mid uuid)
returns table (contributor_id uuid, skill integer, trust integer, availability integer, experience integer, history integer, total integer)
language sql stable as $$
  select f.contributor_id, s.skill_match_cp, s.trust_cp, s.availability_cp, s.experience_cp, s.historical_fit_cp, s.total_cp
  from private.matching_facts(array(select c.id from public.contributor_profiles c)) f
  cross join lateral private.score_contributor(mid, f.contributor_id) s
  where f.eligible
    and f.contributor_id <> all (private.mission_exclusions((select m from public.missions m where m.id = mid)))
    and (not exists (select from public.mission_required_skills rs where rs.mission_id = mid)
         or exists (select from public.mission_required_skills rs
                    join public.contributor_skills cs on cs.skill_id = rs.skill_id
                    where rs.mission_id = mid and cs.contributor_id = f.contributor_id))
  order by s.total_cp desc, s.skill_match_cp desc, f.contributor_id
$$;

create function pg_temp.fast(mid uuid, n integer) returns text[] language sql stable as $$
  select coalesce(array_agg(r.contributor_id::text || ':' || r.total_cp order by r.candidate_rank), '{}')
  from private.rank_candidates(mid, n) r
$$;
create temp table open_missions as
select id, slug from public.missions where slug like 'm-open-%' order by slug;

-- The reference rankings of every open mission, recomputed after each change to the population.
create temp table reference_rankings (mission_id uuid, position integer, contributor_id uuid, total integer);
create function pg_temp.refresh_reference() returns void language sql as $$
  delete from reference_rankings;
  insert into reference_rankings
  select o.id, row_number() over (partition by o.id order by r.total desc, r.skill desc, r.contributor_id), r.contributor_id, r.total
  from open_missions o cross join lateral pg_temp.reference(o.id) r;
$$;
select pg_temp.refresh_reference();
create temp table expected_m1 as
select array_agg(x.contributor_id::text || ':' || x.total order by x.position) as v
from reference_rankings x where x.mission_id = (select id from m1) and x.position <= 10;
grant select on open_missions, expected_m1 to authenticated;
create function pg_temp.slow(mid uuid, n integer) returns text[] language sql stable as $$
  select coalesce(array_agg(x.contributor_id::text || ':' || x.total order by x.position), '{}')
  from reference_rankings x where x.mission_id = mid and x.position <= n
$$;

-- The fixture is what it should be.
select ok((select count(*) from private.match_popular_skills) = 14
          and (select count(distinct rs.skill_id) filter (where ps.bit is null) from public.mission_required_skills rs
               left join private.match_popular_skills ps using (skill_id) join open_missions o on o.id = rs.mission_id) > 0
          and (select count(*) from private.match_popular_skills where bit >= 12) = 2,
  'the missions mix popular (including bits 12-13) and other skills');
select cmp_ok((select count(*)::int from private.match_contributors), '>=', 40, 'most of the population is eligible');
select ok((select count(*) from (select private.skill_bit(id) from public.skills where name like 'Match skill%'
                                 and id not in (select skill_id from private.match_popular_skills) group by 1 having count(*) = 2) x) >= 2
          and exists (select from public.mission_required_skills rs join open_missions o on o.id = rs.mission_id
                      where rs.skill_id not in (select skill_id from private.match_popular_skills)
                      group by rs.mission_id, private.skill_bit(rs.skill_id) having count(*) = 2),
  'the other skills share skill_mask bits in pairs, and a mission holds both skills of a pair');

-- 1. The fast ranking equals the reference, for every mission and several cut-offs (the pruning
--    depends on n).
select is(pg_temp.fast(o.id, 10), pg_temp.slow(o.id, 10), format('%s: the top 10 equals scoring everyone', o.slug))
from open_missions o order by o.slug;
select is_empty(
  $$select o.slug, n from open_missions o cross join (values (1), (2), (3), (4), (5), (6), (7), (8), (9), (12), (25), (1000)) v(n)
    where pg_temp.fast(o.id, n) is distinct from pg_temp.slow(o.id, n)$$,
  'every cut-off (1-9, 12, 25, all) equals the reference');

-- 2. The breakdown equals the reference's components, stays in bounds, and adds up.
select is_empty(
  $$select o.slug, b.contributor_id from open_missions o
    cross join lateral private.candidate_breakdowns(o.id, 1000) b
    join lateral pg_temp.reference(o.id) r on r.contributor_id = b.contributor_id
    where (b.skill_match_cp, b.trust_cp, b.availability_cp, b.experience_cp, b.historical_fit_cp, b.total_cp)
          is distinct from (r.skill, r.trust, r.availability, r.experience, r.history, r.total)$$,
  'every component equals the one computed from the live tables');
select is_empty(
  $$select o.slug, b.contributor_id from open_missions o cross join lateral private.candidate_breakdowns(o.id, 1000) b
    where b.skill_match_cp not between 0 and 4000 or b.trust_cp not between 0 and 2500 or b.availability_cp not between 0 and 1500
       or b.experience_cp not between 0 and 1000 or b.historical_fit_cp not between 0 and 1000 or b.total_cp not between 0 and 10000
       or b.skill_match_cp + b.trust_cp + b.availability_cp + b.experience_cp + b.historical_fit_cp <> b.total_cp$$,
  'components stay within 0-40, 0-25, 0-15, 0-10, 0-10 and add up to the total');
select tests.authenticate_as('m-initiator');
select is_empty(
  $$select o.slug, c.contributor_id from open_missions o cross join lateral public.match_candidates(o.id, 100) c
    where c.availability is not null or c.total is not null$$,
  'the initiator sees no availability (private weekly hours) and no total that contains it');
select tests.authenticate_as('m-admin');
select is_empty(
  $$select o.slug, c.contributor_id from open_missions o cross join lateral public.match_candidates(o.id, 100) c
    where c.total is null or c.availability is null or c.skill_match + c.trust + c.availability + c.experience + c.historical_fit <> c.total
       or c.total not between 0 and 100 or c.skill_match > 40 or c.trust > 25 or c.availability > 15 or c.experience > 10
       or c.historical_fit > 10$$,
  'the RPC''s breakdown (points) adds up to its total exactly');
select is((select array_agg(c.contributor_id::text || ':' || (c.total * 100)::integer order by c.rank)
           from public.match_candidates((select id from m1), 10) c),
          (select v from expected_m1), 'the RPC returns the same ten, in the same order');
select ok((select bool_and(jsonb_array_length(c.explanation -> 'matched_skills') >= 1 and c.explanation ? 'trust_score')
           from public.match_candidates((select id from m1), 10) c),
  'each candidate comes with the skills that matched and the inputs behind the score');
select tests.as_postgres();
select is(pg_temp.fast(o.id, 10), pg_temp.fast(o.id, 10), 'the ranking is deterministic')
from open_missions o where o.slug = 'm-open-3';

-- 3. A mission without skills ranks every eligible contributor, with no skill match.
select is((select count(*)::int from private.rank_candidates((select id from open_missions where slug = 'm-open-7'), 1000)),
          (select count(*)::int from private.match_contributors), 'a mission without skills: every eligible contributor is a candidate');

-- ---------------------------------------------------------------------------------------------
-- 4. Ineligible people never appear. Stars: the best profile there is, each ineligible for one
--    reason (one stays eligible, to show a star would top every list).
-- ---------------------------------------------------------------------------------------------
create temp table stars (reason text primary key, user_id uuid, cid uuid);
insert into stars (reason, user_id)
select reason, ('a4600000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid
from unnest(array['eligible', 'unverified', 'suspended', 'banned', 'not_looking', 'no_capacity', 'assigned', 'rejected', 'initiator'])
  with ordinality as t(reason, n);
select tests.create_user(format('m-star-%s@example.com', reason), jsonb_build_object('full_name', 'Star ' || reason), id => user_id)
from stars where reason <> 'initiator';
-- The initiator of every open mission also gets a contributor profile (an admin switched roles).
update stars set user_id = 'a4100000-0000-4000-8000-000000000001' where reason = 'initiator';
select private.create_role_profile('a4100000-0000-4000-8000-000000000001', 'contributor');
update stars set cid = tests.cid(user_id);
update public.contributor_profiles c set verification_status = 'verified', is_looking_for_work = true, years_experience = 20
from stars s where c.id = s.cid;
update public.contributor_private_details d set availability_hours_per_week = 40, background_check_status = 'passed'
from stars s where d.contributor_id = s.cid;
insert into public.contributor_skills (contributor_id, skill_id, proficiency_level, verified)
select s.cid, k.id, 'expert', true from stars s cross join public.skills k where k.name like 'Match skill%';
insert into public.proof_task_submissions (contributor_id, task_id, answer, score, status, evaluated_at)
select cid, 'a4400000-0000-4000-8000-000000000001', 'Perfect.', 100, 'passed', now() from stars;
-- ...and then each one's reason.
update public.contributor_profiles set verification_status = 'pending' where id = (select cid from stars where reason = 'unverified');
update public.profiles set account_status = 'suspended' where id = (select user_id from stars where reason = 'suspended');
update public.profiles set account_status = 'banned' where id = (select user_id from stars where reason = 'banned');
update public.contributor_profiles set is_looking_for_work = false where id = (select cid from stars where reason = 'not_looking');
update public.contributor_private_details set availability_hours_per_week = 15 where contributor_id = (select cid from stars where reason = 'no_capacity');
insert into public.mission_assignments (mission_id, contributor_id, role, status, accepted_at)
select 'a4300000-0000-4000-8000-000000000099', cid, 'shadow', 'active', now() from stars where reason = 'no_capacity';
insert into public.mission_assignments (mission_id, contributor_id, role, status, ended_at, end_reason)
select o.id, s.cid, 'lead', 'removed', now(), 'removed' from open_missions o, stars s where s.reason = 'assigned';
insert into public.mission_applications (mission_id, contributor_id, status, reviewed_at)
select o.id, s.cid, 'rejected', now() from open_missions o, stars s where s.reason = 'rejected';

select is((select count(*)::int from open_missions o cross join lateral private.rank_candidates(o.id, 1000) r
           where r.contributor_id = (select cid from stars where reason = 'eligible')),
          7, 'an eligible star is a candidate for every mission (so the other stars are excluded only for their reason)');
select is_empty(
  $$select o.slug, s.reason from open_missions o cross join lateral private.rank_candidates(o.id, 1000) r
    join stars s on s.cid = r.contributor_id where s.reason <> 'eligible'$$,
  'unverified, suspended, banned, not looking, without capacity, already on, rejected and the initiator never appear');
select is_empty(
  $$select s.reason from stars s join private.match_contributors mc on mc.contributor_id = s.cid
    where s.reason in ('unverified', 'suspended', 'banned', 'not_looking', 'no_capacity')$$,
  'the pool holds none of the globally ineligible');
select pg_temp.refresh_reference();
select is_empty(
  $$select o.slug from open_missions o where pg_temp.fast(o.id, 10) is distinct from pg_temp.slow(o.id, 10)$$,
  'with the stars in, the fast ranking still equals the reference');
-- Capacity is hours: 15 a week with one assignment (10 hours) leaves 5, too few; 20 is enough.
update public.contributor_private_details set availability_hours_per_week = 20 where contributor_id = (select cid from stars where reason = 'no_capacity');
select ok(exists (select from private.rank_candidates((select id from m1), 1000) r
                  where r.contributor_id = (select cid from stars where reason = 'no_capacity')),
  'with 20 hours a week and one active assignment there is room for one more: a candidate again');
update public.contributor_private_details set availability_hours_per_week = 15 where contributor_id = (select cid from stars where reason = 'no_capacity');
-- Reactivated accounts come back.
update public.profiles set account_status = 'active' where id = (select user_id from stars where reason = 'suspended');
select ok(exists (select from private.match_contributors where contributor_id = (select cid from stars where reason = 'suspended')),
  'a reactivated account rejoins the pool');
update public.profiles set account_status = 'suspended' where id = (select user_id from stars where reason = 'suspended');
delete from public.contributor_profiles where id = (select cid from stars where reason = 'eligible');
delete from stars where reason = 'eligible';
select pg_temp.refresh_reference();

-- ---------------------------------------------------------------------------------------------
-- 5. Monotonicity, all else equal: each trial improves one random candidate of one random mission
--    in one way, checks their rank did not get worse, and undoes the change.
-- ---------------------------------------------------------------------------------------------
create function pg_temp.rank_of(mid uuid, cid uuid) returns integer language sql stable as $$
  select r.candidate_rank from private.rank_candidates(mid, 1000) r where r.contributor_id = cid
$$;

create function pg_temp.improve(kind text, trials integer, out violations text[], out ran integer)
language plpgsql as $$
declare
  mid uuid;
  cid uuid;
  sid uuid;
  before integer;
  after integer;
  trust_before integer;
begin
  violations := '{}';
  ran := 0;
  for t in 1..trials loop
    select o.id into mid from open_missions o where o.slug <> 'm-open-7' order by random() limit 1;
    select r.contributor_id into cid from private.rank_candidates(mid, 1000) r order by random() limit 1;
    before := pg_temp.rank_of(mid, cid);
    begin
      if kind = 'skill' then
        select rs.skill_id into sid from public.mission_required_skills rs
        where rs.mission_id = mid and not exists (select from public.contributor_skills cs where cs.contributor_id = cid and cs.skill_id = rs.skill_id)
        order by random() limit 1;
        if sid is null then raise exception 'skip' using errcode = 'T0SKP'; end if;
        insert into public.contributor_skills (contributor_id, skill_id, proficiency_level, verified)
        values (cid, sid, (enum_range(null::public.proficiency_level))[1 + floor(random() * 4)::integer], random() < 0.5);
      elsif kind = 'proficiency' then
        select cs.skill_id into sid from public.contributor_skills cs
        join public.mission_required_skills rs on rs.skill_id = cs.skill_id and rs.mission_id = mid
        where cs.contributor_id = cid and cs.proficiency_level <> 'expert'
        order by random() limit 1;
        if sid is null then raise exception 'skip' using errcode = 'T0SKP'; end if;
        update public.contributor_skills cs
        set proficiency_level = (enum_range(null::public.proficiency_level))[
              least(4, array_position(enum_range(null::public.proficiency_level), cs.proficiency_level) + 1 + floor(random() * 2)::integer)]
        where cs.contributor_id = cid and cs.skill_id = sid and cs.proficiency_level <> 'expert';
      elsif kind = 'verification' then
        select cs.skill_id into sid from public.contributor_skills cs
        join public.mission_required_skills rs on rs.skill_id = cs.skill_id and rs.mission_id = mid
        where cs.contributor_id = cid and not cs.verified
        order by random() limit 1;
        if sid is null then raise exception 'skip' using errcode = 'T0SKP'; end if;
        update public.contributor_skills set verified = true where contributor_id = cid and skill_id = sid;
      elsif kind = 'trust' then
        -- through its inputs: a passed background check, or a better proof task score
        select c.trust_score into trust_before from public.contributor_profiles c where c.id = cid;
        update public.contributor_private_details set background_check_status = 'passed'
        where contributor_id = cid and background_check_status <> 'passed';
        if not found then
          insert into public.proof_task_submissions (contributor_id, task_id, answer, score, status, evaluated_at)
          values (cid, 'a4400000-0000-4000-8000-000000000001', 'Better.', 100, 'passed', now())
          on conflict (contributor_id, task_id) do update set score = 100, status = 'passed', evaluated_at = now();
        end if;
        if (select c.trust_score from public.contributor_profiles c where c.id = cid) <= trust_before then
          raise exception 'skip' using errcode = 'T0SKP';
        end if;
      end if;
      after := pg_temp.rank_of(mid, cid);
      ran := ran + 1;
      if after is null or after > before then
        violations := violations || format('%s: rank %s -> %s', kind, before, after);
      end if;
      raise exception 'undo' using errcode = 'T0UND';
    exception when sqlstate 'T0UND' or sqlstate 'T0SKP' then
      null;
    end;
  end loop;
end
$$;

create temp table trials as
select kind, (pg_temp.improve(kind, 30)).* from unnest(array['skill', 'proficiency', 'verification', 'trust']) kind;

select is((select violations from trials where kind = 'skill'), '{}'::text[], 'one more matching skill never lowers a rank');
select is((select violations from trials where kind = 'proficiency'), '{}'::text[], 'a higher proficiency never lowers a rank');
select is((select violations from trials where kind = 'verification'), '{}'::text[], 'a verified skill never lowers a rank');
select is((select violations from trials where kind = 'trust'), '{}'::text[], 'higher trust never lowers a rank');
select cmp_ok((select min(ran) from trials), '>=', 15, 'each property ran at least 15 real trials');
select is((select array_agg(pg_temp.fast(o.id, 10)::text order by o.slug) from open_missions o),
          (select array_agg(pg_temp.slow(o.id, 10)::text order by o.slug) from open_missions o),
          'the undone trials left the pool as it was');

-- ---------------------------------------------------------------------------------------------
-- 6. The pool follows every kind of change (random churn, then compare with the reference).
-- ---------------------------------------------------------------------------------------------
update public.contributor_private_details d set availability_hours_per_week = (array[5, 10, 20, 40])[1 + floor(random() * 4)::integer]
from people p where d.contributor_id = p.cid and random() < 0.3;
update public.contributor_profiles c set is_looking_for_work = not is_looking_for_work from people p where c.id = p.cid and random() < 0.15;
delete from public.contributor_skills cs using people p where cs.contributor_id = p.cid and random() < 0.1;
insert into public.contributor_skills (contributor_id, skill_id, proficiency_level, verified)
select p.cid, s.id, 'advanced', false from people p cross join public.skills s
where s.name like 'Match skill%' and random() < 0.05 on conflict do nothing;
update public.contributor_skills cs set proficiency_level = 'beginner' from people p where cs.contributor_id = p.cid and random() < 0.1;
update public.mission_assignments a set status = 'completed', completed_at = now() from people p
where a.contributor_id = p.cid and a.mission_id = 'a4300000-0000-4000-8000-000000000099' and random() < 0.5;
update public.profiles pr set account_status = 'suspended' from people p where pr.id = p.user_id and p.i in (5, 17);
update public.missions set disputed_at = now() where id = 'a4300000-0000-4000-8000-000000000001';
select is_empty(
  $$select f.contributor_id from private.matching_facts(array(select id from public.contributor_profiles)) f
    where f.eligible and not exists (select from private.match_contributors mc where mc.contributor_id = f.contributor_id)
    union all
    select mc.contributor_id from private.match_contributors mc
    where not exists (select from private.matching_facts(array[mc.contributor_id]) f where f.eligible)$$,
  'after random changes the pool holds exactly the eligible contributors');
select is_empty(
  $$select s.contributor_id, s.skill_no from private.match_skills s
    join private.match_contributors mc using (contributor_id)
    where s.skill_mask is distinct from mc.skill_mask
       or mc.skill_mask is distinct from (select coalesce(bit_or(1::bigint << private.skill_bit(cs.skill_id)), 0) from public.contributor_skills cs
                                          where cs.contributor_id = mc.contributor_id
                                            and cs.skill_id not in (select ps.skill_id from private.match_popular_skills ps))$$,
  'and every pool row''s skill_mask has the bits of exactly the contributor''s skills outside the popular set');
-- The pool keeps skills by number (private.match_skill_numbers): a skill first held in the pool gets
-- one, and every pool row is one of an eligible contributor's skills under its skill's number.
insert into public.skills (id, name, category) values ('a4000000-0000-4000-8000-0000000000ff', 'Match skill new', 'language');
insert into public.contributor_skills (contributor_id, skill_id, proficiency_level, verified)
select mc.contributor_id, 'a4000000-0000-4000-8000-0000000000ff', 'expert', true
from private.match_contributors mc order by mc.contributor_id limit 2;
select is((select count(*)::int from private.match_skills s join private.match_skill_numbers n using (skill_no)
           where n.skill_id = 'a4000000-0000-4000-8000-0000000000ff'), 2,
  'a skill new to the pool is numbered when a contributor in the pool first holds it');
select is_empty(
  $$(select s.contributor_id, n.skill_id, s.credit::int from private.match_skills s join private.match_skill_numbers n using (skill_no)
     except
     select cs.contributor_id, cs.skill_id, private.skill_credit(cs.proficiency_level, cs.verified)::int
     from public.contributor_skills cs join private.match_contributors mc using (contributor_id))
    union all
    (select cs.contributor_id, cs.skill_id, private.skill_credit(cs.proficiency_level, cs.verified)::int
     from public.contributor_skills cs join private.match_contributors mc using (contributor_id)
     except
     select s.contributor_id, n.skill_id, s.credit::int from private.match_skills s join private.match_skill_numbers n using (skill_no))$$,
  'and the pool''s skill rows are exactly the eligible contributors'' skills, each under its skill''s number');
select pg_temp.refresh_reference();
select is_empty(
  $$select o.slug from open_missions o where pg_temp.fast(o.id, 10) is distinct from pg_temp.slow(o.id, 10)
       or pg_temp.fast(o.id, 1000) is distinct from pg_temp.slow(o.id, 1000)$$,
  'and the fast ranking still equals the reference for every mission');
select is_empty(
  $$select r.contributor_id from private.reputation_of(array(select id from public.contributor_profiles)) r
    join public.contributor_profiles c on c.id = r.contributor_id
    where (c.trust_score, c.match_power) is distinct from (r.trust_score, r.match_power)$$,
  'and every trust_score and match_power is what its inputs say');

-- Two skills on one skill_mask bit: a mission needing only those two, and the strongest profile in
-- the pool holding both at expert. The bound must count both weights on the one bit (else it would
-- prune that contributor, whose probe total is the floor).
insert into public.missions (id, initiator_id, title, slug, description, type, complexity, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, published_at)
values ('a4500000-0000-4000-8000-000000000099', tests.iid('a4100000-0000-4000-8000-000000000001'), 'Pair mission', 'm-pair',
        'To match.', 'fullstack', 'medium', 1000, 5000, 10, 'open', now());
insert into public.mission_required_skills (mission_id, skill_id, importance)
select 'a4500000-0000-4000-8000-000000000099', s.id, 'required' from public.skills s where s.name in ('Match skill 19', 'Match skill 20');
insert into public.contributor_skills (contributor_id, skill_id, proficiency_level, verified)
select x.contributor_id, s.id, 'expert', true
from (select mc.contributor_id from private.match_contributors mc order by mc.static_upper_cp desc, mc.contributor_id limit 1) x
cross join public.skills s where s.name in ('Match skill 19', 'Match skill 20')
on conflict (contributor_id, skill_id) do update set proficiency_level = 'expert', verified = true;
select is((select array_agg(r.contributor_id::text || ':' || r.total_cp order by r.candidate_rank)
           from private.rank_candidates('a4500000-0000-4000-8000-000000000099', 3) r),
          (select array_agg(x.contributor_id::text || ':' || x.total) from (
             select r.contributor_id, r.total from pg_temp.reference('a4500000-0000-4000-8000-000000000099') r limit 3) x),
  'a mission whose two skills share a skill_mask bit: the top 3 equals the reference');

-- Breadth cases: a mission whose skills are all required, and a weak profile (no experience, no
-- proof task; verified and available) holding every one of them at expert, verified. Only the skill
-- match lifts them: the checks are that they make the top 3 from below the median static part, and
-- that every cut-off of the fast ranking equals the reference's.
create function pg_temp.breadth_case(mid uuid, slug text, skill_ids uuid[], uid uuid) returns void language plpgsql as $$
begin
  insert into public.missions (id, initiator_id, title, slug, description, type, complexity, budget_min_cents, budget_max_cents,
                               estimated_duration_days, status, published_at)
  values (mid, tests.iid('a4100000-0000-4000-8000-000000000001'), slug, slug, 'To match.', 'backend', 'expert', 1000, 5000, 10, 'open', now());
  insert into public.mission_required_skills (mission_id, skill_id, importance)
  select mid, x, 'required' from unnest(skill_ids) x;
  perform tests.create_user(slug || '@example.com', jsonb_build_object('full_name', 'Weak ' || slug), id => uid);
  update public.contributor_profiles set verification_status = 'verified', is_looking_for_work = true, years_experience = 0
  where id = tests.cid(uid);
  update public.contributor_private_details set availability_hours_per_week = 20, background_check_status = 'passed'
  where contributor_id = tests.cid(uid);
  insert into public.contributor_skills (contributor_id, skill_id, proficiency_level, verified)
  select tests.cid(uid), x, 'expert', true from unnest(skill_ids) x;
end
$$;
create function pg_temp.weak_in_top3(mid uuid, uid uuid) returns boolean language sql as $$
  select (select min(r.position) from pg_temp.reference(mid) with ordinality as r(contributor_id, skill, trust, availability, experience, history, total, position)
          where r.contributor_id = tests.cid(uid)) <= 3
         and (select static_upper_cp from private.match_contributors where contributor_id = tests.cid(uid))
             < (select percentile_disc(0.5) within group (order by static_upper_cp) from private.match_contributors)
$$;
create function pg_temp.cutoffs_differing(mid uuid) returns setof integer language sql as $$
  select n from (values (1), (2), (3), (5), (10)) v(n)
  where pg_temp.fast(mid, n) is distinct from
        (select coalesce(array_agg(x.contributor_id::text || ':' || x.total), '{}') from (
           select r.contributor_id, r.total from pg_temp.reference(mid) r limit n) x)
$$;

-- Breadth: the mission's four skills are all popular, among the 12 most held and beyond: each popular
-- list's range must allow for the mission's later skills they hold (they are read once, in the list
-- of the first of them).
select pg_temp.breadth_case('a4500000-0000-4000-8000-000000000098', 'm-breadth',
  array(select ps.skill_id from private.match_popular_skills ps where ps.bit in (1, 6, 11, 13)), 'a4600000-0000-4000-8000-000000000098');
select ok(pg_temp.weak_in_top3('a4500000-0000-4000-8000-000000000098', 'a4600000-0000-4000-8000-000000000098'),
  'breadth: a below-median static profile makes the top 3 on skill match alone');
select is_empty($$select pg_temp.cutoffs_differing('a4500000-0000-4000-8000-000000000098')$$,
  'breadth: every cut-off (1, 2, 3, 5, 10) equals the reference');

-- Rare breadth: three skills outside the popular set, on three skill_mask bits. Their lists are read
-- in full, each row held to a bound; most rows take the short test (the contributor holds none of the
-- mission's other skills), so one who does must get the full bound.
select pg_temp.breadth_case('a4500000-0000-4000-8000-000000000097', 'm-rare-breadth',
  array(select s.id from public.skills s where s.name in ('Match skill 15', 'Match skill 17', 'Match skill 19')),
  'a4600000-0000-4000-8000-000000000097');
select ok((select count(*) from public.mission_required_skills rs where rs.mission_id = 'a4500000-0000-4000-8000-000000000097'
             and rs.skill_id not in (select skill_id from private.match_popular_skills)) = 3
          and (select count(distinct private.skill_bit(rs.skill_id)) from public.mission_required_skills rs
               where rs.mission_id = 'a4500000-0000-4000-8000-000000000097') = 3
          and pg_temp.weak_in_top3('a4500000-0000-4000-8000-000000000097', 'a4600000-0000-4000-8000-000000000097'),
  'rare breadth: three skills outside the popular set, on three bits; a below-median static profile makes the top 3 on skill match alone');
select is_empty($$select pg_temp.cutoffs_differing('a4500000-0000-4000-8000-000000000097')$$,
  'rare breadth: every cut-off (1, 2, 3, 5, 10) equals the reference');

-- The ranking's plans: generic (made once per session) and never JIT-compiled; at 100k contributors
-- the generic plan's estimates pass jit_above_cost and compiling cost ~38 ms of a 46 ms call.
select is(
  (select array_agg(p.proname::text order by p.proname) from pg_proc p
   where p.pronamespace = 'private'::regnamespace and p.proname in ('rank_candidates', 'candidate_breakdowns')
     and p.proconfig @> array['plan_cache_mode=force_generic_plan', 'jit=off']),
  array['candidate_breakdowns', 'rank_candidates'],
  'the ranking functions run on generic plans without JIT');

select * from finish();
rollback;
