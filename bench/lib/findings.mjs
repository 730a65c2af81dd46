// Why targets are missed and what would fix them, from what this run measured: each finding is
// included only when its symptom is in the report (a plan, a ratio, a sequential scan), with the
// measured numbers, the plan, and the fix (measured in the "what if" pass when it ran).

const T = (report) => report.targets.read_overhead_ratio_max;
const read = (report, name) => report.reads.find((r) => r.name === name) ?? report.diagnostics?.find((r) => r.name === name);
const whatIf = (report, name) => report.what_if?.reads.find((r) => r.name === name);
const excerpt = (lines, max = 28) => (lines ? (lines.length > max ? [...lines.slice(0, max), "..."] : lines) : null);
const prefix = (p, o) => Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [`${p} ${k}`, v]));
const hasScan = (report, source, table) =>
  [...report.seq_scans, ...(report.diagnostics ?? []).flatMap((d) => d.seq_scans ?? [])].some((s) => s.source === source && s.table === table);

export function findings(report) {
  const out = [];

  // 1. A hot read that scans a big table (the listing filtered on the status enum instead of
  // listed_status, or a lost index): say which, with the plan.
  for (const scan of report.seq_scans.filter((x) => x.source?.startsWith("read:"))) {
    const name = scan.source.slice("read:".length);
    out.push({
      title: `${name}: a sequential scan of ${scan.table}`,
      text:
        "The plan of this hot read scans a table of more than 10k rows (see Plans). Under RLS a client filter can be an index " +
        "condition only when its operator is LEAKPROOF (text, uuid, boolean and number comparisons are; enum comparisons are not): the " +
        "listing must filter listed_status, not status, and the contributor search relies on contributor_profiles_search_idx, whose " +
        "predicate the planner proves from the filters.",
      plan: excerpt(report.plans[name]?.plan),
    });
  }

  // 2. The fixed cost of the policy helpers.
  // (a read that scans has its own finding above.)
  const small = report.reads.filter(
    (r) =>
      !report.seq_scans.some((x) => x.source === `read:${r.name}`) &&
      r.overhead_ratio !== null && r.overhead_ratio > T(report),
  );
  if (small.length > 0) {
    const hc = report.helper_cost;
    const whc = report.what_if?.helper_cost;
    const after = small
      .map((r) => [r, whatIf(report, r.name)])
      .filter(([, w]) => w)
      .map(([r, w]) => `${r.name} ${r.overhead_ratio} -> ${w.overhead_ratio} (RLS p50 ${w.rls_p50_ms} ms, owner ${w.owner_p50_ms} ms)`);
    out.push({
      title: `${small.map((r) => r.name).join(", ")}: the policies' helper calls cost a fixed ${Math.round(
        Math.min(...small.map((r) => r.rls_p50_ms - r.owner_p50_ms)) * 1000,
      )}-${Math.round(Math.max(...small.map((r) => r.rls_p50_ms - r.owner_p50_ms)) * 1000)} µs per query`,
      text:
        `These reads use their indexes with RLS as without (plans under Plans), yet RLS adds ${small
          .map((r) => `${Math.round((r.rls_p50_ms - r.owner_p50_ms) * 1000)} µs (${r.name})`)
          .join(", ")} at the median to queries of a few tenths of a millisecond. What is left is the policies' fixed cost per query: ` +
        "each `(select private.<helper>())` in a policy is an InitPlan, run once per query when a row needs it, and the helpers " +
        "(private.uid(), my_contributor_id(), my_initiator_id(), my_initiated_mission_ids(), my_mission_ids(), my_conversation_ids(), is_active()) " +
        "are SECURITY DEFINER PL/pgSQL functions. A read pays for the helpers of its table " +
        "and of every embedded table (mission_detail: none for a listed mission, my_mission_ids() for the caller's own " +
        "unlisted ones; my_applications: my_contributor_id() and my_initiated_mission_ids() and, for missions no longer listed, " +
        "my_mission_ids(); my_payments: my_initiator_id() and my_contributor_id(); applications_inbox: my_contributor_id(), my_initiated_mission_ids() and is_active() for the applicants' profiles; " +
        "conversation_messages: my_conversation_ids(); unread_notifications: private.uid(); contributor_search: is_active() for the " +
        "profiles and for their skills). Listed missions, their milestones and skills, initiators' company information and skills cost " +
        "no helper at all.\n\n" +
        "The caller's facts are paid once per request: the pre-request hook, which already read the caller's profile to refuse banned " +
        "accounts, reads the status, role, contributor and initiator ids in the same statement and keeps them in transaction-local " +
        "settings for the claims of the moment (private.remember_caller); is_active(), is_admin(), my_contributor_id(), my_initiator_id() " +
        "answer from them without a query, and my_initiated_mission_ids(), my_team_mission_ids() and my_mission_ids() query only the " +
        "roles the caller has, without profile joins. A change to profiles or role profiles in the request forgets them, and other " +
        "claims never match them (pgTAP 014; the RLS and lifecycle matrices run every probe with and without the hook). What remains is " +
        "the InitPlans themselves: each helper is still a PL/pgSQL call (about 10 µs per request even with an empty body), and a policy " +
        "OR with two arms (my_payments: payer or payee) probes both indexes where the owner's filter walks one." +
        (hc ? ` Measured here, per call inside a query (\`remembered\`: after the hook): ${Object.entries(hc).map(([k, v]) => `${k} ${v} µs`).join(", ")}.` : "") +
        (whc ? ` With the what-if fixes: ${Object.entries(whc).map(([k, v]) => `${k} ${v} µs`).join(", ")}.` : "") +
        (after.length ? ` Their overhead ratios then (measured in the same pass as their owner queries): ${after.join("; ")}.` : ""),
    });
  }

  // 3. Reading "my" rows through the policy alone: a read trap is a scan in a "without filter" read
  // (its finding is under 1.); say what causes it.
  for (const r of report.reads.filter((x) => x.variant === "without filter" && report.seq_scans.some((s) => s.source === `read:${x.name}`))) {
    out.push({
      title: `Read trap: ${r.name} scans when the client leaves the filtering to the policy`,
      text:
        `\`${r.call}\`: RLS p50 ${r.rls_p50_ms} ms against ${r.owner_p50_ms} ms. A policy OR arm that is not an index condition (a bare ` +
        "boolean such as `(select private.is_admin())`) stops the planner from combining the indexes of the other arms (BitmapOr), so " +
        "the table is scanned. The policies of the \"my rows\" tables have no admin arm (admins read through public.admin_read()); " +
        "check the policy of this table for such an arm.",
    });
  }

  // 3b. "Without filter" reads that use indexes but still cost more than the owner's filtered read:
  // the plan's shape, not a scan.
  const shaped = report.reads.filter(
    (x) => x.variant === "without filter" && x.overhead_ratio > T(report) && !report.seq_scans.some((s) => s.source === `read:${x.name}`),
  );
  if (shaped.length > 0) {
    out.push({
      title: `${shaped.map((x) => x.name).join(", ")}: no scan, but a BitmapOr and a sort where the owner walks one index`,
      text:
        `${shaped.map((x) => `${x.name}: RLS p50 ${x.rls_p50_ms} ms against ${x.owner_p50_ms} ms`).join("; ")}. Without the client's filter the ` +
        "policy's arms (mine as applicant or payee OR on my missions / mine as payer) are combined by a BitmapOr of their indexes, then " +
        "sorted for the ORDER BY ... LIMIT; the owner's explicit filter walks one index in order and stops after the page. The planner " +
        "cannot know at plan time that one arm is empty for this caller (a contributor initiates no mission), so both arms and their " +
        "helpers are paid. Sending the filter (`.eq('contributor_id', ...)`) gives the one-index plan (the *with filter* rows).",
      plan: excerpt(report.plans[shaped[0].name]?.plan),
    });
  }

  // 4. The mixed workload follows.
  const mx = report.mixed;
  if (mx && mx.ratio < report.targets.mixed_ratio_min) {
    const kinds = Object.entries(mx.rls.by_kind ?? {})
      .sort((a, b) => b[1].share_of_time - a[1].share_of_time)
      .slice(0, 3)
      .map(([k, v]) => `${k} ${v.share_of_time}% of the time (p50 ${v.p50_ms} ms, owner ${mx.owner.by_kind?.[k]?.p50_ms ?? "?"} ms)`);
    const w = report.what_if?.mixed;
    out.push({
      title: `mixed workload: ${mx.rls_rps} req/s with RLS against ${mx.owner_rps} as the owner (ratio ${mx.ratio})`,
      text:
        `With ${mx.concurrency} connections the 2 cores are saturated, so the ratio of throughputs is the ratio of the CPU each request ` +
        `costs. The largest shares of the RLS run's time: ${kinds.join("; ")}.` +
        (out.some((f) => f.title.includes(": a sequential scan of "))
          ? " The slow reads above take most of the machine and every other request queues behind them"
          : " Every request pays the policies' fixed cost (above)") +
        ` (RLS p95 ${mx.p95_ms} ms, owner ${mx.owner_p95_ms} ms).` +
        (mx.rls.errors + mx.owner.errors > 0
          ? ` Failed requests: ${Object.entries({ ...prefix("RLS", mx.rls.errors_by_kind), ...prefix("owner", mx.owner.errors_by_kind) })
              .map(([k, v]) => `${k} x${v}`)
              .join(", ")} (57014 = cancelled by the statement_timeout of ${mx.statement_timeout} that PostgREST's login role carries, which the owner connections get too).`
          : "") +
        (w ? ` With the fixes applied (what-if, ${w.seconds_per_mode} s per mode): ${w.rls_rps} against ${w.owner_rps} req/s, ratio ${w.ratio}.` : ""),
    });
  }

  // 5. Matching (bench/matching.mjs and the matching SQL are another engineer's): say what the
  // machine was doing meanwhile.
  const mt = report.matching;
  const tg = report.targets;
  if (mt && report.scale.factor >= 0.5 && (mt.p95_ms > tg.matching_uniform_p95_ms || mt.popular_p95_ms > tg.matching_popular_p95_ms || mt.speedup < tg.matching_min_speedup)) {
    const st = report.contention?.stages.find((x) => x.stage === "matching");
    out.push({
      title: "matching: a target missed",
      text:
        `Uniform p50 ${mt.p50_ms} ms / p95 ${mt.p95_ms} ms, popular p95 ${mt.popular_p95_ms} ms, speed-up ${mt.speedup}x ` +
        `(targets ${tg.matching_uniform_p95_ms} ms, ${tg.matching_popular_p95_ms} ms, ${tg.matching_min_speedup}x). The benchmark runs one ` +
        "query at a time on one connection, so its tail follows whatever else wants the 2 cores" +
        (st?.other_cpu_cores_mean != null
          ? `: during this stage other processes used ${st.other_cpu_cores_mean} of the 2 cores on average (${st.other_cpu_cores_max} at the most).`
          : ".") +
        (mt.detail?.uniform?.rank_only_ms
          ? ` Of the RPC's p50 (uniform ${mt.p50_ms} ms, popular ${mt.popular_p50_ms} ms) the ranking alone (private.rank_candidates as its ` +
            `owner) takes ${mt.detail.uniform.rank_only_ms.p50} ms and ${mt.detail.popular.rank_only_ms.p50} ms (p95 ` +
            `${mt.detail.uniform.rank_only_ms.p95} and ${mt.detail.popular.rank_only_ms.p95} ms); the rest is the access check, the ` +
            "per-candidate breakdown (each candidate's skills, matched and missing) and the role switch. The ranking runs on generic " +
            "plans without JIT and reads the popular lists least-held first, each contributor once; what remains is reading the " +
            "short lists of the mission's other skills in full (a contributor's other skills are known only through skill_mask's " +
            "hashed bits, so no list can be skipped for those who hold an earlier one; most rows are settled by a short test, and " +
            "this phase is still about half of a uniform mission's ranking), and the single runs' tail: each mission is measured " +
            "once, on its first call. On a kept database every page the ranking touches is already in shared buffers (0 reads, no " +
            "new page faults); over the 400 missions the ranking's first call is 0.6 ms slower at p50 and 1.3 ms at p95 than an " +
            "immediate second one (CPU caches)."
          : "") +
        " `node bench/matching.mjs` runs the same benchmark on its own smaller database.",
    });
  }

  // 5b. The load test, when its report sits beside this one.
  const lt = report.load_test;
  if (lt && !lt.target?.met && lt.why) {
    out.push({ title: `load: ${lt.users.toLocaleString("en")} users through PgBouncer, ${lt.sustained_rps} req/s sustained within p95 ${lt.target.p95_ms_max} ms`, text: `${lt.why} (bench/load-report.md)` });
  }

  // 6. Scale notes.
  if (report.matching && report.matching.speedup < report.targets.matching_min_speedup && report.scale.factor < 0.5) {
    out.push({
      title: "matching speed-up at a reduced scale",
      text:
        `At scale ${report.scale.name} the naive baseline only loads a few hundred candidates (${report.matching.detail.uniform.naive_candidates_mean} ` +
        "on average), so it is fast and the speed-up is small; the 60x target is for 100k contributors (the default scale).",
    });
  }
  return out;
}
