// pyannote/segmentation-3.0 (PyanNet) with seeded random weights, in the I/O contract of
// onnx-community/pyannote-segmentation-3.0: `input_values` [batch, 1, samples] at 16 kHz →
// `logits` [batch, frames, 7] (log-probabilities of the 7 powerset classes: none, {1}, {2},
// {3}, {1,2}, {1,3}, {2,3}); 589 frames for 10 s. Same layers and size as the real one
// (~1.47M parameters): SincNet (instance norm, 80 sinc band-pass filters of 251 taps with
// stride 10, |.|, max-pool 3, two 5-tap convolutions, each followed by max-pool 3,
// instance norm and leaky ReLU), 4 bidirectional LSTM layers of 128, two linear layers
// of 128 and the classifier.
//
// Random weights alone give every frame the same class, so one extra branch makes the
// output follow the audio the way a trained model would: the log energy of two bands
// (70–170 Hz and 170–400 Hz, where low and high voices put their fundamental) pooled
// onto the same 589 frames. Loud frames lean to speaker classes, quiet ones to "none",
// and the balance of the two bands picks local speaker 1 or 2. It costs two more 251-tap
// filters, under 3 % of the compute.
import { attr, Graph, i64 } from "../test-model/onnx-graph";
import type { Params } from "../test-model/params";
import { SpeakerNet, type SpeakerPrecision } from "./common";

export const SEGMENTATION = {
  sampleRate: 16000,
  sincFilters: 80,
  sincTaps: 251,
  sincStride: 10,
  convChannels: 60,
  lstmHidden: 128,
  lstmLayers: 4,
  linear: 128,
  classes: 7,
  /** pyannote's receptive field and step for this architecture, in samples. */
  frameStep: 270,
  frameOffset: 990,
} as const;

/** Where the energy branch puts the "speech" / "no speech" boundary, in log power (RMS ~0.006). */
const SPEECH_LOG_POWER = -10;
/** Logit per nat of log power above or below SPEECH_LOG_POWER. */
const ENERGY_GAIN = 0.8;
/**
 * Logit per nat of band balance (low band minus high band) away from BALANCE_POINT,
 * which sits between espeak-ng's low (pitch 20) and high (pitch 80) voices: measured on
 * tests/helpers/dialogue.ts, they land on local speakers 1 and 2 respectively.
 */
const BALANCE_GAIN = 2;
const BALANCE_POINT = -3;
/** Overlap classes stay possible but rare. */
const OVERLAP_BIAS = -6;

export function defineSegmentationParams(params: Params): void {
  const S = SEGMENTATION;
  params.random("sincnet.wav_norm1d.weight", [1], 0.05, 1);
  params.random("sincnet.wav_norm1d.bias", [1], 0.02);
  params.define("sincnet.conv1d.0.filterbank", [S.sincFilters, 1, S.sincTaps], () => sincBank(melBands(S.sincFilters, 50, 7950)));
  params.random("sincnet.norm1d.0.weight", [S.sincFilters], 0.05, 1);
  params.random("sincnet.norm1d.0.bias", [S.sincFilters], 0.02);
  const convIn = [S.sincFilters, S.convChannels];
  for (let i = 1; i <= 2; i++) {
    const fanIn = convIn[i - 1] * 5;
    params.random(`sincnet.conv1d.${i}.weight`, [S.convChannels, convIn[i - 1], 5], 1 / Math.sqrt(3 * fanIn));
    params.random(`sincnet.conv1d.${i}.bias`, [S.convChannels], 1 / Math.sqrt(3 * fanIn));
    params.random(`sincnet.norm1d.${i}.weight`, [S.convChannels], 0.05, 1);
    params.random(`sincnet.norm1d.${i}.bias`, [S.convChannels], 0.02);
  }
  const H = S.lstmHidden;
  const std = 1 / Math.sqrt(3 * H);
  for (let layer = 0; layer < S.lstmLayers; layer++) {
    const input = layer === 0 ? S.convChannels : 2 * H;
    params.random(`lstm.${layer}.W`, [2, 4 * H, input], std);
    params.random(`lstm.${layer}.R`, [2, 4 * H, H], std);
    params.random(`lstm.${layer}.B`, [2, 8 * H], std);
  }
  const linearIn = [2 * H, S.linear];
  for (let i = 0; i < 2; i++) {
    params.random(`linear.${i}.weight`, [S.linear, linearIn[i]], 1 / Math.sqrt(3 * linearIn[i]));
    params.random(`linear.${i}.bias`, [S.linear], 1 / Math.sqrt(3 * linearIn[i]));
  }
  params.random("classifier.weight", [S.classes, S.linear], 1 / Math.sqrt(3 * S.linear));
  params.random("classifier.bias", [S.classes], 1 / Math.sqrt(3 * S.linear));
  params.define("activity.bands", [2, 1, S.sincTaps], () =>
    sincBank([
      [70, 170],
      [170, 400],
    ]),
  );
  params.define("activity.weight", [S.classes, 2, 1], () => activityWeights().weight);
  params.define("activity.bias", [S.classes], () => activityWeights().bias);
}

export function buildSegmentation(params: Params, precision: SpeakerPrecision): Graph {
  const S = SEGMENTATION;
  const g = new Graph("pyannote_segmentation");
  const net = new SpeakerNet(g, params, precision);
  const waveform = g.input("input_values", "float32", ["batch_size", 1, "num_samples"]);
  const instanceNorm = (x: string, name: string) =>
    net.op("InstanceNormalization", [x, net.weight(`${name}.weight`), net.weight(`${name}.bias`)], { epsilon: attr.float(1e-5) });
  const maxPool = (x: string) => net.op("MaxPool", [x], { kernel_shape: attr.ints([3]), strides: attr.ints([3]) });

  // SincNet
  let x = instanceNorm(waveform, "sincnet.wav_norm1d");
  x = net.op("Conv", [x, net.weight("sincnet.conv1d.0.filterbank")], { kernel_shape: attr.ints([S.sincTaps]), strides: attr.ints([S.sincStride]) });
  x = net.leakyRelu(instanceNorm(maxPool(net.op("Abs", [x])), "sincnet.norm1d.0"));
  for (let i = 1; i <= 2; i++) {
    x = net.op("Conv", [x, net.weight(`sincnet.conv1d.${i}.weight`), net.weight(`sincnet.conv1d.${i}.bias`)], { kernel_shape: attr.ints([5]) });
    x = net.leakyRelu(instanceNorm(maxPool(x), `sincnet.norm1d.${i}`));
  }

  // [batch, channels, frames] -> [frames, batch, channels] for the LSTM stack.
  x = net.op("Transpose", [x], { perm: attr.ints([2, 0, 1]) });
  const hidden = S.lstmHidden;
  const mergeDirections = g.sharedConstant("lstm-merge", () => i64([3], [0, 0, 2 * hidden]));
  for (let layer = 0; layer < S.lstmLayers; layer++) {
    const p = `lstm.${layer}`;
    const [y] = g.node(
      "LSTM",
      [x, net.weight(`${p}.W`), net.weight(`${p}.R`), net.weight(`${p}.B`)],
      {
        hidden_size: attr.int(hidden),
        direction: attr.string("bidirectional"),
      },
      { outputs: 1 },
    );
    // Y is [frames, directions, batch, hidden]: forward and backward side by side.
    x = net.op("Reshape", [net.op("Transpose", [y], { perm: attr.ints([0, 2, 1, 3]) }), mergeDirections]);
  }
  x = net.op("Transpose", [x], { perm: attr.ints([1, 0, 2]) });
  x = net.leakyRelu(net.linear(x, "linear.0"));
  x = net.leakyRelu(net.linear(x, "linear.1"));
  let scores = net.linear(x, "classifier");

  // Activity branch (see the header): band energies on the output frame grid.
  let bands = net.op("Conv", [waveform, net.weight("activity.bands")], { kernel_shape: attr.ints([S.sincTaps]), strides: attr.ints([S.sincStride]) });
  bands = net.op("Mul", [bands, bands]);
  const avg = (v: string, k: number, s: number) => net.op("AveragePool", [v], { kernel_shape: attr.ints([k]), strides: attr.ints([s]) });
  bands = avg(avg(avg(avg(avg(bands, 3, 3), 5, 1), 3, 3), 5, 1), 3, 3);
  bands = net.op("AveragePool", [bands], { kernel_shape: attr.ints([15]), strides: attr.ints([1]), pads: attr.ints([7, 7]), count_include_pad: attr.int(0) });
  const logBands = net.op("Log", [net.op("Add", [bands, net.scalar(1e-9)])]);
  const activity = net.op("Conv", [logBands, net.weight("activity.weight"), net.weight("activity.bias")], { kernel_shape: attr.ints([1]) });
  scores = net.op("Add", [scores, net.op("Transpose", [activity], { perm: attr.ints([0, 2, 1]) })]);

  const logits = net.op("LogSoftmax", [scores], { axis: attr.int(-1) }, "logits");
  g.output(logits, "float32", ["batch_size", "num_frames", S.classes]);
  return g;
}

function activityWeights(): { weight: Float32Array; bias: Float32Array } {
  const g = ENERGY_GAIN / 2; // per band: the energy is the mean of the two log powers
  const h = BALANCE_GAIN;
  const threshold = ENERGY_GAIN * SPEECH_LOG_POWER;
  const weight = new Float32Array(SEGMENTATION.classes * 2);
  const bias = new Float32Array(SEGMENTATION.classes).fill(OVERLAP_BIAS);
  weight.set([-g, -g], 0);
  bias[0] = threshold;
  weight.set([g + h, g - h], 2);
  bias[1] = -threshold - h * BALANCE_POINT;
  weight.set([g - h, g + h], 4);
  bias[2] = -threshold + h * BALANCE_POINT;
  bias[3] = OVERLAP_BIAS - 4; // local speaker 3 alone: rarer still
  return { weight, bias };
}

function melBands(count: number, low: number, high: number): [number, number][] {
  const mel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
  const hz = (m: number) => 700 * (10 ** (m / 2595) - 1);
  const edges = Array.from({ length: count + 1 }, (_, i) => hz(mel(low) + ((mel(high) - mel(low)) * i) / count));
  return Array.from({ length: count }, (_, i) => [edges[i], edges[i + 1]]);
}

/** Hamming-windowed sinc band-pass filters of unit pass-band gain, [bands, 1, taps]. */
function sincBank(bands: [number, number][]): Float32Array {
  const taps = SEGMENTATION.sincTaps;
  const rate = SEGMENTATION.sampleRate;
  const out = new Float32Array(bands.length * taps);
  const half = (taps - 1) / 2;
  bands.forEach(([f1, f2], b) => {
    for (let i = 0; i < taps; i++) {
      const n = i - half;
      const lowpass = (f: number) => (n === 0 ? (2 * f) / rate : Math.sin((2 * Math.PI * f * n) / rate) / (Math.PI * n));
      const window = 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (taps - 1));
      out[b * taps + i] = (lowpass(f2) - lowpass(f1)) * window;
    }
  });
  return out;
}

export function segmentationConfigJson(origin: Record<string, unknown>): object {
  return {
    _name_or_path: origin.name,
    architectures: ["PyAnnoteForAudioFrameClassification"],
    model_type: "pyannote",
    num_labels: SEGMENTATION.classes,
    id2label: Object.fromEntries(
      ["NO_SPEAKER", "SPEAKER_1", "SPEAKER_2", "SPEAKER_3", "SPEAKER_1+2", "SPEAKER_1+3", "SPEAKER_2+3"].map((l, i) => [String(i), l]),
    ),
    sample_rate: SEGMENTATION.sampleRate,
    selenite_generated: origin,
  };
}

export function segmentationPreprocessorJson(): object {
  return {
    feature_extractor_type: "PyAnnoteFeatureExtractor",
    processor_class: "PyAnnoteProcessor",
    sampling_rate: SEGMENTATION.sampleRate,
    offset: SEGMENTATION.frameOffset,
    step: SEGMENTATION.frameStep,
  };
}
