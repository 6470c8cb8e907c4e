// GET /api/search?q= - matching segments across the user's transcripts (tag, from, to, page, limit; group=recording as the Search page shows them)
import { NextResponse } from "next/server";
import { queryOf, withUser } from "@/lib/http/api";
import { searchByRecording, searchTranscripts } from "@/lib/search/service";
import { searchSchema } from "@/lib/validation/jobs";

export const dynamic = "force-dynamic";

export const GET = withUser(async (request, { user }) => {
  const { group, ...query } = searchSchema.parse(queryOf(request));
  return NextResponse.json(group === "recording" ? await searchByRecording(user.id, query) : await searchTranscripts(user.id, query));
});
