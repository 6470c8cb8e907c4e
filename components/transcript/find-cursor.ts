// Where the find panel is among the matches. The place is kept as a position in the
// transcript (segment index, character), not as "match number n", so it stays right
// when the matches are fetched again after a replacement: the current match is the
// first one at or after the position.
import type { FindMatch } from "@/lib/transcripts/replace";

export type MatchCursor = { index: number; at: number };
export type FlatMatch = { segmentId: number; index: number; at: number };
/** What the transcript marks: every match by segment, and the current one. */
export type FindHighlight = { bySegment: Map<number, [number, number][]>; current: FlatMatch | null };

export function flattenMatches(matches: FindMatch[]): FlatMatch[] {
  return matches.flatMap((m) => m.ranges.map(([from]) => ({ segmentId: m.segmentId, index: m.index, at: from })));
}

const before = (a: MatchCursor, b: MatchCursor) => a.index < b.index || (a.index === b.index && a.at < b.at);

/** The first match at or after the cursor; past the last one, the first (it wraps). */
export function currentMatch(flat: FlatMatch[], cursor: MatchCursor): FlatMatch | undefined {
  return flat.find((m) => !before(m, cursor)) ?? flat[0];
}

/** The match after (1) or before (-1) `from`, wrapping around the ends. */
export function stepMatch(flat: FlatMatch[], from: FlatMatch | undefined, delta: 1 | -1): FlatMatch | undefined {
  if (flat.length === 0) return undefined;
  const at = from ? flat.indexOf(from) : -1;
  if (at < 0) return delta === 1 ? flat[0] : flat[flat.length - 1];
  return flat[(at + delta + flat.length) % flat.length];
}
