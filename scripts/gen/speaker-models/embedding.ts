// WeSpeaker ResNet34 (the voxceleb-resnet34-LM recipe) with seeded random weights, in
// the I/O contract transformers.js's WeSpeakerResNetModel / WeSpeakerFeatureExtractor
// use: `input_features` [batch, frames, 80] (Kaldi fbank, mean-centred) → `embeddings`
// [batch, 256]. Same layers and size as the real export (~6.6M parameters): a 3×3 stem of
// 32 channels, BasicBlock stages of 3/4/6/3 blocks at 32/64/128/256 channels (stride 2
// from the second stage on; batch norm folded into the convolutions, as torch's ONNX
// export does), statistics pooling (mean and standard deviation over time of the
// 256×10 feature maps) and one linear layer of 5120 → 256.
import { attr, Graph, i64 } from "../test-model/onnx-graph";
import type { Params } from "../test-model/params";
import { SpeakerNet, type SpeakerPrecision } from "./common";

export const EMBEDDING = {
  melBins: 80,
  stem: 32,
  stages: [
    { blocks: 3, channels: 32, stride: 1 },
    { blocks: 4, channels: 64, stride: 2 },
    { blocks: 6, channels: 128, stride: 2 },
    { blocks: 3, channels: 256, stride: 2 },
  ],
  dim: 256,
} as const;

/** Frequency rows left after the three stride-2 stages (80 / 8). */
const POOLED_ROWS = EMBEDDING.melBins / 8;

type Block = { name: string; inChannels: number; channels: number; stride: number };

function blocks(): Block[] {
  const out: Block[] = [];
  let inChannels: number = EMBEDDING.stem;
  EMBEDDING.stages.forEach((stage, s) => {
    for (let b = 0; b < stage.blocks; b++) {
      out.push({ name: `layer${s + 1}.${b}`, inChannels, channels: stage.channels, stride: b === 0 ? stage.stride : 1 });
      inChannels = stage.channels;
    }
  });
  return out;
}

export function defineEmbeddingParams(params: Params): void {
  const conv = (name: string, out: number, inp: number, k: number, gain = 1) => {
    // He initialisation (ReLU), scaled by `gain`; the folded batch norm leaves a small bias.
    params.random(`${name}.weight`, [out, inp, k, k], gain * Math.sqrt(2 / (inp * k * k)));
    params.random(`${name}.bias`, [out], 0.02);
  };
  conv("front.conv1", EMBEDDING.stem, 1, 3);
  for (const b of blocks()) {
    conv(`${b.name}.conv1`, b.channels, b.inChannels, 3);
    // Residual branches start small so 16 blocks do not blow activations up.
    conv(`${b.name}.conv2`, b.channels, b.channels, 3, 0.3);
    if (b.stride !== 1 || b.inChannels !== b.channels) conv(`${b.name}.shortcut`, b.channels, b.inChannels, 1);
  }
  const pooled = 2 * EMBEDDING.stages[3].channels * POOLED_ROWS;
  params.random("seg_1.weight", [EMBEDDING.dim, pooled], 1 / Math.sqrt(3 * pooled));
  params.random("seg_1.bias", [EMBEDDING.dim], 0.02);
}

export function buildEmbedding(params: Params, precision: SpeakerPrecision): Graph {
  const g = new Graph("wespeaker_resnet34");
  const net = new SpeakerNet(g, params, precision);
  const features = g.input("input_features", "float32", ["batch_size", "num_frames", EMBEDDING.melBins]);
  const conv = (x: string, name: string, k: number, stride: number) =>
    net.op("Conv", [x, net.weight(`${name}.weight`), net.weight(`${name}.bias`)], {
      kernel_shape: attr.ints([k, k]),
      strides: attr.ints([stride, stride]),
      pads: attr.ints(k === 3 ? [1, 1, 1, 1] : [0, 0, 0, 0]),
    });
  const relu = (x: string) => net.op("Relu", [x]);

  // [batch, frames, mels] -> [batch, 1, mels, frames]
  let x = net.op("Transpose", [features], { perm: attr.ints([0, 2, 1]) });
  x = net.op("Unsqueeze", [x, g.sharedConstant("axis1", () => i64([1], [1]))]);
  x = relu(conv(x, "front.conv1", 3, 1));
  for (const b of blocks()) {
    const branch = conv(relu(conv(x, `${b.name}.conv1`, 3, b.stride)), `${b.name}.conv2`, 3, 1);
    const shortcut = b.stride !== 1 || b.inChannels !== b.channels ? conv(x, `${b.name}.shortcut`, 1, b.stride) : x;
    x = relu(net.op("Add", [branch, shortcut]));
  }

  // Statistics pooling over time: [batch, 256, 10, frames'] -> [batch, 2560, frames'] -> [batch, 5120].
  const channels = EMBEDDING.stages[3].channels * POOLED_ROWS;
  x = net.op("Reshape", [x, g.sharedConstant("pool-shape", () => i64([3], [0, channels, -1]))]);
  const mean = net.op("ReduceMean", [x], { axes: attr.ints([2]), keepdims: attr.int(1) });
  const centred = net.op("Sub", [x, mean]);
  const variance = net.op("ReduceMean", [net.op("Mul", [centred, centred])], { axes: attr.ints([2]), keepdims: attr.int(0) });
  const std = net.op("Sqrt", [net.op("Add", [variance, net.scalar(1e-7)])]);
  const squeezedMean = net.op("Squeeze", [mean, g.sharedConstant("axis2", () => i64([1], [2]))]);
  const stats = net.op("Concat", [squeezedMean, std], { axis: attr.int(1) });
  const embeddings = net.linear(stats, "seg_1", "embeddings");
  g.output(embeddings, "float32", ["batch_size", EMBEDDING.dim]);
  return g;
}

export function embeddingConfigJson(origin: Record<string, unknown>): object {
  return {
    _name_or_path: origin.name,
    architectures: ["WeSpeakerResNetModel"],
    model_type: "wespeaker-resnet",
    embedding_size: EMBEDDING.dim,
    selenite_generated: origin,
  };
}

export function embeddingPreprocessorJson(): object {
  return {
    feature_extractor_type: "WeSpeakerFeatureExtractor",
    sampling_rate: 16000,
    num_mel_bins: EMBEDDING.melBins,
    min_num_frames: 9,
    fbank_centering_span: null,
  };
}
