// Fund a mission's escrow (Stripe PaymentIntent through the payments Edge Function), approve a
// milestone (the payout goes out from escrow), read the payment history and the escrow position.
import { supabase } from "./client.ts";

type FundResponse = { payment_intent_id: string; client_secret: string; amount_cents: number; currency: string };

export async function fund(missionId: string) {
  const { data, error } = await supabase.functions.invoke<FundResponse>("payments/fund", { body: { mission_id: missionId } });
  if (error) throw error;
  // Confirm data.client_secret with Stripe.js (stripe.confirmPayment); the webhook opens the mission.
  return data;
}

export async function onboardForPayouts(country: string) {
  const { data, error } = await supabase.functions.invoke<{ url: string }>("payments/connect/onboard", { body: { country } });
  if (error) throw error;
  return data?.url; // send the contributor there; come back to call this again if the link expired
}

export async function deliver(milestoneId: string, missionId: string, file: File) {
  const path = `${missionId}/${milestoneId}/${file.name}`;
  const upload = await supabase.storage.from("work-submissions").upload(path, file);
  if (upload.error) throw upload.error;
  const { data, error } = await supabase.rpc("submit_milestone", {
    milestone_id: milestoneId,
    content: "The build, with a README.",
    links: ["https://github.com/acme/recon/pull/42"],
    storage_paths: [path],
  });
  if (error) throw error;
  return data;
}

export async function approve(milestoneId: string) {
  // Approving twice is harmless: one payout.
  const { data, error } = await supabase.rpc("approve_milestone", { milestone_id: milestoneId });
  if (error) throw error;
  return data.status;
}

export async function history() {
  const { data, error } = await supabase.from("escrow_transactions")
    .select("id, mission_id, milestone_id, type, amount_cents, currency, status, created_at, processed_at")
    .order("created_at", { ascending: false });
  if (error) throw error;
  return data;
}

export async function escrow(missionId: string) {
  const { data, error } = await supabase.rpc("mission_escrow_position", { mission_id: missionId });
  if (error) throw error;
  return data[0]; // funded_cents, held_cents, released_cents, fees_cents, refunded_cents, disputed_cents
}
