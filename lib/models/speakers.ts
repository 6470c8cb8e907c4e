// Speaker models: the segmentation model (pyannote-segmentation-3.0) and the speaker
// embedding model (a WeSpeaker ResNet34 export) the neural speaker stage loads. They
// live in MODELS_DIR next to the Whisper models, in their hub layouts (config.json,
// preprocessor_config.json, onnx/model.onnx or onnx/model_quantized.onnx), and are
// pulled by `npm run models -- pull <name>` like Whisper models. The Whisper scanner
// leaves them out; installedSpeakerModels() finds them.
import fs from "node:fs/promises";
import path from "node:path";
import { SeleniteError } from "../errors";
import { isRecord, type Dtype } from "./dtypes";
import { describeOnnxProblem } from "./onnx-check";

export type SpeakerRole = "segmentation" | "embedding";

export const SEGMENTATION_MODEL = "pyannote-segmentation-3.0";
export const EMBEDDING_MODEL = "wespeaker-voxceleb-resnet34-LM";

/** Both speaker models' folders: what the neural method loads. */
export type SpeakerModels = { segmentationDir: string; embeddingDir: string };

export type SpeakerCatalogEntry = {
  kind: "speakers";
  name: string;
  repo: string;
  role: SpeakerRole;
  /** config.json's model_type, as transformers.js registers the architecture. */
  modelType: string;
  license: string;
  /** Download size of onnx/model.onnx plus the JSON files, in MB. */
  approxMB: number;
};

export const SPEAKER_CATALOG: readonly SpeakerCatalogEntry[] = [
  {
    kind: "speakers",
    name: SEGMENTATION_MODEL,
    repo: "onnx-community/pyannote-segmentation-3.0",
    role: "segmentation",
    modelType: "pyannote",
    license: "MIT",
    approxMB: 6,
  },
  {
    kind: "speakers",
    name: EMBEDDING_MODEL,
    repo: "onnx-community/wespeaker-voxceleb-resnet34-LM",
    role: "embedding",
    modelType: "wespeaker-resnet",
    license: "Apache-2.0",
    approxMB: 27,
  },
];

/** Speaker models ship fp32 and an int8 file; the stage runs either (model.onnx first). */
export const SPEAKER_DTYPES = ["fp32", "q8"] as const satisfies readonly Dtype[];
export const SPEAKER_DEFAULT_DTYPE: Dtype = "fp32";

const ROLE_OF_TYPE: Record<string, SpeakerRole> = Object.fromEntries(SPEAKER_CATALOG.map((e) => [e.modelType, e.role]));

/** The role of a config.json's model_type, or null for anything that is not a speaker model. */
export function speakerRoleOf(config: unknown): SpeakerRole | null {
  const type = isRecord(config) ? config.model_type : undefined;
  return typeof type === "string" ? (ROLE_OF_TYPE[type] ?? null) : null;
}

export function speakerOnnxPath(dtype: Dtype): string {
  if (dtype === "fp32") return "onnx/model.onnx";
  if (dtype === "q8") return "onnx/model_quantized.onnx";
  throw new SeleniteError("bad_request", `Speaker models come in ${SPEAKER_DTYPES.join(" and ")}, not ${dtype}.`);
}

/** Files one pull of a speaker model fetches, small ones first. */
export function speakerFilesToPull(dtype: Dtype): string[] {
  return ["config.json", "preprocessor_config.json", speakerOnnxPath(dtype)];
}

export type InstalledSpeakerModel = {
  kind: "speakers";
  name: string;
  path: string;
  role: SpeakerRole;
  sizeBytes: number;
  dtypes: Dtype[];
};

export type SpeakerInspectResult = { ok: true; model: InstalledSpeakerModel } | { ok: false; reason: string };

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** Whether `dir` holds a speaker model (by its config.json), usable or not. */
export async function isSpeakerModelFolder(dir: string): Promise<boolean> {
  return speakerRoleOf(await readJson(path.join(dir, "config.json"))) !== null;
}

/** Checks a speaker model folder the way the speaker stage will load it. */
export async function inspectSpeakerFolder(dir: string, name = path.basename(dir)): Promise<SpeakerInspectResult> {
  const config = await readJson(path.join(dir, "config.json"));
  if (config === undefined) return { ok: false, reason: "config.json is missing or not valid JSON" };
  const role = speakerRoleOf(config);
  if (!role) return { ok: false, reason: `config.json says model_type '${String(isRecord(config) ? config.model_type : undefined)}', not a speaker model` };
  if (!isRecord(await readJson(path.join(dir, "preprocessor_config.json")))) {
    return { ok: false, reason: "preprocessor_config.json is missing or not valid JSON" };
  }
  const dtypes: Dtype[] = [];
  for (const dtype of SPEAKER_DTYPES) {
    const file = path.join(dir, speakerOnnxPath(dtype));
    const size = await fs.stat(file).then((s) => (s.isFile() ? s.size : -1), () => -1);
    if (size < 0) continue;
    const problem = await describeOnnxProblem(file);
    if (problem) return { ok: false, reason: `${speakerOnnxPath(dtype)} ${problem}` };
    dtypes.push(dtype);
  }
  if (dtypes.length === 0) return { ok: false, reason: "no onnx/model.onnx or onnx/model_quantized.onnx" };
  let sizeBytes = 0;
  for (const file of await fs.readdir(dir, { recursive: true })) {
    sizeBytes += await fs.stat(path.join(dir, file)).then((s) => (s.isFile() ? s.size : 0), () => 0);
  }
  return { ok: true, model: { kind: "speakers", name, path: dir, role, sizeBytes, dtypes } };
}

/**
 * Each role's usable folder (null when it has none): the catalogue's folder when it is
 * usable, else the first other usable folder whose config.json says that role.
 */
export async function speakerModelFolders(modelsDir: string): Promise<{ segmentation: string | null; embedding: string | null }> {
  const root = path.resolve(modelsDir);
  const entries = await fs.readdir(root).catch(() => [] as string[]);
  const found: { segmentation: string | null; embedding: string | null } = { segmentation: null, embedding: null };
  const inCatalog = (name: string) => SPEAKER_CATALOG.some((e) => e.name === name);
  const catalogFirst = entries.filter((name) => !name.startsWith(".")).sort((a, b) => Number(!inCatalog(a)) - Number(!inCatalog(b)) || a.localeCompare(b));
  for (const name of catalogFirst) {
    const dir = path.join(root, name);
    if (!(await isSpeakerModelFolder(dir))) continue;
    const result = await inspectSpeakerFolder(dir, name);
    if (result.ok) found[result.model.role] ??= dir;
  }
  return found;
}

/** Both speaker models' folders when both are installed and usable, else null. */
export async function installedSpeakerModels(modelsDir: string): Promise<SpeakerModels | null> {
  const { segmentation, embedding } = await speakerModelFolders(modelsDir);
  return segmentation && embedding ? { segmentationDir: segmentation, embeddingDir: embedding } : null;
}
