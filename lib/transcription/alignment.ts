// Token times from cross-attention, as OpenAI's whisper/timing.py does it: the
// alignment heads' attention over encoder frames is normalised per frame across
// tokens, median-filtered along time, averaged over heads, and a monotonic path
// through it (dynamic time warping) gives each token the frame where it starts.

import { TIMESTAMP_SEC } from "./whisper-constants";

/** One encoder frame (one timestamp step) in seconds. */
export const FRAME_SEC = TIMESTAMP_SEC;

export interface AlignmentInput {
  /** Per alignment head, one attention row per fed decoder position. */
  attention: Float32Array[][];
  promptLength: number;
  generatedCount: number;
  /** Encoder frames that hold real audio (the rest of the window is padding). */
  frames: number;
  medianWidth: number;
}

/** Start time (s, from the window start) of each generated token; empty when there is nothing to align. */
export function alignTokens(input: AlignmentInput): Float64Array {
  const { attention, promptLength, generatedCount, medianWidth } = input;
  const rows = attention[0]?.length ?? 0;
  const first = promptLength - 1;
  const count = Math.min(generatedCount, rows - first);
  const frames = Math.min(input.frames, attention[0]?.[0]?.length ?? 0);
  if (count <= 0 || frames <= 0) return new Float64Array(0);

  // Mean over heads of the normalised, filtered attention, for the rows that
  // predicted each generated token (row first + k predicted token k).
  const matrix = new Float64Array(count * frames);
  for (const headRows of attention) {
    const normalised = normalise(headRows, frames);
    for (let k = 0; k < count; k++) {
      const row = medianFilter(normalised[first + k], medianWidth);
      for (let f = 0; f < frames; f++) matrix[k * frames + f] += row[f] / attention.length;
    }
  }
  for (let i = 0; i < matrix.length; i++) matrix[i] = -matrix[i];
  const path = dtw(matrix, count, frames);
  const times = new Float64Array(count);
  let previousRow = -1;
  for (const [row, frame] of path) {
    if (row !== previousRow) times[row] = frame * FRAME_SEC;
    previousRow = row;
  }
  return times;
}

/** Each frame standardised over all rows (tokens), like torch.std_mean(dim=-2). */
function normalise(rows: Float32Array[], frames: number): Float64Array[] {
  const out = rows.map(() => new Float64Array(frames));
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (const row of rows) sum += row[f];
    const mean = sum / rows.length;
    let squares = 0;
    for (const row of rows) squares += (row[f] - mean) ** 2;
    const std = Math.sqrt(squares / rows.length) || 1;
    rows.forEach((row, r) => (out[r][f] = (row[f] - mean) / std));
  }
  return out;
}

/** Median over a centred window with reflected edges (scipy/torch "reflect"). */
export function medianFilter(values: Float64Array, width: number): Float64Array {
  const half = Math.floor(width / 2);
  if (half === 0 || values.length <= half) return values.slice();
  const out = new Float64Array(values.length);
  const window = new Float64Array(2 * half + 1);
  const n = values.length;
  for (let i = 0; i < n; i++) {
    for (let j = -half; j <= half; j++) {
      let k = i + j;
      if (k < 0) k = -k;
      else if (k >= n) k = 2 * (n - 1) - k;
      window[j + half] = values[k];
    }
    out[i] = window.sort()[half];
  }
  return out;
}

/** Cheapest monotonic path through an N x M cost matrix, as [row, column] pairs from the start. */
export function dtw(cost: Float64Array, rows: number, cols: number): [number, number][] {
  const width = cols + 1;
  const total = new Float64Array((rows + 1) * width).fill(Infinity);
  const trace = new Uint8Array((rows + 1) * width);
  total[0] = 0;
  for (let j = 1; j <= cols; j++) {
    for (let i = 1; i <= rows; i++) {
      const diagonal = total[(i - 1) * width + j - 1];
      const up = total[(i - 1) * width + j];
      const left = total[i * width + j - 1];
      let best = diagonal;
      let move = 0;
      if (up < best) [best, move] = [up, 1];
      if (left < best) [best, move] = [left, 2];
      total[i * width + j] = cost[(i - 1) * cols + j - 1] + best;
      trace[i * width + j] = move;
    }
  }
  const path: [number, number][] = [];
  let i = rows;
  let j = cols;
  while (i > 0 && j > 0) {
    path.push([i - 1, j - 1]);
    const move = trace[i * width + j];
    if (move === 0) [i, j] = [i - 1, j - 1];
    else if (move === 1) i -= 1;
    else j -= 1;
  }
  return path.reverse();
}
