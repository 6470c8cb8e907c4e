// Building blocks shared by the generated speaker models: weights as fp32 initializers
// or, in the `_quantized` files, as int8 tensors behind DequantizeLinear (weight-only
// quantization: the file is ~4x smaller, the arithmetic stays float32).
import { attr, f32, Graph } from "../test-model/onnx-graph";
import type { Params } from "../test-model/params";

export type SpeakerPrecision = "fp32" | "q8";

export class SpeakerNet {
  constructor(
    readonly g: Graph,
    readonly params: Params,
    readonly precision: SpeakerPrecision,
  ) {}

  /** A parameter as a float32 value; small tensors (biases, norms) stay float32 in every file. */
  weight(name: string): string {
    const p = this.params.get(name);
    if (this.precision === "fp32" || p.data.length < 1024) {
      if (!this.g.hasInit(name)) this.g.init(name, f32(p.dims, p.data));
      return name;
    }
    const q = `${name}_quantized`;
    if (!this.g.hasInit(q)) {
      let maxAbs = 0;
      for (const v of p.data) maxAbs = Math.max(maxAbs, Math.abs(v));
      const scale = Math.fround(maxAbs / 127 || 1);
      const data = new Int8Array(p.data.length);
      for (let i = 0; i < data.length; i++) data[i] = Math.max(-127, Math.min(127, Math.round(p.data[i] / scale)));
      this.g.init(q, { type: "int8", dims: p.dims, data });
      this.g.init(`${name}_scale`, f32([], [scale]));
      this.g.init(`${name}_zero_point`, { type: "int8", dims: [], data: new Int8Array(1) });
    }
    return this.g.op("DequantizeLinear", [q, `${name}_scale`, `${name}_zero_point`]);
  }

  op(type: string, inputs: string[], attrs: Parameters<Graph["op"]>[2] = {}, out?: string): string {
    return this.g.op(type, inputs, attrs, out);
  }

  scalar(value: number): string {
    return this.g.sharedConstant(`f32:${value}`, () => f32([], [value]));
  }

  leakyRelu(x: string): string {
    return this.op("LeakyRelu", [x], { alpha: attr.float(0.01) });
  }

  /** y = x W^T + b with W stored [out, in] as torch does; MatMul against a transposed copy. */
  linear(x: string, name: string, out?: string): string {
    const transposed = `${name}.weight_t`;
    if (!this.params.has(transposed)) {
      const w = this.params.get(`${name}.weight`);
      const [rows, cols] = w.dims;
      this.params.define(transposed, [cols, rows], (n) => {
        const t = new Float32Array(n);
        for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = w.data[r * cols + c];
        return t;
      });
    }
    return this.op("Add", [this.op("MatMul", [x, this.weight(transposed)]), this.weight(`${name}.bias`)], {}, out);
  }
}
