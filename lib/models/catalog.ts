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
  /** Exported with cross-attention outputs, which word timestamps need. */
  wordTimestamps: boolean;
  /** Parameters in millions (OpenAI's model card); sizes and memory follow from it. */
  paramsM: number;
  /**
   * Estimated speed on a 4-core x86 home server at the default dtype, as multiples of
   * real time (10 = an hour of audio in 6 minutes). An estimate from the parameter
   * count, not a measurement on this server.
   */
  speedX: number;
};

// Default precision per size. tiny and base are small enough (~150 / ~290 MB) that
// full precision costs little, and 8-bit quantisation hurts the smallest models'
// accuracy the most, so they default to fp32. From small upwards fp32 means 1-3 GB
// of download and resident memory per worker on a home server; q8 is ~4x smaller
// and faster on CPU for a small accuracy cost, so they default to q8.
const SMALL = "fp32" satisfies Dtype;
const LARGE = "q8" satisfies Dtype;

// Parameters (millions) and estimated real-time factor per Whisper size.
const SIZES: Record<string, { paramsM: number; speedX: number }> = {
  tiny: { paramsM: 39, speedX: 30 },
  base: { paramsM: 74, speedX: 15 },
  small: { paramsM: 244, speedX: 5 },
  medium: { paramsM: 769, speedX: 1.5 },
  "large-v3-turbo": { paramsM: 809, speedX: 2 },
};

function sizeOf(name: string): { paramsM: number; speedX: number } {
  const key = Object.keys(SIZES).find((size) => name.startsWith(`whisper-${size}`));
  return key ? SIZES[key] : { paramsM: 0, speedX: 0 };
}

function entry(name: string, repo: string, defaultDtype: Dtype, approxMB: number): CatalogEntry {
  return {
    name,
    repo,
    defaultDtype,
    approxMB,
    ...sizeOf(name),
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
  // Same weights exported with cross-attention outputs, for word timestamps.
  entry("whisper-tiny_timestamped", "onnx-community/whisper-tiny_timestamped", SMALL, 150),
  entry("whisper-base_timestamped", "onnx-community/whisper-base_timestamped", SMALL, 290),
  entry("whisper-small_timestamped", "onnx-community/whisper-small_timestamped", LARGE, 250),
  entry("whisper-large-v3-turbo_timestamped", "onnx-community/whisper-large-v3-turbo_timestamped", LARGE, 900),
];

/** Precisions the Models page offers; a repo without one is refused in seconds, with the reason. */
export const OFFERED_DTYPES = ["q8", "fp16", "fp32"] as const satisfies readonly Dtype[];

const BYTES_PER_PARAM: Partial<Record<Dtype, number>> = { fp32: 4, fp16: 2, q8: 1, int8: 1, uint8: 1, q4: 0.6, bnb4: 0.6, q4f16: 0.7 };

/** Estimated download size of `entry` at `dtype`, in MB (encoder + merged decoder + JSON files). */
export function estimatedSizeMB(entry: CatalogEntry, dtype: Dtype): number {
  const perParam = BYTES_PER_PARAM[dtype];
  if (dtype === entry.defaultDtype || !perParam || !entry.paramsM) return entry.approxMB;
  return Math.round(entry.paramsM * perParam + 3);
}

/**
 * Estimated memory one worker needs to run `entry` at `dtype`, in MB: the weights,
 * onnxruntime's arenas and the decoder's key/value cache (about 1.5x the weights),
 * plus the engine's own ~300 MB.
 */
export function estimatedRamMB(entry: CatalogEntry, dtype: Dtype): number {
  return Math.round(estimatedSizeMB(entry, dtype) * 1.5 + 300);
}

/** Languages a catalogue model transcribes: Whisper's 99, or English alone. */
export function languageCount(entry: CatalogEntry): number {
  return entry.multilingual ? 99 : 1;
}

/**
 * The model to suggest for a machine: the most accurate multilingual model that runs
 * near real time on its cores and leaves room in its memory (a quarter of it for the
 * model). Small servers get whisper-base; whisper-tiny only below 2 GB.
 */
export function recommendModel(machine: { totalMemMB: number; cores: number }): CatalogEntry {
  const pick = (name: string) => CATALOG.find((e) => e.name === name)!;
  const fits = (name: string) => estimatedRamMB(pick(name), pick(name).defaultDtype) <= machine.totalMemMB / 4;
  if (machine.cores >= 8 && fits("whisper-large-v3-turbo")) return pick("whisper-large-v3-turbo");
  if (machine.cores >= 4 && fits("whisper-small")) return pick("whisper-small");
  if (machine.totalMemMB >= 2048) return pick("whisper-base");
  return pick("whisper-tiny");
}

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
