// Probing and decoding real files in every format an upload is likely to be, plus
// the broken files people actually upload. Fixtures are generated, never committed.
import { execFile } from "node:child_process";
import { stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SeleniteError } from "@/lib/errors";
import { decodeAll, probeMedia } from "@/lib/transcription/media";
import {
  ALL_FORMATS,
  addCoverArt,
  encodeAs,
  hasEspeak,
  isVideoFormat,
  makeSilentVideo,
  makeSpeech,
  makeTempDir,
  makeRecordedWebm,
  makeTone,
  truncateCopy,
} from "@/tests/helpers/media";

const exec = promisify(execFile);
const RATE = 16_000;
let dir = "";
let cleanup = async () => {};
let expectedSec = 0;
const file = (name: string) => join(dir, name);

async function expectMediaError(work: Promise<unknown>, code: string, message: string | RegExp) {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SeleniteError);
  const typed = error as SeleniteError;
  expect(typed.code).toBe(code);
  if (typeof message === "string") expect(typed.message).toBe(message);
  else expect(typed.message).toMatch(message);
  // A person reads this: no ffmpeg internals, no server paths.
  expect(typed.message).not.toMatch(/0x[0-9a-f]{6,}|\/tmp\//);
}

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  const source = file("source.wav");
  if (await hasEspeak()) {
    const text = "Selenite keeps your recordings on your own server. The quick brown fox jumps over the lazy dog.";
    await makeSpeech(source, text);
  } else {
    await makeTone(source, 6);
  }
  // sox measures the source independently of ffprobe, which is under test.
  const { stdout } = await exec("sox", ["--i", "-D", source]);
  expectedSec = Number(stdout.trim());

  await Promise.all(ALL_FORMATS.map((format) => encodeAs(source, file(`speech.${format}`))));
  await Promise.all([
    writeFile(file("empty.mp3"), ""),
    writeFile(file("notes.mp3"), "Meeting notes: buy milk. This is text, not audio.\n".repeat(20)),
    makeSilentVideo(file("silent.mp4"), 3),
    truncateCopy(file("speech.mp4"), file("cut.mp4")),
    truncateCopy(file("speech.wav"), file("cut.wav")),
    truncateCopy(file("speech.mp3"), file("cut.mp3")),
    makeRecordedWebm(source, file("recorded.webm")),
    addCoverArt(file("speech.mp3"), file("cover-art.mp3")),
  ]);
});

afterAll(() => cleanup());

describe("probeMedia", () => {
  it.each(ALL_FORMATS)("reads %s", async (format) => {
    const path = file(`speech.${format}`);
    const info = await probeMedia(path);
    expect(Math.abs((info.durationSec ?? -1) - expectedSec)).toBeLessThan(0.1);
    expect(["audio_stream", "container"]).toContain(info.durationSource);
    expect(info.hasVideo).toBe(isVideoFormat(format));
    expect(info.videoCodec).toBe(isVideoFormat(format) ? "h264" : undefined);
    expect(info.audio?.channels).toBe(1);
    expect(info.audio?.sampleRate).toBeGreaterThan(0);
    expect(info.sizeBytes).toBe((await stat(path)).size);
    expect(info.warnings).toEqual([]);
  });

  it("does not count album art as video", async () => {
    const info = await probeMedia(file("cover-art.mp3"));
    expect(info.hasVideo).toBe(false);
    expect(info.audio?.codec).toBe("mp3");
  });

  it("measures a WebM recording whose container has no duration", async () => {
    const info = await probeMedia(file("recorded.webm"));
    expect(info.durationSource).toBe("measured");
    expect(Math.abs((info.durationSec ?? -1) - expectedSec)).toBeLessThan(0.1);
    const unmeasured = await probeMedia(file("recorded.webm"), { measureIfMissing: false });
    expect(unmeasured.durationSec).toBeNull();
    expect(unmeasured.warnings.map((w) => w.code)).toEqual(["duration_unknown"]);
  });

  it("rejects an empty file", async () => {
    await expectMediaError(probeMedia(file("empty.mp3")), "media_empty", "This file is empty (0 bytes).");
  });

  it("rejects a text file named .mp3", async () => {
    const message = "This file is not an audio or video file Selenite can read.";
    await expectMediaError(probeMedia(file("notes.mp3")), "media_not_media", message);
  });

  it("rejects a video without an audio track", async () => {
    await expectMediaError(probeMedia(file("silent.mp4")), "media_no_audio", "This file has no audio track.");
  });

  it("calls an MP4 cut in half (index at the end) damaged", async () => {
    await expectMediaError(probeMedia(file("cut.mp4")), "media_corrupt", /^This file is damaged or incomplete: .*moov/);
  });

  it("reports a missing file as not found", async () => {
    await expectMediaError(probeMedia(file("nope.wav")), "not_found", /missing/);
  });

  it("warns about a WAV and an MP3 cut in half but still reads them", async () => {
    for (const name of ["cut.wav", "cut.mp3"]) {
      const info = await probeMedia(file(name));
      expect(info.warnings.map((w) => w.code)).toEqual(["possibly_truncated"]);
    }
  });
});

describe("decodeAll", () => {
  it.each(ALL_FORMATS)("decodes %s to 16 kHz mono", async (format) => {
    const clip = await decodeAll(file(`speech.${format}`), { expectedDurationSec: expectedSec });
    expect(clip.sampleRate).toBe(RATE);
    expect(Math.abs(clip.samples.length - expectedSec * RATE)).toBeLessThan(0.1 * RATE);
    expect(clip.warnings).toEqual([]);
    let energy = 0;
    for (const sample of clip.samples) energy += sample * sample;
    expect(Math.sqrt(energy / clip.samples.length)).toBeGreaterThan(0.01);
  });

  it("keeps the first half of a cut MP3 and says it is incomplete", async () => {
    const info = await probeMedia(file("cut.mp3"));
    const clip = await decodeAll(file("cut.mp3"), { expectedDurationSec: info.durationSec });
    expect(clip.durationSec).toBeGreaterThan(expectedSec * 0.3);
    expect(clip.durationSec).toBeLessThan(expectedSec * 0.7);
    const truncated = clip.warnings.find((w) => w.code === "truncated");
    expect(truncated?.message).toMatch(/^This file is damaged or incomplete: only 0:0\d of 0:0\d could be decoded\.$/);
  });

  it("keeps the first half of a cut WAV", async () => {
    const info = await probeMedia(file("cut.wav"));
    const clip = await decodeAll(file("cut.wav"), { expectedDurationSec: info.durationSec });
    expect(Math.abs(clip.durationSec - expectedSec / 2)).toBeLessThan(0.1);
  });

  it("fails clearly when asked to decode what has no audio", async () => {
    await expectMediaError(decodeAll(file("silent.mp4")), "media_no_audio", "This file has no audio track.");
    await expectMediaError(decodeAll(file("cut.mp4")), "media_corrupt", /^This file is damaged or incomplete: .*moov/);
  });

  it("refuses clips longer than maxSec", async () => {
    await expectMediaError(decodeAll(file("speech.wav"), { maxSec: 2 }), "unprocessable", /up to 2 s/);
  });
});
