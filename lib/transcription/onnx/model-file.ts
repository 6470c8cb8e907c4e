// Reads the structure of an ONNX model file (graph inputs/outputs, nodes,
// initializer names and where their raw bytes sit in the file) without loading the
// weights: a whisper decoder is hundreds of MB, its graph a few hundred KB.
import { open, type FileHandle } from "node:fs/promises";
import { fieldString, readFields, readFileFields, WIRE } from "./protobuf";

export const MODEL = { graph: 7 } as const;
export const GRAPH = { node: 1, initializer: 5, input: 11, output: 12, valueInfo: 13 } as const;
export const TENSOR = { dims: 1, dataType: 2, name: 8, rawData: 9, externalData: 13, dataLocation: 14 } as const;

export interface Initializer {
  name: string;
  /** The TensorProto without raw_data (fields copied as they are). */
  header: Uint8Array[];
  /** Where raw_data is in the file; null when the tensor is stored another way. */
  raw: { offset: number; length: number } | null;
  /** The whole TensorProto, for tensors without raw_data (small, or already external). */
  whole: Uint8Array | null;
}

export interface ModelFile {
  /** Top-level ModelProto fields other than the graph, as encoded. */
  modelFields: Uint8Array[];
  /** Graph fields that are neither nodes, initializers, inputs, outputs nor value_info. */
  graphFields: Uint8Array[];
  nodes: Uint8Array[];
  inputs: { name: string; bytes: Uint8Array }[];
  outputs: { name: string; bytes: Uint8Array }[];
  initializers: Initializer[];
}

const fileFields = (file: FileHandle, start: number, end: number) => readFileFields(file, start, end);

async function bytesAt(file: FileHandle, start: number, end: number): Promise<Uint8Array> {
  const buf = new Uint8Array(end - start);
  await file.read(buf, 0, buf.length, start);
  return buf;
}

/** The string field `no` of an encoded message (a tensor's or value's name), or "". */
export const nameOf = (bytes: Uint8Array, no: number) => {
  const fields = readFields(bytes);
  const field = fields.find((f) => f.no === no && f.wire === WIRE.bytes);
  return field ? fieldString(bytes, field) : "";
};

/** Tensors larger than this are read field by field so their data stays on disk. */
const INLINE_TENSOR = 64 * 1024;

async function readInitializer(file: FileHandle, start: number, end: number): Promise<Initializer> {
  // Small tensors (and already-external ones, whose proto is small) are kept whole.
  if (end - start <= INLINE_TENSOR) {
    const whole = await bytesAt(file, start, end);
    return { name: nameOf(whole, TENSOR.name), header: [], raw: null, whole };
  }
  const header: Uint8Array[] = [];
  let raw: Initializer["raw"] = null;
  let name = "";
  for (const field of await fileFields(file, start, end)) {
    if (field.no === TENSOR.rawData) {
      raw = { offset: field.start, length: field.end - field.start };
      continue;
    }
    const bytes = await bytesAt(file, field.tagStart, field.end);
    if (field.no === TENSOR.name) name = fieldString(bytes, readFields(bytes)[0]);
    header.push(bytes);
  }
  if (!raw) return { name, header: [], raw: null, whole: await bytesAt(file, start, end) };
  return { name, header, raw, whole: null };
}

export async function readModelFile(path: string): Promise<ModelFile> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    const model: ModelFile = { modelFields: [], graphFields: [], nodes: [], inputs: [], outputs: [], initializers: [] };
    let graph: { start: number; end: number } | null = null;
    for (const field of await fileFields(file, 0, size)) {
      if (field.no === MODEL.graph && field.wire === WIRE.bytes) graph = field;
      else model.modelFields.push(await bytesAt(file, field.tagStart, field.end));
    }
    if (!graph) throw new Error("The ONNX file has no graph");
    for (const field of await fileFields(file, graph.start, graph.end)) {
      if (field.no === GRAPH.initializer) {
        model.initializers.push(await readInitializer(file, field.start, field.end));
        continue;
      }
      const payload = await bytesAt(file, field.start, field.end);
      if (field.no === GRAPH.node) model.nodes.push(payload);
      else if (field.no === GRAPH.input) model.inputs.push({ name: nameOf(payload, 1), bytes: payload });
      else if (field.no === GRAPH.output) model.outputs.push({ name: nameOf(payload, 1), bytes: payload });
      else if (field.no !== GRAPH.valueInfo) model.graphFields.push(await bytesAt(file, field.tagStart, field.end));
    }
    return model;
  } finally {
    await file.close();
  }
}
