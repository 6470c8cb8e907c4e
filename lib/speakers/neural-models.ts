// Loads the two speaker models from their folders (the hub layouts of
// onnx-community/pyannote-segmentation-3.0 and a WeSpeaker ResNet34 export) onto the
// engine's onnxruntime-node, checking each one's I/O contract up front so a wrong or
// damaged file fails with a message a person can act on, not deep inside a run.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { WeSpeakerFeatureExtractor } from "@huggingface/transformers";
import { InferenceSession } from "onnxruntime-node";
import { SeleniteError } from "@/lib/errors";
import { powersetClasses, powersetShape } from "./reconstruct";

const REDOWNLOAD = "Re-download the speaker models on the Models page.";

export interface SegmentationModel {
  session: InferenceSession;
  sampleRate: number;
  /** Samples between output frames, and the samples one frame sees (preprocessor_config.json). */
  frameStep: number;
  frameOffset: number;
  classes: number[][];
  speakers: number;
}

export interface EmbeddingModel {
  session: InferenceSession;
  input: string;
  output: string;
  fbank: WeSpeakerFeatureExtractor;
}

/** model.onnx, or the int8 file when only that one was pulled. */
async function onnxFile(dir: string): Promise<string> {
  for (const name of ["model.onnx", "model_quantized.onnx"]) {
    const file = path.join(dir, "onnx", name);
    if (
      await stat(file).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return file;
  }
  return path.join(dir, "onnx", "model.onnx");
}

function broken(role: string, dir: string, reason: string, cause?: unknown): SeleniteError {
  return new SeleniteError("unavailable", `The speaker ${role} model in ${dir} cannot be used: ${reason}. ${REDOWNLOAD}`, { cause });
}

async function readJson(role: string, dir: string, name: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path.join(dir, name), "utf8");
  } catch (error) {
    throw broken(role, dir, `${name} is missing`, error);
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (error) {
    throw broken(role, dir, `${name} is not valid JSON`, error);
  }
  throw broken(role, dir, `${name} is not a JSON object`);
}

async function createSession(role: string, dir: string, threads: number): Promise<InferenceSession> {
  const file = await onnxFile(dir);
  try {
    return await InferenceSession.create(file, {
      intraOpNumThreads: Math.max(1, threads),
      interOpNumThreads: 1,
      executionMode: "sequential",
      graphOptimizationLevel: "all",
      logSeverityLevel: 3,
      // Window-sized inputs of varying length: shape-keyed memory patterns only hold on to peaks.
      enableMemPattern: false,
      extra: { session: { intra_op: { allow_spinning: "0" } } },
    });
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException)?.code === "ENOENT" || /no such file|does not exist|ENOENT/i.test(String(error));
    throw broken(role, dir, missing ? `${path.relative(dir, file)} is missing` : `${path.relative(dir, file)} is damaged or not an ONNX model`, error);
  }
}

const positive = (value: unknown, fallback: number) => (typeof value === "number" && Number.isFinite(value) && value > 0 ? value : fallback);

export async function loadSegmentation(dir: string, threads: number): Promise<SegmentationModel> {
  const role = "segmentation";
  const preprocessor = await readJson(role, dir, "preprocessor_config.json");
  const session = await createSession(role, dir, threads);
  try {
    if (!session.inputNames.includes("input_values") || !session.outputNames.includes("logits")) {
      throw broken(role, dir, `it takes ${session.inputNames.join(", ")} and gives ${session.outputNames.join(", ")}, not input_values → logits`);
    }
    const logits = session.outputMetadata.find((m) => m.name === "logits");
    const width = logits?.isTensor ? logits.shape[logits.shape.length - 1] : undefined;
    const shape = typeof width === "number" ? powersetShape(width) : null;
    if (!shape) throw broken(role, dir, `its logits have ${String(width)} classes, not a powerset of local speakers`);
    return {
      session,
      sampleRate: positive(preprocessor.sampling_rate, 16000),
      frameStep: positive(preprocessor.step, 270),
      frameOffset: positive(preprocessor.offset, 990),
      classes: powersetClasses(shape.speakers, shape.maxSimultaneous),
      speakers: shape.speakers,
    };
  } catch (error) {
    await session.release();
    throw error;
  }
}

export async function loadEmbedding(dir: string, threads: number): Promise<EmbeddingModel> {
  const role = "embedding";
  const preprocessor = await readJson(role, dir, "preprocessor_config.json");
  const session = await createSession(role, dir, threads);
  try {
    const input = session.inputNames.find((name) => name === "input_features" || name === "feats") ?? session.inputNames[0];
    const metadata = session.inputMetadata.find((m) => m.name === input);
    const mels = metadata?.isTensor ? metadata.shape[metadata.shape.length - 1] : undefined;
    const bins = positive(preprocessor.num_mel_bins, 80);
    const rank = metadata?.isTensor ? metadata.shape.length : undefined;
    if (session.inputNames.length !== 1 || rank !== 3 || (typeof mels === "number" && mels !== bins)) {
      throw broken(role, dir, `it takes ${session.inputNames.join(", ")}, not one [batch, frames, ${bins}] fbank input`);
    }
    const out = session.outputMetadata[0];
    if (!out?.isTensor || out.shape.length !== 2) {
      throw broken(role, dir, `it gives ${session.outputNames.join(", ")}, not one [batch, dimensions] embedding`);
    }
    const fbank = new WeSpeakerFeatureExtractor({
      feature_extractor_type: "WeSpeakerFeatureExtractor",
      sampling_rate: 16000,
      min_num_frames: 9,
      fbank_centering_span: null,
      ...preprocessor,
      num_mel_bins: bins,
    });
    return { session, input, output: session.outputNames[0], fbank };
  } catch (error) {
    await session.release();
    throw error;
  }
}
