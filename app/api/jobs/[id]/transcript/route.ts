// GET /api/jobs/:id/transcript - the job's segments (start, end, text, words)
import { NextResponse } from "next/server";
import { param, withUser } from "@/lib/http/api";
import { getJob, getTranscript } from "@/lib/jobs/service";

export const GET = withUser(async (_request, { user, params }) => {
  const id = param(params, "id");
  const [job, segments] = await Promise.all([getJob(user.id, id), getTranscript(user.id, id)]);
  return NextResponse.json({ job: { id: job.id, status: job.status, language: job.detectedLanguage ?? job.language }, segments });
});
