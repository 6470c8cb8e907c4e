// Voice activity over a file, streamed like the decoder: a second ffmpeg reader of its
// own, read forward in 2 s chunks as far as the window loop asks (a window and a
// little more ahead of it), so memory is a few seconds of PCM and the frame
// probabilities from the loop's cursor on, whatever the file's length.
import { openPcmReader, type PcmWindowReader } from "../media";
import type { MediaToolOptions } from "../media";
import { SAMPLE_RATE } from "../whisper-constants";
import { SpeechRegionTracker, VAD_FRAME, type VadThresholds } from "./regions";
import { SileroVad } from "./silero";

const CHUNK = VAD_FRAME * 64;

export interface VadStreamOptions extends MediaToolOptions {
  thresholds: VadThresholds;
  signal?: AbortSignal;
  expectedDurationSec?: number | null;
  /** Sees every chunk of PCM the detector reads, in order (the speaker stage computes its features in the same pass). */
  onPcm?: (chunk: Float32Array) => void;
}

export class VadStream {
  readonly tracker: SpeechRegionTracker;
  /** Time spent running the model, ms. */
  modelMs = 0;
  private cursor = 0;
  private totalSamples: number | null = null;

  private constructor(
    private readonly reader: PcmWindowReader,
    private readonly vad: SileroVad,
    thresholds: VadThresholds,
    private readonly onPcm?: (chunk: Float32Array) => void,
  ) {
    this.tracker = new SpeechRegionTracker(thresholds);
  }

  static async open(file: string, options: VadStreamOptions): Promise<VadStream> {
    const vad = await SileroVad.create();
    const reader = await openPcmReader(file, {
      signal: options.signal,
      bufferSec: CHUNK / SAMPLE_RATE + 1,
      expectedDurationSec: options.expectedDurationSec,
      ffmpegPath: options.ffmpegPath,
      ffprobePath: options.ffprobePath,
    }).catch((error: unknown) => {
      vad.dispose();
      throw error;
    });
    return new VadStream(reader, vad, options.thresholds, options.onPcm);
  }

  /** The file's length in samples, once the stream has reached its end. */
  get total(): number | null {
    return this.totalSamples;
  }

  get done(): boolean {
    return this.tracker.done;
  }

  /** Runs the model until `sample` is covered or the file ends. */
  async advanceTo(sample: number): Promise<void> {
    while (!this.tracker.done && this.tracker.processed < sample) {
      const chunk = await this.reader.read(this.cursor, CHUNK);
      this.onPcm?.(chunk);
      const started = performance.now();
      for (let at = 0; at < chunk.length; at += VAD_FRAME) {
        this.tracker.push(await this.vad.probability(chunk.subarray(at, at + VAD_FRAME)));
      }
      this.modelMs += performance.now() - started;
      this.cursor += chunk.length;
      if (chunk.length < CHUNK) {
        this.totalSamples = this.cursor;
        this.tracker.finish(this.cursor);
      }
    }
  }

  async close(): Promise<void> {
    this.vad.dispose();
    await this.reader.close();
  }
}

/** The speech regions of a whole file, in seconds (streamed; the speaker stage, tests and the benchmark). */
export async function detectSpeech(
  file: string,
  options: VadStreamOptions & { onProgress?: (seconds: number) => void },
): Promise<{ regions: { start: number; end: number }[]; modelMs: number; seconds: number }> {
  const stream = await VadStream.open(file, options);
  const regions: { start: number; end: number }[] = [];
  try {
    for (let at = 0; !stream.done; at += CHUNK * 8) {
      await stream.advanceTo(at + CHUNK * 8);
      options.onProgress?.(stream.tracker.processed / SAMPLE_RATE);
      // Closed regions are final except the last one's end (a later, close region may trim its pad).
      while (stream.tracker.regions.length > 1) {
        const region = stream.tracker.regions[0];
        regions.push({ start: region.start / SAMPLE_RATE, end: region.end / SAMPLE_RATE });
        stream.tracker.dropBefore(region.end);
        if (stream.tracker.regions[0] === region) break;
      }
    }
    for (const region of stream.tracker.regions) {
      if (!regions.length || region.start / SAMPLE_RATE > regions.at(-1)!.start)
        regions.push({ start: region.start / SAMPLE_RATE, end: region.end / SAMPLE_RATE });
    }
    return { regions, modelMs: stream.modelMs, seconds: (stream.total ?? 0) / SAMPLE_RATE };
  } finally {
    await stream.close();
  }
}
