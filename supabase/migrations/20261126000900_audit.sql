-- Audit log: who did what to which entity, with old and new values. Written by triggers and
-- functions only; admins read it; nobody changes or deletes it.

create table public.audit_logs (
  id uuid primary key default gen_random_uuid(),
  user_id uuid references public.profiles (id) on delete set null,
  ip_address inet,
  user_agent text,
  action varchar(100) not null check (length(action) >= 1),
  entity_type varchar(50) not null check (length(entity_type) >= 1), -- 'mission', 'user', 'payment', ...
  entity_id uuid,
  old_values jsonb,
  new_values jsonb,
  metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object'),
  created_at timestamptz not null default now()
);
comment on table public.audit_logs is 'Append-only audit trail. Admins read it.';
create index audit_logs_entity_idx on public.audit_logs (entity_type, entity_id);
create index audit_logs_user_idx on public.audit_logs (user_id);
create index audit_logs_created_idx on public.audit_logs (created_at desc);

create trigger tg_audit_logs__append_only before update or delete on public.audit_logs
  for each row execute function private.tg__append_only();

alter table public.audit_logs enable row level security;
grant select on public.audit_logs to authenticated;
grant select, insert on public.audit_logs to service_role;
create policy "Admins read the audit log"
  on public.audit_logs for select to authenticated
  using ((select private.is_admin()));
