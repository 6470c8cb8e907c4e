// Drawing a token at temperature T > 0: from softmax(logits / T), with a generator
// seeded from the job and the window, so a rerun of the same job gives the same
// text. Temperature 0 is the plain greedy choice (token-picker.ts's argmax).
import { argmax, max } from "./token-picker";

/** Chooses a token from one step's filtered logits. */
export type TokenChooser = (logits: Float32Array) => number;

/** 32-bit FNV-1a of a string: the seed of one window's draws. */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a small, fast generator of floats in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Greedy at 0; above it, a draw from softmax(logits / temperature) with `random`. */
export function chooser(temperature: number, random: () => number): TokenChooser {
  if (temperature <= 0) return argmax;
  return (logits) => {
    const peak = max(logits, 0, logits.length);
    const weights = new Float64Array(logits.length);
    let total = 0;
    for (let i = 0; i < logits.length; i++) {
      // -Infinity (a token the rules forbid) weighs 0.
      const weight = Math.exp((logits[i] - peak) / temperature);
      weights[i] = weight;
      total += weight;
    }
    let target = random() * total;
    let last = argmax(logits);
    for (let i = 0; i < weights.length; i++) {
      if (weights[i] === 0) continue;
      last = i;
      target -= weights[i];
      if (target < 0) return i;
    }
    return last;
  };
}

/** The generator of one decode attempt: the job, the window (by its first sample) and the temperature. */
export function windowRandom(seed: string, startSample: number, temperature: number): () => number {
  return seededRandom(hashSeed(`${seed}\0${startSample}\0${temperature}`));
}
