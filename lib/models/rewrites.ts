// Which of the engine's graph rewrites (docs/engine.md) applied to a model, recorded
// by the transcription worker each time it prepares the model's sessions and read by
// `npm run models -- list`, the Models page and /api/system. The record lives in the
// model's folder (one entry per precision), so the CLI can read it without loading
// onnxruntime, and a model pulled again (new folder) starts without one.
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { DTYPES, type Dtype } from "./dtypes";

/** The file in a model folder; a dot-name, so it never looks like part of the model. */
export const REWRITES_FILE = ".selenite-rewrites.json";

export const REWRITE_NAMES = {
  rowBlockAttention: "row-block attention",
  splitDecoder: "split decoder",
} as const;

const rewriteSchema = z.object({
  /** What the rewrite is called in docs/engine.md. */
  name: z.enum([REWRITE_NAMES.rowBlockAttention, REWRITE_NAMES.splitDecoder]),
  applied: z.boolean(),
  /** What it did ("6 attentions in blocks of 150 rows") or why it did not apply. */
  detail: z.string(),
});

const recordSchema = z.object({
  recordedAt: z.string(),
  rewrites: z.array(rewriteSchema),
});

// Partial: a record holds only the precisions that were loaded.
const fileSchema = z.partialRecord(z.enum(DTYPES), recordSchema);

export type GraphRewrite = z.infer<typeof rewriteSchema>;
export type RewriteRecord = z.infer<typeof recordSchema>;
/** By precision: each precision has its own ONNX files, so its own outcome. */
export type RewriteRecords = Partial<Record<Dtype, RewriteRecord>>;

/** The records of a model folder; none when it was never loaded (or the file is unreadable). */
export async function readRewrites(modelDir: string): Promise<RewriteRecords> {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(await fs.readFile(path.join(modelDir, REWRITES_FILE), "utf8")));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/**
 * Stores what the rewrites did for `dtype`, keeping the other precisions' records.
 * Written to a temporary name and renamed, so a reader never sees half a file.
 */
export async function recordRewrites(modelDir: string, dtype: Dtype, rewrites: GraphRewrite[], now = new Date()): Promise<void> {
  const records = await readRewrites(modelDir);
  records[dtype] = { recordedAt: now.toISOString(), rewrites };
  const file = path.join(modelDir, REWRITES_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, `${JSON.stringify(records, null, 2)}\n`);
  await fs.rename(temp, file);
}

/** One line per precision for a person: "q8: row-block attention, split decoder". */
export function describeRewrites(records: RewriteRecords): string[] {
  return DTYPES.flatMap((dtype) => {
    const record = records[dtype];
    if (!record) return [];
    const applied = record.rewrites.filter((r) => r.applied).map((r) => r.name);
    const skipped = record.rewrites.filter((r) => !r.applied).map((r) => `${r.name} not applied: ${r.detail}`);
    return [`${dtype}: ${[applied.length ? applied.join(", ") : "none applied", ...skipped].join("; ")}`];
  });
}
