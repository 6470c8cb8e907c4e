// The one progress throttle between the engine and the job's row: the worker thread
// passes the engine's progress through it, and the dispatcher writes (and publishes)
// every update that comes out. Only progress within one stage is thinned; a stage
// change is always passed on at once, so a quick "loading model" is never lost.
import type { EngineProgress } from "@/lib/transcription/types";

/**
 * Passes progress on at most once per `intervalMs`, but at once on a stage change,
 * and keeps the latest skipped update for later so the last word is never lost.
 */
export class ProgressThrottle {
  private lastAt = -Infinity;
  private lastStage: EngineProgress["stage"] | null = null;
  private pending: EngineProgress | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deliver: (progress: EngineProgress) => void,
    private readonly intervalMs = 250,
    private readonly now: () => number = () => performance.now(),
  ) {}

  readonly push = (progress: EngineProgress): void => {
    const now = this.now();
    if (progress.stage !== this.lastStage || now - this.lastAt >= this.intervalMs) {
      this.send(progress);
      return;
    }
    this.pending = progress;
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs - (now - this.lastAt));
  };

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending) this.send(this.pending);
  }

  /** Drops anything pending (the job ended another way). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private send(progress: EngineProgress): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
    this.lastAt = this.now();
    this.lastStage = progress.stage;
    this.deliver(progress);
  }
}
