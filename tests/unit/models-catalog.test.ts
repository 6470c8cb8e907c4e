import { describe, expect, it } from "vitest";
import { CATALOG, estimatedRamMB, estimatedSizeMB, filesToPull, languageCount, recommendModel, resolvePullTarget } from "@/lib/models/catalog";
import { isValidModelName } from "@/lib/models/names";
import { SPEAKER_CATALOG } from "@/lib/models/speakers";

describe("resolvePullTarget", () => {
  it("maps catalogue names to hub repositories", () => {
    expect(resolvePullTarget("whisper-base")).toEqual({
      kind: "whisper",
      name: "whisper-base",
      repo: "onnx-community/whisper-base",
      defaultDtype: "fp32",
    });
    expect(resolvePullTarget("whisper-large-v3-turbo")).toMatchObject({
      repo: "onnx-community/whisper-large-v3-turbo",
      defaultDtype: "q8",
    });
    expect(resolvePullTarget("onnx-community/whisper-tiny.en").name).toBe("whisper-tiny.en");
  });

  it("accepts any owner/repo and installs it under the repo name", () => {
    expect(resolvePullTarget("someone/whisper-custom")).toEqual({
      kind: "whisper",
      name: "whisper-custom",
      repo: "someone/whisper-custom",
      defaultDtype: "q8",
    });
  });

  it("maps the speaker models to their repositories, fp32 by default", () => {
    expect(resolvePullTarget("pyannote-segmentation-3.0")).toEqual({
      kind: "speakers",
      name: "pyannote-segmentation-3.0",
      repo: "onnx-community/pyannote-segmentation-3.0",
      defaultDtype: "fp32",
    });
    expect(resolvePullTarget("onnx-community/wespeaker-voxceleb-resnet34-LM")).toMatchObject({ kind: "speakers", name: "wespeaker-voxceleb-resnet34-LM" });
    for (const entry of SPEAKER_CATALOG) expect(isValidModelName(entry.name), entry.name).toBe(true);
  });

  it("rejects unknown names and anything path-like", () => {
    for (const bad of ["whisper-huge", "../x", "a/../b", "a/b/c", "/abs", "owner/.hidden", "owner/..", ""]) {
      expect(() => resolvePullTarget(bad), bad).toThrow(/Unknown model/);
    }
  });

  it("only uses names the registry can resolve", () => {
    for (const entry of CATALOG) expect(isValidModelName(entry.name), entry.name).toBe(true);
  });
});

describe("filesToPull", () => {
  it("lists the JSON files and one encoder/decoder pair", () => {
    expect(filesToPull({ model_type: "whisper" }, "q8")).toEqual([
      "config.json",
      "generation_config.json",
      "preprocessor_config.json",
      "tokenizer.json",
      "tokenizer_config.json",
      "onnx/encoder_model_quantized.onnx",
      "onnx/decoder_model_merged_quantized.onnx",
    ]);
  });

  it("adds the external-data chunks config.json declares", () => {
    const config = {
      "transformers.js_config": { use_external_data_format: { "decoder_model_merged.onnx": 2, encoder_model: true } },
    };
    expect(filesToPull(config, "fp32").slice(5)).toEqual([
      "onnx/encoder_model.onnx",
      "onnx/encoder_model.onnx_data",
      "onnx/decoder_model_merged.onnx",
      "onnx/decoder_model_merged.onnx_data",
      "onnx/decoder_model_merged.onnx_data_1",
    ]);
    // Keyed by file name, so the q8 files of the same model have no external data.
    expect(filesToPull({ "transformers.js_config": { use_external_data_format: { "encoder_model.onnx": true } } }, "q8")).toHaveLength(7);
    expect(filesToPull({ "transformers.js_config": { use_external_data_format: true } }, "q4").slice(5)).toEqual([
      "onnx/encoder_model_q4.onnx",
      "onnx/encoder_model_q4.onnx_data",
      "onnx/decoder_model_merged_q4.onnx",
      "onnx/decoder_model_merged_q4.onnx_data",
    ]);
  });
});

describe("what the Models page says about each model", () => {
  it("knows the size, memory, speed and languages of every catalogue model", () => {
    for (const entry of CATALOG) {
      expect(entry.paramsM, entry.name).toBeGreaterThan(0);
      expect(entry.speedX, entry.name).toBeGreaterThan(0);
      expect(estimatedSizeMB(entry, entry.defaultDtype)).toBe(entry.approxMB);
      expect(estimatedRamMB(entry, entry.defaultDtype)).toBeGreaterThan(entry.approxMB);
    }
    const base = CATALOG.find((e) => e.name === "whisper-base")!;
    // fp32 is the default: half precision is about half, 8-bit about a quarter.
    expect(estimatedSizeMB(base, "fp16")).toBeLessThan(base.approxMB * 0.6);
    expect(estimatedSizeMB(base, "q8")).toBeLessThan(base.approxMB * 0.35);
    expect(languageCount(base)).toBe(99);
    expect(languageCount(CATALOG.find((e) => e.name === "whisper-base.en")!)).toBe(1);
  });

  it("suggests a model that fits the machine's memory and cores", () => {
    expect(recommendModel({ totalMemMB: 1024, cores: 1 }).name).toBe("whisper-tiny");
    expect(recommendModel({ totalMemMB: 4096, cores: 2 }).name).toBe("whisper-base");
    expect(recommendModel({ totalMemMB: 8192, cores: 4 }).name).toBe("whisper-small");
    expect(recommendModel({ totalMemMB: 2048, cores: 16 }).name).toBe("whisper-base");
    expect(recommendModel({ totalMemMB: 32768, cores: 16 }).name).toBe("whisper-large-v3-turbo");
  });
});
