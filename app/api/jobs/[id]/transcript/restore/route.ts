// POST /api/jobs/:id/transcript/restore - swap the transcript a restart replaced back in (the current one becomes the previous)
import { NextResponse } from "next/server";
import { param, withUser } from "@/lib/http/api";
import { getJob, getTranscript } from "@/lib/jobs/service";
import { restorePreviousTranscript } from "@/lib/transcripts/versions";

export const POST = withUser(async (_request, { user, params }) => {
  const id = param(params, "id");
  await restorePreviousTranscript(user.id, id);
  const [job, segments] = await Promise.all([getJob(user.id, id), getTranscript(user.id, id)]);
  return NextResponse.json({ job: { id: job.id, status: job.status, model: job.model, language: job.detectedLanguage ?? job.language }, segments });
});
