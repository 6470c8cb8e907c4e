// Reading paragraphs for txt, md and docx: consecutive segments run together until the
// speaker changes or the speech pauses, which is where a reader expects a break.
import { cleanText, joinTexts } from "@/lib/exports/text";
import type { ExportSegment } from "@/lib/exports/types";

export type Paragraph = { start: number; end: number; speaker: string | null; text: string };

export const PARAGRAPH_RULES = {
  /** Silence (seconds) that ends a paragraph. */
  pauseSec: 2,
  /** Long monologues without pauses still get a break (and a fresh timestamp) at a segment end. */
  maxChars: 1200,
} as const;

export function toParagraphs(segments: ExportSegment[]): Paragraph[] {
  const ordered = [...segments].sort((a, b) => a.start - b.start || a.index - b.index);
  const paragraphs: Paragraph[] = [];
  let pieces: string[] = [];
  let current: Paragraph | null = null;
  const flush = () => {
    if (current) paragraphs.push({ ...current, text: joinTexts(pieces) });
    current = null;
    pieces = [];
  };
  for (const segment of ordered) {
    const text = cleanText(segment.text);
    if (!text) continue;
    const speaker = cleanText(segment.speaker) || null;
    const length = pieces.reduce((sum, p) => sum + p.length, 0);
    if (current && (speaker !== current.speaker || segment.start - current.end > PARAGRAPH_RULES.pauseSec || length >= PARAGRAPH_RULES.maxChars)) {
      flush();
    }
    if (!current) current = { start: segment.start, end: segment.end, speaker, text: "" };
    current.end = Math.max(current.end, segment.end);
    pieces.push(text);
  }
  flush();
  return paragraphs;
}
