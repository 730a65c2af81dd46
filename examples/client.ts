// The one client a frontend creates: typed by the generated Database type, so every table, column,
// RPC argument and enum below is checked against the live schema (`npm test` type-checks this folder).
import { createClient } from "@supabase/supabase-js";
import type { Database } from "../types/database.ts";

export const supabase = createClient<Database>(
  "http://127.0.0.1:54321", // SUPABASE_URL
  "public-anon-key", // SUPABASE_ANON_KEY
);

export type Tables<T extends keyof Database["public"]["Tables"]> = Database["public"]["Tables"][T]["Row"];
export type Mission = Tables<"missions">;
export type Notification = Tables<"notifications">;
export type Message = Tables<"messages">;
