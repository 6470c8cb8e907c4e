// In-process event bus between the queue (started by server.ts) and the web side
// (SSE route handlers in Next's module graph). Both graphs live in one process, so
// the bus sits on globalThis. Events are numbered and the last ones are kept, so a
// browser that reconnects with Last-Event-ID gets exactly what it missed.
import { EventEmitter } from "node:events";
import type { JobStatus } from "@/lib/jobs/status";

/** A job's speaker stage as the page shows it (lib/speakers/queue.ts); null when never asked for. */
export type SpeakerStage = {
  status: "queued" | "running" | "completed" | "failed";
  /** What was asked: auto | neural | rough | channel. */
  mode: string;
  /** What ran: neural | rough | channel; null before it starts. */
  method: string | null;
  found: number | null;
  progress: number;
  etaSec: number | null;
  error: string | null;
};

export type JobEventPayload = {
  id: string;
  status: JobStatus;
  stage: string | null;
  progress: number;
  etaSec: number | null;
  error: string | null;
  durationSec: number | null;
  detectedLanguage: string | null;
  speakerStage: SpeakerStage | null;
  updatedAt: string;
};

/** Segments a running job committed, for the live transcript on its page. */
export type SegmentsEventPayload = { jobId: string; firstIndex: number; segments: { start: number; end: number; text: string }[] };
/** A model download's state, as the Models page shows it (lib/models/service.ts). */
export type ModelDownloadPayload = {
  name: string;
  dtype: string;
  status: "downloading" | "installed" | "failed" | "cancelled";
  bytesDone: number;
  bytesTotal: number | null;
  /** Bytes per second over the last few seconds; null until there is a sample. */
  bytesPerSec: number | null;
  error: string | null;
  updatedAt: string;
};

export type AppEvent =
  | { kind: "job"; userId: string; job: JobEventPayload }
  | { kind: "job-deleted"; userId: string; jobId: string }
  | { kind: "jobs-changed"; userId: string }
  | { kind: "segments"; userId: string; segments: SegmentsEventPayload }
  | { kind: "model"; userId: string; download: ModelDownloadPayload };

export type NumberedEvent = AppEvent & { eventId: number };

const HISTORY = 1_000;

class EventBus {
  private readonly emitter = new EventEmitter();
  private readonly history: NumberedEvent[] = [];
  private nextId = 1;
  // A random epoch makes ids from before a restart unusable (the history is gone).
  readonly epoch = Math.random().toString(36).slice(2, 8);

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(event: AppEvent): void {
    const numbered = { ...event, eventId: this.nextId++ } as NumberedEvent;
    this.history.push(numbered);
    if (this.history.length > HISTORY) this.history.shift();
    this.emitter.emit("event", numbered);
  }

  subscribe(listener: (event: NumberedEvent) => void): () => void {
    this.emitter.on("event", listener);
    return () => this.emitter.off("event", listener);
  }

  /** Events after `eventId`, or null when they are no longer all in memory. */
  since(eventId: number): NumberedEvent[] | null {
    if (eventId >= this.nextId) return null;
    const first = this.history[0];
    if (!first || eventId < first.eventId - 1) return eventId === this.nextId - 1 ? [] : null;
    return this.history.filter((e) => e.eventId > eventId);
  }

  /** Internal signals (queue wake-ups, cancellations) that browsers never see. */
  readonly signals = new EventEmitter();
}

const globalForBus = globalThis as unknown as { seleniteBus?: EventBus };
export const bus: EventBus = (globalForBus.seleniteBus ??= new EventBus());
