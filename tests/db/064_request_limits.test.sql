-- The Data API's pre-request check (public.check_request): 100 requests a minute per IP, 10 payment
-- requests a minute per user (shared with the payments Edge Function), SQLSTATE PT429 past a limit,
-- banned accounts refused, the platform never limited. Requests are reproduced as PostgREST makes
-- them: the request's role, request.jwt.claims, request.method, request.path, request.headers.
begin;
select plan(40);

select tests.create_user('rl-a@example.com', '{"full_name":"Rae Limit"}', id => '65000000-0000-4000-8000-000000000001');
select tests.create_user('rl-b@example.com', '{"full_name":"Rob Limit"}', id => '65000000-0000-4000-8000-000000000002');

-- A request's settings, as PostgREST sets them.
create function tests.request(method text, path text, headers jsonb default '{}') returns void
language sql volatile set search_path = '' as $$
  select set_config('request.method', method, true), set_config('request.path', path, true),
         set_config('request.headers', headers::text, true);
$$;
-- check_request's error (state, message, hint), or 'ok'.
create function tests.check_request_outcome() returns jsonb
language plpgsql volatile set search_path = '' as $$
declare
  state text; msg text; hint text;
begin
  perform public.check_request();
  return '"ok"';
exception when others then
  get stacked diagnostics state = returned_sqlstate, msg = message_text, hint = pg_exception_hint;
  return jsonb_build_object('state', state, 'message', msg, 'hint', hint);
end
$$;
-- The same inside a read-only transaction (PostgREST's GET / HEAD), undone afterwards.
create function tests.check_request_read_only() returns text
language plpgsql volatile set search_path = '' as $$
declare
  result text;
begin
  begin
    perform set_config('transaction_read_only', 'on', true);
    begin
      perform public.check_request();
      result := 'ok';
    exception when others then
      result := sqlstate;
    end;
    raise exception 'undo' using errcode = 'T0UND';
  exception when sqlstate 'T0UND' then
    null;
  end;
  return result;
end
$$;
grant execute on all functions in schema tests to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Wiring
-- ---------------------------------------------------------------------------------------------
select ok((select bool_and(has_function_privilege(r, 'public.check_request()', 'execute')) from unnest(array['anon', 'authenticated', 'service_role']) r),
  'anon, authenticated and service_role can run the pre-request check (PostgREST calls it as the request''s role)');
select ok(not has_function_privilege('public', 'public.check_request()', 'execute'), 'PUBLIC cannot');
select ok((select setconfig @> array['pgrst.db_pre_request=public.check_request'] from pg_db_role_setting
           where setrole = 'authenticator'::regrole and setdatabase = 0), 'PostgREST is told to call it (authenticator''s pgrst.db_pre_request)');

-- ---------------------------------------------------------------------------------------------
-- Per IP: 100 requests a minute
-- ---------------------------------------------------------------------------------------------
select tests.as_anon();
select tests.request('POST', '/rpc/apply_to_mission', '{"x-forwarded-for":"203.0.113.50"}');
select lives_ok($$select public.check_request() from generate_series(1, 100)$$, '100 requests from one IP in a minute go through');
select is(tests.check_request_outcome(), jsonb_build_object('state', 'PT429',
    'message', 'Too many requests from your network: slow down and try again in a minute.',
    'hint', format('Try again in %s seconds.', ceil(extract(epoch from to_timestamp(floor(extract(epoch from now()) / 60) * 60 + 60) - now()))::int)),
  'the 101st is refused with PT429 (HTTP 429), a clear message and the wait');
select throws_ok($$select public.check_request()$$, 'PT429', null, 'and so is the next one, until the window ends');
select tests.request('POST', '/rpc/apply_to_mission', '{"x-forwarded-for":"10.9.9.9, 203.0.113.50"}');
select throws_ok($$select public.check_request()$$, 'PT429', null,
  'the client is the rightmost x-forwarded-for entry (our proxy''s); what the client wrote on the left does not change it');
select tests.request('GET', '/missions', '{"x-forwarded-for":"203.0.113.50"}');
select is(tests.check_request_read_only(), 'PT429', 'a read (read-only transaction) from the limited IP is refused too');
select tests.request('POST', '/rpc/apply_to_mission', '{"x-forwarded-for":"203.0.113.51"}');
select lives_ok($$select public.check_request()$$, 'another IP is not affected');
select tests.request('POST', '/rpc/apply_to_mission', '{"cf-connecting-ip":"198.51.100.7","x-forwarded-for":"203.0.113.50"}');
select throws_ok($$select public.check_request()$$, 'PT429', null,
  'a cf-connecting-ip header is not trusted unless the deployment names it (a client can write it where Cloudflare is not the only way in)');
select tests.request('GET', '/missions', '{"x-forwarded-for":"203.0.113.52"}');
select is(tests.check_request_read_only(), 'ok', 'a read from a fresh IP goes through');
select tests.request('POST', '/rpc/apply_to_mission', '{}');
select lives_ok($$select public.check_request()$$, 'no client address (a server-side caller): no IP limit');
select tests.as_postgres();
select results_eq($$select key, hits from private.rate_limit_counters where key like 'ip:%' order by key$$,
  $$values ('ip:203.0.113.50', 100), ('ip:203.0.113.51', 1)$$,
  'counted per IP; refused requests and read-only ones are not counted');

-- Signed-in users count against their IP too; the platform is never limited.
select tests.authenticate_as('rl-a');
select tests.request('PATCH', '/profiles', '{"x-forwarded-for":"203.0.113.50"}');
select throws_ok($$select public.check_request()$$, 'PT429', null, 'a signed-in user behind the limited IP is limited too');
select tests.as_postgres();
select tests.as_service_role();
select tests.request('POST', '/rpc/record_release', '{"x-forwarded-for":"203.0.113.50"}');
select lives_ok($$select public.check_request() from generate_series(1, 20)$$, 'the service role is not limited');
select tests.as_postgres();

-- One client-IP rule for the deployment (settings), shared by the audit log and the limiter.
select set_config('request.headers', '{"x-forwarded-for":"1.1.1.1, 198.51.100.9, 10.0.0.2"}', true);
select is(host(private.client_ip()), '10.0.0.2', 'one trusted hop (default): the rightmost entry');
update private.settings set value = '2' where key = 'client_ip_trusted_hops';
select is(host(private.client_ip()), '198.51.100.9', 'two trusted hops (a load balancer behind the gateway): the second from the right');
select set_config('request.headers', '{"x-forwarded-for":"198.51.100.9"}', true);
select is(private.client_ip(), null, 'fewer entries than trusted hops: no client address (the request did not come through our proxies)');
update private.settings set value = '1' where key = 'client_ip_trusted_hops';
update private.settings set value = '"cf-connecting-ip"' where key = 'client_ip_header';
select set_config('request.headers', '{"cf-connecting-ip":"198.51.100.7","x-forwarded-for":"203.0.113.50"}', true);
select is(host(private.client_ip()), '198.51.100.7', 'a deployment behind Cloudflare only names cf-connecting-ip, and then it is the client');
update private.settings set value = '"x-forwarded-for"' where key = 'client_ip_header';
-- IPv6 clients are limited by their /64: rotating addresses inside it does not escape the limit.
select is(private.client_ip_key('2001:db8:1:2::1'), private.client_ip_key('2001:db8:1:2:ffff:ffff:ffff:9'), 'two addresses of one /64 share a key');
select isnt(private.client_ip_key('2001:db8:1:2::1'), private.client_ip_key('2001:db8:1:3::1'), 'another /64 has its own');
select tests.as_anon();
select tests.request('POST', '/rpc/apply_to_mission', '{"x-forwarded-for":"2001:db8:77:1::5"}');
select lives_ok($$select public.check_request()$$, 'an IPv6 request is counted');
select tests.as_postgres();
select is((select hits from private.rate_limit_counters where key = 'ip:2001:db8:77:1::/64'), 1, '... against its /64');

-- The limit is a setting.
update private.settings set value = '3' where key = 'rate_limit_ip_per_minute';
select tests.as_anon();
select tests.request('DELETE', '/notifications', '{"x-forwarded-for":"192.0.2.99"}');
select lives_ok($$select public.check_request() from generate_series(1, 3)$$, 'with the limit set to 3, three requests pass');
select throws_ok($$select public.check_request()$$, 'PT429', null, 'and the fourth is refused');
select tests.as_postgres();
update private.settings set value = '100' where key = 'rate_limit_ip_per_minute';

-- ---------------------------------------------------------------------------------------------
-- Per user on payment paths: 10 a minute
-- ---------------------------------------------------------------------------------------------
select tests.authenticate_as('rl-a');
select tests.request('POST', '/rpc/fund_mission', '{}');
select lives_ok($$select public.check_request() from generate_series(1, 10)$$, '10 payment calls by one user in a minute go through');
select is(tests.check_request_outcome() ->> 'message', 'Too many payment requests: try again in a minute.', 'the 11th is refused with its own message');
select throws_ok($$select public.check_request()$$, 'PT429', null, 'with PT429');
select tests.request('POST', '/rest/v1/rpc/record_deposit_intent', '{}');
select throws_ok($$select public.check_request()$$, 'PT429', null, 'every payment path counts (with or without the /rest/v1 prefix)');
select tests.request('GET', '/escrow_transactions', '{}');
select is(tests.check_request_read_only(), 'PT429', 'reading the escrow ledger counts as a payment path');
select tests.request('POST', '/rpc/send_message', '{}');
select lives_ok($$select public.check_request()$$, 'other paths are not payment paths');
select tests.as_postgres();
select tests.authenticate_as('rl-b');
select tests.request('POST', '/rpc/fund_mission', '{}');
select lives_ok($$select public.check_request()$$, 'another user is not affected');
select tests.as_postgres();
select is((select hits from private.rate_limit_counters where key = 'payments:user:65000000-0000-4000-8000-000000000001'), 10,
  'the user''s payment counter');
select tests.as_service_role();
select is((select allowed from private.check_rate_limit('payments:user:65000000-0000-4000-8000-000000000001', 10, 60)), false,
  'is the one the payments Edge Function checks: the limit holds across both');
select tests.as_postgres();
select is((select count(*)::int from private.rate_limit_counters where key like 'payments:user:%' and key <> 'payments:user:65000000-0000-4000-8000-000000000001'
           and key <> 'payments:user:65000000-0000-4000-8000-000000000002'), 0, 'anon calls never count as a user''s payments');

-- The expression is written for the regex engine's speed (lookahead, non-capturing groups); it
-- decides every path as its plain form does.
select is_empty($$
  select v.path, v.payment
    from (values ('/rpc/fund_mission', true), ('/rest/v1/rpc/fund_mission', true), ('/rpc/fund_mission/', true),
                 ('/rpc/fund_mission?x=1', true), ('/rpc/xrefundy', true), ('/rpc/release_milestone_payment', true),
                 ('/rpc/create_connected_account_link', true), ('/rpc/stripe', true), ('/escrow_transactions', true),
                 ('/rest/v1/escrow_transactions', true), ('/escrow_transactions?select=*', true),
                 ('/rpc/fund-mission', false), ('/rpc/Fund_mission', false), ('/rpc/send_message', false), ('/rpc/', false),
                 ('/rpc/fun', false), ('/escrow_transactionsx', false), ('/rest/v2/rpc/fund_mission', false),
                 ('/notifications', false), ('/rest/v1/missions', false), ('/missions/rpc/fund', false), ('', false),
                 ('/rpc/fund_mission' || repeat('x', 5000), true), ('/rpc/' || repeat('x', 5000), false)) v(path, payment)
    where (v.path ~ private.setting_text('rate_limit_payment_paths')) is distinct from v.payment
       or (v.path ~ '^(/rest/v1)?/(rpc/[a-z0-9_]*(payment|payout|escrow|deposit|refund|fund|release|transfer|stripe|connected_account)[a-z0-9_]*|escrow_transactions)(/|\?|$)') is distinct from v.payment
$$, 'the payment paths expression and its plain form give every path the same verdict');

-- ---------------------------------------------------------------------------------------------
-- Banned accounts
-- ---------------------------------------------------------------------------------------------
update public.profiles set account_status = 'banned' where id = '65000000-0000-4000-8000-000000000002';
select tests.authenticate_as('rl-b');
select tests.request('GET', '/notifications', '{"x-forwarded-for":"203.0.113.77"}');
select is(tests.check_request_read_only(), '42501', 'a banned user''s read is refused');
select tests.request('POST', '/rpc/send_message', '{"x-forwarded-for":"203.0.113.77"}');
select is(tests.check_request_outcome(), '{"state": "42501", "message": "This account is banned.", "hint": "Contact support if you think this is a mistake."}'::jsonb,
  'and their writes, with a clear message');
select tests.as_postgres();
select is((select count(*)::int from private.rate_limit_counters where key = 'ip:203.0.113.77'), 0, 'refused before anything is counted');

-- ---------------------------------------------------------------------------------------------
-- Its cost: the hook runs before every request, and the event and audit helpers on every write, so
-- all they call is PL/pgSQL (plans kept for the session; why: the comment above private.setting_int).
-- ---------------------------------------------------------------------------------------------
select is(
  array(select p.oid::regprocedure::text
        from pg_catalog.pg_proc p
        where p.oid = any (array['public.check_request()', 'private.check_request()', 'private.is_platform()', 'private.uid()',
                                 'private.client_ip()', 'private.client_ip_from(jsonb,text,integer)', 'private.client_ip_key(inet)', 'private.setting_int(text)',
                                 'private.setting_text(text)', 'private.enforce_rate_limit(text,integer,integer,text)',
                                 'private.check_rate_limit(text,integer,integer)', 'private.clock()',
                                 'private.emit(text,uuid,text,uuid,jsonb)', 'private.audit(text,text,uuid,jsonb,jsonb,jsonb)',
                                 'private.request_user_agent()']::regprocedure[])
          and p.prolang <> (select l.oid from pg_catalog.pg_language l where l.lanname = 'plpgsql')
        order by 1),
  '{}'::text[],
  'every function the pre-request hook and the per-write helpers call is PL/pgSQL (plans kept for the session, not made again per request)');

select * from finish();
rollback;
