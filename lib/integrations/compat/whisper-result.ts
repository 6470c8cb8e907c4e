// A finished transcript in the shape openai/whisper's transcribe() returns, which
// both OpenAI's verbose_json and whisper-asr-webservice's json output follow.
import { cleanText, joinTexts } from "@/lib/exports/text";
import type { Transcript } from "@/lib/exports/types";
import { languageName } from "@/lib/languages";

// Whisper's mel frames per second: `seek` counts them.
const FRAMES_PER_SEC = 100;
const WINDOW_SEC = 30;

const seconds = (value: number) => (Number.isFinite(value) ? Math.max(0, Math.round(value * 1000) / 1000) : 0);
const figure = (value: number | null | undefined, fallback: number) => (typeof value === "number" && Number.isFinite(value) ? value : fallback);

export type WhisperWord = { word: string; start: number; end: number; probability?: number };

export function transcriptText(transcript: Transcript): string {
  return joinTexts(transcript.segments.map((s) => cleanText(s.text)));
}

/** The language as whisper names it: the code when asked for codes, else its lower-case English name ("english"). */
export function transcriptLanguage(transcript: Transcript, as: "code" | "name"): string {
  const code = transcript.job.detectedLanguage ?? transcript.job.language ?? "en";
  return as === "code" ? code : languageName(code).toLowerCase();
}

export function whisperSegments(transcript: Transcript, withWords: boolean) {
  return [...transcript.segments]
    .sort((a, b) => a.index - b.index)
    .map((s, id) => ({
      id,
      // Not stored per segment: the start of the 30-second window the segment began in.
      seek: Math.floor(s.start / WINDOW_SEC) * WINDOW_SEC * FRAMES_PER_SEC,
      start: seconds(s.start),
      end: seconds(s.end),
      text: s.text.startsWith(" ") ? s.text : ` ${s.text}`,
      // Token ids are not kept once a segment is committed.
      tokens: [] as number[],
      temperature: figure(s.temperature, 0),
      avg_logprob: figure(s.avgLogprob, 0),
      compression_ratio: figure(s.compressionRatio, 0),
      no_speech_prob: figure(s.noSpeechProb, 0),
      ...(withWords ? { words: wordsOf([s]) } : {}),
    }));
}

export function wordsOf(segments: Transcript["segments"]): WhisperWord[] {
  return segments.flatMap((s) =>
    (s.words ?? []).map((w) => ({
      word: w.word,
      start: seconds(w.start),
      end: seconds(w.end),
      ...(typeof w.probability === "number" ? { probability: w.probability } : {}),
    })),
  );
}

export function transcriptDuration(transcript: Transcript): number {
  return seconds(transcript.job.durationSec ?? transcript.segments.at(-1)?.end ?? 0);
}
