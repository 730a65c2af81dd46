// One error shape for every Edge Function response that is not a success:
//   { "error": { "code": "<machine-readable>", "message": "<shown to people>", "details"?: ... } }

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "HttpError";
  }
}

export const badRequest = (message: string, details?: unknown) => new HttpError(400, "bad_request", message, details);
export const unauthorized = (message = "A valid access token is required.") =>
  new HttpError(401, "unauthorized", message, undefined, { "WWW-Authenticate": 'Bearer realm="functions"' });
export const forbidden = (message = "You are not allowed to do this.") => new HttpError(403, "forbidden", message);
export const notFound = (message = "Not found.") => new HttpError(404, "not_found", message);
export const methodNotAllowed = (allowed: string[]) =>
  new HttpError(405, "method_not_allowed", `Use ${allowed.join(" or ")}.`, undefined, { Allow: allowed.join(", ") });

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set("Content-Type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(body), { status, headers: h });
}

export function errorResponse(err: HttpError): Response {
  const body: ErrorBody = { error: { code: err.code, message: err.message } };
  if (err.details !== undefined) body.error.details = err.details;
  return json(body, err.status, err.headers);
}

/**
 * Maps a database error raised by our SQL (SQLSTATE + message written for people) to HTTP.
 * Anything not recognised is a 500 and its message is not shown.
 */
export function fromDatabaseError(err: unknown): HttpError | undefined {
  const e = err as { code?: unknown; message?: unknown; detail?: unknown; hint?: unknown };
  if (typeof e?.code !== "string" || !/^[0-9A-Z]{5}$/.test(e.code)) return undefined;
  const message = typeof e.message === "string" ? e.message : "Database error.";
  const details = { sqlstate: e.code, ...(e.hint ? { hint: String(e.hint) } : {}) };
  const byCode: Record<string, [number, string]> = {
    "42501": [403, "forbidden"],
    "28000": [401, "unauthorized"],
    "P0002": [404, "not_found"],
    "23505": [409, "conflict"],
    "40001": [409, "conflict"],
    "55000": [409, "invalid_state"],
    "55P03": [409, "conflict"],
    "22023": [400, "bad_request"],
    "22P02": [400, "bad_request"],
    "23502": [400, "bad_request"],
    "23503": [400, "bad_request"],
    "23514": [400, "bad_request"],
    "P0001": [400, "bad_request"],
    "22001": [400, "bad_request"],
    "22003": [400, "bad_request"],
    "22007": [400, "bad_request"],
    "22008": [400, "bad_request"],
  };
  // Our own codes PTxyz mean HTTP xyz, as PostgREST reads them.
  const pt = /^PT([1-5]\d\d)$/.exec(e.code);
  if (pt) {
    const status = Number(pt[1]);
    const code = ({ 404: "not_found", 409: "invalid_state", 429: "rate_limited", 403: "forbidden" } as Record<number, string>)[status] ?? "error";
    return new HttpError(status, code, message, details);
  }
  const hit = byCode[e.code];
  return hit ? new HttpError(hit[0], hit[1], message, details) : undefined;
}
