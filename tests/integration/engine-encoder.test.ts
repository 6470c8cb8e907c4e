// The encoder with its self-attention computed in blocks of query rows
// (onnx/chunk-attention.ts) against the file as exported: the same output, bit for
// bit, for one and several layers, fp32 and int8; graphs without that attention are
// left alone.
import { join } from "node:path";
import { InferenceSession, Tensor } from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chunkAttention } from "@/lib/transcription/onnx/chunk-attention";
import { readModelFile } from "@/lib/transcription/onnx/model-file";
import { makeTestModel } from "@/scripts/gen/test-model/index";
import { makeTempDir } from "@/tests/helpers/media";

let dir = "";
let cleanup = async () => {};

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir("selenite-encoder-"));
  await makeTestModel({ outDir: join(dir, "one"), size: "micro", quantized: true });
  await makeTestModel({ outDir: join(dir, "three"), size: "micro", layers: 3, quantized: true });
});

afterAll(async () => {
  await cleanup();
});

const features = new Tensor(
  "float32",
  Float32Array.from({ length: 80 * 3000 }, (_, i) => Math.sin(i / 13) * Math.cos(i / 997)),
  [1, 80, 3000],
);

async function encode(session: InferenceSession): Promise<Float32Array> {
  const outputs = await session.run({ input_features: features });
  return outputs.last_hidden_state.data as Float32Array;
}

describe("chunked encoder attention", () => {
  it.each([
    ["one", 1, ""],
    ["one", 1, "_quantized"],
    ["three", 3, ""],
    ["three", 3, "_quantized"],
  ] as const)("gives the exported encoder's output (model '%s', %i layer(s), suffix '%s')", async (model, layers, suffix) => {
    const onnxDir = join(dir, model, "onnx");
    const file = `encoder_model${suffix}.onnx`;
    const chunked = chunkAttention(await readModelFile(join(onnxDir, file)), file, { queryRows: 1500, rowsPerBlock: 160 });
    expect(chunked?.attentions).toBe(layers);
    const options = { extra: { session: { model_external_initializers_file_folder_path: onnxDir } } };
    const blocks = await InferenceSession.create(chunked!.bytes, options);
    const whole = await InferenceSession.create(join(onnxDir, file));
    const [ours, theirs] = [await encode(blocks), await encode(whole)];
    expect(ours.length).toBe(1500 * 64);
    expect(ours).toEqual(theirs);
    await Promise.all([blocks.release(), whole.release()]);
  });

  it("leaves attention it cannot split by rows alone", async () => {
    const decoder = await readModelFile(join(dir, "one", "onnx", "decoder_model_merged.onnx"));
    // The decoder's self-attention adds a causal mask over the query rows (not a
    // scalar), and its cross-attention sits inside If branches: neither is rewritten.
    expect(chunkAttention(decoder, "decoder_model_merged.onnx", { queryRows: 1500, rowsPerBlock: 150 })).toBeNull();
  });

  it("does nothing when one block would hold every row", async () => {
    const encoder = await readModelFile(join(dir, "one", "onnx", "encoder_model.onnx"));
    expect(chunkAttention(encoder, "encoder_model.onnx", { queryRows: 1500, rowsPerBlock: 1500 })).toBeNull();
  });
});
