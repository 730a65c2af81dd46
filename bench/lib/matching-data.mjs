// The matching benchmark's data set: 100k contributors over 200 skills with skewed popularity,
// their history, initiators, and the missions the benchmark ranks candidates for; loaded set-based.
// (bench/lib/seed.mjs is the full marketplace data set; this one is only what matching reads, so it
// loads in well under a minute.)
//
// Everything is INSERT ... SELECT over generate_series in one session with
// session_replication_role = replica (row triggers off: no signup trigger, audit rows or per-row
// matching refreshes during the bulk load); reputation and the matching pool are then rebuilt in one
// set-based pass by private.rebuild_matching(), exactly as the triggers would have left them.
// random() is seeded (setseed), so a run with the same parameters builds the same data.
//
// Skill popularity: skill r (1..skills) is drawn with weight 1 / (r + 4), a shifted Zipf law. With
// ~8 skills each, the most popular skill is held by about a third of the contributors, the median
// one by ~2% (developer surveys look like this: a few technologies everyone lists, a long tail).
import { connect, log, timed } from "./db.mjs";

export const MATCHING_DEFAULTS = {
  contributors: 100_000,
  skills: 200,
  skillsPerContributor: 8, // mean; each contributor has 6..10
  initiators: 200,
  historyMissions: 15_000, // completed missions with their teams, reviews and a few disputes
  activeMissions: 8_000, // missions in progress whose assignments use up contributors' hours
  benchMissions: 200, // per scenario (uniform, popular)
  missionSkills: 5,
  popularPool: 10, // "popular" missions draw their skills from the 10 most popular
  seed: 0.4242,
};

/** The load, phase by phase: [{ label, sql }]. */
export function matchingPhases(params = {}) {
  const p = { ...MATCHING_DEFAULTS, ...params };
  const lo = Math.max(1, p.skillsPerContributor - 2);
  const spread = 4; // lo .. lo + 4
  return [
    {
      label: "skills and people",
      sql: `
set session_replication_role = replica;
select setseed(${p.seed});

create temp table bench_skills as
select r, md5('bench-skill-' || r)::uuid as id, format('Bench skill %s', lpad(r::text, 3, '0')) as name,
       (array['language', 'framework', 'tool', 'domain'])[1 + r % 4]::public.skill_category as category,
       1.0 / (r + 4) as weight
from generate_series(1, ${p.skills}) r;
insert into public.skills (id, name, category) select id, name, category from bench_skills;

-- Sampling by popularity: 100,000 buckets, each skill owning a share proportional to its weight.
create temp table skill_buckets as
select (row_number() over (order by s.r, g) - 1)::integer as b, s.id as skill_id, s.r
from bench_skills s,
     generate_series(1, greatest(1, round(s.weight / (select sum(weight) from bench_skills) * 100000)::integer)) g;
create unique index on skill_buckets (b);
analyze skill_buckets;

create temp table bench_people as
select i,
       md5('bench-user-' || i)::uuid as user_id,
       md5('bench-contributor-' || i)::uuid as id,
       random() as r_account, random() as r_verification, random() as r_looking, random() as r_years,
       random() as r_hours, random() as r_background, random() as r_proof,
       ${lo} + floor(random() * ${spread + 1})::integer as skill_count
from generate_series(1, ${p.contributors}) i;

insert into auth.users (instance_id, id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
select '00000000-0000-0000-0000-000000000000', user_id, 'authenticated', 'authenticated', format('c%s@bench.example', i),
       '{"provider":"email","providers":["email"]}', jsonb_build_object('full_name', format('Contributor %s', i)), now(), now()
from bench_people;
insert into public.profiles (id, full_name, primary_role, account_status)
select user_id, format('Contributor %s', i), 'contributor',
       (case when r_account < 0.96 then 'active' when r_account < 0.98 then 'suspended'
             when r_account < 0.99 then 'banned' else 'pending_verification' end)::public.account_status
from bench_people;
insert into public.contributor_profiles (id, user_id, verification_status, verification_date, is_looking_for_work, years_experience)
select id, user_id,
       (case when r_verification < 0.72 then 'verified' when r_verification < 0.80 then 'proof_task_submitted'
             when r_verification < 0.97 then 'pending' else 'rejected' end)::public.verification_status,
       case when r_verification < 0.72 then now() - interval '1 day' * floor(r_proof * 700) end,
       r_looking < 0.75,
       floor(power(r_years, 1.6) * 20)::integer
from bench_people;
insert into public.contributor_private_details (contributor_id, availability_hours_per_week, background_check_status)
select id,
       case when r_hours < 0.05 then 5 when r_hours < 0.20 then 10 when r_hours < 0.55 then 20
            when r_hours < 0.75 then 30 else 40 end,
       (case when r_background < 0.45 then 'passed' when r_background < 0.55 then 'in_progress'
             when r_background < 0.57 then 'failed' else 'not_started' end)::public.background_check_status
from bench_people;

-- Initiators.
create temp table bench_initiators as
select i, md5('bench-initiator-user-' || i)::uuid as user_id, md5('bench-initiator-' || i)::uuid as id
from generate_series(1, ${p.initiators}) i;
insert into auth.users (instance_id, id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
select '00000000-0000-0000-0000-000000000000', user_id, 'authenticated', 'authenticated', format('i%s@bench.example', i),
       '{"provider":"email","providers":["email"]}', jsonb_build_object('full_name', format('Initiator %s', i), 'role', 'initiator'), now(), now()
from bench_initiators;
insert into public.profiles (id, full_name, primary_role) select user_id, format('Initiator %s', i), 'initiator' from bench_initiators;
insert into public.initiator_profiles (id, user_id, company_name, is_verified) select id, user_id, format('Company %s', i), true from bench_initiators;
insert into public.initiator_private_details (initiator_id) select id from bench_initiators;
`,
    },
    {
      label: "contributor skills",
      sql: `
-- Each contributor: 16 draws by popularity, the first skill_count distinct ones kept. (The draws
-- are made in a subquery: a random() in a join condition would be re-drawn for every pair.)
insert into public.contributor_skills (contributor_id, skill_id, proficiency_level, years_experience, verified)
select k.id, k.skill_id,
       (case when k.r_prof < 0.15 then 'beginner' when k.r_prof < 0.55 then 'intermediate'
             when k.r_prof < 0.85 then 'advanced' else 'expert' end)::public.proficiency_level,
       1 + floor(random() * 10)::integer,
       random() < 0.35
from (
  select d.id, d.skill_id, random() as r_prof,
         row_number() over (partition by d.id order by d.first_draw) as n, d.skill_count
  from (
    select x.id, sb.skill_id, min(x.draw) as first_draw, min(x.skill_count) as skill_count
    from (select bp.id, bp.skill_count, g as draw, floor(random() * (select count(*) from skill_buckets))::integer as b
          from bench_people bp, generate_series(1, 16) g) x
    join skill_buckets sb on sb.b = x.b
    group by x.id, sb.skill_id) d) k
where k.n <= k.skill_count;
`,
    },
    {
      label: "history: proof tasks, missions, teams, reviews",
      sql: `
insert into public.proof_tasks (id, title, scenario, category)
select md5('bench-task-' || t)::uuid, format('Bench task %s', t), 'Solve it.', 'backend' from generate_series(1, 10) t;
insert into public.proof_task_submissions (contributor_id, task_id, answer, score, status, evaluated_at)
select bp.id, md5('bench-task-' || (1 + floor(bp.r_proof * 10)::integer))::uuid, 'My answer.',
       case when c.verification_status = 'verified' then round((55 + bp.r_proof * 45)::numeric, 2) end,
       (case when c.verification_status = 'verified' then case when 55 + bp.r_proof * 45 >= 60 then 'passed' else 'failed' end
             else 'submitted' end)::public.proof_task_submission_status,
       case when c.verification_status = 'verified' then now() end
from bench_people bp join public.contributor_profiles c on c.id = bp.id
where c.verification_status in ('verified', 'proof_task_submitted');

-- Completed missions (1% went through a dispute) and missions in progress.
create temp table bench_history as
select i, md5('bench-history-' || i)::uuid as id, i <= ${p.historyMissions} as done,
       (select id from bench_initiators where i = 1 + (g.i * 7919) % ${p.initiators}) as initiator_id,
       (private.mission_types())[1 + floor(random() * 11)::integer] as type,
       (enum_range(null::public.mission_complexity))[1 + floor(random() * 4)::integer] as complexity,
       1 + floor(random() * 3)::integer as team_size,
       random() < 0.01 as disputed
from generate_series(1, ${p.historyMissions + p.activeMissions}) g(i);
insert into public.missions (id, initiator_id, title, slug, description, type, complexity, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, published_at, started_at, completed_at, disputed_at)
select id, initiator_id, format('History mission %s', i), format('bench-history-%s', i), 'Past work.', type, complexity,
       100000, 500000, 30, (case when done then 'completed' else 'in_progress' end)::public.mission_status,
       now() - interval '200 days', now() - interval '190 days', case when done then now() - interval '100 days' end,
       case when disputed and done then now() - interval '150 days' end
from bench_history;

-- Teams: verified contributors, drawn at random (a contributor may be on several missions).
create temp table verified_people as
select row_number() over (order by c.id) as n, c.id from public.contributor_profiles c where c.verification_status = 'verified';
insert into public.mission_assignments (mission_id, contributor_id, role, status, assigned_at, accepted_at, completed_at, ended_at)
select distinct on (h.id, v.id) h.id, v.id,
       (case s when 1 then 'lead' when 2 then 'shadow' else 'core_reviewer' end)::public.assignment_role,
       (case when not h.done then 'active' when random() < 0.06 then 'withdrawn' else 'completed' end)::public.assignment_status,
       now() - interval '195 days', now() - interval '194 days',
       case when h.done then now() - interval '100 days' end, null
from (select h.id, h.done, s, 1 + floor(random() * (select count(*) from verified_people))::integer as pick
      from bench_history h cross join generate_series(1, 3) s where s <= h.team_size) h
join verified_people v on v.n = h.pick;
update public.mission_assignments set ended_at = now() - interval '120 days', end_reason = 'left' where status = 'withdrawn';

-- Ratings from initiators for most completed assignments.
insert into public.reviews (assignment_id, mission_id, reviewer_id, reviewee_id, direction, rating)
select a.id, a.mission_id, i.user_id, c.user_id, 'initiator_to_contributor',
       (case when r < 0.05 then 2 when r < 0.15 then 3 when r < 0.50 then 4 else 5 end)::smallint
from (select a.*, random() as r, random() as rr from public.mission_assignments a where a.status = 'completed') a
join public.missions m on m.id = a.mission_id
join public.initiator_profiles i on i.id = m.initiator_id
join public.contributor_profiles c on c.id = a.contributor_id
where a.rr < 0.7;
update public.mission_assignments a set rating = r.rating from public.reviews r where r.assignment_id = a.id;

-- The statistics refresh_contributor_stats keeps, set-based.
update public.contributor_profiles c set
  total_missions_completed = s.done,
  completion_rate = case when s.ended = 0 then 0 else round(100.0 * s.done / s.ended, 2) end,
  shadow_assignments = s.shadows,
  average_rating = coalesce(s.rating, 0)
from (
  select a.contributor_id,
         count(*) filter (where a.status = 'completed') as done,
         count(*) filter (where a.status in ('completed', 'withdrawn', 'removed') and a.accepted_at is not null) as ended,
         count(*) filter (where a.role = 'shadow') as shadows,
         (select round(avg(r.rating), 2) from public.reviews r
          join public.contributor_profiles cc on cc.user_id = r.reviewee_id
          where cc.id = a.contributor_id and r.direction = 'initiator_to_contributor') as rating
  from public.mission_assignments a group by a.contributor_id) s
where c.id = s.contributor_id;
`,
    },
    {
      label: "benchmark missions",
      sql: `
-- The missions the benchmark ranks candidates for: open, ${p.missionSkills} skills each (3 required, then
-- preferred, then nice to have). Uniform: skills drawn uniformly from all ${p.skills}. Popular: drawn from the
-- ${p.popularPool} most popular. bench-mission-1..${p.benchMissions} are uniform, the rest popular.
create temp table bench_missions as
select i, md5('bench-mission-' || i)::uuid as id, case when i <= ${p.benchMissions} then 'uniform' else 'popular' end as scenario,
       (select id from bench_initiators where i = 1 + (g.i * 104729) % ${p.initiators}) as initiator_id,
       (private.mission_types())[1 + floor(random() * 11)::integer] as type,
       (enum_range(null::public.mission_complexity))[1 + floor(random() * 4)::integer] as complexity
from generate_series(1, ${2 * p.benchMissions}) g(i);
insert into public.missions (id, initiator_id, title, slug, description, type, complexity, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, published_at)
select id, initiator_id, format('Bench mission %s', i), format('bench-mission-%s', i), 'Work to match.', type, complexity,
       100000, 500000, 30, 'open', now() - interval '1 day'
from bench_missions;
insert into public.mission_required_skills (mission_id, skill_id, importance)
select k.id, k.skill_id,
       (case when k.n <= 3 then 'required' when k.n = 4 then 'preferred' else 'nice_to_have' end)::public.skill_importance
from (
  select bm.id, s.id as skill_id, row_number() over (partition by bm.id order by random()) as n
  from bench_missions bm
  join bench_skills s on bm.scenario = 'uniform' or s.r <= ${p.popularPool}) k
where k.n <= ${p.missionSkills};

-- A few people already excluded from each: two rejected applicants and one withdrawn invitation.
insert into public.mission_applications (mission_id, contributor_id, status, reviewed_at)
select distinct on (bm.id, v.id) bm.id, v.id, 'rejected', now()
from (select bm.id, 1 + floor(random() * (select count(*) from verified_people))::integer as pick
      from bench_missions bm cross join generate_series(1, 2) g) bm
join verified_people v on v.n = bm.pick;
insert into public.mission_assignments (mission_id, contributor_id, role, status, assigned_at, ended_at, end_reason)
select bm.id, v.id, 'shadow', 'withdrawn', now() - interval '1 day', now(), 'invitation declined'
from (select bm.id, 1 + floor(random() * (select count(*) from verified_people))::integer as pick from bench_missions bm) bm
join verified_people v on v.n = bm.pick
on conflict do nothing;
`,
    },
    {
      label: "reputation and matching pool (analyze, then private.rebuild_matching)",
      sql: `analyze;
select private.rebuild_matching();
set session_replication_role = origin;`,
    },
  ];
}

/** Loads the matching data set phase by phase and reports what it built. */
export async function loadMatchingData(url, params = {}) {
  const sql = connect(url, { max: 1 });
  const phases = [];
  try {
    const reserved = await sql.reserve();
    try {
      for (const phase of matchingPhases(params)) {
        const [, ms] = await timed(() => reserved.unsafe(phase.sql));
        log(`  ${phase.label}: ${(ms / 1000).toFixed(1)} s`);
        phases.push({ label: phase.label, seconds: Math.round(ms) / 1000 });
      }
      // Fresh statistics and an all-visible map for index-only scans, as autovacuum would leave them.
      const [, ms] = await timed(() => reserved.unsafe("vacuum (analyze)"));
      log(`  vacuum analyze: ${(ms / 1000).toFixed(1)} s`);
      phases.push({ label: "vacuum analyze", seconds: Math.round(ms) / 1000 });
    } finally {
      reserved.release();
    }
    const [counts] = await sql`
      select (select count(*) from public.contributor_profiles)::int as contributors,
             (select count(*) from public.skills)::int as skills,
             (select count(*) from public.contributor_skills)::int as contributor_skills,
             (select round(avg(n), 2)::float from (select count(*) as n from public.contributor_skills group by contributor_id) x) as skills_per_contributor,
             (select count(*) from private.match_contributors)::int as eligible_contributors,
             (select count(*) from private.match_skills)::int as pool_skill_rows,
             (select count(*) from public.mission_assignments)::int as assignments,
             (select count(*) from public.reviews)::int as reviews,
             (select count(*) from public.missions)::int as missions`;
    const popularity = await sql`
      select s.name, count(cs.contributor_id)::int as holders
      from public.skills s left join public.contributor_skills cs on cs.skill_id = s.id
      group by s.id, s.name order by holders desc, s.name`;
    const holders = popularity.map((r) => r.holders);
    return {
      phases,
      seconds: Math.round(phases.reduce((a, p) => a + p.seconds, 0) * 1000) / 1000,
      counts,
      skill_holders: {
        most_popular: holders[0],
        tenth: holders[9],
        median: holders[Math.floor(holders.length / 2)],
        least_popular: holders[holders.length - 1],
        top10_share_of_contributors: popularity.slice(0, 10).map((r) => Math.round((1000 * r.holders) / counts.contributors) / 10),
      },
    };
  } finally {
    await sql.end();
  }
}
