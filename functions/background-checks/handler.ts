// POST /functions/v1/background-checks: the background-check provider reports a result. The provider
// signs the raw body as Stripe does: header `Background-Check-Signature: t=<unix seconds>,v1=<hex
// HMAC-SHA256(BACKGROUND_CHECK_WEBHOOK_SECRET, "<t>.<body>")>`, at most 5 minutes old or ahead. Each
// event is recorded once by its id (a redelivery is acknowledged as a duplicate) and records the
// result as an admin would (private.record_background_check: the contributor must have consented;
// the result feeds the trust score; an audit entry and a notification follow). verify_jwt is off: the
// signature is the proof. Locally (npm run dev) the secret is LOCAL_BACKGROUND_CHECK_SECRET.
//
//   { "id": "bgc_evt_...", "type": "check.completed", "created": <unix seconds the result was produced>,
//     "data": { "contributor_id": "<uuid>", "result": "passed" | "failed", "report_id": "..." } }
// A result produced before the contributor's current consent belongs to an earlier check: 409.
import { z } from "zod";
import { badRequest, HttpError, json, methodNotAllowed, unauthorized } from "../_shared/errors.ts";
import type { Handler } from "../_shared/handler.ts";
import { readText } from "../_shared/body.ts";
import { rpc } from "../_shared/rpc.ts";

export const requires = ["BACKGROUND_CHECK_WEBHOOK_SECRET"] as const;

/** The largest request body accepted: a provider event is a few hundred bytes. */
export const maxBodyBytes = 16 * 1024;

export const TOLERANCE_SECONDS = 300;

const eventShape = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{6,100}$/),
  type: z.literal("check.completed"),
  created: z.number().int().positive(),
  data: z.object({
    contributor_id: z.uuid(),
    result: z.enum(["passed", "failed"]),
    report_id: z.string().max(200).optional(),
  }),
});

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

/** HMAC-SHA256 of "<t>.<body>" with the secret, as lowercase hex. */
export async function sign(secret: string, timestamp: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return hex(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${timestamp}.${body}`)));
}

function sameHex(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

async function verify(secret: string, header: string, body: string, nowMs: number): Promise<void> {
  const parts = Object.fromEntries(header.split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowMs / 1000 - t) > TOLERANCE_SECONDS) {
    throw badRequest("The signature does not match, or is too old.");
  }
  if (!sameHex(await sign(secret, t, body), parts.v1)) throw badRequest("The signature does not match, or is too old.");
}

export const handler: Handler = async (req, deps) => {
  if (req.method !== "POST") throw methodNotAllowed(["POST"]);
  const secret = deps.config.BACKGROUND_CHECK_WEBHOOK_SECRET;
  if (!secret) throw new HttpError(503, "not_configured", "Background checks are not configured (BACKGROUND_CHECK_WEBHOOK_SECRET).");
  const header = req.headers.get("Background-Check-Signature");
  if (!header) throw unauthorized("Missing Background-Check-Signature header.");
  const body = await readText(req, maxBodyBytes);
  await verify(secret, header, body, deps.now().getTime());
  let parsed;
  try {
    parsed = eventShape.safeParse(JSON.parse(body));
  } catch {
    throw badRequest("The body is not JSON.");
  }
  if (!parsed.success) throw badRequest("The event is not a well-formed background check event.");
  const event = parsed.data;
  const fresh = await rpc(deps.db.db, "record_background_check_event", {
    event_id: event.id,
    contributor_id: event.data.contributor_id,
    result: event.data.result,
    reported_at: new Date(event.created * 1000).toISOString(),
    report_id: event.data.report_id,
  });
  return json(fresh ? { received: true } : { received: true, duplicate: true });
};
