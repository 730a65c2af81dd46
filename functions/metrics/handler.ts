// GET /functions/v1/metrics: the platform's health in the Prometheus text format, for a Prometheus
// scrape (docs/MONITORING.md has the scrape configuration and a Grafana dashboard). Protected by its own
// bearer token (METRICS_TOKEN, compared in constant time), not a user's JWT: verify_jwt is off.
//   jobs by kind and state, dead letters, the oldest waiting payout, Stripe webhook backlog and lag,
//   escrow held, missions by status, signups and verifications (totals and last 24 h), and the Edge
//   Functions' own request counts and latencies (functions/_shared/metrics.ts).
import { sql } from "kysely";
import { HttpError, methodNotAllowed, unauthorized } from "../_shared/errors.ts";
import type { Handler } from "../_shared/handler.ts";
import { type Family, renderPrometheus, requestFamilies } from "../_shared/metrics.ts";

export const requires = ["METRICS_TOKEN"] as const;

/** The largest request body accepted: no body. */
export const maxBodyBytes = 1024;

/** Constant-time comparison of two strings (length leaks nothing useful: tokens have a fixed length). */
function sameSecret(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

type Row = { family: string; labels: Record<string, string> | null; value: string | number };

// One round trip: every figure the families below need, as (family, labels, value) rows.
const FIGURES = sql<Row>`
  select 'jobs' as family, jsonb_build_object('kind', kind, 'state', status) as labels, count(*) as value
    from private.jobs where status <> 'done' group by kind, status
  union all
  select 'jobs_dead', null, count(*) from private.jobs where status = 'dead'
  union all
  select 'oldest_waiting_payout', null,
         coalesce(extract(epoch from now() - min(created_at)), 0)
    from private.jobs where kind = 'release_payout' and status in ('queued', 'running', 'waiting')
  union all
  select 'webhook_unprocessed', null, count(*) from private.stripe_events where processed_at is null
  union all
  select 'webhook_oldest_unprocessed', null, coalesce(extract(epoch from now() - min(received_at)), 0)
    from private.stripe_events where processed_at is null
  union all
  select 'webhook_lag', jsonb_build_object('quantile', q::text),
         coalesce(percentile_cont(q) within group (order by extract(epoch from processed_at - received_at)), 0)
    from private.stripe_events, unnest(array[0.5, 0.95, 0.99]) as q
    where processed_at > now() - interval '1 day'
    group by q
  union all
  select 'escrow_held', jsonb_build_object('currency', p.currency), sum(p.held_cents + p.disputed_cents)
    from public.missions m cross join lateral public.mission_escrow_position(m.id) p
    where exists (select from public.escrow_transactions e where e.mission_id = m.id)
    group by p.currency
  union all
  select 'timer_failures', jsonb_build_object('timer', timer), count(*) from private.lifecycle_timer_failures group by timer
  union all
  select 'missions', jsonb_build_object('status', status::text), count(*) from public.missions group by status
  union all
  select 'signups', jsonb_build_object('role', primary_role::text), count(*) from public.profiles group by primary_role
  union all
  select 'signups_24h', null, count(*) from public.profiles where created_at > now() - interval '1 day'
  union all
  select 'verifications', jsonb_build_object('status', verification_status::text), count(*)
    from public.contributor_profiles group by verification_status
  union all
  select 'verifications_24h', null, count(*) from public.contributor_profiles
    where verification_status = 'verified' and verification_date > now() - interval '1 day'`;

const FAMILIES: Record<string, Omit<Family, "samples">> = {
  jobs: { name: "people_jobs", help: "Jobs not done yet, by kind and state (queued, running, waiting, dead).", type: "gauge" },
  jobs_dead: { name: "people_jobs_dead_letters", help: "Jobs that ran out of attempts (dead letters).", type: "gauge" },
  oldest_waiting_payout: { name: "people_payout_oldest_waiting_seconds", help: "Age of the oldest payout job not done yet (0 when none).", type: "gauge" },
  webhook_unprocessed: { name: "people_stripe_events_unprocessed", help: "Stripe events received and not processed yet.", type: "gauge" },
  webhook_oldest_unprocessed: { name: "people_stripe_event_oldest_unprocessed_seconds", help: "Age of the oldest unprocessed Stripe event (0 when none).", type: "gauge" },
  webhook_lag: { name: "people_stripe_event_processing_lag_seconds", help: "Time from receiving a Stripe event to processing it, last 24 hours, by quantile.", type: "gauge" },
  escrow_held: { name: "people_escrow_held_cents", help: "Money held in escrow (deposits not yet paid out, refunded or charged as fees; disputed included), in minor units.", type: "gauge" },
  timer_failures: { name: "people_lifecycle_timer_failures", help: "Rows the lifecycle timers could not move (retried with backoff), by timer.", type: "gauge" },
  missions: { name: "people_missions", help: "Missions by status.", type: "gauge" },
  signups: { name: "people_signups_total", help: "People signed up, by primary role.", type: "counter" },
  signups_24h: { name: "people_signups_last_24h", help: "People signed up in the last 24 hours.", type: "gauge" },
  verifications: { name: "people_contributors", help: "Contributors by verification status.", type: "gauge" },
  verifications_24h: { name: "people_verifications_last_24h", help: "Contributors verified in the last 24 hours.", type: "gauge" },
};

export const handler: Handler = async (req, deps) => {
  if (req.method !== "GET") throw methodNotAllowed(["GET"]);
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.get("Authorization")?.trim() ?? "")?.[1];
  const expected = deps.config.METRICS_TOKEN;
  if (!expected) throw new HttpError(503, "not_configured", "Metrics are not configured (METRICS_TOKEN).");
  if (!token || !sameSecret(token, expected)) throw unauthorized("A valid metrics token is required.");

  let rows: Row[];
  try {
    rows = (await FIGURES.execute(deps.db.db)).rows;
  } catch (err) {
    throw new HttpError(503, "database_unavailable", "The database cannot be reached.", undefined, {}, err);
  }
  const families = new Map<string, Family>();
  for (const [key, meta] of Object.entries(FAMILIES)) families.set(key, { ...meta, samples: [] });
  for (const row of rows) {
    families.get(row.family)?.samples.push({ labels: row.labels ?? undefined, value: Number(row.value) });
  }
  // A figure with no rows (no jobs at all, say) is 0, not absent, so alerts on it work from the start.
  for (const key of ["jobs_dead", "oldest_waiting_payout", "webhook_unprocessed", "webhook_oldest_unprocessed", "signups_24h", "verifications_24h"]) {
    const f = families.get(key)!;
    if (f.samples.length === 0) f.samples.push({ value: 0 });
  }
  const up: Family = { name: "people_up", help: "1 when the metrics function reached the database.", type: "gauge", samples: [{ value: 1 }] };
  const body = renderPrometheus([up, ...families.values(), ...requestFamilies()]);
  return new Response(body, { status: 200, headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8" } });
};
