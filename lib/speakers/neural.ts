// Neural diarization, the pyannote 3.1 pipeline on onnxruntime-node: the file is
// streamed in 10 s windows; the segmentation model gives each window's frames a
// powerset class, turned into up to 3 local speakers; each (window, local speaker)
// gets one WeSpeaker embedding from that speaker's own frames; the embeddings are
// clustered (count, range or threshold); and global turns are rebuilt from the
// overlapping windows with minimum durations.
//
// Speed: on 2 cores the segmentation model takes ~15-20 ms per window and the
// embedding model ~12-25 ms per second of audio it sees (plus ~5 ms/s of fbank in JS).
// pyannote's 1 s hop embeds each (window, speaker) from all of its frames, so every
// second of speech would go through ResNet34 about ten times (RTF ~0.15 here). A 5 s
// hop still gives every frame two windows to average over, and taking at most 2.5 s per
// embedding, nearest the window's centre (where the segmentation is surest and which no
// other window has at its centre), embeds at most one second per second of two-party
// audio: RTF ~0.02-0.03 (scripts/bench/diarize.ts measures it).
import { SeleniteError } from "@/lib/errors";
import { floatTensor, float32Data } from "@/lib/transcription/ort";
import { openPcmReader } from "@/lib/transcription/media";
import { clusterVectors } from "./cluster";
import { loadEmbedding, loadSegmentation, type EmbeddingModel, type SegmentationModel } from "./neural-models";
import {
  centralFrames,
  embeddingFrames,
  frameRuns,
  powersetToMultilabel,
  reconstructTurns,
  type ClusteredWindow,
  type ReconstructOptions,
} from "./reconstruct";
import type { SpeakerChoice, SpeakerProgress, SpeakerTurn } from "./types";

export interface NeuralOptions {
  segmentationDir: string;
  embeddingDir: string;
  choice: SpeakerChoice;
  threads: number;
  signal?: AbortSignal;
  onProgress?: SpeakerProgress;
  ffmpegPath?: string;
  ffprobePath?: string;
  expectedDurationSec?: number | null;
}

export const NEURAL_SETTINGS = {
  windowSec: 10,
  hopSec: 5,
  /** Audio one embedding is computed from, at most (nearest the window's centre); the cost of the pass grows with it. */
  maxEmbeddingSec: 2.5,
  /** A local speaker with less speech than this in a window gets no embedding (and no say). */
  minEmbeddingSec: 0.4,
  minDurationOn: 0.3,
  minDurationOff: 0.1,
} as const;

const CANCELLED = "Speaker identification was cancelled.";

export async function neuralTurns(file: string, options: NeuralOptions): Promise<SpeakerTurn[]> {
  const { signal } = options;
  const checkAbort = () => {
    if (signal?.aborted) throw new SeleniteError("cancelled", CANCELLED, { cause: signal.reason });
  };
  checkAbort();
  const segmentation = await loadSegmentation(options.segmentationDir, options.threads);
  let embedding: EmbeddingModel | null = null;
  let pass: Pass;
  try {
    embedding = await loadEmbedding(options.embeddingDir, options.threads);
    checkAbort();
    pass = await segmentAndEmbed(file, options, segmentation, embedding, checkAbort);
  } finally {
    // Released before clustering, so its tables reuse the models' memory.
    await segmentation.session.release();
    await embedding?.session.release();
  }

  const clustering = clusterVectors(pass.vectors, options.choice);
  clustering.labels.forEach((label, i) => (pass.windows[pass.owners[i].window].clusters[pass.owners[i].speaker] = label));
  const turns = reconstructTurns(pass.windows, { ...pass.grid, clusterCount: clustering.count });
  options.onProgress?.(1);
  return turns;
}

/** What one pass over the file leaves for clustering and reconstruction. */
interface Pass {
  windows: ClusteredWindow[];
  vectors: Float32Array[];
  /** The (window, local speaker) each vector belongs to. */
  owners: { window: number; speaker: number }[];
  grid: Omit<ReconstructOptions, "clusterCount">;
}

async function segmentAndEmbed(file: string, options: NeuralOptions, seg: SegmentationModel, emb: EmbeddingModel, checkAbort: () => void): Promise<Pass> {
  const S = NEURAL_SETTINGS;
  const rate = seg.sampleRate;
  const windowSamples = Math.round(S.windowSec * rate);
  const hopSamples = Math.round(S.hopSec * rate);
  const maxEmbedding = Math.round(S.maxEmbeddingSec * rate);
  const minEmbedding = Math.round(S.minEmbeddingSec * rate);
  const expected = options.expectedDurationSec && options.expectedDurationSec > 0 ? options.expectedDurationSec * rate : null;
  const reader = await openPcmReader(file, {
    signal: options.signal,
    ffmpegPath: options.ffmpegPath,
    ffprobePath: options.ffprobePath,
    expectedDurationSec: options.expectedDurationSec ?? null,
    bufferSec: S.windowSec + S.hopSec + 1,
  });

  const windows: ClusteredWindow[] = [];
  const vectors: Float32Array[] = [];
  const owners: { window: number; speaker: number }[] = [];
  const input = new Float32Array(windowSamples);
  const inputTensor = floatTensor("float32", input, [1, 1, windowSamples]);
  let fileSamples = 0;
  try {
    for (let start = 0; ; start += hopSamples) {
      // The previous window already reached the end of the file: stop.
      if (start > 0 && !(await reader.hasSamplesFrom(start - hopSamples + windowSamples))) break;
      const samples = await reader.read(start, windowSamples);
      if (samples.length === 0) break;
      fileSamples = start + samples.length;
      input.fill(0);
      input.set(samples);
      checkAbort();
      const { logits } = await seg.session.run({ input_values: inputTensor });
      const frames = logits.dims[1];
      const activity = powersetToMultilabel(float32Data(logits), frames, seg.classes, seg.speakers);
      logits.dispose();
      const inFile = Math.min(frames, Math.ceil((samples.length - seg.frameOffset) / seg.frameStep + 1));
      const window: ClusteredWindow = {
        firstFrame: Math.round(start / seg.frameStep),
        frames: Math.max(0, inFile),
        activity,
        clusters: new Array<number>(seg.speakers).fill(-1),
      };
      for (let speaker = 0; speaker < seg.speakers; speaker++) {
        const own = embeddingFrames(activity, window.frames, seg.speakers, speaker, Math.ceil(minEmbedding / seg.frameStep));
        const picked = centralFrames(own, frames / 2, Math.floor(maxEmbedding / seg.frameStep));
        const runs = frameRuns(picked, seg.frameStep, seg.frameOffset, maxEmbedding)
          .map(([a, b]): [number, number] => [a, Math.min(b, samples.length)])
          .filter(([a, b]) => b > a);
        const total = runs.reduce((sum, [a, b]) => sum + b - a, 0);
        if (total < minEmbedding) continue;
        checkAbort();
        vectors.push(await embed(emb, samples, runs, total));
        owners.push({ window: windows.length, speaker });
      }
      windows.push(window);
      if (expected) options.onProgress?.(Math.min(0.99, (start + windowSamples) / expected));
    }
  } finally {
    inputTensor.dispose();
    await reader.close();
  }

  const grid = {
    totalFrames: Math.ceil(fileSamples / seg.frameStep),
    speakers: seg.speakers,
    frameSec: seg.frameStep / rate,
    frameLeadSec: (seg.frameOffset - seg.frameStep) / 2 / rate,
    minDurationOn: S.minDurationOn,
    minDurationOff: S.minDurationOff,
    durationSec: fileSamples / rate,
  };
  return { windows, vectors, owners, grid };
}

/** One embedding from the given sample ranges of a window, joined end to end. */
async function embed(model: EmbeddingModel, samples: Float32Array, runs: [number, number][], total: number): Promise<Float32Array> {
  const audio = new Float32Array(total);
  let at = 0;
  for (const [a, b] of runs) {
    audio.set(samples.subarray(a, b), at);
    at += b - a;
  }
  const { input_features: features } = await model.fbank(audio);
  const outputs = await model.session.run({ [model.input]: features.ort_tensor });
  features.dispose();
  const vector = Float32Array.from(float32Data(outputs[model.output]));
  for (const tensor of Object.values(outputs)) tensor.dispose();
  return vector;
}
