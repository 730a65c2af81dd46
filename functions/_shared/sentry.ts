// Error reporting with @sentry/deno (Deno only: imported by the entry points, never by handlers).
// Off without SENTRY_DSN. No personal data leaves: no user, IP, cookies, headers, bodies or query
// strings, and tokens and email addresses are masked in messages.
import * as Sentry from "@sentry/deno";
import type { BaseConfig } from "./config.ts";

export type Reporter = (err: unknown, req: Request, context: Record<string, string>) => Promise<void>;

const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
export const scrub = (s: string) => s.replace(JWT, "[token]").replace(EMAIL, "[email]").replace(UUID, "[id]");

function scrubEvent(event: Sentry.ErrorEvent): Sentry.ErrorEvent {
  delete event.user;
  if (event.request) {
    event.request = { method: event.request.method, url: event.request.url ? scrub(event.request.url.split("?")[0]) : undefined };
  }
  if (event.message) event.message = scrub(event.message);
  for (const ex of event.exception?.values ?? []) if (ex.value) ex.value = scrub(ex.value);
  for (const b of event.breadcrumbs ?? []) if (b.message) b.message = scrub(b.message);
  delete event.extra;
  return event;
}

export function makeReporter(config: BaseConfig): Reporter | undefined {
  if (!config.SENTRY_DSN) return undefined;
  Sentry.init({
    dsn: config.SENTRY_DSN,
    environment: config.SENTRY_ENVIRONMENT,
    sendDefaultPii: false,
    tracesSampleRate: 0,
    beforeSend: scrubEvent,
    beforeBreadcrumb: (b) => (b.category === "console" ? null : b),
  });
  return async (err, req, context) => {
    Sentry.withScope((scope) => {
      const url = new URL(req.url);
      scope.setTag("function", context.function ?? "unknown");
      scope.setContext("request", { method: req.method, path: scrub(url.pathname) });
      Sentry.captureException(err);
    });
    await Sentry.flush(2000);
  };
}
