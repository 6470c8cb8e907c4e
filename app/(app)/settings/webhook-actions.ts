"use server";

// Settings → Notifications: add, switch, re-scope, test and remove webhook and ntfy
// endpoints. The same lib/webhooks service backs /api/webhooks.
import { z } from "zod";
import { authAction } from "@/lib/http/action";
import { webhookCreateSchema, webhookUpdateSchema } from "@/lib/validation/webhooks";
import { createWebhook, deleteWebhook, NO_SUCH_ENDPOINT, sendTestDelivery, updateWebhook } from "@/lib/webhooks/service";

const settingsPage = ["/settings"];
const endpointId = z.string(NO_SUCH_ENDPOINT).min(1, NO_SUCH_ENDPOINT).max(64, NO_SUCH_ENDPOINT);

export const createWebhookAction = authAction(webhookCreateSchema, async (input, { user }) => void (await createWebhook(user.id, input)), {
  what: "Adding the endpoint",
  revalidate: settingsPage,
  message: "Endpoint added. Finished and failed jobs are sent to it from now on.",
});

export const updateWebhookAction = authAction(
  webhookUpdateSchema.extend({ endpointId }),
  async ({ endpointId: id, ...input }, { user }) => void (await updateWebhook(user.id, id, input)),
  { what: "Changing the endpoint", revalidate: settingsPage },
);

export const deleteWebhookAction = authAction(z.object({ endpointId }), ({ endpointId: id }, { user }) => deleteWebhook(user.id, id), {
  what: "Removing the endpoint",
  revalidate: settingsPage,
  message: "Endpoint removed.",
});

export const testWebhookAction = authAction(z.object({ endpointId }), ({ endpointId: id }, { user }) => sendTestDelivery(user.id, id), {
  what: "Sending the test",
  revalidate: settingsPage,
  message: "Test queued. Its outcome shows in the delivery log in a few seconds.",
});
