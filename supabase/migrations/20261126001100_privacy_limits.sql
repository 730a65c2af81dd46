-- Privacy and request limits.
--   Rate limits: fixed one-window counters keyed by what is limited.
--   The Data API's pre-request check, public.check_request(): banned accounts are refused, and
--   fixed-window limits per IP and per user on payment paths raise SQLSTATE PT429 (HTTP 429).
--   Privacy: export_my_data() (everything about the caller, nobody else) and delete_my_account()
--   (+ admin_delete_account): personal data anonymized, financial records kept.
--
-- Errors: 42501 not allowed, PT404 not found, 22023 bad input, PT409 wrong state, PT429 limited.

-- The payment paths' expression is tested on every request by the pre-request hook, so it is written
-- for PostgreSQL's regex engine: the plain form ^...rpc/[a-z0-9_]*(payment|...)[a-z0-9_]*(/|\?|$)
-- costs 22-30 us a test, the same language as a lookahead with non-capturing groups 1-2 us (its
-- DFA is rebuilt on every call, and the two [a-z0-9_]* around the alternation multiply its states).
-- 064_request_limits holds it to the plain form's verdicts.
insert into private.settings (key, value, description) values
  ('rate_limit_ip_per_minute', '100', 'Data API requests one IP address may make per minute.'),
  ('rate_limit_payments_per_user_per_minute', '10', 'Payment requests one user may make per minute (Data API and the payments Edge Function share the counter).'),
  ('rate_limit_payment_paths', to_jsonb('^(?:/rest/v1)?/(?:rpc/(?=[a-z0-9_]*(?:payment|payout|escrow|deposit|refund|fund|release|transfer|stripe|connected_account))[a-z0-9_]*|escrow_transactions)(?:/|\?|$)'::text),
   'Data API paths (request.path, a PostgreSQL regular expression) that count against the per-user payment limit.')
on conflict (key) do nothing;

create table private.rate_limit_counters (
  key text not null,
  window_start timestamptz not null,
  hits integer not null default 0,
  primary key (key, window_start)
);
comment on table private.rate_limit_counters is 'Fixed-window rate limit counters, keyed by what is limited. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

create index rate_limit_counters_window_idx on private.rate_limit_counters (window_start);
alter table private.rate_limit_counters enable row level security;
revoke all on private.rate_limit_counters from public;

-- Counts one hit against `key` and says whether it is within `max_hits` per `window_seconds`.
create function private.check_rate_limit(key text, max_hits integer, window_seconds integer)
returns table (allowed boolean, remaining integer, retry_after_seconds integer)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  started timestamptz := to_timestamp(floor(extract(epoch from now()) / window_seconds) * window_seconds);
  count integer;
begin
  if max_hits < 1 or window_seconds < 1 then
    raise exception 'A rate limit needs max_hits >= 1 and window_seconds >= 1.' using errcode = '22023';
  end if;
  insert into private.rate_limit_counters as c (key, window_start, hits)
  values (check_rate_limit.key, started, 1)
  on conflict on constraint rate_limit_counters_pkey do update set hits = c.hits + 1
  returning c.hits into count;
  return query select count <= max_hits, greatest(max_hits - count, 0),
    case when count <= max_hits then 0
         else ceil(extract(epoch from started + make_interval(secs => window_seconds) - now()))::integer end;
end
$$;
revoke execute on function private.check_rate_limit(text, integer, integer) from public;
grant execute on function private.check_rate_limit(text, integer, integer) to service_role;

-- Old windows are removed by the scheduled clean-up.
create function private.purge_rate_limits()
returns integer
language sql
volatile
security definer
set search_path = ''
as $$
  with gone as (delete from private.rate_limit_counters where window_start < now() - interval '1 hour' returning 1)
  select count(*)::integer from gone
$$;

select cron.schedule('people-purge-rate-limits', '*/10 * * * *', 'select private.purge_rate_limits()');

-- Accounts deleted at their owner's (or an admin's) request: anonymized, never reinstated.
create table private.account_deletions (
  user_id uuid primary key references auth.users (id) on delete cascade,
  deleted_at timestamptz not null default now(),
  deleted_by uuid,
  reason text check (length(reason) <= 2000)
);
comment on table private.account_deletions is 'Accounts anonymized by delete_my_account() / admin_delete_account(). RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';
alter table private.account_deletions enable row level security;
revoke all on private.account_deletions from public;

-- The client's IP address: private.client_ip() (audit domain), the one rule the audit log uses too.

-- Counts one hit against a fixed-window limit and raises PT429 past it. In a read-only transaction
-- (PostgREST runs GET and HEAD, and POST to stable functions, read-only) nothing can be written: the
-- window is checked without counting.
create function private.enforce_rate_limit(key text, max_hits integer, window_seconds integer, message text)
returns void
language plpgsql
volatile
set search_path = ''
as $$
declare
  verdict record;
  started timestamptz := to_timestamp(floor(extract(epoch from now()) / window_seconds) * window_seconds);
  used integer;
begin
  if current_setting('transaction_read_only') = 'on' then
    select c.hits into used from private.rate_limit_counters c where c.key = enforce_rate_limit.key and c.window_start = started;
    if coalesce(used, 0) >= max_hits then
      raise exception '%', message using errcode = 'PT429',
        detail = format('Limit: %s requests per %s seconds.', max_hits, window_seconds),
        hint = format('Try again in %s seconds.', ceil(extract(epoch from started + make_interval(secs => window_seconds) - now()))::integer);
    end if;
    return;
  end if;
  select * into verdict from private.check_rate_limit(key, max_hits, window_seconds);
  if not verdict.allowed then
    raise exception '%', message using errcode = 'PT429',
      detail = format('Limit: %s requests per %s seconds.', max_hits, window_seconds),
      hint = format('Try again in %s seconds.', verdict.retry_after_seconds);
  end if;
end
$$;

-- =============================================================================================
-- Privacy
-- =============================================================================================

-- GET /me/export: everything the platform holds about the caller, as one JSON document. Only ever
-- the caller's own rows: it takes no argument and every part is keyed by private.uid().
create function private.export_my_data()
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_unbanned_user();
  contributor uuid := private.my_contributor_id();
  initiator uuid := private.my_initiator_id();
  doc jsonb;
begin
  doc := jsonb_build_object(
    'format', 'people-export/1',
    'exported_at', now(),
    'user_id', uid,
    'account', (select jsonb_build_object('email', u.email, 'phone', u.phone, 'created_at', u.created_at,
                         'email_confirmed_at', u.email_confirmed_at, 'last_sign_in_at', u.last_sign_in_at,
                         'user_metadata', coalesce(u.raw_user_meta_data, '{}'::jsonb),
                         'providers', coalesce(u.raw_app_meta_data -> 'providers', '[]'::jsonb))
                from auth.users u where u.id = uid),
    'identities', (select coalesce(jsonb_agg(jsonb_build_object('provider', i.provider, 'identity_data', i.identity_data,
                            'created_at', i.created_at, 'last_sign_in_at', i.last_sign_in_at) order by i.created_at), '[]'::jsonb)
                   from auth.identities i where i.user_id = uid),
    'sessions', (select coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'created_at', s.created_at, 'updated_at', s.updated_at,
                          'refreshed_at', s.refreshed_at, 'expires_at', s.not_after, 'user_agent', s.user_agent, 'ip', s.ip,
                          'aal', s.aal) order by s.created_at), '[]'::jsonb)
                 from auth.sessions s where s.user_id = uid),
    'profile', (select to_jsonb(p) from public.profiles p where p.id = uid),
    'contributor_profile', (select to_jsonb(c) from public.contributor_profiles c where c.user_id = uid),
    'contributor_private_details', (select to_jsonb(d) from public.contributor_private_details d where d.contributor_id = contributor),
    'initiator_profile', (select to_jsonb(i) from public.initiator_profiles i where i.user_id = uid),
    'initiator_private_details', (select to_jsonb(d) from public.initiator_private_details d where d.initiator_id = initiator),
    'skills', (select coalesce(jsonb_agg(to_jsonb(cs) || jsonb_build_object('skill_name', s.name, 'category', s.category)
                                         order by s.name), '[]'::jsonb)
               from public.contributor_skills cs join public.skills s on s.id = cs.skill_id where cs.contributor_id = contributor),
    'missions', (select coalesce(jsonb_agg(to_jsonb(m) || jsonb_build_object(
                           'milestones', (select coalesce(jsonb_agg(to_jsonb(ms) order by ms.order_index), '[]'::jsonb)
                                          from public.milestones ms where ms.mission_id = m.id),
                           'required_skills', (select coalesce(jsonb_agg(to_jsonb(rs)), '[]'::jsonb)
                                               from public.mission_required_skills rs where rs.mission_id = m.id))
                         order by m.created_at), '[]'::jsonb)
                 from public.missions m where m.initiator_id = initiator),
    'applications', (select coalesce(jsonb_agg(to_jsonb(a) || jsonb_build_object('mission_title', m.title) order by a.created_at), '[]'::jsonb)
                     from public.mission_applications a join public.missions m on m.id = a.mission_id
                     where a.contributor_id = contributor),
    'assignments', (select coalesce(jsonb_agg(to_jsonb(a) || jsonb_build_object('mission_title', m.title) order by a.assigned_at), '[]'::jsonb)
                    from public.mission_assignments a join public.missions m on m.id = a.mission_id
                    where a.contributor_id = contributor),
    'work_submissions', (select coalesce(jsonb_agg(to_jsonb(w) order by w.created_at), '[]'::jsonb)
                         from public.work_submissions w join public.mission_assignments a on a.id = w.assignment_id
                         where a.contributor_id = contributor),
    'reviews_given', (select coalesce(jsonb_agg(to_jsonb(r) order by r.created_at), '[]'::jsonb)
                      from public.reviews r where r.reviewer_id = uid),
    'reviews_received', (select coalesce(jsonb_agg(to_jsonb(r) order by r.created_at), '[]'::jsonb)
                         from public.reviews r where r.reviewee_id = uid),
    'escrow_transactions', (select coalesce(jsonb_agg(to_jsonb(e) order by e.created_at, e.id), '[]'::jsonb)
                            from public.escrow_transactions e
                            where e.initiator_id = initiator or e.contributor_id = contributor),
    'notifications', (select coalesce(jsonb_agg(to_jsonb(n) order by n.created_at), '[]'::jsonb)
                      from public.notifications n where n.user_id = uid),
    'conversations', (select coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'type', c.type, 'mission_id', c.mission_id,
                               'created_at', c.created_at, 'joined_at', cp.joined_at, 'last_read_at', cp.last_read_at)
                             order by cp.joined_at), '[]'::jsonb)
                      from public.conversation_participants cp join public.conversations c on c.id = cp.conversation_id
                      where cp.user_id = uid),
    'messages_sent', (select coalesce(jsonb_agg(to_jsonb(msg) order by msg.created_at, msg.id), '[]'::jsonb)
                      from public.messages msg where msg.sender_id = uid),
    'proof_task_submissions', (select coalesce(jsonb_agg(to_jsonb(s) || jsonb_build_object('task_title', t.title, 'category', t.category)
                                                         order by s.created_at), '[]'::jsonb)
                               from public.proof_task_submissions s join public.proof_tasks t on t.id = s.task_id
                               where s.contributor_id = contributor),
    'activity', (select coalesce(jsonb_agg(jsonb_build_object('action', l.action, 'entity_type', l.entity_type, 'entity_id', l.entity_id,
                          'ip_address', l.ip_address, 'user_agent', l.user_agent, 'created_at', l.created_at)
                        order by l.created_at), '[]'::jsonb)
                 from public.audit_logs l where l.user_id = uid));
  perform private.audit('user.data_exported', 'user', uid);
  return doc;
end
$$;
revoke execute on function private.export_my_data() from public;
grant execute on function private.export_my_data() to authenticated, service_role;

create function public.export_my_data()
returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.export_my_data()
$$;
revoke execute on function public.export_my_data() from public;
grant execute on function public.export_my_data() to authenticated, service_role;

-- Why an account cannot be deleted yet (work or money in flight), or NULL.
create function private.account_deletion_blocker(user_id uuid)
returns text
language sql
stable
set search_path = ''
as $$
  select coalesce(
    (select format('You have %s mission(s) still running: finish or cancel them first.', count(*))
     from public.missions m join public.initiator_profiles i on i.id = m.initiator_id
     where i.user_id = account_deletion_blocker.user_id
       and m.status in ('pending_funding', 'open', 'matching', 'in_progress', 'in_review', 'disputed')
     having count(*) > 0),
    (select format('You are on the team of %s running mission(s): leave them first.', count(*))
     from public.mission_assignments a
     join public.contributor_profiles c on c.id = a.contributor_id
     join public.missions m on m.id = a.mission_id
     where c.user_id = account_deletion_blocker.user_id and a.status in ('active', 'stepped_up')
       and m.status in ('open', 'matching', 'in_progress', 'in_review', 'disputed')
     having count(*) > 0))
$$;

-- Anonymizes an account. Kept, because the law or the other party needs them: missions, milestones,
-- assignments, work submissions, reviews, escrow entries, the audit log, conversations (the
-- person's messages stay in place as '[deleted]'). Gone: name, avatar, bios, links, skills, email,
-- phone, metadata, identities, sessions, notifications, the texts of applications and proof task
-- answers. The account is banned so it can never sign in or be used again.
create function private.anonymize_account(user_id uuid, reason text)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  uid uuid := anonymize_account.user_id;
  contributor uuid;
  initiator uuid;
  before public.account_status;
  messages_redacted integer;
  notifications_deleted integer;
  sessions_revoked integer;
  at timestamptz := private.clock();
begin
  select p.account_status into before from public.profiles p where p.id = uid for update;
  if not found then
    raise exception 'No such user.' using errcode = 'PT404';
  end if;
  if exists (select from private.account_deletions d where d.user_id = uid) then
    raise exception 'This account is already deleted.' using errcode = 'PT409';
  end if;
  select c.id into contributor from public.contributor_profiles c where c.user_id = uid;
  select i.id into initiator from public.initiator_profiles i where i.user_id = uid;

  update public.profiles set full_name = 'Deleted user', avatar_url = null, account_status = 'banned' where id = uid;
  update public.contributor_profiles set headline = null, bio = null, github_url = null, linkedin_url = null,
    portfolio_url = null, timezone = null, is_looking_for_work = false
  where id = contributor;
  delete from public.contributor_skills where contributor_id = contributor;
  update public.initiator_profiles set company_name = null, company_url = null, industry = null where id = initiator;

  update public.mission_applications set status = 'withdrawn'
    where contributor_id = contributor and status in ('pending', 'shortlisted', 'accepted');
  update public.mission_applications set cover_letter = null, proposed_approach = null
    where contributor_id = contributor and (cover_letter is not null or proposed_approach is not null);
  update public.mission_assignments set status = 'withdrawn', ended_at = at, end_reason = 'account deleted'
    where contributor_id = contributor and status = 'invited';
  delete from private.proof_task_attempts where contributor_id = contributor and submitted_at is null;
  update public.proof_task_submissions set answer = '[deleted]' where contributor_id = contributor;

  update public.messages set content = '[deleted]', attachments = '[]'::jsonb, is_deleted = true
    where sender_id = uid and (content <> '[deleted]' or attachments <> '[]'::jsonb or not is_deleted);
  get diagnostics messages_redacted = row_count;
  delete from public.notifications where notifications.user_id = uid;
  get diagnostics notifications_deleted = row_count;

  update auth.users set email = 'deleted+' || uid || '@invalid', phone = null, raw_user_meta_data = '{}'::jsonb,
    encrypted_password = '', confirmation_token = '', recovery_token = '',
    banned_until = at + interval '100 years', updated_at = now()
  where id = uid;
  delete from auth.identities where identities.user_id = uid;
  sessions_revoked := private.revoke_all_sessions(uid);
  -- Tables real Supabase Auth has and the local bootstrap may not.
  if to_regclass('auth.mfa_factors') is not null then
    execute format('delete from %I.%I where user_id = $1', 'auth', 'mfa_factors') using uid;
  end if;
  if to_regclass('auth.one_time_tokens') is not null then
    execute format('delete from %I.%I where user_id = $1', 'auth', 'one_time_tokens') using uid;
  end if;

  insert into private.account_deletions (user_id, deleted_at, deleted_by, reason) values (uid, at, private.uid(), left(reason, 2000));
  perform private.audit('user.deleted', 'user', uid, jsonb_build_object('account_status', before),
    jsonb_build_object('account_status', 'banned', 'full_name', 'Deleted user'),
    jsonb_strip_nulls(jsonb_build_object('reason', reason, 'by_self', private.uid() = uid, 'messages_redacted', messages_redacted,
      'notifications_deleted', notifications_deleted, 'sessions_revoked', sessions_revoked)));
  perform private.emit('user:deleted', null, 'user', uid);
  return jsonb_build_object('user_id', uid, 'deleted_at', at, 'messages_redacted', messages_redacted,
                            'notifications_deleted', notifications_deleted, 'sessions_revoked', sessions_revoked);
end
$$;

-- DELETE /me: the caller's own account, once nothing is running (PT409 says what is).
create function private.delete_my_account()
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_active_user();
  blocker text := private.account_deletion_blocker(uid);
begin
  if blocker is not null then
    raise exception '%', blocker using errcode = 'PT409';
  end if;
  return private.anonymize_account(uid, 'deleted by the account owner');
end
$$;
revoke execute on function private.delete_my_account() from public;
grant execute on function private.delete_my_account() to authenticated, service_role;

create function public.delete_my_account()
returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.delete_my_account()
$$;
revoke execute on function public.delete_my_account() from public;
grant execute on function public.delete_my_account() to authenticated, service_role;

-- DELETE /admin/users/:id: the same for an admin (or the service role); `force` deletes even with
-- work in flight (the missions and their money stay as they are).
create function private.admin_delete_account(user_id uuid, reason text, force boolean default false)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  blocker text;
begin
  perform private.require_admin();
  if coalesce(btrim(reason), '') = '' then
    raise exception 'Say why you delete this account.' using errcode = '22023';
  end if;
  if admin_delete_account.user_id = private.uid() then
    raise exception 'Delete your own account with delete_my_account().' using errcode = '42501';
  end if;
  if exists (select from public.profiles p where p.id = admin_delete_account.user_id and p.primary_role = 'admin')
     and not private.is_platform() then
    raise exception 'An admin cannot delete another admin: change their role first.' using errcode = '42501';
  end if;
  blocker := private.account_deletion_blocker(admin_delete_account.user_id);
  if blocker is not null and not coalesce(force, false) then
    raise exception '%', replace(replace(blocker, 'You have', 'This user has'), 'You are', 'This user is') using errcode = 'PT409',
      hint = 'Pass force => true to delete anyway.';
  end if;
  return private.anonymize_account(admin_delete_account.user_id, btrim(reason));
end
$$;
revoke execute on function private.admin_delete_account(uuid, text, boolean) from public;
grant execute on function private.admin_delete_account(uuid, text, boolean) to authenticated, service_role;

create function public.admin_delete_account(user_id uuid, reason text, force boolean default false)
returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.admin_delete_account(admin_delete_account.user_id, admin_delete_account.reason, admin_delete_account.force)
$$;
revoke execute on function public.admin_delete_account(uuid, text, boolean) from public;
grant execute on function public.admin_delete_account(uuid, text, boolean) to authenticated, service_role;

-- =============================================================================================
-- The Data API's pre-request check (PostgREST calls it before every request, as the request's
-- role, when pgrst.db_pre_request names it).
--   * banned accounts: 42501 on every request (their tokens may not have expired yet);
--   * the caller's facts (status, role, contributor and initiator ids) are remembered for the
--     request's policies (private.remember_caller);
--   * per IP: rate_limit_ip_per_minute requests a minute (key ip:<address>);
--   * per user on payment paths (rate_limit_payment_paths): rate_limit_payments_per_user_per_minute
--     a minute, the same counter (payments:user:<id>) the payments Edge Function uses;
--   * a request over a limit: SQLSTATE PT429 -> HTTP 429, with the wait in the hint.
-- The platform (service role) is not limited. GET / HEAD requests run in read-only transactions,
-- where nothing can be counted: they are refused once the window is used up by writes, but do not
-- count themselves (limit read traffic at the edge: Supabase's gateway, Cloudflare).
-- A request that fails rolls back its own count.
-- =============================================================================================
create function private.check_request()
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid uuid;
  caller record;
  ip inet;
begin
  if private.is_platform() then
    return;
  end if;
  begin
    uid := private.uid();
  exception when invalid_text_representation then
    uid := null;
  end;
  -- One statement reads what the banned check needs, what the policies' helpers will ask for (the
  -- helpers then read it from people.caller: private.remember_caller explains when) and the limits'
  -- settings (five lookups through setting_text / setting_int cost this hook a quarter of its time).
  select p.account_status as status, p.primary_role as role, c.id as contributor_id, i.id as initiator_id,
         s.ip_header, s.ip_hops, s.ip_limit, s.payment_paths, s.payment_limit
    into caller
    from (select max(x.value #>> '{}') filter (where x.key = 'client_ip_header') as ip_header,
                 max(x.value #>> '{}') filter (where x.key = 'client_ip_trusted_hops') as ip_hops,
                 max(x.value #>> '{}') filter (where x.key = 'rate_limit_ip_per_minute') as ip_limit,
                 max(x.value #>> '{}') filter (where x.key = 'rate_limit_payment_paths') as payment_paths,
                 max(x.value #>> '{}') filter (where x.key = 'rate_limit_payments_per_user_per_minute') as payment_limit
            from private.settings x
            where x.key in ('client_ip_header', 'client_ip_trusted_hops', 'rate_limit_ip_per_minute',
                            'rate_limit_payment_paths', 'rate_limit_payments_per_user_per_minute')) s
    left join public.profiles p on p.id = uid
    left join public.contributor_profiles c on c.user_id = p.id
    left join public.initiator_profiles i on i.user_id = p.id;
  if caller.status = 'banned' then
    raise exception 'This account is banned.' using errcode = '42501', hint = 'Contact support if you think this is a mistake.';
  end if;
  if caller.status is not null then
    perform private.remember_caller(caller.status, caller.role, caller.contributor_id, caller.initiator_id);
  end if;

  ip := private.client_ip_from(nullif(current_setting('request.headers', true), '')::jsonb, caller.ip_header, caller.ip_hops::integer);
  if ip is not null then
    perform private.enforce_rate_limit('ip:' || private.client_ip_key(ip), caller.ip_limit::integer, 60,
      'Too many requests from your network: slow down and try again in a minute.');
  end if;

  if uid is not null and coalesce(current_setting('request.path', true), '') ~ caller.payment_paths then
    perform private.enforce_rate_limit('payments:user:' || uid, caller.payment_limit::integer, 60,
      'Too many payment requests: try again in a minute.');
  end if;
end
$$;
revoke execute on function private.check_request() from public;
grant execute on function private.check_request() to anon, authenticated, service_role;

create function public.check_request()
returns void
language plpgsql
volatile
security invoker
set search_path = ''
as $$
begin
  perform private.check_request();
end
$$;
-- Called by PostgREST as whatever role the request has.
revoke execute on function public.check_request() from public;
grant execute on function public.check_request() to anon, authenticated, service_role;
