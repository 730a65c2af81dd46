-- Notifications, messaging and realtime, all driven from the domain events.
--
-- One dispatcher (an AFTER INSERT trigger on private.domain_events) turns each event into
-- notifications for the right people, broadcasts on the right realtime topics, and queues the
-- emails in the durable job queue, in the same transaction as the event.
--
-- Realtime topics (private channels; RLS on realtime.messages decides who may join):
--   user:<user id>               notification:new, notification:read, notification:deleted    the user only
--   conversation:<id>            message:new, message:updated   participants (clients may send `typing`)
--   mission:<id>                 mission:update, milestone:submitted, milestone:approved,
--                                matching:started / progress / complete      the initiator, the team, admins
--
-- Conversations (direct, mission team, support): participants only; nobody else, admins included,
-- reads a conversation.
--
-- Longer than ~900 lines: notifications, conversations and the realtime topics share one dispatcher
-- and one set of realtime policies; each part alone would not read on its own.

create type public.notification_priority as enum ('basic', 'medium', 'urgent', 'final');

create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  type varchar(50) not null check (type ~ '^[a-z][a-z0-9_.:]{1,49}$'), -- 'match_found', 'mission_update', 'payment', ...
  title varchar(255) not null check (length(btrim(title)) between 1 and 255),
  message text not null check (length(message) <= 5000),
  priority public.notification_priority not null default 'basic',
  -- A path on the app (not //host or /\host, which browsers read as another site) or an http(s) URL.
  action_url text check (action_url ~ '^(/([^/\\\s][^\s]*)?|https?://[^\s]+)$' and length(action_url) <= 2048),
  action_label varchar(100),
  is_read boolean not null default false,
  is_archived boolean not null default false,
  metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object'),
  created_at timestamptz not null default now(),
  read_at timestamptz,
  expires_at timestamptz,
  constraint notifications_read_at check (is_read = (read_at is not null))
);
comment on table public.notifications is 'Notifications for one user, raised by domain events.';

create index notifications_user_idx on public.notifications (user_id, created_at desc);

create index notifications_expires_idx on public.notifications (expires_at) where expires_at is not null;

alter table public.notifications enable row level security;
grant select, update (is_read, is_archived, read_at), delete on public.notifications to authenticated;
grant all on public.notifications to service_role;

create policy "Active users mark their own notifications read or archived"
  on public.notifications for update to authenticated
  using (user_id = (select private.uid()) and (select private.is_active()))
  with check (user_id = (select private.uid()));

create policy "Active users delete their own notifications"
  on public.notifications for delete to authenticated
  using (user_id = (select private.uid()) and (select private.is_active()));

create type public.conversation_type as enum ('direct', 'mission_team', 'support');

create type public.message_type as enum ('text', 'file', 'system');

create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  mission_id uuid references public.missions (id) on delete cascade,
  type public.conversation_type not null default 'direct',
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint conversations_team_has_mission check (type <> 'mission_team' or mission_id is not null)
);
comment on table public.conversations is 'A conversation; its participants are in conversation_participants.';

create index conversations_mission_idx on public.conversations (mission_id) where mission_id is not null;

create unique index conversations_one_team_chat_per_mission on public.conversations (mission_id) where type = 'mission_team';

create index conversations_created_by_idx on public.conversations (created_by);

create table public.conversation_participants (
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  joined_at timestamptz not null default now(),
  last_read_at timestamptz,
  primary key (conversation_id, user_id)
);

create index conversation_participants_user_idx on public.conversation_participants (user_id, conversation_id);

create table public.messages (
  id uuid primary key default gen_random_uuid(),
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  sender_id uuid not null references public.profiles (id) on delete restrict,
  content text not null check (length(content) between 1 and 10000),
  message_type public.message_type not null default 'text',
  attachments jsonb not null default '[]' check (jsonb_typeof(attachments) = 'array' and jsonb_array_length(attachments) <= 20),
  is_edited boolean not null default false,
  is_deleted boolean not null default false,
  created_at timestamptz not null default now(),
  edited_at timestamptz,
  constraint messages_edited check (is_edited = (edited_at is not null))
);
comment on table public.messages is 'Messages of a conversation, readable by its participants.';

create index messages_conversation_created_idx on public.messages (conversation_id, created_at desc, id desc);

create index messages_sender_idx on public.messages (sender_id);

create trigger tg_conversations__set_updated_at before update on public.conversations
  for each row execute function private.tg__set_updated_at();

-- Conversations the caller takes part in.
create function private.my_conversation_ids()
returns uuid[]
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(cp.conversation_id), '{}')
    from public.conversation_participants cp
    join public.profiles p on p.id = cp.user_id and p.account_status = 'active'
    where cp.user_id = private.uid());
end
$$;
comment on function private.my_conversation_ids() is
  'The conversations the caller takes part in; none unless the caller''s account is active.';
grant execute on function private.my_conversation_ids() to authenticated, service_role;

alter table public.conversations enable row level security;
alter table public.conversation_participants enable row level security;
alter table public.messages enable row level security;

grant select on public.conversations to authenticated;
grant all on public.conversations to service_role;

create policy "Participants see their conversations"
  on public.conversations for select to authenticated
  using (id = any ((select private.my_conversation_ids())::uuid[]));

grant select, update (last_read_at) on public.conversation_participants to authenticated;
grant all on public.conversation_participants to service_role;

create policy "Participants see who else is in their conversations"
  on public.conversation_participants for select to authenticated
  using (conversation_id = any ((select private.my_conversation_ids())::uuid[]));

create policy "Participants move their own read marker"
  on public.conversation_participants for update to authenticated
  using (user_id = (select private.uid()) and (select private.is_active()))
  with check (user_id = (select private.uid()));

grant select, insert (conversation_id, content, message_type, attachments) on public.messages to authenticated;
grant all on public.messages to service_role;

create policy "Participants read the messages of their conversations"
  on public.messages for select to authenticated
  using (conversation_id = any ((select private.my_conversation_ids())::uuid[]));

create policy "Active participants send messages as themselves"
  on public.messages for insert to authenticated
  with check (
    sender_id = (select private.uid())
    and message_type in ('text', 'file')
    and conversation_id = any ((select private.my_conversation_ids())::uuid[])
    and (select private.is_active())
  );
alter table public.messages alter column sender_id set default private.uid();

insert into private.settings (key, value, description) values
  ('message_edit_window_minutes', '15', 'A message can be edited by its sender for this many minutes.'),
  ('away_after_minutes', '5', 'A participant who has not read a conversation for this long gets a notification for new messages.'),
  ('notification_ttl_days', '90', 'Notifications expire (and are purged) after this many days unless they say otherwise.');

create policy "Users see their own notifications until they expire"
  on public.notifications for select to authenticated
  using (user_id = (select private.uid()) and (expires_at is null or expires_at > now()));

-- =============================================================================================
-- Notifications
-- =============================================================================================
create function private.notify(
  user_id uuid, type text, title text, message text,
  priority public.notification_priority default 'basic',
  action_url text default null, action_label text default null,
  metadata jsonb default '{}', expires_at timestamptz default null
) returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  new_id uuid;
begin
  if user_id is null then
    return null;
  end if;
  insert into public.notifications (user_id, type, title, message, priority, action_url, action_label, metadata, expires_at)
  values (notify.user_id, notify.type, left(notify.title, 255), left(notify.message, 5000), notify.priority, notify.action_url,
          notify.action_label, coalesce(notify.metadata, '{}'::jsonb),
          coalesce(notify.expires_at, now() + make_interval(days => private.setting_int('notification_ttl_days'))))
  returning id into new_id;
  return new_id;
end
$$;

-- Realtime: every new notification goes to its owner's private topic.
create function private.tg_notifications__broadcast()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform realtime.send(
    jsonb_build_object('id', new.id, 'type', new.type, 'title', new.title, 'message', new.message, 'priority', new.priority,
                       'action_url', new.action_url, 'action_label', new.action_label, 'metadata', new.metadata,
                       'created_at', new.created_at),
    'notification:new', 'user:' || new.user_id, true);
  return null;
end
$$;

create trigger tg_notifications__broadcast after insert on public.notifications
  for each row execute function private.tg_notifications__broadcast();

-- Realtime: a user's other tabs follow what one tab does. Whatever marks notifications read or archived
-- (the RPCs, a direct update under RLS, mark-all) sends one `notification:read` per statement and user,
-- and deletions one `notification:deleted`, each with the ids (the first 500; `truncated` says when
-- there were more: the client then reloads) and the new unread count.
create function private.tg_notifications__sync_tabs()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  changed record;
begin
  -- Each branch names only the transition tables its event has (a DELETE has no new rows).
  if tg_op = 'DELETE' then
    for changed in
      select o.user_id, array_agg(o.id order by o.id) as ids, '{}'::uuid[] as archived_ids
      from old_rows o group by o.user_id
    loop
      perform private.send_notification_sync(changed.user_id, 'notification:deleted', changed.ids, changed.archived_ids);
    end loop;
  else
    for changed in
      select n.user_id, array_agg(n.id order by n.id) as ids,
             coalesce(array_agg(n.id order by n.id) filter (where n.is_archived and not o.is_archived), '{}') as archived_ids
      from new_rows n join old_rows o on o.id = n.id
      where (n.is_read and not o.is_read) or (n.is_archived and not o.is_archived)
      group by n.user_id
    loop
      perform private.send_notification_sync(changed.user_id, 'notification:read', changed.ids, changed.archived_ids);
    end loop;
  end if;
  return null;
end
$$;

create function private.send_notification_sync(user_id uuid, event text, ids uuid[], archived_ids uuid[])
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  select realtime.send(
    jsonb_build_object(
      'id', ids[1], 'ids', to_jsonb(ids[1:500]), 'truncated', cardinality(ids) > 500,
      'archived_ids', to_jsonb(archived_ids[1:500]),
      'unread_count', (select count(*) from public.notifications x
                       where x.user_id = send_notification_sync.user_id and not x.is_read and not x.is_archived
                         and (x.expires_at is null or x.expires_at > now()))),
    event, 'user:' || send_notification_sync.user_id, true)
$$;
revoke execute on function private.send_notification_sync(uuid, text, uuid[], uuid[]) from public;

create trigger tg_notifications__sync_tabs_on_update after update on public.notifications
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.tg_notifications__sync_tabs();
create trigger tg_notifications__sync_tabs_on_delete after delete on public.notifications
  referencing old table as old_rows
  for each statement execute function private.tg_notifications__sync_tabs();

-- Emails go through the durable job queue (kind 'email'), unless the person opted out of the type.
create function private.queue_email(user_id uuid, template text, data jsonb, dedupe_key text)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if user_id is null or exists (select from public.profiles p where p.id = user_id and template = any (p.email_opt_outs)) then
    return;
  end if;
  perform private.enqueue_job('email', jsonb_build_object('user_id', user_id, 'template', template, 'data', coalesce(data, '{}'::jsonb)),
                              'email:' || dedupe_key);
end
$$;

-- The people of a mission.
create function private.mission_initiator_user(mission_id uuid)
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select i.user_id from public.missions m join public.initiator_profiles i on i.id = m.initiator_id where m.id = mission_id
$$;

create function private.mission_team_users(mission_id uuid, roles public.assignment_role[] default null)
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select c.user_id from public.mission_assignments a join public.contributor_profiles c on c.id = a.contributor_id
  where a.mission_id = mission_team_users.mission_id and a.status in ('active', 'stepped_up')
    and (roles is null or a.role = any (roles))
$$;

create function private.contributor_user(contributor_id uuid)
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select user_id from public.contributor_profiles where id = contributor_id
$$;

-- The dispatcher: what each domain event means for people, realtime and email.
create function private.tg_domain_events__dispatch()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions;
  title text;
  mission_url text;
  initiator uuid;
  who uuid;
  amount text;
begin
  select * into m from public.missions where id = new.mission_id;
  title := coalesce(m.title, 'your mission');
  mission_url := '/missions/' || new.mission_id;
  initiator := private.mission_initiator_user(new.mission_id);
  amount := case when new.payload ? 'payout_cents'
                 then to_char((new.payload ->> 'payout_cents')::numeric / 100, 'FM999999999990.00') || ' ' || coalesce(m.currency, 'USD') end;

  -- Realtime on the mission's topic, with the blueprint's event names.
  if new.event in ('mission:update', 'milestone:submitted', 'milestone:approved', 'matching:started', 'matching:progress',
                   'matching:complete') and new.mission_id is not null then
    perform realtime.send(new.payload || jsonb_build_object('mission_id', new.mission_id, 'entity_id', new.entity_id, 'event_id', new.id),
                          new.event, 'mission:' || new.mission_id, true);
  end if;

  case new.event
  when 'application:received' then
    perform private.notify(initiator, 'application_received', 'New application', format('Someone applied to "%s".', title),
      'medium', mission_url || '/applications', 'Review applications', jsonb_build_object('mission_id', m.id, 'application_id', new.entity_id));
  when 'application:accepted' then
    perform private.notify(private.contributor_user((new.payload ->> 'contributor_id')::uuid), 'application_accepted', 'You are on the team',
      format('Your application to "%s" was accepted.', title), 'urgent', mission_url, 'Open mission', jsonb_build_object('mission_id', m.id));
  when 'application:rejected', 'application:closed' then
    perform private.notify(private.contributor_user((new.payload ->> 'contributor_id')::uuid), 'application_rejected', 'Application closed',
      format('Your application to "%s" was not selected.', title), 'basic', mission_url, null, jsonb_build_object('mission_id', m.id));
  when 'invitation:sent' then
    who := private.contributor_user((new.payload ->> 'contributor_id')::uuid);
    perform private.notify(who, 'match_found', 'You are invited to a mission',
      format('You were invited to join "%s" as %s.', title, replace(new.payload ->> 'role', '_', ' ')), 'urgent',
      '/invitations/' || new.entity_id, 'Respond', jsonb_build_object('mission_id', m.id, 'assignment_id', new.entity_id),
      (select a.invitation_expires_at from public.mission_assignments a where a.id = new.entity_id));
    perform private.queue_email(who, 'invitation', jsonb_build_object('mission_title', title, 'role', new.payload ->> 'role',
      'assignment_id', new.entity_id, 'mission_id', m.id), 'invitation:' || new.entity_id);
  when 'matching:complete' then
    perform private.notify(initiator, 'match_found', 'Matches found', format('We found candidates for "%s".', title), 'medium',
      mission_url || '/team', 'See the team', jsonb_build_object('mission_id', m.id) || new.payload);
  when 'milestone:submitted' then
    perform private.notify(initiator, 'milestone_submitted', 'Milestone submitted',
      format('"%s" of "%s" was delivered and awaits your review.', new.payload ->> 'title', title), 'urgent',
      mission_url || '/milestones/' || new.entity_id, 'Review', jsonb_build_object('mission_id', m.id, 'milestone_id', new.entity_id));
    for who in select private.mission_team_users(m.id, array['core_reviewer']::public.assignment_role[]) loop
      perform private.notify(who, 'milestone_submitted', 'Milestone to review',
        format('"%s" of "%s" was delivered.', new.payload ->> 'title', title), 'medium', mission_url || '/milestones/' || new.entity_id,
        'Review', jsonb_build_object('mission_id', m.id, 'milestone_id', new.entity_id));
    end loop;
    perform private.queue_email(initiator, 'milestone_submitted', jsonb_build_object('mission_title', title,
      'milestone_title', new.payload ->> 'title', 'mission_id', m.id, 'milestone_id', new.entity_id), 'milestone_submitted:' || new.id);
  when 'milestone:approved' then
    for who in select private.mission_team_users(m.id, array['lead']::public.assignment_role[]) loop
      perform private.notify(who, 'milestone_approved', 'Milestone approved',
        format('"%s" of "%s" was approved; the payout is on its way.', new.payload ->> 'title', title), 'medium',
        mission_url || '/milestones/' || new.entity_id, null, jsonb_build_object('mission_id', m.id, 'milestone_id', new.entity_id));
    end loop;
  when 'milestone:revision' then
    for who in select private.mission_team_users(m.id, array['lead']::public.assignment_role[]) loop
      perform private.notify(who, 'revision_requested', 'Revision requested',
        format('Changes were requested on "%s" of "%s".', new.payload ->> 'title', title), 'urgent',
        mission_url || '/milestones/' || new.entity_id, 'See feedback', jsonb_build_object('mission_id', m.id, 'milestone_id', new.entity_id));
    end loop;
  when 'milestone:deadline_approaching' then
    for who in select private.mission_team_users(m.id) loop
      perform private.notify(who, 'deadline_approaching', 'Deadline approaching',
        format('"%s" of "%s" is due soon.', new.payload ->> 'title', title), 'urgent', mission_url || '/milestones/' || new.entity_id,
        null, jsonb_build_object('mission_id', m.id, 'milestone_id', new.entity_id));
    end loop;
  when 'payment:released' then
    -- One part of a team payout: its payee is told (with the role it pays), the initiator too.
    who := private.contributor_user((new.payload ->> 'contributor_id')::uuid);
    perform private.notify(who, 'payment_received', 'Payment received',
      format('You were paid %s for "%s" (your share as %s).', amount, title, replace(coalesce(new.payload ->> 'role', 'lead'), '_', ' ')),
      'medium', '/payments', 'Payment history', jsonb_build_object('mission_id', m.id, 'milestone_id', new.entity_id) || new.payload);
    perform private.notify(initiator, 'payment_released', 'Payment released',
      format('%s was released from escrow for "%s" to its %s.', amount, title, replace(coalesce(new.payload ->> 'role', 'lead'), '_', ' ')),
      'basic', '/payments', null, jsonb_build_object('mission_id', m.id, 'milestone_id', new.entity_id,
                                                     'contributor_id', new.payload ->> 'contributor_id', 'role', new.payload ->> 'role'));
    perform private.queue_email(who, 'payment_received', jsonb_build_object('mission_title', title, 'amount', amount,
      'mission_id', m.id, 'role', replace(coalesce(new.payload ->> 'role', 'lead'), '_', ' ')),
      'payment_received:' || new.entity_id || ':' || (new.payload ->> 'contributor_id'));
  when 'mission:funded' then
    perform private.notify(initiator, 'mission_update', 'Escrow funded', format('"%s" is funded and open for applications.', title),
      'medium', mission_url, null, jsonb_build_object('mission_id', m.id));
  when 'mission:update' then
    -- (opening after funding is told by mission:funded)
    for who in select u from (select initiator as u union select private.mission_team_users(m.id)) s
               where u is distinct from new.actor_id and new.payload ->> 'status' <> 'open' loop
      perform private.notify(who, 'mission_update', 'Mission update',
        format('"%s" is now %s.', title, replace(new.payload ->> 'status', '_', ' ')),
        case when new.payload ->> 'status' in ('disputed', 'cancelled') then 'urgent'::public.notification_priority else 'basic' end,
        mission_url, null, jsonb_build_object('mission_id', m.id, 'status', new.payload ->> 'status'));
    end loop;
  when 'proof_task:graded' then
    who := (new.payload ->> 'user_id')::uuid;
    perform private.notify(who, 'proof_task_graded',
      case when (new.payload ->> 'passed')::boolean then 'You are verified' else 'Proof task graded' end,
      case when (new.payload ->> 'passed')::boolean then 'Your proof task passed: you can now be matched to missions.'
           else 'Your proof task did not pass this time. You can take another after the cooldown.' end,
      'medium', '/verification', 'See the feedback', jsonb_build_object('submission_id', new.entity_id, 'score', new.payload -> 'score'));
    perform private.queue_email(who, 'proof_task_graded', jsonb_build_object('passed', new.payload ->> 'passed'),
      'proof_task_graded:' || new.entity_id || ':' || new.id);
  when 'payment:failed' then
    perform private.notify(initiator, 'payment_failed', 'Payment failed', format('The escrow payment for "%s" failed: %s', title,
      coalesce(new.payload ->> 'reason', 'no reason given')), 'urgent', mission_url || '/fund', 'Try again', jsonb_build_object('mission_id', m.id));
  else
    null;
  end case;
  return null;
end
$$;

create trigger tg_domain_events__dispatch
  after insert on private.domain_events
  for each row execute function private.tg_domain_events__dispatch();

-- Welcome email at signup (Supabase Auth sends its own confirmation email).
create function private.tg_profiles__welcome()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform private.queue_email(new.id, 'welcome', jsonb_build_object('full_name', new.full_name, 'role', new.primary_role), 'welcome:' || new.id);
  return null;
end
$$;

create trigger tg_profiles__welcome after insert on public.profiles
  for each row execute function private.tg_profiles__welcome();

-- Notification functions (the blueprint's /notifications endpoints).
create function private.mark_notification_read(notification_id uuid)
returns public.notifications
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_active_user();
  n public.notifications;
begin
  update public.notifications set is_read = true, read_at = coalesce(read_at, now())
    where id = notification_id and user_id = uid returning * into n;
  if not found then
    raise exception 'No such notification.' using errcode = 'PT404';
  end if;
  return n;
end
$$;
revoke execute on function private.mark_notification_read(uuid) from public;
grant execute on function private.mark_notification_read(uuid) to authenticated, service_role;

create function public.mark_notification_read(notification_id uuid)
returns public.notifications
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.mark_notification_read(mark_notification_read.notification_id)
$$;
revoke execute on function public.mark_notification_read(uuid) from public;
grant execute on function public.mark_notification_read(uuid) to authenticated, service_role;

create function private.mark_all_notifications_read()
returns integer
language sql
volatile
security definer
set search_path = ''
as $$
  with changed as (
    update public.notifications set is_read = true, read_at = now()
    where user_id = private.require_active_user() and not is_read returning 1)
  select count(*)::integer from changed
$$;
revoke execute on function private.mark_all_notifications_read() from public;
grant execute on function private.mark_all_notifications_read() to authenticated, service_role;

create function public.mark_all_notifications_read()
returns integer
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.mark_all_notifications_read()
$$;
revoke execute on function public.mark_all_notifications_read() from public;
grant execute on function public.mark_all_notifications_read() to authenticated, service_role;

create function private.archive_notification(notification_id uuid)
returns public.notifications
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_active_user();
  n public.notifications;
begin
  update public.notifications set is_archived = true, is_read = true, read_at = coalesce(read_at, now())
    where id = notification_id and user_id = uid returning * into n;
  if not found then
    raise exception 'No such notification.' using errcode = 'PT404';
  end if;
  return n;
end
$$;
revoke execute on function private.archive_notification(uuid) from public;
grant execute on function private.archive_notification(uuid) to authenticated, service_role;

create function public.archive_notification(notification_id uuid)
returns public.notifications
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.archive_notification(archive_notification.notification_id)
$$;
revoke execute on function public.archive_notification(uuid) from public;
grant execute on function public.archive_notification(uuid) to authenticated, service_role;

create function private.delete_notification(notification_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_active_user();
begin
  delete from public.notifications where id = notification_id and user_id = uid;
  if not found then
    raise exception 'No such notification.' using errcode = 'PT404';
  end if;
end
$$;
revoke execute on function private.delete_notification(uuid) from public;
grant execute on function private.delete_notification(uuid) to authenticated, service_role;

create function public.delete_notification(notification_id uuid)
returns void
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.delete_notification(delete_notification.notification_id)
$$;
revoke execute on function public.delete_notification(uuid) from public;
grant execute on function public.delete_notification(uuid) to authenticated, service_role;

create function public.unread_notification_count()
returns integer
language sql
stable
security invoker
set search_path = ''
as $$
  select count(*)::integer from public.notifications
  where user_id = (select private.uid()) and not is_read and not is_archived and (expires_at is null or expires_at > now())
$$;
revoke execute on function public.unread_notification_count() from public;
grant execute on function public.unread_notification_count() to authenticated, service_role;

create function private.purge_expired_notifications()
returns integer
language sql
volatile
security definer
set search_path = ''
as $$
  with gone as (delete from public.notifications where expires_at < now() - interval '1 day' returning 1)
  select count(*)::integer from gone
$$;

-- =============================================================================================
-- Conversations and messages
-- =============================================================================================

-- Two users may talk directly when they share a mission (as initiator or team) or an application.
create function private.users_share_work(a uuid, b uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  with involved as (
    select m.id as mission_id, i.user_id from public.missions m join public.initiator_profiles i on i.id = m.initiator_id
    union
    select x.mission_id, c.user_id from public.mission_assignments x join public.contributor_profiles c on c.id = x.contributor_id
      where x.status in ('invited', 'active', 'stepped_up', 'completed')
    union
    select p.mission_id, c.user_id from public.mission_applications p join public.contributor_profiles c on c.id = p.contributor_id
  )
  select exists (
    select from involved x join involved y on x.mission_id = y.mission_id
    where x.user_id = a and y.user_id = b
      -- an applicant talks with the initiator, not with other applicants
      and (exists (select from public.missions m join public.initiator_profiles i on i.id = m.initiator_id
                   where m.id = x.mission_id and i.user_id in (a, b))
           or exists (select from public.mission_assignments t join public.contributor_profiles c on c.id = t.contributor_id
                      where t.mission_id = x.mission_id and c.user_id = a and t.status in ('active', 'stepped_up', 'completed'))
              and exists (select from public.mission_assignments t join public.contributor_profiles c on c.id = t.contributor_id
                      where t.mission_id = x.mission_id and c.user_id = b and t.status in ('active', 'stepped_up', 'completed'))))
$$;

-- POST /conversations: a direct conversation with someone you work with (reused if it exists).
create function private.start_direct_conversation(other_user_id uuid)
returns public.conversations
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_active_user();
  c public.conversations;
begin
  if other_user_id = uid then
    raise exception 'You cannot start a conversation with yourself.' using errcode = '22023';
  end if;
  if not private.users_share_work(uid, other_user_id) then
    raise exception 'You can message people you share a mission or an application with.' using errcode = '42501';
  end if;
  -- one direct conversation per pair; serialize concurrent starts on the pair
  perform pg_advisory_xact_lock(hashtextextended(least(uid, other_user_id)::text || greatest(uid, other_user_id)::text, 0));
  select x.* into c from public.conversations x
  where x.type = 'direct'
    and exists (select from public.conversation_participants p where p.conversation_id = x.id and p.user_id = uid)
    and exists (select from public.conversation_participants p where p.conversation_id = x.id and p.user_id = other_user_id)
  limit 1;
  if found then
    return c;
  end if;
  insert into public.conversations (type, created_by) values ('direct', uid) returning * into c;
  insert into public.conversation_participants (conversation_id, user_id) values (c.id, uid), (c.id, other_user_id);
  return c;
end
$$;
revoke execute on function private.start_direct_conversation(uuid) from public;
grant execute on function private.start_direct_conversation(uuid) to authenticated, service_role;

create function public.start_direct_conversation(other_user_id uuid)
returns public.conversations
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.start_direct_conversation(start_direct_conversation.other_user_id)
$$;
revoke execute on function public.start_direct_conversation(uuid) from public;
grant execute on function public.start_direct_conversation(uuid) to authenticated, service_role;

-- A support conversation between the user and the admins.
create function private.open_support_conversation()
returns public.conversations
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_active_user();
  c public.conversations;
begin
  select x.* into c from public.conversations x
  where x.type = 'support' and x.created_by = uid limit 1;
  if not found then
    insert into public.conversations (type, created_by) values ('support', uid) returning * into c;
    insert into public.conversation_participants (conversation_id, user_id) values (c.id, uid);
  end if;
  insert into public.conversation_participants (conversation_id, user_id)
  select c.id, p.id from public.profiles p where p.primary_role = 'admin' and p.account_status = 'active'
  on conflict do nothing;
  return c;
end
$$;
revoke execute on function private.open_support_conversation() from public;
grant execute on function private.open_support_conversation() to authenticated, service_role;

create function public.open_support_conversation()
returns public.conversations
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.open_support_conversation()
$$;
revoke execute on function public.open_support_conversation() from public;
grant execute on function public.open_support_conversation() to authenticated, service_role;

-- The mission's team conversation follows the team: created with the first active member, members
-- join when they become active and leave when they are no longer on the team.
create function private.tg_mission_assignments__team_chat()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  conv uuid;
  member uuid := private.contributor_user(new.contributor_id);
begin
  if new.status in ('active', 'stepped_up') then
    select id into conv from public.conversations where mission_id = new.mission_id and type = 'mission_team';
    if conv is null then
      insert into public.conversations (mission_id, type, created_by)
      values (new.mission_id, 'mission_team', private.mission_initiator_user(new.mission_id))
      on conflict (mission_id) where type = 'mission_team' do nothing
      returning id into conv;
      if conv is null then
        select id into conv from public.conversations where mission_id = new.mission_id and type = 'mission_team';
      end if;
      insert into public.conversation_participants (conversation_id, user_id)
      values (conv, private.mission_initiator_user(new.mission_id)) on conflict do nothing;
    end if;
    insert into public.conversation_participants (conversation_id, user_id) values (conv, member) on conflict do nothing;
  elsif new.status in ('withdrawn', 'removed') then
    delete from public.conversation_participants p
    using public.conversations c
    where c.id = p.conversation_id and c.mission_id = new.mission_id and c.type = 'mission_team' and p.user_id = member;
  end if;
  return null;
end
$$;

create trigger tg_mission_assignments__team_chat
  after insert or update of status on public.mission_assignments
  for each row execute function private.tg_mission_assignments__team_chat();

-- Messages: validation, realtime, and notifications for participants who are away.
create function private.tg_messages__before_write()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  path text;
begin
  if jsonb_typeof(new.attachments) <> 'array' then
    return new; -- the table's CHECK refuses it
  end if;
  for path in select coalesce(a ->> 'path', '') from jsonb_array_elements(new.attachments) a loop
    if path not like new.conversation_id::text || '/%'
       or not exists (select from storage.objects o where o.bucket_id = 'message-attachments' and o.name = path) then
      raise exception 'Attachment % is not an upload of this conversation (expected under %/).', path, new.conversation_id
        using errcode = '22023';
    end if;
  end loop;
  return new;
end
$$;

create trigger tg_messages__before_write before insert or update of attachments on public.messages
  for each row execute function private.tg_messages__before_write();

create function private.tg_messages__after_insert()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  p record;
  sender_name text;
begin
  update public.conversations set updated_at = new.created_at where id = new.conversation_id;
  update public.conversation_participants set last_read_at = new.created_at
    where conversation_id = new.conversation_id and user_id = new.sender_id;
  perform realtime.send(
    jsonb_build_object('id', new.id, 'conversation_id', new.conversation_id, 'sender_id', new.sender_id, 'content', new.content,
                       'message_type', new.message_type, 'attachments', new.attachments, 'created_at', new.created_at),
    'message:new', 'conversation:' || new.conversation_id, true);
  select full_name into sender_name from public.profiles where id = new.sender_id;
  -- Participants away for a while hear of it, once per conversation until they read it.
  for p in
    select cp.user_id from public.conversation_participants cp
    where cp.conversation_id = new.conversation_id and cp.user_id <> new.sender_id
      and (cp.last_read_at is null or cp.last_read_at < now() - make_interval(mins => private.setting_int('away_after_minutes')))
      and not exists (select from public.notifications n where n.user_id = cp.user_id and n.type = 'new_message' and not n.is_read
                        and n.metadata ->> 'conversation_id' = new.conversation_id::text)
  loop
    perform private.notify(p.user_id, 'new_message', 'New message', format('%s sent you a message.', coalesce(sender_name, 'Someone')),
      'basic', '/conversations/' || new.conversation_id, 'Reply', jsonb_build_object('conversation_id', new.conversation_id));
  end loop;
  return null;
end
$$;

create trigger tg_messages__after_insert after insert on public.messages
  for each row execute function private.tg_messages__after_insert();

create function private.send_message(conversation_id uuid, content text, attachments jsonb default '[]')
returns public.messages
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_active_user();
  msg public.messages;
begin
  if not exists (select from public.conversation_participants p where p.conversation_id = send_message.conversation_id and p.user_id = uid) then
    raise exception 'No such conversation.' using errcode = 'PT404';
  end if;
  if coalesce(length(content), 0) not between 1 and 10000 then
    raise exception 'A message is 1 to 10,000 characters.' using errcode = '22023';
  end if;
  if jsonb_typeof(coalesce(attachments, '[]')) <> 'array' or jsonb_array_length(coalesce(attachments, '[]')) > 20 then
    raise exception 'Attachments are a list of at most 20 {"path": ...} objects.' using errcode = '22023';
  end if;
  insert into public.messages (conversation_id, sender_id, content, message_type, attachments)
  values (send_message.conversation_id, uid, content,
          case when jsonb_array_length(coalesce(attachments, '[]')) > 0 then 'file' else 'text' end::public.message_type,
          coalesce(attachments, '[]'))
  returning * into msg;
  return msg;
end
$$;
revoke execute on function private.send_message(uuid, text, jsonb) from public;
grant execute on function private.send_message(uuid, text, jsonb) to authenticated, service_role;

create function public.send_message(conversation_id uuid, content text, attachments jsonb default '[]')
returns public.messages
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.send_message(send_message.conversation_id, send_message.content, send_message.attachments)
$$;
revoke execute on function public.send_message(uuid, text, jsonb) from public;
grant execute on function public.send_message(uuid, text, jsonb) to authenticated, service_role;

create function private.edit_message(message_id uuid, content text)
returns public.messages
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_active_user();
  msg public.messages;
begin
  select * into msg from public.messages m where m.id = message_id for update;
  if not found or msg.sender_id <> uid
     or not exists (select from public.conversation_participants p where p.conversation_id = msg.conversation_id and p.user_id = uid) then
    raise exception 'No such message of yours.' using errcode = 'PT404';
  end if;
  if msg.is_deleted then
    raise exception 'A deleted message cannot be edited.' using errcode = 'PT409';
  end if;
  if msg.created_at < now() - make_interval(mins => private.setting_int('message_edit_window_minutes')) then
    raise exception 'Messages can be edited for % minutes after sending.', private.setting_int('message_edit_window_minutes')
      using errcode = 'PT409';
  end if;
  if coalesce(length(content), 0) not between 1 and 10000 then
    raise exception 'A message is 1 to 10,000 characters.' using errcode = '22023';
  end if;
  update public.messages set content = edit_message.content, is_edited = true, edited_at = now()
    where id = msg.id returning * into msg;
  perform realtime.send(jsonb_build_object('id', msg.id, 'content', msg.content, 'edited_at', msg.edited_at),
    'message:updated', 'conversation:' || msg.conversation_id, true);
  return msg;
end
$$;
revoke execute on function private.edit_message(uuid, text) from public;
grant execute on function private.edit_message(uuid, text) to authenticated, service_role;

create function public.edit_message(message_id uuid, content text)
returns public.messages
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.edit_message(edit_message.message_id, edit_message.content)
$$;
revoke execute on function public.edit_message(uuid, text) from public;
grant execute on function public.edit_message(uuid, text) to authenticated, service_role;

-- Soft delete: the message stays in its place, its content and attachments are gone.
create function private.delete_message(message_id uuid)
returns public.messages
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_active_user();
  msg public.messages;
begin
  select * into msg from public.messages m where m.id = message_id for update;
  if not found or msg.sender_id <> uid then
    raise exception 'No such message of yours.' using errcode = 'PT404';
  end if;
  if msg.is_deleted then
    return msg;
  end if;
  update public.messages set is_deleted = true, content = '[message deleted]', attachments = '[]'
    where id = msg.id returning * into msg;
  perform realtime.send(jsonb_build_object('id', msg.id, 'is_deleted', true), 'message:updated', 'conversation:' || msg.conversation_id, true);
  return msg;
end
$$;
revoke execute on function private.delete_message(uuid) from public;
grant execute on function private.delete_message(uuid) to authenticated, service_role;

create function public.delete_message(message_id uuid)
returns public.messages
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.delete_message(delete_message.message_id)
$$;
revoke execute on function public.delete_message(uuid) from public;
grant execute on function public.delete_message(uuid) to authenticated, service_role;

create function private.mark_conversation_read(conversation_id uuid)
returns timestamptz
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_active_user();
  at timestamptz := now();
begin
  update public.conversation_participants p set last_read_at = at
    where p.conversation_id = mark_conversation_read.conversation_id and p.user_id = uid;
  if not found then
    raise exception 'No such conversation.' using errcode = 'PT404';
  end if;
  update public.notifications n set is_read = true, read_at = at
    where n.user_id = uid and n.type = 'new_message' and not n.is_read and n.metadata ->> 'conversation_id' = conversation_id::text;
  return at;
end
$$;
revoke execute on function private.mark_conversation_read(uuid) from public;
grant execute on function private.mark_conversation_read(uuid) to authenticated, service_role;

create function public.mark_conversation_read(conversation_id uuid)
returns timestamptz
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.mark_conversation_read(mark_conversation_read.conversation_id)
$$;
revoke execute on function public.mark_conversation_read(uuid) from public;
grant execute on function public.mark_conversation_read(uuid) to authenticated, service_role;

-- GET /conversations: mine, newest activity first, with unread counts and the last message.
create function public.my_conversations()
returns table (id uuid, type public.conversation_type, mission_id uuid, updated_at timestamptz, unread_count integer,
               last_message_at timestamptz, last_message text, participant_ids uuid[])
language sql
stable
security invoker
set search_path = ''
as $$
  select c.id, c.type, c.mission_id, c.updated_at,
         (select count(*)::integer from public.messages m
          where m.conversation_id = c.id and m.sender_id <> (select private.uid()) and not m.is_deleted
            and (me.last_read_at is null or m.created_at > me.last_read_at)),
         last.created_at, last.content,
         array(select p.user_id from public.conversation_participants p where p.conversation_id = c.id order by p.joined_at)
  from public.conversations c
  join public.conversation_participants me on me.conversation_id = c.id and me.user_id = (select private.uid())
  left join lateral (select m.created_at, m.content from public.messages m where m.conversation_id = c.id
                     order by m.created_at desc, m.id desc limit 1) last on true
  order by c.updated_at desc, c.id
$$;
revoke execute on function public.my_conversations() from public;
grant execute on function public.my_conversations() to authenticated, service_role;

-- GET /conversations/:id/messages: newest first, a page at a time (keyset: pass the last row's
-- created_at and id to get the next, older page).
create function public.conversation_messages(conversation_id uuid, before_created_at timestamptz default null,
                                             before_id uuid default null, page_size integer default 50)
returns setof public.messages
language sql
stable
security invoker
set search_path = ''
as $$
  select m.* from public.messages m
  where m.conversation_id = conversation_messages.conversation_id
    and (before_created_at is null or (m.created_at, m.id) < (before_created_at, coalesce(before_id, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)))
  order by m.created_at desc, m.id desc
  limit least(greatest(page_size, 1), 200)
$$;
revoke execute on function public.conversation_messages(uuid, timestamptz, uuid, integer) from public;
grant execute on function public.conversation_messages(uuid, timestamptz, uuid, integer) to authenticated, service_role;

-- Attachments: a private bucket, one folder per conversation; participants read and write.
insert into storage.buckets (id, name, public, file_size_limit)
values ('message-attachments', 'message-attachments', false, 26214400)
on conflict (id) do nothing;

create function private.path_conversation_id(name text)
returns uuid
language sql
immutable
set search_path = ''
as $$
  select case when (storage.foldername(name))[1] ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
              then ((storage.foldername(name))[1])::uuid end
$$;
grant execute on function private.path_conversation_id(text) to authenticated, service_role;

create policy "Work files: team, initiator, admins; attachments: participants"
  on storage.objects for select to authenticated
  using (
    (bucket_id = 'work-submissions'
     and ((private.path_mission_id(name) = any ((select private.my_team_mission_ids())::uuid[]) and (select private.is_active()))
          or private.path_mission_id(name) = any ((select private.my_initiated_mission_ids())::uuid[])
          or (select private.is_admin())))
    or (bucket_id = 'message-attachments'
        and private.path_conversation_id(name) = any ((select private.my_conversation_ids())::uuid[])
        and (select private.is_active()))
  );

create policy "Active team uploads work files, participants their attachments"
  on storage.objects for insert to authenticated
  with check (
    (select private.is_active())
    and ((bucket_id = 'work-submissions' and private.can_upload_work_file(name))
         or (bucket_id = 'message-attachments' and private.path_conversation_id(name) = any ((select private.my_conversation_ids())::uuid[])))
  );

-- =============================================================================================
-- Realtime authorization: who may receive on a topic (SELECT) and send on it (INSERT).
-- =============================================================================================
create function private.realtime_can_receive(topic text)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  kind text := split_part(topic, ':', 1);
  ref text := split_part(topic, ':', 2);
  target uuid;
begin
  if private.uid() is null or not private.is_active() or ref !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return false;
  end if;
  target := ref::uuid;
  return case kind
    when 'user' then target = private.uid()
    when 'conversation' then target = any (private.my_conversation_ids())
    when 'mission' then target = any (private.my_team_mission_ids()) or target = any (private.my_initiated_mission_ids()) or private.is_admin()
    else false end;
end
$$;
grant execute on function private.realtime_can_receive(text) to authenticated;

-- Both policies check the row's own topic column: a row is readable (or writable) only when it is
-- on the topic being joined and that topic is the caller's. Checking realtime.topic() alone would let
-- a caller joined to their own topic read every other topic's rows, were realtime.messages ever
-- queried directly (it is safe today only because the realtime schema is not exposed).
create policy "Receive on own topics: notifications, conversations, missions"
  on realtime.messages for select to authenticated
  using (topic = (select realtime.topic()) and (select private.realtime_can_receive((select realtime.topic()))));

-- Clients send only typing indicators, only in conversations they take part in.
create policy "Participants send typing indicators in their conversations"
  on realtime.messages for insert to authenticated
  with check (
    extension = 'broadcast' and event = 'typing'
    and topic = (select realtime.topic())
    and (select realtime.topic()) like 'conversation:%'
    and (select private.realtime_can_receive((select realtime.topic())))
  );

-- =============================================================================================
-- Schedules and grants
-- =============================================================================================
select cron.schedule('people-purge-notifications', '17 3 * * *', 'select private.purge_expired_notifications()');

create index notifications_unread_idx on public.notifications (user_id, is_read, created_at desc);
