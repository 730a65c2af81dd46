// The money property: random, seeded, reproducible sequences of what happens to a few missions'
// escrow (funding, approvals, payouts, cancellations and refunds, card disputes, Stripe webhooks
// duplicated / out of order / delayed, connected accounts switching payouts on and off, two things
// at once on separate connections). After each sequence everything is given its chance to finish
// (held webhooks delivered, Stripe's retries, the worker's backoff) and an auditor rebuilds every
// balance from the ledger and from the Stripe stand-in's records: no money created or lost, no
// milestone paid twice, no escrow below zero, each mission's state consistent with its ledger.
//
// Every money movement goes through the real code: the payments handler, the stripe-webhook handler
// (events signed exactly as Stripe signs them), the payouts worker's drain(), the lifecycle RPCs as
// their callers. People and missions are made with SQL (tests/ts/money-support.ts). Each sequence
// has its own Stripe stand-in (its /_standin/state is that sequence's world) and its own users; the
// events it makes carry increasing `created` seconds in the order Stripe made them.
//
// A failure prints fast-check's { seed, path } and the sequence's trace: MONEY_SEED=<seed>
// MONEY_PATH=<path> replays the same operations (pairs run at once may interleave differently).
// The "counterexamples" block holds each violation the property found, alone and deterministic.
//
//   MONEY_RUNS=1000      sequences per property (default 15 each in npm test; scripts/money-full.mjs runs 1000+)
//   MONEY_SEED=<n>       replay a seed (printed on failure); MONEY_SEED=random for a fresh one
//   MONEY_PATH=<path>    with MONEY_SEED: replay exactly the failing (shrunk) case fast-check printed
//   MONEY_SHRINK=1       shrink a failure to a minimal sequence (slow: every step replays against the DB)
//   MONEY_OPS=fund,approve,drain,...   restrict the operations (to bisect a failure)
//   MONEY_VERBOSE=1      print each sequence's trace
//   MONEY_TALLY=1        run every sequence and count the violations by kind (the full run does)
//   MONEY_PROPS=core,refunds,disputes   run only these properties
//   MONEY_FUND_MODES=now,hold,dup,failFirst,failLate   how funding goes (to bisect a failure)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type Stripe from "stripe";
import { drain, type WorkerHooks } from "../../functions/payouts-worker/handler.ts";
import {
  admin, audit, callPayments, closeEnv, type Env, type ExpectedPart, expireBackoff, initiator, insertMission, marketplaceProblems, type MissionFixture, onboard,
  openEnv, type Person, REFUSALS, retireJobs, rpc, sqlState, startStripe, type StripeWorld, verifiedContributor, webhook,
} from "./money-support.ts";

const RUNS = Number(process.env.MONEY_RUNS ?? 15);
const SEED = process.env.MONEY_SEED === "random"
  ? Date.now() % 2_147_483_647
  : Number(process.env.MONEY_SEED ?? 20261126);
const PATH = process.env.MONEY_PATH;
const SHRINK = process.env.MONEY_SHRINK === "1";
const VERBOSE = process.env.MONEY_VERBOSE === "1";
const ONLY_OPS = process.env.MONEY_OPS ? new Set(process.env.MONEY_OPS.split(",").map((s) => s.trim())) : undefined;

let env: Env;
let theAdmin: Person;
const allMissions: string[] = [];
const stats = { sequences: 0, ops: 0, ms: 0 };

beforeAll(async () => {
  env = await openEnv("people-money-property", 10);
  theAdmin = await admin(env);
  console.log(`[money] seed ${SEED}, ${RUNS} sequences per property${PATH ? `, path ${PATH}` : ""}` +
    ` (replay: MONEY_SEED=${SEED} MONEY_RUNS=${RUNS} npx vitest run tests/money/money-property.test.ts)`);
});
afterAll(async () => {
  await retireJobs(env, allMissions);
  console.log(`[money] ${stats.sequences} sequences, ${stats.ops} operations, ${(stats.ms / 1000).toFixed(1)} s`);
  await closeEnv(env);
});

// ------------------------------------------------------------------------------------------------
// The operations
// ------------------------------------------------------------------------------------------------
type Mode = "now" | "hold" | "dup";
type Op =
  | { k: "fund"; m: number; mode: Mode | "failFirst" | "failLate" }
  | { k: "approve"; m: number; s: number; twice: boolean }
  | { k: "revise"; m: number; s: number }
  | { k: "drain"; par: boolean }
  | { k: "cancel"; m: number }
  | { k: "resolve"; m: number; outcome: "resume" | "cancel" | "complete" }
  // issue 18: team changes at any point, a second deposit (a second PaymentIntent), a deposit that
  // does not cover the plan (a PaymentIntent made outside /payments/fund)
  | { k: "team"; m: number; how: "remove" | "withdraw" }
  | { k: "secondDeposit"; m: number; mode: Mode }
  | { k: "shortDeposit"; m: number; mode: Mode }
  | { k: "dispute"; m: number; partial: boolean; mode: Mode }
  | { k: "closeDispute"; m: number; won: boolean; mode: Mode }
  | { k: "account"; enabled: boolean; mode: Mode }
  | { k: "redeliver"; pick: number }
  | { k: "deliverHeld"; pick: number }
  | { k: "refunded"; m: number; mode: Mode }
  | { k: "par"; a: Op; b: Op };
type Kind = Op["k"];

const mode = fc.constantFrom<Mode>("now", "now", "hold", "dup");
const FUND_MODES = (process.env.MONEY_FUND_MODES ?? "now,now,hold,dup,failFirst,failLate").split(",") as ("now" | "hold" | "dup" | "failFirst" | "failLate")[];
const m = fc.nat({ max: 5 });
const ops: Record<Exclude<Kind, "par">, { weight: number; arb: fc.Arbitrary<Op> }> = {
  fund: { weight: 5, arb: fc.record({ k: fc.constant("fund"), m, mode: fc.constantFrom(...FUND_MODES) }) },
  approve: { weight: 8, arb: fc.record({ k: fc.constant("approve"), m, s: fc.nat({ max: 5 }), twice: fc.boolean() }) },
  revise: { weight: 1, arb: fc.record({ k: fc.constant("revise"), m, s: fc.nat({ max: 5 }) }) },
  drain: { weight: 5, arb: fc.record({ k: fc.constant("drain"), par: fc.boolean() }) },
  cancel: { weight: 2, arb: fc.record({ k: fc.constant("cancel"), m }) },
  resolve: { weight: 1, arb: fc.record({ k: fc.constant("resolve"), m, outcome: fc.constantFrom("resume", "cancel", "complete") }) },
  team: { weight: 2, arb: fc.record({ k: fc.constant("team"), m, how: fc.constantFrom("remove", "withdraw") }) },
  secondDeposit: { weight: 1, arb: fc.record({ k: fc.constant("secondDeposit"), m, mode }) },
  shortDeposit: { weight: 1, arb: fc.record({ k: fc.constant("shortDeposit"), m, mode }) },
  dispute: { weight: 2, arb: fc.record({ k: fc.constant("dispute"), m, partial: fc.boolean(), mode }) },
  closeDispute: { weight: 2, arb: fc.record({ k: fc.constant("closeDispute"), m, won: fc.boolean(), mode }) },
  account: { weight: 3, arb: fc.record({ k: fc.constant("account"), enabled: fc.boolean(), mode }) },
  redeliver: { weight: 2, arb: fc.record({ k: fc.constant("redeliver"), pick: fc.nat() }) },
  deliverHeld: { weight: 3, arb: fc.record({ k: fc.constant("deliverHeld"), pick: fc.nat() }) },
  refunded: { weight: 1, arb: fc.record({ k: fc.constant("refunded"), m, mode }) },
};
// What may run at the same time as something else, each on its own connection.
const PAR_KINDS: Kind[] = ["approve", "drain", "cancel", "dispute", "closeDispute", "account", "redeliver", "deliverHeld", "fund"];

function opArbitrary(kinds: Kind[]): fc.Arbitrary<Op> {
  const allowed = kinds.filter((k) => !ONLY_OPS || ONLY_OPS.has(k));
  const single = (ks: Kind[]) =>
    fc.oneof(...ks.filter((k) => k !== "par").map((k) => ({ weight: ops[k as Exclude<Kind, "par">].weight, arbitrary: ops[k as Exclude<Kind, "par">].arb })));
  const base = single(allowed);
  if (!allowed.includes("par")) return base;
  const parKinds = allowed.filter((k) => PAR_KINDS.includes(k));
  const pair = fc.record({ k: fc.constant("par" as const), a: single(parKinds), b: single(parKinds) });
  return fc.oneof({ weight: 9, arbitrary: base }, { weight: 3, arbitrary: pair });
}

type Scenario = {
  /** shares: the team's payout shares (lead, shadow, core reviewer), set by the initiator before funding. */
  missions: { amounts: number[]; feeBps: number; shares?: [number, number, number] }[];
  payoutsAtStart: boolean;
  ops: Op[];
};
const scenario = (kinds: Kind[]): fc.Arbitrary<Scenario> =>
  fc.record({
    missions: fc.array(
      fc.record({
        amounts: fc.array(fc.oneof(fc.integer({ min: 50, max: 999 }), fc.integer({ min: 1_000, max: 2_000_000 })), { minLength: 1, maxLength: 3 }),
        feeBps: fc.constantFrom(1000, 1000, 0, 1250, 333, 5000),
        shares: fc.constantFrom<[number, number, number]>([7000, 2000, 1000], [10000, 0, 0], [3334, 3333, 3333], [9998, 1, 1], [5000, 5000, 0]),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    payoutsAtStart: fc.boolean(),
    ops: fc.array(opArbitrary(kinds), { minLength: 4, maxLength: 28 }),
  });

// ------------------------------------------------------------------------------------------------
// Running a sequence
// ------------------------------------------------------------------------------------------------
type Mission = MissionFixture & { pi?: string; dispute?: { id: string; closed: boolean }; expectedParts: Map<string, ExpectedPart[]> };

class Sequence {
  clock = Math.floor(Date.now() / 1000);
  held: Stripe.Event[] = [];
  sent = new Map<string, Stripe.Event>();
  trace: string[] = [];
  problems: string[] = [];
  missions: Mission[] = [];
  init!: Person & { initiatorId: string };
  lead!: Person & { contributorId: string };
  shadow!: Person & { contributorId: string };
  reviewer!: Person & { contributorId: string };
  account!: string;
  extraPis = 0;

  constructor(readonly world: StripeWorld) {}
  get deps() {
    return this.world.deps;
  }

  async setup(sc: Scenario) {
    this.init = await initiator(env);
    this.lead = await verifiedContributor(env, "lead");
    this.account = await onboard(this.deps, this.lead);
    // A shadow on every mission, able to receive payouts: it steps up when the lead leaves.
    this.shadow = await verifiedContributor(env, "shadow");
    const shadowAccount = await onboard(this.deps, this.shadow);
    await this.send(this.stamp(await this.world.control("updateAccount", shadowAccount,
      { payouts_enabled: true, charges_enabled: true, details_submitted: true })), " (shadow's account)");
    // A core reviewer too (team payouts: each member's part waits for their own account).
    this.reviewer = await verifiedContributor(env, "reviewer");
    const reviewerAccount = await onboard(this.deps, this.reviewer);
    await this.send(this.stamp(await this.world.control("updateAccount", reviewerAccount,
      { payouts_enabled: true, charges_enabled: true, details_submitted: true })), " (reviewer's account)");
    for (const spec of sc.missions) {
      const fx = await insertMission(env, this.init, this.lead, spec.amounts, spec.feeBps);
      await env.raw`insert into public.mission_assignments (mission_id, contributor_id, role, status, accepted_at)
                    values (${fx.id}, ${this.shadow.contributorId}, 'shadow', 'active', now()),
                           (${fx.id}, ${this.reviewer.contributorId}, 'core_reviewer', 'active', now())`;
      const [lead, shadow, reviewer] = spec.shares ?? [8000, 2000, 0];
      await rpc(env, this.init, "set_payout_shares", { mission_id: fx.id, lead_bps: lead, shadow_bps: shadow, core_reviewer_bps: reviewer });
      this.missions.push({ ...fx, expectedParts: new Map() });
      allMissions.push(fx.id);
    }
    if (sc.payoutsAtStart) await this.do({ k: "account", enabled: true, mode: "now" });
  }

  /** Stripe's events carry increasing `created` seconds, in the order Stripe made them. */
  stamp(ev: Stripe.Event): Stripe.Event {
    ev.created = ++this.clock;
    return ev;
  }

  async send(ev: Stripe.Event, why = "") {
    this.sent.set(ev.id, ev);
    const r = await webhook(this.deps, ev);
    const tag = `${ev.type}${why}`;
    if (r.status === 200) this.trace.push(`  webhook ${tag}: ${r.body.duplicate ? "duplicate" : "ok"}`);
    else if (r.status === 500) this.trace.push(`  webhook ${tag}: 500 (Stripe will retry)`);
    else this.problems.push(`webhook ${tag} answered ${r.status}: ${JSON.stringify(r.body)}`);
  }

  async deliver(ev: Stripe.Event, how: Mode) {
    this.stamp(ev);
    if (how === "hold") {
      this.held.push(ev);
      this.trace.push(`  hold ${ev.type} ${ev.id}`);
    } else if (how === "dup") {
      await Promise.all([this.send(ev, " (dup 1)"), this.send(ev, " (dup 2)")]);
      await this.send(ev, " (dup 3)");
    } else {
      await this.send(ev);
    }
  }

  async attempt(label: string, fn: () => Promise<unknown>) {
    try {
      await fn();
      this.trace.push(`  ${label}: ok`);
    } catch (err) {
      const code = sqlState(err);
      if (code && REFUSALS.has(code)) this.trace.push(`  ${label}: refused ${code}`);
      else this.problems.push(`${label}: unexpected ${code ?? ""} ${(err as Error).message}`);
    }
  }

  mission(i: number) {
    return this.missions[i % this.missions.length];
  }
  status = async (id: string) =>
    (await env.raw<{ status: string }[]>`select status::text as status from public.missions where id = ${id}`)[0].status;
  msStatus = async (id: string) =>
    (await env.raw<{ status: string }[]>`select status::text as status from public.milestones where id = ${id}`)[0].status;
  chargeOf(mi: Mission) {
    if (!mi.pi) return undefined;
    return [...this.world.standin.state.charges.values()].find((c) => c.payment_intent === mi.pi);
  }

  /**
   * The model of team payouts, written apart from the database's: what approving a submitted
   * milestone now must pay whom. The payout after the fee, by the mission's shares: each active
   * shadow / core reviewer floor(net * share / 10000 / members in the role) (nothing when that is 0),
   * the lead who delivered it the rest. Undefined when the milestone is not awaiting approval.
   */
  async expectedParts(mi: Mission, ms: { id: string; amount: number }): Promise<ExpectedPart[] | undefined> {
    if ((await this.msStatus(ms.id)) !== "submitted") return undefined;
    const [shares] = await env.raw<{ lead: number; shadow: number; reviewer: number }[]>`
      select lead_share_bps as lead, shadow_share_bps as shadow, core_reviewer_share_bps as reviewer from public.missions where id = ${mi.id}`;
    const [d] = await env.raw<{ deliverer: string }[]>`
      select a.contributor_id as deliverer from public.work_submissions w join public.mission_assignments a on a.id = w.assignment_id
      where w.milestone_id = ${ms.id} order by w.version desc limit 1`;
    if (!d) return undefined;
    const team = await env.raw<{ contributor_id: string; role: string }[]>`
      select contributor_id, role::text as role from public.mission_assignments
      where mission_id = ${mi.id} and status = 'active' and role in ('shadow', 'core_reviewer')`;
    const net = ms.amount - Math.floor((ms.amount * mi.feeBps + 5000) / 10000);
    const parts: ExpectedPart[] = [];
    for (const [role, bps] of [["shadow", shares.shadow], ["core_reviewer", shares.reviewer]] as const) {
      const members = team.filter((t) => t.role === role && t.contributor_id !== d.deliverer);
      const each = members.length ? Math.floor((net * bps) / (10000 * members.length)) : 0;
      if (each > 0) for (const m of members) parts.push({ contributor_id: m.contributor_id, role, payout_cents: each });
    }
    parts.push({ contributor_id: d.deliverer, role: "lead", payout_cents: net - parts.reduce((a, p) => a + p.payout_cents, 0) });
    return parts;
  }

  /** The mission's lead now (the shadow once stepped up), or none. */
  async currentLead(mi: Mission): Promise<(Person & { contributorId: string }) | undefined> {
    const [a] = await env.raw<{ contributor_id: string }[]>`
      select contributor_id from public.mission_assignments where mission_id = ${mi.id} and role = 'lead' and status in ('active', 'stepped_up')
      union all
      select contributor_id from public.mission_assignments where mission_id = ${mi.id} and role = 'shadow' and status = 'stepped_up'`;
    if (!a) return undefined;
    return a.contributor_id === this.lead.contributorId ? this.lead : a.contributor_id === this.shadow.contributorId ? this.shadow : undefined;
  }

  /** A PaymentIntent made at Stripe for the mission outside /payments/fund (not recorded first), succeeded. */
  async extraDeposit(mi: Mission, amount: number, mode: Mode, why: string) {
    const pi = await this.deps.stripe!.paymentIntents.create(
      { amount, currency: "usd", transfer_group: mi.id, metadata: { mission_id: mi.id, kind: "escrow_deposit" } },
      { idempotencyKey: `extra-${mi.id}-${++this.extraPis}` });
    this.trace.push(`${why} #${this.missions.indexOf(mi)} ${amount} (${mode})`);
    await this.deliver(await this.world.control("succeedPaymentIntent", pi.id), mode);
  }

  async drainOnce(label: string, hooks: WorkerHooks = {}) {
    try {
      const out = await drain(this.deps, hooks, 30);
      this.trace.push(`  ${label}: ${out.map((o) => `${o.kind}:${o.result}${o.result === "retry" || o.result === "dead" ? `(${o.detail})` : ""}`).join(" ") || "nothing"}`);
    } catch (err) {
      this.problems.push(`${label} threw: ${(err as Error).message}`);
    }
  }

  async do(op: Op): Promise<void> {
    switch (op.k) {
      case "par": {
        this.trace.push(`par {`);
        await Promise.all([this.do(op.a), this.do(op.b)]);
        this.trace.push(`}`);
        return;
      }
      case "fund": {
        const mi = this.mission(op.m);
        const before = await this.status(mi.id);
        const res = await callPayments(this.deps, this.init, "/payments/fund", { mission_id: mi.id });
        this.trace.push(`fund #${this.missions.indexOf(mi)} (${before}, ${op.mode}): ${res.status}`);
        if (res.status === 409) return;
        if (res.status !== 201) {
          this.problems.push(`fund answered ${res.status}: ${JSON.stringify(res.body)}`);
          return;
        }
        mi.pi = res.body.payment_intent_id;
        const pi = this.world.standin.state.paymentIntents.get(mi.pi);
        if (pi?.status === "succeeded") return; // paid already; its event is on its way
        let failed: Stripe.Event | undefined;
        if (op.mode === "failFirst" || op.mode === "failLate") {
          failed = this.stamp(await this.world.control("failPaymentIntent", mi.pi));
          if (op.mode === "failFirst") await this.send(failed, " (card declined)");
        }
        const ok = await this.world.control("succeedPaymentIntent", mi.pi);
        if (op.mode === "failFirst" || op.mode === "failLate") await this.deliver(ok, "now");
        else await this.deliver(ok, op.mode);
        if (op.mode === "failLate" && failed) await this.send(failed, " (older decline, delivered late)");
        return;
      }
      case "approve": {
        const mi = this.mission(op.m);
        const ms = mi.milestones[op.s % mi.milestones.length];
        const label = `approve #${this.missions.indexOf(mi)}.${mi.milestones.indexOf(ms)}`;
        this.trace.push(`${label}${op.twice ? " (twice at once)" : ""}`);
        const st = await this.status(mi.id);
        if (st === "open" || st === "matching") await this.attempt("start_work", () => rpc(env, this.init, "start_work", { mission_id: mi.id }));
        const s = await this.msStatus(ms.id);
        const lead = await this.currentLead(mi);
        if (["pending", "in_progress", "revision"].includes(s) && lead) {
          await this.attempt(`submit (${s})`, () => rpc(env, lead, "submit_milestone", { milestone_id: ms.id, content: "Delivered." }));
        }
        const expected = await this.expectedParts(mi, ms);
        const approve = () => this.attempt("approve_milestone", () => rpc(env, this.init, "approve_milestone", { milestone_id: ms.id }));
        if (op.twice) await Promise.all([approve(), approve()]);
        else await approve();
        if (expected && ["approved", "paid"].includes(await this.msStatus(ms.id))) mi.expectedParts.set(ms.id, expected);
        return;
      }
      case "revise": {
        const mi = this.mission(op.m);
        const ms = mi.milestones[op.s % mi.milestones.length];
        if ((await this.msStatus(ms.id)) !== "submitted") return;
        this.trace.push(`revise #${this.missions.indexOf(mi)}.${mi.milestones.indexOf(ms)}`);
        await this.attempt("request_revision", () => rpc(env, this.init, "request_revision", { milestone_id: ms.id, feedback: "Not yet." }));
        return;
      }
      case "drain": {
        if (op.par) await Promise.all([this.drainOnce("drain A"), this.drainOnce("drain B")]);
        else await this.drainOnce("drain");
        return;
      }
      case "cancel": {
        const mi = this.mission(op.m);
        const st = await this.status(mi.id);
        this.trace.push(`cancel #${this.missions.indexOf(mi)} (${st})`);
        if (st === "disputed") {
          await this.attempt("resolve_dispute cancel", () => rpc(env, theAdmin, "resolve_dispute", { mission_id: mi.id, outcome: "cancel", note: "cancelled" }));
        } else {
          const who = ["in_progress", "in_review"].includes(st) ? theAdmin : this.init;
          await this.attempt("cancel_mission", () => rpc(env, who, "cancel_mission", { mission_id: mi.id, reason: "Changed plans" }));
        }
        return;
      }
      case "resolve": {
        const mi = this.mission(op.m);
        if ((await this.status(mi.id)) !== "disputed") return;
        this.trace.push(`resolve #${this.missions.indexOf(mi)} ${op.outcome}`);
        await this.attempt("resolve_dispute", () => rpc(env, theAdmin, "resolve_dispute", { mission_id: mi.id, outcome: op.outcome, note: "decided" }));
        return;
      }
      case "dispute": {
        const mi = this.mission(op.m);
        const charge = this.chargeOf(mi);
        if (!charge || mi.dispute) return; // one dispute per charge, as at Stripe
        const amount = op.partial ? Math.max(1, Math.floor(charge.amount / 3)) : undefined;
        this.trace.push(`dispute #${this.missions.indexOf(mi)} ${amount ?? "full"} (${op.mode})`);
        const ev = await this.world.control("disputeCharge", charge.id, amount);
        mi.dispute = { id: (ev.data.object as Stripe.Dispute).id, closed: false };
        await this.deliver(ev, op.mode);
        return;
      }
      case "closeDispute": {
        const mi = this.mission(op.m);
        if (!mi.dispute || mi.dispute.closed) return;
        this.trace.push(`close dispute #${this.missions.indexOf(mi)} ${op.won ? "won" : "lost"} (${op.mode})`);
        mi.dispute.closed = true;
        await this.deliver(await this.world.control("closeDispute", mi.dispute.id, op.won ? "won" : "lost"), op.mode);
        return;
      }
      case "account": {
        this.trace.push(`account payouts ${op.enabled ? "on" : "off"} (${op.mode})`);
        const ev = await this.world.control("updateAccount", this.account,
          { payouts_enabled: op.enabled, charges_enabled: op.enabled, details_submitted: true });
        await this.deliver(ev, op.mode);
        return;
      }
      case "redeliver": {
        const evs = [...this.sent.values()];
        if (!evs.length) return;
        const ev = evs[op.pick % evs.length];
        this.trace.push(`redeliver ${ev.type}`);
        await this.send(ev, " (again)");
        return;
      }
      case "deliverHeld": {
        if (!this.held.length) return;
        const [ev] = this.held.splice(op.pick % this.held.length, 1);
        this.trace.push(`deliver held ${ev.type} ${ev.id}`);
        await this.send(ev, " (delayed)");
        return;
      }
      case "team": {
        const mi = this.mission(op.m);
        const lead = await this.currentLead(mi);
        if (!lead) return;
        const [a] = await env.raw<{ id: string }[]>`
          select id from public.mission_assignments where mission_id = ${mi.id} and contributor_id = ${lead.contributorId}`;
        this.trace.push(`team #${this.missions.indexOf(mi)}: the lead ${op.how === "remove" ? "is removed" : "withdraws"}`);
        if (op.how === "remove") {
          await this.attempt("remove_from_mission", () => rpc(env, this.init, "remove_from_mission", { assignment_id: a.id, reason: "replaced" }));
        } else {
          await this.attempt("withdraw_from_mission", () => rpc(env, lead, "withdraw_from_mission", { assignment_id: a.id, reason: "leaving" }));
        }
        return;
      }
      case "secondDeposit": {
        const mi = this.mission(op.m);
        if (!mi.pi) return; // only once the mission was funded through /payments/fund
        await this.extraDeposit(mi, mi.total, op.mode, "second deposit");
        return;
      }
      case "shortDeposit": {
        const mi = this.mission(op.m);
        if ((await this.status(mi.id)) !== "pending_funding") return;
        await this.extraDeposit(mi, Math.max(1, Math.floor(mi.total / 3)), op.mode, "short deposit");
        return;
      }
      case "refunded": {
        const mi = this.mission(op.m);
        const charge = this.chargeOf(mi);
        if (!charge || !charge.amount_refunded) return;
        this.trace.push(`charge.refunded #${this.missions.indexOf(mi)}`);
        await this.deliver(await this.world.control("chargeRefundedEvent", charge.id), op.mode);
        return;
      }
    }
  }

  /** Everything gets its chance: held events arrive (newest first), the account ends able to receive
   *  payouts, Stripe redelivers what failed, and the worker runs until no job is ready. */
  async settle() {
    this.trace.push(`settle:`);
    while (this.held.length) await this.send(this.held.pop()!, " (delayed, settle)");
    await this.deliver(await this.world.control("updateAccount", this.account,
      { payouts_enabled: true, charges_enabled: true, details_submitted: true }), "now");
    const ids = this.missions.map((x) => x.id);
    for (let round = 0; round < 12; round++) {
      const unprocessed = await env.raw<{ id: string }[]>`
        select id from private.stripe_events where id = any(${[...this.sent.keys()]}::text[]) and processed_at is null order by created_at`;
      for (const { id } of unprocessed) await this.send(this.sent.get(id)!, " (Stripe retry)");
      await expireBackoff(env, ids);
      const ready = await env.raw`select 1 from private.jobs where status in ('queued', 'running') and payload ->> 'mission_id' = any(${ids}::text[])`;
      if (!ready.length && !unprocessed.length) break;
      await this.drainOnce(`drain (settle ${round + 1})`);
    }
  }
}

/** Runs one sequence; returns its violated invariants (empty: all is well) and its trace. */
async function runSequence(sc: Scenario): Promise<{ problems: string[]; text: string }> {
  const t0 = Date.now();
  const world = await startStripe(env);
  const seq = new Sequence(world);
  try {
    await seq.setup(sc);
    for (const [i, op] of sc.ops.entries()) {
      await seq.do(op);
      // After every step, not only at the end: a card may be stale between two steps and fixed by a later one.
      for (const p of await marketplaceProblems(env, seq.missions.map((m) => m.id))) seq.problems.push(`after step ${i + 1}: ${p}`);
    }
    await seq.settle();
    const problems = [
      ...seq.problems,
      ...await audit(env, world, seq.missions, { settled: true }, [...seq.sent.keys()]),
    ];
    stats.sequences += 1;
    stats.ops += sc.ops.length;
    const summary = await Promise.all(seq.missions.map(async (mi, i) =>
      `#${i} ${(await seq.status(mi.id))} [${mi.milestones.map((x) => x.amount).join(", ")}] fee ${mi.feeBps} bps`));
    const text = [`missions: ${summary.join("; ")}`, ...seq.trace].join("\n");
    if (VERBOSE) console.log(text);
    return { problems, text };
  } finally {
    stats.ms += Date.now() - t0;
    await world.close();
  }
}

async function property(sc: Scenario) {
  const { problems, text } = await runSequence(sc);
  if (problems.length) throw new Error(`${problems.length} money invariant(s) violated:\n  - ${problems.join("\n  - ")}\ntrace:\n${text}`);
}

/** A problem without its ids and amounts: what kind of invariant broke. */
const category = (p: string) =>
  p.replace(/mission [0-9a-f]{8}/g, "mission *").replace(/milestone [0-9a-f]{8}/g, "milestone *")
    .replace(/\b(pi|ch|tr|re|dp|evt|acct)_[0-9a-f]+/g, "$1_*").replace(/job \d+/g, "job *").replace(/-?\d+/g, "N")
    .replace(/\[[^\]]*\]/g, "[...]");

/**
 * MONEY_TALLY=1 (the full run): every sequence runs, none stops the others; the violated
 * invariants are counted by kind, each with the first sequence showing it (replay it with
 * MONEY_SEED / MONEY_PATH). Fails when any sequence violated one.
 */
async function tally(kinds: Kind[], name: string) {
  const arb = scenario(kinds);
  const samples = fc.sample(arb, { seed: SEED, numRuns: RUNS });
  const seen = new Map<string, { count: number; first: number; example: string }>();
  let failed = 0;
  for (const [i, sc] of samples.entries()) {
    const { problems, text } = await runSequence(sc);
    if (problems.length) failed += 1;
    for (const p of new Set(problems.map(category))) {
      const entry = seen.get(p) ?? { count: 0, first: i, example: `${problems.join("\n  - ")}\n${text}` };
      entry.count += 1;
      seen.set(p, entry);
    }
    if ((i + 1) % 100 === 0) console.log(`[money] ${name}: ${i + 1}/${RUNS} sequences, ${failed} with violations`);
  }
  const report = [...seen.entries()].sort((a, b) => b[1].count - a[1].count)
    .map(([cat, e]) => `  ${e.count} x ${cat}\n      first: sequence ${e.first} (MONEY_SEED=${SEED} MONEY_PATH=${e.first})`);
  console.log(`[money] ${name}: ${RUNS} sequences, ${failed} violated an invariant${report.length ? `:\n${report.join("\n")}` : ""}`);
  if (process.env.MONEY_EXAMPLES === "1") {
    for (const [cat, e] of seen) console.log(`\n=== ${cat}\n  - ${e.example}`);
  }
  if (failed) throw new Error(`${failed} of ${RUNS} sequences violated money invariants:\n${report.join("\n")}`);
}

const PROPS = process.env.MONEY_PROPS ? new Set(process.env.MONEY_PROPS.split(",")) : undefined;

async function check(kinds: Kind[], name: string) {
  if (PROPS && !PROPS.has(name)) return; // MONEY_PROPS=core,refunds,disputes: only these
  if (process.env.MONEY_TALLY === "1" && !PATH) return tally(kinds, name);
  return fc.assert(fc.asyncProperty(scenario(kinds), property), {
    seed: SEED,
    numRuns: RUNS,
    ...(PATH ? { path: PATH } : {}),
    endOnFailure: !SHRINK,
    verbose: fc.VerbosityLevel.Verbose,
  });
}

const CORE: Kind[] = ["fund", "approve", "revise", "drain", "account", "redeliver", "deliverHeld", "par"];
const timeout = Math.max(60_000, RUNS * 8_000);

describe("money is conserved", () => {
  it("funding, approvals and payouts, with webhooks duplicated, delayed and out of order, accounts toggling, two at once", async () => {
    await check(CORE, "core");
  }, timeout);

  it("... and cancellations with refunds", async () => {
    await check([...CORE, "cancel", "refunded"], "refunds");
  }, timeout);

  it("... and card disputes opened, won, lost and resolved", async () => {
    await check([...CORE, "cancel", "refunded", "dispute", "closeDispute", "resolve"], "disputes");
  }, timeout);

  it("... and every action: team changes at any point, disputes resolved each way, second and short deposits", async () => {
    await check([...CORE, "cancel", "refunded", "dispute", "closeDispute", "resolve", "team", "secondDeposit", "shortDeposit"], "everything");
  }, timeout);
});

// ------------------------------------------------------------------------------------------------
// What the property found, each alone and deterministic: the smallest sequences showing each broken
// invariant (the property's own traces name them). They assert the correct behaviour.
// ------------------------------------------------------------------------------------------------
const one = (amounts: number[], feeBps = 1000) => ({ amounts, feeBps });
async function expectClean(sc: Scenario) {
  const { problems, text } = await runSequence(sc);
  expect(problems, `trace:\n${text}\n`).toEqual([]);
}

describe("counterexamples the property found", () => {
  it("a card declined, then paid with the same PaymentIntent: the deposit completes and pays the milestone", async () => {
    await expectClean({ missions: [one([40_000])], payoutsAtStart: true, ops: [
      { k: "fund", m: 0, mode: "failFirst" },
      { k: "approve", m: 0, s: 0, twice: false },
      { k: "drain", par: false },
    ] });
  });

  it("an approved payout while a card dispute holds the escrow: no Stripe transfer the ledger cannot record", async () => {
    await expectClean({ missions: [one([30_000, 20_000])], payoutsAtStart: true, ops: [
      { k: "fund", m: 0, mode: "now" },
      { k: "approve", m: 0, s: 0, twice: false },
      { k: "dispute", m: 0, partial: false, mode: "now" },
      { k: "drain", par: false },
    ] });
  });

  it("a payment that succeeds after its mission was cancelled is refunded", async () => {
    await expectClean({ missions: [one([25_000])], payoutsAtStart: true, ops: [
      { k: "fund", m: 0, mode: "hold" },
      { k: "cancel", m: 0 },
      { k: "deliverHeld", pick: 0 },
      { k: "drain", par: false },
    ] });
  });

  it("cancelling a mission with an approved, unpaid milestone leaves no payout job parked forever", async () => {
    await expectClean({ missions: [one([10_000, 15_000])], payoutsAtStart: true, ops: [
      { k: "fund", m: 0, mode: "now" },
      { k: "approve", m: 0, s: 0, twice: false },
      { k: "cancel", m: 0 },
      { k: "drain", par: false },
    ] });
  });

  it("a card dispute after everything was paid out is processed (nothing is left to hold)", async () => {
    await expectClean({ missions: [one([12_345])], payoutsAtStart: true, ops: [
      { k: "fund", m: 0, mode: "now" },
      { k: "approve", m: 0, s: 0, twice: false },
      { k: "drain", par: false },
      { k: "dispute", m: 0, partial: false, mode: "now" },
    ] });
  });

  it("a transfer Stripe refused while the account could not take payouts is made once it can", async () => {
    await expectClean({ missions: [one([9_000])], payoutsAtStart: true, ops: [
      { k: "fund", m: 0, mode: "now" },
      { k: "approve", m: 0, s: 0, twice: false },
      { k: "account", enabled: false, mode: "hold" }, // Stripe turned payouts off; the webhook is late
      { k: "drain", par: false }, // Stripe refuses the transfer
      // settle: Stripe turns payouts back on and says so; the payout must go out
    ] });
  });

  it("a dispute closed (won) whose opening event arrives late: the hold ends released", async () => {
    await expectClean({ missions: [one([8_000, 8_000])], payoutsAtStart: true, ops: [
      { k: "fund", m: 0, mode: "now" },
      { k: "dispute", m: 0, partial: false, mode: "hold" },
      { k: "closeDispute", m: 0, won: true, mode: "now" },
      { k: "deliverHeld", pick: 0 },
    ] });
  });

  it("a dispute won after the mission was cancelled: what comes back to escrow is refunded", async () => {
    await expectClean({ missions: [one([6_000, 4_000])], payoutsAtStart: true, ops: [
      { k: "fund", m: 0, mode: "now" },
      { k: "dispute", m: 0, partial: true, mode: "now" },
      { k: "cancel", m: 0 },
      { k: "drain", par: false },
      { k: "closeDispute", m: 0, won: true, mode: "now" },
    ] });
  });

  // disputes, seed 20261126, 150 runs, path 87: the refund set aside the whole approved milestone,
  // which the escrow a dispute left could never pay; the payout died and the rest stayed in escrow.
  it("a mission cancelled with approved work a card dispute left escrow unable to pay: what is left is refunded", async () => {
    await expectClean({ missions: [one([516_258], 0)], payoutsAtStart: true, ops: [
      { k: "fund", m: 0, mode: "now" },
      { k: "dispute", m: 0, partial: true, mode: "now" }, // holds 172,086 of 516,258
      { k: "approve", m: 0, s: 0, twice: false }, // approved: 516,258 the escrow (344,172) cannot pay
      { k: "account", enabled: false, mode: "now" },
      { k: "cancel", m: 0 },
      { k: "drain", par: false },
    ] });
  });

  it("... and the dispute then won: the payout is made from what comes back, nothing is left in escrow", async () => {
    await expectClean({ missions: [one([60_000, 30_000])], payoutsAtStart: true, ops: [
      { k: "fund", m: 0, mode: "now" },
      { k: "dispute", m: 0, partial: false, mode: "now" }, // holds all 90,000
      { k: "approve", m: 0, s: 0, twice: false },
      { k: "cancel", m: 0 },
      { k: "drain", par: false }, // nothing to pay or refund: the payout waits
      { k: "closeDispute", m: 0, won: true, mode: "now" }, // 90,000 back: 60,000 paid out, 30,000 refunded
    ] });
  });

  // disputes, seed 20261126, 1000 runs, path 828: once the dispute was won, the payout its money
  // could still not cover waited forever for money nothing would bring back.
  it("... and the dispute won after the refund: a payout nothing can pay any more ends, the money comes back to the card", async () => {
    await expectClean({ missions: [one([147_940], 333)], payoutsAtStart: true, ops: [
      { k: "fund", m: 0, mode: "now" },
      { k: "approve", m: 0, s: 0, twice: false },
      { k: "account", enabled: false, mode: "now" },
      { k: "dispute", m: 0, partial: true, mode: "now" }, // holds 49,313; the mission is disputed
      { k: "cancel", m: 0 }, // resolved: cancelled
      { k: "drain", par: false }, // 98,627 refunded; the payout waits for the disputed money
      { k: "closeDispute", m: 0, won: true, mode: "now" }, // 49,313 back: still not 147,940
      { k: "drain", par: false },
    ] });
  });

  // everything, seed 20261204, 500 runs, path 1: every transfer named the mission's oldest charge as
  // its source; that was the short deposit, refunded in full, so Stripe refused the payout forever.
  it("a short deposit refunded, then the mission funded: the payout is made from the charge that has the money", async () => {
    await expectClean({ missions: [one([273, 633_657])], payoutsAtStart: true, ops: [
      { k: "shortDeposit", m: 0, mode: "now" }, // 211,310 of 633,930: refunded in full
      { k: "fund", m: 0, mode: "now" },
      { k: "approve", m: 0, s: 1, twice: false },
      { k: "drain", par: false },
    ] });
  });

  it("a payout racing a cancellation: Stripe never pays out more than the charge", async () => {
    const world = await startStripe(env);
    const seq = new Sequence(world);
    try {
      await seq.setup({ missions: [one([50_000])], payoutsAtStart: true, ops: [] });
      await seq.do({ k: "fund", m: 0, mode: "now" });
      await seq.do({ k: "approve", m: 0, s: 0, twice: false });
      const mi = seq.missions[0];
      // The admin cancels the mission between Stripe's answer to the transfer and the ledger write.
      await seq.drainOnce("drain racing cancel", {
        afterStripeCall: async () => {
          await rpc(env, theAdmin, "cancel_mission", { mission_id: mi.id, reason: "Parted ways" });
        },
      });
      await seq.settle();
      // (That the approved payout is then parked forever is the cancellation counterexample above.)
      const problems = [...seq.problems, ...await audit(env, world, seq.missions, { settled: true }, [...seq.sent.keys()])]
        .filter((p) => !/release_payout ended waiting/.test(p));
      expect(problems, `trace:\n${seq.trace.join("\n")}\n`).toEqual([]);
    } finally {
      await world.close();
    }
  });

  it("a refund racing a card dispute: the refund Stripe made is recorded, nothing is paid out twice", async () => {
    const world = await startStripe(env);
    const seq = new Sequence(world);
    try {
      await seq.setup({ missions: [one([60_000])], payoutsAtStart: true, ops: [] });
      await seq.do({ k: "fund", m: 0, mode: "now" });
      await seq.do({ k: "cancel", m: 0 });
      // The card's owner disputes the charge between Stripe's answer to the refund and the ledger write.
      let once = false;
      await seq.drainOnce("drain racing a dispute", {
        afterStripeCall: async () => {
          if (once) return;
          once = true;
          await seq.do({ k: "dispute", m: 0, partial: true, mode: "now" });
        },
      });
      await seq.settle();
      const problems = [...seq.problems, ...await audit(env, world, seq.missions, { settled: true }, [...seq.sent.keys()])];
      expect(problems, `trace:\n${seq.trace.join("\n")}\n`).toEqual([]);
    } finally {
      await world.close();
    }
  });

  it("a card dispute on a cancelled mission while its refund is on its way to Stripe: what the dispute freed is refunded too", async () => {
    const world = await startStripe(env);
    const seq = new Sequence(world);
    try {
      await seq.setup({ missions: [one([60_000, 30_000])], payoutsAtStart: true, ops: [] });
      await seq.do({ k: "fund", m: 0, mode: "now" });
      await seq.do({ k: "approve", m: 0, s: 0, twice: false }); // 60,000 approved, kept for its payout
      await seq.do({ k: "account", enabled: false, mode: "now" }); // the payout waits for the account
      await seq.do({ k: "cancel", m: 0 }); // refund of the other 30,000 asked for
      // Between Stripe's answer to that refund and the ledger write, the card's owner disputes 30,000
      // (the 60,000 payout can no longer be paid: its money is refunded, by another worker meanwhile).
      let once = false;
      await seq.drainOnce("drain racing a dispute", {
        afterStripeCall: async (job) => {
          if (once || job.kind !== "refund") return;
          once = true;
          await seq.do({ k: "dispute", m: 0, partial: true, mode: "now" });
          await seq.drainOnce("another worker");
        },
      });
      await seq.settle();
      const problems = [...seq.problems, ...await audit(env, world, seq.missions, { settled: true }, [...seq.sent.keys()])];
      expect(problems, `trace:\n${seq.trace.join("\n")}\n`).toEqual([]);
    } finally {
      await world.close();
    }
  });

  it("funding racing a cancellation answers 409, not 500", async () => {
    const world = await startStripe(env);
    const seq = new Sequence(world);
    try {
      await seq.setup({ missions: [one([7_000])], payoutsAtStart: false, ops: [] });
      const mi = seq.missions[0];
      // Stripe is slow to create the PaymentIntent; the initiator cancels meanwhile.
      await fetch(`${world.base}/_standin/fault`, { method: "POST", body: JSON.stringify({ match: "POST /v1/payment_intents", delayMs: 400 }) });
      const funding = callPayments(seq.deps, seq.init, "/payments/fund", { mission_id: mi.id });
      await new Promise((r) => setTimeout(r, 150));
      await rpc(env, seq.init, "cancel_mission", { mission_id: mi.id, reason: "Changed plans" });
      const res = await funding;
      expect(res.status, JSON.stringify(res.body)).toBe(409);
    } finally {
      await world.close();
    }
  });
});
