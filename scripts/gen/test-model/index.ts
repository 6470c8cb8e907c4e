// Writes a Whisper-architecture model with seeded random weights in the layout
// transformers.js loads (config, generation config, preprocessor, tokenizer, onnx/).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { generationConfigJson, modelConfigJson, preprocessorConfigJson } from "./configs";
import { buildDecoder } from "./decoder";
import { buildEncoder } from "./encoder";
import type { Precision } from "./layers";
import { encodeModel } from "./onnx-graph";
import { modelDims, Params, type ModelDims, type ModelSize } from "./params";
import { buildVocab, tokenizerConfigJson, tokenizerJson, type TokenIds } from "./vocab";
import { defineParams } from "./weights";

export type { ModelSize } from "./params";
export type { TokenIds } from "./vocab";

export interface MakeTestModelOptions {
  outDir: string;
  size?: ModelSize;
  seed?: number;
  /** An English-only model (`is_multilingual: false`), like whisper-*.en. */
  englishOnly?: boolean;
  /** Also write int8 `*_quantized.onnx` files (transformers.js dtype "q8"). */
  quantized?: boolean;
  /** Also write `*_fp16.onnx` files (dtype "fp16"). */
  fp16?: boolean;
  /** Whisper's real vocabulary size (51,865 / 51,864) instead of the compact 1,864 / 1,864. */
  fullVocab?: boolean;
  /** Encoder and decoder layers, instead of the size's own (tests of multi-layer graphs at micro size). */
  layers?: number;
  /** Recorded in config.json; defaults to whisper-<size>[.en]. */
  name?: string;
}

export interface TestModelFile {
  /** Path relative to outDir, with forward slashes. */
  path: string;
  bytes: number;
}

export interface TestModelResult {
  outDir: string;
  name: string;
  dims: ModelDims;
  tokenIds: TokenIds;
  files: TestModelFile[];
  totalBytes: number;
}

const ONNX_VARIANTS: { precision: Precision; suffix: string; when: (o: MakeTestModelOptions) => boolean }[] = [
  { precision: "fp32", suffix: "", when: () => true },
  { precision: "q8", suffix: "_quantized", when: (o) => o.quantized === true },
  { precision: "fp16", suffix: "_fp16", when: (o) => o.fp16 === true },
];

export async function makeTestModel(options: MakeTestModelOptions): Promise<TestModelResult> {
  const size = options.size ?? "micro";
  const seed = options.seed ?? 42;
  const englishOnly = options.englishOnly ?? false;
  const fullVocab = options.fullVocab ?? false;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`Seed must be a 32-bit unsigned integer, got ${seed}`);
  const name = options.name ?? `whisper-${size}${englishOnly ? ".en" : ""}`;

  const vocab = buildVocab({ full: fullVocab, englishOnly, seed });
  if (options.layers !== undefined && !(Number.isInteger(options.layers) && options.layers >= 1 && options.layers <= 32)) {
    throw new Error(`Layers must be a whole number from 1 to 32, got ${options.layers}`);
  }
  const dims = { ...modelDims(size, vocab.size), ...(options.layers ? { encoderLayers: options.layers, decoderLayers: options.layers } : {}) };
  const params = new Params(seed);
  defineParams(params, dims, vocab);

  const info = {
    dims,
    vocab,
    englishOnly,
    alignmentHeads: alignmentHeads(dims),
    origin: {
      name,
      generator: "selenite scripts/test-model",
      size,
      ...(options.layers ? { layers: options.layers } : {}),
      seed,
      vocabulary: fullVocab ? "full" : "compact",
    },
  };

  const files: TestModelFile[] = [];
  const write = async (relative: string, content: Uint8Array | string) => {
    const target = path.join(options.outDir, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
    files.push({ path: relative, bytes: typeof content === "string" ? Buffer.byteLength(content) : content.byteLength });
  };
  const json = (value: object) => `${JSON.stringify(value, null, 2)}\n`;

  await write("config.json", json(modelConfigJson(info)));
  await write("generation_config.json", json(generationConfigJson(info)));
  await write("preprocessor_config.json", json(preprocessorConfigJson(dims)));
  // The tokenizer is large with the full vocabulary; keep it on one line like the hub's files.
  await write("tokenizer.json", `${JSON.stringify(tokenizerJson(vocab))}\n`);
  await write("tokenizer_config.json", json(tokenizerConfigJson(vocab)));

  for (const variant of ONNX_VARIANTS.filter((v) => v.when(options))) {
    const doc = `${name} (${variant.precision}), seeded random weights, seed ${seed}`;
    await write(`onnx/encoder_model${variant.suffix}.onnx`, encodeModel(buildEncoder(params, dims, variant.precision), { opset: 17, docString: doc }));
    await write(`onnx/decoder_model_merged${variant.suffix}.onnx`, encodeModel(buildDecoder(params, dims, variant.precision), { opset: 17, docString: doc }));
  }

  return {
    outDir: options.outDir,
    name,
    dims,
    tokenIds: vocab.ids,
    files,
    totalBytes: files.reduce((sum, f) => sum + f.bytes, 0),
  };
}

/** Word-level timestamps read these cross-attention heads: all heads of the upper half of the decoder. */
function alignmentHeads(dims: ModelDims): [number, number][] {
  const heads: [number, number][] = [];
  for (let layer = Math.floor(dims.decoderLayers / 2); layer < dims.decoderLayers; layer++) {
    for (let head = 0; head < dims.heads; head++) heads.push([layer, head]);
  }
  return heads;
}
