// Streamed decoding against real ffmpeg: window coverage, engine-style variable
// advance, bounded memory on a long file, and prompt cleanup on abort.
import { getEventListeners } from "node:events";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SeleniteError } from "@/lib/errors";
import { decodeAll, openPcmReader, resolveFfmpeg } from "@/lib/transcription/media";
import { clearFfmpegCache } from "@/lib/transcription/media/locate";
import { ffmpeg, makeLongWav, makeTempDir } from "@/tests/helpers/media";

const RATE = 16_000;
let dir = "";
let cleanup = async () => {};
const file = (name: string) => join(dir, name);

/** 16 kHz float WAV whose sample i is (i mod 16000) / 32000: content reveals position. */
async function makeSawtooth(path: string, seconds: number) {
  const source = `aevalsrc=exprs=mod(t\\,1)/2:s=${RATE}:d=${seconds}`;
  await ffmpeg(["-f", "lavfi", "-i", source, "-c:a", "pcm_f32le", path]);
}

function expectSawtooth(samples: Float32Array, startSample: number) {
  for (let k = 0; k < samples.length; k += 997) {
    expect(samples[k]).toBeCloseTo(((startSample + k) % RATE) / RATE / 2, 4);
  }
}

function processIsGone(pid: number | undefined): boolean {
  try {
    process.kill(pid ?? -1, 0);
    return false;
  } catch {
    return true;
  }
}

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  await Promise.all([makeSawtooth(file("saw70.wav"), 70), makeSawtooth(file("saw55.wav"), 55), makeLongWav(file("long.wav"), 20 * 60)]);
});

afterAll(() => cleanup());

describe("decodeAll", () => {
  it("returns every sample once, across its 30 s chunks", async () => {
    const clip = await decodeAll(file("saw70.wav"));
    expect(clip.samples.length).toBe(70 * RATE);
    expectSawtooth(clip.samples, 0);
    expect(clip).toMatchObject({ sampleRate: RATE, decodedSamples: 70 * RATE, durationSec: 70, warnings: [] });
  });

  it("refuses a clip longer than maxSec", async () => {
    await expect(decodeAll(file("saw70.wav"), { maxSec: 40 })).rejects.toThrow(/up to 40 s/);
  });
});

describe("PcmWindowReader", () => {
  it("lets the engine advance by any amount, and never backwards", async () => {
    const reader = await openPcmReader(file("saw70.wav"), { expectedDurationSec: 70 });
    try {
      // Seeks as a Whisper decoder would take them from its last timestamp token.
      const seeks = [0, 17.32, 44.5, 61.98].map((sec) => Math.round(sec * RATE));
      for (const seek of seeks) {
        const samples = await reader.read(seek, 30 * RATE);
        expect(samples.length).toBe(Math.min(30 * RATE, 70 * RATE - seek));
        expectSawtooth(samples, seek);
      }
      await expect(reader.read(seeks[1], 10)).rejects.toThrow(RangeError);
      expect(await reader.hasSamplesFrom(70 * RATE - 1)).toBe(true);
      expect(await reader.hasSamplesFrom(70 * RATE)).toBe(false);
      expect((await reader.read(70 * RATE, 30 * RATE)).length).toBe(0);
      expect(reader.done).toBe(true);
      expect(reader.warnings).toEqual([]);
    } finally {
      await reader.close();
    }
  });

  it("decodes 20 minutes in bounded memory", async () => {
    // Window copies become garbage as the loop moves on and V8 collects them lazily,
    // so collect before each sample to measure what the decoder really keeps alive.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    const before = process.memoryUsage();
    let peakArrayBuffers = 0;
    let peakRss = 0;
    let covered = 0;
    // 30 s windows every 25 s, as the engine reads them.
    const reader = await openPcmReader(file("long.wav"), { expectedDurationSec: 1200, bufferSec: 31 });
    try {
      for (let start = 0; ; start += 25 * RATE) {
        const samples = await reader.read(start, 30 * RATE);
        const last = !(await reader.hasSamplesFrom(start + 30 * RATE));
        covered = start + samples.length;
        gc();
        const now = process.memoryUsage();
        peakArrayBuffers = Math.max(peakArrayBuffers, now.arrayBuffers - before.arrayBuffers);
        peakRss = Math.max(peakRss, now.rss - before.rss);
        if (last) break;
      }
      expect(reader.decodedSamples / RATE).toBeCloseTo(1200, 1);
      expect(reader.warnings).toEqual([]);
    } finally {
      await reader.close();
    }
    expect(covered).toBe(1200 * RATE);
    // Full PCM would be 76.8 MB. Live: the 31 s buffer (2 MB) plus the window in hand
    // (1.9 MB), seen as ~4 MB with spikes to ~7.5 MB while freed buffers await sweeping.
    expect(peakArrayBuffers).toBeLessThan(20 * 1024 * 1024);
    expect(peakRss).toBeLessThan(40 * 1024 * 1024);
  });

  it("reports the bytes it holds: one window plus at most one pipe chunk", async () => {
    const reader = await openPcmReader(file("long.wav"), { bufferSec: 31 });
    try {
      for (let start = 0; start < 300 * RATE; start += 25 * RATE) await reader.read(start, 30 * RATE);
      expect(reader.peakHeldBytes).toBeLessThan(31 * RATE * 4 + 256 * 1024);
    } finally {
      await reader.close();
    }
  });

  it("kills ffmpeg promptly on abort, mid-read and between reads", async () => {
    for (const moment of ["between", "during"] as const) {
      const controller = new AbortController();
      const reader = await openPcmReader(file("long.wav"), { signal: controller.signal });
      await reader.read(0, 30 * RATE);
      const pending = reader.read(5 * 60 * RATE, 30 * RATE);
      if (moment === "between") await pending;
      const started = Date.now();
      controller.abort();
      const next = moment === "during" ? pending : reader.read(6 * 60 * RATE, 30 * RATE);
      const error = await next.then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(SeleniteError);
      expect((error as SeleniteError).code).toBe("cancelled");
      await reader.exited;
      // Unkilled, ffmpeg would block on the full pipe and never exit; 5 s leaves room for a busy machine.
      expect(Date.now() - started).toBeLessThan(5000);
      expect(processIsGone(reader.pid)).toBe(true);
      expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
      await reader.close();
    }
  });

  it("kills ffmpeg when the consumer stops early, and drops its abort listener", async () => {
    const controller = new AbortController();
    const reader = await openPcmReader(file("long.wav"), { signal: controller.signal });
    const pid = reader.pid;
    await reader.read(0, 30 * RATE);
    await reader.close();
    expect(processIsGone(pid)).toBe(true);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});

describe("resolveFfmpeg", () => {
  it("skips a configured path that is not ffmpeg, with a note", async () => {
    clearFfmpegCache();
    const found = await resolveFfmpeg({ ffmpegPath: "/bin/true", ffprobePath: "/nonexistent/ffprobe" });
    expect(found.ffmpeg).not.toBe("/bin/true");
    expect(found.notes).toHaveLength(2);
    expect(found.notes[0]).toMatch(/^FFMPEG_PATH=\/bin\/true is not an executable ffmpeg/);
  });

  it("uses a configured path that works, and caches it", async () => {
    const { ffmpeg: onPath } = await resolveFfmpeg();
    const bundled = (await import("@ffmpeg-installer/ffmpeg")).default.path;
    const first = resolveFfmpeg({ ffmpegPath: bundled });
    expect(resolveFfmpeg({ ffmpegPath: bundled })).toBe(first);
    expect((await first).ffmpeg).toBe(bundled);
    expect(onPath).toBeTruthy();
  });
});
