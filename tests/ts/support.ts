// Shared test support: the throwaway database npm test built, real users, the functions gateway.
import net from "node:net";
import postgres from "postgres";
import { localKeys, userToken } from "../../scripts/lib/keys.mjs";
import { functionsEnv, startFunctions } from "../../scripts/lib/functions.mjs";

export function testDbUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set: run the tests with `npm test`");
  return url;
}

export function connectTestDb(max = 2) {
  return postgres(testDbUrl(), { max, onnotice: () => {} });
}

export type Keys = { jwtSecret: string; anonKey: string; serviceRoleKey: string };
export const keys = (): Promise<Keys> => localKeys();
export const tokenFor = (
  userId: string,
  opts: { email?: string; secret?: string; expiresIn?: string | number; extra?: Record<string, unknown> } = {},
): Promise<string> => userToken(userId, opts);

/** Creates a user as Supabase Auth does (auth.users + identity); returns the id. */
export async function createUser(sql: postgres.Sql, email: string, userMetadata: Record<string, unknown> = {}) {
  const [row] = await sql<{ id: string }[]>`
    insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data,
                            raw_user_meta_data, created_at, updated_at)
    values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', ${email}, now(),
            ${sql.json({ provider: "email", providers: ["email"] })}, ${sql.json(userMetadata as postgres.JSONValue)}, now(), now())
    returning id`;
  await sql`insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
            values (${row.id}, ${row.id}, ${sql.json({ sub: row.id, email })}, 'email', now(), now())`;
  return row.id;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export type Gateway = { baseUrl: string; pid?: number; stop: () => Promise<void> };

/** Serves every function with real Deno on a free port, against the test database. */
export async function startGateway(extraEnv: Record<string, string> = {}): Promise<Gateway> {
  const port = await freePort();
  const env = { ...functionsEnv({ dbUrl: testDbUrl(), port, keys: await keys() }), ...extraEnv };
  const { child, ready } = startFunctions(env, { stdio: ["ignore", "ignore", "inherit"] });
  await ready;
  return {
    baseUrl: `http://127.0.0.1:${port}/functions/v1`,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
