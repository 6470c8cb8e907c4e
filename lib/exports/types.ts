// The exporters' input: a finished job's facts and its segments as they are now
// (after the person's corrections). Plain data, so every format is a pure function.
import type { Confidence } from "@/lib/transcripts/range";
import type { SegmentFields } from "@/lib/transcripts/segment";
import type { Word } from "@/lib/transcripts/words";

export const EXPORT_FORMATS = ["txt", "srt", "vtt", "json", "docx", "md"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === "string" && (EXPORT_FORMATS as readonly string[]).includes(value);
}

export type ExportSegment = SegmentFields & Confidence & { id: number; index: number; words: Word[] | null };

export type ExportJob = {
  id: string;
  title: string;
  originalName: string;
  durationSec: number | null;
  model: string;
  /** What the person asked for; null means "detect". */
  language: string | null;
  detectedLanguage: string | null;
  languageProb: number | null;
  task: string;
  /** ISO 8601 instants. */
  createdAt: string;
  finishedAt: string | null;
  processingMs: number | null;
  /** What the upload probe and the engine warned about (e.g. "the file may be incomplete"). */
  warnings: string[];
};

export type Transcript = { job: ExportJob; segments: ExportSegment[] };

export type ExportOptions = {
  /** Timestamps before paragraphs: off by default in txt, on in md and docx. */
  timestamps?: boolean;
  /** Fixes "exportedAt" in json (tests); defaults to now. */
  now?: Date;
};

export type ExportResult = { body: string | Uint8Array<ArrayBuffer>; contentType: string; extension: ExportFormat };
