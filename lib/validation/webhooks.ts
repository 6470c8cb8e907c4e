// Webhook and push-notification endpoints, shared by the Settings actions and /api/webhooks.
import { z } from "zod";

export const WEBHOOK_EVENTS = ["job.completed", "job.failed"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const WEBHOOK_KINDS = ["webhook", "ntfy"] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

const URL_HELP = "Enter the full address, such as https://example.com/hooks/selenite or https://ntfy.sh/my-topic.";

export const webhookUrlSchema = z
  .string({ error: `The endpoint needs a URL. ${URL_HELP}` })
  .trim()
  .min(1, `The endpoint needs a URL. ${URL_HELP}`)
  .max(2000, "That URL is longer than 2000 characters. Use a shorter address.")
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: `"${value}" is not a URL. ${URL_HELP}` });
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      ctx.addIssue({ code: "custom", message: `Only http:// and https:// URLs can receive notifications, not ${url.protocol}//. ${URL_HELP}` });
      return;
    }
    if (url.username || url.password) {
      ctx.addIssue({
        code: "custom",
        message: "Put no user name or password in the URL. For ntfy, add the access token as ?auth=… instead; for a webhook, check the signature header.",
      });
    }
  });

const eventsSchema = z
  .array(z.enum(WEBHOOK_EVENTS, { error: `Events are ${WEBHOOK_EVENTS.join(" and ")}.` }), {
    error: `Choose the events to send: ${WEBHOOK_EVENTS.join(", ")}.`,
  })
  .min(1, "Choose at least one event to send.")
  .transform((events) => WEBHOOK_EVENTS.filter((e) => events.includes(e)));

export const webhookCreateSchema = z.object({
  url: webhookUrlSchema,
  kind: z.enum(WEBHOOK_KINDS, { error: "Kind is webhook (signed JSON) or ntfy (a push topic URL)." }).default("webhook"),
  events: eventsSchema.default([...WEBHOOK_EVENTS]),
});
export type WebhookCreateInput = z.output<typeof webhookCreateSchema>;

export const webhookUpdateSchema = z.object({
  enabled: z.boolean({ error: "enabled is true or false." }).optional(),
  events: eventsSchema.optional(),
});
export type WebhookUpdateInput = z.output<typeof webhookUpdateSchema>;
