-- Verification workflows and the admin actions (issue 22): background checks (the contributor's
-- consent, the result recorded by an admin or by the provider through the service role, the trust
-- score following it), company verification, featured missions, assign_contributor and
-- update_mission_plan; each with its audit entry and each refusal with its SQLSTATE.
begin;
select plan(50);

select tests.create_user('ada@example.com', '{"full_name":"Ada Admin"}');
update public.profiles set primary_role = 'admin' where id = tests.persona('ada');
select tests.create_user('bea@example.com', '{"full_name":"Bea Builder"}');
select tests.create_user('cid@example.com', '{"full_name":"Cid Coder"}');
select tests.create_user('ivan@example.com', '{"role":"initiator","full_name":"Ivan Initiator"}');
select tests.create_user('nora@example.com', '{"role":"initiator","full_name":"Nora Nameless"}');
update public.contributor_profiles set verification_status = 'verified' where user_id in (tests.persona('bea'), tests.persona('cid'));
update public.initiator_profiles set company_name = 'Ivan Industries' where user_id = tests.persona('ivan');

create function pg_temp.bg(who text) returns text language sql as $$
  select d.background_check_status::text from public.contributor_private_details d where d.contributor_id = tests.cid(tests.persona(who))
$$;
create function pg_temp.trust(who text) returns integer language sql as $$
  select c.trust_score from public.contributor_profiles c where c.user_id = tests.persona(who)
$$;
create temp table before_check as select pg_temp.trust('bea') as trust;

-- ------------------------------------------------------------------ background checks
select tests.authenticate_as('bea');
select is((select background_check_status::text from public.consent_to_background_check()), 'in_progress',
  'a contributor consents to a background check: it is in progress');
select throws_ok('select public.consent_to_background_check()', 'PT409', 'Cannot start a background check: it is in progress.',
  'consenting again while it runs is refused');
select is((select count(*)::int from public.contributor_private_details where background_check_consented_at is not null), 1,
  'she reads her own consent time');
select throws_ok(format('select public.record_background_check(%L, ''passed'')', tests.cid(tests.persona('bea'))), '42501',
  'Only admins can do this.', 'a contributor cannot record her own result');
select tests.authenticate_as('ivan');
select throws_ok('select public.consent_to_background_check()', '42501', 'Only contributors can consent to a background check.',
  'an initiator has no background check');
select is((select count(*)::int from public.contributor_private_details), 0, 'and reads no contributor''s private details');
select tests.as_anon();
select throws_ok('select public.consent_to_background_check()', '42501', null, 'anon cannot consent');
select throws_ok(format('select public.record_background_check(%L, ''passed'')', tests.cid(tests.persona('bea'))), '42501', null,
  'nor record a result');

select tests.authenticate_as('ada');
select throws_ok(format('select public.record_background_check(%L, ''in_progress'')', tests.cid(tests.persona('bea'))), '22023',
  'A background check result is passed or failed.', 'a result is passed or failed');
select throws_ok(format('select public.record_background_check(%L, ''passed'')', gen_random_uuid()), 'PT404', 'No such contributor.',
  'an unknown contributor is not found');
select throws_ok(format('select public.record_background_check(%L, ''passed'')', tests.cid(tests.persona('cid'))), 'PT409',
  'Cannot record a background check result: the check is not started (the contributor must consent first).',
  'no result without the contributor''s consent');
select is((select background_check_status::text from public.record_background_check(tests.cid(tests.persona('bea')), 'passed', 'Clean record')),
  'passed', 'an admin records the result');
select tests.as_postgres();
select is(pg_temp.bg('bea'), 'passed', 'the check passed');
select ok((select background_check_date from public.contributor_private_details where contributor_id = tests.cid(tests.persona('bea'))) is not null,
  'with its date');
select ok(pg_temp.trust('bea') > (select trust from before_check), 'the passed check raises her trust score');
select is((select count(*)::int from public.audit_logs where action = 'contributor.background_check_recorded'
           and entity_id = tests.cid(tests.persona('bea')) and user_id = tests.persona('ada') and metadata ->> 'note' = 'Clean record'), 1,
  'the admin''s decision is audited, with the note');
select is((select count(*)::int from public.audit_logs where action = 'contributor.background_check_consented'
           and entity_id = tests.cid(tests.persona('bea')) and user_id = tests.persona('bea')), 1, 'so is the consent');
select is((select count(*)::int from public.notifications where user_id = tests.persona('bea') and type = 'verification'
           and title = 'Background check passed'), 1, 'she is told');
select tests.authenticate_as('ada');
select throws_ok(format('select public.record_background_check(%L, ''failed'')', tests.cid(tests.persona('bea'))), 'PT409',
  'Cannot record a background check result: the check is passed (the contributor must consent first).',
  'a recorded result is final until a new consent');
select tests.authenticate_as('bea');
select throws_ok('select public.consent_to_background_check()', 'PT409', 'Cannot start a background check: it is passed.',
  'a passed check is not restarted');

-- The provider's integration records through the service role; a failed check can be retried.
select tests.authenticate_as('cid');
select public.consent_to_background_check();
select tests.as_service_role();
select is((select background_check_status::text from public.record_background_check(tests.cid(tests.persona('cid')), 'failed')), 'failed',
  'the service role (the provider''s webhook) records a result');
select tests.as_postgres();
select is((select trust from (select pg_temp.trust('cid') as trust) t) < (select trust from before_check), true,
  'a failed check lowers the trust score');
select tests.authenticate_as('cid');
select is((select background_check_status::text from public.consent_to_background_check()), 'in_progress',
  'after a failed check the contributor may consent to a new one');
select tests.as_postgres();
select is((select background_check_date from public.contributor_private_details where contributor_id = tests.cid(tests.persona('cid'))), null,
  'the new check has no result date yet');

-- Nobody writes the check's columns directly.
select is(tests.try_as('authenticated', tests.claims_for(tests.persona('bea')),
  format('update public.contributor_private_details set background_check_status = ''passed'' where contributor_id = %L',
         tests.cid(tests.persona('cid')))), 'denied', 'the status column is not writable through the Data API');

-- ------------------------------------------------------------------ company verification
select tests.authenticate_as('ivan');
select throws_ok(format('select public.admin_verify_company(%L, true)', tests.iid(tests.persona('ivan'))), '42501',
  'Only admins can do this.', 'an initiator cannot verify their own company');
select is(tests.try_as('authenticated', tests.claims_for(tests.persona('ivan')),
  format('update public.initiator_profiles set is_verified = true where id = %L', tests.iid(tests.persona('ivan')))), 'denied',
  'nor set is_verified directly');
select tests.authenticate_as('ada');
select is((public.admin_verify_company(tests.iid(tests.persona('ivan')), true, 'Checked the registry')).is_verified, true,
  'an admin verifies a company');
select throws_ok(format('select public.admin_verify_company(%L, true)', tests.iid(tests.persona('nora'))), 'PT409',
  'Cannot verify a company without a name.', 'a company without a name is not verified');
select throws_ok(format('select public.admin_verify_company(%L, true)', gen_random_uuid()), 'PT404', 'No such initiator.',
  'an unknown initiator is not found');
select throws_ok(format('select public.admin_verify_company(%L, null)', tests.iid(tests.persona('ivan'))), '22023',
  'Say whether the company is verified.', 'verified must be said');
select tests.as_postgres();
select ok((select is_verified and verification_date is not null from public.initiator_profiles where user_id = tests.persona('ivan')),
  'the company is verified, with the date');
select is((select count(*)::int from public.audit_logs where action = 'initiator.company_verified' and user_id = tests.persona('ada')
           and entity_id = tests.iid(tests.persona('ivan'))), 1, 'the verification is audited');
select is((select count(*)::int from public.notifications where user_id = tests.persona('ivan') and title = 'Company verified'), 1,
  'the initiator is told');
select tests.authenticate_as('ada');
select is((public.admin_verify_company(tests.iid(tests.persona('ivan')), false)).verification_date, null,
  'an admin withdraws a verification');
select tests.as_postgres();
select is((select count(*)::int from public.audit_logs where action = 'initiator.company_unverified'), 1, 'which is audited too');

-- ------------------------------------------------------------------ featured missions
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days, status, published_at)
values ('65100000-0000-4000-8000-000000000001', tests.iid(tests.persona('ivan')), 'Open one', 'v-open', 'd', 'backend', 100, 10000, 5, 'open', now()),
       ('65100000-0000-4000-8000-000000000002', tests.iid(tests.persona('ivan')), 'Draft one', 'v-draft', 'd', 'backend', 100, 10000, 5, 'draft', null);
insert into public.milestones (mission_id, title, order_index, amount_cents)
values ('65100000-0000-4000-8000-000000000002', 'First', 0, 500);
select tests.authenticate_as('ivan');
select throws_ok($$select public.admin_feature_mission('65100000-0000-4000-8000-000000000001', true)$$, '42501',
  'Only admins can do this.', 'an initiator cannot feature their own mission');
select is(tests.try_as('authenticated', tests.claims_for(tests.persona('ivan')),
  $$update public.missions set featured = true where id = '65100000-0000-4000-8000-000000000001'$$), 'denied',
  'nor set featured directly');
select tests.authenticate_as('ada');
select is((public.admin_feature_mission('65100000-0000-4000-8000-000000000001', true)).featured, true, 'an admin features an open mission');
select throws_ok($$select public.admin_feature_mission('65100000-0000-4000-8000-000000000002', true)$$, 'PT409',
  'Cannot feature a mission that is draft: only public missions open to contributors are featured.', 'a draft is not featured');
select throws_ok(format('select public.admin_feature_mission(%L, true)', gen_random_uuid()), 'PT404', 'No such mission.',
  'an unknown mission is not found');
select tests.as_postgres();
select is((select count(*)::int from public.audit_logs where entity_id = '65100000-0000-4000-8000-000000000001'
           and new_values ->> 'featured' = 'true' and user_id = tests.persona('ada')), 1, 'featuring is audited');

-- ------------------------------------------------------------------ assign_contributor (admin)
select tests.authenticate_as('ivan');
select throws_ok(format($$select public.assign_contributor('65100000-0000-4000-8000-000000000001', %L, 'lead')$$,
  tests.cid(tests.persona('bea'))), '42501', 'Only admins can do this.', 'an initiator cannot place people directly');
select tests.authenticate_as('ada');
select is((public.assign_contributor('65100000-0000-4000-8000-000000000001', tests.cid(tests.persona('bea')), 'lead')).status::text,
  'active', 'an admin places a contributor on the team, active at once');
select throws_ok(format($$select public.assign_contributor('65100000-0000-4000-8000-000000000002', %L, 'shadow')$$,
  tests.cid(tests.persona('cid'))), 'PT409', 'The team of a mission that is draft cannot change.', 'not on a draft');
select tests.as_postgres();
select ok(exists (select from public.conversation_participants p join public.conversations c on c.id = p.conversation_id
                  where c.mission_id = '65100000-0000-4000-8000-000000000001' and c.type = 'mission_team' and p.user_id = tests.persona('bea')),
  'the placed contributor joins the team chat');

-- ------------------------------------------------------------------ update_mission_plan (the initiator's draft)
select tests.authenticate_as('ivan');
select lives_ok($$select public.update_mission_plan('65100000-0000-4000-8000-000000000002',
  milestones => '[{"title":"Design","amount_cents":400},{"title":"Build","amount_cents":600}]')$$,
  'the initiator replaces a draft''s milestones');
select is((select array_agg(title order by order_index) from public.milestones where mission_id = '65100000-0000-4000-8000-000000000002'),
  array['Design', 'Build']::varchar[], 'the plan is the new one, in order');
select throws_ok($$select public.update_mission_plan('65100000-0000-4000-8000-000000000001',
  milestones => '[{"title":"Late change","amount_cents":400}]')$$, 'PT409',
  'Only a draft''s plan can be changed; this mission is open.', 'a published mission''s plan is fixed');
select tests.authenticate_as('bea');
select throws_ok($$select public.update_mission_plan('65100000-0000-4000-8000-000000000002',
  milestones => '[{"title":"Mine now","amount_cents":400}]')$$, 'PT404', null, 'someone else''s draft is not even visible');

select * from finish();
rollback;
