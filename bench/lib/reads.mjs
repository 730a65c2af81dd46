// The hot reads, as the real role with claims (RLS) against the same query as the table owner with
// an equivalent explicit filter (owner), interleaved run by run over random users, on two
// connections (one per mode, so each keeps its own prepared statements and plan caches, as a
// PostgREST worker does). Each run's result is compared between the two modes.
import { apiConnect, log, percentile, request, rng, summary } from "./db.mjs";

const ratio = (a, b) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);

/**
 * The paired estimate: each two consecutive runs (one with RLS first, one with the owner first) give the
 * geometric mean of their RLS/owner query-time ratios, and this is the median of those. Drift of the
 * machine's speed between runs and the advantage of running second in a pair (the rows already in
 * shared buffers) both cancel; the p50 ratio above keeps them.
 */
export function pairedRatio(pairs) {
  const xs = [];
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const [a, b] = [pairs[i], pairs[i + 1]];
    if (a > 0 && b > 0) xs.push(Math.sqrt(a * b));
  }
  if (xs.length === 0) return null;
  xs.sort((x, y) => x - y);
  const mid = Math.floor(xs.length / 2);
  const med = xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
  return Math.round(med * 100) / 100;
}

/**
 * A 95% interval of the p50 ratio (rls p50 / owner p50): the runs resampled with replacement, each
 * run's two times kept together, `resamples` times (percentile bootstrap, seeded). It says how far the
 * ratio of two medians of sub-millisecond times moves by chance alone in a run of this size.
 */
export function ratioInterval(rlsTimes, ownerTimes, { resamples = 1000, seed = 1 } = {}) {
  const n = Math.min(rlsTimes.length, ownerTimes.length);
  if (n < 2) return null;
  const random = rng(seed);
  // The same estimator as overhead_ratio's (percentile(), nearest rank), so the interval is of that ratio.
  const mid = (xs) => percentile(xs, 50);
  const ratios = [];
  const a = new Array(n);
  const b = new Array(n);
  for (let k = 0; k < resamples; k++) {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(random() * n);
      a[i] = rlsTimes[j];
      b[i] = ownerTimes[j];
    }
    const o = mid(b);
    if (o > 0) ratios.push(mid(a) / o);
  }
  if (ratios.length === 0) return null;
  ratios.sort((x, y) => x - y);
  const at = (q) => Math.round(ratios[Math.min(ratios.length - 1, Math.floor(q * ratios.length))] * 100) / 100;
  return [at(0.025), at(0.975)];
}

function fingerprint(read, row) {
  const count = Number(row.page_total);
  if (read.check === "count") return `${count}`;
  const body = JSON.parse(row.body);
  const ids = (Array.isArray(body) ? body : [body]).map((x) => x.id);
  if (read.check === "set") ids.sort();
  return `${count}:${ids.join(",")}`;
}

/** Users who make this request, with their target, for `n` runs. */
export function planRuns(read, ctx, n, random) {
  const users = ctx.users.filter((u) => read.users === "any" || u.kind === read.users);
  const runs = [];
  for (let tries = 0; runs.length < n && tries < n * 20 && users.length > 0; tries++) {
    const u = users[Math.floor(random() * users.length)];
    const t = read.pick(u, random, ctx);
    if (t) runs.push({ u, t });
  }
  return runs;
}

export async function runReadsBench(url, ctx, reads, { iterations = 500, seconds = 25, warmup = 20, seed = 11 } = {}) {
  const rls = await apiConnect(url, "rls", { max: 1 });
  const owner = await apiConnect(url, "owner", { max: 1 });
  const results = [];
  try {
    for (const read of reads) {
      const random = rng(seed + results.length);
      const runs = planRuns(read, ctx, warmup + iterations, random);
      const once = async (mode, { u, t }) => {
        const q = mode === "rls" ? read.rls(u, t) : read.owner(u, t);
        // Both modes run PostgREST's pre-request hook (public.check_request), as every Data API request does.
        return request(mode === "rls" ? rls.sql : owner.sql, mode, u.user_id, q.sql, q.args, { preRequest: true });
      };
      // Warm up both connections' caches (plans, buffers) on other users.
      for (const run of runs.slice(0, warmup)) {
        await once("rls", run);
        await once("owner", run);
      }
      const m = { rls: { q: [], r: [] }, owner: { q: [], r: [] } };
      const pairs = [];
      let same = 0;
      const differ = [];
      let rows = 0;
      const deadline = Date.now() + seconds * 1000;
      const measured = runs.slice(warmup);
      let done = 0;
      for (const [i, run] of measured.entries()) {
        if (Date.now() > deadline) break;
        const order = i % 2 === 0 ? ["rls", "owner"] : ["owner", "rls"];
        const out = {};
        for (const mode of order) {
          out[mode] = await once(mode, run);
          m[mode].q.push(out[mode].queryMs);
          m[mode].r.push(out[mode].requestMs);
        }
        pairs.push(out.owner.queryMs > 0 ? out.rls.queryMs / out.owner.queryMs : 0);
        rows += Number(out.rls.row.page_total);
        if (fingerprint(read, out.rls.row) === fingerprint(read, out.owner.row)) same += 1;
        else if (differ.length < 5) differ.push({ user: run.u.user_id, target: run.t });
        done += 1;
      }
      const rq = summary(m.rls.q);
      const oq = summary(m.owner.q);
      const rr = summary(m.rls.r);
      const or = summary(m.owner.r);
      const r = {
        name: read.name,
        variant: read.variant ?? null,
        call: read.call,
        owner_filter: read.owner_filter,
        runs: done,
        distinct_users: new Set(measured.slice(0, done).map((x) => x.u.user_id)).size,
        rows_mean: Math.round((rows / (done || 1)) * 10) / 10,
        rls_p50_ms: rq.p50,
        rls_p95_ms: rq.p95,
        owner_p50_ms: oq.p50,
        owner_p95_ms: oq.p95,
        // From the unrounded percentiles: summary() rounds to 0.01 ms, which on a 0.13 ms read alone
        // moves the ratio by up to 8% (0.14 / 0.13 = 1.08 or 0.15 / 0.13 = 1.15).
        overhead_ratio: ratio(percentile(m.rls.q, 50), percentile(m.owner.q, 50)),
        overhead_ratio_p95: ratio(percentile(m.rls.q, 95), percentile(m.owner.q, 95)),
        overhead_ratio_paired: pairedRatio(pairs),
        overhead_ratio_interval: ratioInterval(m.rls.q, m.owner.q),
        rls_request_p50_ms: rr.p50,
        rls_request_p95_ms: rr.p95,
        owner_request_p50_ms: or.p50,
        owner_request_p95_ms: or.p95,
        same_result: `${same}/${done}`,
        result_differences: differ,
      };
      log(
        `  ${read.name}: rls p50 ${rq.p50} / p95 ${rq.p95} ms, owner p50 ${oq.p50} / p95 ${oq.p95} ms, ` +
          `ratio p50 ${r.overhead_ratio} (95% interval ${r.overhead_ratio_interval?.join("-") ?? "-"}; p95 ${r.overhead_ratio_p95}, paired ${r.overhead_ratio_paired}); ` +
            `${done} runs, same result ${same}/${done}`,
      );
      results.push(r);
    }
  } finally {
    await rls.sql.end();
    await owner.sql.end();
  }
  return { login: rls.login, results };
}
