// GET /api/search?q= - matching segments across the user's transcripts (tag, from, to, page, limit)
import { NextResponse } from "next/server";
import { queryOf, withUser } from "@/lib/http/api";
import { searchTranscripts } from "@/lib/search/service";
import { searchSchema } from "@/lib/validation/jobs";

export const dynamic = "force-dynamic";

export const GET = withUser(async (request, { user }) => {
  const query = searchSchema.parse(queryOf(request));
  return NextResponse.json(await searchTranscripts(user.id, query));
});
