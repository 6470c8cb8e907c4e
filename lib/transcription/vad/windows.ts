// Where windows go when voice activity detection is on. A window is built from
// speech only: the speech regions from the loop's cursor on, joined end to end, up
// to 30 s of audio. A pause of up to `maxPauseMs` between two regions stays in (so
// words keep their natural spacing); a longer one is cut out and never decoded, so
// nothing can be transcribed where nobody speaks, and a file with no speech is never
// decoded at all. The window ends in a pause: a region that does not fit is left for
// the next window, and only speech that runs on for most of a window without any
// pause is cut, at its least speech-like frame. Times inside the window map back
// to the file through the window's pieces (toFileSample).
import { WINDOW_SAMPLES } from "../whisper-constants";
import type { VadStream } from "./stream";
import { VAD_FRAME } from "./regions";
import { SAMPLE_RATE } from "../whisper-constants";

/** A stretch of the file copied into the window at `at`. */
export interface WindowPiece {
  from: number;
  length: number;
  at: number;
}

export interface SpeechWindow {
  pieces: WindowPiece[];
  /** Samples in the window (the pieces' total). */
  length: number;
  /** The speech regions inside the pieces, in file samples: a piece also holds the short pauses between them. */
  speech: { start: number; end: number }[];
}

/** How far past a window the VAD must have looked to know whether speech runs on. */
const LOOKAHEAD = SAMPLE_RATE;
/** A region that would leave the window under this full is split inside instead of left out. */
const MIN_FILL = WINDOW_SAMPLES / 3;
/** Where a cut inside speech may fall: the last this-many samples of the room left. */
const CUT_SEARCH = 8 * SAMPLE_RATE;

/** The file sample at offset `offset` of the window (the end of the window maps to its last piece's end). */
export function toFileSample(window: SpeechWindow, offset: number): number {
  for (const piece of window.pieces) {
    if (offset < piece.at + piece.length) return piece.from + Math.max(0, offset - piece.at);
  }
  const last = window.pieces.at(-1);
  return last ? last.from + last.length : 0;
}

/** The window offset of file sample `sample` (0 before the window, its length after it). */
export function toWindowOffset(window: SpeechWindow, sample: number): number {
  let offset = 0;
  for (const piece of window.pieces) {
    if (sample < piece.from) return offset;
    if (sample < piece.from + piece.length) return piece.at + (sample - piece.from);
    offset = piece.at + piece.length;
  }
  return offset;
}

/** The next window of speech at or after `seek`, or null when no speech is left in the file. */
export async function nextSpeechWindow(vad: VadStream, seek: number, maxPauseSamples: number): Promise<SpeechWindow | null> {
  const tracker = vad.tracker;
  // Find the first speech at or after seek, running the model as far as needed.
  for (;;) {
    await vad.advanceTo(seek + WINDOW_SAMPLES + LOOKAHEAD);
    tracker.dropBefore(seek);
    const first = tracker.regions.find((r) => r.end > seek);
    const open = tracker.openStart;
    if (first || open !== null) {
      const start = Math.max(seek, first?.start ?? (open as number));
      if (start === seek) break;
      seek = start;
      continue;
    }
    if (vad.done) return null;
    seek = Math.max(seek, tracker.settled);
  }
  await vad.advanceTo(seek + WINDOW_SAMPLES + LOOKAHEAD);

  // The regions from seek on; speech still being spoken counts up to where the VAD has looked.
  const regions = tracker.regions.filter((r) => r.end > seek).map((r) => ({ start: Math.max(r.start, seek), end: r.end }));
  const open = tracker.openStart;
  if (open !== null) regions.push({ start: Math.max(open, seek), end: Math.max(tracker.processed, seek + 1) });

  const pieces: WindowPiece[] = [];
  let length = 0;
  for (const region of regions) {
    const last = pieces.at(-1);
    const joined = last !== undefined && region.start - (last.from + last.length) <= maxPauseSamples;
    const from = joined ? last.from + last.length : region.start;
    const wanted = region.end - from;
    const room = WINDOW_SAMPLES - length;
    if (wanted <= room) {
      if (joined) last.length += wanted;
      else pieces.push({ from, length: wanted, at: length });
      length += wanted;
      continue;
    }
    // It does not fit: leave it for the next window, cutting in the pause before it,
    // unless that would leave this window mostly empty.
    if (length >= MIN_FILL) break;
    const cut = quietestPoint(vad, Math.max(from + 1, from + room - CUT_SEARCH), from + room);
    if (joined) last.length += cut - from;
    else pieces.push({ from, length: cut - from, at: length });
    length += cut - from;
    break;
  }
  const speech = pieces.flatMap((piece) =>
    regions.map((r) => ({ start: Math.max(r.start, piece.from), end: Math.min(r.end, piece.from + piece.length) })).filter((r) => r.end > r.start),
  );
  return { pieces, length, speech };
}

/** The fraction of [start, end) (file samples) that the regions cover; regions sorted and apart. */
export function speechCoverage(regions: readonly { start: number; end: number }[], start: number, end: number): number {
  if (end <= start) return regions.some((r) => r.start <= start && start < r.end) ? 1 : 0;
  let covered = 0;
  for (const r of regions) covered += Math.max(0, Math.min(r.end, end) - Math.max(r.start, start));
  return covered / (end - start);
}

/** The frame boundary in [lo, hi] whose frame is least likely speech (the latest of equals). */
function quietestPoint(vad: VadStream, lo: number, hi: number): number {
  let best = hi;
  let bestProbability = Number.POSITIVE_INFINITY;
  const first = Math.ceil(lo / VAD_FRAME) * VAD_FRAME;
  for (let at = first; at <= hi; at += VAD_FRAME) {
    const probability = vad.tracker.probabilityAt(at);
    if (probability <= bestProbability) {
      bestProbability = probability;
      best = at;
    }
  }
  return Math.max(lo, Math.min(best, hi));
}
