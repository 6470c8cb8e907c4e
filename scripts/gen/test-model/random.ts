// Seeded, platform-independent random numbers for test-model weights.
// Only integer arithmetic and exact float scaling are used, so the same seed gives
// byte-identical weights on every machine and Node version.

/** xoshiro128** generator with a splitmix32-expanded state. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    let x = seed >>> 0;
    const next = (): number => {
      // splitmix32: spreads a small seed over the 128-bit state.
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** Next unsigned 32-bit integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [-1, 1), exactly representable in float32 (24-bit mantissa). */
  nextSigned(): number {
    return (this.nextU32() >>> 8) / 8388608 - 1;
  }

  /** Uniform integer in [0, n). */
  nextInt(n: number): number {
    return Math.floor(((this.nextU32() >>> 8) / 16777216) * n);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** FNV-1a hash of a string, used to give every tensor its own stream. */
export function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * A stream that depends only on (seed, name): adding or removing one tensor never
 * changes the values of the others.
 */
export function streamFor(seed: number, name: string): Rng {
  return new Rng((hashName(name) ^ Math.imul(seed >>> 0, 0x27d4eb2d)) >>> 0);
}

/** Uniform values with the given standard deviation (uniform on [-a, a], a = std * sqrt 3). */
export function uniform(rng: Rng, count: number, std: number): Float32Array {
  const a = std * Math.sqrt(3);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.nextSigned() * a;
  return out;
}
