// Loads the benchmark data set (bench/lib/seed.mjs) phase by phase, with the loaded tables' user
// triggers off, then rebuilds the matching pool, checks the ledger invariants set-based and leaves
// fresh statistics, as autovacuum would.
import { adminUrl, psql } from "../../scripts/lib/stack.mjs";
import { connect, log, timed } from "./db.mjs";
import { COUNTS_SQL, LOADED_TABLES, seedPhases } from "./seed.mjs";

// The escrow ledger's invariants (supabase/migrations/20261126000800_escrow_ledger_jobs.sql), checked over the
// whole ledger in one query. Every count must be 0.
export const LEDGER_CHECK = `
with e as (
  select e.*, m.currency::text as mission_currency
  from public.escrow_transactions e join public.missions m on m.id = e.mission_id
), running as (
  -- escrow held per mission after each entry, in time order (deposits first on a tie)
  select x.mission_id, min(x.held) as lowest from (
    select e.mission_id,
           sum(case when e.type in ('deposit', 'dispute_release') and e.status = 'completed' then e.amount_cents
                    when e.type in ('release', 'platform_fee', 'refund', 'dispute_hold') and e.status <> 'failed' then -e.amount_cents
                    else 0 end)
             over (partition by e.mission_id
                   order by e.created_at, case when e.type in ('deposit', 'dispute_release') then 0 else 1 end, e.id) as held
    from e) x
  group by x.mission_id
), pairs as (
  select e.milestone_id,
         count(*) filter (where e.type = 'release') as releases,
         count(*) filter (where e.type = 'platform_fee') as fees,
         coalesce(sum(e.amount_cents) filter (where e.type = 'release'), 0) as payout,
         coalesce(sum(e.amount_cents) filter (where e.type = 'platform_fee'), 0) as fee,
         count(distinct e.correlation_id) as correlations
  from e where e.milestone_id is not null and e.type in ('release', 'platform_fee') and e.status <> 'failed'
  group by e.milestone_id
)
select
  (select count(*) from e)::int as entries,
  (select count(*) from running where lowest < 0)::int as missions_ever_negative,
  (select count(*) from e where e.currency::text <> e.mission_currency)::int as entries_not_in_mission_currency,
  (select count(*) from (select mission_id from e group by mission_id having count(distinct currency) > 1) x)::int as missions_with_two_currencies,
  (select count(*) from pairs p
     join public.milestones ms on ms.id = p.milestone_id
     join public.missions m on m.id = ms.mission_id
   where p.releases <> 1 or p.fees > 1 or p.correlations <> 1
      or p.payout + p.fee <> ms.amount_cents
      or p.fee <> private.platform_fee(ms.amount_cents, m.platform_fee_bps))::int as milestones_payout_plus_fee_wrong,
  (select count(*) from e r
     left join (select d.mission_id, min(d.created_at) as first_at from e d where d.type = 'deposit' and d.status = 'completed'
                group by d.mission_id) d on d.mission_id = r.mission_id
   where r.type = 'release' and (d.first_at is null or d.first_at > r.created_at))::int as releases_before_completed_deposit,
  (select count(*) from e r join public.milestones ms on ms.id = r.milestone_id
   where r.type = 'release' and ms.status not in ('approved', 'paid'))::int as releases_of_unapproved_milestones,
  (select count(*) from public.milestones ms where ms.status = 'paid'
     and not exists (select from e where e.milestone_id = ms.id and e.type = 'release' and e.status = 'completed'))::int as paid_milestones_without_release,
  (select count(*) from e where e.type = 'release' and (e.milestone_id is null or e.contributor_id is null))::int as releases_without_payee`;

export async function loadBenchData(url, params, { ledgerTriggers = false } = {}) {
  const sql = connect(url, { max: 1 });
  const phases = [];
  const phase = async (label, fn) => {
    const [result, ms] = await timed(fn);
    log(`  ${label}: ${(ms / 1000).toFixed(1)} s`);
    phases.push({ label, seconds: Math.round(ms) / 1000 });
    return result;
  };
  try {
    const db = await sql.reserve();
    try {
      await db.unsafe(`set synchronous_commit = off; set work_mem = '256MB'; set maintenance_work_mem = '512MB'`);
      const disabled = await db.unsafe(
        `select c.relnamespace::regnamespace::text || '.' || c.relname as "table", t.tgname as "trigger"
         from pg_trigger t join pg_class c on c.oid = t.tgrelid
         where not t.tgisinternal and t.tgenabled <> 'D' and c.oid = any ($1::regclass[])
         order by 1, 2`,
        [LOADED_TABLES],
      );
      const kept = ledgerTriggers
        ? ["tg_escrow_transactions__guard", "tg_escrow_transactions__balance", "tg_escrow_transactions__payout_adds_up"]
        : [];
      await db.unsafe(LOADED_TABLES.map((t) => `alter table ${t} disable trigger user;`).join("\n"));
      for (const t of kept) await db.unsafe(`alter table public.escrow_transactions enable trigger ${t}`);
      try {
        for (const p of seedPhases(params)) await phase(p.label, () => db.unsafe(p.sql));
      } finally {
        await db.unsafe(LOADED_TABLES.map((t) => `alter table ${t} enable trigger user;`).join("\n"));
      }
      // The matching pool and reputations, from everything loaded (its triggers were off): the
      // bulk path private.rebuild_matching() documents, with row triggers off for its own updates.
      const matching = await phase("reputation and matching pool (private.rebuild_matching)", async () => {
        await db.unsafe("set session_replication_role = replica");
        await db.unsafe("analyze");
        const [r] = await db.unsafe("select private.rebuild_matching() as result");
        await db.unsafe("set session_replication_role = origin");
        return r.result;
      });
      // The marketplace's read model (its triggers were off): one insert of every listed mission's card.
      await phase("marketplace cards (private.listed_mission_cards)", () =>
        db.unsafe(`insert into public.listed_missions
                   select * from private.listed_mission_cards(array(select id from public.missions where listed_status is not null))`),
      );
      const [ledger] = await phase("ledger invariants check (one query)", () => db.unsafe(LEDGER_CHECK));
      const ledgerOk = Object.entries(ledger).every(([k, v]) => k === "entries" || v === 0);
      if (!ledgerOk) throw new Error(`ledger invariants violated: ${JSON.stringify(ledger)}`);
      await phase("vacuum analyze", () => db.unsafe("vacuum (analyze)"));
      // CHECKPOINT needs pg_checkpoint, which postgres does not have (on hosted neither): asked of supabase_admin.
      psql(adminUrl(url), ["-c", "checkpoint"]);
      const [counts] = await db.unsafe(COUNTS_SQL);
      const holders = (
        await db.unsafe(`select count(cs.contributor_id)::int as holders
                         from public.skills s left join public.contributor_skills cs on cs.skill_id = s.id
                         group by s.id order by holders desc, s.id`)
      ).map((r) => r.holders);
      return {
        phases,
        seconds: Math.round(phases.reduce((a, p) => a + p.seconds, 0) * 1000) / 1000,
        counts,
        matching_pool: matching,
        skill_holders: {
          most_popular: holders[0],
          tenth: holders[9],
          median: holders[Math.floor(holders.length / 2)],
          least_popular: holders[holders.length - 1],
        },
        triggers_disabled_during_load: disabled.map((r) => `${r.table}.${r.trigger}`).filter(
          (name) => !kept.some((k) => name.endsWith(`.${k}`)),
        ),
        ledger_triggers_during_load: ledgerTriggers ? "on" : "off (invariants checked after the load)",
        ledger_check: { ...ledger, ok: ledgerOk },
      };
    } finally {
      db.release();
    }
  } finally {
    await sql.end();
  }
}
