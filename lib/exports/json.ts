// JSON: everything we know, in the versioned shape documented in docs/exports.md and
// docs/transcript.schema.json. Bump TRANSCRIPT_JSON_VERSION on any breaking change.
import { toParagraphs } from "@/lib/exports/paragraphs";
import type { ExportOptions, Transcript } from "@/lib/exports/types";
import type { Word } from "@/lib/transcripts/words";

export const TRANSCRIPT_JSON_SCHEMA = "selenite.transcript";
export const TRANSCRIPT_JSON_VERSION = 1;

/** Seconds to the millisecond: finer digits are float noise, not precision. */
function seconds(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.round(value * 1000) / 1000) : 0;
}

/** A decoder figure, or null when the engine did not report it. */
function figure(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function word(w: Word) {
  return {
    word: w.word,
    start: seconds(w.start),
    end: seconds(w.end),
    ...(typeof w.probability === "number" && Number.isFinite(w.probability) ? { probability: w.probability } : {}),
  };
}

export function toJsonDocument(transcript: Transcript, options: Pick<ExportOptions, "now"> = {}) {
  const { job, segments } = transcript;
  return {
    schema: TRANSCRIPT_JSON_SCHEMA,
    version: TRANSCRIPT_JSON_VERSION,
    exportedAt: (options.now ?? new Date()).toISOString(),
    job: {
      id: job.id,
      title: job.title,
      originalName: job.originalName,
      durationSec: job.durationSec,
      model: job.model,
      task: job.task,
      language: { requested: job.language, detected: job.detectedLanguage, probability: job.languageProb },
      createdAt: job.createdAt,
      finishedAt: job.finishedAt,
      processingMs: job.processingMs,
      warnings: job.warnings,
    },
    text: toParagraphs(segments)
      .map((p) => (p.speaker ? `${p.speaker}: ${p.text}` : p.text))
      .join("\n\n"),
    segments: [...segments]
      .sort((a, b) => a.index - b.index)
      .map((s) => ({
        id: s.id,
        index: s.index,
        start: seconds(s.start),
        end: seconds(s.end),
        text: s.text,
        originalText: s.originalText,
        edited: s.edited,
        speaker: s.speaker,
        words: s.words ? s.words.map(word) : null,
        avgLogprob: figure(s.avgLogprob),
        noSpeechProb: figure(s.noSpeechProb),
        compressionRatio: figure(s.compressionRatio),
        temperature: figure(s.temperature),
        speechRatio: figure(s.speechRatio),
      })),
  };
}

export function toJson(transcript: Transcript, options: Pick<ExportOptions, "now"> = {}): string {
  return `${JSON.stringify(toJsonDocument(transcript, options), null, 2)}\n`;
}
