import type { Dtype } from "./dtypes";
import type { RewriteRecords } from "./rewrites";

/** A model folder that transformers.js can load. */
export type InstalledModel = {
  /** Folder name under MODELS_DIR; what jobs and settings store. */
  name: string;
  /** Absolute path of the folder. */
  path: string;
  /** Apparent size of every file in the folder, in bytes. */
  sizeBytes: number;
  multilingual: boolean;
  /** Precisions whose encoder AND merged decoder (and any external data) are present. */
  dtypes: Dtype[];
  /** Languages the model can transcribe; 1 for English-only models, 0 if unknown. */
  languages: number;
  /** generation_config.json has alignment_heads (needed for word timestamps). */
  hasWordTimestamps: boolean;
  /** config.json model_type; always "whisper" today. */
  modelType: string;
  /** Which graph rewrites applied, per precision, when the engine last loaded it (rewrites.ts). */
  rewrites: RewriteRecords;
};

/** A folder in MODELS_DIR that looks like a model but cannot be loaded, and why. */
export type BrokenModel = {
  name: string;
  path: string;
  /** One sentence for a person, e.g. "missing tokenizer.json". */
  reason: string;
};

export type ScanResult = {
  models: InstalledModel[];
  broken: BrokenModel[];
};

export type InspectResult = { ok: true; model: InstalledModel } | { ok: false; broken: BrokenModel };
