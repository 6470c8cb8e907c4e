// "Rough speakers", the mode that needs no model: the file's speech regions from the
// voice detector, cut into utterance-sized units at the transcript's segment boundaries
// (and at word gaps when a piece is still long), each unit described by the mean and
// spread of its MFCCs, the units clustered. One streamed pass over the audio feeds the
// detector and the features alike. Rough by design: two or three clearly different
// voices separate well; similar voices, overlap and noise do not, which the neural
// models handle better.
import type { MediaToolOptions } from "@/lib/transcription/media";
import { detectSpeech } from "@/lib/transcription/vad/stream";
import type { VadThresholds } from "@/lib/transcription/vad/regions";
import { clusterVectors } from "./cluster";
import { MfccCells } from "./features";
import { DEFAULT_MAX_SPEAKERS, type SpeakerChoice, type SpeakerProgress, type SpeakerTurn } from "./types";

/** Where the transcript says a speaker may change: segment edges (strong) and gaps between words (weak). */
export type CutPoints = { strong: number[]; weak: number[] };

export type Span = { start: number; end: number };

/** Units longer than this are cut at a word gap, or evenly. */
export const MAX_UNIT_SEC = 4;
/** Shorter pieces join a neighbour in their region; a region shorter than MIN_REGION_SEC is left out. */
export const MIN_UNIT_SEC = 0.8;
const MIN_REGION_SEC = 0.3;
/**
 * How the count is estimated in this feature space (standardized MFCC mean and spread,
 * cosine distance), measured on espeak-ng dialogues of 1–3 voices with and without noise:
 * different voices stay over 0.8 apart; one voice alone splits into two clusters that
 * score under 0.45 silhouette, where two or three voices score over 0.5.
 */
const ROUGH_CLUSTERING = { estimateAt: 0.8, oneSpeakerSilhouette: 0.45 };
/** Consecutive units of one speaker closer than this form one turn. */
const JOIN_GAP_SEC = 1;

export interface RoughOptions extends MediaToolOptions {
  choice?: SpeakerChoice;
  cuts: CutPoints;
  vad: VadThresholds;
  expectedDurationSec?: number | null;
  signal?: AbortSignal;
  onProgress?: SpeakerProgress;
}

export async function roughTurns(file: string, options: RoughOptions): Promise<SpeakerTurn[]> {
  const cells = new MfccCells();
  const total = options.expectedDurationSec ?? null;
  const { regions } = await detectSpeech(file, {
    thresholds: options.vad,
    signal: options.signal,
    expectedDurationSec: total,
    ffmpegPath: options.ffmpegPath,
    ffprobePath: options.ffprobePath,
    onPcm: (chunk) => cells.push(chunk),
    onProgress: (seconds) => total && options.onProgress?.(Math.min(0.99, seconds / total)),
  });
  const units: (Span & { vector: Float64Array })[] = [];
  for (const unit of speechUnits(regions, options.cuts)) {
    const vector = cells.stats(unit.start, unit.end);
    if (vector) units.push({ ...unit, vector });
  }
  const choice = options.choice ?? { min: 1, max: DEFAULT_MAX_SPEAKERS };
  const { labels } = clusterVectors(standardized(units.map((u) => u.vector)), choice, ROUGH_CLUSTERING);
  options.onProgress?.(1);
  return joinUnits(units, labels);
}

/** Speech regions cut into units: at strong cuts, then long pieces at the weak cut nearest their middle. */
export function speechUnits(regions: readonly Span[], cuts: CutPoints): Span[] {
  const strong = [...cuts.strong].sort((a, b) => a - b);
  const weak = [...cuts.weak].sort((a, b) => a - b);
  const units: Span[] = [];
  for (const region of regions) {
    if (region.end - region.start < MIN_REGION_SEC) continue;
    const inside = (list: number[], span: Span) => list.filter((t) => t > span.start + MIN_UNIT_SEC / 2 && t < span.end - MIN_UNIT_SEC / 2);
    let pieces = splitAt(region, inside(strong, region));
    pieces = pieces.flatMap((piece) => splitLong(piece, weak));
    units.push(...mergeShort(pieces));
  }
  return units;
}

function splitAt(span: Span, points: number[]): Span[] {
  const edges = [span.start, ...points, span.end];
  return edges.slice(1).map((end, i) => ({ start: edges[i], end }));
}

function splitLong(piece: Span, weak: number[]): Span[] {
  const length = piece.end - piece.start;
  if (length <= MAX_UNIT_SEC) return [piece];
  const middle = (piece.start + piece.end) / 2;
  const candidates = weak.filter((t) => t > piece.start + MIN_UNIT_SEC && t < piece.end - MIN_UNIT_SEC);
  const cut = candidates.length ? candidates.reduce((best, t) => (Math.abs(t - middle) < Math.abs(best - middle) ? t : best)) : middle;
  return [...splitLong({ start: piece.start, end: cut }, weak), ...splitLong({ start: cut, end: piece.end }, weak)];
}

function mergeShort(pieces: Span[]): Span[] {
  const out = pieces.map((p) => ({ ...p }));
  for (let i = 0; i < out.length && out.length > 1;) {
    if (out[i].end - out[i].start >= MIN_UNIT_SEC) {
      i++;
      continue;
    }
    // Join the shorter neighbour: the smaller change of what that unit describes.
    const left = i > 0 ? out[i - 1].end - out[i - 1].start : Infinity;
    const right = i < out.length - 1 ? out[i + 1].end - out[i + 1].start : Infinity;
    if (left <= right) {
      out[i - 1].end = out[i].end;
      out.splice(i, 1);
      i = Math.max(0, i - 1);
    } else {
      out[i + 1].start = out[i].start;
      out.splice(i, 1);
    }
  }
  return out;
}

/** Each feature scaled to zero mean and unit spread over the file, so no one coefficient rules the distance. */
export function standardized(vectors: Float64Array[]): Float64Array[] {
  if (!vectors.length) return [];
  const dims = vectors[0].length;
  const mean = new Float64Array(dims);
  const spread = new Float64Array(dims);
  for (const v of vectors) for (let d = 0; d < dims; d++) mean[d] += v[d] / vectors.length;
  for (const v of vectors) for (let d = 0; d < dims; d++) spread[d] += (v[d] - mean[d]) ** 2 / vectors.length;
  return vectors.map((v) => v.map((value, d) => (value - mean[d]) / (Math.sqrt(spread[d]) || 1)));
}

/** Consecutive units of one speaker become one turn when the gap between them is short. */
export function joinUnits(units: readonly Span[], labels: readonly number[]): SpeakerTurn[] {
  const turns: SpeakerTurn[] = [];
  units.forEach((unit, i) => {
    const last = turns[turns.length - 1];
    if (last && last.speaker === labels[i] && unit.start - last.end < JOIN_GAP_SEC) last.end = unit.end;
    else turns.push({ start: unit.start, end: unit.end, speaker: labels[i] });
  });
  return turns;
}
