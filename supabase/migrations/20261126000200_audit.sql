-- Audit log: who did what to which entity, with old and new values. Written by triggers and
-- functions only; admins read it; nobody changes or deletes it. The audit triggers of the tables
-- created after this file sit beside their tables (tg_<table>__audit).

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

-- Append-only, with one exception: when a user is deleted, the foreign key's ON DELETE SET NULL
-- detaches their entries (the entries themselves stay).
create function private.tg_audit_logs__append_only()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and new.user_id is null and old.user_id is not null
     and (to_jsonb(new) - 'user_id') = (to_jsonb(old) - 'user_id')
     and not exists (select from public.profiles where id = old.user_id) then
    return new;
  end if;
  raise exception 'audit_logs is append-only: % is not allowed', lower(tg_op)
    using errcode = '55000', hint = 'Record a correcting entry instead.';
end
$$;

create trigger tg_audit_logs__append_only before update or delete on public.audit_logs
  for each row execute function private.tg_audit_logs__append_only();

alter table public.audit_logs enable row level security;
grant select on public.audit_logs to authenticated;

-- Supabase's default privileges give service_role everything; the log is append-only for it too.
revoke update, delete, truncate on public.audit_logs from service_role;
grant select, insert on public.audit_logs to service_role;

create policy "Admins read the audit log"
  on public.audit_logs for select to authenticated
  using ((select private.is_admin()));

-- ---------------------------------------------------------------------------------------------
-- Writing the audit log
-- ---------------------------------------------------------------------------------------------

-- The client's IP address: ONE rule for the deployment, used by the audit log and the rate limiter.
-- Request headers are what PostgREST (or an Edge Function acting as the caller) puts in
-- request.headers; a client can write any header it likes, so only what our own proxy writes counts:
--   client_ip_header = 'x-forwarded-for' (default): every proxy appends the address it received the
--     request from; what the client wrote is on the left. The client is the entry
--     client_ip_trusted_hops places from the right (1: the one our outermost proxy appended).
--   client_ip_header = 'cf-connecting-ip' / 'x-real-ip' / any header: taken whole, for a deployment
--     where that proxy is the only way in and overwrites what the client sent (hosted Supabase:
--     Cloudflare's cf-connecting-ip). Never set it where clients can reach the API around that proxy.
--   client_ip_header = 'none': no client address (no per-IP limit, no IP in the audit log).
-- The setup per host is in docs/THREAT-MODEL.md ("Which header is trusted where").
insert into private.settings (key, value, description) values
  ('client_ip_header', '"x-forwarded-for"',
   'The request header our own proxy writes the client address in: x-forwarded-for (counted from the right, see client_ip_trusted_hops), a single-value header such as cf-connecting-ip, or none.'),
  ('client_ip_trusted_hops', '1',
   'With x-forwarded-for: how many proxies of ours append to it. The client is the entry this many places from the right.')
on conflict (key) do nothing;

-- The client's address by that rule, from the request's headers and the two settings (the
-- pre-request hook reads the settings in the statement that reads the caller, and passes them);
-- NULL when there are no headers, too few hops, or no valid address.
create function private.client_ip_from(headers jsonb, header text, trusted_hops integer)
returns inet
language plpgsql
immutable
set search_path = ''
as $$
declare
  source text := lower(coalesce(header, 'x-forwarded-for'));
  hops integer := greatest(coalesce(trusted_hops, 1), 1);
  entries text[];
  candidate text;
begin
  if headers is null or source = 'none' then
    return null;
  end if;
  if source = 'x-forwarded-for' then
    entries := string_to_array(headers ->> 'x-forwarded-for', ',');
    if entries is null or cardinality(entries) < hops then
      return null;
    end if;
    candidate := btrim(entries[cardinality(entries) - hops + 1]);
  else
    candidate := btrim(headers ->> source);
  end if;
  if candidate is null or candidate = '' then
    return null;
  end if;
  return candidate::inet;
exception when others then
  return null;
end
$$;
comment on function private.client_ip_from(jsonb, text, integer) is
  'The client''s IP address in these request headers, by the rule client_ip() explains (header name or x-forwarded-for, trusted hops).';

-- The client's address of this request (request.headers), by the deployment's settings.
create function private.client_ip()
returns inet
language plpgsql
stable
set search_path = ''
as $$
begin
  return private.client_ip_from(nullif(current_setting('request.headers', true), '')::jsonb,
    private.setting_text('client_ip_header'), private.setting_int('client_ip_trusted_hops'));
end
$$;
comment on function private.client_ip() is
  'The client''s IP address by the deployment''s one rule (settings client_ip_header, client_ip_trusted_hops). Used by the audit log and the rate limiter.';

-- What the per-IP rate limit counts by: an IPv4 address, or an IPv6 client's /64 (one subscriber's
-- network: rotating addresses inside it does not escape the limit).
create function private.client_ip_key(ip inet)
returns text
language plpgsql
immutable
set search_path = ''
as $$
begin
  return case when ip is null then null
              when family(ip) = 6 then network(set_masklen(ip, 64))::text
              else host(ip) end;
end
$$;

create function private.request_user_agent()
returns text
language plpgsql
stable
set search_path = ''
as $$
begin
  return left(nullif(current_setting('request.headers', true), '')::jsonb ->> 'user-agent', 1000);
end
$$;

-- Appends one audit entry for the current request's user.
create function private.audit(
  action text,
  entity_type text,
  entity_id uuid,
  old_values jsonb default null,
  new_values jsonb default null,
  metadata jsonb default '{}'::jsonb
) returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  insert into public.audit_logs (user_id, ip_address, user_agent, action, entity_type, entity_id, old_values, new_values, metadata)
  select p.id, private.client_ip(), private.request_user_agent(), audit.action, audit.entity_type, audit.entity_id,
         audit.old_values, audit.new_values,
         coalesce(audit.metadata, '{}'::jsonb) || jsonb_build_object('role', coalesce(auth.role(), session_user::text))
  from (select private.uid() as uid) c
  left join public.profiles p on p.id = c.uid;
end
$$;
grant execute on function private.audit(text, text, uuid, jsonb, jsonb, jsonb) to service_role;

-- Trigger: audits INSERT and DELETE in full, and UPDATE when one of the watched columns (the
-- trigger's arguments after the entity type; all columns when none are named) changed, recording
-- only what changed. Action: <entity>.created | <entity>.<column>_changed | <entity>.updated | <entity>.deleted.
create function private.tg__audit()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  entity text := tg_argv[0];
  watched text[] := tg_argv[1:];
  old_row jsonb;
  new_row jsonb;
  changed text[];
  action text;
begin
  if tg_op = 'INSERT' then
    new_row := to_jsonb(new);
    perform private.audit(entity || '.created', entity, coalesce(new_row ->> 'id', new_row ->> 'task_id')::uuid, null, new_row,
      jsonb_build_object('table', tg_table_name));
    return new;
  elsif tg_op = 'DELETE' then
    old_row := to_jsonb(old);
    perform private.audit(entity || '.deleted', entity, coalesce(old_row ->> 'id', old_row ->> 'task_id')::uuid, old_row, null,
      jsonb_build_object('table', tg_table_name));
    return old;
  end if;

  old_row := to_jsonb(old);
  new_row := to_jsonb(new);
  select array_agg(k order by k) into changed
  from jsonb_object_keys(new_row) as k
  where (cardinality(watched) = 0 or k = any (watched))
    and k <> 'updated_at'
    and new_row -> k is distinct from old_row -> k;
  if changed is null then
    return new;
  end if;
  action := entity || case when cardinality(changed) = 1 then '.' || changed[1] || '_changed' else '.updated' end;
  perform private.audit(
    action, entity, coalesce(new_row ->> 'id', new_row ->> 'task_id')::uuid,
    (select jsonb_object_agg(k, old_row -> k) from unnest(changed) k),
    (select jsonb_object_agg(k, new_row -> k) from unnest(changed) k),
    jsonb_build_object('table', tg_table_name, 'changed', to_jsonb(changed)));
  return new;
end
$$;

-- The sensitive tables.
create trigger tg_profiles__audit after update on public.profiles
  for each row execute function private.tg__audit('user', 'primary_role', 'account_status');

create trigger tg_contributor_profiles__audit after update on public.contributor_profiles
  for each row execute function private.tg__audit('contributor', 'verification_status', 'trust_score');
