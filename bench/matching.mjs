// The matching benchmark: the top-10 query (public.match_candidates) over random 5-skill missions,
// run as PostgREST runs it (a transaction with role authenticated and the initiator's claims, so
// grants, RLS and the RPC's own checks apply), against a naive baseline that loads the candidates
// into Node and scores them there (the blueprint's MatchingService.findMatches).
//
// runMatchingBench(url, options) works on any database holding the benchmark missions
// (bench-mission-1..2N: the first N with skills drawn uniformly, the rest from the 10 most popular);
// npm run bench (bench/run.mjs) calls it on the full marketplace data set.
//
// Run on its own, `node bench/matching.mjs` builds a smaller database with only what matching reads
// (bench/lib/matching-data.mjs: 100k contributors over 200 skills, their history, 400 missions;
// BENCH_MATCHING_DB_NAME, default people_bench_matching), runs the benchmark and writes
// bench/matching-report.json and bench/matching-report.md, then drops the database
// (KEEP_BENCH_DB=1 keeps it; BENCH_SKIP_LOAD=1 reuses a kept one). Knobs: BENCH_CONTRIBUTORS,
// BENCH_QUERIES (200 per scenario), BENCH_NAIVE_QUERIES (30 per scenario), BENCH_REPEATS (3: also
// report each mission's best of that many runs).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { benchDatabaseUrl, buildDatabase, claimsFor, connect, dropDatabase, log, rng, shuffle, summary, timed } from "./lib/db.mjs";
import { loadMatchingData, MATCHING_DEFAULTS } from "./lib/matching-data.mjs";

// ------------------------------------------------------------------------------------------------
// The naive baseline: the formula of supabase/migrations/20261126000700_matching.sql, in Node.
// ------------------------------------------------------------------------------------------------
const WEIGHT = { required: 3, preferred: 2, nice_to_have: 1 };
const PROFICIENCY = { beginner: 2500, intermediate: 5000, advanced: 7500, expert: 10000 };
const EXPECTED_YEARS = { easy: 1, medium: 3, hard: 5, expert: 8 };
const roundHalfUp = (x) => Math.floor(x + 0.5 + 1e-9);

function naiveScore(c, mission, hoursPerAssignment) {
  const totalWeight = mission.skills.reduce((a, s) => a + WEIGHT[s.importance], 0);
  let weighted = 0;
  for (const s of mission.skills) {
    const mine = c.skills.find((x) => x.skill_id === s.skill_id);
    if (mine) weighted += WEIGHT[s.importance] * ((PROFICIENCY[mine.proficiency_level] * (mine.verified ? 10 : 8)) / 10);
  }
  const skill = Math.floor((8 * weighted + 10 * totalWeight) / (20 * totalWeight));
  const trust = 25 * Math.min(Math.max(c.trust_score, 0), 100);
  const free = c.availability_hours_per_week - hoursPerAssignment * c.active_assignments;
  const availability = Math.floor((75 * Math.min(Math.max(free, 0), 40) + 1) / 2);
  const experience = roundHalfUp(
    700 * Math.min(1, c.years_experience / EXPECTED_YEARS[mission.complexity]) +
      300 * Math.min(1, c.total_missions_completed / 5),
  );
  const sameType = Math.min(c.completed_by_type[mission.type] ?? 0, 3);
  const history =
    roundHalfUp((400 * sameType) / 3) +
    roundHalfUp(3 * Number(c.completion_rate) + 60 * Number(c.average_rating));
  return { contributor_id: c.id, skill, total: skill + trust + availability + experience + history, free };
}

/** Loads every available contributor holding one of the mission's skills, with their skills, and scores them in Node. */
async function naiveTopTen(sql, mission, hoursPerAssignment) {
  const candidates = await sql`
    select c.id, c.trust_score, c.years_experience, c.total_missions_completed, c.completion_rate, c.average_rating,
           d.availability_hours_per_week,
           (select count(*) from public.mission_assignments a
            where a.contributor_id = c.id and a.status in ('active', 'stepped_up'))::int as active_assignments,
           coalesce((select json_object_agg(t.type, t.n) from (
              select m.type, count(*)::int as n from public.mission_assignments a join public.missions m on m.id = a.mission_id
              where a.contributor_id = c.id and a.status = 'completed' group by m.type) t), '{}') as completed_by_type,
           (select json_agg(json_build_object('skill_id', cs.skill_id, 'proficiency_level', cs.proficiency_level, 'verified', cs.verified))
            from public.contributor_skills cs where cs.contributor_id = c.id) as skills
    from public.contributor_profiles c
    join public.profiles p on p.id = c.user_id
    join public.contributor_private_details d on d.contributor_id = c.id
    where c.verification_status = 'verified' and c.is_looking_for_work and p.account_status = 'active'
      and exists (select from public.contributor_skills cs where cs.contributor_id = c.id and cs.skill_id = any (${mission.skillIds}::uuid[]))
      and not exists (select from public.mission_assignments a where a.mission_id = ${mission.id} and a.contributor_id = c.id)
      and not exists (select from public.mission_applications ap
                      where ap.mission_id = ${mission.id} and ap.contributor_id = c.id and ap.status = 'rejected')`;
  const scored = candidates
    .map((c) => naiveScore(c, mission, hoursPerAssignment))
    .filter((s) => s.free >= hoursPerAssignment);
  scored.sort((a, b) => b.total - a.total || b.skill - a.skill || (a.contributor_id < b.contributor_id ? -1 : 1));
  return { top: scored.slice(0, 10), candidates: candidates.length };
}

// ------------------------------------------------------------------------------------------------
// The benchmark
// ------------------------------------------------------------------------------------------------
export async function runMatchingBench(url, options = {}) {
  // repeats > 1 also runs each mission's query that many times in a row and reports the best of them
  // (query_best_ms): the latency without interference from other work on the server.
  const { queries = 200, naiveQueries = 30, warmup = 20, seed = 7, repeats = 1 } = options;
  const admin = connect(url); // the platform (superuser): fixtures and the naive baseline's reads
  const api = connect(url); // one connection, like one PostgREST worker
  try {
    const missions = await admin`
      select m.id, m.type::text, m.complexity::text, i.user_id as initiator_user_id,
             case when m.slug ~ '^bench-mission-' and split_part(m.slug, '-', 3)::int <= (select count(*) / 2 from public.missions where slug like 'bench-mission-%')
                  then 'uniform' else 'popular' end as scenario,
             (select json_agg(json_build_object('skill_id', rs.skill_id, 'importance', rs.importance)) from public.mission_required_skills rs where rs.mission_id = m.id) as skills
      from public.missions m join public.initiator_profiles i on i.id = m.initiator_id
      where m.slug like 'bench-mission-%'`;
    for (const m of missions) m.skillIds = m.skills.map((s) => s.skill_id);
    const [{ hours }] = await admin`select private.setting_int('matching_hours_per_assignment') as hours`;
    const random = rng(seed);

    const topTen = async (mission) => {
      const claims = claimsFor(mission.initiator_user_id);
      let rows;
      let queryMs;
      const [, requestMs] = await timed(() =>
        api.begin(async (tx) => {
          await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${claims}, true)`;
          await tx`select public.check_request()`; // PostgREST's pre-request hook
          [rows, queryMs] = await timed(() => tx`select * from public.match_candidates(${mission.id}::uuid, 10)`);
        }),
      );
      return { rows, queryMs, requestMs };
    };

    // Warm up the connection's plan caches (PostgREST workers are long-lived).
    for (const m of shuffle(missions, random).slice(0, warmup)) await topTen(m);

    const scenarios = {};
    for (const scenario of ["uniform", "popular"]) {
      const pool = shuffle(
        missions.filter((m) => m.scenario === scenario),
        random,
      ).slice(0, queries);
      const query = [];
      const request = [];
      const best = [];
      const rankOnly = [];
      const results = new Map();
      for (const m of pool) {
        const r = await topTen(m);
        query.push(r.queryMs);
        request.push(r.requestMs);
        results.set(m.id, r.rows);
        // The ranking alone (private.rank_candidates as its owner: no access check, no per-candidate
        // breakdown): how the RPC's time divides between ranking and the rest.
        rankOnly.push((await timed(() => admin`select * from private.rank_candidates(${m.id}::uuid, 10)`))[1]);
        let fastest = r.queryMs;
        for (let i = 1; i < repeats; i++) fastest = Math.min(fastest, (await topTen(m)).queryMs);
        best.push(fastest);
      }
      // The naive baseline, on a sample (it takes a good fraction of a second per mission), checked
      // against the SQL results: the same ten people with the same totals, in the same order.
      const naive = [];
      const naiveCandidates = [];
      let agree = 0;
      const disagreements = [];
      for (const m of pool.slice(0, naiveQueries)) {
        const [n, ms] = await timed(() => naiveTopTen(admin, m, hours));
        naive.push(ms);
        naiveCandidates.push(n.candidates);
        // Initiators do not see `total` (it derives from contributors' private weekly hours): the
        // initiator's ranking is compared by who and in what order, the totals through the ranking
        // function itself (as the owner).
        const sqlRows = results.get(m.id);
        const ranked = await admin`select contributor_id, total_cp from private.rank_candidates(${m.id}::uuid, 10) order by candidate_rank`;
        const same =
          sqlRows.length === n.top.length &&
          ranked.length === n.top.length &&
          sqlRows.every((r, i) => r.contributor_id === n.top[i].contributor_id && ranked[i].contributor_id === r.contributor_id) &&
          ranked.every((r, i) => Number(r.total_cp) === n.top[i].total);
        if (same) agree += 1;
        else disagreements.push(m.id);
      }
      const q = summary(query);
      const nv = summary(naive);
      scenarios[scenario] = {
        missions: pool.length,
        query_ms: q,
        request_ms: summary(request),
        rank_only_ms: summary(rankOnly),
        ...(repeats > 1 ? { query_best_ms: { repeats, ...summary(best) } } : {}),
        naive_ms: nv,
        naive_candidates_mean: Math.round(naiveCandidates.reduce((a, b) => a + b, 0) / (naiveCandidates.length || 1)),
        speedup_p50: Math.round((nv.p50 / q.p50) * 10) / 10,
        speedup_p95: Math.round((nv.p95 / q.p95) * 10) / 10,
        naive_agrees: `${agree}/${naive.length}`,
        disagreements,
      };
      const b = repeats > 1 ? summary(best) : null;
      log(
        `  ${scenario}: top-10 p50 ${q.p50} ms, p95 ${q.p95} ms${b ? ` (best of ${repeats}: p50 ${b.p50} ms, p95 ${b.p95} ms)` : ""}; ` +
          `naive p50 ${nv.p50} ms, p95 ${nv.p95} ms ` +
          `(${scenarios[scenario].speedup_p50}x / ${scenarios[scenario].speedup_p95}x); naive agrees on ${agree}/${naive.length}`,
      );
    }
    return scenarios;
  } finally {
    await api.end();
    await admin.end();
  }
}

// ------------------------------------------------------------------------------------------------
// On its own: node bench/matching.mjs
// ------------------------------------------------------------------------------------------------
export const MATCHING_TARGETS = { uniform_p95_ms: 8, popular_p95_ms: 14, min_speedup: 60 };

async function main() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const env = (name, fallback) => (process.env[name] ? Number(process.env[name]) : fallback);
  const params = { ...MATCHING_DEFAULTS, contributors: env("BENCH_CONTRIBUTORS", MATCHING_DEFAULTS.contributors) };
  const url = await benchDatabaseUrl();
  const u = new URL(url);
  u.pathname = `/${process.env.BENCH_MATCHING_DB_NAME ?? "people_bench_matching"}`;
  const dbUrl = u.toString();
  const shown = new URL(dbUrl);
  shown.password = "***";
  let load = null;
  let buildSeconds = null;
  try {
    if (!process.env.BENCH_SKIP_LOAD) {
      log(`building ${shown} (bootstrap + migrations)`);
      const [, ms] = await timed(async () => buildDatabase(dbUrl));
      buildSeconds = Math.round(ms) / 1000;
      log(`loading ${params.contributors.toLocaleString("en")} contributors over ${params.skills} skills`);
      load = await loadMatchingData(dbUrl, params);
      log(`loaded in ${load.seconds} s`);
    }
    log("matching: top-10 queries as the missions' initiators");
    const loadBefore = os.loadavg()[0];
    const matching = await runMatchingBench(dbUrl, {
      queries: env("BENCH_QUERIES", 200),
      naiveQueries: env("BENCH_NAIVE_QUERIES", 30),
      repeats: env("BENCH_REPEATS", 3),
    });
    const verdict = {
      uniform_p95: matching.uniform.query_ms.p95 <= MATCHING_TARGETS.uniform_p95_ms,
      popular_p95: matching.popular.query_ms.p95 <= MATCHING_TARGETS.popular_p95_ms,
      speedup: Math.min(matching.uniform.speedup_p50, matching.popular.speedup_p50) >= MATCHING_TARGETS.min_speedup,
      naive_agrees: [matching.uniform, matching.popular].every((s) => s.disagreements.length === 0),
    };
    const report = {
      generated_at: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model,
        memory_gb: Math.round(os.totalmem() / 2 ** 30),
        // The 1-minute load average before and after the queries: other work on the server skews latencies.
        load_average: [Math.round(loadBefore * 100) / 100, Math.round(os.loadavg()[0] * 100) / 100],
      },
      database: shown.toString(),
      parameters: params,
      build_seconds: buildSeconds,
      load,
      matching,
      targets: MATCHING_TARGETS,
      verdict,
    };
    fs.writeFileSync(path.join(here, "matching-report.json"), `${JSON.stringify(report, null, 2)}\n`);
    fs.writeFileSync(path.join(here, "matching-report.md"), markdown(report));
    log("wrote bench/matching-report.json and bench/matching-report.md");
    if (!Object.values(verdict).every(Boolean)) {
      log(`targets missed: ${Object.entries(verdict).filter(([, ok]) => !ok).map(([k]) => k).join(", ")}`);
      process.exitCode = 1;
    }
  } finally {
    if (!process.env.KEEP_BENCH_DB) {
      dropDatabase(dbUrl);
      log("dropped the matching benchmark database (KEEP_BENCH_DB=1 keeps it)");
    }
  }
}

function markdown(r) {
  const m = r.matching;
  const row = (name, s) =>
    `| ${name} | ${s.missions} | ${s.query_ms.p50} | ${s.query_ms.p95} | ${s.request_ms.p50} | ${s.request_ms.p95} | ` +
    `${s.naive_ms.p50} | ${s.naive_ms.p95} | ${s.speedup_p50}x | ${s.speedup_p95}x | ${s.naive_agrees} |`;
  const lines = [
    "# Matching benchmark",
    "",
    `${r.generated_at} on ${r.machine.cpus} CPUs (${r.machine.cpu}), ${r.machine.memory_gb} GB; load average ` +
      `${r.machine.load_average[0]} before the queries, ${r.machine.load_average[1]} after (other work on the same server skews latencies).`,
    "",
    "## Data",
    "",
  ];
  if (r.load) {
    const c = r.load.counts;
    lines.push(
      `${c.contributors.toLocaleString("en")} contributors, ${c.skills} skills, ${c.contributor_skills.toLocaleString("en")} contributor skills ` +
        `(${c.skills_per_contributor} each), ${c.eligible_contributors.toLocaleString("en")} eligible for matching ` +
        `(${c.pool_skill_rows.toLocaleString("en")} pool rows), ${c.assignments.toLocaleString("en")} assignments, ` +
        `${c.reviews.toLocaleString("en")} reviews, ${c.missions.toLocaleString("en")} missions (bench/lib/matching-data.mjs).`,
      "",
      `Skill popularity (shifted Zipf, weight 1 / (rank + 4)): the most popular skill is held by ` +
        `${r.load.skill_holders.most_popular.toLocaleString("en")} contributors, the 10th by ${r.load.skill_holders.tenth.toLocaleString("en")}, ` +
        `the median by ${r.load.skill_holders.median.toLocaleString("en")}, the least by ${r.load.skill_holders.least_popular.toLocaleString("en")}.`,
      "",
      `Database build (bootstrap + migrations): ${r.build_seconds} s. Load (set-based SQL): **${r.load.seconds} s**:`,
      "",
      "| phase | seconds |",
      "|---|---|",
      ...r.load.phases.map((p) => `| ${p.label} | ${p.seconds} |`),
      "",
    );
  } else {
    lines.push("(existing database reused: BENCH_SKIP_LOAD)", "");
  }
  lines.push(
    "## Top-10 query",
    "",
    "`select * from public.match_candidates(mission_id, 10)` in a transaction with `role authenticated` and the",
    "mission initiator's `request.jwt.claims`, as PostgREST runs it; *query* is that statement, *request* the whole",
    "transaction (begin, claims, query, commit). Missions have 5 skills (3 required, 1 preferred, 1 nice to have):",
    "*uniform* draws them uniformly from all skills, *popular* from the 10 most popular. The naive baseline loads every",
    "available contributor with one of the mission's skills (and all their skills) into Node and scores them there,",
    "as the blueprint's MatchingService does; its top 10 is checked against the SQL result.",
    "",
    "| scenario | missions | query p50 ms | query p95 ms | request p50 ms | request p95 ms | naive p50 ms | naive p95 ms | speed-up p50 | speed-up p95 | naive agrees |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    row("uniform", m.uniform),
    row("popular", m.popular),
    "",
    ...(m.uniform.query_best_ms
      ? [
          `Best of ${m.uniform.query_best_ms.repeats} runs of each mission's query (the latency without interference from other work on ` +
            `the server): uniform p50 ${m.uniform.query_best_ms.p50} ms, p95 ${m.uniform.query_best_ms.p95} ms; popular p50 ` +
            `${m.popular.query_best_ms.p50} ms, p95 ${m.popular.query_best_ms.p95} ms. The verdict below uses the single runs.`,
          "",
        ]
      : []),
    `Targets: p95 <= ${r.targets.uniform_p95_ms} ms (uniform), <= ${r.targets.popular_p95_ms} ms (popular), at least ` +
      `${r.targets.min_speedup}x faster than naive. Verdict: ${Object.entries(r.verdict).map(([k, v]) => `${k} ${v ? "ok" : "MISSED"}`).join(", ")}.`,
    "",
  );
  return `${lines.join("\n")}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
