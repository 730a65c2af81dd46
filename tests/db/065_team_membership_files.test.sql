-- Membership is acceptance (issue 19) and deliverable files (issue 22):
--   an invitee who has not accepted does not read the team's work submissions or files, nor uploads;
--   an invitation cannot be accepted once work started, and start_work withdraws pending ones;
--   completed members keep reading but lose upload rights;
--   the work-submissions bucket is private with size and type limits, paths <mission>/<milestone>/<file>,
--   uploads only while that milestone is open for submission. Storage policies tested per persona.
begin;
select plan(53);

select tests.create_user('f-init@example.com', '{"role":"initiator","full_name":"Fay Initiator"}', id => 'a6500000-0000-4000-8000-000000000001');
select tests.create_user('f-lead@example.com', '{"role":"contributor","full_name":"Lee Lead"}', id => 'a6500000-0000-4000-8000-000000000002');
select tests.create_user('f-inv@example.com', '{"role":"contributor","full_name":"Ivo Invitee"}', id => 'a6500000-0000-4000-8000-000000000003');
select tests.create_user('f-done@example.com', '{"role":"contributor","full_name":"Don Done"}', id => 'a6500000-0000-4000-8000-000000000004');
select tests.create_user('f-out@example.com', '{"role":"contributor","full_name":"Otto Outsider"}', id => 'a6500000-0000-4000-8000-000000000005');
select tests.create_user('f-admin@example.com', '{"full_name":"Ada Admin"}', id => 'a6500000-0000-4000-8000-000000000006');
select tests.create_user('f-inv2@example.com', '{"role":"contributor","full_name":"Ina Invitee"}', id => 'a6500000-0000-4000-8000-000000000007');
update public.profiles set primary_role = 'admin' where id = 'a6500000-0000-4000-8000-000000000006';
update public.contributor_profiles set verification_status = 'verified' where user_id::text like 'a6500000-%';

-- M1: in progress, private. Milestone 1 in progress (open for submission), milestone 2 pending.
-- M2: open, for the invitation rules.
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, is_public, published_at, requires_core_reviewer) values
  ('b6500000-0000-4000-8000-000000000001', tests.iid('a6500000-0000-4000-8000-000000000001'), 'Files mission', 'files-mission', 'd', 'backend', 1000, 5000, 10, 'in_progress', false, now(), false),
  ('b6500000-0000-4000-8000-000000000002', tests.iid('a6500000-0000-4000-8000-000000000001'), 'Open mission', 'open-mission-f', 'd', 'backend', 1000, 5000, 10, 'open', true, now(), false);
insert into public.milestones (id, mission_id, title, order_index, amount_cents, status) values
  ('b6510000-0000-4000-8000-000000000001', 'b6500000-0000-4000-8000-000000000001', 'one', 0, 1000, 'in_progress'),
  ('b6510000-0000-4000-8000-000000000002', 'b6500000-0000-4000-8000-000000000001', 'two', 1, 1000, 'pending'),
  ('b6510000-0000-4000-8000-000000000003', 'b6500000-0000-4000-8000-000000000002', 'one', 0, 1000, 'pending');
insert into public.mission_assignments (id, mission_id, contributor_id, role, status, invitation_expires_at) values
  ('b6520000-0000-4000-8000-000000000001', 'b6500000-0000-4000-8000-000000000001', tests.cid('a6500000-0000-4000-8000-000000000002'), 'lead', 'active', null),
  ('b6520000-0000-4000-8000-000000000002', 'b6500000-0000-4000-8000-000000000001', tests.cid('a6500000-0000-4000-8000-000000000003'), 'shadow', 'invited', now() + interval '2 days'),
  ('b6520000-0000-4000-8000-000000000003', 'b6500000-0000-4000-8000-000000000001', tests.cid('a6500000-0000-4000-8000-000000000004'), 'core_reviewer', 'completed', null),
  ('b6520000-0000-4000-8000-000000000004', 'b6500000-0000-4000-8000-000000000002', tests.cid('a6500000-0000-4000-8000-000000000002'), 'lead', 'active', null),
  ('b6520000-0000-4000-8000-000000000005', 'b6500000-0000-4000-8000-000000000002', tests.cid('a6500000-0000-4000-8000-000000000007'), 'shadow', 'invited', now() + interval '2 days');
insert into public.work_submissions (id, milestone_id, mission_id, assignment_id, version, content) values
  ('b6530000-0000-4000-8000-000000000001', 'b6510000-0000-4000-8000-000000000001', 'b6500000-0000-4000-8000-000000000001', 'b6520000-0000-4000-8000-000000000001', 1, 'draft');
insert into storage.objects (bucket_id, name) values
  ('work-submissions', 'b6500000-0000-4000-8000-000000000001/b6510000-0000-4000-8000-000000000001/spec.pdf');

create temp table who (name text primary key, role text, claims jsonb);
insert into who values
  ('anon', 'anon', '{"role":"anon"}'),
  ('init', 'authenticated', tests.claims_for('a6500000-0000-4000-8000-000000000001')),
  ('lead', 'authenticated', tests.claims_for('a6500000-0000-4000-8000-000000000002')),
  ('inv', 'authenticated', tests.claims_for('a6500000-0000-4000-8000-000000000003')),
  ('done', 'authenticated', tests.claims_for('a6500000-0000-4000-8000-000000000004')),
  ('out', 'authenticated', tests.claims_for('a6500000-0000-4000-8000-000000000005')),
  ('admin', 'authenticated', tests.claims_for('a6500000-0000-4000-8000-000000000006'));
grant select on who to anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- 1. The bucket.
-- ---------------------------------------------------------------------------------------------
select results_eq($$select public, file_size_limit, allowed_mime_types @> array['application/pdf', 'application/zip', 'image/png'],
                           'application/x-msdownload' = any (allowed_mime_types) from storage.buckets where id = 'work-submissions'$$,
  $$values (false, 52428800::bigint, true, false)$$,
  'work-submissions is private, 50 MB per file, documents, archives and images only (no executables)');

-- ---------------------------------------------------------------------------------------------
-- 2. Reading: files and work submissions. Who accepted reads; the invitee does not.
-- ---------------------------------------------------------------------------------------------
create temp table reads (n serial, what text, stmt text, anon text, init text, lead text, inv text, done text, out_ text, admin text);
insert into reads (what, stmt, anon, init, lead, inv, done, out_, admin) values
('the milestone file', $$select 1 from storage.objects where bucket_id = 'work-submissions' and name like 'b6500000-0000-4000-8000-000000000001/%'$$,
  'ok:0', 'ok:1', 'ok:1', 'ok:0', 'ok:1', 'ok:0', 'ok:1'),
('the work submission', $$select 1 from public.work_submissions where mission_id = 'b6500000-0000-4000-8000-000000000001'$$,
  'denied', 'ok:1', 'ok:1', 'ok:0', 'ok:1', 'ok:0', 'ok:0'),
('the team''s assignments', $$select 1 from public.mission_assignments where mission_id = 'b6500000-0000-4000-8000-000000000001'$$,
  'denied', 'ok:3', 'ok:3', 'ok:1', 'ok:3', 'ok:0', 'ok:0'),
-- Admins read them through admin_read() (the policies have no admin arm: no read trap); nobody else may.
('the work submission (admin_read)', $$select 1 from public.admin_read('work_submissions', 'mission_id', array['b6500000-0000-4000-8000-000000000001'::uuid])$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('the team''s assignments (admin_read)', $$select 1 from public.admin_read('mission_assignments', 'mission_id', array['b6500000-0000-4000-8000-000000000001'::uuid])$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:3');
select is(tests.try_as(w.role, w.claims, r.stmt),
          case w.name when 'anon' then r.anon when 'init' then r.init when 'lead' then r.lead when 'inv' then r.inv
                      when 'done' then r.done when 'out' then r.out_ else r.admin end,
          format('%s reads %s', w.name, r.what))
from reads r cross join who w order by r.n, w.name;

-- ---------------------------------------------------------------------------------------------
-- 3. Uploading: the active team, into a milestone open for submission, at <mission>/<milestone>/<file>.
-- ---------------------------------------------------------------------------------------------
create temp table uploads (n serial, who_ text, path text, expected text, why text);
insert into uploads (who_, path, expected, why) values
('lead', 'b6500000-0000-4000-8000-000000000001/b6510000-0000-4000-8000-000000000001/report.pdf', 'ok:1', 'the active lead uploads into the milestone in progress'),
('inv', 'b6500000-0000-4000-8000-000000000001/b6510000-0000-4000-8000-000000000001/report.pdf', 'rls', 'an invitee who has not accepted cannot upload'),
('done', 'b6500000-0000-4000-8000-000000000001/b6510000-0000-4000-8000-000000000001/report.pdf', 'rls', 'a completed member has lost upload rights'),
('out', 'b6500000-0000-4000-8000-000000000001/b6510000-0000-4000-8000-000000000001/report.pdf', 'rls', 'an outsider cannot upload'),
('init', 'b6500000-0000-4000-8000-000000000001/b6510000-0000-4000-8000-000000000001/report.pdf', 'rls', 'the initiator does not upload deliverables'),
('anon', 'b6500000-0000-4000-8000-000000000001/b6510000-0000-4000-8000-000000000001/report.pdf', 'rls', 'anon cannot upload'),
('lead', 'b6500000-0000-4000-8000-000000000001/b6510000-0000-4000-8000-000000000002/report.pdf', 'rls', 'not into a milestone that is not open for submission'),
('lead', 'b6500000-0000-4000-8000-000000000001/b6510000-0000-4000-8000-000000000003/report.pdf', 'rls', 'not into another mission''s milestone'),
('lead', 'b6500000-0000-4000-8000-000000000001/report.pdf', 'rls', 'not outside a milestone folder'),
('lead', 'b6500000-0000-4000-8000-000000000001/b6510000-0000-4000-8000-000000000001/sub/report.pdf', 'rls', 'not into sub-folders'),
('lead', 'b6500000-0000-4000-8000-000000000001/b6510000-0000-4000-8000-000000000001/..', 'rls', 'not a dot name');
select is(tests.try_as(w.role, w.claims,
            format($$insert into storage.objects (bucket_id, name) values ('work-submissions', %L)$$, u.path)),
          u.expected, u.why)
from uploads u join who w on w.name = u.who_ order by u.n;

-- ---------------------------------------------------------------------------------------------
-- 4. Invitations: no accepting after work started; start_work withdraws the pending ones.
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('f-inv');
select throws_ok($$select public.accept_invitation('b6520000-0000-4000-8000-000000000002')$$,
  'PT409', 'Work on this mission has started: the invitation can no longer be accepted.',
  'an invitation to a mission in progress cannot be accepted');
select tests.authenticate_as('f-init');
select is((public.start_work('b6500000-0000-4000-8000-000000000002')).status::text, 'in_progress', 'the initiator starts work on M2');
select tests.as_postgres();
select results_eq($$select status::text, end_reason from public.mission_assignments where id = 'b6520000-0000-4000-8000-000000000005'$$,
  $$values ('withdrawn', 'work started before the invitation was accepted')$$,
  'start_work withdrew the invitation nobody accepted');
select is((select status::text from public.mission_assignments where id = 'b6520000-0000-4000-8000-000000000004'), 'active',
  'the member who accepted stays on the team');
select ok(exists (select from private.domain_events e where e.event = 'assignment:withdrawn' and e.entity_id = 'b6520000-0000-4000-8000-000000000005'),
  'the withdrawn invitee hears of it (assignment:withdrawn)');
select tests.authenticate_as('f-inv2');
select throws_ok($$select public.accept_invitation('b6520000-0000-4000-8000-000000000005')$$,
  'PT409', null, 'the withdrawn invitation cannot be accepted');

select * from finish();
rollback;
