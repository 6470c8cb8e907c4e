// Weight precisions a transformers.js model folder can ship, and the file names they
// map to. Kept in step with DEFAULT_DTYPE_SUFFIX_MAPPING in
// @huggingface/transformers/src/utils/dtypes.js (a unit test compares the two): we
// copy it rather than import it because importing transformers.js loads
// onnxruntime-node, far too heavy for `npm run models -- list` or a page render.

export const DTYPES = [
  "fp32",
  "fp16",
  "q8",
  "int8",
  "uint8",
  "q4",
  "q4f16",
  "bnb4",
  "q2",
  "q2f16",
  "q1",
  "q1f16",
] as const;

export type Dtype = (typeof DTYPES)[number];

export const DTYPE_SUFFIX: Readonly<Record<Dtype, string>> = {
  fp32: "",
  fp16: "_fp16",
  q8: "_quantized",
  int8: "_int8",
  uint8: "_uint8",
  q4: "_q4",
  q4f16: "_q4f16",
  bnb4: "_bnb4",
  q2: "_q2",
  q2f16: "_q2f16",
  q1: "_q1",
  q1f16: "_q1f16",
};

// Preference when a model folder holds several precisions and nobody asked for one.
// We run on CPU (onnxruntime-node's CPU provider):
// - 8-bit first: int8 MatMul kernels are the fastest path on x86/ARM CPUs, the files
//   and resident memory are ~4x smaller than fp32, and Whisper loses little accuracy.
//   q8 is what transformers.js itself defaults to on CPU-like backends (wasm).
// - fp32 next: the reference accuracy, natively supported by every CPU kernel.
// - fp16 after it: same accuracy as fp32 but most CPU kernels have no fp16 variant,
//   so onnxruntime inserts casts and it runs slower than fp32 on CPU.
// - 4-bit variants then: smaller still, but accuracy drops visibly on small models.
// - 2- and 1-bit last: experimental, only if nothing else is there.
export const CPU_DTYPE_ORDER: readonly Dtype[] = [
  "q8",
  "int8",
  "uint8",
  "fp32",
  "fp16",
  "q4",
  "bnb4",
  "q4f16",
  "q2",
  "q2f16",
  "q1",
  "q1f16",
];

export function isDtype(value: string): value is Dtype {
  return (DTYPES as readonly string[]).includes(value);
}

// The two sessions transformers.js opens for Whisper (see EncoderDecoder in its
// models/session_config.js); the non-merged decoders are never loaded.
export const ONNX_PARTS = ["encoder_model", "decoder_model_merged"] as const;
export type OnnxPart = (typeof ONNX_PARTS)[number];

/** `onnx/encoder_model_quantized.onnx` for ("encoder_model", "q8"). */
export function onnxPath(part: OnnxPart, dtype: Dtype): string {
  return `onnx/${part}${DTYPE_SUFFIX[dtype]}.onnx`;
}

/**
 * External-data files (`x.onnx_data`, `x.onnx_data_1`, ...) transformers.js will ask
 * for next to an ONNX file, from config.json's
 * `transformers.js_config.use_external_data_format`. Big exports (>2 GB protobuf
 * limit) keep their weights there, so a download or a scan that ignored them would
 * call a half model complete. Mirrors resolveExternalDataFormat in its model-loader.
 */
export function externalDataPaths(config: Record<string, unknown>, part: OnnxPart, dtype: Dtype): string[] {
  const fileName = `${part}${DTYPE_SUFFIX[dtype]}.onnx`;
  const jsConfig = config["transformers.js_config"];
  if (!isRecord(jsConfig)) return [];
  const setting = jsConfig.use_external_data_format;
  let chunks = 0;
  if (isRecord(setting)) {
    const value = setting[fileName] ?? setting[part];
    chunks = toChunkCount(value);
  } else {
    chunks = toChunkCount(setting);
  }
  // transformers.js refuses more than 100 chunks; so do we, rather than loop on junk.
  chunks = Math.min(chunks, 100);
  return Array.from({ length: chunks }, (_, i) => `onnx/${fileName}_data${i === 0 ? "" : `_${i}`}`);
}

function toChunkCount(value: unknown): number {
  if (value === true) return 1;
  if (typeof value === "number" && Number.isInteger(value) && value > 0) return value;
  return 0;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
