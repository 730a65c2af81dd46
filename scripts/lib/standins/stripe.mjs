// A local stand-in for the Stripe API, for tests and offline development. It speaks Stripe's HTTP
// protocol for the calls this project makes (form-encoded bodies with bracket keys, Bearer secret
// keys, Idempotency-Key replay and conflicts, Stripe's error shape), so the real `stripe` SDK talks
// to it unchanged. It keeps its objects in memory and can build webhook events for them; a test
// signs those exactly as Stripe does (stripe.webhooks.generateTestHeaderString).
//
// Control endpoints (not Stripe's) live under /_standin/ for tests: succeed a PaymentIntent, change
// a connected account, inject failures, list what was called.
import crypto from "node:crypto";
import http from "node:http";

const API_VERSION = "2025-01-27.acacia";

function parseForm(body) {
  const out = {};
  for (const pair of body.split("&").filter(Boolean)) {
    const [rawKey, rawValue = ""] = pair.split("=");
    const key = decodeURIComponent(rawKey.replace(/\+/g, " "));
    const value = decodeURIComponent(rawValue.replace(/\+/g, " "));
    const path = key.replace(/\]/g, "").split("[");
    let node = out;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(path[i + 1]);
      if (last) node[part] = value;
      else node = node[part] ??= nextIsIndex ? [] : {};
    });
  }
  return out;
}

const id = (prefix) => `${prefix}_${crypto.randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);
const int = (v) => (v === undefined ? undefined : Number.parseInt(v, 10));
const bool = (v) => v === true || v === "true";

class StripeError extends Error {
  constructor(status, type, message, extra = {}) {
    super(message);
    this.status = status;
    this.body = { error: { type, message, ...extra } };
  }
}

export function createStripeStandin() {
  const state = {
    customers: new Map(),
    setupIntents: new Map(),
    paymentIntents: new Map(),
    charges: new Map(),
    accounts: new Map(),
    transfers: new Map(),
    refunds: new Map(),
    idempotency: new Map(),
    calls: [],
    faults: [], // [{ match: "POST /v1/transfers", status: 500 | 429, times, delayMs }]
  };

  const find = (map, key, what) => {
    const obj = map.get(key);
    if (!obj) throw new StripeError(404, "invalid_request_error", `No such ${what}: '${key}'`, { code: "resource_missing" });
    return obj;
  };
  const need = (params, name) => {
    if (params[name] === undefined || params[name] === "") {
      throw new StripeError(400, "invalid_request_error", `Missing required param: ${name}.`, { code: "parameter_missing", param: name });
    }
    return params[name];
  };

  const routes = [
    ["POST", /^\/v1\/customers$/, (p) => {
      const c = { id: id("cus"), object: "customer", created: now(), email: p.email ?? null, name: p.name ?? null,
        metadata: p.metadata ?? {}, livemode: false };
      state.customers.set(c.id, c);
      return c;
    }],
    ["GET", /^\/v1\/customers\/([^/]+)$/, (_p, [cid]) => find(state.customers, cid, "customer")],
    ["POST", /^\/v1\/setup_intents$/, (p) => {
      if (p.customer) find(state.customers, p.customer, "customer");
      const sid = id("seti");
      const s = { id: sid, object: "setup_intent", created: now(), customer: p.customer ?? null, usage: p.usage ?? "off_session",
        status: "requires_payment_method", client_secret: `${sid}_secret_${crypto.randomBytes(8).toString("hex")}`,
        metadata: p.metadata ?? {}, livemode: false };
      state.setupIntents.set(sid, s);
      return s;
    }],
    ["POST", /^\/v1\/payment_intents$/, (p) => {
      const amount = int(need(p, "amount"));
      if (!(amount > 0)) throw new StripeError(400, "invalid_request_error", "Amount must be at least 1.", { param: "amount" });
      if (p.customer) find(state.customers, p.customer, "customer");
      const pid = id("pi");
      const pi = { id: pid, object: "payment_intent", created: now(), amount, amount_received: 0, currency: need(p, "currency"),
        customer: p.customer ?? null, status: "requires_payment_method", transfer_group: p.transfer_group ?? null,
        client_secret: `${pid}_secret_${crypto.randomBytes(8).toString("hex")}`, latest_charge: null,
        metadata: p.metadata ?? {}, description: p.description ?? null, livemode: false, last_payment_error: null };
      state.paymentIntents.set(pid, pi);
      return pi;
    }],
    ["GET", /^\/v1\/payment_intents\/([^/]+)$/, (_p, [pid]) => find(state.paymentIntents, pid, "payment_intent")],
    ["POST", /^\/v1\/accounts$/, (p) => {
      const a = { id: id("acct"), object: "account", created: now(), type: p.type ?? "express", country: p.country ?? "US",
        email: p.email ?? null, charges_enabled: false, payouts_enabled: false, details_submitted: false,
        capabilities: Object.fromEntries(Object.keys(p.capabilities ?? {}).map((k) => [k, "inactive"])),
        tos_acceptance: { service_agreement: p.tos_acceptance?.service_agreement ?? "full" },
        metadata: p.metadata ?? {}, livemode: false };
      state.accounts.set(a.id, a);
      return a;
    }],
    ["GET", /^\/v1\/accounts\/([^/]+)$/, (_p, [aid]) => find(state.accounts, aid, "account")],
    ["POST", /^\/v1\/account_links$/, (p) => {
      find(state.accounts, need(p, "account"), "account");
      need(p, "refresh_url");
      need(p, "return_url");
      return { object: "account_link", created: now(), expires_at: now() + 300,
        url: `https://connect.stripe.standin/setup/${p.account}/${crypto.randomBytes(6).toString("hex")}` };
    }],
    ["POST", /^\/v1\/transfers$/, (p) => {
      const amount = int(need(p, "amount"));
      const account = find(state.accounts, need(p, "destination"), "account");
      if (!account.payouts_enabled) {
        throw new StripeError(400, "invalid_request_error",
          "Your destination account needs to have at least one of the following capabilities enabled: transfers",
          { code: "insufficient_capabilities_for_transfer" });
      }
      if (p.source_transaction) {
        const charge = find(state.charges, p.source_transaction, "charge");
        const used = [...state.transfers.values()].filter((t) => t.source_transaction === charge.id).reduce((n, t) => n + t.amount, 0);
        if (used + amount > charge.amount - charge.amount_refunded) {
          throw new StripeError(400, "invalid_request_error", "Insufficient funds on the source transaction.", { code: "balance_insufficient" });
        }
      }
      const t = { id: id("tr"), object: "transfer", created: now(), amount, currency: need(p, "currency"), destination: account.id,
        source_transaction: p.source_transaction ?? null, transfer_group: p.transfer_group ?? null, reversed: false,
        amount_reversed: 0, metadata: p.metadata ?? {}, livemode: false };
      state.transfers.set(t.id, t);
      return t;
    }],
    ["GET", /^\/v1\/transfers\/([^/]+)$/, (_p, [tid]) => find(state.transfers, tid, "transfer")],
    ["GET", /^\/v1\/refunds\/([^/]+)$/, (_p, [rid]) => find(state.refunds, rid, "refund")],
    ["GET", /^\/v1\/charges\/([^/]+)$/, (_p, [cid]) => find(state.charges, cid, "charge")],
    ["POST", /^\/v1\/refunds$/, (p) => {
      let charge;
      if (p.charge) charge = find(state.charges, p.charge, "charge");
      else {
        const pi = find(state.paymentIntents, need(p, "payment_intent"), "payment_intent");
        charge = pi.latest_charge && state.charges.get(pi.latest_charge);
        if (!charge) throw new StripeError(400, "invalid_request_error", "This PaymentIntent does not have a successful charge to refund.");
      }
      const amount = p.amount === undefined ? charge.amount - charge.amount_refunded : int(p.amount);
      if (!(amount > 0) || amount > charge.amount - charge.amount_refunded) {
        throw new StripeError(400, "invalid_request_error", `Refund amount (${amount}) is greater than unrefunded amount on charge.`,
          { code: "amount_too_large" });
      }
      charge.amount_refunded += amount;
      charge.refunded = charge.amount_refunded === charge.amount;
      const r = { id: id("re"), object: "refund", created: now(), amount, currency: charge.currency, charge: charge.id,
        payment_intent: charge.payment_intent, status: "succeeded", metadata: p.metadata ?? {} };
      state.refunds.set(r.id, r);
      return r;
    }],
  ];

  function event(type, object, extra = {}) {
    return { id: id("evt"), object: "event", api_version: API_VERSION, created: now(), type, livemode: false,
      pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object: structuredClone(object) }, ...extra };
  }

  // Test controls: things that happen on Stripe's side, each returning the event Stripe would send.
  const controls = {
    succeedPaymentIntent(piId) {
      const pi = find(state.paymentIntents, piId, "payment_intent");
      if (!pi.latest_charge) {
        const ch = { id: id("ch"), object: "charge", created: now(), amount: pi.amount, amount_refunded: 0, refunded: false,
          currency: pi.currency, payment_intent: pi.id, customer: pi.customer, transfer_group: pi.transfer_group, paid: true,
          status: "succeeded", metadata: pi.metadata };
        state.charges.set(ch.id, ch);
        pi.latest_charge = ch.id;
      }
      pi.status = "succeeded";
      pi.amount_received = pi.amount;
      return event("payment_intent.succeeded", pi);
    },
    failPaymentIntent(piId, message = "Your card was declined.") {
      const pi = find(state.paymentIntents, piId, "payment_intent");
      pi.status = "requires_payment_method";
      pi.last_payment_error = { type: "card_error", code: "card_declined", message };
      return event("payment_intent.payment_failed", pi);
    },
    updateAccount(accountId, changes) {
      const a = find(state.accounts, accountId, "account");
      Object.assign(a, changes);
      return event("account.updated", a, { account: a.id });
    },
    disputeCharge(chargeId, amount) {
      const ch = find(state.charges, chargeId, "charge");
      const d = { id: id("dp"), object: "dispute", created: now(), amount: amount ?? ch.amount, currency: ch.currency,
        charge: ch.id, payment_intent: ch.payment_intent, reason: "fraudulent", status: "needs_response" };
      ch.disputed = true;
      state.disputes ??= new Map();
      state.disputes.set(d.id, d);
      return event("charge.dispute.created", d);
    },
    closeDispute(disputeId, status) {
      const d = find(state.disputes ?? new Map(), disputeId, "dispute");
      d.status = status;
      return event("charge.dispute.closed", d);
    },
    transferEvent(transferId, type = "transfer.created") {
      return event(type, find(state.transfers, transferId, "transfer"));
    },
    chargeRefundedEvent(chargeId) {
      const ch = find(state.charges, chargeId, "charge");
      const refunds = [...state.refunds.values()].filter((r) => r.charge === ch.id);
      return event("charge.refunded", { ...ch, refunds: { object: "list", data: refunds } });
    },
    event,
  };

  async function handle(req, res) {
    const url = new URL(req.url, "http://standin");
    let body = "";
    for await (const chunk of req) body += chunk;
    const send = (status, obj, headers = {}) => {
      res.writeHead(status, { "Content-Type": "application/json", "Request-Id": id("req"), "Stripe-Version": API_VERSION, ...headers });
      res.end(JSON.stringify(obj));
    };

    if (url.pathname.startsWith("/_standin/")) {
      try {
        const input = body ? JSON.parse(body) : {};
        const name = url.pathname.slice("/_standin/".length);
        if (name === "calls") return send(200, state.calls);
        if (name === "state") return send(200, { transfers: [...state.transfers.values()], refunds: [...state.refunds.values()],
          charges: [...state.charges.values()], paymentIntents: [...state.paymentIntents.values()], accounts: [...state.accounts.values()] });
        if (name === "fault") { state.faults.push({ times: 1, ...input }); return send(200, { ok: true }); }
        const fn = controls[name];
        if (!fn) return send(404, { error: { type: "invalid_request_error", message: `No control ${name}` } });
        return send(200, fn(...(input.args ?? [])));
      } catch (e) {
        return send(e.status ?? 500, e.body ?? { error: { message: String(e) } });
      }
    }

    const auth = req.headers.authorization ?? "";
    if (!/^Bearer sk_(test|live)_\w+/.test(auth)) {
      return send(401, { error: { type: "invalid_request_error", message: "Invalid API Key provided." } });
    }
    const method = req.method ?? "GET";
    const key = `${method} ${url.pathname}`;
    const params = method === "GET" ? Object.fromEntries(url.searchParams) : parseForm(body);
    const idem = req.headers["idempotency-key"];
    state.calls.push({ method, path: url.pathname, params, idempotencyKey: idem ?? null, at: Date.now() });

    const fault = state.faults.find((f) => f.times > 0 && (!f.match || f.match === key));
    if (fault) {
      fault.times -= 1;
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.status === 429) return send(429, { error: { type: "invalid_request_error", code: "rate_limit", message: "Too many requests." } });
      if (fault.status) return send(fault.status, { error: { type: "api_error", message: "An unknown error occurred." } });
    }

    const route = routes.find(([m, re]) => m === method && re.test(url.pathname));
    if (!route) return send(404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${url.pathname}).` } });

    if (method === "POST" && idem) {
      const fingerprint = crypto.createHash("sha256").update(`${key}\n${body}`).digest("hex");
      const seen = state.idempotency.get(idem);
      if (seen) {
        if (seen.fingerprint !== fingerprint) {
          return send(400, { error: { type: "idempotency_error",
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idem}' if you meant to execute a different request.` } });
        }
        return send(seen.status, seen.body, { "Idempotent-Replayed": "true", "Idempotency-Key": idem });
      }
      try {
        const result = route[2](params, route[1].exec(url.pathname).slice(1));
        state.idempotency.set(idem, { fingerprint, status: 200, body: result });
        return send(200, result, { "Idempotency-Key": idem });
      } catch (e) {
        if (!(e instanceof StripeError)) throw e;
        state.idempotency.set(idem, { fingerprint, status: e.status, body: e.body });
        return send(e.status, e.body);
      }
    }
    try {
      return send(200, route[2](params, route[1].exec(url.pathname).slice(1)));
    } catch (e) {
      if (!(e instanceof StripeError)) throw e;
      return send(e.status, e.body);
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      res.writeHead(500, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: { type: "api_error", message: String(e?.message ?? e) } }));
    });
  });

  return {
    state,
    controls,
    server,
    listen(port = 0, host = "127.0.0.1") {
      return new Promise((resolve) => server.listen(port, host, () => resolve(server.address().port)));
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
