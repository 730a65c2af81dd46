-- Notifications, messaging and realtime: what each domain event produces, who may read and send
-- messages, the realtime authorization per topic and persona, and the email outbox.
begin;
select plan(56);

-- People and a mission going through the lifecycle (events fire as in production).
select tests.create_user('n-ia@example.com', '{"role":"initiator","full_name":"Ines Initiator"}', id => 'c7000000-0000-4000-8000-000000000001');
select tests.create_user('n-lead@example.com', '{"full_name":"Leo Lead"}', id => 'c7000000-0000-4000-8000-000000000002');
select tests.create_user('n-rev@example.com', '{"full_name":"Rita Reviewer"}', id => 'c7000000-0000-4000-8000-000000000003');
select tests.create_user('n-out@example.com', '{"full_name":"Oscar Outsider"}', id => 'c7000000-0000-4000-8000-000000000004');
select tests.create_user('n-admin@example.com', '{"full_name":"Ada Admin"}', id => 'c7000000-0000-4000-8000-000000000005');
update public.profiles set primary_role = 'admin' where id = 'c7000000-0000-4000-8000-000000000005';
update public.contributor_profiles set verification_status = 'verified' where user_id::text like 'c7000000-%';
update public.profiles set email_opt_outs = '{payment_received}' where id = 'c7000000-0000-4000-8000-000000000002';

-- Welcome emails were queued at signup, one per user.
select is((select count(*)::int from private.jobs where kind = 'email' and payload ->> 'template' = 'welcome'
           and payload ->> 'user_id' like 'c7000000-%'), 5, 'each signup queues a welcome email');

create temp table ids (name text primary key, id uuid);
grant all on ids to authenticated, service_role;
select tests.authenticate_as('n-ia');
insert into ids select 'mission', (public.create_mission(title => 'Notify me', description => 'd', type => 'backend',
  budget_min_cents => 1000, budget_max_cents => 1000, estimated_duration_days => 3,
  milestones => '[{"title":"Only step","amount_cents":1000}]')).id;
select public.publish_mission((select id from ids where name = 'mission'));
select tests.as_service_role();
select private.complete_deposit('pi_notify_me', 'ch_notify_me', 1000, 'USD', (select id from ids where name = 'mission'));
select tests.as_postgres();
select is((select count(*)::int from public.notifications where user_id = 'c7000000-0000-4000-8000-000000000001' and type = 'mission_update'
           and title = 'Escrow funded'), 1, 'funding notifies the initiator');

-- An application notifies the initiator, in realtime on their private topic.
select tests.authenticate_as('n-out');
insert into ids select 'app', (public.apply_to_mission((select id from ids where name = 'mission'), 'Pick me')).id;
select tests.as_postgres();
select results_eq(
  $$select type::text, priority::text, action_url from public.notifications where user_id = 'c7000000-0000-4000-8000-000000000001' and type = 'application_received'$$,
  $$values ('application_received', 'medium', '/missions/' || (select id from ids where name = 'mission') || '/applications')$$,
  'an application notifies the initiator with a link to the applications');
select is((select count(*)::int from realtime.messages where topic = 'user:c7000000-0000-4000-8000-000000000001' and event = 'notification:new'),
  2, 'each notification is broadcast on the owner''s private topic');
select ok((select bool_and(private) from realtime.messages where topic like 'user:c7000000-%'), 'on a private channel');

-- Invitations notify (urgent, expiring with the invitation) and email the invitee.
select tests.authenticate_as('n-ia');
insert into ids select 'lead_asg', (public.invite_contributor((select id from ids where name = 'mission'), tests.cid('c7000000-0000-4000-8000-000000000002'), 'lead')).id;
insert into ids select 'rev_asg', (public.invite_contributor((select id from ids where name = 'mission'), tests.cid('c7000000-0000-4000-8000-000000000003'), 'core_reviewer')).id;
select tests.as_postgres();
select results_eq(
  $$select type::text, priority::text, expires_at = (select invitation_expires_at from public.mission_assignments where id = (select id from ids where name = 'lead_asg'))
    from public.notifications where user_id = 'c7000000-0000-4000-8000-000000000002' and type = 'match_found'$$,
  $$values ('match_found', 'urgent', true)$$, 'an invitation notifies the invitee, expiring with the invitation');
select is((select count(*)::int from private.jobs where kind = 'email' and payload ->> 'template' = 'invitation'
           and payload ->> 'user_id' = 'c7000000-0000-4000-8000-000000000002'), 1, 'and emails them');

select tests.authenticate_as('n-lead');
select public.accept_invitation((select id from ids where name = 'lead_asg'));
select tests.as_postgres();
select tests.authenticate_as('n-rev');
select public.accept_invitation((select id from ids where name = 'rev_asg'));
select tests.as_postgres();

-- The team conversation follows the team.
select set_eq(
  $$select p.user_id from public.conversation_participants p join public.conversations c on c.id = p.conversation_id
    where c.mission_id = (select id from ids where name = 'mission') and c.type = 'mission_team'$$,
  $$values ('c7000000-0000-4000-8000-000000000001'::uuid), ('c7000000-0000-4000-8000-000000000002'), ('c7000000-0000-4000-8000-000000000003')$$,
  'the team conversation has the initiator and the active team');
insert into ids select 'team_chat', id from public.conversations where mission_id = (select id from ids where name = 'mission') and type = 'mission_team';

select tests.authenticate_as('n-ia');
select public.start_work((select id from ids where name = 'mission'));
select tests.as_postgres();
insert into ids select 'ms', id from public.milestones where mission_id = (select id from ids where name = 'mission');
select is((select count(*)::int from realtime.messages where topic = 'mission:' || (select id from ids where name = 'mission') and event = 'mission:update'),
  3, 'each mission status change is broadcast on the mission topic (published, funded, started)');
select is((select count(*)::int from public.notifications where user_id = 'c7000000-0000-4000-8000-000000000002' and type = 'mission_update'), 1,
  'the team hears the mission started; the initiator who did it does not');
select is((select count(*)::int from public.notifications where user_id = 'c7000000-0000-4000-8000-000000000004' and type = 'application_rejected'), 1,
  'an applicant who did not make the team is told');

-- Milestones: submitted (initiator + core reviewer, email), revision (lead), approved (lead).
select tests.authenticate_as('n-lead');
select public.submit_milestone((select id from ids where name = 'ms'), 'Here it is');
select tests.as_postgres();
select set_eq($$select user_id from public.notifications where type = 'milestone_submitted'
                and metadata ->> 'milestone_id' = (select id::text from ids where name = 'ms')$$,
  $$values ('c7000000-0000-4000-8000-000000000001'::uuid), ('c7000000-0000-4000-8000-000000000003')$$,
  'a submitted milestone notifies the initiator and the core reviewer');
select is((select count(*)::int from realtime.messages where topic = 'mission:' || (select id from ids where name = 'mission') and event = 'milestone:submitted'),
  1, 'milestone:submitted is broadcast on the mission topic');
select is((select count(*)::int from private.jobs where kind = 'email' and payload ->> 'template' = 'milestone_submitted'
           and payload ->> 'user_id' = 'c7000000-0000-4000-8000-000000000001'), 1, 'and the initiator gets an email');
select tests.authenticate_as('n-rev');
select public.request_revision((select id from ids where name = 'ms'), 'Add tests');
select tests.as_postgres();
select is((select priority::text from public.notifications where user_id = 'c7000000-0000-4000-8000-000000000002' and type = 'revision_requested'),
  'urgent', 'a revision request urgently notifies the lead');
select tests.authenticate_as('n-lead');
select public.submit_milestone((select id from ids where name = 'ms'), 'Now with tests');
select tests.as_postgres();
select tests.authenticate_as('n-ia');
select public.approve_milestone((select id from ids where name = 'ms'));
select tests.as_postgres();
select is((select count(*)::int from public.notifications where user_id = 'c7000000-0000-4000-8000-000000000002' and type = 'milestone_approved'), 1,
  'an approval notifies the lead');
select is((select count(*)::int from realtime.messages where topic = 'mission:' || (select id from ids where name = 'mission') and event = 'milestone:approved'),
  1, 'milestone:approved is broadcast on the mission topic');

-- Payment released: the contributor hears of it (their email opt-out respected), the initiator too.
-- (the mission's deposit, completed when it was funded, pays it)
select tests.as_service_role();
-- (one transfer per part: the lead's 8.10 and the core reviewer's 0.90 of the 9.00 after the fee)
select private.record_release(p.milestone_id, p.contributor_id, 'tr_notify_' || p.role)
from public.milestone_payouts p where p.milestone_id = (select id from ids where name = 'ms');
select tests.as_postgres();
select is((select message from public.notifications where user_id = 'c7000000-0000-4000-8000-000000000002' and type = 'payment_received'),
  'You were paid 8.10 USD for "Notify me" (your share as lead).', 'a payout notifies the contributor with the amount');
select is((select count(*)::int from public.notifications where user_id = 'c7000000-0000-4000-8000-000000000001' and type = 'payment_released'), 2,
  'and the initiator (once per part)');
select is((select count(*)::int from private.jobs where kind = 'email' and payload ->> 'template' = 'payment_received'
           and payload ->> 'user_id' = 'c7000000-0000-4000-8000-000000000002'), 0,
  'an email type the person opted out of is not queued');
select is((select count(*)::int from private.jobs where kind = 'email' and payload ->> 'template' = 'payment_received'
           and payload ->> 'user_id' = 'c7000000-0000-4000-8000-000000000003'), 1,
  'the core reviewer, who did not opt out, is emailed for their part');

-- A graded proof task tells the contributor, in the app and by email.
select private.emit('proof_task:graded', null, 'proof_task_submission', gen_random_uuid(),
  '{"user_id":"c7000000-0000-4000-8000-000000000004","passed":true,"score":88}');
select is((select title from public.notifications where user_id = 'c7000000-0000-4000-8000-000000000004' and type = 'proof_task_graded'),
  'You are verified', 'a passed proof task notifies the contributor');
select is((select count(*)::int from private.jobs where kind = 'email' and payload ->> 'template' = 'proof_task_graded'
           and payload ->> 'user_id' = 'c7000000-0000-4000-8000-000000000004'), 1, 'and emails them');

-- Messages: participants only.
select tests.authenticate_as('n-out');
select throws_ok($$select public.send_message((select id from ids where name = 'team_chat'), 'let me in')$$, 'PT404', 'No such conversation.',
  'a non-participant cannot send to a conversation');
select throws_ok($$insert into public.messages (conversation_id, content) values ((select id from ids where name = 'team_chat'), 'sneaky')$$,
  '42501', null, 'nor insert into it directly');
select is((select count(*)::int from public.messages where conversation_id = (select id from ids where name = 'team_chat')), 0,
  'nor read it');
select tests.as_postgres();

select tests.authenticate_as('n-lead');
insert into ids select 'msg1', (public.send_message((select id from ids where name = 'team_chat'), 'First!')).id;
insert into ids select 'msg2', (public.send_message((select id from ids where name = 'team_chat'), 'Second')).id;
select tests.as_postgres();
-- (one transaction has one now(): the first message is made a minute older so the order is real)
update public.messages set created_at = now() - interval '1 minute' where id = (select id from ids where name = 'msg1');
select is((select count(*)::int from realtime.messages where topic = 'conversation:' || (select id from ids where name = 'team_chat') and event = 'message:new'),
  2, 'each message is broadcast on the conversation topic');
select is((select count(*)::int from public.notifications where type = 'new_message' and user_id = 'c7000000-0000-4000-8000-000000000003'), 1,
  'a participant who is away gets one notification per conversation, not one per message');
select tests.authenticate_as('n-rev');
select is((select unread_count from public.my_conversations() where id = (select id from ids where name = 'team_chat')), 2,
  'the reviewer has two unread messages');
select public.mark_conversation_read((select id from ids where name = 'team_chat'));
select is((select unread_count from public.my_conversations() where id = (select id from ids where name = 'team_chat')), 0, 'reading clears them');
select is((select count(*)::int from public.notifications where type = 'new_message' and not is_read), 0, 'and the message notification');
select is((select array_agg(content) from public.conversation_messages((select id from ids where name = 'team_chat'), page_size => 1)),
  array['Second'], 'the newest page comes first');
select is((select array_agg(content) from public.conversation_messages((select id from ids where name = 'team_chat'),
  (select created_at from public.messages where id = (select id from ids where name = 'msg2')), (select id from ids where name = 'msg2'), 1)),
  array['First!'], 'keyset pagination gives the next, older page');
select throws_ok($$select public.edit_message((select id from ids where name = 'msg1'), 'hijack')$$, 'PT404', 'No such message of yours.',
  'nobody edits someone else''s message');
select tests.as_postgres();

select tests.authenticate_as('n-lead');
select results_eq($$select content, is_edited, edited_at is not null from public.edit_message((select id from ids where name = 'msg1'), 'First (edited)')$$,
  $$values ('First (edited)', true, true)$$, 'the sender edits their message within the window');
select results_eq($$select content, is_deleted from public.delete_message((select id from ids where name = 'msg2'))$$,
  $$values ('[message deleted]', true)$$, 'and soft-deletes it: it stays, emptied');
select tests.as_postgres();
update public.messages set created_at = now() - interval '20 minutes' where id = (select id from ids where name = 'msg1');
select tests.authenticate_as('n-lead');
select throws_ok($$select public.edit_message((select id from ids where name = 'msg1'), 'too late')$$, 'PT409',
  'Messages can be edited for 15 minutes after sending.', 'not after the window');
select tests.as_postgres();

-- Direct conversations only between people who share work.
select tests.authenticate_as('n-out');
select is((public.start_direct_conversation('c7000000-0000-4000-8000-000000000001')).type::text, 'direct',
  'an applicant may message the mission''s initiator');
select throws_ok($$select public.start_direct_conversation('c7000000-0000-4000-8000-000000000003')$$, '42501', null,
  'but not another mission''s team member they never worked with');
select tests.as_postgres();
select tests.authenticate_as('n-ia');
select is((public.start_direct_conversation('c7000000-0000-4000-8000-000000000004')).id,
  (select c.id from public.conversations c where c.type = 'direct' and c.created_by = 'c7000000-0000-4000-8000-000000000004'),
  'the same pair reuses their conversation');
select tests.as_postgres();

-- Support: the user and the admins.
select tests.authenticate_as('n-out');
insert into ids select 'support', (public.open_support_conversation()).id;
select tests.as_postgres();
select ok(exists (select from public.conversation_participants where conversation_id = (select id from ids where name = 'support')
                  and user_id = 'c7000000-0000-4000-8000-000000000005'), 'admins are in support conversations');

-- Realtime authorization: who may join which topic (SELECT policy) and send typing (INSERT policy).
create temp table topics (persona uuid, topic text, may_receive boolean);
insert into topics values
  ('c7000000-0000-4000-8000-000000000002', 'user:c7000000-0000-4000-8000-000000000002', true),
  ('c7000000-0000-4000-8000-000000000002', 'user:c7000000-0000-4000-8000-000000000001', false),
  ('c7000000-0000-4000-8000-000000000002', 'conversation:' || (select id from ids where name = 'team_chat'), true),
  ('c7000000-0000-4000-8000-000000000004', 'conversation:' || (select id from ids where name = 'team_chat'), false),
  ('c7000000-0000-4000-8000-000000000003', 'mission:' || (select id from ids where name = 'mission'), true),
  ('c7000000-0000-4000-8000-000000000001', 'mission:' || (select id from ids where name = 'mission'), true),
  ('c7000000-0000-4000-8000-000000000005', 'mission:' || (select id from ids where name = 'mission'), true),
  ('c7000000-0000-4000-8000-000000000004', 'mission:' || (select id from ids where name = 'mission'), false),
  ('c7000000-0000-4000-8000-000000000005', 'conversation:' || (select id from ids where name = 'team_chat'), false),
  ('c7000000-0000-4000-8000-000000000002', 'mission:not-a-uuid', false);
grant select on topics to authenticated;
-- (a realtime server sets realtime.topic for the join, before it queries; the probe does the same)
select is(
  (select tests.try_as('authenticated', tests.claims_for(t.persona),
     format($f$select 1 from realtime.messages m where m.topic = %L$f$, t.topic))
   from (select set_config('realtime.topic', t.topic, true)) joined) <> 'ok:0',
  t.may_receive, format('%s %s receive on %s', t.persona, case when t.may_receive then 'may' else 'may not' end, t.topic))
from topics t;
select tests.authenticate_as('n-lead');
select set_config('realtime.topic', 'conversation:' || (select id from ids where name = 'team_chat'), true);
select lives_ok($$insert into realtime.messages (topic, extension, event, payload, private)
  values ('conversation:' || (select id from ids where name = 'team_chat'), 'broadcast', 'typing', '{"typing":true}', true)$$,
  'a participant may send typing indicators');
select throws_ok($$insert into realtime.messages (topic, extension, event, payload, private)
  values ('conversation:' || (select id from ids where name = 'team_chat'), 'broadcast', 'message:new', '{"forged":true}', true)$$,
  '42501', null, 'but not forge other events');
select throws_ok($$insert into realtime.messages (topic, extension, event, payload, private)
  values ('conversation:' || (select id from ids where name = 'support'), 'broadcast', 'typing', '{"typing":true}', true)$$,
  '42501', null, 'nor send into another topic than the one joined (the row''s topic is checked)');
select tests.as_postgres();
-- The row's topic, not only the joined topic: joined to their own user topic, a user does not read
-- rows of another user's topic (issue 19).
select set_config('realtime.topic', 'user:c7000000-0000-4000-8000-000000000002', true);
select is(tests.try_as('authenticated', tests.claims_for('c7000000-0000-4000-8000-000000000002'),
  $$select 1 from realtime.messages m where m.topic = 'user:c7000000-0000-4000-8000-000000000001'$$), 'ok:0',
  'joined to their own topic, a user reads no row of another user''s topic');
select ok((select count(*) from realtime.messages where topic = 'user:c7000000-0000-4000-8000-000000000001') > 0,
  '(there are such rows)');

select * from finish();
rollback;
