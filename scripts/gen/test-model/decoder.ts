// Whisper "merged" decoder graph, as optimum exports it for transformers.js: one
// file for the first step (no past) and the following ones (with past), chosen by
// the `use_cache_branch` input. Here only cross-attention differs between the two
// (one If per layer); self-attention handles an empty past like any other.
//
// Inputs:  input_ids [batch_size, decoder_sequence_length] int64
//          encoder_hidden_states [batch_size, encoder_sequence_length_out, d_model]
//          past_key_values.{i}.decoder.{key,value} [batch_size, heads, past_decoder_sequence_length, head_dim]
//          past_key_values.{i}.encoder.{key,value} [batch_size, heads, encoder_sequence_length_out, head_dim]
//          use_cache_branch bool [1]
// Outputs: logits [batch_size, decoder_sequence_length, vocab]
//          present.{i}.decoder.{key,value}, present.{i}.encoder.{key,value}
//          cross_attentions.{i} [batch_size, heads, decoder_sequence_length, encoder_sequence_length_out]
// The batch dimension must be called "batch_size": transformers.js builds the
// empty first-step past tensors from these shapes, and any other symbolic dim
// (the past length) becomes 0.
import { attr, Graph, i64 } from "./onnx-graph";
import { Net, type Precision } from "./layers";
import type { ModelDims, Params } from "./params";

const BATCH = "batch_size";
const SEQ = "decoder_sequence_length";
const PAST = "past_decoder_sequence_length";
const TOTAL = "total_decoder_sequence_length";
const ENC = "encoder_sequence_length_out";

export function buildDecoder(params: Params, dims: ModelDims, precision: Precision): Graph {
  const g = new Graph("whisper_decoder_merged");
  const net = new Net(g, params, precision);
  const { dModel: d, heads, vocabSize } = dims;
  const headDim = d / heads;
  const layers = dims.decoderLayers;
  const fp16 = precision === "fp16";

  // Graph I/O stays float32 in every variant; fp16 graphs cast at the edges.
  const toFloat32 = (produce: (out?: string) => string, name: string): string => {
    if (!fp16) return produce(name);
    const v = produce();
    g.op("Cast", [v], { to: attr.int(1) }, name);
    return v;
  };

  const inputIds = g.input("input_ids", "int64", [BATCH, SEQ]);
  const encoderStates = net.fromFloat32(g.input("encoder_hidden_states", "float32", [BATCH, ENC, d]));
  const past: { dk: string; dv: string; ek: string; ev: string }[] = [];
  for (let i = 0; i < layers; i++) {
    const name = (part: string) => `past_key_values.${i}.${part}`;
    past.push({
      dk: g.input(name("decoder.key"), "float32", [BATCH, heads, PAST, headDim]),
      dv: g.input(name("decoder.value"), "float32", [BATCH, heads, PAST, headDim]),
      ek: g.input(name("encoder.key"), "float32", [BATCH, heads, ENC, headDim]),
      ev: g.input(name("encoder.value"), "float32", [BATCH, heads, ENC, headDim]),
    });
  }
  const useCache = g.input("use_cache_branch", "bool", [1]);

  // Positions continue after the cached tokens.
  const pastLen = g.op("Shape", [past[0].dk], { start: attr.int(2), end: attr.int(3) });
  const seqLen = g.op("Shape", [inputIds], { start: attr.int(1), end: attr.int(2) });
  const total = g.op("Add", [pastLen, seqLen]);
  const scalarOf = (v: string) => g.op("Squeeze", [v]);
  const one = g.constant(i64([], [1]), "one");
  const zero = g.constant(i64([], [0]), "zero");
  const positions = g.op("Range", [scalarOf(pastLen), scalarOf(total), one]);

  // Causal mask [seq, total]: key position k is hidden from query position q when k > q.
  const keyPositions = g.op("Range", [zero, scalarOf(total), one]);
  const queryPositions = g.op("Unsqueeze", [positions, net.ints([1])]);
  const future = g.op("Greater", [keyPositions, queryPositions]);
  const mask = g.op("Where", [future, net.scalar(fp16 ? -65504 : -3.4028234663852886e38), net.scalar(0)]);

  let x = net.op("Add", [net.embed("decoder.embed_tokens.weight", inputIds), net.embed("decoder.embed_positions.weight", positions)]);

  for (let i = 0; i < layers; i++) {
    const p = `decoder.layers.${i}`;

    // Self-attention over past + current tokens.
    let h = net.layerNorm(x, `${p}.self_attn_layer_norm`);
    let q = net.op("Mul", [net.linear(h, `${p}.self_attn.q_proj`), net.scalar(headDim ** -0.5)]);
    const k = net.splitHeads(net.linear(h, `${p}.self_attn.k_proj`, { bias: false }), heads, headDim);
    const v = net.splitHeads(net.linear(h, `${p}.self_attn.v_proj`), heads, headDim);
    const keys = toFloat32((out) => net.op("Concat", [net.fromFloat32(past[i].dk), k], { axis: attr.int(2) }, out), `present.${i}.decoder.key`);
    const values = toFloat32((out) => net.op("Concat", [net.fromFloat32(past[i].dv), v], { axis: attr.int(2) }, out), `present.${i}.decoder.value`);
    const scores = net.op("MatMul", [net.splitHeads(q, heads, headDim), net.op("Transpose", [keys], { perm: attr.ints([0, 1, 3, 2]) })]);
    const probs = net.op("Softmax", [net.op("Add", [scores, mask])], { axis: attr.int(-1) });
    const context = net.op("MatMul", [probs, values]);
    x = net.op("Add", [x, net.linear(net.mergeHeads(context, d), `${p}.self_attn.out_proj`)]);

    // Cross-attention over the encoder output; its weights are the model's cross_attentions.
    h = net.layerNorm(x, `${p}.encoder_attn_layer_norm`);
    q = net.op("Mul", [net.linear(h, `${p}.encoder_attn.q_proj`), net.scalar(headDim ** -0.5)]);
    const crossContext = crossAttention(net, {
      layer: i,
      query: net.splitHeads(q, heads, headDim),
      encoderStates,
      pastKey: past[i].ek,
      pastValue: past[i].ev,
      useCache,
      heads,
      headDim,
    });
    x = net.op("Add", [x, net.linear(net.mergeHeads(crossContext, d), `${p}.encoder_attn.out_proj`)]);

    x = net.op("Add", [x, net.feedForward(net.layerNorm(x, `${p}.final_layer_norm`), p)]);
  }

  // Output projection (Whisper's proj_out; untied from embed_tokens here, see weights.ts).
  const h = net.layerNorm(x, "decoder.layer_norm");
  toFloat32((out) => net.linear(h, "proj_out", { bias: false, out }), "logits");

  g.output("logits", "float32", [BATCH, SEQ, vocabSize]);
  for (let i = 0; i < layers; i++) {
    g.output(`present.${i}.decoder.key`, "float32", [BATCH, heads, TOTAL, headDim]);
    g.output(`present.${i}.decoder.value`, "float32", [BATCH, heads, TOTAL, headDim]);
    g.output(`present.${i}.encoder.key`, "float32", [BATCH, heads, ENC, headDim]);
    g.output(`present.${i}.encoder.value`, "float32", [BATCH, heads, ENC, headDim]);
  }
  for (let i = 0; i < layers; i++) g.output(`cross_attentions.${i}`, "float32", [BATCH, heads, SEQ, ENC]);
  return g;
}

/**
 * One layer's cross-attention inside an If on use_cache_branch, as in optimum's
 * merged decoders: the first step projects the encoder output to keys/values and
 * returns them as present.{i}.encoder.*; later steps attend over the past ones
 * directly and return empty presents (transformers.js keeps the past ones), so no
 * step copies the whole encoder cache. Returns the attention context [B, H, S, hd].
 */
function crossAttention(
  net: Net,
  a: {
    layer: number;
    query: string;
    encoderStates: string;
    pastKey: string;
    pastValue: string;
    useCache: string;
    heads: number;
    headDim: number;
  },
): string {
  const g = net.g;
  const fp16 = net.precision === "fp16";
  const p = `decoder.layers.${a.layer}.encoder_attn`;
  const cacheShape = [BATCH, a.heads, ENC, a.headDim];
  const probsShape = [BATCH, a.heads, SEQ, ENC];

  const attend = (branch: Net, keys: string, values: string) => {
    const b = branch.g;
    const scores = b.op("MatMul", [a.query, b.op("Transpose", [keys], { perm: attr.ints([0, 1, 3, 2]) })]);
    const probs = b.op("Softmax", [scores], { axis: attr.int(-1) });
    const context = b.op("MatMul", [probs, values]);
    b.output(context, branch.precision === "fp16" ? "float16" : "float32", [BATCH, a.heads, SEQ, a.headDim]);
    b.output(fp16 ? b.op("Cast", [probs], { to: attr.int(1) }) : probs, "float32", probsShape);
  };

  // Later steps: attend over the cached keys/values; presents are empty.
  const cached = net.in(g.subgraph(`cross_attention_${a.layer}_cached`));
  attend(cached, cached.fromFloat32(a.pastKey), cached.fromFloat32(a.pastValue));
  for (const pastName of [a.pastKey, a.pastValue]) {
    const empty = cached.g.op("Slice", [pastName, cached.ints([0]), cached.ints([0]), cached.ints([2])]);
    cached.g.output(empty, "float32", [BATCH, a.heads, 0, a.headDim]);
  }

  // First step: project the encoder output.
  const fresh = net.in(g.subgraph(`cross_attention_${a.layer}_fresh`));
  const keys = fresh.splitHeads(fresh.linear(a.encoderStates, `${p}.k_proj`, { bias: false }), a.heads, a.headDim);
  const values = fresh.splitHeads(fresh.linear(a.encoderStates, `${p}.v_proj`), a.heads, a.headDim);
  attend(fresh, keys, values);
  for (const t of [keys, values]) {
    fresh.g.output(fp16 ? fresh.g.op("Cast", [t], { to: attr.int(1) }) : t, "float32", cacheShape);
  }

  const [context] = g.node(
    "If",
    [a.useCache],
    { then_branch: attr.graph(cached.g), else_branch: attr.graph(fresh.g) },
    {
      outputs: [g.uniqueName("cross_context"), `cross_attentions.${a.layer}`, `present.${a.layer}.encoder.key`, `present.${a.layer}.encoder.value`],
    },
  );
  return context;
}
