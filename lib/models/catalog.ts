// Short names people type (`npm run models -- pull whisper-base`) mapped to model-hub
// repositories that already use the transformers.js layout (JSON files at the top,
// ONNX weights in onnx/ with dtype suffixes), and the files one pull fetches.
import { SeleniteError } from "../errors";
import { ONNX_PARTS, externalDataPaths, onnxPath, type Dtype } from "./dtypes";
import { REQUIRED_JSON_FILES } from "./inspect";
import { assertValidModelName } from "./names";

export type CatalogEntry = {
  name: string;
  repo: string;
  /** Precision pulled when --dtype is not given; see the note on DEFAULT_DTYPE below. */
  defaultDtype: Dtype;
  multilingual: boolean;
  /** Rough download size at defaultDtype, for the CLI and the models page. */
  approxMB: number;
  /** Exported with cross-attention outputs, which word-level timestamps need. */
  wordTimestamps: boolean;
};

// Default precision per size. tiny and base are small enough (~150 / ~290 MB) that
// full precision costs little, and 8-bit quantisation hurts the smallest models'
// accuracy the most, so they default to fp32. From small upwards fp32 means 1-3 GB
// of download and resident memory per worker on a home server; q8 is ~4x smaller
// and faster on CPU for a small accuracy cost, so they default to q8.
const SMALL = "fp32" satisfies Dtype;
const LARGE = "q8" satisfies Dtype;

function entry(name: string, repo: string, defaultDtype: Dtype, approxMB: number): CatalogEntry {
  return {
    name,
    repo,
    defaultDtype,
    approxMB,
    multilingual: !/\.en(?:_|$)/.test(name),
    wordTimestamps: name.endsWith("_timestamped"),
  };
}

export const CATALOG: readonly CatalogEntry[] = [
  entry("whisper-tiny", "onnx-community/whisper-tiny", SMALL, 150),
  entry("whisper-tiny.en", "onnx-community/whisper-tiny.en", SMALL, 150),
  entry("whisper-base", "onnx-community/whisper-base", SMALL, 290),
  entry("whisper-base.en", "onnx-community/whisper-base.en", SMALL, 290),
  entry("whisper-small", "onnx-community/whisper-small", LARGE, 250),
  entry("whisper-small.en", "onnx-community/whisper-small.en", LARGE, 250),
  // onnx-community has no plain medium export; Xenova's (the transformers.js
  // author's) repos are the same layout and what transformers.js documents.
  entry("whisper-medium", "Xenova/whisper-medium", LARGE, 800),
  entry("whisper-medium.en", "Xenova/whisper-medium.en", LARGE, 800),
  entry("whisper-large-v3-turbo", "onnx-community/whisper-large-v3-turbo", LARGE, 900),
  // Same weights exported with cross-attention outputs, for word-level timestamps.
  entry("whisper-tiny_timestamped", "onnx-community/whisper-tiny_timestamped", SMALL, 150),
  entry("whisper-base_timestamped", "onnx-community/whisper-base_timestamped", SMALL, 290),
  entry("whisper-small_timestamped", "onnx-community/whisper-small_timestamped", LARGE, 250),
  entry("whisper-large-v3-turbo_timestamped", "onnx-community/whisper-large-v3-turbo_timestamped", LARGE, 900),
];

/** Precision for repos outside the catalogue, whose size we do not know. */
export const DEFAULT_DTYPE: Dtype = LARGE;

export type PullTarget = {
  /** Folder name the model is installed under. */
  name: string;
  /** `owner/repo` on the host. */
  repo: string;
  defaultDtype: Dtype;
};

const REPO_PART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Resolves what `npm run models -- pull X` means: a catalogue name, or any
 * `owner/repo` in the same layout (installed under the repo part of its name).
 */
export function resolvePullTarget(nameOrRepo: string): PullTarget {
  const known = CATALOG.find((e) => e.name === nameOrRepo || e.repo === nameOrRepo);
  if (known) return { name: known.name, repo: known.repo, defaultDtype: known.defaultDtype };

  const parts = nameOrRepo.split("/");
  if (parts.length === 2 && parts.every((p) => REPO_PART.test(p) && !p.includes(".."))) {
    const name = parts[1];
    assertValidModelName(name);
    return { name, repo: nameOrRepo, defaultDtype: DEFAULT_DTYPE };
  }
  const names = CATALOG.map((e) => e.name).join(", ");
  throw new SeleniteError(
    "bad_request",
    `Unknown model '${nameOrRepo}'. Use one of ${names}, or a hub repository as owner/repo.`,
  );
}

/**
 * Files a pull of `dtype` fetches, in download order: the JSON files first (small,
 * and config.json tells us about external data), then encoder and merged decoder
 * with any external-data chunks config.json declares for them.
 */
export function filesToPull(config: Record<string, unknown>, dtype: Dtype): string[] {
  const files: string[] = [...REQUIRED_JSON_FILES];
  for (const part of ONNX_PARTS) {
    files.push(onnxPath(part, dtype), ...externalDataPaths(config, part, dtype));
  }
  return files;
}
