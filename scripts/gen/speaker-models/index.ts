// Writes the two speaker models with seeded random weights, each in the file layout of
// its hub repository (config.json, preprocessor_config.json, onnx/model.onnx and
// onnx/model_quantized.onnx), so the real loading and inference path runs on them and
// their speed is that of the real models (the cost does not depend on weight values).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { encodeModel, type Graph } from "../test-model/onnx-graph";
import { Params } from "../test-model/params";
import type { SpeakerPrecision } from "./common";
import { buildEmbedding, defineEmbeddingParams, embeddingConfigJson, embeddingPreprocessorJson } from "./embedding";
import { buildSegmentation, defineSegmentationParams, segmentationConfigJson, segmentationPreprocessorJson } from "./segmentation";

export const SEGMENTATION_MODEL_NAME = "pyannote-segmentation-3.0";
export const EMBEDDING_MODEL_NAME = "wespeaker-voxceleb-resnet34-LM";

export interface SpeakerModelFiles {
  dir: string;
  files: { path: string; bytes: number }[];
  parameters: number;
}

export interface SpeakerModelsResult {
  segmentation: SpeakerModelFiles;
  embedding: SpeakerModelFiles;
}

/** Writes `<outDir>/pyannote-segmentation-3.0` and `<outDir>/wespeaker-voxceleb-resnet34-LM`. */
export async function makeSpeakerModels(options: { outDir: string; seed?: number; quantized?: boolean }): Promise<SpeakerModelsResult> {
  const seed = options.seed ?? 42;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`Seed must be a 32-bit unsigned integer, got ${seed}`);
  const precisions: SpeakerPrecision[] = options.quantized === false ? ["fp32"] : ["fp32", "q8"];
  const origin = (name: string) => ({ name, generator: "selenite scripts/gen/speaker-models", seed });

  const segmentationParams = new Params(seed);
  defineSegmentationParams(segmentationParams);
  const segmentation = await writeModel(
    path.join(options.outDir, SEGMENTATION_MODEL_NAME),
    segmentationConfigJson(origin(SEGMENTATION_MODEL_NAME)),
    segmentationPreprocessorJson(),
    precisions.map((p) => [p, buildSegmentation(segmentationParams, p)]),
    seed,
  );

  const embeddingParams = new Params(seed);
  defineEmbeddingParams(embeddingParams);
  const embedding = await writeModel(
    path.join(options.outDir, EMBEDDING_MODEL_NAME),
    embeddingConfigJson(origin(EMBEDDING_MODEL_NAME)),
    embeddingPreprocessorJson(),
    precisions.map((p) => [p, buildEmbedding(embeddingParams, p)]),
    seed,
  );
  return { segmentation, embedding };
}

async function writeModel(dir: string, config: object, preprocessor: object, graphs: [SpeakerPrecision, Graph][], seed: number): Promise<SpeakerModelFiles> {
  const files: SpeakerModelFiles["files"] = [];
  const write = async (relative: string, content: Uint8Array | string) => {
    const target = path.join(dir, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
    files.push({ path: relative, bytes: typeof content === "string" ? Buffer.byteLength(content) : content.byteLength });
  };
  await write("config.json", `${JSON.stringify(config, null, 2)}\n`);
  await write("preprocessor_config.json", `${JSON.stringify(preprocessor, null, 2)}\n`);
  let parameters = 0;
  for (const [precision, graph] of graphs) {
    const proto = graph.toProto();
    if (precision === "fp32") parameters = (proto.initializer ?? []).reduce((sum, t) => sum + (t.dims ?? []).reduce((a: number, d) => a * Number(d), 1), 0);
    const doc = `${graph.name} (${precision}), seeded random weights, seed ${seed}`;
    await write(precision === "fp32" ? "onnx/model.onnx" : "onnx/model_quantized.onnx", encodeModel(graph, { opset: 17, docString: doc }));
  }
  return { dir, files, parameters };
}
