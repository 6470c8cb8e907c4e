// GET /api/models - installed models and broken model folders with their reasons, and the catalogue of models to download
import { NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { withUser } from "@/lib/http/api";
import { scanModels } from "@/lib/models/registry";
import { modelCatalog } from "@/lib/models/service";

export const GET = withUser(async () => {
  const [{ models, broken }, catalog] = await Promise.all([scanModels(getConfig().modelsDir), modelCatalog()]);
  return NextResponse.json({
    models: models.map(({ path: _path, ...model }) => model),
    broken: broken.map(({ path: _path, ...item }) => item),
    catalog,
  });
});
