// GET /api/tags - the user's tags with job counts
// POST /api/tags - create a tag ({ name, color? })
import { NextResponse } from "next/server";
import { readJson, withUser } from "@/lib/http/api";
import { createTag, listTags } from "@/lib/tags/service";
import { tagSchema } from "@/lib/validation/jobs";

export const GET = withUser(async (_request, { user }) => NextResponse.json({ tags: await listTags(user.id) }));

export const POST = withUser(async (request, { user }) => {
  const input = tagSchema.parse(await readJson(request));
  return NextResponse.json({ tag: await createTag(user.id, input) }, { status: 201 });
});
