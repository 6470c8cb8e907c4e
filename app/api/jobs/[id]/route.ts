// GET /api/jobs/:id - one job's facts
// PATCH /api/jobs/:id - rename ({ title })
// DELETE /api/jobs/:id - delete the job, its transcript and its media
import { NextResponse } from "next/server";
import { param, readJson, withUser } from "@/lib/http/api";
import { deleteJobs, getJob, renameJob } from "@/lib/jobs/service";
import { renameJobSchema } from "@/lib/validation/jobs";

export const GET = withUser(async (_request, { user, params }) => NextResponse.json({ job: await getJob(user.id, param(params, "id")) }));

export const PATCH = withUser(async (request, { user, params }) => {
  const input = renameJobSchema.parse(await readJson(request));
  return NextResponse.json({ job: await renameJob(user.id, param(params, "id"), input.title) });
});

export const DELETE = withUser(async (_request, { user, params }) => {
  await deleteJobs(user.id, [param(params, "id")]);
  return new NextResponse(null, { status: 204 });
});
