-- One mission from draft to completed with reviews, through the public RPCs, each step as the
-- person (or service) who does it in real life.
begin;
select plan(44);

-- People
select tests.create_user('walk-initiator@example.com', '{"full_name":"Iris Initiator","role":"initiator"}', id => 'f0000000-0000-4000-8000-000000000001');
select tests.create_user('walk-lead@example.com', '{"full_name":"Lee Lead"}', id => 'f0000000-0000-4000-8000-000000000002');
select tests.create_user('walk-shadow@example.com', '{"full_name":"Sam Shadow"}', id => 'f0000000-0000-4000-8000-000000000003');
select tests.create_user('walk-reviewer@example.com', '{"full_name":"Rae Reviewer"}', id => 'f0000000-0000-4000-8000-000000000004');
select tests.create_user('walk-other@example.com', '{"full_name":"Otto Other"}', id => 'f0000000-0000-4000-8000-000000000005');
update public.contributor_profiles set verification_status = 'verified'
  where user_id in ('f0000000-0000-4000-8000-000000000002', 'f0000000-0000-4000-8000-000000000003',
                    'f0000000-0000-4000-8000-000000000004', 'f0000000-0000-4000-8000-000000000005');
insert into public.skills (id, name, category) values ('f1000000-0000-4000-8000-000000000001', 'Walk Go', 'language');

create temp table ids (name text primary key, id uuid);
grant all on ids to authenticated, service_role;

-- 1. The initiator creates a draft with two milestones and a required skill.
select tests.authenticate_as('walk-initiator');
insert into ids select 'mission', (public.create_mission(
  title => 'Build the billing service',
  description => 'A Go service that bills customers monthly.',
  type => 'backend',
  budget_min_cents => 100000,
  budget_max_cents => 300000,
  estimated_duration_days => 30,
  milestones => '[{"title":"API design","amount_cents":80000},{"title":"Implementation","amount_cents":120000}]',
  required_skills => '[{"skill_id":"f1000000-0000-4000-8000-000000000001","importance":"required"}]',
  requires_core_reviewer => true,
  max_shadow_contributors => 1)).id;
select is((select status::text from public.missions where id = (select id from ids where name = 'mission')), 'draft', 'the mission starts as a draft');
select is((select count(*)::int from public.milestones where mission_id = (select id from ids where name = 'mission')), 2, 'with its two milestones');
select is((select count(*)::int from public.mission_required_skills where mission_id = (select id from ids where name = 'mission')), 1, 'and its required skill');
select matches((select slug from public.missions where id = (select id from ids where name = 'mission')), '^build-the-billing-service-[0-9a-f]{6}$', 'a unique slug from the title');

-- 2. Published: awaiting funding, with the platform fee fixed.
select is((public.publish_mission((select id from ids where name = 'mission'))).status::text, 'pending_funding', 'publishing asks for funding');
select is((select platform_fee_bps from public.missions where id = (select id from ids where name = 'mission')), 1000, 'the fee is fixed at 10%');
select tests.as_postgres();

-- 3. Payments mark it funded (after Stripe says the deposit succeeded).
select tests.as_service_role();
select private.complete_deposit('pi_walk_1', 'ch_walk_1',
  (select sum(amount_cents)::bigint from public.milestones where mission_id = (select id from ids where name = 'mission')),
  (select currency::text from public.missions where id = (select id from ids where name = 'mission')),
  (select id from ids where name = 'mission'));
select is((select status::text from public.missions where id = (select id from ids where name = 'mission')), 'open',
  'funded by its completed deposit: the mission opens');
select tests.as_postgres();

-- 4. Contributors apply.
select tests.authenticate_as('walk-lead');
insert into ids select 'app_lead', (public.apply_to_mission((select id from ids where name = 'mission'), 'I build billing systems.', 25)).id;
select tests.as_postgres();
select tests.authenticate_as('walk-other');
insert into ids select 'app_other', (public.apply_to_mission((select id from ids where name = 'mission'), 'Me too.')).id;
select tests.as_postgres();
select is((select count(*)::int from private.domain_events where event = 'application:received'
           and mission_id = (select id from ids where name = 'mission')), 2, 'each application raises application:received');

-- 5. The initiator accepts the lead, invites a shadow and a core reviewer.
select tests.authenticate_as('walk-initiator');
select is((public.shortlist_application((select id from ids where name = 'app_lead'))).status::text, 'shortlisted', 'shortlisted');
select is((public.accept_application((select id from ids where name = 'app_lead'), 'lead')).status::text, 'accepted', 'accepted as lead');
select throws_ok($$select public.start_work((select id from ids where name = 'mission'))$$, 'PT409',
  'The team is not complete: this mission requires a core reviewer who has accepted.', 'work cannot start without the core reviewer');
insert into ids select 'asg_shadow', (public.invite_contributor((select id from ids where name = 'mission'),
  tests.cid('f0000000-0000-4000-8000-000000000003'), 'shadow')).id;
insert into ids select 'asg_reviewer', (public.invite_contributor((select id from ids where name = 'mission'),
  tests.cid('f0000000-0000-4000-8000-000000000004'), 'core_reviewer')).id;
select throws_ok($$select public.invite_contributor((select id from ids where name = 'mission'),
  tests.cid('f0000000-0000-4000-8000-000000000005'), 'shadow')$$, 'PT409', 'The team already has its 1 shadow place(s) filled.',
  'team limits hold');
select is((public.start_matching((select id from ids where name = 'mission'))).status::text, 'matching', 'matching started');
select tests.as_postgres();

select tests.authenticate_as('walk-shadow');
select is((public.accept_invitation((select id from ids where name = 'asg_shadow'))).status::text, 'active', 'the shadow accepts');
select tests.as_postgres();
select tests.authenticate_as('walk-reviewer');
select is((public.accept_invitation((select id from ids where name = 'asg_reviewer'))).status::text, 'active', 'the reviewer accepts');
select tests.as_postgres();

-- 6. Work starts: the first milestone is in progress, the other application is closed.
select tests.authenticate_as('walk-initiator');
select is((public.start_work((select id from ids where name = 'mission'))).status::text, 'in_progress', 'work starts');
select tests.as_postgres();
insert into ids select 'ms1', id from public.milestones where mission_id = (select id from ids where name = 'mission') and order_index = 0;
insert into ids select 'ms2', id from public.milestones where mission_id = (select id from ids where name = 'mission') and order_index = 1;
select is((select status::text from public.milestones where id = (select id from ids where name = 'ms1')), 'in_progress', 'the first milestone is in progress');
select is((select status::text from public.mission_applications where id = (select id from ids where name = 'app_other')), 'rejected',
  'applications that did not make the team are closed');

-- 7. The lead submits; the core reviewer asks for a revision; the lead resubmits; the initiator approves.
select tests.authenticate_as('walk-lead');
select is((public.submit_milestone((select id from ids where name = 'ms1'), 'The API design, v1.', array['https://docs.example.com/api'])).version, 1,
  'the lead delivers version 1');
select tests.as_postgres();
select is((select status::text from public.milestones where id = (select id from ids where name = 'ms1')), 'submitted', 'the milestone is submitted');
select tests.authenticate_as('walk-reviewer');
select is((public.request_revision((select id from ids where name = 'ms1'), 'Add pagination.')).status::text, 'revision',
  'the core reviewer asks for a revision');
select tests.as_postgres();
select is((select status::text || ':' || feedback from public.work_submissions where milestone_id = (select id from ids where name = 'ms1') and version = 1),
  'revision_requested:Add pagination.', 'the submission carries the feedback');
select tests.authenticate_as('walk-lead');
select is((public.submit_milestone((select id from ids where name = 'ms1'), 'The API design, v2 with pagination.')).version, 2,
  'the lead delivers version 2');
select tests.as_postgres();
select tests.authenticate_as('walk-initiator');
select is((public.approve_milestone((select id from ids where name = 'ms1'))).status::text, 'approved', 'the initiator approves');
select is((public.approve_milestone((select id from ids where name = 'ms1'))).status::text, 'approved', 'approving again changes nothing');
select tests.as_postgres();
select is((select count(*)::int from private.domain_events where event = 'payout:requested' and entity_id = (select id from ids where name = 'ms1')), 1,
  'one payout is requested, however often it is approved');
select is((select payload ->> 'amount_cents' from private.domain_events where event = 'payout:requested' and entity_id = (select id from ids where name = 'ms1')),
  '80000', 'for the milestone''s amount');
select results_eq(
  $$select role::text, contributor_id, share_bps, payout_cents from public.milestone_payouts
    where milestone_id = (select id from ids where name = 'ms1') order by share_bps desc$$,
  $$values ('lead', tests.cid('f0000000-0000-4000-8000-000000000002'), 7000, 50400::bigint),
           ('shadow', tests.cid('f0000000-0000-4000-8000-000000000003'), 2000, 14400::bigint),
           ('core_reviewer', tests.cid('f0000000-0000-4000-8000-000000000004'), 1000, 7200::bigint)$$,
  'approval fixes the team''s parts of the 72,000 after the fee: 70% lead, 20% shadow, 10% core reviewer');

-- 8. Payments pay it (one transfer per part); the next milestone starts.
select tests.as_service_role();
select private.record_release(p.milestone_id, p.contributor_id, 'tr_walk_1_' || p.role)
from public.milestone_payouts p where p.milestone_id = (select id from ids where name = 'ms1') order by p.role;
select is((select status::text from public.milestones where id = (select id from ids where name = 'ms1')), 'paid',
  'payments record its release: it is paid');
select tests.as_postgres();
select is((select status::text from public.milestones where id = (select id from ids where name = 'ms2')), 'in_progress', 'the next milestone starts');

-- 9. The second milestone: delivered (mission goes in review), approved, paid: the mission completes.
select tests.authenticate_as('walk-lead');
select lives_ok($$select public.submit_milestone((select id from ids where name = 'ms2'), 'Implementation done.')$$, 'the lead delivers the last milestone');
select tests.as_postgres();
select is((select status::text from public.missions where id = (select id from ids where name = 'mission')), 'in_review', 'every milestone delivered: the mission is in review');
select tests.authenticate_as('walk-initiator');
select lives_ok($$select public.approve_milestone((select id from ids where name = 'ms2'))$$, 'the initiator approves the last milestone');
select tests.as_postgres();
select tests.as_service_role();
select lives_ok($$select private.record_release(p.milestone_id, p.contributor_id, 'tr_walk_2_' || p.role)
  from public.milestone_payouts p where p.milestone_id = (select id from ids where name = 'ms2')$$, 'payments pay it (the release of each part is recorded)');
select tests.as_postgres();
select is((select status::text from public.missions where id = (select id from ids where name = 'mission')), 'completed', 'all paid: the mission is completed');
select is((select array_agg(status::text order by role) from public.mission_assignments where mission_id = (select id from ids where name = 'mission')),
  array['completed', 'completed', 'completed'], 'the whole team completed');
select is((select total_missions_completed from public.contributor_profiles where user_id = 'f0000000-0000-4000-8000-000000000002'), 1,
  'the lead has one mission completed');
select is((select completion_rate from public.contributor_profiles where user_id = 'f0000000-0000-4000-8000-000000000002'), 100.00::numeric,
  'and a 100% completion rate');

-- 10. Reviews both ways.
select tests.authenticate_as('walk-initiator');
select is((public.submit_review((select id from public.mission_assignments where mission_id = (select id from ids where name = 'mission')
  and contributor_id = tests.cid('f0000000-0000-4000-8000-000000000002')), 5, 'Excellent.')).direction::text,
  'initiator_to_contributor', 'the initiator rates the lead');
select throws_ok($$select public.submit_review((select id from public.mission_assignments where mission_id = (select id from ids where name = 'mission')
  and contributor_id = tests.cid('f0000000-0000-4000-8000-000000000002')), 4)$$, '23505', 'You have already reviewed this.', 'once only');
select tests.as_postgres();
select tests.authenticate_as('walk-lead');
select is((public.submit_review((select id from public.mission_assignments where mission_id = (select id from ids where name = 'mission')
  and contributor_id = tests.cid('f0000000-0000-4000-8000-000000000002')), 4, 'Clear brief.')).direction::text,
  'contributor_to_initiator', 'the lead rates the initiator');
select tests.as_postgres();
select is((select average_rating from public.contributor_profiles where user_id = 'f0000000-0000-4000-8000-000000000002'), 5.00::numeric,
  'the lead''s average rating moved');
select is((select average_rating from public.initiator_profiles where user_id = 'f0000000-0000-4000-8000-000000000001'), 4.00::numeric,
  'the initiator''s average rating moved');
select is((select rating from public.mission_assignments where mission_id = (select id from ids where name = 'mission')
  and contributor_id = tests.cid('f0000000-0000-4000-8000-000000000002')), 5.00::numeric, 'the assignment carries its rating');

select * from finish();
rollback;
