// What the main process asks a worker thread for when a job's speakers are identified,
// and what comes back. Plain data (it crosses postMessage).
import type { VadThresholds } from "@/lib/transcription/vad/regions";
import type { SpeakerModels } from "@/lib/models/speakers";
import type { CutPoints } from "./rough";
import type { SpeakerChoice, SpeakerTurn } from "./types";

/** The method that runs: "auto" is resolved to one of these when the stage starts. */
export type SpeakerMethod = "neural" | "rough" | "channel";

export interface DiarizeRequest {
  file: string;
  method: SpeakerMethod;
  /** Undefined = estimate the count. */
  choice?: SpeakerChoice;
  cuts: CutPoints;
  vad: VadThresholds;
  models: SpeakerModels | null;
  durationSec: number | null;
  threads?: number;
  ffmpegPath?: string;
  ffprobePath?: string;
}

export interface DiarizeResult {
  method: SpeakerMethod;
  turns: SpeakerTurn[];
  ms: number;
}

/** A count, a range, or nothing (estimate) from a job's speaker columns. */
export function speakerChoice(options: { speakerCount: number | null; minSpeakers: number | null; maxSpeakers: number | null }): SpeakerChoice | undefined {
  if (options.speakerCount) return { count: options.speakerCount };
  if (options.minSpeakers || options.maxSpeakers) return { min: options.minSpeakers ?? 1, max: options.maxSpeakers ?? Math.max(options.minSpeakers ?? 1, 8) };
  return undefined;
}

/**
 * Where the transcript allows a change of speaker: each segment's start and end, and the
 * middle of every gap between two of its words.
 */
export function cutPoints(segments: readonly { start: number; end: number; words: readonly { start: number; end: number }[] | null }[]): CutPoints {
  const strong: number[] = [];
  const weak: number[] = [];
  for (const segment of segments) {
    strong.push(segment.start, segment.end);
    const words = segment.words ?? [];
    for (let i = 1; i < words.length; i++) weak.push((words[i - 1].end + words[i].start) / 2);
  }
  return { strong, weak };
}
