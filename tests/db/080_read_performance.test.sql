-- Read performance under RLS (originally migration 20261126001600_read_performance, now in the domain migrations): private.uid() is
-- auth.uid(); missions.listed_status says exactly when a mission is listed; milestones and required
-- skills carry their mission's listing (set by triggers, never by the writer) and the policies
-- built on them show the same rows as before; the public listing and the contributor search can
-- use their indexes under RLS.
begin;
select plan(42);

-- ---------------------------------------------------------------------------------------------
-- private.uid() = auth.uid(), whatever the request carries
-- ---------------------------------------------------------------------------------------------
create temporary table uid_cases (n int, legacy text, claims text) on commit drop;
insert into uid_cases values
  (1, null, null),
  (2, null, ''),
  (3, null, '{"role":"anon"}'),
  (4, null, '{"sub":"80000000-0000-4000-8000-0000000000aa","role":"authenticated"}'),
  (5, '80000000-0000-4000-8000-0000000000bb', '{"sub":"80000000-0000-4000-8000-0000000000aa"}'),
  (6, '', '{"sub":"80000000-0000-4000-8000-0000000000aa"}');
create temporary table uid_results (n int, auth_uid uuid, private_uid uuid) on commit drop;
do $$
declare
  c record;
begin
  for c in select * from uid_cases order by n loop
    perform set_config('request.jwt.claim.sub', coalesce(c.legacy, ''), true);
    perform set_config('request.jwt.claims', coalesce(c.claims, ''), true);
    insert into uid_results values (c.n, auth.uid(), private.uid());
  end loop;
  perform set_config('request.jwt.claim.sub', '', true);
  perform set_config('request.jwt.claims', '', true);
end
$$;
select is((select count(*) from uid_results where auth_uid is not distinct from private_uid)::int, 6,
  'private.uid() returns what auth.uid() returns: no claims, empty claims, anon, a user, the legacy claim first, an empty legacy claim');
select is((select private_uid from uid_results where n = 5), '80000000-0000-4000-8000-0000000000bb'::uuid,
  'private.uid() reads the legacy request.jwt.claim.sub first, as auth.uid() does');
select is((select private_uid from uid_results where n = 4), '80000000-0000-4000-8000-0000000000aa'::uuid,
  'private.uid() reads sub from request.jwt.claims');

-- ---------------------------------------------------------------------------------------------
-- Fixture: Ines (initiator), Cora (contributor on Ines's private mission), Sam (suspended), Vic
-- (an active contributor with nothing to do with the missions).
-- ---------------------------------------------------------------------------------------------
select tests.create_user('rp-ines@example.com', '{"full_name":"Ines","role":"initiator"}', id => '80000000-0000-4000-8000-000000000001');
select tests.create_user('rp-cora@example.com', '{"full_name":"Cora"}', id => '80000000-0000-4000-8000-000000000002');
select tests.create_user('rp-sam@example.com', '{"full_name":"Sam"}', id => '80000000-0000-4000-8000-000000000003');
select tests.create_user('rp-vic@example.com', '{"full_name":"Vic"}', id => '80000000-0000-4000-8000-000000000004');
update public.profiles set account_status = 'suspended' where id = '80000000-0000-4000-8000-000000000003';
insert into public.skills (id, name, category) values ('80100000-0000-4000-8000-000000000001', 'RP Skill', 'language');

-- One public mission per status, and one private (is_public false) per status.
insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
                             estimated_duration_days, status, is_public, published_at)
select ('80200000-0000-4000-8000-' || lpad(((case when p then 0 else 100 end) + n)::text, 12, '0'))::uuid,
       tests.iid('80000000-0000-4000-8000-000000000001'), 'RP ' || s, 'rp-' || replace(s::text, '_', '-') || '-' || p, 'd', 'backend', 100, 10000, 5,
       s::public.mission_status, p, now() - make_interval(mins => n::int)
from unnest(enum_range(null::public.mission_status)) with ordinality as e(s, n), unnest(array[true, false]) as p;

select results_eq(
  $$select status::text, is_public, listed_status from public.missions where slug like 'rp-%' order by is_public desc, status$$,
  $$select s::text, p, case when p and s in ('open', 'matching', 'in_progress', 'in_review', 'completed') then s::text end
    from unnest(enum_range(null::public.mission_status)) s, unnest(array[true, false]) p order by p desc, s$$,
  'listed_status is the status exactly while the mission is public and open, matching, in progress, in review or completed');

-- ---------------------------------------------------------------------------------------------
-- mission_listed follows the mission, whatever the writer sends
-- ---------------------------------------------------------------------------------------------
create temporary table rp (k text primary key, id uuid) on commit drop;
insert into rp select 'open', id from public.missions where slug = 'rp-open-true';
insert into rp select 'draft', id from public.missions where slug = 'rp-draft-true';
insert into rp select 'private', id from public.missions where slug = 'rp-in-progress-false';
grant select on rp to anon, authenticated, service_role;

insert into public.milestones (mission_id, title, order_index, amount_cents, mission_listed)
select id, 'M', 1, 1000, false from rp;
insert into public.mission_required_skills (mission_id, skill_id, mission_listed)
select id, '80100000-0000-4000-8000-000000000001', true from rp;

select results_eq(
  $$select r.k, ms.mission_listed, rs.mission_listed from rp r
    join public.milestones ms on ms.mission_id = r.id join public.mission_required_skills rs on rs.mission_id = r.id order by r.k$$,
  $$values ('draft', false, false), ('open', true, true), ('private', false, false)$$,
  'new milestones and required skills take their mission''s listing, not the value the writer sent');

select tests.as_service_role();
update public.milestones set mission_listed = true where mission_id = (select id from rp where k = 'draft');
select tests.as_postgres();
select is((select mission_listed from public.milestones where mission_id = (select id from rp where k = 'draft')), false,
  'an update cannot list a milestone of a draft (not even as the service role)');

select throws_ok(
  $$select tests.authenticate_as('rp-ines');
    update public.milestones set mission_listed = true where mission_id = (select id from rp where k = 'draft')$$,
  '42501', null, 'a signed-in initiator may not write mission_listed at all (no column grant)');
select tests.as_postgres();

update public.missions set status = 'open' where id = (select id from rp where k = 'draft');
select results_eq(
  $$select ms.mission_listed, rs.mission_listed from public.milestones ms join public.mission_required_skills rs using (mission_id)
    where mission_id = (select id from rp where k = 'draft')$$,
  $$values (true, true)$$,
  'publishing a mission lists its milestones and required skills');

update public.missions set is_public = false where id = (select id from rp where k = 'draft');
select results_eq(
  $$select ms.mission_listed, rs.mission_listed from public.milestones ms join public.mission_required_skills rs using (mission_id)
    where mission_id = (select id from rp where k = 'draft')$$,
  $$values (false, false)$$,
  'making a mission private unlists its milestones and required skills');

update public.missions set is_public = true where id = (select id from rp where k = 'draft');
update public.missions set status = 'cancelled' where id = (select id from rp where k = 'draft');
select results_eq(
  $$select ms.mission_listed, rs.mission_listed from public.milestones ms join public.mission_required_skills rs using (mission_id)
    where mission_id = (select id from rp where k = 'draft')$$,
  $$values (false, false)$$,
  'cancelling a mission unlists its milestones and required skills');
update public.missions set status = 'draft' where id = (select id from rp where k = 'draft');

select is((select count(*)::int from public.milestones ms join public.missions m on m.id = ms.mission_id
           where ms.mission_listed is distinct from (m.listed_status is not null)), 0,
  'every milestone''s mission_listed agrees with its mission');
select is((select count(*)::int from public.mission_required_skills rs join public.missions m on m.id = rs.mission_id
           where rs.mission_listed is distinct from (m.listed_status is not null)), 0,
  'every required skill''s mission_listed agrees with its mission');

-- ---------------------------------------------------------------------------------------------
-- Who sees which milestones and required skills (the policies on mission_listed)
-- ---------------------------------------------------------------------------------------------
create temporary table who (n int, label text, role text, claims jsonb) on commit drop;
insert into who values
  (1, 'anon', 'anon', '{"role":"anon"}'),
  (2, 'the initiator', 'authenticated', tests.claims_for('80000000-0000-4000-8000-000000000001')),
  (3, 'the team member', 'authenticated', tests.claims_for('80000000-0000-4000-8000-000000000002')),
  (4, 'a suspended user', 'authenticated', tests.claims_for('80000000-0000-4000-8000-000000000003')),
  (5, 'an unrelated contributor', 'authenticated', tests.claims_for('80000000-0000-4000-8000-000000000004'));
grant select on who to anon, authenticated;
insert into public.mission_assignments (mission_id, contributor_id, role, status)
values ((select id from rp where k = 'private'), tests.cid('80000000-0000-4000-8000-000000000002'), 'lead', 'active');

-- Each cell: 'ok:<rows>' for the milestones (and the same for required skills) of one mission.
select results_eq(
  $$select w.label, r.k,
           tests.try_as(w.role, w.claims, format('select 1 from public.milestones where mission_id = %L', r.id)),
           tests.try_as(w.role, w.claims, format('select 1 from public.mission_required_skills where mission_id = %L', r.id))
    from who w cross join rp r order by w.n, r.k$$,
  $$values
    ('anon', 'draft', 'ok:0', 'ok:0'), ('anon', 'open', 'ok:1', 'ok:1'), ('anon', 'private', 'ok:0', 'ok:0'),
    ('the initiator', 'draft', 'ok:1', 'ok:1'), ('the initiator', 'open', 'ok:1', 'ok:1'), ('the initiator', 'private', 'ok:1', 'ok:1'),
    ('the team member', 'draft', 'ok:0', 'ok:0'), ('the team member', 'open', 'ok:1', 'ok:1'), ('the team member', 'private', 'ok:1', 'ok:1'),
    ('a suspended user', 'draft', 'ok:0', 'ok:0'), ('a suspended user', 'open', 'ok:1', 'ok:1'), ('a suspended user', 'private', 'ok:0', 'ok:0'),
    ('an unrelated contributor', 'draft', 'ok:0', 'ok:0'), ('an unrelated contributor', 'open', 'ok:1', 'ok:1'),
    ('an unrelated contributor', 'private', 'ok:0', 'ok:0')$$,
  'milestones and required skills: listed ones for everyone (what anon reads), the rest for the initiator and the team only');

-- The listing filter on listed_status returns exactly the listed open missions, for anyone.
select results_eq(
  $$select w.label, tests.try_as(w.role, w.claims, 'select 1 from public.missions where listed_status = ''open'' and slug like ''rp-%''')
    from who w order by w.n$$,
  $$values ('anon', 'ok:1'), ('the initiator', 'ok:1'), ('the team member', 'ok:1'), ('a suspended user', 'ok:1'), ('an unrelated contributor', 'ok:1')$$,
  'listed_status = ''open'' lists the public open mission (not the private one) for everyone');

-- Filtering by type, as PostgREST sends it (the value cast to the column's domain, whose check every
-- caller runs): the same rows for everyone, anon included; an unknown type is refused (23514).
select results_eq(
  $$select w.label,
           tests.try_as(w.role, w.claims, 'select 1 from public.missions where listed_status = ''open'' and type = ''backend''::public.mission_type and slug like ''rp-%'''),
           tests.try_as(w.role, w.claims, 'select 1 from public.missions where listed_status = ''open'' and type = ''cobol''::public.mission_type')
    from who w order by w.n$$,
  $$values ('anon', 'ok:1', '23514'), ('the initiator', 'ok:1', '23514'), ('the team member', 'ok:1', '23514'),
           ('a suspended user', 'ok:1', '23514'), ('an unrelated contributor', 'ok:1', '23514')$$,
  'type = backend lists the public open mission for everyone; an unknown type is refused for everyone');

select throws_ok(
  $$select tests.authenticate_as('rp-ines');
    update public.missions set listed_status = 'open' where id = (select id from rp where k = 'private')$$,
  '428C9', null, 'nobody writes listed_status (a generated column)');
select tests.as_postgres();

-- ---------------------------------------------------------------------------------------------
-- The indexes are usable under RLS: the listing's filter and the search's predicate become index
-- conditions for the authenticated role (text equality is leakproof; enum equality is not).
-- ---------------------------------------------------------------------------------------------

select tests.authenticate_as('rp-vic');
set local enable_seqscan = off;
set local enable_bitmapscan = off;
set local enable_sort = off;
select matches(
  tests.plan_of($$select id from public.missions where listed_status = 'open' order by published_at desc limit 20$$),
  'Index Cond: \(listed_status = ''open''::text\)',
  'under RLS the listing''s listed_status filter is an index condition on missions_listed_status_idx');
select matches(
  tests.plan_of($$select id from public.missions where listed_status = 'open' order by published_at desc limit 20$$),
  'missions_listed_status_idx',
  'the listing reads missions_listed_status_idx');
-- As PostgREST sends type=eq.backend: a parameter of the column's type.
prepare listing_by_type(text, public.mission_type) as
  select id from public.missions where listed_status = $1 and type = $2 order by published_at desc limit 20;
select matches(
  tests.plan_of($$execute listing_by_type('open', 'backend')$$),
  'Index (Only )?Scan using missions_listed_type_idx on missions\n\s+Index Cond: \(\(listed_status = ''open''::text\) AND \(type = ''backend''::text\)\)',
  'under RLS the listing filtered by type (type=eq.backend) walks missions_listed_type_idx with both as index conditions (the mission_type domain''s text equality is leakproof)');
deallocate listing_by_type;
select is(
  (select count(*)::integer from pg_catalog.pg_statistic_ext s
    where s.stxrelid = 'public.missions'::regclass and s.stxname = 'missions_listed_type_stats' and s.stxkind = '{m}'),
  1, 'missions has multi-column statistics on (listed_status, type): a type''s share of the open missions is not guessed');
select matches(
  tests.plan_of($$select id from public.contributor_profiles where verification_status = 'verified' and is_looking_for_work
                    order by trust_score desc limit 20$$),
  'contributor_profiles_search_idx',
  'under RLS the contributor search walks contributor_profiles_search_idx in trust order');
select matches(
  tests.plan_of($$select id from public.notifications where is_read = false order by created_at desc limit 20$$),
  '^Limit\n(.*\n)*  ->  Index Scan using notifications_\w+ on notifications\n\s+Index Cond: \(+user_id = \$0',
  'under RLS my unread notifications, newest first, are one index walk on the caller''s notifications in date order (no sort)');
reset enable_seqscan;
reset enable_bitmapscan;
reset enable_sort;
select tests.as_postgres();

-- ---------------------------------------------------------------------------------------------
-- The helpers: PL/pgSQL, SECURITY DEFINER where they read tables, fixed search_path
-- ---------------------------------------------------------------------------------------------
select is(
  (select l.lanname::text from pg_proc p join pg_language l on l.oid = p.prolang where p.oid = f::regprocedure),
  'plpgsql', format('%s is PL/pgSQL (its plans are cached for the session)', f))
from unnest(array['private.uid()', 'private.require_signed_in()', 'private.is_admin()', 'private.is_active()',
                  'private.my_contributor_id()', 'private.my_initiator_id()', 'private.my_initiated_mission_ids()',
                  'private.my_team_mission_ids()', 'private.my_conversation_ids()', 'private.my_mission_ids()']) f;
select is((select prosecdef from pg_proc where oid = 'private.uid()'::regprocedure), false,
  'private.uid() runs as the caller (it reads only the request settings)');

-- The helpers still answer for the caller: Cora is on the private mission's team; Ines initiated it.
select tests.authenticate_as('rp-cora');
select is((select private.my_team_mission_ids()), array[(select id from rp where k = 'private')],
  'my_team_mission_ids() lists the missions the caller works on');
select is((select private.my_contributor_id()), tests.cid('80000000-0000-4000-8000-000000000002'), 'my_contributor_id() is the caller''s');
select is((select private.my_mission_ids()), array[(select id from rp where k = 'private')],
  'my_mission_ids() of a team member: the mission they work on');
select tests.as_postgres();
update public.profiles set account_status = 'suspended' where id = '80000000-0000-4000-8000-000000000002';
select tests.authenticate_as('rp-cora');
select is((select private.my_mission_ids()), '{}'::uuid[], 'my_mission_ids() of a suspended team member: none');
select tests.as_postgres();
update public.profiles set account_status = 'active' where id = '80000000-0000-4000-8000-000000000002';
select tests.authenticate_as('rp-ines');
select is((select private.my_initiator_id()), tests.iid('80000000-0000-4000-8000-000000000001'), 'my_initiator_id() is the caller''s');
select is((select count(*) from unnest(private.my_initiated_mission_ids()))::int, 18, 'my_initiated_mission_ids() lists the caller''s 18 missions');
select is((select count(*) from unnest(private.my_mission_ids()))::int, 18, 'my_mission_ids() of an initiator: their 18 missions');
select tests.authenticate_as('rp-sam');
select is((select private.is_active()), false, 'is_active() is false for a suspended user');
select set_config('request.jwt.claims', '{"sub":"80000000-0000-4000-8000-0000000000ff","role":"authenticated"}', true);
select is((select private.is_active()), false, 'is_active() is false for a token whose user has no profile');
select tests.as_postgres();

select * from finish();
rollback;
