// Real inference on the generated micro Whisper model through the engine the worker
// runs: long audio placed in windows, parity with transformers.js's own pipeline,
// seams, language detection, translate, word timestamps.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { AutoModelForSpeechSeq2Seq, AutoProcessor, AutoTokenizer, env, Tensor } from "@huggingface/transformers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanModels } from "@/lib/models/registry";
import { readRewrites } from "@/lib/models/rewrites";
import { TranscriptionEngine } from "@/lib/transcription/engine";
import type { WindowReport } from "@/lib/transcription/long-form";
import { PLAIN_DECODING } from "@/lib/transcription/safeguards";
import { decodeAll } from "@/lib/transcription/media";
import type { TranscribeRequest } from "@/lib/transcription/types";
import { readWhisperSpec } from "@/lib/transcription/whisper-spec";
import { makeSpeech, makeTempDir } from "@/tests/helpers/media";
import { makeLongSpeech, MICRO, MICRO_EN, microModels, runPipeline, withoutAlignmentHeads } from "./engine-helpers";

const TOKENS = 24;
let modelsDir = "";
let dir = "";
const cleanups: (() => Promise<void>)[] = [];
const engine = new TranscriptionEngine({ threads: 2 });
let long = "";
let short = "";

const request = (file: string, extra: Partial<TranscribeRequest> = {}): TranscribeRequest => ({
  file,
  modelsDir,
  model: MICRO,
  dtype: "fp32",
  language: "en",
  task: "transcribe",
  wordTimestamps: false,
  maxNewTokens: TOKENS,
  // transformers.js's pipeline has none of OpenAI's safeguards; these tests compare with it.
  decoding: PLAIN_DECODING,
  ...extra,
});

async function transcribe(file: string, extra: Partial<TranscribeRequest> = {}) {
  const windows: WindowReport[] = [];
  const result = await engine.transcribe(request(file, extra), { onWindow: (w) => windows.push(w) });
  return { result, windows };
}

beforeAll(async () => {
  const models = await microModels();
  modelsDir = models.modelsDir;
  const temp = await makeTempDir("selenite-engine-");
  dir = temp.dir;
  cleanups.push(models.cleanup, temp.cleanup);
  [long, short] = await Promise.all([
    makeLongSpeech(join(dir, "long.wav"), 70),
    makeSpeech(join(dir, "short.wav"), "The lantern by the river window was quiet in the morning."),
  ]);
});

afterAll(async () => {
  await engine.unload();
  for (const cleanup of cleanups) await cleanup();
});

describe("long audio", () => {
  it("places monotonic segments over the whole of a 70 s file", async () => {
    const { result, windows } = await transcribe(long);
    expect(result.durationSec).toBeGreaterThan(65);
    expect(windows.map((w) => w.startSample / 16_000)).toEqual([0, 30, 60]);
    const { segments } = result;
    expect(segments.length).toBeGreaterThanOrEqual(3);
    expect(segments[0].start).toBe(0);
    expect(segments.at(-1)?.end).toBeCloseTo(result.durationSec, 2);
    for (const [i, segment] of segments.entries()) {
      expect(segment.text.length).toBeGreaterThan(0);
      expect(segment.end).toBeGreaterThanOrEqual(segment.start);
      expect(segment.end).toBeLessThanOrEqual(result.durationSec);
      if (i > 0) expect(segment.start).toBeGreaterThanOrEqual(segments[i - 1].end);
    }
    // The random model gives no closing timestamps, so each window is one segment
    // spanning it: together they leave no gap.
    const covered = segments.reduce((sum, s) => sum + (s.end - s.start), 0);
    expect(covered).toBeCloseTo(result.durationSec, 1);
  });

  it("keeps every window's tokens exactly once: seams neither duplicate nor drop", async () => {
    const { result, windows } = await transcribe(long);
    const clip = await decodeAll(long);
    const spec = await readWhisperSpec(join(modelsDir, MICRO), true);
    for (const window of windows) {
      // Contiguous windows: each starts where the previous one's audio ended.
      expect(window.advance).toBe(window.contentSamples);
      expect(window.keptTokens).toBe(window.tokens.filter((t) => t !== spec.endOfText).length);
      const slice = clip.samples.subarray(window.startSample, window.startSample + window.contentSamples);
      const reference = await runPipeline(modelsDir, MICRO, slice, { dtype: "fp32", language: "en", maxNewTokens: TOKENS });
      expect(reference.sequences[0].slice(window.prompt.length)).toEqual(window.tokens);
    }
    const texts = windows.map((w) => w.tokens.filter((t) => t < spec.endOfText));
    env.localModelPath = modelsDir;
    const tokenizer = await AutoTokenizer.from_pretrained(MICRO, { local_files_only: true });
    const expected = texts.map((ids) => tokenizer.decode(ids).trim()).filter(Boolean);
    expect(result.segments.map((s) => s.text)).toEqual(expected);
  });
});

describe("confidence", () => {
  it("gives every segment and window a finite negative mean log-probability", async () => {
    const { result, windows } = await transcribe(long);
    expect(result.segments.length).toBeGreaterThan(0);
    for (const segment of result.segments) {
      expect(Number.isFinite(segment.avgLogprob)).toBe(true);
      expect(segment.avgLogprob).toBeLessThan(0);
    }
    for (const window of windows) {
      expect(Number.isFinite(window.avgLogprob)).toBe(true);
      expect(window.avgLogprob).toBeLessThan(0);
    }
  });
});

describe("graph rewrites", () => {
  it("records which rewrites applied when the model is loaded, for models list and the Models page", async () => {
    await transcribe(short, { dtype: "fp32" });
    const records = await readRewrites(join(modelsDir, MICRO));
    expect(records.fp32?.rewrites).toEqual([
      { name: "row-block attention", applied: true, detail: expect.stringMatching(/^\d+ self-attentions? in 10 blocks of 150 of 1500 query rows$/) },
      { name: "split decoder", applied: true, detail: expect.any(String) },
    ]);
    const { models } = await scanModels(modelsDir);
    expect(models.find((m) => m.name === MICRO)?.rewrites.fp32?.rewrites.map((r) => r.applied)).toEqual([true, true]);
    const { stdout } = await promisify(execFile)("npx", ["tsx", "scripts/cli/models.ts", "list"], { env: { ...process.env, MODELS_DIR: modelsDir } });
    expect(stdout).toContain(`${MICRO} fp32: row-block attention, split decoder`);
    expect(stdout).toContain(`${MICRO_EN}: not loaded yet`);
  });
});

describe("parity with transformers.js", () => {
  it.each(["fp32", "q8"] as const)("decodes the same tokens as the library's pipeline under 30 s (%s)", async (dtype) => {
    const { result, windows } = await transcribe(short, { dtype, maxNewTokens: 48 });
    expect(windows).toHaveLength(1);
    const clip = await decodeAll(short);
    const reference = await runPipeline(modelsDir, MICRO, clip.samples, { dtype, language: "en", maxNewTokens: 48 });
    expect(reference.sequences).toHaveLength(1);
    expect(reference.sequences[0]).toEqual([...windows[0].prompt, ...windows[0].tokens]);
    expect(result.segments.map((s) => s.text).join(" ")).toBe(reference.text.trim());
  });
});

describe("language", () => {
  it("detects the language with its probability, matching the library's own forward pass", async () => {
    const { result, windows } = await transcribe(short, { language: null });
    const spec = await readWhisperSpec(join(modelsDir, MICRO), true);
    expect(spec.languages.has(result.language)).toBe(true);
    expect(result.languageProbability).toBeGreaterThan(0);
    expect(result.languageProbability).toBeLessThanOrEqual(1);
    expect(windows[0].prompt).toEqual([spec.startOfTranscript, spec.languages.get(result.language), spec.tasks.transcribe]);

    // Independent check: transformers.js's forward pass on <|startoftranscript|>.
    env.allowRemoteModels = false;
    env.localModelPath = modelsDir;
    const model = await AutoModelForSpeechSeq2Seq.from_pretrained(MICRO, { dtype: "fp32" });
    const processor = await AutoProcessor.from_pretrained(MICRO, {});
    const { input_features } = (await processor((await decodeAll(short)).samples)) as { input_features: Tensor };
    const decoder_input_ids = new Tensor("int64", BigInt64Array.from([BigInt(spec.startOfTranscript)]), [1, 1]);
    const { logits } = (await model({ input_features, decoder_input_ids })) as { logits: Tensor };
    const row = logits.data as Float32Array;
    const scores = [...spec.languages].map(([code, id]) => ({ code, logit: row[id] }));
    const best = scores.reduce((a, b) => (b.logit > a.logit ? b : a));
    const denominator = scores.reduce((sum, s) => sum + Math.exp(s.logit - best.logit), 0);
    expect(result.language).toBe(best.code);
    expect(result.languageProbability).toBeCloseTo(1 / denominator, 4);
    await model.dispose();
  });

  it("skips detection when the user chose the language", async () => {
    const { result, windows } = await transcribe(short, { language: "fr" });
    const spec = await readWhisperSpec(join(modelsDir, MICRO), true);
    expect(result.language).toBe("fr");
    expect(result.languageProbability).toBeNull();
    expect(windows[0].prompt[1]).toBe(spec.languages.get("fr"));
  });

  it("skips detection on an English-only model, whose prompt has no language or task", async () => {
    const { result, windows } = await transcribe(short, { model: MICRO_EN, language: null });
    const spec = await readWhisperSpec(join(modelsDir, MICRO_EN), false);
    expect(result.language).toBe("en");
    expect(result.languageProbability).toBeNull();
    expect(windows[0].prompt).toEqual([spec.startOfTranscript]);
  });

  it("forces the translate token for task translate", async () => {
    const { windows } = await transcribe(short, { language: "de", task: "translate" });
    const spec = await readWhisperSpec(join(modelsDir, MICRO), true);
    expect(windows[0].prompt).toEqual([spec.startOfTranscript, spec.languages.get("de"), spec.tasks.translate]);
    const clip = await decodeAll(short);
    const reference = await runPipeline(modelsDir, MICRO, clip.samples, { dtype: "fp32", language: "de", task: "translate", maxNewTokens: TOKENS });
    expect(reference.sequences[0]).toEqual([...windows[0].prompt, ...windows[0].tokens]);
  });
});

describe("word timestamps", () => {
  it("times words inside their segments, in order", async () => {
    const { result } = await transcribe(long, { wordTimestamps: true });
    expect(result.warnings).toEqual([]);
    for (const segment of result.segments) {
      expect(segment.words?.length).toBeGreaterThan(0);
      let previous = segment.start;
      for (const word of segment.words ?? []) {
        expect(word.word.length).toBeGreaterThan(0);
        expect(word.start).toBeGreaterThanOrEqual(previous);
        expect(word.end).toBeGreaterThanOrEqual(word.start);
        expect(word.end).toBeLessThanOrEqual(segment.end);
        previous = word.start;
      }
    }
    // The alignment spreads words over the window rather than piling them up.
    const starts = new Set(result.segments[0].words?.map((w) => w.start));
    expect(starts.size).toBeGreaterThan(1);
  });

  it("says so when the model cannot time words", async () => {
    await withoutAlignmentHeads(modelsDir, MICRO, "whisper-micro-noheads");
    const { result } = await transcribe(short, { model: "whisper-micro-noheads", wordTimestamps: true });
    expect(result.segments.every((s) => s.words === undefined)).toBe(true);
    expect(result.warnings.join(" ")).toMatch(/word timestamps are not available/);
  });
});
