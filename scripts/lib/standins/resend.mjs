// A local stand-in for Resend's email API (POST /emails), for tests and offline development. It
// speaks Resend's HTTP protocol (Bearer re_ keys, JSON bodies, Idempotency-Key replay, Resend's
// error shape), so the real `resend` SDK talks to it unchanged. Delivered emails are kept in memory.
// Controls under /_standin/: fail or delay the next requests, list deliveries.
import crypto from "node:crypto";
import http from "node:http";

export function createResendStandin() {
  const state = { delivered: [], idempotency: new Map(), faults: [], requests: 0 };

  async function handle(req, res) {
    let body = "";
    for await (const chunk of req) body += chunk;
    const send = (status, obj) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(obj));
    };
    const url = new URL(req.url, "http://standin");
    if (url.pathname === "/_standin/delivered") return send(200, state.delivered);
    if (url.pathname === "/_standin/fault") {
      state.faults.push({ times: 1, ...JSON.parse(body || "{}") });
      return send(200, { ok: true });
    }
    if (url.pathname === "/_standin/reset") {
      state.delivered.length = 0;
      state.faults.length = 0;
      return send(200, { ok: true });
    }
    if (!/^Bearer re_\w+/.test(req.headers.authorization ?? "")) {
      return send(401, { statusCode: 401, name: "missing_api_key", message: "Missing API key in the authorization header" });
    }
    if (req.method !== "POST" || url.pathname !== "/emails") {
      return send(404, { statusCode: 404, name: "not_found", message: "The requested endpoint does not exist." });
    }
    state.requests += 1;
    const fault = state.faults.find((f) => f.times > 0);
    if (fault) {
      fault.times -= 1;
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.status) {
        return send(fault.status, { statusCode: fault.status, name: "application_error", message: "Something went wrong." });
      }
    }
    let email;
    try {
      email = JSON.parse(body);
    } catch {
      return send(422, { statusCode: 422, name: "validation_error", message: "Invalid JSON" });
    }
    for (const field of ["from", "to", "subject"]) {
      if (!email[field]) return send(422, { statusCode: 422, name: "missing_required_field", message: `Missing \`${field}\` field.` });
    }
    const key = req.headers["idempotency-key"];
    if (key) {
      const fingerprint = crypto.createHash("sha256").update(body).digest("hex");
      const seen = state.idempotency.get(key);
      if (seen) {
        if (seen.fingerprint !== fingerprint) {
          return send(409, { statusCode: 409, name: "invalid_idempotent_request", message: "Same idempotency key used with a different request payload." });
        }
        return send(200, seen.response);
      }
      const response = { id: crypto.randomUUID() };
      state.idempotency.set(key, { fingerprint, response });
      state.delivered.push({ ...email, id: response.id, idempotencyKey: key });
      return send(200, response);
    }
    const response = { id: crypto.randomUUID() };
    state.delivered.push({ ...email, id: response.id, idempotencyKey: null });
    return send(200, response);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      res.writeHead(500, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ statusCode: 500, name: "application_error", message: String(e) }));
    });
  });
  return {
    state,
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
