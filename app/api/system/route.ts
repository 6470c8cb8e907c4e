// GET /api/system - queue length, worker state, memory, CPU and disk
import { NextResponse } from "next/server";
import { withUser } from "@/lib/http/api";
import { systemStatus } from "@/lib/system/status";

export const dynamic = "force-dynamic";

export const GET = withUser(async () => NextResponse.json(await systemStatus()));
