// Loads a Whisper model folder: the feature extractor (mel front end) through
// transformers.js, local files only; the decode-only detokenizer (detokenizer.ts;
// transformers.js's full tokenizer if the folder's is not byte-level BPE); and the
// onnxruntime sessions the engine drives directly (sessions.ts), on the same
// onnxruntime-node that transformers.js uses.
import path from "node:path";
import { AutoFeatureExtractor, AutoTokenizer, env, LogLevel, WhisperFeatureExtractor } from "@huggingface/transformers";
import type { Dtype } from "@/lib/models/dtypes";
import { recordRewrites, type GraphRewrite } from "@/lib/models/rewrites";
import type { InstalledModel } from "@/lib/models/types";
import { SeleniteError } from "@/lib/errors";
import { logMel } from "./mel";
import { Detokenizer, UnsupportedTokenizer } from "./detokenizer";
import { decoderLayout, hasCrossAttentions, type DecoderLayout } from "./decoder-state";
import { float32Data, floatTensor, floatType, type InferenceSession, type OrtTensor } from "./ort";
import { createSessions, releaseSessions, type DecoderSessions, type WhisperSessions } from "./sessions";
import { INPUT_FEATURES } from "./tensor-names";
import { readWhisperSpec, type WhisperSpec } from "./whisper-spec";

export interface LoadedWhisper {
  key: string;
  name: string;
  dtype: Dtype;
  threads: number;
  spec: WhisperSpec;
  encoder: InferenceSession;
  decoder: DecoderSessions;
  /** Which graph rewrites applied (also recorded in the model folder: lib/models/rewrites.ts). */
  rewrites: GraphRewrite[];
  /** Set when a rewrite did not apply, and why (worth a log line). */
  sessionNote: string | null;
  layout: DecoderLayout;
  /** The model can time words: alignment heads and cross-attention outputs. */
  canAlignWords: boolean;
  /** Log-mel features of up to 30 s of 16 kHz audio, padded to a full window. */
  features(audio: Float32Array): Promise<OrtTensor>;
  decodeText(ids: number[]): string;
  /** Text -> token ids, no special tokens (the job's prompt). The encoder side is loaded on first use only. */
  encodeText(text: string): Promise<number[]>;
  dispose(): Promise<void>;
}

export function modelKey(model: InstalledModel, dtype: Dtype, threads: number): string {
  return `${model.path}\0${dtype}\0${threads}`;
}

export async function loadWhisper(model: InstalledModel, dtype: Dtype, threads: number): Promise<LoadedWhisper> {
  const spec = await readWhisperSpec(model.path, model.multilingual);
  // transformers.js resolves names under env.localModelPath; the folder's parent is
  // MODELS_DIR. Never the network: models are installed by `npm run models -- pull`.
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = path.dirname(model.path);
  env.logLevel = LogLevel.ERROR;
  let extractor: WhisperFeatureExtractor;
  let decodeText: (ids: number[]) => string;
  let sessions: WhisperSessions;
  try {
    const loaded = await AutoFeatureExtractor.from_pretrained(model.name, { local_files_only: true });
    if (!(loaded instanceof WhisperFeatureExtractor)) throw new Error("preprocessor_config.json does not describe a Whisper feature extractor");
    extractor = loaded;
    decodeText = await loadTextDecoder(model);
    sessions = await createSessions(model.path, dtype, threads, spec.encoderFrames);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0].slice(0, 200) : String(error);
    throw new SeleniteError("unprocessable", `Model '${model.name}' (${dtype}) could not be loaded: ${reason}`, { cause: error });
  }

  const { encoder, decoder } = sessions;
  // For `models list`, the Models page and /api/system. A read-only models folder
  // only loses the record; the model runs all the same.
  const recorded = await recordRewrites(model.path, dtype, sessions.rewrites).then(
    () => null,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  const stepSession = decoder.kind === "split" ? decoder.step : decoder.merged;
  const attentionLayers = [...new Set(spec.alignmentHeads.map(([layer]) => layer))];
  const canAlignWords = attentionLayers.length > 0 && hasCrossAttentions(stepSession, attentionLayers);
  const layout = {
    ...decoderLayout(stepSession, spec.decoderLayers, { heads: spec.decoderHeads, dModel: spec.dModel }),
    attentionLayers: canAlignWords ? attentionLayers : [],
  };
  const featureType = floatType(encoder, INPUT_FEATURES);

  return {
    key: modelKey(model, dtype, threads),
    name: model.name,
    dtype,
    threads,
    spec,
    encoder,
    decoder,
    rewrites: sessions.rewrites,
    sessionNote: [sessions.note, recorded && `the rewrite record could not be written (${recorded})`].filter(Boolean).join("; ") || null,
    layout,
    canAlignWords,
    async features(audio) {
      const features = await logMel(extractor, audio);
      if (featureType === "float32") return features.ort_tensor;
      return floatTensor(featureType, float32Data(features.ort_tensor), features.dims);
    },
    decodeText,
    encodeText: lazyEncoder(model),
    async dispose() {
      await releaseSessions(sessions);
    },
  };
}

async function loadTextDecoder(model: InstalledModel): Promise<(ids: number[]) => string> {
  try {
    const detokenizer = await Detokenizer.load(model.path);
    return (ids) => detokenizer.decode(ids);
  } catch (error) {
    if (!(error instanceof UnsupportedTokenizer)) throw error;
    const tokenizer = await AutoTokenizer.from_pretrained(model.name, { local_files_only: true });
    return (ids) => tokenizer.decode(ids, { skip_special_tokens: true });
  }
}

/**
 * transformers.js's full tokenizer, for the few words of a job's prompt: loaded the
 * first time a prompt is encoded, then kept with the model (the decode-only
 * detokenizer exists to keep its ~45 MB out of jobs without a prompt).
 */
function lazyEncoder(model: InstalledModel): (text: string) => Promise<number[]> {
  let loading: ReturnType<typeof AutoTokenizer.from_pretrained> | null = null;
  return async (text) => {
    loading ??= AutoTokenizer.from_pretrained(model.name, { local_files_only: true });
    const tokenizer = await loading.catch((error: unknown) => {
      loading = null;
      const reason = error instanceof Error ? error.message.split("\n")[0].slice(0, 200) : String(error);
      throw new SeleniteError("unprocessable", `Model '${model.name}' cannot encode the prompt: its tokenizer did not load (${reason}).`, { cause: error });
    });
    return tokenizer.encode(text, { add_special_tokens: false });
  };
}
