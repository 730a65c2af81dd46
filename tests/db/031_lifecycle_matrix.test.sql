-- Every (state, action, actor) combination of the four state machines, through the public RPCs.
-- The expected outcome comes from the state machines as data (public.lifecycle_transitions) read
-- with the guard's rules, plus the rules each RPC adds (grants, visibility, preconditions):
--   a transition from the state for one of the caller's actor roles  -> ok, and the new state
--   the caller may never fire the action                               -> 42501
--   the entity already is where the action leads (a retry)             -> ok, state unchanged
--   otherwise                                                          -> PT409
-- Every rejected call leaves the state as it was. The state machines themselves are pinned first,
-- so changing a rule means changing this test on purpose.
begin;

-- ---------------------------------------------------------------------------------------------
-- People
-- ---------------------------------------------------------------------------------------------
select tests.create_user('lm-ia@example.com', '{"role":"initiator"}', id => 'e1000000-0000-4000-8000-000000000001');
select tests.create_user('lm-ib@example.com', '{"role":"initiator"}', id => 'e1000000-0000-4000-8000-000000000002');
select tests.create_user('lm-lead@example.com', '{}', id => 'e1000000-0000-4000-8000-000000000003');
select tests.create_user('lm-reviewer@example.com', '{}', id => 'e1000000-0000-4000-8000-000000000004');
select tests.create_user('lm-shadow@example.com', '{}', id => 'e1000000-0000-4000-8000-000000000005');
select tests.create_user('lm-outsider@example.com', '{}', id => 'e1000000-0000-4000-8000-000000000006');
select tests.create_user('lm-admin@example.com', '{}', id => 'e1000000-0000-4000-8000-000000000007');
update public.profiles set primary_role = 'admin' where id = 'e1000000-0000-4000-8000-000000000007';
update public.contributor_profiles set verification_status = 'verified'
  where user_id::text like 'e1000000-0000-4000-8000-00000000000_';

create temp table personas (name text primary key, role text, claims jsonb);
insert into personas values
  ('initiator', 'authenticated', tests.claims_for('e1000000-0000-4000-8000-000000000001')),
  ('other_initiator', 'authenticated', tests.claims_for('e1000000-0000-4000-8000-000000000002')),
  ('lead', 'authenticated', tests.claims_for('e1000000-0000-4000-8000-000000000003')),
  ('reviewer', 'authenticated', tests.claims_for('e1000000-0000-4000-8000-000000000004')),
  ('shadow', 'authenticated', tests.claims_for('e1000000-0000-4000-8000-000000000005')),
  ('outsider', 'authenticated', tests.claims_for('e1000000-0000-4000-8000-000000000006')),
  ('admin', 'authenticated', tests.claims_for('e1000000-0000-4000-8000-000000000007')),
  ('payments', 'service_role', '{"role":"service_role"}'),
  ('anon', 'anon', '{"role":"anon"}');

-- ---------------------------------------------------------------------------------------------
-- The state machines, pinned.
-- ---------------------------------------------------------------------------------------------
create temp table pinned (machine text, rules text);
insert into pinned values
  ('mission', 'cancel: in_progress,in_review>cancelled by admin; draft,matching,open,pending_funding>cancelled by admin,initiator | complete: in_progress,in_review>completed by admin,system | expire: pending_funding>cancelled by timer | mark_funded: pending_funding>open by payments | open_dispute: in_progress,in_review>disputed by admin,initiator,member,payments | publish: draft>pending_funding by initiator | resolve_dispute: disputed>cancelled,completed,in_progress by admin | resume_work: in_review>in_progress by system | start_matching: open>matching by admin,initiator | start_work: matching,open>in_progress by initiator | submit_for_review: in_progress>in_review by system'),
  ('milestone', 'approve: submitted>approved by initiator,system,timer | cancel: approved,in_progress,pending,revision,submitted>cancelled by system | mark_paid: approved>paid by payments | request_revision: submitted>revision by core_reviewer,initiator | start: pending>in_progress by lead,system | submit: in_progress,pending,revision>submitted by lead'),
  ('application', 'accept: pending,shortlisted>accepted by initiator | apply: withdrawn>pending by applicant | close: pending,shortlisted>rejected by system | reject: pending,shortlisted>rejected by initiator | shortlist: pending>shortlisted by initiator | withdraw: accepted,pending,shortlisted>withdrawn by applicant'),
  ('assignment', 'accept_invitation: invited>active by invitee | complete: active,stepped_up>completed by system | decline_invitation: invited>withdrawn by invitee | expire_invitation: invited>withdrawn by timer | remove: active,invited,stepped_up>removed by admin,initiator | step_up: active>stepped_up by admin,initiator,system | withdraw: active,stepped_up>withdrawn by member');

-- Renders a machine as "action: from,from>to,to by actor,actor; ... | action: ...", grouping
-- transitions that share their actors.
create function pg_temp.render(m text) returns text language sql as $$
  with per_transition as (
    select action, from_state, to_state, string_agg(actor, ',' order by actor) as actors
    from public.lifecycle_transitions where machine = m group by action, from_state, to_state
  ), per_actors as (
    select action, actors, string_agg(distinct from_state, ',' order by from_state) as froms,
           string_agg(distinct to_state, ',' order by to_state) as tos
    from per_transition group by action, actors
  ), per_action as (
    select action, string_agg(froms || '>' || tos || ' by ' || actors, '; ' order by length(actors), actors) as rules
    from per_actors group by action
  )
  select string_agg(action || ': ' || rules, ' | ' order by action) from per_action
$$;

-- The expected outcome for a caller with `actors` firing `action` on an entity in `state`.
create function pg_temp.expected(m text, a text, state text, actors text[]) returns text language sql as $$
  select case
    when exists (select from public.lifecycle_transitions t where t.machine = m and t.action = a and t.from_state = state and t.actor = any (actors))
      then 'ok:' || (select min(t.to_state) from public.lifecycle_transitions t
                     where t.machine = m and t.action = a and t.from_state = state and t.actor = any (actors))
    when not exists (select from public.lifecycle_transitions t where t.machine = m and t.action = a and t.actor = any (actors))
      then '42501:' || state
    when exists (select from public.lifecycle_transitions t where t.machine = m and t.action = a and t.to_state = state and t.actor = any (actors))
      then 'ok:' || state
    else 'PT409:' || state
  end
$$;

-- ---------------------------------------------------------------------------------------------
-- Missions: one per state, each with two milestones and a complete team (lead + core reviewer).
-- ---------------------------------------------------------------------------------------------
create temp table mission_states (state text primary key, id uuid, listed boolean);
insert into mission_states
select s::text, ('e2000000-0000-4000-8000-' || lpad(ordinality::text, 12, '0'))::uuid,
       s::text in ('open', 'matching', 'in_progress', 'in_review', 'completed')
from unnest(enum_range(null::public.mission_status)) with ordinality as s;

insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, published_at)
select id, tests.iid('e1000000-0000-4000-8000-000000000001'), 'Mission ' || state, 'lm-mission-' || replace(state, '_', '-'),
       'd', 'backend', 1000, 5000, 10, state::public.mission_status, case when state <> 'draft' then now() end
from mission_states;
insert into public.milestones (mission_id, title, order_index, amount_cents, status)
select id, 'step ' || i, i, 1000,
       (case when state = 'completed' then 'paid'
             when state = 'in_review' then 'submitted'
             when state in ('in_progress', 'disputed') and i = 0 then 'in_progress'
             else 'pending' end)::public.milestone_status
from mission_states, generate_series(0, 1) i;
-- The mission awaiting funding has its deposit (a mission is funded only by one covering its plan).
select tests.charge('pi_lm_pending', (select id from mission_states where state = 'pending_funding'), 2000);
insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, stripe_payment_intent_id, status)
select id, tests.iid('e1000000-0000-4000-8000-000000000001'), 'deposit', 2000, 'pi_lm_pending', 'completed'
from mission_states where state = 'pending_funding';
insert into public.mission_assignments (mission_id, contributor_id, role, status, accepted_at)
select id, tests.cid(u), r::public.assignment_role, (case when state = 'completed' then 'completed' else 'active' end)::public.assignment_status, now()
from mission_states, (values ('e1000000-0000-4000-8000-000000000003'::uuid, 'lead'), ('e1000000-0000-4000-8000-000000000004'::uuid, 'core_reviewer')) t(u, r);

create temp table mission_actions (action text primary key, call text);
insert into mission_actions values
  ('publish', 'select public.publish_mission(%L)'),
  ('mark_funded', 'select private.mark_mission_funded(%L)'),
  ('start_matching', 'select public.start_matching(%L)'),
  ('start_work', 'select public.start_work(%L)'),
  ('cancel', 'select public.cancel_mission(%L, ''changed plans'')'),
  ('open_dispute', 'select public.open_dispute(%L, ''work stalled'')'),
  ('resolve_dispute', 'select public.resolve_dispute(%L, ''resume'')');

-- Each persona's actor roles on these missions.
create function pg_temp.mission_actors(persona text, state text) returns text[] language sql as $$
  select case persona
    when 'initiator' then array['initiator']
    when 'lead' then case when state = 'completed' then '{}'::text[] else array['member', 'lead'] end
    when 'reviewer' then case when state = 'completed' then '{}'::text[] else array['member', 'core_reviewer'] end
    when 'admin' then array['admin']
    when 'payments' then array['payments']
    else '{}'::text[] end
$$;

create temp table mission_cases as
select ms.state, ma.action, p.name as persona, p.role, p.claims, format(ma.call, ms.id) as stmt,
       format('select status::text from public.missions where id = %L', ms.id) as probe,
       case
         -- no grant: anon on everything; users on the payments-only action
         when p.name = 'anon' or (ma.action = 'mark_funded' and p.name <> 'payments') then '42501:' || ms.state
         -- the service role is not a signed-in user (only payments' own actions accept it)
         when p.name = 'payments' and ma.action not in ('mark_funded', 'open_dispute') then '42501:' || ms.state
         -- someone with no part in a mission that is not listed does not see it
         when cardinality(pg_temp.mission_actors(p.name, ms.state)) = 0 and not ms.listed then 'PT404:' || ms.state
         -- resolve_dispute: a retry only when the mission is where that outcome leads
         when ma.action = 'resolve_dispute' and 'admin' = any (pg_temp.mission_actors(p.name, ms.state)) then
           case ms.state when 'disputed' then 'ok:in_progress' when 'in_progress' then 'ok:in_progress' else 'PT409:' || ms.state end
         else pg_temp.expected('mission', ma.action, ms.state, pg_temp.mission_actors(p.name, ms.state))
       end as expected
from mission_states ms cross join mission_actions ma
cross join personas p where p.name in ('initiator', 'other_initiator', 'lead', 'outsider', 'admin', 'payments', 'anon');

-- ---------------------------------------------------------------------------------------------
-- Milestones: one private in-progress mission with a milestone in every state, a full team.
-- ---------------------------------------------------------------------------------------------
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, is_public, published_at, started_at,
                             lead_share_bps, shadow_share_bps, core_reviewer_share_bps)
values ('e3000000-0000-4000-8000-000000000001', tests.iid('e1000000-0000-4000-8000-000000000001'), 'Milestone states', 'lm-milestone-states',
        'd', 'backend', 1000, 100000, 10, 'in_progress', false, now(), now(), 10000, 0, 0); -- the lead alone is paid
insert into public.mission_assignments (id, mission_id, contributor_id, role, status, accepted_at) values
  ('e3100000-0000-4000-8000-000000000001', 'e3000000-0000-4000-8000-000000000001', tests.cid('e1000000-0000-4000-8000-000000000003'), 'lead', 'active', now()),
  ('e3100000-0000-4000-8000-000000000002', 'e3000000-0000-4000-8000-000000000001', tests.cid('e1000000-0000-4000-8000-000000000004'), 'core_reviewer', 'active', now()),
  ('e3100000-0000-4000-8000-000000000003', 'e3000000-0000-4000-8000-000000000001', tests.cid('e1000000-0000-4000-8000-000000000005'), 'shadow', 'active', now());
create temp table milestone_states (state text primary key, id uuid);
insert into milestone_states
select s::text, ('e3200000-0000-4000-8000-' || lpad(ordinality::text, 12, '0'))::uuid
from unnest(enum_range(null::public.milestone_status)) with ordinality as s;
insert into public.milestones (id, mission_id, title, order_index, amount_cents, status)
select id, 'e3000000-0000-4000-8000-000000000001', 'Milestone ' || state, row_number() over (order by id) - 1, 1000, state::public.milestone_status
from milestone_states;
insert into public.work_submissions (milestone_id, mission_id, assignment_id, version, content, status)
select id, 'e3000000-0000-4000-8000-000000000001', 'e3100000-0000-4000-8000-000000000001', 1, 'earlier work',
       (case state when 'revision' then 'revision_requested' when 'submitted' then 'submitted' else 'approved' end)::public.work_submission_status
from milestone_states where state in ('submitted', 'revision', 'approved', 'paid');
-- The approved and paid milestones have their payout parts (fixed at approval: here all of the
-- payout after the fee to the lead) and a completed release of each in the ledger: payments mark a
-- milestone paid only as the consequence of those entries.
insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents)
select id, 'e3000000-0000-4000-8000-000000000001', tests.cid('e1000000-0000-4000-8000-000000000003'), 'lead', 10000,
       1000 - private.platform_fee(1000, 1000)
from milestone_states where state in ('approved', 'paid');
select tests.charge('pi_matrix_1', 'e3000000-0000-4000-8000-000000000001', 2000);
insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents, status,
                                        stripe_payment_intent_id, stripe_transfer_id)
select 'e3000000-0000-4000-8000-000000000001', x.milestone_id, m.initiator_id, x.contributor_id, x.type::public.escrow_transaction_type,
       x.amount, 'completed', x.pi, x.tr
from public.missions m, (values
  (null::uuid, null::uuid, 'deposit', 2000::bigint, 'pi_matrix_1', null),
  ((select id from milestone_states where state = 'approved'), tests.cid('e1000000-0000-4000-8000-000000000003'), 'release', 900, null, 'tr_matrix_1'),
  ((select id from milestone_states where state = 'approved'), null, 'platform_fee', 100, null, null),
  ((select id from milestone_states where state = 'paid'), tests.cid('e1000000-0000-4000-8000-000000000003'), 'release', 900, null, 'tr_matrix_2'),
  ((select id from milestone_states where state = 'paid'), null, 'platform_fee', 100, null, null)
) as x(milestone_id, contributor_id, type, amount, pi, tr)
where m.id = 'e3000000-0000-4000-8000-000000000001';

create temp table milestone_actions (action text primary key, call text);
insert into milestone_actions values
  ('start', 'select public.start_milestone(%L)'),
  ('submit', 'select public.submit_milestone(%L, ''new work'')'),
  ('request_revision', 'select public.request_revision(%L, ''please fix'')'),
  ('approve', 'select public.approve_milestone(%L)'),
  ('mark_paid', 'select private.mark_milestone_paid(%L)');

create function pg_temp.milestone_actors(persona text) returns text[] language sql as $$
  select case persona
    when 'initiator' then array['initiator']
    when 'lead' then array['member', 'lead']
    when 'reviewer' then array['member', 'core_reviewer']
    when 'shadow' then array['member']
    when 'admin' then array['admin']
    when 'payments' then array['payments']
    else '{}'::text[] end
$$;

create temp table milestone_cases as
select ms.state, ma.action, p.name as persona, p.role, p.claims, format(ma.call, ms.id) as stmt,
       format('select status::text from public.milestones where id = %L', ms.id) as probe,
       case
         when p.name = 'anon' or (ma.action = 'mark_paid' and p.name <> 'payments') then '42501:' || ms.state
         when p.name = 'payments' and ma.action not in ('mark_paid', 'approve') then '42501:' || ms.state
         when cardinality(pg_temp.milestone_actors(p.name)) = 0 then 'PT404:' || ms.state
         -- approving a paid milestone is a retry for the initiator
         when ma.action = 'approve' and ms.state = 'paid' and p.name = 'initiator' then 'ok:paid'
         -- delivering again while the delivery is under review is refused
         when ma.action = 'submit' and ms.state = 'submitted' and p.name = 'lead' then 'PT409:submitted'
         else pg_temp.expected('milestone', ma.action, ms.state, pg_temp.milestone_actors(p.name))
       end as expected
from milestone_states ms cross join milestone_actions ma
cross join personas p where p.name in ('initiator', 'lead', 'reviewer', 'shadow', 'outsider', 'admin', 'payments', 'anon');

-- ---------------------------------------------------------------------------------------------
-- Applications: an open mission of the initiator's, one application (by the lead-to-be) per state.
-- ---------------------------------------------------------------------------------------------
create temp table application_states (state text primary key, mission_id uuid, id uuid);
insert into application_states
select s::text, ('e4000000-0000-4000-8000-' || lpad(ordinality::text, 12, '0'))::uuid,
       ('e4100000-0000-4000-8000-' || lpad(ordinality::text, 12, '0'))::uuid
from unnest(enum_range(null::public.application_status)) with ordinality as s;
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, published_at)
select mission_id, tests.iid('e1000000-0000-4000-8000-000000000001'), 'Applications ' || state, 'lm-apps-' || state,
       'd', 'backend', 1000, 5000, 10, 'open', now()
from application_states;
insert into public.mission_applications (id, mission_id, contributor_id, status)
select id, mission_id, tests.cid('e1000000-0000-4000-8000-000000000003'), state::public.application_status from application_states;
-- An accepted application has its place on the team.
insert into public.mission_assignments (mission_id, contributor_id, role, status, accepted_at)
select mission_id, tests.cid('e1000000-0000-4000-8000-000000000003'), 'lead', 'active', now()
from application_states where state = 'accepted';

create temp table application_actions (action text primary key, call text);
insert into application_actions values
  ('withdraw', 'select public.withdraw_application(%L)'),
  ('shortlist', 'select public.shortlist_application(%L)'),
  ('accept', 'select public.accept_application(%L, ''lead'')'),
  ('reject', 'select public.reject_application(%L)');

create temp table application_cases as
select a.state, aa.action, p.name as persona, p.role, p.claims, format(aa.call, a.id) as stmt,
       format('select status::text from public.mission_applications where id = %L', a.id) as probe,
       case
         when p.name in ('anon', 'payments') then '42501:' || a.state
         when p.name not in ('initiator', 'lead') then 'PT404:' || a.state
         else pg_temp.expected('application', aa.action, a.state,
                               case p.name when 'initiator' then array['initiator'] else array['applicant'] end)
       end as expected
from application_states a cross join application_actions aa
cross join personas p where p.name in ('initiator', 'lead', 'outsider', 'admin', 'payments', 'anon');

-- ---------------------------------------------------------------------------------------------
-- Assignments: a shadow's place (the outsider-to-be is the shadow) in every state, on open
-- missions without a lead, so stepping up is possible.
-- ---------------------------------------------------------------------------------------------
create temp table assignment_states (state text primary key, mission_id uuid, id uuid);
insert into assignment_states
select s::text, ('e5000000-0000-4000-8000-' || lpad(ordinality::text, 12, '0'))::uuid,
       ('e5100000-0000-4000-8000-' || lpad(ordinality::text, 12, '0'))::uuid
from unnest(enum_range(null::public.assignment_status)) with ordinality as s;
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, published_at)
select mission_id, tests.iid('e1000000-0000-4000-8000-000000000001'), 'Team ' || state, 'lm-team-' || replace(state, '_', '-'),
       'd', 'backend', 1000, 5000, 10, 'open', now()
from assignment_states;
insert into public.mission_assignments (id, mission_id, contributor_id, role, status, invitation_expires_at, accepted_at)
select id, mission_id, tests.cid('e1000000-0000-4000-8000-000000000005'),
       (case when state = 'stepped_up' then 'lead' else 'shadow' end)::public.assignment_role,
       state::public.assignment_status, now() + interval '1 day', case when state <> 'invited' then now() end
from assignment_states;

create temp table assignment_actions (action text primary key, call text);
insert into assignment_actions values
  ('accept_invitation', 'select public.accept_invitation(%L)'),
  ('decline_invitation', 'select public.decline_invitation(%L)'),
  ('withdraw', 'select public.withdraw_from_mission(%L, ''moving on'')'),
  ('remove', 'select public.remove_from_mission(%L, ''not a fit'')'),
  ('step_up', 'select public.step_up_shadow(%L)');

create function pg_temp.assignment_actors(persona text, state text) returns text[] language sql as $$
  select case persona
    when 'initiator' then array['initiator']
    when 'admin' then array['admin']
    when 'shadow' then array['invitee', 'member']
    else '{}'::text[] end
$$;

create temp table assignment_cases as
select a.state, aa.action, p.name as persona, p.role, p.claims, format(aa.call, a.id) as stmt,
       format('select status::text from public.mission_assignments where id = %L', a.id) as probe,
       case
         when p.name in ('anon', 'payments') then '42501:' || a.state
         -- strangers do not learn the assignment exists
         when cardinality(pg_temp.assignment_actors(p.name, a.state)) = 0 then 'PT404:' || a.state
         -- step_up: already stepped up is a retry; only a shadow's place can step up
         when aa.action = 'step_up' and cardinality(pg_temp.assignment_actors(p.name, a.state)) > 0 and a.state = 'stepped_up' then 'ok:stepped_up'
         when aa.action = 'step_up' and p.name in ('initiator', 'admin') and a.state <> 'active' then 'PT409:' || a.state
         else pg_temp.expected('assignment', aa.action, a.state, pg_temp.assignment_actors(p.name, a.state))
       end as expected
from assignment_states a cross join assignment_actions aa
cross join personas p where p.name in ('initiator', 'shadow', 'outsider', 'admin', 'payments', 'anon');

-- ---------------------------------------------------------------------------------------------
select plan(4 + 2 * ((select count(*)::int from mission_cases) + (select count(*)::int from milestone_cases)
                   + (select count(*)::int from application_cases) + (select count(*)::int from assignment_cases)) + 3);

select is(pg_temp.render(machine), rules, format('the %s state machine is as specified', machine)) from pinned order by machine;

-- Every case twice: as the bare request, and after PostgREST's pre-request hook (the guards then read
-- the caller's facts it remembered, private.remember_caller): the same outcome and the same state left.
select is(tests.try_rpc(c.role, c.claims, c.stmt, c.probe, hook.hooked), c.expected,
          format('%s %s: %s by %s%s', c.machine, c.state, c.action, c.persona, case when hook.hooked then ', after the pre-request hook' else '' end))
from (select 1 as n, 'mission' as machine, state::text, action, persona, role, claims, stmt, probe, expected from mission_cases
      union all select 2, 'milestone', state::text, action, persona, role, claims, stmt, probe, expected from milestone_cases
      union all select 3, 'application', state::text, action, persona, role, claims, stmt, probe, expected from application_cases
      union all select 4, 'assignment', state::text, action, persona, role, claims, stmt, probe, expected from assignment_cases) c
cross join (values (false), (true)) as hook (hooked)
order by hook.hooked, c.n, c.state, c.action, c.persona;

-- Effects beyond the state, for a few allowed transitions.
select is(tests.try_rpc(p.role, p.claims,
  format('select public.cancel_mission(%L, ''changed plans'')', (select id from mission_states where state = 'open')),
  format('select string_agg(event, '','' order by id) from private.domain_events where mission_id = %L', (select id from mission_states where state = 'open'))),
  'ok:mission:update,milestone:cancelled,milestone:cancelled,refund:requested',
  'cancelling a funded mission cancels its milestones not approved and asks for a refund')
from personas p where p.name = 'initiator';
select is(tests.try_rpc(p.role, p.claims,
  format('select public.accept_application(%L, ''lead'')', (select id from application_states where state = 'pending')),
  format('select string_agg(role || ''/'' || status, '','') from public.mission_assignments where mission_id = %L', (select mission_id from application_states where state = 'pending'))),
  'ok:lead/active', 'accepting an application puts the applicant on the team')
from personas p where p.name = 'initiator';
select is(tests.try_rpc(p.role, p.claims,
  format('select public.withdraw_from_mission(%L)', (select id from public.mission_assignments where mission_id = 'e3000000-0000-4000-8000-000000000001' and role = 'lead')),
  $$select string_agg(role || '/' || status, ',' order by role) from public.mission_assignments where mission_id = 'e3000000-0000-4000-8000-000000000001'$$),
  'ok:lead/withdrawn,lead/stepped_up,core_reviewer/active', 'when the lead withdraws, the shadow steps up')
from personas p where p.name = 'lead';

select * from finish();
rollback;
