import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import onnxProto from "onnx-proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeOnnxProblem } from "@/lib/models/onnx-check";

const { onnx } = onnxProto;

// A complete (if pointless) ONNX model: y = Identity(x).
function tinyModel(): Uint8Array {
  const tensor = { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimValue: 1 }] } };
  return onnx.ModelProto.encode({
    irVersion: 8,
    producerName: "selenite-test",
    graph: {
      name: "g",
      node: [{ opType: "Identity", input: ["x"], output: ["y"] }],
      input: [{ name: "x", type: { tensorType: tensor } }],
      output: [{ name: "y", type: { tensorType: tensor } }],
    },
    opsetImport: [{ domain: "", version: 17 }],
  }).finish();
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "selenite-onnx-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function write(name: string, bytes: Uint8Array | string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  return file;
}

describe("describeOnnxProblem", () => {
  it("accepts a real ModelProto", async () => {
    expect(await describeOnnxProblem(await write("ok.onnx", tinyModel()))).toBeNull();
  });

  it("rejects an empty file", async () => {
    expect(await describeOnnxProblem(await write("empty.onnx", ""))).toBe("the file is empty");
  });

  it("rejects text, HTML error pages and Git LFS pointers", async () => {
    expect(await describeOnnxProblem(await write("text.onnx", "not a model at all\n"))).toMatch(/structure of an ONNX/);
    expect(await describeOnnxProblem(await write("page.onnx", "<!doctype html><h1>Oops</h1>"))).toMatch(/HTML/);
    const pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 151000000\n";
    expect(await describeOnnxProblem(await write("lfs.onnx", pointer))).toMatch(/Git LFS pointer/);
  });

  it("rejects random bytes", async () => {
    const bytes = new Uint8Array(4096);
    let seed = 42;
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[i] = seed >>> 24;
    }
    expect(await describeOnnxProblem(await write("noise.onnx", bytes))).not.toBeNull();
  });

  it("rejects a model cut short, at any length", async () => {
    const full = tinyModel();
    for (const keep of [1, 2, 5, Math.floor(full.length / 2), full.length - 1]) {
      const problem = await describeOnnxProblem(await write(`cut-${keep}.onnx`, full.subarray(0, keep)));
      expect(problem, `kept ${keep} of ${full.length} bytes`).not.toBeNull();
    }
  });

  it("checks a 1.5 GB file without reading it", async () => {
    // ir_version, then a graph field whose body is the (sparse, all-zero) rest of the file.
    const size = 1_500_000_000;
    const header = [0x08, 0x08, 0x3a];
    let length = size - header.length - 5;
    const varint: number[] = [];
    for (let i = 0; i < 5; i++) {
      varint.push((length & 0x7f) | (i < 4 ? 0x80 : 0));
      length = Math.floor(length / 128);
    }
    const file = await write("big.onnx", Uint8Array.from([...header, ...varint]));
    await fs.truncate(file, size);
    const started = performance.now();
    expect(await describeOnnxProblem(file)).toBeNull();
    expect(performance.now() - started).toBeLessThan(500);

    await fs.truncate(file, size - 1000);
    expect(await describeOnnxProblem(file)).toMatch(/ends early/);
  });
});
