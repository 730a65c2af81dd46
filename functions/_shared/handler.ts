// What every function is made of: a plain (request, deps) -> response handler, and the deps it needs.
// Tests call handlers in-process with their own deps; index.ts serves them with Deno.serve.
import { type BaseConfig, baseConfigSchema, loadConfig } from "./config.ts";
import { corsHeaders, withCors } from "./cors.ts";
import { connect, type Db } from "./db.ts";
import { errorResponse, fromDatabaseError, HttpError } from "./errors.ts";

export type Deps = {
  config: BaseConfig;
  db: Db;
  now: () => Date;
};

export type Handler = (req: Request, deps: Deps) => Promise<Response>;

/** Builds the production deps from the environment; throws ConfigError naming what is missing. */
export function depsFromEnv(env: Record<string, string | undefined>): Deps {
  const config = loadConfig(baseConfigSchema, env);
  return { config, db: connect(config.SUPABASE_DB_URL, config.DB_POOL_SIZE), now: () => new Date() };
}

/**
 * Wraps a handler with what every function needs: CORS preflight and headers, and one JSON error
 * shape for every failure (HttpError as is, known database errors mapped, anything else a 500 whose
 * details stay in the log).
 */
export function wrap(handler: Handler, deps: Deps, name = "function"): (req: Request) => Promise<Response> {
  return async (req) => {
    if (req.method === "OPTIONS") {
      return new Response(null, { status: 204, headers: corsHeaders(req, deps.config.ALLOWED_ORIGINS) });
    }
    let res: Response;
    try {
      res = await handler(req, deps);
    } catch (err) {
      const known = err instanceof HttpError ? err : fromDatabaseError(err);
      if (known) {
        res = errorResponse(known);
      } else {
        console.error(`[${name}] unhandled error`, err);
        res = errorResponse(new HttpError(500, "internal_error", "Something went wrong on our side."));
      }
    }
    return withCors(res, req, deps.config.ALLOWED_ORIGINS);
  };
}
