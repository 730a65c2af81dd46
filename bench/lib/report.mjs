// Targets, the verdict, and the two report files (report.json, report.md). Both are written without
// wall-clock dates so that two runs at the same scale differ only in their timings.

export const TARGETS = {
  read_overhead_ratio_max: 1.1, // rls_p50 / owner_p50 of every hot read, with and without the client's filter
  matching_uniform_p95_ms: 8,
  matching_popular_p95_ms: 14,
  matching_min_speedup: 60,
  mixed_ratio_min: 0.88, // rls_rps / owner_rps
  seq_scans_max: 0,
  default_runtime_max_seconds: 15 * 60,
};

export function verdict(report) {
  const checks = [];
  const add = (name, target, value, ok, note = "") => checks.push({ name, target, value, ok, ...(note ? { note } : {}) });
  for (const r of report.reads) {
    add(`read ${r.name}: overhead_ratio`, `<= ${TARGETS.read_overhead_ratio_max}`, r.overhead_ratio, r.overhead_ratio !== null && r.overhead_ratio <= TARGETS.read_overhead_ratio_max);
  }
  for (const r of report.reads) {
    const [same, runs] = r.same_result.split("/").map(Number);
    add(`read ${r.name}: RLS and owner return the same rows`, `${runs}/${runs}`, r.same_result, same === runs && runs > 0);
  }
  for (const w of report.writes) add(`write ${w.name}: every call succeeds`, "0 errors", w.errors, w.errors === 0 && w.calls > 0);
  const m = report.matching;
  add("matching: top-10 p95, uniform skills", `<= ${TARGETS.matching_uniform_p95_ms} ms`, m.p95_ms, m.p95_ms <= TARGETS.matching_uniform_p95_ms);
  add("matching: top-10 p95, popular skills", `<= ${TARGETS.matching_popular_p95_ms} ms`, m.popular_p95_ms, m.popular_p95_ms <= TARGETS.matching_popular_p95_ms);
  add("matching: speed-up over the naive baseline", `>= ${TARGETS.matching_min_speedup}x`, m.speedup, m.speedup >= TARGETS.matching_min_speedup);
  add("matching: the naive baseline agrees", "all", m.naive_agrees, m.naive_agrees_ok);
  add("mixed: RLS / owner requests per second", `>= ${TARGETS.mixed_ratio_min}`, report.mixed.ratio, report.mixed.ratio >= TARGETS.mixed_ratio_min);
  add("mixed: no failed requests", "0", report.mixed.rls.errors + report.mixed.owner.errors, report.mixed.rls.errors + report.mixed.owner.errors === 0);
  add("plans: sequential scans of tables over 10k rows", "none", report.seq_scans.length, report.seq_scans.length <= TARGETS.seq_scans_max);
  add("ledger invariants after the load", "0 violations", report.load ? (report.load.ledger_check.ok ? 0 : "violated") : "n/a", !report.load || report.load.ledger_check.ok);
  if (report.load_test) {
    const t = report.load_test.target;
    add(
      `load: ${report.load_test.users} users, one request per 10 s each (${t.rps} req/s) through PgBouncer`,
      `p95 <= ${t.p95_ms_max} ms, 0 errors`,
      t.at_target ? `p95 ${t.at_target.p95_ms} ms, ${t.at_target.errors} errors, ${t.at_target.achieved_rps} req/s` : "not measured",
      t.met,
    );
  }
  if (report.scale.name === "default") {
    add("default run within 15 minutes", `<= ${TARGETS.default_runtime_max_seconds} s`, report.runtime_seconds, report.runtime_seconds <= TARGETS.default_runtime_max_seconds);
  }
  return { ok: checks.every((c) => c.ok), missed: checks.filter((c) => !c.ok).map((c) => c.name), checks };
}

const fmt = (x) => (typeof x === "number" ? x.toLocaleString("en") : String(x));
const esc = (s) => String(s).replaceAll("|", "\\|");

export function markdown(r) {
  const L = [];
  const c = r.load?.counts;
  L.push(
    "# Benchmarks at marketplace scale",
    "",
    `\`npm run bench${r.scale.name === "default" ? "" : ` -- --scale ${r.scale.name}`}\`: scale **${r.scale.name}** (factor ${r.scale.factor}), ` +
      `${r.machine.cpus} CPUs (${r.machine.cpu}), ${r.machine.memory_gb} GB, PostgreSQL ${r.machine.postgres}. ` +
      `Whole run: ${r.runtime_seconds} s.`,
    "",
    "## Verdict",
    "",
    r.verdict.ok ? "Every target is met." : `**Targets missed:** ${r.verdict.missed.join("; ")}.`,
    "",
    "| check | target | value | |",
    "|---|---|---|---|",
    ...r.verdict.checks.map((x) => `| ${esc(x.name)} | ${esc(x.target)} | ${esc(fmt(x.value))} | ${x.ok ? "ok" : "**MISSED**"} |`),
    "",
  );
  if (r.findings?.length) {
    L.push("## Why the misses, and what would fix them", "");
    for (const f of r.findings) {
      L.push(`### ${f.title}`, "", f.text, "");
      if (f.plan) L.push("```", ...f.plan, "```", "");
    }
  }
  L.push("## Data", "");
  if (c) {
    const st = Object.entries(c.missions_by_status).map(([k, v]) => `${k} ${fmt(v)}`).join(", ");
    const lt = Object.entries(c.ledger_by_type).map(([k, v]) => `${k} ${fmt(v)}`).join(", ");
    L.push(
      `${fmt(c.users)} users: ${fmt(c.initiators)} initiators, ${fmt(c.contributors)} contributors (${fmt(c.verified_contributors)} verified) ` +
        `with ${fmt(c.contributor_skills)} skills over ${fmt(c.skills)}, and 3 admins. ${fmt(c.missions)} missions (${st}) with ${fmt(c.milestones)} milestones ` +
        `and ${fmt(c.mission_required_skills)} required skills; ${fmt(c.assignments)} team places, ${fmt(c.applications)} applications, ` +
        `${fmt(c.work_submissions)} deliverables, ${fmt(c.reviews)} reviews; ${fmt(c.conversations)} conversations (${fmt(c.conversation_participants)} participants) ` +
        `with ${fmt(c.messages)} messages; ${fmt(c.notifications)} notifications (${fmt(c.unread_notifications)} unread); ` +
        `the ledger of ${fmt(c.funded_missions)} funded missions: ${fmt(c.ledger_entries)} entries (${lt}). Matching pool: ` +
        `${fmt(c.eligible_contributors)} eligible contributors, ${fmt(c.pool_skill_rows)} skill rows.`,
      "",
      `Built by \`bench/lib/seed.mjs\`: set-based \`INSERT ... SELECT\` over \`generate_series\`, as the superuser, straight into the tables, every ` +
        `choice a hash of the row number (the same scale builds the same rows). Database build (bootstrap + migrations): ${r.build_seconds} s. ` +
        `**Load: ${r.load.seconds} s**:`,
      "",
      "| phase | seconds |",
      "|---|---|",
      ...r.load.phases.map((p) => `| ${p.label} | ${p.seconds} |`),
      "",
      `During the load the user triggers of the loaded tables were disabled (\`ALTER TABLE ... DISABLE TRIGGER USER\`, re-enabled right after; ` +
        `foreign keys, being internal triggers, and CHECK constraints stayed enforced): ${r.load.triggers_disabled_during_load.length} triggers, ` +
        `among them the signup trigger \`auth.users.on_auth_user_created\` (profiles and role profiles are inserted set-based instead), the ` +
        `welcome-email, notification-broadcast, message, team-chat, match-score, audit, statistics and matching triggers, and the escrow ` +
        `ledger's guard, balance and payout triggers (ledger triggers: ${r.load.ledger_triggers_during_load}); the full list is in ` +
        `report.json (load.triggers_disabled_during_load). No rows go into private.domain_events, so its dispatch triggers have nothing ` +
        `to fire for. What those triggers maintain was then done set-based: ` +
        `contributor and initiator statistics, earnings and spend, team chats, and the matching pool (\`private.rebuild_matching()\`). ` +
        `No domain events, notifications-on-insert, realtime messages, emails or audit entries exist for the loaded rows.`,
      "",
      "The ledger invariants, checked over the whole ledger by one query after the load (`LEDGER_CHECK` in `bench/lib/load.mjs`):",
      "",
      "| invariant (count of violations) | value |",
      "|---|---|",
      ...Object.entries(r.load.ledger_check).filter(([k]) => k !== "ok").map(([k, v]) => `| ${k.replaceAll("_", " ")} | ${fmt(v)} |`),
      "",
    );
  } else {
    L.push("(existing database reused: --skip-load)", "");
  }
  L.push(
    "## Hot reads: RLS against the owner",
    "",
    `Each read is the SQL PostgREST generates for the frontend call (embeds as lateral joins, the JSON body wrapper, filter values as ` +
      `bind parameters, prepared statements), run in a read-only transaction whose first statement is \`select set_config('role', ` +
      `'authenticated', true), set_config('request.jwt.claims', $1, true)\` and whose second is PostgREST's pre-request hook \`select public.check_request()\` ` +
      `(which remembers the caller's facts for the policies' helpers: private.remember_caller) (connected as \`${r.reads_login}\`), as a random user among ` +
      `${fmt(r.context.users)} (${fmt(r.context.initiators)} initiators, ${fmt(r.context.contributors)} contributors). The same query runs as the ` +
      `table owner (postgres: RLS bypassed) with the explicit filter that returns the same rows, in an otherwise identical transaction, ` +
      `hook included, on its own connection; runs alternate between the two. Times are the query statement's (the whole request's, hook and ` +
      `commit included, are in report.json as rls_request_p50_ms / owner_request_p50_ms); **overhead_ratio = rls_p50 / owner_p50** (of the unrounded medians; the table shows them rounded to 0.01 ms) ` +
      `(the median: on this shared 2-core machine the 95th percentile of sub-millisecond queries is mostly other processes' noise; the p95 ` +
      `ratio is in report.json as overhead_ratio_p95). *paired*: the median, over each two consecutive runs (one with RLS first, one ` +
      `with the owner first), of the geometric mean of their two RLS/owner ratios; the machine's drift between runs and the advantage ` +
      `of running second in a pair (the rows already in shared buffers) cancel in it, so it varies less from run to run than the ` +
      `ratio of the two medians, which stays the target. *95% interval*: of the p50 ratio, from resampling the runs (each run's two ` +
      `times together, 1,000 resamples): how far that ratio moves by chance in a run of this size; a miss whose interval reaches ` +
      `below ${r.targets.read_overhead_ratio_max} is within this run's noise of the target, one whose interval lies above it is not.`,
    "",
    "Each read whose policy implies a filter the client may or may not send (\"my\" rows) is measured twice, *with filter* and " +
      "*without filter* (the policy alone filters: what supabase-js users write); both are targets. *one call*: the filter is the " +
      "request itself (an id, a conversation, the listing), so there is no variant.",
    "",
    "| read | variant | runs | rows | RLS p50 ms | RLS p95 ms | owner p50 ms | owner p95 ms | ratio (p50) | 95% interval | ratio (p95) | ratio (paired) | same rows |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...r.reads.map(
      (x) =>
        `| ${x.name} | ${x.variant ?? ""} | ${x.runs} | ${x.rows_mean} | ${x.rls_p50_ms} | ${x.rls_p95_ms} | ${x.owner_p50_ms} | ${x.owner_p95_ms} | ` +
        `${x.overhead_ratio}${x.overhead_ratio > r.targets.read_overhead_ratio_max ? " **MISSED**" : ""} | ` +
        `${x.overhead_ratio_interval ? x.overhead_ratio_interval.join("-") : ""} | ${x.overhead_ratio_p95} | ` +
        `${x.overhead_ratio_paired ?? ""} | ${x.same_result} |`,
    ),
    "",
    "| read | frontend call | owner's explicit filter |",
    "|---|---|---|",
    ...r.reads.map((x) => `| ${x.name} | \`${esc(x.call)}\` | ${esc(x.owner_filter)} |`),
    "",
  );
  if (r.diagnostics?.length) {
    L.push(
      "Diagnostic variant (not a target):",
      "",
      "| read | RLS p50 ms | RLS p95 ms | owner p50 ms | owner p95 ms | ratio (p50) | call |",
      "|---|---|---|---|---|---|---|",
      ...r.diagnostics.map(
        (x) => `| ${x.name} | ${x.rls_p50_ms} | ${x.rls_p95_ms} | ${x.owner_p50_ms} | ${x.owner_p95_ms} | ${x.overhead_ratio} | \`${esc(x.call)}\` |`,
      ),
      "",
    );
  }
  L.push(
    "## Write RPCs",
    "",
    "Each call as its real user (role + claims and the pre-request hook, as PostgREST), in its own read-write transaction, on a fresh target valid for it, and " +
      "**committed** (the domain events, notifications, realtime messages and jobs they raise are part of the cost). *p50/p95*: the RPC " +
      "statement; *request*: the whole transaction including the commit.",
    "",
    "| RPC | calls | errors | p50 ms | p95 ms | request p50 ms | request p95 ms | target |",
    "|---|---|---|---|---|---|---|---|",
    ...r.writes.map(
      (w) => `| ${w.name} | ${w.calls} | ${w.errors} | ${w.p50_ms} | ${w.p95_ms} | ${w.request_p50_ms} | ${w.request_p95_ms} | ${esc(w.target)} |`,
    ),
    "",
    "## Matching (top 10 at 100k contributors)",
    "",
    "`runMatchingBench` (bench/matching.mjs), unchanged: `public.match_candidates(mission, 10)` as the mission's initiator, against the naive " +
      "Node baseline.",
    "",
    "| scenario | missions | p50 ms | p95 ms | naive p50 ms | naive p95 ms | speed-up (p50) | naive agrees |",
    "|---|---|---|---|---|---|---|---|",
    ...["uniform", "popular"].map((s) => {
      const x = r.matching.detail[s];
      return `| ${s} | ${x.missions} | ${x.query_ms.p50} | ${x.query_ms.p95} | ${x.naive_ms.p50} | ${x.naive_ms.p95} | ${x.speedup_p50}x | ${x.naive_agrees} |`;
    }),
    "",
    `Summary: p50 ${r.matching.p50_ms} ms, p95 ${r.matching.p95_ms} ms (uniform), popular p95 ${r.matching.popular_p95_ms} ms, naive p95 ` +
      `${r.matching.naive_p95_ms} ms, speed-up ${r.matching.speedup}x (the smaller of the two scenarios' p50 speed-ups).`,
    "",
    "## Mixed workload",
    "",
    `${r.mixed.concurrency} concurrent connections for ${r.mixed.seconds_per_mode} s per mode, each request as one of ${fmt(r.mixed.users)} users ` +
      `chosen at random, PostgREST style (one transaction: role + claims, the pre-request hook, then the query or RPC). Mix (weights): ` +
      `${Object.entries(r.mixed.mix).map(([k, v]) => `${k} ${v}`).join(", ")}. The RLS run and the owner run (RLS bypassed, explicit filters, the ` +
      `same RPCs) alternate in ${r.mixed.segments_per_mode} segments each (ABBA order) after a warm-up, so that other load on the machine ` +
      `falls on both alike. Writes are committed.`,
    "",
    "| mode | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
    "|---|---|---|---|---|---|---|",
    ...["rls", "owner"].map((k) => {
      const x = r.mixed[k];
      return `| ${k} | ${fmt(x.requests)} | ${x.rps} | ${x.p50_ms} | ${x.p95_ms} | ${x.p99_ms} | ${x.errors} |`;
    }),
    "",
    `**ratio = RLS / owner requests per second = ${r.mixed.ratio}**; p95 with RLS ${r.mixed.p95_ms} ms.`,
    "",
    "| request | RLS requests | RLS p50 ms | RLS p95 ms | share of RLS time | owner requests | owner p50 ms | owner p95 ms |",
    "|---|---|---|---|---|---|---|---|",
    ...Object.keys({ ...r.mixed.rls.by_kind, ...r.mixed.owner.by_kind })
      .sort()
      .map((k) => {
        const a = r.mixed.rls.by_kind[k] ?? {};
        const b = r.mixed.owner.by_kind[k] ?? {};
        return `| ${k} | ${fmt(a.requests ?? 0)} | ${a.p50_ms ?? ""} | ${a.p95_ms ?? ""} | ${a.share_of_time ?? ""}% | ${fmt(b.requests ?? 0)} | ${b.p50_ms ?? ""} | ${b.p95_ms ?? ""} |`;
      }),
    "",
  );
  // The load test through PgBouncer: its own run (npm run bench -- --users 10000), summarized here
  // when its report sits beside this one.
  const lt = r.load_test;
  L.push(`## ${lt ? fmt(lt.users) : "10,000"} users through PgBouncer (transaction mode)`, "");
  if (!lt) {
    L.push(
      "Not part of this run: `npm run bench -- --users 10000` (bench/loadtest.mjs) runs it and writes load-report.json and " +
        "load-report.md beside this report; the next `npm run bench` summarizes them here.",
      "",
    );
  } else {
    L.push(
      `From load-report.md (scale ${lt.scale.name}, ${fmt(lt.users)} users, PgBouncer ${lt.pgbouncer.version}, compute ${lt.compute.name}: pool ` +
        `${lt.compute.pool_size}): **${lt.verdict}.**`,
      "",
      ...(lt.solo
        ? [
            `Each request type measured alone takes ${lt.solo.mix_postgres_cpu_ms} ms of PostgreSQL CPU weighted by the mix (the target ` +
              `leaves ${Math.round(((lt.machine.cpus * 1000) / lt.target.rps) * 1000) / 1000} ms of CPU per request for everything on ${lt.machine.cpus} cores); ` +
              "load-report.md has each type's cost and share and the CPU per request by process at every step.",
            "",
          ]
        : []),
      "| offered req/s | achieved req/s | p50 ms | p95 ms | p99 ms | errors | pooler wait avg ms |",
      "|---|---|---|---|---|---|---|",
      ...lt.steps.map((x) => `| ${fmt(x.offered_rps)} | ${fmt(x.achieved_rps)} | ${x.p50_ms} | ${x.p95_ms} | ${x.p99_ms} | ${x.errors} | ${x.pooler.avg_wait_ms ?? ""} |`),
      "",
      "| compute | pool size | capacity req/s | users (1 request / 10 s) |",
      "|---|---|---|---|",
      ...lt.capacity.map((x) => `| ${x.compute}${x.shared ? " (upper bound)" : ""} | ${x.pool_size} | ${fmt(x.rps)} | ${fmt(x.users)} |`),
      "",
      "Per request type, the pooler's wait and the arithmetic of the capacity table: load-report.md.",
      "",
    );
  }
  if (r.what_if) {
    const w = r.what_if;
    L.push(
      "## What if: the proposed fixes, measured",
      "",
      "After the measurements above, the fixes proposed under *Why the misses* were applied to the benchmark database only (the " +
        "migrations are unchanged), and the reads and a shorter mixed workload measured again. Not part of the verdict.",
      "",
      ...w.fixes.map((f) => `- **${f.name}**: ${f.why}`),
      "",
      "| read | RLS p50 ms (as is) | RLS p50 ms (fixed) | RLS p95 ms (fixed) | owner p50 ms | ratio p50 (fixed) | same rows |",
      "|---|---|---|---|---|---|---|",
      ...w.reads.map((x) => {
        const base = [...r.reads, ...(r.diagnostics ?? [])].find((b) => b.name === x.name);
        return `| ${x.name} | ${base?.rls_p50_ms ?? ""} | ${x.rls_p50_ms} | ${x.rls_p95_ms} | ${x.owner_p50_ms} | ${x.overhead_ratio} | ${x.same_result} |`;
      }),
      "",
      `Policy helper cost per call (µs), as is: ${Object.entries(r.helper_cost ?? {}).map(([k, v]) => `${k} ${v}`).join(", ")}; ` +
        `after the what-if fixes: ${Object.entries(w.helper_cost).map(([k, v]) => `${k} ${v}`).join(", ")}.`,
      "",
      `Mixed workload (${w.mixed.seconds_per_mode} s per mode): RLS ${w.mixed.rls_rps} req/s (p95 ${w.mixed.p95_ms} ms), owner ` +
        `${w.mixed.owner_rps} req/s (p95 ${w.mixed.owner_p95_ms} ms), **ratio ${w.mixed.ratio}**.` +
        (w.mixed.ratio > 1
          ? " (Above 1: as the owner some queries get parallel plans, e.g. an initiator's listing, which RLS queries cannot have because " +
            "the policy helpers are parallel unsafe; on a saturated 2-core machine starting the workers costs more than it saves.)"
          : ""),
      "",
      "<details><summary>the SQL applied</summary>",
      "",
      "```sql",
      ...w.fixes.map((f) => `-- ${f.name}\n${f.sql}`),
      "```",
      "",
      "</details>",
      "",
    );
  }
  L.push(
    "## Plans",
    "",
    "Every hot read EXPLAIN ANALYZEd as the role with claims (3 users each), then replayed 8 times with prepared statements (past the " +
      "switch to generic plans) and every write RPC 6 times (rolled back) under `auto_explain` (nested statements: the RPCs' statements, " +
      "their triggers, the policies' helper functions), all plans checked for sequential scans of tables over 10k rows.",
    "",
  );
  if (r.seq_scans.length === 0) L.push("No sequential scan of a table over 10k rows.", "");
  else {
    L.push(
      "| where | table | rows | filter | statement |",
      "|---|---|---|---|---|",
      ...r.seq_scans.map(
        (s) => `| ${s.source} | ${s.table} | ${fmt(s.table_rows)} | ${esc(s.filter ?? "")} | \`${esc(s.statement).replaceAll("\n", " ").slice(0, 160)}\` |`,
      ),
      "",
    );
  }
  for (const x of r.reads) {
    const p = r.plans[x.name];
    if (!p?.plan) continue;
    L.push(`<details><summary>${x.name} (RLS plan)</summary>`, "", "```", ...p.plan, "```", "", "</details>", "");
  }
  L.push(
    "## The machine while it ran",
    "",
    r.contention.note,
    "",
    "| stage | seconds | CPU cores used by other processes (mean / max) | load average (mean / max) | other databases' active sessions (mean / max) |",
    "|---|---|---|---|---|",
    ...r.contention.stages.map(
      (s) =>
        `| ${s.stage} | ${s.seconds} | ${s.other_cpu_cores_mean ?? "n/a"} / ${s.other_cpu_cores_max ?? "n/a"} | ${s.loadavg_mean ?? "n/a"} / ` +
        `${s.loadavg_max ?? "n/a"} | ${s.other_active_mean ?? "n/a"} / ${s.other_active_max ?? "n/a"} |`,
    ),
    "",
  );
  return `${L.join("\n")}\n`;
}
