// Turns one window's tokens into timed segments and says where the next window
// starts: OpenAI's long-form rule. Complete segments (closed by a timestamp) are
// kept and the next window starts at the last closing timestamp, so unfinished text
// after it is decoded again from its start, with its full context: nothing is said
// twice and nothing falls between windows. Unlike OpenAI, a window cut short by the
// token budget is not taken as finished even if it happens to close on a timestamp.
// A window with no complete segment (random-weight models give no closing
// timestamps) is consumed whole and becomes one segment with the window's own span.
import type { WhisperSpec } from "./whisper-spec";

import { SAMPLE_RATE, SAMPLES_PER_TIMESTAMP } from "./whisper-constants";

export { SAMPLE_RATE, SAMPLES_PER_TIMESTAMP };

export interface WindowInput {
  /** Generated tokens, possibly ending with <|endoftext|>. */
  tokens: readonly number[];
  startSample: number;
  /** Real audio in the window (less than 30 s only at the end of the file). */
  contentSamples: number;
}

export interface PlannedSegment {
  start: number;
  end: number;
  /** Indices into `tokens` of this segment's text tokens. */
  textIndices: number[];
  /** The segment's tokens, timestamps included: indices [from, to) into `tokens`. */
  from: number;
  to: number;
}

export interface WindowPlan {
  segments: PlannedSegment[];
  /** Samples from this window's start to the next window's start (always > 0). */
  advance: number;
  /** How many leading tokens the segments used; the rest is decoded again. */
  keptTokens: number;
}

export function planWindow(spec: WhisperSpec, input: WindowInput): WindowPlan {
  const { startSample, contentSamples } = input;
  // <|endoftext|> means the model finished the window; without it the token budget ran out.
  const finished = input.tokens.at(-1) === spec.endOfText;
  const tokens = finished ? input.tokens.slice(0, -1) : [...input.tokens];
  const isTs = tokens.map((t) => t >= spec.timestampBegin);
  const offsetOf = (index: number) => Math.min((tokens[index] - spec.timestampBegin) * SAMPLES_PER_TIMESTAMP, contentSamples);
  const at = (index: number) => (startSample + offsetOf(index)) / SAMPLE_RATE;
  const windowStart = startSample / SAMPLE_RATE;
  const windowEnd = (startSample + contentSamples) / SAMPLE_RATE;
  const textIn = (from: number, to: number) => {
    const indices: number[] = [];
    for (let i = from; i < to; i++) if (tokens[i] < spec.endOfText) indices.push(i);
    return indices;
  };
  const keep = (segments: PlannedSegment[]) => segments.filter((s) => s.textIndices.length > 0);

  // Segment boundaries: the second token of each timestamp pair, and the end when
  // the tokens close on a single timestamp (the last segment is complete).
  const cuts: number[] = [];
  for (let i = 1; i < tokens.length; i++) if (isTs[i] && isTs[i - 1]) cuts.push(i);
  const last = tokens.length - 1;
  const closesOnTimestamp = last >= 1 && isTs[last] && !isTs[last - 1];
  if (closesOnTimestamp) cuts.push(tokens.length);

  if (cuts.length === 0) {
    // No complete segment: the whole window is one, with the window's own span.
    const segment = { start: windowStart, end: windowEnd, textIndices: textIn(0, tokens.length), from: 0, to: tokens.length };
    return { segments: keep([segment]), advance: contentSamples, keptTokens: tokens.length };
  }
  const segments: PlannedSegment[] = [];
  let from = 0;
  for (const cut of cuts) {
    const start = isTs[from] ? at(from) : windowStart;
    segments.push({ start, end: at(cut - 1), textIndices: textIn(from, cut), from, to: cut });
    from = cut;
  }
  // Done with the window, or restart where the last complete segment ended so the
  // unfinished text after it is decoded again from its beginning.
  let advance = finished && closesOnTimestamp ? contentSamples : offsetOf(from - 1);
  let keptTokens = from;
  if (advance <= 0) {
    // The last complete segment ends at the window's start: restarting there would
    // not move forward, so keep the tail as the window's last segment instead.
    if (from < tokens.length) segments.push({ start: at(from - 1), end: windowEnd, textIndices: textIn(from, tokens.length), from, to: tokens.length });
    advance = contentSamples;
    keptTokens = tokens.length;
  }
  return { segments: keep(segments), advance, keptTokens };
}
