// Breaks one segment into timed units (words, or pieces of over-long words) for cue
// building: from the model's word timestamps when they still describe the text, and
// otherwise by dividing the segment's time in proportion to characters.
import { cleanText, codePoints, displayWidth, splitGraphemes } from "@/lib/exports/text";
import type { ExportSegment } from "@/lib/exports/types";

export type Unit = {
  text: string;
  /** A space separates this unit from the one before it on a line. */
  space: boolean;
  width: number;
  start: number;
  end: number;
};

const words = new Intl.Segmenter(undefined, { granularity: "word" });

/** Splits a whitespace-free piece wider than a line: at word boundaries (CJK), then between graphemes. */
function splitWide(piece: string, maxWidth: number): string[] {
  if (displayWidth(piece) <= maxWidth) return [piece];
  const out: string[] = [];
  for (const { segment } of words.segment(piece)) {
    if (displayWidth(segment) <= maxWidth) {
      out.push(segment);
      continue;
    }
    let chunk = "";
    for (const grapheme of splitGraphemes(segment)) {
      if (chunk && displayWidth(chunk + grapheme) > maxWidth) {
        out.push(chunk);
        chunk = "";
      }
      chunk += grapheme;
    }
    if (chunk) out.push(chunk);
  }
  return out;
}

type Piece = { text: string; space: boolean };

function piecesOf(text: string, space: boolean, maxWidth: number): Piece[] {
  return splitWide(text, maxWidth).map((part, i) => ({ text: part, space: i === 0 && space }));
}

/** Spreads [start, end] over pieces in proportion to their characters (a space counts as one). */
function timePieces(pieces: Piece[], start: number, end: number): Unit[] {
  const weight = (p: Piece) => codePoints(p.text) + (p.space ? 1 : 0);
  const total = pieces.reduce((sum, p) => sum + weight(p), 0) || 1;
  const span = Math.max(0, end - start);
  let done = 0;
  return pieces.map((piece) => {
    const unitStart = start + (span * done) / total;
    done += weight(piece);
    return { text: piece.text, space: piece.space, width: displayWidth(piece.text), start: unitStart, end: start + (span * done) / total };
  });
}

/**
 * Lines the model's words up with the segment's current text. Returns null when they no
 * longer spell it (the person corrected the text), so stale timings never mislabel words.
 */
function unitsFromWords(segment: ExportSegment, text: string, maxWidth: number): Unit[] | null {
  if (!segment.words?.length) return null;
  const units: Unit[] = [];
  let at = 0;
  for (const word of segment.words) {
    const clean = cleanText(word.word);
    if (!clean) continue;
    if (!Number.isFinite(word.start) || !Number.isFinite(word.end)) return null;
    let next = at;
    while (text[next] === " ") next += 1;
    if (!text.startsWith(clean, next)) return null;
    const start = Math.max(word.start, units.at(-1)?.end ?? word.start);
    units.push(...timePieces(piecesOf(clean, next > at, maxWidth), start, Math.max(start, word.end)));
    at = next + clean.length;
  }
  return at === text.length && units.length ? units : null;
}

function unitsFromText(segment: ExportSegment, text: string, maxWidth: number): Unit[] {
  const pieces = text.split(" ").flatMap((word, i) => piecesOf(word, i > 0, maxWidth));
  return timePieces(pieces, segment.start, Math.max(segment.start, segment.end));
}

/** The segment's text as timed units; empty when the segment has no text. */
export function segmentUnits(segment: ExportSegment, maxWidth: number): Unit[] {
  const text = cleanText(segment.text);
  if (!text) return [];
  return unitsFromWords(segment, text, maxWidth) ?? unitsFromText(segment, text, maxWidth);
}
