-- Rate limits: fixed one-window counters keyed by what is limited ("payments:user:<id>",
-- "ip:<address>"...). Edge Functions and the Data API's pre-request check use the same counters.

create table private.rate_limit_counters (
  key text not null,
  window_start timestamptz not null,
  hits integer not null default 0,
  primary key (key, window_start)
);
create index rate_limit_counters_window_idx on private.rate_limit_counters (window_start);
alter table private.rate_limit_counters enable row level security;
revoke all on private.rate_limit_counters from public;

-- Counts one hit against `key` and says whether it is within `max_hits` per `window_seconds`.
create function public.check_rate_limit(key text, max_hits integer, window_seconds integer)
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
revoke execute on function public.check_rate_limit(text, integer, integer) from public;
grant execute on function public.check_rate_limit(text, integer, integer) to service_role;

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
