// The background-check provider's webhook (functions/background-checks): signed like Stripe's webhooks,
// each event once, recording the result as an admin would, only for a contributor who consented.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { baseConfigSchema, loadConfig } from "../../functions/_shared/config.ts";
import { asCaller, connect } from "../../functions/_shared/db.ts";
import { type Deps, wrap } from "../../functions/_shared/handler.ts";
import { handler, sign } from "../../functions/background-checks/handler.ts";
import { LOCAL_BACKGROUND_CHECK_SECRET } from "../../scripts/lib/functions.mjs";
import { connectTestDb, createUser, keys, testDbUrl } from "./support.ts";

const raw = connectTestDb();
const db = connect(testDbUrl(), 2);
const run = Math.random().toString(36).slice(2, 8);
let deps: Deps;
let unconfigured: Deps;

beforeAll(async () => {
  const k = await keys();
  const base = { SUPABASE_URL: "http://127.0.0.1:54321", SUPABASE_DB_URL: testDbUrl(), SUPABASE_JWT_SECRET: k.jwtSecret };
  deps = { config: loadConfig(baseConfigSchema, { ...base, BACKGROUND_CHECK_WEBHOOK_SECRET: LOCAL_BACKGROUND_CHECK_SECRET }), db, now: () => new Date() };
  unconfigured = { config: loadConfig(baseConfigSchema, base), db, now: () => new Date() };
});
afterAll(async () => {
  await db.close();
  await raw.end();
});

async function contributor(consented: boolean) {
  const email = `bgc-${run}-${Math.random().toString(36).slice(2, 7)}@example.com`;
  const userId = await createUser(raw, email);
  const [c] = await raw<{ id: string }[]>`select id from public.contributor_profiles where user_id = ${userId}`;
  if (consented) {
    await asCaller(db.db, { role: "authenticated", sub: userId, email }, async (tx) => {
      await sql`select * from public.consent_to_background_check()`.execute(tx);
    });
  }
  return { userId, contributorId: c.id };
}

async function deliver(body: unknown, opts: { secret?: string; t?: number; header?: string | null; d?: Deps } = {}) {
  const text = JSON.stringify(body);
  const t = opts.t ?? Math.floor(Date.now() / 1000);
  const header = opts.header !== undefined ? opts.header : `t=${t},v1=${await sign(opts.secret ?? LOCAL_BACKGROUND_CHECK_SECRET, t, text)}`;
  const res = await wrap(handler, opts.d ?? deps)(new Request("http://x/background-checks", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(header === null ? {} : { "Background-Check-Signature": header }) },
    body: text,
  }));
  return { status: res.status, body: await res.json() };
}

const event = (contributorId: string, result: "passed" | "failed", id = `bgc_evt_${run}_${Math.random().toString(36).slice(2, 8)}`,
  created = Math.floor(Date.now() / 1000) + 1) =>
  ({ id, type: "check.completed", created, data: { contributor_id: contributorId, result, report_id: `rep_${run}` } });
const status = async (contributorId: string) =>
  (await raw<{ s: string }[]>`select background_check_status::text as s from public.contributor_private_details where contributor_id = ${contributorId}`)[0].s;

describe("the background-check provider's webhook", () => {
  it("records a signed result once: the check passes, the contributor is told, an audit entry names the provider", async () => {
    const c = await contributor(true);
    const ev = event(c.contributorId, "passed");
    expect(await deliver(ev)).toEqual({ status: 200, body: { received: true } });
    expect(await status(c.contributorId)).toBe("passed");
    expect(await deliver(ev)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    const [audit] = await raw<{ n: number; note: string }[]>`
      select count(*)::int as n, max(metadata ->> 'note') as note from public.audit_logs
      where action = 'contributor.background_check_recorded' and entity_id = ${c.contributorId}`;
    expect(audit).toEqual({ n: 1, note: `Reported by the background-check provider (report rep_${run}).` });
    const notes = await raw`select 1 from public.notifications where user_id = ${c.userId} and title = 'Background check passed'`;
    expect(notes).toHaveLength(1);
  });

  it("refuses a result the contributor did not consent to (409) and keeps nothing, so a later delivery is not a duplicate", async () => {
    const c = await contributor(false);
    const ev = event(c.contributorId, "failed");
    const refused = await deliver(ev);
    expect(refused.status).toBe(409);
    expect(await status(c.contributorId)).toBe("not_started");
    expect(await raw`select 1 from private.background_check_events where id = ${ev.id}`).toHaveLength(0);
  });

  it("refuses a result produced before the contributor's current consent (an earlier check's, delivered late)", async () => {
    const c = await contributor(true);
    const late = event(c.contributorId, "failed", undefined, Math.floor(Date.now() / 1000) - 86400);
    const res = await deliver(late);
    expect(res.status).toBe(409);
    expect(await status(c.contributorId)).toBe("in_progress");
  });

  it("refuses a forged, stale, future-dated or missing signature and a malformed event, changing nothing", async () => {
    const c = await contributor(true);
    const ev = event(c.contributorId, "passed");
    const now = Math.floor(Date.now() / 1000);
    const bad = { status: 400, body: { error: { code: "bad_request", message: "The signature does not match, or is too old." } } };
    expect(await deliver(ev, { secret: "x".repeat(40) })).toEqual(bad);
    expect(await deliver(ev, { t: now - 3600 })).toEqual(bad);
    expect(await deliver(ev, { t: now + 3600 })).toEqual(bad);
    expect(await deliver(ev, { header: "t=1,v1=deadbeef" })).toEqual(bad);
    expect((await deliver(ev, { header: null })).status).toBe(401);
    expect((await deliver({ ...ev, data: { ...ev.data, result: "maybe" } })).status).toBe(400);
    expect(await status(c.contributorId)).toBe("in_progress");
    expect((await deliver(ev, { d: unconfigured })).status).toBe(503);
    expect(await status(c.contributorId)).toBe("in_progress");
  });
});
