// The one client a frontend creates: typed by the generated Database type, so every table, column,
// RPC argument and enum below is checked against the live schema (`npm test` type-checks this folder).
import { createClient } from "@supabase/supabase-js";
import type { Database } from "../types/database.ts";

// Where the whole Supabase API is (Auth, the Data API, Realtime, Storage and the Edge Functions behind
// one URL): the "API URL" and "anon key" that `npx supabase start` prints on a machine with Docker
// (http://127.0.0.1:54321), or a hosted project's https://<project-ref>.supabase.co and its anon key.
// `npm run dev` without Docker serves only the Edge Functions on that port (/functions/v1): there,
// `supabase.functions.invoke(...)` works after `supabase.functions.setAuth(<token of npm run login -- <email>>)`; the tables,
// RPCs, auth, storage and realtime calls below answer 404 (README, "What the local stack serves").
export const SUPABASE_URL = "http://127.0.0.1:54321";
export const SUPABASE_ANON_KEY = "the anon key that `npx supabase start` or the project's API settings show";

export const supabase = createClient<Database>(SUPABASE_URL, SUPABASE_ANON_KEY);

export type Tables<T extends keyof Database["public"]["Tables"]> = Database["public"]["Tables"][T]["Row"];
export type Mission = Tables<"missions">;
export type Notification = Tables<"notifications">;
export type Message = Tables<"messages">;
