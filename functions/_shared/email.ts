// Transactional email: the Resend client and the templates (text and HTML). Supabase Auth sends its
// own auth emails (confirmation, password reset); these are the marketplace's.
import { Resend } from "resend";
import type { BaseConfig } from "./config.ts";

export type { Resend };

export function makeEmail(config: BaseConfig): Resend | undefined {
  if (!config.RESEND_API_KEY) return undefined;
  return new Resend(config.RESEND_API_KEY, config.RESEND_BASE_URL ? { baseUrl: config.RESEND_BASE_URL } : undefined);
}

export type Recipient = { email: string; full_name: string };
export type Rendered = { subject: string; text: string; html: string };

const escape = (s: unknown) =>
  String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function layout(title: string, paragraphs: string[], action?: { label: string; url: string }): { text: string; html: string } {
  const text = [title, ...paragraphs, ...(action ? [`${action.label}: ${action.url}`] : []), "— PEOPLE"].join("\n\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111">
<h1 style="font-size:20px">${escape(title)}</h1>
${paragraphs.map((p) => `<p>${escape(p)}</p>`).join("\n")}
${action ? `<p><a href="${escape(action.url)}" style="background:#111;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escape(action.label)}</a></p>` : ""}
<p style="color:#666;font-size:12px">PEOPLE · You can choose which emails you get in your settings.</p>
</body></html>`;
  return { text, html };
}

type Template = (to: Recipient, data: Record<string, string>, appUrl: string) => Rendered;

const url = (appUrl: string, path: string) => new URL(path, appUrl).toString();

export const templates: Record<string, Template> = {
  welcome: (to, data, appUrl) => ({
    subject: "Welcome to PEOPLE",
    ...layout(`Welcome, ${to.full_name}`, [
      data.role === "initiator"
        ? "Post your first mission: describe the work, split it into milestones, and fund it into escrow. Vetted contributors take it from there."
        : "Complete your profile and your proof task to get verified. Verified contributors are matched to missions and paid from escrow.",
    ], { label: "Get started", url: url(appUrl, "/") }),
  }),
  invitation: (to, data, appUrl) => ({
    subject: `You're invited: ${data.mission_title}`,
    ...layout(`Hi ${to.full_name}, a mission wants you`, [
      `You were invited to join "${data.mission_title}" as ${String(data.role ?? "").replace("_", " ")}.`,
      "The invitation expires in 72 hours.",
    ], { label: "Respond", url: url(appUrl, `/invitations/${data.assignment_id}`) }),
  }),
  milestone_submitted: (to, data, appUrl) => ({
    subject: `Milestone delivered: ${data.milestone_title}`,
    ...layout(`Hi ${to.full_name}, work is ready for review`, [
      `"${data.milestone_title}" of "${data.mission_title}" was delivered.`,
      "Approve it to release the payment, or ask for a revision. Unreviewed deliveries are approved automatically after 14 days.",
    ], { label: "Review", url: url(appUrl, `/missions/${data.mission_id}/milestones/${data.milestone_id}`) }),
  }),
  payment_received: (to, data, appUrl) => ({
    subject: `You were paid ${data.amount}`,
    ...layout(`Hi ${to.full_name}, you were paid`, [
      `${data.amount} for "${data.mission_title}" (your share as ${data.role ?? "lead"}) is on its way to your Stripe account.`,
    ], { label: "Payment history", url: url(appUrl, "/payments") }),
  }),
  proof_task_graded: (to, data, appUrl) => ({
    subject: data.passed === "true" ? "You're verified on PEOPLE" : "Your proof task was graded",
    ...layout(`Hi ${to.full_name}`, [
      data.passed === "true"
        ? "Your proof task passed: you are verified and can be matched to missions."
        : "Your proof task did not pass this time. You can take another one after the cooldown.",
    ], { label: "See the feedback", url: url(appUrl, "/verification") }),
  }),
};

export function render(template: string, to: Recipient, data: Record<string, string>, appUrl: string): Rendered {
  const t = templates[template];
  if (!t) throw new Error(`Unknown email template ${template}`);
  return t(to, data, appUrl);
}
