// The generated speaker models: the hub layouts, the real models' sizes (so speed
// figures on them hold), deterministic bytes, and the I/O contracts onnxruntime sees.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { InferenceSession, Tensor } from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSpeakerModels, type SpeakerModelsResult } from "@/scripts/gen/speaker-models/index";

let root = "";
let first: SpeakerModelsResult;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "selenite-speaker-gen-"));
  first = await makeSpeakerModels({ outDir: path.join(root, "a") });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("generated speaker models", () => {
  it("have the hub layout and about the real parameter counts and file sizes", async () => {
    for (const model of [first.segmentation, first.embedding]) {
      expect((await readdir(model.dir, { recursive: true })).sort()).toEqual([
        "config.json",
        "onnx",
        path.join("onnx", "model.onnx"),
        path.join("onnx", "model_quantized.onnx"),
        "preprocessor_config.json",
      ]);
    }
    // pyannote/segmentation-3.0: 1.47M parameters, 5.99 MB fp32, 1.54 MB int8.
    expect(first.segmentation.parameters).toBeGreaterThan(1.4e6);
    expect(first.segmentation.parameters).toBeLessThan(1.6e6);
    // WeSpeaker ResNet34: 6.6M parameters, 26.5 MB fp32.
    expect(first.embedding.parameters).toBeGreaterThan(6.5e6);
    expect(first.embedding.parameters).toBeLessThan(6.8e6);
    const bytes = (m: SpeakerModelsResult["embedding"], file: string) => m.files.find((f) => f.path === file)!.bytes;
    expect(bytes(first.segmentation, "onnx/model.onnx") / 1e6).toBeCloseTo(6, 0);
    expect(bytes(first.embedding, "onnx/model.onnx") / 1e6).toBeCloseTo(26.5, 0);

    const config = JSON.parse(await readFile(path.join(first.segmentation.dir, "config.json"), "utf8"));
    expect(config.model_type).toBe("pyannote");
    const features = JSON.parse(await readFile(path.join(first.embedding.dir, "preprocessor_config.json"), "utf8"));
    expect(features).toMatchObject({ feature_extractor_type: "WeSpeakerFeatureExtractor", num_mel_bins: 80, sampling_rate: 16000 });
  });

  it("are the same bytes for the same seed", async () => {
    await makeSpeakerModels({ outDir: path.join(root, "b"), quantized: false });
    for (const [dir, other] of [
      [first.segmentation.dir, path.join(root, "b", path.basename(first.segmentation.dir))],
      [first.embedding.dir, path.join(root, "b", path.basename(first.embedding.dir))],
    ]) {
      const [a, b] = await Promise.all([readFile(path.join(dir, "onnx", "model.onnx")), readFile(path.join(other, "onnx", "model.onnx"))]);
      expect(a.equals(b)).toBe(true);
    }
  });

  it("take input_values / input_features and give logits [batch, 589, 7] / embeddings [batch, 256], in both precisions", async () => {
    for (const file of ["model.onnx", "model_quantized.onnx"]) {
      const segmentation = await InferenceSession.create(path.join(first.segmentation.dir, "onnx", file), { intraOpNumThreads: 1 });
      const audio = new Float32Array(2 * 160_000).map((_, i) => Math.sin(i / 9) * (i % 32_000 < 16_000 ? 0.2 : 0));
      const { logits } = await segmentation.run({ input_values: new Tensor("float32", audio, [2, 1, 160_000]) });
      expect(logits.dims).toEqual([2, 589, 7]);
      // Log-probabilities: each frame's classes sum to 1 after exp.
      const data = logits.data as Float32Array;
      expect(data.slice(0, 7).reduce((sum, v) => sum + Math.exp(v), 0)).toBeCloseTo(1, 4);
      await segmentation.release();

      const embedding = await InferenceSession.create(path.join(first.embedding.dir, "onnx", file), { intraOpNumThreads: 1 });
      const fbank = new Float32Array(3 * 120 * 80).map((_, i) => Math.sin(i * 0.37));
      const { embeddings } = await embedding.run({ input_features: new Tensor("float32", fbank, [3, 120, 80]) });
      expect(embeddings.dims).toEqual([3, 256]);
      expect(Array.from(embeddings.data as Float32Array).every(Number.isFinite)).toBe(true);
      await embedding.release();
    }
  });
});
