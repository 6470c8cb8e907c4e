// GET /api/jobs - list jobs (filters: status, tag, q, from, to; page, limit)
// POST /api/jobs - upload one or more files (multipart field "file") and queue them
import { NextResponse } from "next/server";
import { queryOf, withUser } from "@/lib/http/api";
import { listJobs } from "@/lib/jobs/service";
import { receiveUploads } from "@/lib/uploads/receive";
import { listJobsSchema } from "@/lib/validation/jobs";

export const dynamic = "force-dynamic";

export const GET = withUser(async (request, { user }) => {
  const query = listJobsSchema.parse(queryOf(request));
  return NextResponse.json(await listJobs(user.id, query));
});

export const POST = withUser(async (request, { user }) => {
  const results = await receiveUploads(request, user);
  const accepted = results.filter((r) => r.ok).length;
  // 201 when everything was accepted, 207-style mixed results as 200, all rejected as 422.
  const status = accepted === results.length ? 201 : accepted > 0 ? 200 : results.length === 1 && !results[0].ok && results[0].error.code === "media_not_media" ? 415 : 422;
  return NextResponse.json({ results }, { status });
});
