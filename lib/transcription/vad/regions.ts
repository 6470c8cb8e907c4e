// Speech probabilities, one per 512-sample frame, into speech regions, with the rules
// and defaults of Silero's get_speech_timestamps: speech starts at the first frame at
// or over `threshold`; it ends where the probability fell under threshold - 0.15 and
// stayed under for `minSilenceMs`; regions shorter than `minSpeechMs` are dropped;
// each kept region is widened by `speechPadMs` on both sides (split at the middle
// of a gap too short for both pads). Streamed: frames go in one at a time and a
// region is listed as soon as it is closed; the probabilities themselves are kept
// only from the caller's cursor on (see dropBefore), to choose cuts inside speech.
import type { VadRequest } from "../types";
import { SAMPLE_RATE } from "../whisper-constants";

/** Samples per VAD frame: Silero v5 takes exactly 512 at 16 kHz (plain data here, so settings can import this file). */
export const VAD_FRAME = 512;

export interface VadThresholds {
  /** Speech probability at which speech starts (0..1). */
  threshold: number;
  /** Shorter speech is dropped (ms). */
  minSpeechMs: number;
  /** Speech ends only after this much silence (ms). */
  minSilenceMs: number;
  /** Added before and after each region (ms). */
  speechPadMs: number;
}

/** Silero's own defaults. */
export const DEFAULT_VAD_THRESHOLDS: VadThresholds = { threshold: 0.5, minSpeechMs: 250, minSilenceMs: 100, speechPadMs: 30 };

/** What a job runs with unless Settings say otherwise: Silero's defaults, and pauses over 1 s cut out of windows. */
export const DEFAULT_VAD: VadRequest = { ...DEFAULT_VAD_THRESHOLDS, maxPauseMs: 1000 };

/** [start, end) in samples at 16 kHz. */
export interface SpeechRegion {
  start: number;
  end: number;
}

const samples = (ms: number) => Math.round((ms * SAMPLE_RATE) / 1000);

export class SpeechRegionTracker {
  /** Closed regions, padded, in order. */
  readonly regions: SpeechRegion[] = [];
  private frames = 0;
  private speechStart: number | null = null;
  private silenceStart: number | null = null;
  private finished = false;
  private probs = new Float32Array(4096);
  private probsFrom = 0;
  private probsCount = 0;
  private readonly minSpeech: number;
  private readonly minSilence: number;
  private readonly pad: number;
  private readonly low: number;

  constructor(private readonly thresholds: VadThresholds = DEFAULT_VAD_THRESHOLDS) {
    this.minSpeech = samples(thresholds.minSpeechMs);
    this.minSilence = samples(thresholds.minSilenceMs);
    this.pad = samples(thresholds.speechPadMs);
    this.low = Math.max(thresholds.threshold - 0.15, 0.01);
  }

  /** Samples covered by the frames pushed so far. */
  get processed(): number {
    return this.frames * VAD_FRAME;
  }

  get done(): boolean {
    return this.finished;
  }

  /** Where the region now being spoken started (padded), or null in silence. */
  get openStart(): number | null {
    return this.speechStart === null ? null : Math.max(this.speechStart - this.pad, this.regions.at(-1)?.end ?? 0);
  }

  /** No region will start before this sample any more. */
  get settled(): number {
    if (this.finished) return Number.POSITIVE_INFINITY;
    return this.openStart ?? Math.max(0, this.processed - this.pad);
  }

  push(probability: number): void {
    const at = this.processed;
    this.keep(probability);
    this.frames += 1;
    if (probability >= this.thresholds.threshold) {
      this.silenceStart = null;
      this.speechStart ??= at;
      return;
    }
    if (this.speechStart === null || probability >= this.low) return;
    this.silenceStart ??= at;
    if (at - this.silenceStart >= this.minSilence) this.close(this.silenceStart);
  }

  /** End of the stream at `totalSamples`: speech still open ends there. */
  finish(totalSamples: number): void {
    if (this.finished) return;
    if (this.speechStart !== null) this.close(totalSamples, totalSamples);
    const last = this.regions.at(-1);
    if (last) last.end = Math.min(last.end, totalSamples);
    this.finished = true;
  }

  /** The speech probability of the frame holding `sample` (0 when it is no longer kept). */
  probabilityAt(sample: number): number {
    const index = Math.floor(sample / VAD_FRAME) - this.probsFrom;
    return index >= 0 && index < this.probsCount ? this.probs[index] : 0;
  }

  /** Forget probabilities and regions wholly before `sample` (the caller will not look back). */
  dropBefore(sample: number): void {
    const drop = Math.min(Math.floor(sample / VAD_FRAME) - this.probsFrom, this.probsCount);
    if (drop > 0) {
      this.probs.copyWithin(0, drop, this.probsCount);
      this.probsFrom += drop;
      this.probsCount -= drop;
    }
    let stale = 0;
    // Keep the last closed region: the next one's padding is placed against it.
    while (stale < this.regions.length - 1 && this.regions[stale].end <= sample) stale++;
    if (stale > 0) this.regions.splice(0, stale);
  }

  private keep(probability: number): void {
    if (this.probsCount === this.probs.length) {
      const bigger = new Float32Array(this.probs.length * 2);
      bigger.set(this.probs);
      this.probs = bigger;
    }
    this.probs[this.probsCount++] = probability;
  }

  private close(end: number, limit = Number.POSITIVE_INFINITY): void {
    const start = this.speechStart ?? end;
    this.speechStart = null;
    this.silenceStart = null;
    if (end - start <= this.minSpeech) return;
    const previous = this.regions.at(-1);
    let paddedStart = Math.max(0, start - this.pad);
    if (previous && paddedStart < previous.end) {
      // The gap is too short for both pads: split it in the middle.
      const rawPreviousEnd = previous.end - this.pad;
      const middle = rawPreviousEnd + Math.floor((start - rawPreviousEnd) / 2);
      previous.end = middle;
      paddedStart = middle;
    }
    this.regions.push({ start: paddedStart, end: Math.min(end + this.pad, limit) });
  }
}
