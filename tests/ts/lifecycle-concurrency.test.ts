// The lifecycle engine under real concurrency: many separate database connections call the RPCs at
// the same moment, each as its caller exactly as PostgREST does (one transaction: role +
// request.jwt.claims set locally, then the RPC). Whatever order the database picks, the end state
// must be one the state machines allow, every failure must be a clean business error (PT409, 23505),
// and never a deadlock (40P01) or a serialization failure (40001).
//
// Fixtures are written as the superuser; the raced calls go through the public RPCs only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { connectTestDb, createUser, testDbUrl } from "./support.ts";

// ------------------------------------------------------------------ connections
// Fixtures and checks: the superuser.
const raw = connectTestDb(4);
// The callers: CLIENTS separate clients of one connection each, so calls given to different clients
// run on different backends, truly in parallel.
const CLIENTS = 50;
const clients: postgres.Sql[] = Array.from({ length: CLIENTS }, () =>
  postgres(testDbUrl(), {
    max: 1,
    prepare: false,
    idle_timeout: 0,
    onnotice: () => {},
    connection: { application_name: "people-lifecycle-concurrency-test" },
  }),
);

beforeAll(async () => {
  // Open every connection now, so connecting does not stagger the races; each is its own backend.
  const pids = await Promise.all(clients.map(async (c) => (await c`select pg_backend_pid() as pid`)[0].pid));
  expect(new Set(pids).size).toBe(CLIENTS);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
  await raw.end({ timeout: 5 });
});

// A unique tag per run: the test database is shared by every test file of the run.
const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
let seq = 0;
const nextTag = (what: string) => `${what}-${RUN}-${++seq}`;

// ------------------------------------------------------------------ callers
type Claims = { role: string; [k: string]: unknown };
type User = { id: string; email: string };
type Contributor = User & { contributorId: string };
type Initiator = User & { initiatorId: string };

const claimsOf = (u: User): Claims => ({ sub: u.id, role: "authenticated", aud: "authenticated", email: u.email });
const serviceRole: Claims = { role: "service_role" };

type Outcome<T = Record<string, unknown>> =
  | { ok: true; row: T }
  | { ok: false; code: string; message: string };

type Call = {
  client: postgres.Sql;
  claims: Claims;
  rpc: string; // function name in public, or schema-qualified (private.*: the platform's functions)
  args: Record<string, { value: string; type: string }>; // named arguments, as PostgREST passes them
};

/** A latch: every transaction waits here until all `n` have set their role and claims. */
function barrier(n: number, timeoutMs = 15_000) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return async () => {
    arrived += 1;
    if (arrived >= n) open();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`barrier: only ${arrived} of ${n} arrived`)), timeoutMs);
    });
    try {
      await Promise.race([opened, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * One RPC as PostgREST runs it: BEGIN; set_config(role, claims) locally; select * from public.<rpc>(named args); COMMIT.
 * A database error becomes an Outcome with its SQLSTATE; anything else (a broken test) is thrown.
 */
async function callRpc(call: Call, gate?: () => Promise<void>, delayMs = 0): Promise<Outcome> {
  const names = Object.keys(call.args);
  // Argument names and types come from the test itself, never from data.
  const argList = names.map((n, i) => `${n} => $${i + 1}::${call.args[n].type}`).join(", ");
  const text = `select * from ${call.rpc.includes(".") ? call.rpc : `public.${call.rpc}`}(${argList})`;
  try {
    const row = await call.client.begin(async (tx) => {
      await tx`select set_config('role', ${call.claims.role}, true),
                      set_config('request.jwt.claims', ${JSON.stringify(call.claims)}, true),
                      set_config('request.method', 'POST', true),
                      set_config('request.path', ${`/rpc/${call.rpc}`}, true),
                      set_config('request.headers', '{}', true)`;
      if (gate) await gate();
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      const rows = await tx.unsafe(text, names.map((n) => call.args[n].value));
      return rows[0] as Record<string, unknown>;
    });
    return { ok: true, row };
  } catch (err) {
    const e = err as { code?: unknown; message?: string };
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) {
      return { ok: false, code: e.code, message: e.message ?? "" };
    }
    throw err;
  }
}

/**
 * Fires every call at once. When each call has its own connection, all transactions first reach a
 * barrier (role and claims set) and only then call their RPC, so they really overlap.
 */
async function fireTogether(calls: Call[], delays: number[] = []): Promise<Outcome[]> {
  const distinct = new Set(calls.map((c) => c.client)).size === calls.length;
  const gate = distinct ? barrier(calls.length) : undefined;
  return Promise.all(calls.map((c, i) => callRpc(c, gate, delays[i] ?? 0)));
}

/** One call, for set-up steps done through the API. Throws on failure. */
async function rpcOk(claims: Claims, rpc: string, args: Call["args"]) {
  const out = await callRpc({ client: clients[0], claims, rpc, args });
  if (!out.ok) throw new Error(`${rpc} failed in set-up: ${out.code} ${out.message}`);
  return out.row;
}

const uuid = (value: string) => ({ value, type: "uuid" });
const text = (value: string, type = "text") => ({ value, type });

// Nothing but clean business errors: never a deadlock, a serialization failure or anything else.
const NEVER = ["40P01", "40001"];
function expectOnly(outcomes: Outcome[], allowed: string[]) {
  for (const o of outcomes) {
    if (!o.ok) {
      expect(NEVER, `unexpected ${o.code}: ${o.message}`).not.toContain(o.code);
      expect(allowed, `unexpected ${o.code}: ${o.message}`).toContain(o.code);
    }
  }
}
const codesOf = (outcomes: Outcome[]) => outcomes.filter((o) => !o.ok).map((o) => (o as { code: string }).code);

// ------------------------------------------------------------------ fixtures (superuser)
async function makeInitiator(): Promise<Initiator> {
  const email = `${nextTag("conc-init")}@example.com`;
  const id = await createUser(raw, email, { role: "initiator", full_name: "Concurrent Initiator" });
  const [p] = await raw<{ id: string }[]>`select id from public.initiator_profiles where user_id = ${id}`;
  return { id, email, initiatorId: p.id };
}

async function makeContributors(n: number): Promise<Contributor[]> {
  const out: Contributor[] = [];
  for (let i = 0; i < n; i += 4) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(4, n - i) }, async () => {
        const email = `${nextTag("conc-contrib")}@example.com`;
        const id = await createUser(raw, email, { full_name: "Concurrent Contributor" });
        const [p] = await raw<{ id: string }[]>`
          update public.contributor_profiles set verification_status = 'verified', verification_date = now()
          where user_id = ${id} returning id`;
        return { id, email, contributorId: p.id };
      }),
    );
    out.push(...batch);
  }
  return out;
}

type MissionOpts = {
  status: "open" | "matching" | "in_progress";
  milestones?: number;
  maxLead?: number;
  maxShadow?: number;
  requiresCoreReviewer?: boolean;
};

/** A funded mission in `status`, with `milestones` pending milestones of 10,000 cents each. */
async function makeMission(initiator: Initiator, opts: MissionOpts) {
  const n = opts.milestones ?? 1;
  const slug = nextTag("conc-mission").toLowerCase();
  const [m] = await raw<{ id: string }[]>`
    insert into public.missions (initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
                                 estimated_duration_days, max_lead_contributors, max_shadow_contributors,
                                 requires_core_reviewer, is_public, status, published_at, started_at)
    values (${initiator.initiatorId}, ${`Concurrency ${slug}`}, ${slug}, 'A mission raced by many connections.', 'backend',
            ${n * 10000}, ${n * 10000}, 30, ${opts.maxLead ?? 1}, ${opts.maxShadow ?? 1},
            ${opts.requiresCoreReviewer ?? false}, true, ${opts.status}::public.mission_status, now(),
            ${opts.status === "in_progress" ? new Date() : null})
    returning id`;
  const milestones = await raw<{ id: string }[]>`
    insert into public.milestones (mission_id, title, order_index, amount_cents)
    select ${m.id}, 'Milestone ' || (i + 1), i, 10000 from generate_series(0, ${n - 1}::int) i
    returning id`;
  return { missionId: m.id, milestoneIds: milestones.map((r) => r.id) };
}

async function addToTeam(missionId: string, c: Contributor, role: "lead" | "shadow" | "core_reviewer") {
  await raw`insert into public.mission_assignments (mission_id, contributor_id, role, status, accepted_at)
            values (${missionId}, ${c.contributorId}, ${role}::public.assignment_role, 'active', now())`;
}

async function eventCount(event: string, entityId: string) {
  const [r] = await raw<{ n: number }[]>`
    select count(*)::int as n from private.domain_events where event = ${event} and entity_id = ${entityId}`;
  return r.n;
}

// ------------------------------------------------------------------ the tests
describe("lifecycle under concurrency (separate connections, as PostgREST calls)", () => {
  let initiator: Initiator;
  beforeAll(async () => {
    initiator = await makeInitiator();
  });

  it("approves a milestone exactly once when two approvals race (10 rounds)", async () => {
    const lead = (await makeContributors(1))[0];
    let retries = 0;
    for (let round = 0; round < 10; round++) {
      const { missionId, milestoneIds } = await makeMission(initiator, { status: "in_progress" });
      const ms = milestoneIds[0];
      await addToTeam(missionId, lead, "lead");
      await rpcOk(claimsOf(lead), "submit_milestone", { milestone_id: uuid(ms), content: text(`Delivery ${round}`) });

      const approve = (client: postgres.Sql): Call => ({
        client, claims: claimsOf(initiator), rpc: "approve_milestone", args: { milestone_id: uuid(ms) },
      });
      const outcomes = await fireTogether([approve(clients[2 * round]), approve(clients[2 * round + 1])]);

      expectOnly(outcomes, ["PT409"]);
      const succeeded = outcomes.filter((o) => o.ok);
      expect(succeeded.length).toBeGreaterThanOrEqual(1);
      for (const o of succeeded) if (o.ok) expect(o.row.status).toBe("approved");
      if (succeeded.length === 2) retries += 1;

      const [row] = await raw<{ status: string; approved: boolean }[]>`
        select status::text, approved_at is not null as approved from public.milestones where id = ${ms}`;
      expect(row).toEqual({ status: "approved", approved: true });
      expect(await eventCount("payout:requested", ms), `round ${round}: payouts requested`).toBe(1);
      expect(await eventCount("milestone:approved", ms), `round ${round}: approvals`).toBe(1);
      const subs = await raw<{ status: string }[]>`select status::text from public.work_submissions where milestone_id = ${ms}`;
      expect(subs).toEqual([{ status: "approved" }]);
    }
    // The second approval is a retry that changes nothing (the guard returns the milestone as is).
    expect(retries).toBe(10);
  });

  it("approves each of 10 milestones of one mission exactly once when 3 approvals each race at once", async () => {
    const lead = (await makeContributors(1))[0];
    const { missionId, milestoneIds } = await makeMission(initiator, { status: "in_progress", milestones: 10 });
    await addToTeam(missionId, lead, "lead");
    for (const ms of milestoneIds) {
      await rpcOk(claimsOf(lead), "submit_milestone", { milestone_id: uuid(ms), content: text("Done.") });
    }
    expect((await raw`select status::text from public.missions where id = ${missionId}`)[0].status).toBe("in_review");

    const calls: Call[] = milestoneIds.flatMap((ms, i) =>
      [0, 1, 2].map((k) => ({
        client: clients[3 * i + k], claims: claimsOf(initiator), rpc: "approve_milestone", args: { milestone_id: uuid(ms) },
      })),
    );
    const outcomes = await fireTogether(calls);
    expectOnly(outcomes, ["PT409"]);

    for (const ms of milestoneIds) {
      expect(await eventCount("payout:requested", ms)).toBe(1);
      expect(await eventCount("milestone:approved", ms)).toBe(1);
    }
    const statuses = await raw<{ status: string; n: number }[]>`
      select status::text, count(*)::int as n from public.milestones where mission_id = ${missionId} group by 1`;
    expect(statuses).toEqual([{ status: "approved", n: 10 }]);
  });

  it("takes 100 applications from 100 contributors at once, without an error", async () => {
    const applicants = await makeContributors(100);
    const { missionId } = await makeMission(initiator, { status: "open" });

    const calls: Call[] = applicants.map((c, i) => ({
      client: clients[i % CLIENTS], // 50 connections at a time; the rest queue behind them
      claims: claimsOf(c),
      rpc: "apply_to_mission",
      args: { mission_id: uuid(missionId), cover_letter: text(`Applicant ${i}`) },
    }));
    const outcomes = await fireTogether(calls);

    const failures = outcomes.filter((o) => !o.ok);
    expect(failures, JSON.stringify(failures.slice(0, 3))).toEqual([]);
    const [apps] = await raw<{ n: number; people: number; pending: number }[]>`
      select count(*)::int as n, count(distinct contributor_id)::int as people,
             count(*) filter (where status = 'pending')::int as pending
      from public.mission_applications where mission_id = ${missionId}`;
    expect(apps).toEqual({ n: 100, people: 100, pending: 100 });
    const [ev] = await raw<{ n: number }[]>`
      select count(*)::int as n from private.domain_events where event = 'application:received' and mission_id = ${missionId}`;
    expect(ev.n).toBe(100);
  });

  it("keeps one application when the same contributor applies 20 times at once", async () => {
    const [applicant] = await makeContributors(1);
    const { missionId } = await makeMission(initiator, { status: "open" });

    const calls: Call[] = Array.from({ length: 20 }, (_, i) => ({
      client: clients[i],
      claims: claimsOf(applicant),
      rpc: "apply_to_mission",
      args: { mission_id: uuid(missionId), cover_letter: text(`Attempt ${i}`) },
    }));
    const outcomes = await fireTogether(calls);

    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expectOnly(outcomes, ["23505", "PT409"]);
    expect(codesOf(outcomes)).toHaveLength(19);
    const [apps] = await raw<{ n: number }[]>`
      select count(*)::int as n from public.mission_applications where mission_id = ${missionId} and contributor_id = ${applicant.contributorId}`;
    expect(apps.n).toBe(1);
    const [ev] = await raw<{ n: number }[]>`
      select count(*)::int as n from private.domain_events where event = 'application:received' and mission_id = ${missionId}`;
    expect(ev.n).toBe(1);
  });

  it("keeps application and team consistent when a withdrawal races an acceptance (20 rounds)", async () => {
    const applicants = await makeContributors(20);
    const seen = { withdrawFirst: 0, acceptFirst: 0 };
    for (let round = 0; round < 20; round++) {
      const c = applicants[round];
      const { missionId } = await makeMission(initiator, { status: "open" });
      const app = await rpcOk(claimsOf(c), "apply_to_mission", { mission_id: uuid(missionId) });
      const appId = app.id as string;
      if (round % 4 === 3) {
        await rpcOk(claimsOf(initiator), "shortlist_application", { application_id: uuid(appId) });
      }

      // Vary who tends to get there first: a few milliseconds of head start, alternating sides.
      const jitter = round % 3 === 0 ? [0, 0] : round % 3 === 1 ? [0, 3] : [3, 0];
      const [withdrawn, accepted] = await fireTogether(
        [
          { client: clients[0], claims: claimsOf(c), rpc: "withdraw_application", args: { application_id: uuid(appId) } },
          {
            client: clients[1], claims: claimsOf(initiator), rpc: "accept_application",
            args: { application_id: uuid(appId), role: text("lead", "public.assignment_role") },
          },
        ],
        jitter,
      );
      expectOnly([withdrawn, accepted], ["PT409"]);

      const [a] = await raw<{ status: string }[]>`select status::text from public.mission_applications where id = ${appId}`;
      const team = await raw<{ status: string; role: string }[]>`
        select status::text, role::text from public.mission_assignments
        where mission_id = ${missionId} and contributor_id = ${c.contributorId}`;
      const onTeam = team.filter((t) => ["invited", "active", "stepped_up"].includes(t.status));
      const ctx = `round ${round}: withdraw ${JSON.stringify(withdrawn)}, accept ${JSON.stringify(accepted)}, ` +
        `application ${a.status}, team ${JSON.stringify(team)}`;

      // The invariant: accepted if and only if the contributor holds an active place on the team.
      expect(a.status === "accepted", ctx).toBe(team.some((t) => t.status === "active"));
      expect(onTeam.length, ctx).toBeLessThanOrEqual(1);
      expect(team.length, ctx).toBeLessThanOrEqual(1);

      if (withdrawn.ok && !accepted.ok) {
        // The withdrawal won: the acceptance found a withdrawn application.
        seen.withdrawFirst += 1;
        expect(accepted.code, ctx).toBe("PT409");
        expect(a.status, ctx).toBe("withdrawn");
        expect(team, ctx).toEqual([]);
      } else if (withdrawn.ok && accepted.ok) {
        // The acceptance won, then the applicant withdrew: the place is given up too.
        seen.acceptFirst += 1;
        expect(a.status, ctx).toBe("withdrawn");
        expect(team, ctx).toEqual([{ status: "withdrawn", role: "lead" }]);
        expect(await eventCount("application:accepted", appId), ctx).toBe(1);
      } else if (!withdrawn.ok && accepted.ok) {
        // Only possible if a withdrawal of an accepted application were refused: then it must stay on the team.
        expect(a.status, ctx).toBe("accepted");
        expect(onTeam, ctx).toEqual([{ status: "active", role: "lead" }]);
      } else {
        expect.unreachable(`both calls failed: ${ctx}`);
      }
      expect(await eventCount("application:withdrawn", appId), ctx).toBe(withdrawn.ok ? 1 : 0);
    }
    expect(seen.withdrawFirst + seen.acceptFirst).toBe(20);
    console.info(`withdraw/accept race: withdrawal first ${seen.withdrawFirst}, acceptance first ${seen.acceptFirst}`);
  });

  it("fills a single shadow place once when 10 invitations race (5 rounds)", async () => {
    const candidates = await makeContributors(10);
    for (let round = 0; round < 5; round++) {
      const { missionId } = await makeMission(initiator, { status: "open", maxShadow: 1 });
      const calls: Call[] = candidates.map((c, i) => ({
        client: clients[i],
        claims: claimsOf(initiator),
        rpc: "invite_contributor",
        args: {
          mission_id: uuid(missionId),
          contributor_id: uuid(c.contributorId),
          role: text("shadow", "public.assignment_role"),
        },
      }));
      const outcomes = await fireTogether(calls);

      expectOnly(outcomes, ["PT409"]);
      expect(outcomes.filter((o) => o.ok), `round ${round}`).toHaveLength(1);
      expect(codesOf(outcomes)).toEqual(Array(9).fill("PT409"));
      const team = await raw<{ role: string; status: string }[]>`
        select role::text, status::text from public.mission_assignments where mission_id = ${missionId}`;
      expect(team).toEqual([{ role: "shadow", status: "invited" }]);
      const [ev] = await raw<{ n: number }[]>`
        select count(*)::int as n from private.domain_events where event = 'invitation:sent' and mission_id = ${missionId}`;
      expect(ev.n).toBe(1);
    }
  });

  it("marks a mission funded once when the payments webhook is delivered 10 times at once", async () => {
    const { missionId } = await makeMission(initiator, { status: "open" });
    // The deposit Stripe reported, covering the plan: a mission is funded only by it (issue 18).
    await raw`insert into private.mission_charges (payment_intent_id, mission_id, charge_id, amount_cents, currency)
      select 'pi_conc_' || m.id, m.id, 'ch_conc_' || m.id, (select sum(x.amount_cents) from public.milestones x where x.mission_id = m.id), m.currency
      from public.missions m where m.id = ${missionId}`;
    await raw`insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, currency, stripe_payment_intent_id, status)
      select m.id, m.initiator_id, 'deposit', c.amount_cents, m.currency, c.payment_intent_id, 'completed'
      from public.missions m join private.mission_charges c on c.mission_id = m.id where m.id = ${missionId}`;
    await raw`update public.missions set status = 'pending_funding' where id = ${missionId}`;
    const calls: Call[] = Array.from({ length: 10 }, (_, i) => ({
      client: clients[i], claims: serviceRole, rpc: "private.mark_mission_funded", args: { mission_id: uuid(missionId) },
    }));
    const outcomes = await fireTogether(calls);
    expectOnly(outcomes, ["PT409"]);
    expect(outcomes.filter((o) => o.ok).length).toBeGreaterThanOrEqual(1);
    expect((await raw`select status::text from public.missions where id = ${missionId}`)[0].status).toBe("open");
    const [ev] = await raw<{ n: number }[]>`
      select count(*)::int as n from private.domain_events
      where mission_id = ${missionId} and event = 'mission:update' and payload ->> 'action' = 'mark_funded'`;
    expect(ev.n).toBe(1);
    // Stripe delivers webhooks at least once: a redelivery is a retry that must change nothing, so
    // the funded event (which notifications hang off) is raised once too.
    const [funded] = await raw<{ n: number }[]>`
      select count(*)::int as n from private.domain_events where mission_id = ${missionId} and event = 'mission:funded'`;
    expect(funded.n, "mission:funded events after 10 deliveries of one funding").toBe(1);
  });
});
