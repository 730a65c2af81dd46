// /functions/v1/email-worker: sends the queued emails (jobs of kind 'email', queued in the same
// transaction as the event that caused them). Called with the service key by pg_cron + pg_net on
// Supabase and by `npm run dev` locally. Each email carries Resend's Idempotency-Key email-<job id>,
// so a retry after a timeout or a crash never sends it twice; failures back off exponentially and
// end in the dead letters (status 'dead') after max_attempts.
import { sql } from "kysely";
import { authenticate } from "../_shared/auth.ts";
import { render } from "../_shared/email.ts";
import { HttpError, json, methodNotAllowed } from "../_shared/errors.ts";
import type { Deps, Handler } from "../_shared/handler.ts";

/** The largest request body accepted: no body. */
export const maxBodyBytes = 1024;

export const requires = ["RESEND_API_KEY"] as const;

type Job = { id: number; payload: { user_id: string; template: string; data: Record<string, string> } };
type Outcome = { job: number; result: "sent" | "skipped" | "retry" | "dead"; detail?: string };

async function sendOne(deps: Deps, job: Job): Promise<Outcome> {
  const db = deps.db.db;
  const { rows } = await sql<{ email: string | null; full_name: string; email_opt_outs: string[]; account_status: string }>`
    select u.email, p.full_name, p.email_opt_outs, p.account_status::text
    from auth.users u join public.profiles p on p.id = u.id where u.id = ${job.payload.user_id}`.execute(db);
  const to = rows[0];
  // Preferences are read again at sending time: an opt-out made after queueing still counts.
  if (!to?.email || to.email.endsWith("@invalid") || to.email_opt_outs.includes(job.payload.template) || to.account_status === "banned") {
    await sql`select public.complete_job(${job.id})`.execute(db);
    return { job: job.id, result: "skipped", detail: "no recipient or opted out" };
  }
  const message = render(job.payload.template, { email: to.email, full_name: to.full_name }, job.payload.data ?? {}, deps.config.APP_URL);
  if (!deps.email) throw new HttpError(503, "not_configured", "Email is not configured on this server.");
  const { data, error } = await deps.email.emails.send(
    { from: deps.config.EMAIL_FROM, to: [to.email], subject: message.subject, text: message.text, html: message.html,
      tags: [{ name: "template", value: job.payload.template }] },
    { idempotencyKey: `email-${job.id}`, signal: AbortSignal.timeout(deps.config.EMAIL_TIMEOUT_MS) },
  );
  if (error || !data) throw new Error(`Resend: ${error?.message ?? "no response"}`);
  await sql`select public.complete_job(${job.id})`.execute(db);
  return { job: job.id, result: "sent", detail: data.id };
}

/** Sends every ready email, a batch at a time. */
export async function drainEmails(deps: Deps, leaseSeconds = 60): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (let batch = 0; batch < 25; batch++) {
    const { rows: jobs } = await sql<Job>`select id, payload from public.claim_jobs('email', 20, ${leaseSeconds})`.execute(deps.db.db);
    for (const job of jobs) {
      try {
        outcomes.push(await sendOne(deps, job));
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const { rows } = await sql<{ status: string }>`select public.fail_job(${job.id}, ${message}) as status`.execute(deps.db.db);
        outcomes.push({ job: job.id, result: rows[0].status === "dead" ? "dead" : "retry", detail: message });
      }
    }
    if (jobs.length < 20) break;
  }
  return outcomes;
}

export const handler: Handler = async (req, deps) => {
  if (req.method !== "POST") throw methodNotAllowed(["POST"]);
  await authenticate(req, deps.config, ["service_role"]);
  const outcomes = await drainEmails(deps);
  return json({ processed: outcomes.length, outcomes });
};
