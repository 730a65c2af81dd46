// The email worker against a Resend stand-in that fails, times out, then succeeds: each email is
// delivered exactly once, opt-outs respected. And an error inside a function, served by real Deno,
// reaches a Sentry stand-in without personal data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseConfigSchema, loadConfig } from "../../functions/_shared/config.ts";
import { connect } from "../../functions/_shared/db.ts";
import { makeEmail } from "../../functions/_shared/email.ts";
import type { Deps } from "../../functions/_shared/handler.ts";
import { drainEmails } from "../../functions/email-worker/handler.ts";
import { createResendStandin } from "../../scripts/lib/standins/resend.mjs";
import { createSentryStandin } from "../../scripts/lib/standins/sentry.mjs";
import { LOCAL_RESEND } from "../../scripts/lib/functions.mjs";
import { connectTestDb, createUser, keys, startGateway, testDbUrl, tokenFor } from "./support.ts";

const raw = connectTestDb(2);
const db = connect(testDbUrl(), 2);
const resend = createResendStandin();
let deps: Deps;
let resendUrl: string;
const run = Math.random().toString(36).slice(2, 8);

beforeAll(async () => {
  resendUrl = `http://127.0.0.1:${await resend.listen()}`;
  const k = await keys();
  const config = loadConfig(baseConfigSchema, {
    SUPABASE_URL: "http://127.0.0.1:54321", SUPABASE_DB_URL: testDbUrl(), SUPABASE_JWT_SECRET: k.jwtSecret,
    RESEND_API_KEY: LOCAL_RESEND.apiKey, RESEND_BASE_URL: resendUrl, EMAIL_TIMEOUT_MS: "300",
  });
  deps = { config, db, now: () => new Date(), email: makeEmail(config) };
  // Earlier test files queued emails of their own; this file starts from a clean outbox.
  await raw`update private.jobs set status = 'done' where kind = 'email' and status in ('queued', 'running')`;
});
afterAll(async () => {
  await resend.close();
  await db.close();
  await raw.end();
});

const delivered = () => resend.state.delivered as { to: string[]; subject: string; text: string; html: string; idempotencyKey: string }[];
const fault = (f: Record<string, unknown>) => resend.state.faults.push({ times: 1, ...f });
const readyNow = () => raw`update private.jobs set run_after = now() where kind = 'email' and status = 'queued'`;

describe("the email worker", () => {
  it("delivers each email exactly once through failures and a timeout", async () => {
    const email = `welcome-${run}@example.com`;
    const id = await createUser(raw, email, { full_name: "Wendy Welcome", role: "initiator" });
    fault({ status: 500 });
    let out = await drainEmails(deps);
    expect(out).toEqual([expect.objectContaining({ result: "retry" })]);
    expect(delivered().filter((d) => d.to.includes(email))).toHaveLength(0);

    // A timeout: Resend received it (and delivers it) but answered too late for us.
    await readyNow();
    fault({ delayMs: 1000 });
    out = await drainEmails(deps);
    expect(out).toEqual([expect.objectContaining({ result: "retry" })]);

    // The retry repeats the request with the same Idempotency-Key: no second delivery.
    await readyNow();
    out = await drainEmails(deps);
    expect(out).toEqual([expect.objectContaining({ result: "sent" })]);
    const mine = delivered().filter((d) => d.to.includes(email));
    expect(mine).toHaveLength(1);
    expect(mine[0].subject).toBe("Welcome to PEOPLE");
    expect(mine[0].text).toContain("Welcome, Wendy Welcome");
    expect(mine[0].html).toContain("<h1");
    expect(mine[0].idempotencyKey).toMatch(/^email-\d+$/);
    const [job] = await raw<{ status: string; attempts: number }[]>`
      select status, attempts from private.jobs where kind = 'email' and payload ->> 'user_id' = ${id}`;
    expect(job).toEqual({ status: "done", attempts: 3 });
    // Nothing left to send: another pass sends nothing.
    expect(await drainEmails(deps)).toEqual([]);
  });

  it("gives up after max attempts into the dead letters", async () => {
    const email = `dead-${run}@example.com`;
    const id = await createUser(raw, email, { full_name: "Dee Dead" });
    await raw`update private.jobs set max_attempts = 2 where kind = 'email' and payload ->> 'user_id' = ${id}`;
    fault({ status: 500 });
    await drainEmails(deps);
    await readyNow();
    fault({ status: 503 });
    const out = await drainEmails(deps);
    expect(out).toEqual([expect.objectContaining({ result: "dead" })]);
    const [job] = await raw<{ status: string; last_error: string }[]>`
      select status, last_error from private.jobs where kind = 'email' and payload ->> 'user_id' = ${id}`;
    expect(job.status).toBe("dead");
    expect(job.last_error).toMatch(/Resend/);
  });

  it("respects opt-outs, even one made after the email was queued", async () => {
    const email = `optout-${run}@example.com`;
    const id = await createUser(raw, email, { full_name: "Otto Optout" });
    await raw`update public.profiles set email_opt_outs = '{welcome}' where id = ${id}`;
    const out = await drainEmails(deps);
    expect(out).toEqual([expect.objectContaining({ result: "skipped" })]);
    expect(delivered().filter((d) => d.to.includes(email))).toHaveLength(0);
  });
});

describe("Sentry", () => {
  const sentry = createSentryStandin();
  let stop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await stop?.();
    await sentry.close();
  });

  it("reports a function's failure to Sentry without personal data", async () => {
    const port = await sentry.listen();
    // A database the function cannot use (no migrations): the health check fails with a 503.
    await raw.unsafe(`drop database if exists people_test_sentry with (force)`);
    await raw.unsafe(`create database people_test_sentry`);
    const broken = new URL(testDbUrl());
    broken.pathname = "/people_test_sentry";
    const gw = await startGateway({ SUPABASE_DB_URL: broken.toString(), SENTRY_DSN: `http://publickey@127.0.0.1:${port}/42` });
    stop = gw.stop;
    const userId = await createUser(raw, `sentry-${run}@example.com`);
    const token = await tokenFor(userId, { email: `sentry-${run}@example.com` });
    const res = await fetch(`${gw.baseUrl}/health?email=sentry-${run}@example.com`, {
      headers: { Authorization: `Bearer ${token}`, Cookie: "session=secret-cookie", "X-Forwarded-For": "203.0.113.50" },
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: "database_unavailable", message: "The database cannot be reached." } });

    for (let i = 0; i < 50 && sentry.state.envelopes.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(sentry.state.envelopes.length).toBeGreaterThan(0);
    const all = sentry.state.envelopes.map((e: { raw: string }) => e.raw).join("\n");
    expect(all).toContain("supabase_migrations.schema_migrations"); // the real cause is reported
    expect(all).toContain('"function":"health"');
    for (const secret of [token, `sentry-${run}@example.com`, userId, "secret-cookie", "203.0.113.50"]) {
      expect(all).not.toContain(secret);
    }
    await raw.unsafe(`drop database if exists people_test_sentry with (force)`).catch(() => {});
  });
});
