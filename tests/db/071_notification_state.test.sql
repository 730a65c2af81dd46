-- Notification state (issue 22): mark read, mark all read, archive, delete and the unread count, each
-- for the owner only, and the `notification:read` / `notification:deleted` realtime events that keep
-- the owner's other tabs in sync, whichever way the change was made.
begin;
select plan(33);

select tests.create_user('nadia@example.com', '{"full_name":"Nadia Notified"}');
select tests.create_user('otto@example.com', '{"full_name":"Otto Other"}');
select tests.create_user('sven@example.com', '{"full_name":"Sven Suspended"}');

-- Nadia has five notifications (one expired), Otto one.
create temp table n (name text primary key, id uuid);
grant all on n to authenticated, service_role;
insert into n
select v.name, private.notify(tests.persona(v.who), 'mission_update', v.name, 'Something happened.', 'basic', '/missions', 'View',
                              '{}'::jsonb, v.expires)
from (values ('n1', 'nadia', null::timestamptz), ('n2', 'nadia', null), ('n3', 'nadia', null), ('n4', 'nadia', null),
             ('old', 'nadia', now() - interval '1 hour'), ('o1', 'otto', null), ('s1', 'sven', null)) as v(name, who, expires);
-- Only the rows above count: the signup's welcome notifications go.
delete from public.notifications
where user_id in (tests.persona('nadia'), tests.persona('otto'), tests.persona('sven')) and type <> 'mission_update';

create function pg_temp.synced(who text, ev text) returns setof jsonb language sql as $$
  select payload from realtime.messages
  where topic = 'user:' || tests.persona(who) and event = ev
$$;
create function pg_temp.nid(name text) returns uuid language sql as $$ select id from n where n.name = nid.name $$;
grant execute on function pg_temp.nid(text) to authenticated;

-- The unread count: own, unread, not archived, not expired.
select tests.authenticate_as('nadia');
select is(public.unread_notification_count(), 4, 'the unread count leaves out the expired notification');
select tests.authenticate_as('otto');
select is(public.unread_notification_count(), 1, 'and counts only the caller''s own');
select tests.as_anon();
select throws_ok('select public.unread_notification_count()', '42501', null, 'anon has no unread count');

-- Mark one read.
select tests.authenticate_as('nadia');
select is((public.mark_notification_read(pg_temp.nid('n1'))).is_read, true, 'mark_notification_read marks it read');
select is(public.unread_notification_count(), 3, 'and the count drops');
select tests.as_postgres();
select is((select count(*)::int from pg_temp.synced('nadia', 'notification:read')), 1, 'one notification:read goes to her topic');
select is((select p ->> 'id' from pg_temp.synced('nadia', 'notification:read') p), pg_temp.nid('n1')::text,
  'naming the notification (the blueprint''s { id })');
select is((select (p ->> 'unread_count')::int from pg_temp.synced('nadia', 'notification:read') p), 3, 'with the new unread count');
select is((select read_at from public.notifications where id = pg_temp.nid('n1')) is not null, true, 'read_at is set');

-- Again: nothing changes, nothing is sent, read_at stays.
create temp table first_read as select read_at from public.notifications where id = pg_temp.nid('n1');
grant select on first_read to authenticated;
select tests.authenticate_as('nadia');
select public.mark_notification_read(pg_temp.nid('n1'));
select tests.as_postgres();
select is((select read_at from public.notifications where id = pg_temp.nid('n1')), (select read_at from first_read),
  'marking it read again keeps the first read time');
select is((select count(*)::int from pg_temp.synced('nadia', 'notification:read')), 1, 'and sends nothing');

-- Someone else's: not found, untouched.
select tests.authenticate_as('nadia');
select throws_ok(format('select public.mark_notification_read(%L)', pg_temp.nid('o1')), 'PT404', 'No such notification.',
  'another user''s notification cannot be marked read');
select throws_ok(format('select public.archive_notification(%L)', pg_temp.nid('o1')), 'PT404', 'No such notification.',
  'nor archived');
select throws_ok(format('select public.delete_notification(%L)', pg_temp.nid('o1')), 'PT404', 'No such notification.',
  'nor deleted');
select tests.as_postgres();
select is((select is_read from public.notifications where id = pg_temp.nid('o1')), false, 'Otto''s stays unread');
select is((select count(*)::int from pg_temp.synced('otto', 'notification:read')), 0, 'and Otto hears nothing');

-- Archive: read and archived, named in archived_ids.
select tests.authenticate_as('nadia');
select is((public.archive_notification(pg_temp.nid('n2'))).is_archived, true, 'archive_notification archives it');
select is(public.unread_notification_count(), 2, 'an archived notification is not unread');
select tests.as_postgres();
select ok(exists (select from pg_temp.synced('nadia', 'notification:read') p
              where p -> 'archived_ids' ? pg_temp.nid('n2')::text and (p ->> 'unread_count')::int = 2),
  'the sync event says it was archived');

-- A direct update under RLS (supabase.from('notifications').update(...)) syncs the other tabs too.
select tests.authenticate_as('nadia');
update public.notifications set is_read = true, read_at = now() where id = pg_temp.nid('n3');
select is(public.unread_notification_count(), 1, 'a direct update marks it read');
select tests.as_postgres();
select ok(exists (select from pg_temp.synced('nadia', 'notification:read') p
              where p ->> 'id' = pg_temp.nid('n3')::text and (p ->> 'unread_count')::int = 1),
  'and is broadcast like the RPC');

-- Mark all: only the caller's unread ones, one event for all of them.
select tests.authenticate_as('nadia');
select is(public.mark_all_notifications_read(), 2, 'mark_all_notifications_read marks the rest (the expired one too)');
select is(public.unread_notification_count(), 0, 'nothing unread is left');
select is(public.mark_all_notifications_read(), 0, 'a second mark-all changes nothing');
select tests.as_postgres();
select is((select count(*)::int from pg_temp.synced('nadia', 'notification:read')), 4,
  'one event for mark-all, none for the empty second one');
select ok(exists (select from pg_temp.synced('nadia', 'notification:read') p
              where p -> 'ids' ? pg_temp.nid('n4')::text and p -> 'ids' ? pg_temp.nid('old')::text
                and jsonb_array_length(p -> 'ids') = 2 and (p ->> 'unread_count')::int = 0),
  'naming both notifications, with nothing left unread');
select is((select is_read from public.notifications where id = pg_temp.nid('o1')), false, 'Otto''s is still unread');

-- Delete.
select tests.authenticate_as('nadia');
select lives_ok(format('select public.delete_notification(%L)', pg_temp.nid('n1')), 'delete_notification deletes her own');
select throws_ok(format('select public.delete_notification(%L)', pg_temp.nid('n1')), 'PT404', 'No such notification.',
  'a second delete finds nothing');
select tests.as_postgres();
select ok(exists (select from pg_temp.synced('nadia', 'notification:deleted') p where p ->> 'id' = pg_temp.nid('n1')::text),
  'notification:deleted tells the other tabs');

-- A suspended account changes nothing.
update public.profiles set account_status = 'suspended' where id = tests.persona('sven');
select tests.authenticate_as('sven');
select throws_ok(format('select public.mark_notification_read(%L)', pg_temp.nid('s1')), '42501', null,
  'a suspended account cannot mark notifications read');
select throws_ok('select public.mark_all_notifications_read()', '42501', null, 'nor all of them');
select tests.as_postgres();
select is((select is_read from public.notifications where id = pg_temp.nid('s1')), false, 'Sven''s stays unread');

select * from finish();
rollback;
