// Defines every parameter of the model. Purely random weights decode to one token
// repeated forever, or to a storm of timestamps, and end at random or never. A few
// structured choices make the output look like a transcript instead:
// - lowercase letters and spaces are the likeliest tokens, control tokens never win;
// - timestamps are unlikely, except the first one the timestamp rules force, which
//   comes out early (<|0.00|>..);
// - <|endoftext|> follows after roughly TARGET_TOKENS tokens, like real speech;
// - the text depends on the audio (sharp cross-attention) and varies step to step.
import type { ModelDims, Params } from "./params";
import { streamFor, uniform } from "./random";
import type { Vocab } from "./vocab";

/** Spread (std) of each token kind's logit, in units of LOGIT_SCALE. */
const LOGIT_STD = { word: 1.0, ascii: 0.45, other: 0.2, endOfText: 0.2, special: 0.2, timestamp: 0.2 };
/** Typical logit spread of a lowercase letter. */
const LOGIT_SCALE = 4;
/** Fixed logit offsets per token kind (<|endoftext|>'s is set in outputProjection). */
const LOGIT_BIAS = { word: 0, ascii: -1, other: -3, endOfText: 0, special: -12, timestamp: -6 };
/** Per-timestamp decrease of the timestamp bias, so the forced first one is early. */
const TIMESTAMP_SLOPE = 0.02;
/** Position scale of the length channel (see EOT_GAIN). */
const TARGET_TOKENS = 80;
/**
 * Logit gain of <|endoftext|> on the length channel; with the bias below it makes
 * <|endoftext|> win after about 80-95 tokens (measured on micro, tiny and base,
 * compact and full vocabulary).
 */
const EOT_GAIN = 22;
/** <|endoftext|> starts this far below the typical best text logit. */
const EOT_MARGIN = 20;

/**
 * Two residual channels of the decoder carry no learned features:
 * BIAS_CHANNEL is the constant 1 after the final LayerNorm (so proj_out's column
 * there is a per-token logit bias) and LENGTH_CHANNEL carries the position, which
 * only <|endoftext|> reads.
 */
const BIAS_CHANNEL = 0;
const LENGTH_CHANNEL = 1;

export function defineParams(params: Params, dims: ModelDims, vocab: Vocab): void {
  const { dModel: d, ffn, nMels } = dims;
  const linear = (name: string, inDim: number, outDim: number, options: { gain?: number; bias?: boolean } = {}) => {
    params.random(`${name}.weight`, [inDim, outDim], (options.gain ?? 1) / Math.sqrt(inDim));
    if (options.bias ?? true) params.random(`${name}.bias`, [outDim], 0.02);
  };
  const layerNorm = (name: string) => {
    params.random(`${name}.weight`, [d], 0.05, 1);
    params.random(`${name}.bias`, [d], 0.02);
  };
  const attention = (name: string, options: { outGain?: number; queryGain?: number } = {}) => {
    linear(`${name}.q_proj`, d, d, { gain: options.queryGain });
    linear(`${name}.k_proj`, d, d, { bias: false });
    linear(`${name}.v_proj`, d, d);
    linear(`${name}.out_proj`, d, d, { gain: options.outGain });
  };

  // Encoder: conv stem, transformer layers, final norm.
  params.random("encoder.conv1.weight", [d, nMels, 3], 1 / Math.sqrt(nMels * 3));
  params.random("encoder.conv1.bias", [d], 0.1);
  params.random("encoder.conv2.weight", [d, d, 3], 1 / Math.sqrt(d * 3));
  params.random("encoder.conv2.bias", [d], 0.1);
  for (let i = 0; i < dims.encoderLayers; i++) {
    const p = `encoder.layers.${i}`;
    layerNorm(`${p}.self_attn_layer_norm`);
    attention(`${p}.self_attn`);
    layerNorm(`${p}.final_layer_norm`);
    linear(`${p}.fc1`, d, ffn);
    linear(`${p}.fc2`, ffn, d);
  }
  layerNorm("encoder.layer_norm");

  // Decoder. Sublayer outputs are scaled down with depth so that the token and
  // position embeddings, which change every step, keep a say in the output.
  const residualGain = 0.5 / Math.sqrt(dims.decoderLayers);
  const tokens = params.random("decoder.embed_tokens.weight", [dims.vocabSize, d], 1);
  const positions = params.random("decoder.embed_positions.weight", [dims.maxTargetPositions, d], 1);
  for (let i = 0; i < dims.decoderLayers; i++) {
    const p = `decoder.layers.${i}`;
    layerNorm(`${p}.self_attn_layer_norm`);
    attention(`${p}.self_attn`, { outGain: residualGain });
    layerNorm(`${p}.encoder_attn_layer_norm`);
    // Larger queries make cross-attention sharp: each step reads a few frames, so
    // the text follows the audio and word timestamps have something to align.
    attention(`${p}.encoder_attn`, { outGain: residualGain, queryGain: 4 });
    layerNorm(`${p}.final_layer_norm`);
    linear(`${p}.fc1`, d, ffn);
    linear(`${p}.fc2`, ffn, d, { gain: residualGain });
  }
  const finalNorm = params.random("decoder.layer_norm.weight", [d], 0.05, 1);
  const finalBias = params.random("decoder.layer_norm.bias", [d], 0.02);

  // The length channel holds exactly a ramp over positions: embeddings write it,
  // no sublayer reads (LayerNorm gain 0) or writes (zero output column) it.
  for (let t = 0; t < dims.vocabSize; t++) tokens.data[t * d + LENGTH_CHANNEL] = 0;
  for (let pos = 0; pos < dims.maxTargetPositions; pos++) {
    positions.data[pos * d + LENGTH_CHANNEL] = Math.fround(pos / TARGET_TOKENS);
  }
  for (let i = 0; i < dims.decoderLayers; i++) {
    const p = `decoder.layers.${i}`;
    for (const norm of ["self_attn_layer_norm", "encoder_attn_layer_norm", "final_layer_norm"]) {
      params.get(`${p}.${norm}.weight`).data[LENGTH_CHANNEL] = 0;
      params.get(`${p}.${norm}.bias`).data[LENGTH_CHANNEL] = 0;
    }
    for (const out of ["self_attn.out_proj", "encoder_attn.out_proj", "fc2"]) {
      const w = params.get(`${p}.${out}.weight`);
      for (let r = 0; r < w.dims[0]; r++) w.data[r * d + LENGTH_CHANNEL] = 0;
      params.get(`${p}.${out}.bias`).data[LENGTH_CHANNEL] = 0;
    }
  }
  finalNorm.data[BIAS_CHANNEL] = 0;
  finalBias.data[BIAS_CHANNEL] = 1;
  finalNorm.data[LENGTH_CHANNEL] = 1;
  finalBias.data[LENGTH_CHANNEL] = 0;

  // Output projection [d, vocab] (Whisper's proj_out). Whisper ties it to
  // embed_tokens; random tied weights favour repeating the previous token, so
  // this model keeps its own (same shape and cost as the exported MatMul).
  params.define("proj_out.weight", [d, dims.vocabSize], () => outputProjection(params.seed, dims, vocab));
}

function tokenKind(vocab: Vocab, id: number): keyof typeof LOGIT_STD {
  const { ids } = vocab;
  if (id < vocab.text.length) return vocab.textClass[id];
  if (id === ids.endOfText) return "endOfText";
  return id >= ids.timestampBegin ? "timestamp" : "special";
}

function outputProjection(seed: number, dims: ModelDims, vocab: Vocab): Float32Array {
  const d = dims.dModel;
  const rng = streamFor(seed, "proj_out.weight");
  // The best of n letter-like logits is about LOGIT_SCALE * sqrt(2 ln n); the full
  // vocabulary has far more of them, so <|endoftext|> needs a higher bias there.
  const wordCount = vocab.textClass.filter((c) => c === "word").length;
  const endOfTextBias = LOGIT_SCALE * Math.sqrt(2 * Math.log(wordCount)) - EOT_MARGIN;
  const vocabSize = dims.vocabSize;
  const out = new Float32Array(d * vocabSize);
  for (let id = 0; id < vocabSize; id++) {
    const kind = tokenKind(vocab, id);
    const column = uniform(rng, d, (LOGIT_STD[kind] * LOGIT_SCALE) / Math.sqrt(d - 2));
    const timestampIndex = kind === "timestamp" ? id - vocab.ids.timestampBegin : 0;
    column[BIAS_CHANNEL] = LOGIT_BIAS[kind] - timestampIndex * TIMESTAMP_SLOPE + (kind === "endOfText" ? endOfTextBias : 0);
    column[LENGTH_CHANNEL] = kind === "endOfText" ? EOT_GAIN : 0;
    for (let c = 0; c < d; c++) out[c * vocabSize + id] = column[c];
  }
  return out;
}
