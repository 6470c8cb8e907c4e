// Agglomerative clustering of speaker vectors on cosine distance with average linkage,
// as pyannote and sherpa-onnx cluster their embeddings. The tree is built once with the
// nearest-neighbour chain (exact for average linkage, O(n²) time and a condensed n(n-1)/2
// distance table); the cut is then a known count, a distance threshold, or the count in a
// range whose clusters are best separated (mean silhouette). Past MAX_DIRECT vectors an
// evenly spaced sample is clustered and the rest join their nearest centroid, so memory
// stays bounded on long recordings.
import { DEFAULT_MAX_SPEAKERS, type SpeakerChoice } from "./types";

/** Below this mean silhouette a range that allows one speaker answers one speaker. */
export const MIN_SILHOUETTE = 0.12;
const MAX_DIRECT = 2500;

export interface Clustering {
  /** Cluster of each vector, numbered 0.. in order of first appearance. */
  labels: number[];
  count: number;
}

export interface ClusterOptions {
  /** With a range that allows one speaker: one speaker when the last merge is closer than this. */
  oneSpeakerBelow?: number;
  /**
   * With a range: the count is where merging stops at this distance (clamped to the range)
   * instead of the best-separated cut; suits a feature space whose distances are known.
   */
  estimateAt?: number;
  /** With a range that allows one speaker: one speaker when the best two-way split scores under this silhouette. */
  oneSpeakerSilhouette?: number;
}

export function clusterVectors(vectors: ArrayLike<number>[], choice: SpeakerChoice, options: ClusterOptions = {}): Clustering {
  const n = vectors.length;
  if (n === 0) return { labels: [], count: 0 };
  const units = vectors.map(unit);
  if (n > MAX_DIRECT) return clusterSampled(units, choice, options);
  if (n === 1) return { labels: [0], count: 1 };
  const distances = condensed(units);
  const merges = averageLinkage(n, distances.slice());
  const cut = (k: number) => renumber(cutToCount(n, merges, k));

  if ("count" in choice) return cut(Math.min(Math.max(1, choice.count), n));
  if ("threshold" in choice) {
    const kept = merges.filter((merge) => merge.height <= choice.threshold).length;
    return cut(n - kept);
  }
  const min = Math.max(1, Math.min(choice.min, n));
  const max = Math.max(min, Math.min(choice.max ?? DEFAULT_MAX_SPEAKERS, n - 1 || 1));
  if (min <= 1 && options.oneSpeakerSilhouette !== undefined && n > 2 && silhouette(n, distances, cut(2).labels) < options.oneSpeakerSilhouette) return cut(1);
  if (options.estimateAt !== undefined) {
    const kept = merges.filter((merge) => merge.height <= options.estimateAt!).length;
    return cut(Math.min(max, Math.max(min, n - kept)));
  }
  let best: Clustering | null = null;
  let bestScore = -Infinity;
  for (let k = Math.max(2, min); k <= max; k++) {
    const candidate = cut(k);
    const score = silhouette(n, distances, candidate.labels);
    if (score > bestScore) [best, bestScore] = [candidate, score];
  }
  const top = merges[merges.length - 1].height;
  if (!best || (min <= 1 && (bestScore < MIN_SILHOUETTE || top < (options.oneSpeakerBelow ?? 0.1)))) return cut(1);
  return best;
}

/** Mean silhouette of a labelling over a condensed distance table (0 when one cluster). */
export function silhouette(n: number, distances: Float32Array, labels: number[]): number {
  const count = Math.max(...labels) + 1;
  if (count < 2) return 0;
  const sizes = new Array<number>(count).fill(0);
  for (const label of labels) sizes[label]++;
  const sums = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) if (j !== i) sums[labels[j]] += distances[index(n, i, j)];
    const own = labels[i];
    if (sizes[own] < 2) continue; // a singleton scores 0
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < count; c++) if (c !== own && sizes[c]) b = Math.min(b, sums[c] / sizes[c]);
    total += (b - a) / Math.max(a, b, 1e-12);
  }
  return total / n;
}

interface Merge {
  a: number;
  b: number;
  height: number;
}

function unit(vector: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(vector);
  let norm = 0;
  for (const value of out) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < out.length; i++) out[i] /= norm;
  return out;
}

function cosineDistance(a: Float64Array, b: Float64Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return 1 - dot;
}

function index(n: number, i: number, j: number): number {
  if (i > j) [i, j] = [j, i];
  return i * n - (i * (i + 1)) / 2 + (j - i - 1);
}

function condensed(units: Float64Array[]): Float32Array {
  const n = units.length;
  const out = new Float32Array((n * (n - 1)) / 2);
  let at = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[at++] = cosineDistance(units[i], units[j]);
  return out;
}

/** Nearest-neighbour chain; `d` is consumed (cluster distances are updated in place). */
function averageLinkage(n: number, d: Float32Array): Merge[] {
  const size = new Array<number>(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  const merges: Merge[] = [];
  const chain: number[] = [];
  while (merges.length < n - 1) {
    if (!chain.length) chain.push(active.indexOf(1));
    for (;;) {
      const x = chain[chain.length - 1];
      const previous = chain.length > 1 ? chain[chain.length - 2] : -1;
      let y = previous;
      let best = previous >= 0 ? d[index(n, x, previous)] : Infinity;
      for (let i = 0; i < n; i++) {
        if (!active[i] || i === x) continue;
        const value = d[index(n, x, i)];
        if (value < best) [best, y] = [value, i];
      }
      if (y === previous) {
        chain.length -= 2;
        // Merge y into x: Lance–Williams update for average linkage, kept under x.
        const [keep, drop] = x < y ? [x, y] : [y, x];
        for (let k = 0; k < n; k++) {
          if (!active[k] || k === keep || k === drop) continue;
          d[index(n, keep, k)] = (size[keep] * d[index(n, keep, k)] + size[drop] * d[index(n, drop, k)]) / (size[keep] + size[drop]);
        }
        size[keep] += size[drop];
        active[drop] = 0;
        merges.push({ a: keep, b: drop, height: best });
        break;
      }
      chain.push(y);
    }
  }
  return merges.sort((p, q) => p.height - q.height);
}

/** Applies the lowest n - k merges (union–find over the original items). */
function cutToCount(n: number, merges: Merge[], k: number): number[] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (const merge of merges.slice(0, n - k)) parent[find(merge.b)] = find(merge.a);
  return parent.map((_, i) => find(i));
}

function renumber(roots: number[]): Clustering {
  const seen = new Map<number, number>();
  const labels = roots.map((root) => {
    if (!seen.has(root)) seen.set(root, seen.size);
    return seen.get(root)!;
  });
  return { labels, count: seen.size };
}

function clusterSampled(units: Float64Array[], choice: SpeakerChoice, options: ClusterOptions): Clustering {
  const step = units.length / MAX_DIRECT;
  const sample = Array.from({ length: MAX_DIRECT }, (_, i) => units[Math.floor(i * step)]);
  const sampled = clusterVectors(sample, choice, options);
  const dims = units[0].length;
  const centroids = Array.from({ length: sampled.count }, () => new Float64Array(dims));
  sample.forEach((vector, i) => vector.forEach((value, c) => (centroids[sampled.labels[i]][c] += value)));
  const normed = centroids.map(unit);
  const nearest = units.map((vector) => {
    let best = 0;
    for (let c = 1; c < normed.length; c++) {
      if (cosineDistance(vector, normed[c]) < cosineDistance(vector, normed[best])) best = c;
    }
    return best;
  });
  return renumber(nearest);
}
