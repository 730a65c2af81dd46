// The local stack's JWT secret and API keys: the same well-known, public, development-only values the
// Supabase CLI uses for `supabase start` (never valid anywhere else). Real projects get theirs from
// the dashboard and pass them as environment variables.
import { SignJWT } from "jose";

export const LOCAL_JWT_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long";
/** The issuer of local users' tokens: Auth's URL on `supabase start`'s API (SUPABASE_AUTH_ISSUER overrides). */
export const LOCAL_AUTH_ISSUER = "http://127.0.0.1:54321/auth/v1";
export const authIssuer = () => process.env.SUPABASE_AUTH_ISSUER || LOCAL_AUTH_ISSUER;

// Same claims as the CLI's demo keys: issuer supabase-demo, the role, expiring in 2032.
const sign = (role, secret) =>
  new SignJWT({ iss: "supabase-demo", role, exp: 1983812996 })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(new TextEncoder().encode(secret));

export async function localKeys(secret = LOCAL_JWT_SECRET) {
  return {
    jwtSecret: secret,
    anonKey: await sign("anon", secret),
    serviceRoleKey: await sign("service_role", secret),
  };
}

/** A signed-in user's access token, as Supabase Auth issues it (for tests and demos). */
export function userToken(userId, { email, secret = LOCAL_JWT_SECRET, expiresIn = "1h", extra = {} } = {}) {
  return new SignJWT({ role: "authenticated", aud: "authenticated", email, aal: "aal1", is_anonymous: false, ...extra })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuer(authIssuer())
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
