// Client-safe: where a search's terms occur in a transcript's text, found the way
// the index matches them (case and accents ignored, whole words unless prefix*), so
// the job page opened from a search result marks the same words the result did.
import { toFtsQuery, type TermPattern } from "@/lib/search/query";

export type Range = [from: number, to: number];

const WORD = "[\\p{L}\\p{N}]";

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** The patterns of a search box's text, or none when it holds no searchable word. */
export function searchPatterns(q: string | null | undefined): TermPattern[] {
  return (q && toFtsQuery(q)?.patterns) || [];
}

/** Compiled once per query: one expression per term, over the folded text. */
export function compileHighlights(patterns: TermPattern[]): RegExp[] {
  return patterns.map(
    ({ words, prefix }) =>
      new RegExp(`(?<!${WORD})${words.map((w) => escape(fold(w))).join(`(?:[^\\p{L}\\p{N}]+)`)}${prefix ? `${WORD}*` : `(?!${WORD})`}`, "gu"),
  );
}

/** Sorted, non-overlapping [from, to) ranges of `text` that the expressions match. */
export function highlightRanges(text: string, expressions: RegExp[]): Range[] {
  if (expressions.length === 0 || !text) return [];
  // Fold character by character, remembering where each folded character came from,
  // so ranges found in the folded text map back onto the original.
  let folded = "";
  const origin: number[] = [];
  let i = 0;
  for (const char of text) {
    const f = fold(char);
    for (let k = 0; k < f.length; k++) origin.push(i);
    folded += f;
    i += char.length;
  }
  origin.push(text.length);
  const found: Range[] = [];
  for (const expression of expressions) {
    expression.lastIndex = 0;
    for (const match of folded.matchAll(expression)) {
      if (match[0].length === 0) continue;
      found.push([origin[match.index], origin[match.index + match[0].length]]);
    }
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const range of found) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** For a row shown word by word: which words a match touches (a phrase marks each of its words). */
export function wordHits(parts: readonly { text: string; space: boolean }[], expressions: RegExp[]): boolean[] {
  if (expressions.length === 0) return parts.map(() => false);
  let joined = "";
  const spans: Range[] = parts.map(({ text, space }) => {
    if (space) joined += " ";
    const from = joined.length;
    joined += text;
    return [from, joined.length];
  });
  const ranges = highlightRanges(joined, expressions);
  return spans.map(([from, to]) => ranges.some(([a, b]) => a < to && b > from));
}
