// Notifications and conversations, live: private channels authorized by RLS on realtime.messages.
import { supabase, type Message } from "./client.ts";

export function onNotifications(userId: string, show: (n: { title: string; message: string; action_url: string | null }) => void) {
  return supabase.channel(`user:${userId}`, { config: { private: true } })
    .on("broadcast", { event: "notification:new" }, ({ payload }) => show(payload as never))
    .subscribe();
}

export async function unread() {
  const { data, error } = await supabase.rpc("unread_notification_count");
  if (error) throw error;
  return data;
}

export async function readAll() {
  await supabase.rpc("mark_all_notifications_read");
}

export function openConversation(conversationId: string, onMessage: (m: Message) => void, onTyping: (userId: string) => void) {
  const channel = supabase.channel(`conversation:${conversationId}`, { config: { private: true } })
    .on("broadcast", { event: "message:new" }, ({ payload }) => onMessage(payload as Message))
    .on("broadcast", { event: "typing" }, ({ payload }) => onTyping((payload as { user_id: string }).user_id))
    .subscribe();
  return {
    typing: (userId: string) => channel.send({ type: "broadcast", event: "typing", payload: { user_id: userId } }),
    close: () => supabase.removeChannel(channel),
  };
}

export async function send(conversationId: string, content: string) {
  const { data, error } = await supabase.rpc("send_message", { conversation_id: conversationId, content });
  if (error) throw error;
  return data;
}

export async function olderMessages(conversationId: string, oldest?: { created_at: string; id: string }) {
  const { data, error } = await supabase.rpc("conversation_messages", {
    conversation_id: conversationId,
    before_created_at: oldest?.created_at,
    before_id: oldest?.id,
    page_size: 50,
  });
  if (error) throw error;
  return data;
}

export function onMission(missionId: string, onUpdate: (event: string, payload: unknown) => void) {
  const channel = supabase.channel(`mission:${missionId}`, { config: { private: true } });
  for (const event of ["mission:update", "milestone:submitted", "milestone:approved", "matching:started", "matching:progress", "matching:complete"]) {
    channel.on("broadcast", { event }, ({ payload }) => onUpdate(event, payload));
  }
  return channel.subscribe();
}
