// The mixed workload: N concurrent connections, each request as one of the sampled users chosen at
// random, PostgREST style (one transaction: role + claims, the pre-request hook, then the query or RPC), mixing the hot
// reads and a few writes. Run once with RLS (authenticated) and once as the owner with the explicit
// filters (RLS bypassed), in alternating segments (ABBA order) so that other load on the machine
// falls on both alike. Writes are committed in both modes (fresh targets for each).
import { apiConnect, log, request, rng, summary } from "./db.mjs";
import { WRITES } from "./writes.mjs";

// Share of requests by kind (reads ~93%, writes ~7%). A kind a user cannot make (an initiator has no
// applications of their own...) is redrawn among the ones they can.
export const MIX = [
  ["open_missions", 22],
  ["mission_detail", 18],
  ["unread_notifications", 20],
  ["conversation_messages", 16],
  ["my_applications", 8],
  ["applications_inbox", 5],
  ["contributor_search", 4],
  ["send_message", 4],
  ["mark_all_notifications_read", 2],
  ["apply_to_mission", 1],
];

export async function runMixed(url, ctx, reads, targets, { seconds = 60, concurrency = 64, segments = 4, warmupSeconds = 5, seed = 17 } = {}) {
  const readsByName = Object.fromEntries(reads.map((r) => [r.name, r]));
  const writesByName = Object.fromEntries(WRITES.map((w) => [w.name, w]));
  const pools = {
    rls: { apply_to_mission: [] },
    owner: { apply_to_mission: [] },
  };
  // Take half of the fresh apply targets left (a later run gets the rest), split between the two modes.
  const mine = targets.apply_to_mission.splice(0, Math.ceil(targets.apply_to_mission.length / 2));
  mine.forEach((t, i) => pools[i % 2 === 0 ? "rls" : "owner"].apply_to_mission.push(t));

  const conns = {
    rls: await apiConnect(url, "rls", { max: concurrency }),
    owner: await apiConnect(url, "owner", { max: concurrency }),
  };
  const fresh = () => ({ lat: [], n: 0, errors: 0, errorsByKind: {}, byKind: {}, ms: 0, firstErrors: [] });
  const stats = { rls: fresh(), owner: fresh() };

  const one = async (mode, random, measure) => {
    const u = ctx.users[Math.floor(random() * ctx.users.length)];
    let kind;
    let q;
    let readOnly = true;
    for (let tries = 0; tries < 20 && !q; tries++) {
      const total = MIX.reduce((a, [, w]) => a + w, 0);
      let x = random() * total;
      kind = MIX.find(([, w]) => (x -= w) < 0)[0];
      const read = readsByName[kind];
      if (read) {
        if (read.users !== "any" && read.users !== u.kind) continue;
        const t = read.pick(u, random, ctx);
        if (!t) continue;
        q = mode === "rls" ? read.rls(u, t) : read.owner(u, t);
      } else if (kind === "send_message") {
        if (u.conversations.length === 0) continue;
        const c = u.conversations[Math.floor(random() * u.conversations.length)];
        q = { sql: writesByName.send_message.sql, args: writesByName.send_message.args({ conversation_id: c }) };
        readOnly = false;
      } else if (kind === "mark_all_notifications_read") {
        q = { sql: writesByName.mark_all_notifications_read.sql, args: [] };
        readOnly = false;
      } else if (kind === "apply_to_mission") {
        const t = pools[mode].apply_to_mission.pop();
        if (!t) continue;
        q = { sql: writesByName.apply_to_mission.sql, args: writesByName.apply_to_mission.args(t), user: t.user_id };
        readOnly = false;
      }
    }
    if (!q) return;
    const s = stats[mode];
    try {
      const r = await request(conns[mode].sql, mode, q.user ?? u.user_id, q.sql, q.args, { readOnly, preRequest: true });
      if (measure) {
        s.lat.push(r.requestMs);
        s.n += 1;
        (s.byKind[kind] ??= []).push(r.requestMs);
      }
    } catch (e) {
      if (measure) {
        s.errors += 1;
        const key = `${kind}: ${e.code ?? "error"}`;
        s.errorsByKind[key] = (s.errorsByKind[key] ?? 0) + 1;
        if (s.firstErrors.length < 3) s.firstErrors.push(`${kind}: ${e.code ?? ""} ${e.message}`);
      }
    }
  };

  const segment = async (mode, ms, measure, segSeed) => {
    const deadline = Date.now() + ms;
    const t0 = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: concurrency }, async (_, w) => {
        const random = rng(segSeed * 1000 + w);
        while (Date.now() < deadline) await one(mode, random, measure);
      }),
    );
    if (measure) stats[mode].ms += Number(process.hrtime.bigint() - t0) / 1e6;
  };

  try {
    // Warm-up: every connection of both modes prepares its statements and the caches fill.
    log(`  warm-up ${warmupSeconds} s per mode`);
    await segment("rls", warmupSeconds * 1000, false, seed);
    await segment("owner", warmupSeconds * 1000, false, seed + 1);
    const order = [];
    for (let i = 0; i < segments; i++) order.push(...(i % 2 === 0 ? ["rls", "owner"] : ["owner", "rls"]));
    const per = (seconds * 1000) / segments;
    for (const [i, mode] of order.entries()) {
      await segment(mode, per, true, seed + 10 + i);
    }
  } finally {
    await conns.rls.sql.end();
    await conns.owner.sql.end();
  }
  const out = {};
  for (const mode of ["rls", "owner"]) {
    const s = stats[mode];
    const l = summary(s.lat);
    out[mode] = {
      requests: s.n,
      seconds: Math.round(s.ms) / 1000,
      rps: Math.round((s.n / (s.ms / 1000)) * 10) / 10,
      p50_ms: l.p50,
      p95_ms: l.p95,
      p99_ms: l.p99,
      errors: s.errors,
      first_errors: s.firstErrors,
      errors_by_kind: s.errorsByKind,
      by_kind: Object.fromEntries(
        Object.entries(s.byKind)
          .sort()
          .map(([k, xs]) => {
            const x = summary(xs);
            return [k, { requests: x.n, p50_ms: x.p50, p95_ms: x.p95, share_of_time: Math.round((1000 * xs.reduce((a, b) => a + b, 0)) / s.lat.reduce((a, b) => a + b, 0)) / 10 }];
          }),
      ),
    };
  }
  const result = {
    concurrency,
    statement_timeout: conns.owner.statement_timeout,
    seconds_per_mode: seconds,
    segments_per_mode: segments,
    users: ctx.users.length,
    mix: Object.fromEntries(MIX),
    rls_rps: out.rls.rps,
    owner_rps: out.owner.rps,
    ratio: Math.round((out.rls.rps / out.owner.rps) * 1000) / 1000,
    p95_ms: out.rls.p95_ms,
    owner_p95_ms: out.owner.p95_ms,
    rls: out.rls,
    owner: out.owner,
  };
  log(
    `  mixed: RLS ${result.rls_rps} req/s (p95 ${result.p95_ms} ms), owner ${result.owner_rps} req/s (p95 ${result.owner_p95_ms} ms), ` +
      `ratio ${result.ratio}; errors ${out.rls.errors} / ${out.owner.errors}`,
  );
  return result;
}
