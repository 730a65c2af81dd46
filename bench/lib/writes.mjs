// The write RPCs, each call as its real user (role authenticated + claims) in its own read-write
// transaction, COMMITTED (the effects are kept: the domain events, notifications, realtime
// messages and jobs they raise are part of the cost). Every call gets a fresh target that is valid
// for it, so each one succeeds.
import { apiConnect, log, request, rng, shuffle, summary } from "./db.mjs";

export const WRITES = [
  {
    name: "apply_to_mission",
    call: "rpc('apply_to_mission', { mission_id, cover_letter, proposed_timeline })",
    sql: `select * from public.apply_to_mission(mission_id => $1::uuid, cover_letter => $2::text, proposed_timeline => $3::integer)`,
    args: (t) => [t.mission_id, "I have shipped this kind of work before; here is how I would approach it.", 30],
    target: "a verified, active contributor and an open listed mission they have not applied to nor joined",
  },
  {
    name: "send_message",
    call: "rpc('send_message', { conversation_id, content })",
    sql: `select * from public.send_message(conversation_id => $1::uuid, content => $2::text)`,
    args: (t) => [t.conversation_id, "Pushed the fix; can you have a look?"],
    target: "an active participant of the conversation",
  },
  {
    name: "mark_all_notifications_read",
    call: "rpc('mark_all_notifications_read')",
    sql: `select public.mark_all_notifications_read() as marked`,
    args: () => [],
    target: "an active user with unread notifications",
  },
  {
    name: "approve_milestone",
    call: "rpc('approve_milestone', { milestone_id })",
    sql: `select * from public.approve_milestone(milestone_id => $1::uuid)`,
    args: (t) => [t.milestone_id],
    target: "the (active) initiator of an in-progress or in-review mission with a submitted milestone",
  },
];

/**
 * Fresh, valid targets for each write (deterministic): { apply_to_mission: [...], ... }, each a
 * list of { user_id, ... } never reused.
 */
export async function writeTargets(sql, ctx, { seed = 5 } = {}) {
  const random = rng(seed);
  // apply_to_mission: pair verified active contributors with open listed missions (not the matching
  // benchmark's) they have no application or assignment on.
  const open = (
    await sql`select id from public.missions where status in ('open', 'matching') and is_public and slug not like 'bench-mission-%' order by md5('apply' || id::text)`
  ).map((r) => r.id);
  const taken = new Set(
    (
      await sql`select mission_id || ':' || contributor_id as k from public.mission_applications a
                where a.mission_id in (select id from public.missions where status in ('open', 'matching'))
                union all
                select mission_id || ':' || contributor_id from public.mission_assignments a
                where a.mission_id in (select id from public.missions where status in ('open', 'matching'))`
    ).map((r) => r.k),
  );
  const applicants = shuffle(ctx.users.filter((u) => u.kind === "contributor" && u.verified), random);
  const apply = [];
  for (const [i, u] of applicants.entries()) {
    for (let j = 0; j < 5 && open.length > 0; j++) {
      const m = open[(i * 7919 + j * 104729) % open.length];
      if (!taken.has(`${m}:${u.contributor_id}`)) {
        taken.add(`${m}:${u.contributor_id}`);
        apply.push({ user_id: u.user_id, mission_id: m });
        break;
      }
    }
  }
  // send_message: (participant, conversation) pairs of the sampled (active) users.
  const send = shuffle(
    ctx.users.flatMap((u) => u.conversations.slice(0, 3).map((c) => ({ user_id: u.user_id, conversation_id: c }))),
    random,
  );
  // mark_all_notifications_read: sampled users with unread notifications, each once.
  const unread = await sql`
    select n.user_id, count(*)::int as unread from public.notifications n
    where not n.is_read and n.user_id = any (${ctx.users.map((u) => u.user_id)}::uuid[]) and (n.expires_at is null or n.expires_at > now())
    group by n.user_id order by md5(n.user_id::text)`;
  const markAll = shuffle(unread.map((r) => ({ user_id: r.user_id, unread: r.unread })), random);
  // approve_milestone: submitted milestones of missions in progress or in review, by their active initiator.
  const approve = await sql`
    select ms.id as milestone_id, i.user_id from public.milestones ms
    join public.missions m on m.id = ms.mission_id
    join public.initiator_profiles i on i.id = m.initiator_id
    join public.profiles p on p.id = i.user_id
    where ms.status = 'submitted' and m.status in ('in_progress', 'in_review') and p.account_status = 'active'
    order by md5(ms.id::text)`;
  return {
    apply_to_mission: apply,
    send_message: send,
    mark_all_notifications_read: markAll,
    approve_milestone: [...approve],
  };
}

export async function runWritesBench(url, targets, { calls = 200, warmup = 5 } = {}) {
  const api = await apiConnect(url, "rls", { max: 1 });
  const results = [];
  try {
    for (const w of WRITES) {
      const pool = targets[w.name];
      const n = Math.min(calls + warmup, pool.length);
      const rpc = [];
      const req = [];
      let errors = 0;
      const firstErrors = [];
      for (let i = 0; i < n; i++) {
        const t = pool.shift();
        try {
          const r = await request(api.sql, "rls", t.user_id, w.sql, w.args(t), { readOnly: false, preRequest: true });
          if (i >= warmup) {
            rpc.push(r.queryMs);
            req.push(r.requestMs);
          }
        } catch (e) {
          errors += 1;
          if (firstErrors.length < 3) firstErrors.push(`${e.code ?? ""} ${e.message}`);
        }
      }
      const s = summary(rpc);
      const rs = summary(req);
      results.push({
        name: w.name,
        call: w.call,
        target: w.target,
        calls: rpc.length,
        errors,
        first_errors: firstErrors,
        p50_ms: s.p50,
        p95_ms: s.p95,
        request_p50_ms: rs.p50,
        request_p95_ms: rs.p95,
        committed: true,
      });
      log(`  ${w.name}: p50 ${s.p50} ms, p95 ${s.p95} ms (request incl. commit p95 ${rs.p95} ms); ${rpc.length} calls, ${errors} errors`);
    }
  } finally {
    await api.sql.end();
  }
  return results;
}
