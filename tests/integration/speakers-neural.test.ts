// Neural diarization end to end on the generated speaker models (seeded random weights in
// the layouts and I/O contracts of pyannote-segmentation-3.0 and the WeSpeaker ResNet34
// export): real ffmpeg decoding, real onnxruntime-node, a real espeak-ng dialogue. Random
// weights cannot tell voices apart, so this checks structure, not accuracy.
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  AutoFeatureExtractor,
  AutoModel,
  AutoModelForAudioFrameClassification,
  AutoProcessor,
  env,
  PyAnnoteForAudioFrameClassification,
  PyAnnoteProcessor,
  WeSpeakerResNetModel,
} from "@huggingface/transformers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SeleniteError } from "@/lib/errors";
import { neuralTurns, type NeuralOptions } from "@/lib/speakers/neural";
import type { SpeakerTurn } from "@/lib/speakers/types";
import { decodeAll } from "@/lib/transcription/media";
import { makeDialogue } from "@/tests/helpers/dialogue";

type Dialogue = Awaited<ReturnType<typeof makeDialogue>>;
import { makeTempDir } from "@/tests/helpers/media";
import { speakerModels } from "@/tests/helpers/speaker-models";

let models: Awaited<ReturnType<typeof speakerModels>>;
let dir = "";
let dialogue: Dialogue;
const cleanups: (() => Promise<void>)[] = [];

const options = (extra: Partial<NeuralOptions> = {}): NeuralOptions => ({
  segmentationDir: models.segmentationDir,
  embeddingDir: models.embeddingDir,
  choice: { min: 1, max: 4 },
  threads: 2,
  expectedDurationSec: dialogue.seconds,
  ...extra,
});

function expectWellFormed(turns: SpeakerTurn[], durationSec: number): void {
  expect(turns.length).toBeGreaterThan(0);
  const speakers = [...new Set(turns.map((t) => t.speaker))];
  // Numbered 0.. in order of first appearance.
  expect(speakers).toEqual(speakers.map((_, i) => i));
  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i];
    expect(turn.start).toBeGreaterThanOrEqual(0);
    expect(turn.end).toBeGreaterThan(turn.start);
    expect(turn.end).toBeLessThanOrEqual(durationSec + 1e-6);
    if (i > 0) expect(turn.start).toBeGreaterThanOrEqual(turns[i - 1].start);
  }
  for (const speaker of speakers) {
    const own = turns.filter((t) => t.speaker === speaker);
    for (let i = 1; i < own.length; i++) expect(own[i].start).toBeGreaterThanOrEqual(own[i - 1].end);
  }
}

beforeAll(async () => {
  models = await speakerModels();
  const temp = await makeTempDir("selenite-speakers-");
  dir = temp.dir;
  cleanups.push(models.cleanup, temp.cleanup);
  dialogue = await makeDialogue(dir, "two-voices", { speakers: 2, turns: 10 });
});

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe("generated speaker models", () => {
  it("load through transformers.js's own classes with the hub layout and give 589 frames for 10 s", async () => {
    const saved = { localModelPath: env.localModelPath, allowRemoteModels: env.allowRemoteModels };
    env.localModelPath = models.modelsDir;
    env.allowRemoteModels = false;
    try {
      const processor = await AutoProcessor.from_pretrained("pyannote-segmentation-3.0", { local_files_only: true });
      expect(processor).toBeInstanceOf(PyAnnoteProcessor);
      const segmentation = await AutoModelForAudioFrameClassification.from_pretrained("pyannote-segmentation-3.0", { dtype: "fp32", local_files_only: true });
      expect(segmentation).toBeInstanceOf(PyAnnoteForAudioFrameClassification);
      const { samples } = await decodeAll(dialogue.file);
      const tenSeconds = samples.subarray(0, 160_000);
      const { logits } = await segmentation(await processor(tenSeconds));
      expect(logits.dims).toEqual([1, 589, 7]);
      const [found] = (processor as PyAnnoteProcessor).post_process_speaker_diarization(logits, tenSeconds.length);
      // The activity branch makes the output follow the audio: silence and speech classes both occur.
      expect(new Set(found.map((segment) => segment.id)).size).toBeGreaterThan(1);

      const fbank = await AutoFeatureExtractor.from_pretrained("wespeaker-voxceleb-resnet34-LM", { local_files_only: true });
      const embedder = await AutoModel.from_pretrained("wespeaker-voxceleb-resnet34-LM", { dtype: "fp32", local_files_only: true });
      expect(embedder).toBeInstanceOf(WeSpeakerResNetModel);
      const { input_features } = await fbank(samples.subarray(0, 32_000));
      expect(input_features.dims).toEqual([1, 198, 80]);
      const { embeddings } = await embedder({ input_features });
      expect(embeddings.dims).toEqual([1, 256]);
      await segmentation.dispose();
      await embedder.dispose();
    } finally {
      Object.assign(env, saved);
    }
  });
});

describe("neuralTurns", () => {
  it("labels a two-voice dialogue with well-formed turns that cover its speech", async () => {
    const progress: number[] = [];
    const turns = await neuralTurns(dialogue.file, options({ onProgress: (p) => progress.push(p) }));
    expectWellFormed(turns, dialogue.seconds);
    // Every sentence of the dialogue overlaps some turn.
    for (const truth of dialogue.truth) expect(turns.some((t) => t.start < truth.end && t.end > truth.start)).toBe(true);
    expect(progress.length).toBeGreaterThan(2);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
    expect(progress.at(-1)).toBe(1);
  });

  it("finds at most the speakers asked for", async () => {
    for (const count of [1, 2]) {
      const turns = await neuralTurns(dialogue.file, options({ choice: { count } }));
      expectWellFormed(turns, dialogue.seconds);
      expect(new Set(turns.map((t) => t.speaker)).size).toBeLessThanOrEqual(count);
    }
    const thresholded = await neuralTurns(dialogue.file, options({ choice: { threshold: 0.5 } }));
    expectWellFormed(thresholded, dialogue.seconds);
  });

  it("runs on the int8 files when only those were pulled", async () => {
    const q8 = join(dir, "q8");
    const [segmentationDir, embeddingDir] = [join(q8, "segmentation"), join(q8, "embedding")];
    await cp(models.segmentationDir, segmentationDir, { recursive: true });
    await cp(models.embeddingDir, embeddingDir, { recursive: true });
    await rm(join(segmentationDir, "onnx", "model.onnx"));
    await rm(join(embeddingDir, "onnx", "model.onnx"));
    const turns = await neuralTurns(dialogue.file, options({ segmentationDir, embeddingDir, choice: { count: 2 } }));
    expectWellFormed(turns, dialogue.seconds);
  });

  it("handles three voices over noise within a min-max range", async () => {
    const noisy = await makeDialogue(dir, "three-voices-noise", { speakers: 3, turns: 9, noise: true, seed: 3 });
    const turns = await neuralTurns(noisy.file, options({ choice: { min: 2, max: 3 }, expectedDurationSec: noisy.seconds }));
    expectWellFormed(turns, noisy.seconds);
    expect(new Set(turns.map((t) => t.speaker)).size).toBeLessThanOrEqual(3);
    for (const truth of noisy.truth) expect(turns.some((t) => t.start < truth.end && t.end > truth.start)).toBe(true);
  });

  it("stops with a cancelled error when aborted mid-file, and before it starts", async () => {
    const controller = new AbortController();
    const running = neuralTurns(dialogue.file, options({ signal: controller.signal, onProgress: () => controller.abort() }));
    await expect(running).rejects.toMatchObject({ code: "cancelled" });

    const aborted = new AbortController();
    aborted.abort();
    await expect(neuralTurns(dialogue.file, options({ signal: aborted.signal }))).rejects.toMatchObject({ code: "cancelled" });
  });

  it("names the damaged or missing model file and says to re-download", async () => {
    const broken = join(dir, "broken");
    await mkdir(broken, { recursive: true });
    const embeddingDir = join(broken, "embedding");
    await cp(models.embeddingDir, embeddingDir, { recursive: true });
    await writeFile(join(embeddingDir, "onnx", "model.onnx"), Buffer.from("this is not an onnx model"));
    const damaged = await neuralTurns(dialogue.file, options({ embeddingDir })).catch((error: unknown) => error);
    expect(damaged).toBeInstanceOf(SeleniteError);
    expect((damaged as SeleniteError).message).toMatch(
      /speaker embedding model .* onnx\/model\.onnx is damaged.*Re-download the speaker models on the Models page/,
    );

    const missing = await neuralTurns(dialogue.file, options({ segmentationDir: join(broken, "nothing-here") })).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(SeleniteError);
    expect((missing as SeleniteError).message).toMatch(/speaker segmentation model .*preprocessor_config\.json is missing.*Re-download the speaker models/);

    const badJson = join(broken, "segmentation");
    await cp(models.segmentationDir, badJson, { recursive: true });
    await writeFile(join(badJson, "preprocessor_config.json"), "{ not json");
    await expect(neuralTurns(dialogue.file, options({ segmentationDir: badJson }))).rejects.toThrow(/preprocessor_config\.json is not valid JSON/);
  });
});
