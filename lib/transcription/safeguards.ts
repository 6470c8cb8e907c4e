// OpenAI's long-form safeguards (whisper/transcribe.py), as numbers and checks:
// the temperature ladder, when a window is retried, when it is skipped as silence,
// (the compression ratio that catches a model repeating itself is lib/transcripts/compression.ts).
import type { DecodingOptions } from "./types";

/** 0, 0.2, ..., 1.0: OpenAI's fallback temperatures. */
export const FALLBACK_TEMPERATURES = [0, 0.2, 0.4, 0.6, 0.8, 1];

/** OpenAI's defaults, on unless a request says otherwise. */
export const DEFAULT_DECODING: Omit<DecodingOptions, "seed"> = {
  temperatures: FALLBACK_TEMPERATURES,
  compressionRatioThreshold: 2.4,
  logprobThreshold: -1,
  noSpeechThreshold: 0.6,
  conditionOnPreviousText: true,
  prompt: null,
  maxInitialTimestamp: 1,
  monotonicTimestamps: true,
};

/** Every safeguard off: what transformers.js's pipeline does (the parity tests use it). */
export const PLAIN_DECODING: Omit<DecodingOptions, "seed"> = {
  temperatures: [0],
  compressionRatioThreshold: null,
  logprobThreshold: null,
  noSpeechThreshold: null,
  conditionOnPreviousText: false,
  prompt: null,
  maxInitialTimestamp: null,
  monotonicTimestamps: false,
};

export function resolveDecoding(input: Partial<DecodingOptions> | undefined): DecodingOptions {
  const merged = { ...DEFAULT_DECODING, seed: "selenite", ...stripUndefined(input ?? {}) };
  const temperatures = merged.temperatures.filter((t) => Number.isFinite(t) && t >= 0);
  return { ...merged, temperatures: temperatures.length ? temperatures : [0], prompt: merged.prompt?.trim() || null };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export interface AttemptFigures {
  temperature: number;
  compressionRatio: number;
  avgLogprob: number;
  noSpeechProb: number | null;
}

/** Whether a decode must be tried again at the next temperature (decode_with_fallback). */
export function needsFallback(options: DecodingOptions, attempt: AttemptFigures): boolean {
  const { compressionRatioThreshold, logprobThreshold } = options;
  let retry = false;
  if (compressionRatioThreshold !== null && attempt.compressionRatio > compressionRatioThreshold) retry = true; // repeats itself
  if (logprobThreshold !== null && attempt.avgLogprob < logprobThreshold) retry = true; // unsure
  // Silence: retrying cannot help; the skip below decides.
  if (isSilence(options, attempt)) retry = false;
  return retry;
}

function isSilence(options: DecodingOptions, attempt: AttemptFigures): boolean {
  const { logprobThreshold, noSpeechThreshold } = options;
  return (
    noSpeechThreshold !== null &&
    attempt.noSpeechProb !== null &&
    attempt.noSpeechProb > noSpeechThreshold &&
    logprobThreshold !== null &&
    attempt.avgLogprob < logprobThreshold
  );
}

/** Whether the window's final decode is skipped as no speech (transcribe()'s should_skip). */
export function shouldSkip(options: DecodingOptions, attempt: AttemptFigures): boolean {
  const { logprobThreshold, noSpeechThreshold } = options;
  if (noSpeechThreshold === null || attempt.noSpeechProb === null || attempt.noSpeechProb <= noSpeechThreshold) return false;
  // A confident decode is kept despite the no-speech probability.
  return !(logprobThreshold !== null && attempt.avgLogprob > logprobThreshold);
}
