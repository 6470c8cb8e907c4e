// POST /api/jobs/:id/speakers - identify speakers again on a finished job: { speakers, speakerCount?, minSpeakers?, maxSpeakers? }
import { NextResponse } from "next/server";
import { param, readJson, withUser } from "@/lib/http/api";
import { identifySpeakers } from "@/lib/speakers/service";
import { identifySpeakersSchema } from "@/lib/validation/jobs";

export const POST = withUser(async (request, { user, params }) => {
  const options = identifySpeakersSchema.parse(await readJson(request));
  return NextResponse.json({ job: await identifySpeakers(user.id, param(params, "id"), options) }, { status: 202 });
});
