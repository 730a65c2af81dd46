-- Local development data, applied after the migrations by `npm run dev` (on a database never seeded),
-- `npm run db:reset`, `npm run db:seed` and `supabase db reset`. Never applied to production. `npm test`
-- applies it (the "seed" stage, tests/seed/seed.test.ts) and checks what this header promises.
--
-- Rows the product's triggers make (profiles and role profiles at signup, team chats and their
-- members, message side effects, audit entries) are not inserted here: the seed writes the rows
-- people write and lets the triggers do the rest, as they do in production.
--
-- Every user signs in with the password `password123`:
--
--   admin@people.test                      Grace Hopper-Lee   admin (signed up as a contributor, then promoted)
--   maya@northwind.test                    Maya Chen          initiator, Northwind Analytics
--   jonas@lumenhealth.test                 Jonas Weber        initiator, Lumen Health
--   priya@tidepool.test                    Priya Raman        initiator, Tidepool Commerce
--   alex@people.test  sam@  lena@  diego@  hana@  tom@  fatima@             contributors (verified)
--   noah@people.test                       Noah Williams      contributor, verification pending
--
-- Fixed, readable uuids keep the data deterministic: 00000000-0000-4000-<kind>-<number>, where <kind> is
-- a000 users, a001 identities, b000 skills, b001 missions, b002 milestones (mission * 10 + order_index),
-- b003 applications, b004 assignments, b005 work submissions, b006 reviews, b007 escrow entries,
-- b008 notifications, b009 conversations (team chats get theirs from the trigger), b00a messages,
-- b00b proof tasks, b00c proof task submissions, b00d audit log. (The role profiles' ids are made by the signup trigger; rows refer to them by user.)
--
-- Money is in cents. Every mission charges the default 10% platform fee (platform_fee_bps = 1000)
-- and shares the rest by the platform's proposed team shares (lead 70%, shadow 20%, core reviewer
-- 10%; a role nobody holds goes to the lead): a paid milestone is one 'release' per part plus one
-- 'platform_fee' of 10%.

begin;

-- =============================================================================================
-- Skills catalogue
-- =============================================================================================
insert into public.skills (id, name, category)
select ('00000000-0000-4000-b000-' || lpad((row_number() over ())::text, 12, '0'))::uuid, s.name, s.category::public.skill_category
from (values
  -- languages
  ('TypeScript', 'language'), ('JavaScript', 'language'), ('Python', 'language'), ('Rust', 'language'),
  ('Go', 'language'), ('Java', 'language'), ('Kotlin', 'language'), ('Swift', 'language'),
  ('C#', 'language'), ('C++', 'language'), ('C', 'language'), ('Ruby', 'language'),
  ('PHP', 'language'), ('Scala', 'language'), ('Elixir', 'language'), ('Dart', 'language'),
  ('SQL', 'language'), ('Solidity', 'language'), ('Haskell', 'language'),
  -- frameworks
  ('React', 'framework'), ('Next.js', 'framework'), ('Vue.js', 'framework'), ('Angular', 'framework'),
  ('Svelte', 'framework'), ('Node.js', 'framework'), ('Express', 'framework'), ('NestJS', 'framework'),
  ('Django', 'framework'), ('FastAPI', 'framework'), ('Flask', 'framework'), ('Ruby on Rails', 'framework'),
  ('Spring Boot', 'framework'), ('ASP.NET Core', 'framework'), ('Laravel', 'framework'), ('Phoenix', 'framework'),
  ('React Native', 'framework'), ('Flutter', 'framework'), ('SwiftUI', 'framework'), ('Jetpack Compose', 'framework'),
  ('Tailwind CSS', 'framework'), ('TensorFlow', 'framework'), ('PyTorch', 'framework'), ('Tokio', 'framework'),
  ('Actix Web', 'framework'),
  -- tools
  ('PostgreSQL', 'tool'), ('MySQL', 'tool'), ('MongoDB', 'tool'), ('Redis', 'tool'),
  ('Elasticsearch', 'tool'), ('Apache Kafka', 'tool'), ('RabbitMQ', 'tool'), ('Docker', 'tool'),
  ('Kubernetes', 'tool'), ('Terraform', 'tool'), ('Ansible', 'tool'), ('AWS', 'tool'),
  ('Google Cloud Platform', 'tool'), ('Microsoft Azure', 'tool'), ('GitHub Actions', 'tool'), ('Git', 'tool'),
  ('Supabase', 'tool'), ('Stripe', 'tool'), ('GraphQL', 'tool'), ('Figma', 'tool'),
  ('Playwright', 'tool'), ('Cypress', 'tool'), ('Jest', 'tool'), ('Prometheus', 'tool'),
  ('Grafana', 'tool'), ('Datadog', 'tool'), ('Apache Spark', 'tool'), ('dbt', 'tool'),
  ('Snowflake', 'tool'), ('Linux', 'tool'), ('Nginx', 'tool'), ('Helm', 'tool'),
  -- domains
  ('Machine Learning', 'domain'), ('Data Engineering', 'domain'), ('Payments', 'domain'), ('Security', 'domain'),
  ('Accessibility', 'domain'), ('DevOps', 'domain'), ('Site Reliability Engineering', 'domain'), ('UI/UX Design', 'domain'),
  ('Distributed Systems', 'domain'), ('Computer Vision', 'domain'), ('Natural Language Processing', 'domain'),
  ('Mobile Development', 'domain'), ('Cloud Architecture', 'domain'), ('Blockchain', 'domain'), ('E-commerce', 'domain'),
  ('Healthcare (HIPAA)', 'domain'), ('Fintech', 'domain'), ('Performance Optimization', 'domain'),
  ('API Design', 'domain'), ('Data Visualization', 'domain'), ('Quality Assurance', 'domain'),
  ('Embedded Systems', 'domain'), ('Technical Writing', 'domain'), ('Game Development', 'domain')
) as s(name, category);

-- =============================================================================================
-- Users, exactly as Supabase Auth creates them. The on_auth_user_created trigger makes each one's
-- profiles row and role profile (contributor_profiles + contributor_private_details, or
-- initiator_profiles + initiator_private_details).
-- =============================================================================================
insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, last_sign_in_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at, confirmation_token, recovery_token)
select
  '00000000-0000-0000-0000-000000000000', u.id::uuid, 'authenticated', 'authenticated', u.email,
  extensions.crypt('password123', extensions.gen_salt('bf')), now() - u.age, now() - u.last_seen,
  '{"provider":"email","providers":["email"]}'::jsonb,
  jsonb_build_object('full_name', u.full_name, 'role', u.role),
  now() - u.age, now() - u.age, '', ''
from (values
  -- admin: signs up as a contributor (metadata can never ask for admin), promoted below
  ('00000000-0000-4000-a000-000000000001', 'admin@people.test',      'Grace Hopper-Lee', 'contributor', interval '400 days', interval '2 hours'),
  -- initiators
  ('00000000-0000-4000-a000-000000000101', 'maya@northwind.test',    'Maya Chen',        'initiator',   interval '200 days', interval '1 day'),
  ('00000000-0000-4000-a000-000000000102', 'jonas@lumenhealth.test', 'Jonas Weber',      'initiator',   interval '150 days', interval '3 hours'),
  ('00000000-0000-4000-a000-000000000103', 'priya@tidepool.test',    'Priya Raman',      'initiator',   interval '90 days',  interval '5 hours'),
  -- contributors
  ('00000000-0000-4000-a000-000000000201', 'alex@people.test',       'Alex Rivera',      'contributor', interval '300 days', interval '4 hours'),
  ('00000000-0000-4000-a000-000000000202', 'sam@people.test',        'Sam Okafor',       'contributor', interval '280 days', interval '1 hour'),
  ('00000000-0000-4000-a000-000000000203', 'lena@people.test',       'Lena Fischer',     'contributor', interval '260 days', interval '2 days'),
  ('00000000-0000-4000-a000-000000000204', 'diego@people.test',      'Diego Santos',     'contributor', interval '250 days', interval '6 hours'),
  ('00000000-0000-4000-a000-000000000205', 'hana@people.test',       'Hana Kim',         'contributor', interval '220 days', interval '30 minutes'),
  ('00000000-0000-4000-a000-000000000206', 'tom@people.test',        'Tom Becker',       'contributor', interval '210 days', interval '1 day'),
  ('00000000-0000-4000-a000-000000000207', 'fatima@people.test',     'Fatima Zahra',     'contributor', interval '180 days', interval '8 hours'),
  ('00000000-0000-4000-a000-000000000208', 'noah@people.test',       'Noah Williams',    'contributor', interval '10 days',  interval '1 day')
) as u(id, email, full_name, role, age, last_seen);

insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select
  ('00000000-0000-4000-a001-' || right(u.id::text, 12))::uuid, u.id::text, u.id,
  jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true, 'phone_verified', false),
  'email', u.last_sign_in_at, u.created_at, u.updated_at
from auth.users u
where u.id::text like '00000000-0000-4000-a000-%';

-- The admin.
update public.profiles set primary_role = 'admin' where id = '00000000-0000-4000-a000-000000000001';

-- =============================================================================================
-- Initiator details
-- =============================================================================================
update public.initiator_profiles i
set company_name = v.company_name,
    company_url = v.company_url,
    company_size = v.company_size::public.company_size,
    industry = v.industry,
    is_verified = true,
    verification_date = now() - v.verified_ago
from (values
  ('00000000-0000-4000-a000-000000000101', 'Northwind Analytics', 'https://northwind-analytics.example.com', '51-200',  'Data & Analytics', interval '190 days'),
  ('00000000-0000-4000-a000-000000000102', 'Lumen Health',        'https://lumenhealth.example.com',         '11-50',   'Healthcare',       interval '140 days'),
  ('00000000-0000-4000-a000-000000000103', 'Tidepool Commerce',   'https://tidepool.example.com',            '201-500', 'E-commerce',       interval '85 days')
) as v(user_id, company_name, company_url, company_size, industry, verified_ago)
where i.user_id = v.user_id::uuid;

update public.initiator_private_details d
set stripe_customer_id = v.customer, default_payment_method_id = v.payment_method
from (values
  ('00000000-0000-4000-a000-000000000101', 'cus_seed_northwind', 'pm_seed_northwind_visa'),
  ('00000000-0000-4000-a000-000000000102', 'cus_seed_lumen',     'pm_seed_lumen_amex'),
  ('00000000-0000-4000-a000-000000000103', 'cus_seed_tidepool',  'pm_seed_tidepool_sepa')
) as v(user_id, customer, payment_method)
join public.initiator_profiles i on i.user_id = v.user_id::uuid
where d.initiator_id = i.id;

-- =============================================================================================
-- Contributor details
-- =============================================================================================
update public.contributor_profiles c
set verification_status = v.status::public.verification_status,
    verification_date = case when v.status = 'verified' then now() - v.verified_ago end,
    is_looking_for_work = v.looking,
    timezone = v.timezone,
    headline = v.headline,
    bio = v.bio,
    github_url = v.github,
    linkedin_url = v.linkedin,
    portfolio_url = v.portfolio,
    years_experience = v.years,
    trust_score = v.trust,
    match_power = v.match_power
from (values
  ('00000000-0000-4000-a000-000000000201', 'verified', interval '280 days', true,  'America/Mexico_City',
   'Full-stack TypeScript engineer: React, Node.js and PostgreSQL',
   'Eight years building product teams'' web apps end to end, from schema design to pixel-perfect UIs. I like typed boundaries, boring infrastructure and fast pages.',
   'https://github.com/alex-rivera-dev', 'https://www.linkedin.com/in/alex-rivera-dev', 'https://alexrivera.example.dev', 8, 92, 88),
  ('00000000-0000-4000-a000-000000000202', 'verified', interval '260 days', true,  'Africa/Lagos',
   'Backend engineer: Rust, Go and distributed systems',
   'I design and build services that move a lot of data reliably: event pipelines, sync engines and APIs with strict latency budgets.',
   'https://github.com/samokafor', 'https://www.linkedin.com/in/samokafor', null, 10, 95, 91),
  ('00000000-0000-4000-a000-000000000203', 'verified', interval '240 days', false, 'Europe/Berlin',
   'Machine learning engineer: forecasting, NLP and MLOps',
   'PhD in statistics turned ML engineer. I take models from notebook to monitored production service.',
   'https://github.com/lenafischer-ml', 'https://www.linkedin.com/in/lena-fischer-ml', 'https://lenafischer.example.dev', 7, 89, 84),
  ('00000000-0000-4000-a000-000000000204', 'verified', interval '230 days', true,  'America/Sao_Paulo',
   'Platform engineer: Kubernetes, Terraform and AWS',
   'I migrate teams to infrastructure they can reason about: Kubernetes, GitOps, observability and cost control.',
   'https://github.com/diegosantos-ops', 'https://www.linkedin.com/in/diegosantos-ops', null, 9, 97, 93),
  ('00000000-0000-4000-a000-000000000205', 'verified', interval '200 days', false, 'Asia/Seoul',
   'Mobile engineer: native iOS and Android, React Native',
   'Shipped a dozen apps to both stores, several in regulated industries. Offline-first and accessibility by default.',
   'https://github.com/hanakim-mobile', 'https://www.linkedin.com/in/hanakim-mobile', 'https://hanakim.example.dev', 6, 90, 86),
  ('00000000-0000-4000-a000-000000000206', 'verified', interval '190 days', true,  'Europe/Vienna',
   'Application security engineer and QA automation lead',
   'Penetration tests, threat models and the automated test suites that keep the findings fixed.',
   'https://github.com/tombecker-sec', 'https://www.linkedin.com/in/tombecker-sec', null, 11, 94, 87),
  ('00000000-0000-4000-a000-000000000207', 'verified', interval '160 days', true,  'Africa/Casablanca',
   'Frontend engineer and product designer: Vue, React and Figma',
   'Design systems, accessible interfaces and the components that implement them.',
   'https://github.com/fatimazahra-ui', 'https://www.linkedin.com/in/fatimazahra-ui', 'https://fatimazahra.example.dev', 5, 84, 79),
  ('00000000-0000-4000-a000-000000000208', 'pending',  null,               true,  'Europe/London',
   'Junior Python and TypeScript developer',
   'Bootcamp graduate with two internships behind me, looking for shadow roles on real missions.',
   'https://github.com/noahwilliams-dev', null, null, 1, 0, 35)
) as v(user_id, status, verified_ago, looking, timezone, headline, bio, github, linkedin, portfolio, years, trust, match_power)
where c.user_id = v.user_id::uuid;

update public.contributor_private_details d
set availability_hours_per_week = v.hours,
    background_check_status = v.check_status::public.background_check_status,
    background_check_date = case when v.check_status in ('passed', 'failed') then now() - interval '150 days' end,
    stripe_account_id = v.account,
    stripe_charges_enabled = v.account is not null,
    stripe_payouts_enabled = v.account is not null,
    stripe_details_submitted = v.account is not null
from (values
  ('00000000-0000-4000-a000-000000000201', 30, 'passed',      'acct_seed_alex'),
  ('00000000-0000-4000-a000-000000000202', 40, 'passed',      'acct_seed_sam'),
  ('00000000-0000-4000-a000-000000000203', 15, 'passed',      'acct_seed_lena'),
  ('00000000-0000-4000-a000-000000000204', 35, 'passed',      'acct_seed_diego'),
  ('00000000-0000-4000-a000-000000000205', 25, 'passed',      'acct_seed_hana'),
  ('00000000-0000-4000-a000-000000000206', 20, 'passed',      'acct_seed_tom'),
  ('00000000-0000-4000-a000-000000000207', 30, 'in_progress', 'acct_seed_fatima'),
  ('00000000-0000-4000-a000-000000000208', 40, 'not_started', null)
) as v(user_id, hours, check_status, account)
join public.contributor_profiles c on c.user_id = v.user_id::uuid
where d.contributor_id = c.id;

-- =============================================================================================
-- Contributor skills
-- =============================================================================================
insert into public.contributor_skills (contributor_id, skill_id, proficiency_level, years_experience, verified, created_at)
select c.id, s.id, v.level::public.proficiency_level, v.years, v.verified, c.created_at
from (values
  -- Alex Rivera
  ('00000000-0000-4000-a000-000000000201', 'TypeScript', 'expert', 7, true),
  ('00000000-0000-4000-a000-000000000201', 'React', 'expert', 7, true),
  ('00000000-0000-4000-a000-000000000201', 'Next.js', 'advanced', 4, true),
  ('00000000-0000-4000-a000-000000000201', 'Node.js', 'expert', 8, true),
  ('00000000-0000-4000-a000-000000000201', 'PostgreSQL', 'advanced', 6, false),
  ('00000000-0000-4000-a000-000000000201', 'GraphQL', 'advanced', 4, false),
  ('00000000-0000-4000-a000-000000000201', 'Performance Optimization', 'advanced', 5, false),
  -- Sam Okafor
  ('00000000-0000-4000-a000-000000000202', 'Rust', 'expert', 6, true),
  ('00000000-0000-4000-a000-000000000202', 'Go', 'expert', 8, true),
  ('00000000-0000-4000-a000-000000000202', 'Tokio', 'advanced', 5, true),
  ('00000000-0000-4000-a000-000000000202', 'PostgreSQL', 'expert', 9, false),
  ('00000000-0000-4000-a000-000000000202', 'Apache Kafka', 'advanced', 5, false),
  ('00000000-0000-4000-a000-000000000202', 'Distributed Systems', 'expert', 8, true),
  ('00000000-0000-4000-a000-000000000202', 'Kubernetes', 'intermediate', 3, false),
  -- Lena Fischer
  ('00000000-0000-4000-a000-000000000203', 'Python', 'expert', 9, true),
  ('00000000-0000-4000-a000-000000000203', 'Machine Learning', 'expert', 7, true),
  ('00000000-0000-4000-a000-000000000203', 'PyTorch', 'advanced', 5, true),
  ('00000000-0000-4000-a000-000000000203', 'Natural Language Processing', 'advanced', 4, false),
  ('00000000-0000-4000-a000-000000000203', 'SQL', 'advanced', 7, false),
  ('00000000-0000-4000-a000-000000000203', 'dbt', 'intermediate', 2, false),
  ('00000000-0000-4000-a000-000000000203', 'Data Visualization', 'advanced', 5, false),
  -- Diego Santos
  ('00000000-0000-4000-a000-000000000204', 'Kubernetes', 'expert', 7, true),
  ('00000000-0000-4000-a000-000000000204', 'Terraform', 'expert', 6, true),
  ('00000000-0000-4000-a000-000000000204', 'AWS', 'expert', 9, true),
  ('00000000-0000-4000-a000-000000000204', 'Docker', 'expert', 9, false),
  ('00000000-0000-4000-a000-000000000204', 'Helm', 'advanced', 5, false),
  ('00000000-0000-4000-a000-000000000204', 'Prometheus', 'advanced', 5, false),
  ('00000000-0000-4000-a000-000000000204', 'Go', 'intermediate', 3, false),
  ('00000000-0000-4000-a000-000000000204', 'DevOps', 'expert', 9, true),
  -- Hana Kim
  ('00000000-0000-4000-a000-000000000205', 'Swift', 'expert', 6, true),
  ('00000000-0000-4000-a000-000000000205', 'SwiftUI', 'advanced', 4, true),
  ('00000000-0000-4000-a000-000000000205', 'Kotlin', 'advanced', 5, true),
  ('00000000-0000-4000-a000-000000000205', 'Jetpack Compose', 'advanced', 3, false),
  ('00000000-0000-4000-a000-000000000205', 'React Native', 'advanced', 4, false),
  ('00000000-0000-4000-a000-000000000205', 'Mobile Development', 'expert', 6, true),
  ('00000000-0000-4000-a000-000000000205', 'Healthcare (HIPAA)', 'intermediate', 2, false),
  -- Tom Becker
  ('00000000-0000-4000-a000-000000000206', 'Security', 'expert', 11, true),
  ('00000000-0000-4000-a000-000000000206', 'Python', 'advanced', 8, false),
  ('00000000-0000-4000-a000-000000000206', 'Playwright', 'expert', 4, true),
  ('00000000-0000-4000-a000-000000000206', 'Cypress', 'advanced', 5, false),
  ('00000000-0000-4000-a000-000000000206', 'Quality Assurance', 'expert', 10, true),
  ('00000000-0000-4000-a000-000000000206', 'API Design', 'advanced', 6, false),
  -- Fatima Zahra
  ('00000000-0000-4000-a000-000000000207', 'Vue.js', 'expert', 5, true),
  ('00000000-0000-4000-a000-000000000207', 'React', 'advanced', 4, true),
  ('00000000-0000-4000-a000-000000000207', 'TypeScript', 'advanced', 4, false),
  ('00000000-0000-4000-a000-000000000207', 'Tailwind CSS', 'expert', 4, false),
  ('00000000-0000-4000-a000-000000000207', 'Figma', 'expert', 5, true),
  ('00000000-0000-4000-a000-000000000207', 'Accessibility', 'advanced', 3, false),
  ('00000000-0000-4000-a000-000000000207', 'React Native', 'intermediate', 2, false),
  ('00000000-0000-4000-a000-000000000207', 'UI/UX Design', 'expert', 5, true),
  -- Noah Williams (nothing verified yet)
  ('00000000-0000-4000-a000-000000000208', 'Python', 'intermediate', 2, false),
  ('00000000-0000-4000-a000-000000000208', 'JavaScript', 'intermediate', 2, false),
  ('00000000-0000-4000-a000-000000000208', 'React', 'beginner', 1, false),
  ('00000000-0000-4000-a000-000000000208', 'Django', 'beginner', 1, false),
  ('00000000-0000-4000-a000-000000000208', 'Git', 'intermediate', 2, false)
) as v(user_id, skill, level, years, verified)
join public.contributor_profiles c on c.user_id = v.user_id::uuid
join public.skills s on lower(s.name) = lower(v.skill);

-- =============================================================================================
-- Missions: one or more in every status.
--   01 draft            Maya   churn prediction model
--   02 pending_funding  Jonas  HIPAA audit log service
--   03 open             Priya  checkout performance overhaul        (applications)
--   04 matching         Maya   real-time analytics dashboard        (applications)
--   05 open             Jonas  patient portal accessibility         (applications)
--   06 in_progress      Jonas  patient scheduling app               (team, team chat)
--   07 in_review        Priya  inventory sync service in Rust       (team, submitted milestone)
--   08 completed        Maya   Kubernetes migration                 (team, reviews)
--   09 cancelled        Priya  loyalty microsite                    (funded, then refunded)
--   10 disputed         Jonas  telehealth API security audit        (team, dispute hold)
-- =============================================================================================
insert into public.missions (
  id, initiator_id, title, slug, description, problem_statement, success_criteria, type, complexity,
  budget_min_cents, budget_max_cents, estimated_duration_days, deadline, max_lead_contributors,
  max_shadow_contributors, requires_core_reviewer, status, is_public, featured,
  created_at, updated_at, published_at, started_at, completed_at)
select v.id::uuid, i.id, v.title, v.slug, v.description, v.problem, v.criteria,
       v.type::public.mission_type, v.complexity::public.mission_complexity,
       v.budget_min, v.budget_max, v.days, now() + v.deadline_in, 1, v.shadows, true,
       v.status::public.mission_status, true, v.featured,
       now() - v.created_ago,
       -- last change: completion, cancellation (20 days ago), dispute (4 days ago), submission (2 days ago), ...
       now() - coalesce(v.completed_ago,
                        case v.status when 'cancelled' then interval '20 days' when 'disputed' then interval '4 days'
                                      when 'in_review' then interval '2 days' end,
                        v.started_ago, v.published_ago, v.created_ago),
       now() - v.published_ago, now() - v.started_ago, now() - v.completed_ago
from (values
  ('00000000-0000-4000-b001-000000000001', '00000000-0000-4000-a000-000000000101',
   'Customer churn prediction model', 'customer-churn-prediction-model',
   'Build a churn prediction model on two years of subscription and product-usage data, and serve weekly scores to our CRM.',
   'Customer success learns about churn when the cancellation arrives. We want a ranked list of at-risk accounts every Monday.',
   'AUC of at least 0.80 on a held-out quarter; scores written to the CRM weekly; a dashboard of feature importance.',
   'data', 'hard', 1200000::bigint, 1800000::bigint, 45, interval '90 days', 1, false, 'draft',
   interval '3 days', null::interval, null::interval, null::interval),
  ('00000000-0000-4000-b001-000000000002', '00000000-0000-4000-a000-000000000102',
   'HIPAA-compliant audit log service', 'hipaa-compliant-audit-log-service',
   'A tamper-evident audit log service that every Lumen Health backend writes access events to, with a search API for compliance officers.',
   'Access to patient records is logged inconsistently across five services, which fails our HIPAA audit controls.',
   'Append-only, hash-chained storage; p99 write latency under 20 ms; search by patient, user and time range; runbook and threat model.',
   'backend', 'hard', 900000, 1400000, 40, interval '75 days', 1, false, 'pending_funding',
   interval '9 days', interval '2 days', null, null),
  ('00000000-0000-4000-b001-000000000003', '00000000-0000-4000-a000-000000000103',
   'Checkout performance overhaul', 'checkout-performance-overhaul',
   'Make the Tidepool checkout fast on mid-range phones: audit, fix the worst offenders and keep it fast with performance budgets in CI.',
   'Checkout LCP is 4.8 s at the 75th percentile on mobile and conversion drops sharply above 3 s.',
   'LCP under 2.5 s and INP under 200 ms at p75 (field data); bundle budgets enforced in CI; no regression in conversion tracking.',
   'frontend', 'medium', 600000, 900000, 30, interval '50 days', 1, true, 'open',
   interval '10 days', interval '6 days', null, null),
  ('00000000-0000-4000-b001-000000000004', '00000000-0000-4000-a000-000000000101',
   'Real-time analytics dashboard', 'real-time-analytics-dashboard',
   'A customer-facing dashboard streaming product analytics from our Kafka topics with sub-second freshness.',
   'Our customers wait for a nightly batch to see yesterday''s numbers; competitors show live data.',
   'Events visible within 1 s; 10k concurrent viewers; embeddable widgets; row-level tenant isolation in PostgreSQL.',
   'fullstack', 'hard', 1500000, 2500000, 60, interval '100 days', 1, true, 'matching',
   interval '20 days', interval '12 days', null, null),
  ('00000000-0000-4000-b001-000000000005', '00000000-0000-4000-a000-000000000102',
   'Accessibility audit and fixes for the patient portal', 'patient-portal-accessibility-audit',
   'Audit the patient portal against WCAG 2.2 AA and fix what the audit finds, with automated checks to keep it fixed.',
   'Patients using screen readers cannot complete appointment booking or read lab results.',
   'WCAG 2.2 AA conformance report; zero critical axe violations; booking completed with VoiceOver and NVDA in manual tests.',
   'qa', 'medium', 400000, 700000, 21, interval '40 days', 1, false, 'open',
   interval '5 days', interval '3 days', null, null),
  ('00000000-0000-4000-b001-000000000006', '00000000-0000-4000-a000-000000000102',
   'Patient scheduling mobile app', 'patient-scheduling-mobile-app',
   'Native iOS and Android apps for booking, rescheduling and joining telehealth appointments, on our existing scheduling API.',
   'Forty percent of appointment changes happen over the phone, which keeps our front desk overloaded.',
   'Both apps in the stores; booking in under 60 seconds; offline appointment list; push reminders; accessibility audit passed.',
   'mobile', 'hard', 2000000, 3000000, 90, interval '60 days', 1, false, 'in_progress',
   interval '45 days', interval '40 days', interval '30 days', null),
  ('00000000-0000-4000-b001-000000000007', '00000000-0000-4000-a000-000000000103',
   'Inventory sync service in Rust', 'inventory-sync-service-rust',
   'Replace the cron-based inventory sync between our warehouses and storefronts with an event-driven Rust service.',
   'Stock levels lag by up to 15 minutes and we oversell during flash sales.',
   'Stock updates propagated within 2 s; exactly-once application of warehouse events; 5k events/s sustained on one node.',
   'backend', 'expert', 1800000, 2400000, 50, interval '20 days', 1, false, 'in_review',
   interval '70 days', interval '65 days', interval '55 days', null),
  ('00000000-0000-4000-b001-000000000008', '00000000-0000-4000-a000-000000000101',
   'Kubernetes migration for the data platform', 'kubernetes-migration-data-platform',
   'Move the Northwind data platform (Airflow, Spark jobs, internal APIs) from hand-managed VMs to EKS with Terraform and GitOps.',
   'Deployments are manual, environments drift and the VM fleet costs twice what it should.',
   'All workloads on EKS via Terraform and Argo CD; zero-downtime cutover; dashboards and alerts; 30% lower infrastructure cost.',
   'devops', 'hard', 2500000, 3500000, 60, interval '-40 days', 1, true, 'completed',
   interval '125 days', interval '120 days', interval '110 days', interval '45 days'),
  ('00000000-0000-4000-b001-000000000009', '00000000-0000-4000-a000-000000000103',
   'Loyalty program microsite', 'loyalty-program-microsite',
   'A small marketing site for the new Tidepool loyalty program, with a points calculator.',
   null,
   'Launched before the spring campaign; Lighthouse score above 95.',
   'frontend', 'easy', 300000, 500000, 14, null, 1, false, 'cancelled',
   interval '60 days', interval '50 days', null, null),
  ('00000000-0000-4000-b001-000000000010', '00000000-0000-4000-a000-000000000102',
   'Security audit of the telehealth API', 'telehealth-api-security-audit',
   'A penetration test and code review of the telehealth API, with fixes for every high and critical finding.',
   'We are about to sign our first hospital network, which requires an independent security assessment.',
   'Report following OWASP ASVS level 2; every high and critical finding fixed and retested; threat model delivered.',
   'security', 'expert', 1000000, 1600000, 30, interval '-5 days', 1, false, 'disputed',
   interval '80 days', interval '75 days', interval '70 days', null)
) as v(id, user_id, title, slug, description, problem, criteria, type, complexity, budget_min, budget_max, days,
       deadline_in, shadows, featured, status, created_ago, published_ago, started_ago, completed_ago)
join public.initiator_profiles i on i.user_id = v.user_id::uuid;

insert into public.mission_required_skills (mission_id, skill_id, importance)
select v.mission_id::uuid, s.id, v.importance::public.skill_importance
from (values
  ('00000000-0000-4000-b001-000000000001', 'Python', 'required'),
  ('00000000-0000-4000-b001-000000000001', 'Machine Learning', 'required'),
  ('00000000-0000-4000-b001-000000000001', 'SQL', 'required'),
  ('00000000-0000-4000-b001-000000000001', 'Snowflake', 'preferred'),
  ('00000000-0000-4000-b001-000000000001', 'dbt', 'nice_to_have'),
  ('00000000-0000-4000-b001-000000000002', 'Go', 'required'),
  ('00000000-0000-4000-b001-000000000002', 'PostgreSQL', 'required'),
  ('00000000-0000-4000-b001-000000000002', 'Healthcare (HIPAA)', 'required'),
  ('00000000-0000-4000-b001-000000000002', 'Security', 'preferred'),
  ('00000000-0000-4000-b001-000000000002', 'Apache Kafka', 'nice_to_have'),
  ('00000000-0000-4000-b001-000000000003', 'React', 'required'),
  ('00000000-0000-4000-b001-000000000003', 'Next.js', 'required'),
  ('00000000-0000-4000-b001-000000000003', 'TypeScript', 'required'),
  ('00000000-0000-4000-b001-000000000003', 'Performance Optimization', 'preferred'),
  ('00000000-0000-4000-b001-000000000003', 'Playwright', 'nice_to_have'),
  ('00000000-0000-4000-b001-000000000004', 'TypeScript', 'required'),
  ('00000000-0000-4000-b001-000000000004', 'React', 'required'),
  ('00000000-0000-4000-b001-000000000004', 'PostgreSQL', 'required'),
  ('00000000-0000-4000-b001-000000000004', 'Apache Kafka', 'preferred'),
  ('00000000-0000-4000-b001-000000000004', 'Data Visualization', 'preferred'),
  ('00000000-0000-4000-b001-000000000005', 'Accessibility', 'required'),
  ('00000000-0000-4000-b001-000000000005', 'React', 'required'),
  ('00000000-0000-4000-b001-000000000005', 'Playwright', 'preferred'),
  ('00000000-0000-4000-b001-000000000005', 'UI/UX Design', 'nice_to_have'),
  ('00000000-0000-4000-b001-000000000006', 'Swift', 'required'),
  ('00000000-0000-4000-b001-000000000006', 'Kotlin', 'required'),
  ('00000000-0000-4000-b001-000000000006', 'Mobile Development', 'required'),
  ('00000000-0000-4000-b001-000000000006', 'Healthcare (HIPAA)', 'preferred'),
  ('00000000-0000-4000-b001-000000000006', 'React Native', 'nice_to_have'),
  ('00000000-0000-4000-b001-000000000007', 'Rust', 'required'),
  ('00000000-0000-4000-b001-000000000007', 'Tokio', 'required'),
  ('00000000-0000-4000-b001-000000000007', 'Apache Kafka', 'required'),
  ('00000000-0000-4000-b001-000000000007', 'PostgreSQL', 'preferred'),
  ('00000000-0000-4000-b001-000000000007', 'Distributed Systems', 'preferred'),
  ('00000000-0000-4000-b001-000000000008', 'Kubernetes', 'required'),
  ('00000000-0000-4000-b001-000000000008', 'Terraform', 'required'),
  ('00000000-0000-4000-b001-000000000008', 'AWS', 'required'),
  ('00000000-0000-4000-b001-000000000008', 'Helm', 'preferred'),
  ('00000000-0000-4000-b001-000000000008', 'Apache Spark', 'nice_to_have'),
  ('00000000-0000-4000-b001-000000000009', 'Svelte', 'required'),
  ('00000000-0000-4000-b001-000000000009', 'Tailwind CSS', 'preferred'),
  ('00000000-0000-4000-b001-000000000009', 'UI/UX Design', 'nice_to_have'),
  ('00000000-0000-4000-b001-000000000010', 'Security', 'required'),
  ('00000000-0000-4000-b001-000000000010', 'API Design', 'required'),
  ('00000000-0000-4000-b001-000000000010', 'Healthcare (HIPAA)', 'preferred'),
  ('00000000-0000-4000-b001-000000000010', 'Python', 'nice_to_have')
) as v(mission_id, skill, importance)
join public.skills s on lower(s.name) = lower(v.skill);

-- Milestones: ids end in <mission number><order_index>. Amounts add up to a total inside each budget.
insert into public.milestones (
  id, mission_id, title, description, order_index, amount_cents, status, revision_count,
  due_date, submitted_at, approved_at, paid_at, created_at, updated_at)
select v.id::uuid, v.mission_id::uuid, v.title, v.description, v.order_index, v.amount, v.status::public.milestone_status,
       v.revisions, now() + v.due_in, now() - v.submitted_ago, now() - v.approved_ago, now() - v.paid_ago,
       m.created_at, now() - coalesce(v.paid_ago, v.approved_ago, v.submitted_ago, now() - m.created_at)
from (values
  -- 01 draft: 1,500,000 in 1,200,000..1,800,000
  ('00000000-0000-4000-b002-000000000010', '00000000-0000-4000-b001-000000000001', 'Data audit and feature set',
   'Profile the usage and billing data, agree on the churn definition and build the feature pipeline.', 0, 500000::bigint, 'pending', 0,
   interval '30 days', null::interval, null::interval, null::interval),
  ('00000000-0000-4000-b002-000000000011', '00000000-0000-4000-b001-000000000001', 'Model training and evaluation',
   'Train and compare candidate models; deliver the evaluation report.', 1, 700000, 'pending', 0, interval '60 days', null, null, null),
  ('00000000-0000-4000-b002-000000000012', '00000000-0000-4000-b001-000000000001', 'Weekly scoring in production',
   'Scheduled scoring job writing to the CRM, with drift monitoring.', 2, 300000, 'pending', 0, interval '85 days', null, null, null),
  -- 02 pending_funding: 1,200,000 in 900,000..1,400,000
  ('00000000-0000-4000-b002-000000000020', '00000000-0000-4000-b001-000000000002', 'Design and threat model',
   'Architecture, storage format with hash chaining, and the threat model.', 0, 400000, 'pending', 0, interval '20 days', null, null, null),
  ('00000000-0000-4000-b002-000000000021', '00000000-0000-4000-b001-000000000002', 'Write path and client libraries',
   'The ingest API and Go and TypeScript clients used by the five services.', 1, 500000, 'pending', 0, interval '45 days', null, null, null),
  ('00000000-0000-4000-b002-000000000022', '00000000-0000-4000-b001-000000000002', 'Search API and runbook',
   'Compliance search API, retention jobs and the operations runbook.', 2, 300000, 'pending', 0, interval '70 days', null, null, null),
  -- 03 open: 800,000 in 600,000..900,000
  ('00000000-0000-4000-b002-000000000030', '00000000-0000-4000-b001-000000000003', 'Performance audit',
   'Field and lab measurements, and a prioritised list of fixes.', 0, 300000, 'pending', 0, interval '14 days', null, null, null),
  ('00000000-0000-4000-b002-000000000031', '00000000-0000-4000-b001-000000000003', 'Fixes: bundle, images and hydration',
   'Implement the top fixes from the audit.', 1, 350000, 'pending', 0, interval '35 days', null, null, null),
  ('00000000-0000-4000-b002-000000000032', '00000000-0000-4000-b001-000000000003', 'Performance budgets in CI',
   'Lighthouse CI and bundle-size budgets that fail the build on regressions.', 2, 150000, 'pending', 0, interval '45 days', null, null, null),
  -- 04 matching: 2,000,000 in 1,500,000..2,500,000
  ('00000000-0000-4000-b002-000000000040', '00000000-0000-4000-b001-000000000004', 'Streaming ingestion',
   'Kafka consumers aggregating events into PostgreSQL rollups.', 0, 600000, 'pending', 0, interval '35 days', null, null, null),
  ('00000000-0000-4000-b002-000000000041', '00000000-0000-4000-b001-000000000004', 'Dashboard and live updates',
   'The React dashboard with WebSocket updates and tenant isolation.', 1, 800000, 'pending', 0, interval '70 days', null, null, null),
  ('00000000-0000-4000-b002-000000000042', '00000000-0000-4000-b001-000000000004', 'Embeddable widgets and load test',
   'Embeddable widgets, documentation and a 10k-viewer load test.', 2, 600000, 'pending', 0, interval '95 days', null, null, null),
  -- 05 open: 550,000 in 400,000..700,000
  ('00000000-0000-4000-b002-000000000050', '00000000-0000-4000-b001-000000000005', 'WCAG 2.2 AA audit',
   'Automated and manual audit with a conformance report.', 0, 200000, 'pending', 0, interval '14 days', null, null, null),
  ('00000000-0000-4000-b002-000000000051', '00000000-0000-4000-b001-000000000005', 'Fixes and automated checks',
   'Fix every critical and serious finding; axe checks in the Playwright suite.', 1, 350000, 'pending', 0, interval '35 days', null, null, null),
  -- 06 in_progress: 2,700,000 in 2,000,000..3,000,000 (first paid, second in progress)
  ('00000000-0000-4000-b002-000000000060', '00000000-0000-4000-b001-000000000006', 'Design system and booking flow',
   'Shared design tokens, navigation and the booking flow on both platforms.', 0, 700000, 'paid', 0,
   interval '-8 days', interval '12 days', interval '10 days', interval '10 days'),
  ('00000000-0000-4000-b002-000000000061', '00000000-0000-4000-b001-000000000006', 'Rescheduling, telehealth and offline mode',
   'Reschedule and cancel, join video visits, offline appointment list.', 1, 1200000, 'in_progress', 0, interval '25 days', null, null, null),
  ('00000000-0000-4000-b002-000000000062', '00000000-0000-4000-b001-000000000006', 'Push reminders and store release',
   'Push notifications, accessibility pass and store submission.', 2, 800000, 'pending', 0, interval '55 days', null, null, null),
  -- 07 in_review: 2,000,000 in 1,800,000..2,400,000 (first paid, second submitted)
  ('00000000-0000-4000-b002-000000000070', '00000000-0000-4000-b001-000000000007', 'Event model and warehouse consumer',
   'Event schema, idempotent consumer of warehouse events and the stock ledger.', 0, 800000, 'paid', 0,
   interval '-25 days', interval '30 days', interval '27 days', interval '27 days'),
  ('00000000-0000-4000-b002-000000000071', '00000000-0000-4000-b001-000000000007', 'Storefront publisher and load test',
   'Publishing stock changes to the storefronts, and a sustained 5k events/s load test.', 1, 1200000, 'submitted', 0,
   interval '15 days', interval '2 days', null, null),
  -- 08 completed: 3,000,000 in 2,500,000..3,500,000 (all paid)
  ('00000000-0000-4000-b002-000000000080', '00000000-0000-4000-b001-000000000008', 'Terraform foundation and EKS clusters',
   'VPC, EKS clusters, IAM and the Argo CD bootstrap, all in Terraform.', 0, 1000000, 'paid', 0,
   interval '-90 days', interval '92 days', interval '90 days', interval '90 days'),
  ('00000000-0000-4000-b002-000000000081', '00000000-0000-4000-b001-000000000008', 'Workload migration',
   'Airflow, Spark jobs and the internal APIs moved with zero-downtime cutovers.', 1, 1500000, 'paid', 1,
   interval '-65 days', interval '66 days', interval '62 days', interval '62 days'),
  ('00000000-0000-4000-b002-000000000082', '00000000-0000-4000-b001-000000000008', 'Observability and handover',
   'Prometheus and Grafana dashboards, alerts, runbooks and a handover workshop.', 2, 500000, 'paid', 0,
   interval '-45 days', interval '48 days', interval '45 days', interval '45 days'),
  -- 09 cancelled: 400,000 in 300,000..500,000 (never started)
  ('00000000-0000-4000-b002-000000000090', '00000000-0000-4000-b001-000000000009', 'Design and content',
   'Page designs and copy for the microsite.', 0, 250000, 'pending', 0, interval '-30 days', null, null, null),
  ('00000000-0000-4000-b002-000000000091', '00000000-0000-4000-b001-000000000009', 'Build and launch',
   'Build the site and the points calculator, and launch.', 1, 150000, 'pending', 0, interval '-20 days', null, null, null),
  -- 10 disputed: 1,400,000 in 1,000,000..1,600,000 (first paid, second sent back for revision, then disputed)
  ('00000000-0000-4000-b002-000000000100', '00000000-0000-4000-b001-000000000010', 'Threat model and penetration test',
   'Threat model, authenticated and unauthenticated testing, and the findings report.', 0, 600000, 'paid', 0,
   interval '-40 days', interval '45 days', interval '42 days', interval '42 days'),
  ('00000000-0000-4000-b002-000000000101', '00000000-0000-4000-b001-000000000010', 'Fixes and retest',
   'Fix every high and critical finding and retest.', 1, 800000, 'revision', 1,
   interval '-5 days', interval '10 days', null, null)
) as v(id, mission_id, title, description, order_index, amount, status, revisions, due_in, submitted_ago, approved_ago, paid_ago)
join public.missions m on m.id = v.mission_id::uuid;

-- =============================================================================================
-- Applications on the open and matching missions
-- =============================================================================================
insert into public.mission_applications (
  id, mission_id, contributor_id, cover_letter, proposed_timeline, proposed_approach, match_score, status,
  created_at, updated_at, reviewed_at)
select v.id::uuid, v.mission_id::uuid, c.id, v.cover_letter, v.timeline, v.approach, v.score,
       v.status::public.application_status, now() - v.applied_ago,
       now() - coalesce(v.reviewed_ago, v.applied_ago), now() - v.reviewed_ago
from (values
  -- 03 checkout performance overhaul
  ('00000000-0000-4000-b003-000000000031', '00000000-0000-4000-b001-000000000003', '00000000-0000-4000-a000-000000000201',
   'I cut LCP from 4.2 s to 1.9 s on a similar Next.js storefront last year and kept it there with CI budgets.',
   28, 'Start with field data from CrUX and RUM, fix the critical rendering path, then lock it in with Lighthouse CI.',
   93.50, 'shortlisted', interval '5 days', interval '2 days'),
  ('00000000-0000-4000-b003-000000000032', '00000000-0000-4000-b001-000000000003', '00000000-0000-4000-a000-000000000207',
   'Frontend engineer with a strong eye for the checkout UX; happy to pair the speed work with a few friction fixes.',
   30, 'Audit, then image pipeline and component-level code splitting.', 81.00, 'pending', interval '3 days', null::interval),
  ('00000000-0000-4000-b003-000000000033', '00000000-0000-4000-b001-000000000003', '00000000-0000-4000-a000-000000000208',
   'I would love to learn web performance on a real checkout.', 45, null, 48.25, 'rejected', interval '4 days', interval '2 days'),
  -- 04 real-time analytics dashboard
  ('00000000-0000-4000-b003-000000000041', '00000000-0000-4000-b001-000000000004', '00000000-0000-4000-a000-000000000201',
   'Built two embedded analytics products on PostgreSQL and React; comfortable owning the whole stack.',
   55, 'Kafka consumers into hourly and minute rollups, LISTEN/NOTIFY fan-out to WebSockets, RLS per tenant.',
   91.00, 'shortlisted', interval '11 days', interval '6 days'),
  ('00000000-0000-4000-b003-000000000042', '00000000-0000-4000-b001-000000000004', '00000000-0000-4000-a000-000000000202',
   'The ingestion side is my specialty: I have run Kafka pipelines at 200k events per second.',
   60, 'Exactly-once consumers in Go, rollups in PostgreSQL, and a thin API for the dashboard.', 88.75, 'shortlisted',
   interval '10 days', interval '6 days'),
  ('00000000-0000-4000-b003-000000000043', '00000000-0000-4000-b001-000000000004', '00000000-0000-4000-a000-000000000203',
   'I can contribute the data modelling and the visualisation choices.', 60, null, 74.50, 'pending', interval '8 days', null),
  ('00000000-0000-4000-b003-000000000044', '00000000-0000-4000-b001-000000000004', '00000000-0000-4000-a000-000000000207',
   'I would focus on the dashboard UI and the embeddable widgets.', 65, null, 69.00, 'rejected', interval '9 days', interval '6 days'),
  -- 05 patient portal accessibility
  ('00000000-0000-4000-b003-000000000051', '00000000-0000-4000-b001-000000000005', '00000000-0000-4000-a000-000000000207',
   'Accessibility is part of every design system I build; I test with VoiceOver and NVDA daily.',
   20, 'Automated axe scan, manual screen-reader passes of the five key journeys, then fixes in priority order.',
   89.00, 'shortlisted', interval '2 days', interval '1 day'),
  ('00000000-0000-4000-b003-000000000052', '00000000-0000-4000-b001-000000000005', '00000000-0000-4000-a000-000000000206',
   'I will add the accessibility checks to your Playwright suite so regressions fail the build.',
   21, null, 82.50, 'pending', interval '1 day', null)
) as v(id, mission_id, user_id, cover_letter, timeline, approach, score, status, applied_ago, reviewed_ago)
join public.contributor_profiles c on c.user_id = v.user_id::uuid;

-- =============================================================================================
-- Teams on the in_progress, in_review, completed and disputed missions
-- =============================================================================================
insert into public.mission_assignments (
  id, mission_id, contributor_id, role, status, rating, review_text, assigned_at, accepted_at, completed_at, updated_at)
select v.id::uuid, v.mission_id::uuid, c.id, v.role::public.assignment_role, v.status::public.assignment_status,
       v.rating, v.review_text, now() - v.assigned_ago, now() - v.accepted_ago, now() - v.completed_ago,
       now() - coalesce(v.completed_ago, v.accepted_ago)
from (values
  -- 06 in_progress
  ('00000000-0000-4000-b004-000000000061', '00000000-0000-4000-b001-000000000006', '00000000-0000-4000-a000-000000000205',
   'lead', 'active', null::numeric, null, interval '32 days', interval '31 days', null::interval),
  ('00000000-0000-4000-b004-000000000062', '00000000-0000-4000-b001-000000000006', '00000000-0000-4000-a000-000000000207',
   'shadow', 'active', null, null, interval '32 days', interval '31 days', null),
  ('00000000-0000-4000-b004-000000000063', '00000000-0000-4000-b001-000000000006', '00000000-0000-4000-a000-000000000201',
   'core_reviewer', 'active', null, null, interval '32 days', interval '30 days', null),
  -- 07 in_review
  ('00000000-0000-4000-b004-000000000071', '00000000-0000-4000-b001-000000000007', '00000000-0000-4000-a000-000000000202',
   'lead', 'active', null, null, interval '57 days', interval '56 days', null),
  ('00000000-0000-4000-b004-000000000072', '00000000-0000-4000-b001-000000000007', '00000000-0000-4000-a000-000000000204',
   'shadow', 'active', null, null, interval '57 days', interval '56 days', null),
  ('00000000-0000-4000-b004-000000000073', '00000000-0000-4000-b001-000000000007', '00000000-0000-4000-a000-000000000206',
   'core_reviewer', 'active', null, null, interval '57 days', interval '55 days', null),
  -- 08 completed
  ('00000000-0000-4000-b004-000000000081', '00000000-0000-4000-b001-000000000008', '00000000-0000-4000-a000-000000000204',
   'lead', 'completed', 5.00, 'Flawless migration: zero downtime and the cost savings we hoped for.',
   interval '112 days', interval '111 days', interval '45 days'),
  ('00000000-0000-4000-b004-000000000082', '00000000-0000-4000-b001-000000000008', '00000000-0000-4000-a000-000000000202',
   'shadow', 'completed', 4.50, 'Took over the Spark job migration and did it well.',
   interval '112 days', interval '111 days', interval '45 days'),
  ('00000000-0000-4000-b004-000000000083', '00000000-0000-4000-b001-000000000008', '00000000-0000-4000-a000-000000000206',
   'core_reviewer', 'completed', 5.00, 'Thorough reviews that caught two IAM misconfigurations.',
   interval '112 days', interval '110 days', interval '45 days'),
  -- 10 disputed
  ('00000000-0000-4000-b004-000000000101', '00000000-0000-4000-b001-000000000010', '00000000-0000-4000-a000-000000000206',
   'lead', 'active', null, null, interval '72 days', interval '71 days', null),
  ('00000000-0000-4000-b004-000000000102', '00000000-0000-4000-b001-000000000010', '00000000-0000-4000-a000-000000000202',
   'core_reviewer', 'active', null, null, interval '72 days', interval '70 days', null)
) as v(id, mission_id, user_id, role, status, rating, review_text, assigned_ago, accepted_ago, completed_ago)
join public.contributor_profiles c on c.user_id = v.user_id::uuid;

-- =============================================================================================
-- Work submissions (by the lead; mission_id and milestone_id always agree)
-- =============================================================================================
insert into public.work_submissions (
  id, milestone_id, mission_id, assignment_id, version, content, links, status, feedback, created_at, reviewed_at)
select v.id::uuid, v.milestone_id::uuid, ms.mission_id, v.assignment_id::uuid, v.version, v.content, v.links,
       v.status::public.work_submission_status, v.feedback, now() - v.created_ago, now() - v.reviewed_ago
from (values
  -- 06 in_progress, milestone 0 (paid)
  ('00000000-0000-4000-b005-000000000601', '00000000-0000-4000-b002-000000000060', '00000000-0000-4000-b004-000000000061', 1,
   'Design tokens, navigation shell and the booking flow on iOS and Android. TestFlight and internal track builds attached.',
   array['https://github.com/lumen-health/scheduling-app/pull/14', 'https://testflight.apple.com/join/SEEDLUMEN'],
   'approved', 'Booking feels great on both platforms. Approved.', interval '12 days', interval '10 days'),
  -- 07 in_review, milestone 0 (paid) and milestone 1 (submitted, awaiting review)
  ('00000000-0000-4000-b005-000000000701', '00000000-0000-4000-b002-000000000070', '00000000-0000-4000-b004-000000000071', 1,
   'Event schema (Avro), idempotent warehouse consumer with a PostgreSQL stock ledger, and property tests for replay.',
   array['https://github.com/tidepool/inventory-sync/pull/7'],
   'approved', 'Solid work; the replay tests convinced us.', interval '30 days', interval '27 days'),
  ('00000000-0000-4000-b005-000000000711', '00000000-0000-4000-b002-000000000071', '00000000-0000-4000-b004-000000000071', 1,
   'Storefront publisher with backpressure, plus the load-test report: 6.2k events/s sustained for 2 hours on one c6i.xlarge, p99 propagation 1.4 s.',
   array['https://github.com/tidepool/inventory-sync/pull/19', 'https://github.com/tidepool/inventory-sync/blob/main/docs/load-test.md'],
   'submitted', null, interval '2 days', null::interval),
  -- 08 completed, all three milestones
  ('00000000-0000-4000-b005-000000000801', '00000000-0000-4000-b002-000000000080', '00000000-0000-4000-b004-000000000081', 1,
   'Terraform modules for VPC, EKS and IAM; Argo CD bootstrapped; staging and production clusters up.',
   array['https://github.com/northwind/platform-infra/pull/3'], 'approved', null, interval '92 days', interval '90 days'),
  ('00000000-0000-4000-b005-000000000811', '00000000-0000-4000-b002-000000000081', '00000000-0000-4000-b004-000000000081', 1,
   'Airflow and the internal APIs migrated; Spark jobs running on the new cluster.',
   array['https://github.com/northwind/platform-infra/pull/11'], 'revision_requested',
   'Two Spark jobs still read from the old NFS share; please move them to S3 before we sign off.', interval '70 days', interval '68 days'),
  ('00000000-0000-4000-b005-000000000812', '00000000-0000-4000-b002-000000000081', '00000000-0000-4000-b004-000000000081', 2,
   'All Spark jobs now read from S3; NFS share decommissioned.',
   array['https://github.com/northwind/platform-infra/pull/12'], 'approved', null, interval '66 days', interval '62 days'),
  ('00000000-0000-4000-b005-000000000821', '00000000-0000-4000-b002-000000000082', '00000000-0000-4000-b004-000000000081', 1,
   'Dashboards, alerts and runbooks; handover workshop recording.',
   array['https://github.com/northwind/platform-infra/pull/15'], 'approved', null, interval '48 days', interval '45 days'),
  -- 10 disputed: milestone 0 approved, milestone 1 sent back
  ('00000000-0000-4000-b005-000000001001', '00000000-0000-4000-b002-000000000100', '00000000-0000-4000-b004-000000000101', 1,
   'Threat model and penetration test report: 2 critical, 5 high, 11 medium findings.',
   array['https://github.com/lumen-health/telehealth-api/issues/88'], 'approved', null, interval '45 days', interval '42 days'),
  ('00000000-0000-4000-b005-000000001011', '00000000-0000-4000-b002-000000000101', '00000000-0000-4000-b004-000000000101', 1,
   'Fixes for all critical and high findings, with the retest report.',
   array['https://github.com/lumen-health/telehealth-api/pull/91'], 'revision_requested',
   'The retest does not cover the video-session token finding; we consider it still open.', interval '10 days', interval '6 days')
) as v(id, milestone_id, assignment_id, version, content, links, status, feedback, created_ago, reviewed_ago)
join public.milestones ms on ms.id = v.milestone_id::uuid;

-- =============================================================================================
-- Reviews on the completed mission, both directions
-- =============================================================================================
insert into public.reviews (id, assignment_id, mission_id, reviewer_id, reviewee_id, direction, rating, comment, created_at)
select v.id::uuid, a.id, a.mission_id, v.reviewer::uuid, v.reviewee::uuid, v.direction::public.review_direction,
       v.rating, v.comment, now() - v.ago
from (values
  ('00000000-0000-4000-b006-000000000001', '00000000-0000-4000-b004-000000000081',
   '00000000-0000-4000-a000-000000000101', '00000000-0000-4000-a000-000000000204', 'initiator_to_contributor', 5,
   'Diego planned the cutover meticulously and we had zero downtime. Would hire again.', interval '44 days'),
  ('00000000-0000-4000-b006-000000000002', '00000000-0000-4000-b004-000000000081',
   '00000000-0000-4000-a000-000000000204', '00000000-0000-4000-a000-000000000101', 'contributor_to_initiator', 5,
   'Clear requirements, fast feedback and an engaged platform team.', interval '44 days'),
  ('00000000-0000-4000-b006-000000000003', '00000000-0000-4000-b004-000000000082',
   '00000000-0000-4000-a000-000000000101', '00000000-0000-4000-a000-000000000202', 'initiator_to_contributor', 4,
   'Great work on the Spark migration; a little quiet in stand-ups.', interval '44 days'),
  ('00000000-0000-4000-b006-000000000004', '00000000-0000-4000-b004-000000000082',
   '00000000-0000-4000-a000-000000000202', '00000000-0000-4000-a000-000000000101', 'contributor_to_initiator', 5,
   'Maya''s team made shadowing a real learning experience.', interval '43 days'),
  ('00000000-0000-4000-b006-000000000005', '00000000-0000-4000-b004-000000000083',
   '00000000-0000-4000-a000-000000000101', '00000000-0000-4000-a000-000000000206', 'initiator_to_contributor', 5,
   'Reviews were thorough and always constructive.', interval '44 days'),
  ('00000000-0000-4000-b006-000000000006', '00000000-0000-4000-b004-000000000083',
   '00000000-0000-4000-a000-000000000206', '00000000-0000-4000-a000-000000000101', 'contributor_to_initiator', 4,
   'Good mission; access to staging took a few days to arrange.', interval '42 days')
) as v(id, assignment_id, reviewer, reviewee, direction, rating, comment, ago)
join public.mission_assignments a on a.id = v.assignment_id::uuid;

-- =============================================================================================
-- Escrow ledger. Funded missions (open onwards, and the cancelled one before it was refunded) have one
-- completed deposit equal to the sum of their milestones. Each approved or paid milestone has its
-- payout parts (public.milestone_payouts, as approval writes them: private.split_payout for the lead
-- and the members active then); each paid one a release per part and one platform_fee of
-- round(amount * platform_fee_bps / 10000), so releases + fee = amount exactly.
-- =============================================================================================

-- Deposits: the charges Stripe reported for each mission's PaymentIntent (what every completed
-- deposit must equal: same mission, amount and currency), then the deposits themselves.
insert into private.mission_charges (payment_intent_id, mission_id, charge_id, amount_cents, currency, created_at)
select v.payment_intent, m.id, 'ch_' || substr(v.payment_intent, 4),
       (select sum(ms.amount_cents) from public.milestones ms where ms.mission_id = m.id), m.currency, m.published_at + v.after_publish
from (values
  ('00000000-0000-4000-b007-000000000031', '00000000-0000-4000-b001-000000000003', 'pi_seed_checkout_performance',   interval '1 hour'),
  ('00000000-0000-4000-b007-000000000041', '00000000-0000-4000-b001-000000000004', 'pi_seed_realtime_dashboard',     interval '3 hours'),
  ('00000000-0000-4000-b007-000000000051', '00000000-0000-4000-b001-000000000005', 'pi_seed_portal_accessibility',   interval '1 hour'),
  ('00000000-0000-4000-b007-000000000061', '00000000-0000-4000-b001-000000000006', 'pi_seed_scheduling_app',         interval '2 days'),
  ('00000000-0000-4000-b007-000000000071', '00000000-0000-4000-b001-000000000007', 'pi_seed_inventory_sync',         interval '1 day'),
  ('00000000-0000-4000-b007-000000000081', '00000000-0000-4000-b001-000000000008', 'pi_seed_kubernetes_migration',   interval '1 day'),
  ('00000000-0000-4000-b007-000000000091', '00000000-0000-4000-b001-000000000009', 'pi_seed_loyalty_microsite',      interval '4 hours'),
  ('00000000-0000-4000-b007-000000000101', '00000000-0000-4000-b001-000000000010', 'pi_seed_telehealth_audit',       interval '2 hours')
) as v(id, mission_id, payment_intent, after_publish)
join public.missions m on m.id = v.mission_id::uuid;

insert into public.escrow_transactions (
  id, mission_id, initiator_id, type, amount_cents, currency, stripe_payment_intent_id, stripe_charge_id, status, description,
  created_at, processed_at)
select v.id::uuid, m.id, m.initiator_id, 'deposit', c.amount_cents, m.currency, v.payment_intent, c.charge_id, 'completed',
       'Mission funded: ' || m.title, m.published_at + v.after_publish, m.published_at + v.after_publish + interval '2 minutes'
from (values
  ('00000000-0000-4000-b007-000000000031', '00000000-0000-4000-b001-000000000003', 'pi_seed_checkout_performance',   interval '1 hour'),
  ('00000000-0000-4000-b007-000000000041', '00000000-0000-4000-b001-000000000004', 'pi_seed_realtime_dashboard',     interval '3 hours'),
  ('00000000-0000-4000-b007-000000000051', '00000000-0000-4000-b001-000000000005', 'pi_seed_portal_accessibility',   interval '1 hour'),
  ('00000000-0000-4000-b007-000000000061', '00000000-0000-4000-b001-000000000006', 'pi_seed_scheduling_app',         interval '2 days'),
  ('00000000-0000-4000-b007-000000000071', '00000000-0000-4000-b001-000000000007', 'pi_seed_inventory_sync',         interval '1 day'),
  ('00000000-0000-4000-b007-000000000081', '00000000-0000-4000-b001-000000000008', 'pi_seed_kubernetes_migration',   interval '1 day'),
  ('00000000-0000-4000-b007-000000000091', '00000000-0000-4000-b001-000000000009', 'pi_seed_loyalty_microsite',      interval '4 hours'),
  ('00000000-0000-4000-b007-000000000101', '00000000-0000-4000-b001-000000000010', 'pi_seed_telehealth_audit',       interval '2 hours')
) as v(id, mission_id, payment_intent, after_publish)
join public.missions m on m.id = v.mission_id::uuid
join private.mission_charges c on c.payment_intent_id = v.payment_intent;

-- Each approved or paid milestone's payout parts, fixed at approval: the lead who delivered it and
-- the shadows and core reviewer active on the mission.
insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents, created_at)
select ms.id, m.id, p.contributor_id, p.role, p.share_bps, p.payout_cents, coalesce(ms.approved_at, now())
from public.milestones ms
join public.missions m on m.id = ms.mission_id
join public.mission_assignments a on a.mission_id = m.id and a.role = 'lead'
cross join lateral private.split_payout(ms, m, a.contributor_id) p
where ms.status in ('approved', 'paid');

-- A release per part and one platform fee, for every paid milestone.
insert into public.escrow_transactions (
  id, mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents, currency, stripe_transfer_id, stripe_charge_id,
  status, description, created_at, processed_at)
select
  ('00000000-0000-4000-b007-' || lpad((10000 + k.n * 1000 + right(ms.id::text, 4)::int)::text, 12, '0'))::uuid,
  m.id, ms.id, m.initiator_id,
  k.contributor_id,
  k.type::public.escrow_transaction_type,
  k.amount_cents,
  m.currency,
  case when k.type = 'release' then 'tr_seed_' || replace(m.slug, '-', '_') || '_m' || ms.order_index || '_' || k.n end,
  -- each transfer is made from the mission's charge (its source_transaction)
  case when k.type = 'release' then (select c.charge_id from private.mission_charges c where c.mission_id = m.id order by c.created_at limit 1) end,
  'completed',
  case when k.type = 'release' then format('Milestone payout (%s): %s', replace(k.role, '_', ' '), ms.title)
       else 'Platform fee (10%): ' || ms.title end,
  ms.paid_at, ms.paid_at + interval '1 minute'
from public.milestones ms
join public.missions m on m.id = ms.mission_id
cross join lateral (
  select 1 as n, 'platform_fee' as type, null::uuid as contributor_id, null as role,
         private.platform_fee(ms.amount_cents, m.platform_fee_bps) as amount_cents
  union all
  select 1 + row_number() over (order by p.role, p.contributor_id), 'release', p.contributor_id, p.role::text, p.payout_cents
  from public.milestone_payouts p where p.milestone_id = ms.id
) as k
where ms.status = 'paid';

-- The cancelled mission's deposit, refunded in full.
insert into public.escrow_transactions (
  id, mission_id, initiator_id, type, amount_cents, currency, stripe_payment_intent_id, stripe_refund_id, status,
  description, created_at, processed_at)
select '00000000-0000-4000-b007-000000000092', m.id, m.initiator_id, 'refund', d.amount_cents, m.currency,
       d.stripe_payment_intent_id, 're_seed_loyalty_microsite', 'completed', 'Mission cancelled before work started: full refund',
       now() - interval '20 days', now() - interval '20 days' + interval '5 minutes'
from public.missions m
join public.escrow_transactions d on d.mission_id = m.id and d.type = 'deposit'
where m.id = '00000000-0000-4000-b001-000000000009';

-- The disputed mission: the milestone in dispute is held.
insert into public.escrow_transactions (
  id, mission_id, milestone_id, initiator_id, type, amount_cents, currency, stripe_dispute_id, status, description, created_at, processed_at)
select '00000000-0000-4000-b007-000000000102', m.id, ms.id, m.initiator_id, 'dispute_hold', ms.amount_cents, m.currency,
       'dp_seed_telehealth_audit', 'completed', 'Held while the dispute over "' || ms.title || '" is resolved',
       now() - interval '4 days', now() - interval '4 days'
from public.milestones ms
join public.missions m on m.id = ms.mission_id
where ms.id = '00000000-0000-4000-b002-000000000101';

-- =============================================================================================
-- Proof tasks (admin library), grading guides and contributors' answers
-- =============================================================================================
insert into public.proof_tasks (id, title, scenario, difficulty, time_limit_minutes, category, created_by, created_at)
values
  ('00000000-0000-4000-b00b-000000000001', 'Rate limiter for a public API',
   'Design and implement a rate limiter for a multi-tenant public API: 100 requests per minute per API key, across 6 stateless instances. Explain your trade-offs.',
   'medium', 60, 'backend', '00000000-0000-4000-a000-000000000001', now() - interval '350 days'),
  ('00000000-0000-4000-b00b-000000000002', 'Accessible autocomplete component',
   'Build an autocomplete input that works with a keyboard and a screen reader, debounces requests and handles slow responses arriving out of order.',
   'medium', 45, 'frontend', '00000000-0000-4000-a000-000000000001', now() - interval '350 days'),
  ('00000000-0000-4000-b00b-000000000003', 'Zero-downtime schema migration',
   'A 400 GB PostgreSQL table must have a column split in two while the application keeps serving traffic. Write the migration plan.',
   'hard', 90, 'system_design', '00000000-0000-4000-a000-000000000001', now() - interval '340 days');

insert into public.proof_task_grading_guides (task_id, expected_approach)
values
  ('00000000-0000-4000-b00b-000000000001',
   'Shared store (Redis) with a sliding window or token bucket; atomic update (Lua or INCR + EXPIRE); 429 with Retry-After; discussion of clock skew and Redis failure (fail open or closed).'),
  ('00000000-0000-4000-b00b-000000000002',
   'WAI-ARIA combobox pattern (role, aria-expanded, aria-activedescendant); arrow keys, Enter, Escape; debounce; cancel or ignore stale responses (AbortController or request ids); live region for result counts.'),
  ('00000000-0000-4000-b00b-000000000003',
   'Expand and contract: add nullable columns, dual-write from the application, backfill in batches, verify, switch reads, stop writing the old column, drop it later. No long locks: no table rewrite, CREATE INDEX CONCURRENTLY.');

insert into public.proof_task_submissions (
  id, contributor_id, task_id, answer, time_taken_seconds, score, feedback, evaluated_by, status, created_at, evaluated_at)
select v.id::uuid, c.id, v.task_id::uuid, v.answer, v.seconds, v.score, v.feedback,
       case when v.status in ('passed', 'failed') then '00000000-0000-4000-a000-000000000001'::uuid end,
       v.status::public.proof_task_submission_status, now() - v.ago, now() - v.evaluated_ago
from (values
  ('00000000-0000-4000-b00c-000000000001', '00000000-0000-4000-a000-000000000201', '00000000-0000-4000-b00b-000000000002',
   'A combobox following the WAI-ARIA pattern, with a 250 ms debounce and AbortController to drop stale requests.',
   2400, 91.00::numeric, 'Excellent keyboard support and live region announcements.', 'passed', interval '285 days', interval '281 days'),
  ('00000000-0000-4000-b00c-000000000002', '00000000-0000-4000-a000-000000000202', '00000000-0000-4000-b00b-000000000001',
   'Token bucket in Redis updated by a Lua script; fail open with a local fallback limiter when Redis is down.',
   3100, 96.00, 'Thorough failure analysis.', 'passed', interval '265 days', interval '261 days'),
  ('00000000-0000-4000-b00c-000000000003', '00000000-0000-4000-a000-000000000204', '00000000-0000-4000-b00b-000000000003',
   'Expand/contract with dual writes behind a feature flag, batched backfill of 10k rows, then swap reads.',
   4800, 94.50, 'Clear plan with rollback at each step.', 'passed', interval '235 days', interval '231 days'),
  ('00000000-0000-4000-b00c-000000000004', '00000000-0000-4000-a000-000000000207', '00000000-0000-4000-b00b-000000000002',
   'Combobox with aria-activedescendant, debounced fetch and request ids to discard out-of-order responses.',
   2600, 88.00, 'Great accessibility; tests could cover more edge cases.', 'passed', interval '165 days', interval '161 days'),
  ('00000000-0000-4000-b00c-000000000005', '00000000-0000-4000-a000-000000000206', '00000000-0000-4000-b00b-000000000001',
   'Sliding-window log in Redis sorted sets, with a threat analysis of key enumeration.',
   3300, 90.00, 'Good; the memory cost of the sorted-set approach deserved a mention.', 'passed', interval '195 days', interval '191 days')
) as v(id, user_id, task_id, answer, seconds, score, feedback, status, ago, evaluated_ago)
join public.contributor_profiles c on c.user_id = v.user_id::uuid;

-- =============================================================================================
-- Derived figures on the profiles, from the rows above
-- =============================================================================================
update public.initiator_profiles i
set total_missions_posted = (select count(*) from public.missions m where m.initiator_id = i.id and m.published_at is not null),
    average_rating = coalesce((
      select round(avg(r.rating), 2) from public.reviews r
      where r.reviewee_id = i.user_id and r.direction = 'contributor_to_initiator'), 0);

update public.initiator_private_details d
set total_spent_cents = coalesce((
  select sum(case when e.type = 'deposit' then e.amount_cents else -e.amount_cents end)
  from public.escrow_transactions e
  where e.initiator_id = d.initiator_id and e.status = 'completed' and e.type in ('deposit', 'refund')), 0);

update public.contributor_profiles c
set total_missions_completed = (select count(*) from public.mission_assignments a
                                where a.contributor_id = c.id and a.status = 'completed'),
    shadow_assignments = (select count(*) from public.mission_assignments a
                          where a.contributor_id = c.id and a.role = 'shadow'),
    completion_rate = case when exists (select from public.mission_assignments a
                                        where a.contributor_id = c.id and a.status in ('completed', 'withdrawn', 'removed'))
                           then 100 else 0 end;

update public.contributor_private_details d
set total_earnings_cents = coalesce((
  select sum(e.amount_cents) from public.escrow_transactions e
  where e.contributor_id = d.contributor_id and e.type = 'release' and e.status = 'completed'), 0);

-- =============================================================================================
-- Notifications
-- =============================================================================================
insert into public.notifications (
  id, user_id, type, title, message, priority, action_url, action_label, is_read, read_at, metadata, created_at)
values
  ('00000000-0000-4000-b008-000000000001', '00000000-0000-4000-a000-000000000103', 'application_received',
   'New application for "Checkout performance overhaul"', 'Fatima Zahra applied with a match score of 81.',
   'basic', '/missions/checkout-performance-overhaul/applications', 'Review applications', false, null,
   '{"mission_id":"00000000-0000-4000-b001-000000000003","application_id":"00000000-0000-4000-b003-000000000032"}', now() - interval '3 days'),
  ('00000000-0000-4000-b008-000000000002', '00000000-0000-4000-a000-000000000103', 'milestone_submitted',
   'Milestone ready for review', 'Sam Okafor submitted "Storefront publisher and load test" on "Inventory sync service in Rust".',
   'medium', '/missions/inventory-sync-service-rust/milestones/1', 'Review submission', false, null,
   '{"mission_id":"00000000-0000-4000-b001-000000000007","milestone_id":"00000000-0000-4000-b002-000000000071"}', now() - interval '2 days'),
  ('00000000-0000-4000-b008-000000000003', '00000000-0000-4000-a000-000000000205', 'payment',
   'Payment released: $6,300.00', 'Milestone "Design system and booking flow" was approved and paid.',
   'medium', '/earnings', 'View earnings', true, now() - interval '9 days',
   '{"mission_id":"00000000-0000-4000-b001-000000000006","amount_cents":630000,"currency":"USD"}', now() - interval '10 days'),
  ('00000000-0000-4000-b008-000000000004', '00000000-0000-4000-a000-000000000201', 'application_shortlisted',
   'You are shortlisted', 'Northwind Analytics shortlisted you for "Real-time analytics dashboard".',
   'medium', '/missions/real-time-analytics-dashboard', 'View mission', false, null,
   '{"mission_id":"00000000-0000-4000-b001-000000000004"}', now() - interval '6 days'),
  ('00000000-0000-4000-b008-000000000005', '00000000-0000-4000-a000-000000000102', 'mission_disputed',
   'Mission in dispute', 'The payment for "Fixes and retest" is held while the dispute on "Security audit of the telehealth API" is resolved.',
   'urgent', '/missions/telehealth-api-security-audit', 'View dispute', false, null,
   '{"mission_id":"00000000-0000-4000-b001-000000000010","milestone_id":"00000000-0000-4000-b002-000000000101"}', now() - interval '4 days'),
  ('00000000-0000-4000-b008-000000000006', '00000000-0000-4000-a000-000000000206', 'mission_disputed',
   'Mission in dispute', 'Lumen Health opened a dispute on "Security audit of the telehealth API". An admin will contact you.',
   'urgent', '/missions/telehealth-api-security-audit', 'View dispute', true, now() - interval '3 days',
   '{"mission_id":"00000000-0000-4000-b001-000000000010"}', now() - interval '4 days'),
  ('00000000-0000-4000-b008-000000000007', '00000000-0000-4000-a000-000000000208', 'verification',
   'Finish your verification', 'Complete a proof task to get verified and start applying to missions.',
   'medium', '/verification', 'Start a proof task', false, null, '{}', now() - interval '9 days'),
  ('00000000-0000-4000-b008-000000000008', '00000000-0000-4000-a000-000000000204', 'review_received',
   'New 5-star review', 'Maya Chen reviewed your work on "Kubernetes migration for the data platform".',
   'basic', '/profile/reviews', 'Read review', true, now() - interval '43 days',
   '{"mission_id":"00000000-0000-4000-b001-000000000008","rating":5}', now() - interval '44 days'),
  ('00000000-0000-4000-b008-000000000009', '00000000-0000-4000-a000-000000000101', 'match_found',
   'Matching in progress', 'We are assembling a team for "Real-time analytics dashboard": 2 candidates are shortlisted.',
   'basic', '/missions/real-time-analytics-dashboard', 'View candidates', true, now() - interval '5 days',
   '{"mission_id":"00000000-0000-4000-b001-000000000004"}', now() - interval '6 days'),
  ('00000000-0000-4000-b008-000000000010', '00000000-0000-4000-a000-000000000102', 'mission_update',
   'Fund your mission', '"HIPAA-compliant audit log service" is published and waits for funding before contributors can apply.',
   'medium', '/missions/hipaa-compliant-audit-log-service/fund', 'Fund mission', false, null,
   '{"mission_id":"00000000-0000-4000-b001-000000000002"}', now() - interval '2 days');

-- =============================================================================================
-- Conversations: the in-progress mission's team chat, a direct conversation and a support thread.
-- The team chats were made by the team-chat trigger when the teams above were inserted (the
-- initiator and every active member, as the product does); they are not inserted again. Here the
-- in-progress mission's chat only gets the timestamps of its history.
-- =============================================================================================
update public.conversations
set created_at = now() - interval '31 days'
where mission_id = '00000000-0000-4000-b001-000000000006' and type = 'mission_team';

update public.conversation_participants p
set joined_at = now() - v.joined_ago
from public.conversations c,
     (values
       ('00000000-0000-4000-a000-000000000102', interval '31 days'),  -- Jonas, the initiator
       ('00000000-0000-4000-a000-000000000205', interval '31 days'),  -- Hana, lead
       ('00000000-0000-4000-a000-000000000207', interval '31 days'),  -- Fatima, shadow
       ('00000000-0000-4000-a000-000000000201', interval '30 days')   -- Alex, core reviewer
     ) as v(user_id, joined_ago)
where c.id = p.conversation_id and c.mission_id = '00000000-0000-4000-b001-000000000006' and c.type = 'mission_team'
  and p.user_id = v.user_id::uuid;

insert into public.conversations (id, mission_id, type, created_by, created_at, updated_at)
values
  ('00000000-0000-4000-b009-000000000002', null, 'direct',
   '00000000-0000-4000-a000-000000000101', now() - interval '7 days', now() - interval '7 days'),
  ('00000000-0000-4000-b009-000000000003', '00000000-0000-4000-b001-000000000010', 'support',
   '00000000-0000-4000-a000-000000000102', now() - interval '4 days', now() - interval '4 days');

insert into public.conversation_participants (conversation_id, user_id, joined_at)
values
  -- direct: Maya and Lena
  ('00000000-0000-4000-b009-000000000002', '00000000-0000-4000-a000-000000000101', now() - interval '7 days'),
  ('00000000-0000-4000-b009-000000000002', '00000000-0000-4000-a000-000000000203', now() - interval '7 days'),
  -- support: Jonas and the admin
  ('00000000-0000-4000-b009-000000000003', '00000000-0000-4000-a000-000000000102', now() - interval '4 days'),
  ('00000000-0000-4000-b009-000000000003', '00000000-0000-4000-a000-000000000001', now() - interval '4 days');

-- The file Fatima shared in the team chat, stored as the Storage API stores an upload: in the
-- conversation's folder of the message-attachments bucket, owned by the uploader.
insert into storage.objects (bucket_id, name, owner, owner_id, metadata, created_at, updated_at)
select 'message-attachments', c.id || '/design-tokens.json', '00000000-0000-4000-a000-000000000207'::uuid,
       '00000000-0000-4000-a000-000000000207',
       '{"size":18432,"mimetype":"application/json","cacheControl":"max-age=3600"}'::jsonb,
       now() - interval '25 days', now() - interval '25 days'
from public.conversations c
where c.mission_id = '00000000-0000-4000-b001-000000000006' and c.type = 'mission_team';

-- Messages, oldest first. The message triggers do what sending does: the conversation's updated_at,
-- the sender's read marker, a realtime broadcast, and a "new message" notification for whoever has
-- been away since.
insert into public.messages (id, conversation_id, sender_id, content, message_type, attachments, is_edited, edited_at, created_at)
select v.id::uuid, coalesce(v.conversation_id::uuid, team.id), v.sender_id::uuid, v.content, v.message_type::public.message_type,
       case when v.attachment is null then '[]'::jsonb
            else jsonb_build_array(v.attachment::jsonb || jsonb_build_object('path', team.id || '/' || (v.attachment::jsonb ->> 'name'))) end,
       v.is_edited, v.edited_at, v.created_at
from (values
  ('00000000-0000-4000-b00a-000000000001', null, '00000000-0000-4000-a000-000000000102',
   'The team is ready: Hana Kim (lead), Fatima Zahra (shadow) and Alex Rivera (core reviewer).', 'system', null, false, null,
   now() - interval '31 days'),
  ('00000000-0000-4000-b00a-000000000002', null, '00000000-0000-4000-a000-000000000102',
   'Welcome aboard! The scheduling API docs and staging credentials are in the shared vault.', 'text', null, false, null,
   now() - interval '31 days' + interval '10 minutes'),
  ('00000000-0000-4000-b00a-000000000003', null, '00000000-0000-4000-a000-000000000205',
   'Thanks Jonas. I will share a first build of the booking flow by the end of next week.', 'text', null, false, null,
   now() - interval '31 days' + interval '1 hour'),
  ('00000000-0000-4000-b00a-000000000004', null, '00000000-0000-4000-a000-000000000207',
   'Design tokens are in Figma; I mapped them to both SwiftUI and Compose themes.', 'file',
   '{"name":"design-tokens.json","size":18432,"content_type":"application/json"}', false, null, now() - interval '25 days'),
  ('00000000-0000-4000-b00a-000000000005', null, '00000000-0000-4000-a000-000000000201',
   'Reviewed PR #14: two small comments on the offline cache invalidation, otherwise ready.', 'text', null, true,
   now() - interval '13 days' + interval '5 minutes', now() - interval '13 days'),
  ('00000000-0000-4000-b00a-000000000006', null, '00000000-0000-4000-a000-000000000205',
   'Telehealth join flow is working on iOS; Android next. Any preference on the video SDK?', 'text', null, false, null,
   now() - interval '3 hours'),
  ('00000000-0000-4000-b00a-000000000011', '00000000-0000-4000-b009-000000000002', '00000000-0000-4000-a000-000000000101',
   'Hi Lena, I saw your application on the analytics dashboard. Would you also be interested in our churn model later this quarter?',
   'text', null, false, null, now() - interval '7 days'),
  ('00000000-0000-4000-b00a-000000000012', '00000000-0000-4000-b009-000000000002', '00000000-0000-4000-a000-000000000203',
   'Very much so. Churn modelling on usage data is exactly my kind of problem. Happy to look at the data schema when it is ready.',
   'text', null, false, null, now() - interval '6 days'),
  ('00000000-0000-4000-b00a-000000000013', '00000000-0000-4000-b009-000000000002', '00000000-0000-4000-a000-000000000101',
   'Great, I will publish it in a couple of weeks and let you know.', 'text', null, false, null, now() - interval '1 day'),
  ('00000000-0000-4000-b00a-000000000021', '00000000-0000-4000-b009-000000000003', '00000000-0000-4000-a000-000000000102',
   'We disputed the second milestone of the telehealth audit: the video-session token finding was not retested.', 'text', null, false, null,
   now() - interval '4 days'),
  ('00000000-0000-4000-b00a-000000000022', '00000000-0000-4000-b009-000000000003', '00000000-0000-4000-a000-000000000001',
   'Thanks Jonas. The payment is on hold; I have asked Tom for the retest evidence and will come back to you within two business days.',
   'text', null, false, null, now() - interval '3 days')
) as v(id, conversation_id, sender_id, content, message_type, attachment, is_edited, edited_at, created_at)
cross join (select c.id from public.conversations c
            where c.mission_id = '00000000-0000-4000-b001-000000000006' and c.type = 'mission_team') as team
order by v.created_at;

-- Where each participant has read up to.
update public.conversation_participants p
set last_read_at = now() - v.read_ago
from public.conversations c,
     (values
       ('00000000-0000-4000-b001-000000000006'::uuid, '00000000-0000-4000-a000-000000000102', interval '3 hours'),
       ('00000000-0000-4000-b001-000000000006', '00000000-0000-4000-a000-000000000205', interval '3 hours'),
       ('00000000-0000-4000-b001-000000000006', '00000000-0000-4000-a000-000000000207', interval '1 day'),
       ('00000000-0000-4000-b001-000000000006', '00000000-0000-4000-a000-000000000201', interval '2 days'),
       ('00000000-0000-4000-b001-000000000010', '00000000-0000-4000-a000-000000000102', interval '3 days'),
       ('00000000-0000-4000-b001-000000000010', '00000000-0000-4000-a000-000000000001', interval '3 days')
     ) as v(mission_id, user_id, read_ago)
where c.id = p.conversation_id and c.mission_id = v.mission_id and c.type in ('mission_team', 'support')
  and p.user_id = v.user_id::uuid;
update public.conversation_participants
set last_read_at = now() - interval '1 day'
where conversation_id = '00000000-0000-4000-b009-000000000002' and user_id = '00000000-0000-4000-a000-000000000101';
update public.conversation_participants
set last_read_at = null
where conversation_id = '00000000-0000-4000-b009-000000000002' and user_id = '00000000-0000-4000-a000-000000000203';
-- The "new message" notifications the message trigger raised are read by whoever has read the
-- conversation since (Lena has not read Maya's messages yet).
update public.notifications n
set is_read = true, read_at = cp.last_read_at
from public.conversation_participants cp
where n.type = 'new_message' and cp.user_id = n.user_id and cp.last_read_at is not null
  and cp.conversation_id = (n.metadata ->> 'conversation_id')::uuid;

-- =============================================================================================
-- Audit log. The audit triggers record what this seed inserts and updates (skills, missions,
-- assignments, escrow entries, the admin's promotion, ...) as of now. The entries below are the
-- history the seed implies but never replays (missions are inserted in their final status), in the
-- triggers' format: <entity>.<column>_changed with only the changed columns.
-- =============================================================================================
insert into public.audit_logs (id, user_id, action, entity_type, entity_id, old_values, new_values, metadata, created_at)
select v.id::uuid, v.user_id::uuid, v.action, v.entity_type, v.entity_id::uuid, v.old_values::jsonb, v.new_values::jsonb,
       v.metadata::jsonb, now() - v.ago
from (values
  ('00000000-0000-4000-b00d-000000000001', '00000000-0000-4000-a000-000000000103', 'mission.status_changed', 'mission',
   '00000000-0000-4000-b001-000000000009', '{"status":"open"}', '{"status":"cancelled"}',
   '{"table":"missions","changed":["status"],"role":"authenticated","reason":"Campaign postponed"}', interval '20 days'),
  ('00000000-0000-4000-b00d-000000000002', null, 'payment.created', 'payment',
   '00000000-0000-4000-b007-000000000092', null, '{"type":"refund","amount_cents":400000,"status":"completed"}',
   '{"table":"escrow_transactions","role":"service_role"}', interval '20 days'),
  ('00000000-0000-4000-b00d-000000000003', '00000000-0000-4000-a000-000000000102', 'milestone.status_changed', 'milestone',
   '00000000-0000-4000-b002-000000000101', '{"status":"submitted"}', '{"status":"revision"}',
   '{"table":"milestones","changed":["status"],"role":"authenticated"}', interval '6 days'),
  ('00000000-0000-4000-b00d-000000000004', '00000000-0000-4000-a000-000000000102', 'mission.status_changed', 'mission',
   '00000000-0000-4000-b001-000000000010', '{"status":"in_progress"}', '{"status":"disputed"}',
   '{"table":"missions","changed":["status"],"role":"authenticated","milestone_id":"00000000-0000-4000-b002-000000000101"}',
   interval '4 days'),
  ('00000000-0000-4000-b00d-000000000005', '00000000-0000-4000-a000-000000000103', 'milestone.status_changed', 'milestone',
   '00000000-0000-4000-b002-000000000070', '{"status":"submitted"}', '{"status":"approved"}',
   '{"table":"milestones","changed":["status"],"role":"authenticated"}', interval '27 days'),
  ('00000000-0000-4000-b00d-000000000006', '00000000-0000-4000-a000-000000000101', 'mission.status_changed', 'mission',
   '00000000-0000-4000-b001-000000000008', '{"status":"in_review"}', '{"status":"completed"}',
   '{"table":"missions","changed":["status"],"role":"authenticated"}', interval '45 days')
) as v(id, user_id, action, entity_type, entity_id, old_values, new_values, metadata, ago);

commit;
