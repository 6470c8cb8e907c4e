// Model sizes and the seeded parameter store shared by every file variant.
import { streamFor, uniform } from "./random";

export type ModelSize = "micro" | "tiny" | "base";

export interface ModelDims {
  dModel: number;
  encoderLayers: number;
  decoderLayers: number;
  heads: number;
  ffn: number;
  nMels: number;
  /** Encoder output frames (3000 mel frames / conv stride 2). */
  maxSourcePositions: number;
  maxTargetPositions: number;
  vocabSize: number;
}

type SizeDims = Pick<ModelDims, "dModel" | "encoderLayers" | "decoderLayers" | "heads" | "ffn">;

/** micro is ours; tiny and base copy openai/whisper-tiny and whisper-base. */
export const MODEL_SIZES: Record<ModelSize, SizeDims> = {
  micro: { dModel: 64, encoderLayers: 1, decoderLayers: 1, heads: 2, ffn: 256 },
  tiny: { dModel: 384, encoderLayers: 4, decoderLayers: 4, heads: 6, ffn: 1536 },
  base: { dModel: 512, encoderLayers: 6, decoderLayers: 6, heads: 8, ffn: 2048 },
};

export function modelDims(size: ModelSize, vocabSize: number): ModelDims {
  return {
    ...MODEL_SIZES[size],
    nMels: 80,
    maxSourcePositions: 1500,
    maxTargetPositions: 448,
    vocabSize,
  };
}

export interface ParamTensor {
  dims: number[];
  data: Float32Array;
}

/**
 * Float32 weights by (Whisper-style) name, generated on first use and cached, so
 * the fp32, fp16 and int8 files of one model hold the same values. Each tensor has
 * its own random stream derived from (seed, name).
 */
export class Params {
  private readonly cache = new Map<string, ParamTensor>();

  constructor(readonly seed: number) {}

  get(name: string): ParamTensor {
    const t = this.cache.get(name);
    if (!t) throw new Error(`Parameter ${name} was never defined`);
    return t;
  }

  has(name: string): boolean {
    return this.cache.has(name);
  }

  /** Uniform random values with the given standard deviation around `mean`. */
  random(name: string, dims: number[], std: number, mean = 0): ParamTensor {
    return this.define(name, dims, (n) => {
      const values = uniform(streamFor(this.seed, name), n, std);
      if (mean !== 0) for (let i = 0; i < n; i++) values[i] += mean;
      return values;
    });
  }

  /** Uniform random values with a per-row standard deviation (rows = dims[0]). */
  randomRows(name: string, dims: number[], rowStd: (row: number) => number): ParamTensor {
    return this.define(name, dims, (n) => {
      const rng = streamFor(this.seed, name);
      const cols = n / dims[0];
      const out = new Float32Array(n);
      for (let r = 0; r < dims[0]; r++) out.set(uniform(rng, cols, rowStd(r)), r * cols);
      return out;
    });
  }

  filled(name: string, dims: number[], value: number): ParamTensor {
    return this.define(name, dims, (n) => new Float32Array(n).fill(value));
  }

  /** Defines a parameter from a generator (called once; later calls return the cached tensor). */
  define(name: string, dims: number[], make: (count: number) => Float32Array): ParamTensor {
    const existing = this.cache.get(name);
    if (existing) return existing;
    const t = { dims, data: make(dims.reduce((a, b) => a * b, 1)) };
    this.cache.set(name, t);
    return t;
  }
}
