// Shared shapes of the speaker stage: what a method returns and how many speakers it looks for.

/** One stretch of one speaker, seconds into the file; speakers are numbered from 0. */
export interface SpeakerTurn {
  start: number;
  end: number;
  speaker: number;
}

/** A known count, a range to choose from, or a distance at which clusters stop merging. */
export type SpeakerChoice = { count: number } | { min: number; max: number } | { threshold: number };

export const DEFAULT_MAX_SPEAKERS = 8;

/** Progress of one diarization pass, 0..1 of the file. */
export type SpeakerProgress = (fraction: number) => void;
