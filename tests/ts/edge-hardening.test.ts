// What the attack round got through at the Edge Functions (issue 19), each refused now: oversized bodies
// (413 before they are read), tokens without an expiry or not Supabase Auth's (audience, issuer),
// webhook signatures dated in the future, CORS open to every origin by default, missing security headers.
import fs from "node:fs";
import http from "node:http";
import { SignJWT } from "jose";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readText } from "../../functions/_shared/body.ts";
import { baseConfigSchema, loadConfig } from "../../functions/_shared/config.ts";
import { connect } from "../../functions/_shared/db.ts";
import { type Deps, wrap } from "../../functions/_shared/handler.ts";
import { handler as health } from "../../functions/health/handler.ts";
import { handler as webhook, maxBodyBytes as webhookLimit } from "../../functions/stripe-webhook/handler.ts";
import { handler as payments, maxBodyBytes as paymentsLimit } from "../../functions/payments/handler.ts";
import { LOCAL_AUTH_ISSUER } from "../../scripts/lib/keys.mjs";
import { LOCAL_STRIPE } from "../../scripts/lib/functions.mjs";
import { connectTestDb, createUser, type Gateway, keys, type Keys, startGateway, testDbUrl, tokenFor } from "./support.ts";

const raw = connectTestDb();
const db = connect(testDbUrl(), 2);
let k: Keys;
let gw: Gateway;
beforeAll(async () => {
  k = await keys();
  gw = await startGateway();
});
afterAll(async () => {
  await gw?.stop();
  await db.close();
  await raw.end();
});

const NOW = new Date();
async function deps(env: Record<string, string> = {}): Promise<Deps> {
  const config = loadConfig(baseConfigSchema, {
    SUPABASE_URL: "http://127.0.0.1:54321",
    SUPABASE_DB_URL: testDbUrl(),
    SUPABASE_JWT_SECRET: k.jwtSecret,
    STRIPE_SECRET_KEY: LOCAL_STRIPE.secretKey,
    STRIPE_WEBHOOK_SECRET: LOCAL_STRIPE.webhookSecret,
    STRIPE_CONNECT_WEBHOOK_SECRET: LOCAL_STRIPE.connectWebhookSecret,
    STRIPE_API_BASE: "http://127.0.0.1:9",
    ...env,
  });
  return { config, db, now: () => NOW, stripe: new Stripe(LOCAL_STRIPE.secretKey) };
}

/** A body that counts what is pulled from it: `total` bytes in chunks of 64 KiB. */
function countingBody(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x7b);
  const seen = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled >= total) return controller.close();
      seen.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, seen };
}

describe("request bodies are bounded (413 before they are read whole)", () => {
  it("refuses a body announced larger than the webhook accepts without reading a byte of it", async () => {
    const { stream, seen } = countingBody(200 * 1024 * 1024);
    const req = new Request("http://x/stripe-webhook", {
      method: "POST", body: stream, duplex: "half",
      headers: { "Content-Length": String(200 * 1024 * 1024), "Stripe-Signature": "t=1,v1=bogus" },
    } as RequestInit);
    const res = await wrap(webhook, await deps(), "stripe-webhook", { maxBodyBytes: webhookLimit })(req);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
    expect(seen.pulled).toBeLessThanOrEqual(64 * 1024); // a stream may pre-pull one chunk; nothing more is read
  });

  it("stops reading a body sent without a length as soon as it passes the limit", async () => {
    const { stream, seen } = countingBody(200 * 1024 * 1024);
    const req = new Request("http://x/stripe-webhook", {
      method: "POST", body: stream, duplex: "half", headers: { "Stripe-Signature": "t=1,v1=bogus" },
    } as RequestInit);
    const res = await wrap(webhook, await deps(), "stripe-webhook", { maxBodyBytes: webhookLimit })(req);
    expect(res.status).toBe(413);
    expect(seen.pulled).toBeLessThanOrEqual(webhookLimit + 2 * 64 * 1024);
  });

  it("bounds the payments endpoints too: an announced oversize body before authentication, any other once signed in", async () => {
    const d = await deps();
    const fund = wrap(payments, d, "payments", { maxBodyBytes: paymentsLimit });
    const big = "x".repeat(paymentsLimit + 1);
    const announced = await fund(new Request("http://x/payments/fund", {
      method: "POST", body: big, headers: { "Content-Length": String(big.length) } }));
    expect(announced.status).toBe(413);
    const { stream, seen } = countingBody(50 * 1024 * 1024);
    const token = await tokenFor(await createUser(raw, `bounded-${Date.now()}@example.com`, { role: "initiator" }));
    const streamed = await fund(new Request("http://x/payments/fund", {
      method: "POST", body: stream, duplex: "half", headers: { Authorization: `Bearer ${token}` } } as RequestInit));
    expect(streamed.status).toBe(413);
    expect(seen.pulled).toBeLessThanOrEqual(paymentsLimit + 2 * 64 * 1024);
  });

  it("reads a body of exactly the limit, and refuses invalid UTF-8 with 400", async () => {
    expect((await readText(new Request("http://x", { method: "POST", body: "a".repeat(100) }), 100)).length).toBe(100);
    await expect(readText(new Request("http://x", { method: "POST", body: "a".repeat(101) }), 100)).rejects.toMatchObject({ status: 413 });
    await expect(readText(new Request("http://x", { method: "POST", body: new Uint8Array([0xff, 0xfe]) }), 100))
      .rejects.toMatchObject({ status: 400 });
  });

  it("over HTTP, the served webhook answers a 200 MB upload with 413 before it ends, without holding it in memory", async () => {
    // What the attack did: the gateway's memory grew by the size of the body (135 MB -> 889 MB). The
    // server may discard what still arrives after answering (to keep the connection), but it must not
    // keep it: its resident memory is measured around the upload.
    const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${gw.pid}/status`, "utf8"))![1]) * 1024;
    const before = rss();
    const total = 200 * 1024 * 1024;
    const url = new URL(`${gw.baseUrl}/stripe-webhook`);
    const written = await new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      let bytes = 0;
      let done = false;
      const req = http.request({
        host: url.hostname, port: url.port, path: url.pathname, method: "POST",
        headers: { "Stripe-Signature": "t=1,v1=bogus", "Transfer-Encoding": "chunked", Authorization: `Bearer ${k.anonKey}` },
      }, (res) => {
        done = true;
        res.resume();
        resolve({ status: res.statusCode!, bytes });
        req.destroy();
      });
      req.on("error", (e) => (done ? undefined : reject(e)));
      const chunk = Buffer.alloc(64 * 1024, 0x7b);
      const pump = () => {
        while (!done && bytes < total) {
          bytes += chunk.length;
          if (!req.write(chunk)) return req.once("drain", pump);
        }
        if (!done) req.end();
      };
      pump();
    });
    expect(written.status).toBe(413);
    expect(written.bytes).toBeLessThan(total); // answered before the upload was over
    expect(rss() - before).toBeLessThan(64 * 1024 * 1024); // and nothing near the body's size was kept
  });
});

describe("access tokens must be Supabase Auth's", () => {
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(new TextEncoder().encode(k.jwtSecret));
  const call = async (token: string) =>
    (await wrap(health, await deps())(new Request("http://x/health", { headers: { Authorization: `Bearer ${token}` } })));
  let user: string;
  beforeAll(async () => {
    user = await createUser(raw, `strict-claims-${Date.now()}@example.com`);
  });

  it("accepts a user's token as Auth makes it, and the API keys", async () => {
    expect((await call(await tokenFor(user))).status).toBe(200);
    expect((await call(k.anonKey)).status).toBe(200);
    expect((await call(k.serviceRoleKey)).status).toBe(200);
  });

  it("refuses a token without an expiry (a user's, and a key's)", async () => {
    const noExp = await sign({ role: "authenticated", sub: user, aud: "authenticated", iss: LOCAL_AUTH_ISSUER });
    expect((await call(noExp)).status).toBe(401);
    expect((await call(await sign({ role: "service_role", iss: "supabase-demo" }))).status).toBe(401);
  });

  it("refuses a user's token for another audience or from another issuer", async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const base = { role: "authenticated", sub: user, exp };
    const wrongAud = await call(await sign({ ...base, aud: "something-else", iss: LOCAL_AUTH_ISSUER }));
    expect(wrongAud.status).toBe(401);
    expect((await wrongAud.json()).error.message).toContain("audience");
    const noAud = await call(await sign({ ...base, iss: LOCAL_AUTH_ISSUER }));
    expect(noAud.status).toBe(401);
    const wrongIss = await call(await sign({ ...base, aud: "authenticated", iss: "https://evil.example/auth/v1" }));
    expect(wrongIss.status).toBe(401);
    expect((await wrongIss.json()).error.message).toContain("issuer");
  });

  it("takes the issuer from SUPABASE_AUTH_ISSUER, else the project's Auth URL", () => {
    expect(loadConfig(baseConfigSchema, { SUPABASE_URL: "https://abc.supabase.co", SUPABASE_DB_URL: "postgres://x@y/z" })
      .SUPABASE_AUTH_ISSUER).toBe("https://abc.supabase.co/auth/v1");
  });
});

describe("webhook signatures are checked in both directions of time", () => {
  const body = JSON.stringify({ id: "evt_future_1", object: "event", type: "transfer.created", created: 1, livemode: false,
    data: { object: { id: "tr_future_1" } } });
  const signed = (timestamp: number) =>
    new Stripe("sk_test_signer_only").webhooks.generateTestHeaderString({ payload: body, secret: LOCAL_STRIPE.webhookSecret, timestamp });
  const post = async (signature: string) =>
    (await wrap(webhook, await deps(), "stripe-webhook")(
      new Request("http://x/stripe-webhook", { method: "POST", body, headers: { "Stripe-Signature": signature } })));

  it("refuses a correct signature dated 24 hours ahead, and one dated 24 hours ago", async () => {
    const now = Math.floor(NOW.getTime() / 1000);
    expect((await post(signed(now + 24 * 3600))).status).toBe(400);
    expect((await post(signed(now - 24 * 3600))).status).toBe(400);
    const ahead = await post(signed(now + 24 * 3600));
    expect((await ahead.json()).error.message).toContain("future");
  });

  it("accepts one dated now (within the 5-minute tolerance either way)", async () => {
    const now = Math.floor(NOW.getTime() / 1000);
    expect((await post(signed(now + 60))).status).toBe(200);
  });
});

describe("browsers: CORS names its origins, every response carries security headers", () => {
  it("allows only APP_URL's origin when ALLOWED_ORIGINS is not set", async () => {
    const d = await deps({ APP_URL: "https://app.people.dev/welcome" });
    expect(d.config.ALLOWED_ORIGINS).toBe("https://app.people.dev");
    const ask = (origin: string) =>
      wrap(health, d)(new Request("http://x/health", { method: "OPTIONS", headers: { Origin: origin } }));
    expect((await ask("https://app.people.dev")).headers.get("access-control-allow-origin")).toBe("https://app.people.dev");
    expect((await ask("https://evil.example")).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("puts the security headers on successes, errors and preflights", async () => {
    const d = await deps();
    const responses = [
      await wrap(health, d)(new Request("http://x/health", { headers: { Authorization: `Bearer ${k.anonKey}` } })),
      await wrap(health, d)(new Request("http://x/health")),
      await wrap(health, d)(new Request("http://x/health", { method: "OPTIONS" })),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 401, 204]);
    for (const res of responses) {
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    }
  });
});
