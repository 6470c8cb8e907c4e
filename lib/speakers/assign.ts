// Turns onto a transcript: each word gets the speaker whose turns overlap it most, short
// islands at turns are smoothed away, and a segment that spans a turn is split there
// (its text cut at the words, its figures kept on every part). A segment a person edited,
// or one without word timings, keeps its text and gets the speaker of most of its time.
import { compressionRatio } from "@/lib/transcripts/compression";
import type { SegmentData } from "@/lib/transcripts/range";
import { parseWords, spacedWords, wordsJson, type Word } from "@/lib/transcripts/words";
import type { SpeakerTurn } from "./types";

/** A run of words this short (seconds), between two runs of one other speaker, is theirs. */
export const ISLAND_SEC = 0.6;
/** A run of at most this many words is an island too, whatever its length. */
const ISLAND_WORDS = 1;

/** The speaker whose turns overlap [start, end] longest; the nearest turn's when none does. */
export function speakerOver(turns: readonly SpeakerTurn[], start: number, end: number): number | null {
  if (!turns.length) return null;
  const overlap = new Map<number, number>();
  for (const turn of turns) {
    const shared = Math.min(end, turn.end) - Math.max(start, turn.start);
    if (shared > 0) overlap.set(turn.speaker, (overlap.get(turn.speaker) ?? 0) + shared);
  }
  if (overlap.size) return [...overlap].reduce((best, next) => (next[1] > best[1] ? next : best))[0];
  const middle = (start + end) / 2;
  const gap = (turn: SpeakerTurn) => Math.max(turn.start - middle, middle - turn.end, 0);
  return turns.reduce((best, turn) => (gap(turn) < gap(best) ? turn : best)).speaker;
}

/** Speakers of consecutive words with islands smoothed: a short run between two runs of one speaker joins them. */
export function smoothWordSpeakers(words: readonly Pick<Word, "start" | "end">[], speakers: number[]): number[] {
  const out = [...speakers];
  const runs = () => {
    const list: { from: number; to: number; speaker: number }[] = [];
    out.forEach((speaker, i) => {
      if (list.length && list[list.length - 1].speaker === speaker) list[list.length - 1].to = i;
      else list.push({ from: i, to: i, speaker });
    });
    return list;
  };
  let list = runs();
  for (let r = 1; r < list.length - 1; r++) {
    const [previous, run, next] = [list[r - 1], list[r], list[r + 1]];
    const seconds = words[run.to].end - words[run.from].start;
    if (previous.speaker === next.speaker && (seconds < ISLAND_SEC || run.to - run.from + 1 <= ISLAND_WORDS)) {
      for (let i = run.from; i <= run.to; i++) out[i] = previous.speaker;
      list = runs();
      r = Math.max(0, r - 2);
    }
  }
  return out;
}

/**
 * The transcript with speakers from `turns`: `label(n)` names speaker n. The parts of a
 * split segment share its figures; the first keeps its start and the last its end.
 */
export function assignSpeakers(segments: readonly SegmentData[], turns: readonly SpeakerTurn[], label: (speaker: number) => string): SegmentData[] {
  const out: SegmentData[] = [];
  for (const segment of segments) {
    const words = segment.edited ? null : parseWords(segment.words);
    if (!words?.length || !turns.length) {
      const speaker = speakerOver(turns, segment.start, segment.end);
      out.push({ ...segment, speaker: speaker === null ? segment.speaker : label(speaker) });
      continue;
    }
    const speakers = smoothWordSpeakers(
      words,
      words.map((word) => speakerOver(turns, word.start, word.end)!),
    );
    const pieces = spacedWords(words, segment.text);
    let from = 0;
    for (let i = 1; i <= words.length; i++) {
      if (i < words.length && speakers[i] === speakers[from]) continue;
      const part = words.slice(from, i);
      const text = pieces
        .slice(from, i)
        .map((piece, k) => (k > 0 && piece.space ? " " : "") + piece.text)
        .join("");
      const whole = from === 0 && i === words.length;
      out.push({
        ...segment,
        start: from === 0 ? segment.start : part[0].start,
        end: i === words.length ? segment.end : part[part.length - 1].end,
        text: whole ? segment.text : text,
        originalText: whole ? segment.originalText : text,
        words: wordsJson(part),
        speaker: label(speakers[from]),
        compressionRatio: whole ? segment.compressionRatio : Math.round(compressionRatio(text) * 1000) / 1000,
      });
      from = i;
    }
  }
  return out;
}

/** "Speaker 1", "Speaker 2", … numbered by first appearance in time. */
export function speakerLabels(turns: readonly SpeakerTurn[], prefix = "Speaker"): (speaker: number) => string {
  const order = new Map<number, number>();
  for (const turn of [...turns].sort((a, b) => a.start - b.start)) if (!order.has(turn.speaker)) order.set(turn.speaker, order.size + 1);
  return (speaker) => `${prefix} ${order.get(speaker) ?? speaker + 1}`;
}
