-- The authorization matrix: for every exposed table, each persona, each of select / insert / update /
-- delete, what happens. Every probe runs as a real Data API request would (role + claims) and is
-- undone, so all probes see the same fixture.
--
-- Personas: anon; contributor A (ca) and B (cb); initiator A (ia) and B (ib); admin (ad); a suspended
-- contributor (su) who is on A's private mission team; service_role (sr).
-- Outcomes: ok:<rows>, denied (no grant, 42501), rls (policy refused the row, 42501), or a SQLSTATE.
--
-- The blueprint's PERMISSIONS map, line by line, and where it is proven here:
--   contributor profile:read:own / profile:update:own   profiles, contributor_* "update own" rows
--   contributor missions:read:public                    missions select (listed ones, anon too)
--   contributor missions:apply                          mission_applications (via the apply RPC; no direct insert)
--   contributor assignments:read:own / :submit          mission_assignments select; work_submissions (via RPC)
--   contributor messages:read:own / messages:send       messages select / insert
--   initiator missions:create                           missions insert (via RPC; no direct insert)
--   initiator missions:read:own / update:own / delete:own  missions select / "update draft" / delete
--   initiator applications:read / applications:manage   mission_applications select (own missions only)
--   initiator team:manage                               mission_assignments (via RPC; no direct write)
--   initiator payments:manage:own                       escrow_transactions select (own missions)
--   admin *                                             the ad column: reads everything but messages; the tables whose
--                                                       policies have no admin arm (no read trap) through admin_read()
begin;

-- ---------------------------------------------------------------------------------------------
-- Fixture
-- ---------------------------------------------------------------------------------------------
select tests.create_user('ca@example.com', '{"full_name":"Contributor A","role":"contributor"}', id => 'a0000000-0000-4000-8000-000000000001');
select tests.create_user('cb@example.com', '{"full_name":"Contributor B","role":"contributor"}', id => 'a0000000-0000-4000-8000-000000000002');
select tests.create_user('ia@example.com', '{"full_name":"Initiator A","role":"initiator"}', id => 'a0000000-0000-4000-8000-000000000003');
select tests.create_user('ib@example.com', '{"full_name":"Initiator B","role":"initiator"}', id => 'a0000000-0000-4000-8000-000000000004');
select tests.create_user('ad@example.com', '{"full_name":"Admin"}', id => 'a0000000-0000-4000-8000-000000000005');
select tests.create_user('su@example.com', '{"full_name":"Suspended Contributor"}', id => 'a0000000-0000-4000-8000-000000000006');
update public.profiles set primary_role = 'admin' where id = 'a0000000-0000-4000-8000-000000000005';

insert into public.skills (id, name, category, is_active) values
  ('c0000000-0000-4000-8000-000000000001', 'Probe Rust', 'language', true),
  ('c0000000-0000-4000-8000-000000000002', 'Probe React', 'framework', true),
  ('c0000000-0000-4000-8000-000000000003', 'Probe Cobol', 'language', false);
insert into public.contributor_skills (contributor_id, skill_id) values
  (tests.cid('a0000000-0000-4000-8000-000000000001'), 'c0000000-0000-4000-8000-000000000001'),
  (tests.cid('a0000000-0000-4000-8000-000000000002'), 'c0000000-0000-4000-8000-000000000001'),
  (tests.cid('a0000000-0000-4000-8000-000000000006'), 'c0000000-0000-4000-8000-000000000001');

-- (every payout to the lead alone: the payout parts below are that split)
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, is_public, published_at,
                             lead_share_bps, shadow_share_bps, core_reviewer_share_bps) values
  ('b0000000-0000-4000-8000-000000000001', tests.iid('a0000000-0000-4000-8000-000000000003'), 'A draft', 'a-draft', 'd', 'backend', 1000, 5000, 10, 'draft', true, null, 10000, 0, 0),
  ('b0000000-0000-4000-8000-000000000002', tests.iid('a0000000-0000-4000-8000-000000000003'), 'A open', 'a-open', 'd', 'backend', 1000, 5000, 10, 'open', true, now(), 10000, 0, 0),
  ('b0000000-0000-4000-8000-000000000003', tests.iid('a0000000-0000-4000-8000-000000000003'), 'A private', 'a-private', 'd', 'backend', 1000, 5000, 10, 'in_progress', false, now(), 10000, 0, 0),
  ('b0000000-0000-4000-8000-000000000004', tests.iid('a0000000-0000-4000-8000-000000000004'), 'B open', 'b-open', 'd', 'frontend', 1000, 5000, 10, 'open', true, now(), 10000, 0, 0),
  ('b0000000-0000-4000-8000-000000000005', tests.iid('a0000000-0000-4000-8000-000000000004'), 'B pending', 'b-pending', 'd', 'frontend', 1000, 5000, 10, 'pending_funding', true, now(), 10000, 0, 0);
insert into public.mission_required_skills (mission_id, skill_id) values
  ('b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001'),
  ('b0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000001'),
  ('b0000000-0000-4000-8000-000000000003', 'c0000000-0000-4000-8000-000000000001');
insert into public.milestones (id, mission_id, title, order_index, amount_cents) values
  ('b1000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000001', 'm', 0, 1000),
  ('b1000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000002', 'm', 0, 1000),
  ('b1000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000003', 'm', 0, 1000),
  ('b1000000-0000-4000-8000-000000000005', 'b0000000-0000-4000-8000-000000000005', 'm', 0, 1000);
insert into public.mission_assignments (id, mission_id, contributor_id, role, status) values
  ('b2000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000003', tests.cid('a0000000-0000-4000-8000-000000000001'), 'lead', 'active'),
  ('b2000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000003', tests.cid('a0000000-0000-4000-8000-000000000006'), 'shadow', 'active');
insert into public.mission_applications (id, mission_id, contributor_id) values
  ('b3000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000002', tests.cid('a0000000-0000-4000-8000-000000000001')),
  ('b3000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000002', tests.cid('a0000000-0000-4000-8000-000000000002')),
  ('b3000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000004', tests.cid('a0000000-0000-4000-8000-000000000002')),
  ('b3000000-0000-4000-8000-000000000004', 'b0000000-0000-4000-8000-000000000004', tests.cid('a0000000-0000-4000-8000-000000000006'));
insert into public.work_submissions (id, milestone_id, mission_id, assignment_id, version, content) values
  ('b4000000-0000-4000-8000-000000000001', 'b1000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000003', 'b2000000-0000-4000-8000-000000000001', 1, 'done');
insert into public.reviews (id, assignment_id, mission_id, reviewer_id, reviewee_id, direction, rating) values
  ('b5000000-0000-4000-8000-000000000001', 'b2000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000003',
   'a0000000-0000-4000-8000-000000000003', 'a0000000-0000-4000-8000-000000000001', 'initiator_to_contributor', 5);
-- The paid milestone's payout part, fixed at approval: all of it (after the fee) to the lead who delivered it.
update public.milestones set status = 'paid' where id = 'b1000000-0000-4000-8000-000000000003';
insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents) values
  ('b1000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000003', tests.cid('a0000000-0000-4000-8000-000000000001'), 'lead', 10000, 900);
select tests.charge('pi_rls_3', 'b0000000-0000-4000-8000-000000000003', 1000), tests.charge('pi_rls_4', 'b0000000-0000-4000-8000-000000000004', 1000);
insert into public.escrow_transactions (id, mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents, status, stripe_payment_intent_id) values
  ('b6000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000003', null, tests.iid('a0000000-0000-4000-8000-000000000003'), null, 'deposit', 1000, 'completed', 'pi_rls_3'),
  ('b6000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000003', 'b1000000-0000-4000-8000-000000000003', tests.iid('a0000000-0000-4000-8000-000000000003'), tests.cid('a0000000-0000-4000-8000-000000000001'), 'release', 900, 'completed', null),
  ('b6000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000003', 'b1000000-0000-4000-8000-000000000003', tests.iid('a0000000-0000-4000-8000-000000000003'), null, 'platform_fee', 100, 'completed', null),
  ('b6000000-0000-4000-8000-000000000004', 'b0000000-0000-4000-8000-000000000004', null, tests.iid('a0000000-0000-4000-8000-000000000004'), null, 'deposit', 1000, 'completed', 'pi_rls_4');
insert into public.proof_tasks (id, title, scenario, category) values
  ('b7000000-0000-4000-8000-000000000001', 'Task one', 's', 'backend'),
  ('b7000000-0000-4000-8000-000000000002', 'Task two', 's', 'frontend');
insert into public.proof_task_grading_guides (task_id, expected_approach) values ('b7000000-0000-4000-8000-000000000001', 'secret');
insert into public.proof_task_submissions (id, contributor_id, task_id, answer) values
  ('b8000000-0000-4000-8000-000000000001', tests.cid('a0000000-0000-4000-8000-000000000001'), 'b7000000-0000-4000-8000-000000000001', 'answer a'),
  ('b8000000-0000-4000-8000-000000000002', tests.cid('a0000000-0000-4000-8000-000000000006'), 'b7000000-0000-4000-8000-000000000001', 'answer s');
insert into public.notifications (id, user_id, type, title, message) values
  ('b9000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001', 'probe', 't', 'm'),
  ('b9000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000002', 'probe', 't', 'm'),
  ('b9000000-0000-4000-8000-000000000003', 'a0000000-0000-4000-8000-000000000006', 'probe', 't', 'm'),
  ('b9000000-0000-4000-8000-000000000004', 'a0000000-0000-4000-8000-000000000003', 'probe', 't', 'm');
insert into public.conversations (id, mission_id, type) values
  ('ba000000-0000-4000-8000-000000000001', null, 'direct'),
  ('ba000000-0000-4000-8000-000000000002', null, 'direct');
insert into public.conversation_participants (conversation_id, user_id) values
  ('ba000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001'),
  ('ba000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000006'),
  ('ba000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000003'),
  ('ba000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000002'),
  ('ba000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000004');
insert into public.messages (id, conversation_id, sender_id, content) values
  ('bb000000-0000-4000-8000-000000000001', 'ba000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001', 'hello team'),
  ('bb000000-0000-4000-8000-000000000002', 'ba000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000002', 'hello b');
-- Suspended last, so the fixture could be built.
update public.profiles set account_status = 'suspended' where id = 'a0000000-0000-4000-8000-000000000006';

create temp table personas (name text primary key, role text, claims jsonb);
insert into personas values
  ('anon', 'anon', '{"role":"anon"}'),
  ('ca', 'authenticated', tests.claims_for('a0000000-0000-4000-8000-000000000001')),
  ('cb', 'authenticated', tests.claims_for('a0000000-0000-4000-8000-000000000002')),
  ('ia', 'authenticated', tests.claims_for('a0000000-0000-4000-8000-000000000003')),
  ('ib', 'authenticated', tests.claims_for('a0000000-0000-4000-8000-000000000004')),
  ('ad', 'authenticated', tests.claims_for('a0000000-0000-4000-8000-000000000005')),
  ('su', 'authenticated', tests.claims_for('a0000000-0000-4000-8000-000000000006')),
  ('sr', 'service_role', '{"role":"service_role"}');

-- ---------------------------------------------------------------------------------------------
-- The matrix: one row per probe, one column per persona.
-- ---------------------------------------------------------------------------------------------
create temp table matrix (n serial, tbl text, op text, stmt text,
  anon text, ca text, cb text, ia text, ib text, ad text, su text, sr text);
insert into matrix (tbl, op, stmt, anon, ca, cb, ia, ib, ad, su, sr) values
-- profiles
('profiles', 'select', $$select 1 from public.profiles where id::text like 'a0000000-0000-4000-8000-00000000000_'$$,
  'denied', 'ok:5', 'ok:5', 'ok:5', 'ok:5', 'ok:6', 'ok:1', 'ok:6'),
('profiles', 'insert', $$insert into public.profiles (id, full_name, primary_role) values (gen_random_uuid(), 'x', 'contributor')$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', '23503'),
('profiles', 'update own', $$update public.profiles set full_name = 'Renamed' where id = auth.uid()$$,
  'denied', 'ok:1', 'ok:1', 'ok:1', 'ok:1', 'ok:1', 'ok:0', 'ok:0'),
('profiles', 'update other', $$update public.profiles set full_name = 'Renamed' where id = 'a0000000-0000-4000-8000-000000000002'$$,
  'denied', 'ok:0', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:1'),
('profiles', 'delete', $$delete from public.profiles where id = 'a0000000-0000-4000-8000-000000000002'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', '23503'),
('profiles', 'select private columns', $$select last_login_at, email_opt_outs from public.profiles where id = 'a0000000-0000-4000-8000-000000000001'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('profiles', 'select own private columns (my_account)', $$select 1 from public.my_account() where id = 'a0000000-0000-4000-8000-000000000001'$$,
  'denied', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:0'),
-- contributor_profiles
('contributor_profiles', 'select', $$select 1 from public.contributor_profiles where user_id in ('a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000006')$$,
  'denied', 'ok:3', 'ok:3', 'ok:3', 'ok:3', 'ok:3', 'ok:1', 'ok:3'),
('contributor_profiles', 'insert', $$insert into public.contributor_profiles (user_id) values ('a0000000-0000-4000-8000-000000000003')$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('contributor_profiles', 'update own', $$update public.contributor_profiles set headline = 'Hi' where user_id = auth.uid()$$,
  'denied', 'ok:1', 'ok:1', 'ok:0', 'ok:0', 'ok:1', 'ok:0', 'ok:0'),
('contributor_profiles', 'update other', $$update public.contributor_profiles set headline = 'Hi' where user_id = 'a0000000-0000-4000-8000-000000000002'$$,
  'denied', 'ok:0', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:1'),
('contributor_profiles', 'delete', $$delete from public.contributor_profiles where user_id = 'a0000000-0000-4000-8000-000000000002'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', '23503'),
-- contributor_private_details
('contributor_private_details', 'select', $$select 1 from public.contributor_private_details where contributor_id in (tests.cid('a0000000-0000-4000-8000-000000000001'), tests.cid('a0000000-0000-4000-8000-000000000002'), tests.cid('a0000000-0000-4000-8000-000000000006'))$$,
  'denied', 'ok:1', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:1', 'ok:3'),
('contributor_private_details', 'select through admin_read (admins'' read path: the policy has no admin arm)', $$select 1 from public.admin_read('contributor_private_details', ids => array[tests.cid('a0000000-0000-4000-8000-000000000001'), tests.cid('a0000000-0000-4000-8000-000000000002'), tests.cid('a0000000-0000-4000-8000-000000000006')])$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'ok:3', 'denied', 'ok:3'),
('contributor_private_details', 'insert', $$insert into public.contributor_private_details (contributor_id) values (tests.cid('a0000000-0000-4000-8000-000000000001'))$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', '23505'),
('contributor_private_details', 'update own', $$update public.contributor_private_details set availability_hours_per_week = 30 where contributor_id = tests.cid(auth.uid())$$,
  'denied', 'ok:1', 'ok:1', 'ok:0', 'ok:0', 'ok:1', 'ok:0', 'ok:0'),
('contributor_private_details', 'update other', $$update public.contributor_private_details set availability_hours_per_week = 30 where contributor_id = tests.cid('a0000000-0000-4000-8000-000000000002')$$,
  'denied', 'ok:0', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:1'),
('contributor_private_details', 'delete', $$delete from public.contributor_private_details where contributor_id = tests.cid('a0000000-0000-4000-8000-000000000002')$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
-- initiator_profiles
('initiator_profiles', 'select', $$select 1 from public.initiator_profiles where user_id in ('a0000000-0000-4000-8000-000000000003', 'a0000000-0000-4000-8000-000000000004')$$,
  'ok:2', 'ok:2', 'ok:2', 'ok:2', 'ok:2', 'ok:2', 'ok:2', 'ok:2'),
('initiator_profiles', 'insert', $$insert into public.initiator_profiles (user_id) values ('a0000000-0000-4000-8000-000000000001')$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('initiator_profiles', 'update own', $$update public.initiator_profiles set industry = 'Fintech' where user_id = auth.uid()$$,
  'denied', 'ok:0', 'ok:0', 'ok:1', 'ok:1', 'ok:0', 'ok:0', 'ok:0'),
('initiator_profiles', 'update other', $$update public.initiator_profiles set industry = 'Fintech' where user_id = 'a0000000-0000-4000-8000-000000000004'$$,
  'denied', 'ok:0', 'ok:0', 'ok:0', 'ok:1', 'ok:0', 'ok:0', 'ok:1'),
('initiator_profiles', 'delete', $$delete from public.initiator_profiles where user_id = 'a0000000-0000-4000-8000-000000000004'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', '23503'),
-- initiator_private_details
('initiator_private_details', 'select', $$select 1 from public.initiator_private_details where initiator_id in (tests.iid('a0000000-0000-4000-8000-000000000003'), tests.iid('a0000000-0000-4000-8000-000000000004'))$$,
  'denied', 'ok:0', 'ok:0', 'ok:1', 'ok:1', 'ok:0', 'ok:0', 'ok:2'),
('initiator_private_details', 'select through admin_read (admins'' read path: the policy has no admin arm)', $$select 1 from public.admin_read('initiator_private_details', ids => array[tests.iid('a0000000-0000-4000-8000-000000000003'), tests.iid('a0000000-0000-4000-8000-000000000004')])$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'ok:2', 'denied', 'ok:2'),
('initiator_private_details', 'insert', $$insert into public.initiator_private_details (initiator_id) values (tests.iid('a0000000-0000-4000-8000-000000000003'))$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', '23505'),
('initiator_private_details', 'update', $$update public.initiator_private_details set default_payment_method_id = 'pm_x' where initiator_id = tests.iid('a0000000-0000-4000-8000-000000000003')$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('initiator_private_details', 'delete', $$delete from public.initiator_private_details where initiator_id = tests.iid('a0000000-0000-4000-8000-000000000004')$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
-- skills
('skills', 'select', $$select 1 from public.skills where name like 'Probe %'$$,
  'ok:3', 'ok:3', 'ok:3', 'ok:3', 'ok:3', 'ok:3', 'ok:3', 'ok:3'),
('skills', 'insert', $$insert into public.skills (name, category) values ('Probe Zig', 'language')$$,
  'denied', 'rls', 'rls', 'rls', 'rls', 'ok:1', 'rls', 'ok:1'),
('skills', 'update', $$update public.skills set icon_url = 'https://icons.example.com/rust.svg' where id = 'c0000000-0000-4000-8000-000000000001'$$,
  'denied', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:1', 'ok:0', 'ok:1'),
('skills', 'delete', $$delete from public.skills where id = 'c0000000-0000-4000-8000-000000000003'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
-- contributor_skills
('contributor_skills', 'select', $$select 1 from public.contributor_skills where skill_id = 'c0000000-0000-4000-8000-000000000001'$$,
  'denied', 'ok:3', 'ok:3', 'ok:3', 'ok:3', 'ok:3', 'ok:1', 'ok:3'),
('contributor_skills', 'insert', $$insert into public.contributor_skills (contributor_id, skill_id) values (tests.cid('a0000000-0000-4000-8000-000000000001'), 'c0000000-0000-4000-8000-000000000002')$$,
  'denied', 'ok:1', 'rls', 'rls', 'rls', 'rls', 'rls', 'ok:1'),
('contributor_skills', 'insert retired skill', $$insert into public.contributor_skills (contributor_id, skill_id) values (tests.cid(auth.uid()), 'c0000000-0000-4000-8000-000000000003')$$,
  'denied', 'rls', 'rls', 'rls', 'rls', 'rls', 'rls', '23502'),
('contributor_skills', 'update own', $$update public.contributor_skills set years_experience = 3 where contributor_id = tests.cid(auth.uid())$$,
  'denied', 'ok:1', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:0'),
('contributor_skills', 'update other', $$update public.contributor_skills set years_experience = 3 where contributor_id = tests.cid('a0000000-0000-4000-8000-000000000002')$$,
  'denied', 'ok:0', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:1'),
('contributor_skills', 'delete own', $$delete from public.contributor_skills where contributor_id = tests.cid(auth.uid())$$,
  'denied', 'ok:1', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:0'),
('contributor_skills', 'delete other', $$delete from public.contributor_skills where contributor_id = tests.cid('a0000000-0000-4000-8000-000000000002')$$,
  'denied', 'ok:0', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:1'),
-- missions
('missions', 'select', $$select 1 from public.missions where id::text like 'b0000000-%'$$,
  'ok:2', 'ok:3', 'ok:2', 'ok:4', 'ok:3', 'ok:2', 'ok:2', 'ok:5'),
('missions', 'select through admin_read (admins'' read path: the policy has no admin arm)', $$select 1 from public.admin_read('missions', page_size => 1000) r where r->>'id' like 'b0000000-%'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'ok:5', 'denied', 'ok:5'),
('missions', 'select dispute_reason', $$select dispute_reason from public.missions where id = 'b0000000-0000-4000-8000-000000000002'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('missions', 'select dispute (mission_dispute)', $$select 1 from public.mission_dispute('b0000000-0000-4000-8000-000000000003')$$,
  'denied', 'ok:1', 'PT404', 'ok:1', 'PT404', 'ok:1', 'PT404', 'ok:1'),
('missions', 'insert', $$insert into public.missions (initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days) values (tests.iid('a0000000-0000-4000-8000-000000000003'), 'New one', 'new-one', 'd', 'backend', 100, 200, 5)$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('missions', 'update draft', $$update public.missions set title = 'Renamed draft' where id = 'b0000000-0000-4000-8000-000000000001'$$,
  'denied', 'ok:0', 'ok:0', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:1'),
('missions', 'update open', $$update public.missions set title = 'Renamed open' where id = 'b0000000-0000-4000-8000-000000000002'$$,
  'denied', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:1'),
('missions', 'delete', $$delete from public.missions where id = 'b0000000-0000-4000-8000-000000000001'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
-- listed_missions (the marketplace's read model: written by triggers only, read by everyone)
('listed_missions', 'select', $$select 1 from public.listed_missions where id::text like 'b0000000-%'$$,
  'ok:2', 'ok:2', 'ok:2', 'ok:2', 'ok:2', 'ok:2', 'ok:2', 'ok:2'),
('listed_missions', 'select a card with its embeds', $$select 1 from public.listed_missions where id = 'b0000000-0000-4000-8000-000000000002' and jsonb_array_length(milestones) = 1 and mission_required_skills @> '[{"skills": {"name": "Probe Rust"}}]' and initiator_profiles ? 'company_name'$$,
  'ok:1', 'ok:1', 'ok:1', 'ok:1', 'ok:1', 'ok:1', 'ok:1', 'ok:1'),
('listed_missions', 'insert (a forged card for a draft)', $$insert into public.listed_missions (id, initiator_id, listed_status, title, slug, type, complexity, budget_min_cents, budget_max_cents, currency, estimated_duration_days, featured, milestones, mission_required_skills, initiator_profiles) values ('b0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000001', 'open', 'Forged', 'forged', 'backend', 'easy', 1, 2, 'USD', 1, true, '[]', '[]', '{}')$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied'),
('listed_missions', 'update', $$update public.listed_missions set featured = true$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied'),
('listed_missions', 'delete', $$delete from public.listed_missions$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied'),
-- mission_required_skills
('mission_required_skills', 'select', $$select 1 from public.mission_required_skills where skill_id = 'c0000000-0000-4000-8000-000000000001'$$,
  'ok:1', 'ok:2', 'ok:1', 'ok:3', 'ok:1', 'ok:1', 'ok:1', 'ok:3'),
('mission_required_skills', 'select through admin_read (admins'' read path: the policy has no admin arm)', $$select 1 from public.admin_read('mission_required_skills', page_size => 1000) r where r->>'skill_id' = 'c0000000-0000-4000-8000-000000000001'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'ok:3', 'denied', 'ok:3'),
('mission_required_skills', 'insert', $$insert into public.mission_required_skills (mission_id, skill_id) values ('b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002')$$,
  'denied', 'rls', 'rls', 'ok:1', 'rls', 'rls', 'rls', 'ok:1'),
('mission_required_skills', 'insert non-draft', $$insert into public.mission_required_skills (mission_id, skill_id) values ('b0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000002')$$,
  'denied', 'rls', 'rls', 'rls', 'rls', 'rls', 'rls', 'ok:1'),
('mission_required_skills', 'update', $$update public.mission_required_skills set importance = 'preferred' where mission_id = 'b0000000-0000-4000-8000-000000000001'$$,
  'denied', 'ok:0', 'ok:0', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:1'),
('mission_required_skills', 'delete', $$delete from public.mission_required_skills where mission_id = 'b0000000-0000-4000-8000-000000000001'$$,
  'denied', 'ok:0', 'ok:0', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:1'),
-- milestones
('milestones', 'select', $$select 1 from public.milestones where id::text like 'b1000000-%'$$,
  'ok:1', 'ok:2', 'ok:1', 'ok:3', 'ok:2', 'ok:1', 'ok:1', 'ok:4'),
('milestones', 'select through admin_read (admins'' read path: the policy has no admin arm)', $$select 1 from public.admin_read('milestones', page_size => 1000) r where r->>'id' like 'b1000000-%'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'ok:4', 'denied', 'ok:4'),
('milestones', 'insert', $$insert into public.milestones (mission_id, title, order_index, amount_cents) values ('b0000000-0000-4000-8000-000000000001', 'x', 9, 100)$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('milestones', 'update draft', $$update public.milestones set title = 'Renamed' where id = 'b1000000-0000-4000-8000-000000000001'$$,
  'denied', 'ok:0', 'ok:0', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:1'),
('milestones', 'update open', $$update public.milestones set title = 'Renamed' where id = 'b1000000-0000-4000-8000-000000000002'$$,
  'denied', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:1'),
('milestones', 'delete', $$delete from public.milestones where id = 'b1000000-0000-4000-8000-000000000001'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
-- mission_assignments
('mission_assignments', 'select', $$select 1 from public.mission_assignments where id::text like 'b2000000-%'$$,
  'denied', 'ok:2', 'ok:0', 'ok:2', 'ok:0', 'ok:0', 'ok:1', 'ok:2'),
('mission_assignments', 'select through admin_read (admins'' read path: the policy has no admin arm)', $$select 1 from public.admin_read('mission_assignments', page_size => 1000) r where r->>'id' like 'b2000000-%'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'ok:2', 'denied', 'ok:2'),
('mission_assignments', 'insert', $$insert into public.mission_assignments (mission_id, contributor_id, role) values ('b0000000-0000-4000-8000-000000000002', tests.cid('a0000000-0000-4000-8000-000000000002'), 'lead')$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('mission_assignments', 'update', $$update public.mission_assignments set review_text = 'x' where id = 'b2000000-0000-4000-8000-000000000001'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('mission_assignments', 'delete', $$delete from public.mission_assignments where id = 'b2000000-0000-4000-8000-000000000002'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
-- mission_applications
('mission_applications', 'select', $$select 1 from public.mission_applications where id::text like 'b3000000-%'$$,
  'denied', 'ok:1', 'ok:2', 'ok:2', 'ok:2', 'ok:0', 'ok:1', 'ok:4'),
('mission_applications', 'select through admin_read (admins'' read path: the policy has no admin arm)', $$select 1 from public.admin_read('mission_applications', page_size => 1000) r where r->>'id' like 'b3000000-%'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'ok:4', 'denied', 'ok:4'),
('mission_applications', 'insert', $$insert into public.mission_applications (mission_id, contributor_id) values ('b0000000-0000-4000-8000-000000000004', tests.cid('a0000000-0000-4000-8000-000000000001'))$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('mission_applications', 'update', $$update public.mission_applications set cover_letter = 'x' where id = 'b3000000-0000-4000-8000-000000000001'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('mission_applications', 'delete', $$delete from public.mission_applications where id = 'b3000000-0000-4000-8000-000000000001'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
-- work_submissions
('work_submissions', 'select', $$select 1 from public.work_submissions where id::text like 'b4000000-%'$$,
  'denied', 'ok:1', 'ok:0', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:1'),
('work_submissions', 'select through admin_read (admins'' read path: the policy has no admin arm)', $$select 1 from public.admin_read('work_submissions', page_size => 1000) r where r->>'id' like 'b4000000-%'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1', 'denied', 'ok:1'),
('work_submissions', 'insert', $$insert into public.work_submissions (milestone_id, mission_id, assignment_id, version, content) values ('b1000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000003', 'b2000000-0000-4000-8000-000000000001', 2, 'again')$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('work_submissions', 'update', $$update public.work_submissions set content = 'x' where id = 'b4000000-0000-4000-8000-000000000001'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('work_submissions', 'delete', $$delete from public.work_submissions where id = 'b4000000-0000-4000-8000-000000000001'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
-- reviews
('reviews', 'select', $$select 1 from public.reviews where id::text like 'b5000000-%'$$,
  'denied', 'ok:1', 'ok:1', 'ok:1', 'ok:1', 'ok:1', 'ok:0', 'ok:1'),
('reviews', 'insert', $$insert into public.reviews (assignment_id, mission_id, reviewer_id, reviewee_id, direction, rating) values ('b2000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000003', 'a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000003', 'contributor_to_initiator', 5)$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('reviews', 'update', $$update public.reviews set rating = 1 where id = 'b5000000-0000-4000-8000-000000000001'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('reviews', 'delete', $$delete from public.reviews where id = 'b5000000-0000-4000-8000-000000000001'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
-- milestone_payouts (written at approval by approve_milestone; append-only for every writer)
('milestone_payouts', 'select', $$select 1 from public.milestone_payouts where mission_id::text like 'b0000000-%'$$,
  'denied', 'ok:1', 'ok:0', 'ok:1', 'ok:0', 'ok:1', 'ok:0', 'ok:1'),
('milestone_payouts', 'insert', $$insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents) values ('b1000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000003', tests.cid('a0000000-0000-4000-8000-000000000006'), 'shadow', 1000, 90)$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', '55000'),
('milestone_payouts', 'update', $$update public.milestone_payouts set payout_cents = 1 where milestone_id = 'b1000000-0000-4000-8000-000000000003'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', '55000'),
('milestone_payouts', 'delete', $$delete from public.milestone_payouts where milestone_id = 'b1000000-0000-4000-8000-000000000003'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', '55000'),
-- escrow_transactions
('escrow_transactions', 'select', $$select 1 from public.escrow_transactions where id::text like 'b6000000-%'$$,
  'denied', 'ok:1', 'ok:0', 'ok:3', 'ok:1', 'ok:0', 'ok:0', 'ok:4'),
('escrow_transactions', 'select through admin_read (admins'' read path: the policy has no admin arm)', $$select 1 from public.admin_read('escrow_transactions', page_size => 1000) r where r->>'id' like 'b6000000-%'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'ok:4', 'denied', 'ok:4'),
('escrow_transactions', 'insert', $$insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents) values ('b0000000-0000-4000-8000-000000000002', tests.iid('a0000000-0000-4000-8000-000000000003'), 'deposit', 1000)$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('escrow_transactions', 'update', $$update public.escrow_transactions set description = 'x' where id = 'b6000000-0000-4000-8000-000000000001'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('escrow_transactions', 'delete', $$delete from public.escrow_transactions where id = 'b6000000-0000-4000-8000-000000000004'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', '55000'),
-- proof_tasks
('proof_tasks', 'select', $$select 1 from public.proof_tasks where id::text like 'b7000000-%'$$,
  'denied', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:2', 'ok:1', 'ok:2'),
('proof_tasks', 'insert', $$insert into public.proof_tasks (title, scenario, category) values ('Probe task', 's', 'backend')$$,
  'denied', 'rls', 'rls', 'rls', 'rls', 'ok:1', 'rls', 'ok:1'),
('proof_tasks', 'update', $$update public.proof_tasks set title = 'Renamed task' where id = 'b7000000-0000-4000-8000-000000000001'$$,
  'denied', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:1', 'ok:0', 'ok:1'),
('proof_tasks', 'delete', $$delete from public.proof_tasks where id = 'b7000000-0000-4000-8000-000000000002'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
-- proof_task_grading_guides
('proof_task_grading_guides', 'select', $$select 1 from public.proof_task_grading_guides where task_id::text like 'b7000000-%'$$,
  'denied', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:1', 'ok:0', 'ok:1'),
('proof_task_grading_guides', 'insert', $$insert into public.proof_task_grading_guides (task_id, expected_approach) values ('b7000000-0000-4000-8000-000000000002', 'x')$$,
  'denied', 'rls', 'rls', 'rls', 'rls', 'ok:1', 'rls', 'ok:1'),
('proof_task_grading_guides', 'update', $$update public.proof_task_grading_guides set expected_approach = 'x' where task_id = 'b7000000-0000-4000-8000-000000000001'$$,
  'denied', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:1', 'ok:0', 'ok:1'),
('proof_task_grading_guides', 'delete', $$delete from public.proof_task_grading_guides where task_id = 'b7000000-0000-4000-8000-000000000001'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
-- proof_task_submissions
('proof_task_submissions', 'select', $$select 1 from public.proof_task_submissions where id::text like 'b8000000-%'$$,
  'denied', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:1', 'ok:2'),
('proof_task_submissions', 'select through admin_read (admins'' read path: the policy has no admin arm)', $$select 1 from public.admin_read('proof_task_submissions', page_size => 1000) r where r->>'id' like 'b8000000-%'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'ok:2', 'denied', 'ok:2'),
('proof_task_submissions', 'insert', $$insert into public.proof_task_submissions (contributor_id, task_id, answer) values (tests.cid('a0000000-0000-4000-8000-000000000002'), 'b7000000-0000-4000-8000-000000000001', 'x')$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('proof_task_submissions', 'update', $$update public.proof_task_submissions set answer = 'x' where id = 'b8000000-0000-4000-8000-000000000001'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('proof_task_submissions', 'delete', $$delete from public.proof_task_submissions where id = 'b8000000-0000-4000-8000-000000000001'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
-- notifications
('notifications', 'select', $$select 1 from public.notifications where id::text like 'b9000000-%'$$,
  'denied', 'ok:1', 'ok:1', 'ok:1', 'ok:0', 'ok:0', 'ok:1', 'ok:4'),
('notifications', 'insert', $$insert into public.notifications (user_id, type, title, message) values ('a0000000-0000-4000-8000-000000000001', 'probe', 't', 'm')$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('notifications', 'update own', $$update public.notifications set is_archived = true where user_id = auth.uid() and id::text like 'b9000000-%'$$,
  'denied', 'ok:1', 'ok:1', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:0'),
('notifications', 'update other', $$update public.notifications set is_archived = true where id = 'b9000000-0000-4000-8000-000000000002'$$,
  'denied', 'ok:0', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:1'),
('notifications', 'delete own', $$delete from public.notifications where user_id = auth.uid() and id::text like 'b9000000-%'$$,
  'denied', 'ok:1', 'ok:1', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:0'),
('notifications', 'delete other', $$delete from public.notifications where id = 'b9000000-0000-4000-8000-000000000002'$$,
  'denied', 'ok:0', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:1'),
-- conversations
('conversations', 'select', $$select 1 from public.conversations where id::text like 'ba000000-%'$$,
  'denied', 'ok:1', 'ok:1', 'ok:1', 'ok:1', 'ok:0', 'ok:0', 'ok:2'),
('conversations', 'insert', $$insert into public.conversations (type) values ('direct')$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('conversations', 'update', $$update public.conversations set updated_at = now() where id = 'ba000000-0000-4000-8000-000000000001'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('conversations', 'delete', $$delete from public.conversations where id = 'ba000000-0000-4000-8000-000000000002'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
-- conversation_participants
('conversation_participants', 'select', $$select 1 from public.conversation_participants where conversation_id::text like 'ba000000-%'$$,
  'denied', 'ok:3', 'ok:2', 'ok:3', 'ok:2', 'ok:0', 'ok:0', 'ok:5'),
('conversation_participants', 'insert', $$insert into public.conversation_participants (conversation_id, user_id) values ('ba000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000001')$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('conversation_participants', 'update own', $$update public.conversation_participants set last_read_at = now() where user_id = auth.uid() and conversation_id::text like 'ba000000-%'$$,
  'denied', 'ok:1', 'ok:1', 'ok:1', 'ok:1', 'ok:0', 'ok:0', 'ok:0'),
('conversation_participants', 'update other', $$update public.conversation_participants set last_read_at = now() where user_id = 'a0000000-0000-4000-8000-000000000003' and conversation_id::text like 'ba000000-%'$$,
  'denied', 'ok:0', 'ok:0', 'ok:1', 'ok:0', 'ok:0', 'ok:0', 'ok:1'),
('conversation_participants', 'delete', $$delete from public.conversation_participants where user_id = 'a0000000-0000-4000-8000-000000000004'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
-- messages
('messages', 'select', $$select 1 from public.messages where id::text like 'bb000000-%'$$,
  'denied', 'ok:1', 'ok:1', 'ok:1', 'ok:1', 'ok:0', 'ok:0', 'ok:2'),
('messages', 'insert', $$insert into public.messages (conversation_id, content) values ('ba000000-0000-4000-8000-000000000001', 'hi')$$,
  'denied', 'ok:1', 'rls', 'ok:1', 'rls', 'rls', 'rls', '23502'),
('messages', 'update', $$update public.messages set content = 'edited' where id = 'bb000000-0000-4000-8000-000000000001'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('messages', 'delete', $$delete from public.messages where id = 'bb000000-0000-4000-8000-000000000001'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
-- lifecycle_transitions: the state machines, read-only data
('lifecycle_transitions', 'select', $$select 1 from public.lifecycle_transitions where machine = 'milestone' and action = 'approve'$$,
  'ok:3', 'ok:3', 'ok:3', 'ok:3', 'ok:3', 'ok:3', 'ok:3', 'ok:3'),
('lifecycle_transitions', 'insert', $$insert into public.lifecycle_transitions values ('milestone', 'approve', 'pending', 'approved', 'initiator')$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied'),
('lifecycle_transitions', 'update', $$update public.lifecycle_transitions set to_state = 'paid' where machine = 'milestone' and action = 'approve'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied'),
('lifecycle_transitions', 'delete', $$delete from public.lifecycle_transitions where machine = 'milestone'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied'),
-- audit_logs
('audit_logs', 'select', $$select 1 from public.audit_logs where entity_type = 'mission' and entity_id = 'b0000000-0000-4000-8000-000000000001'$$,
  'denied', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:1', 'ok:0', 'ok:1'),
('audit_logs', 'insert', $$insert into public.audit_logs (action, entity_type) values ('probe', 'probe')$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok:1'),
('audit_logs', 'update', $$update public.audit_logs set action = 'forged' where entity_id = 'b0000000-0000-4000-8000-000000000001'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied'),
('audit_logs', 'delete', $$delete from public.audit_logs where entity_id = 'b0000000-0000-4000-8000-000000000001'$$,
  'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied');

-- Columns nobody writes directly, tried one by one by the row's own (active) owner.
create temp table refused_columns (n serial, persona text, stmt text);
insert into refused_columns (persona, stmt) values
  ('ca', $$update public.profiles set primary_role = 'admin' where id = auth.uid()$$),
  ('ca', $$update public.profiles set account_status = 'active' where id = auth.uid()$$),
  ('ca', $$update public.profiles set last_login_at = now() where id = auth.uid()$$),
  ('ca', $$update public.profiles set created_at = now() where id = auth.uid()$$),
  ('ca', $$update public.profiles set id = gen_random_uuid() where id = auth.uid()$$),
  ('ca', $$update public.contributor_profiles set trust_score = 100 where user_id = auth.uid()$$),
  ('ca', $$update public.contributor_profiles set match_power = 100 where user_id = auth.uid()$$),
  ('ca', $$update public.contributor_profiles set verification_status = 'verified' where user_id = auth.uid()$$),
  ('ca', $$update public.contributor_profiles set verification_date = now() where user_id = auth.uid()$$),
  ('ca', $$update public.contributor_profiles set completion_rate = 100 where user_id = auth.uid()$$),
  ('ca', $$update public.contributor_profiles set total_missions_completed = 99 where user_id = auth.uid()$$),
  ('ca', $$update public.contributor_profiles set shadow_assignments = 9 where user_id = auth.uid()$$),
  ('ca', $$update public.contributor_profiles set user_id = 'a0000000-0000-4000-8000-000000000002' where user_id = auth.uid()$$),
  ('ca', $$update public.contributor_private_details set total_earnings_cents = 1 where contributor_id = tests.cid(auth.uid())$$),
  ('ca', $$update public.contributor_private_details set earnings_currency = 'EUR' where contributor_id = tests.cid(auth.uid())$$),
  ('ca', $$update public.contributor_private_details set background_check_status = 'passed' where contributor_id = tests.cid(auth.uid())$$),
  ('ca', $$update public.contributor_private_details set background_check_date = now() where contributor_id = tests.cid(auth.uid())$$),
  ('ca', $$update public.contributor_private_details set stripe_account_id = 'acct_x' where contributor_id = tests.cid(auth.uid())$$),
  ('ca', $$update public.contributor_private_details set stripe_charges_enabled = true where contributor_id = tests.cid(auth.uid())$$),
  ('ca', $$update public.contributor_private_details set stripe_payouts_enabled = true where contributor_id = tests.cid(auth.uid())$$),
  ('ca', $$update public.contributor_private_details set stripe_details_submitted = true where contributor_id = tests.cid(auth.uid())$$),
  ('ca', $$update public.contributor_skills set verified = true where contributor_id = tests.cid(auth.uid())$$),
  ('ia', $$update public.initiator_profiles set is_verified = true where user_id = auth.uid()$$),
  ('ia', $$update public.initiator_profiles set verification_date = now() where user_id = auth.uid()$$),
  ('ia', $$update public.initiator_profiles set total_missions_posted = 9 where user_id = auth.uid()$$),
  ('ia', $$update public.initiator_profiles set average_rating = 5 where user_id = auth.uid()$$),
  ('ia', $$update public.initiator_profiles set user_id = 'a0000000-0000-4000-8000-000000000004' where user_id = auth.uid()$$),
  ('ia', $$update public.initiator_private_details set stripe_customer_id = 'cus_x' where initiator_id = tests.iid(auth.uid())$$),
  ('ia', $$update public.initiator_private_details set total_spent_cents = 1 where initiator_id = tests.iid(auth.uid())$$),
  ('ia', $$update public.missions set status = 'open' where id = 'b0000000-0000-4000-8000-000000000001'$$),
  ('ia', $$update public.missions set initiator_id = tests.iid('a0000000-0000-4000-8000-000000000004') where id = 'b0000000-0000-4000-8000-000000000001'$$),
  ('ia', $$update public.missions set platform_fee_bps = 0 where id = 'b0000000-0000-4000-8000-000000000001'$$),
  ('ia', $$update public.missions set lead_share_bps = 10000, shadow_share_bps = 0, core_reviewer_share_bps = 0 where id = 'b0000000-0000-4000-8000-000000000001'$$),
  ('ia', $$update public.missions set featured = true where id = 'b0000000-0000-4000-8000-000000000001'$$),
  ('ia', $$update public.missions set slug = 'renamed' where id = 'b0000000-0000-4000-8000-000000000001'$$),
  ('ia', $$update public.missions set published_at = now() where id = 'b0000000-0000-4000-8000-000000000001'$$),
  ('ia', $$update public.missions set currency = 'EUR' where id = 'b0000000-0000-4000-8000-000000000001'$$),
  ('ia', $$update public.milestones set status = 'paid' where id = 'b1000000-0000-4000-8000-000000000001'$$),
  ('ia', $$update public.milestones set mission_id = 'b0000000-0000-4000-8000-000000000002' where id = 'b1000000-0000-4000-8000-000000000001'$$),
  ('ia', $$update public.milestones set paid_at = now() where id = 'b1000000-0000-4000-8000-000000000001'$$),
  ('ia', $$update public.mission_required_skills set mission_id = 'b0000000-0000-4000-8000-000000000002' where mission_id = 'b0000000-0000-4000-8000-000000000001'$$),
  ('ca', $$update public.notifications set user_id = 'a0000000-0000-4000-8000-000000000002' where user_id = auth.uid()$$),
  ('ca', $$update public.notifications set title = 'forged' where user_id = auth.uid()$$),
  ('ca', $$update public.notifications set type = 'forged' where user_id = auth.uid()$$),
  ('ca', $$update public.conversation_participants set user_id = 'a0000000-0000-4000-8000-000000000002' where user_id = auth.uid()$$),
  ('ca', $$update public.conversation_participants set joined_at = now() where user_id = auth.uid()$$),
  ('ca', $$insert into public.messages (conversation_id, content, sender_id) values ('ba000000-0000-4000-8000-000000000001', 'spoofed', 'a0000000-0000-4000-8000-000000000003')$$),
  ('ca', $$insert into public.messages (conversation_id, content, is_edited) values ('ba000000-0000-4000-8000-000000000001', 'x', true)$$);


-- ---------------------------------------------------------------------------------------------
-- Privacy by column: every column of every table and view in public is classified by who may
-- SELECT it. 'anon' = signed-out callers and every signed-in user; 'signed-in' = the authenticated
-- role only; 'nobody' = no API role (the owner reads it through an RPC, or only the platform does).
-- Rows are limited by the policies above; this decides the columns within those rows. A new column
-- fails the test below until it is classified here (and granted accordingly).
-- ---------------------------------------------------------------------------------------------
create temp table column_readers (tbl text, readers text, cols text[], why text);
insert into column_readers values
('audit_logs', 'signed-in', '{id,user_id,ip_address,user_agent,action,entity_type,entity_id,old_values,new_values,metadata,created_at}', 'rows: admins only'),
('contributor_private_details', 'signed-in', '{contributor_id,availability_hours_per_week,total_earnings_cents,earnings_currency,background_check_status,background_check_date,background_check_consented_at,stripe_account_id,stripe_charges_enabled,stripe_payouts_enabled,stripe_details_submitted,updated_at,stripe_account_country,stripe_account_synced_at}', 'rows: the owner and admins only'),
('contributor_profiles', 'signed-in', '{id,user_id,verification_status,verification_date,is_looking_for_work,timezone,headline,bio,github_url,linkedin_url,portfolio_url,years_experience,trust_score,match_power,completion_rate,total_missions_completed,shadow_assignments,average_rating,created_at,updated_at}', 'a contributor''s public presentation and reputation'),
('contributor_skills', 'signed-in', '{contributor_id,skill_id,proficiency_level,years_experience,verified,created_at}', 'public skills of contributors'),
('conversation_participants', 'signed-in', '{conversation_id,user_id,joined_at,last_read_at}', 'rows: participants; read markers are shown to the conversation'),
('conversations', 'signed-in', '{id,mission_id,type,created_by,created_at,updated_at}', 'rows: participants'),
('escrow_transactions', 'signed-in', '{id,mission_id,milestone_id,initiator_id,contributor_id,type,amount_cents,currency,stripe_payment_intent_id,stripe_transfer_id,stripe_refund_id,status,description,created_at,processed_at,stripe_charge_id,stripe_dispute_id,correlation_id}', 'rows: the payer, the payee and admins'),
('initiator_private_details', 'signed-in', '{initiator_id,total_spent_cents,spent_currency,stripe_customer_id,default_payment_method_id,updated_at}', 'rows: the owner and admins'),
('initiator_profiles', 'anon', '{id,user_id,company_name,company_url,company_size,industry,is_verified,verification_date,total_missions_posted,average_rating,created_at,updated_at}', 'public company information shown on listed missions'),
('lifecycle_transitions', 'anon', '{machine,action,from_state,to_state,actor}', 'the state machines are public documentation'),
('messages', 'signed-in', '{id,conversation_id,sender_id,content,message_type,attachments,is_edited,is_deleted,created_at,edited_at}', 'rows: participants'),
('milestones', 'anon', '{id,mission_id,title,description,order_index,amount_cents,status,revision_count,due_date,submitted_at,approved_at,paid_at,deadline_reminded_at,created_at,updated_at,mission_listed}', 'the plan of a listed mission is public (it names no payee: those are in milestone_payouts)'),
('milestone_payouts', 'signed-in', '{milestone_id,mission_id,contributor_id,role,share_bps,payout_cents,created_at}', 'rows: the payee (own parts), the mission''s initiator, admins'),
('mission_applications', 'signed-in', '{id,mission_id,contributor_id,cover_letter,proposed_timeline,proposed_approach,match_score,status,created_at,updated_at,reviewed_at}', 'rows: the applicant, the initiator, admins'),
('mission_assignments', 'signed-in', '{id,mission_id,contributor_id,role,status,rating,review_text,assigned_at,invitation_expires_at,accepted_at,completed_at,ended_at,end_reason,updated_at}', 'rows: the team, the initiator, admins'),
('listed_missions', 'anon', '{id,initiator_id,listed_status,title,slug,type,complexity,budget_min_cents,budget_max_cents,currency,estimated_duration_days,deadline,featured,published_at,milestones,mission_required_skills,initiator_profiles}', 'the marketplace: a card per listed mission, all of it public'),
('mission_required_skills', 'anon', '{mission_id,skill_id,importance,mission_listed}', 'public on listed missions'),
('missions', 'anon', '{id,initiator_id,title,slug,description,problem_statement,success_criteria,type,complexity,budget_min_cents,budget_max_cents,currency,platform_fee_bps,lead_share_bps,shadow_share_bps,core_reviewer_share_bps,estimated_duration_days,deadline,max_lead_contributors,max_shadow_contributors,requires_core_reviewer,status,is_public,featured,created_at,updated_at,published_at,started_at,completed_at,cancelled_at,cancellation_reason,disputed_at,listed_status}', 'the listing; cancellation_reason only on cancelled (never listed) rows'),
('missions', 'nobody', '{dispute_reason}', 'stays after a dispute is resolved and the mission is listed again: public.mission_dispute() for the parties'),
('notifications', 'signed-in', '{id,user_id,type,title,message,priority,action_url,action_label,is_read,is_archived,metadata,created_at,read_at,expires_at}', 'rows: the recipient'),
('profiles', 'signed-in', '{id,full_name,avatar_url,primary_role,account_status,created_at,updated_at}', 'the public face of a user'),
('profiles', 'nobody', '{last_login_at,email_opt_outs}', 'the owner''s own business: public.my_account(); admins: admin_list_users()'),
('proof_task_grading_guides', 'signed-in', '{task_id,expected_approach,updated_at}', 'rows: admins only'),
('proof_task_submissions', 'signed-in', '{id,contributor_id,task_id,answer,time_taken_seconds,score,feedback,evaluated_by,status,created_at,evaluated_at,started_at,is_late}', 'rows: the author and admins'),
('proof_tasks', 'signed-in', '{id,title,scenario,difficulty,time_limit_minutes,category,is_active,created_by,created_at,updated_at}', 'rows: the contributor given the task, admins'),
('reviews', 'signed-in', '{id,assignment_id,mission_id,reviewer_id,reviewee_id,direction,rating,comment,created_at}', 'public reputation for signed-in users'),
('skills', 'anon', '{id,name,category,icon_url,is_active,created_at}', 'the public catalogue'),
('work_submissions', 'signed-in', '{id,milestone_id,mission_id,assignment_id,version,content,links,storage_paths,status,feedback,created_at,reviewed_at}', 'rows: the active team, the initiator, admins');

select plan(
  (select count(*)::int * 8 * 2 from matrix)
  + (select count(*)::int from refused_columns)
  + 6);

-- Every probe twice: as the bare request, and after PostgREST's pre-request hook, whose remembered
-- caller facts the policies' helpers then read (private.remember_caller): the same outcome both ways.
select is(tests.try_as(p.role, p.claims, m.stmt, hook.hooked),
          case p.name when 'anon' then m.anon when 'ca' then m.ca when 'cb' then m.cb when 'ia' then m.ia
                      when 'ib' then m.ib when 'ad' then m.ad when 'su' then m.su else m.sr end,
          format('%s %s as %s%s', m.tbl, m.op, p.name, case when hook.hooked then ', after the pre-request hook' else '' end))
from matrix m cross join personas p cross join (values (false), (true)) as hook (hooked)
order by hook.hooked, m.n, array_position(array['anon', 'ca', 'cb', 'ia', 'ib', 'ad', 'su', 'sr'], p.name);

select is(tests.try_as(p.role, p.claims, r.stmt), 'denied', format('refused column write as %s: %s', r.persona, r.stmt))
from refused_columns r join personas p on p.name = r.persona
order by r.n;

-- A system message cannot be posted by a user, and the policy, not a grant, is what refuses it.
select is(tests.try_as(p.role, p.claims,
  $$insert into public.messages (conversation_id, content, message_type) values ('ba000000-0000-4000-8000-000000000001', 'x', 'system')$$),
  'rls', 'a participant cannot post a system message') from personas p where p.name = 'ca';

-- Every exposed table appears in the matrix, with all four actions.
select is_empty(
  $$select c.relname::text from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v')
    except select tbl from matrix$$,
  'every table and view in public is in the matrix');
select is_empty(
  $$select tbl from matrix group by tbl
    having not (bool_or(op like 'select%') and bool_or(op like 'insert%') and bool_or(op like 'update%') and bool_or(op like 'delete%'))$$,
  'every table is probed for select, insert, update and delete');

-- Every column of every table and view in public is classified, and the grants are exactly the classification.
select is_empty(
  $$select c.relname::text, a.attname::text from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm')
    except select tbl, unnest(cols) from column_readers$$,
  'every column of every table and view in public is classified by who may read it');
select is_empty(
  $$select c.relname::text, a.attname::text,
           has_column_privilege('anon', c.oid, a.attnum, 'SELECT'), has_column_privilege('authenticated', c.oid, a.attnum, 'SELECT')
    from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm')
    except
    select tbl, col, readers = 'anon', readers in ('anon', 'signed-in') from column_readers, unnest(cols) col$$,
  'anon and authenticated may SELECT exactly the columns classified for them');

-- Admin actions are audited with the acting admin: making someone admin through the RPC.
select tests.authenticate_as('ad');
-- The client wrote a first x-forwarded-for entry; our proxy appended the address it saw (the rightmost).
select set_config('request.headers', '{"x-forwarded-for":"10.0.0.1, 203.0.113.9","user-agent":"probe/1.0"}', true);
select public.set_user_role('a0000000-0000-4000-8000-000000000002', 'admin');
select tests.as_postgres();
select results_eq(
  $$select user_id, host(ip_address), user_agent, action, old_values ->> 'primary_role', new_values ->> 'primary_role'
    from public.audit_logs where entity_type = 'user' and entity_id = 'a0000000-0000-4000-8000-000000000002'$$,
  $$values ('a0000000-0000-4000-8000-000000000005'::uuid, '203.0.113.9', 'probe/1.0', 'user.primary_role_changed'::varchar, 'contributor', 'admin')$$,
  'an admin making an admin is audited with who, from where, and old and new values');

select * from finish();
rollback;
