-- Reputation: trust_score and match_power follow the documented formula and are recomputed by
-- triggers whenever an input changes (verification, proof tasks, completion, ratings, disputes,
-- background check, skills, experience), without recursing; the matching pool follows.
begin;
select plan(24);

select tests.create_user('rep-initiator@example.com', '{"role":"initiator","full_name":"Rita Initiator"}', id => 'a5100000-0000-4000-8000-000000000001');
select tests.create_user('rep-contributor@example.com', '{"full_name":"Remy Reputation"}', id => 'a5100000-0000-4000-8000-000000000002');
create temp table r as select tests.cid('a5100000-0000-4000-8000-000000000002') as cid;
insert into public.skills (id, name, category)
select ('a5000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'Rep skill ' || i, 'tool' from generate_series(1, 6) i;
insert into public.proof_tasks (id, title, scenario, category) values
  ('a5200000-0000-4000-8000-000000000001', 'Rep task one', 'Solve.', 'backend'),
  ('a5200000-0000-4000-8000-000000000002', 'Rep task two', 'Solve.', 'backend');

create function pg_temp.rep() returns text language sql stable as $$
  select c.trust_score || '/' || c.match_power from public.contributor_profiles c where c.id = (select cid from r)
$$;

-- 1. Inputs one by one. trust = verification + proof + delivery + ratings + background - disputes;
--    match_power = 40 * best five credits / 5 + 20 * years / 10 + 20 * completed / 10 + 20 * trust / 100.
select is(pg_temp.rep(), '0/0', 'a new contributor: trust 0, match power 0');
update public.contributor_profiles set verification_status = 'proof_task_submitted' where id = (select cid from r);
select is(pg_temp.rep(), '10/2', 'proof task submitted: trust 10 (match power 20 * 10 / 100 = 2)');
update public.contributor_profiles set verification_status = 'verified' where id = (select cid from r);
select is(pg_temp.rep(), '25/5', 'verified: trust 25');
update public.contributor_profiles set years_experience = 10 where id = (select cid from r);
select is(pg_temp.rep(), '25/25', 'ten years of experience: match power + 20');
insert into public.contributor_skills (contributor_id, skill_id, proficiency_level, verified)
select (select cid from r), ('a5000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid,
       (case when i <= 5 then 'expert' else 'beginner' end)::public.proficiency_level, i <= 5
from generate_series(1, 6) i;
select is(pg_temp.rep(), '25/65', 'five verified expert skills: match power + 40 (only the best five count)');
insert into public.proof_task_submissions (contributor_id, task_id, answer, status)
values ((select cid from r), 'a5200000-0000-4000-8000-000000000001', 'My answer.', 'submitted');
select is(pg_temp.rep(), '25/65', 'an ungraded proof task changes nothing');
update public.proof_task_submissions set status = 'passed', score = 80, evaluated_at = now()
where contributor_id = (select cid from r) and task_id = 'a5200000-0000-4000-8000-000000000001';
select is(pg_temp.rep(), '41/68', 'graded 80: trust + 20 * 80 / 100 = 16');
insert into public.proof_task_submissions (contributor_id, task_id, answer, status, score, evaluated_at)
values ((select cid from r), 'a5200000-0000-4000-8000-000000000002', 'Another.', 'failed', 40, now());
select is(pg_temp.rep(), '37/67', 'a second task graded 40: the mean (60) counts, trust 37');
update public.contributor_private_details set background_check_status = 'passed' where contributor_id = (select cid from r);
select is(pg_temp.rep(), '52/70', 'background check passed: trust + 15');

-- Completion and ratings: one mission completed and rated 5 (evidence weighs n / (n + 2)).
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, published_at, completed_at)
values ('a5300000-0000-4000-8000-000000000001', tests.iid('a5100000-0000-4000-8000-000000000001'), 'Rep mission one', 'rep-one',
        'Done.', 'backend', 1000, 5000, 10, 'completed', now(), now()),
       ('a5300000-0000-4000-8000-000000000002', tests.iid('a5100000-0000-4000-8000-000000000001'), 'Rep mission two', 'rep-two',
        'Done.', 'backend', 1000, 5000, 10, 'completed', now(), now());
insert into public.mission_assignments (id, mission_id, contributor_id, role, status, accepted_at, completed_at)
values ('a5400000-0000-4000-8000-000000000001', 'a5300000-0000-4000-8000-000000000001', (select cid from r), 'lead', 'completed', now(), now());
select private.refresh_contributor_stats((select cid from r));
-- 25 + 12 + 20 * 1 * 1/3 + 0 + 15 = 58.67
select is(pg_temp.rep(), '59/74', 'one mission completed (100%): trust + 20 * 1/3');
insert into public.reviews (assignment_id, mission_id, reviewer_id, reviewee_id, direction, rating)
values ('a5400000-0000-4000-8000-000000000001', 'a5300000-0000-4000-8000-000000000001',
        'a5100000-0000-4000-8000-000000000001', 'a5100000-0000-4000-8000-000000000002', 'initiator_to_contributor', 5);
select private.refresh_contributor_stats((select cid from r));
-- + 20 * 5/5 * 1/3 = 65.33
select is(pg_temp.rep(), '65/75', 'rated 5 once: trust + 20 * 1/3');
insert into public.mission_assignments (mission_id, contributor_id, role, status, accepted_at, ended_at)
values ('a5300000-0000-4000-8000-000000000002', (select cid from r), 'lead', 'withdrawn', now(), now());
select private.refresh_contributor_stats((select cid from r));
-- completion 50% over 2: 20 * 0.5 * 2/4 = 5 instead of 6.67 -> 63.67
select is(pg_temp.rep(), '64/75', 'a mission abandoned after accepting: completion 50%, trust down');
update public.missions set disputed_at = now(), status = 'disputed' where id = 'a5300000-0000-4000-8000-000000000001';
select is(pg_temp.rep(), '59/74', 'a dispute on a mission they worked on: trust - 5');
update public.contributor_private_details set background_check_status = 'failed' where contributor_id = (select cid from r);
select is(pg_temp.rep(), '29/68', 'background check failed: trust - 15 instead of + 15');
delete from public.contributor_skills where contributor_id = (select cid from r) and skill_id = 'a5000000-0000-4000-8000-000000000001';
select is(pg_temp.rep(), '29/61', 'a skill removed: match power follows (the sixth, a beginner skill, now counts)');

-- 2. Recomputation is exact everywhere and stops: a bulk update of many contributors at once.
select tests.create_user(format('rep-bulk-%s@example.com', i), '{}', id => ('a5500000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid)
from generate_series(1, 20) i;
update public.contributor_profiles set verification_status = 'verified', years_experience = 3, is_looking_for_work = true
where user_id::text like 'a5500000-%';
select is((select count(*)::int from public.contributor_profiles where user_id::text like 'a5500000-%' and trust_score = 25 and match_power = 11),
          20, 'one statement over twenty contributors recomputes all twenty');
select is_empty(
  $$select r.contributor_id from private.reputation_of(array(select id from public.contributor_profiles)) r
    join public.contributor_profiles c on c.id = r.contributor_id
    where (c.trust_score, c.match_power) is distinct from (r.trust_score, r.match_power)$$,
  'every stored trust_score and match_power equals the formula over its inputs');
select is((select count(*)::int from public.audit_logs where entity_id = (select cid from r) and action = 'contributor.trust_score_changed'),
          10, 'each trust change is audited once (no repeated or recursive updates)');

-- 3. The pool follows reputation.
update public.contributor_profiles set is_looking_for_work = true where id = (select cid from r);
update public.contributor_private_details set background_check_status = 'passed' where contributor_id = (select cid from r);
select is((select mc.trust_score || '/' || mc.match_power from private.match_contributors mc where mc.contributor_id = (select cid from r)),
          pg_temp.rep(), 'the matching pool carries the new trust and match power');
select is((select mc.trust_cp::int from private.match_contributors mc where mc.contributor_id = (select cid from r)),
          (select 25 * trust_score from public.contributor_profiles where id = (select cid from r)), 'and the trust points (25 * trust / 100)');
-- trust_score is owned by the formula: a direct write holds until an input changes, and the pool
-- follows it too.
update public.contributor_profiles set trust_score = 90 where id = (select cid from r);
select is((select trust_score::int from private.match_contributors where contributor_id = (select cid from r)), 90,
  'a direct write of trust_score reaches the pool');
update public.contributor_profiles set years_experience = 11 where id = (select cid from r);
select isnt((select trust_score from public.contributor_profiles where id = (select cid from r)), 90,
  'the next input change recomputes it from the formula');

-- 4. Properties of the formulas over random inputs.
create temp table samples as
select (enum_range(null::public.verification_status))[1 + floor(random() * 4)::int] as v,
       (random() * 100)::numeric as proof, (random() * 100)::numeric as completion, floor(random() * 20)::int as finished,
       (random() * 5)::numeric as rating, floor(random() * 20)::int as ratings,
       (enum_range(null::public.background_check_status))[1 + floor(random() * 4)::int] as bg, floor(random() * 8)::int as disputes,
       floor(random() * 50001)::int as credits, floor(random() * 40)::int as years, floor(random() * 30)::int as completed
from generate_series(1, 2000);
select is_empty(
  $$select * from samples
    where private.trust_score_formula(v, proof, completion, finished, rating, ratings, bg, disputes) not between 0 and 100
       or private.match_power_formula(credits, years, completed, private.trust_score_formula(v, proof, completion, finished, rating, ratings, bg, disputes))
          not between 0 and 100$$,
  'trust and match power stay within 0-100 for any inputs');
select is_empty(
  $$select * from samples
    where private.trust_score_formula(v, proof + 5, completion, finished, rating, ratings, bg, disputes)
            < private.trust_score_formula(v, proof, completion, finished, rating, ratings, bg, disputes)
       or private.trust_score_formula(v, proof, least(completion + 5, 100), finished + 1, rating, ratings, bg, disputes)
            < private.trust_score_formula(v, proof, completion, finished, rating, ratings, bg, disputes)
       or private.trust_score_formula(v, proof, completion, finished, least(rating + 0.5, 5), ratings, bg, disputes)
            < private.trust_score_formula(v, proof, completion, finished, rating, ratings, bg, disputes)
       or private.trust_score_formula(v, proof, completion, finished, rating, ratings, bg, disputes + 1)
            > private.trust_score_formula(v, proof, completion, finished, rating, ratings, bg, disputes)
       or private.trust_score_formula('verified', proof, completion, finished, rating, ratings, bg, disputes)
            < private.trust_score_formula(v, proof, completion, finished, rating, ratings, bg, disputes)
       or private.trust_score_formula(v, proof, completion, finished, rating, ratings, 'passed', disputes)
            < private.trust_score_formula(v, proof, completion, finished, rating, ratings, bg, disputes)$$,
  'better proof scores, completion, ratings, verification or background never lower trust; disputes never raise it');

select * from finish();
rollback;
