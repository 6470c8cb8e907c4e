// A minimal ONNX graph builder on top of the onnx-proto protobuf types.
import { createRequire } from "node:module";
import os from "node:os";
import type { onnx as OnnxTypes } from "onnx-proto";

// onnx-proto is a CommonJS protobufjs bundle whose exports Node's ESM loader cannot
// see by name, so load it through require.
const require = createRequire(import.meta.url);
const { onnx } = require("onnx-proto") as { onnx: typeof OnnxTypes };

export type ElemType = "float32" | "float16" | "int8" | "uint8" | "int32" | "int64" | "bool";
export type Dim = number | string;

const ELEM: Record<ElemType, number> = {
  float32: 1,
  uint8: 2,
  int8: 3,
  int32: 6,
  int64: 7,
  bool: 9,
  float16: 10,
};

/** Tensor contents; float16 data is given as raw IEEE half bits. */
export interface TensorValue {
  type: ElemType;
  dims: number[];
  data: Float32Array | Uint16Array | Int8Array | Uint8Array | Int32Array | BigInt64Array;
}

export type AttrValue =
  | { kind: "int"; value: number }
  | { kind: "float"; value: number }
  | { kind: "ints"; value: number[] }
  | { kind: "string"; value: string }
  | { kind: "tensor"; value: TensorValue }
  | { kind: "graph"; value: Graph };

export const attr = {
  int: (value: number): AttrValue => ({ kind: "int", value }),
  float: (value: number): AttrValue => ({ kind: "float", value }),
  ints: (value: number[]): AttrValue => ({ kind: "ints", value }),
  string: (value: string): AttrValue => ({ kind: "string", value }),
  graph: (value: Graph): AttrValue => ({ kind: "graph", value }),
};

interface ValueInfo {
  name: string;
  type: ElemType;
  shape: Dim[];
}

interface NodeSpec {
  opType: string;
  domain: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attrs: Record<string, AttrValue>;
}

/** Shared name counter, so a graph and its subgraphs never reuse a value name. */
class Names {
  private counts = new Map<string, number>();
  next(base: string): string {
    const n = this.counts.get(base) ?? 0;
    this.counts.set(base, n + 1);
    return `${base}_${n}`;
  }
}

if (os.endianness() !== "LE") {
  // raw_data must be little-endian; typed arrays use the host's byte order.
  throw new Error("The test-model writer needs a little-endian host.");
}

export class Graph {
  readonly nodes: NodeSpec[] = [];
  readonly inputs: ValueInfo[] = [];
  readonly outputs: ValueInfo[] = [];
  private readonly initializers: { name: string; value: TensorValue }[] = [];
  private readonly initNames = new Set<string>();
  private readonly constants = new Map<string, string>();
  private readonly root: Graph;
  private readonly names: Names;

  constructor(
    readonly name: string,
    parent?: Graph,
  ) {
    this.root = parent ? parent.root : this;
    this.names = parent ? parent.names : new Names();
  }

  /** A subgraph (for If branches) that shares names and initializers with this graph. */
  subgraph(name: string): Graph {
    return new Graph(name, this);
  }

  input(name: string, type: ElemType, shape: Dim[]): string {
    this.inputs.push({ name, type, shape });
    return name;
  }

  output(name: string, type: ElemType, shape: Dim[]): void {
    this.outputs.push({ name, type, shape });
  }

  /** Adds an initializer to the top-level graph (visible from every subgraph). */
  init(name: string, value: TensorValue): string {
    const root = this.root;
    if (root.initNames.has(name)) throw new Error(`Duplicate initializer ${name}`);
    root.initNames.add(name);
    root.initializers.push({ name, value });
    return name;
  }

  hasInit(name: string): boolean {
    return this.root.initNames.has(name);
  }

  /** A value name no other node in this model uses. */
  uniqueName(hint: string): string {
    return this.names.next(hint);
  }

  /** A constant initializer with a generated name. */
  constant(value: TensorValue, hint = "const"): string {
    return this.init(this.names.next(hint), value);
  }

  /** A constant shared by every node that asks for the same key. */
  sharedConstant(key: string, make: () => TensorValue): string {
    const cache = this.root.constants;
    let name = cache.get(key);
    if (!name) {
      name = this.constant(make(), "const");
      cache.set(key, name);
    }
    return name;
  }

  /** Adds a node; returns its output names (generated unless given). */
  node(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, options: { outputs?: number | string[]; domain?: string } = {}): string[] {
    const name = this.names.next(opType);
    const outs = options.outputs ?? 1;
    const outputs = typeof outs === "number" ? Array.from({ length: outs }, (_, i) => `${name}_out${i}`) : outs;
    this.nodes.push({ opType, domain: options.domain ?? "", name, inputs, outputs, attrs });
    return outputs;
  }

  /** Single-output shorthand for node(). */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, output?: string): string {
    return this.node(opType, inputs, attrs, output ? { outputs: [output] } : {})[0];
  }

  toProto(): OnnxTypes.IGraphProto {
    return {
      name: this.name,
      node: this.nodes.map((n) => ({
        name: n.name,
        opType: n.opType,
        domain: n.domain || undefined,
        input: n.inputs,
        output: n.outputs,
        attribute: Object.entries(n.attrs).map(([key, a]) => attributeProto(key, a)),
      })),
      initializer: this.initializers.map(({ name, value }) => tensorProto(name, value)),
      input: this.inputs.map(valueInfoProto),
      output: this.outputs.map(valueInfoProto),
    };
  }
}

function attributeProto(name: string, a: AttrValue): OnnxTypes.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  switch (a.kind) {
    case "int":
      return { name, type: T.INT, i: a.value };
    case "float":
      return { name, type: T.FLOAT, f: a.value };
    case "ints":
      return { name, type: T.INTS, ints: a.value };
    case "string":
      return { name, type: T.STRING, s: new TextEncoder().encode(a.value) };
    case "tensor":
      return { name, type: T.TENSOR, t: tensorProto("", a.value) };
    case "graph":
      return { name, type: T.GRAPH, g: a.value.toProto() };
  }
}

function tensorProto(name: string, value: TensorValue): OnnxTypes.ITensorProto {
  const count = value.dims.reduce((a, b) => a * b, 1);
  if (value.data.length !== count) {
    throw new Error(`Tensor ${name}: ${value.data.length} values for dims [${value.dims.join(", ")}]`);
  }
  const { buffer, byteOffset, byteLength } = value.data;
  return {
    name,
    dims: value.dims,
    dataType: ELEM[value.type],
    rawData: new Uint8Array(buffer, byteOffset, byteLength),
  };
}

function valueInfoProto(v: ValueInfo): OnnxTypes.IValueInfoProto {
  return {
    name: v.name,
    type: {
      tensorType: {
        elemType: ELEM[v.type],
        shape: { dim: v.shape.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

/** Serializes a model with the default ONNX domain at the given opset. */
export function encodeModel(graph: Graph, options: { opset: number; docString?: string }): Uint8Array {
  const model: OnnxTypes.IModelProto = {
    irVersion: 8,
    producerName: "selenite-test-model",
    producerVersion: "1",
    docString: options.docString,
    opsetImport: [{ domain: "", version: options.opset }],
    graph: graph.toProto(),
  };
  return onnx.ModelProto.encode(model).finish();
}

// ---- tensor helpers ----

export function f32(dims: number[], data: Float32Array | number[]): TensorValue {
  return { type: "float32", dims, data: data instanceof Float32Array ? data : Float32Array.from(data) };
}

export function i64(dims: number[], data: number[]): TensorValue {
  return { type: "int64", dims, data: BigInt64Array.from(data.map((x) => BigInt(x))) };
}

/** float32 -> IEEE 754 half bits, round to nearest even. */
export function toHalfBits(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  for (let i = 0; i < values.length; i++) {
    f[0] = values[i];
    const x = u[0];
    const sign = (x >>> 16) & 0x8000;
    const exp = (x >>> 23) & 0xff;
    let mant = x & 0x7fffff;
    if (exp === 0xff) {
      out[i] = sign | 0x7c00 | (mant ? 0x200 : 0);
      continue;
    }
    const e = exp - 127 + 15;
    if (e >= 0x1f) {
      out[i] = sign | 0x7c00;
      continue;
    }
    if (e <= 0) {
      if (e < -10) {
        out[i] = sign;
        continue;
      }
      mant |= 0x800000;
      const shift = 14 - e;
      let half = mant >>> shift;
      const rem = mant & ((1 << shift) - 1);
      const mid = 1 << (shift - 1);
      if (rem > mid || (rem === mid && half & 1)) half++;
      out[i] = sign | half;
      continue;
    }
    let half = (e << 10) | (mant >>> 13);
    const rem = mant & 0x1fff;
    if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++;
    // A carry out of the mantissa correctly bumps the exponent (up to infinity).
    out[i] = sign | half;
  }
  return out;
}
