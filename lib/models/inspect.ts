// Checks one model folder the way transformers.js will use it, and describes what it
// finds. Shared by the scanner (MODELS_DIR listing) and the downloader (which checks
// its download folder before moving it into place), so both agree on "usable".
import fs from "node:fs/promises";
import path from "node:path";
import { DTYPES, ONNX_PARTS, externalDataPaths, isRecord, onnxPath, type Dtype } from "./dtypes";
import { isValidModelName } from "./names";
import { describeOnnxProblem } from "./onnx-check";
import { readRewrites } from "./rewrites";
import type { InspectResult } from "./types";

/** JSON files transformers.js reads for Whisper: model, generation, features, tokenizer. */
export const REQUIRED_JSON_FILES = [
  "config.json",
  "generation_config.json",
  "preprocessor_config.json",
  "tokenizer.json",
  "tokenizer_config.json",
] as const;

type Json = Record<string, unknown>;

export async function inspectModelFolder(dir: string, name = path.basename(dir)): Promise<InspectResult> {
  const fail = (reason: string): InspectResult => ({ ok: false, broken: { name, path: dir, reason } });
  // A name resolveModel() would reject could never be selected, so say so up front.
  if (!isValidModelName(name)) {
    return fail("the folder name may only use letters, digits, '.', '_' and '-'; rename the folder");
  }

  const missing: string[] = [];
  for (const file of REQUIRED_JSON_FILES) {
    if (!(await isFile(inFolder(dir, file)))) missing.push(file);
  }
  if (missing.length > 0) return fail(`missing ${missing.join(", ")}`);

  const json = new Map<string, Json>();
  for (const file of REQUIRED_JSON_FILES) {
    const parsed = await readJsonObject(inFolder(dir, file));
    if (typeof parsed === "string") return fail(`${file} ${parsed}`);
    json.set(file, parsed);
  }
  const config = json.get("config.json") ?? {};
  const generation = json.get("generation_config.json") ?? {};

  const modelType = config.model_type;
  if (typeof modelType !== "string") return fail("config.json has no model_type (a Whisper model says 'whisper')");
  if (modelType !== "whisper") return fail(`config.json says model_type '${modelType}', not Whisper`);

  const dtypes = await completeDtypes(dir, config);
  if (typeof dtypes === "string") return fail(dtypes);

  const multilingual = isMultilingual(name, config, generation);
  const langToId = generation.lang_to_id;
  const languages = !multilingual ? 1 : isRecord(langToId) ? Object.keys(langToId).length : 0;
  const alignmentHeads = generation.alignment_heads;

  return {
    ok: true,
    model: {
      name,
      path: dir,
      sizeBytes: await folderSize(dir),
      multilingual,
      dtypes,
      languages,
      hasWordTimestamps: Array.isArray(alignmentHeads) && alignmentHeads.length > 0,
      modelType,
      rewrites: await readRewrites(dir),
    },
  };
}

/** Dtypes with a readable encoder + merged decoder pair, or the reason there are none. */
async function completeDtypes(dir: string, config: Json): Promise<Dtype[] | string> {
  if (!(await isDirectory(inFolder(dir, "onnx")))) return "no onnx/ folder with the model weights";
  const found: Dtype[] = [];
  for (const dtype of DTYPES) {
    let complete = true;
    for (const part of ONNX_PARTS) {
      const rel = onnxPath(part, dtype);
      if (!(await isFile(inFolder(dir, rel)))) {
        complete = false;
        continue;
      }
      // A damaged file makes the whole folder broken rather than quietly dropping a
      // dtype: the person should learn that a download or copy went wrong.
      const problem = await describeOnnxProblem(inFolder(dir, rel));
      if (problem) return `${rel} is not a readable ONNX file (${problem})`;
      for (const data of externalDataPaths(config, part, dtype)) {
        if (!(await isFile(inFolder(dir, data)))) return `${rel} keeps its weights in ${data}, which is missing`;
      }
    }
    if (complete) found.push(dtype);
  }
  if (found.length === 0) return "no complete ONNX pair (encoder + merged decoder) in onnx/";
  return found;
}

function isMultilingual(name: string, config: Json, generation: Json): boolean {
  if (typeof generation.is_multilingual === "boolean") return generation.is_multilingual;
  if (typeof config.is_multilingual === "boolean") return config.is_multilingual;
  const langToId = generation.lang_to_id;
  if (isRecord(langToId)) return Object.keys(langToId).length > 1;
  // OpenAI's English-only checkpoints are the ".en" ones; everything else is multilingual.
  return !/\.en(?:[_-]|$)/.test(name);
}

// Model folders are only known at run time. The comment tells Next's file tracer not
// to follow these paths; otherwise it traces the whole project into every route that
// imports the registry.
function inFolder(dir: string, rel: string): string {
  return path.join(/*turbopackIgnore: true*/ dir, rel);
}

// tokenizer.json is ~2.5 MB, and the health check and models page scan every model.
// Keep each file's verdict until its size or mtime changes; for the tokenizer files
// only the verdict is kept, not the (large) parsed object.
const jsonCache = new Map<string, { stamp: string; result: Json | string }>();
const CONTENT_NEEDED = new Set(["config.json", "generation_config.json"]);

async function readJsonObject(file: string): Promise<Json | string> {
  const stat = await fs.stat(file).catch(() => undefined);
  const stamp = stat ? `${stat.ino}:${stat.size}:${stat.mtimeMs}` : "";
  const cached = jsonCache.get(file);
  if (stat && cached?.stamp === stamp) return cached.result;
  const parsed = await parseJsonObject(file);
  const result = typeof parsed === "string" || CONTENT_NEEDED.has(path.basename(file)) ? parsed : {};
  if (jsonCache.size > 1000) jsonCache.clear(); // download folders come and go
  if (stat) jsonCache.set(file, { stamp, result });
  return result;
}

async function parseJsonObject(file: string): Promise<Json | string> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    return `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return "is not valid JSON";
  }
  return isRecord(value) ? value : "does not hold a JSON object";
}

/** Sum of file sizes below `dir`; symlinked directories are not followed (no cycles). */
export async function folderSize(dir: string): Promise<number> {
  let total = 0;
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await folderSize(full);
    else total += await fs.stat(full).then((s) => (s.isFile() ? s.size : 0), () => 0);
  }
  return total;
}

export async function isFile(file: string): Promise<boolean> {
  return fs.stat(file).then((s) => s.isFile(), () => false);
}

export async function isDirectory(dir: string): Promise<boolean> {
  return fs.stat(dir).then((s) => s.isDirectory(), () => false);
}
