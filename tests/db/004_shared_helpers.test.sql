-- The foundation's shared helpers: updated_at, append-only, require_signed_in.
begin;
select plan(8);

create table public.tmp_rows (id int primary key, note text, updated_at timestamptz not null default now() - interval '1 day');
create trigger tg_tmp_rows__set_updated_at before update on public.tmp_rows
  for each row execute function private.tg__set_updated_at();
insert into public.tmp_rows (id, note) values (1, 'a');
update public.tmp_rows set note = 'b' where id = 1;
select is((select updated_at from public.tmp_rows where id = 1), now(), 'tg__set_updated_at sets updated_at on update');

create table public.tmp_ledger (id int primary key, amount bigint);
create trigger tg_tmp_ledger__append_only before update or delete on public.tmp_ledger
  for each row execute function private.tg__append_only();
insert into public.tmp_ledger values (1, 100);
select throws_ok('update public.tmp_ledger set amount = 1', '55000', 'tmp_ledger is append-only: update is not allowed',
  'append-only tables refuse UPDATE');
select throws_ok('delete from public.tmp_ledger', '55000', 'tmp_ledger is append-only: delete is not allowed',
  'append-only tables refuse DELETE');
select is((select amount from public.tmp_ledger where id = 1), 100::bigint, 'the row is unchanged');

select throws_ok('select private.require_signed_in()', '42501', 'You must be signed in to do this.',
  'require_signed_in() refuses a request without a user');
select tests.authenticate_as(tests.create_user('helper@example.com', id => 'bbbbbbbb-0000-4000-8000-000000000002'));
select is(private.require_signed_in(), 'bbbbbbbb-0000-4000-8000-000000000002'::uuid, 'require_signed_in() is the signed-in user');
select tests.as_postgres();

select ok(
  not exists (
    select from pg_proc p
    where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace)
      and p.prokind = 'f'
      and not coalesce(p.proconfig @> array['search_path=""'], false)
      and p.proname not like 'tmp\_%'
  ),
  'every function in public and private fixes search_path to empty');
select ok(
  not exists (
    select from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relrowsecurity
      and c.relname not like 'tmp\_%'
  ),
  'every table in public has row-level security on');

select * from finish();
rollback;
