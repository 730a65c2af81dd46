-- Signup: the trigger on auth.users creates the profile and the role profile from the metadata;
-- admin is never taken from metadata; bad metadata fails the signup with nothing half-created.
begin;
select plan(27);

-- A contributor signing up with email and password.
select tests.create_user('ada@example.com', '{"full_name":"Ada Lovelace","role":"contributor","avatar_url":"https://img.example.com/ada.png"}',
  id => 'c0000000-0000-4000-8000-000000000001');
select results_eq(
  $$select full_name, avatar_url::text, primary_role::text, account_status::text from public.profiles where id = 'c0000000-0000-4000-8000-000000000001'$$,
  $$values ('Ada Lovelace'::varchar, 'https://img.example.com/ada.png', 'contributor', 'active')$$,
  'a contributor gets a profile from the metadata');
select is((select count(*)::int from public.contributor_profiles where user_id = 'c0000000-0000-4000-8000-000000000001'), 1,
  'a contributor gets a contributor profile');
select is((select verification_status::text from public.contributor_profiles where user_id = 'c0000000-0000-4000-8000-000000000001'), 'pending',
  'a new contributor starts pending verification');
select is((select count(*)::int from public.contributor_private_details d
           join public.contributor_profiles c on c.id = d.contributor_id
           where c.user_id = 'c0000000-0000-4000-8000-000000000001'), 1, 'and private details with defaults');
select is((select availability_hours_per_week from public.contributor_private_details d
           join public.contributor_profiles c on c.id = d.contributor_id
           where c.user_id = 'c0000000-0000-4000-8000-000000000001'), 20, 'availability defaults to 20 hours a week');
select is((select count(*)::int from public.initiator_profiles where user_id = 'c0000000-0000-4000-8000-000000000001'), 0,
  'a contributor gets no initiator profile');

-- An initiator.
select tests.create_user('grace@example.com', '{"full_name":"Grace Hopper","role":"initiator"}', id => 'c0000000-0000-4000-8000-000000000002');
select is((select primary_role::text from public.profiles where id = 'c0000000-0000-4000-8000-000000000002'), 'initiator', 'an initiator is an initiator');
select is((select count(*)::int from public.initiator_profiles where user_id = 'c0000000-0000-4000-8000-000000000002'), 1,
  'an initiator gets an initiator profile');
select is((select count(*)::int from public.initiator_private_details d join public.initiator_profiles i on i.id = d.initiator_id
           where i.user_id = 'c0000000-0000-4000-8000-000000000002'), 1, 'and private details');
select is((select count(*)::int from public.contributor_profiles where user_id = 'c0000000-0000-4000-8000-000000000002'), 0,
  'an initiator gets no contributor profile');

-- An OAuth (GitHub) user: Supabase Auth copies the provider's data into the user metadata.
select tests.create_user('linus@example.com',
  '{"iss":"https://api.github.com","sub":"1024","name":"Linus T","user_name":"torvalds","avatar_url":"https://avatars.githubusercontent.com/u/1024","provider_id":"1024","email_verified":true}',
  '{"provider":"github","providers":["github"]}', id => 'c0000000-0000-4000-8000-000000000003');
select results_eq(
  $$select full_name, avatar_url::text, primary_role::text from public.profiles where id = 'c0000000-0000-4000-8000-000000000003'$$,
  $$values ('Linus T'::varchar, 'https://avatars.githubusercontent.com/u/1024', 'contributor')$$,
  'an OAuth user gets name and avatar from the identity data, and the default role contributor');

-- A Google user: name in full_name? no: in name, picture instead of avatar_url.
select tests.create_user('margaret@example.com',
  '{"iss":"https://accounts.google.com","name":"Margaret H","picture":"https://lh3.googleusercontent.com/a/xyz","email":"margaret@example.com"}',
  '{"provider":"google","providers":["google"]}', id => 'c0000000-0000-4000-8000-000000000004');
select results_eq(
  $$select full_name, avatar_url::text from public.profiles where id = 'c0000000-0000-4000-8000-000000000004'$$,
  $$values ('Margaret H'::varchar, 'https://lh3.googleusercontent.com/a/xyz')$$,
  'a Google user gets picture as avatar');

-- Documented defaults for missing or invalid optional metadata.
select tests.create_user('nobody.special@example.com', '{}', id => 'c0000000-0000-4000-8000-000000000005');
select results_eq(
  $$select full_name, avatar_url::text, primary_role::text from public.profiles where id = 'c0000000-0000-4000-8000-000000000005'$$,
  $$values ('nobody.special'::varchar, null::text, 'contributor')$$,
  'without metadata: the email''s local part as name, no avatar, contributor');
select tests.create_user('badavatar@example.com', '{"full_name":"  ","avatar_url":"javascript:alert(1)"}', id => 'c0000000-0000-4000-8000-000000000006');
select results_eq(
  $$select full_name, avatar_url::text from public.profiles where id = 'c0000000-0000-4000-8000-000000000006'$$,
  $$values ('badavatar'::varchar, null::text)$$,
  'a blank name falls back; an avatar that is not http(s) is ignored');
select tests.create_user('long@example.com', jsonb_build_object('full_name', repeat('x', 400)), id => 'c0000000-0000-4000-8000-000000000007');
select is((select length(full_name) from public.profiles where id = 'c0000000-0000-4000-8000-000000000007'), 255,
  'an overlong name is cut to 255 characters');

-- Asking for admin in metadata: the signup fails, nothing is created.
select throws_ok(
  $$select tests.create_user('mallory@example.com', '{"full_name":"Mallory","role":"admin"}', id => 'c0000000-0000-4000-8000-000000000008')$$,
  '22023', 'Admin accounts cannot be requested at signup.',
  'asking for admin in user metadata fails the signup');
select is((select count(*)::int from auth.users where id = 'c0000000-0000-4000-8000-000000000008'), 0, 'no auth user is left behind');
select is((select count(*)::int from public.profiles where id = 'c0000000-0000-4000-8000-000000000008'), 0, 'no profile is left behind');

-- Admin in app_metadata or any other claim does not make an admin either.
select tests.create_user('eve@example.com', '{"full_name":"Eve","user_role":"admin","is_admin":true}', '{"role":"admin","user_role":"admin"}',
  id => 'c0000000-0000-4000-8000-000000000009');
select is((select primary_role::text from public.profiles where id = 'c0000000-0000-4000-8000-000000000009'), 'contributor',
  'admin-looking metadata anywhere else is ignored');

-- An unknown role fails clearly.
select throws_ok(
  $$select tests.create_user('typo@example.com', '{"role":"initator"}')$$,
  '22023', 'Unknown role "initator": choose contributor or initiator.',
  'an unknown role fails the signup with a clear message');

-- Only an admin or the platform makes an admin.
select tests.authenticate_as('ada');
select throws_ok($$select public.set_user_role('c0000000-0000-4000-8000-000000000001', 'admin')$$, '42501', 'Only admins can do this.',
  'a contributor cannot make themselves admin');
select throws_ok($$update public.profiles set primary_role = 'admin' where id = 'c0000000-0000-4000-8000-000000000001'$$, '42501', null,
  'a user cannot write primary_role directly');
select tests.as_service_role();
select lives_ok($$select public.set_user_role('c0000000-0000-4000-8000-000000000005', 'admin')$$, 'the service role can make an admin');
select tests.as_postgres();
select is((select primary_role::text from public.profiles where id = 'c0000000-0000-4000-8000-000000000005'), 'admin', 'the user is now admin');
select tests.authenticate_as('nobody.special');
select lives_ok($$select public.set_user_role('c0000000-0000-4000-8000-000000000006', 'admin')$$, 'an admin can make another admin');
select tests.as_postgres();

-- An OAuth user picks initiator once, before doing anything.
select tests.authenticate_as('linus');
select is((public.choose_primary_role('initiator')).primary_role::text, 'initiator', 'an OAuth user can switch to initiator');
select tests.as_postgres();
select ok(
  exists (select from public.initiator_profiles where user_id = 'c0000000-0000-4000-8000-000000000003')
  and not exists (select from public.contributor_profiles where user_id = 'c0000000-0000-4000-8000-000000000003'),
  'the role profile follows the chosen role');

select * from finish();
rollback;
