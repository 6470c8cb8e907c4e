// The generated Whisper test model: deterministic bytes, and it runs through the
// real transformers.js + onnxruntime-node path like a downloaded model.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  AutoProcessor,
  AutoTokenizer,
  env,
  LogLevel,
  pipeline,
  WhisperForConditionalGeneration,
  type AutomaticSpeechRecognitionOutput,
  type Tensor,
} from "@huggingface/transformers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestModel } from "@/scripts/gen/test-model/index";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/models");
const SAMPLE_RATE = 16_000;
const SESSION = { intraOpNumThreads: 1 };

/** Tones that change every few seconds over light noise, a stand-in for speech. */
function syntheticAudio(seconds: number, seed = 1): Float32Array {
  const audio = new Float32Array(Math.round(seconds * SAMPLE_RATE));
  let state = seed;
  for (let i = 0; i < audio.length; i++) {
    const t = i / SAMPLE_RATE;
    const pitch = 180 + 70 * (Math.floor(t / 2.5) % 5);
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const envelope = Math.floor(t / 1.25) % 4 === 3 ? 0.05 : 1;
    audio[i] = envelope * 0.3 * Math.sin(2 * Math.PI * pitch * t) + 0.02 * (state / 2 ** 32 - 0.5);
  }
  return audio;
}

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`])));
  return nested.flat().sort();
}

async function expectSameFiles(a: string, b: string): Promise<void> {
  const files = await listFiles(a);
  expect(await listFiles(b)).toEqual(files);
  for (const file of files) {
    const [x, y] = await Promise.all([readFile(path.join(a, file)), readFile(path.join(b, file))]);
    expect(x.equals(y), `${file} differs`).toBe(true);
  }
}

let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "selenite-test-model-"));
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = FIXTURES;
  env.logLevel = LogLevel.ERROR;
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("makeTestModel", () => {
  it("writes byte-identical files for the same seed, and the committed fixtures are current", async () => {
    const a = path.join(tmp, "a");
    const b = path.join(tmp, "b");
    const result = await makeTestModel({ outDir: a, size: "micro", seed: 42, quantized: true, fp16: true });
    await makeTestModel({ outDir: b, size: "micro", seed: 42, quantized: true, fp16: true });
    await expectSameFiles(a, b);

    expect(result.files.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        "config.json",
        "generation_config.json",
        "preprocessor_config.json",
        "tokenizer.json",
        "tokenizer_config.json",
        "onnx/encoder_model.onnx",
        "onnx/decoder_model_merged.onnx",
        "onnx/encoder_model_quantized.onnx",
        "onnx/decoder_model_merged_quantized.onnx",
        "onnx/encoder_model_fp16.onnx",
        "onnx/decoder_model_merged_fp16.onnx",
      ]),
    );

    // Regenerate with: npm run make-test-model -- --out tests/fixtures/models/whisper-micro[.en] [--english-only]
    const fixture = path.join(tmp, "fixture");
    await makeTestModel({ outDir: fixture, size: "micro", seed: 42 });
    await expectSameFiles(fixture, path.join(FIXTURES, "whisper-micro"));
    const fixtureEn = path.join(tmp, "fixture.en");
    await makeTestModel({ outDir: fixtureEn, size: "micro", seed: 42, englishOnly: true });
    await expectSameFiles(fixtureEn, path.join(FIXTURES, "whisper-micro.en"));

    const otherSeed = path.join(tmp, "seed7");
    await makeTestModel({ outDir: otherSeed, size: "micro", seed: 7 });
    const [w42, w7] = await Promise.all([readFile(path.join(a, "onnx/encoder_model.onnx")), readFile(path.join(otherSeed, "onnx/encoder_model.onnx"))]);
    expect(w42.equals(w7)).toBe(false);
  });

  it("keeps the committed micro fixture small and its token ids consistent", async () => {
    const dir = path.join(FIXTURES, "whisper-micro");
    const files = await listFiles(dir);
    let total = 0;
    for (const f of files) total += (await readFile(path.join(dir, f))).length;
    expect(total).toBeLessThanOrEqual(2 * 1024 * 1024);

    const config = JSON.parse(await readFile(path.join(dir, "config.json"), "utf8"));
    const generation = JSON.parse(await readFile(path.join(dir, "generation_config.json"), "utf8"));
    const tokenizer = await AutoTokenizer.from_pretrained("whisper-micro");
    expect(config.model_type).toBe("whisper");
    expect(config.vocab_size).toBe(1864);
    expect(generation.is_multilingual).toBe(true);
    const ids = (tokens: string[]) => tokens.map((t) => tokenizer.encode(t, { add_special_tokens: false })[0]);
    expect(ids(["<|startoftranscript|>", "<|endoftext|>", "<|notimestamps|>", "<|fr|>", "<|translate|>", "<|0.00|>", "<|30.00|>"])).toEqual([
      generation.decoder_start_token_id,
      generation.eos_token_id,
      generation.no_timestamps_token_id,
      generation.lang_to_id["<|fr|>"],
      generation.task_to_id.translate,
      generation.no_timestamps_token_id + 1,
      generation.no_timestamps_token_id + 1501,
    ]);
    expect(tokenizer.decode([generation.no_timestamps_token_id + 51])).toBe("<|1.00|>");
  });
});

describe("the micro fixture through transformers.js", () => {
  it("transcribes 70 s in 30 s chunks with timestamps", async () => {
    const asr = await pipeline("automatic-speech-recognition", "whisper-micro", {
      dtype: "fp32",
      local_files_only: true,
      session_options: SESSION,
    });
    try {
      const out = (await asr(syntheticAudio(70), {
        chunk_length_s: 30,
        stride_length_s: 5,
        return_timestamps: true,
        max_new_tokens: 12,
      })) as AutomaticSpeechRecognitionOutput;
      expect(out.text.trim().length).toBeGreaterThan(0);
      expect(out.chunks?.length).toBeGreaterThan(0);
      for (const chunk of out.chunks ?? []) expect(typeof chunk.text).toBe("string");

      // Word-level timestamps come from the exported cross attentions (alignment_heads).
      const words = (await asr(syntheticAudio(70), {
        chunk_length_s: 30,
        stride_length_s: 5,
        return_timestamps: "word",
        max_new_tokens: 12,
      })) as AutomaticSpeechRecognitionOutput;
      const chunks = words.chunks ?? [];
      expect(chunks.length).toBeGreaterThan(1);
      expect(typeof chunks[0].timestamp[0]).toBe("number");
      const starts = chunks.map((c) => c.timestamp[0] as number);
      expect([...starts].sort((x, y) => x - y)).toEqual(starts);
      expect(starts.at(-1)).toBeLessThanOrEqual(70);
    } finally {
      await asr.dispose();
    }
  });

  it("generates with forced language and task, and the output depends on the audio", async () => {
    const processor = await AutoProcessor.from_pretrained("whisper-micro");
    const tokenizer = await AutoTokenizer.from_pretrained("whisper-micro");
    const model = await WhisperForConditionalGeneration.from_pretrained("whisper-micro", {
      dtype: "fp32",
      local_files_only: true,
      session_options: SESSION,
    });
    try {
      const generation = JSON.parse(await readFile(path.join(FIXTURES, "whisper-micro/generation_config.json"), "utf8"));
      const { input_features } = await processor(syntheticAudio(8));
      const sequences = (await model.generate({
        inputs: input_features,
        language: "fr",
        task: "translate",
        max_new_tokens: 6,
      } as Parameters<typeof model.generate>[0])) as Tensor;
      const ids = (sequences.tolist() as bigint[][])[0].map(Number);
      expect(ids.slice(0, 4)).toEqual([
        generation.decoder_start_token_id,
        generation.lang_to_id["<|fr|>"],
        generation.task_to_id.translate,
        generation.no_timestamps_token_id,
      ]);
      expect(ids.length).toBe(10);
      expect(ids[4]).not.toBe(generation.eos_token_id);
      expect(ids[4]).toBeLessThan(generation.eos_token_id);

      const texts = new Set<string>();
      for (const audio of [syntheticAudio(8), new Float32Array(8 * SAMPLE_RATE), syntheticAudio(8, 99).map((v, i) => v * Math.sin(i / 900))]) {
        const { input_features: features } = await processor(audio);
        const out = (await model.generate({ inputs: features, language: "en", max_new_tokens: 10 } as Parameters<typeof model.generate>[0])) as Tensor;
        texts.add(tokenizer.decode((out.tolist() as bigint[][])[0], { skip_special_tokens: true }));
      }
      expect(texts.size).toBeGreaterThan(1);
    } finally {
      await model.dispose();
    }
  });

  it("loads the English-only fixture, which takes no language", async () => {
    const processor = await AutoProcessor.from_pretrained("whisper-micro.en");
    const model = await WhisperForConditionalGeneration.from_pretrained("whisper-micro.en", {
      dtype: "fp32",
      local_files_only: true,
      session_options: SESSION,
    });
    try {
      const generation = JSON.parse(await readFile(path.join(FIXTURES, "whisper-micro.en/generation_config.json"), "utf8"));
      expect(generation.is_multilingual).toBe(false);
      const { input_features } = await processor(syntheticAudio(5));
      const out = (await model.generate({ inputs: input_features, max_new_tokens: 4 } as Parameters<typeof model.generate>[0])) as Tensor;
      expect((out.tolist() as bigint[][])[0].slice(0, 2).map(Number)).toEqual([generation.decoder_start_token_id, generation.no_timestamps_token_id]);
      await expect(model.generate({ inputs: input_features, language: "fr", max_new_tokens: 2 } as Parameters<typeof model.generate>[0])).rejects.toThrow(
        /English-only/,
      );
    } finally {
      await model.dispose();
    }
  });

  it("runs the int8 (q8) and fp16 files", async () => {
    const outDir = path.join(tmp, "variants", "whisper-micro");
    await makeTestModel({ outDir, size: "micro", quantized: true, fp16: true });
    const previous = env.localModelPath;
    env.localModelPath = path.join(tmp, "variants");
    try {
      for (const dtype of ["q8", "fp16"] as const) {
        const asr = await pipeline("automatic-speech-recognition", "whisper-micro", {
          dtype,
          local_files_only: true,
          session_options: SESSION,
        });
        try {
          const out = (await asr(syntheticAudio(12), { max_new_tokens: 8, return_timestamps: "word" })) as AutomaticSpeechRecognitionOutput;
          expect(out.text.trim().length, dtype).toBeGreaterThan(0);
          expect(out.chunks?.length, dtype).toBeGreaterThan(0);
        } finally {
          await asr.dispose();
        }
      }
    } finally {
      env.localModelPath = previous;
    }
  });
});
