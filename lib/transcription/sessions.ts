// The onnxruntime sessions of one loaded model: the encoder, with its self-attention
// computed in blocks of query rows (onnx/chunk-attention.ts), and the decoder split
// into "project" (cross-attention keys/values, once per window) and "step" (every
// token), see onnx/specialize.ts. A graph that cannot be rewritten runs as exported
// (the note says why); every path computes the same outputs.
import path from "node:path";
import { InferenceSession } from "onnxruntime-node";
import { DTYPE_SUFFIX, type Dtype } from "@/lib/models/dtypes";
import { REWRITE_NAMES, type GraphRewrite } from "@/lib/models/rewrites";
import { chunkAttention } from "./onnx/chunk-attention";
import { readModelFile } from "./onnx/model-file";
import { specializeDecoder } from "./onnx/specialize";

export type DecoderSessions = { kind: "split"; project: InferenceSession; step: InferenceSession } | { kind: "merged"; merged: InferenceSession };

export interface WhisperSessions {
  encoder: InferenceSession;
  decoder: DecoderSessions;
  /** Which rewrites applied and why not when one did not (recorded: lib/models/rewrites.ts). */
  rewrites: GraphRewrite[];
  /** The rewrites that did not apply, in a sentence (for the log); null when all did. */
  note: string | null;
}

/**
 * Threads for the per-token decoder session: all of them, up to 4 (a step is a
 * chain of small matrix-vector products that stops scaling soon). Measured on 2
 * cores with the machine otherwise quiet: tiny 3.5 -> 2.4 ms per step, base
 * 7.2 -> 4.6 ms with 2 threads instead of 1 (with the cores busy elsewhere, 1
 * thread was faster: the spinning second thread then has to wait for a core).
 */
export function decoderThreads(threads: number): number {
  return Math.max(1, Math.min(threads, 4));
}

function options(threads: number, spin: boolean, externalDataDir?: string): InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
    logSeverityLevel: 3,
    // The arena keeps the encoder's peak (attention matrices: ~100 MB at tiny size)
    // for the model's lifetime; without it, and without shape-keyed memory
    // patterns, peak RSS is ~120 MB lower for the same CPU time.
    enableCpuMemArena: false,
    enableMemPattern: false,
    extra: {
      session: {
        // Pool threads spin between runs only for the decoder steps, which follow
        // each other within a millisecond; the once-per-window sessions must not
        // keep a core busy while the steps run.
        intra_op: { allow_spinning: spin ? "1" : "0" },
        ...(externalDataDir ? { model_external_initializers_file_folder_path: externalDataDir } : {}),
      },
    },
  };
}

/**
 * Query rows per block of the encoder's chunked self-attention (onnx/chunk-attention.ts):
 * 10 blocks of Whisper's 1500 frames, 7 MB of scores at base size instead of 72 MB.
 * Measured on 2 cores, blocks of 100-500 rows all ran the encoder ~30% faster than
 * one block (the scores stay in cache), with bit-identical output.
 */
const ENCODER_ROWS_PER_BLOCK = 150;

/**
 * The encoder with its self-attention computed in blocks of query rows; the file as
 * it is when no attention matches (the rewrite record says why).
 */
async function createEncoder(
  onnxDir: string,
  fileName: string,
  threads: number,
  positions: number,
): Promise<{ encoder: InferenceSession; rewrite: GraphRewrite }> {
  const file = path.join(onnxDir, fileName);
  const name = REWRITE_NAMES.rowBlockAttention;
  let reason: string;
  try {
    const chunked = chunkAttention(await readModelFile(file), fileName, { queryRows: positions, rowsPerBlock: ENCODER_ROWS_PER_BLOCK });
    if (chunked) {
      const encoder = await InferenceSession.create(chunked.bytes, options(threads, false, onnxDir));
      const blocks = Math.ceil(positions / ENCODER_ROWS_PER_BLOCK);
      const detail = `${chunked.attentions} self-attention${chunked.attentions === 1 ? "" : "s"} in ${blocks} blocks of ${ENCODER_ROWS_PER_BLOCK} of ${positions} query rows`;
      return { encoder, rewrite: { name, applied: true, detail } };
    }
    reason = "no attention in the expected form";
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  return { encoder: await InferenceSession.create(file, options(threads, false)), rewrite: { name, applied: false, detail: reason } };
}

export async function createSessions(modelDir: string, dtype: Dtype, threads: number, encoderPositions: number): Promise<WhisperSessions> {
  const onnxDir = path.join(modelDir, "onnx");
  const suffix = DTYPE_SUFFIX[dtype];
  const decoderFile = `decoder_model_merged${suffix}.onnx`;
  const { encoder, rewrite: encoderRewrite } = await createEncoder(onnxDir, `encoder_model${suffix}.onnx`, threads, encoderPositions);
  const stepThreads = decoderThreads(threads);
  const name = REWRITE_NAMES.splitDecoder;
  try {
    const graph = await readModelFile(path.join(onnxDir, decoderFile));
    const step = await InferenceSession.create(specializeDecoder(graph, "step", decoderFile), options(stepThreads, true, onnxDir));
    const project = await InferenceSession.create(specializeDecoder(graph, "project", decoderFile), options(threads, false, onnxDir)).catch(
      async (error: unknown) => {
        await step.release();
        throw error;
      },
    );
    const rewrites = [encoderRewrite, { name, applied: true, detail: "a per-token step graph and a once-per-window cross-attention graph" }];
    return { encoder, decoder: { kind: "split", project, step }, rewrites, note: noteOf(rewrites) };
  } catch (error) {
    const merged = await InferenceSession.create(path.join(onnxDir, decoderFile), options(stepThreads, true)).catch(async (loadError: unknown) => {
      await encoder.release();
      throw loadError;
    });
    const reason = error instanceof Error ? error.message : String(error);
    const rewrites = [encoderRewrite, { name, applied: false, detail: reason }];
    return { encoder, decoder: { kind: "merged", merged }, rewrites, note: noteOf(rewrites) };
  }
}

function noteOf(rewrites: GraphRewrite[]): string | null {
  const skipped = rewrites.filter((r) => !r.applied).map((r) => `${r.name} not applied (${r.detail})`);
  return skipped.length ? skipped.join("; ") : null;
}

export async function releaseSessions(sessions: WhisperSessions): Promise<void> {
  const { decoder } = sessions;
  const all = decoder.kind === "split" ? [decoder.project, decoder.step] : [decoder.merged];
  await Promise.all([sessions.encoder, ...all].map((session) => session.release()));
}
