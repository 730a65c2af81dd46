// The Stripe client for Edge Functions: the real SDK on Deno's fetch, pointed at Stripe, or at a
// local stand-in when STRIPE_API_BASE is set.
import Stripe from "stripe";
import type { BaseConfig } from "./config.ts";
import { HttpError } from "./errors.ts";

export type { Stripe };

export function makeStripe(config: BaseConfig): Stripe | undefined {
  if (!config.STRIPE_SECRET_KEY) return undefined;
  const base = config.STRIPE_API_BASE ? new URL(config.STRIPE_API_BASE) : undefined;
  return new Stripe(config.STRIPE_SECRET_KEY, {
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: "people-backend" },
    ...(base
      ? {
        host: base.hostname,
        port: Number(base.port || (base.protocol === "https:" ? 443 : 80)),
        protocol: base.protocol.replace(":", "") as "http" | "https",
      }
      : {}),
  });
}

export function requireStripe(stripe: Stripe | undefined): Stripe {
  if (!stripe) throw new HttpError(503, "not_configured", "Payments are not configured on this server.");
  return stripe;
}

/** Stripe's errors, as one JSON error shape: 402 for card errors, 502 when Stripe itself failed. */
export function fromStripeError(err: unknown): HttpError | undefined {
  if (!(err instanceof Stripe.errors.StripeError)) return undefined;
  if (err.type === "StripeCardError") return new HttpError(402, "card_error", err.message);
  if (err.type === "StripeInvalidRequestError") return new HttpError(400, "payment_request_invalid", err.message);
  if (err.type === "StripeIdempotencyError") return new HttpError(409, "conflict", err.message);
  return new HttpError(502, "payment_provider_error", "The payment provider could not be reached. Try again.");
}

export const webhookCrypto = Stripe.createSubtleCryptoProvider();
