// Password sign-in as Supabase Auth (GoTrue) does it, for the local stack, which has no Auth server:
// the rules of auth.users decide (password checked with crypt against encrypted_password, email
// confirmed, not banned, not deleted), a row in auth.sessions is made, last_sign_in_at is set, the
// claims GoTrue puts in an access token are built and passed through the project's Custom Access Token
// hook (as supabase_auth_admin, the role Auth calls it with), and the result is signed with the JWT
// secret, valid for auth.jwt_expiry seconds of supabase/config.toml.
import fs from "node:fs";
import path from "node:path";
import { SignJWT } from "jose";
import postgres from "postgres";
import { authIssuer, LOCAL_JWT_SECRET } from "./keys.mjs";
import { ROOT, StackError } from "./stack.mjs";

/** [auth] jwt_expiry of supabase/config.toml (GoTrue's default is 3600). */
export function jwtExpiry() {
  const toml = fs.readFileSync(path.join(ROOT, "supabase/config.toml"), "utf8");
  const auth = toml.split(/^\[auth\]\s*$/m)[1]?.split(/^\[/m)[0] ?? "";
  const m = /^\s*jwt_expiry\s*=\s*(\d+)/m.exec(auth);
  return m ? Number(m[1]) : 3600;
}

/** auth.hook.custom_access_token of supabase/config.toml: "schema.function", or undefined when disabled. */
export function accessTokenHook() {
  const toml = fs.readFileSync(path.join(ROOT, "supabase/config.toml"), "utf8");
  const section = toml.split(/^\[auth\.hook\.custom_access_token\]\s*$/m)[1]?.split(/^\[/m)[0];
  if (!section || !/^\s*enabled\s*=\s*true/m.test(section)) return undefined;
  const m = /^\s*uri\s*=\s*"pg-functions:\/\/[^/]+\/([^/]+)\/([^/"]+)"/m.exec(section);
  return m ? `${m[1]}.${m[2]}` : undefined;
}

const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

/**
 * Signs `email` in with `password` against the database at `dbUrl`.
 * Returns { accessToken, expiresAt, user: { id, email }, claims }. Refusals throw a StackError with
 * GoTrue's message ("Invalid login credentials", "Email not confirmed", "User is banned").
 */
export async function signInWithPassword(dbUrl, email, password, {
  secret = process.env.SUPABASE_JWT_SECRET || LOCAL_JWT_SECRET,
  issuer = authIssuer(),
} = {}) {
  const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
  try {
    return await sql.begin(async (tx) => {
      const [user] = await tx`
        select u.id, u.email, u.phone, u.email_confirmed_at, u.banned_until, u.raw_app_meta_data, u.raw_user_meta_data,
               coalesce(u.is_anonymous, false) as is_anonymous,
               u.encrypted_password is not null and u.encrypted_password <> ''
                 and u.encrypted_password = extensions.crypt(${password}, u.encrypted_password) as password_ok
        from auth.users u
        where lower(u.email) = lower(${email}) and u.deleted_at is null and coalesce(u.is_sso_user, false) = false
        for update`;
      if (!user || !user.password_ok) throw new StackError("Invalid login credentials", "check the email and password (seeded users: password123)");
      if (!user.email_confirmed_at) throw new StackError("Email not confirmed", "confirm it first (email_confirmed_at)");
      if (user.banned_until && new Date(user.banned_until) > new Date()) throw new StackError("User is banned", `until ${new Date(user.banned_until).toISOString()}`);

      const now = Math.floor(Date.now() / 1000);
      const [session] = await tx`
        insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
        values (gen_random_uuid(), ${user.id}, now(), now(), 'aal1', 'npm run login', '127.0.0.1')
        returning id`;
      await tx`update auth.users set last_sign_in_at = now(), updated_at = now() where id = ${user.id}`;

      const exp = now + jwtExpiry();
      let claims = {
        aud: "authenticated",
        exp,
        iat: now,
        iss: issuer,
        sub: user.id,
        email: user.email ?? "",
        phone: user.phone ?? "",
        app_metadata: user.raw_app_meta_data ?? {},
        user_metadata: user.raw_user_meta_data ?? {},
        role: "authenticated",
        aal: "aal1",
        amr: [{ method: "password", timestamp: now }],
        session_id: session.id,
        is_anonymous: user.is_anonymous,
      };
      const hook = accessTokenHook();
      if (hook) {
        const [schema, fn] = hook.split(".");
        // As Supabase Auth calls it: as supabase_auth_admin, so its grants and policies are what decide.
        // A login that may not take that role (a hosted-like postgres is no member of it) calls it as itself.
        const [{ may }] = await tx`select pg_has_role(current_user, 'supabase_auth_admin', 'usage') as may`;
        if (may) await tx`set local role supabase_auth_admin`;
        const [{ result }] = await tx.unsafe(`select ${quoteIdent(schema)}.${quoteIdent(fn)}($1::jsonb) as result`, [
          { user_id: user.id, claims, authentication_method: "password" },
        ]);
        if (may) await tx`reset role`;
        if (result?.error) throw new StackError(`Sign-in refused by the access token hook: ${result.error.message}`, `HTTP ${result.error.http_code ?? 403}`);
        claims = result.claims;
      }
      const accessToken = await new SignJWT(claims)
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .sign(new TextEncoder().encode(secret));
      return { accessToken, expiresAt: claims.exp, user: { id: user.id, email: user.email }, claims };
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
