// A local stand-in for Sentry's ingest endpoint (POST /api/<project>/envelope/), for tests and
// offline development: the real @sentry/deno SDK sends its envelopes here when SENTRY_DSN is
// http://public@127.0.0.1:<port>/<project>. Envelopes are kept raw and parsed.
import http from "node:http";
import zlib from "node:zlib";

export function createSentryStandin() {
  const state = { envelopes: [] };
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    let body = Buffer.concat(chunks);
    if (req.headers["content-encoding"] === "gzip") body = zlib.gunzipSync(body);
    if (req.method === "POST" && /^\/api\/\d+\/envelope\/?$/.test(new URL(req.url, "http://x").pathname)) {
      const raw = body.toString("utf8");
      const items = raw.split("\n").filter(Boolean).map((line) => {
        try {
          return JSON.parse(line);
        } catch {
          return line;
        }
      });
      state.envelopes.push({ raw, items, headers: req.headers });
      res.writeHead(200, { "Content-Type": "application/json" });
      return res.end("{}");
    }
    res.writeHead(404);
    res.end();
  });
  return {
    state,
    listen(port = 0, host = "127.0.0.1") {
      return new Promise((resolve) => server.listen(port, host, () => resolve(server.address().port)));
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
