// The pure parts of the neural pipeline, as pyannote 3.1 does them: powerset classes to
// local speakers, the frames one local speaker's embedding is taken from, and the
// reconstruction of global turns from overlapping windows once every (window, local
// speaker) has a cluster.
import type { SpeakerTurn } from "./types";

/**
 * The speaker sets of a powerset model, in its class order: the empty set, then every
 * single speaker, then every pair, … up to `maxSimultaneous` (pyannote's order).
 */
export function powersetClasses(speakers: number, maxSimultaneous: number): number[][] {
  const out: number[][] = [[]];
  const combine = (size: number, from: number, prefix: number[]) => {
    if (prefix.length === size) return void out.push(prefix);
    for (let s = from; s < speakers; s++) combine(size, s + 1, [...prefix, s]);
  };
  for (let size = 1; size <= maxSimultaneous; size++) combine(size, 0, []);
  return out;
}

/** The (speakers, maxSimultaneous) whose powerset has `classes` classes (7 → 3 speakers, 2 at once); the fewest speakers when several fit. */
export function powersetShape(classes: number): { speakers: number; maxSimultaneous: number } | null {
  for (let speakers = 1; speakers <= 8; speakers++) {
    for (let max = 1; max <= speakers; max++) if (powersetClasses(speakers, max).length === classes) return { speakers, maxSimultaneous: max };
  }
  return null;
}

/**
 * Hard multilabel activity [frames × speakers] (1 = speaking) from powerset scores
 * [frames × classes]: the best class of each frame switches its speakers on.
 */
export function powersetToMultilabel(scores: ArrayLike<number>, frames: number, classes: number[][], speakers: number): Uint8Array {
  const width = classes.length;
  const out = new Uint8Array(frames * speakers);
  for (let f = 0; f < frames; f++) {
    let best = 0;
    for (let c = 1; c < width; c++) if (scores[f * width + c] > scores[f * width + best]) best = c;
    for (const s of classes[best]) out[f * speakers + s] = 1;
  }
  return out;
}

/**
 * Frames to take `speaker`'s embedding from: where it speaks alone when there are at
 * least `minClean` of them, else every frame where it speaks (pyannote's exclude_overlap).
 */
export function embeddingFrames(activity: Uint8Array, frames: number, speakers: number, speaker: number, minClean: number): number[] {
  const active: number[] = [];
  const clean: number[] = [];
  for (let f = 0; f < frames; f++) {
    if (!activity[f * speakers + speaker]) continue;
    active.push(f);
    let others = 0;
    for (let s = 0; s < speakers; s++) if (s !== speaker) others += activity[f * speakers + s];
    if (others === 0) clean.push(f);
  }
  return clean.length >= minClean ? clean : active;
}

/**
 * At most `max` of `frameList`, the ones nearest frame `centre`, back in time order:
 * the middle of a window is where the segmentation is surest, and with overlapping
 * windows it is the part no other window has at its centre.
 */
export function centralFrames(frameList: number[], centre: number, max: number): number[] {
  if (frameList.length <= max) return frameList;
  return [...frameList]
    .sort((a, b) => Math.abs(a - centre) - Math.abs(b - centre) || a - b)
    .slice(0, Math.max(0, max))
    .sort((a, b) => a - b);
}

/** Sample ranges [start, end) covered by runs of consecutive frames, at most `maxSamples` in all. */
export function frameRuns(frameList: number[], frameStep: number, frameOffset: number, maxSamples: number): [number, number][] {
  const runs: [number, number][] = [];
  let total = 0;
  // A frame's own stretch is one step around the centre of its receptive field.
  const lead = Math.round((frameOffset - frameStep) / 2);
  for (let i = 0; i < frameList.length && total < maxSamples;) {
    let j = i;
    while (j + 1 < frameList.length && frameList[j + 1] === frameList[j] + 1) j++;
    const start = lead + frameList[i] * frameStep;
    const end = Math.min(start + (j - i + 1) * frameStep, start + maxSamples - total);
    runs.push([start, end]);
    total += end - start;
    i = j + 1;
  }
  return runs;
}

/** One segmentation window after clustering. */
export interface ClusteredWindow {
  /** Index of the window's first frame on the file's frame grid. */
  firstFrame: number;
  /** Frames of the window that lie inside the file. */
  frames: number;
  /** [frames × speakers] activity of the window's local speakers. */
  activity: Uint8Array;
  /** Global cluster of each local speaker, or -1 (too little speech to embed). */
  clusters: number[];
}

export interface ReconstructOptions {
  /** Frames on the file's grid. */
  totalFrames: number;
  /** Local speakers per window. */
  speakers: number;
  /** Global clusters. */
  clusterCount: number;
  /** Seconds from one frame to the next. */
  frameSec: number;
  /** Seconds from a frame's index × frameSec to the start of its own stretch. */
  frameLeadSec: number;
  /** Turns shorter than this are dropped (after gaps are filled). */
  minDurationOn: number;
  /** Gaps shorter than this within one speaker's speech are filled. */
  minDurationOff: number;
  /** Turns end here at the latest (the file's duration). */
  durationSec: number;
}

/**
 * Global turns: each cluster's activity averaged over the windows that cover a frame,
 * the number of speakers per frame averaged the same way (rounded), the most active
 * clusters kept per frame, then minimum durations off and on. Speakers are renumbered
 * 0.. in order of first appearance; turns come sorted by start, one speaker's never overlap.
 */
export function reconstructTurns(windows: ClusteredWindow[], options: ReconstructOptions): SpeakerTurn[] {
  const { totalFrames, speakers, clusterCount: K } = options;
  if (totalFrames <= 0 || K <= 0) return [];
  // One frame at a time over the windows covering it: memory is O(clusters), not O(file).
  const sorted = [...windows].sort((a, b) => a.firstFrame - b.firstFrame);
  const score = new Float32Array(K);
  const order = Array.from({ length: K }, (_, k) => k);
  const open = new Int32Array(K).fill(-1);
  const runs: [number, number][][] = Array.from({ length: K }, () => []);
  let first = 0;
  for (let g = 0; g <= totalFrames; g++) {
    score.fill(0);
    let coverage = 0;
    let count = 0;
    if (g < totalFrames) {
      while (first < sorted.length && sorted[first].firstFrame + sorted[first].frames <= g) first++;
      for (let w = first; w < sorted.length && sorted[w].firstFrame <= g; w++) {
        const window = sorted[w];
        const f = g - window.firstFrame;
        if (f >= window.frames) continue;
        coverage++;
        for (let s = 0; s < speakers; s++) {
          if (!window.activity[f * speakers + s]) continue;
          count++;
          const k = window.clusters[s];
          // Two local speakers of one window in the same cluster count once (pyannote takes the max).
          if (k >= 0 && !sameClusterEarlier(window, s, f, speakers)) score[k]++;
        }
      }
    }
    const wanted = coverage ? Math.min(K, Math.round(count / coverage)) : 0;
    order.sort((a, b) => score[b] - score[a] || a - b);
    for (let i = 0; i < K; i++) {
      const k = order[i];
      const on = i < wanted && score[k] > 0;
      if (on && open[k] < 0) open[k] = g;
      if (!on && open[k] >= 0) {
        runs[k].push([open[k], g]);
        open[k] = -1;
      }
    }
  }

  const turns: SpeakerTurn[] = [];
  runs.forEach((own, k) => {
    for (const [start, end] of binarizeRuns(own, options)) turns.push({ start, end, speaker: k });
  });
  return renumberByAppearance(turns.sort((a, b) => a.start - b.start || a.speaker - b.speaker));
}

function sameClusterEarlier(window: ClusteredWindow, s: number, f: number, speakers: number): boolean {
  for (let t = 0; t < s; t++) if (window.clusters[t] === window.clusters[s] && window.activity[f * speakers + t]) return true;
  return false;
}

/** Frame runs to seconds, with short gaps filled and short turns dropped. */
export function binarizeRuns(
  runs: [number, number][],
  options: Pick<ReconstructOptions, "frameSec" | "frameLeadSec" | "minDurationOn" | "minDurationOff" | "durationSec">,
): [number, number][] {
  const seconds = runs.map(([a, b]): [number, number] => [
    Math.max(0, options.frameLeadSec + a * options.frameSec),
    Math.min(options.durationSec, options.frameLeadSec + b * options.frameSec),
  ]);
  const merged: [number, number][] = [];
  for (const run of seconds) {
    const last = merged[merged.length - 1];
    if (last && run[0] - last[1] < options.minDurationOff) last[1] = Math.max(last[1], run[1]);
    else merged.push([run[0], run[1]]);
  }
  return merged.filter(([a, b]) => b - a >= options.minDurationOn && b > a);
}

export function renumberByAppearance(turns: SpeakerTurn[]): SpeakerTurn[] {
  const ids = new Map<number, number>();
  return turns.map((turn) => {
    if (!ids.has(turn.speaker)) ids.set(turn.speaker, ids.size);
    return { ...turn, speaker: ids.get(turn.speaker)! };
  });
}
