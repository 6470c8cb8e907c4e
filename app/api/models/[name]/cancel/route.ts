// POST /api/models/:name/cancel - stop a running download; what it fetched is kept and the next download resumes it
import { NextResponse } from "next/server";
import { param, withUser } from "@/lib/http/api";
import { cancelModelDownload } from "@/lib/models/service";

export const POST = withUser(async (_request, { user, params }) => {
  await cancelModelDownload({ userId: user.id }, param(params, "name"));
  return NextResponse.json({ cancelled: true });
});
