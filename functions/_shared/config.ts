// Configuration from the environment, validated once at boot. A missing or malformed variable stops
// the function before it serves anything, with a message naming the variable.
import { z } from "zod";

const url = z.url();
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

export const baseConfigSchema = z
  .object({
    SUPABASE_URL: url,
    SUPABASE_DB_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection string"),
    // HS256 projects (and the local stack) verify with the shared secret; projects on asymmetric
    // signing keys verify against the JWKS (by default the project's own, under SUPABASE_URL).
    SUPABASE_JWT_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
    SUPABASE_JWKS_URL: optional(url),
    // The issuer Supabase Auth writes in users' access tokens (hosted: https://<ref>.supabase.co/auth/v1).
    SUPABASE_AUTH_ISSUER: optional(url),
    // Browser origins allowed by CORS, comma-separated; `*` must be said explicitly. Default: APP_URL's origin.
    ALLOWED_ORIGINS: optional(z.string().min(1)),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5),
    // Payments (required by the functions that use Stripe: see each handler's `requires`).
    STRIPE_SECRET_KEY: optional(z.string().regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret key (sk_test_... / sk_live_...)")),
    STRIPE_WEBHOOK_SECRET: optional(z.string().regex(/^whsec_\w+$/, "must be a webhook signing secret (whsec_...)")),
    STRIPE_CONNECT_WEBHOOK_SECRET: optional(z.string().regex(/^whsec_\w+$/, "must be a webhook signing secret (whsec_...)")),
    // Points the Stripe SDK at a local stand-in (tests, offline development). Unset in production.
    STRIPE_API_BASE: optional(url),
    // The frontend, for the links Stripe sends people back to.
    APP_URL: z.url().default("http://127.0.0.1:3000"),
    // Email (Resend). RESEND_BASE_URL points the SDK at a local stand-in; unset in production.
    RESEND_API_KEY: optional(z.string().regex(/^re_\w+$/, "must be a Resend API key (re_...)")),
    RESEND_BASE_URL: optional(url),
    EMAIL_FROM: z.string().min(3).default("PEOPLE <no-reply@people.dev>"),
    EMAIL_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(10000),
    // Error reporting (Sentry); off without a DSN.
    SENTRY_DSN: optional(url),
    SENTRY_ENVIRONMENT: z.string().default("development"),
    // The secret the background-check provider signs its webhooks with (a long random string).
    BACKGROUND_CHECK_WEBHOOK_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
    // The bearer token Prometheus sends to the metrics function (a long random string).
    METRICS_TOKEN: optional(z.string().min(32, "must be at least 32 characters")),
    // Payment endpoints per user per minute (the blueprint: 10).
    PAYMENTS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(10),
  })
  .transform((c) => ({
    ...c,
    SUPABASE_JWKS_URL: c.SUPABASE_JWKS_URL ?? new URL("/auth/v1/.well-known/jwks.json", c.SUPABASE_URL).toString(),
    SUPABASE_AUTH_ISSUER: c.SUPABASE_AUTH_ISSUER ?? new URL("/auth/v1", c.SUPABASE_URL).toString(),
    ALLOWED_ORIGINS: c.ALLOWED_ORIGINS ?? new URL(c.APP_URL).origin,
  }));

export type BaseConfig = z.output<typeof baseConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly variables: string[], message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Parses env with a schema; throws ConfigError naming every bad variable. */
export function loadConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => {
    const name = String(i.path[0] ?? "?");
    const missing = env[name] === undefined || env[name] === "";
    return { name, text: missing ? `${name} is not set` : `${name} ${i.message}` };
  });
  const names = [...new Set(problems.map((p) => p.name))];
  throw new ConfigError(names, `Invalid configuration: ${problems.map((p) => p.text).join("; ")}`);
}

/** Throws ConfigError unless every named variable is set (for functions with extra needs). */
export function requireVariables(config: Record<string, unknown>, names: readonly string[]): void {
  const missing = names.filter((n) => config[n] === undefined || config[n] === "");
  if (missing.length) {
    throw new ConfigError(missing, `Invalid configuration: ${missing.map((n) => `${n} is not set`).join("; ")}`);
  }
}
