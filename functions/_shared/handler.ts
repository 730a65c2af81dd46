// What every function is made of: a plain (request, deps) -> response handler, and the deps it needs.
// Tests call handlers in-process with their own deps; index.ts serves them with Deno.serve.
import { DEFAULT_MAX_BODY_BYTES, refuseAnnouncedOversize } from "./body.ts";
import { type BaseConfig, baseConfigSchema, loadConfig, requireVariables } from "./config.ts";
import { corsHeaders, withCors, withSecurityHeaders } from "./cors.ts";
import { connect, type Db } from "./db.ts";
import { errorResponse, fromDatabaseError, HttpError } from "./errors.ts";
import { makeEmail, type Resend } from "./email.ts";
import { recordRequest } from "./metrics.ts";
import { fromStripeError, makeStripe, type Stripe } from "./stripe.ts";

export type Deps = {
  config: BaseConfig;
  db: Db;
  now: () => Date;
  stripe?: Stripe;
  email?: Resend;
  /** Reports unexpected failures (Sentry in the Deno entry points); absent in tests unless given. */
  report?: (err: unknown, req: Request, context: Record<string, string>) => Promise<void>;
};

export type Handler = (req: Request, deps: Deps) => Promise<Response>;

/**
 * A function module: its handler, the variables it needs beyond the base ones, and the largest request
 * body it accepts (DEFAULT_MAX_BODY_BYTES when it says nothing).
 */
export type FunctionModule = { handler: Handler; requires?: readonly (keyof BaseConfig)[]; maxBodyBytes?: number };

export type WrapOptions = { maxBodyBytes?: number };

/** Builds the production deps from the environment; throws ConfigError naming what is missing. */
export function depsFromEnv(env: Record<string, string | undefined>, requires: readonly string[] = []): Deps {
  const config = loadConfig(baseConfigSchema, env);
  requireVariables(config, requires);
  return {
    config,
    db: connect(config.SUPABASE_DB_URL, config.DB_POOL_SIZE),
    now: () => new Date(),
    stripe: makeStripe(config),
    email: makeEmail(config),
  };
}

/**
 * Wraps a handler with what every function needs: CORS preflight and headers, security headers, a body
 * announced larger than the function accepts refused with 413 before anything else (handlers read
 * bodies with readText(), bounded the same way), and one JSON error shape for every failure (HttpError
 * as is, known database errors mapped, anything else a 500 whose details stay in the log).
 */
export function wrap(
  handler: Handler,
  deps: Deps,
  name = "function",
  { maxBodyBytes = DEFAULT_MAX_BODY_BYTES }: WrapOptions = {},
): (req: Request) => Promise<Response> {
  return async (req) => {
    if (req.method === "OPTIONS") {
      return withSecurityHeaders(new Response(null, { status: 204, headers: corsHeaders(req, deps.config.ALLOWED_ORIGINS) }));
    }
    const started = performance.now();
    let res: Response;
    try {
      refuseAnnouncedOversize(req, maxBodyBytes);
      res = await handler(req, deps);
    } catch (err) {
      const known = err instanceof HttpError ? err : fromDatabaseError(err) ?? fromStripeError(err);
      if (known && known.status < 500) {
        res = errorResponse(known);
      } else {
        // Our failures (5xx, anything unexpected) are logged and reported; the caller gets no details.
        console.error(`[${name}] ${known ? `${known.status} ${known.code}` : "unhandled error"}`, known?.cause ?? err);
        await deps.report?.(known?.cause ?? err, req, { function: name }).catch(() => {});
        res = errorResponse(known ?? new HttpError(500, "internal_error", "Something went wrong on our side."));
      }
    }
    recordRequest(name, res.status, (performance.now() - started) / 1000);
    return withSecurityHeaders(withCors(res, req, deps.config.ALLOWED_ORIGINS));
  };
}
