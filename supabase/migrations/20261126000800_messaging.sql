-- Messaging: conversations (direct, mission team, support), their participants and messages.
-- Participants only: nobody else, admins included, reads a conversation.

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
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(array_agg(conversation_id), '{}')
  from public.conversation_participants
  where user_id = auth.uid()
$$;
grant execute on function private.my_conversation_ids() to authenticated, service_role;

alter table public.conversations enable row level security;
alter table public.conversation_participants enable row level security;
alter table public.messages enable row level security;

grant select on public.conversations to authenticated;
grant all on public.conversations to service_role;
create policy "Participants see their conversations"
  on public.conversations for select to authenticated
  using (id = any ((select private.my_conversation_ids())::uuid[]) and (select private.is_active()));

grant select, update (last_read_at) on public.conversation_participants to authenticated;
grant all on public.conversation_participants to service_role;
create policy "Participants see who else is in their conversations"
  on public.conversation_participants for select to authenticated
  using (conversation_id = any ((select private.my_conversation_ids())::uuid[]) and (select private.is_active()));
create policy "Participants move their own read marker"
  on public.conversation_participants for update to authenticated
  using (user_id = (select auth.uid()) and (select private.is_active()))
  with check (user_id = (select auth.uid()));

grant select, insert (conversation_id, content, message_type, attachments) on public.messages to authenticated;
grant all on public.messages to service_role;
create policy "Participants read the messages of their conversations"
  on public.messages for select to authenticated
  using (conversation_id = any ((select private.my_conversation_ids())::uuid[]) and (select private.is_active()));
create policy "Active participants send messages as themselves"
  on public.messages for insert to authenticated
  with check (
    sender_id = (select auth.uid())
    and message_type in ('text', 'file')
    and conversation_id = any ((select private.my_conversation_ids())::uuid[])
    and (select private.is_active())
  );
alter table public.messages alter column sender_id set default auth.uid();
