// One mission's whole life through the real layers: Postgres with the roles and claims PostgREST
// sets, users created in auth.users as Supabase Auth creates them, Edge Functions served by Deno
// over HTTP, the Stripe and Resend stand-ins. Used by `npm run demo` (narrated) and by the
// end-to-end test (which asserts every check). Each step checks notifications, realtime messages,
// emails and the ledger; a failed check throws.
import crypto from "node:crypto";
import postgres from "postgres";
import Stripe from "stripe";
import { userToken } from "./keys.mjs";
import { localWebhookSecret } from "./functions.mjs";

const money = (cents, currency = "USD") => `${(Number(cents) / 100).toFixed(2)} ${currency}`;

export class CheckFailed extends Error {}

/**
 * @param {object} env
 * @param {string} env.dbUrl           the database (superuser) URL
 * @param {string} env.functionsUrl    e.g. http://127.0.0.1:54321/functions/v1
 * @param {string} env.serviceRoleKey
 * @param {string} env.stripeUrl       the Stripe stand-in
 * @param {string} env.resendUrl       the Resend stand-in
 * @param {(line: string) => void} [env.say]
 */
export async function runScenario({ dbUrl, functionsUrl, serviceRoleKey, stripeUrl, resendUrl, say = () => {} }) {
  const sql = postgres(dbUrl, { max: 4, onnotice: () => {} });
  const signer = new Stripe("sk_test_signer_only");
  const run = crypto.randomBytes(3).toString("hex");
  const checks = [];
  const check = (ok, what) => {
    checks.push({ ok: Boolean(ok), what });
    if (!ok) throw new CheckFailed(`check failed: ${what}`);
  };

  // --- helpers -------------------------------------------------------------------------------
  async function signUp(fullName, role) {
    const email = `${fullName.split(" ")[0].toLowerCase()}.${run}@people.example`;
    const [user] = await sql`
      insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data,
                              raw_user_meta_data, created_at, updated_at, last_sign_in_at)
      values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', ${email},
              extensions.crypt('correct horse battery', extensions.gen_salt('bf', 4)), now(),
              ${sql.json({ provider: "email", providers: ["email"] })}, ${sql.json({ full_name: fullName, role })}, now(), now(), now())
      returning id`;
    await sql`insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
              values (${user.id}, ${user.id}, ${sql.json({ sub: user.id, email })}, 'email', now(), now())`;
    return { id: user.id, name: fullName, email, token: await userToken(user.id, { email }),
             claims: { sub: user.id, role: "authenticated", email, aud: "authenticated" } };
  }

  // An RPC exactly as PostgREST runs it: one transaction, role and claims set locally.
  async function rpc(who, fn, args = {}) {
    return sql.begin(async (tx) => {
      const claims = who === "service" ? { role: "service_role" } : who.claims;
      await tx`select set_config('role', ${claims.role}, true), set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
      const names = Object.keys(args);
      // objects and lists of objects are jsonb arguments; lists of strings are Postgres arrays
      const isJson = (v) => v !== null && typeof v === "object" && (!Array.isArray(v) || v.some((x) => typeof x === "object"));
      const params = names.map((n) => (isJson(args[n]) ? tx.json(args[n]) : args[n]));
      const [row] = await tx.unsafe(`select to_jsonb(r) as r from public.${fn}(${names.map((n, i) => `${n} => $${i + 1}`).join(", ")}) r`, params);
      return row?.r;
    });
  }

  async function callFunction(path, token, body) {
    const res = await fetch(`${functionsUrl}/${path}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify(body ?? {}),
    });
    return { status: res.status, body: await res.json() };
  }

  async function standin(name, ...args) {
    const res = await fetch(`${stripeUrl}/_standin/${name}`, { method: "POST", body: JSON.stringify({ args }) });
    return res.json();
  }

  async function deliverWebhook(event) {
    const payload = JSON.stringify(event);
    const res = await fetch(`${functionsUrl}/stripe-webhook`, {
      method: "POST",
      headers: { "Stripe-Signature": signer.webhooks.generateTestHeaderString({ payload, secret: localWebhookSecret(event) }),
                 "Content-Type": "application/json" },
      body: payload,
    });
    return res.status;
  }

  const runWorker = async (name) => (await callFunction(name, serviceRoleKey)).body;
  const notificationsOf = async (who, type) =>
    sql`select title, message from public.notifications where user_id = ${who.id} and type = ${type} order by created_at`;
  const broadcasts = async (topic, event) =>
    Number((await sql`select count(*) from realtime.messages where topic = ${topic} and event = ${event}`)[0].count);
  const position = async (missionId) => (await sql`select * from public.mission_escrow_position(${missionId})`)[0];

  try {
    // --- 1. People ----------------------------------------------------------------------------
    say("1. People sign up. Supabase Auth creates the users; the signup trigger creates their profiles.");
    const nadia = await signUp("Nadia Okafor", "initiator");
    const contributors = [];
    for (const name of ["Alex Moreau", "Sam Lindqvist", "Lena Fischer", "Diego Alvarez"]) contributors.push(await signUp(name, "contributor"));
    const [skill] = await sql`
      insert into public.skills (name, category) values (${`Go ${run}`}, 'language')
      on conflict do nothing returning id`;
    // The admin console: contributors verified (their proof tasks passed), skills and availability set.
    for (const [i, c] of contributors.entries()) {
      await sql`update public.contributor_profiles set verification_status = 'verified', is_looking_for_work = true,
                  years_experience = ${[9, 5, 2, 12][i]}, headline = ${`${c.name.split(" ")[0]} builds services`}
                where user_id = ${c.id}`;
      await sql`insert into public.contributor_skills (contributor_id, skill_id, proficiency_level, years_experience, verified)
                select id, ${skill.id}, ${["expert", "advanced", "intermediate", "expert"][i]}, ${[8, 4, 1, 10][i]}, true
                from public.contributor_profiles where user_id = ${c.id}`;
    }
    const profiles = await sql`select primary_role, count(*)::int as n from public.profiles
                               where id in ${sql([nadia.id, ...contributors.map((c) => c.id)])} group by 1 order by 1`;
    check(profiles.length === 2 && profiles[0].n === 4 && profiles[1].n === 1, "four contributor profiles and one initiator profile");
    say(`   ${nadia.name} (initiator) and ${contributors.map((c) => c.name).join(", ")} (contributors, verified).`);

    // --- 2. A mission ---------------------------------------------------------------------------
    say("2. Nadia creates a mission with three milestones and publishes it.");
    const mission = await rpc(nadia, "create_mission", {
      title: "Billing service in Go", description: "Monthly invoicing for 20k customers.", type: "backend",
      budget_min_cents: 900_000, budget_max_cents: 1_200_000, estimated_duration_days: 45,
      milestones: [{ title: "API design", amount_cents: 200_000 }, { title: "Invoicing engine", amount_cents: 600_000 },
                   { title: "Hand-over", amount_cents: 200_005 }],
      required_skills: [{ skill_id: skill.id, importance: "required" }], max_shadow_contributors: 1, requires_core_reviewer: true,
    });
    const published = await rpc(nadia, "publish_mission", { mission_id: mission.id });
    check(published.status === "pending_funding", "publishing asks for funding");
    check(published.platform_fee_bps === 1000, "the platform fee is fixed at 10%");
    check(published.lead_share_bps === 7000 && published.shadow_share_bps === 2000 && published.core_reviewer_share_bps === 1000,
          "the team's payout shares are proposed: lead 70%, shadow 20%, core reviewer 10%");
    say(`   "${mission.title}": 3 milestones, ${money(1_000_005)}, status ${published.status}.`);

    // --- 3. Funding through Stripe ----------------------------------------------------------------
    say("3. Nadia funds the escrow: the payments function creates a PaymentIntent; Stripe confirms by webhook.");
    const fund = await callFunction("payments/fund", nadia.token, { mission_id: mission.id });
    check(fund.status === 201 && fund.body.amount_cents === 1_000_005, "the PaymentIntent is for the milestones' sum");
    const succeeded = await standin("succeedPaymentIntent", fund.body.payment_intent_id);
    check((await deliverWebhook(succeeded)) === 200, "Stripe's payment_intent.succeeded is accepted");
    check((await deliverWebhook(succeeded)) === 200, "a redelivery is acknowledged");
    const [funded] = await sql`select status from public.missions where id = ${mission.id}`;
    check(funded.status === "open", "the funded mission is open");
    check((await position(mission.id)).held_cents === "1000005", "escrow holds the deposit");
    check((await notificationsOf(nadia, "mission_update")).some((n) => n.title === "Escrow funded"), "Nadia is told the escrow is funded");
    say(`   Escrow holds ${money(1_000_005)}; the mission is open.`);

    // Contributors set up payouts (Stripe Connect Express); Stripe says their accounts can receive payouts.
    for (const c of contributors) {
      const onboard = await callFunction("payments/connect/onboard", c.token, { country: "DE" });
      check(onboard.status === 201, `${c.name} gets an onboarding link`);
      const updated = await standin("updateAccount", onboard.body.account_id, { charges_enabled: true, payouts_enabled: true, details_submitted: true });
      check((await deliverWebhook(updated)) === 200, "account.updated is accepted");
    }

    // --- 4. Applications and matching -----------------------------------------------------------
    say("4. Two contributors apply; Nadia starts matching and the platform invites a team.");
    for (const c of contributors.slice(0, 2)) {
      const app = await rpc(c, "apply_to_mission", { mission_id: mission.id, cover_letter: `${c.name} would love this.` });
      check(app.status === "pending", `${c.name}'s application is pending`);
    }
    check((await notificationsOf(nadia, "application_received")).length === 2, "Nadia is notified of both applications");
    await rpc(nadia, "start_matching", { mission_id: mission.id });
    check((await broadcasts(`mission:${mission.id}`, "matching:started")) === 1, "matching:started is broadcast on the mission");
    check((await broadcasts(`mission:${mission.id}`, "matching:complete")) === 1, "matching:complete is broadcast on the mission");
    const invitedNow = async () => sql`
      select a.id, a.role::text, c.user_id from public.mission_assignments a join public.contributor_profiles c on c.id = a.contributor_id
      where a.mission_id = ${mission.id} and a.status = 'invited' order by a.role`;
    let invited = await invitedNow();
    check(invited.some((a) => a.role === "lead"), "matching invites a lead");
    if (!invited.some((a) => a.role === "core_reviewer")) {
      // Nobody new is trusted enough to be recommended as core reviewer: Nadia invites the most experienced one left.
      const [pick] = await sql`
        select c.id, p.full_name from public.contributor_profiles c join public.profiles p on p.id = c.user_id
        where c.user_id in ${sql(contributors.map((x) => x.id))}
          and not exists (select from public.mission_assignments a where a.mission_id = ${mission.id} and a.contributor_id = c.id)
        order by c.years_experience desc limit 1`;
      await rpc(nadia, "invite_contributor", { mission_id: mission.id, contributor_id: pick.id, role: "core_reviewer" });
      say(`   No candidate was trusted enough to be recommended as core reviewer: Nadia invites ${pick.full_name}.`);
      invited = await invitedNow();
    }
    check(invited.some((a) => a.role === "core_reviewer"), "a core reviewer is invited");
    const team = Object.fromEntries(invited.map((a) => [a.role, { ...a, person: contributors.find((c) => c.id === a.user_id) }]));
    say(`   Invited: ${invited.map((a) => `${contributors.find((c) => c.id === a.user_id).name} as ${a.role.replace("_", " ")}`).join(", ")}.`);
    for (const a of invited) {
      const who = contributors.find((c) => c.id === a.user_id);
      check((await notificationsOf(who, "match_found")).length === 1, `${who.name} is notified of the invitation`);
      const accepted = await rpc(who, "accept_invitation", { assignment_id: a.id });
      check(accepted.status === "active", `${who.name} accepts`);
    }
    const started = await rpc(nadia, "start_work", { mission_id: mission.id });
    check(started.status === "in_progress", "work starts once the team is complete");
    const chat = await sql`select count(*)::int as n from public.conversation_participants p join public.conversations c on c.id = p.conversation_id
                           where c.mission_id = ${mission.id} and c.type = 'mission_team'`;
    check(chat[0].n === invited.length + 1, "the team chat has Nadia and the whole team");
    say("   The team accepted; work started; the team chat is open.");

    // --- 5. Milestones ------------------------------------------------------------------------------
    const lead = team.lead.person;
    const reviewer = team.core_reviewer.person;
    const milestones = await sql`select id, title, amount_cents from public.milestones where mission_id = ${mission.id} order by order_index`;
    for (const [i, ms] of milestones.entries()) {
      say(`5.${i + 1} "${ms.title}": ${lead.name} delivers${i === 0 ? `, ${reviewer.name} asks for a revision, ${lead.name} delivers again` : ""}; Nadia approves.`);
      if (i > 0) {
        const [m] = await sql`select status from public.milestones where id = ${ms.id}`;
        check(m.status === "in_progress", `"${ms.title}" started when the previous one was paid`);
      }
      await rpc(lead, "submit_milestone", { milestone_id: ms.id, content: `${ms.title}: done.`, links: ["https://git.example.com/billing/pull/1"] });
      check((await notificationsOf(nadia, "milestone_submitted")).length === (i === 0 ? 1 : i + 2), "Nadia is told the milestone was delivered");
      if (i === 0) {
        await rpc(reviewer, "request_revision", { milestone_id: ms.id, feedback: "Paginate the invoice list." });
        check((await notificationsOf(lead, "revision_requested")).length === 1, "the lead is told a revision is needed");
        await rpc(lead, "submit_milestone", { milestone_id: ms.id, content: `${ms.title}: done, with pagination.` });
      }
      const approved = await rpc(nadia, "approve_milestone", { milestone_id: ms.id });
      check(approved.status === "approved", "approved");
      check((await rpc(nadia, "approve_milestone", { milestone_id: ms.id })).status === "approved", "approving twice changes nothing");
      await runWorker("payouts-worker");
      // Team payouts: the payout after the fee is shared by role; one transfer per member, each to their account.
      const parts = await sql`select p.contributor_id, p.role::text, p.payout_cents::bigint as amount, d.stripe_account_id as account,
                                     c.user_id
                              from public.milestone_payouts p
                              join public.contributor_private_details d on d.contributor_id = p.contributor_id
                              join public.contributor_profiles c on c.id = p.contributor_id
                              where p.milestone_id = ${ms.id} order by p.role`;
      const fee = Math.floor((Number(ms.amount_cents) * 1000 + 5000) / 10000);
      const net = Number(ms.amount_cents) - fee;
      check(parts.find((x) => x.role === "lead")?.user_id === lead.id, "the lead who delivered has the lead's part");
      for (const x of parts.filter((y) => y.role !== "lead")) {
        const bps = x.role === "shadow" ? 2000 : 1000;
        check(Number(x.amount) === Math.floor((net * bps) / 10000 / parts.filter((y) => y.role === x.role).length), `the ${x.role.replace("_", " ")}'s part is its share, rounded down`);
      }
      check(parts.reduce((n, x) => n + Number(x.amount), 0) === net, "the parts add up to the payout (the lead gets the odd cents)");
      const jobs = await sql`select status from private.jobs where kind = 'release_payout' and payload ->> 'milestone_id' = ${ms.id}`;
      check(jobs.length === parts.length && jobs.every((j) => j.status === "done"), "the payout worker sends a transfer per part");
      const transfers = (await standin("state")).transfers.filter((t) => t.metadata?.milestone_id === ms.id);
      check(transfers.length === parts.length &&
            parts.every((x) => transfers.some((t) => t.destination === x.account && t.amount === Number(x.amount))),
            "one transfer per member, to their own account, for their part");
      const [paid] = await sql`select status from public.milestones where id = ${ms.id}`;
      check(paid.status === "paid", `"${ms.title}" is paid`);
      const rows = await sql`select type::text, amount_cents::bigint as amount from public.escrow_transactions
                             where milestone_id = ${ms.id} and status = 'completed' order by type`;
      check(rows.filter((r) => r.type === "release").length === parts.length &&
            rows.filter((r) => r.type === "release").reduce((n, r) => n + Number(r.amount), 0) === net &&
            rows.filter((r) => r.type === "platform_fee").map((r) => Number(r.amount)).join() === String(fee), "payouts + one fee = the milestone's amount");
      check((await notificationsOf(lead, "payment_received")).length === i + 1, `${lead.name} is told they were paid`);
      check((await notificationsOf(reviewer, "payment_received")).length === i + 1, `${reviewer.name} is told they were paid`);
      const named = (x) => contributors.find((c) => c.id === x.user_id).name;
      say(`     paid ${parts.map((x) => `${money(Number(x.amount))} to ${named(x)} (${x.role.replace("_", " ")})`).join(", ")}, fee ${money(fee)}; ` +
          `escrow now holds ${money((await position(mission.id)).held_cents)}.`);
    }
    const [done] = await sql`select status from public.missions where id = ${mission.id}`;
    check(done.status === "completed", "every milestone paid: the mission is completed");
    check((await broadcasts(`mission:${mission.id}`, "milestone:approved")) === 3, "milestone:approved was broadcast three times");

    // --- 6. Reviews -----------------------------------------------------------------------------------
    say("6. Both sides review each other.");
    await rpc(nadia, "submit_review", { assignment_id: team.lead.id, rating: 5, comment: "Excellent work." });
    await rpc(lead, "submit_review", { assignment_id: team.lead.id, rating: 4, comment: "Clear and fair." });
    const [leadRating] = await sql`select average_rating::text from public.contributor_profiles where user_id = ${lead.id}`;
    const [nadiaRating] = await sql`select average_rating::text from public.initiator_profiles where user_id = ${nadia.id}`;
    check(leadRating.average_rating === "5.00" && nadiaRating.average_rating === "4.00", "average ratings moved");

    // --- 7. Emails --------------------------------------------------------------------------------------
    say("7. The email worker sends what the events queued.");
    await runWorker("email-worker");
    const delivered = await (await fetch(`${resendUrl}/_standin/delivered`)).json();
    const to = (p) => delivered.filter((d) => d.to.includes(p.email)).map((d) => d.subject);
    check(to(nadia).includes("Welcome to PEOPLE"), "Nadia got a welcome email");
    check(to(nadia).filter((s) => s.startsWith("Milestone delivered")).length === 4, "Nadia got an email per delivery");
    check(to(lead).filter((s) => s.startsWith("You were paid")).length === 3, "the lead got an email per payment");
    check(to(reviewer).filter((s) => s.startsWith("You were paid")).length === 3, "the core reviewer got an email per payment of their part");
    check(to(team.core_reviewer.person).some((s) => s.startsWith("You're invited")), "the reviewer got the invitation by email");

    // --- 8. The ledger ----------------------------------------------------------------------------------
    const p = await position(mission.id);
    const { transfers } = await standin("state");
    const stripeReleased = transfers.filter((t) => t.transfer_group === mission.id).reduce((n, t) => n + t.amount, 0);
    check(p.funded_cents === "1000005" && p.held_cents === "0", "escrow is empty: everything funded went out");
    check(Number(p.released_cents) === stripeReleased, "the ledger's releases equal Stripe's transfers");
    check(Number(p.released_cents) + Number(p.fees_cents) === 1_000_005, "releases + fees = the deposit");
    const summary = { mission: mission.id, funded: p.funded_cents, released: p.released_cents, fees: p.fees_cents, held: p.held_cents,
                      refunded: p.refunded_cents, transfers: transfers.filter((t) => t.transfer_group === mission.id).length };
    say("8. The ledger:");
    say(`   funded ${money(p.funded_cents)} = released ${money(p.released_cents)} + platform fees ${money(p.fees_cents)}; held ${money(p.held_cents)}.`);
    say(`   Stripe made ${summary.transfers} transfers for ${money(stripeReleased)}. ${checks.length} checks passed.`);
    return { summary, checks };
  } finally {
    await sql.end();
  }
}
