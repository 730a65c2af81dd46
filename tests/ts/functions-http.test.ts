// The Edge Functions served by real Deno over HTTP, as a browser or uptime check calls them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import { connectTestDb, createUser, type Gateway, keys, type Keys, startGateway, tokenFor } from "./support.ts";

let gw: Gateway;
let k: Keys;
const sql = connectTestDb();

beforeAll(async () => {
  k = await keys();
  gw = await startGateway();
});
afterAll(async () => {
  await gw?.stop();
  await sql.end();
});

const health = (token?: string, init: RequestInit = {}) =>
  fetch(`${gw.baseUrl}/health`, {
    ...init,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) },
  });

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body = await res.json();
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  return body;
}

describe("health over HTTP", () => {
  it("answers 200 with the database status for the anon key, and nothing about versions", async () => {
    const res = await health(k.anonKey);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe("ok");
    expect(Object.keys(body.database).sort()).toEqual(["latency_ms", "status"]);
    expect(body.database.status).toBe("up");
    expect(body.deployment).toEqual({ ok: true });
    // Exactly these fields (a version number cannot hide in another one); no pattern on the whole
    // body: the time's seconds once read as a version ("...:46:15.486Z").
    expect(Object.keys(body).sort()).toEqual(["database", "deployment", "status", "time"]);
    expect(Number.isNaN(Date.parse(body.time))).toBe(false);
    expect(JSON.stringify(body)).not.toMatch(/server_version|latest_migration|PostgreSQL/);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("tells the service role the server version, the latest migration and what is missing", async () => {
    const body = await (await health(k.serviceRoleKey)).json();
    expect(body.database.server_version).toMatch(/^15\./);
    expect(body.database.latest_migration).toMatch(/^\d{14}$/);
    expect(body.deployment).toEqual({ ok: true, missing: [] });
  });

  it("tells a signed-in user no more than anon", async () => {
    const id = await createUser(sql, `health-user-${Date.now()}@example.com`);
    const body = await (await health(await tokenFor(id))).json();
    expect(Object.keys(body.database).sort()).toEqual(["latency_ms", "status"]);
    expect(body.deployment).toEqual({ ok: true });
  });

  it("names what a deploy left out (private.deployment_check())", async () => {
    await sql`select cron.unschedule('people-purge-notifications')`;
    try {
      const res = await health(k.serviceRoleKey);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.status).toBe("ok");
      expect(body.deployment).toEqual({
        ok: false,
        missing: [{ component: "cron", missing: "job people-purge-notifications (select private.purge_expired_notifications())" }],
      });
      expect((await (await health(k.anonKey)).json()).deployment).toEqual({ ok: false });
    } finally {
      await sql`select cron.schedule('people-purge-notifications', '17 3 * * *', 'select private.purge_expired_notifications()')`;
    }
    expect((await (await health(k.anonKey)).json()).deployment.ok).toBe(true);
  });

  it("answers 200 for a signed-in user's token and the service-role key", async () => {
    const id = await createUser(sql, `health-${Date.now()}@example.com`);
    expect((await health(await tokenFor(id))).status).toBe(200);
    expect((await health(k.serviceRoleKey)).status).toBe(200);
  });

  it("answers 401 without a token", async () => {
    const res = await health();
    await expectError(res, 401, "unauthorized");
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("answers 401 for a malformed token", async () => {
    await expectError(await health("not-a-jwt"), 401, "unauthorized");
    await expectError(await health("a.b.c"), 401, "unauthorized");
  });

  it("answers 401 for an expired token", async () => {
    const id = await createUser(sql, `expired-${Date.now()}@example.com`);
    const expired = await tokenFor(id, { expiresIn: Math.floor(Date.now() / 1000) - 3600 });
    const body = await expectError(await health(expired), 401, "unauthorized");
    expect(body.error.message).toMatch(/expired/i);
  });

  it("answers 401 for a token signed with another secret", async () => {
    const id = await createUser(sql, `forged-${Date.now()}@example.com`);
    const forged = await tokenFor(id, { secret: "another-secret-that-is-at-least-32-characters" });
    await expectError(await health(forged), 401, "unauthorized");
  });

  it("answers 401 for a validly signed token whose role is not an API role", async () => {
    const odd = await new SignJWT({ role: "postgres" })
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(k.jwtSecret));
    await expectError(await health(odd), 401, "unauthorized");
  });

  it("answers 401 for an unsigned (alg none) token", async () => {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const none = `${b64({ alg: "none", typ: "JWT" })}.${b64({ role: "service_role", exp: 4102444800 })}.`;
    await expectError(await health(none), 401, "unauthorized");
  });

  it("answers 405 in the error shape for a method it does not serve", async () => {
    const res = await health(k.anonKey, { method: "POST" });
    await expectError(res, 405, "method_not_allowed");
    expect(res.headers.get("allow")).toBe("GET, HEAD");
  });

  it("answers a CORS preflight without a token", async () => {
    const res = await fetch(`${gw.baseUrl}/health`, {
      method: "OPTIONS",
      headers: { Origin: "https://app.example.com", "Access-Control-Request-Method": "GET" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(res.headers.get("access-control-allow-headers")).toContain("apikey");
  });

  it("answers 404 in the error shape for a function that does not exist", async () => {
    await expectError(await fetch(`${gw.baseUrl}/nope`, { headers: { Authorization: `Bearer ${k.anonKey}` } }), 404, "not_found");
  });

  it("serves the Stripe webhook, which refuses an unsigned request with 400 in the error shape", async () => {
    const res = await fetch(`${gw.baseUrl}/stripe-webhook`, { method: "POST", body: "{}" });
    await expectError(res, 400, "bad_request");
  });

  it("serves the payments function, which needs a signed-in user", async () => {
    await expectError(await fetch(`${gw.baseUrl}/payments/fund`, {
      method: "POST", headers: { Authorization: `Bearer ${k.anonKey}` }, body: "{}",
    }), 401, "unauthorized");
  });
});
