// POST /api/jobs/:id/transcript/span - re-transcribe { start, end } seconds (optionally with { model, language, task, wordTimestamps }); only that span's segments are replaced
import { NextResponse } from "next/server";
import { param, readJson, withUser } from "@/lib/http/api";
import { getJob } from "@/lib/jobs/service";
import { retranscribeSpan } from "@/lib/transcripts/span";
import { spanSchema } from "@/lib/validation/transcripts";

export const POST = withUser(async (request, { user, params }) => {
  const id = param(params, "id");
  const span = await retranscribeSpan(user.id, id, spanSchema.parse(await readJson(request)));
  const job = await getJob(user.id, id);
  return NextResponse.json({ job: { id: job.id, status: job.status }, span }, { status: 202 });
});
