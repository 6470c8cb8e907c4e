// Groups a segment's text tokens into words and times them from the per-token
// alignment. Byte-level BPE can split one character over several tokens, so tokens
// are first joined until they decode without U+FFFD; a piece that starts with a
// space starts a new word, and punctuation sticks to the word before it.
import type { Word } from "./types";

export type DecodeTokens = (ids: number[]) => string;

const TRAILING_PUNCTUATION = /^[\s]*["'.,!?:;)\]}、。，！？：”’»…-]+$/u;

interface Piece {
  text: string;
  /** Indices into the window's generated tokens. */
  indices: number[];
}

export function splitWords(tokens: readonly number[], indices: readonly number[], decode: DecodeTokens): Piece[] {
  const words: Piece[] = [];
  let pending: number[] = [];
  for (let n = 0; n < indices.length; n++) {
    pending.push(indices[n]);
    const text = decode(pending.map((i) => tokens[i]));
    if (text.includes("\uFFFD") && n < indices.length - 1) continue;
    const last = words.at(-1);
    if (last && (!text.startsWith(" ") || TRAILING_PUNCTUATION.test(text))) {
      last.text += text;
      last.indices.push(...pending);
    } else {
      words.push({ text, indices: [...pending] });
    }
    pending = [];
  }
  return words.filter((w) => w.text.trim().length > 0);
}

/**
 * Words with times: a word starts when its first token does and ends when the token
 * after it starts (or at `end`), kept inside [start, end] and in order. With the
 * tokens' log-probabilities, each word's probability is the mean of its tokens'
 * probabilities, as openai/whisper's word timestamps report it.
 */
export function timeWords(
  pieces: Piece[],
  tokenTimes: Float64Array,
  offsetSec: number,
  bounds: { start: number; end: number },
  logprobs?: readonly number[],
): Word[] {
  const words: Word[] = [];
  let floor = bounds.start;
  const timeOf = (index: number) => (index < tokenTimes.length ? offsetSec + tokenTimes[index] : bounds.end);
  for (const piece of pieces) {
    const first = piece.indices[0];
    const after = piece.indices[piece.indices.length - 1] + 1;
    const start = clamp(timeOf(first), floor, bounds.end);
    const end = clamp(timeOf(after), start, bounds.end);
    // The leading space stays, as Whisper writes it: it is what separates this word
    // from the one before (scripts without spaces have none), for the view and exports.
    const word: Word = { word: piece.text.trimEnd(), start: round(start), end: round(end) };
    if (logprobs) word.probability = meanProbability(piece.indices, logprobs);
    words.push(word);
    floor = start;
  }
  return words;
}

function meanProbability(indices: readonly number[], logprobs: readonly number[]): number {
  let sum = 0;
  for (const i of indices) sum += Math.exp(logprobs[i] ?? Number.NEGATIVE_INFINITY);
  return Math.round((sum / indices.length) * 1000) / 1000;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

export function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
