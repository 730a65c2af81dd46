-- The matching flow: a mission entering matching gets its recommended team invited through the
-- lifecycle (lead, core reviewer, shadow; nobody twice) with matching:progress / matching:complete
-- events; applicants get their match score; the RPCs are for the mission's initiator and admins.
begin;
select plan(41);

-- ---------------------------------------------------------------------------------------------
-- People. Four candidates built so that the roles are clear:
--   Lena   the best overall match (expert in everything, backend history): the lead
--   Remo   expert in the required skill and highly trusted (82): the core reviewer
--   Jun    one year of experience, proof task 98: the promising shadow
--   Sol    fifteen years, proof task 60: a higher total than Jun, but a lower shadow score
--   Noor   verified but not looking for work (never a candidate)
-- ---------------------------------------------------------------------------------------------
select tests.create_user('flow-initiator@example.com', '{"role":"initiator","full_name":"Ines Initiator"}', id => 'a6100000-0000-4000-8000-000000000001');
select tests.create_user('flow-other@example.com', '{"role":"initiator","full_name":"Olaf Other"}', id => 'a6100000-0000-4000-8000-000000000002');
select tests.create_user('flow-admin@example.com', '{"full_name":"Ada Admin"}', id => 'a6100000-0000-4000-8000-000000000003');
update public.profiles set primary_role = 'admin' where id = 'a6100000-0000-4000-8000-000000000003';
select tests.create_user('flow-lena@example.com', '{"full_name":"Lena Lead"}', id => 'a6200000-0000-4000-8000-000000000001');
select tests.create_user('flow-remo@example.com', '{"full_name":"Remo Reviewer"}', id => 'a6200000-0000-4000-8000-000000000002');
select tests.create_user('flow-jun@example.com', '{"full_name":"Jun Junior"}', id => 'a6200000-0000-4000-8000-000000000003');
select tests.create_user('flow-sol@example.com', '{"full_name":"Sol Senior"}', id => 'a6200000-0000-4000-8000-000000000004');
select tests.create_user('flow-noor@example.com', '{"full_name":"Noor Notlooking"}', id => 'a6200000-0000-4000-8000-000000000005');

create temp table who as
select name, user_id, tests.cid(user_id) as cid
from (values ('lena', 'a6200000-0000-4000-8000-000000000001'::uuid), ('remo', 'a6200000-0000-4000-8000-000000000002'::uuid),
             ('jun', 'a6200000-0000-4000-8000-000000000003'::uuid), ('sol', 'a6200000-0000-4000-8000-000000000004'::uuid),
             ('noor', 'a6200000-0000-4000-8000-000000000005'::uuid)) v(name, user_id);
grant select on who to authenticated, service_role;

insert into public.skills (id, name, category) values
  ('a6000000-0000-4000-8000-000000000001', 'Flow Go', 'language'),
  ('a6000000-0000-4000-8000-000000000002', 'Flow Postgres', 'tool'),
  ('a6000000-0000-4000-8000-000000000003', 'Flow Kafka', 'tool'),
  ('a6000000-0000-4000-8000-000000000004', 'Flow Cobol', 'language');
update public.contributor_profiles c set verification_status = 'verified', is_looking_for_work = w.name <> 'noor',
  years_experience = case w.name when 'lena' then 12 when 'remo' then 15 when 'jun' then 1 when 'sol' then 15 else 5 end
from who w where c.id = w.cid;
update public.contributor_private_details d set availability_hours_per_week = 40,
  background_check_status = (case when w.name in ('lena', 'remo', 'jun') then 'passed' else 'not_started' end)::public.background_check_status
from who w where d.contributor_id = w.cid;
insert into public.contributor_skills (contributor_id, skill_id, proficiency_level, verified)
select w.cid, s.skill::uuid, s.level::public.proficiency_level, s.verified
from who w join (values
  ('lena', 'a6000000-0000-4000-8000-000000000001', 'expert', true), ('lena', 'a6000000-0000-4000-8000-000000000002', 'expert', true),
  ('lena', 'a6000000-0000-4000-8000-000000000003', 'advanced', true),
  ('remo', 'a6000000-0000-4000-8000-000000000001', 'expert', true), ('remo', 'a6000000-0000-4000-8000-000000000002', 'advanced', true),
  ('jun', 'a6000000-0000-4000-8000-000000000001', 'intermediate', true), ('jun', 'a6000000-0000-4000-8000-000000000002', 'intermediate', true),
  ('jun', 'a6000000-0000-4000-8000-000000000003', 'intermediate', false),
  ('sol', 'a6000000-0000-4000-8000-000000000001', 'advanced', true), ('sol', 'a6000000-0000-4000-8000-000000000002', 'advanced', false),
  ('noor', 'a6000000-0000-4000-8000-000000000001', 'expert', true)) s(name, skill, level, verified) on s.name = w.name;
insert into public.proof_tasks (id, title, scenario, category) values ('a6300000-0000-4000-8000-000000000001', 'Flow task', 'Solve.', 'backend');
insert into public.proof_task_submissions (contributor_id, task_id, answer, score, status, evaluated_at)
select w.cid, 'a6300000-0000-4000-8000-000000000001', 'Answer.', s.score, 'passed', now()
from who w join (values ('lena', 95), ('remo', 90), ('jun', 98), ('sol', 60)) s(name, score) on s.name = w.name;
-- History: Lena completed two backend missions, Remo three qa missions, all rated 5.
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, published_at, completed_at)
select ('a6400000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, tests.iid('a6100000-0000-4000-8000-000000000002'),
       'Flow past ' || i, 'flow-past-' || i, 'Done.', (case when i <= 2 then 'backend' else 'qa' end)::public.mission_type,
       1000, 5000, 10, 'completed', now(), now()
from generate_series(1, 5) i;
insert into public.mission_assignments (id, mission_id, contributor_id, role, status, accepted_at, completed_at)
select ('a6500000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, ('a6400000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid,
       (select cid from who where name = case when i <= 2 then 'lena' else 'remo' end), 'lead', 'completed', now(), now()
from generate_series(1, 5) i;
insert into public.reviews (assignment_id, mission_id, reviewer_id, reviewee_id, direction, rating)
select a.id, a.mission_id, 'a6100000-0000-4000-8000-000000000002', w.user_id, 'initiator_to_contributor', 5
from public.mission_assignments a join who w on w.cid = a.contributor_id where a.mission_id::text like 'a6400000-%';
select private.refresh_contributor_stats(cid) from who;

select is((select array_agg(c.trust_score order by w.name) from who w join public.contributor_profiles c on c.id = w.cid),
          array[60, 79, 25, 82, 37], 'trust: Jun 60, Lena 79, Noor 25, Remo 82, Sol 37');

-- ---------------------------------------------------------------------------------------------
-- The mission: Go required, Postgres preferred, Kafka nice to have; one lead, one shadow, a core
-- reviewer. Created, published and funded through the lifecycle.
-- ---------------------------------------------------------------------------------------------
create temp table ids (name text primary key, id uuid);
grant all on ids to authenticated, service_role;
select tests.authenticate_as('flow-initiator');
insert into ids select 'mission', (public.create_mission(
  title => 'Event pipeline in Go', description => 'Ingest events into Postgres through Kafka.', type => 'backend',
  budget_min_cents => 100000, budget_max_cents => 200000, estimated_duration_days => 30,
  milestones => '[{"title":"Everything","amount_cents":150000}]',
  required_skills => '[{"skill_id":"a6000000-0000-4000-8000-000000000001","importance":"required"},
                       {"skill_id":"a6000000-0000-4000-8000-000000000002","importance":"preferred"},
                       {"skill_id":"a6000000-0000-4000-8000-000000000003","importance":"nice_to_have"}]',
  complexity => 'medium', max_lead_contributors => 1, max_shadow_contributors => 1, requires_core_reviewer => true)).id;
select public.publish_mission((select id from ids where name = 'mission'));
select tests.as_postgres();
select tests.as_service_role();
select private.complete_deposit('pi_matching_flow', 'ch_matching_flow', 150000, 'USD', (select id from ids where name = 'mission'));
select tests.as_postgres();

-- ---------------------------------------------------------------------------------------------
-- 1. The RPCs, as the initiator.
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('flow-initiator');
select is((select array_agg(w.name order by c.rank) from public.match_candidates((select id from ids where name = 'mission')) c
           join who w on w.cid = c.contributor_id),
          array['lena', 'remo', 'sol', 'jun'], 'candidates ranked: Lena, Remo, Sol, Jun (Noor is not looking)');
-- Availability comes from contributors' private weekly hours: the initiator sees neither it nor the
-- totals that contain it (issue 19); admins see the whole breakdown.
select is((select count(*)::int from public.match_candidates((select id from ids where name = 'mission')) c
           where c.availability is not null or c.total is not null), 0,
          'the initiator sees no availability and no total (they would give the private weekly hours back)');
select is((select count(*)::int from public.recommend_team((select id from ids where name = 'mission')) t
           where t.availability is not null or t.total is not null or t.role_score is not null), 0,
          'nor in the recommended team');
select tests.authenticate_as('flow-admin');
select is((select row(c.total, c.skill_match, c.trust, c.availability, c.experience, c.historical_fit)::text
           from public.match_candidates((select id from ids where name = 'mission')) c where c.rank = 1),
          row(89.95::numeric, 38.33::numeric, 19.75::numeric, 15.00::numeric, 8.20::numeric, 8.67::numeric)::text,
          'Lena''s breakdown (admin): 38.33 + 19.75 + 15 + 8.20 + 8.67 = 89.95');
select tests.authenticate_as('flow-initiator');
select is((select c.explanation -> 'missing_skills' from public.match_candidates((select id from ids where name = 'mission')) c
           join who w on w.cid = c.contributor_id where w.name = 'remo'),
          '[{"name": "Flow Kafka", "skill_id": "a6000000-0000-4000-8000-000000000003", "importance": "nice_to_have"}]'::jsonb,
          'the explanation says what is missing');
select is((select array_agg(w.name order by c.rank) from public.match_candidates((select id from ids where name = 'mission'), 2) c
           join who w on w.cid = c.contributor_id), array['lena', 'remo'], 'max_results limits the list');
select tests.authenticate_as('flow-admin');
create temp table recommended as
select t.role::text, t.slot, w.name, t.role_score, t.total
from public.recommend_team((select id from ids where name = 'mission')) t join who w on w.cid = t.contributor_id;
select tests.as_postgres();
select is((select array_agg(role || ':' || name order by role, slot) from recommended),
          array['core_reviewer:remo', 'lead:lena', 'shadow:jun'], 'the recommended team: Lena leads, Remo reviews, Jun shadows');
select is((select count(distinct name)::int from recommended), (select count(*)::int from recommended), 'nobody is recommended twice');
select ok((select c.trust_score >= 70 from public.contributor_profiles c where c.id = (select cid from who where name = 'remo'))
          and exists (select from public.contributor_skills cs join public.mission_required_skills rs on rs.skill_id = cs.skill_id
                      where cs.contributor_id = (select cid from who where name = 'remo') and cs.proficiency_level = 'expert'
                        and rs.mission_id = (select id from ids where name = 'mission')),
  'the reviewer is an expert in one of the mission''s skills and highly trusted');
select ok((select total from recommended where name = 'jun') < (select c.total from private.candidate_breakdowns((select id from ids where name = 'mission'), 100) b
           cross join lateral (select b.total_cp / 100.0 as total) c
           join who w on w.cid = b.contributor_id where w.name = 'sol'),
  'Jun shadows although Sol''s total is higher: the shadow score favours promise over experience');
select is((select role_score from recommended where name = 'remo'), 79.80::numeric, 'the reviewer score: skill + 2 x trust + experience = 30 + 41 + 8.80');

-- ---------------------------------------------------------------------------------------------
-- 2. Matching starts: the team is invited, the events are raised.
-- ---------------------------------------------------------------------------------------------
create temp table marker as select coalesce(max(id), 0) as id from private.domain_events;
select tests.authenticate_as('flow-initiator');
select is((public.start_matching((select id from ids where name = 'mission'))).status::text, 'matching', 'the initiator starts matching');
select tests.as_postgres();
select is((select array_agg(a.role || ':' || w.name || ':' || a.status order by a.role) from public.mission_assignments a
           join who w on w.cid = a.contributor_id where a.mission_id = (select id from ids where name = 'mission')),
          array['lead:lena:invited', 'shadow:jun:invited', 'core_reviewer:remo:invited'],
          'the recommended team is invited through the lifecycle');
select ok((select bool_and(a.invitation_expires_at > now()) from public.mission_assignments a
           where a.mission_id = (select id from ids where name = 'mission')), 'with invitations that expire');
select is((select array_agg(e.event order by e.id) from private.domain_events e
           where e.mission_id = (select id from ids where name = 'mission') and e.id > (select id from marker)
             and e.event in ('matching:started', 'matching:progress', 'invitation:sent', 'matching:complete')),
          array['matching:started', 'matching:progress', 'invitation:sent', 'invitation:sent', 'invitation:sent',
                'matching:progress', 'matching:complete'],
          'events: started, progress, three invitations, progress, complete');
select is((select e.payload ->> 'stage' from private.domain_events e where e.event = 'matching:progress'
           and e.mission_id = (select id from ids where name = 'mission') order by e.id limit 1), 'scoring',
          'progress says the stage');
select ok((select e.payload ->> 'detail' from private.domain_events e where e.event = 'matching:progress'
           and e.mission_id = (select id from ids where name = 'mission') order by e.id limit 1) ~ 'Scoring 4 candidates against 3 skills',
          'and the detail');
select is((select (e.payload -> 'match' ->> 'invited')::int from private.domain_events e where e.event = 'matching:complete'
           and e.mission_id = (select id from ids where name = 'mission')), 3, 'complete: three invited');
select is((select jsonb_array_length(e.payload -> 'match' -> 'team') from private.domain_events e where e.event = 'matching:complete'
           and e.mission_id = (select id from ids where name = 'mission')), 3, 'complete carries the team with scores');
select is((select e.actor_id from private.domain_events e where e.event = 'matching:complete'
           and e.mission_id = (select id from ids where name = 'mission')), 'a6100000-0000-4000-8000-000000000001'::uuid,
          'on behalf of the initiator who started it');
select is((select array_agg(w.name order by c.rank) from public.match_candidates((select id from ids where name = 'mission')) c
           join who w on w.cid = c.contributor_id), array['sol'], 'the invited are no longer candidates');
-- An invitee accepts through the lifecycle as usual.
select tests.authenticate_as('flow-lena');
select is((public.accept_invitation((select a.id from public.mission_assignments a
           where a.mission_id = (select id from ids where name = 'mission') and a.role = 'lead'))).status::text, 'active',
          'the invited lead accepts');
select tests.as_postgres();

-- ---------------------------------------------------------------------------------------------
-- 3. Applicants get their match score.
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('flow-sol');
insert into ids select 'app_sol', (public.apply_to_mission((select id from ids where name = 'mission'), 'I know Go.')).id;
select tests.as_postgres();
select is((select match_score from public.mission_applications where id = (select id from ids where name = 'app_sol')),
          (select c.total - c.availability from public.match_candidates((select id from ids where name = 'mission')) c
           join who w on w.cid = c.contributor_id where w.name = 'sol'),
          'an applicant''s match_score is their total without the availability part (the initiator reads it)');
select is((select count(*)::int from private.domain_events e where e.event = 'matching:complete'
             and jsonb_path_exists(e.payload, '$.match.team[*] ? (exists(@.score) || exists(@.total))')), 0,
          'matching:complete names the team without scores (they contain private weekly hours)');
select tests.authenticate_as('flow-noor');
insert into ids select 'app_noor', (public.apply_to_mission((select id from ids where name = 'mission'))).id;
select tests.as_postgres();
select is((select match_score from public.mission_applications where id = (select id from ids where name = 'app_noor')),
          (select round((s.total_cp - s.availability_cp) / 100.0, 2) from private.score_contributor((select id from ids where name = 'mission'),
                                                                               (select cid from who where name = 'noor')) s),
          'someone who is not a candidate (not looking for work) still gets a score when they apply');
update public.contributor_skills set proficiency_level = 'beginner' where contributor_id = (select cid from who where name = 'noor');
select tests.authenticate_as('flow-noor');
select public.withdraw_application((select id from ids where name = 'app_noor'));
select public.apply_to_mission((select id from ids where name = 'mission'));
select tests.as_postgres();
select is((select match_score from public.mission_applications where id = (select id from ids where name = 'app_noor')),
          (select round((s.total_cp - s.availability_cp) / 100.0, 2) from private.score_contributor((select id from ids where name = 'mission'),
                                                                               (select cid from who where name = 'noor')) s),
          'reapplying recomputes it');

-- ---------------------------------------------------------------------------------------------
-- 4. A mission whose team is already complete: matching invites nobody and says so.
-- ---------------------------------------------------------------------------------------------
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, published_at, max_lead_contributors, max_shadow_contributors,
                             requires_core_reviewer)
values ('a6600000-0000-4000-8000-000000000001', tests.iid('a6100000-0000-4000-8000-000000000001'), 'Full team', 'flow-full',
        'Staffed.', 'backend', 1000, 5000, 10, 'open', now(), 1, 0, false);
insert into public.mission_required_skills (mission_id, skill_id) values ('a6600000-0000-4000-8000-000000000001', 'a6000000-0000-4000-8000-000000000001');
select private.add_to_team(m, (select cid from who where name = 'sol'), 'lead', 'invited')
from public.missions m where m.id = 'a6600000-0000-4000-8000-000000000001';
select tests.authenticate_as('flow-initiator');
select is((public.start_matching('a6600000-0000-4000-8000-000000000001')).status::text, 'matching', 'matching starts on a staffed mission');
select tests.as_postgres();
select is((select count(*)::int from public.mission_assignments where mission_id = 'a6600000-0000-4000-8000-000000000001'), 1,
          'nobody else is invited: no open place');
select is((select (payload -> 'match' ->> 'invited')::int from private.domain_events
           where event = 'matching:complete' and mission_id = 'a6600000-0000-4000-8000-000000000001'), 0,
          'matching:complete says none were invited');

-- A mission nobody can do: no candidates, no invitations, still complete.
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, published_at)
values ('a6600000-0000-4000-8000-000000000002', tests.iid('a6100000-0000-4000-8000-000000000001'), 'Cobol', 'flow-cobol',
        'Legacy.', 'backend', 1000, 5000, 10, 'open', now());
insert into public.mission_required_skills (mission_id, skill_id) values ('a6600000-0000-4000-8000-000000000002', 'a6000000-0000-4000-8000-000000000004');
select tests.authenticate_as('flow-initiator');
select public.start_matching('a6600000-0000-4000-8000-000000000002');
select tests.as_postgres();
select is((select (payload -> 'match' ->> 'candidates')::int || '/' || (payload -> 'match' ->> 'invited')
           from private.domain_events where event = 'matching:complete' and mission_id = 'a6600000-0000-4000-8000-000000000002'),
          '0/0', 'no candidates: nobody invited, matching still completes');

-- ---------------------------------------------------------------------------------------------
-- 5. Who may call the RPCs: the mission's initiator, admins and the platform; nobody else.
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('flow-admin');
select cmp_ok((select count(*)::int from public.match_candidates((select id from ids where name = 'mission'))), '>=', 1, 'an admin sees the candidates');
select lives_ok($$select * from public.recommend_team((select id from ids where name = 'mission'))$$, 'and the recommendation');
select tests.as_postgres();
select tests.as_service_role();
select cmp_ok((select count(*)::int from public.match_candidates((select id from ids where name = 'mission'))), '>=', 1, 'so does the platform (service role)');
select tests.as_postgres();
select tests.authenticate_as('flow-other');
select throws_ok($$select * from public.match_candidates((select id from ids where name = 'mission'))$$, '42501',
  'Only the mission''s initiator or an admin can see its candidates.', 'another initiator may not see the candidates');
select throws_ok($$select * from public.recommend_team((select id from ids where name = 'mission'))$$, '42501',
  'Only the mission''s initiator or an admin can see its candidates.', 'nor the recommendation');
select tests.as_postgres();
select tests.authenticate_as('flow-sol');
select throws_ok($$select * from public.match_candidates((select id from ids where name = 'mission'))$$, '42501',
  'Only the mission''s initiator or an admin can see its candidates.', 'a contributor may not');
select tests.as_postgres();
select tests.authenticate_as('flow-initiator');
select throws_ok($$select * from public.match_candidates('a6999999-0000-4000-8000-000000000000')$$, 'PT404', 'No such mission.',
  'a mission that does not exist: PT404');
select throws_ok($$select * from public.match_candidates((select id from ids where name = 'mission'), 0)$$, '22023',
  'max_results must be between 1 and 100.', 'max_results is 1 to 100');
select tests.as_postgres();
update public.profiles set account_status = 'suspended' where id = 'a6100000-0000-4000-8000-000000000001';
select tests.authenticate_as('flow-initiator');
select throws_ok($$select * from public.match_candidates((select id from ids where name = 'mission'))$$, '42501',
  'Only the mission''s initiator or an admin can see its candidates.', 'a suspended initiator may not');
select tests.as_postgres();
select tests.as_anon();
select throws_ok($$select * from public.match_candidates('a6999999-0000-4000-8000-000000000000')$$, '42501', null,
  'anonymous visitors cannot call it at all');
select tests.as_postgres();

select * from finish();
rollback;
