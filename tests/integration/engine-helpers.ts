// Shared by the engine and worker tests: the generated micro Whisper models, speech
// fixtures, and transformers.js's own pipeline to compare against.
import { cp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pipeline, type Tensor } from "@huggingface/transformers";
import { makeTestModel } from "@/scripts/gen/test-model/index";
import { ffmpeg, makeSpeech, makeTempDir } from "@/tests/helpers/media";

export const MICRO = "whisper-micro";
export const MICRO_EN = "whisper-micro.en";
const FIXTURES = join(import.meta.dirname, "..", "fixtures", "models");

/**
 * A MODELS_DIR holding whisper-micro and whisper-micro.en with fp32 and int8 (q8)
 * weights: the committed fixtures, with the int8 files added by the generator when
 * they are not committed (same seed, so they belong to the same weights).
 */
export async function microModels(): Promise<{ modelsDir: string; cleanup: () => Promise<void> }> {
  const { dir, cleanup } = await makeTempDir("selenite-engine-models-");
  for (const name of [MICRO, MICRO_EN]) {
    const target = join(dir, name);
    const committed = join(FIXTURES, name);
    if (await exists(join(committed, "onnx"))) await cp(committed, target, { recursive: true });
    if (await exists(join(target, "onnx", "encoder_model_quantized.onnx"))) continue;
    const seed = await fixtureSeed(target);
    const generated = join(dir, `.generated-${name}`);
    await makeTestModel({ outDir: generated, size: "micro", englishOnly: name === MICRO_EN, quantized: true, seed, name });
    if (!(await exists(join(target, "onnx")))) await cp(generated, target, { recursive: true });
    for (const part of ["encoder_model", "decoder_model_merged"]) {
      await cp(join(generated, "onnx", `${part}_quantized.onnx`), join(target, "onnx", `${part}_quantized.onnx`));
    }
    await rm(generated, { recursive: true, force: true });
  }
  return { modelsDir: dir, cleanup };
}

async function fixtureSeed(modelDir: string): Promise<number> {
  try {
    const config = JSON.parse(await readFile(join(modelDir, "config.json"), "utf8")) as { selenite_test_model?: { seed?: number } };
    return config.selenite_test_model?.seed ?? 42;
  } catch {
    return 42;
  }
}

/** A copy of `name` whose generation config lists no alignment heads. */
export async function withoutAlignmentHeads(modelsDir: string, name: string, copyName: string): Promise<void> {
  await cp(join(modelsDir, name), join(modelsDir, copyName), { recursive: true });
  const file = join(modelsDir, copyName, "generation_config.json");
  const config = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  delete config.alignment_heads;
  await writeFile(file, JSON.stringify(config));
}

const WORDS = "morning river stone lantern quiet garden window paper silver orchard valley market".split(" ");

/** Exactly `seconds` of English speech (espeak-ng), varied so windows differ. */
export async function makeLongSpeech(path: string, seconds: number): Promise<string> {
  // espeak-ng speaks ~2.5 words/s at its default rate: make a little too much, then cut.
  const count = Math.ceil(seconds * 3);
  const words = Array.from({ length: count }, (_, i) => WORDS[(i * 7 + Math.floor(i / 5)) % WORDS.length]);
  const sentences: string[] = [];
  for (let i = 0; i < words.length; i += 8) sentences.push(`${words.slice(i, i + 8).join(" ")}.`);
  const raw = `${path}.raw.wav`;
  await makeSpeech(raw, sentences.join(" "));
  await ffmpeg(["-i", raw, "-t", String(seconds), path]);
  await rm(raw, { force: true });
  return path;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export type PipelineRun = { text: string; sequences: number[][] };

/**
 * transformers.js's own automatic-speech-recognition pipeline on `audio`, with the
 * generated token ids captured from model.generate() (prompt included).
 */
export async function runPipeline(
  modelsDir: string,
  model: string,
  audio: Float32Array,
  options: { dtype: "fp32" | "q8"; language?: string; task?: "transcribe" | "translate"; maxNewTokens: number },
): Promise<PipelineRun> {
  const { env } = await import("@huggingface/transformers");
  env.allowRemoteModels = false;
  env.localModelPath = modelsDir;
  const asr = await pipeline("automatic-speech-recognition", model, { dtype: options.dtype, session_options: { intraOpNumThreads: 2 } });
  const sequences: number[][] = [];
  const generate = asr.model.generate.bind(asr.model);
  asr.model.generate = async (args) => {
    const output = await generate(args);
    sequences.push(((output as Tensor).tolist() as bigint[][])[0].map(Number));
    return output;
  };
  try {
    const out = await asr(audio, {
      return_timestamps: true,
      max_new_tokens: options.maxNewTokens,
      ...(options.language ? { language: options.language, task: options.task ?? "transcribe" } : {}),
    });
    const text = Array.isArray(out) ? out.map((o) => o.text).join(" ") : out.text;
    return { text, sequences };
  } finally {
    await asr.dispose();
  }
}
