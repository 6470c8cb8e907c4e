// Stage, fraction of audio done and time left, estimated from the speed measured
// on this file so far (the first window includes warm-up, so the estimate firms up
// as windows complete).
import type { EngineProgress, EngineStage } from "./types";

export type ProgressListener = (progress: EngineProgress) => void;

export class ProgressTracker {
  private stageName: EngineStage = "probing";
  private processedSec = 0;
  private transcribeStartedAt: number | null = null;

  constructor(
    private readonly listener: ProgressListener | undefined,
    private durationSec: number | null = null,
    private readonly now: () => number = () => performance.now(),
  ) {}

  setDuration(durationSec: number | null): void {
    this.durationSec = durationSec;
  }

  enter(stage: EngineStage): void {
    this.stageName = stage;
    if (stage === "transcribing" && this.transcribeStartedAt === null) this.transcribeStartedAt = this.now();
    this.emit();
  }

  /** Audio up to `processedSec` is transcribed. */
  advance(processedSec: number): void {
    this.processedSec = Math.max(this.processedSec, processedSec);
    this.emit();
  }

  snapshot(): EngineProgress {
    const duration = this.durationSec;
    const done = this.stageName === "finalizing";
    const processed = duration === null ? this.processedSec : Math.min(this.processedSec, duration);
    const fraction = done ? 1 : duration ? Math.min(processed / duration, 1) : 0;
    return { stage: this.stageName, fraction, etaSec: done ? 0 : this.eta(processed), processedSec: processed, durationSec: duration };
  }

  private eta(processed: number): number | null {
    if (this.stageName !== "transcribing" || this.transcribeStartedAt === null) return null;
    if (this.durationSec === null || processed <= 0) return null;
    const elapsedSec = (this.now() - this.transcribeStartedAt) / 1000;
    const secondsPerAudioSecond = elapsedSec / processed;
    return Math.max(0, Math.round((this.durationSec - processed) * secondsPerAudioSecond));
  }

  private emit(): void {
    this.listener?.(this.snapshot());
  }
}
