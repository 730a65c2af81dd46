-- Issue 22: team payouts. Each approved milestone's payout (after the platform fee) is shared between
-- the lead who delivered it, the active shadows and the active core reviewer, by the mission's shares
-- (proposed at publish from the settings, adjustable by the initiator until funded, then fixed for
-- every writer). The parts are written once at approval (public.milestone_payouts), paid by one
-- transfer each (one job each, waiting for its own payee's account), the milestone paid when all
-- are; nobody, the service role included, changes them. Every denial is proven.
begin;
select plan(71);

select tests.create_user('tp-ia@example.com', '{"role":"initiator"}', id => '72000000-0000-4000-8000-000000000001');
select tests.create_user('tp-ib@example.com', '{"role":"initiator"}', id => '72000000-0000-4000-8000-000000000002');
select tests.create_user('tp-lead@example.com', '{}', id => '72000000-0000-4000-8000-000000000003');
select tests.create_user('tp-sa@example.com', '{}', id => '72000000-0000-4000-8000-000000000004');
select tests.create_user('tp-sb@example.com', '{}', id => '72000000-0000-4000-8000-000000000005');
select tests.create_user('tp-rev@example.com', '{}', id => '72000000-0000-4000-8000-000000000006');
select tests.create_user('tp-sc@example.com', '{}', id => '72000000-0000-4000-8000-000000000007');
select tests.create_user('tp-sd@example.com', '{}', id => '72000000-0000-4000-8000-000000000008');
select tests.create_user('tp-out@example.com', '{}', id => '72000000-0000-4000-8000-000000000009');
select tests.create_user('tp-admin@example.com', '{}', id => '72000000-0000-4000-8000-000000000010');
update public.profiles set primary_role = 'admin' where id = '72000000-0000-4000-8000-000000000010';
update public.contributor_profiles set verification_status = 'verified' where user_id::text like '72000000-%';
-- Stripe accounts: the shadows and the core reviewer can receive payouts, the lead not yet.
update public.contributor_private_details set stripe_account_id = 'acct_tp_' || right(contributor_id::text, 6),
       stripe_payouts_enabled = contributor_id <> tests.cid('72000000-0000-4000-8000-000000000003')
  where contributor_id in (tests.cid('72000000-0000-4000-8000-000000000003'), tests.cid('72000000-0000-4000-8000-000000000004'),
                           tests.cid('72000000-0000-4000-8000-000000000005'), tests.cid('72000000-0000-4000-8000-000000000006'));

create temp table ids (name text primary key, id uuid);
grant all on ids to authenticated, service_role;

-- =============================================================================================
-- 1. Shares proposed at publish (the settings: lead 7000, shadow 2000, core reviewer 1000; a role the
--    mission has no place for adds its share to the lead's)
-- =============================================================================================
select tests.authenticate_as('tp-ia');
insert into ids select 'p_full', (public.create_mission(title => 'Full team', description => 'd', type => 'backend',
  budget_min_cents => 1000, budget_max_cents => 100000, estimated_duration_days => 3, milestones => '[{"title":"Step","amount_cents":1000}]',
  max_shadow_contributors => 2, requires_core_reviewer => true)).id;
insert into ids select 'p_solo', (public.create_mission(title => 'Solo lead', description => 'd', type => 'backend',
  budget_min_cents => 1000, budget_max_cents => 100000, estimated_duration_days => 3, milestones => '[{"title":"Step","amount_cents":1000}]',
  max_shadow_contributors => 0, requires_core_reviewer => false)).id;
insert into ids select 'p_reviewed', (public.create_mission(title => 'Reviewed lead', description => 'd', type => 'backend',
  budget_min_cents => 1000, budget_max_cents => 100000, estimated_duration_days => 3, milestones => '[{"title":"Step","amount_cents":1000}]',
  max_shadow_contributors => 0, requires_core_reviewer => true)).id;
insert into ids select 'p_chosen', (public.create_mission(title => 'Chosen shares', description => 'd', type => 'backend',
  budget_min_cents => 1000, budget_max_cents => 100000, estimated_duration_days => 3, milestones => '[{"title":"Step","amount_cents":1000}]')).id;
select tests.as_postgres();
select is((select array[lead_share_bps, shadow_share_bps, core_reviewer_share_bps] from public.missions where id = (select id from ids where name = 'p_full')),
  array[null, null, null]::integer[], 'a draft has no payout shares yet');

select tests.authenticate_as('tp-ia');
select public.publish_mission((select id from ids where name = 'p_full'));
select public.publish_mission((select id from ids where name = 'p_solo'));
select public.publish_mission((select id from ids where name = 'p_reviewed'));
select tests.as_postgres();
select is((select array[lead_share_bps, shadow_share_bps, core_reviewer_share_bps] from public.missions where id = (select id from ids where name = 'p_full')),
  array[7000, 2000, 1000], 'publishing proposes the settings'' shares: lead 70%, shadows 20%, core reviewer 10%');
select is((select array[lead_share_bps, shadow_share_bps, core_reviewer_share_bps] from public.missions where id = (select id from ids where name = 'p_solo')),
  array[10000, 0, 0], 'a mission with no shadow place and no core reviewer gives the lead everything');
select is((select array[lead_share_bps, shadow_share_bps, core_reviewer_share_bps] from public.missions where id = (select id from ids where name = 'p_reviewed')),
  array[9000, 0, 1000], 'a mission with no shadow place gives the shadow share to the lead');
-- The proposal follows the settings.
update private.settings set value = '2500' where key = 'payout_share_shadow_bps';
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days, status, published_at)
values ('72100000-0000-4000-8000-000000000009', tests.iid('72000000-0000-4000-8000-000000000001'), 'Settings', 'tp-settings', 'd', 'backend', 100, 100000, 5,
        'pending_funding', now());
select is((select array[lead_share_bps, shadow_share_bps, core_reviewer_share_bps] from public.missions where id = '72100000-0000-4000-8000-000000000009'),
  array[6500, 2500, 1000], 'the proposal is read from the settings (a shadow share of 2500 leaves the lead 6500)');
update private.settings set value = '2000' where key = 'payout_share_shadow_bps';
-- Shares are all set or all unset: a partly set triple is refused for every writer.
select throws_ok($$update public.missions set shadow_share_bps = null where id = '72100000-0000-4000-8000-000000000009'$$,
  '23514', null, 'shares cannot be partly unset (the service role included)');
select throws_ok($$insert into public.missions (initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
    estimated_duration_days, status, published_at, lead_share_bps)
  values (tests.iid('72000000-0000-4000-8000-000000000001'), 'Partial', 'tp-partial', 'd', 'backend', 100, 1000, 5, 'pending_funding', now(), 3000)$$,
  '23514', null, 'nor partly set');
-- A milestone the fee would eat whole leaves the team nothing: it cannot be published.
select tests.authenticate_as('tp-ia');
insert into ids select 'p_tiny', (public.create_mission(title => 'All fee', description => 'd', type => 'backend',
  budget_min_cents => 1, budget_max_cents => 1000, estimated_duration_days => 3, milestones => '[{"title":"Cent","amount_cents":1}]')).id;
select tests.as_postgres();
update public.missions set platform_fee_bps = 5000 where id = (select id from ids where name = 'p_tiny');
select tests.authenticate_as('tp-ia');
select throws_ok($$select public.publish_mission((select id from ids where name = 'p_tiny'))$$,
  '22023', 'Each milestone must be worth more than the platform fee on it.', 'a milestone worth no more than its fee cannot be published');
select tests.as_postgres();

-- =============================================================================================
-- 2. set_payout_shares: the initiator, until the mission is funded; basis points adding up to 10000
-- =============================================================================================
select tests.authenticate_as('tp-ia');
select is((select array[x.lead_share_bps, x.shadow_share_bps, x.core_reviewer_share_bps]
           from public.set_payout_shares((select id from ids where name = 'p_chosen'), 8000, 1000, 1000) x),
  array[8000, 1000, 1000], 'the initiator sets the shares of a draft');
select public.publish_mission((select id from ids where name = 'p_chosen'));
select is((select array[lead_share_bps, shadow_share_bps, core_reviewer_share_bps] from public.missions where id = (select id from ids where name = 'p_chosen')),
  array[8000, 1000, 1000], 'publishing keeps the shares the initiator chose');
select is((select array[x.lead_share_bps, x.shadow_share_bps, x.core_reviewer_share_bps]
           from public.set_payout_shares((select id from ids where name = 'p_full'), 6000, 3000, 1000) x),
  array[6000, 3000, 1000], 'the initiator adjusts the shares while the mission awaits funding');
select throws_ok($$select public.set_payout_shares((select id from ids where name = 'p_full'), 9000, 500, 0)$$,
  '22023', 'Payout shares are basis points that add up to 10000, the lead''s at least 1.', 'shares that do not add up to 10000 are refused');
select throws_ok($$select public.set_payout_shares((select id from ids where name = 'p_full'), 0, 5000, 5000)$$,
  '22023', 'Payout shares are basis points that add up to 10000, the lead''s at least 1.', 'a lead share of 0 is refused');
select throws_ok($$select public.set_payout_shares((select id from ids where name = 'p_full'), 10500, -500, 0)$$,
  '22023', 'Payout shares are basis points that add up to 10000, the lead''s at least 1.', 'a negative share is refused');
select throws_ok($$select public.set_payout_shares((select id from ids where name = 'p_full'), 10000, null, 0)$$,
  '22023', 'Payout shares are basis points that add up to 10000, the lead''s at least 1.', 'a missing share is refused');
select tests.authenticate_as('tp-admin');
select throws_ok($$select public.set_payout_shares((select id from ids where name = 'p_full'), 10000, 0, 0)$$,
  '42501', 'Only the mission''s initiator can set its payout shares.', 'an admin is not the initiator: refused');
select tests.authenticate_as('tp-ib');
select throws_ok($$select public.set_payout_shares((select id from ids where name = 'p_full'), 10000, 0, 0)$$,
  'PT404', 'No such mission.', 'another initiator does not even see the unfunded mission');
select tests.as_postgres();
select is((select array[lead_share_bps, shadow_share_bps, core_reviewer_share_bps] from public.missions where id = (select id from ids where name = 'p_full')),
  array[6000, 3000, 1000], 'the refused calls changed nothing');
-- Funded: the shares are fixed.
select tests.as_service_role();
select private.complete_deposit('pi_tp_full', 'ch_tp_full', 1000, 'USD', (select id from ids where name = 'p_full'));
select tests.as_postgres();
select tests.authenticate_as('tp-ia');
select throws_ok($$select public.set_payout_shares((select id from ids where name = 'p_full'), 7000, 2000, 1000)$$,
  'PT409', 'The payout shares are fixed once the mission is funded; this mission is open.', 'once funded, the initiator cannot change the shares');
select tests.as_service_role();
select throws_ok($$update public.missions set lead_share_bps = 10000, shadow_share_bps = 0, core_reviewer_share_bps = 0
  where id = (select id from ids where name = 'p_full')$$,
  '55000', 'The team''s payout shares are fixed when the mission is funded.', 'nor can the service role, by a direct update');
select tests.as_postgres();
select throws_ok($$update public.missions set lead_share_bps = 9000, shadow_share_bps = 0
  where id = (select id from ids where name = 'p_full')$$,
  '55000', 'The team''s payout shares are fixed when the mission is funded.', 'nor the owner of the table');

-- =============================================================================================
-- The team mission: lead, two active shadows, an active core reviewer, an invited shadow and a
-- removed one; shares 70/20/10, fee 10%. T1: 10,001 (fee 1,000, payout 9,001: odd cents); T2: 10
-- (fee 1, payout 9: every non-lead part rounds to 0). Mission U: lead, core reviewer, only an
-- invited shadow; U1 1,000, U2 2,000.
-- =============================================================================================
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days,
                             status, published_at, platform_fee_bps, max_shadow_contributors, requires_core_reviewer)
values ('72100000-0000-4000-8000-000000000001', tests.iid('72000000-0000-4000-8000-000000000001'), 'Team payout', 'tp-team', 'd', 'backend', 100, 100000, 5,
        'pending_funding', now(), 1000, 5, true),
       ('72100000-0000-4000-8000-000000000002', tests.iid('72000000-0000-4000-8000-000000000001'), 'Nobody shadows', 'tp-unheld', 'd', 'backend', 100, 100000, 5,
        'pending_funding', now(), 1000, 1, true);
insert into public.milestones (id, mission_id, title, order_index, amount_cents, status) values
  ('72200000-0000-4000-8000-000000000001', '72100000-0000-4000-8000-000000000001', 'odd cents', 0, 10001, 'in_progress'),
  ('72200000-0000-4000-8000-000000000002', '72100000-0000-4000-8000-000000000001', 'tiny', 1, 10, 'in_progress'),
  ('72200000-0000-4000-8000-000000000003', '72100000-0000-4000-8000-000000000001', 'later', 2, 5000, 'pending'),
  ('72200000-0000-4000-8000-000000000011', '72100000-0000-4000-8000-000000000002', 'one', 0, 1000, 'in_progress'),
  ('72200000-0000-4000-8000-000000000012', '72100000-0000-4000-8000-000000000002', 'two', 1, 2000, 'in_progress');
insert into public.mission_assignments (id, mission_id, contributor_id, role, status, accepted_at, ended_at, end_reason) values
  ('72300000-0000-4000-8000-000000000001', '72100000-0000-4000-8000-000000000001', tests.cid('72000000-0000-4000-8000-000000000003'), 'lead', 'active', now() - interval '5 days', null, null),
  ('72300000-0000-4000-8000-000000000002', '72100000-0000-4000-8000-000000000001', tests.cid('72000000-0000-4000-8000-000000000004'), 'shadow', 'active', now() - interval '4 days', null, null),
  ('72300000-0000-4000-8000-000000000003', '72100000-0000-4000-8000-000000000001', tests.cid('72000000-0000-4000-8000-000000000005'), 'shadow', 'active', now() - interval '3 days', null, null),
  ('72300000-0000-4000-8000-000000000004', '72100000-0000-4000-8000-000000000001', tests.cid('72000000-0000-4000-8000-000000000006'), 'core_reviewer', 'active', now() - interval '4 days', null, null),
  ('72300000-0000-4000-8000-000000000005', '72100000-0000-4000-8000-000000000001', tests.cid('72000000-0000-4000-8000-000000000007'), 'shadow', 'invited', null, null, null),
  ('72300000-0000-4000-8000-000000000006', '72100000-0000-4000-8000-000000000001', tests.cid('72000000-0000-4000-8000-000000000008'), 'shadow', 'removed', now() - interval '4 days', now() - interval '1 day', 'left'),
  ('72300000-0000-4000-8000-000000000011', '72100000-0000-4000-8000-000000000002', tests.cid('72000000-0000-4000-8000-000000000003'), 'lead', 'active', now() - interval '5 days', null, null),
  ('72300000-0000-4000-8000-000000000012', '72100000-0000-4000-8000-000000000002', tests.cid('72000000-0000-4000-8000-000000000006'), 'core_reviewer', 'active', now() - interval '5 days', null, null),
  ('72300000-0000-4000-8000-000000000013', '72100000-0000-4000-8000-000000000002', tests.cid('72000000-0000-4000-8000-000000000007'), 'shadow', 'invited', null, null, null);
select tests.as_service_role();
select private.complete_deposit('pi_tp_team', 'ch_tp_team', 15011, 'USD', '72100000-0000-4000-8000-000000000001');
select private.complete_deposit('pi_tp_unheld', 'ch_tp_unheld', 3000, 'USD', '72100000-0000-4000-8000-000000000002');
select tests.as_postgres();
update public.missions set status = 'in_progress', started_at = now() where id::text like '72100000-0000-4000-8000-00000000000_' and id <> '72100000-0000-4000-8000-000000000009';

-- =============================================================================================
-- 3. Approval writes the parts
-- =============================================================================================
select tests.authenticate_as('tp-lead');
select public.submit_milestone('72200000-0000-4000-8000-000000000001', 'Odd cents.');
select public.submit_milestone('72200000-0000-4000-8000-000000000002', 'Tiny.');
select public.submit_milestone('72200000-0000-4000-8000-000000000011', 'Unheld.');
select tests.authenticate_as('tp-ia');
select public.approve_milestone('72200000-0000-4000-8000-000000000001');
select public.approve_milestone('72200000-0000-4000-8000-000000000002');
select public.approve_milestone('72200000-0000-4000-8000-000000000011');
select tests.as_postgres();
select results_eq($$select contributor_id, role::text, share_bps, payout_cents from public.milestone_payouts
    where milestone_id = '72200000-0000-4000-8000-000000000001' order by payout_cents desc, role, contributor_id$$,
  $$select * from (values
      (tests.cid('72000000-0000-4000-8000-000000000003'), 'lead', 7000, 6301::bigint),
      (tests.cid('72000000-0000-4000-8000-000000000006'), 'core_reviewer', 1000, 900::bigint),
      (tests.cid('72000000-0000-4000-8000-000000000004'), 'shadow', 2000, 900::bigint),
      (tests.cid('72000000-0000-4000-8000-000000000005'), 'shadow', 2000, 900::bigint)) x (c, r, s, p)
    order by p desc, r, c$$,
  'approval splits the 9,001 after the fee: each shadow 900 (20% / 2, rounded down), the core reviewer 900, the lead the rest: 6,301');
select is((select sum(payout_cents)::bigint from public.milestone_payouts where milestone_id = '72200000-0000-4000-8000-000000000001'),
  10001 - private.platform_fee(10001, 1000), 'the parts add up to the payout after the fee exactly (the lead got the odd cent)');
select is_empty($$select contributor_id from public.milestone_payouts where milestone_id = '72200000-0000-4000-8000-000000000001'
    and contributor_id in (tests.cid('72000000-0000-4000-8000-000000000007'), tests.cid('72000000-0000-4000-8000-000000000008'))$$,
  'an invited shadow and a removed shadow are not paid');
select results_eq($$select contributor_id, role::text, share_bps, payout_cents from public.milestone_payouts
    where milestone_id = '72200000-0000-4000-8000-000000000002'$$,
  $$values (tests.cid('72000000-0000-4000-8000-000000000003'), 'lead', 10000, 9::bigint)$$,
  'a share that rounds to 0 (20% or 10% of 9 cents) goes to the lead: one part, all 9 cents');
select results_eq($$select contributor_id, role::text, share_bps, payout_cents from public.milestone_payouts
    where milestone_id = '72200000-0000-4000-8000-000000000011' order by payout_cents desc$$,
  $$values (tests.cid('72000000-0000-4000-8000-000000000003'), 'lead', 9000, 810::bigint),
           (tests.cid('72000000-0000-4000-8000-000000000006'), 'core_reviewer', 1000, 90::bigint)$$,
  'the shadow share nobody holds (only an invited shadow) goes to the lead: 90% of 900');
select is((select jsonb_array_length(payload -> 'parts') from private.domain_events
           where event = 'payout:requested' and entity_id = '72200000-0000-4000-8000-000000000001'), 4,
  'payout:requested lists the four parts');

-- One release_payout job per part.
select set_eq($$select dedupe_key, payload ->> 'milestone_id' as ms, payload ->> 'mission_id' as m, payload ->> 'contributor_id' as c from private.jobs
    where kind = 'release_payout' and payload ->> 'milestone_id' = '72200000-0000-4000-8000-000000000001'$$,
  $$select 'release-72200000-0000-4000-8000-000000000001-' || c as k, '72200000-0000-4000-8000-000000000001' as ms, '72100000-0000-4000-8000-000000000001' as m, c::text
    from unnest(array[tests.cid('72000000-0000-4000-8000-000000000003'), tests.cid('72000000-0000-4000-8000-000000000004'),
                      tests.cid('72000000-0000-4000-8000-000000000005'), tests.cid('72000000-0000-4000-8000-000000000006')]) c$$,
  'one release_payout job per part, deduplicated by milestone and payee, naming its payee');
select tests.as_service_role();
select is((select array[p ->> 'payout_cents', p ->> 'role', p ->> 'destination', p ->> 'payouts_enabled', p ->> 'idempotency_key', p ->> 'source_transaction']
           from private.payout_plan('72200000-0000-4000-8000-000000000001', tests.cid('72000000-0000-4000-8000-000000000004')) p),
  array['900', 'shadow', 'acct_tp_' || right(tests.cid('72000000-0000-4000-8000-000000000004')::text, 6), 'true',
        'release-72200000-0000-4000-8000-000000000001-' || tests.cid('72000000-0000-4000-8000-000000000004'), 'ch_tp_team'],
  'the plan of one part: its amount, role, payee account, idempotency key and the charge that holds the money');
select throws_ok($$select private.payout_plan('72200000-0000-4000-8000-000000000001', tests.cid('72000000-0000-4000-8000-000000000007'))$$,
  'PT404', 'No such part of a milestone payout.', 'there is no plan for someone without a part');
select tests.as_postgres();

-- =============================================================================================
-- 4. Who sees the parts (RLS): the payee their own, the initiator all of their mission's, admins all
-- =============================================================================================
select tests.authenticate_as('tp-sa');
select results_eq($$select contributor_id, payout_cents from public.milestone_payouts where mission_id = '72100000-0000-4000-8000-000000000001'$$,
  $$values (tests.cid('72000000-0000-4000-8000-000000000004'), 900::bigint)$$, 'a payee sees only their own part');
select tests.authenticate_as('tp-lead');
select is((select count(*)::int from public.milestone_payouts where milestone_id = '72200000-0000-4000-8000-000000000001'
           and contributor_id <> tests.cid('72000000-0000-4000-8000-000000000003')), 0, 'the lead does not see the other members'' parts');
select tests.authenticate_as('tp-sc');
select is((select count(*)::int from public.milestone_payouts where mission_id = '72100000-0000-4000-8000-000000000001'), 0,
  'a team member without a part sees none');
select tests.authenticate_as('tp-out');
select is((select count(*)::int from public.milestone_payouts where mission_id::text like '72100000-%'), 0, 'a stranger sees none');
select tests.authenticate_as('tp-ib');
select is((select count(*)::int from public.milestone_payouts where mission_id::text like '72100000-%'), 0, 'another initiator sees none');
select tests.authenticate_as('tp-ia');
select is((select count(*)::int from public.milestone_payouts where mission_id = '72100000-0000-4000-8000-000000000001'), 5,
  'the initiator sees every part of their mission (4 + 1)');
select tests.authenticate_as('tp-admin');
select is((select count(*)::int from public.milestone_payouts where mission_id::text like '72100000-%'), 7, 'an admin sees all parts');
select tests.as_anon();
select throws_ok($$select count(*) from public.milestone_payouts$$, '42501', null, 'anon cannot read payout parts at all');
select tests.as_postgres();

-- =============================================================================================
-- 5. Team changes after approval do not move the parts
-- =============================================================================================
create temp table parts_at_approval on commit drop as
  select milestone_id, contributor_id, role, share_bps, payout_cents from public.milestone_payouts where mission_id = '72100000-0000-4000-8000-000000000001';
select tests.authenticate_as('tp-ia');
select public.remove_from_mission('72300000-0000-4000-8000-000000000001', 'left the company');
select tests.as_postgres();
select is((select count(*)::int from public.mission_assignments where mission_id = '72100000-0000-4000-8000-000000000001' and status = 'stepped_up'), 1,
  'the lead is removed and a shadow steps up');
select set_eq($$select milestone_id, contributor_id, role, share_bps, payout_cents from public.milestone_payouts where mission_id = '72100000-0000-4000-8000-000000000001'$$,
  $$select * from parts_at_approval$$, 'the parts fixed at approval do not change: the removed lead keeps the lead''s part, the new lead their shadow part');

-- =============================================================================================
-- 6. Direct writes, even by the service role
-- =============================================================================================
select tests.as_service_role();
select throws_ok($$update public.milestone_payouts set payout_cents = payout_cents + 1 where milestone_id = '72200000-0000-4000-8000-000000000001'$$,
  '55000', 'The parts of a milestone payout are fixed when it is approved and never change.', 'the service role cannot change a part');
select throws_ok($$update public.milestone_payouts set contributor_id = tests.cid('72000000-0000-4000-8000-000000000004')
    where milestone_id = '72200000-0000-4000-8000-000000000002'$$,
  '55000', 'The parts of a milestone payout are fixed when it is approved and never change.', 'nor move a part to the new lead');
select throws_ok($$delete from public.milestone_payouts where milestone_id = '72200000-0000-4000-8000-000000000001'$$,
  '55000', 'The parts of a milestone payout are fixed when it is approved and never change.', 'nor delete parts');
select throws_ok($$insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents)
    values ('72200000-0000-4000-8000-000000000011', '72100000-0000-4000-8000-000000000002', tests.cid('72000000-0000-4000-8000-000000000009'), 'shadow', 2000, 180)$$,
  '23514', 'A part of a milestone payout goes to a member of its mission, in the role held.', 'nor add a part for someone not on the team');
select throws_ok($$insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents)
    values ('72200000-0000-4000-8000-000000000011', '72100000-0000-4000-8000-000000000002', tests.cid('72000000-0000-4000-8000-000000000006'), 'lead', 2000, 180)$$,
  '23514', 'A part of a milestone payout goes to a member of its mission, in the role held.', 'nor pay a member in a role they do not hold');
select throws_ok($$insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents)
    values ('72200000-0000-4000-8000-000000000012', '72100000-0000-4000-8000-000000000002', tests.cid('72000000-0000-4000-8000-000000000003'), 'lead', 10000, 1800)$$,
  '55000', 'The parts of a milestone payout are written when it is approved.', 'nor write parts for a milestone not approved');
select throws_ok($$insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents, status)
    values ('72100000-0000-4000-8000-000000000002', '72200000-0000-4000-8000-000000000011', tests.iid('72000000-0000-4000-8000-000000000001'),
            tests.cid('72000000-0000-4000-8000-000000000006'), 'release', 91, 'pending')$$,
  '23514', 'A milestone payout is a part fixed when it was approved: its payee, its amount.', 'a release not matching its part''s amount is refused');
select throws_ok($$insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents, status)
    values ('72100000-0000-4000-8000-000000000002', '72200000-0000-4000-8000-000000000011', tests.iid('72000000-0000-4000-8000-000000000001'),
            tests.cid('72000000-0000-4000-8000-000000000007'), 'release', 90, 'pending')$$,
  '23514', 'A milestone payout is a part fixed when it was approved: its payee, its amount.', 'a release to someone without a part is refused');
select throws_ok($q$do $x$ begin
    update public.milestones set status = 'approved' where id = '72200000-0000-4000-8000-000000000012';
    insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents)
    values ('72200000-0000-4000-8000-000000000012', '72100000-0000-4000-8000-000000000002', tests.cid('72000000-0000-4000-8000-000000000003'), 'lead', 10000, 1000);
    set constraints all immediate;
  end $x$ $q$, '23514', 'The parts of a milestone payout are the mission''s shares of it, split by the team''s roles.',
  'parts that do not add up are refused when written (they are not the rule''s split)');
select throws_ok($q$do $x$ begin
    update public.milestones set status = 'approved' where id = '72200000-0000-4000-8000-000000000012';
    insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents)
    values ('72200000-0000-4000-8000-000000000012', '72100000-0000-4000-8000-000000000002', tests.cid('72000000-0000-4000-8000-000000000006'), 'core_reviewer', 10000, 1800);
    set constraints all immediate;
  end $x$ $q$, '23514', 'The parts of a milestone payout are the mission''s shares of it, split by the team''s roles.',
  'parts without a lead''s part are refused when written');
select lives_ok($q$do $x$ begin
    update public.milestones set status = 'approved' where id = '72200000-0000-4000-8000-000000000012';
    insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents)
    select ms.id, ms.mission_id, p.contributor_id, p.role, p.share_bps, p.payout_cents
    from public.milestones ms join public.missions m on m.id = ms.mission_id,
         private.split_payout(ms, m, tests.cid('72000000-0000-4000-8000-000000000003')) p
    where ms.id = '72200000-0000-4000-8000-000000000012';
    set constraints all immediate;
    raise exception 'undo' using errcode = 'T0UND';
  exception when sqlstate 'T0UND' then null;
  end $x$ $q$, 'while the rule''s own split, written in one statement, passes the same checks');
select throws_ok($q$do $x$ begin
    update public.milestones set status = 'approved' where id = '72200000-0000-4000-8000-000000000012';
    insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents)
    values ('72200000-0000-4000-8000-000000000012', '72100000-0000-4000-8000-000000000002', tests.cid('72000000-0000-4000-8000-000000000003'), 'lead', 1, 1),
           ('72200000-0000-4000-8000-000000000012', '72100000-0000-4000-8000-000000000002', tests.cid('72000000-0000-4000-8000-000000000006'), 'core_reviewer', 9999, 1799);
  end $x$ $q$, '23514', 'The parts of a milestone payout are the mission''s shares of it, split by the team''s roles.',
  'a split adding up but not by the mission''s shares is refused, the service role included');
select tests.as_postgres();

-- =============================================================================================
-- 7. Paying the parts: each waits for its own payee; one fee; paid when every part is
-- =============================================================================================
select tests.as_service_role();
select is((private.reserve_release('72200000-0000-4000-8000-000000000001', tests.cid('72000000-0000-4000-8000-000000000003'))) ->> 'waiting_for', 'account',
  'the lead''s part waits: the lead''s account cannot receive payouts yet');
select is((private.reserve_release('72200000-0000-4000-8000-000000000001', tests.cid('72000000-0000-4000-8000-000000000004'))) ->> 'reserved', 'true',
  'the shadow''s part does not wait for it: it is reserved');
select tests.as_postgres();
select results_eq($$select type::text, contributor_id, amount_cents, status::text from public.escrow_transactions
    where milestone_id = '72200000-0000-4000-8000-000000000001' order by type$$,
  $$values ('platform_fee', null::uuid, 1000::bigint, 'pending'),
           ('release', tests.cid('72000000-0000-4000-8000-000000000004'), 900::bigint, 'pending')$$,
  'the shadow''s release is reserved with the milestone''s fee; nothing for the waiting lead');
select tests.as_service_role();
select is((private.record_release('72200000-0000-4000-8000-000000000001', tests.cid('72000000-0000-4000-8000-000000000004'), 'tr_tp_sa')) ->> 'replayed', 'false',
  'the shadow''s transfer is recorded');
select is((private.record_release('72200000-0000-4000-8000-000000000001', tests.cid('72000000-0000-4000-8000-000000000005'), 'tr_tp_sb')) ->> 'replayed', 'false',
  'the other shadow''s transfer is recorded (without a reservation)');
select is((private.record_release('72200000-0000-4000-8000-000000000001', tests.cid('72000000-0000-4000-8000-000000000006'), 'tr_tp_rev')) ->> 'replayed', 'false',
  'the core reviewer''s transfer is recorded');
select tests.as_postgres();
select is((select status::text from public.milestones where id = '72200000-0000-4000-8000-000000000001'), 'approved',
  'the milestone stays approved while the lead''s part is not paid');
select tests.as_service_role();
select throws_ok($$select private.mark_milestone_paid('72200000-0000-4000-8000-000000000001')$$, 'PT409',
  'A milestone is paid only when every part of its payout has its completed release in the escrow ledger.', 'and cannot be marked paid');
select tests.as_postgres();
update private.jobs set status = 'waiting'
  where dedupe_key = 'release-72200000-0000-4000-8000-000000000001-' || tests.cid('72000000-0000-4000-8000-000000000003');
select tests.as_service_role();
select private.sync_connected_account('acct_tp_' || right(tests.cid('72000000-0000-4000-8000-000000000003')::text, 6), true, true, true, now());
select tests.as_postgres();
select is((select status from private.jobs where dedupe_key = 'release-72200000-0000-4000-8000-000000000001-' || tests.cid('72000000-0000-4000-8000-000000000003')),
  'queued', 'the lead''s account becoming payable wakes the lead''s part');
select tests.as_service_role();
select is((private.reserve_release('72200000-0000-4000-8000-000000000001', tests.cid('72000000-0000-4000-8000-000000000003'))) ->> 'reserved', 'true',
  'the lead''s part is reserved (the lead has since been removed: the part is still theirs)');
select is((private.record_release('72200000-0000-4000-8000-000000000001', tests.cid('72000000-0000-4000-8000-000000000003'), 'tr_tp_lead')) ->> 'replayed', 'false',
  'the lead''s transfer is recorded');
select tests.as_postgres();
select is((select status::text from public.milestones where id = '72200000-0000-4000-8000-000000000001'), 'paid',
  'every part has its completed release: the milestone is paid');
select results_eq($$select type::text, count(*)::int, sum(amount_cents), bool_and(status = 'completed') from public.escrow_transactions
    where milestone_id = '72200000-0000-4000-8000-000000000001' group by type order by type$$,
  $$values ('platform_fee', 1, 1000::numeric, true), ('release', 4, 9001::numeric, true)$$,
  'four completed releases adding up to the payout, and exactly one platform fee');
select is((select array_agg(distinct stripe_charge_id::text) from public.escrow_transactions
           where milestone_id = '72200000-0000-4000-8000-000000000001' and type = 'release'),
  array['ch_tp_team'], 'each release records the charge it is transferred from');

-- =============================================================================================
-- 8. payment:released, per part
-- =============================================================================================
select is((select message from public.notifications where user_id = '72000000-0000-4000-8000-000000000004' and type = 'payment_received'),
  'You were paid 9.00 USD for "Team payout" (your share as shadow).', 'the shadow is told of their part, as shadow');
select is((select message from public.notifications where user_id = '72000000-0000-4000-8000-000000000003' and type = 'payment_received'),
  'You were paid 63.01 USD for "Team payout" (your share as lead).', 'the lead is told of theirs');
select is((select count(*)::int from public.notifications where user_id = '72000000-0000-4000-8000-000000000001' and type = 'payment_released'
           and metadata ->> 'milestone_id' = '72200000-0000-4000-8000-000000000001'), 4, 'the initiator is told of each part');
select is((select count(*)::int from private.jobs where kind = 'email' and payload ->> 'template' = 'payment_received'
           and dedupe_key = 'email:payment_received:72200000-0000-4000-8000-000000000001:' || tests.cid('72000000-0000-4000-8000-000000000004')), 1,
  'and the shadow gets an email for their part');

-- =============================================================================================
-- 9. The checks at commit pass for an approval made through the API (they run whatever the caller
--    may read: the deferred checks of every approval and payout above fire here, as the initiator)
-- =============================================================================================
select tests.authenticate_as('tp-lead');
select public.submit_milestone('72200000-0000-4000-8000-000000000012', 'Two.');
select tests.authenticate_as('tp-ia');
select public.approve_milestone('72200000-0000-4000-8000-000000000012');
select lives_ok($$set constraints all immediate$$, 'the approval''s parts pass the checks at commit, run as the initiator who approved');
select tests.as_postgres();

select * from finish();
rollback;
