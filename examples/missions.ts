// Browse open missions, create and publish one, apply to one, manage the team.
import { supabase } from "./client.ts";

export async function openMissions(type?: "backend" | "frontend", page = 0, pageSize = 20) {
  // The marketplace's read model: each card (milestones, required skills, company) is built when the
  // mission changes, not per request. listed_status, not status: every listed mission has one.
  let query = supabase.from("listed_missions")
    .select("id, title, slug, type, complexity, budget_min_cents, budget_max_cents, currency, published_at, " +
      "milestones, mission_required_skills, initiator_profiles")
    .eq("listed_status", "open")
    .order("published_at", { ascending: false })
    .order("id", { ascending: false })
    .range(page * pageSize, page * pageSize + pageSize - 1);
  if (type) query = query.eq("type", type);
  const { data, error } = await query;
  if (error) throw error;
  return data;
}

export async function createAndPublish(skillId: string) {
  const { data: mission, error } = await supabase.rpc("create_mission", {
    title: "Payments reconciliation service",
    description: "Match Stripe payouts with our ledger every night.",
    type: "backend",
    budget_min_cents: 300_000,
    budget_max_cents: 500_000,
    estimated_duration_days: 30,
    milestones: [
      { title: "Design", amount_cents: 100_000 },
      { title: "Build", amount_cents: 250_000 },
      { title: "Hand-over", amount_cents: 50_000 },
    ],
    required_skills: [{ skill_id: skillId, importance: "required" }],
  });
  if (error) throw error; // e.g. 22023 "The milestones add up to ... but the budget is ..."
  const { data: published, error: publishError } = await supabase.rpc("publish_mission", { mission_id: mission.id });
  if (publishError) throw publishError;
  return published; // status: pending_funding -> fund it (see payments.ts)
}

export async function apply(missionId: string) {
  const { data, error } = await supabase.rpc("apply_to_mission", {
    mission_id: missionId,
    cover_letter: "I have built three reconciliation systems.",
    proposed_timeline: 25,
  });
  if (error?.code === "23505") return null; // already applied
  if (error) throw error;
  return data;
}

export async function applicationsInbox(missionId: string) {
  const { data, error } = await supabase.from("mission_applications")
    .select("id, status, match_score, cover_letter, created_at, contributor_profiles(headline, trust_score)")
    .eq("mission_id", missionId)
    .order("match_score", { ascending: false, nullsFirst: false });
  if (error) throw error;
  return data;
}

export async function acceptAsLead(applicationId: string) {
  const { error } = await supabase.rpc("accept_application", { application_id: applicationId, role: "lead" });
  if (error) throw error;
}

export async function startWork(missionId: string) {
  const { data, error } = await supabase.rpc("start_work", { mission_id: missionId });
  if (error?.code === "PT409") return { blocked: error.message }; // "The team is not complete: ..."
  if (error) throw error;
  return data;
}

export async function allowedActions(machine: "mission" | "milestone" | "application" | "assignment", state: string) {
  const { data, error } = await supabase.from("lifecycle_transitions").select("action, to_state, actor")
    .eq("machine", machine).eq("from_state", state);
  if (error) throw error;
  return data;
}
