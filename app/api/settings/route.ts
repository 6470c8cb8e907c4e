// GET /api/settings - server settings (defaults for uploads, concurrency, threads, ...)
// PATCH /api/settings - change some of them
import { NextResponse } from "next/server";
import { readJson, withUser } from "@/lib/http/api";
import { getSettings, updateSettings } from "@/lib/settings/service";
import { settingsSchema } from "@/lib/validation/jobs";

export const GET = withUser(async () => NextResponse.json({ settings: await getSettings() }));

export const PATCH = withUser(async (request) => {
  const input = settingsSchema.parse(await readJson(request));
  return NextResponse.json({ settings: await updateSettings(input) });
});
