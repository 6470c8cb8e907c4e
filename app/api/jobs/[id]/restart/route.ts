// POST /api/jobs/:id/restart - queue a finished job again, optionally with { model, language, task, wordTimestamps, vad }
import { NextResponse } from "next/server";
import { param, readJson, withUser } from "@/lib/http/api";
import { restartJob } from "@/lib/jobs/service";
import { transcriptionOptionsSchema } from "@/lib/validation/jobs";

export const POST = withUser(async (request, { user, params }) => {
  const options = transcriptionOptionsSchema.parse(await readJson(request, { optional: true }));
  return NextResponse.json({ job: await restartJob(user.id, param(params, "id"), options) });
});
