// GET /api/jobs - list jobs (filters: status, tag, q, from, to; page, limit)
// POST /api/jobs - upload one or more files (multipart field "file") and queue them
import { NextResponse } from "next/server";
import { queryOf, withUser } from "@/lib/http/api";
import { listJobs } from "@/lib/jobs/service";
import { receiveUploads, uploadStatus } from "@/lib/uploads/receive";
import { listJobsSchema } from "@/lib/validation/jobs";

export const dynamic = "force-dynamic";

export const GET = withUser(async (request, { user }) => {
  const query = listJobsSchema.parse(queryOf(request));
  return NextResponse.json(await listJobs(user.id, query));
});

export const POST = withUser(async (request, { user }) => {
  const results = await receiveUploads(request, user);
  return NextResponse.json({ results }, { status: uploadStatus(results) });
});
