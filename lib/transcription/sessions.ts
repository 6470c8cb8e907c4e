// The onnxruntime sessions of one loaded model: the encoder, and the decoder split
// into "project" (cross-attention keys/values, once per window) and "step" (every
// token), see onnx/specialize.ts. A decoder that cannot be split (not optimum's
// merged layout) runs as the merged graph instead; both paths decode the same tokens.
import path from "node:path";
import { InferenceSession } from "onnxruntime-node";
import { DTYPE_SUFFIX, type Dtype } from "@/lib/models/dtypes";
import { readModelFile } from "./onnx/model-file";
import { specializeDecoder } from "./onnx/specialize";

export type DecoderSessions =
  | { kind: "split"; project: InferenceSession; step: InferenceSession }
  | { kind: "merged"; merged: InferenceSession };

export interface WhisperSessions {
  encoder: InferenceSession;
  decoder: DecoderSessions;
  /** Why the decoder runs merged, when it does (for the log). */
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

export async function createSessions(modelDir: string, dtype: Dtype, threads: number): Promise<WhisperSessions> {
  const onnxDir = path.join(modelDir, "onnx");
  const suffix = DTYPE_SUFFIX[dtype];
  const decoderFile = `decoder_model_merged${suffix}.onnx`;
  const encoder = await InferenceSession.create(path.join(onnxDir, `encoder_model${suffix}.onnx`), options(threads, false));
  const stepThreads = decoderThreads(threads);
  try {
    const graph = await readModelFile(path.join(onnxDir, decoderFile));
    const step = await InferenceSession.create(specializeDecoder(graph, "step", decoderFile), options(stepThreads, true, onnxDir));
    const project = await InferenceSession.create(specializeDecoder(graph, "project", decoderFile), options(threads, false, onnxDir)).catch(async (error: unknown) => {
      await step.release();
      throw error;
    });
    return { encoder, decoder: { kind: "split", project, step }, note: null };
  } catch (error) {
    const merged = await InferenceSession.create(path.join(onnxDir, decoderFile), options(stepThreads, true)).catch(async (loadError: unknown) => {
      await encoder.release();
      throw loadError;
    });
    const reason = error instanceof Error ? error.message : String(error);
    return { encoder, decoder: { kind: "merged", merged }, note: `decoder runs as one merged graph (${reason})` };
  }
}

export async function releaseSessions(sessions: WhisperSessions): Promise<void> {
  const { decoder } = sessions;
  const all = decoder.kind === "split" ? [decoder.project, decoder.step] : [decoder.merged];
  await Promise.all([sessions.encoder, ...all].map((session) => session.release()));
}
