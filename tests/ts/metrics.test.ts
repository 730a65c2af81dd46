// The metrics function (issue 22): its token, the Prometheus text format, and figures that agree with
// the database they are read from, plus the request counts wrap() keeps.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseConfigSchema, loadConfig } from "../../functions/_shared/config.ts";
import { connect } from "../../functions/_shared/db.ts";
import { type Deps, wrap } from "../../functions/_shared/handler.ts";
import { resetRequestMetrics } from "../../functions/_shared/metrics.ts";
import { handler as health } from "../../functions/health/handler.ts";
import { handler as metrics } from "../../functions/metrics/handler.ts";
import { LOCAL_METRICS_TOKEN } from "../../scripts/lib/functions.mjs";
import { connectTestDb, type Gateway, keys, startGateway, testDbUrl } from "./support.ts";

const TOKEN = "a-metrics-token-of-at-least-32-characters";
const raw = connectTestDb();
const db = connect(testDbUrl(), 2);
let gw: Gateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw?.stop();
  await db.close();
  await raw.end();
});

async function deps(env: Record<string, string> = { METRICS_TOKEN: TOKEN }): Promise<Deps> {
  const config = loadConfig(baseConfigSchema, {
    SUPABASE_URL: "http://127.0.0.1:54321", SUPABASE_DB_URL: testDbUrl(), SUPABASE_JWT_SECRET: (await keys()).jwtSecret, ...env,
  });
  return { config, db, now: () => new Date() };
}

const scrape = async (d: Deps, token: string | null = TOKEN, method = "GET") =>
  wrap(metrics, d, "metrics")(new Request("http://x/metrics", { method, headers: token ? { Authorization: `Bearer ${token}` } : {} }));

/** Parses the text format strictly: every line a comment of HELP/TYPE or a sample; returns the samples. */
function parse(text: string) {
  const samples = new Map<string, number>();
  const typed = new Set<string>();
  for (const line of text.trimEnd().split("\n")) {
    const meta = /^# (HELP|TYPE) ([a-z_:][a-z0-9_:]*) (.+)$/.exec(line);
    if (meta) {
      if (meta[1] === "TYPE") {
        expect(["gauge", "counter", "histogram"]).toContain(meta[3]);
        typed.add(meta[2]);
      }
      continue;
    }
    const m = /^([a-z_:][a-z0-9_:]*)(\{(?:[a-z_]+="(?:[^"\\]|\\.)*",?)*\})? (-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|\+Inf|NaN)$/.exec(line);
    expect(m, `not a Prometheus sample line: ${line}`).not.toBeNull();
    const family = m![1].replace(/_(bucket|sum|count)$/, "");
    expect(typed.has(m![1]) || typed.has(family), `sample before its TYPE: ${line}`).toBe(true);
    samples.set(`${m![1]}${m![2] ?? ""}`, Number(m![3]));
  }
  return samples;
}

describe("metrics", () => {
  it("answers 401 without the metrics token or with another, 405 to POST, 503 when not configured", async () => {
    const d = await deps();
    expect((await scrape(d, null)).status).toBe(401);
    expect((await scrape(d, `${TOKEN}x`)).status).toBe(401);
    expect((await scrape(d, (await keys()).serviceRoleKey)).status).toBe(401); // a JWT is not the metrics token
    expect((await scrape(d, TOKEN, "POST")).status).toBe(405);
    expect((await scrape(await deps({}))).status).toBe(503);
  });

  it("serves the text format, with figures equal to what the database says", async () => {
    const res = await scrape(await deps());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const samples = parse(await res.text());
    expect(samples.get("people_up")).toBe(1);

    const missions = await raw<{ status: string; n: number }[]>`select status::text, count(*)::int as n from public.missions group by 1`;
    for (const { status, n } of missions) expect(samples.get(`people_missions{status="${status}"}`)).toBe(n);
    const [{ dead }] = await raw<{ dead: number }[]>`select count(*)::int as dead from private.jobs where status = 'dead'`;
    expect(samples.get("people_jobs_dead_letters")).toBe(dead);
    const held = await raw<{ currency: string; held: string }[]>`
      select m.currency::text as currency, sum(p.held_cents + p.disputed_cents)::text as held
      from public.missions m, public.mission_escrow_position(m.id) p
      where exists (select from public.escrow_transactions e where e.mission_id = m.id) group by 1`;
    for (const { currency, held: cents } of held) expect(samples.get(`people_escrow_held_cents{currency="${currency}"}`)).toBe(Number(cents));
    const failures = await raw<{ timer: string; n: number }[]>`select timer, count(*)::int as n from private.lifecycle_timer_failures group by 1`;
    for (const { timer, n } of failures) expect(samples.get(`people_lifecycle_timer_failures{timer="${timer}"}`)).toBe(n);
    const [{ users }] = await raw<{ users: number }[]>`select count(*)::int as users from public.profiles`;
    const signups = [...samples].filter(([k]) => k.startsWith("people_signups_total{")).reduce((n, [, v]) => n + v, 0);
    expect(signups).toBe(users);
  });

  it("counts the rows a lifecycle timer failed to move", async () => {
    const before = parse(await (await scrape(await deps())).text()).get('people_lifecycle_timer_failures{timer="auto_approve"}') ?? 0;
    const id = crypto.randomUUID();
    await raw`insert into private.lifecycle_timer_failures (timer, entity_id, last_error) values ('auto_approve', ${id}, 'boom')`;
    try {
      const after = parse(await (await scrape(await deps())).text());
      expect(after.get('people_lifecycle_timer_failures{timer="auto_approve"}')).toBe(before + 1);
    } finally {
      await raw`delete from private.lifecycle_timer_failures where entity_id = ${id}`;
    }
  });

  it("counts a dead letter and ages the oldest waiting payout", async () => {
    const before = parse(await (await scrape(await deps())).text());
    await raw`insert into private.jobs (kind, payload, status, created_at) values
      ('release_payout', '{}', 'dead', now()), ('release_payout', '{}', 'waiting', now() - interval '2 hours')`;
    try {
      const after = parse(await (await scrape(await deps())).text());
      expect(after.get("people_jobs_dead_letters")).toBe(before.get("people_jobs_dead_letters")! + 1);
      expect(after.get("people_payout_oldest_waiting_seconds")).toBeGreaterThanOrEqual(7200);
      expect(after.get('people_jobs{kind="release_payout",state="waiting"}')).toBeGreaterThanOrEqual(1);
    } finally {
      await raw`delete from private.jobs where kind = 'release_payout' and payload = '{}'::jsonb and status in ('dead', 'waiting')`;
    }
  });

  it("counts the requests the functions served, by status, with a latency histogram", async () => {
    resetRequestMetrics();
    const d = await deps();
    const anon = (await keys()).anonKey;
    for (let i = 0; i < 3; i++) await wrap(health, d, "health")(new Request("http://x/health", { headers: { Authorization: `Bearer ${anon}` } }));
    await wrap(health, d, "health")(new Request("http://x/health"));
    const samples = parse(await (await scrape(d)).text());
    expect(samples.get('people_function_requests_total{function="health",status="200"}')).toBe(3);
    expect(samples.get('people_function_requests_total{function="health",status="401"}')).toBe(1);
    expect(samples.get('people_function_request_duration_seconds_count{function="health"}')).toBe(4);
    expect(samples.get('people_function_request_duration_seconds_bucket{function="health",le="+Inf"}')).toBe(4);
  });

  it("serves every metric the Grafana dashboard and the alerts query", async () => {
    const dir = path.resolve(import.meta.dirname, "../../docs/monitoring");
    const dashboard = JSON.parse(fs.readFileSync(path.join(dir, "grafana-dashboard.json"), "utf8"));
    const queried = new Set<string>();
    for (const text of [JSON.stringify(dashboard), fs.readFileSync(path.join(dir, "people-alerts.yml"), "utf8")]) {
      for (const m of text.matchAll(/\b(people_[a-z0-9_]+)/g)) queried.add(m[1].replace(/_(bucket|sum|count)$/, ""));
    }
    const d = await deps();
    await wrap(health, d, "health")(new Request("http://x/health"));
    const text = await (await scrape(d)).text();
    parse(text);
    const families = new Set([...text.matchAll(/^# TYPE ([a-z0-9_]+) /gm)].map((m) => m[1]));
    expect(queried.size).toBeGreaterThan(8);
    expect([...queried].filter((q) => !families.has(q))).toEqual([]);
  });

  it("is served over HTTP by the local gateway with the local token", async () => {
    const res = await fetch(`${gw.baseUrl}/metrics`, { headers: { Authorization: `Bearer ${LOCAL_METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(parse(await res.text()).get("people_up")).toBe(1);
    expect((await fetch(`${gw.baseUrl}/metrics`)).status).toBe(401);
  });
});
