// The generated speaker models (random weights, real layouts and sizes, fp32 and int8), written once
// per test file into a temporary MODELS_DIR.
import { join } from "node:path";
import { EMBEDDING_MODEL_NAME, makeSpeakerModels, SEGMENTATION_MODEL_NAME } from "@/scripts/gen/speaker-models/index";
import { makeTempDir } from "./media";

export async function speakerModels(): Promise<{ modelsDir: string; segmentationDir: string; embeddingDir: string; cleanup: () => Promise<void> }> {
  const { dir, cleanup } = await makeTempDir("selenite-speaker-models-");
  await makeSpeakerModels({ outDir: dir });
  return { modelsDir: dir, segmentationDir: join(dir, SEGMENTATION_MODEL_NAME), embeddingDir: join(dir, EMBEDDING_MODEL_NAME), cleanup };
}
