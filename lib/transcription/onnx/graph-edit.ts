// Nodes of an ONNX graph as the rewrites (specialize.ts, chunk-attention.ts) see
// them: inputs, outputs and op type decoded, every other field kept as encoded
// bytes, and a writer that puts a rewritten graph back together with the original
// weights left in the model's file as external data (nothing large is copied).
import { GRAPH, MODEL, nameOf, TENSOR, type ModelFile } from "./model-file";
import { fieldString, readFields, readInt64, readVarint, WIRE, Writer } from "./protobuf";

const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5, domain: 7 } as const;
const ATTRIBUTE = { name: 1, i: 3, t: 5, graph: 6, graphs: 11, type: 20 } as const;
const ATTRIBUTE_TYPE = { int: 2 } as const;
const MODEL_OPSET = 8;
const INT64 = 7;

export interface Node {
  inputs: string[];
  outputs: string[];
  opType: string;
  domain: string;
  /** Every other field (name, domain, attributes...), encoded. */
  rest: Uint8Array[];
  /** Subgraph attributes by attribute name. */
  graphs: Map<string, Uint8Array>;
  /** Attributes by name, encoded (AttributeProto). */
  attributes: Map<string, Uint8Array>;
}

const fieldNumber = (encodedField: Uint8Array) => Math.floor(readVarint(encodedField, 0).value / 8);

export function parseNode(bytes: Uint8Array): Node {
  const node: Node = { inputs: [], outputs: [], opType: "", domain: "", rest: [], graphs: new Map(), attributes: new Map() };
  for (const field of readFields(bytes)) {
    if (field.no === NODE.input) node.inputs.push(fieldString(bytes, field));
    else if (field.no === NODE.output) node.outputs.push(fieldString(bytes, field));
    else {
      if (field.no === NODE.opType) node.opType = fieldString(bytes, field);
      if (field.no === NODE.domain) node.domain = fieldString(bytes, field);
      if (field.no === NODE.attribute) {
        const attribute = bytes.subarray(field.start, field.end);
        const parts = readFields(attribute);
        const name = parts.find((f) => f.no === ATTRIBUTE.name);
        const graph = parts.find((f) => f.no === ATTRIBUTE.graph || f.no === ATTRIBUTE.graphs);
        if (name) node.attributes.set(fieldString(attribute, name), attribute);
        if (graph && name) node.graphs.set(fieldString(attribute, name), attribute.subarray(graph.start, graph.end));
      }
      node.rest.push(bytes.subarray(field.tagStart, field.end));
    }
  }
  return node;
}

export function encodeNode(node: Node): Uint8Array {
  const w = new Writer();
  for (const input of node.inputs) w.string(NODE.input, input);
  for (const output of node.outputs) w.string(NODE.output, output);
  for (const part of node.rest) w.raw(part);
  return w.finish();
}

/** A standard-domain node; attributes as built by intAttribute. */
export function makeNode(opType: string, inputs: string[], outputs: string[], attributes: Uint8Array[] = []): Node {
  const rest = [new Writer().string(NODE.opType, opType).finish(), ...attributes.map((a) => new Writer().bytes(NODE.attribute, a).finish())];
  return { inputs, outputs, opType, domain: "", rest, graphs: new Map(), attributes: new Map() };
}

/** A copy of `node` with other inputs and outputs and without its name (names must stay unique). */
export function copyNode(node: Node, inputs: string[], outputs: string[]): Node {
  return { ...node, inputs, outputs, rest: node.rest.filter((part) => fieldNumber(part) !== NODE.name) };
}

export function intAttribute(name: string, value: number): Uint8Array {
  return new Writer().string(ATTRIBUTE.name, name).int64(ATTRIBUTE.i, BigInt(value)).varint(ATTRIBUTE.type, ATTRIBUTE_TYPE.int).finish();
}

/** The value of an int attribute (negative values come back negative), or undefined. */
export function readIntAttribute(node: Node, name: string): number | undefined {
  const attribute = node.attributes.get(name);
  const field = attribute && readFields(attribute).find((f) => f.no === ATTRIBUTE.i && f.wire === WIRE.varint);
  return field && attribute ? Number(readInt64(attribute, field.start)) : undefined;
}

/** A 1-D int64 initializer (TensorProto). */
export function int64Initializer(name: string, values: readonly bigint[]): Uint8Array {
  const raw = new Uint8Array(values.length * 8);
  const view = new DataView(raw.buffer);
  values.forEach((value, i) => view.setBigInt64(i * 8, value, true));
  return new Writer().varint(TENSOR.dims, values.length).varint(TENSOR.dataType, INT64).string(TENSOR.name, name).bytes(TENSOR.rawData, raw).finish();
}

/** Element count of a TensorProto from its fields (dims, packed or not); all-empty dims is a scalar. */
export function tensorElements(parts: readonly Uint8Array[]): number {
  let count = 1;
  for (const part of parts) {
    for (const field of readFields(part)) {
      if (field.no !== TENSOR.dims) continue;
      if (field.wire === WIRE.varint) count *= field.varint;
      else if (field.wire === WIRE.bytes) {
        for (let at = field.start; at < field.end;) {
          const dim = readVarint(part, at);
          count *= dim.value;
          at = dim.next;
        }
      }
    }
  }
  return count;
}

/** The TensorProto of a Constant node's `value`, if that is how it holds its value. */
export function constantValue(node: Node): Uint8Array | null {
  if (node.opType !== "Constant" || node.domain !== "") return null;
  const attribute = node.attributes.get("value");
  const field = attribute && readFields(attribute).find((f) => f.no === ATTRIBUTE.t && f.wire === WIRE.bytes);
  return field && attribute ? attribute.subarray(field.start, field.end) : null;
}

/** The model's opset for the standard ONNX domain (0 when it does not say). */
export function defaultOpset(model: ModelFile): number {
  for (const part of model.modelFields) {
    if (fieldNumber(part) !== MODEL_OPSET) continue;
    const outer = readFields(part)[0];
    const fields = readFields(part, outer.start, outer.end);
    const domain = fields.find((f) => f.no === 1 && f.wire === WIRE.bytes);
    const version = fields.find((f) => f.no === 2 && f.wire === WIRE.varint);
    const name = domain ? fieldString(part, domain) : "";
    if ((name === "" || name === "ai.onnx") && version) return version.varint;
  }
  return 0;
}

export const nameOfTensor = (bytes: Uint8Array) => nameOf(bytes, TENSOR.name);
/** ValueInfoProto.name is field 1. */
export const nameOfValue = (bytes: Uint8Array) => nameOf(bytes, 1);

export interface RewrittenGraph {
  nodes: Node[];
  /** Which of the model's own initializers to keep. */
  keepInitializer: (name: string) => boolean;
  /** New or subgraph-local initializers (TensorProto bytes), written inline. */
  extraInitializers: Iterable<Uint8Array>;
  inputs: { name: string; bytes: Uint8Array }[];
  outputs: { name: string; bytes: Uint8Array }[];
}

/**
 * ONNX bytes of `graph`, with the model's large initializers as external data in
 * `fileName` (the model's own file; the session needs its folder as
 * `model_external_initializers_file_folder_path`).
 */
export function writeModel(model: ModelFile, graph: RewrittenGraph, fileName: string): Uint8Array {
  const w = new Writer();
  for (const node of graph.nodes) w.bytes(GRAPH.node, encodeNode(node));
  for (const part of model.graphFields) w.raw(part);
  for (const tensor of model.initializers) {
    if (!graph.keepInitializer(tensor.name)) continue;
    if (tensor.whole) w.bytes(GRAPH.initializer, tensor.whole);
    else if (tensor.raw) w.bytes(GRAPH.initializer, externalTensor(tensor.header, tensor.raw, fileName));
  }
  for (const bytes of graph.extraInitializers) w.bytes(GRAPH.initializer, bytes);
  for (const input of graph.inputs) w.bytes(GRAPH.input, input.bytes);
  for (const output of graph.outputs) w.bytes(GRAPH.output, output.bytes);

  const out = new Writer();
  for (const part of model.modelFields) out.raw(part);
  return out.message(MODEL.graph, w).finish();
}

function externalTensor(header: Uint8Array[], raw: { offset: number; length: number }, fileName: string): Uint8Array {
  const w = new Writer();
  for (const part of header) w.raw(part);
  const entry = (key: string, value: string) => new Writer().string(1, key).string(2, value);
  w.message(TENSOR.externalData, entry("location", fileName));
  w.message(TENSOR.externalData, entry("offset", String(raw.offset)));
  w.message(TENSOR.externalData, entry("length", String(raw.length)));
  return w.varint(TENSOR.dataLocation, 1).finish();
}
