// The thin layer between the engine and onnxruntime: tensor construction and
// float16 <-> float32 for models whose graph I/O is half precision. Tensors are
// built through transformers.js's Tensor, i.e. onnxruntime-common 1.30, the same
// instance onnxruntime-node's sessions check their feeds against (both pinned).
import { Tensor } from "@huggingface/transformers";
import type { InferenceSession, Tensor as OrtTensor } from "onnxruntime-node";

export type { InferenceSession, OrtTensor };

export function int64Tensor(values: readonly number[], dims: readonly number[]): OrtTensor {
  return new Tensor(
    "int64",
    BigInt64Array.from(values, (v) => BigInt(v)),
    [...dims],
  ).ort_tensor;
}

export function boolTensor(value: boolean): OrtTensor {
  return new Tensor("bool", [value], [1]).ort_tensor;
}

export function floatTensor(type: "float32" | "float16", data: Float32Array, dims: readonly number[]): OrtTensor {
  const payload = type === "float16" ? toHalf(data) : data;
  return new Tensor(type, payload, [...dims]).ort_tensor;
}

export function emptyTensor(type: "float32" | "float16", dims: readonly number[]): OrtTensor {
  return floatTensor(type, new Float32Array(dims.reduce((a, b) => a * b, 1)), dims);
}

/** The float32 values of a float32 or float16 tensor (a view for float32: do not keep it across runs). */
export function float32Data(tensor: OrtTensor): Float32Array {
  const data = tensor.data;
  if (data instanceof Float32Array) return data;
  if (tensor.type === "float16" && data instanceof Uint16Array) return fromHalf(data);
  throw new Error(`Expected a float tensor, got ${tensor.type}`);
}

export function floatType(session: InferenceSession, name: string, outputs = false): "float32" | "float16" {
  const metadata = (outputs ? session.outputMetadata : session.inputMetadata).find((m) => m.name === name);
  return metadata?.isTensor && metadata.type === "float16" ? "float16" : "float32";
}

/** Rows `rows` of the first (batch) axis, in that order, as a new tensor of the same type. */
export function gatherRows(tensor: OrtTensor, rows: readonly number[]): OrtTensor {
  const data = tensor.data;
  if (!(data instanceof Float32Array || data instanceof Uint16Array)) throw new Error(`Expected a float tensor, got ${tensor.type}`);
  const [batch, ...rest] = tensor.dims;
  const size = batch === 0 ? 0 : data.length / batch;
  const out = data instanceof Float32Array ? new Float32Array(size * rows.length) : new Uint16Array(size * rows.length);
  rows.forEach((row, i) => out.set(data.subarray(row * size, (row + 1) * size), i * size));
  return new Tensor(tensor.type as "float32" | "float16", out, [rows.length, ...rest]).ort_tensor;
}

export function dispose(tensors: Iterable<OrtTensor | undefined>): void {
  for (const tensor of tensors) tensor?.dispose();
}

const scratch = new DataView(new ArrayBuffer(4));

function toHalf(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    scratch.setFloat32(0, values[i]);
    const bits = scratch.getUint32(0);
    const sign = (bits >>> 16) & 0x8000;
    const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
    const mantissa = bits & 0x7fffff;
    if (exponent <= 0)
      out[i] = sign; // flushes subnormals: mel features never need them
    else if (exponent >= 31) out[i] = sign | 0x7c00 | (((bits >>> 23) & 0xff) === 0xff && mantissa ? 0x200 : 0);
    else out[i] = sign | (exponent << 10) | (mantissa >>> 13);
  }
  return out;
}

function fromHalf(values: Uint16Array): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const h = values[i];
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >>> 10) & 0x1f;
    const fraction = h & 0x3ff;
    if (exponent === 0) out[i] = sign * 2 ** -14 * (fraction / 1024);
    else if (exponent === 31) out[i] = fraction ? Number.NaN : sign * Infinity;
    else out[i] = sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
  }
  return out;
}
