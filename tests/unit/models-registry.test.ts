import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import onnxProto from "onnx-proto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SeleniteError } from "@/lib/errors";
import { DTYPE_SUFFIX } from "@/lib/models/dtypes";
import { pickDtype, resolveModel, scanModels } from "@/lib/models/registry";

const { onnx } = onnxProto;
// The real micro Whisper written by scripts/gen/test-model, when it has been generated.
const MICRO = path.resolve("tests/fixtures/models/whisper-micro");

function tinyOnnx(): Uint8Array {
  return onnx.ModelProto.encode({
    irVersion: 8,
    graph: { name: "g", node: [{ opType: "Identity", input: ["x"], output: ["y"] }] },
    opsetImport: [{ domain: "", version: 17 }],
  }).finish();
}

type FakeModel = {
  suffixes?: string[];
  config?: Record<string, unknown>;
  generation?: Record<string, unknown>;
};

async function writeModel(dir: string, spec: FakeModel = {}): Promise<void> {
  await fs.mkdir(path.join(dir, "onnx"), { recursive: true });
  const files: Record<string, unknown> = {
    "config.json": spec.config ?? { model_type: "whisper", d_model: 64 },
    "generation_config.json": spec.generation ?? {
      is_multilingual: true,
      lang_to_id: { "<|en|>": 1, "<|de|>": 2, "<|fr|>": 3 },
      alignment_heads: [[0, 0]],
    },
    "preprocessor_config.json": { feature_size: 80 },
    "tokenizer.json": { model: { type: "BPE" } },
    "tokenizer_config.json": {},
  };
  for (const [name, value] of Object.entries(files)) {
    await fs.writeFile(path.join(dir, name), JSON.stringify(value));
  }
  for (const suffix of spec.suffixes ?? ["", "_quantized"]) {
    await fs.writeFile(path.join(dir, `onnx/encoder_model${suffix}.onnx`), tinyOnnx());
    await fs.writeFile(path.join(dir, `onnx/decoder_model_merged${suffix}.onnx`), tinyOnnx());
  }
}

let modelsDir: string;
beforeEach(async () => {
  modelsDir = await fs.mkdtemp(path.join(os.tmpdir(), "selenite-models-"));
});
afterEach(async () => {
  await fs.rm(modelsDir, { recursive: true, force: true });
});

async function brokenReason(name: string): Promise<string | undefined> {
  const { broken } = await scanModels(modelsDir);
  return broken.find((b) => b.name === name)?.reason;
}

describe("scanModels", () => {
  it("returns nothing for a models folder that does not exist", async () => {
    expect(await scanModels(path.join(modelsDir, "nope"))).toEqual({ models: [], broken: [] });
  });

  it("describes a valid model", async () => {
    await writeModel(path.join(modelsDir, "whisper-test"));
    const { models, broken } = await scanModels(modelsDir);
    expect(broken).toEqual([]);
    expect(models).toHaveLength(1);
    const [model] = models;
    expect(model).toMatchObject({
      name: "whisper-test",
      path: path.join(modelsDir, "whisper-test"),
      multilingual: true,
      dtypes: ["fp32", "q8"],
      languages: 3,
      hasWordTimestamps: true,
      modelType: "whisper",
    });
    const onDisk = (await fs.readdir(model.path, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
    const sizes = await Promise.all(onDisk.map((f) => fs.stat(f).then((s) => s.size)));
    expect(model.sizeBytes).toBe(sizes.reduce((a, b) => a + b, 0));
  });

  it.runIf(existsSync(MICRO))("accepts the generated micro Whisper fixture", async () => {
    await fs.cp(MICRO, path.join(modelsDir, "whisper-micro"), { recursive: true });
    const { models, broken } = await scanModels(modelsDir);
    expect(broken).toEqual([]);
    expect(models[0]).toMatchObject({ name: "whisper-micro", modelType: "whisper" });
    expect(models[0].dtypes.length).toBeGreaterThan(0);
  });

  it("treats .en models as English-only", async () => {
    await writeModel(path.join(modelsDir, "whisper-tiny.en"), { generation: { alignment_heads: [] } });
    const { models } = await scanModels(modelsDir);
    expect(models[0]).toMatchObject({ multilingual: false, languages: 1, hasWordTimestamps: false });
  });

  it("prefers generation_config's is_multilingual over the name", async () => {
    await writeModel(path.join(modelsDir, "custom"), { generation: { is_multilingual: false } });
    expect((await scanModels(modelsDir)).models[0].multilingual).toBe(false);
  });

  it("reports a missing file", async () => {
    await writeModel(path.join(modelsDir, "m"));
    await fs.rm(path.join(modelsDir, "m/tokenizer.json"));
    expect(await brokenReason("m")).toBe("missing tokenizer.json");
  });

  it("reports corrupt JSON", async () => {
    await writeModel(path.join(modelsDir, "m"));
    await fs.writeFile(path.join(modelsDir, "m/config.json"), '{"model_type": "whisper",');
    expect(await brokenReason("m")).toBe("config.json is not valid JSON");
  });

  it("reports a model that is not Whisper", async () => {
    await writeModel(path.join(modelsDir, "m"), { config: { model_type: "bert" } });
    expect(await brokenReason("m")).toBe("config.json says model_type 'bert', not Whisper");
  });

  it("reports zero-byte and garbage ONNX files", async () => {
    await writeModel(path.join(modelsDir, "empty"));
    await fs.writeFile(path.join(modelsDir, "empty/onnx/encoder_model.onnx"), "");
    await writeModel(path.join(modelsDir, "garbage"));
    await fs.writeFile(path.join(modelsDir, "garbage/onnx/decoder_model_merged_quantized.onnx"), "Not Found");
    expect(await brokenReason("empty")).toBe("onnx/encoder_model.onnx is not a readable ONNX file (the file is empty)");
    expect(await brokenReason("garbage")).toMatch(/^onnx\/decoder_model_merged_quantized\.onnx is not a readable ONNX file \(/);
  });

  it("needs an encoder and a merged decoder of the same dtype", async () => {
    await writeModel(path.join(modelsDir, "m"), { suffixes: [] });
    await fs.writeFile(path.join(modelsDir, "m/onnx/encoder_model.onnx"), tinyOnnx());
    await fs.writeFile(path.join(modelsDir, "m/onnx/decoder_model_merged_fp16.onnx"), tinyOnnx());
    expect(await brokenReason("m")).toBe("no complete ONNX pair (encoder + merged decoder) in onnx/");
  });

  it("requires the external data files config.json declares", async () => {
    const config = {
      model_type: "whisper",
      "transformers.js_config": { use_external_data_format: { "encoder_model.onnx": true } },
    };
    await writeModel(path.join(modelsDir, "m"), { config, suffixes: [""] });
    expect(await brokenReason("m")).toBe("onnx/encoder_model.onnx keeps its weights in onnx/encoder_model.onnx_data, which is missing");
    await fs.writeFile(path.join(modelsDir, "m/onnx/encoder_model.onnx_data"), "weights");
    expect((await scanModels(modelsDir)).models[0].dtypes).toEqual(["fp32"]);
  });

  it("ignores partial downloads, hidden folders and plain files", async () => {
    await writeModel(path.join(modelsDir, "whisper-base"));
    await writeModel(path.join(modelsDir, ".partial-whisper-small"));
    await fs.mkdir(path.join(modelsDir, ".cache"));
    await fs.writeFile(path.join(modelsDir, "README.txt"), "models go here");
    const { models, broken } = await scanModels(modelsDir);
    expect(models.map((m) => m.name)).toEqual(["whisper-base"]);
    expect(broken).toEqual([]);
  });

  it("flags folders whose names could not be selected", async () => {
    await writeModel(path.join(modelsDir, "my model"));
    expect(await brokenReason("my model")).toMatch(/folder name/);
  });
});

describe("resolveModel", () => {
  it("returns an installed model", async () => {
    await writeModel(path.join(modelsDir, "whisper-base"));
    expect((await resolveModel(modelsDir, "whisper-base")).dtypes).toEqual(["fp32", "q8"]);
  });

  it("says how to install a missing model", async () => {
    await expect(resolveModel(modelsDir, "whisper-base")).rejects.toMatchObject({
      code: "not_found",
      message: "Model 'whisper-base' is not installed. Download it on the Models page, or run “npm run models -- pull whisper-base” on the server.",
    });
  });

  it("refuses names that could leave the models folder", async () => {
    await writeModel(path.join(modelsDir, "inner/m"));
    for (const name of ["..", ".", "../etc", "inner/m", "inner\\m", ".partial-x", "", "a\0b", "/etc"]) {
      const error = await resolveModel(path.join(modelsDir, "inner"), name).catch((e: unknown) => e);
      expect(error, JSON.stringify(name)).toBeInstanceOf(SeleniteError);
      expect((error as SeleniteError).code, JSON.stringify(name)).toBe("bad_request");
    }
  });

  it("explains why a broken model cannot be used", async () => {
    await writeModel(path.join(modelsDir, "m"), { config: { model_type: "bert" } });
    await expect(resolveModel(modelsDir, "m")).rejects.toMatchObject({
      code: "unprocessable",
      message: expect.stringContaining("model_type 'bert'"),
    });
  });
});

describe("pickDtype", () => {
  const model = { name: "m", dtypes: ["fp32", "fp16", "q4"] as const };

  it("takes the preferred dtype when present, else falls back in CPU order", () => {
    expect(pickDtype({ ...model, dtypes: [...model.dtypes] }, "q4")).toBe("q4");
    expect(pickDtype({ ...model, dtypes: [...model.dtypes] }, "q8")).toBe("fp32");
    expect(pickDtype({ name: "m", dtypes: ["fp32", "q8"] })).toBe("q8");
    expect(pickDtype({ name: "m", dtypes: ["fp16", "q4"] })).toBe("fp16");
    expect(() => pickDtype({ name: "m", dtypes: [] })).toThrow(SeleniteError);
  });
});

describe("dtype suffixes", () => {
  it("match transformers.js", async () => {
    const file = path.resolve("node_modules/@huggingface/transformers/src/utils/dtypes.js");
    const lib = (await import(pathToFileURL(file).href)) as { DEFAULT_DTYPE_SUFFIX_MAPPING: Record<string, string> };
    expect({ ...DTYPE_SUFFIX }).toEqual({ ...lib.DEFAULT_DTYPE_SUFFIX_MAPPING });
  });
});
