// Which segments and words deserve a second look, from the decoder's figures. One
// owner for the thresholds (openai/whisper's defaults), shared by the job page's
// shading, its Review mode and the tests. Safe for client components.
import type { Confidence } from "@/lib/transcripts/range";

/** Below this a word is shaded as uncertain. */
export const LOW_WORD_PROBABILITY = 0.5;
/** openai/whisper's logprob_threshold: a window under it is decoded again hotter. */
export const LOW_AVG_LOGPROB = -1;
/** openai/whisper's compression_ratio_threshold: over it the text repeats itself. */
export const HIGH_COMPRESSION_RATIO = 2.4;
/** openai/whisper's no_speech_threshold: the model thought nobody was speaking. */
export const HIGH_NO_SPEECH_PROB = 0.6;
/** With VAD on: a segment the voice detector heard as speech for less than this share of its time. */
export const LOW_SPEECH_RATIO = 0.5;

export type SuspectReason = "fallback" | "low-confidence" | "repetition" | "no-speech" | "unheard";

export const SUSPECT_LABELS: Record<SuspectReason, string> = {
  fallback: "decoded again at a higher temperature",
  "low-confidence": "low confidence",
  repetition: "repeated text",
  "no-speech": "may be text where nobody speaks",
  unheard: "the voice detector heard no speech under most of it",
};

/** Why a segment is suspect, in a fixed order; empty when it looks fine or has no figures. */
export function suspectReasons(segment: Partial<Confidence>): SuspectReason[] {
  const reasons: SuspectReason[] = [];
  if ((segment.temperature ?? 0) > 0) reasons.push("fallback");
  if (segment.avgLogprob != null && segment.avgLogprob < LOW_AVG_LOGPROB) reasons.push("low-confidence");
  if (segment.compressionRatio != null && segment.compressionRatio > HIGH_COMPRESSION_RATIO) reasons.push("repetition");
  if (segment.noSpeechProb != null && segment.noSpeechProb > HIGH_NO_SPEECH_PROB) reasons.push("no-speech");
  if (segment.speechRatio != null && segment.speechRatio < LOW_SPEECH_RATIO) reasons.push("unheard");
  return reasons;
}

export function isLowProbability(probability: number | undefined): boolean {
  return probability !== undefined && probability < LOW_WORD_PROBABILITY;
}
