// DELETE /api/webhooks/:id - remove a notification endpoint and its delivery log
import { NextResponse } from "next/server";
import { param, withUser } from "@/lib/http/api";
import { deleteWebhook } from "@/lib/webhooks/service";

export const DELETE = withUser(async (_request, { user, params }) => {
  await deleteWebhook(user.id, param(params, "id"));
  return NextResponse.json({ deleted: true });
});
