-- Escrow, ledger and jobs: the ledger of money held for missions, its invariants, the durable job
-- queue, the Stripe event journal, and the payment functions the Edge Functions call. Amounts are
-- positive integers of minor units in the mission's currency. The database itself enforces the money
-- invariants, against every writer (the service role included):
--   * entries are append-only: amounts, parties and types never change; only a pending entry's
--     status moves forward (pending -> processing -> completed | failed) and Stripe ids are filled once;
--   * one currency per mission: every entry is in the mission's currency;
--   * escrow never goes negative: per mission, releases + fees + refunds + disputed holds (not failed)
--     never exceed completed deposits (plus dispute releases);
--   * a milestone is released at most once, with its platform fee, and payout + fee = the milestone's
--     amount exactly (checked at commit);
--   * each Stripe object id is journaled once.
-- The fee: fee = round_half_up(amount * bps / 10000); payout = amount - fee.
--
-- Longer than ~900 lines: the ledger, its rules and the functions that write it are one unit (each
-- rule is enforced by a trigger the payment functions rely on); splitting them would separate a rule
-- from the only code that must obey it.

create type public.escrow_transaction_type as enum (
  'deposit',          -- initial funding
  'release',          -- payment to contributor
  'refund',           -- return to initiator
  'platform_fee',     -- platform takes cut
  'dispute_hold',     -- held during dispute
  'dispute_release'   -- released after resolution
);

create type public.escrow_transaction_status as enum ('pending', 'processing', 'completed', 'failed', 'refunded');

create table public.escrow_transactions (
  id uuid primary key default gen_random_uuid(),
  mission_id uuid not null references public.missions (id) on delete restrict,
  milestone_id uuid,
  initiator_id uuid not null references public.initiator_profiles (id) on delete restrict,
  contributor_id uuid references public.contributor_profiles (id) on delete restrict,
  type public.escrow_transaction_type not null,
  amount_cents bigint not null check (amount_cents > 0),
  currency public.currency_code not null default 'USD',
  stripe_payment_intent_id varchar(255),
  stripe_transfer_id varchar(255),
  stripe_refund_id varchar(255),
  status public.escrow_transaction_status not null default 'pending',
  description text check (length(description) <= 2000),
  created_at timestamptz not null default now(),
  processed_at timestamptz,
  -- The milestone belongs to the mission, and the initiator is the mission's.
  constraint escrow_transactions_milestone_fk foreign key (milestone_id, mission_id)
    references public.milestones (id, mission_id) on delete restrict,
  constraint escrow_transactions_initiator_fk foreign key (mission_id, initiator_id)
    references public.missions (id, initiator_id) on delete restrict,
  constraint escrow_release_has_payee check (type not in ('release') or (contributor_id is not null and milestone_id is not null)),
  -- Ledger invariants
  stripe_charge_id varchar(255),
  stripe_dispute_id varchar(255),
  correlation_id uuid
);
comment on table public.escrow_transactions is 'The escrow ledger. Readable by the mission''s initiator, the paid contributor and admins; written by payment functions only.';

create index escrow_transactions_mission_idx on public.escrow_transactions (mission_id, created_at);

create index escrow_transactions_status_idx on public.escrow_transactions (status);

create index escrow_transactions_milestone_idx on public.escrow_transactions (milestone_id, mission_id) where milestone_id is not null;

create index escrow_transactions_mission_initiator_idx on public.escrow_transactions (mission_id, initiator_id);

create index escrow_transactions_initiator_idx on public.escrow_transactions (initiator_id);

create index escrow_transactions_contributor_idx on public.escrow_transactions (contributor_id) where contributor_id is not null;

-- A Stripe object is journaled once per entry type: one live deposit per PaymentIntent (a refund
-- names the PaymentIntent whose charge it returns; a charge can be refunded in several parts).
create unique index escrow_transactions_payment_intent_key on public.escrow_transactions (stripe_payment_intent_id, type)
  where stripe_payment_intent_id is not null and type = 'deposit' and status <> 'failed';

create unique index escrow_transactions_transfer_key on public.escrow_transactions (stripe_transfer_id, type)
  where stripe_transfer_id is not null;

create unique index escrow_transactions_refund_key on public.escrow_transactions (stripe_refund_id)
  where stripe_refund_id is not null;

alter table public.escrow_transactions enable row level security;
grant select on public.escrow_transactions to authenticated;
grant all on public.escrow_transactions to service_role;

-- No admin arm (a bare boolean OR arm forces a scan of the ledger when the client omits the
-- filter): admins read entries through public.admin_read() and public.admin_reconciliation().
-- The payee's arm first: most callers are contributors, and when a row passes the first arm the
-- second helper is never called (an InitPlan runs when first needed).
create policy "Initiator and paid contributor read escrow entries"
  on public.escrow_transactions for select to authenticated
  using (
    contributor_id = (select private.my_contributor_id())
    or initiator_id = (select private.my_initiator_id())
  );

create trigger tg_escrow_transactions__audit after insert or update on public.escrow_transactions
  for each row execute function private.tg__audit('payment', 'status');

-- =============================================================================================
-- Statistics kept true
-- =============================================================================================
create function private.refresh_contributor_stats(contributor_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  done integer;
  ended integer;
  shadows integer;
begin
  select count(*) filter (where status = 'completed'),
         count(*) filter (where status in ('completed', 'withdrawn', 'removed') and accepted_at is not null),
         count(*) filter (where role = 'shadow' or (role = 'lead' and status = 'stepped_up'))
    into done, ended, shadows
  from public.mission_assignments a where a.contributor_id = refresh_contributor_stats.contributor_id;
  update public.contributor_profiles c set
    total_missions_completed = done,
    completion_rate = case when ended = 0 then 0 else round(100.0 * done / ended, 2) end,
    shadow_assignments = shadows,
    average_rating = coalesce((select round(avg(r.rating), 2) from public.reviews r
                               where r.reviewee_id = c.user_id and r.direction = 'initiator_to_contributor'), 0)
  where c.id = refresh_contributor_stats.contributor_id;
  update public.contributor_private_details d set
    total_earnings_cents = coalesce((select sum(e.amount_cents) from public.escrow_transactions e
                                     where e.contributor_id = d.contributor_id and e.type = 'release' and e.status = 'completed'), 0)
  where d.contributor_id = refresh_contributor_stats.contributor_id;
end
$$;

create function private.refresh_initiator_stats(initiator_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  update public.initiator_profiles i set
    total_missions_posted = (select count(*) from public.missions m where m.initiator_id = i.id and m.published_at is not null),
    average_rating = coalesce((select round(avg(r.rating), 2) from public.reviews r
                               where r.reviewee_id = i.user_id and r.direction = 'contributor_to_initiator'), 0)
  where i.id = refresh_initiator_stats.initiator_id;
  update public.initiator_private_details d set
    total_spent_cents = greatest(0, coalesce((
      select sum(case when e.type = 'deposit' then e.amount_cents when e.type = 'refund' then -e.amount_cents else 0 end)
      from public.escrow_transactions e
      where e.initiator_id = d.initiator_id and e.status = 'completed' and e.type in ('deposit', 'refund')), 0))
  where d.initiator_id = refresh_initiator_stats.initiator_id;
end
$$;

-- Ledger entries move earnings and spend.
create function private.tg_escrow_transactions__refresh_stats()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if new.contributor_id is not null then
    perform private.refresh_contributor_stats(new.contributor_id);
  end if;
  perform private.refresh_initiator_stats(new.initiator_id);
  return new;
end
$$;

create trigger tg_escrow_transactions__refresh_stats
  after insert or update of status on public.escrow_transactions
  for each row execute function private.tg_escrow_transactions__refresh_stats();
comment on column public.escrow_transactions.correlation_id is 'Links the entries of one money move (a release and its fee).';

create unique index escrow_transactions_one_release_per_part on public.escrow_transactions (milestone_id, contributor_id)
  where type = 'release' and status <> 'failed';

create unique index escrow_transactions_one_fee_per_milestone on public.escrow_transactions (milestone_id)
  where type = 'platform_fee' and status <> 'failed';

create unique index escrow_transactions_dispute_key on public.escrow_transactions (stripe_dispute_id, type)
  where stripe_dispute_id is not null;

create index escrow_transactions_correlation_idx on public.escrow_transactions (correlation_id) where correlation_id is not null;

create function private.platform_fee(amount_cents bigint, fee_bps integer)
returns bigint
language sql
immutable
set search_path = ''
as $$
  select (amount_cents * fee_bps + 5000) / 10000
$$;
comment on function private.platform_fee(bigint, integer) is 'The platform fee on an amount: round half up of amount * bps / 10000.';
grant execute on function private.platform_fee(bigint, integer) to authenticated, service_role;

-- What a mission's escrow holds, from its entries (pending outflows count as reserved).
create function private.escrow_balance(mission_id uuid)
returns bigint
language sql
stable
set search_path = ''
as $$
  select coalesce(sum(case
           when type = 'deposit' and status = 'completed' then amount_cents
           when type = 'dispute_release' and status = 'completed' then amount_cents
           when type in ('release', 'platform_fee', 'refund', 'dispute_hold') and status <> 'failed' then -amount_cents
           else 0 end), 0)
  from public.escrow_transactions e where e.mission_id = escrow_balance.mission_id
$$;

grant execute on function private.escrow_balance(uuid) to authenticated, service_role;

create function private.tg_escrow_transactions__guard()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
declare
  mission_currency text;
begin
  if tg_op = 'DELETE' then
    raise exception 'The escrow ledger is append-only: entries are never deleted.' using errcode = '55000';
  end if;

  if tg_op = 'UPDATE' then
    if (new.id, new.mission_id, new.milestone_id, new.initiator_id, new.contributor_id, new.type, new.amount_cents,
        new.currency, new.created_at, new.correlation_id)
       is distinct from
       (old.id, old.mission_id, old.milestone_id, old.initiator_id, old.contributor_id, old.type, old.amount_cents,
        old.currency, old.created_at, old.correlation_id) then
      raise exception 'The escrow ledger is append-only: record a correcting entry instead of changing one.' using errcode = '55000';
    end if;
    if (old.stripe_payment_intent_id is not null and new.stripe_payment_intent_id is distinct from old.stripe_payment_intent_id)
       or (old.stripe_transfer_id is not null and new.stripe_transfer_id is distinct from old.stripe_transfer_id)
       or (old.stripe_refund_id is not null and new.stripe_refund_id is distinct from old.stripe_refund_id)
       or (old.stripe_charge_id is not null and new.stripe_charge_id is distinct from old.stripe_charge_id)
       or (old.stripe_dispute_id is not null and new.stripe_dispute_id is distinct from old.stripe_dispute_id) then
      raise exception 'A Stripe id on a ledger entry is set once and never changed.' using errcode = '55000';
    end if;
    if new.status is distinct from old.status and not (
         (old.status = 'pending' and new.status in ('processing', 'completed', 'failed'))
      or (old.status = 'processing' and new.status in ('completed', 'failed'))) then
      raise exception 'A ledger entry cannot go from % to %.', old.status, new.status using errcode = '55000';
    end if;
  end if;

  -- The mission row is the lock that serializes every money move of the mission.
  select m.currency into mission_currency from public.missions m where m.id = new.mission_id for update;
  if new.currency is distinct from mission_currency then
    raise exception 'This mission''s escrow is in %, not %.', mission_currency, new.currency using errcode = '23514';
  end if;
  -- Inflows name their Stripe object. A completed deposit is what Stripe reported for a PaymentIntent
  -- of this mission (private.mission_charges, written from the Stripe event only): same mission,
  -- amount and currency. A dispute release returns a hold of the same dispute and mission, at most
  -- what was held.
  if new.type = 'deposit' and new.status = 'completed' and not exists (
       select from private.mission_charges c where c.payment_intent_id = new.stripe_payment_intent_id
         and c.mission_id = new.mission_id and c.amount_cents = new.amount_cents and c.currency = new.currency::text) then
    raise exception 'A completed deposit is the amount Stripe reported for a PaymentIntent of this mission.' using errcode = '23514';
  end if;
  if tg_op = 'INSERT' and new.type = 'dispute_release' and not exists (
       select from public.escrow_transactions h where h.type = 'dispute_hold' and h.status <> 'failed'
         and h.mission_id = new.mission_id and h.stripe_dispute_id = new.stripe_dispute_id and h.amount_cents >= new.amount_cents) then
    raise exception 'A dispute release returns a hold of the same dispute and mission.' using errcode = '23514';
  end if;
  -- A payout is a part of a milestone's payout, to its payee, at its amount, fixed when the milestone
  -- was approved (public.milestone_payouts).
  if tg_op = 'INSERT' and new.type = 'release' and not exists (
       select from public.milestone_payouts p where p.milestone_id = new.milestone_id and p.mission_id = new.mission_id
         and p.contributor_id = new.contributor_id and p.payout_cents = new.amount_cents) then
    raise exception 'A milestone payout is a part fixed when it was approved: its payee, its amount.' using errcode = '23514';
  end if;
  return new;
end
$$;

create trigger tg_escrow_transactions__guard
  before insert or update or delete on public.escrow_transactions
  for each row execute function private.tg_escrow_transactions__guard();

create trigger tg_escrow_transactions__no_truncate
  before truncate on public.escrow_transactions
  for each statement execute function private.tg__append_only();

-- After each write: the mission's escrow is not negative.
create function private.tg_escrow_transactions__balance()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
declare
  held bigint := private.escrow_balance(new.mission_id);
begin
  if held < 0 then
    raise exception 'Escrow for this mission would go negative (by % cents): not enough has been deposited.', -held
      using errcode = '23514';
  end if;
  return null;
end
$$;

create trigger tg_escrow_transactions__balance
  after insert or update on public.escrow_transactions
  for each row execute function private.tg_escrow_transactions__balance();

-- At commit: a milestone whose payout has started carries its one fee, and its releases (each a part,
-- checked by the guard) never add up to more than the milestone with the fee.
create function private.tg_escrow_transactions__payout_adds_up()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
declare
  payout bigint;
  fee bigint;
  amount bigint;
  expected_fee bigint;
begin
  if new.milestone_id is null or new.type not in ('release', 'platform_fee') then
    return null;
  end if;
  select coalesce(sum(amount_cents) filter (where type = 'release'), 0),
         coalesce(sum(amount_cents) filter (where type = 'platform_fee'), 0)
    into payout, fee
  from public.escrow_transactions e
  where e.milestone_id = new.milestone_id and e.type in ('release', 'platform_fee') and e.status <> 'failed';
  select ms.amount_cents, private.platform_fee(ms.amount_cents, m.platform_fee_bps) into amount, expected_fee
  from public.milestones ms join public.missions m on m.id = ms.mission_id where ms.id = new.milestone_id;
  if (payout + fee <> 0) and (payout + fee > amount or fee <> expected_fee) then
    raise exception 'Payouts (%) + fee (%) must not exceed the milestone amount (%), with the mission''s fee (%).', payout, fee, amount, expected_fee
      using errcode = '23514';
  end if;
  return null;
end
$$;

create constraint trigger tg_escrow_transactions__payout_adds_up
  after insert or update on public.escrow_transactions
  deferrable initially deferred
  for each row execute function private.tg_escrow_transactions__payout_adds_up();

-- Money columns are written by the payment functions only: the service role keeps its grant for
-- reads and for those functions' direct use, but the triggers above hold for it too.

-- =============================================================================================
-- Escrow position, for frontends (RLS applies: callers see their own missions' money only)
-- =============================================================================================
create function public.mission_escrow_position(mission_id uuid)
returns table (
  mission_id uuid,
  currency text,
  funded_cents bigint,
  held_cents bigint,
  released_cents bigint,
  fees_cents bigint,
  refunded_cents bigint,
  disputed_cents bigint,
  pending_cents bigint
)
language sql
stable
security invoker
set search_path = ''
as $$
  select m.id, m.currency::text,
    coalesce(sum(e.amount_cents) filter (where e.type = 'deposit' and e.status = 'completed'), 0)::bigint,
    coalesce(sum(case
      when e.type in ('deposit', 'dispute_release') and e.status = 'completed' then e.amount_cents
      when e.type in ('release', 'platform_fee', 'refund', 'dispute_hold') and e.status <> 'failed' then -e.amount_cents
      else 0 end), 0)::bigint,
    coalesce(sum(e.amount_cents) filter (where e.type = 'release' and e.status = 'completed'), 0)::bigint,
    coalesce(sum(e.amount_cents) filter (where e.type = 'platform_fee' and e.status = 'completed'), 0)::bigint,
    coalesce(sum(e.amount_cents) filter (where e.type = 'refund' and e.status = 'completed'), 0)::bigint,
    (coalesce(sum(e.amount_cents) filter (where e.type = 'dispute_hold' and e.status <> 'failed'), 0)
      - coalesce(sum(e.amount_cents) filter (where e.type = 'dispute_release' and e.status = 'completed'), 0))::bigint,
    coalesce(sum(e.amount_cents) filter (where e.type in ('release', 'refund') and e.status in ('pending', 'processing')), 0)::bigint
  from public.missions m
  left join public.escrow_transactions e on e.mission_id = m.id
  where m.id = mission_escrow_position.mission_id
  group by m.id, m.currency
$$;
revoke execute on function public.mission_escrow_position(uuid) from public;
grant execute on function public.mission_escrow_position(uuid) to authenticated, service_role;

-- =============================================================================================
-- The durable job queue: payouts, refunds, emails... A job is claimed with a lease (FOR UPDATE
-- SKIP LOCKED), retried with exponential backoff, parked in `waiting` until something it needs
-- happens, and dead-lettered after max_attempts.
-- =============================================================================================
create table private.jobs (
  id bigint generated always as identity primary key,
  kind text not null check (kind ~ '^[a-z][a-z0-9_.]{1,49}$'),
  payload jsonb not null default '{}',
  dedupe_key text unique,
  status text not null default 'queued' check (status in ('queued', 'running', 'waiting', 'done', 'dead')),
  attempts integer not null default 0,
  max_attempts integer not null default 8 check (max_attempts between 1 and 50),
  run_after timestamptz not null default now(),
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table private.jobs is 'The durable job queue (payouts, refunds, emails), drained by the workers with leases. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

create index jobs_ready_idx on private.jobs (kind, run_after) where status in ('queued', 'running');

create index jobs_waiting_idx on private.jobs (kind) where status = 'waiting';

create trigger tg_jobs__set_updated_at before update on private.jobs
  for each row execute function private.tg__set_updated_at();
alter table private.jobs enable row level security;
revoke all on private.jobs from public;
grant select on private.jobs to service_role;

create function private.enqueue_job(kind text, payload jsonb, dedupe_key text default null, run_after timestamptz default null)
returns bigint
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  job_id bigint;
begin
  insert into private.jobs as j (kind, payload, dedupe_key, run_after)
  values (enqueue_job.kind, coalesce(enqueue_job.payload, '{}'::jsonb), enqueue_job.dedupe_key, coalesce(enqueue_job.run_after, now()))
  on conflict on constraint jobs_dedupe_key_key do nothing
  returning j.id into job_id;
  return job_id;
end
$$;
grant execute on function private.enqueue_job(text, jsonb, text, timestamptz) to service_role;

-- Claims up to `max_jobs` ready jobs of a kind for `lease_seconds`; a job whose lease ran out (its
-- worker died) is ready again.
create function private.claim_jobs(kind text, max_jobs integer default 10, lease_seconds integer default 60)
returns setof private.jobs
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  return query
  update private.jobs j set status = 'running', attempts = j.attempts + 1,
    locked_until = now() + make_interval(secs => lease_seconds)
  where j.id in (
    select x.id from private.jobs x
    where x.kind = claim_jobs.kind
      and ((x.status = 'queued' and x.run_after <= now()) or (x.status = 'running' and x.locked_until < now()))
    order by x.run_after, x.id
    limit greatest(1, least(max_jobs, 100))
    for update skip locked)
  returning j.*;
end
$$;
revoke execute on function private.claim_jobs(text, integer, integer) from public;
grant execute on function private.claim_jobs(text, integer, integer) to service_role;

create function private.complete_job(job_id bigint)
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  update private.jobs set status = 'done', locked_until = null, last_error = null where id = job_id
$$;
revoke execute on function private.complete_job(bigint) from public;
grant execute on function private.complete_job(bigint) to service_role;

-- A failed attempt: retried after 2^attempts seconds (capped at an hour), dead after max_attempts.
create function private.fail_job(job_id bigint, error text)
returns text
language sql
volatile
security definer
set search_path = ''
as $$
  update private.jobs set
    status = case when attempts >= max_attempts then 'dead' else 'queued' end,
    run_after = now() + make_interval(secs => least(3600, power(2, attempts)::integer)),
    locked_until = null,
    last_error = left(error, 2000)
  where id = job_id
  returning status
$$;
revoke execute on function private.fail_job(bigint, text) from public;
grant execute on function private.fail_job(bigint, text) to service_role;

-- The job cannot proceed until something happens (a connected account can receive payouts...).
create function private.park_job(job_id bigint, reason text)
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  update private.jobs set status = 'waiting', locked_until = null, last_error = left(reason, 2000),
    attempts = greatest(attempts - 1, 0)
  where id = job_id
$$;
revoke execute on function private.park_job(bigint, text) from public;
grant execute on function private.park_job(bigint, text) to service_role;

-- Stripe refused the request outright (a 4xx: nothing was created), e.g. the account cannot take
-- transfers yet: park the job until something changes, counting the refusal so the next attempt
-- is a new request (a new idempotency key) rather than a replay of the refusal.
-- Stripe refused the job's request outright (4xx, nothing made): the next attempt is a new request
-- (refusals counts them, for a fresh idempotency key). It waits for what it needs (woken by an event),
-- or, with retry_in_seconds, is tried again then (a refusal nothing will announce the end of).
create function private.refuse_job(job_id bigint, reason text, retry_in_seconds integer default null)
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  update private.jobs set status = case when retry_in_seconds is null then 'waiting' else 'queued' end,
    run_after = case when retry_in_seconds is null then run_after else now() + make_interval(secs => retry_in_seconds) end,
    locked_until = null, last_error = left(reason, 2000),
    attempts = case when retry_in_seconds is null then greatest(attempts - 1, 0) else attempts end,
    payload = payload || jsonb_build_object('refusals', coalesce((payload ->> 'refusals')::integer, 0) + 1)
  where id = job_id
$$;
revoke execute on function private.refuse_job(bigint, text, integer) from public;
grant execute on function private.refuse_job(bigint, text, integer) to service_role;

-- Stripe refused a part's transfer: its reservation (and the fee reserved with it) ends, so the next
-- attempt reserves again, from a charge that has the money then.
create function private.release_refused(milestone_id uuid, contributor_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  ms public.milestones := private.lock_milestone(milestone_id);
  r public.escrow_transactions;
begin
  select * into r from public.escrow_transactions x
    where x.milestone_id = ms.id and x.contributor_id = release_refused.contributor_id and x.type = 'release'
      and x.status in ('pending', 'processing') for update;
  if not found then
    return;
  end if;
  update public.escrow_transactions x set status = 'failed', processed_at = now() where x.id = r.id;
  -- The fee reserved with it ends too, unless another part of the milestone holds on to it.
  if not exists (select from public.escrow_transactions x where x.milestone_id = ms.id and x.type = 'release' and x.status <> 'failed') then
    update public.escrow_transactions x set status = 'failed', processed_at = now()
      where x.milestone_id = ms.id and x.type = 'platform_fee' and x.status in ('pending', 'processing');
  end if;
end
$$;
revoke execute on function private.release_refused(uuid, uuid) from public;
grant execute on function private.release_refused(uuid, uuid) to service_role;

-- =============================================================================================
-- Stripe: events journal and connected accounts
-- =============================================================================================
create table private.stripe_events (
  id text primary key check (id ~ '^evt_'),
  type text not null,
  livemode boolean not null default false,
  account text,
  object_id text,
  created_at timestamptz not null,
  payload jsonb not null,
  received_at timestamptz not null default now(),
  processed_at timestamptz,
  -- A delivery that is processing the event holds it until then; concurrent duplicates step aside.
  processing_until timestamptz,
  attempts integer not null default 0,
  last_error text,
  -- A poison event (it can never be processed: a permanent data error, or it failed too many times)
  -- is set aside here, with the reason, and acknowledged instead of failing forever.
  dead_lettered_at timestamptz,
  dead_letter_reason text
);
comment on table private.stripe_events is 'Every Stripe event, journaled once by its id and processed idempotently. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

create index stripe_events_unprocessed_idx on private.stripe_events (received_at) where processed_at is null;

create index stripe_events_object_idx on private.stripe_events (object_id, created_at);
alter table private.stripe_events enable row level security;
revoke all on private.stripe_events from public;
grant select on private.stripe_events to service_role;

-- Charges funding a mission, as Stripe reported them (the source_transaction of its transfers).
create table private.mission_charges (
  payment_intent_id text primary key,
  mission_id uuid not null references public.missions (id) on delete restrict,
  charge_id text unique,
  amount_cents bigint not null check (amount_cents > 0),
  currency text not null,
  created_at timestamptz not null default clock_timestamp()
);
comment on table private.mission_charges is 'Charges funding a mission, as Stripe reported them (the source_transaction of its transfers). RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

create index mission_charges_mission_idx on private.mission_charges (mission_id);
alter table private.mission_charges enable row level security;
revoke all on private.mission_charges from public;
grant select on private.mission_charges to service_role;

-- Money Stripe took that is no mission's escrow: a charge in another currency than its mission's, or a
-- PaymentIntent recorded for one mission whose event names another. It is never booked in the ledger;
-- it is refunded in full (job refund_stray, keyed stray-<payment intent>), and reconciliation lists it
-- until Stripe confirms the refund.
create table private.stray_charges (
  payment_intent_id text primary key,
  charge_id text,
  amount_cents bigint not null check (amount_cents > 0),
  currency text not null,
  claimed_mission_id uuid,
  reason text not null check (length(reason) <= 500),
  -- What Stripe refunded of it so far (the charge's amount_refunded); refunded_at once all of it.
  refunded_cents bigint not null default 0 check (refunded_cents >= 0),
  refund_id text,
  refunded_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table private.stray_charges is 'Charges that fund no escrow (wrong currency, another mission''s PaymentIntent), refunded in full. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';
alter table private.stray_charges enable row level security;
revoke all on private.stray_charges from public;
grant select on private.stray_charges to service_role;

-- =============================================================================================
-- Payment functions (service role: the Edge Functions)
-- =============================================================================================

-- The initiator asked to fund: a pending deposit for the mission's milestones, keyed by the
-- PaymentIntent. Idempotent per PaymentIntent.
create function private.record_deposit_intent(mission_id uuid, payment_intent_id text, amount_cents bigint, currency text)
returns public.escrow_transactions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions := private.lock_mission(mission_id);
  e public.escrow_transactions;
begin
  select * into e from public.escrow_transactions x where x.stripe_payment_intent_id = payment_intent_id and x.type = 'deposit';
  if found then
    return e;
  end if;
  if m.status <> 'pending_funding' then
    raise exception 'Only a mission awaiting funding can be funded (it is %).', replace(m.status::text, '_', ' ') using errcode = 'PT409';
  end if;
  insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, currency, stripe_payment_intent_id,
                                          status, description)
  values (m.id, m.initiator_id, 'deposit', amount_cents, upper(currency), payment_intent_id, 'pending', 'Escrow deposit')
  returning * into e;
  return e;
end
$$;
revoke execute on function private.record_deposit_intent(uuid, text, bigint, text) from public;
grant execute on function private.record_deposit_intent(uuid, text, bigint, text) to service_role;

-- payment_intent.succeeded: the deposit is booked as Stripe reported it (amount, currency), for the
-- mission its PaymentIntent belongs to. The deposit rule:
--   * a PaymentIntent recorded for one mission never funds another; a charge in another currency than
--     the mission's is not escrow: both are stray charges, refunded in full (private.stray_charges;
--     NULL is returned, no deposit is booked). The same PaymentIntent already booked as a deposit and
--     reported again with another mission, currency or amount is refused (22023: the event is
--     dead-lettered and reconciliation lists it);
--   * one PaymentIntent funds a mission: a deposit that does not cover the plan (the milestones' sum)
--     leaves the mission awaiting funding and is returned in full (the initiator pays again);
--   * whatever escrow holds beyond what the mission still needs is returned, each refund sized to and
--     issued against the charge it returns: an overpayment, a second deposit (a second PaymentIntent,
--     e.g. a retry after Stripe's 24-hour idempotency window), a payment after cancellation.
create function private.complete_deposit(payment_intent_id text, charge_id text, amount_cents bigint, currency text, mission_id uuid)
returns public.escrow_transactions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions;
  e public.escrow_transactions;
  recorded_for uuid;
  plan bigint;
  booked boolean;
begin
  select x.mission_id into recorded_for from public.escrow_transactions x
    where x.stripe_payment_intent_id = complete_deposit.payment_intent_id and x.type = 'deposit' limit 1;
  if recorded_for is null then
    select c.mission_id into recorded_for from private.mission_charges c where c.payment_intent_id = complete_deposit.payment_intent_id;
  end if;
  if amount_cents is null or amount_cents <= 0 then
    raise exception 'A deposit is a positive amount of cents.' using errcode = '22023';
  end if;
  if exists (select from private.stray_charges x where x.payment_intent_id = complete_deposit.payment_intent_id) then
    return null; -- found stray before (and refunded in full): it never funds anything
  end if;
  booked := exists (select from private.mission_charges c where c.payment_intent_id = complete_deposit.payment_intent_id);
  if recorded_for is not null and recorded_for <> complete_deposit.mission_id then
    if booked then
      raise exception 'PaymentIntent % belongs to another mission: it does not fund this one.', payment_intent_id using errcode = '22023';
    end if;
    perform private.record_stray_charge(payment_intent_id, charge_id, amount_cents, currency, mission_id,
      'the PaymentIntent was recorded for another mission');
    return null;
  end if;
  m := private.lock_mission(mission_id);
  if upper(currency) is distinct from m.currency::text then
    if booked then
      raise exception 'Stripe charged in % but this mission''s escrow is in %: the payment does not fund it.', upper(currency), m.currency
        using errcode = '22023';
    end if;
    perform private.record_stray_charge(payment_intent_id, charge_id, amount_cents, currency, mission_id,
      format('charged in %s, the mission''s escrow is in %s', upper(currency), m.currency));
    return null;
  end if;
  select * into e from public.escrow_transactions x
    where x.stripe_payment_intent_id = complete_deposit.payment_intent_id and x.type = 'deposit' and x.status <> 'failed' for update;
  if found and e.status = 'completed' then
    if e.amount_cents <> amount_cents then
      raise exception 'PaymentIntent % was booked for % cents, not %.', payment_intent_id, e.amount_cents, amount_cents using errcode = '22023';
    end if;
    return e; -- a replay
  end if;
  insert into private.mission_charges (payment_intent_id, mission_id, charge_id, amount_cents, currency)
  values (payment_intent_id, m.id, charge_id, amount_cents, upper(currency))
  on conflict on constraint mission_charges_pkey do update set charge_id = coalesce(private.mission_charges.charge_id, excluded.charge_id);
  if found and e.id is not null and e.amount_cents = amount_cents then
    update public.escrow_transactions set status = 'completed', processed_at = now(), stripe_charge_id = coalesce(stripe_charge_id, charge_id)
      where id = e.id returning * into e;
  else
    if e.id is not null then
      -- Stripe charged another amount than was asked: the asked-for entry ends, what was charged is booked.
      update public.escrow_transactions set status = 'failed', processed_at = now() where id = e.id;
    end if;
    insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, currency, stripe_payment_intent_id,
                                            stripe_charge_id, status, processed_at, description)
    values (m.id, m.initiator_id, 'deposit', amount_cents, upper(currency), payment_intent_id, charge_id, 'completed', now(), 'Escrow deposit')
    returning * into e;
  end if;
  select coalesce(sum(x.amount_cents), 0) into plan from public.milestones x where x.mission_id = m.id;
  if m.status = 'pending_funding' and amount_cents >= plan then
    perform private.mark_mission_funded(m.id);
    if amount_cents > plan then
      perform private.emit('refund:requested', m.id, 'mission', m.id, jsonb_build_object('reason', 'paid more than the plan'));
    end if;
  elsif m.status = 'pending_funding' then
    perform private.emit('refund:requested', m.id, 'mission', m.id, jsonb_build_object('reason', 'the deposit does not cover the plan'));
  elsif m.status = 'cancelled' then
    -- Paid after the mission was cancelled: the money goes back.
    perform private.emit('refund:requested', m.id, 'mission', m.id, jsonb_build_object('reason', 'paid after cancellation'));
  else
    -- A second deposit for a mission already funded: it goes back.
    perform private.emit('refund:requested', m.id, 'mission', m.id, jsonb_build_object('reason', 'second deposit'));
  end if;
  return e;
end
$$;
revoke execute on function private.complete_deposit(text, text, bigint, text, uuid) from public;
grant execute on function private.complete_deposit(text, text, bigint, text, uuid) to service_role;

-- A stray charge (above): kept once, and its full refund queued.
create function private.record_stray_charge(payment_intent_id text, charge_id text, amount_cents bigint, currency text,
                                           claimed_mission_id uuid, reason text)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  -- The deposit asked for with this PaymentIntent will never be booked: it ends failed.
  update public.escrow_transactions e set status = 'failed', processed_at = now()
    where e.stripe_payment_intent_id = record_stray_charge.payment_intent_id and e.type = 'deposit' and e.status in ('pending', 'processing');
  insert into private.stray_charges (payment_intent_id, charge_id, amount_cents, currency, claimed_mission_id, reason)
  values (payment_intent_id, charge_id, amount_cents, upper(currency), claimed_mission_id, left(reason, 500))
  on conflict on constraint stray_charges_pkey do update set charge_id = coalesce(private.stray_charges.charge_id, excluded.charge_id);
  perform private.enqueue_job('refund_stray', jsonb_build_object('payment_intent_id', payment_intent_id), 'stray-' || payment_intent_id);
end
$$;
revoke execute on function private.record_stray_charge(text, text, bigint, text, uuid, text) from public;

-- What the worker needs to refund a stray charge (null once refunded), and the refund Stripe made
-- (from the worker or the charge.refunded event; recorded once).
create function private.stray_refund_plan(payment_intent_id text)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object('payment_intent_id', s.payment_intent_id, 'amount_cents', s.amount_cents - s.refunded_cents,
                            'refunded_cents', s.refunded_cents, 'reason', s.reason,
                            'idempotency_key', 'stray-' || s.payment_intent_id || '-' || s.refunded_cents)
  from private.stray_charges s where s.payment_intent_id = stray_refund_plan.payment_intent_id and s.refunded_at is null
$$;
revoke execute on function private.stray_refund_plan(text) from public;
grant execute on function private.stray_refund_plan(text) to service_role;

-- amount_refunded: all Stripe has refunded of the charge so far (a partial refund from the dashboard
-- leaves the rest to refund: the job is queued again).
create function private.record_stray_refund(payment_intent_id text, refund_id text, amount_refunded bigint)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  s private.stray_charges;
begin
  update private.stray_charges x set refunded_cents = greatest(x.refunded_cents, least(amount_refunded, x.amount_cents)),
    refund_id = coalesce(x.refund_id, record_stray_refund.refund_id)
  where x.payment_intent_id = record_stray_refund.payment_intent_id
  returning * into s;
  if not found then
    return false;
  end if;
  if s.refunded_cents >= s.amount_cents then
    update private.stray_charges x set refunded_at = coalesce(x.refunded_at, now()) where x.payment_intent_id = s.payment_intent_id;
  else
    perform private.enqueue_job('refund_stray', jsonb_build_object('payment_intent_id', s.payment_intent_id),
                                'stray-' || s.payment_intent_id || '-' || s.refunded_cents);
  end if;
  return true;
end
$$;
revoke execute on function private.record_stray_refund(text, text, bigint) from public;
grant execute on function private.record_stray_refund(text, text, bigint) to service_role;

create function private.fail_deposit(payment_intent_id text, reason text)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  e public.escrow_transactions;
begin
  select * into e from public.escrow_transactions x
    where x.stripe_payment_intent_id = fail_deposit.payment_intent_id and x.type = 'deposit' for update;
  -- A declined attempt does not end the PaymentIntent (the initiator may pay with another card), so
  -- the deposit stays pending; the initiator is told.
  if found and e.status in ('pending', 'processing') then
    perform private.emit('payment:failed', e.mission_id, 'payment', e.id, jsonb_build_object('reason', left(reason, 500)));
  end if;
end
$$;
revoke execute on function private.fail_deposit(text, text) from public;
grant execute on function private.fail_deposit(text, text) to service_role;

-- The mission's current lead: the active (or stepped up) lead first, the most recently accepted;
-- else the lead whose assignment completed; else the lead removed because the mission was cancelled.
-- NULL: no lead. It is asked only when a milestone is approved without a recorded submission: the
-- payee of a milestone is fixed at approval (milestones.payee_contributor_id, the lead who delivered
-- it) and everything after (payout_plan, reserve_release, the job's payload, waking a parked payout)
-- follows that recorded payee, never the team as it is when the job runs.
create function private.payout_payee(mission_id uuid)
returns uuid
language sql
stable
set search_path = ''
as $$
  select a.contributor_id
  from public.mission_assignments a
  where a.mission_id = payout_payee.mission_id and a.role = 'lead'
    and (a.status in ('active', 'stepped_up', 'completed') or (a.status = 'removed' and a.end_reason = 'mission cancelled'))
  order by (a.status = 'completed'), (a.status = 'removed'), a.accepted_at desc nulls last
  limit 1
$$;
revoke execute on function private.payout_payee(uuid) from public;

-- What is left of a charge for transfers and refunds: what Stripe charged, less what was refunded
-- from it and what was transferred out of it (a release records its source charge), pending
-- reservations included. Stripe refuses a transfer whose source_transaction has less left.
create function private.charge_unspent(payment_intent_id text)
returns bigint
language sql
stable
set search_path = ''
as $$
  select c.amount_cents
         - coalesce((select sum(r.amount_cents) from public.escrow_transactions r
                     where r.type = 'refund' and r.status <> 'failed' and r.stripe_payment_intent_id = c.payment_intent_id), 0)
         - coalesce((select sum(t.amount_cents) from public.escrow_transactions t
                     where t.type = 'release' and t.status <> 'failed' and t.stripe_charge_id = c.charge_id
                       and t.mission_id = c.mission_id), 0)
  from private.mission_charges c where c.payment_intent_id = charge_unspent.payment_intent_id
$$;
revoke execute on function private.charge_unspent(text) from public;

-- The charge a transfer of `amount_cents` is made from (its source_transaction): the oldest
-- completed deposit of the mission with that much left. NULL when no single charge has it (the
-- money is spread over several charges): the transfer is then made from the platform's balance.
create function private.transfer_source(mission_id uuid, amount_cents bigint)
returns text
language sql
stable
set search_path = ''
as $$
  select c.charge_id
  from private.mission_charges c
  where c.mission_id = transfer_source.mission_id and c.charge_id is not null
    and exists (select from public.escrow_transactions d where d.stripe_payment_intent_id = c.payment_intent_id
                and d.type = 'deposit' and d.status = 'completed')
    and private.charge_unspent(c.payment_intent_id) >= transfer_source.amount_cents
  order by c.created_at, c.payment_intent_id
  limit 1
$$;
revoke execute on function private.transfer_source(uuid, bigint) from public;

-- What the payout worker needs for one part of a milestone's payout: who to pay, how much, from which
-- charge (the one recorded on its release once reserved; before that, the one transfer_source picks).
create function private.payout_plan(milestone_id uuid, contributor_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  ms public.milestones;
  m public.missions;
  part public.milestone_payouts;
  payee record;
  charge text;
begin
  select * into ms from public.milestones x where x.id = payout_plan.milestone_id;
  select * into part from public.milestone_payouts p
    where p.milestone_id = payout_plan.milestone_id and p.contributor_id = payout_plan.contributor_id;
  if ms.id is null or part.milestone_id is null then
    raise exception 'No such part of a milestone payout.' using errcode = 'PT404';
  end if;
  select * into m from public.missions where id = ms.mission_id;
  select d.stripe_account_id, d.stripe_payouts_enabled into payee
  from public.contributor_private_details d
  where d.contributor_id = part.contributor_id;
  select x.stripe_charge_id into charge from public.escrow_transactions x
    where x.milestone_id = ms.id and x.contributor_id = part.contributor_id and x.type = 'release' and x.status <> 'failed';
  if not found then
    charge := private.transfer_source(m.id, part.payout_cents);
  end if;
  return jsonb_build_object(
    'milestone_id', ms.id, 'mission_id', m.id, 'milestone_status', ms.status, 'currency', lower(m.currency),
    'amount_cents', ms.amount_cents, 'fee_cents', private.platform_fee(ms.amount_cents, m.platform_fee_bps),
    'payout_cents', part.payout_cents, 'role', part.role, 'share_bps', part.share_bps,
    'contributor_id', part.contributor_id, 'destination', payee.stripe_account_id,
    'payouts_enabled', coalesce(payee.stripe_payouts_enabled, false), 'source_transaction', charge,
    'idempotency_key', 'release-' || ms.id || '-' || part.contributor_id);
end
$$;
revoke execute on function private.payout_plan(uuid, uuid) from public;
grant execute on function private.payout_plan(uuid, uuid) to service_role;

-- Phase one of a payout: reserve one part's release (and, with the first part reserved, the
-- milestone's fee) in the ledger (pending) before Stripe is asked to move anything, so escrow can
-- never promise the same money twice. Returns the plan with the reservation; a part already reserved
-- or released returns what exists. 'waiting' when its payee cannot receive payouts yet (nothing is
-- reserved then): each part waits for its own payee's account.
create function private.reserve_release(milestone_id uuid, contributor_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  ms public.milestones := private.lock_milestone(milestone_id);
  m public.missions;
  plan jsonb;
  existing public.escrow_transactions;
  pair uuid := gen_random_uuid();
begin
  select * into m from public.missions where id = ms.mission_id;
  plan := private.payout_plan(ms.id, contributor_id);
  select * into existing from public.escrow_transactions x
    where x.milestone_id = ms.id and x.contributor_id = reserve_release.contributor_id and x.type = 'release' and x.status <> 'failed';
  if found then
    return plan || jsonb_build_object('reserved', true, 'release_status', existing.status, 'transfer_id', existing.stripe_transfer_id,
                                      'payout_cents', existing.amount_cents);
  end if;
  if ms.status <> 'approved' then
    return plan || jsonb_build_object('reserved', false, 'skip', format('the milestone is %s', ms.status));
  end if;
  if (plan ->> 'destination') is null or not (plan ->> 'payouts_enabled')::boolean then
    return plan || jsonb_build_object('reserved', false, 'waiting', true, 'waiting_for', 'account');
  end if;
  -- Escrow cannot pay it (a card dispute holds part of the money): it waits until money comes back
  -- (record_dispute wakes it when the dispute closes); a refund meanwhile leaves only what the
  -- payable milestones need.
  if not exists (select from private.payable_milestones(m.id) p where p.milestone_id = ms.id) then
    -- On a cancelled mission with no disputed money that may come back, nothing will ever pay it:
    -- the job ends (a refund that later finds money for it queues it again).
    if m.status in ('cancelled', 'completed') and not private.dispute_may_return(m.id) then
      -- The milestone ends too (a closed mission's milestones all end terminal): cancelled, unpaid
      -- (only while none of its parts was paid: a started payout is finished).
      if not exists (select from public.escrow_transactions e where e.milestone_id = ms.id and e.type = 'release') then
        perform private.move_milestone(ms, m, 'cancel', array['system']);
      end if;
      return plan || jsonb_build_object('reserved', false, 'skip', 'escrow can no longer pay it: the mission is closed');
    end if;
    return plan || jsonb_build_object('reserved', false, 'waiting', true, 'waiting_for', 'escrow');
  end if;
  insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents, currency,
                                          stripe_charge_id, status, correlation_id, description)
  values (m.id, ms.id, m.initiator_id, contributor_id, 'release', (plan ->> 'payout_cents')::bigint, m.currency,
          plan ->> 'source_transaction', 'pending', pair, format('Milestone payout (%s): %s', replace(plan ->> 'role', '_', ' '), ms.title));
  if (plan ->> 'fee_cents')::bigint > 0 and not exists (
       select from public.escrow_transactions f where f.milestone_id = ms.id and f.type = 'platform_fee' and f.status <> 'failed') then
    insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, type, amount_cents, currency, status,
                                            correlation_id, description)
    values (m.id, ms.id, m.initiator_id, 'platform_fee', (plan ->> 'fee_cents')::bigint, m.currency, 'pending', pair,
            'Platform fee: ' || ms.title);
  end if;
  return plan || jsonb_build_object('reserved', true, 'release_status', 'pending');
end
$$;
revoke execute on function private.reserve_release(uuid, uuid) from public;
grant execute on function private.reserve_release(uuid, uuid) to service_role;

-- Phase two: the transfer of one part went out: its reserved release (and the fee reserved with it)
-- is completed (or, without a reservation, recorded); once every part is, the milestone is paid.
-- Recording the same transfer again changes nothing.
create function private.record_release(milestone_id uuid, contributor_id uuid, transfer_id text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  plan jsonb;
  ms public.milestones := private.lock_milestone(milestone_id);
  m public.missions;
  existing public.escrow_transactions;
  pair uuid := gen_random_uuid();
  fee bigint;
begin
  select * into m from public.missions where id = ms.mission_id;
  select * into existing from public.escrow_transactions x
    where x.milestone_id = ms.id and x.contributor_id = record_release.contributor_id and x.type = 'release' and x.status <> 'failed';
  if found and existing.status in ('pending', 'processing') then
    update public.escrow_transactions set status = 'completed', stripe_transfer_id = transfer_id, processed_at = now()
      where id = existing.id;
    -- The milestone's one fee is taken with the first part that goes out (whichever reserved it).
    with taken as (
      update public.escrow_transactions f set status = 'completed', processed_at = now()
        where f.milestone_id = ms.id and f.type = 'platform_fee' and f.status in ('pending', 'processing')
        returning f.amount_cents)
    select coalesce(sum(t.amount_cents), 0) into fee from taken t;
    if ms.status = 'approved' and private.milestone_released(ms.id) then
      perform private.mark_milestone_paid(ms.id);
    end if;
    if ms.status = 'approved' and exists (select from public.milestone_payouts p where p.milestone_id = ms.id
                                          and p.contributor_id = existing.contributor_id and p.role = 'lead') then
      perform private.after_lead_paid(ms.id);
    end if;
    perform private.emit('payment:released', m.id, 'milestone', ms.id,
      jsonb_build_object('payout_cents', existing.amount_cents, 'contributor_id', existing.contributor_id, 'transfer_id', transfer_id,
                         'role', (select p.role from public.milestone_payouts p
                                  where p.milestone_id = ms.id and p.contributor_id = existing.contributor_id),
                         'fee_cents', fee));
    return jsonb_build_object('release_id', existing.id, 'replayed', false);
  elsif found then
    if existing.stripe_transfer_id is distinct from transfer_id then
      raise exception 'This part of milestone % was already released by transfer %.', ms.id, existing.stripe_transfer_id using errcode = '23505';
    end if;
    return jsonb_build_object('release_id', existing.id, 'replayed', true);
  end if;
  if ms.status not in ('approved', 'paid') then
    raise exception 'Only an approved milestone is paid out (it is %).', ms.status using errcode = 'PT409';
  end if;
  plan := private.payout_plan(ms.id, contributor_id);
  insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents, currency,
                                          stripe_transfer_id, stripe_charge_id, status, processed_at, correlation_id, description)
  values (m.id, ms.id, m.initiator_id, contributor_id, 'release', (plan ->> 'payout_cents')::bigint, m.currency,
          transfer_id, plan ->> 'source_transaction', 'completed', now(), pair,
          format('Milestone payout (%s): %s', replace(plan ->> 'role', '_', ' '), ms.title));
  fee := 0;
  if (plan ->> 'fee_cents')::bigint > 0 and not exists (
       select from public.escrow_transactions f where f.milestone_id = ms.id and f.type = 'platform_fee' and f.status <> 'failed') then
    fee := (plan ->> 'fee_cents')::bigint;
    insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, type, amount_cents, currency, status,
                                            processed_at, correlation_id, description)
    values (m.id, ms.id, m.initiator_id, 'platform_fee', fee, m.currency, 'completed', now(), pair, 'Platform fee: ' || ms.title);
  end if;
  if ms.status = 'approved' and private.milestone_released(ms.id) then
    perform private.mark_milestone_paid(ms.id);
  end if;
  if ms.status = 'approved' and plan ->> 'role' = 'lead' then
    perform private.after_lead_paid(ms.id);
  end if;
  perform private.emit('payment:released', m.id, 'milestone', ms.id,
    jsonb_build_object('payout_cents', plan -> 'payout_cents', 'fee_cents', fee, 'role', plan -> 'role',
                       'contributor_id', plan -> 'contributor_id', 'transfer_id', transfer_id));
  return jsonb_build_object('release_id', (select id from public.escrow_transactions where correlation_id = pair and type = 'release'), 'replayed', false);
end
$$;
revoke execute on function private.record_release(uuid, uuid, text) from public;
grant execute on function private.record_release(uuid, uuid, text) to service_role;

-- What of a milestone's amount no release or fee has reserved yet (a team payout is paid part by part).
create function private.milestone_unreserved(milestone_id uuid, amount_cents bigint)
returns bigint
language sql
stable
set search_path = ''
as $$
  select milestone_unreserved.amount_cents - coalesce(sum(e.amount_cents), 0)
  from public.escrow_transactions e
  where e.milestone_id = milestone_unreserved.milestone_id and e.type in ('release', 'platform_fee') and e.status <> 'failed'
$$;
revoke execute on function private.milestone_unreserved(uuid, bigint) from public;

-- What escrow keeps for a mission: a live mission keeps what its milestones not yet paid out still
-- need; a closed one keeps only what the approved payouts it can still pay need; an unfunded one
-- keeps nothing.
create function private.escrow_needed(mission_id uuid)
returns bigint
language plpgsql
stable
set search_path = ''
as $$
begin
  return (select case
    when m.status in ('open', 'matching', 'in_progress', 'in_review', 'disputed') then
      coalesce((select sum(private.milestone_unreserved(x.id, x.amount_cents)) from public.milestones x
                where x.mission_id = m.id and x.status not in ('paid', 'cancelled')), 0)
    when m.status in ('completed', 'cancelled') then
      coalesce((select sum(p.amount_cents) from private.payable_milestones(m.id) p), 0)
    else 0 end::bigint
  from public.missions m where m.id = escrow_needed.mission_id);
end
$$;
revoke execute on function private.escrow_needed(uuid) from public;

-- Phase one of a refund: reserve what escrow holds beyond what the mission needs (pending) before
-- asking Stripe, against one charge, at most what is left of it to refund (several charges: several
-- refunds; the worker asks again until nothing is left). Returns the reservation (an existing
-- pending one first), or null when nothing is to be returned.
create function private.reserve_refund(mission_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions := private.lock_mission(mission_id);
  e public.escrow_transactions;
  held bigint;
  charge record;
begin
  -- What stays in escrow for a payout is paid out: a payout job that had stopped (parked or ended
  -- while escrow could not pay it, before money came back) runs again.
  update private.jobs j set status = 'queued', run_after = now(), attempts = 0, locked_until = null, last_error = null
    where j.kind = 'release_payout' and j.status in ('waiting', 'done', 'dead')
      and j.payload ->> 'milestone_id' in (select p.milestone_id::text from private.payable_milestones(m.id) p);
  select * into e from public.escrow_transactions x
    where x.mission_id = m.id and x.type = 'refund' and x.status in ('pending', 'processing') order by x.created_at limit 1;
  if not found then
    held := greatest(private.escrow_balance(m.id) - private.escrow_needed(m.id), 0);
    if held = 0 then
      return null;
    end if;
    -- The charge to return it from: the latest deposit with something left to refund (a second
    -- deposit goes back against its own charge).
    -- (What is left of it: less its refunds and the transfers made out of it.)
    select c.payment_intent_id, private.charge_unspent(c.payment_intent_id) as refundable
      into charge
    from private.mission_charges c
    where c.mission_id = m.id
      and exists (select from public.escrow_transactions d where d.stripe_payment_intent_id = c.payment_intent_id
                  and d.type = 'deposit' and d.status = 'completed')
      and private.charge_unspent(c.payment_intent_id) > 0
    order by c.created_at desc, c.payment_intent_id limit 1;
    if charge.payment_intent_id is null then
      return null;
    end if;
    insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, currency, stripe_payment_intent_id, status, description)
    values (m.id, m.initiator_id, 'refund', least(held, charge.refundable), m.currency, charge.payment_intent_id, 'pending', 'Refund to the initiator')
    returning * into e;
  end if;
  return jsonb_build_object('reservation_id', e.id, 'mission_id', m.id, 'amount_cents', e.amount_cents,
    'currency', lower(m.currency), 'payment_intent', e.stripe_payment_intent_id, 'idempotency_key', 'refund-' || e.id);
end
$$;
revoke execute on function private.reserve_refund(uuid) from public;
grant execute on function private.reserve_refund(uuid) to service_role;

-- Phase two (or a refund Stripe reports that we did not make): the refund is recorded once.
-- payment_intent_id: the PaymentIntent Stripe refunded (the charge.refunded event names it), so a
-- refund made outside the worker (the Stripe dashboard) is counted against its charge too.
create function private.record_refund(mission_id uuid, refund_id text, amount_cents bigint, reservation_id uuid default null,
                                      payment_intent_id text default null)
returns public.escrow_transactions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions := private.lock_mission(mission_id);
  e public.escrow_transactions;
begin
  select * into e from public.escrow_transactions x where x.stripe_refund_id = refund_id;
  if found then
    return e;
  end if;
  if amount_cents is null or amount_cents <= 0 then
    raise exception 'A refund is a positive amount of cents.' using errcode = '22023';
  end if;
  -- The ledger books what Stripe refunded: the reservation when Stripe refunded exactly it; otherwise
  -- the reservation ends and the amount Stripe refunded is booked against the same charge.
  select * into e from public.escrow_transactions x
    where x.id = reservation_id and x.mission_id = m.id and x.type = 'refund' and x.status in ('pending', 'processing') for update;
  if found and e.amount_cents = amount_cents then
    update public.escrow_transactions x set status = 'completed', stripe_refund_id = refund_id, processed_at = now()
      where x.id = e.id returning * into e;
  else
    if found then
      update public.escrow_transactions x set status = 'failed', processed_at = now() where x.id = e.id;
    end if;
    insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, currency, stripe_refund_id,
                                            stripe_payment_intent_id, status, processed_at, description)
    values (m.id, m.initiator_id, 'refund', amount_cents, m.currency, refund_id,
            coalesce(e.stripe_payment_intent_id, record_refund.payment_intent_id), 'completed', now(), 'Refund to the initiator')
    returning * into e;
  end if;
  perform private.emit('payment:refunded', m.id, 'payment', e.id, jsonb_build_object('amount_cents', e.amount_cents));
  return e;
end
$$;
revoke execute on function private.record_refund(uuid, text, bigint, uuid, text) from public;
grant execute on function private.record_refund(uuid, text, bigint, uuid, text) to service_role;

-- charge.dispute.created: the disputed amount is held (Stripe took it from the platform balance)
-- and the mission is disputed. charge.dispute.closed: won -> released back to escrow.
create function private.record_dispute(mission_id uuid, dispute_id text, amount_cents bigint, stage text, reason text default null)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  m public.missions := private.lock_mission(mission_id);
  hold_amount bigint;
  held boolean := false;
begin
  if stage = 'created' then
    hold_amount := least(amount_cents, greatest(private.escrow_balance(m.id), 0));
    -- Nothing left to hold (all paid out or refunded), or the dispute was already won (its closing
    -- event came first): no hold.
    if hold_amount > 0 and not exists (
        select from private.stripe_events s where s.type = 'charge.dispute.closed' and s.object_id = dispute_id
          and s.payload #>> '{data,object,status}' = 'won') then
      insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, currency, stripe_dispute_id, status,
                                              processed_at, description)
      values (m.id, m.initiator_id, 'dispute_hold', hold_amount, m.currency, dispute_id, 'completed', now(), 'Held for a card dispute')
      on conflict (stripe_dispute_id, type) where stripe_dispute_id is not null do nothing;
      held := found;
    end if;
    if m.status in ('in_progress', 'in_review') then
      perform private.open_dispute(m.id, coalesce(reason, 'card dispute'));
    elsif held and m.status = 'cancelled' then
      -- The hold may have taken money kept for approved payouts it can no longer cover: what they
      -- cannot use now goes back.
      perform private.emit('refund:requested', m.id, 'mission', m.id, jsonb_build_object('reason', 'card dispute after cancellation'));
    end if;
  elsif stage = 'won' then
    select e.amount_cents into hold_amount from public.escrow_transactions e
      where e.stripe_dispute_id = dispute_id and e.type = 'dispute_hold';
    if hold_amount is not null and hold_amount > 0 then
      insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, currency, stripe_dispute_id, status,
                                              processed_at, description)
      values (m.id, m.initiator_id, 'dispute_release', hold_amount, m.currency, dispute_id, 'completed', now(), 'Dispute won: released')
      on conflict (stripe_dispute_id, type) where stripe_dispute_id is not null do nothing;
      if found then
        -- The money is back: payouts that were waiting for it get another look (on a cancelled
        -- mission the refund asked for below also queues those it keeps money for).
        update private.jobs j set status = 'queued', run_after = now(), last_error = null
          where j.kind = 'release_payout' and j.status = 'waiting' and j.payload ->> 'mission_id' = m.id::text;
        if m.status = 'cancelled' then
          perform private.emit('refund:requested', m.id, 'mission', m.id, jsonb_build_object('reason', 'dispute won after cancellation'));
        end if;
      end if;
    end if;
  elsif stage = 'lost' then
    -- The money is gone for good: payouts waiting for it get another look (on a cancelled mission
    -- they end).
    update private.jobs j set status = 'queued', run_after = now(), last_error = null
      where j.kind = 'release_payout' and j.status = 'waiting' and j.payload ->> 'mission_id' = m.id::text;
  else
    raise exception 'Unknown dispute stage %.', stage using errcode = '22023';
  end if;
  perform private.emit('payment:dispute_' || stage, m.id, 'mission', m.id, jsonb_build_object('dispute_id', dispute_id));
end
$$;
revoke execute on function private.record_dispute(uuid, text, bigint, text, text) from public;
grant execute on function private.record_dispute(uuid, text, bigint, text, text) to service_role;

-- account.updated: keep what Stripe says about a connected account, ignoring stale (older) events.
-- Releases that were waiting for payouts_enabled are woken up.
create function private.sync_connected_account(account_id text, charges_enabled boolean, payouts_enabled boolean,
                                              details_submitted boolean, observed_at timestamptz)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  d public.contributor_private_details;
begin
  select * into d from public.contributor_private_details x where x.stripe_account_id = account_id for update;
  if not found then
    return false;
  end if;
  if d.stripe_account_synced_at is not null and d.stripe_account_synced_at > observed_at then
    return false;
  end if;
  update public.contributor_private_details set stripe_charges_enabled = charges_enabled, stripe_payouts_enabled = payouts_enabled,
    stripe_details_submitted = details_submitted, stripe_account_synced_at = observed_at
  where contributor_id = d.contributor_id;
  if payouts_enabled then
    -- Parked payouts of the parts this contributor is the recorded payee of.
    update private.jobs j set status = 'queued', run_after = now(), last_error = null
      where j.kind = 'release_payout' and j.status = 'waiting' and j.payload ->> 'contributor_id' = d.contributor_id::text;
  end if;
  return true;
end
$$;
revoke execute on function private.sync_connected_account(text, boolean, boolean, boolean, timestamptz) from public;
grant execute on function private.sync_connected_account(text, boolean, boolean, boolean, timestamptz) to service_role;

-- The contributor's connected account id, once created.
create function private.set_connected_account(contributor_id uuid, account_id text, country text)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  update public.contributor_private_details d set stripe_account_id = coalesce(d.stripe_account_id, account_id),
    stripe_account_country = coalesce(d.stripe_account_country, upper(country))
  where d.contributor_id = set_connected_account.contributor_id;
  if not found then
    raise exception 'No such contributor.' using errcode = 'PT404';
  end if;
end
$$;
revoke execute on function private.set_connected_account(uuid, text, text) from public;
grant execute on function private.set_connected_account(uuid, text, text) to service_role;

create function private.set_stripe_customer(initiator_id uuid, customer_id text)
returns text
language sql
volatile
security definer
set search_path = ''
as $$
  update public.initiator_private_details d set stripe_customer_id = coalesce(d.stripe_customer_id, customer_id)
  where d.initiator_id = set_stripe_customer.initiator_id
  returning stripe_customer_id
$$;
revoke execute on function private.set_stripe_customer(uuid, text) from public;
grant execute on function private.set_stripe_customer(uuid, text) to service_role;

-- Journals a Stripe event once (by its id) and claims it for processing. True: this delivery
-- processes it now. False: it was processed already, or another delivery is processing it.
create function private.journal_stripe_event(event jsonb)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  claimed boolean;
begin
  insert into private.stripe_events as s (id, type, livemode, account, object_id, created_at, payload)
  values (event ->> 'id', event ->> 'type', coalesce((event ->> 'livemode')::boolean, false), event ->> 'account',
          event #>> '{data,object,id}', to_timestamp((event ->> 'created')::bigint), event)
  on conflict on constraint stripe_events_pkey do nothing;
  update private.stripe_events s set processing_until = now() + interval '2 minutes', attempts = s.attempts + 1
  where s.id = event ->> 'id' and s.processed_at is null and s.dead_lettered_at is null
    and (s.processing_until is null or s.processing_until < now())
  returning true into claimed;
  return coalesce(claimed, false);
end
$$;
revoke execute on function private.journal_stripe_event(jsonb) from public;
grant execute on function private.journal_stripe_event(jsonb) to service_role;

create function private.finish_stripe_event(event_id text, error text default null)
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  update private.stripe_events set
    processed_at = case when error is null then now() else processed_at end,
    processing_until = null,
    last_error = left(error, 2000)
  where id = event_id
$$;
revoke execute on function private.finish_stripe_event(text, text) from public;
grant execute on function private.finish_stripe_event(text, text) to service_role;

-- Processing the event failed. A permanent failure (a data error the event will always raise), or
-- one that has failed max_attempts times, is dead-lettered (true: acknowledge it, the reason is
-- kept for an operator and reconciliation); otherwise false: answer 500 so Stripe retries.
create function private.fail_stripe_event(event_id text, error text, permanent boolean, max_attempts integer default 8)
returns boolean
language sql
volatile
security definer
set search_path = ''
as $$
  update private.stripe_events s set
    processing_until = null,
    last_error = left(error, 2000),
    dead_lettered_at = case when permanent or s.attempts >= max_attempts then now() end,
    dead_letter_reason = case when permanent or s.attempts >= max_attempts
                              then left(case when permanent then 'permanent: ' else format('failed %s times: ', s.attempts) end || error, 2000) end
  where s.id = event_id
  returning s.dead_lettered_at is not null
$$;
revoke execute on function private.fail_stripe_event(text, text, boolean, integer) from public;
grant execute on function private.fail_stripe_event(text, text, boolean, integer) to service_role;

-- Domain events that start money moves become jobs, in the same transaction.
create function private.tg_domain_events__payments()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if new.event = 'payout:requested' then
    -- One job per part of the payout: each waits for its own payee.
    perform private.enqueue_job('release_payout',
      jsonb_build_object('milestone_id', p.milestone_id, 'mission_id', p.mission_id, 'contributor_id', p.contributor_id),
      'release-' || p.milestone_id || '-' || p.contributor_id)
    from public.milestone_payouts p where p.milestone_id = new.entity_id;
  elsif new.event = 'refund:requested' then
    perform private.enqueue_job('refund', jsonb_build_object('mission_id', new.mission_id), 'refund-' || new.mission_id || '-' || new.id);
  end if;
  return null;
end
$$;

create trigger tg_domain_events__payments
  after insert on private.domain_events
  for each row when (new.event in ('payout:requested', 'refund:requested'))
  execute function private.tg_domain_events__payments();

-- Reconciliation: the ledger against the Stripe objects seen in events. Returns one row per difference.
create function private.reconcile_ledger()
returns table (kind text, object_id text, detail text)
language sql
stable
security definer
set search_path = ''
as $$
  -- completed deposits without a succeeded PaymentIntent event
  select 'deposit_without_stripe_success', e.stripe_payment_intent_id, format('deposit %s of %s', e.id, e.amount_cents)
  from public.escrow_transactions e
  where e.type = 'deposit' and e.status = 'completed'
    and not exists (select from private.stripe_events s where s.type = 'payment_intent.succeeded' and s.object_id = e.stripe_payment_intent_id)
  union all
  -- succeeded PaymentIntents with no completed deposit
  select 'stripe_success_without_deposit', s.object_id, s.id
  from private.stripe_events s
  where s.type = 'payment_intent.succeeded' and s.processed_at is not null
    and not exists (select from public.escrow_transactions e where e.type = 'deposit' and e.status = 'completed' and e.stripe_payment_intent_id = s.object_id)
    and not exists (select from private.stray_charges x where x.payment_intent_id = s.object_id)
  union all
  -- transfers Stripe reported that no release records, or with another amount
  select 'transfer_mismatch', s.object_id,
         format('stripe %s, ledger %s', s.payload #>> '{data,object,amount}', coalesce(e.amount_cents::text, 'none'))
  from private.stripe_events s
  left join public.escrow_transactions e on e.type = 'release' and e.stripe_transfer_id = s.object_id and e.status <> 'failed'
  where s.type = 'transfer.created' and (e.id is null or e.amount_cents <> (s.payload #>> '{data,object,amount}')::bigint)
  union all
  -- stray charges (no mission's escrow) not refunded yet
  select 'stray_charge_unrefunded', s.payment_intent_id,
         format('%s of %s %s refunded: %s', s.refunded_cents, s.amount_cents, s.currency, s.reason)
  from private.stray_charges s where s.refunded_at is null
  union all
  -- approved work on a closed mission with a part escrow could no longer pay (a card dispute lost)
  select 'part_unpaid_on_closed_mission', p.milestone_id::text,
         format('%s part of %s cents to contributor %s', p.role, p.payout_cents, p.contributor_id)
  from public.milestone_payouts p
  join public.milestones ms on ms.id = p.milestone_id and ms.status = 'approved'
  join public.missions m on m.id = p.mission_id and m.status in ('completed', 'cancelled')
  where not exists (select from public.escrow_transactions e where e.milestone_id = p.milestone_id and e.contributor_id = p.contributor_id
                      and e.type = 'release' and e.status <> 'failed')
    and not exists (select from private.jobs j where j.kind = 'release_payout' and j.status in ('queued', 'running', 'waiting')
                      and j.payload ->> 'milestone_id' = p.milestone_id::text and j.payload ->> 'contributor_id' = p.contributor_id::text)
  union all
  -- paid milestones without a completed release of every part (cannot happen: the triggers refuse it)
  select 'paid_without_release', ms.id::text, ms.title
  from public.milestones ms
  where ms.status = 'paid' and not private.milestone_released(ms.id)
$$;
revoke execute on function private.reconcile_ledger() from public;
grant execute on function private.reconcile_ledger() to service_role;

-- =============================================================================================
-- Reconciliation against Stripe's objects (npm run reconcile: scripts/reconcile.mjs reads the ledger,
-- asks the Stripe API about every object it names, and records each difference here).
-- =============================================================================================
create table private.reconciliation_findings (
  id bigint generated always as identity primary key,
  run_id uuid not null,
  found_at timestamptz not null default now(),
  mission_id uuid,
  kind text not null check (kind ~ '^[a-z_]{1,60}$'),
  object_id text,
  detail text not null check (length(detail) <= 2000)
);
comment on table private.reconciliation_findings is 'Differences between the escrow ledger and the Stripe objects it names, one row per difference and reconciliation run. RLS on with no policy on purpose: admins read it through public.admin_reconciliation(); the reconciliation job (service role) writes it through private.record_reconciliation.';

create index reconciliation_findings_run_idx on private.reconciliation_findings (found_at desc, run_id);
alter table private.reconciliation_findings enable row level security;
revoke all on private.reconciliation_findings from public;
grant select on private.reconciliation_findings to service_role;

-- Records one reconciliation run: findings is a JSON array of {mission_id, kind, object_id, detail}
-- (empty: the ledger and Stripe agree). Returns the run's id.
create function private.record_reconciliation(findings jsonb)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  run uuid := gen_random_uuid();
begin
  if jsonb_typeof(findings) is distinct from 'array' then
    raise exception 'findings must be a JSON array.' using errcode = '22023';
  end if;
  insert into private.reconciliation_findings (run_id, mission_id, kind, object_id, detail)
  select run, nullif(f ->> 'mission_id', '')::uuid, f ->> 'kind', f ->> 'object_id', left(f ->> 'detail', 2000)
  from jsonb_array_elements(findings) f;
  -- An empty run is remembered too, so "no difference" is an answer with a date.
  if jsonb_array_length(findings) = 0 then
    insert into private.reconciliation_findings (run_id, kind, detail) values (run, 'clean', 'the ledger and Stripe agree');
  end if;
  return run;
end
$$;
revoke execute on function private.record_reconciliation(jsonb) from public;
grant execute on function private.record_reconciliation(jsonb) to service_role;

-- The latest reconciliation run's findings, for admins (the admin console).
create function private.admin_reconciliation()
returns table (run_id uuid, found_at timestamptz, mission_id uuid, kind text, object_id text, detail text)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform private.require_admin();
  return query
  select f.run_id, f.found_at, f.mission_id, f.kind, f.object_id, f.detail
  from private.reconciliation_findings f
  where f.run_id = (select x.run_id from private.reconciliation_findings x order by x.found_at desc, x.id desc limit 1)
  order by f.id;
end
$$;
revoke execute on function private.admin_reconciliation() from public;
grant execute on function private.admin_reconciliation() to authenticated, service_role;

create function public.admin_reconciliation()
returns table (run_id uuid, found_at timestamptz, mission_id uuid, kind text, object_id text, detail text)
language sql
stable
security invoker
set search_path = ''
as $$
  select * from private.admin_reconciliation()
$$;
revoke execute on function public.admin_reconciliation() from public;
grant execute on function public.admin_reconciliation() to authenticated, service_role;

-- =============================================================================================
-- Which approved payouts escrow can pay
-- =============================================================================================
-- The approved milestones of a mission without a (live) release whose payout + fee escrow can pay
-- in full: taken in milestone order, one that does not fit in what is left is passed over for a
-- later one that does. Paying one of them, or refunding everything else, leaves the answer for the
-- others unchanged, so the payouts and the refund can run in any order.
create function private.payable_milestones(mission_id uuid)
returns table (milestone_id uuid, amount_cents bigint)
language plpgsql
stable
set search_path = ''
as $$
declare
  budget bigint := greatest(private.escrow_balance(payable_milestones.mission_id), 0);
  ms record;
begin
  for ms in
    select y.id, y.amount from (
      select x.id, x.order_index, private.milestone_unreserved(x.id, x.amount_cents) as amount from public.milestones x
      where x.mission_id = payable_milestones.mission_id and x.status = 'approved') y
    where y.amount > 0
    order by y.order_index, y.id
  loop
    if ms.amount <= budget then
      budget := budget - ms.amount;
      milestone_id := ms.id;
      amount_cents := ms.amount;
      return next;
    end if;
  end loop;
end
$$;
comment on function private.payable_milestones(uuid) is
  'Approved, unreleased milestones whose payout + fee the mission''s escrow can pay in full, in milestone order.';
revoke execute on function private.payable_milestones(uuid) from public;

-- Whether money a card dispute holds may still come back to the mission's escrow: a hold whose
-- dispute is neither won (released) nor closed lost at Stripe.
create function private.dispute_may_return(mission_id uuid)
returns boolean
language sql
stable
set search_path = ''
as $$
  select exists (
    select from public.escrow_transactions h
    where h.mission_id = dispute_may_return.mission_id and h.type = 'dispute_hold' and h.status <> 'failed'
      and not exists (select from public.escrow_transactions r
                      where r.stripe_dispute_id = h.stripe_dispute_id and r.type = 'dispute_release' and r.status = 'completed')
      and not exists (select from private.stripe_events s
                      where s.type = 'charge.dispute.closed' and s.object_id = h.stripe_dispute_id
                        and s.payload #>> '{data,object,status}' <> 'won'))
$$;
comment on function private.dispute_may_return(uuid) is
  'True while a card dispute holds money of the mission that may still come back (not won, not closed lost).';
revoke execute on function private.dispute_may_return(uuid) from public;
