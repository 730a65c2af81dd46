// The hot reads a frontend makes through the Data API, as the SQL PostgREST generates for them
// (src/PostgREST/Query/QueryBuilder.hs: LEFT/INNER JOIN LATERAL per embedded resource, json_agg
// for to-many, row_to_json for to-one, the CTE wrapper that builds the response body), each with:
//   rls(u, t)    the query as PostgREST sends it: RLS (the policies) decides what the caller sees;
//   owner(u, t)  the same query, run as the table owner (RLS bypassed), with the explicit filter
//                that makes it return the same rows (what an application without RLS would add);
//   pick(u, r)   target parameters for user u (random r), or null when u has nothing to read;
//   users        which users make this request ("any", "initiator", "contributor").
// Filter values are bind parameters, as PostgREST sends them; LIMIT/OFFSET are literals, as it
// writes them.

const LISTED = `('open', 'matching', 'in_progress', 'in_review', 'completed')`;

/** PostgREST's response wrapper (Statements.hs): one row with the JSON body. */
export function pgrst(inner) {
  return (
    `WITH pgrst_source AS ( ${inner} ) SELECT null::bigint AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, ` +
    `coalesce(json_agg(_postgrest_t), '[]') AS body, nullif(current_setting('response.headers', true), '') AS response_headers, ` +
    `nullif(current_setting('response.status', true), '') AS response_status, '' AS response_inserted ` +
    `FROM ( SELECT * FROM pgrst_source ) _postgrest_t`
  );
}

const toMany = (alias, sub, inner = false) =>
  `${inner ? "INNER" : "LEFT"} JOIN LATERAL ( SELECT json_agg("${alias}") AS "${alias}" FROM (${sub} ) AS "${alias}" ) AS "${alias}" ON ${inner ? `"${alias}" IS NOT NULL` : "TRUE"}`;
const toOne = (alias, sub) => `LEFT JOIN LATERAL ( ${sub} ) AS "${alias}" ON TRUE`;

// ---------------------------------------------------------------------------------------------
// GET /listed_missions?select=id,title,slug,type,complexity,budget_min_cents,budget_max_cents,currency,
//     published_at,milestones,mission_required_skills,initiator_profiles&listed_status=eq.open[&type=eq.X]
//     &order=published_at.desc,id.desc&limit=20&offset=N
// (examples/missions.ts openMissions): the marketplace's read model, one row per listed mission with
// its card's embeds already built. The owner runs the same query (every row is public).
// ---------------------------------------------------------------------------------------------
function openMissionsSql(withType, page) {
  const l = `"public"."listed_missions"`;
  const cols = ["id", "title", "slug", "type", "complexity", "budget_min_cents", "budget_max_cents", "currency", "published_at",
    "milestones", "mission_required_skills", "initiator_profiles"];
  return pgrst(
    `SELECT ${cols.map((c) => `${l}."${c}"`).join(", ")} FROM ${l} WHERE ${l}."listed_status" = $1::text` +
      (withType ? ` AND ${l}."type" = $2::public.mission_type` : "") +
      ` ORDER BY ${l}."published_at" DESC, ${l}."id" DESC LIMIT 20 OFFSET ${page * 20}`,
  );
}

// Every column of missions a client may read (dispute_reason is granted to nobody: select=* is 42501).
const MISSION_COLUMNS = ["id", "initiator_id", "title", "slug", "description", "problem_statement", "success_criteria", "type",
  "complexity", "budget_min_cents", "budget_max_cents", "currency", "platform_fee_bps", "estimated_duration_days", "deadline",
  "max_lead_contributors", "max_shadow_contributors", "requires_core_reviewer", "status", "is_public", "featured", "created_at",
  "updated_at", "published_at", "started_at", "completed_at", "cancelled_at", "cancellation_reason", "disputed_at", "listed_status"];

// GET /missions?select=<every readable column>,milestones(*),mission_required_skills(importance,skills(id,name,category)),
//     initiator_profiles(...)&id=eq.X  (Accept: application/vnd.pgrst.object: .single())
function missionDetailSql(ownerFilter) {
  const m = `"public"."missions"`;
  return pgrst(
    `SELECT ${MISSION_COLUMNS.map((c) => `${m}."${c}"`).join(", ")}, COALESCE( "missions_milestones_1"."missions_milestones_1", '[]') AS "milestones", ` +
      `COALESCE( "missions_mission_required_skills_1"."missions_mission_required_skills_1", '[]') AS "mission_required_skills", ` +
      `row_to_json("missions_initiator_profiles_1".*) AS "initiator_profiles" FROM ${m} ` +
      toMany(
        "missions_milestones_1",
        `SELECT "milestones_1".* FROM "public"."milestones" AS "milestones_1" WHERE "milestones_1"."mission_id" = ${m}."id"`,
      ) +
      " " +
      toMany(
        "missions_mission_required_skills_1",
        `SELECT "mission_required_skills_1"."importance", row_to_json("mission_required_skills_skills_1".*) AS "skills" ` +
          `FROM "public"."mission_required_skills" AS "mission_required_skills_1" ` +
          toOne(
            "mission_required_skills_skills_1",
            `SELECT "skills_1"."id", "skills_1"."name", "skills_1"."category" FROM "public"."skills" AS "skills_1" ` +
              `WHERE "skills_1"."id" = "mission_required_skills_1"."skill_id"`,
          ) +
          ` WHERE "mission_required_skills_1"."mission_id" = ${m}."id"`,
      ) +
      " " +
      toOne(
        "missions_initiator_profiles_1",
        `SELECT "initiator_profiles_1"."company_name", "initiator_profiles_1"."company_url", "initiator_profiles_1"."company_size", ` +
          `"initiator_profiles_1"."industry", "initiator_profiles_1"."is_verified", "initiator_profiles_1"."average_rating" ` +
          `FROM "public"."initiator_profiles" AS "initiator_profiles_1" WHERE "initiator_profiles_1"."id" = ${m}."initiator_id"`,
      ) +
      ` WHERE ${m}."id" = $1::uuid` +
      (ownerFilter
        ? ` AND ((${m}."is_public" AND ${m}."status" IN ${LISTED}) OR ${m}."initiator_id" = $2::uuid ` +
          `OR EXISTS (SELECT 1 FROM "public"."mission_assignments" a WHERE a."mission_id" = ${m}."id" AND a."contributor_id" = $3::uuid ` +
          `AND a."status" IN ('invited', 'active', 'stepped_up', 'completed')))`
        : ""),
  );
}

// GET /notifications?select=...&is_read=eq.false[&user_id=eq.<me>]&order=created_at.desc&limit=20
function unreadNotificationsSql(ownerFilter, clientFilter = false) {
  const n = `"public"."notifications"`;
  return pgrst(
    `SELECT ${n}."id", ${n}."type", ${n}."title", ${n}."message", ${n}."priority", ${n}."action_url", ${n}."action_label", ` +
      `${n}."metadata", ${n}."created_at" FROM ${n} WHERE ${n}."is_read" = $1::boolean` +
      (ownerFilter ? ` AND ${n}."user_id" = $2::uuid AND (${n}."expires_at" IS NULL OR ${n}."expires_at" > now())` : "") +
      (clientFilter && !ownerFilter ? ` AND ${n}."user_id" = $2::uuid` : "") +
      ` ORDER BY ${n}."created_at" DESC LIMIT 20 OFFSET 0`,
  );
}

// GET /messages?select=...&conversation_id=eq.X&order=created_at.desc,id.desc&limit=50
function conversationMessagesSql(ownerFilter) {
  const x = `"public"."messages"`;
  return pgrst(
    `SELECT ${x}."id", ${x}."conversation_id", ${x}."sender_id", ${x}."content", ${x}."message_type", ${x}."attachments", ` +
      `${x}."is_edited", ${x}."is_deleted", ${x}."created_at", ${x}."edited_at" FROM ${x} WHERE ${x}."conversation_id" = $1::uuid` +
      (ownerFilter
        ? ` AND EXISTS (SELECT 1 FROM "public"."conversation_participants" p WHERE p."conversation_id" = $1::uuid AND p."user_id" = $2::uuid)`
        : "") +
      ` ORDER BY ${x}."created_at" DESC, ${x}."id" DESC LIMIT 50 OFFSET 0`,
  );
}

// GET /mission_applications?select=id,status,match_score,created_at,missions(id,title,slug,status)
//     [&contributor_id=eq.<mine>]&order=created_at.desc&limit=20
function myApplicationsSql(withFilter, ownerFilter) {
  const a = `"public"."mission_applications"`;
  return pgrst(
    `SELECT ${a}."id", ${a}."status", ${a}."match_score", ${a}."created_at", row_to_json("mission_applications_missions_1".*) AS "missions" ` +
      `FROM ${a} ` +
      toOne(
        "mission_applications_missions_1",
        `SELECT "missions_1"."id", "missions_1"."title", "missions_1"."slug", "missions_1"."status" FROM "public"."missions" AS "missions_1" ` +
          `WHERE "missions_1"."id" = ${a}."mission_id"` +
          (ownerFilter
            ? ` AND (("missions_1"."is_public" AND "missions_1"."status" IN ${LISTED}) OR EXISTS (SELECT 1 FROM "public"."mission_assignments" t ` +
              `WHERE t."mission_id" = "missions_1"."id" AND t."contributor_id" = $1::uuid AND t."status" IN ('invited', 'active', 'stepped_up', 'completed')))`
            : ""),
      ) +
      (withFilter || ownerFilter ? ` WHERE ${a}."contributor_id" = $1::uuid` : "") +
      ` ORDER BY ${a}."created_at" DESC LIMIT 20 OFFSET 0`,
  );
}

// GET /mission_applications?select=id,status,match_score,cover_letter,created_at,contributor_profiles(headline,trust_score)
//     &mission_id=eq.X&order=match_score.desc.nullslast  (examples/missions.ts applicationsInbox)
function applicationsInboxSql(ownerFilter) {
  const a = `"public"."mission_applications"`;
  return pgrst(
    `SELECT ${a}."id", ${a}."status", ${a}."match_score", ${a}."cover_letter", ${a}."created_at", ` +
      `row_to_json("mission_applications_contributor_profiles_1".*) AS "contributor_profiles" FROM ${a} ` +
      toOne(
        "mission_applications_contributor_profiles_1",
        `SELECT "contributor_profiles_1"."headline", "contributor_profiles_1"."trust_score" FROM "public"."contributor_profiles" AS "contributor_profiles_1" ` +
          `WHERE "contributor_profiles_1"."id" = ${a}."contributor_id"`,
      ) +
      ` WHERE ${a}."mission_id" = $1::uuid` +
      (ownerFilter ? ` AND EXISTS (SELECT 1 FROM "public"."missions" m WHERE m."id" = $1::uuid AND m."initiator_id" = $2::uuid)` : "") +
      ` ORDER BY ${a}."match_score" DESC NULLS LAST`,
  );
}

// GET /escrow_transactions?select=id,mission_id,type,amount_cents,currency,status,created_at
//     [&initiator_id=eq.<mine> | &contributor_id=eq.<mine>]&order=created_at.desc&limit=20
function myPaymentsSql(column) {
  const e = `"public"."escrow_transactions"`;
  return pgrst(
    `SELECT ${e}."id", ${e}."mission_id", ${e}."type", ${e}."amount_cents", ${e}."currency", ${e}."status", ${e}."created_at" FROM ${e}` +
      (column ? ` WHERE ${e}."${column}" = $1::uuid` : "") +
      ` ORDER BY ${e}."created_at" DESC LIMIT 20 OFFSET 0`,
  );
}

// GET /contributor_profiles?select=id,headline,...,contributor_skills!inner(skill_id,proficiency_level,verified)
//     &verification_status=eq.verified&is_looking_for_work=eq.true&contributor_skills.skill_id=in.(a,b)
//     &order=trust_score.desc&limit=20
function contributorSearchSql() {
  const c = `"public"."contributor_profiles"`;
  return pgrst(
    `SELECT ${c}."id", ${c}."user_id", ${c}."headline", ${c}."years_experience", ${c}."trust_score", ${c}."average_rating", ` +
      `${c}."total_missions_completed", COALESCE( "contributor_profiles_contributor_skills_1"."contributor_profiles_contributor_skills_1", '[]') AS "contributor_skills" ` +
      `FROM ${c} ` +
      toMany(
        "contributor_profiles_contributor_skills_1",
        `SELECT "contributor_skills_1"."skill_id", "contributor_skills_1"."proficiency_level", "contributor_skills_1"."verified" ` +
          `FROM "public"."contributor_skills" AS "contributor_skills_1" WHERE "contributor_skills_1"."contributor_id" = ${c}."id" ` +
          `AND "contributor_skills_1"."skill_id" = ANY ($3::uuid[])`,
        true,
      ) +
      ` WHERE ${c}."verification_status" = $1::public.verification_status AND ${c}."is_looking_for_work" = $2::boolean` +
      ` ORDER BY ${c}."trust_score" DESC LIMIT 20 OFFSET 0`,
  );
}

const paymentsQuery = (u) =>
  u.kind === "initiator"
    ? { sql: myPaymentsSql("initiator_id"), args: [u.initiator_id] }
    : { sql: myPaymentsSql("contributor_id"), args: [u.contributor_id] };

const TYPES = ["algorithm", "frontend", "backend", "fullstack", "mobile", "devops", "design", "qa", "security", "data", "other"];
const pickOne = (list, r) => list[Math.floor(r() * list.length)];

/**
 * The hot reads. `check`: how a run's result is compared between RLS and owner ("ids": the same
 * rows in the same order; "set": the same rows; "count": as many rows; ties in the sort key can
 * order or cut a page differently in two plans).
 */
export const READS = [
  {
    name: "open_missions",
    call: "from('listed_missions').select('..., milestones, mission_required_skills, initiator_profiles').eq('listed_status', 'open')[.eq('type', t)].order('published_at', desc).order('id', desc).range(20p, 20p + 19)",
    users: "any",
    check: "ids",
    pick: (u, r) => ({ type: r() < 0.5 ? pickOne(TYPES, r) : null, page: Math.floor(r() * 5) }),
    rls: (u, t) => ({ sql: openMissionsSql(!!t.type, t.page), args: t.type ? ["open", t.type] : ["open"] }),
    owner: (u, t) => ({ sql: openMissionsSql(!!t.type, t.page), args: t.type ? ["open", t.type] : ["open"] }),
    owner_filter: "none (every card is public: the policy is true)",
    variant: "one call",
  },
  {
    name: "mission_detail",
    call: "from('missions').select('*, milestones(*), mission_required_skills(importance, skills(id, name, category)), initiator_profiles(...)').eq('id', id).single()",
    users: "any",
    check: "ids",
    pick: (u, r, ctx) => {
      const own = u.kind === "initiator" ? u.missions : u.team_missions;
      return { mission: own.length > 0 && r() < 0.3 ? pickOne(own, r) : pickOne(ctx.listed, r) };
    },
    rls: (u, t) => ({ sql: missionDetailSql(false), args: [t.mission] }),
    owner: (u, t) => ({ sql: missionDetailSql(true), args: [t.mission, u.initiator_id, u.contributor_id] }),
    owner_filter: "(is_public AND status listed) OR initiator_id = <mine> OR EXISTS (my assignment on it)",
    variant: "one call",
  },
  {
    name: "unread_notifications",
    call: "from('notifications').select('id, type, title, message, priority, action_url, action_label, metadata, created_at').eq('is_read', false).order('created_at', desc).limit(20)",
    users: "any",
    check: "ids",
    pick: () => ({}),
    rls: () => ({ sql: unreadNotificationsSql(false), args: [false] }),
    owner: (u) => ({ sql: unreadNotificationsSql(true), args: [false, u.user_id] }),
    owner_filter: "user_id = <me> AND (expires_at IS NULL OR expires_at > now())",
    variant: "without filter",
  },
  {
    name: "unread_notifications_with_filter",
    call: "from('notifications').select('id, type, title, message, priority, action_url, action_label, metadata, created_at').eq('is_read', false).eq('user_id', me).order('created_at', desc).limit(20)",
    users: "any",
    check: "ids",
    pick: () => ({}),
    rls: (u) => ({ sql: unreadNotificationsSql(false, true), args: [false, u.user_id] }),
    owner: (u) => ({ sql: unreadNotificationsSql(true), args: [false, u.user_id] }),
    owner_filter: "user_id = <me> AND (expires_at IS NULL OR expires_at > now())",
    variant: "with filter",
  },
  {
    name: "conversation_messages",
    call: "from('messages').select('...').eq('conversation_id', id).order('created_at', desc).order('id', desc).limit(50)",
    users: "any",
    check: "ids",
    pick: (u, r) => (u.conversations.length > 0 ? { conversation: pickOne(u.conversations, r) } : null),
    rls: (u, t) => ({ sql: conversationMessagesSql(false), args: [t.conversation] }),
    owner: (u, t) => ({ sql: conversationMessagesSql(true), args: [t.conversation, u.user_id] }),
    owner_filter: "EXISTS (participant row for (conversation, me))",
    variant: "one call",
  },
  {
    name: "my_applications",
    call: "from('mission_applications').select('id, status, match_score, created_at, missions(id, title, slug, status)').eq('contributor_id', myContributorId).order('created_at', desc).limit(20)",
    users: "contributor",
    check: "ids",
    pick: (u) => (u.applications > 0 ? {} : null),
    rls: (u) => ({ sql: myApplicationsSql(true, false), args: [u.contributor_id] }),
    owner: (u) => ({ sql: myApplicationsSql(true, true), args: [u.contributor_id] }),
    owner_filter: "contributor_id = <mine> (in the query too); embedded mission: listed OR I am on its team",
    variant: "with filter",
  },
  {
    name: "my_applications_no_filter",
    call: "from('mission_applications').select('id, status, match_score, created_at, missions(id, title, slug, status)').order('created_at', desc).limit(20)  (no contributor_id filter: the policy filters)",
    users: "contributor",
    check: "ids",
    pick: (u) => (u.applications > 0 ? {} : null),
    rls: () => ({ sql: myApplicationsSql(false, false), args: [] }),
    owner: (u) => ({ sql: myApplicationsSql(true, true), args: [u.contributor_id] }),
    owner_filter: "contributor_id = <mine>; embedded mission: listed OR I am on its team",
    variant: "without filter",
  },
  {
    name: "applications_inbox",
    call: "from('mission_applications').select('id, status, match_score, cover_letter, created_at, contributor_profiles(headline, trust_score)').eq('mission_id', id).order('match_score', desc nulls last)",
    users: "initiator",
    check: "set",
    pick: (u, r) => (u.inbox_missions.length > 0 ? { mission: pickOne(u.inbox_missions, r) } : null),
    rls: (u, t) => ({ sql: applicationsInboxSql(false), args: [t.mission] }),
    owner: (u, t) => ({ sql: applicationsInboxSql(true), args: [t.mission, u.initiator_id] }),
    owner_filter: "EXISTS (the mission is mine)",
    variant: "one call",
  },
  {
    name: "my_payments",
    call: "from('escrow_transactions').select('id, mission_id, type, amount_cents, currency, status, created_at').eq('initiator_id' | 'contributor_id', mine).order('created_at', desc).limit(20)",
    users: "any",
    check: "set",
    pick: (u) => (u.payments > 0 ? {} : null),
    rls: (u) => paymentsQuery(u),
    owner: (u) => paymentsQuery(u),
    owner_filter: "initiator_id = <mine> (initiators) or contributor_id = <mine> (contributors), in the query too",
    variant: "with filter",
  },
  {
    name: "my_payments_no_filter",
    call: "from('escrow_transactions').select('id, mission_id, type, amount_cents, currency, status, created_at').order('created_at', desc).limit(20)  (no filter: the policy filters)",
    users: "any",
    check: "set",
    pick: (u) => (u.payments > 0 ? {} : null),
    rls: () => ({ sql: myPaymentsSql(null), args: [] }),
    owner: (u) => paymentsQuery(u),
    owner_filter: "initiator_id = <mine> (initiators) or contributor_id = <mine> (contributors)",
    variant: "without filter",
  },
  {
    name: "contributor_search",
    call: "from('contributor_profiles').select('id, user_id, headline, ..., contributor_skills!inner(skill_id, proficiency_level, verified)').eq('verification_status', 'verified').eq('is_looking_for_work', true).in('contributor_skills.skill_id', [a, b]).order('trust_score', desc).limit(20)",
    users: "any",
    check: "count",
    pick: (u, r, ctx) => ({ skills: [pickOne(ctx.skillsByPopularity, r), pickOne(ctx.skills, r)] }),
    rls: (u, t) => ({ sql: contributorSearchSql(), args: ["verified", true, t.skills] }),
    owner: (u, t) => ({ sql: contributorSearchSql(), args: ["verified", true, t.skills] }),
    owner_filter: "none needed: every active user sees every contributor profile and skill",
    variant: "one call",
  },
];

/**
 * Diagnostics: variants measured and explained like the reads but not part of the targets. Empty
 * since every hot read is measured with and without the client's filter (both are targets).
 */
export const DIAGNOSTIC_READS = [];

/** Everything the reads and the mixed workload need to pick users and targets, from the database. */
export async function loadContext(sql, { users = 10_000, seed = "bench" } = {}) {
  const initiatorShare = 0.2;
  const nInitiators = Math.round(users * initiatorShare);
  const initiators = await sql`
    select 'initiator' as kind, i.user_id, i.id as initiator_id, null::uuid as contributor_id,
           array(select m.id from public.missions m where m.initiator_id = i.id order by m.id limit 200) as missions,
           array(select m.id from public.missions m where m.initiator_id = i.id
                   and exists (select from public.mission_applications a where a.mission_id = m.id) order by m.id limit 200) as inbox_missions,
           array(select p.conversation_id from public.conversation_participants p where p.user_id = i.user_id order by p.conversation_id limit 200) as conversations,
           '{}'::uuid[] as team_missions, 0 as applications,
           (select count(*) from public.escrow_transactions e where e.initiator_id = i.id)::int as payments
    from public.initiator_profiles i join public.profiles p on p.id = i.user_id
    where p.account_status = 'active' and exists (select from public.missions m where m.initiator_id = i.id)
    order by md5(${seed} || i.id::text)
    limit ${nInitiators}`;
  const contributors = await sql`
    select 'contributor' as kind, c.user_id, null::uuid as initiator_id, c.id as contributor_id,
           '{}'::uuid[] as missions, '{}'::uuid[] as inbox_missions,
           array(select p.conversation_id from public.conversation_participants p where p.user_id = c.user_id order by p.conversation_id limit 200) as conversations,
           array(select a.mission_id from public.mission_assignments a where a.contributor_id = c.id
                   and a.status in ('invited', 'active', 'stepped_up', 'completed') order by a.mission_id) as team_missions,
           (select count(*) from public.mission_applications a where a.contributor_id = c.id)::int as applications,
           (select count(*) from public.escrow_transactions e where e.contributor_id = c.id)::int as payments,
           c.verification_status = 'verified' as verified
    from public.contributor_profiles c join public.profiles p on p.id = c.user_id
    where p.account_status = 'active'
    order by md5(${seed} || c.id::text)
    limit ${users - Math.min(nInitiators, initiators.length)}`;
  const listed = (
    await sql`select id from public.missions where is_public and status in ('open', 'matching', 'in_progress', 'in_review', 'completed')
              order by md5(${seed} || id::text) limit 20000`
  ).map((r) => r.id);
  const skills = await sql`
    select s.id, count(cs.contributor_id)::int as holders from public.skills s
    left join public.contributor_skills cs on cs.skill_id = s.id group by s.id order by s.id`;
  // Popular skills are searched more: a list where each skill appears in proportion to its holders.
  const total = skills.reduce((a, s) => a + s.holders, 0);
  const skillsByPopularity = skills.flatMap((s) => Array(Math.max(1, Math.round((1000 * s.holders) / total))).fill(s.id));
  return {
    users: [...initiators, ...contributors],
    initiators: initiators.length,
    contributors: contributors.length,
    listed,
    skills: skills.map((s) => s.id),
    skillsByPopularity,
  };
}
