-- The marketplace's read model (public.listed_missions): one card per listed mission, kept current
-- by triggers whoever writes (an initiator through the Data API, the lifecycle RPCs, the service
-- role, an admin, postgres). After every kind of change to anything a card shows, the cards are
-- compared with their rows by tests.listed_mission_problems() (written independently of
-- private.listed_mission_cards): no card missing, none left over, none stale.
begin;
select plan(48);

select tests.create_user('lm-ines@example.com', '{"full_name":"Ines","role":"initiator"}', id => '81000000-0000-4000-8000-000000000001');
select tests.create_user('lm-omar@example.com', '{"full_name":"Omar","role":"initiator"}', id => '81000000-0000-4000-8000-000000000002');
select tests.create_user('lm-vic@example.com', '{"full_name":"Vic"}', id => '81000000-0000-4000-8000-000000000003');
select tests.create_user('lm-sam@example.com', '{"full_name":"Sam"}', id => '81000000-0000-4000-8000-000000000004');
update public.profiles set account_status = 'suspended' where id = '81000000-0000-4000-8000-000000000004';
update public.initiator_profiles set company_name = 'Ines Labs', company_url = 'https://ines.example.com'
  where user_id = '81000000-0000-4000-8000-000000000001';
insert into public.skills (id, name, category) values
  ('81100000-0000-4000-8000-000000000001', 'LM Go', 'language'),
  ('81100000-0000-4000-8000-000000000002', 'LM Rust', 'language'),
  ('81100000-0000-4000-8000-000000000003', 'LM Postgres', 'tool');

create temp table ids (name text primary key, id uuid);
grant all on ids to authenticated, service_role;
create function pg_temp.id(n text) returns uuid language sql stable as $$ select id from ids where name = n $$;
grant execute on function pg_temp.id(text) to anon, authenticated, service_role;
create function pg_temp.card(n text) returns public.listed_missions language sql stable as $$
  select * from public.listed_missions where id = pg_temp.id(n) $$;

-- ---------------------------------------------------------------------------------------------
-- Through the lifecycle: a draft and a mission awaiting funding have no card; funding lists it.
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('lm-ines');
insert into ids select 'a', (public.create_mission(
  title => 'Billing service', description => 'Bill customers monthly.', type => 'backend',
  budget_min_cents => 100000, budget_max_cents => 300000, estimated_duration_days => 30,
  milestones => '[{"title":"API design","amount_cents":80000},{"title":"Implementation","amount_cents":120000}]',
  required_skills => '[{"skill_id":"81100000-0000-4000-8000-000000000001","importance":"required"},
                       {"skill_id":"81100000-0000-4000-8000-000000000003","importance":"preferred"}]')).id;
select tests.as_postgres();
select is((select count(*)::int from public.listed_missions where id = pg_temp.id('a')), 0, 'a draft has no card');
select tests.authenticate_as('lm-ines');
select public.publish_mission(pg_temp.id('a'));
select tests.as_postgres();
select is((select count(*)::int from public.listed_missions where id = pg_temp.id('a')), 0, 'a mission awaiting funding has no card');
select tests.as_service_role();
select private.complete_deposit('pi_lm_1', 'ch_lm_1', 200000, 'USD', pg_temp.id('a'));
select tests.as_postgres();
select is((pg_temp.card('a')).listed_status, 'open', 'funding lists it: its card appears, open');
select is((pg_temp.card('a')).milestones,
  '[{"title": "API design", "amount_cents": 80000, "order_index": 0}, {"title": "Implementation", "amount_cents": 120000, "order_index": 1}]'::jsonb,
  'the card carries the milestones (title, amount, order), in order');
select is((pg_temp.card('a')).mission_required_skills,
  '[{"importance": "required", "skills": {"name": "LM Go", "category": "language"}}, {"importance": "preferred", "skills": {"name": "LM Postgres", "category": "tool"}}]'::jsonb,
  'and the required skills with their names and categories, by importance');
select is((pg_temp.card('a')).initiator_profiles,
  '{"company_name": "Ines Labs", "company_url": "https://ines.example.com", "is_verified": false, "average_rating": 0.00}'::jsonb,
  'and the initiator''s public company information');
select is_empty($$select * from tests.listed_mission_problems()$$, 'every card matches its rows after the lifecycle listed one');

-- ---------------------------------------------------------------------------------------------
-- Who reads it: everyone (it holds only what anon may read anyway); nobody writes it.
-- ---------------------------------------------------------------------------------------------
select is(tests.try_as('anon', '{"role":"anon"}', format('select 1 from public.listed_missions where id = %L', pg_temp.id('a'))),
  'ok:1', 'anon reads the card');
select is(tests.try_as('authenticated', tests.claims_for('81000000-0000-4000-8000-000000000004'),
  format('select 1 from public.listed_missions where id = %L', pg_temp.id('a'))), 'ok:1', 'a suspended user reads it (it is public)');
select is(tests.try_as('authenticated', tests.claims_for('81000000-0000-4000-8000-000000000001'),
  format('update public.listed_missions set title = %L where id = %L', 'Forged', pg_temp.id('a'))), 'denied',
  'the initiator cannot edit their card directly (42501)');
select is(tests.try_as('service_role', '{"role":"service_role"}',
  format('delete from public.listed_missions where id = %L', pg_temp.id('a'))), 'denied',
  'nor can the service role delete one (42501: only the triggers write cards)');
select is(tests.try_as('authenticated', tests.claims_for('81000000-0000-4000-8000-000000000001'),
  format('select private.refresh_listed_missions(array[%L]::uuid[])', pg_temp.id('a'))), 'denied',
  'no client may call the refresh (42501)');
select is(tests.try_as('anon', '{"role":"anon"}',
  format('select * from private.listed_mission_cards(array[%L]::uuid[])', pg_temp.id('a'))), 'denied',
  'nor compute cards itself (42501)');

-- ---------------------------------------------------------------------------------------------
-- Every change to what a card shows, by whoever may make it, refreshes the card.
-- ---------------------------------------------------------------------------------------------
-- Milestones (as postgres: on a listed mission nobody else edits them; the trigger does not care who).
update public.milestones set title = 'API and schema design' where mission_id = pg_temp.id('a') and order_index = 0;
select is((pg_temp.card('a')).milestones -> 0 ->> 'title', 'API and schema design', 'renaming a milestone refreshes the card');
insert into public.milestones (mission_id, title, order_index, amount_cents) values (pg_temp.id('a'), 'Hardening', 2, 50000);
select is(jsonb_array_length((pg_temp.card('a')).milestones), 3, 'adding a milestone refreshes the card');
update public.milestones set amount_cents = 60000 where mission_id = pg_temp.id('a') and order_index = 2;
select is((pg_temp.card('a')).milestones -> 2 -> 'amount_cents', '60000'::jsonb, 'changing an amount refreshes the card');
delete from public.milestones where mission_id = pg_temp.id('a') and order_index = 2;
select is(jsonb_array_length((pg_temp.card('a')).milestones), 2, 'removing a milestone refreshes the card');
select is_empty($$select * from tests.listed_mission_problems()$$, 'every card matches its rows after the milestone edits');

-- Required skills.
insert into public.mission_required_skills (mission_id, skill_id, importance)
  values (pg_temp.id('a'), '81100000-0000-4000-8000-000000000002', 'nice_to_have');
select is(jsonb_array_length((pg_temp.card('a')).mission_required_skills), 3, 'adding a required skill refreshes the card');
update public.mission_required_skills set importance = 'required'
  where mission_id = pg_temp.id('a') and skill_id = '81100000-0000-4000-8000-000000000002';
select is((pg_temp.card('a')).mission_required_skills -> 1 -> 'skills' ->> 'name', 'LM Rust',
  'changing an importance refreshes the card (and its order: required first, then by name)');
delete from public.mission_required_skills where mission_id = pg_temp.id('a') and skill_id = '81100000-0000-4000-8000-000000000003';
select is(jsonb_array_length((pg_temp.card('a')).mission_required_skills), 2, 'removing a required skill refreshes the card');

-- The skills catalogue, by an admin through the Data API.
update public.profiles set primary_role = 'admin' where id = '81000000-0000-4000-8000-000000000003';
select tests.authenticate_as('lm-vic');
update public.skills set name = 'LM Golang' where id = '81100000-0000-4000-8000-000000000001';
select tests.as_postgres();
select is((pg_temp.card('a')).mission_required_skills -> 0 -> 'skills' ->> 'name', 'LM Golang',
  'an admin renaming a skill refreshes every card that requires it');
update public.profiles set primary_role = 'contributor' where id = '81000000-0000-4000-8000-000000000003';

-- The company, by the initiator through the Data API (their own row; the trigger writes the card).
select tests.authenticate_as('lm-ines');
update public.initiator_profiles set company_name = 'Ines Labs GmbH' where user_id = '81000000-0000-4000-8000-000000000001';
select tests.as_postgres();
select is((pg_temp.card('a')).initiator_profiles ->> 'company_name', 'Ines Labs GmbH',
  'the initiator renaming their company refreshes their cards');
update public.initiator_profiles set average_rating = 4.5 where user_id = '81000000-0000-4000-8000-000000000001';
select is((pg_temp.card('a')).initiator_profiles -> 'average_rating', '4.50'::jsonb, 'a new rating refreshes their cards');
select is_empty($$select * from tests.listed_mission_problems()$$, 'every card matches its rows after the skill and company edits');

-- The mission itself: featured by an admin, moved through the lifecycle's listed states, hidden and shown.
update public.profiles set primary_role = 'admin' where id = '81000000-0000-4000-8000-000000000003';
select tests.authenticate_as('lm-vic');
select public.admin_feature_mission(pg_temp.id('a'), true);
select tests.as_postgres();
select is((pg_temp.card('a')).featured, true, 'featuring a mission refreshes its card');
update public.missions set status = 'matching' where id = pg_temp.id('a');
select is((pg_temp.card('a')).listed_status, 'matching', 'a listed status change moves the card with it');
update public.missions set is_public = false where id = pg_temp.id('a');
select is((select count(*)::int from public.listed_missions where id = pg_temp.id('a')), 0, 'a mission made private loses its card');
select is(tests.try_as('anon', '{"role":"anon"}', format('select 1 from public.listed_missions where id = %L', pg_temp.id('a'))),
  'ok:0', 'and anon no longer sees it');
update public.milestones set title = 'Edited while private' where mission_id = pg_temp.id('a') and order_index = 1;
update public.missions set is_public = true where id = pg_temp.id('a');
select is((pg_temp.card('a')).milestones -> 1 ->> 'title', 'Edited while private',
  'made public again: its card comes back, with what changed meanwhile');
select is_empty($$select * from tests.listed_mission_problems()$$, 'every card matches its rows after the mission edits');

-- A change that shows on no card does not rewrite the card.
create temp table card_version on commit drop as select xmin::text as v from public.listed_missions where id = pg_temp.id('a');
update public.missions set description = 'Bill customers monthly, in every currency.' where id = pg_temp.id('a');
update public.milestones set description = 'More detail' where mission_id = pg_temp.id('a');
update public.initiator_profiles set industry = 'Fintech' where user_id = '81000000-0000-4000-8000-000000000001';
select is((select xmin::text from public.listed_missions where id = pg_temp.id('a')), (select v from card_version),
  'editing what no card shows (description, industry) leaves the card row as it was');

-- Leaving the listing: cancelled, disputed, deleted.
insert into public.missions (id, initiator_id, title, slug, description, type, complexity, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, is_public, published_at)
select ('81200000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, tests.iid('81000000-0000-4000-8000-000000000002'),
       'LM bulk ' || n, 'lm-bulk-' || n, 'd', (array['backend', 'frontend', 'data'])[1 + n % 3], 'hard', 1000, 5000, 10,
       'open', true, now() - make_interval(mins => n)
from generate_series(1, 30) as n;
insert into public.mission_required_skills (mission_id, skill_id)
select ('81200000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, '81100000-0000-4000-8000-000000000003'
from generate_series(1, 30) as n;
select is((select count(*)::int from public.listed_missions where id::text like '81200000-%'), 30,
  'missions inserted already open (the service role, a bulk import) get their cards');
update public.missions set status = 'cancelled', cancelled_at = now() where id = '81200000-0000-4000-8000-000000000001';
select is((select count(*)::int from public.listed_missions where id = '81200000-0000-4000-8000-000000000001'), 0,
  'a cancelled mission loses its card');
update public.missions set status = 'disputed', disputed_at = now() where id = '81200000-0000-4000-8000-000000000002';
select is((select count(*)::int from public.listed_missions where id = '81200000-0000-4000-8000-000000000002'), 0,
  'a disputed mission loses its card');
update public.missions set status = 'in_progress' where id = '81200000-0000-4000-8000-000000000002';
select is((select listed_status from public.listed_missions where id = '81200000-0000-4000-8000-000000000002'), 'in_progress',
  'the dispute resolved (back in progress): the card is back');
delete from public.missions where id = '81200000-0000-4000-8000-000000000003';
select is((select count(*)::int from public.listed_missions where id = '81200000-0000-4000-8000-000000000003'), 0,
  'a deleted mission loses its card');
update public.milestones set mission_id = '81200000-0000-4000-8000-000000000004' where mission_id = pg_temp.id('a') and order_index = 1;
select is((jsonb_array_length((pg_temp.card('a')).milestones), (select jsonb_array_length(milestones) from public.listed_missions where id = '81200000-0000-4000-8000-000000000004')),
  (1, 1), 'a milestone moved between two listed missions refreshes both cards');
update public.skills set category = 'domain' where id = '81100000-0000-4000-8000-000000000003';
select is((select count(*)::int from public.listed_missions where id::text like '81200000-%'
            and mission_required_skills @> '[{"skills": {"category": "domain"}}]'), 28,
  'recategorising a skill refreshes every listed card that requires it (28 listed of 30)');
select is_empty($$select * from tests.listed_mission_problems()$$, 'every card matches its rows after leaving the listing and bulk changes');

-- ---------------------------------------------------------------------------------------------
-- Reading it: a page is one ordered index walk, filtered by type too, for every persona.
-- ---------------------------------------------------------------------------------------------
select is((select count(*)::int from (select 1 from public.listed_missions where listed_status = 'open' and type = 'frontend'
                                       and id::text like '81200000-%') t), 9,
  'the listing filters by type (9 open frontend missions: the tenth was cancelled)');
select is(tests.try_as('anon', '{"role":"anon"}', $$select 1 from public.listed_missions where listed_status = 'open' and complexity = 'hard' and id::text like '81200000-%'$$),
  'ok:27', 'and by complexity (text: a bad value matches nothing)');
select is(tests.try_as('anon', '{"role":"anon"}', $$select 1 from public.listed_missions where type = 'cobol'::public.mission_type$$),
  '23514', 'an unknown type, as a value of the column''s type, is refused (23514), as on missions');

select tests.as_anon();
set local enable_seqscan = off;
set local enable_bitmapscan = off;
prepare page_by_type(text, public.mission_type) as
  select id, title, milestones, mission_required_skills, initiator_profiles from public.listed_missions
  where listed_status = $1 and type = $2 order by published_at desc, id desc limit 20 offset 40;
select matches(tests.plan_of($$execute page_by_type('open', 'backend')$$),
  '^Limit\n\s+->  Index Scan using listed_missions_type_idx on listed_missions\n\s+Index Cond: \(\(listed_status = ''open''::text\) AND \(\(type\)::text = ''backend''::text\)\)',
  'as anon a page of the listing by type is one walk of listed_missions_type_idx (both filters index conditions, no sort)');
deallocate page_by_type;
select matches(tests.plan_of($$select id from public.listed_missions where listed_status = 'open' order by published_at desc, id desc limit 20$$),
  '^Limit\n\s+->  Index (Only )?Scan using listed_missions_status_idx on listed_missions\n\s+Index Cond: \(listed_status = ''open''::text\)',
  'and the whole listing a walk of listed_missions_status_idx');
reset enable_seqscan;
reset enable_bitmapscan;
select tests.as_postgres();
select is(tests.try_as('authenticated', tests.claims_for('81000000-0000-4000-8000-000000000004'),
  $$select 1 from public.listed_missions where id::text like '81200000-%'$$), 'ok:28', 'a suspended user reads the whole listing');

-- The bulk path (the benchmark's loader, a restore): computing every card at once gives the cards the triggers keep.
select is_empty($$select id from public.listed_missions
                  except select id from private.listed_mission_cards(array(select id from public.missions))$$,
  'private.listed_mission_cards computes a card for every mission that has one');
select is_empty($$select to_jsonb(l) from public.listed_missions l
                  except select to_jsonb(c) from private.listed_mission_cards(array(select id from public.missions)) c$$,
  'and the same cards');

select * from finish();
rollback;
