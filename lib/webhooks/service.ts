import "server-only";
// Webhook and push endpoints of a user: add, list, switch on/off, choose events,
// remove, send a test, and read the delivery log. Used by Settings' actions and
// /api/webhooks alike. Deliveries themselves are queued and sent by ./deliveries.ts.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { SeleniteError } from "@/lib/errors";
import { WEBHOOK_EVENTS, type WebhookCreateInput, type WebhookEvent, type WebhookKind, type WebhookUpdateInput } from "@/lib/validation/webhooks";
import { nudgeDeliverer } from "@/lib/webhooks/deliveries";
import { testPayload } from "@/lib/webhooks/payload";

export const NO_SUCH_ENDPOINT = "No such notification endpoint. It may have been removed.";
/** How many deliveries the log in Settings shows. */
export const DELIVERY_LOG_SIZE = 20;

const SELECT = { id: true, url: true, kind: true, secret: true, events: true, enabled: true, createdAt: true } as const;

export type WebhookEndpointView = {
  id: string;
  url: string;
  kind: WebhookKind;
  secret: string;
  events: WebhookEvent[];
  enabled: boolean;
  createdAt: string;
};

/** The stored JSON list, keeping only the events this version knows. */
export function parseEvents(raw: string): WebhookEvent[] {
  try {
    const list: unknown = JSON.parse(raw);
    return Array.isArray(list) ? WEBHOOK_EVENTS.filter((e) => list.includes(e)) : [];
  } catch {
    return [];
  }
}

function view(row: { id: string; url: string; kind: string; secret: string; events: string; enabled: boolean; createdAt: Date }): WebhookEndpointView {
  return { ...row, kind: row.kind === "ntfy" ? "ntfy" : "webhook", events: parseEvents(row.events), createdAt: row.createdAt.toISOString() };
}

export async function listWebhooks(userId: string): Promise<WebhookEndpointView[]> {
  const rows = await db.webhookEndpoint.findMany({ where: { userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: SELECT });
  return rows.map(view);
}

export async function createWebhook(userId: string, input: WebhookCreateInput): Promise<WebhookEndpointView> {
  const row = await db.webhookEndpoint.create({
    data: { userId, url: input.url, kind: input.kind, events: JSON.stringify(input.events), secret: randomBytes(24).toString("base64url") },
    select: SELECT,
  });
  return view(row);
}

async function requireEndpoint(userId: string, id: string) {
  const row = await db.webhookEndpoint.findFirst({ where: { id, userId }, select: SELECT });
  if (!row) throw new SeleniteError("not_found", NO_SUCH_ENDPOINT);
  return row;
}

export async function updateWebhook(userId: string, id: string, input: WebhookUpdateInput): Promise<WebhookEndpointView> {
  await requireEndpoint(userId, id);
  const row = await db.webhookEndpoint.update({
    where: { id },
    data: { ...(input.enabled === undefined ? {} : { enabled: input.enabled }), ...(input.events ? { events: JSON.stringify(input.events) } : {}) },
    select: SELECT,
  });
  return view(row);
}

/** Removes the endpoint and its delivery log (deliveries go with it by cascade). */
export async function deleteWebhook(userId: string, id: string): Promise<void> {
  const { count } = await db.webhookEndpoint.deleteMany({ where: { id, userId } });
  if (count === 0) throw new SeleniteError("not_found", NO_SUCH_ENDPOINT);
}

/** Queues a "test" delivery to the endpoint, sent even while it is switched off. */
export async function sendTestDelivery(userId: string, id: string): Promise<{ deliveryId: string }> {
  await requireEndpoint(userId, id);
  const delivery = await db.webhookDelivery.create({
    data: { endpointId: id, event: "test", payload: JSON.stringify(testPayload()) },
    select: { id: true },
  });
  nudgeDeliverer();
  return { deliveryId: delivery.id };
}

export type DeliveryView = {
  id: string;
  endpointId: string;
  url: string;
  event: string;
  jobId: string | null;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
};

/** The newest deliveries to the user's endpoints, newest first. */
export async function listDeliveries(userId: string, take = DELIVERY_LOG_SIZE): Promise<DeliveryView[]> {
  const rows = await db.webhookDelivery.findMany({
    where: { endpoint: { userId } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      endpointId: true,
      event: true,
      jobId: true,
      status: true,
      attempts: true,
      lastStatus: true,
      lastError: true,
      nextAttemptAt: true,
      createdAt: true,
      deliveredAt: true,
      endpoint: { select: { url: true } },
    },
  });
  return rows.map(({ endpoint, ...row }) => ({
    ...row,
    url: endpoint.url,
    nextAttemptAt: row.status === "queued" ? row.nextAttemptAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  }));
}
