// The transcription engine the worker thread owns: probe the file, load (or reuse)
// the model, run the window loop, and report progress. One loaded model is kept
// between jobs, keyed by model + dtype + threads, and released after an idle timeout.
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import { SeleniteError } from "@/lib/errors";
import { applyModelRule } from "@/lib/jobs/model-rule";
import { pickDtype, resolveModel } from "@/lib/models/registry";
import { probeMedia } from "./media";
import { throwIfAborted } from "./greedy";
import { transcribeLongForm, type WindowReport } from "./long-form";
import { ProgressTracker, type ProgressListener } from "./progress";
import { resolveDecoding } from "./safeguards";
import type { ResumeFrom, TranscribeRequest, TranscriptResult, TranscriptSegment, WindowCommit } from "./types";
import type { DecodeStats } from "./window-decode";
import { loadWhisper, modelKey, type LoadedWhisper } from "./whisper-model";
import { MAX_NEW_TOKENS } from "./whisper-constants";

export interface EngineOptions {
  /** Release the model after this long without a job (default 10 min; 0 = right after each job). */
  idleUnloadMs?: number;
  /** Default onnxruntime threads when a request does not say (default: all cores). */
  threads?: number;
  /** Told when a model is loaded or released (the worker turns it into log messages). */
  onEvent?: (event: string, fields: Record<string, unknown>) => void;
}

export interface TranscribeControl {
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /** Per-window details (tokens, placement): tests and the benchmark use them. */
  onWindow?: (report: WindowReport) => void;
  /** Each window's segments with the point a later run would resume from (the worker commits them). */
  onCommit?: (commit: WindowCommit) => void;
}

/** Whisper's own cap per window is 224 new tokens (half the decoder's 448 positions). */
export const DEFAULT_MAX_NEW_TOKENS = MAX_NEW_TOKENS;

export class TranscriptionEngine {
  private loaded: LoadedWhisper | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(private options: EngineOptions = {}) {}

  configure(options: Pick<EngineOptions, "idleUnloadMs" | "threads">): void {
    this.options = { ...this.options, ...options };
    if (!this.busy && this.loaded) this.scheduleUnload();
  }

  get loadedModel(): { name: string; dtype: string; threads: number } | null {
    return this.loaded && { name: this.loaded.name, dtype: this.loaded.dtype, threads: this.loaded.threads };
  }

  async transcribe(request: TranscribeRequest, control: TranscribeControl = {}): Promise<TranscriptResult> {
    if (this.busy) throw new SeleniteError("conflict", "The transcription engine is already working on another file.");
    this.busy = true;
    this.cancelUnload();
    try {
      return await this.run(request, control);
    } finally {
      this.busy = false;
      this.scheduleUnload();
    }
  }

  /** Releases the loaded model's sessions (and their memory). */
  async unload(): Promise<void> {
    this.cancelUnload();
    const loaded = this.loaded;
    this.loaded = null;
    if (loaded) {
      await loaded.dispose();
      this.options.onEvent?.("model unloaded", { model: loaded.name, dtype: loaded.dtype });
    }
  }

  private async run(request: TranscribeRequest, control: TranscribeControl): Promise<TranscriptResult> {
    const { signal } = control;
    const startedAt = performance.now();
    const progress = new ProgressTracker(control.onProgress);
    const warnings: string[] = [];
    progress.enter("probing");
    const media = await probeMedia(request.file, { signal, ffmpegPath: request.ffmpegPath, ffprobePath: request.ffprobePath });
    const span = request.span;
    progress.setDuration(span ? span.end - span.start : media.durationSec);
    throwIfAborted(signal);

    progress.enter("loading model");
    const loadStartedAt = performance.now();
    const model = await this.ensureModel(request);
    const loadMs = performance.now() - loadStartedAt;
    throwIfAborted(signal);

    // A job's options were resolved when it was queued; a request from elsewhere (the
    // CLI, a test) gets the same rule here, with a word about what changed.
    const asked = { language: request.language ?? null, task: request.task };
    const { language, task } = applyModelRule(model.spec, asked);
    if (asked.language && asked.language !== language) {
      warnings.push(`'${model.name}' is an English-only model: the audio was transcribed as English.`);
    }
    if (asked.task !== task) warnings.push(`'${model.name}' is an English-only model and cannot translate; it transcribed instead.`);
    const words = request.wordTimestamps && model.canAlignWords;
    if (request.wordTimestamps && !words) {
      warnings.push(`'${model.name}' has no alignment heads or cross-attention outputs, so word timestamps are not available.`);
    }

    const key = resumeKey(request, model);
    const resume = request.resume?.key === key && request.resume.windows > 0 ? request.resume : undefined;
    if (request.resume && !resume) this.options.onEvent?.("resume point dropped: made with other options", { windows: request.resume.windows });

    progress.enter("transcribing");
    const transcribeStartedAt = performance.now();
    const long = await transcribeLongForm(model, {
      file: request.file,
      media,
      language,
      task,
      words,
      maxNewTokens: request.maxNewTokens ?? DEFAULT_MAX_NEW_TOKENS,
      minNewTokens: request.minNewTokens,
      beam: { beamSize: request.beamSize ?? 1, patience: request.patience ?? 1 },
      vad: request.vad ?? null,
      decoding: resolveDecoding(request.decoding),
      signal,
      ffmpegPath: request.ffmpegPath,
      ffprobePath: request.ffprobePath,
      onAdvance: (sec) => progress.advance(sec),
      onWindow: control.onWindow,
      span,
      resume: resume && fromResumePoint(resume),
      onCommit:
        control.onCommit &&
        ((commit) =>
          control.onCommit?.({
            resume: {
              key,
              windows: commit.windows,
              seek: commit.seek,
              language: commit.language,
              languageProbability: commit.detected?.probability ?? null,
              previousTokens: commit.previousTokens,
            },
            segments: commit.segments,
            firstIndex: commit.firstIndex,
          })),
    });
    if (span) shiftTimes(long.segments, span.start);
    const transcribeMs = performance.now() - transcribeStartedAt;
    if (media.durationSec === null) progress.setDuration(long.durationSec);
    progress.enter("finalizing");
    warnings.push(...media.warnings.map((w) => w.message), ...long.mediaWarnings.map((w) => w.message));
    if (long.stats.windows === 0)
      warnings.push(long.vad ? "No speech was found in the file, so nothing was transcribed." : "The file holds no audio to transcribe.");

    return {
      language: long.language,
      languageProbability: long.detected?.probability ?? null,
      durationSec: long.durationSec,
      hasVideo: media.hasVideo,
      segments: long.segments,
      model: model.name,
      dtype: model.dtype,
      warnings: [...new Set(warnings)],
      timings: { loadMs: Math.round(loadMs), transcribeMs: Math.round(transcribeMs), totalMs: Math.round(performance.now() - startedAt) },
      stats: { ...roundStats(long.stats), ...(long.vad ? { vadMs: Math.round(long.vad.ms), speechSec: Math.round(long.vad.speechSec * 10) / 10 } : {}) },
      resumedWindows: resume?.windows ?? 0,
    };
  }

  private async ensureModel(request: TranscribeRequest): Promise<LoadedWhisper> {
    const installed = await resolveModel(request.modelsDir, request.model);
    const dtype = pickDtype(installed, request.dtype);
    const threads = Math.max(1, Math.floor(request.threads ?? this.options.threads ?? availableParallelism()));
    const key = modelKey(installed, dtype, threads);
    if (this.loaded?.key === key) return this.loaded;
    await this.unload();
    const startedAt = performance.now();
    this.loaded = await loadWhisper(installed, dtype, threads);
    const ms = Math.round(performance.now() - startedAt);
    const rewrites = this.loaded.rewrites.filter((r) => r.applied).map((r) => r.name);
    this.options.onEvent?.("model loaded", {
      model: installed.name,
      dtype,
      threads,
      ms,
      rewrites: rewrites.length ? rewrites.join(", ") : "none",
      ...(this.loaded.sessionNote ? { note: this.loaded.sessionNote } : {}),
    });
    return this.loaded;
  }

  private scheduleUnload(): void {
    this.cancelUnload();
    if (!this.loaded) return;
    const delay = this.options.idleUnloadMs ?? 10 * 60_000;
    this.idleTimer = setTimeout(() => void this.unload(), delay);
    // An idle model must not keep the thread (or a test process) alive.
    this.idleTimer.unref();
  }

  private cancelUnload(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

/**
 * What must be the same for committed windows to be part of this run's transcript:
 * everything in the request that reaches the decoder (any option added later included),
 * and the weights actually loaded. Paths, threads and the resume point itself are not.
 */
export function resumeKey(request: TranscribeRequest, model: Pick<LoadedWhisper, "name" | "dtype">): string {
  const { file: _file, modelsDir: _dir, threads: _threads, ffmpegPath: _ffmpeg, ffprobePath: _ffprobe, resume: _resume, dtype: _dtype, ...decoding } = request;
  const sorted = Object.fromEntries(Object.entries({ ...decoding, model: model.name, dtype: model.dtype }).sort(([a], [b]) => a.localeCompare(b)));
  return createHash("sha256").update(JSON.stringify(sorted)).digest("hex").slice(0, 16);
}

function fromResumePoint(resume: ResumeFrom) {
  return {
    windows: resume.windows,
    seek: resume.seek,
    language: resume.language,
    detected: resume.language && resume.languageProbability !== null ? { language: resume.language, probability: resume.languageProbability } : null,
    previousTokens: resume.previousTokens,
    segments: resume.segments,
  };
}

function roundStats(stats: DecodeStats): DecodeStats {
  const ms = (value: number) => Math.round(value);
  return { ...stats, featuresMs: ms(stats.featuresMs), encoderMs: ms(stats.encoderMs), decoderMs: ms(stats.decoderMs) };
}

/** A span's segments, timed from its start, moved to the file's time. */
function shiftTimes(segments: TranscriptSegment[], offsetSec: number): void {
  const at = (sec: number) => Math.round((sec + offsetSec) * 1000) / 1000;
  for (const segment of segments) {
    segment.start = at(segment.start);
    segment.end = at(segment.end);
    for (const word of segment.words ?? []) {
      word.start = at(word.start);
      word.end = at(word.end);
    }
  }
}
