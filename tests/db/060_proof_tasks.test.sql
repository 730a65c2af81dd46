-- Proof tasks: one current task per contributor (never one already attempted), a timer from start,
-- late answers flagged, grading by admins only, verification moved, the retake cooldown, and the
-- grading guide (expected_approach) out of every contributor's reach. The clock is injected (app.now).
begin;
select plan(61);

-- People: contributors A and B, an admin, an initiator, a suspended contributor.
select tests.create_user('pt-a@example.com', '{"full_name":"Pat A"}', id => '60000000-0000-4000-8000-000000000001');
select tests.create_user('pt-b@example.com', '{"full_name":"Pat B"}', id => '60000000-0000-4000-8000-000000000002');
select tests.create_user('pt-admin@example.com', '{"full_name":"Ada Admin"}', id => '60000000-0000-4000-8000-000000000003');
select tests.create_user('pt-init@example.com', '{"full_name":"Ivy Initiator","role":"initiator"}', id => '60000000-0000-4000-8000-000000000004');
select tests.create_user('pt-sus@example.com', '{"full_name":"Sue Suspended"}', id => '60000000-0000-4000-8000-000000000005');
update public.profiles set primary_role = 'admin' where id = '60000000-0000-4000-8000-000000000003';
update public.profiles set account_status = 'suspended' where id = '60000000-0000-4000-8000-000000000005';

-- The library: two backend tasks, one frontend task, one retired backend task; each with a guide.
-- Whatever other tests or seeds left in the library is retired for this test.
update public.proof_tasks set is_active = false;
insert into public.proof_tasks (id, title, scenario, category, time_limit_minutes, is_active) values
  ('61000000-0000-4000-8000-000000000001', 'Rate limiter', 'Design a rate limiter.', 'backend', 30, true),
  ('61000000-0000-4000-8000-000000000002', 'Job queue', 'Design a job queue.', 'backend', 30, true),
  ('61000000-0000-4000-8000-000000000003', 'Infinite scroll', 'Build infinite scroll.', 'frontend', 45, true),
  ('61000000-0000-4000-8000-000000000004', 'Old task', 'Retired.', 'backend', 30, false);
insert into public.proof_task_grading_guides (task_id, expected_approach)
select id, 'SECRET-APPROACH-' || right(id::text, 1) from public.proof_tasks where id::text like '61000000-%';

create temp table got (name text primary key, doc jsonb, id uuid);
grant all on got to authenticated, service_role;

select set_config('app.now', '2026-03-02 10:00:00+00', true);

-- ---------------------------------------------------------------------------------------------
-- Who may take a task
-- ---------------------------------------------------------------------------------------------
select tests.as_anon();
select throws_ok($$select public.get_current_proof_task()$$, '42501', null, 'anon cannot ask for a proof task');
select tests.as_postgres();
select tests.authenticate_as('pt-init');
select throws_ok($$select public.get_current_proof_task()$$, '42501', 'Only contributors take proof tasks.', 'an initiator cannot take a proof task');
select tests.as_postgres();
select tests.authenticate_as('pt-sus');
select throws_ok($$select public.get_current_proof_task()$$, '42501', 'Your account is suspended: you cannot make changes.',
  'a suspended contributor cannot take a proof task');
select tests.as_postgres();

-- ---------------------------------------------------------------------------------------------
-- A gets a backend task: one current task, without the scenario until started, never the guide
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('pt-a');
select throws_ok($$select public.get_current_proof_task('no such category!')$$, '22023', null, 'a malformed category is bad input');
insert into got (name, doc) values ('a1', public.get_current_proof_task('backend'));
update got set id = (doc ->> 'task_id')::uuid where name = 'a1';
select ok((select id from got where name = 'a1') in ('61000000-0000-4000-8000-000000000001', '61000000-0000-4000-8000-000000000002'),
  'A is given an active backend task (never the retired one)');
select results_eq($$select doc ->> 'status', doc ->> 'scenario', doc ->> 'time_limit_minutes', doc ->> 'started_at' from got where name = 'a1'$$,
  $$values ('assigned', null::text, '30', null::text)$$, 'assigned: no scenario and no timer yet');
select ok(not (select doc::text ~* 'approach|SECRET' from got where name = 'a1'), 'the task comes without the grading guide');
select is((public.get_current_proof_task('backend')) ->> 'task_id', (select id::text from got where name = 'a1'), 'asking again gives the same task');
select is((public.get_current_proof_task('frontend')) ->> 'task_id', (select id::text from got where name = 'a1'),
  'one current task at a time, whatever the category asked');
select throws_ok($$select public.submit_proof_task((select id from got where name = 'a1'), 'too early')$$, 'PT409',
  'Start the proof task before submitting an answer.', 'an answer before starting is refused');
select throws_ok($$select public.start_proof_task('61000000-0000-4000-8000-000000000003')$$, 'PT404',
  'This proof task is not assigned to you.', 'a task not given to you cannot be started');

-- Contributors never read the grading guide, directly or otherwise.
select is((select count(*)::int from public.proof_task_grading_guides), 0, 'a contributor reads no grading guide (RLS)');
select is(tests.try_as('authenticated', tests.claims_for('60000000-0000-4000-8000-000000000001'),
  $$select expected_approach from public.proof_task_grading_guides where task_id = '61000000-0000-4000-8000-000000000001'$$),
  'ok:0', 'selecting expected_approach returns no rows');
select is(tests.try_as('authenticated', tests.claims_for('60000000-0000-4000-8000-000000000001'),
  $$update public.proof_task_grading_guides set expected_approach = 'mine' where true$$), 'ok:0', 'nor can a contributor change it');
select is(tests.try_as('authenticated', tests.claims_for('60000000-0000-4000-8000-000000000001'),
  $$select 1 from public.proof_tasks where id::text like '61000000-%'$$), 'ok:0', 'before answering, the library itself is hidden');
select tests.as_postgres();

-- The timer starts.
select set_config('app.now', '2026-03-02 10:05:00+00', true);
select tests.authenticate_as('pt-a');
insert into got (name, doc) values ('a1_started', public.start_proof_task((select id from got where name = 'a1')));
select results_eq($$select doc ->> 'status', doc ->> 'scenario' is not null, (doc ->> 'started_at')::timestamptz, (doc ->> 'due_at')::timestamptz,
                          (doc ->> 'seconds_left')::int from got where name = 'a1_started'$$,
  $$values ('started', true, '2026-03-02 10:05:00+00'::timestamptz, '2026-03-02 10:35:00+00'::timestamptz, 1800)$$,
  'started: the scenario shows and the timer runs for the time limit');
select ok(not (select doc::text ~* 'approach|SECRET' from got where name = 'a1_started'), 'still without the grading guide');
select set_config('app.now', '2026-03-02 10:10:00+00', true);
select is((public.start_proof_task((select id from got where name = 'a1'))) ->> 'started_at', (select doc ->> 'started_at' from got where name = 'a1_started'),
  'starting again does not reset the timer');
select is(((public.get_current_proof_task()) ->> 'seconds_left')::int, 1500, 'the current task shows the time left');

-- The answer, in time.
select set_config('app.now', '2026-03-02 10:25:00+00', true);
select throws_ok($$select public.submit_proof_task((select id from got where name = 'a1'), '   ')$$, '22023',
  'Write an answer before submitting.', 'an empty answer is bad input');
insert into got (name, id) values ('a1_sub', (public.submit_proof_task((select id from got where name = 'a1'), 'Token bucket per key in Redis.')).id);
select tests.as_postgres();
select results_eq($$select status::text, is_late, time_taken_seconds, started_at, created_at from public.proof_task_submissions
                    where id = (select id from got where name = 'a1_sub')$$,
  $$values ('submitted', false, 1200, '2026-03-02 10:05:00+00'::timestamptz, '2026-03-02 10:25:00+00'::timestamptz)$$,
  'submitted within the limit: not late, 20 minutes taken');
select is((select verification_status::text from public.contributor_profiles where user_id = '60000000-0000-4000-8000-000000000001'),
  'proof_task_submitted', 'A''s verification moves to proof_task_submitted');
select is((select count(*)::int from private.domain_events where event = 'proof_task:submitted' and entity_id = (select id from got where name = 'a1_sub')),
  1, 'proof_task:submitted is raised');

select tests.authenticate_as('pt-a');
select throws_ok($$select public.submit_proof_task((select id from got where name = 'a1'), 'again')$$, 'PT409',
  'You already submitted this proof task.', 'an answer is submitted once');
select throws_ok($$select public.get_current_proof_task()$$, 'PT409', 'Your proof task answer is waiting to be graded.',
  'no new task while an answer awaits grading');
select is((select count(*)::int from public.proof_task_submissions), 1, 'A sees their own answer');
select is((select count(*)::int from public.proof_tasks where id::text like '61000000-%'), 1, 'and now the task they answered, nothing else');
select is((select count(*)::int from public.proof_task_grading_guides), 0, 'but still no grading guide');
-- Contributors cannot grade, not even their own answer.
select throws_ok($$select public.grade_proof_task((select id from got where name = 'a1_sub'), 100, 'Perfect', true)$$, '42501',
  'Only admins can do this.', 'a contributor cannot grade');
select throws_ok($$select * from public.admin_proof_task_queue()$$, '42501', 'Only admins can do this.', 'nor read the grading queue');
select is(tests.try_as('authenticated', tests.claims_for('60000000-0000-4000-8000-000000000001'),
  $$update public.proof_task_submissions set score = 100, status = 'passed' where true$$), 'denied', 'nor write a score directly');
select tests.as_postgres();

-- B never sees A's answer.
select tests.authenticate_as('pt-b');
select is((select count(*)::int from public.proof_task_submissions), 0, 'another contributor sees no one else''s answer');
select tests.as_postgres();

-- ---------------------------------------------------------------------------------------------
-- Grading (admins)
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('pt-admin');
select is((select expected_approach from public.admin_proof_task_queue() where submission_id = (select id from got where name = 'a1_sub')),
  'SECRET-APPROACH-' || right((select id::text from got where name = 'a1'), 1), 'the admin''s queue shows the answer with its grading guide');
select throws_ok($$select public.grade_proof_task((select id from got where name = 'a1_sub'), 101)$$, '22023',
  'The score must be between 0 and 100.', 'a score above 100 is bad input');
select throws_ok($$select public.grade_proof_task('61000000-0000-4000-8000-0000000000ff', 50)$$, 'PT404',
  'No such proof task submission.', 'grading an unknown answer: not found');
select set_config('app.now', '2026-03-03 09:00:00+00', true);
select is((public.grade_proof_task((select id from got where name = 'a1_sub'), 55, 'Misses the distributed case.')).status::text, 'failed',
  'a score below the pass mark (70) fails');
select throws_ok($$select public.grade_proof_task((select id from got where name = 'a1_sub'), 90)$$, 'PT409',
  'This answer was already graded (failed).', 'an answer is graded once');
select tests.as_postgres();
select results_eq($$select verification_status::text, verification_date from public.contributor_profiles where user_id = '60000000-0000-4000-8000-000000000001'$$,
  $$values ('rejected', '2026-03-03 09:00:00+00'::timestamptz)$$, 'failing rejects the contributor, dated');
select results_eq($$select score, feedback, evaluated_by, evaluated_at from public.proof_task_submissions where id = (select id from got where name = 'a1_sub')$$,
  $$values (55.00::numeric, 'Misses the distributed case.'::text, '60000000-0000-4000-8000-000000000003'::uuid, '2026-03-03 09:00:00+00'::timestamptz)$$,
  'score, feedback and grader are recorded');
select results_eq($$select payload ->> 'passed', payload ->> 'user_id', (payload ->> 'retake_at')::timestamptz from private.domain_events
                    where event = 'proof_task:graded' and entity_id = (select id from got where name = 'a1_sub')$$,
  $$values ('false', '60000000-0000-4000-8000-000000000001', '2026-03-17 09:00:00+00'::timestamptz)$$,
  'proof_task:graded is raised for the contributor (the notifications module emails it)');
select is((select count(*)::int from public.audit_logs where action = 'proof_task.graded' and entity_id = (select id from got where name = 'a1_sub')
           and user_id = '60000000-0000-4000-8000-000000000003'), 1, 'the grading is audited with the grader');

-- ---------------------------------------------------------------------------------------------
-- The retake cooldown, then a late answer and a pass
-- ---------------------------------------------------------------------------------------------
select set_config('app.now', '2026-03-16 09:00:00+00', true);
select tests.authenticate_as('pt-a');
select throws_ok($$select public.get_current_proof_task('backend')$$, 'PT409', 'You can take a new proof task from 2026-03-17 09:00 UTC.',
  'a retake waits 14 days after a failure');
select tests.as_postgres();
update private.settings set value = '10' where key = 'proof_task_retake_cooldown_days';
select tests.authenticate_as('pt-a');
insert into got (name, doc) values ('a2', public.get_current_proof_task('backend'));
update got set id = (doc ->> 'task_id')::uuid where name = 'a2';
select tests.as_postgres();
update private.settings set value = '14' where key = 'proof_task_retake_cooldown_days';
select ok((select id from got where name = 'a2') <> (select id from got where name = 'a1')
          and (select id from got where name = 'a2')::text like '61000000-%', 'the cooldown is a setting; the retake is a task never attempted');
select tests.authenticate_as('pt-a');
select lives_ok($$select public.start_proof_task((select id from got where name = 'a2'))$$, 'A starts the second task');
select set_config('app.now', '2026-03-16 09:31:00+00', true);
insert into got (name, id) values ('a2_sub', (public.submit_proof_task((select id from got where name = 'a2'), 'A queue on Postgres with SKIP LOCKED.')).id);
select tests.as_postgres();
select results_eq($$select is_late, time_taken_seconds from public.proof_task_submissions where id = (select id from got where name = 'a2_sub')$$,
  $$values (true, 1860)$$, 'an answer after the time limit is accepted but flagged late');
select is((select verification_status::text from public.contributor_profiles where user_id = '60000000-0000-4000-8000-000000000001'),
  'proof_task_submitted', 'a rejected contributor who answers again is proof_task_submitted');
select tests.authenticate_as('pt-a');
select throws_ok($$select public.get_current_proof_task('backend')$$, 'PT409', null, 'no third task while the second awaits grading');
select tests.as_postgres();

select tests.authenticate_as('pt-admin');
select is((select is_late from public.admin_proof_task_queue() where submission_id = (select id from got where name = 'a2_sub')), true,
  'the grader sees the late flag');
select set_config('app.now', '2026-03-17 12:00:00+00', true);
select is((public.grade_proof_task((select id from got where name = 'a2_sub'), 82, 'Solid.')).status::text, 'passed', 'a score at or above the pass mark passes');
select tests.as_postgres();
select results_eq($$select verification_status::text, verification_date from public.contributor_profiles where user_id = '60000000-0000-4000-8000-000000000001'$$,
  $$values ('verified', '2026-03-17 12:00:00+00'::timestamptz)$$, 'passing verifies the contributor, dated');
select ok((select trust_score > 0 from public.contributor_profiles where user_id = '60000000-0000-4000-8000-000000000001')
          or to_regprocedure('private.refresh_reputation(uuid[])') is null, 'the trust score follows (where the reputation module is installed)');
select tests.authenticate_as('pt-a');
select throws_ok($$select public.get_current_proof_task()$$, 'PT409', 'You are already verified: there is no proof task to take.',
  'a verified contributor gets no more tasks');
select is((select count(*)::int from public.proof_task_submissions), 2, 'A sees both their answers');
select is((select count(*)::int from public.proof_task_grading_guides), 0, 'and never a grading guide');
select tests.as_postgres();

-- ---------------------------------------------------------------------------------------------
-- B: an empty category, a task retired before it was opened, a grader's explicit verdict
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('pt-b');
select throws_ok($$select public.get_current_proof_task('design')$$, 'PT404', 'No proof task is available in category design: ask again later.',
  'no task in a category: not found');
insert into got (name, doc) values ('b1', public.get_current_proof_task('frontend'));
select is((select doc ->> 'task_id' from got where name = 'b1'), '61000000-0000-4000-8000-000000000003', 'B gets the frontend task');
select tests.as_postgres();
select tests.authenticate_as('pt-admin');
update public.proof_tasks set is_active = false where id = '61000000-0000-4000-8000-000000000003';
select tests.as_postgres();
select tests.authenticate_as('pt-b');
select throws_ok($$select public.start_proof_task('61000000-0000-4000-8000-000000000003')$$, 'PT409',
  'This proof task was retired: ask for your current task again.', 'a task retired before it was opened cannot be started');
insert into got (name, doc) values ('b2', public.get_current_proof_task());
select ok((select doc ->> 'task_id' from got where name = 'b2') in ('61000000-0000-4000-8000-000000000001', '61000000-0000-4000-8000-000000000002'),
  'asking again gives another, active task');
select lives_ok($$select public.start_proof_task(((select doc ->> 'task_id' from got where name = 'b2'))::uuid)$$, 'B starts it');
insert into got (name, id) values ('b2_sub', (public.submit_proof_task(((select doc ->> 'task_id' from got where name = 'b2'))::uuid, 'My answer.')).id);
select tests.as_postgres();
select tests.as_service_role();
select is((public.grade_proof_task((select id from got where name = 'b2_sub'), 65, 'Close enough: strong reasoning.', passed => true)).status::text,
  'passed', 'the grader (here the platform) may pass below the pass mark explicitly');
select tests.as_postgres();
select is((select verification_status::text from public.contributor_profiles where user_id = '60000000-0000-4000-8000-000000000002'),
  'verified', 'B is verified');

select * from finish();
rollback;
