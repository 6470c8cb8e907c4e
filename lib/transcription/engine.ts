// The transcription engine the worker thread owns: probe the file, load (or reuse)
// the model, run the window loop, and report progress. One loaded model is kept
// between jobs, keyed by model + dtype + threads, and released after an idle timeout.
import { availableParallelism } from "node:os";
import { SeleniteError } from "@/lib/errors";
import { applyModelRule } from "@/lib/jobs/model-rule";
import { pickDtype, resolveModel } from "@/lib/models/registry";
import { probeMedia } from "./media";
import { throwIfAborted } from "./greedy";
import { transcribeLongForm, type WindowReport } from "./long-form";
import { ProgressTracker, type ProgressListener } from "./progress";
import { resolveDecoding } from "./safeguards";
import type { TranscribeRequest, TranscriptResult } from "./types";
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
    progress.setDuration(media.durationSec);
    throwIfAborted(signal);

    progress.enter("loading model");
    const loadStartedAt = performance.now();
    const model = await this.ensureModel(request);
    const loadMs = performance.now() - loadStartedAt;
    throwIfAborted(signal);

    if ((request.beamSize ?? 1) > 1) warnings.push("Beam search is not available with this engine; greedy decoding was used.");
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
      warnings.push(`'${model.name}' has no alignment heads or cross-attention outputs, so word-level timings are not available.`);
    }

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
      decoding: resolveDecoding(request.decoding),
      signal,
      ffmpegPath: request.ffmpegPath,
      ffprobePath: request.ffprobePath,
      onAdvance: (sec) => progress.advance(sec),
      onWindow: control.onWindow,
    });
    const transcribeMs = performance.now() - transcribeStartedAt;
    if (media.durationSec === null) progress.setDuration(long.durationSec);
    progress.enter("finalizing");
    warnings.push(...media.warnings.map((w) => w.message), ...long.mediaWarnings.map((w) => w.message));
    if (long.stats.windows === 0) warnings.push("The file holds no audio to transcribe.");

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
      stats: roundStats(long.stats),
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

function roundStats(stats: DecodeStats): DecodeStats {
  const ms = (value: number) => Math.round(value);
  return { ...stats, featuresMs: ms(stats.featuresMs), encoderMs: ms(stats.encoderMs), decoderMs: ms(stats.decoderMs) };
}
