// The engine's contract with its callers (the worker thread and, through it, the
// job queue). Plain data only: these shapes cross the worker-thread boundary.
import type { Dtype } from "@/lib/models/dtypes";

export type Task = "transcribe" | "translate";

export type EngineStage = "probing" | "loading model" | "transcribing" | "finalizing";

export type TranscribeRequest = {
  /** Absolute path of the media file. */
  file: string;
  modelsDir: string;
  /** Folder name of an installed model. */
  model: string;
  /** Weight precision; default: picked from the files present. */
  dtype?: Dtype;
  /** ISO code such as "en" or "fr"; null or undefined = detect. */
  language?: string | null;
  task: Task;
  wordTimestamps: boolean;
  /** 1 = greedy (the default). */
  beamSize?: number;
  /** Beam search stops after round(beamSize * patience) finished sequences (openai/whisper's patience; default 1). */
  patience?: number;
  /** onnxruntime intra-op threads; default all cores. */
  threads?: number;
  ffmpegPath?: string;
  ffprobePath?: string;
  /** Most tokens decoded per 30 s window (default 224, Whisper's own cap). */
  maxNewTokens?: number;
  /** Suppress <|endoftext|> until this many tokens per window (benchmarks pin the count). */
  minNewTokens?: number;
  /** Transcribe only [start, end] seconds of the file (re-transcribing a span); times stay the file's. */
  span?: { start: number; end: number };
  /** Voice activity detection (Silero) with these thresholds; absent or null decodes every sample. */
  vad?: VadRequest | null;
  /** Continue an interrupted run from its last committed window instead of from the start. */
  resume?: ResumeFrom;
  /** OpenAI's long-form safeguards and the prompt; what is left out takes DEFAULT_DECODING's value. */
  decoding?: Partial<DecodingOptions>;
};

/**
 * How each window is decoded (OpenAI's transcribe() options, with its defaults in
 * DEFAULT_DECODING): temperature fallback, the no-speech skip, conditioning on the
 * previous window's text, the job's prompt, and two timestamp rules.
 */
export type DecodingOptions = {
  /** Tried in turn while a window fails a check below; [0] = no fallback. */
  temperatures: number[];
  /** Retry when the window's text compresses (gzip) better than this: it repeats itself. null = no check. */
  compressionRatioThreshold: number | null;
  /** Retry when the window's average log-probability is below this. null = no check. */
  logprobThreshold: number | null;
  /** Skip a window whose <|nospeech|> probability is above this (unless its log-probability is above logprobThreshold). null = never. */
  noSpeechThreshold: number | null;
  /** Feed the previous windows' text after <|startofprev|> (dropped after a fallback above 0.5). */
  conditionOnPreviousText: boolean;
  /** Names, jargon, spelling: sent after <|startofprev|> before the first window. null = none. */
  prompt: string | null;
  /** The first timestamp of a window is at most this many seconds. null = no cap. */
  maxInitialTimestamp: number | null;
  /** Timestamps never go back, and every segment has a length. */
  monotonicTimestamps: boolean;
  /** Seeds the draws above temperature 0 (with the window and temperature): the job id, so a rerun repeats itself. */
  seed: string;
};

/** Silero's thresholds (lib/transcription/vad/regions.ts) and the longest pause kept inside a window. */
export type VadRequest = { threshold: number; minSpeechMs: number; minSilenceMs: number; speechPadMs: number; maxPauseMs: number };

/**
 * Where a run continues: what the windows committed so far leave behind for the next
 * one. Written with every window's segments (lib/queue/sqlite-queue.ts commitWindow).
 */
export type ResumePoint = {
  /** Which request made the committed windows (resumeKey); another one starts from the beginning. */
  key: string;
  /** Windows committed so far. */
  windows: number;
  /** Sample the next window starts at. */
  seek: number;
  /** The language the next windows are decoded in (detected on the first window when not given). */
  language: string | null;
  languageProbability: number | null;
  /** The tokens of the windows so far that Whisper conditions the next window on (the last 223). */
  previousTokens: number[];
};

/** A resume point with the segments committed before it, in order. */
export type ResumeFrom = ResumePoint & { segments: TranscriptSegment[] };

/** One window's segments and the resume point after it, committed together. */
export type WindowCommit = { resume: ResumePoint; segments: TranscriptSegment[]; /** Index of the first of them in the run's list. */ firstIndex: number };

export type EngineProgress = {
  stage: EngineStage;
  /** 0..1 of the audio processed. */
  fraction: number;
  /** Seconds left, from the measured speed; null until it can be estimated. */
  etaSec: number | null;
  processedSec: number;
  durationSec: number | null;
};

/** One owner for the word shape: what the engine makes is what Segment.words stores. */
export type { Word } from "@/lib/transcripts/words";
import type { Word } from "@/lib/transcripts/words";

export type TranscriptSegment = {
  start: number;
  end: number;
  text: string;
  words?: Word[];
  avgLogprob?: number;
  /** Probability of <|nospeech|> for the segment's window. */
  noSpeechProb?: number;
  /** gzip ratio of the text (openai/whisper's compression_ratio); the queue computes it when absent. */
  compressionRatio?: number;
  /** Temperature the window was decoded at (0 = greedy, more after a fallback). */
  temperature?: number;
  /** With VAD on: the fraction of the segment the voice detector heard as speech (0..1). */
  speechRatio?: number;
};

export type TranscriptResult = {
  language: string;
  /** Probability of the detected language; null when the user chose it or the model is English-only. */
  languageProbability: number | null;
  durationSec: number;
  hasVideo: boolean;
  segments: TranscriptSegment[];
  model: string;
  dtype: Dtype;
  warnings: string[];
  timings: { loadMs: number; transcribeMs: number; totalMs: number };
  /** Windows decoded, tokens generated, and where the time went (benchmarks and logs). */
  stats?: { windows: number; tokens: number; featuresMs: number; encoderMs: number; decoderMs: number; vadMs?: number; speechSec?: number };
  /** Windows committed by an earlier, interrupted run and not decoded again (0 = a run from the start). */
  resumedWindows?: number;
};
