// POST /api/models/:name/download - start downloading a catalogue model ({ dtype? }); progress arrives as `model` events on /api/events
import { NextResponse } from "next/server";
import { param, readJson, withUser } from "@/lib/http/api";
import { startModelDownload } from "@/lib/models/service";
import { modelDownloadBodySchema } from "@/lib/validation/models";

export const POST = withUser(async (request, { user, params }) => {
  const { dtype } = modelDownloadBodySchema.parse(await readJson(request, { optional: true }));
  const download = await startModelDownload({ userId: user.id }, { name: param(params, "name"), dtype });
  return NextResponse.json({ download }, { status: 202 });
});
