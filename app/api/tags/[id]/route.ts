// PATCH /api/tags/:id - rename or recolor ({ name?, color? })
// DELETE /api/tags/:id - delete the tag (jobs stay); answers how many jobs had it
import { NextResponse } from "next/server";
import { param, readJson, withUser } from "@/lib/http/api";
import { deleteTag, updateTag } from "@/lib/tags/service";
import { tagUpdateSchema } from "@/lib/validation/jobs";

export const PATCH = withUser(async (request, { user, params }) => {
  const input = tagUpdateSchema.parse(await readJson(request));
  return NextResponse.json({ tag: await updateTag(user.id, param(params, "id"), input) });
});

export const DELETE = withUser(async (_request, { user, params }) => {
  const jobCount = await deleteTag(user.id, param(params, "id"));
  return NextResponse.json({ deleted: true, jobsAffected: jobCount });
});
