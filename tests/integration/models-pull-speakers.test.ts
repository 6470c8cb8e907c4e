// `npm run models -- pull` of the two speaker models against the local stand-in hub
// (tests/helpers/model-hub.ts), serving the generated models under their real repo names.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pullModel } from "@/lib/models/download";
import { scanModels } from "@/lib/models/registry";
import { installedSpeakerModels, speakerModelFolders, SPEAKER_CATALOG } from "@/lib/models/speakers";
import { makeSpeakerModels } from "@/scripts/gen/speaker-models/index";
import { startModelHub, type ModelHub } from "../helpers/model-hub";

const [SEGMENTATION, EMBEDDING] = SPEAKER_CATALOG;

let hub: ModelHub;
let modelsDir: string;

beforeAll(async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "selenite-speaker-hub-"));
  await makeSpeakerModels({ outDir: path.join(root, "onnx-community") });
  // A repo that says it is something else.
  const wrong = path.join(root, "someone", "not-a-speaker-model");
  await fs.cp(path.join(root, EMBEDDING.repo), wrong, { recursive: true });
  await fs.writeFile(path.join(wrong, "config.json"), '{"model_type":"bert"}');
  hub = await startModelHub(root);
});
afterAll(async () => {
  await hub.close();
  await fs.rm(hub.root, { recursive: true, force: true });
});
beforeEach(async () => {
  modelsDir = await fs.mkdtemp(path.join(os.tmpdir(), "selenite-models-"));
  hub.reset();
});
afterEach(async () => {
  await fs.rm(modelsDir, { recursive: true, force: true });
});

describe("pulling speaker models", () => {
  it("installs both by their catalogue names, and installedSpeakerModels finds them", async () => {
    expect(await installedSpeakerModels(modelsDir)).toBeNull();

    const segmentation = await pullModel({ name: SEGMENTATION.name, modelsDir, host: hub.host, retries: 0 });
    expect(segmentation).toMatchObject({ repo: SEGMENTATION.repo, dtype: "fp32", model: { kind: "speakers", role: "segmentation", dtypes: ["fp32"] } });
    expect(await speakerModelFolders(modelsDir)).toEqual({ segmentation: path.join(modelsDir, SEGMENTATION.name), embedding: null });
    expect(await installedSpeakerModels(modelsDir)).toBeNull();
    const embedding = await pullModel({ name: EMBEDDING.name, modelsDir, host: hub.host, retries: 0, dtype: "q8" });
    expect(embedding).toMatchObject({ dtype: "q8", model: { kind: "speakers", role: "embedding", dtypes: ["q8"] } });

    const files = await fs.readdir(path.join(modelsDir, EMBEDDING.name), { recursive: true });
    expect(files.sort()).toEqual(["config.json", "onnx", path.join("onnx", "model_quantized.onnx"), "preprocessor_config.json"]);
    expect(await installedSpeakerModels(modelsDir)).toEqual({
      segmentationDir: path.join(modelsDir, SEGMENTATION.name),
      embeddingDir: path.join(modelsDir, EMBEDDING.name),
    });
    // The Whisper scan leaves them out instead of calling them broken.
    expect(await scanModels(modelsDir)).toEqual({ models: [], broken: [] });
  });

  it("refuses a repo that is not a speaker model, and a precision speaker models do not come in", async () => {
    await expect(pullModel({ name: "someone/not-a-speaker-model", modelsDir, host: hub.host, retries: 0 })).rejects.toMatchObject({
      code: "unprocessable",
      message: expect.stringMatching(/not a Whisper model \(config\.json says model_type 'bert'\)/),
    });
    await expect(pullModel({ name: SEGMENTATION.name, modelsDir, host: hub.host, retries: 0, dtype: "fp16" })).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/pyannote-segmentation-3\.0 comes in fp32 and q8/),
    });
  });

  it("does not count a damaged speaker model as installed", async () => {
    await pullModel({ name: SEGMENTATION.name, modelsDir, host: hub.host, retries: 0 });
    await fs.writeFile(path.join(modelsDir, SEGMENTATION.name, "onnx", "model.onnx"), "garbage");
    expect((await speakerModelFolders(modelsDir)).segmentation).toBeNull();
  });
});
