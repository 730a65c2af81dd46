// The end-to-end scenario through the real layers (see scripts/lib/scenario.mjs, also `npm run demo`):
// users created as Supabase Auth creates them, RPCs run with the roles and claims PostgREST sets,
// Edge Functions served by real Deno over HTTP, the Stripe and Resend stand-ins. An initiator creates
// a mission with three milestones, publishes and funds it (webhook), contributors apply and are
// matched, the team forms, a milestone is submitted, sent back, resubmitted and approved, payouts go
// out, the mission completes, both sides review; notifications, realtime, emails and the ledger are
// checked at every step.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScenario } from "../../scripts/lib/scenario.mjs";
import { createResendStandin } from "../../scripts/lib/standins/resend.mjs";
import { createStripeStandin } from "../../scripts/lib/standins/stripe.mjs";
import { connectTestDb, type Gateway, keys, startGateway, testDbUrl } from "./support.ts";

const stripe = createStripeStandin();
const resend = createResendStandin();
let gw: Gateway;
let stripeUrl: string;
let resendUrl: string;

beforeAll(async () => {
  stripeUrl = `http://127.0.0.1:${await stripe.listen()}`;
  resendUrl = `http://127.0.0.1:${await resend.listen()}`;
  gw = await startGateway({ STRIPE_API_BASE: stripeUrl, RESEND_BASE_URL: resendUrl });
  // Earlier test files queued emails of their own (the money property suite alone creates hundreds of
  // users, each welcomed): this file starts from a clean outbox, as email-sentry.test.ts does, so one
  // email-worker run reaches this scenario's emails.
  const raw = connectTestDb(1);
  await raw`update private.jobs set status = 'done' where kind = 'email' and status in ('queued', 'running')`;
  await raw.end();
});
afterAll(async () => {
  await gw?.stop();
  await stripe.close();
  await resend.close();
});

describe("one mission's whole life", () => {
  it("goes from draft to completed with money, notifications, realtime and email all consistent", async () => {
    const lines: string[] = [];
    const { summary, checks } = await runScenario({
      dbUrl: testDbUrl(), functionsUrl: gw.baseUrl, serviceRoleKey: (await keys()).serviceRoleKey,
      stripeUrl, resendUrl, say: (l: string) => lines.push(l),
    });
    expect(checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
    expect(checks.length).toBeGreaterThanOrEqual(60);
    // team payouts: a transfer per member (lead, shadow, core reviewer) for each of the 3 milestones
    expect(summary).toMatchObject({ funded: "1000005", held: "0", refunded: "0", transfers: 9 });
    expect(Number(summary.released) + Number(summary.fees)).toBe(1_000_005);
    expect(lines.at(-1)).toMatch(/checks passed/);
  });
});
