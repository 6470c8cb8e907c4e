// GET /api/me - who the session or API token belongs to
import { NextResponse } from "next/server";
import { withUser } from "@/lib/http/api";

export const GET = withUser(async (_request, { user }) => NextResponse.json({ user }));
