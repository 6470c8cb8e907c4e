// OpenAI's long-form safeguards and the job's prompt, on the real engine with the
// generated micro Whisper model (random weights: its text is noise, its figures are
// real): fallback, the no-speech skip, the prompt after <|startofprev|>,
// conditioning on the previous window, max initial timestamp, monotonic timestamps,
// seeded sampling.
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { AutoModelForSpeechSeq2Seq, AutoProcessor, AutoTokenizer, env, Tensor } from "@huggingface/transformers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TranscriptionEngine } from "@/lib/transcription/engine";
import type { WindowReport } from "@/lib/transcription/long-form";
import { decodeAll } from "@/lib/transcription/media";
import { PLAIN_DECODING } from "@/lib/transcription/safeguards";
import type { DecodingOptions, TranscribeRequest, WindowCommit } from "@/lib/transcription/types";
import { readWhisperSpec, type WhisperSpec } from "@/lib/transcription/whisper-spec";
import { makeTempDir } from "@/tests/helpers/media";
import { makeLongSpeech, MICRO } from "./engine-helpers";

const FIXTURE = join(import.meta.dirname, "..", "fixtures", "models", MICRO);
/** A copy of the model that may say only timestamps and two text tokens, so its windows hold many timestamps. */
const TIMESTAMPY = "whisper-micro-timestamps";
let modelsDir = "";
let long = "";
let spec: WhisperSpec;
const cleanups: (() => Promise<void>)[] = [];
const engine = new TranscriptionEngine({ threads: 2 });

async function transcribe(decoding: Partial<DecodingOptions>, extra: Partial<TranscribeRequest> = {}) {
  const windows: WindowReport[] = [];
  const commits: WindowCommit[] = [];
  const request: TranscribeRequest = {
    file: long,
    modelsDir,
    model: MICRO,
    dtype: "fp32",
    language: "en",
    task: "transcribe",
    wordTimestamps: false,
    maxNewTokens: 64,
    decoding: { ...PLAIN_DECODING, seed: "job-1", ...decoding },
    ...extra,
  };
  const result = await engine.transcribe(request, { onWindow: (w) => windows.push(w), onCommit: (c) => commits.push(c) });
  return { result, windows, commits };
}

const timestampsOf = (w: WindowReport) => w.tokens.filter((t) => t >= spec.timestampBegin).map((t) => t - spec.timestampBegin);

beforeAll(async () => {
  const temp = await makeTempDir("selenite-safeguards-");
  cleanups.push(temp.cleanup);
  modelsDir = temp.dir;
  await cp(FIXTURE, join(modelsDir, MICRO), { recursive: true });
  await cp(FIXTURE, join(modelsDir, TIMESTAMPY), { recursive: true });
  const configFile = join(modelsDir, TIMESTAMPY, "generation_config.json");
  const config = JSON.parse(await readFile(configFile, "utf8")) as { suppress_tokens?: number[] };
  config.suppress_tokens = [...(config.suppress_tokens ?? []), ...Array.from({ length: 256 }, (_, id) => id).filter((id) => id !== 79 && id !== 220)];
  await writeFile(configFile, JSON.stringify(config));
  spec = await readWhisperSpec(join(modelsDir, MICRO), true);
  long = await makeLongSpeech(join(modelsDir, "long.wav"), 70);
}, 120_000);

afterAll(async () => {
  await engine.unload();
  for (const cleanup of cleanups) await cleanup();
});

describe("temperature fallback", () => {
  it("retries a window that fails the compression check at rising temperatures, and says which one it kept", async () => {
    const { result, windows } = await transcribe({ temperatures: [0, 0.2, 0.4, 0.6, 0.8, 1], compressionRatioThreshold: 1 });
    const retried = windows.filter((w) => w.attempts.length > 1);
    expect(retried.length).toBeGreaterThan(0);
    for (const w of windows) {
      expect(w.attempts.map((a) => a.temperature)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1].slice(0, w.attempts.length));
      // Every attempt but the kept one failed the check; the kept one passed or was the last temperature.
      for (const failed of w.attempts.slice(0, -1)) expect(failed.compressionRatio).toBeGreaterThan(1);
      const kept = w.attempts.at(-1)!;
      expect(kept.compressionRatio <= 1 || kept.temperature === 1).toBe(true);
      expect(w.temperature).toBe(kept.temperature);
    }
    const usedTemperatures = result.segments.map((s) => s.temperature);
    expect(usedTemperatures).toEqual(windows.map((w) => w.temperature));
    expect(usedTemperatures.some((t) => (t ?? 0) > 0)).toBe(true);
    for (const [i, segment] of result.segments.entries()) expect(segment.compressionRatio).toBeCloseTo(windows[i].compressionRatio, 3);
  });

  it("retries a window whose average log-probability is under the threshold", async () => {
    const { windows } = await transcribe({ temperatures: [0, 0.5, 1], logprobThreshold: -0.3 });
    for (const w of windows) {
      for (const failed of w.attempts.slice(0, -1)) expect(failed.avgLogprob).toBeLessThan(-0.3);
      const kept = w.attempts.at(-1)!;
      expect(kept.avgLogprob >= -0.3 || kept.temperature === 1).toBe(true);
    }
    expect(windows.some((w) => w.attempts.length > 1)).toBe(true);
  });

  it("decodes each window once at temperature 0 with the safeguards off", async () => {
    const { result, windows } = await transcribe({});
    expect(windows.every((w) => w.attempts.length === 1 && w.temperature === 0)).toBe(true);
    expect(result.segments.every((s) => s.temperature === 0)).toBe(true);
  });
});

describe("no speech", () => {
  it("measures <|nospeech|> at <|startoftranscript|> as the model's own forward pass does", async () => {
    const clip = await decodeAll(long);
    const { windows } = await transcribe({});
    env.allowRemoteModels = false;
    env.localModelPath = modelsDir;
    const model = await AutoModelForSpeechSeq2Seq.from_pretrained(MICRO, { dtype: "fp32" });
    const processor = await AutoProcessor.from_pretrained(MICRO, {});
    const { input_features } = (await processor(clip.samples.subarray(0, 480_000))) as { input_features: Tensor };
    const ids = windows[0].prompt.map(BigInt);
    const { logits } = (await model({ input_features, decoder_input_ids: new Tensor("int64", BigInt64Array.from(ids), [1, ids.length]) })) as {
      logits: Tensor;
    };
    const vocab = logits.dims[2];
    const row = (logits.data as Float32Array).subarray(0, vocab); // the <|startoftranscript|> position
    const peak = Math.max(...row);
    const logSum = peak + Math.log(row.reduce((sum, v) => sum + Math.exp(v - peak), 0));
    expect(Math.log(windows[0].noSpeechProb!)).toBeCloseTo(row[spec.noSpeech] - logSum, 3);
    await model.dispose();
  });

  it("skips a window likely silent and unsure: no segments, the next window starts after it", async () => {
    // The random model is never sure of silence, so the thresholds are moved to meet it.
    const { result, windows } = await transcribe({ noSpeechThreshold: 0, logprobThreshold: -0.01 });
    expect(windows.length).toBe(3);
    expect(windows.every((w) => w.skipped)).toBe(true);
    expect(windows.map((w) => w.advance)).toEqual(windows.map((w) => w.contentSamples));
    expect(result.segments).toEqual([]);
  });

  it("keeps a window whose log-probability is high enough despite its no-speech probability", async () => {
    const { result, windows } = await transcribe({ noSpeechThreshold: 0, logprobThreshold: -5 });
    expect(windows.some((w) => w.skipped)).toBe(false);
    expect(result.segments.length).toBeGreaterThan(0);
    for (const segment of result.segments) expect(segment.noSpeechProb).toBeGreaterThanOrEqual(0);
  });
});

describe("prompt and conditioning", () => {
  it("sends the job's prompt after <|startofprev|>, encoded as the tokenizer does, and the decoder hears it", async () => {
    env.localModelPath = modelsDir;
    const tokenizer = await AutoTokenizer.from_pretrained(MICRO, { local_files_only: true });
    const ids = tokenizer.encode(" Lantern, Orchard & Valley", { add_special_tokens: false });
    expect(ids.length).toBeGreaterThan(5);
    const prompted = await transcribe({ prompt: "  Lantern, Orchard & Valley " });
    expect(prompted.windows[0].prompt).toEqual([spec.startOfPrev, ...ids, spec.startOfTranscript, spec.languages.get("en"), spec.tasks.transcribe]);
    // Only the first window: without conditioning the prompt is not carried on.
    expect(prompted.windows[1].prompt).toEqual([spec.startOfTranscript, spec.languages.get("en"), spec.tasks.transcribe]);
    const plain = await transcribe({});
    expect(prompted.windows[0].tokens).not.toEqual(plain.windows[0].tokens);
    expect(prompted.windows[1].tokens).toEqual(plain.windows[1].tokens);
  });

  it("conditions each window on what the previous ones kept", async () => {
    const { windows } = await transcribe({ conditionOnPreviousText: true, prompt: "Orchard" });
    const sot = [spec.startOfTranscript, spec.languages.get("en"), spec.tasks.transcribe];
    const promptIds = windows[0].prompt.slice(1, -3);
    const kept = (w: WindowReport) => w.tokens.slice(0, w.keptTokens);
    expect(windows[1].prompt).toEqual([spec.startOfPrev, ...promptIds, ...kept(windows[0]), ...sot]);
    expect(windows[2].prompt).toEqual([spec.startOfPrev, ...promptIds, ...kept(windows[0]), ...kept(windows[1]), ...sot]);
  });

  it("drops the context after a window decoded above temperature 0.5", async () => {
    const { windows } = await transcribe({ conditionOnPreviousText: true, temperatures: [0.6] });
    expect(windows.every((w) => w.temperature === 0.6)).toBe(true);
    for (const w of windows) expect(w.prompt[0]).toBe(spec.startOfTranscript);
    const low = await transcribe({ conditionOnPreviousText: true, temperatures: [0.4] });
    expect(low.windows[1].prompt[0]).toBe(spec.startOfPrev);
  });
});

describe("timestamp rules", () => {
  it("never opens a window later than max_initial_timestamp", async () => {
    // Sampling at temperature 1 with this seed opens the second window at 2.86 s.
    const free = await transcribe({ temperatures: [1], seed: "selenite" });
    expect(Math.max(...free.windows.map((w) => timestampsOf(w)[0]))).toBeGreaterThan(50);
    const capped = await transcribe({ temperatures: [1], seed: "selenite", maxInitialTimestamp: 1 });
    for (const w of capped.windows) expect(timestampsOf(w)[0]).toBeLessThanOrEqual(50);
    expect(capped.result.segments[0].start).toBeLessThanOrEqual(1);
  });

  it("keeps timestamps in order and every segment's end after its start", async () => {
    const free = await transcribe({ temperatures: [1] }, { model: TIMESTAMPY, maxNewTokens: 96 });
    const backwards = (w: WindowReport) => timestampsOf(w).some((t, i, all) => i > 0 && t < all[i - 1]);
    expect(free.windows.some(backwards), JSON.stringify(free.windows.map(timestampsOf))).toBe(true);
    const ordered = await transcribe({ temperatures: [1], monotonicTimestamps: true }, { model: TIMESTAMPY, maxNewTokens: 96 });
    expect(ordered.windows.some(backwards)).toBe(false);
    expect(ordered.windows.some((w) => timestampsOf(w).length >= 3)).toBe(true);
    for (const w of ordered.windows) {
      // Inside a pair the second may equal the first (the next segment starts there); otherwise later.
      const ts = w.tokens.map((t, i) => ({ t, i })).filter(({ t }) => t >= spec.timestampBegin);
      for (let k = 1; k < ts.length; k++) {
        const pair = ts[k].i === ts[k - 1].i + 1;
        if (!pair) expect(ts[k].t).toBeGreaterThan(ts[k - 1].t);
      }
    }
  });
});

describe("seeded sampling", () => {
  it("gives the same text when the same job runs twice, and other text for another job", async () => {
    const first = await transcribe({ temperatures: [1], seed: "job-7" });
    const again = await transcribe({ temperatures: [1], seed: "job-7" });
    const other = await transcribe({ temperatures: [1], seed: "job-8" });
    expect(again.result.segments.map((s) => s.text)).toEqual(first.result.segments.map((s) => s.text));
    expect(other.result.segments.map((s) => s.text)).not.toEqual(first.result.segments.map((s) => s.text));
  });
});

describe("with beam search and resume", () => {
  it("searches beams at temperature 0 and samples above it; the no-speech probability comes from either", async () => {
    const beamOnly = await transcribe({}, { beamSize: 2 });
    const greedy = await transcribe({});
    const both = await transcribe({ temperatures: [0, 0.5, 1], compressionRatioThreshold: 1 }, { beamSize: 2 });
    const first = both.windows[0].attempts;
    expect(first.length).toBeGreaterThan(1);
    // The T=0 attempt is the beam search's result, not greedy's.
    expect(first[0].avgLogprob).toBeCloseTo(beamOnly.windows[0].avgLogprob, 5);
    // Same prompt, same <|startoftranscript|> row: the same no-speech probability whichever way it decoded.
    expect(first[0].noSpeechProb).not.toBeNull();
    expect(first[0].noSpeechProb).toBeCloseTo(greedy.windows[0].noSpeechProb!, 5);
    expect(first.slice(1).map((a) => a.temperature)).toEqual([0.5, 1].slice(0, first.length - 1));
  });

  it("a resumed run is conditioned on exactly what the uninterrupted one was", async () => {
    const decoding = { conditionOnPreviousText: true, prompt: "Orchard" };
    const whole = await transcribe(decoding);
    expect(whole.commits.length).toBeGreaterThan(2);
    const after = whole.commits[0];
    const resumed = await transcribe(decoding, { resume: { ...after.resume, segments: after.segments } });
    expect(resumed.windows.length).toBe(whole.windows.length - 1);
    resumed.windows.forEach((w, i) => {
      expect(w.prompt).toEqual(whole.windows[i + 1].prompt);
      expect(w.tokens).toEqual(whole.windows[i + 1].tokens);
    });
    expect(resumed.result.segments.map((s) => s.text)).toEqual(whole.result.segments.map((s) => s.text));
  });
});
