// Shared helpers of the money tests (money-property.test.ts, faults.test.ts): people and missions
// made cheaply with SQL where the lifecycle is not under test, a Stripe stand-in per world, the real
// Edge Function handlers in-process (payments, stripe-webhook, payouts-worker), webhooks signed
// exactly as Stripe signs them, and the auditor that rebuilds every balance from the ledger and from
// Stripe's records.
import Stripe from "stripe";
import { type DatabaseConnection, type Driver, Kysely, sql } from "kysely";
import { PostgresJSDialect } from "kysely-postgres-js";
import postgres from "postgres";
import { baseConfigSchema, loadConfig } from "../../functions/_shared/config.ts";
import { asCaller, connect, type Db } from "../../functions/_shared/db.ts";
import { type Deps, wrap } from "../../functions/_shared/handler.ts";
import { makeStripe } from "../../functions/_shared/stripe.ts";
import { handler as paymentsHandler } from "../../functions/payments/handler.ts";
import { handler as webhookHandler } from "../../functions/stripe-webhook/handler.ts";
import { createStripeStandin } from "../../scripts/lib/standins/stripe.mjs";
import { LOCAL_STRIPE, localWebhookSecret } from "../../scripts/lib/functions.mjs";
import type { DB } from "../../types/db.ts";
import { createUser, keys, testDbUrl, tokenFor } from "../ts/support.ts";

export const signer = new Stripe("sk_test_signer_only");
export const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let counter = 0;
export const uniq = (what: string) => `${what}-${RUN}-${++counter}`;

// ------------------------------------------------------------------------------------------------
// Connections
// ------------------------------------------------------------------------------------------------
/** functions/_shared/db.ts connect(), with our own application_name (so a test can find its backends). */
export function connectDb(url: string, max: number, applicationName: string): Db {
  return connect(url, max, applicationName);
}

/**
 * A pool for a process about to die (the fault tests): after die(), it sends nothing more (its
 * statements in flight end with the server or its sockets) and gives no connection back to the
 * pool, as a dead process would not. (Handing a connection whose backend died back to a postgres.js
 * 3.4.9 pool makes the next query on it hang: porsager/postgres#1199.)
 */
export function connectDoomedDb(url: string, max: number, applicationName: string): Db & { die: () => void } {
  const client = postgres(url, {
    max,
    idle_timeout: 20,
    connect_timeout: 10,
    prepare: false,
    onnotice: () => {},
    connection: { application_name: applicationName },
  });
  const state = { dead: false };
  const died = () => new Error("the process died");
  class DoomedDialect extends PostgresJSDialect {
    override createDriver(): Driver {
      const inner = super.createDriver();
      const unwrap = new WeakMap<DatabaseConnection, DatabaseConnection>();
      return {
        init: () => inner.init(),
        async acquireConnection() {
          if (state.dead) throw died();
          const c = await inner.acquireConnection();
          const w: DatabaseConnection = {
            executeQuery: (q) => (state.dead ? Promise.reject(died()) : c.executeQuery(q)),
            streamQuery: (q, n) => c.streamQuery(q, n),
          };
          unwrap.set(w, c);
          return w;
        },
        beginTransaction: (c, settings) => inner.beginTransaction(c, settings),
        commitTransaction: (c) => inner.commitTransaction(c),
        rollbackTransaction: (c) => inner.rollbackTransaction(c),
        releaseConnection: (c) => (state.dead ? Promise.resolve() : inner.releaseConnection(unwrap.get(c) ?? c)),
        destroy: () => inner.destroy(),
      };
    }
  }
  const db = new Kysely<DB>({ dialect: new DoomedDialect({ postgres: client }) });
  return {
    sql: client,
    db,
    close: async () => {
      await client.end({ timeout: 0 }).catch(() => {});
    },
    die: () => {
      state.dead = true;
    },
  };
}

export type Env = { raw: postgres.Sql; db: Db; jwtSecret: string };

export async function openEnv(applicationName: string, pool = 8): Promise<Env> {
  const raw = postgres(testDbUrl(), { max: 4, onnotice: () => {}, connection: { application_name: applicationName } });
  const db = connectDb(testDbUrl(), pool, applicationName);
  return { raw, db, jwtSecret: (await keys()).jwtSecret };
}

export async function closeEnv(env: Env) {
  await env.db.close();
  await env.raw.end({ timeout: 5 });
}

// ------------------------------------------------------------------------------------------------
// A Stripe stand-in and the deps pointing at it
// ------------------------------------------------------------------------------------------------
export type StripeOptions = { timeout?: number; maxNetworkRetries?: number };
export type Standin = ReturnType<typeof createStripeStandin>;

export type StripeWorld = {
  standin: Standin;
  base: string;
  deps: Deps;
  control: <T = Stripe.Event>(name: string, ...args: unknown[]) => Promise<T>;
  state: () => Promise<StandinState>;
  close: () => Promise<void>;
};
export type StandinState = {
  transfers: Stripe.Transfer[];
  refunds: Stripe.Refund[];
  charges: (Stripe.Charge & { disputed?: boolean })[];
  paymentIntents: Stripe.PaymentIntent[];
  accounts: Stripe.Account[];
};
export type StripeCall = { method: string; path: string; params: Record<string, unknown>; idempotencyKey: string | null; at: number };

export async function startStripe(env: Env, opts: StripeOptions = {}): Promise<StripeWorld> {
  const standin = createStripeStandin();
  const port = await standin.listen();
  const base = `http://127.0.0.1:${port}`;
  const config = loadConfig(baseConfigSchema, {
    SUPABASE_URL: "http://127.0.0.1:54321",
    SUPABASE_DB_URL: testDbUrl(),
    SUPABASE_JWT_SECRET: env.jwtSecret,
    STRIPE_SECRET_KEY: LOCAL_STRIPE.secretKey,
    STRIPE_WEBHOOK_SECRET: LOCAL_STRIPE.webhookSecret,
    STRIPE_CONNECT_WEBHOOK_SECRET: LOCAL_STRIPE.connectWebhookSecret,
    STRIPE_API_BASE: base,
    PAYMENTS_RATE_LIMIT_PER_MINUTE: "10000",
  });
  // The production client (makeStripe: maxNetworkRetries 2, timeout 20 s), or the same pointed at
  // the stand-in with a shorter timeout / other retries for the fault tests.
  const stripe = opts.timeout === undefined && opts.maxNetworkRetries === undefined
    ? makeStripe(config)!
    : new Stripe(LOCAL_STRIPE.secretKey, {
      httpClient: Stripe.createFetchHttpClient(),
      maxNetworkRetries: opts.maxNetworkRetries ?? 2,
      timeout: opts.timeout ?? 20_000,
      host: "127.0.0.1",
      port,
      protocol: "http",
    });
  const deps: Deps = { config, db: env.db, now: () => new Date(), stripe };
  const control = async <T = Stripe.Event>(name: string, ...args: unknown[]): Promise<T> => {
    const res = await fetch(`${base}/_standin/${name}`, { method: "POST", body: JSON.stringify({ args }) });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`stand-in control ${name} answered ${res.status}: ${JSON.stringify(body)}`);
    return body as T;
  };
  const state = async () => (await (await fetch(`${base}/_standin/state`, { method: "POST" })).json()) as StandinState;
  return { standin, base, deps, control, state, close: () => standin.close() };
}

/** Injects a failure in the stand-in: the next `times` calls matching "METHOD /path" answer `status` (after delayMs). */
export async function fault(world: StripeWorld, f: { match?: string; status?: number; delayMs?: number; times?: number }) {
  const res = await fetch(`${world.base}/_standin/fault`, { method: "POST", body: JSON.stringify(f) });
  if (res.status !== 200) throw new Error(`fault: ${res.status}`);
}

export const calls = async (world: StripeWorld) => world.control<StripeCall[]>("calls");

// ------------------------------------------------------------------------------------------------
// People
// ------------------------------------------------------------------------------------------------
export type Person = {
  id: string;
  email: string;
  token: string;
  claims: { role: "authenticated"; sub: string; email: string };
};

export async function person(env: Env, label: string, meta: Record<string, unknown> = {}): Promise<Person> {
  const email = `${uniq(label)}@example.com`;
  const id = await createUser(env.raw, email, meta);
  return { id, email, token: await tokenFor(id, { email }), claims: { role: "authenticated", sub: id, email } };
}

export async function verifiedContributor(env: Env, label: string): Promise<Person & { contributorId: string }> {
  const p = await person(env, label);
  const [c] = await env.raw<{ id: string }[]>`
    update public.contributor_profiles set verification_status = 'verified' where user_id = ${p.id} returning id`;
  return { ...p, contributorId: c.id };
}

export async function initiator(env: Env, label = "initiator"): Promise<Person & { initiatorId: string }> {
  const p = await person(env, label, { role: "initiator" });
  const [i] = await env.raw<{ id: string }[]>`select id from public.initiator_profiles where user_id = ${p.id}`;
  return { ...p, initiatorId: i.id };
}

export async function admin(env: Env): Promise<Person> {
  const p = await person(env, "admin");
  await env.raw`update public.profiles set primary_role = 'admin' where id = ${p.id}`;
  return p;
}

// ------------------------------------------------------------------------------------------------
// Calling things as PostgREST / the Edge Functions would
// ------------------------------------------------------------------------------------------------
/**
 * An RPC as the caller, like PostgREST's /rpc/<fn>: one transaction with the role and claims, the
 * pre-request hook (public.check_request, which remembers the caller's facts for the policies and
 * guards), then the call.
 */
export function rpc<T = Record<string, unknown>>(env: Env, who: Person | "service", fn: string, args: Record<string, unknown>) {
  return asCaller(env.db.db, who === "service" ? { role: "service_role" } : who.claims, async (tx) => {
    await sql`select public.check_request()`.execute(tx);
    const names = Object.keys(args);
    const call = sql.raw(`select to_jsonb(r) as r from public.${fn}(${names.map((n, i) => `${n} => $${i + 1}`).join(", ")}) r`);
    const compiled = { ...call.compile(tx), parameters: names.map((n) => args[n]) };
    const res = await tx.executeQuery<{ r: T }>(compiled);
    return res.rows[0]?.r as T;
  });
}

/** The SQLSTATE of a database error (postgres.js), or undefined. */
export const sqlState = (err: unknown): string | undefined =>
  typeof err === "object" && err !== null && "code" in err ? String((err as { code: unknown }).code) : undefined;

/** Business refusals the lifecycle answers with: wrong state, no right, not visible. */
export const REFUSALS = new Set(["PT409", "42501", "PT404", "P0002"]);

export async function callPayments(deps: Deps, who: Person, path: string, body: unknown) {
  const res = await wrap(paymentsHandler, deps)(new Request(`http://x${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${who.token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  }));
  return { status: res.status, body: await res.json() };
}

/** Delivers an event to the stripe-webhook handler, signed as Stripe signs it (now). */
export async function webhook(deps: Deps, event: unknown, opts: { secret?: string; timestamp?: number } = {}) {
  const payload = JSON.stringify(event);
  const header = signer.webhooks.generateTestHeaderString({
    payload,
    secret: opts.secret ?? localWebhookSecret(event),
    ...(opts.timestamp ? { timestamp: opts.timestamp } : {}),
  });
  const res = await wrap(webhookHandler, deps)(new Request("http://x/stripe-webhook", {
    method: "POST",
    headers: { "Stripe-Signature": header, "Content-Type": "application/json" },
    body: payload,
  }));
  return { status: res.status, body: await res.json() as Record<string, unknown> };
}

// ------------------------------------------------------------------------------------------------
// Missions, made with SQL (the lifecycle is tested elsewhere): published (pending_funding) with
// their milestones, the lead already on the team, no core reviewer required.
// ------------------------------------------------------------------------------------------------
export type MissionFixture = { id: string; milestones: { id: string; amount: number }[]; feeBps: number; total: number };

export async function insertMission(
  env: Env,
  who: { initiatorId: string },
  lead: { contributorId: string } | null,
  amounts: number[],
  feeBps = 1000,
): Promise<MissionFixture> {
  const total = amounts.reduce((a, b) => a + b, 0);
  const slug = uniq("money").toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return env.raw.begin(async (tx) => {
    const [m] = await tx<{ id: string }[]>`
      insert into public.missions (initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
                                   platform_fee_bps, estimated_duration_days, requires_core_reviewer, status, published_at)
      values (${who.initiatorId}, ${`Money ${slug}`}, ${slug}, 'Escrow under test', 'backend', ${total}, ${total},
              ${feeBps}, 10, false, 'pending_funding', now())
      returning id`;
    const milestones: { id: string; amount: number }[] = [];
    for (const [i, amount] of amounts.entries()) {
      const [ms] = await tx<{ id: string }[]>`
        insert into public.milestones (mission_id, title, order_index, amount_cents)
        values (${m.id}, ${`M${i + 1}`}, ${i}, ${amount}) returning id`;
      milestones.push({ id: ms.id, amount });
    }
    if (lead) {
      await tx`insert into public.mission_assignments (mission_id, contributor_id, role, status, accepted_at)
               values (${m.id}, ${lead.contributorId}, 'lead', 'active', now())`;
    }
    return { id: m.id, milestones, feeBps, total };
  });
}

/** The contributor's Stripe Express account, through the payments endpoint (payouts not enabled yet). */
export async function onboard(deps: Deps, who: Person): Promise<string> {
  const res = await callPayments(deps, who, "/payments/connect/onboard", { country: "US" });
  if (res.status !== 201) throw new Error(`onboard: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.account_id as string;
}

// ------------------------------------------------------------------------------------------------
// Reading the state
// ------------------------------------------------------------------------------------------------
export type LedgerRow = {
  id: string;
  mission_id: string;
  milestone_id: string | null;
  type: "deposit" | "release" | "platform_fee" | "refund" | "dispute_hold" | "dispute_release";
  amount_cents: number;
  status: "pending" | "processing" | "completed" | "failed";
  stripe_payment_intent_id: string | null;
  stripe_transfer_id: string | null;
  stripe_refund_id: string | null;
  stripe_dispute_id: string | null;
  correlation_id: string | null;
  contributor_id: string | null;
};

export const ledgerOf = async (env: Env, missionIds: string[]) =>
  env.raw<LedgerRow[]>`
    select id, mission_id, milestone_id, type::text as type, amount_cents::float8 as amount_cents, status::text as status,
           stripe_payment_intent_id, stripe_transfer_id, stripe_refund_id, stripe_dispute_id, correlation_id, contributor_id
    from public.escrow_transactions where mission_id = any(${missionIds}::uuid[]) order by created_at, id`;

export type Position = {
  mission_id: string;
  funded_cents: number;
  held_cents: number;
  released_cents: number;
  fees_cents: number;
  refunded_cents: number;
  disputed_cents: number;
  pending_cents: number;
};
export const position = async (env: Env, missionId: string) =>
  (await env.raw<Position[]>`
    select mission_id, funded_cents::float8 as funded_cents, held_cents::float8 as held_cents,
           released_cents::float8 as released_cents, fees_cents::float8 as fees_cents,
           refunded_cents::float8 as refunded_cents, disputed_cents::float8 as disputed_cents,
           pending_cents::float8 as pending_cents
    from public.mission_escrow_position(${missionId})`)[0];

export const missionStatus = async (env: Env, missionId: string) =>
  (await env.raw<{ status: string }[]>`select status::text as status from public.missions where id = ${missionId}`)[0].status;
export const milestoneStatus = async (env: Env, milestoneId: string) =>
  (await env.raw<{ status: string }[]>`select status::text as status from public.milestones where id = ${milestoneId}`)[0].status;

export type JobRow = { id: number; kind: string; status: string; attempts: number; last_error: string | null; payload: Record<string, string> };
export const jobsOf = async (env: Env, missionIds: string[]) =>
  env.raw<JobRow[]>`
    select id::int as id, kind, status, attempts, last_error, payload from private.jobs
    where payload ->> 'mission_id' = any(${missionIds}::text[]) order by id`;

/** Lets the jobs of these missions run now (their backoff elapsed). */
export const expireBackoff = async (env: Env, missionIds: string[]) =>
  env.raw`update private.jobs set run_after = now() where status = 'queued' and payload ->> 'mission_id' = any(${missionIds}::text[])`;

/** Test hygiene: jobs these tests leave unfinished must not be picked up by another file's worker. */
export const retireJobs = async (env: Env, missionIds: string[]) =>
  missionIds.length
    ? env.raw`update private.jobs set status = 'dead', locked_until = null, last_error = coalesce(last_error, 'retired by the test that made it')
              where status in ('queued', 'running', 'waiting') and payload ->> 'mission_id' = any(${missionIds}::text[])`
    : undefined;

// ------------------------------------------------------------------------------------------------
// The auditor: every balance rebuilt from the ledger and from Stripe's records
// ------------------------------------------------------------------------------------------------
/** The parts a milestone's payout must have, as the test's own model computed them at approval. */
export type ExpectedPart = { contributor_id: string; role: string; payout_cents: number };
export type AuditMission = MissionFixture & { cancelledSettled?: boolean; expectedParts?: Map<string, ExpectedPart[]> };
export type AuditOptions = {
  /** Jobs and events had their chance to finish (Stripe's retries, the worker's backoff): check liveness too. */
  settled: boolean;
};

/**
 * The marketplace shows these missions as their rows say: a card exactly while listed, never stale
 * (public.listed_missions against tests.listed_mission_problems, an independent reading of the rows).
 */
export async function marketplaceProblems(env: Env, ids: string[]): Promise<string[]> {
  const rows = await env.raw<{ problem: string }[]>`select tests.listed_mission_problems(${ids}::uuid[]) as problem`;
  return rows.map((r) => `marketplace: ${r.problem}`);
}

const feeOf = (amount: number, bps: number) => Math.floor((amount * bps + 5000) / 10000);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Returns every violated money invariant, as sentences (empty: all is well). Reads the ledger
 * (public.escrow_transactions), public.mission_escrow_position, the missions' and milestones'
 * states, the jobs, and the stand-in's /_standin/state.
 */
export async function audit(env: Env, world: StripeWorld, missions: AuditMission[], opts: AuditOptions, eventIds: string[] = []) {
  const problems: string[] = [];
  const ids = missions.map((m) => m.id);
  const [ledger, stripe, jobs] = await Promise.all([ledgerOf(env, ids), world.state(), jobsOf(env, ids)]);
  const msRows = await env.raw<{ id: string; mission_id: string; status: string; amount_cents: number }[]>`
    select id, mission_id, status::text as status, amount_cents::float8 as amount_cents from public.milestones
    where mission_id = any(${ids}::uuid[])`;
  const mRows = await env.raw<
    { id: string; status: string; platform_fee_bps: number; lead_bps: number; shadow_bps: number; reviewer_bps: number }[]
  >`
    select id, status::text as status, platform_fee_bps, lead_share_bps as lead_bps, shadow_share_bps as shadow_bps,
           core_reviewer_share_bps as reviewer_bps
    from public.missions where id = any(${ids}::uuid[])`;
  // Who delivered each milestone's latest submission (the lead part's payee: issue 18).
  const deliverers = await env.raw<{ id: string; deliverer: string | null }[]>`
    select ms.id,
           (select a.contributor_id from public.work_submissions w join public.mission_assignments a on a.id = w.assignment_id
            where w.milestone_id = ms.id order by w.version desc limit 1) as deliverer
    from public.milestones ms where ms.mission_id = any(${ids}::uuid[])`;
  // The parts of each milestone's payout, fixed at approval (issue 22: team payouts).
  const partRows = await env.raw<{ milestone_id: string; contributor_id: string; role: string; share_bps: number; payout_cents: number }[]>`
    select milestone_id, contributor_id, role::text as role, share_bps, payout_cents::float8 as payout_cents
    from public.milestone_payouts where mission_id = any(${ids}::uuid[])`;
  // Each payee's connected account: a part's transfer goes there.
  const accounts = new Map((await env.raw<{ contributor_id: string; account: string | null }[]>`
    select contributor_id, stripe_account_id as account from public.contributor_private_details
    where contributor_id in (select contributor_id from public.milestone_payouts where mission_id = any(${ids}::uuid[]))`)
    .map((r) => [r.contributor_id, r.account]));

  for (const fx of missions) {
    const say = (s: string) => problems.push(`mission ${fx.id.slice(0, 8)}: ${s}`);
    const mission = mRows.find((r) => r.id === fx.id)!;
    const rows = ledger.filter((r) => r.mission_id === fx.id);
    const live = rows.filter((r) => r.status !== "failed");
    const completed = (type: LedgerRow["type"]) => rows.filter((r) => r.type === type && r.status === "completed");
    const outflow = (type: LedgerRow["type"]) => live.filter((r) => r.type === type);

    // --- Stripe's side of this mission
    const pis = stripe.paymentIntents.filter((p) => p.metadata?.mission_id === fx.id);
    const piIds = new Set(pis.map((p) => p.id));
    const charges = stripe.charges.filter((c) => piIds.has(c.payment_intent as string) && c.status === "succeeded");
    const transfers = stripe.transfers.filter((t) => t.metadata?.mission_id === fx.id || t.transfer_group === fx.id);
    const refunds = stripe.refunds.filter((r) => piIds.has(r.payment_intent as string));

    // 1. deposits == what Stripe charged
    const deposits = sum(completed("deposit").map((r) => r.amount_cents));
    const charged = sum(charges.map((c) => c.amount));
    if (deposits !== charged) say(`completed deposits ${deposits} != Stripe's succeeded charges ${charged}`);
    for (const pi of pis) {
      const dep = rows.filter((r) => r.type === "deposit" && r.stripe_payment_intent_id === pi.id);
      if (dep.length > 1) say(`${dep.length} deposit entries for PaymentIntent ${pi.id}`);
      if (pi.status === "succeeded" && opts.settled && dep[0]?.status !== "completed") {
        say(`PaymentIntent ${pi.id} succeeded at Stripe but its deposit is ${dep[0]?.status ?? "missing"}`);
      }
    }

    // 2. releases == Stripe's transfers, one each
    const releases = outflow("release");
    const ledgerTransfers = releases.map((r) => `${r.stripe_transfer_id}:${r.amount_cents}`).sort();
    const stripeTransfers = transfers.map((t) => `${t.id}:${t.amount}`).sort();
    if (JSON.stringify(ledgerTransfers) !== JSON.stringify(stripeTransfers)) {
      say(`releases in the ledger [${ledgerTransfers.join(", ")}] != Stripe's transfers [${stripeTransfers.join(", ")}]`);
    }
    for (const t of transfers) {
      if (t.transfer_group !== fx.id || t.metadata?.mission_id !== fx.id) say(`transfer ${t.id} is not grouped under its mission`);
    }

    // 3. refunds == Stripe's refunds
    const ledgerRefunds = outflow("refund").map((r) => `${r.stripe_refund_id}:${r.amount_cents}`).sort();
    const stripeRefunds = refunds.map((r) => `${r.id}:${r.amount}`).sort();
    if (JSON.stringify(ledgerRefunds) !== JSON.stringify(stripeRefunds)) {
      say(`refunds in the ledger [${ledgerRefunds.join(", ")}] != Stripe's refunds [${stripeRefunds.join(", ")}]`);
    }

    // 4. Stripe never pays out of a charge more than it took in
    for (const c of charges) {
      const out = sum(transfers.filter((t) => t.source_transaction === c.id).map((t) => t.amount)) +
        sum(refunds.filter((r) => r.charge === c.id).map((r) => r.amount));
      if (out > c.amount) say(`Stripe paid out ${out} (transfers + refunds) from charge ${c.id} of ${c.amount}`);
    }

    // 5. the balance, rebuilt: deposits - releases - fees - refunds - disputed holds == held >= 0
    const fees = sum(outflow("platform_fee").map((r) => r.amount_cents));
    const released = sum(releases.map((r) => r.amount_cents));
    const refunded = sum(outflow("refund").map((r) => r.amount_cents));
    const holds = sum(outflow("dispute_hold").map((r) => r.amount_cents));
    const holdReleases = sum(completed("dispute_release").map((r) => r.amount_cents));
    const held = deposits - released - fees - refunded - (holds - holdReleases);
    const pos = await position(env, fx.id);
    if (pos.held_cents !== held) say(`mission_escrow_position held ${pos.held_cents} != rebuilt from the ledger ${held}`);
    if (pos.funded_cents !== deposits) say(`mission_escrow_position funded ${pos.funded_cents} != ${deposits}`);
    if (pos.disputed_cents !== holds - holdReleases) say(`mission_escrow_position disputed ${pos.disputed_cents} != ${holds - holdReleases}`);
    if (held < 0) say(`escrow below zero: ${held}`);
    if (holds - holdReleases < 0) say(`more released from dispute holds than held: ${holds - holdReleases}`);
    for (const d of outflow("dispute_hold")) {
      const rel = completed("dispute_release").filter((r) => r.stripe_dispute_id === d.stripe_dispute_id);
      if (sum(rel.map((r) => r.amount_cents)) > d.amount_cents) say(`dispute ${d.stripe_dispute_id} released more than it held`);
    }

    // 6. each milestone: its parts add up (the rounding rule, computed here independently), each part
    //    paid once to its payee at its amount by one Stripe transfer to the payee's account, one fee
    for (const ms of msRows.filter((r) => r.mission_id === fx.id)) {
      const tag = `milestone ${ms.id.slice(0, 8)}`;
      const rel = releases.filter((r) => r.milestone_id === ms.id);
      const fee = outflow("platform_fee").filter((r) => r.milestone_id === ms.id);
      const parts = partRows.filter((p) => p.milestone_id === ms.id);
      const expectedFee = feeOf(ms.amount_cents, mission.platform_fee_bps);
      const net = ms.amount_cents - expectedFee;
      if (["approved", "paid"].includes(ms.status)) {
        const lead = parts.filter((p) => p.role === "lead");
        const deliverer = deliverers.find((d) => d.id === ms.id)?.deliverer;
        if (lead.length !== 1 || lead[0].contributor_id !== deliverer) {
          say(`${tag} is ${ms.status}: its lead part goes to ${lead.map((p) => p.contributor_id).join(",") || "nobody"}, delivered by ${deliverer ?? "nobody"}`);
        }
        // rounding: every non-lead part = floor(net * role share / 10000 / members in the role), the lead the rest
        let others = 0;
        for (const role of ["shadow", "core_reviewer"]) {
          const inRole = parts.filter((p) => p.role === role);
          const bps = role === "shadow" ? mission.shadow_bps : mission.reviewer_bps;
          const each = inRole.length ? Math.floor((net * bps) / (10000 * inRole.length)) : 0;
          for (const p of inRole) {
            if (p.payout_cents !== each) say(`${tag}: ${role} part ${p.payout_cents} != floor(${net} * ${bps} / 10000 / ${inRole.length}) = ${each}`);
            others += p.payout_cents;
          }
        }
        if (lead[0] && lead[0].payout_cents !== net - others) say(`${tag}: lead part ${lead[0].payout_cents} != ${net} - ${others}`);
        if (sum(parts.map((p) => p.payout_cents)) !== net) say(`${tag}: parts add up to ${sum(parts.map((p) => p.payout_cents))}, not ${net}`);
        const expected = fx.expectedParts?.get(ms.id);
        if (expected) {
          const want = expected.map((p) => `${p.role}:${p.contributor_id}:${p.payout_cents}`).sort();
          const got = parts.map((p) => `${p.role}:${p.contributor_id}:${p.payout_cents}`).sort();
          if (JSON.stringify(want) !== JSON.stringify(got)) say(`${tag}: parts [${got.join(", ")}] != the model's [${want.join(", ")}]`);
        }
      } else if (parts.length && ms.status !== "cancelled") {
        // (approved work escrow can no longer pay on a closed mission ends cancelled, its parts kept as they were)
        say(`${tag} is ${ms.status} but has payout parts`);
      }
      for (const r of rel) {
        const part = parts.find((p) => p.contributor_id === r.contributor_id);
        if (!part || part.payout_cents !== r.amount_cents) say(`${tag}: release of ${r.amount_cents} to ${r.contributor_id} is no part of its payout`);
        if (rel.filter((x) => x.contributor_id === r.contributor_id).length > 1) say(`${tag}: part of ${r.contributor_id} released twice`);
        const t = transfers.find((x) => x.id === r.stripe_transfer_id);
        if (t && t.destination !== accounts.get(r.contributor_id ?? "")) say(`${tag}: transfer ${t.id} went to ${t.destination}, not the payee's account`);
      }
      const tr = transfers.filter((t) => t.metadata?.milestone_id === ms.id);
      if (tr.length > parts.length) say(`${tag} has ${tr.length} Stripe transfers for ${parts.length} parts`);
      if (fee.length > 1) say(`${tag} has ${fee.length} fee entries`);
      if (ms.status === "paid") {
        if (rel.length !== parts.length || rel.some((r) => r.status !== "completed")) say(`paid ${tag} has ${rel.length} releases for ${parts.length} parts`);
        if (fee.length !== (expectedFee > 0 ? 1 : 0)) say(`paid ${tag} has ${fee.length} fee entries`);
        const f = fee[0]?.amount_cents ?? 0;
        if (sum(rel.map((r) => r.amount_cents)) + f !== ms.amount_cents || f !== expectedFee) {
          say(`paid ${tag}: releases ${sum(rel.map((r) => r.amount_cents))} + fee ${f} != amount ${ms.amount_cents} with fee ${expectedFee}`);
        }
      } else if (ms.status !== "approved" && (rel.length || fee.length)) {
        say(`${tag} is ${ms.status} but has a release or fee`);
      }
    }

    // 7. the mission's state agrees with its ledger
    const statuses = msRows.filter((r) => r.mission_id === fx.id).map((r) => r.status);
    // (a dispute resolved as completed cancels what was not delivered: issue 18, closure)
    if (mission.status === "completed" && statuses.some((s) => !["paid", "cancelled", "approved"].includes(s))) {
      say(`completed with milestones ${statuses.join(",")} (not all paid, cancelled or awaiting their payout)`);
    }
    // (a deposit that does not cover the plan leaves the mission awaiting funding until it is returned)
    if (["draft", "pending_funding"].includes(mission.status) && (released > 0 || (opts.settled && deposits - refunded !== 0))) {
      say(`${mission.status} but the ledger has deposits ${deposits} / releases ${released}`);
    }
    if (["open", "matching", "in_progress", "in_review"].includes(mission.status) && deposits === 0) {
      say(`${mission.status} without any completed deposit`);
    }

    // 8. card disputes: what Stripe decided is what the ledger holds
    const disputes = [...((world.standin.state as { disputes?: Map<string, Stripe.Dispute> }).disputes?.values() ?? [])];
    for (const d of disputes.filter((x) => charges.some((c) => c.id === x.charge))) {
      const hold = outflow("dispute_hold").find((r) => r.stripe_dispute_id === d.id);
      const back = completed("dispute_release").find((r) => r.stripe_dispute_id === d.id);
      if (d.status === "won" && hold && !back && opts.settled) say(`dispute ${d.id} was won but its hold of ${hold.amount_cents} was never released`);
      if (d.status !== "won" && back) say(`dispute ${d.id} is ${d.status} but its hold was released`);
    }

    if (opts.settled) {
      // Liveness, once everything had its chance. A mission whose escrow lost money to a dispute
      // may not be able to pay what was approved: no claim is made about those.
      const shortOfFunds = holds - holdReleases > 0;
      // closure (issue 18): a closed mission holds 0 and every milestone of it is terminal
      if (["cancelled", "completed"].includes(mission.status) && pos.held_cents !== 0) {
        say(`${mission.status} and settled, but escrow still holds ${pos.held_cents} (disputed: ${pos.disputed_cents})`);
      }
      if (["cancelled", "completed"].includes(mission.status) && statuses.some((x) => !["paid", "cancelled"].includes(x))
          && !(shortOfFunds && statuses.every((x) => ["paid", "cancelled", "approved"].includes(x)))) {
        say(`${mission.status} and settled with milestones ${statuses.join(",")} (not all terminal)`);
      }
      // a live mission keeps exactly what its unpaid milestones need: overpayments and second deposits went back
      if (["open", "matching", "in_progress", "in_review"].includes(mission.status) && !shortOfFunds && deposits > 0) {
        // (what no part of their payout has taken yet: a team payout is paid part by part)
        const needed = sum(msRows.filter((r) => r.mission_id === fx.id && !["paid", "cancelled"].includes(r.status))
          .map((r) => r.amount_cents - sum(live.filter((e) => e.milestone_id === r.id && ["release", "platform_fee"].includes(e.type)).map((e) => e.amount_cents))));
        if (pos.held_cents !== needed) say(`${mission.status} and settled, escrow holds ${pos.held_cents} but its unpaid milestones need ${needed}`);
      }
      if (["in_progress", "in_review", "completed"].includes(mission.status) && statuses.includes("approved") && !shortOfFunds) {
        say(`${mission.status} with an approved milestone never paid (payouts enabled, jobs drained)`);
      }
      if (pos.pending_cents !== 0) say(`pending outflows ${pos.pending_cents} after settling`);
      // 9. jobs end done (a payout a dispute left unfundable may stay parked or dead)
      for (const j of jobs.filter((x) => x.payload.mission_id === fx.id)) {
        if (j.status === "done" || (j.kind === "release_payout" && shortOfFunds)) continue;
        say(`job ${j.id} ${j.kind} ended ${j.status} after ${j.attempts} attempts: ${j.last_error}`);
      }
    }
  }

  if (opts.settled) {
    // 10. every event Stripe sent was processed (Stripe retries until it is)
    if (eventIds.length) {
      const un = await env.raw<{ id: string; type: string; last_error: string | null }[]>`
        select id, type, last_error from private.stripe_events where id = any(${eventIds}::text[]) and processed_at is null`;
      for (const e of un) problems.push(`event ${e.type} ${e.id} never processed: ${e.last_error}`);
    }
  }
  // 11. the marketplace shows these missions as their rows say
  problems.push(...await marketplaceProblems(env, ids));
  return problems;
}
