// GET /api/models - installed models and broken model folders with their reasons
import { NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { withUser } from "@/lib/http/api";
import { scanModels } from "@/lib/models/registry";

export const GET = withUser(async () => {
  const { models, broken } = await scanModels(getConfig().modelsDir);
  return NextResponse.json({
    models: models.map(({ path: _path, ...model }) => model),
    broken: broken.map(({ path: _path, ...item }) => item),
  });
});
