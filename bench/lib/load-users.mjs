// The load test's simulated users: what each request is (drawn from the mixed workload's mix) and the
// loop every user runs (think, request, repeat). Used by bench/loadtest.mjs (each request type alone)
// and by its worker threads (bench/lib/load-worker.mjs), which run the users.
import { MIX } from "./mixed.mjs";
import { READS } from "./queries.mjs";
import { WRITES } from "./writes.mjs";

// What PostgREST would see: the method and path of each kind (behind the API gateway, which strips
// /rest/v1), and each user's own address in x-forwarded-for (the pre-request hook rate-limits it).
const PATHS = {
  open_missions: "/listed_missions", mission_detail: "/missions", unread_notifications: "/notifications",
  conversation_messages: "/messages", my_applications: "/mission_applications", applications_inbox: "/mission_applications",
  contributor_search: "/contributor_profiles",
};

/** The n-th user's own client address (n from 1). */
export const ipOf = (n) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

/** The request's method, path and address, for the pre-request hook. */
export const contextOf = (q, user) =>
  q.readOnly ? { method: "GET", path: PATHS[q.kind] ?? `/${q.kind}`, ip: user.ip } : { method: "POST", path: `/rpc/${q.kind}`, ip: user.ip };

/**
 * Requests for users of `ctx` (loadContext's, for the reads' picks); applyTargets: the
 * apply_to_mission targets this picker may use, each once.
 */
export function requestPicker(ctx, applyTargets) {
  const readsByName = Object.fromEntries(READS.map((r) => [r.name, r]));
  const writesByName = Object.fromEntries(WRITES.map((w) => [w.name, w]));
  const totalWeight = MIX.reduce((a, [, w]) => a + w, 0);
  // One request of a given kind for a user (null when the user has nothing to make it with).
  const pickKind = (kind, user, random) => {
    const read = readsByName[kind];
    if (read) {
      if (read.users !== "any" && read.users !== user.kind) return null;
      const t = read.pick(user, random, ctx);
      return t ? { kind, ...read.rls(user, t), readOnly: true } : null;
    }
    if (kind === "send_message") {
      if (user.conversations.length === 0) return null;
      const c = user.conversations[Math.floor(random() * user.conversations.length)];
      return { kind, sql: writesByName.send_message.sql, args: writesByName.send_message.args({ conversation_id: c }), readOnly: false };
    }
    if (kind === "mark_all_notifications_read") return { kind, sql: writesByName.mark_all_notifications_read.sql, args: [], readOnly: false };
    if (kind === "apply_to_mission") {
      const t = applyTargets.pop();
      return t ? { kind, sql: writesByName.apply_to_mission.sql, args: writesByName.apply_to_mission.args(t), user: t.user_id, readOnly: false } : null;
    }
    return null;
  };
  // A request drawn from the mix.
  const pick = (user, random) => {
    for (let tries = 0; tries < 20; tries++) {
      let x = random() * totalWeight;
      const kind = MIX.find(([, w]) => (x -= w) < 0)[0];
      const q = pickKind(kind, user, random);
      if (q) return q;
    }
    return null;
  };
  return { pickKind, pick };
}

/** A step's measurements: latencies (all and per request type) and errors. */
export const emptyRecord = () => ({ lat: [], byKind: {}, errors: 0, errorsByKind: {}, firstErrors: [] });
