// The pre-request check and proof task hand-out under real conditions: every request is its own
// committed transaction on its own connection, exactly as PostgREST runs it (BEGIN [READ ONLY];
// role + request.* settings; public.check_request(); the request; COMMIT). pgTAP proves the rules
// inside one transaction; this proves they hold across transactions and under concurrency.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { connectTestDb, createUser, testDbUrl } from "./support.ts";

const raw = connectTestDb(4);
const CLIENTS = 30;
const clients: postgres.Sql[] = Array.from({ length: CLIENTS }, () =>
  postgres(testDbUrl(), { max: 1, prepare: false, idle_timeout: 0, onnotice: () => {} }),
);

beforeAll(async () => {
  await Promise.all(clients.map((c) => c`select 1`));
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
  await raw.end({ timeout: 5 });
});

// Unique per run: the test database is shared by every test file of the run.
const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const octet = () => 1 + Math.floor(Math.random() * 250);
const freshIp = () => `198.18.${octet()}.${octet()}`; // RFC 2544 benchmarking range

type Claims = { role: string; sub?: string; [k: string]: unknown };
type Request = { claims: Claims; method: string; path: string; headers?: Record<string, string> };
type Outcome = { ok: true; value: unknown } | { ok: false; code: string; message: string };

/** One Data API request: the pre-request check, then `body` (if any), in one transaction. */
async function request(client: postgres.Sql, req: Request, body?: (tx: postgres.TransactionSql) => Promise<unknown>,
                       gate?: () => Promise<void>): Promise<Outcome> {
  const readOnly = req.method === "GET" || req.method === "HEAD";
  try {
    const value = await client.begin(readOnly ? "read only" : "read write", async (tx) => {
      await tx`select set_config('role', ${req.claims.role}, true),
                      set_config('request.jwt.claims', ${JSON.stringify(req.claims)}, true),
                      set_config('request.method', ${req.method}, true),
                      set_config('request.path', ${req.path}, true),
                      set_config('request.headers', ${JSON.stringify(req.headers ?? {})}, true)`;
      if (gate) await gate();
      await tx`select public.check_request()`;
      return body ? await body(tx) : null;
    });
    return { ok: true, value };
  } catch (err) {
    const e = err as { code?: unknown; message?: string };
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return { ok: false, code: e.code, message: e.message ?? "" };
    throw err;
  }
}

/** Every caller waits here until all have started their transaction. */
function barrier(n: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return async () => {
    arrived += 1;
    if (arrived >= n) open();
    await opened;
  };
}

/** The limits use one-minute windows: start a burst well inside one. */
async function awaitFreshWindow() {
  const s = new Date().getUTCSeconds();
  if (s > 45) await new Promise((r) => setTimeout(r, (61 - s) * 1000));
}

const anon: Claims = { role: "anon" };
const claimsOf = (id: string): Claims => ({ role: "authenticated", sub: id, aud: "authenticated" });

describe("public.check_request across real requests", () => {
  it("lets 100 requests from one IP through in a minute and refuses the 101st with PT429", async () => {
    await awaitFreshWindow();
    const ip = freshIp();
    const post: Request = { claims: anon, method: "POST", path: "/rpc/apply_to_mission", headers: { "x-forwarded-for": ip } };
    for (let i = 0; i < 100; i++) {
      const out = await request(clients[i % CLIENTS], post);
      expect(out, `request ${i + 1}`).toEqual({ ok: true, value: null });
    }
    const refused = await request(clients[0], post);
    expect(refused).toMatchObject({ ok: false, code: "PT429", message: "Too many requests from your network: slow down and try again in a minute." });
    // A read (read-only transaction) from that IP is refused too, without being counted.
    expect(await request(clients[1], { ...post, method: "GET", path: "/missions" })).toMatchObject({ ok: false, code: "PT429" });
    const [row] = await raw<{ hits: number }[]>`select hits from private.rate_limit_counters where key = ${`ip:${ip}`} order by window_start desc limit 1`;
    expect(row.hits).toBe(100);
  });

  it("does not count reads, which run in read-only transactions", async () => {
    const ip = freshIp();
    const get: Request = { claims: anon, method: "GET", path: "/missions", headers: { "x-forwarded-for": ip } };
    for (let i = 0; i < 5; i++) expect(await request(clients[i], get)).toEqual({ ok: true, value: null });
    const rows = await raw`select 1 from private.rate_limit_counters where key = ${`ip:${ip}`}`;
    expect(rows.length).toBe(0);
  });

  it("lets exactly 10 of 30 simultaneous payment calls by one user through", async () => {
    await awaitFreshWindow();
    const id = await createUser(raw, `vt-pay-${RUN}@example.com`, { full_name: "Pay Racer" });
    const gate = barrier(CLIENTS);
    const outcomes = await Promise.all(
      clients.map((c) => request(c, { claims: claimsOf(id), method: "POST", path: "/rpc/fund_mission" }, undefined, gate)),
    );
    expect(outcomes.filter((o) => o.ok).length).toBe(10);
    const refused = outcomes.filter((o): o is Extract<Outcome, { ok: false }> => !o.ok);
    expect(new Set(refused.map((o) => o.code))).toEqual(new Set(["PT429"]));
    expect(refused[0].message).toBe("Too many payment requests: try again in a minute.");
    // Other paths are not payment paths.
    expect(await request(clients[0], { claims: claimsOf(id), method: "POST", path: "/rpc/send_message" })).toEqual({ ok: true, value: null });
  });

  it("refuses every request of a banned user, reads included", async () => {
    const id = await createUser(raw, `vt-banned-${RUN}@example.com`, { full_name: "Ben Banned" });
    await raw`update public.profiles set account_status = 'banned' where id = ${id}`;
    for (const method of ["GET", "POST"]) {
      expect(await request(clients[0], { claims: claimsOf(id), method, path: "/notifications" }))
        .toMatchObject({ ok: false, code: "42501", message: "This account is banned." });
    }
  });
});

describe("proof tasks under concurrency", () => {
  const category = `vt_${RUN}`;
  let contributor = "";

  beforeAll(async () => {
    contributor = await createUser(raw, `vt-proof-${RUN}@example.com`, { full_name: "Quinn Proof" });
    await raw`insert into public.proof_tasks (title, scenario, category, time_limit_minutes)
              select 'Concurrent task ' || g, 'Scenario ' || g, ${category}, 30 from generate_series(1, 5) g`;
  });

  it("hands out one current task however many requests ask at once", async () => {
    const gate = barrier(10);
    const outcomes = await Promise.all(
      clients.slice(0, 10).map((c) =>
        request(c, { claims: claimsOf(contributor), method: "POST", path: "/rpc/get_current_proof_task" },
          async (tx) => (await tx`select public.get_current_proof_task(${category}) as task`)[0].task, gate)),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const taskIds = new Set(outcomes.map((o) => (o.ok ? (o.value as { task_id: string }).task_id : null)));
    expect(taskIds.size).toBe(1);
    const [{ n }] = await raw<{ n: number }[]>`
      select count(*)::int as n from private.proof_task_attempts a
      join public.contributor_profiles c on c.id = a.contributor_id where c.user_id = ${contributor}`;
    expect(n).toBe(1);
  });
});
