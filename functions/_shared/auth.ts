// Verifies the caller's Supabase access token (or the anon / service-role key, which are JWTs too).
// HS256 with the project's secret when SUPABASE_JWT_SECRET is set (the local stack, legacy projects);
// otherwise the project's JWKS (asymmetric signing keys). Never trusts user_metadata for anything.
import { createRemoteJWKSet, errors as joseErrors, type JWTPayload, jwtVerify } from "jose";
import type { BaseConfig } from "./config.ts";
import { forbidden, unauthorized } from "./errors.ts";

export type ApiRole = "anon" | "authenticated" | "service_role";

export type Claims = JWTPayload & {
  role: ApiRole;
  sub?: string;
  email?: string;
  app_metadata?: Record<string, unknown>;
  user_metadata?: Record<string, unknown>;
  session_id?: string;
  aal?: string;
  is_anonymous?: boolean;
};

const API_ROLES: ReadonlySet<string> = new Set(["anon", "authenticated", "service_role"]);
const jwksCache = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}

/**
 * Verifies a token; throws 401 for a missing, malformed, expired or wrongly signed token, and for one
 * without an expiry. A user's token (role authenticated) must also be Supabase Auth's: audience
 * `authenticated`, issuer the project's Auth URL (SUPABASE_AUTH_ISSUER), a subject. The API keys (anon,
 * service_role) carry no audience and their own issuer; their role and signature are what count.
 */
export async function verifyToken(token: string | undefined, config: BaseConfig, now?: Date): Promise<Claims> {
  if (!token) throw unauthorized("Missing bearer token.");
  try {
    const options = { clockTolerance: 5, requiredClaims: ["exp"], ...(now ? { currentDate: now } : {}) };
    let payload: JWTPayload;
    if (config.SUPABASE_JWT_SECRET) {
      const key = new TextEncoder().encode(config.SUPABASE_JWT_SECRET);
      payload = (await jwtVerify(token, key, { ...options, algorithms: ["HS256"] })).payload;
    } else {
      let jwks = jwksCache.get(config.SUPABASE_JWKS_URL);
      if (!jwks) jwksCache.set(config.SUPABASE_JWKS_URL, jwks = createRemoteJWKSet(new URL(config.SUPABASE_JWKS_URL)));
      payload = (await jwtVerify(token, jwks, { ...options, algorithms: ["ES256", "RS256"] })).payload;
    }
    if (typeof payload.role !== "string" || !API_ROLES.has(payload.role)) {
      throw unauthorized("The token has no usable role.");
    }
    if (payload.role === "authenticated") {
      if (typeof payload.sub !== "string") throw unauthorized("The token has no subject.");
      const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      if (!audiences.includes("authenticated")) throw unauthorized("The token is not meant for this API (audience).");
      if (payload.iss !== config.SUPABASE_AUTH_ISSUER) throw unauthorized("The token was not issued by this project's Auth (issuer).");
    }
    return payload as Claims;
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw unauthorized("The access token has expired.");
    if (err instanceof joseErrors.JOSEError) throw unauthorized("The access token is invalid.");
    throw err;
  }
}

/** The verified claims of the request; `roles` limits which API roles may call. */
export async function authenticate(
  req: Request,
  config: BaseConfig,
  roles: readonly ApiRole[] = ["anon", "authenticated", "service_role"],
  now?: Date,
): Promise<Claims> {
  const claims = await verifyToken(bearerToken(req), config, now);
  if (!roles.includes(claims.role)) {
    throw claims.role === "anon" ? unauthorized("Sign in to do this.") : forbidden();
  }
  return claims;
}
