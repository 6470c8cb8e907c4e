// Subtitle cues from a transcript, shared by srt and vtt. Rules (common broadcast
// practice): at most 2 lines of about 42 columns, at most 7 s on screen, at least
// 0.8 s, never across a pause in the words, and never overlapping: models sometimes
// emit segments that overlap, and most players show overlapping cues stacked.
import { segmentUnits, type Unit } from "@/lib/exports/units";
import { toMs } from "@/lib/exports/time";
import { cleanText } from "@/lib/text";
import type { ExportSegment } from "@/lib/exports/types";

/** `speaker`: who says it (null when speakers were not identified); a cue never spans two. */
export type Cue = { startMs: number; endMs: number; lines: string[]; speaker: string | null };

export const CUE_RULES = {
  maxLineWidth: 42,
  maxLines: 2,
  maxDurationSec: 7,
  minDurationSec: 0.8,
  /** Silence between two words that always starts a new cue. */
  maxGapSec: 1.5,
} as const;

const SENTENCE_END = /[.!?…。！？؟]["'”’»)\]]*$/u;

function lineOf(units: Unit[]): string {
  return units.map((u, i) => (i > 0 && u.space ? ` ${u.text}` : u.text)).join("");
}

/** Width of units as one line: their widths plus the spaces between them. */
function widthOf(units: Unit[]): number {
  let width = 0;
  for (let i = 0; i < units.length; i += 1) width += units[i].width + (i > 0 && units[i].space ? 1 : 0);
  return width;
}

/**
 * The units as at most two lines within the width, or null when they do not fit.
 * Two lines are balanced, preferring a break after punctuation and a top line no
 * longer than the bottom one (easier to read).
 */
export function layoutLines(units: Unit[], maxWidth: number = CUE_RULES.maxLineWidth): string[] | null {
  const total = widthOf(units);
  if (total <= maxWidth) return [lineOf(units)];
  let best: { score: number; at: number } | null = null;
  let top = 0;
  for (let at = 1; at < units.length; at += 1) {
    top += units[at - 1].width + (at > 1 && units[at - 1].space ? 1 : 0);
    const bottom = total - top - (units[at].space ? 1 : 0);
    if (top > maxWidth) break;
    if (bottom > maxWidth) continue;
    const punctuation = /[,;:.!?、。，！？؟]$/u.test(units[at - 1].text) ? 6 : 0;
    const score = Math.max(top, bottom) - punctuation + (top > bottom ? 0.5 : 0);
    if (!best || score < best.score) best = { score, at };
  }
  return best ? [lineOf(units.slice(0, best.at)), lineOf(units.slice(best.at))] : null;
}

type RawCue = { start: number; end: number; lines: string[] };

/** Width per cue that splits what is left into even cues instead of full ones and a stub. */
function evenTarget(rest: Unit[]): number {
  // Word wrap rarely fills both lines, so plan cues at ~85% of the full capacity.
  const capacity = CUE_RULES.maxLineWidth * CUE_RULES.maxLines * 0.85;
  const total = widthOf(rest);
  return total / Math.max(1, Math.ceil(total / capacity));
}

function cueOf(units: Unit[]): RawCue {
  return { start: units[0].start, end: units.at(-1)!.end, lines: layoutLines(units) ?? [lineOf(units)] };
}

/** One segment's cues: greedy, within the rules, aiming at even cues. */
function segmentCues(segment: ExportSegment): RawCue[] {
  const units = segmentUnits(segment, CUE_RULES.maxLineWidth);
  const capacity = CUE_RULES.maxLineWidth * CUE_RULES.maxLines + 1;
  const cues: RawCue[] = [];
  let current: Unit[] = [];
  let width = 0;
  let target = evenTarget(units);
  units.forEach((unit, i) => {
    if (current.length) {
      const last = current.at(-1)!;
      const wider = width + unit.width + (unit.space ? 1 : 0);
      const full = width >= target;
      const tooLong = unit.end - current[0].start > CUE_RULES.maxDurationSec;
      const pause = unit.start - last.end > CUE_RULES.maxGapSec;
      const sentence = SENTENCE_END.test(last.text) && width >= CUE_RULES.maxLineWidth / 2;
      // One line always fits; two are laid out only when the cue could still hold them.
      const fits = wider <= CUE_RULES.maxLineWidth || (wider <= capacity && layoutLines([...current, unit]) !== null);
      if (fits && !full && !tooLong && !pause && !sentence) {
        current.push(unit);
        width = wider;
        return;
      }
      cues.push(cueOf(current));
      target = evenTarget(units.slice(i));
    }
    current = [unit];
    width = unit.width;
  });
  if (current.length) cues.push(cueOf(current));
  return cues;
}

/**
 * All cues in time order. A cue starts no earlier than the previous one ends, lasts at
 * least the minimum (when that pushes into the next cue, the next one starts later)
 * and at most the maximum.
 */
export function buildCues(segments: ExportSegment[]): Cue[] {
  const ordered = [...segments].sort((a, b) => a.start - b.start || a.index - b.index);
  const cues: Cue[] = [];
  let previousEnd = 0;
  for (const segment of ordered) {
    for (const raw of segmentCues(segment)) {
      const startMs = Math.max(toMs(raw.start), previousEnd);
      const endMs = Math.min(Math.max(toMs(raw.end), startMs + CUE_RULES.minDurationSec * 1000), startMs + CUE_RULES.maxDurationSec * 1000);
      cues.push({ startMs, endMs, lines: raw.lines, speaker: segment.speaker ? cleanText(segment.speaker) || null : null });
      previousEnd = endMs;
    }
  }
  return cues;
}
