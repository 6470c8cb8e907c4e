// Whisper encoder graph: conv stem -> sinusoidal positions -> pre-LN layers -> LayerNorm.
import { attr, f32, Graph, i64 } from "./onnx-graph";
import { Net, type Precision } from "./layers";
import type { ModelDims, Params } from "./params";

export function buildEncoder(params: Params, dims: ModelDims, precision: Precision): Graph {
  const g = new Graph("whisper_encoder");
  const net = new Net(g, params, precision);
  const { dModel: d, heads } = dims;
  const frames = dims.maxSourcePositions * 2;

  const features = g.input("input_features", "float32", ["batch_size", dims.nMels, frames]);
  let x = net.fromFloat32(features);
  x = net.gelu(conv(net, x, "encoder.conv1", 1));
  x = net.gelu(conv(net, x, "encoder.conv2", 2));
  x = net.op("Transpose", [x], { perm: attr.ints([0, 2, 1]) });
  x = net.op("Add", [x, sinusoids(net, dims.maxSourcePositions, d)]);

  const headDim = d / heads;
  for (let i = 0; i < dims.encoderLayers; i++) {
    const p = `encoder.layers.${i}`;
    const h = net.layerNorm(x, `${p}.self_attn_layer_norm`);
    const q = net.op("Mul", [net.linear(h, `${p}.self_attn.q_proj`), net.scalar(headDim ** -0.5)]);
    const k = net.linear(h, `${p}.self_attn.k_proj`, { bias: false });
    const v = net.linear(h, `${p}.self_attn.v_proj`);
    const scores = net.op("MatMul", [net.splitHeads(q, heads, headDim), net.splitHeads(k, heads, headDim, true)]);
    const probs = net.op("Softmax", [scores], { axis: attr.int(-1) });
    const ctx = net.mergeHeads(net.op("MatMul", [probs, net.splitHeads(v, heads, headDim)]), d);
    x = net.op("Add", [x, net.linear(ctx, `${p}.self_attn.out_proj`)]);
    x = net.op("Add", [x, net.feedForward(net.layerNorm(x, `${p}.final_layer_norm`), p)]);
  }

  const out = precision === "fp16" ? undefined : "last_hidden_state";
  let y = net.layerNorm(x, "encoder.layer_norm", out);
  // fp16 files keep float32 at the boundary between encoder and decoder, see decoder.ts.
  if (precision === "fp16") y = net.op("Cast", [y], { to: attr.int(1) }, "last_hidden_state");
  g.output(y, "float32", ["batch_size", dims.maxSourcePositions, d]);
  return g;
}

function conv(net: Net, x: string, name: string, stride: number): string {
  return net.op("Conv", [x, net.weight(`${name}.weight`), net.weight(`${name}.bias`)], {
    kernel_shape: attr.ints([3]),
    pads: attr.ints([1, 1]),
    strides: attr.ints([stride]),
  });
}

/**
 * Whisper's fixed sinusoidal position table [length, channels], built from ops that
 * onnxruntime folds into a constant at load time (the file stays small).
 */
function sinusoids(net: Net, length: number, channels: number): string {
  const g = net.g;
  const half = channels / 2;
  const scalar = (v: number) => g.constant(f32([], [v]), "range");
  const increment = Math.log(10000) / (half - 1);
  const channelIdx = g.op("Range", [scalar(0), scalar(half), scalar(1)]);
  const invTimescales = g.op("Exp", [g.op("Mul", [channelIdx, scalar(-increment)])]);
  const positions = g.op("Range", [scalar(0), scalar(length), scalar(1)]);
  const time = g.op("Unsqueeze", [positions, g.constant(i64([1], [1]), "axes")]);
  const scaled = g.op("Mul", [time, invTimescales]);
  const table = g.op("Concat", [g.op("Sin", [scaled]), g.op("Cos", [scaled])], { axis: attr.int(1) });
  return net.precision === "fp16" ? g.op("Cast", [table], { to: attr.int(10) }) : table;
}
