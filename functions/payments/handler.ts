// /functions/v1/payments: the money endpoints a frontend calls (the blueprint's /payments/*).
//   POST /payments/fund              {mission_id}  initiator funds a published mission's escrow
//   POST /payments/setup-intent      {}            initiator saves a card (SetupIntent)
//   POST /payments/connect/onboard   {country}     contributor gets a Stripe Express onboarding link
// Payment history is a table read under RLS (supabase.from('escrow_transactions')), not a route here.
// Every Stripe call carries an idempotency key derived from our row ids; every route is limited to
// PAYMENTS_RATE_LIMIT_PER_MINUTE calls per user.
import { sql } from "kysely";
import { z } from "zod";
import { readText } from "../_shared/body.ts";
import { authenticate, type Claims } from "../_shared/auth.ts";
import { asCaller } from "../_shared/db.ts";
import { badRequest, forbidden, HttpError, json, methodNotAllowed, notFound } from "../_shared/errors.ts";
import type { Deps, Handler } from "../_shared/handler.ts";
import { requireStripe } from "../_shared/stripe.ts";

/** The largest request body accepted: JSON bodies of a few fields. */
export const maxBodyBytes = 16 * 1024;

export const requires = ["STRIPE_SECRET_KEY"] as const;

// Countries where Stripe Express accounts take the full service agreement; elsewhere the
// recipient agreement (transfers only) applies.
const FULL_AGREEMENT = new Set([
  "US",
  "CA",
  "GB",
  "CH",
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IS",
  "IE",
  "IT",
  "LV",
  "LI",
  "LT",
  "LU",
  "MT",
  "NL",
  "NO",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
]);

const fundBody = z.object({ mission_id: z.uuid() }).strict();
const onboardBody = z.object({ country: z.string().regex(/^[A-Za-z]{2}$/, "must be a 2-letter country code") }).strict();
const emptyBody = z.object({}).strict();

async function readJson<T extends z.ZodType>(req: Request, schema: T): Promise<z.output<T>> {
  let raw: unknown = {};
  const text = await readText(req, maxBodyBytes);
  if (text.trim()) {
    try {
      raw = JSON.parse(text);
    } catch {
      throw badRequest("The body must be JSON.");
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw badRequest("Invalid request body.", parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  }
  return parsed.data;
}

async function rateLimit(deps: Deps, claims: Claims): Promise<void> {
  const { rows } = await sql<{ allowed: boolean; retry_after_seconds: number }>`
    select * from public.check_rate_limit(${`payments:user:${claims.sub}`}, ${deps.config.PAYMENTS_RATE_LIMIT_PER_MINUTE}, 60)`
    .execute(deps.db.db);
  if (!rows[0].allowed) {
    throw new HttpError(429, "rate_limited", "Too many payment requests: try again in a minute.", {
      retry_after_seconds: rows[0].retry_after_seconds,
    }, { "Retry-After": String(rows[0].retry_after_seconds) });
  }
}

type Initiator = { initiator_id: string; email: string | null; stripe_customer_id: string | null };

async function me(deps: Deps, claims: Claims) {
  // Read as the caller (RLS applies): their own role profiles and private details.
  return await asCaller(deps.db.db, claims, async (tx) => {
    const { rows } = await sql<
      {
        initiator_id: string | null;
        contributor_id: string | null;
        stripe_customer_id: string | null;
        stripe_account_id: string | null;
        account_status: string;
      }
    >`
      select (select i.id from public.initiator_profiles i where i.user_id = auth.uid()) as initiator_id,
             (select c.id from public.contributor_profiles c where c.user_id = auth.uid()) as contributor_id,
             (select d.stripe_customer_id from public.initiator_private_details d
                join public.initiator_profiles i on i.id = d.initiator_id where i.user_id = auth.uid()) as stripe_customer_id,
             (select d.stripe_account_id from public.contributor_private_details d
                join public.contributor_profiles c on c.id = d.contributor_id where c.user_id = auth.uid()) as stripe_account_id,
             (select p.account_status::text from public.profiles p where p.id = auth.uid()) as account_status`.execute(tx);
    return rows[0];
  });
}

async function customerFor(deps: Deps, initiator: Initiator): Promise<string> {
  if (initiator.stripe_customer_id) return initiator.stripe_customer_id;
  const stripe = requireStripe(deps.stripe);
  const customer = await stripe.customers.create(
    { email: initiator.email ?? undefined, metadata: { initiator_id: initiator.initiator_id } },
    { idempotencyKey: `customer-${initiator.initiator_id}` },
  );
  const { rows } = await sql<{ id: string }>`select public.set_stripe_customer(${initiator.initiator_id}, ${customer.id}) as id`
    .execute(deps.db.db);
  return rows[0].id;
}

async function fund(req: Request, deps: Deps, claims: Claims): Promise<Response> {
  const body = await readJson(req, fundBody);
  const who = await me(deps, claims);
  if (!who.initiator_id) throw forbidden("Only initiators fund missions.");
  if (who.account_status !== "active") throw forbidden("Your account cannot make payments.");
  // The mission as the caller sees it: RLS hides other initiators' missions.
  const mission = await asCaller(deps.db.db, claims, async (tx) => {
    const { rows } = await sql<{ id: string; status: string; currency: string; initiator_id: string; total: string }>`
      select m.id, m.status::text, m.currency::text, m.initiator_id,
             (select coalesce(sum(x.amount_cents), 0) from public.milestones x where x.mission_id = m.id)::text as total
      from public.missions m where m.id = ${body.mission_id}`.execute(tx);
    return rows[0];
  });
  if (!mission || mission.initiator_id !== who.initiator_id) throw notFound("No such mission.");
  if (mission.status !== "pending_funding") {
    throw new HttpError(
      409,
      "invalid_state",
      `Only a mission awaiting funding can be funded; this one is ${mission.status.replace("_", " ")}.`,
    );
  }
  const amount = Number(mission.total);
  const customer = await customerFor(deps, {
    initiator_id: who.initiator_id,
    email: claims.email ?? null,
    stripe_customer_id: who.stripe_customer_id,
  });
  const stripe = requireStripe(deps.stripe);
  const intent = await stripe.paymentIntents.create(
    {
      amount,
      currency: mission.currency.toLowerCase(),
      customer,
      transfer_group: mission.id,
      automatic_payment_methods: { enabled: true },
      setup_future_usage: "off_session",
      metadata: { mission_id: mission.id, initiator_id: who.initiator_id, kind: "escrow_deposit" },
      description: `Escrow for mission ${mission.id}`,
    },
    { idempotencyKey: `fund-${mission.id}-${amount}` },
  );
  await sql`select public.record_deposit_intent(${mission.id}, ${intent.id}, ${amount}, ${mission.currency})`.execute(deps.db.db);
  return json({ payment_intent_id: intent.id, client_secret: intent.client_secret, amount_cents: amount, currency: mission.currency }, 201);
}

async function setupIntent(req: Request, deps: Deps, claims: Claims): Promise<Response> {
  await readJson(req, emptyBody);
  const who = await me(deps, claims);
  if (!who.initiator_id) throw forbidden("Only initiators save payment methods.");
  if (who.account_status !== "active") throw forbidden("Your account cannot make payments.");
  const customer = await customerFor(deps, {
    initiator_id: who.initiator_id,
    email: claims.email ?? null,
    stripe_customer_id: who.stripe_customer_id,
  });
  const stripe = requireStripe(deps.stripe);
  // One SetupIntent per request: the key names the initiator and this request.
  const requestKey = req.headers.get("Idempotency-Key")?.slice(0, 100) ?? crypto.randomUUID();
  const intent = await stripe.setupIntents.create(
    { customer, usage: "off_session", automatic_payment_methods: { enabled: true }, metadata: { initiator_id: who.initiator_id } },
    { idempotencyKey: `setup-${who.initiator_id}-${requestKey}` },
  );
  return json({ setup_intent_id: intent.id, client_secret: intent.client_secret, customer_id: customer }, 201);
}

async function onboard(req: Request, deps: Deps, claims: Claims): Promise<Response> {
  const body = await readJson(req, onboardBody);
  const who = await me(deps, claims);
  if (!who.contributor_id) throw forbidden("Only contributors receive payouts.");
  if (who.account_status !== "active") throw forbidden("Your account cannot receive payouts.");
  const stripe = requireStripe(deps.stripe);
  const country = body.country.toUpperCase();
  let account = who.stripe_account_id;
  if (!account) {
    const recipient = !FULL_AGREEMENT.has(country);
    const created = await stripe.accounts.create(
      {
        type: "express",
        country,
        email: claims.email ?? undefined,
        capabilities: recipient
          ? { transfers: { requested: true } }
          : { transfers: { requested: true }, card_payments: { requested: true } },
        ...(recipient ? { tos_acceptance: { service_agreement: "recipient" } } : {}),
        metadata: { contributor_id: who.contributor_id },
      },
      { idempotencyKey: `account-${who.contributor_id}` },
    );
    await sql`select public.set_connected_account(${who.contributor_id}, ${created.id}, ${country})`.execute(deps.db.db);
    account = created.id;
  }
  // Account links are single-use and expire within minutes: every call makes a new one, and the
  // refresh URL brings the person back to the app, which calls this again.
  const link = await stripe.accountLinks.create(
    {
      account,
      type: "account_onboarding",
      refresh_url: new URL("/payouts/onboarding?refresh=1", deps.config.APP_URL).toString(),
      return_url: new URL("/payouts/onboarding?done=1", deps.config.APP_URL).toString(),
    },
    { idempotencyKey: `account-link-${account}-${crypto.randomUUID()}` },
  );
  return json({ account_id: account, url: link.url, expires_at: link.expires_at }, 201);
}

export const handler: Handler = async (req, deps) => {
  const path = new URL(req.url).pathname.replace(/\/+$/, "");
  const routes: Record<string, (req: Request, deps: Deps, claims: Claims) => Promise<Response>> = {
    "/payments/fund": fund,
    "/payments/setup-intent": setupIntent,
    "/payments/connect/onboard": onboard,
  };
  const route = routes[path];
  if (!route) throw notFound("No such payments route.");
  if (req.method !== "POST") throw methodNotAllowed(["POST"]);
  const claims = await authenticate(req, deps.config, ["authenticated"]);
  await rateLimit(deps, claims);
  return route(req, deps, claims);
};
