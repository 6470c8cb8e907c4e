// Transformer building blocks, written once for fp32, fp16 and int8 (q8) graphs.
import { attr, f32, Graph, i64, toHalfBits, type TensorValue } from "./onnx-graph";
import type { Params } from "./params";

export type Precision = "fp32" | "fp16" | "q8";

export class Net {
  constructor(
    readonly g: Graph,
    readonly params: Params,
    readonly precision: Precision,
  ) {}

  /** Same parameters and precision, nodes added to another (sub)graph. */
  in(graph: Graph): Net {
    return new Net(graph, this.params, this.precision);
  }

  private floatTensor(dims: number[], data: Float32Array): TensorValue {
    return this.precision === "fp16" ? { type: "float16", dims, data: toHalfBits(data) } : f32(dims, data);
  }

  /** A named parameter as a float initializer in the activation type. */
  weight(name: string): string {
    if (!this.g.hasInit(name)) {
      const p = this.params.get(name);
      this.g.init(name, this.floatTensor(p.dims, p.data));
    }
    return name;
  }

  /** A scalar float constant in the activation type (one initializer per value). */
  scalar(value: number): string {
    return this.g.sharedConstant(`${this.precision}:${value}`, () => this.floatTensor([], Float32Array.of(value)));
  }

  ints(values: number[]): string {
    return this.g.sharedConstant(`ints:${values.join(",")}`, () => i64([values.length], values));
  }

  op(type: string, inputs: string[], attrs: Parameters<Graph["op"]>[2] = {}, out?: string): string {
    return this.g.op(type, inputs, attrs, out);
  }

  /** Converts a float32 graph input to the activation type. */
  fromFloat32(x: string): string {
    return this.precision === "fp16" ? this.op("Cast", [x], { to: attr.int(10) }) : x;
  }

  /** y = x W (+ b), W stored [in, out]. */
  linear(x: string, name: string, options: { bias?: boolean; out?: string } = {}): string {
    const bias = options.bias ?? true;
    const matMulOut = bias ? undefined : options.out;
    const y =
      this.precision === "q8"
        ? this.quantizedMatMul(x, `${name}.weight`, { out: matMulOut })
        : this.op("MatMul", [x, this.weight(`${name}.weight`)], {}, matMulOut);
    return bias ? this.op("Add", [y, this.weight(`${name}.bias`)], {}, options.out) : y;
  }

  /**
   * The pattern onnxruntime's dynamic quantization writes: activations quantized
   * per call to uint8, weights int8 per tensor (symmetric), int32 accumulate, then
   * rescaled. onnxruntime's CPU optimizer fuses it into DynamicQuantizeMatMul.
   */
  quantizedMatMul(x: string, weightName: string, options: { out?: string } = {}): string {
    const w = this.quantizedWeight(weightName);
    const [xq, xScale, xZero] = this.g.node("DynamicQuantizeLinear", [x], {}, { outputs: 3 });
    const acc = this.op("MatMulInteger", [xq, w.q, xZero, w.zero]);
    const accF = this.op("Cast", [acc], { to: attr.int(1) });
    const scale = this.op("Mul", [xScale, w.scale]);
    return this.op("Mul", [accF, scale], {}, options.out);
  }

  /** int8 copy of a parameter with its per-tensor scale and (zero) zero point. */
  quantizedWeight(name: string): { q: string; scale: string; zero: string } {
    const q = `${name}_quantized`;
    const scale = `${name}_scale`;
    const zero = `${name}_zero_point`;
    if (!this.g.hasInit(q)) {
      const { dims, data } = this.params.get(name);
      let maxAbs = 0;
      for (const v of data) maxAbs = Math.max(maxAbs, Math.abs(v));
      const s = Math.fround(maxAbs / 127 || 1);
      const qd = new Int8Array(data.length);
      for (let i = 0; i < data.length; i++) qd[i] = Math.max(-127, Math.min(127, Math.round(data[i] / s)));
      this.g.init(q, { type: "int8", dims, data: qd });
      this.g.init(scale, f32([], [s]));
      this.g.init(zero, { type: "int8", dims: [], data: new Int8Array(1) });
    }
    return { q, scale, zero };
  }

  /** Rows of an embedding table; int8 + DequantizeLinear in q8 graphs. */
  embed(name: string, ids: string): string {
    if (this.precision !== "q8") return this.op("Gather", [this.weight(name), ids]);
    const w = this.quantizedWeight(name);
    return this.op("DequantizeLinear", [this.op("Gather", [w.q, ids]), w.scale, w.zero]);
  }

  layerNorm(x: string, name: string, out?: string): string {
    return this.op(
      "LayerNormalization",
      [x, this.weight(`${name}.weight`), this.weight(`${name}.bias`)],
      {
        axis: attr.int(-1),
        epsilon: attr.float(1e-5),
      },
      out,
    );
  }

  /** Exact (erf) GELU, in the form onnxruntime fuses into its Gelu kernel. */
  gelu(x: string): string {
    const e = this.op("Erf", [this.op("Div", [x, this.scalar(Math.SQRT2)])]);
    const t = this.op("Mul", [x, this.op("Add", [e, this.scalar(1)])]);
    return this.op("Mul", [t, this.scalar(0.5)]);
  }

  /** [B, T, D] -> [B, H, T, hd] (or [B, H, hd, T] with keyLayout). */
  splitHeads(x: string, heads: number, headDim: number, keyLayout = false): string {
    const r = this.op("Reshape", [x, this.ints([0, 0, heads, headDim])]);
    return this.op("Transpose", [r], { perm: attr.ints(keyLayout ? [0, 2, 3, 1] : [0, 2, 1, 3]) });
  }

  /** [B, H, T, hd] -> [B, T, D] */
  mergeHeads(x: string, dModel: number): string {
    const t = this.op("Transpose", [x], { perm: attr.ints([0, 2, 1, 3]) });
    return this.op("Reshape", [t, this.ints([0, 0, dModel])]);
  }

  /** Whisper feed-forward block: fc2(gelu(fc1(x))). */
  feedForward(x: string, prefix: string): string {
    return this.linear(this.gelu(this.linear(x, `${prefix}.fc1`)), `${prefix}.fc2`);
  }
}
