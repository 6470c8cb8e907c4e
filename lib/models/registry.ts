// The installed-model registry: what is in MODELS_DIR, which folders are usable, and
// which precision to load. No caching: a scan is a few stats and small reads per
// folder, and people add or delete model folders by hand while the server runs.
// Loaded by the web server, the transcription worker thread and the CLI, so it takes
// modelsDir as a parameter and does not import "server-only".
import fs from "node:fs/promises";
import path from "node:path";
import { SeleniteError } from "../errors";
import { CPU_DTYPE_ORDER, type Dtype } from "./dtypes";
import { inspectModelFolder } from "./inspect";
import { isSpeakerModelFolder } from "./speakers";
import { assertValidModelName } from "./names";
import type { BrokenModel, InstalledModel, ScanResult } from "./types";

export type { InstalledModel, ScanResult } from "./types";
export type { Dtype } from "./dtypes";

/**
 * Lists model folders in `modelsDir`, split into usable models and broken folders
 * (with a reason). Dot-entries (hidden folders, `.partial-*` downloads in progress)
 * and plain files are skipped. A missing `modelsDir` is simply empty.
 */
export async function scanModels(modelsDir: string): Promise<ScanResult> {
  const root = path.resolve(modelsDir);
  let entries: string[];
  try {
    entries = await fs.readdir(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { models: [], broken: [] };
    throw new SeleniteError("internal", `Cannot read the models folder ${root}: ${errorText(error)}`, {
      cause: error,
    });
  }

  const candidates = entries.filter((name) => !name.startsWith(".")).sort((a, b) => a.localeCompare(b));
  const models: InstalledModel[] = [];
  const broken: BrokenModel[] = [];
  for (const name of candidates) {
    const dir = path.join(root, name);
    // stat, not lstat: a symlink to a model folder on another disk is a fine setup.
    const isDir = await fs.stat(dir).then((s) => s.isDirectory(), () => false);
    if (!isDir) continue;
    // Speaker models share MODELS_DIR; installedSpeakerModels() lists them.
    if (await isSpeakerModelFolder(dir)) continue;
    const result = await inspectModelFolder(dir, name);
    if (result.ok) models.push(result.model);
    else broken.push(result.broken);
  }
  return { models, broken };
}

/**
 * The installed model called `name`, ready to load. Throws SeleniteError:
 * bad_request for a name that could escape MODELS_DIR, not_found when there is no
 * such folder, unprocessable when the folder is broken (with the reason).
 */
export async function resolveModel(modelsDir: string, name: string): Promise<InstalledModel> {
  assertValidModelName(name);
  const dir = path.join(path.resolve(modelsDir), name);
  const isDir = await fs.stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDir) {
    throw new SeleniteError("not_found", `Model '${name}' is not installed. Download it on the Models page, or run “npm run models -- pull ${name}” on the server.`);
  }
  const result = await inspectModelFolder(dir, name);
  if (!result.ok) {
    throw new SeleniteError(
      "unprocessable",
      `Model '${name}' cannot be used: ${result.broken.reason}. Download it again on the Models page, or run “npm run models -- pull ${name} --force” on the server.`,
    );
  }
  return result.model;
}

/**
 * The precision to load: `preferred` when its files are present, otherwise the first
 * available one in CPU_DTYPE_ORDER (8-bit, then fp32, fp16, 4-bit; see dtypes.ts).
 */
export function pickDtype(model: Pick<InstalledModel, "name" | "dtypes">, preferred?: Dtype): Dtype {
  if (preferred && model.dtypes.includes(preferred)) return preferred;
  const choice = CPU_DTYPE_ORDER.find((dtype) => model.dtypes.includes(dtype));
  if (!choice) {
    throw new SeleniteError("unprocessable", `Model '${model.name}' has no complete ONNX weights to load.`);
  }
  return choice;
}

function errorText(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}
