// The split decoder (onnx/specialize.ts) against optimum's merged graph it comes
// from: same greedy tokens, same cross-attention weights, with one layer and with
// several (one If per layer); and a graph that is not a merged decoder is refused
// (the engine then runs the merged graph).
import { join } from "node:path";
import { InferenceSession } from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveModel } from "@/lib/models/registry";
import { DecoderState } from "@/lib/transcription/decoder-state";
import { decodeGreedy } from "@/lib/transcription/greedy";
import { readModelFile } from "@/lib/transcription/onnx/model-file";
import { NotSpecializable, specializeDecoder } from "@/lib/transcription/onnx/specialize";
import { TokenPicker } from "@/lib/transcription/token-picker";
import { loadWhisper, type LoadedWhisper } from "@/lib/transcription/whisper-model";
import { makeTestModel } from "@/scripts/gen/test-model/index";
import { MICRO, microModels } from "./engine-helpers";

const LAYERED = "whisper-micro-3-layers";

let modelsDir = "";
let cleanup = async () => {};
const loaded: LoadedWhisper[] = [];

beforeAll(async () => {
  ({ modelsDir, cleanup } = await microModels());
  await makeTestModel({ outDir: join(modelsDir, LAYERED), size: "micro", layers: 3, quantized: true, name: LAYERED });
});

afterAll(async () => {
  for (const model of loaded) await model.dispose();
  await cleanup();
});

describe("split decoder", () => {
  it("drops the If and the cache-branch input, and keeps only the cross-attention projection in 'project'", async () => {
    const graph = await readModelFile(join(modelsDir, MICRO, "onnx", "decoder_model_merged.onnx"));
    const step = await InferenceSession.create(specializeDecoder(graph, "step", "decoder_model_merged.onnx"), {
      extra: { session: { model_external_initializers_file_folder_path: join(modelsDir, MICRO, "onnx") } },
    });
    const project = await InferenceSession.create(specializeDecoder(graph, "project", "decoder_model_merged.onnx"), {
      extra: { session: { model_external_initializers_file_folder_path: join(modelsDir, MICRO, "onnx") } },
    });
    expect(step.inputNames).not.toContain("use_cache_branch");
    expect(step.outputNames).toContain("logits");
    expect(step.outputNames.some((n) => /present\.\d+\.encoder/.test(n))).toBe(false);
    expect(project.inputNames).toEqual(["encoder_hidden_states"]);
    expect(project.outputNames.every((n) => /^present\.\d+\.encoder\.(key|value)$/.test(n))).toBe(true);
    await Promise.all([step.release(), project.release()]);
  });

  it("refuses a graph without the cache-branch If", async () => {
    const encoder = await readModelFile(join(modelsDir, MICRO, "onnx", "encoder_model.onnx"));
    expect(() => specializeDecoder(encoder, "step", "encoder_model.onnx")).toThrow(NotSpecializable);
  });

  it.each([
    [MICRO, "fp32"],
    [MICRO, "q8"],
    [LAYERED, "fp32"],
    [LAYERED, "q8"],
  ] as const)("decodes the same tokens and attention as the merged graph (%s, %s)", async (name, dtype) => {
    const installed = await resolveModel(modelsDir, name);
    const model = await loadWhisper(installed, dtype, 1);
    loaded.push(model);
    expect(model.decoder.kind).toBe("split");
    const merged = await InferenceSession.create(join(installed.path, "onnx", `decoder_model_merged${dtype === "q8" ? "_quantized" : ""}.onnx`));
    const audio = Float32Array.from({ length: 16_000 * 12 }, (_, i) => 0.3 * Math.sin(i / 7) * Math.sin(i / 3100));
    const features = await model.features(audio);
    const states = (await model.encoder.run({ input_features: features })).last_hidden_state;
    const prompt = [model.spec.startOfTranscript, model.spec.languages.get("en") ?? 0, model.spec.tasks.transcribe ?? 0];
    const run = (decoder: LoadedWhisper["decoder"]) =>
      decodeGreedy(new DecoderState(decoder, model.layout, states), {
        prompt,
        picker: new TokenPicker(model.spec),
        maxNewTokens: 40,
        endOfText: model.spec.endOfText,
        maxPositions: 448,
        alignmentHeads: model.spec.alignmentHeads,
      });
    const split = await run(model.decoder);
    const whole = await run({ kind: "merged", merged });
    expect(split.tokens.length).toBeGreaterThan(5);
    expect(split.tokens).toEqual(whole.tokens);
    expect(split.attention).toEqual(whole.attention);
    await merged.release();
  });
});
