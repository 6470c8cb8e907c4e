// GET /api/webhooks - the user's notification endpoints (with secrets) and the last deliveries
// POST /api/webhooks - add one ({ url, kind?: "webhook" | "ntfy", events?: ["job.completed", "job.failed"] })
import { NextResponse } from "next/server";
import { readJson, withUser } from "@/lib/http/api";
import { webhookCreateSchema } from "@/lib/validation/webhooks";
import { createWebhook, listDeliveries, listWebhooks } from "@/lib/webhooks/service";

export const GET = withUser(async (_request, { user }) => {
  const [webhooks, deliveries] = await Promise.all([listWebhooks(user.id), listDeliveries(user.id)]);
  return NextResponse.json({ webhooks, deliveries });
});

export const POST = withUser(async (request, { user }) => {
  const input = webhookCreateSchema.parse(await readJson(request));
  return NextResponse.json({ webhook: await createWebhook(user.id, input) }, { status: 201 });
});
