// GET /functions/v1/health: is the function runtime up and can it reach the database? And is anything
// a deploy must leave in place missing (private.deployment_check(): cron jobs, the pre-request function,
// realtime partitions, storage buckets and policies, the access-token hook grant)?
// Any valid project JWT may call it (the anon key included), so uptime checks need no user; only the
// service role sees the server version, the latest migration and what is missing (issue 19).
import { sql } from "kysely";
import { authenticate } from "../_shared/auth.ts";
import { HttpError, json, methodNotAllowed } from "../_shared/errors.ts";
import type { Handler } from "../_shared/handler.ts";

/** The largest request body accepted: no body. */
export const maxBodyBytes = 1024;

export const handler: Handler = async (req, deps) => {
  if (req.method !== "GET" && req.method !== "HEAD") throw methodNotAllowed(["GET", "HEAD"]);
  const claims = await authenticate(req, deps.config);
  // What the server runs and which migration it is at, and the list of what a deploy left out, help
  // an attacker more than an uptime check: the service role only. Others get up / ok or not.
  const operator = claims.role === "service_role";

  const started = performance.now();
  let row;
  let missing: { component: string; missing: string }[];
  try {
    const result = await sql<{ server_version: string; latest_migration: string | null; now: Date }>`
      select current_setting('server_version') as server_version,
             (select max(version) from supabase_migrations.schema_migrations) as latest_migration,
             now() as now`.execute(deps.db.db);
    row = result.rows[0];
    const check = await sql<{ component: string; missing: string }>`
      select component, missing from private.deployment_check()`.execute(deps.db.db);
    missing = check.rows;
  } catch (err) {
    throw new HttpError(503, "database_unavailable", "The database cannot be reached.", undefined, {}, err);
  }
  const latency_ms = Math.round((performance.now() - started) * 10) / 10;
  if (!operator) {
    return json({
      status: "ok",
      time: deps.now().toISOString(),
      database: { status: "up", latency_ms },
      deployment: { ok: missing.length === 0 },
    });
  }
  return json({
    status: "ok",
    time: deps.now().toISOString(),
    database: { status: "up", latency_ms, server_version: row.server_version, latest_migration: row.latest_migration },
    deployment: { ok: missing.length === 0, missing },
  });
};
