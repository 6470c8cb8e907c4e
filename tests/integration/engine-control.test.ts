// Progress, cancellation and the model cache of the engine, on the micro model, and
// the same speech in every container people upload.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSeleniteError } from "@/lib/errors";
import { TranscriptionEngine } from "@/lib/transcription/engine";
import { probeMedia } from "@/lib/transcription/media";
import type { EngineProgress, TranscribeRequest } from "@/lib/transcription/types";
import { waitFor } from "@/tests/helpers/fixtures";
import { encodeAs, makeSpeech, makeTempDir, type MediaFormat } from "@/tests/helpers/media";
import { makeLongSpeech, MICRO, microModels } from "./engine-helpers";

let modelsDir = "";
let dir = "";
const cleanups: (() => Promise<void>)[] = [];
let speech = "";
let long = "";

const request = (file: string, extra: Partial<TranscribeRequest> = {}): TranscribeRequest => ({
  file,
  modelsDir,
  model: MICRO,
  language: "en",
  task: "transcribe",
  wordTimestamps: false,
  maxNewTokens: 16,
  threads: 2,
  ...extra,
});

beforeAll(async () => {
  const models = await microModels();
  const temp = await makeTempDir("selenite-engine-control-");
  modelsDir = models.modelsDir;
  dir = temp.dir;
  cleanups.push(models.cleanup, temp.cleanup);
  [speech, long] = await Promise.all([
    makeSpeech(join(dir, "source.wav"), "Seven quiet lanterns glow above the silver river at night."),
    makeLongSpeech(join(dir, "long.wav"), 150),
  ]);
});

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe("progress", () => {
  it("reports each stage in order, the fraction done and a time estimate", async () => {
    const engine = new TranscriptionEngine();
    const seen: EngineProgress[] = [];
    await engine.transcribe(request(long), { onProgress: (p) => seen.push(p) });
    await engine.unload();
    const stages = [...new Set(seen.map((p) => p.stage))];
    expect(stages).toEqual(["probing", "loading model", "transcribing", "finalizing"]);
    const fractions = seen.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatchObject({ stage: "finalizing", fraction: 1, etaSec: 0 });
    const midway = seen.filter((p) => p.stage === "transcribing" && p.fraction > 0 && p.fraction < 1);
    expect(midway.length).toBeGreaterThanOrEqual(3);
    expect(midway.every((p) => p.etaSec !== null && p.etaSec >= 0)).toBe(true);
    expect(midway[0].durationSec).toBeCloseTo(150, 0);
  });
});

describe("cancellation", () => {
  it("stops within one window, then the next job runs normally", async () => {
    const engine = new TranscriptionEngine();
    const controller = new AbortController();
    const windowsDone: number[] = [];
    let abortedAfter = -1;
    const job = engine.transcribe(request(long), {
      signal: controller.signal,
      onWindow: (w) => windowsDone.push(w.index),
      onProgress: (p) => {
        if (p.stage === "transcribing" && p.processedSec >= 30 && abortedAfter < 0) {
          abortedAfter = windowsDone.length;
          // Mid-way through the second window.
          setTimeout(() => controller.abort(), 30);
        }
      },
    });
    const error = await job.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isSeleniteError(error) && error.code).toBe("cancelled");
    expect(abortedAfter).toBe(1);
    // At most the window that was running when the abort came.
    expect(windowsDone.length).toBeLessThanOrEqual(abortedAfter + 1);

    const next = await engine.transcribe(request(speech));
    expect(next.segments.length).toBeGreaterThan(0);
    await engine.unload();
  });

  it("refuses a second job while one runs", async () => {
    const engine = new TranscriptionEngine();
    const first = engine.transcribe(request(speech));
    await expect(engine.transcribe(request(speech))).rejects.toMatchObject({ code: "conflict" });
    await first;
    await engine.unload();
  });
});

describe("model cache", () => {
  it("keeps the model between jobs and releases it after the idle timeout", async () => {
    const events: string[] = [];
    const engine = new TranscriptionEngine({ idleUnloadMs: 60_000, onEvent: (e) => events.push(e) });
    const first = await engine.transcribe(request(speech));
    const second = await engine.transcribe(request(speech));
    expect(events).toEqual(["model loaded"]);
    expect(second.timings.loadMs).toBeLessThan(first.timings.loadMs);
    // Another dtype is another model instance.
    await engine.transcribe(request(speech, { dtype: "fp32" }));
    expect(events).toEqual(["model loaded", "model unloaded", "model loaded"]);
    engine.configure({ idleUnloadMs: 50 });
    await waitFor("the idle model to unload", async () => engine.loadedModel === null, 30_000, 20);
    expect(events.at(-1)).toBe("model unloaded");
  });

  it("fails with a readable reason for a model that is not installed", async () => {
    const engine = new TranscriptionEngine();
    await expect(engine.transcribe(request(speech, { model: "whisper-nope" }))).rejects.toMatchObject({
      code: "not_found",
      message: expect.stringContaining("not installed"),
    });
  });
});

describe("formats", () => {
  const formats: MediaFormat[] = ["wav", "mp3", "ogg", "m4a", "webm", "mp4"];

  it("transcribes the same speech from wav, mp3, ogg, m4a, webm and mp4 video", async () => {
    const engine = new TranscriptionEngine();
    const reference = await probeMedia(speech);
    const files = await Promise.all(formats.map((format) => encodeAs(speech, join(dir, `speech.${format}`), format)));
    for (const [i, file] of files.entries()) {
      const result = await engine.transcribe(request(file));
      expect(result.segments.length, formats[i]).toBeGreaterThan(0);
      expect(result.hasVideo, formats[i]).toBe(formats[i] === "mp4");
      expect(Math.abs(result.durationSec - (reference.durationSec ?? 0)), formats[i]).toBeLessThan(0.15);
      expect(result.segments.at(-1)?.end).toBeLessThanOrEqual(result.durationSec);
    }
    await engine.unload();
  });
});
