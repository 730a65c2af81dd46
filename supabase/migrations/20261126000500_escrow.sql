-- Escrow: the ledger of money held for missions. Amounts are positive integers of minor units in
-- the mission's currency. Written only by the payment functions (service role / SECURITY DEFINER);
-- the balance rules and Stripe wiring are the escrow module's.

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
  constraint escrow_release_has_payee check (type not in ('release') or (contributor_id is not null and milestone_id is not null))
);
comment on table public.escrow_transactions is 'The escrow ledger. Readable by the mission''s initiator, the paid contributor and admins; written by payment functions only.';
create index escrow_transactions_mission_idx on public.escrow_transactions (mission_id, created_at);
create index escrow_transactions_status_idx on public.escrow_transactions (status);
create index escrow_transactions_milestone_idx on public.escrow_transactions (milestone_id, mission_id) where milestone_id is not null;
create index escrow_transactions_mission_initiator_idx on public.escrow_transactions (mission_id, initiator_id);
create index escrow_transactions_initiator_idx on public.escrow_transactions (initiator_id);
create index escrow_transactions_contributor_idx on public.escrow_transactions (contributor_id) where contributor_id is not null;
-- A Stripe object is journaled once per entry type.
create unique index escrow_transactions_payment_intent_key on public.escrow_transactions (stripe_payment_intent_id, type)
  where stripe_payment_intent_id is not null;
create unique index escrow_transactions_transfer_key on public.escrow_transactions (stripe_transfer_id, type)
  where stripe_transfer_id is not null;
create unique index escrow_transactions_refund_key on public.escrow_transactions (stripe_refund_id)
  where stripe_refund_id is not null;

alter table public.escrow_transactions enable row level security;
grant select on public.escrow_transactions to authenticated;
grant all on public.escrow_transactions to service_role;

create policy "The mission's initiator, the paid contributor and admins read escrow entries"
  on public.escrow_transactions for select to authenticated
  using (
    initiator_id = (select private.my_initiator_id())
    or contributor_id = (select private.my_contributor_id())
    or (select private.is_admin())
  );
