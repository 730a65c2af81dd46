-- Verification cannot be reset (issue 19):
--   a contributor given a proof task cannot switch primary role (the switch used to delete the
--   contributor profile and the attempt history with it, and the same task came back untimed);
--   choose_primary_role switches once, as documented;
--   attempts are keyed on the person: they survive the contributor profile being removed and recreated;
--   a verified skill loses its verification when its owner raises proficiency_level above it.
begin;
select plan(12);

select tests.create_user('v-oauth@example.com', '{"full_name":"Olga OAuth"}', id => 'a6600000-0000-4000-8000-000000000001');
select tests.create_user('v-flip@example.com', '{"full_name":"Fritz Flip"}', id => 'a6600000-0000-4000-8000-000000000002');
update public.proof_tasks set is_active = false;
insert into public.proof_tasks (id, title, scenario, category, time_limit_minutes, is_active) values
  ('b6600000-0000-4000-8000-000000000001', 'Reset probe one', 'build it', 'backend', 60, true),
  ('b6600000-0000-4000-8000-000000000002', 'Reset probe two', 'build it', 'backend', 60, true);

-- 1. Given a task, started (the timer runs): no switching away and back.
select tests.authenticate_as('v-oauth');
create temp table first_task as select (public.get_current_proof_task()) ->> 'task_id' as task_id;
grant select on first_task to authenticated;
select is((public.start_proof_task((select task_id::uuid from first_task))) ->> 'status', 'started', 'the contributor starts the task');
select throws_ok($$select public.choose_primary_role('initiator')$$, 'PT409',
  'Your role can no longer be changed: you have already started as a contributor.',
  'a contributor with a proof task cannot switch to initiator (it would reset the verification)');

-- 2. The attempt is the person's: removing and recreating the contributor profile does not reset it.
select tests.as_postgres();
delete from public.contributor_profiles where user_id = 'a6600000-0000-4000-8000-000000000001';
select is((select count(*)::int from private.proof_task_attempts where user_id = 'a6600000-0000-4000-8000-000000000001'), 1,
  'the attempt outlives the contributor profile');
select private.create_role_profile('a6600000-0000-4000-8000-000000000001', 'contributor');
select tests.authenticate_as('v-oauth');
create temp table again as select public.get_current_proof_task() as v;
select is((select v ->> 'task_id' from again), (select task_id from first_task), 'the same attempt comes back, not a new one');
select is((select v ->> 'status' from again), 'started', '... with its timer still running (started, not assigned)');
select ok((select (v ->> 'due_at') is not null from again), '... and its due time');

-- 3. One switch, ever.
select tests.authenticate_as('v-flip');
select is((public.choose_primary_role('initiator')).primary_role::text, 'initiator', 'an OAuth user switches to initiator');
select throws_ok($$select public.choose_primary_role('contributor')$$, 'PT409', 'Your role can be changed once, and it already was.',
  'and cannot switch back');
select tests.as_postgres();
select is((select count(*)::int from public.contributor_profiles where user_id = 'a6600000-0000-4000-8000-000000000002'), 0,
  'one person, one role profile');

-- 4. A verified skill holds for its level.
insert into public.skills (id, name, category) values ('c6600000-0000-4000-8000-000000000001', 'Reset Probe Go', 'language');
insert into public.contributor_skills (contributor_id, skill_id, proficiency_level, verified)
values (tests.cid('a6600000-0000-4000-8000-000000000001'), 'c6600000-0000-4000-8000-000000000001', 'intermediate', true);
select tests.authenticate_as('v-oauth');
update public.contributor_skills set proficiency_level = 'beginner' where contributor_id = tests.cid(auth.uid());
select tests.as_postgres();
select is((select verified from public.contributor_skills where skill_id = 'c6600000-0000-4000-8000-000000000001'), true,
  'lowering the level keeps the verification');
select tests.authenticate_as('v-oauth');
update public.contributor_skills set proficiency_level = 'expert' where contributor_id = tests.cid(auth.uid());
select tests.as_postgres();
select results_eq($$select proficiency_level::text, verified from public.contributor_skills where skill_id = 'c6600000-0000-4000-8000-000000000001'$$,
  $$values ('expert', false)$$, 'raising it above the verified level removes the verification');
select tests.authenticate_as('v-oauth');
select throws_ok($$update public.contributor_skills set verified = true where contributor_id = tests.cid(auth.uid())$$, '42501', null,
  'and the owner cannot verify it back');

select * from finish();
rollback;
