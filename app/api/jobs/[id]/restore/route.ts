// POST /api/jobs/:id/restore - take a deleted job out of the trash
import { NextResponse } from "next/server";
import { param, withUser } from "@/lib/http/api";
import { getJob } from "@/lib/jobs/service";
import { restoreJobs } from "@/lib/jobs/trash";

export const POST = withUser(async (_request, { user, params }) => {
  const id = param(params, "id");
  await restoreJobs(user.id, [id]);
  return NextResponse.json({ job: await getJob(user.id, id) });
});
