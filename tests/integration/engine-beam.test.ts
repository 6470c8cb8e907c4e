// Beam search on the generated micro Whisper model: the batched decoder step with
// its per-beam cache gather gives each beam the logits it would get alone; one beam
// gives greedy's tokens; and a whole file transcribed with two beams gives valid
// segments (and word timestamps from the replayed sequence).
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveModel } from "@/lib/models/registry";
import { decodeBeam } from "@/lib/transcription/beam";
import { DecoderState } from "@/lib/transcription/decoder-state";
import { TranscriptionEngine } from "@/lib/transcription/engine";
import { decodeGreedy } from "@/lib/transcription/greedy";
import type { OrtTensor } from "@/lib/transcription/ort";
import { TokenPicker } from "@/lib/transcription/token-picker";
import type { TranscribeRequest } from "@/lib/transcription/types";
import { loadWhisper, type LoadedWhisper } from "@/lib/transcription/whisper-model";
import { readWhisperSpec } from "@/lib/transcription/whisper-spec";
import { makeTempDir } from "@/tests/helpers/media";
import { makeLongSpeech, MICRO, microModels } from "./engine-helpers";

let modelsDir = "";
let speech = "";
const cleanups: (() => Promise<void>)[] = [];
const loaded: LoadedWhisper[] = [];
const engine = new TranscriptionEngine({ threads: 2 });

beforeAll(async () => {
  const models = await microModels();
  modelsDir = models.modelsDir;
  const temp = await makeTempDir("selenite-beam-");
  cleanups.push(models.cleanup, temp.cleanup);
  speech = await makeLongSpeech(join(temp.dir, "speech.wav"), 40);
});

afterAll(async () => {
  await engine.unload();
  for (const model of loaded) await model.dispose();
  for (const cleanup of cleanups) await cleanup();
});

async function window(dtype: "fp32" | "q8"): Promise<{ model: LoadedWhisper; states: OrtTensor; prompt: number[] }> {
  const model = await loadWhisper(await resolveModel(modelsDir, MICRO), dtype, 1);
  loaded.push(model);
  const audio = Float32Array.from({ length: 16_000 * 12 }, (_, i) => 0.3 * Math.sin(i / 7) * Math.sin(i / 3100));
  const states = (await model.encoder.run({ input_features: await model.features(audio) })).last_hidden_state;
  const prompt = [model.spec.startOfTranscript, model.spec.languages.get("en") ?? 0, model.spec.tasks.transcribe ?? 0];
  return { model, states, prompt };
}

const closeTo = (a: Float32Array, b: Float32Array) => {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  expect(worst).toBeLessThan(1e-3);
};

describe("beam search on the real decoder", () => {
  it("gives each beam of a batched step the logits of its own sequence", async () => {
    const { model, states, prompt } = await window("fp32");
    expect(model.decoder.kind).toBe("split");
    const alone = async (tokens: number[]) => {
      const state = new DecoderState(model.decoder, model.layout, states);
      await state.feed(prompt);
      let logits: Float32Array = new Float32Array(0);
      for (const token of tokens) logits = (await state.feed([token])).logits;
      state.release();
      return logits;
    };
    const [a, b, c, d, e] = [300, 400, 500, 600, 700];
    const batched = new DecoderState(model.decoder, model.layout, states);
    await batched.feed(prompt);
    // Two beams from the prompt, then beams swap rows, then one is duplicated and one dropped, then the batch grows.
    let rows = await batched.feedBeams([0, 0], [a, b]);
    closeTo(rows[0], await alone([a]));
    closeTo(rows[1], await alone([b]));
    rows = await batched.feedBeams([1, 0], [c, d]);
    closeTo(rows[0], await alone([b, c]));
    closeTo(rows[1], await alone([a, d]));
    rows = await batched.feedBeams([1, 1, 0], [e, a, b]);
    closeTo(rows[0], await alone([a, d, e]));
    closeTo(rows[1], await alone([a, d, a]));
    closeTo(rows[2], await alone([b, c, b]));
    batched.release();
    states.dispose();
  });

  it("on int8 weights, batches beams too; a batch of one sequence repeated gives that sequence's logits", async () => {
    // Dynamic quantization scales a MatMul's input by its extremes over the whole
    // batch, so distinct int8 beams nudge each other's logits (quantization noise);
    // repeated rows keep the extremes, and the result is the lone sequence's.
    const { model, states, prompt } = await window("q8");
    const alone = new DecoderState(model.decoder, model.layout, states);
    await alone.feed(prompt);
    const expected = [(await alone.feed([300])).logits, (await alone.feed([400])).logits];
    alone.release();
    const batched = new DecoderState(model.decoder, model.layout, states);
    await batched.feed(prompt);
    for (const row of await batched.feedBeams([0, 0, 0], [300, 300, 300])) closeTo(row, expected[0]);
    for (const row of await batched.feedBeams([2, 0], [400, 400])) closeTo(row, expected[1]);
    batched.release();
    states.dispose();
  });

  it("with one beam decodes greedy's tokens and log-probabilities, and the same alignment rows", async () => {
    const { model, states, prompt } = await window("fp32");
    const options = {
      prompt,
      picker: new TokenPicker(model.spec),
      maxNewTokens: 60,
      endOfText: model.spec.endOfText,
      maxPositions: 448,
      alignmentHeads: model.spec.alignmentHeads,
    };
    const newState = () => new DecoderState(model.decoder, model.layout, states);
    const state = newState();
    const greedy = await decodeGreedy(state, options);
    state.release();
    const beam = await decodeBeam(newState, { ...options, beamSize: 1 });
    expect(greedy.tokens.length).toBeGreaterThan(5);
    expect(beam.tokens).toEqual(greedy.tokens);
    beam.logprobs.forEach((logprob, i) => expect(logprob).toBeCloseTo(greedy.logprobs[i], 4));
    expect(beam.attention?.map((rows) => rows.length)).toEqual(greedy.attention?.map((rows) => rows.length));
    beam.attention?.forEach((rows, k) => rows.forEach((row, p) => closeTo(row, greedy.attention![k][p])));
    states.dispose();
  });

  it("transcribes a whole file with two beams into valid, ordered segments with word timestamps", async () => {
    const request: TranscribeRequest = {
      file: speech,
      modelsDir,
      model: MICRO,
      dtype: "fp32",
      language: "en",
      task: "transcribe",
      wordTimestamps: true,
      maxNewTokens: 24,
      beamSize: 2,
    };
    const windows: number[][] = [];
    const result = await engine.transcribe(request, { onWindow: (w) => windows.push(w.tokens) });
    expect(result.warnings.join(" ")).not.toMatch(/beam/i);
    expect(result.segments.length).toBeGreaterThan(0);
    let previousEnd = 0;
    for (const segment of result.segments) {
      expect(segment.text.length).toBeGreaterThan(0);
      expect(segment.start).toBeGreaterThanOrEqual(previousEnd);
      expect(segment.end).toBeGreaterThanOrEqual(segment.start);
      expect(segment.end).toBeLessThanOrEqual(result.durationSec);
      expect(Number.isFinite(segment.avgLogprob)).toBe(true);
      for (const word of segment.words ?? []) {
        expect(word.start).toBeGreaterThanOrEqual(segment.start - 1e-6);
        expect(word.end).toBeLessThanOrEqual(segment.end + 1e-6);
      }
      previousEnd = segment.end;
    }
    expect(result.segments.some((s) => (s.words ?? []).length > 0)).toBe(true);
    // Every window opens with a timestamp, as the rules demand of each beam.
    const spec = await readWhisperSpec(join(modelsDir, MICRO), true);
    expect(windows.length).toBe(result.stats?.windows);
    for (const tokens of windows) expect(tokens[0]).toBeGreaterThanOrEqual(spec.timestampBegin);
  });
});
