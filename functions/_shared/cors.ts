// CORS for browser callers: answers preflight and decorates every response.

const ALLOW_HEADERS = "authorization, x-client-info, apikey, content-type, idempotency-key";
const ALLOW_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

export function corsHeaders(req: Request, allowedOrigins: string): Record<string, string> {
  const origin = req.headers.get("Origin");
  const list = allowedOrigins.split(",").map((o) => o.trim()).filter(Boolean);
  const allowAny = list.includes("*");
  const allowed = allowAny ? "*" : origin && list.includes(origin) ? origin : undefined;
  const headers: Record<string, string> = {
    "Access-Control-Allow-Headers": ALLOW_HEADERS,
    "Access-Control-Allow-Methods": ALLOW_METHODS,
    "Access-Control-Max-Age": "86400",
  };
  if (allowed) headers["Access-Control-Allow-Origin"] = allowed;
  if (!allowAny) headers["Vary"] = "Origin";
  return headers;
}

export function withCors(res: Response, req: Request, allowedOrigins: string): Response {
  const headers = new Headers(res.headers);
  for (const [k, v] of Object.entries(corsHeaders(req, allowedOrigins))) headers.set(k, v);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

// What every response says to a browser about itself: JSON that must not be sniffed, framed, cached
// or followed by a referrer (these functions serve an API, never a page).
const SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
  "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
};

export function withSecurityHeaders(res: Response): Response {
  const headers = new Headers(res.headers);
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!headers.has(k)) headers.set(k, v);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}
