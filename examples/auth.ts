// Sign up with a role, sign in (password or OAuth), choose a role after OAuth, manage sessions.
import { supabase } from "./client.ts";

export async function signUpAsInitiator(email: string, password: string, fullName: string) {
  // The signup trigger creates the profile and the initiator profile from this metadata.
  // Asking for "admin" here fails the signup: admins are made by admins only.
  const { data, error } = await supabase.auth.signUp({
    email,
    password,
    options: { data: { full_name: fullName, role: "initiator" } },
  });
  if (error) throw error;
  return data.user;
}

export async function signInWithGitHub() {
  // OAuth users start as contributors; they may switch once with choose_primary_role.
  return supabase.auth.signInWithOAuth({ provider: "github", options: { redirectTo: "https://app.example.com/welcome" } });
}

export async function becomeInitiator() {
  const { data, error } = await supabase.rpc("choose_primary_role", { role: "initiator" });
  if (error) throw error;
  return data.primary_role;
}

export async function me() {
  const { data: auth } = await supabase.auth.getUser();
  if (!auth.user) return null;
  const { data, error } = await supabase.from("profiles").select("id, full_name, avatar_url, primary_role, account_status")
    .eq("id", auth.user.id).single();
  if (error) throw error;
  return data;
}

export async function signOutEverywhereElse() {
  const { data: sessions, error } = await supabase.rpc("list_my_sessions");
  if (error) throw error;
  for (const s of sessions.filter((s) => !s.is_current)) {
    await supabase.rpc("revoke_my_session", { session_id: s.id });
  }
}
