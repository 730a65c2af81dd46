// Request bodies, read with a limit: a body larger than its function allows is refused with 413 before
// it is read (Content-Length says so) or as soon as the bytes read pass the limit (a chunked or lying
// body), never after reading it whole. Every function declares its limit (`maxBodyBytes` in its
// handler module); wrap() refuses an announced oversize body before the handler runs, and handlers
// read bodies only through readText().
import { HttpError } from "./errors.ts";

/** What a function accepts when it says nothing: small JSON bodies. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

export const payloadTooLarge = (limit: number) =>
  new HttpError(413, "payload_too_large", `The request body is larger than this endpoint accepts (${limit} bytes).`);

/** 413 when the request announces a body over `limit` (Content-Length); nothing is read. */
export function refuseAnnouncedOversize(req: Request, limit: number): void {
  const announced = req.headers.get("Content-Length");
  if (announced !== null && /^\d+$/.test(announced.trim()) && Number(announced) > limit) throw payloadTooLarge(limit);
}

/** The body's bytes, at most `limit` of them; reading stops (and the stream is cancelled) past it. */
export async function readBytes(req: Request, limit: number): Promise<Uint8Array> {
  refuseAnnouncedOversize(req, limit);
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw payloadTooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) (out.set(c, at), at += c.byteLength);
  return out;
}

/** The body as UTF-8 text, at most `limit` bytes (invalid UTF-8 is a 400). */
export async function readText(req: Request, limit: number): Promise<string> {
  const bytes = await readBytes(req, limit);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, "bad_request", "The request body is not valid UTF-8.");
  }
}
