// POST /api/jobs/:id/tags - add a tag to the job ({ tagId })
// DELETE /api/jobs/:id/tags?tagId= - remove it
import { NextResponse } from "next/server";
import { z } from "zod";
import { param, readJson, withUser } from "@/lib/http/api";
import { getJob } from "@/lib/jobs/service";
import { setJobTags } from "@/lib/tags/service";

const body = z.object({ tagId: z.string().min(1).max(64) });

export const POST = withUser(async (request, { user, params }) => {
  const id = param(params, "id");
  const { tagId } = body.parse(await readJson(request));
  await setJobTags(user.id, [id], tagId, "add");
  return NextResponse.json({ job: await getJob(user.id, id) });
});

export const DELETE = withUser(async (request, { user, params }) => {
  const id = param(params, "id");
  const { tagId } = body.parse({ tagId: request.nextUrl.searchParams.get("tagId") ?? "" });
  await setJobTags(user.id, [id], tagId, "remove");
  return NextResponse.json({ job: await getJob(user.id, id) });
});
