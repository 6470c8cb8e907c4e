// GET /api/health - liveness and readiness for people and monitors (no auth)
import { NextResponse } from "next/server";
import { publicRoute } from "@/lib/http/api";
import { checkHealth } from "@/lib/system/health";

export const dynamic = "force-dynamic";

export const GET = publicRoute(async () => {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.database === "ok" ? 200 : 503 });
});
