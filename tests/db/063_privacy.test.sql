-- Privacy: export_my_data() returns everything about the caller and nothing about anyone else;
-- delete_my_account() / admin_delete_account() anonymize personal data and keep the financial
-- records (missions, milestones, assignments, escrow) exactly as they were.
begin;
select plan(57);

-- ---------------------------------------------------------------------------------------------
-- Fixture: Priya (contributor, the one who exports and deletes), Olaf (another contributor),
-- Isla (initiator), an admin.
-- ---------------------------------------------------------------------------------------------
select tests.create_user('priya@example.com', '{"full_name":"Priya Patel","avatar_url":"https://img.example.com/priya.png"}',
  id => '64000000-0000-4000-8000-000000000001');
select tests.create_user('olaf@example.com', '{"full_name":"Olaf Other"}', id => '64000000-0000-4000-8000-000000000002');
select tests.create_user('isla@example.com', '{"full_name":"Isla Initiator","role":"initiator"}', id => '64000000-0000-4000-8000-000000000003');
select tests.create_user('pv-admin@example.com', '{"full_name":"Pia Admin"}', id => '64000000-0000-4000-8000-000000000004');
update public.profiles set primary_role = 'admin' where id = '64000000-0000-4000-8000-000000000004';
update public.contributor_profiles set verification_status = 'verified', headline = 'Rust engineer', bio = 'PRIYA-BIO',
  github_url = 'https://github.com/priya', portfolio_url = 'https://priya.dev'
  where user_id = '64000000-0000-4000-8000-000000000001';
update public.contributor_profiles set verification_status = 'verified', bio = 'OLAF-BIO' where user_id = '64000000-0000-4000-8000-000000000002';
update public.initiator_profiles set company_name = 'Isla Corp', company_url = 'https://isla.example' where user_id = '64000000-0000-4000-8000-000000000003';
insert into public.skills (id, name, category) values ('64100000-0000-4000-8000-000000000001', 'Privacy Rust', 'language');
insert into public.contributor_skills (contributor_id, skill_id) values
  (tests.cid('64000000-0000-4000-8000-000000000001'), '64100000-0000-4000-8000-000000000001'),
  (tests.cid('64000000-0000-4000-8000-000000000002'), '64100000-0000-4000-8000-000000000001');
insert into auth.sessions (id, user_id, created_at, updated_at, user_agent, ip, aal, not_after) values
  ('64500000-0000-4000-8000-000000000001', '64000000-0000-4000-8000-000000000001', now(), now(), 'PRIYA-BROWSER', '203.0.113.21', 'aal1', now() + interval '7 days'),
  ('64500000-0000-4000-8000-000000000002', '64000000-0000-4000-8000-000000000002', now(), now(), 'OLAF-BROWSER', '203.0.113.22', 'aal1', now() + interval '7 days');

-- M1: Isla's completed mission; Priya was the lead and was paid from escrow (900 + 100 fee).
-- M2: Isla's open mission; Priya and Olaf applied. M3: Isla's mission in progress, Olaf leads it.
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days,
                             status, published_at, started_at, completed_at) values
  ('64200000-0000-4000-8000-000000000001', tests.iid('64000000-0000-4000-8000-000000000003'), 'Done mission', 'pv-m1', 'd', 'backend', 100, 10000, 5,
   'completed', now(), now(), now()),
  ('64200000-0000-4000-8000-000000000002', tests.iid('64000000-0000-4000-8000-000000000003'), 'Open mission', 'pv-m2', 'd', 'backend', 100, 10000, 5,
   'open', now(), null, null),
  ('64200000-0000-4000-8000-000000000003', tests.iid('64000000-0000-4000-8000-000000000003'), 'Running mission', 'pv-m3', 'd', 'backend', 100, 10000, 5,
   'in_progress', now(), now(), null);
insert into public.milestones (id, mission_id, title, order_index, amount_cents, status) values
  ('64300000-0000-4000-8000-000000000001', '64200000-0000-4000-8000-000000000001', 'All of it', 0, 1000, 'paid'),
  ('64300000-0000-4000-8000-000000000002', '64200000-0000-4000-8000-000000000002', 'All of it', 0, 1000, 'pending'),
  ('64300000-0000-4000-8000-000000000003', '64200000-0000-4000-8000-000000000003', 'All of it', 0, 1000, 'in_progress');
insert into public.mission_assignments (id, mission_id, contributor_id, role, status, accepted_at, completed_at) values
  ('64400000-0000-4000-8000-000000000001', '64200000-0000-4000-8000-000000000001', tests.cid('64000000-0000-4000-8000-000000000001'), 'lead', 'completed', now(), now()),
  ('64400000-0000-4000-8000-000000000003', '64200000-0000-4000-8000-000000000003', tests.cid('64000000-0000-4000-8000-000000000002'), 'lead', 'active', now(), null);
insert into public.mission_applications (mission_id, contributor_id, cover_letter) values
  ('64200000-0000-4000-8000-000000000002', tests.cid('64000000-0000-4000-8000-000000000001'), 'PRIYA-COVER'),
  ('64200000-0000-4000-8000-000000000002', tests.cid('64000000-0000-4000-8000-000000000002'), 'OLAF-COVER');
insert into public.work_submissions (mission_id, milestone_id, assignment_id, version, content) values
  ('64200000-0000-4000-8000-000000000001', '64300000-0000-4000-8000-000000000001', '64400000-0000-4000-8000-000000000001', 1, 'PRIYA-DELIVERABLE');
insert into public.reviews (assignment_id, mission_id, reviewer_id, reviewee_id, direction, rating, comment) values
  ('64400000-0000-4000-8000-000000000001', '64200000-0000-4000-8000-000000000001', '64000000-0000-4000-8000-000000000003',
   '64000000-0000-4000-8000-000000000001', 'initiator_to_contributor', 5, 'Great work'),
  ('64400000-0000-4000-8000-000000000001', '64200000-0000-4000-8000-000000000001', '64000000-0000-4000-8000-000000000001',
   '64000000-0000-4000-8000-000000000003', 'contributor_to_initiator', 4, 'Clear specs');
insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents) values
  ('64300000-0000-4000-8000-000000000001', '64200000-0000-4000-8000-000000000001', tests.cid('64000000-0000-4000-8000-000000000001'), 'lead', 10000, 900);
select tests.charge('pi_pv_1', '64200000-0000-4000-8000-000000000001', 2000), tests.charge('pi_pv_3', '64200000-0000-4000-8000-000000000003', 1000);
insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents, status, stripe_payment_intent_id) values
  ('64200000-0000-4000-8000-000000000001', null, tests.iid('64000000-0000-4000-8000-000000000003'), null, 'deposit', 2000, 'completed', 'pi_pv_1'),
  ('64200000-0000-4000-8000-000000000001', '64300000-0000-4000-8000-000000000001', tests.iid('64000000-0000-4000-8000-000000000003'),
   tests.cid('64000000-0000-4000-8000-000000000001'), 'release', 900, 'completed', null),
  ('64200000-0000-4000-8000-000000000001', '64300000-0000-4000-8000-000000000001', tests.iid('64000000-0000-4000-8000-000000000003'), null, 'platform_fee', 100, 'completed', null),
  ('64200000-0000-4000-8000-000000000003', null, tests.iid('64000000-0000-4000-8000-000000000003'), null, 'deposit', 1000, 'completed', 'pi_pv_3');
-- A direct conversation of Priya, Olaf and Isla.
insert into public.conversations (id, type) values ('64600000-0000-4000-8000-000000000001', 'direct');
insert into public.conversation_participants (conversation_id, user_id) values
  ('64600000-0000-4000-8000-000000000001', '64000000-0000-4000-8000-000000000001'),
  ('64600000-0000-4000-8000-000000000001', '64000000-0000-4000-8000-000000000002'),
  ('64600000-0000-4000-8000-000000000001', '64000000-0000-4000-8000-000000000003');
insert into public.messages (conversation_id, sender_id, content) values
  ('64600000-0000-4000-8000-000000000001', '64000000-0000-4000-8000-000000000001', 'PRIYA-MESSAGE'),
  ('64600000-0000-4000-8000-000000000001', '64000000-0000-4000-8000-000000000002', 'OLAF-MESSAGE'),
  ('64600000-0000-4000-8000-000000000001', '64000000-0000-4000-8000-000000000003', 'ISLA-MESSAGE');
insert into public.notifications (user_id, type, title, message) values
  ('64000000-0000-4000-8000-000000000001', 'probe', 'PRIYA-NOTE', 'm'),
  ('64000000-0000-4000-8000-000000000002', 'probe', 'OLAF-NOTE', 'm');
insert into public.proof_tasks (id, title, scenario, category) values ('64700000-0000-4000-8000-000000000001', 'Privacy task', 's', 'backend');
insert into public.proof_task_grading_guides (task_id, expected_approach) values ('64700000-0000-4000-8000-000000000001', 'GUIDE-SECRET');
insert into public.proof_task_submissions (contributor_id, task_id, answer, status, score, evaluated_at) values
  (tests.cid('64000000-0000-4000-8000-000000000001'), '64700000-0000-4000-8000-000000000001', 'PRIYA-ANSWER', 'passed', 88, now()),
  (tests.cid('64000000-0000-4000-8000-000000000002'), '64700000-0000-4000-8000-000000000001', 'OLAF-ANSWER', 'passed', 77, now());

create temp table got (name text primary key, doc jsonb);
grant all on got to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Export
-- ---------------------------------------------------------------------------------------------
select tests.as_anon();
select throws_ok($$select public.export_my_data()$$, '42501', null, 'anon exports nothing');
select tests.as_postgres();
select is((select array_agg(pg_get_function_identity_arguments(oid)) from pg_proc where proname = 'export_my_data'), array['', ''],
  'export_my_data takes no argument: there is no way to name someone else');

select tests.authenticate_as('priya');
insert into got values ('priya', public.export_my_data());
select tests.as_postgres();
select results_eq($$select doc ->> 'user_id', doc #>> '{account,email}', doc #>> '{profile,full_name}', doc #>> '{contributor_profile,bio}',
                          doc #>> '{contributor_private_details,availability_hours_per_week}' from got where name = 'priya'$$,
  $$values ('64000000-0000-4000-8000-000000000001', 'priya@example.com', 'Priya Patel', 'PRIYA-BIO', '20')$$,
  'the export holds the caller''s account, profile, contributor profile and private details');
select is((select jsonb_array_length(doc -> 'identities') from got where name = 'priya'), 1, 'their sign-in identities');
select is((select doc #>> '{sessions,0,user_agent}' from got where name = 'priya'), 'PRIYA-BROWSER', 'their sessions, and only theirs');
select is((select doc #>> '{skills,0,skill_name}' from got where name = 'priya'), 'Privacy Rust', 'their skills');
select is((select doc #>> '{applications,0,cover_letter}' from got where name = 'priya'), 'PRIYA-COVER', 'their applications');
select is((select jsonb_array_length(doc -> 'applications') from got where name = 'priya'), 1, 'one application: not Olaf''s');
select is((select doc #>> '{assignments,0,mission_title}' from got where name = 'priya'), 'Done mission', 'their assignments');
select is((select doc #>> '{work_submissions,0,content}' from got where name = 'priya'), 'PRIYA-DELIVERABLE', 'their deliverables');
select results_eq($$select doc #>> '{reviews_given,0,comment}', doc #>> '{reviews_received,0,comment}' from got where name = 'priya'$$,
  $$values ('Clear specs', 'Great work')$$, 'reviews given and received');
select results_eq($$select jsonb_array_length(doc -> 'escrow_transactions'), doc #>> '{escrow_transactions,0,type}', doc #>> '{escrow_transactions,0,amount_cents}'
                    from got where name = 'priya'$$, $$values (1, 'release', '900')$$, 'the escrow entries about them: their payout');
select is((select jsonb_array_length(doc -> 'notifications') from got where name = 'priya'),
  (select count(*)::int from public.notifications where user_id = '64000000-0000-4000-8000-000000000001'), 'their notifications');
select is((select doc #>> '{conversations,0,id}' from got where name = 'priya'), '64600000-0000-4000-8000-000000000001', 'their conversations');
select results_eq($$select jsonb_array_length(doc -> 'messages_sent'), doc #>> '{messages_sent,0,content}' from got where name = 'priya'$$,
  $$values (1, 'PRIYA-MESSAGE')$$, 'their own messages only');
select results_eq($$select doc #>> '{proof_task_submissions,0,answer}', doc #>> '{proof_task_submissions,0,task_title}' from got where name = 'priya'$$,
  $$values ('PRIYA-ANSWER', 'Privacy task')$$, 'their proof task answers');
select ok((select doc::text !~* 'olaf|isla@|ISLA-MESSAGE|GUIDE-SECRET|OLAF-BROWSER' from got where name = 'priya'),
  'nothing of anyone else: no other person''s email, messages, answers, sessions, nor the grading guide');

select tests.authenticate_as('isla');
insert into got values ('isla', public.export_my_data());
select tests.as_postgres();
select results_eq($$select jsonb_array_length(doc -> 'missions'), jsonb_array_length(doc #> '{missions,0,milestones}'),
                          jsonb_array_length(doc -> 'escrow_transactions'), doc #>> '{initiator_profile,company_name}' from got where name = 'isla'$$,
  $$values (3, 1, 4, 'Isla Corp')$$, 'an initiator''s export: their missions with milestones, the escrow of their missions, their company');
select ok((select doc::text !~* 'priya@|PRIYA-COVER|OLAF-COVER|PRIYA-MESSAGE|PRIYA-BIO|PRIYA-ANSWER' from got where name = 'isla'),
  'and nothing private of the people who worked for them');
select is((select count(*)::int from public.audit_logs where action = 'user.data_exported'), 2, 'every export is audited');

-- A suspended user may still take their data with them.
update public.profiles set account_status = 'suspended' where id = '64000000-0000-4000-8000-000000000002';
select tests.authenticate_as('olaf');
select is((public.export_my_data()) #>> '{profile,account_status}', 'suspended', 'a suspended user can export their data');
select throws_ok($$select public.delete_my_account()$$, '42501', 'Your account is suspended: you cannot make changes.',
  'but not delete their account themselves');
select tests.as_postgres();
update public.profiles set account_status = 'active' where id = '64000000-0000-4000-8000-000000000002';

-- ---------------------------------------------------------------------------------------------
-- Deleting one's own account
-- ---------------------------------------------------------------------------------------------
-- Work in flight blocks self-service deletion.
select tests.authenticate_as('olaf');
select throws_ok($$select public.delete_my_account()$$, 'PT409', 'You are on the team of 1 running mission(s): leave them first.',
  'a contributor on a running mission cannot delete their account yet');
select tests.as_postgres();
select tests.authenticate_as('isla');
select throws_ok($$select public.delete_my_account()$$, 'PT409', 'You have 2 mission(s) still running: finish or cancel them first.',
  'nor an initiator with running missions');
select tests.as_postgres();

-- The financial records as they are before the deletion.
create temp table kept as
select 'escrow_transactions' as tbl, md5(string_agg(to_jsonb(x)::text, '|' order by x.id)) as hash, count(*) as n from public.escrow_transactions x
union all select 'missions', md5(string_agg(to_jsonb(x)::text, '|' order by x.id)), count(*) from public.missions x
union all select 'milestones', md5(string_agg(to_jsonb(x)::text, '|' order by x.id)), count(*) from public.milestones x
union all select 'mission_assignments', md5(string_agg(to_jsonb(x)::text, '|' order by x.id)), count(*) from public.mission_assignments x
union all select 'work_submissions', md5(string_agg(to_jsonb(x)::text, '|' order by x.id)), count(*) from public.work_submissions x
union all select 'reviews', md5(string_agg(to_jsonb(x)::text, '|' order by x.id)), count(*) from public.reviews x;

select tests.authenticate_as('priya');
insert into got values ('deleted', public.delete_my_account());
select tests.as_postgres();
select is((select doc ->> 'user_id' from got where name = 'deleted'), '64000000-0000-4000-8000-000000000001', 'Priya deletes her account');

select results_eq($$select full_name::text, avatar_url::text, account_status::text from public.profiles where id = '64000000-0000-4000-8000-000000000001'$$,
  $$values ('Deleted user', null::text, 'banned')$$, 'the profile is anonymized and the account can never be used');
select results_eq($$select headline, bio, github_url::text, portfolio_url::text, is_looking_for_work from public.contributor_profiles
                    where user_id = '64000000-0000-4000-8000-000000000001'$$,
  $$values (null::varchar, null::text, null::text, null::text, false)$$, 'headline, bio and links are gone');
select is((select count(*)::int from public.contributor_skills where contributor_id = tests.cid('64000000-0000-4000-8000-000000000001')), 0,
  'skills are gone');
select results_eq($$select email::text, raw_user_meta_data, banned_until > now() + interval '99 years', encrypted_password from auth.users
                    where id = '64000000-0000-4000-8000-000000000001'$$,
  $$values ('deleted+64000000-0000-4000-8000-000000000001@invalid', '{}'::jsonb, true, ''::varchar)$$,
  'the email becomes a unique placeholder, metadata emptied, password and sign-in refused');
select is((select count(*)::int from auth.identities where user_id = '64000000-0000-4000-8000-000000000001'), 0, 'identities are deleted');
select is((select count(*)::int from auth.sessions where user_id = '64000000-0000-4000-8000-000000000001'), 0, 'sessions are deleted');
select is((select count(*)::int from auth.sessions where user_id = '64000000-0000-4000-8000-000000000002'), 1, 'other people''s sessions are not');
select results_eq($$select content, is_deleted from public.messages where sender_id = '64000000-0000-4000-8000-000000000001'$$,
  $$values ('[deleted]'::text, true)$$, 'her message stays in its place, its content replaced');
select set_eq($$select content from public.messages where conversation_id = '64600000-0000-4000-8000-000000000001' and sender_id <> '64000000-0000-4000-8000-000000000001'$$,
  $$values ('OLAF-MESSAGE'), ('ISLA-MESSAGE')$$, 'the others'' messages are untouched');
select is((select count(*)::int from public.conversation_participants where user_id = '64000000-0000-4000-8000-000000000001'), 1,
  'the conversation still shows she took part');
select is((select count(*)::int from public.notifications where user_id = '64000000-0000-4000-8000-000000000001'), 0, 'notifications are deleted');
select results_eq($$select status::text, cover_letter from public.mission_applications where contributor_id = tests.cid('64000000-0000-4000-8000-000000000001')$$,
  $$values ('withdrawn', null::text)$$, 'a pending application is withdrawn and its letter erased');
select results_eq($$select answer, score from public.proof_task_submissions where contributor_id = tests.cid('64000000-0000-4000-8000-000000000001')$$,
  $$values ('[deleted]'::text, 88.00::numeric)$$, 'the proof task answer is erased, the result kept');
select set_eq($$select tbl, hash, n from kept$$,
  $$select 'escrow_transactions', md5(string_agg(to_jsonb(x)::text, '|' order by x.id)), count(*) from public.escrow_transactions x
    union all select 'missions', md5(string_agg(to_jsonb(x)::text, '|' order by x.id)), count(*) from public.missions x
    union all select 'milestones', md5(string_agg(to_jsonb(x)::text, '|' order by x.id)), count(*) from public.milestones x
    union all select 'mission_assignments', md5(string_agg(to_jsonb(x)::text, '|' order by x.id)), count(*) from public.mission_assignments x
    union all select 'work_submissions', md5(string_agg(to_jsonb(x)::text, '|' order by x.id)), count(*) from public.work_submissions x
    union all select 'reviews', md5(string_agg(to_jsonb(x)::text, '|' order by x.id)), count(*) from public.reviews x$$,
  'escrow entries, missions, milestones, assignments, deliverables and reviews are kept exactly as they were');
select is((select count(*)::int from public.escrow_transactions where contributor_id = tests.cid('64000000-0000-4000-8000-000000000001')
           and type = 'release' and amount_cents = 900), 1, 'her payout is still on the ledger, tied to her (anonymous) contributor record');
select is((select count(*)::int from private.account_deletions where user_id = '64000000-0000-4000-8000-000000000001'), 1, 'the deletion is recorded');
select results_eq($$select user_id, metadata ->> 'by_self' from public.audit_logs where action = 'user.deleted' and entity_id = '64000000-0000-4000-8000-000000000001'$$,
  $$values ('64000000-0000-4000-8000-000000000001'::uuid, 'true')$$, 'and audited');
select is((select count(*)::int from private.domain_events where event = 'user:deleted' and entity_id = '64000000-0000-4000-8000-000000000001'), 1,
  'user:deleted is raised');

-- A deleted account is dead everywhere.
select is(public.custom_access_token_hook(jsonb_build_object('user_id', '64000000-0000-4000-8000-000000000001', 'claims', '{}'::jsonb))
          #>> '{error,http_code}', '403', 'no access token for a deleted account');
select tests.authenticate_as('priya');
select throws_ok($$select public.check_request()$$, '42501', 'This account is banned.', 'a token issued before the deletion is refused by the Data API');
select throws_ok($$select public.export_my_data()$$, '42501', 'This account is banned.', 'a deleted account exports nothing');
select tests.as_postgres();
select tests.authenticate_as('pv-admin');
select throws_ok($$select public.reinstate_user('64000000-0000-4000-8000-000000000001')$$, 'PT409',
  'This account was deleted and cannot be reinstated.', 'a deleted account cannot be reinstated');
select throws_ok($$select public.admin_delete_account('64000000-0000-4000-8000-000000000001', 'again')$$, 'PT409',
  'This account is already deleted.', 'nor deleted twice');
select tests.as_postgres();

-- ---------------------------------------------------------------------------------------------
-- The admin variant
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('isla');
select throws_ok($$select public.admin_delete_account('64000000-0000-4000-8000-000000000002', 'gdpr')$$, '42501', 'Only admins can do this.',
  'only admins delete other people''s accounts');
select tests.as_postgres();
select tests.authenticate_as('pv-admin');
select throws_ok($$select public.admin_delete_account('64000000-0000-4000-8000-000000000002', ' ')$$, '22023', 'Say why you delete this account.',
  'an admin deletion needs a reason');
select throws_ok($$select public.admin_delete_account('64000000-0000-4000-8000-000000000004', 'me')$$, '42501',
  'Delete your own account with delete_my_account().', 'an admin does not delete themselves this way');
select throws_ok($$select public.admin_delete_account('64000000-0000-4000-8000-000000000002', 'GDPR request by email')$$, 'PT409',
  'This user is on the team of 1 running mission(s): leave them first.', 'work in flight blocks it');
select is((public.admin_delete_account('64000000-0000-4000-8000-000000000002', 'GDPR request by email', force => true)) ->> 'user_id',
  '64000000-0000-4000-8000-000000000002', 'unless the admin forces it');
select tests.as_postgres();
select results_eq($$select p.full_name::text, u.email::text, c.bio from public.profiles p join auth.users u on u.id = p.id
                    join public.contributor_profiles c on c.user_id = p.id where p.id = '64000000-0000-4000-8000-000000000002'$$,
  $$values ('Deleted user', 'deleted+64000000-0000-4000-8000-000000000002@invalid', null::text)$$, 'Olaf is anonymized');
select is((select status::text from public.mission_assignments where id = '64400000-0000-4000-8000-000000000003'), 'active',
  'his place on the running mission is kept for the record');
select results_eq($$select metadata ->> 'reason', user_id from public.audit_logs where action = 'user.deleted' and entity_id = '64000000-0000-4000-8000-000000000002'$$,
  $$values ('GDPR request by email', '64000000-0000-4000-8000-000000000004'::uuid)$$, 'audited with the admin and the reason');
select is((select count(*)::int from public.escrow_transactions), (select n::int from kept where tbl = 'escrow_transactions'), 'the ledger is whole');

select * from finish();
rollback;
