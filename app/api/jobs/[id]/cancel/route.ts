// POST /api/jobs/:id/cancel - cancel a queued or running job
import { NextResponse } from "next/server";
import { param, withUser } from "@/lib/http/api";
import { cancelJobs, getJob } from "@/lib/jobs/service";

export const POST = withUser(async (_request, { user, params }) => {
  const id = param(params, "id");
  await cancelJobs(user.id, [id]);
  return NextResponse.json({ job: await getJob(user.id, id) });
});
