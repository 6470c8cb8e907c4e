// One window's pass through the Whisper decoder, driven directly on onnxruntime
// with a KV cache. Compared with transformers.js's generate(), a step fetches only
// what the next step needs (the logits and the self-attention cache); the
// cross-attention keys/values are computed once per window (by the "project" graph,
// or by the merged graph's first call) and fed back unchanged; cross-attention
// weights are fetched only for word timestamps.
import type { InferenceSession, OrtTensor } from "./ort";
import { boolTensor, dispose, emptyTensor, float32Data, floatType, gatherRows, int64Tensor } from "./ort";
import type { DecoderSessions } from "./sessions";
import {
  CACHE_KINDS as KINDS,
  crossAttentionName,
  ENCODER_HIDDEN_STATES,
  INPUT_IDS,
  LOGITS,
  pastName,
  pastOf,
  presentName,
  USE_CACHE_BRANCH,
} from "./tensor-names";

export interface DecoderLayout {
  layers: number;
  heads: number;
  headDim: number;
  /** Decoder layers whose cross-attention weights the caller wants, per call. */
  attentionLayers: number[];
}

/** Rows of cross-attention, [heads][queryPositions][encoderFrames], per requested layer. */
export type AttentionByLayer = Map<number, { data: Float32Array; heads: number; positions: number; frames: number }>;

export interface FeedResult {
  /** Logits of the last fed position (a copy the caller may modify). */
  logits: Float32Array;
  attention?: AttentionByLayer;
  /** Logits of the fed position asked for with `rowAt` (a copy; the no-speech probability reads it). */
  row?: Float32Array;
}

export class DecoderState {
  private past = new Map<string, OrtTensor>();
  private started = false;
  private length = 0;
  /** Sequences in the cache: 1, or the live beams after feedBeams(). */
  private batch = 1;
  private readonly session: InferenceSession;

  constructor(
    private readonly decoder: DecoderSessions,
    private readonly layout: DecoderLayout,
    private readonly encoderStates: OrtTensor,
  ) {
    this.session = decoder.kind === "split" ? decoder.step : decoder.merged;
  }

  /** Tokens fed so far (prompt and generated). */
  get position(): number {
    return this.length;
  }

  async feed(tokens: readonly number[], withAttention = false, rowAt?: number): Promise<FeedResult> {
    if (this.batch !== 1) throw new Error("feed() continues a single sequence; this state holds beams (feedBeams)");
    const outputs = await this.run(int64Tensor(tokens, [1, tokens.length]), withAttention);
    this.length += tokens.length;
    const logitsTensor = outputs[LOGITS];
    const [, positions, vocab] = logitsTensor.dims;
    const all = float32Data(logitsTensor);
    const logits = all.slice((positions - 1) * vocab, positions * vocab);
    // rowAt: the logits after an earlier token of this feed too (the no-speech
    // probability is read after <|startoftranscript|>, which a prompt puts mid-feed).
    const row = rowAt !== undefined && rowAt >= 0 && rowAt < positions ? all.slice(rowAt * vocab, (rowAt + 1) * vocab) : undefined;
    logitsTensor.dispose();
    const result: FeedResult = withAttention ? { logits, attention: this.attention(outputs) } : { logits };
    if (row) result.row = row;
    return result;
  }

  /**
   * One token for each beam, all beams in one decoder run (batch dimension = beams):
   * beam b continues the sequence in row sources[b] of the cache (beam search keeps,
   * drops and duplicates sequences between steps). The self-attention cache is
   * gathered by those rows first; the cross-attention keys/values are the same for
   * every beam and are copied to the new batch size only when it changes. A batch
   * dimension in the past inputs is what Whisper's exported decoders declare
   * (symbolic "batch_size"); neither graph rewrite fixes it (the split decoder keeps
   * the merged graph's inputs, the row-block attention touches only the encoder).
   */
  async feedBeams(sources: readonly number[], tokens: readonly number[]): Promise<Float32Array[]> {
    if (!this.started) throw new Error("feedBeams() needs the prompt fed first");
    if (sources.length !== tokens.length || sources.length === 0) throw new Error("one source row per beam token");
    if (sources.some((s) => !Number.isInteger(s) || s < 0 || s >= this.batch)) throw new Error("a beam's source row is outside the cache");
    const identity = sources.length === this.batch && sources.every((s, i) => s === i);
    if (!identity) {
      for (const [name, tensor] of this.past) {
        // Decoder rows follow their beams; encoder rows are all alike, only their count changes.
        if (name.includes(".decoder.") || sources.length !== this.batch) {
          this.past.set(name, gatherRows(tensor, sources));
          tensor.dispose();
        }
      }
      this.batch = sources.length;
    }
    const outputs = await this.run(int64Tensor(tokens, [tokens.length, 1]), false);
    this.length += 1;
    const logitsTensor = outputs[LOGITS];
    const vocab = logitsTensor.dims[2];
    const data = float32Data(logitsTensor);
    const rows = tokens.map((_, b) => data.slice(b * vocab, (b + 1) * vocab));
    logitsTensor.dispose();
    return rows;
  }

  private async run(inputIds: OrtTensor, withAttention: boolean): Promise<Record<string, OrtTensor>> {
    const { layers } = this.layout;
    if (!this.started && this.decoder.kind === "split") await this.project(this.decoder.project);
    const feeds: Record<string, OrtTensor> = {
      [INPUT_IDS]: inputIds,
      [ENCODER_HIDDEN_STATES]: this.encoderStates,
      [USE_CACHE_BRANCH]: boolTensor(this.started),
    };
    for (let i = 0; i < layers; i++) {
      for (const side of ["decoder", "encoder"] as const) {
        for (const kind of KINDS) {
          const name = pastName(i, side, kind);
          feeds[name] = this.past.get(name) ?? this.emptyPast(name);
        }
      }
    }
    const fetches = [LOGITS];
    const mergedFirst = !this.started && this.decoder.kind === "merged";
    for (let i = 0; i < layers; i++) {
      for (const kind of KINDS) {
        fetches.push(presentName(i, "decoder", kind));
        if (mergedFirst) fetches.push(presentName(i, "encoder", kind));
      }
    }
    if (withAttention) for (const layer of this.layout.attentionLayers) fetches.push(crossAttentionName(layer));

    const inputs = Object.fromEntries(this.session.inputNames.map((name) => [name, feeds[name]]));
    const outputs = await this.session.run(inputs, fetches);
    const previous = [...this.past.entries()].filter(([name]) => name.includes(".decoder."));
    for (let i = 0; i < layers; i++) {
      for (const kind of KINDS) {
        this.past.set(pastName(i, "decoder", kind), outputs[presentName(i, "decoder", kind)]);
        if (mergedFirst) this.past.set(pastName(i, "encoder", kind), outputs[presentName(i, "encoder", kind)]);
      }
    }
    dispose(previous.map(([, tensor]) => tensor));
    this.started = true;
    return outputs;
  }

  private async project(session: InferenceSession): Promise<void> {
    const outputs = await session.run({ [ENCODER_HIDDEN_STATES]: this.encoderStates });
    for (const [name, tensor] of Object.entries(outputs)) this.past.set(pastOf(name), tensor);
  }

  /** Drops the cache; the encoder output belongs to the caller. */
  release(): void {
    dispose(this.past.values());
    this.past.clear();
  }

  private attention(outputs: Record<string, OrtTensor>): AttentionByLayer {
    const result: AttentionByLayer = new Map();
    for (const layer of this.layout.attentionLayers) {
      const tensor = outputs[crossAttentionName(layer)];
      const [, heads, positions, frames] = tensor.dims;
      // A view: the caller copies the rows it keeps right away.
      result.set(layer, { data: float32Data(tensor), heads, positions, frames });
      tensor.dispose();
    }
    return result;
  }

  private emptyPast(name: string): OrtTensor {
    // The first call has no past; optimum's merged decoder still wants the inputs,
    // with a zero-length sequence axis.
    return emptyTensor(floatType(this.session, name), [1, this.layout.heads, 0, this.layout.headDim]);
  }
}

/** Heads and head size from the decoder's declared past inputs (optimum writes them as numbers). */
export function decoderLayout(session: InferenceSession, layers: number, fallback: { heads: number; dModel: number }): Omit<DecoderLayout, "attentionLayers"> {
  const metadata = session.inputMetadata.find((m) => m.name === pastName(0, "decoder", "key"));
  const shape = metadata?.isTensor ? metadata.shape : [];
  const heads = typeof shape[1] === "number" ? shape[1] : fallback.heads;
  const headDim = typeof shape[3] === "number" ? shape[3] : fallback.dModel / fallback.heads;
  return { layers, heads, headDim };
}

export function hasCrossAttentions(session: InferenceSession, layers: number[]): boolean {
  return layers.every((layer) => session.outputNames.includes(crossAttentionName(layer)));
}
