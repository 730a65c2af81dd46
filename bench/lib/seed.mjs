// The marketplace data set, generated set-based and deterministically at any scale.
//
// Scale 1 (the default): 10k initiators, 100k contributors over 200 skills (~8 skills each, shifted
// Zipf popularity), 50k missions in every status with milestones and required skills, teams,
// 500k applications, reviews, 100k conversations with 1M messages, 1M notifications, and the escrow
// ledger of the 20k funded missions (deposits, releases + platform fees per paid milestone, refunds,
// dispute holds). `--scale smoke` is 1/100 of that; any number works (`--scale 0.1`).
//
// Everything is INSERT ... SELECT over generate_series, as the superuser, straight into the tables,
// in one session. Every "random" choice is a hash of the row number (pg_temp.r(i, salt), built on
// hashint8extended), never random(): the same scale builds the same rows, whatever plan the
// planner picks. Ids are md5 of a name ("bench-m-123"), so they are stable too.
//
// The load (bench/lib/load.mjs) disables the user triggers of the loaded tables for its duration
// (ALTER TABLE ... DISABLE TRIGGER USER; foreign keys, which are internal triggers, stay enforced,
// CHECK constraints always are), then does set-based what those triggers would have done:
// profiles and role profiles (signup trigger), contributor and initiator statistics, earnings and
// spend, team chats and their participants, and the matching pool (private.rebuild_matching()).
// Domain events, notifications-on-insert, realtime broadcasts, welcome emails and audit entries are
// not generated for the loaded rows. The ledger's own rules are then checked by one set-based
// query (bench/lib/load.mjs: LEDGER_CHECK).

export const SKILLS = 200;

/** Parameters for a scale (1 = the default marketplace, 0.01 = smoke). */
export function scaleParams(scale = 1) {
  const s = Number(scale);
  if (!(s > 0 && s <= 10)) throw new Error(`--scale must be smoke, default or a number in (0, 10], not ${scale}`);
  const n = (x, min = 1) => Math.max(min, Math.round(x * s));
  const p = {
    scale: s,
    skills: SKILLS,
    skillsPerContributor: 8, // mean; each contributor has 6..10
    contributors: n(100_000, 300),
    initiators: n(10_000, 30),
    admins: 3,
    missions: n(50_000, 200),
    funded: n(20_000, 80),
    applications: n(500_000, 500),
    conversations: n(100_000, 200),
    messages: n(1_000_000, 2000),
    notifications: n(1_000_000, 2000),
    // Matching benchmark missions (open, funded), per scenario: uniform and popular skills.
    benchMissions: Math.max(10, Math.round(200 * Math.min(s, 1))),
    missionSkills: 5,
    popularPool: 10,
  };
  p.statuses = missionStatuses(p);
  return p;
}

/**
 * How the missions split by status. Funded missions (those with escrow deposits): completed,
 * in progress, in review, disputed, open, matching, and cancelled after funding (refunded). The
 * rest never were: drafts, published awaiting funding, cancelled before funding.
 */
function missionStatuses(p) {
  const f = p.funded;
  const u = p.missions - f;
  const share = (x, total) => Math.round(x * total);
  const open = Math.max(share(0.12, f), 2 * p.benchMissions + Math.max(5, share(0.02, f)));
  const funded = [
    ["in_progress", share(0.175, f)],
    ["in_review", share(0.05, f)],
    ["disputed", share(0.015, f)],
    ["open", open],
    ["matching", share(0.015, f)],
    ["cancelled_funded", share(0.025, f)],
  ];
  const completed = f - funded.reduce((a, [, c]) => a + c, 0);
  if (completed < 1) throw new Error("scale too small for the mission mix");
  const unfunded = [["pending_funding", share(0.2667, u)], ["cancelled_unfunded", share(0.2667, u)]];
  const draft = u - unfunded.reduce((a, [, c]) => a + c, 0);
  const list = [["completed", completed], ...funded, ["draft", draft], ...unfunded].map(([name, count]) => ({
    name,
    count,
    funded: !["draft", "pending_funding", "cancelled_unfunded"].includes(name),
    status: name.startsWith("cancelled") ? "cancelled" : name,
  }));
  let lo = 1;
  for (const x of list) {
    x.lo = lo;
    x.hi = lo + x.count - 1;
    lo += x.count;
  }
  return list;
}

/** The tables the load writes (their user triggers are disabled while it runs; auth.users's: see below). */
export const LOADED_TABLES = [
  "public.profiles",
  "public.contributor_profiles",
  "public.contributor_private_details",
  "public.initiator_profiles",
  "public.initiator_private_details",
  "public.skills",
  "public.contributor_skills",
  "public.proof_tasks",
  "public.proof_task_submissions",
  "public.missions",
  "public.mission_required_skills",
  "public.milestones",
  "public.mission_assignments",
  "public.mission_applications",
  "public.work_submissions",
  "public.reviews",
  "public.conversations",
  "public.conversation_participants",
  "public.messages",
  "public.notifications",
  "public.escrow_transactions",
  "private.mission_charges",
];

/** The load, phase by phase: [{ label, sql }], run in one session (temp tables carry over). */
export function seedPhases(p) {
  const C = p.contributors;
  const I = p.initiators;
  const M = p.missions;
  const B = p.benchMissions;
  const lo = Math.max(1, p.skillsPerContributor - 2);
  const blocks = p.statuses.map((x) => `('${x.name}', '${x.status}', ${x.funded}, ${x.lo}, ${x.hi})`).join(",\n    ");
  const openBlock = p.statuses.find((x) => x.name === "open");
  return [
    {
      label: "helpers, skills, users and profiles",
      sql: `
-- r(i, salt): a uniform number in [0, 1) from a hash: deterministic, plan-independent.
create function pg_temp.r(i bigint, salt bigint) returns double precision
  language sql immutable parallel safe
  as $$ select (hashint8extended(i, salt) & 2147483647)::double precision / 2147483648.0 $$;

create temp table bench_skills as
select r, md5('bench-skill-' || r)::uuid as id, format('Bench skill %s', lpad(r::text, 3, '0')) as name,
       (array['language', 'framework', 'tool', 'domain'])[1 + r % 4]::public.skill_category as category,
       1.0 / (r + 4) as weight
from generate_series(1, ${p.skills}) r;
insert into public.skills (id, name, category, created_at)
select id, name, category, now() - interval '800 days' from bench_skills order by r;

-- Sampling by popularity: 100,000 buckets, each skill owning a share proportional to its weight.
create temp table skill_buckets as
select (row_number() over (order by s.r, g) - 1)::integer as b, s.id as skill_id, s.r
from bench_skills s,
     generate_series(1, greatest(1, round(s.weight / (select sum(weight) from bench_skills) * 100000)::integer)) g;
create unique index on skill_buckets (b);
analyze skill_buckets;

-- Contributors.
create temp table bench_people as
select i,
       md5('bench-user-' || i)::uuid as user_id,
       md5('bench-contributor-' || i)::uuid as id,
       pg_temp.r(i, 1) as r_account, pg_temp.r(i, 2) as r_verification, pg_temp.r(i, 3) as r_looking,
       pg_temp.r(i, 4) as r_years, pg_temp.r(i, 5) as r_hours, pg_temp.r(i, 6) as r_background,
       pg_temp.r(i, 7) as r_proof,
       ${lo} + floor(pg_temp.r(i, 8) * 5)::integer as skill_count,
       now() - interval '1 day' * (1 + 720 * pg_temp.r(i, 9)) as created_at
from generate_series(1, ${C}) i;

-- Initiators: a few post many missions, most post a few.
create temp table bench_initiators as
select i, md5('bench-initiator-user-' || i)::uuid as user_id, md5('bench-initiator-' || i)::uuid as id,
       pg_temp.r(i, 11) < 0.99 as active,
       now() - interval '1 day' * (30 + 700 * pg_temp.r(i, 12)) as created_at
from generate_series(1, ${I}) i;

create temp table bench_admins as
select i, md5('bench-admin-' || i)::uuid as user_id from generate_series(1, ${p.admins}) i;

-- auth.users, as Supabase Auth writes them (the signup trigger is off: profiles are inserted below). postgres
-- does not own auth.users (as on hosted) so cannot disable its triggers; session_replication_role, which
-- hosted lets postgres set, turns them off for this one statement.
set session_replication_role = replica;
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data,
                        raw_user_meta_data, created_at, updated_at, last_sign_in_at)
select '00000000-0000-0000-0000-000000000000', user_id, 'authenticated', 'authenticated', email, '', created_at,
       '{"provider":"email","providers":["email"]}', meta, created_at, created_at, now() - interval '1 hour' * (i % 500)
from (
  select i, user_id, format('c%s@bench.example', i) as email, jsonb_build_object('full_name', format('Contributor %s', i)) as meta, created_at
  from bench_people
  union all
  select i, user_id, format('i%s@bench.example', i), jsonb_build_object('full_name', format('Initiator %s', i), 'role', 'initiator'), created_at
  from bench_initiators
  union all
  select i, user_id, format('admin%s@bench.example', i), jsonb_build_object('full_name', format('Admin %s', i)), now() - interval '900 days'
  from bench_admins) u
order by created_at, user_id;
set session_replication_role = origin;

insert into public.profiles (id, full_name, primary_role, account_status, created_at, updated_at, last_login_at)
select id, full_name, role::public.user_role, status::public.account_status, created_at, created_at, now() - interval '1 hour' * (i % 500)
from (
  select i, user_id as id, format('Contributor %s', i) as full_name, 'contributor' as role,
         case when r_account < 0.96 then 'active' when r_account < 0.98 then 'suspended'
              when r_account < 0.99 then 'banned' else 'pending_verification' end as status, created_at
  from bench_people
  union all
  select i, user_id, format('Initiator %s', i), 'initiator', case when active then 'active' else 'suspended' end, created_at
  from bench_initiators
  union all
  select i, user_id, format('Admin %s', i), 'admin', 'active', now() - interval '900 days' from bench_admins) p
order by created_at, id;

insert into public.contributor_profiles (id, user_id, verification_status, verification_date, is_looking_for_work, years_experience,
                                         headline, timezone, created_at, updated_at)
select id, user_id,
       (case when r_verification < 0.72 then 'verified' when r_verification < 0.80 then 'proof_task_submitted'
             when r_verification < 0.97 then 'pending' else 'rejected' end)::public.verification_status,
       case when r_verification < 0.72 then now() - interval '1 day' * floor(r_proof * 700) end,
       r_looking < 0.75,
       floor(power(r_years, 1.6) * 20)::integer,
       format('%s engineer, %s years', (array['Backend', 'Frontend', 'Full-stack', 'Mobile', 'Data', 'DevOps'])[1 + i % 6],
              floor(power(r_years, 1.6) * 20)::integer),
       (array['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'UTC', 'America/Sao_Paulo'])[1 + i % 5],
       created_at, created_at
from bench_people order by created_at, id;
insert into public.contributor_private_details (contributor_id, availability_hours_per_week, background_check_status, updated_at)
select id,
       case when r_hours < 0.05 then 5 when r_hours < 0.20 then 10 when r_hours < 0.55 then 20
            when r_hours < 0.75 then 30 else 40 end,
       (case when r_background < 0.45 then 'passed' when r_background < 0.55 then 'in_progress'
             when r_background < 0.57 then 'failed' else 'not_started' end)::public.background_check_status,
       created_at
from bench_people order by created_at, id;

insert into public.initiator_profiles (id, user_id, company_name, company_url, company_size, industry, is_verified, created_at, updated_at)
select id, user_id, format('Company %s', i), format('https://company%s.example', i),
       (enum_range(null::public.company_size))[1 + i % 5], (array['fintech', 'health', 'retail', 'media', 'logistics'])[1 + i % 5],
       pg_temp.r(i, 13) < 0.8, created_at, created_at
from bench_initiators order by created_at, id;
insert into public.initiator_private_details (initiator_id, updated_at) select id, created_at from bench_initiators order by created_at, id;

create temp table verified_people as
select row_number() over (order by c.id) as n, c.id, c.user_id
from public.contributor_profiles c where c.verification_status = 'verified';
create unique index on verified_people (n);
analyze verified_people;
`,
    },
    {
      label: "contributor skills and proof tasks",
      sql: `
-- Each contributor: 16 draws by popularity, the first skill_count distinct ones kept.
insert into public.contributor_skills (contributor_id, skill_id, proficiency_level, years_experience, verified, created_at)
select k.id, k.skill_id,
       (case when k.r_prof < 0.15 then 'beginner' when k.r_prof < 0.55 then 'intermediate'
             when k.r_prof < 0.85 then 'advanced' else 'expert' end)::public.proficiency_level,
       1 + floor(pg_temp.r(k.i * 1000 + k.sr, 22) * 10)::integer,
       pg_temp.r(k.i * 1000 + k.sr, 23) < 0.35,
       k.created_at
from (
  select d.i, d.id, d.skill_id, d.sr, d.created_at, pg_temp.r(d.i * 1000 + d.sr, 21) as r_prof,
         row_number() over (partition by d.id order by d.first_draw) as n, d.skill_count
  from (
    select x.i, x.id, sb.skill_id, sb.r as sr, min(x.draw) as first_draw, min(x.skill_count) as skill_count, min(x.created_at) as created_at
    from (select bp.i, bp.id, bp.skill_count, bp.created_at, g as draw,
                 floor(pg_temp.r(bp.i * 16 + g, 20) * (select count(*) from skill_buckets))::integer as b
          from bench_people bp, generate_series(1, 16) g) x
    join skill_buckets sb on sb.b = x.b
    group by x.i, x.id, sb.skill_id, sb.r) d) k
where k.n <= k.skill_count
order by k.id, k.skill_id;

insert into public.proof_tasks (id, title, scenario, category, created_at)
select md5('bench-task-' || t)::uuid, format('Bench task %s', t), 'Solve it.', 'backend', now() - interval '800 days'
from generate_series(1, 10) t;
insert into public.proof_task_submissions (contributor_id, task_id, answer, score, status, evaluated_at, created_at)
select bp.id, md5('bench-task-' || (1 + floor(bp.r_proof * 10)::integer))::uuid, 'My answer.',
       case when c.verification_status = 'verified' then round((55 + bp.r_proof * 45)::numeric, 2) end,
       (case when c.verification_status = 'verified' then case when 55 + bp.r_proof * 45 >= 60 then 'passed' else 'failed' end
             else 'submitted' end)::public.proof_task_submission_status,
       case when c.verification_status = 'verified' then bp.created_at + interval '2 days' end,
       bp.created_at + interval '1 day'
from bench_people bp join public.contributor_profiles c on c.id = bp.id
where c.verification_status in ('verified', 'proof_task_submitted')
order by bp.id;
`,
    },
    {
      label: "missions, milestones, required skills",
      sql: `
-- Every mission's plan: status (blocks over a hashed permutation), owner, money, its timeline.
create temp table bench_m as
with perm as (
  select i, row_number() over (order by pg_temp.r(i, 100), i) as j from generate_series(1, ${M}) i
), b(name, status, funded, lo, hi) as (values
    ${blocks}
), s as (
  select perm.i, perm.j, b.name, b.status::public.mission_status as status, b.funded, perm.j - b.lo as pos
  from perm join b on perm.j between b.lo and b.hi
), k as (
  select s.*,
         case when s.name = 'open' and s.pos < ${B} then 'uniform' when s.name = 'open' and s.pos < ${2 * B} then 'popular'
              else 'regular' end as kind,
         pg_temp.r(s.i, 112) as r_age,
         case s.name when 'completed' then 60 + 660 * pg_temp.r(s.i, 112)
                     when 'cancelled_unfunded' then 5 + 700 * pg_temp.r(s.i, 112)
                     when 'cancelled_funded' then 20 + 600 * pg_temp.r(s.i, 112)
                     when 'open' then 2 + 40 * pg_temp.r(s.i, 112)
                     when 'matching' then 2 + 40 * pg_temp.r(s.i, 112)
                     when 'pending_funding' then 1 + 25 * pg_temp.r(s.i, 112)
                     when 'draft' then 0.5 + 365 * pg_temp.r(s.i, 112)
                     else 15 + 180 * pg_temp.r(s.i, 112) end as age,
         1 + floor(pg_temp.r(s.i, 107) * 5)::integer as n_ms,
         pg_temp.r(s.i, 109) as r_cur
  from s
)
select k.i, k.j, k.name, k.status, k.funded, k.kind,
       case when k.kind = 'regular' then md5('bench-m-' || k.i)::uuid else md5('bench-mission-' || (k.pos + 1))::uuid end as id,
       case when k.kind = 'regular' then format('%s-mission-%s', (private.mission_types())[1 + floor(pg_temp.r(k.i, 101) * 11)::integer], k.i)
            else format('bench-mission-%s', k.pos + 1) end as slug,
       k.pos + 1 as bench_n,
       (private.mission_types())[1 + floor(pg_temp.r(k.i, 101) * 11)::integer] as type,
       (enum_range(null::public.mission_complexity))[1 + floor(pg_temp.r(k.i, 102) * 4)::integer] as complexity,
       case when k.kind = 'regular' then 1 + floor(${I} * power(pg_temp.r(k.i, 103), 2))::integer
            else (select a.i from bench_initiators a where a.active order by a.i
                  offset ((k.pos + 1) * 104729) % (select count(*) from bench_initiators where active) limit 1) end as initiator_n,
       case when pg_temp.r(k.i, 104) < 0.85 then 'USD' when pg_temp.r(k.i, 104) < 0.95 then 'EUR' else 'GBP' end as currency,
       (array[1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 800, 800, 1200, 1200, 1500, 1500, 500, 0])[1 + floor(pg_temp.r(k.i, 105) * 16)::integer] as fee_bps,
       k.kind <> 'regular' or pg_temp.r(k.i, 106) < 0.97 as is_public,
       k.n_ms,
       case when k.name = 'completed' then k.n_ms
            when k.name = 'in_review' then k.n_ms - 1
            when k.name in ('in_progress', 'disputed', 'cancelled_funded') then floor(pg_temp.r(k.i, 108) * k.n_ms)::integer
            else 0 end as paid_n,
       case when k.name = 'in_review' then case when k.r_cur < 0.6 then 'submitted' else 'approved' end
            when k.name in ('in_progress', 'disputed') then
              case when k.r_cur < 0.45 then 'in_progress' when k.r_cur < 0.80 then 'submitted'
                   when k.r_cur < 0.90 then 'revision' else 'approved' end
            end as cur_state,
       case when k.name in ('completed', 'in_progress', 'in_review', 'disputed', 'cancelled_funded', 'matching')
            then 1 + floor(pg_temp.r(k.i, 110) * 3)::integer else 0 end as team_size,
       pg_temp.r(k.i, 111) < 0.7 as requires_core_reviewer,
       7 + floor(pg_temp.r(k.i, 113) * 113)::integer as duration_days,
       case when k.kind <> 'regular' then now() - interval '2 days' - interval '1 minute' * k.pos else now() - interval '1 day' * k.age end as created_at,
       case when k.kind <> 'regular' then now() - interval '1 day' - interval '1 minute' * k.pos
            when k.name <> 'draft' then now() - interval '1 day' * k.age * 0.9 end as published_at,
       case when k.kind <> 'regular' then now() - interval '20 hours'
            when k.funded then now() - interval '1 day' * k.age * 0.8 end as funded_at,
       case when k.name in ('in_progress', 'in_review', 'completed', 'disputed', 'cancelled_funded') then now() - interval '1 day' * k.age * 0.7 end as started_at,
       case when k.name = 'completed' then now() - interval '1 day' * k.age * 0.1 end as completed_at,
       case when k.name like 'cancelled%' then now() - interval '1 day' * k.age * 0.4 end as cancelled_at,
       case when k.name = 'disputed' then now() - interval '1 day' * k.age * 0.2
            when k.name = 'completed' and pg_temp.r(k.i, 114) < 0.01 then now() - interval '1 day' * k.age * 0.3 end as disputed_at
from k;
-- A mission whose current milestone is its last one and is delivered would be in review: keep it in progress.
update bench_m set cur_state = 'in_progress' where name in ('in_progress', 'disputed') and paid_n = n_ms - 1 and cur_state in ('submitted', 'approved');
create unique index on bench_m (i);
create index on bench_m (id);
analyze bench_m;

create temp table bench_ms as
select m.i, m.id as mission_id, k, md5(format('bench-ms-%s-%s', m.i, k))::uuid as id,
       100 * (500 + floor(pg_temp.r(m.i * 8 + k, 120) * 4500))::bigint as amount,
       st, m.started_at,
       case when st in ('paid', 'approved', 'submitted', 'revision') then
         case when k < m.paid_n then m.started_at + (coalesce(m.completed_at, m.cancelled_at, m.disputed_at, now()) - m.started_at) * (k + 1) / (m.n_ms + 1)
              else greatest(m.started_at, now() - interval '10 days' * pg_temp.r(m.i * 8 + k, 121)) end end as submitted_at,
       case when m.started_at is not null then m.started_at + interval '1 day' * m.duration_days * (k + 1) / m.n_ms end as due_date
from bench_m m
cross join generate_series(0, m.n_ms - 1) k
cross join lateral (select case when k < m.paid_n then 'paid' when k = m.paid_n and m.cur_state is not null then m.cur_state
                                else 'pending' end as st) s;
create index on bench_ms (mission_id);
analyze bench_ms;

insert into public.missions (id, initiator_id, title, slug, description, problem_statement, type, complexity,
                             budget_min_cents, budget_max_cents, currency, platform_fee_bps, estimated_duration_days,
                             requires_core_reviewer, status, is_public, featured, created_at, updated_at,
                             published_at, started_at, completed_at, cancelled_at, cancellation_reason, disputed_at, dispute_reason)
select m.id, md5('bench-initiator-' || m.initiator_n)::uuid,
       case when m.kind = 'regular' then format('%s %s mission %s', initcap(m.type::text), m.complexity, m.i)
            else format('Bench mission %s', m.bench_n) end,
       m.slug,
       format('We need a %s %s piece of work delivered in about %s days: design, build, tests and hand-over. ', m.complexity, m.type, m.duration_days)
         || repeat('Details follow in the milestones. ', 1 + m.i % 6),
       case when m.i % 3 = 0 then 'Our current system does not scale to the traffic we expect next quarter.' end,
       m.type, m.complexity, t.total, t.total + t.total / 5, m.currency, m.fee_bps, m.duration_days,
       m.requires_core_reviewer, m.status, m.is_public, m.i % 97 = 0,
       m.created_at, greatest(m.created_at, coalesce(m.completed_at, m.cancelled_at, m.disputed_at, m.started_at, m.published_at, m.created_at)),
       m.published_at, m.started_at, m.completed_at, m.cancelled_at,
       case when m.cancelled_at is not null then 'No longer needed.' end,
       m.disputed_at, case when m.disputed_at is not null then 'The delivery does not match the brief.' end
from bench_m m
join (select mission_id, sum(amount) as total from bench_ms group by mission_id) t on t.mission_id = m.id
order by m.created_at, m.id;

insert into public.milestones (id, mission_id, title, description, order_index, amount_cents, status, revision_count, due_date,
                               submitted_at, approved_at, paid_at, created_at, updated_at, mission_listed)
select ms.id, ms.mission_id, format('Milestone %s', ms.k + 1), 'What is delivered at this step, and how it is checked.', ms.k, ms.amount,
       ms.st::public.milestone_status, case when ms.st = 'revision' then 1 else 0 end, ms.due_date,
       ms.submitted_at,
       case when ms.st in ('approved', 'paid') then ms.submitted_at + least(interval '1 hour', (now() - ms.submitted_at) / 3) end,
       case when ms.st = 'paid' then ms.submitted_at + least(interval '2 hours', (now() - ms.submitted_at) * 2 / 3) end,
       m.created_at, coalesce(ms.submitted_at, m.created_at), pm.listed_status is not null
from bench_ms ms join bench_m m on m.id = ms.mission_id join public.missions pm on pm.id = ms.mission_id
order by m.created_at, ms.mission_id, ms.k;

-- Required skills: 2-6 per mission by popularity (the first 2-3 required); the matching benchmark's
-- missions have 5 (3 required, 1 preferred, 1 nice to have), uniform over all skills or from the
-- ${p.popularPool} most popular.
-- (mission_listed is what the trigger, disabled during the load, would set.)
insert into public.mission_required_skills (mission_id, skill_id, importance, mission_listed)
select rs.*, pm.listed_status is not null from (
select x.id, x.skill_id,
       (case when x.n <= x.n_req then 'required' when x.n = x.n_req + 1 then 'preferred' else 'nice_to_have' end)::public.skill_importance
from (
  select d.id, d.skill_id, 2 + d.i % 2 as n_req, d.n_skills,
         row_number() over (partition by d.id order by d.first_draw) as n
  from (
    select m.id, m.i, 2 + floor(pg_temp.r(m.i, 130) * 5)::integer as n_skills, sb.skill_id, min(g) as first_draw
    from bench_m m cross join generate_series(1, 12) g
    join skill_buckets sb on sb.b = floor(pg_temp.r(m.i * 16 + g, 131) * (select count(*) from skill_buckets))::integer
    where m.kind = 'regular'
    group by m.id, m.i, sb.skill_id) d) x
where x.n <= x.n_skills
union all
select k.id, k.skill_id,
       (case when k.n <= 3 then 'required' when k.n = 4 then 'preferred' else 'nice_to_have' end)::public.skill_importance
from (
  select m.id, s.id as skill_id, row_number() over (partition by m.id order by pg_temp.r(m.i * 1000 + s.r, 132), s.r) as n
  from bench_m m
  join bench_skills s on m.kind = 'uniform' or s.r <= ${p.popularPool}
  where m.kind <> 'regular') k
where k.n <= ${p.missionSkills}) rs join public.missions pm on pm.id = rs.id;
`,
    },
    {
      label: "teams, work submissions, applications, reviews",
      sql: `
-- Teams: slot 1 lead, 2 shadow, 3 core reviewer; verified contributors drawn at random.
create temp table bench_team as
select distinct on (t.mission_id, v.id)
       md5(format('bench-asg-%s-%s', t.i, t.slot))::uuid as id, t.mission_id, t.i, t.name, t.slot, v.id as contributor_id, v.user_id,
       (case t.slot when 1 then 'lead' when 2 then 'shadow' else 'core_reviewer' end)::public.assignment_role as role,
       (case when t.name = 'completed' then case when t.slot > 1 and pg_temp.r(t.i * 4 + t.slot, 141) < 0.06 then 'withdrawn' else 'completed' end
             when t.name = 'cancelled_funded' then 'removed'
             when t.name = 'matching' then 'invited'
             else 'active' end)::public.assignment_status as status,
       t.assigned_at, t.completed_at, t.cancelled_at
from (select m.id as mission_id, m.i, m.name, slot, 1 + floor(pg_temp.r(m.i * 4 + slot, 140) * (select count(*) from verified_people))::integer as pick,
             coalesce(m.started_at, m.funded_at, m.published_at) - interval '3 days' as assigned_at, m.completed_at, m.cancelled_at
      from bench_m m cross join generate_series(1, 3) slot
      where slot <= m.team_size) t
join verified_people v on v.n = t.pick
order by t.mission_id, v.id, t.slot;
create index on bench_team (mission_id);
analyze bench_team;

insert into public.mission_assignments (id, mission_id, contributor_id, role, status, assigned_at, invitation_expires_at, accepted_at,
                                        completed_at, ended_at, end_reason, updated_at)
select id, mission_id, contributor_id, role, status, assigned_at,
       case when status = 'invited' then now() + interval '48 hours' end,
       case when status <> 'invited' then assigned_at + interval '1 day' end,
       case when status = 'completed' then completed_at end,
       case when status = 'withdrawn' then assigned_at + interval '10 days' when status = 'removed' then cancelled_at end,
       case when status = 'withdrawn' then 'left' when status = 'removed' then 'mission cancelled' end,
       coalesce(completed_at, cancelled_at, assigned_at)
from bench_team order by assigned_at, id;

-- The matching benchmark's missions: two rejected applicants and one declined invitation each.
insert into public.mission_assignments (mission_id, contributor_id, role, status, assigned_at, ended_at, end_reason)
select m.id, v.id, 'shadow', 'withdrawn', now() - interval '1 day', now() - interval '12 hours', 'invitation declined'
from bench_m m join verified_people v on v.n = 1 + floor(pg_temp.r(m.i, 150) * (select count(*) from verified_people))::integer
where m.kind <> 'regular'
order by m.id;

-- Deliverables of every milestone that was delivered, by the lead.
insert into public.work_submissions (milestone_id, mission_id, assignment_id, version, content, links, status, feedback, created_at, reviewed_at)
select ms.id, ms.mission_id, t.id, 1, 'The deliverable, with a README and the test report.',
       array['https://github.com/bench/repo/pull/' || (ms.i % 9000 + 1)],
       (case ms.st when 'submitted' then 'submitted' when 'revision' then 'revision_requested' else 'approved' end)::public.work_submission_status,
       case when ms.st = 'revision' then 'Please cover the error cases.' end,
       ms.submitted_at,
       case when ms.st <> 'submitted' then ms.submitted_at + least(interval '1 hour', (now() - ms.submitted_at) / 3) end
from bench_ms ms join bench_team t on t.mission_id = ms.mission_id and t.role = 'lead'
where ms.st in ('submitted', 'approved', 'paid', 'revision')
order by ms.submitted_at, ms.id;

-- Applications: to missions that were open at some point (funded, not the matching benchmark's),
-- popular missions drawing many more; status by where the mission is now.
create temp table app_missions as
select row_number() over (order by pg_temp.r(m.i, 160), m.i) as n, m.id, m.i, m.name, m.published_at,
       coalesce(m.started_at, m.cancelled_at, now()) as closed_at
from bench_m m where m.funded and m.kind = 'regular';
create unique index on app_missions (n);
analyze app_missions;

insert into public.mission_applications (mission_id, contributor_id, cover_letter, proposed_timeline, match_score, status,
                                         created_at, updated_at, reviewed_at)
select a.mission_id, a.contributor_id,
       'I have shipped this kind of work before; here is how I would approach it. ' || repeat('Details. ', 1 + a.g % 20),
       10 + a.g % 80,
       round((40 + 55 * pg_temp.r(a.g, 163))::numeric, 2),
       a.status::public.application_status, a.created_at, a.created_at,
       case when a.status in ('shortlisted', 'accepted', 'rejected') then least(now(), a.created_at + interval '2 days') end
from (
  select x.*,
         case when x.name in ('open', 'matching') then
                case when x.rs < 0.65 then 'pending' when x.rs < 0.80 then 'shortlisted' when x.rs < 0.92 then 'withdrawn' else 'rejected' end
              else case when x.rs < 0.80 then 'rejected' when x.rs < 0.95 then 'withdrawn' else 'accepted' end end as status,
         x.published_at + (least(x.closed_at, now()) - x.published_at) * pg_temp.r(x.g, 164) as created_at
  from (
    select distinct on (am.id, v.id) g, am.id as mission_id, am.name, am.published_at, am.closed_at, v.id as contributor_id,
           pg_temp.r(g, 165) as rs
    from generate_series(1, ${Math.ceil(p.applications * 1.05)}) g
    join app_missions am on am.n = 1 + floor((select count(*) from app_missions) * power(pg_temp.r(g, 161), 1.5))::integer
    join verified_people v on v.n = 1 + floor((select count(*) from verified_people) * pg_temp.r(g, 162))::integer
    order by am.id, v.id, g) x
  order by x.g
  limit ${p.applications}) a
order by a.created_at, a.mission_id;

insert into public.mission_applications (mission_id, contributor_id, status, created_at, updated_at, reviewed_at)
select distinct on (m.id, v.id) m.id, v.id, 'rejected', now() - interval '20 hours', now() - interval '20 hours', now() - interval '20 hours'
from bench_m m cross join generate_series(1, 2) g
join verified_people v on v.n = 1 + floor(pg_temp.r(m.i * 2 + g, 151) * (select count(*) from verified_people))::integer
where m.kind <> 'regular'
  and not exists (select from public.mission_applications x where x.mission_id = m.id and x.contributor_id = v.id)
order by m.id, v.id;

-- Ratings after completion: initiators rate most contributors, about half rate back.
insert into public.reviews (assignment_id, mission_id, reviewer_id, reviewee_id, direction, rating, comment, created_at)
select t.id, t.mission_id, i.user_id, t.user_id, 'initiator_to_contributor'::public.review_direction,
       (case when r < 0.05 then 2 when r < 0.15 then 3 when r < 0.50 then 4 else 5 end)::smallint,
       case when r > 0.9 then 'Great work, on time.' end, t.completed_at + interval '1 day'
from (select t.*, pg_temp.r(t.i * 4 + t.slot, 170) as r, pg_temp.r(t.i * 4 + t.slot, 171) as rr from bench_team t where t.status = 'completed') t
join public.missions m on m.id = t.mission_id
join public.initiator_profiles i on i.id = m.initiator_id
where t.rr < 0.7
union all
select t.id, t.mission_id, t.user_id, i.user_id, 'contributor_to_initiator'::public.review_direction,
       (case when r < 0.1 then 3 when r < 0.5 then 4 else 5 end)::smallint, null, t.completed_at + interval '2 days'
from (select t.*, pg_temp.r(t.i * 4 + t.slot, 172) as r, pg_temp.r(t.i * 4 + t.slot, 173) as rr from bench_team t where t.status = 'completed') t
join public.missions m on m.id = t.mission_id
join public.initiator_profiles i on i.id = m.initiator_id
where t.rr < 0.5;
update public.mission_assignments a set rating = r.rating
from public.reviews r where r.assignment_id = a.id and r.direction = 'initiator_to_contributor';
`,
    },
    {
      label: "conversations and messages",
      sql: `
-- Team chats, as the team-chat trigger keeps them: the initiator plus members who are or were active.
create temp table bench_conv as
select md5('bench-team-' || m.i)::uuid as id, m.id as mission_id, 'mission_team'::public.conversation_type as type,
       m.initiator_user as created_by, coalesce(m.started_at, m.funded_at, m.published_at) - interval '2 days' as created_at,
       array[m.initiator_user] || coalesce((select array_agg(t.user_id order by t.slot) from bench_team t
                                            where t.mission_id = m.id and t.status in ('active', 'completed')), '{}') as members
from (select bm.*, md5('bench-initiator-user-' || bm.initiator_n)::uuid as initiator_user from bench_m bm) m
where exists (select from bench_team t where t.mission_id = m.id and t.status in ('active', 'completed', 'removed'));

-- Support conversations: a user and the admins.
insert into bench_conv
select md5('bench-support-' || g)::uuid, null, 'support', u.user_id, now() - interval '1 day' * (1 + 300 * pg_temp.r(g, 180)),
       array[u.user_id] || (select array_agg(user_id order by i) from bench_admins)
from generate_series(1, greatest(1, ${Math.round(p.conversations * 0.01)})) g
join bench_people u on u.i = 1 + floor(pg_temp.r(g, 181) * ${C})::integer;

-- Direct conversations between initiators and applicants (people who share an application).
insert into bench_conv
select md5(format('bench-direct-%s-%s', x.initiator_user, x.contributor_user))::uuid, null, 'direct', x.initiator_user, x.created_at,
       array[x.initiator_user, x.contributor_user]
from (
  select distinct on (i.user_id, c.user_id) i.user_id as initiator_user, c.user_id as contributor_user,
         a.created_at + interval '1 hour' as created_at, pg_temp.r(hashtext(a.id::text), 182) as rk
  from public.mission_applications a
  join public.missions m on m.id = a.mission_id
  join public.initiator_profiles i on i.id = m.initiator_id
  join public.contributor_profiles c on c.id = a.contributor_id
  order by i.user_id, c.user_id, a.created_at) x
order by x.rk
limit greatest(0, ${p.conversations} - (select count(*) from bench_conv));

create temp table conv as
select row_number() over (order by pg_temp.r(hashtext(c.id::text), 183), c.id) as n, c.*, cardinality(c.members) as np
from bench_conv c;
create unique index on conv (n);
analyze conv;

insert into public.conversations (id, mission_id, type, created_by, created_at, updated_at)
select id, mission_id, type, created_by, created_at, created_at from conv order by created_at, id;

-- Messages: a few busy conversations, a long tail; each sent by one of its participants.
insert into public.messages (id, conversation_id, sender_id, content, message_type, created_at)
select md5('bench-msg-' || g)::uuid, c.id, c.members[1 + floor(pg_temp.r(g, 191) * c.np)::integer],
       (array['Sounds good, I will push the changes tonight.', 'Can you review the pull request when you have a minute?',
              'The tests pass locally; CI is still running.', 'Here is the staging link for the demo.',
              'I have a question about the second milestone: should the export include archived rows?',
              'Thanks! Approved.', 'Let us have a quick call tomorrow at 10.',
              'I found the cause: the cache key did not include the tenant id, so two customers shared results.'])[1 + floor(pg_temp.r(g, 192) * 8)::integer],
       'text', c.created_at + (now() - c.created_at) * sqrt(pg_temp.r(g, 193))
from generate_series(1, ${p.messages}) g
join conv c on c.n = 1 + floor((select count(*) from conv) * power(pg_temp.r(g, 190), 2))::integer
order by 6, 1;

update public.conversations c set updated_at = x.last_at
from (select conversation_id, max(created_at) as last_at from public.messages group by conversation_id) x
where x.conversation_id = c.id;

-- Participants; most have read up to a little before the last message.
insert into public.conversation_participants (conversation_id, user_id, joined_at, last_read_at)
select c.id, u.user_id, c.created_at,
       case when pg_temp.r(hashtext(c.id::text || u.user_id::text), 194) < 0.7
            then greatest(c.created_at, coalesce(x.updated_at, c.created_at) - interval '3 days' * pg_temp.r(hashtext(c.id::text || u.user_id::text), 195)) end
from conv c cross join lateral unnest(c.members) with ordinality as u(user_id, k)
join public.conversations x on x.id = c.id
order by c.id, u.k;
`,
    },
    {
      label: "notifications",
      sql: `
-- A million notifications: initiators (some very busy) and contributors, mostly read once older than a week.
insert into public.notifications (user_id, type, title, message, priority, action_url, action_label, is_read, metadata, created_at, read_at, expires_at)
select x.user_id, x.type, x.title, x.message, x.priority, x.action_url, x.action_label, x.is_read, x.metadata, x.created_at,
       case when x.is_read then x.created_at + (now() - x.created_at) * 0.1 end, x.created_at + interval '90 days'
from (
  select g, u.user_id, t.type, t.title, t.message, t.action_label,
         (enum_range(null::public.notification_priority))[1 + floor(pg_temp.r(g, 203) * 4)::integer] as priority,
         case when t.type = 'new_message' then '/conversations/' || md5('bench-team-' || mi)::uuid
              else '/missions/' || md5('bench-m-' || mi)::uuid end as action_url,
         case when t.type = 'new_message' then jsonb_build_object('conversation_id', md5('bench-team-' || mi)::uuid)
              else jsonb_build_object('mission_id', md5('bench-m-' || mi)::uuid) end as metadata,
         now() - interval '1 day' * age as created_at,
         pg_temp.r(g, 204) < case when age > 7 then 0.85 else 0.35 end as is_read
  from (select g, 1 + floor(${M} * pg_temp.r(g, 205))::integer as mi, 90.5 * power(pg_temp.r(g, 206), 1.5) as age,
               pg_temp.r(g, 200) < 0.4 as to_initiator, pg_temp.r(g, 202) as rt
        from generate_series(1, ${p.notifications}) g) n
  cross join lateral (
    select case when n.to_initiator then md5('bench-initiator-user-' || (1 + floor(${I} * power(pg_temp.r(n.g, 201), 2))::integer))::uuid
                else md5('bench-user-' || (1 + floor(${C} * power(pg_temp.r(n.g, 201), 1.5))::integer))::uuid end as user_id) u
  cross join lateral (
    select * from (values
      (true, 0.00, 0.45, 'application_received', 'New application', 'Someone applied to your mission.', 'Review applications'),
      (true, 0.45, 0.60, 'milestone_submitted', 'Milestone submitted', 'A milestone was delivered and awaits your review.', 'Review'),
      (true, 0.60, 0.70, 'payment_released', 'Payment released', 'A payout was released from escrow.', null),
      (true, 0.70, 0.85, 'mission_update', 'Mission update', 'Your mission changed status.', null),
      (true, 0.85, 1.01, 'new_message', 'New message', 'You have a new message.', 'Reply'),
      (false, 0.00, 0.30, 'application_rejected', 'Application closed', 'Your application was not selected.', null),
      (false, 0.30, 0.45, 'match_found', 'You are invited to a mission', 'You were invited to join a mission.', 'Respond'),
      (false, 0.45, 0.55, 'milestone_approved', 'Milestone approved', 'Your milestone was approved; the payout is on its way.', null),
      (false, 0.55, 0.65, 'payment_received', 'Payment received', 'You were paid for a milestone.', 'Payment history'),
      (false, 0.65, 0.80, 'mission_update', 'Mission update', 'A mission you work on changed status.', null),
      (false, 0.80, 1.01, 'new_message', 'New message', 'You have a new message.', 'Reply')
    ) v(initiator, lo, hi, type, title, message, action_label)
    where v.initiator = n.to_initiator and n.rt >= v.lo and n.rt < v.hi) t) x
order by x.created_at, x.g;
`,
    },
    {
      label: "escrow ledger",
      sql: `
-- Deposits: every funded mission's milestones, paid in, completed (payment_intent.succeeded).
insert into private.mission_charges (payment_intent_id, mission_id, charge_id, amount_cents, currency, created_at)
select 'pi_bench_' || m.i, m.id, 'ch_bench_' || m.i, x.budget_min_cents, m.currency, m.funded_at
from bench_m m join public.missions x on x.id = m.id where m.funded order by m.funded_at, m.i;

insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, currency, stripe_payment_intent_id,
                                        stripe_charge_id, status, description, created_at, processed_at)
select m.id, x.initiator_id, 'deposit', x.budget_min_cents, m.currency, 'pi_bench_' || m.i, 'ch_bench_' || m.i,
       'completed', 'Escrow deposit', m.funded_at, m.funded_at
from bench_m m join public.missions x on x.id = m.id where m.funded order by m.funded_at, m.i;

-- Each paid milestone: the lead's payout and the platform fee, one correlated pair
-- (fee = round half up of amount * bps / 10000; no fee entry when it is 0).
insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents, currency,
                                        stripe_transfer_id, status, description, created_at, processed_at, correlation_id)
select y.mission_id, y.milestone_id, y.initiator_id, y.contributor_id, y.type::public.escrow_transaction_type, y.amount, y.currency,
       y.transfer_id, 'completed', y.description, y.paid_at, y.paid_at, y.pair
from (
  select ms.mission_id, ms.id as milestone_id, x.initiator_id, ms.paid_at, x.currency,
         md5('bench-pair-' || ms.id)::uuid as pair, lead.contributor_id, ms.amount_cents, ms.title,
         private.platform_fee(ms.amount_cents, x.platform_fee_bps) as fee
  from public.milestones ms
  join public.missions x on x.id = ms.mission_id
  join bench_team lead on lead.mission_id = ms.mission_id and lead.role = 'lead'
  where ms.status = 'paid') p
cross join lateral (values
  ('release', p.contributor_id, p.amount_cents - p.fee, 'tr_bench_' || p.milestone_id, 'Milestone payout: ' || p.title),
  ('platform_fee', null::uuid, p.fee, null, 'Platform fee: ' || p.title)
) v(type, contributor_id, amount, transfer_id, description)
cross join lateral (select p.mission_id, p.milestone_id, p.initiator_id, p.paid_at, p.currency, p.pair, v.*) y
where y.amount > 0
order by y.paid_at, y.milestone_id, y.type;

-- Cancelled after funding: what escrow still held went back. Disputed: what it holds is on hold.
insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, currency, stripe_refund_id, stripe_dispute_id,
                                        status, description, created_at, processed_at)
select b.mission_id, b.initiator_id, case when m.name = 'cancelled_funded' then 'refund' else 'dispute_hold' end::public.escrow_transaction_type,
       b.held, b.currency,
       case when m.name = 'cancelled_funded' then 're_bench_' || m.i end,
       case when m.name = 'disputed' then 'dp_bench_' || m.i end,
       'completed', case when m.name = 'cancelled_funded' then 'Refund to the initiator' else 'Held for a card dispute' end,
       coalesce(m.cancelled_at, m.disputed_at), coalesce(m.cancelled_at, m.disputed_at)
from bench_m m
join (select e.mission_id, min(e.initiator_id::text)::uuid as initiator_id, min(e.currency) as currency,
             sum(case when e.type = 'deposit' then e.amount_cents else -e.amount_cents end) as held
      from public.escrow_transactions e group by e.mission_id) b on b.mission_id = m.id
where m.name in ('cancelled_funded', 'disputed') and b.held > 0
order by m.i;
`,
    },
    {
      label: "statistics the triggers keep",
      sql: `
-- What refresh_contributor_stats / refresh_initiator_stats would have left, set-based.
update public.contributor_profiles c set
  total_missions_completed = s.done,
  completion_rate = case when s.ended = 0 then 0 else round(100.0 * s.done / s.ended, 2) end,
  shadow_assignments = s.shadows
from (select a.contributor_id,
             count(*) filter (where a.status = 'completed') as done,
             count(*) filter (where a.status in ('completed', 'withdrawn', 'removed') and a.accepted_at is not null) as ended,
             count(*) filter (where a.role = 'shadow' or (a.role = 'lead' and a.status = 'stepped_up')) as shadows
      from public.mission_assignments a group by a.contributor_id) s
where c.id = s.contributor_id;
update public.contributor_profiles c set average_rating = r.rating
from (select r.reviewee_id, round(avg(r.rating), 2) as rating from public.reviews r
      where r.direction = 'initiator_to_contributor' group by r.reviewee_id) r
where r.reviewee_id = c.user_id and c.average_rating is distinct from r.rating;
update public.contributor_private_details d set total_earnings_cents = e.earned
from (select contributor_id, sum(amount_cents) as earned from public.escrow_transactions
      where type = 'release' and status = 'completed' group by contributor_id) e
where e.contributor_id = d.contributor_id;
update public.initiator_profiles i set
  total_missions_posted = s.posted,
  average_rating = coalesce((select round(avg(r.rating), 2) from public.reviews r
                             where r.reviewee_id = i.user_id and r.direction = 'contributor_to_initiator'), 0)
from (select initiator_id, count(*) filter (where published_at is not null) as posted from public.missions group by initiator_id) s
where s.initiator_id = i.id;
update public.initiator_private_details d set total_spent_cents = greatest(0, e.spent)
from (select initiator_id, sum(case when type = 'deposit' then amount_cents else -amount_cents end) as spent
      from public.escrow_transactions where status = 'completed' and type in ('deposit', 'refund') group by initiator_id) e
where e.initiator_id = d.initiator_id;
`,
    },
  ];
}

/**
 * Counts of what was loaded, by table and by mission status (deterministic for a scale).
 */
export const COUNTS_SQL = `
select (select count(*) from auth.users)::int as users,
       (select count(*) from public.initiator_profiles)::int as initiators,
       (select count(*) from public.contributor_profiles)::int as contributors,
       (select count(*) from public.contributor_profiles where verification_status = 'verified')::int as verified_contributors,
       (select count(*) from public.skills)::int as skills,
       (select count(*) from public.contributor_skills)::int as contributor_skills,
       (select count(*) from public.missions)::int as missions,
       (select jsonb_object_agg(status, n order by status) from (select status, count(*)::int as n from public.missions group by status) s) as missions_by_status,
       (select count(*) from public.milestones)::int as milestones,
       (select jsonb_object_agg(status, n order by status) from (select status, count(*)::int as n from public.milestones group by status) s) as milestones_by_status,
       (select count(*) from public.mission_required_skills)::int as mission_required_skills,
       (select count(*) from public.mission_assignments)::int as assignments,
       (select count(*) from public.mission_applications)::int as applications,
       (select count(*) from public.work_submissions)::int as work_submissions,
       (select count(*) from public.reviews)::int as reviews,
       (select count(*) from public.conversations)::int as conversations,
       (select count(*) from public.conversation_participants)::int as conversation_participants,
       (select count(*) from public.messages)::int as messages,
       (select count(*) from public.notifications)::int as notifications,
       (select count(*) from public.notifications where not is_read)::int as unread_notifications,
       (select count(distinct mission_id) from public.escrow_transactions)::int as funded_missions,
       (select count(*) from public.escrow_transactions)::int as ledger_entries,
       (select jsonb_object_agg(type, n order by type) from (select type, count(*)::int as n from public.escrow_transactions group by type) s) as ledger_by_type,
       (select count(*) from private.match_contributors)::int as eligible_contributors,
       (select count(*) from private.match_skills)::int as pool_skill_rows`;
