import "server-only";
// GET /v1/models in OpenAI's list shape: whisper-1 (Settings' default model) first,
// then every installed model by name.
import fs from "node:fs/promises";
import { getConfig } from "@/lib/config";
import { OPENAI_MODEL } from "@/lib/integrations/openai-compat/fields";
import { scanModels } from "@/lib/models/registry";

const OWNER = "selenite";

async function createdAt(dir: string): Promise<number> {
  const stat = await fs.stat(dir).catch(() => null);
  return Math.floor((stat?.mtimeMs ?? 0) / 1000);
}

export async function listOpenAiModels() {
  const modelsDir = getConfig().modelsDir;
  const { models } = await scanModels(modelsDir);
  const installed = await Promise.all(models.map(async (m) => ({ id: m.name, object: "model" as const, created: await createdAt(m.path), owned_by: OWNER })));
  // whisper-1 runs on the default model, so it is offered only when some model is installed.
  const alias = installed.length ? [{ id: OPENAI_MODEL, object: "model" as const, created: installed[0].created, owned_by: OWNER }] : [];
  return { object: "list" as const, data: [...alias, ...installed] };
}
