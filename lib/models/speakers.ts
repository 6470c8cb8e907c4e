// The speaker models (pyannote segmentation + a WeSpeaker embedding export) in MODELS_DIR.
import fs from "node:fs/promises";
import path from "node:path";

export const SEGMENTATION_MODEL = "pyannote-segmentation-3.0";
export const EMBEDDING_MODEL = "wespeaker-voxceleb-resnet34-LM";

export type SpeakerModels = { segmentationDir: string; embeddingDir: string };

const hasOnnx = (dir: string) =>
  fs.stat(path.join(dir, "onnx", "model.onnx")).then(
    (s) => s.isFile(),
    () => false,
  );

/** Both speaker models' folders when both are installed, else null. */
export async function installedSpeakerModels(modelsDir: string): Promise<SpeakerModels | null> {
  const segmentationDir = path.join(path.resolve(modelsDir), SEGMENTATION_MODEL);
  const embeddingDir = path.join(path.resolve(modelsDir), EMBEDDING_MODEL);
  return (await hasOnnx(segmentationDir)) && (await hasOnnx(embeddingDir)) ? { segmentationDir, embeddingDir } : null;
}
