-- Notifications: what the platform tells a user. Each user sees and manages only their own.

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
create index notifications_unread_idx on public.notifications (user_id, is_read) where is_read = false;
create index notifications_expires_idx on public.notifications (expires_at) where expires_at is not null;

alter table public.notifications enable row level security;
grant select, update (is_read, is_archived, read_at), delete on public.notifications to authenticated;
grant all on public.notifications to service_role;

create policy "Users see their own notifications"
  on public.notifications for select to authenticated
  using (user_id = (select auth.uid()));
create policy "Active users mark their own notifications read or archived"
  on public.notifications for update to authenticated
  using (user_id = (select auth.uid()) and (select private.is_active()))
  with check (user_id = (select auth.uid()));
create policy "Active users delete their own notifications"
  on public.notifications for delete to authenticated
  using (user_id = (select auth.uid()) and (select private.is_active()));
