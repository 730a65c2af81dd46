// "What if": the fixes the report proposes, applied to the throwaway benchmark database only (never
// to the migrations), after the measurements of the schema as it is, then the hot reads and a shorter
// mixed workload measured again. It turns each proposed fix into a measured one; the verdict is
// always on the schema as it is.
import { claimsFor, connect, log } from "./db.mjs";

export const FIXES = [
  {
    name: "policy helpers in PL/pgSQL",
    why:
      "A non-inlined SQL function is parsed and planned again in every query that calls it; a PL/pgSQL function keeps its plans for " +
      "the session. The policies call these helpers once per query (wrapped in (select ...)), several per query with embeds.",
    sql: `
create or replace function private.is_admin() returns boolean language plpgsql stable security definer set search_path = '' as $$
begin return exists (select from public.profiles where id = auth.uid() and primary_role = 'admin' and account_status = 'active'); end $$;
create or replace function private.is_active() returns boolean language plpgsql stable security definer set search_path = '' as $$
begin return exists (select from public.profiles where id = auth.uid() and account_status = 'active'); end $$;
create or replace function private.my_contributor_id() returns uuid language plpgsql stable security definer set search_path = '' as $$
begin return (select id from public.contributor_profiles where user_id = auth.uid()); end $$;
create or replace function private.my_initiator_id() returns uuid language plpgsql stable security definer set search_path = '' as $$
begin return (select id from public.initiator_profiles where user_id = auth.uid()); end $$;
create or replace function private.my_initiated_mission_ids() returns uuid[] language plpgsql stable security definer set search_path = '' as $$
begin return (select coalesce(array_agg(m.id), '{}') from public.missions m join public.initiator_profiles i on i.id = m.initiator_id
              where i.user_id = auth.uid()); end $$;
create or replace function private.my_conversation_ids() returns uuid[] language plpgsql stable security definer set search_path = '' as $$
begin return (select coalesce(array_agg(conversation_id), '{}') from public.conversation_participants where user_id = auth.uid()); end $$;`,
  },
  {
    name: "missions.listed_status (text) + index, filtered by the listing instead of status",
    why:
      "Under RLS a filter the client sends is applied after the policy unless its operator is LEAKPROOF; enum equality (enum_eq) is not, " +
      "so status=eq.open / type=eq.x cannot be index conditions and the listing scans every mission. text equality is leakproof: a " +
      "generated text column with the listed status, indexed with published_at, lets the listing read one page in index order.",
    sql: `
alter table public.missions add column listed_status text generated always as (
  case when is_public then case status when 'open' then 'open' when 'matching' then 'matching' when 'in_progress' then 'in_progress'
                                       when 'in_review' then 'in_review' when 'completed' then 'completed' end end) stored;
create index missions_listed_status_idx on public.missions (listed_status, published_at desc, id);
analyze public.missions;`,
  },
  {
    name: "contributor_profiles search index",
    why:
      "Nothing serves 'verified contributors looking for work, best trust first': the search reads every such profile and evaluates the " +
      "skills embed for each before sorting. A partial index in trust order lets it stop after 20 matches (the partial index's predicate " +
      "is proved from the enum filters even under RLS).",
    sql: `
create index contributor_profiles_search_idx on public.contributor_profiles (trust_score desc)
  where verification_status = 'verified' and is_looking_for_work;
analyze public.contributor_profiles;`,
  },
  {
    name: "mission_applications SELECT policy without the admin arm",
    why:
      "An OR arm that is only a boolean ((select private.is_admin())) cannot be an index condition, so a read that relies on the policy " +
      "alone (no contributor_id filter) scans the table; without it the planner ORs the two indexes (BitmapOr). Admins would read " +
      "applications through the admin RPCs.",
    sql: `
alter policy "Applicants, the mission's initiator and admins see applications" on public.mission_applications
  using (contributor_id = (select private.my_contributor_id()) or mission_id = any ((select private.my_initiated_mission_ids())::uuid[]));`,
  },
];

/** The hot reads with the frontend changes the fixes need (open_missions filters listed_status). */
export function whatIfReads(reads) {
  return reads.map((r) => {
    if (r.name !== "open_missions") return r;
    return {
      ...r,
      call: r.call.replace(".eq('status', 'open')", ".eq('listed_status', 'open')"),
      rls: (u, t) => {
        const q = r.rls(u, t);
        return {
          sql: q.sql.replace(`"public"."missions"."status" = $1::public.mission_status`, `"public"."missions"."listed_status" = $1::text`),
          args: q.args,
        };
      },
    };
  });
}

export async function applyFixes(url) {
  const sql = connect(url);
  try {
    for (const f of FIXES) {
      log(`  what-if: ${f.name}`);
      await sql.unsafe(f.sql);
    }
    // The mixed workload before left dead rows and dirty pages behind: clean up first, so that
    // autovacuum and the checkpointer do not run during the measurements.
    await sql.unsafe("vacuum (analyze)");
    await sql.unsafe("checkpoint");
  } finally {
    await sql.end();
  }
  return FIXES.map((f) => ({ name: f.name, why: f.why, sql: f.sql.trim() }));
}


/**
 * What one call of a policy helper costs inside a query, in microseconds: 1,000 separate queries
 * `select (select <helper>)` as an active user (role authenticated + claims), less the same
 * queries selecting a constant; the best of 5 rounds (other processes only ever add time).
 */
export async function helperCost(url, userId, n = 1000, rounds = 5) {
  const sql = connect(url);
  try {
    const out = {};
    await sql.begin(async (tx) => {
      await tx.unsafe("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [claimsFor(userId)]);
      const time = async (expr) => {
        const t0 = process.hrtime.bigint();
        await tx.unsafe(`do $$ begin for i in 1..${n} loop execute 'select (select ${expr.replaceAll("'", "''")})'; end loop; end $$`);
        return Number(process.hrtime.bigint() - t0) / 1e3 / n;
      };
      const exprs = ["true", "auth.uid()", "private.is_active()", "private.my_contributor_id()", "private.my_conversation_ids()"];
      const best = Object.fromEntries(exprs.map((e) => [e, Infinity]));
      await time("true");
      for (let i = 0; i < rounds; i++) for (const e of exprs) best[e] = Math.min(best[e], await time(e));
      for (const e of exprs.slice(1)) out[e] = Math.round(best[e] - best.true);
    });
    return out;
  } finally {
    await sql.end();
  }
}
