// The pure parts of streamed decoding: the sliding PCM buffer, the end-of-decode
// verdict and stderr summaries. No ffmpeg here, so these run in milliseconds.
import { describe, expect, it } from "vitest";
import { judgeDecode } from "@/lib/transcription/media/outcome";
import { summarizeStderr } from "@/lib/transcription/media/messages";
import { SlidingPcmBuffer } from "@/lib/transcription/media/pcm-buffer";

const ramp = (count: number) => Float32Array.from({ length: count }, (_, i) => i + 0.25);
const bytesOf = (floats: Float32Array) => new Uint8Array(floats.buffer.slice(0));

function pushInPieces(buffer: SlidingPcmBuffer, bytes: Uint8Array, sizes: number[]) {
  let offset = 0;
  for (let i = 0; offset < bytes.length; i++) {
    const size = sizes[i % sizes.length];
    buffer.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
}

describe("SlidingPcmBuffer", () => {
  it("reassembles samples split across odd chunk boundaries", () => {
    const buffer = new SlidingPcmBuffer(100);
    pushInPieces(buffer, bytesOf(ramp(50)), [1, 3, 5, 7, 2]);
    expect(buffer.endSample).toBe(50);
    expect(Array.from(buffer.copy(0, 50))).toEqual(Array.from(ramp(50)));
  });

  it("keeps a partial sample across a discard", () => {
    const buffer = new SlidingPcmBuffer(10);
    const bytes = bytesOf(ramp(20));
    buffer.push(bytes.subarray(0, 10 * 4 - 1)); // 9 samples and 3 bytes of the 10th
    buffer.discardBefore(4);
    buffer.push(bytes.subarray(10 * 4 - 1, 14 * 4));
    expect(Array.from(buffer.copy(4, 10))).toEqual(Array.from(ramp(14).subarray(4)));
  });

  it("holds one chunk back when full, and takes it once room is made", () => {
    const buffer = new SlidingPcmBuffer(8);
    buffer.push(bytesOf(ramp(12)));
    expect(buffer.endSample).toBe(8);
    expect(buffer.hasPending).toBe(true);
    expect(buffer.heldBytes).toBe(8 * 4 + 4 * 4);
    buffer.discardBefore(4);
    expect(buffer.hasPending).toBe(false);
    expect(Array.from(buffer.copy(4, 8))).toEqual(Array.from(ramp(12).subarray(4)));
  });

  it("skips samples the reader jumped past before they arrived", () => {
    const buffer = new SlidingPcmBuffer(10);
    buffer.discardBefore(25);
    pushInPieces(buffer, bytesOf(ramp(40)), [6]);
    expect(buffer.startSample).toBe(25);
    expect(Array.from(buffer.copy(25, 10))).toEqual(Array.from(ramp(35).subarray(25)));
    expect(buffer.endSample).toBe(35);
    expect(buffer.receivedSamples).toBe(40); // five wait in the pending chunk
    expect(buffer.hasPending).toBe(true);
  });

  it("refuses to go backwards", () => {
    const buffer = new SlidingPcmBuffer(10);
    buffer.push(bytesOf(ramp(10)));
    buffer.discardBefore(5);
    expect(() => buffer.copy(2, 3)).toThrow(RangeError);
  });
});

describe("judgeDecode", () => {
  const base = { exitSignal: null, stderr: "", input: "file:/srv/a.mp3", sampleRate: 16_000 };

  it("accepts a clean, complete decode", () => {
    expect(judgeDecode({ ...base, exitCode: 0, decodedSamples: 160_000, expectedDurationSec: 10 })).toEqual({
      error: null,
      warnings: [],
    });
  });

  it("keeps a file that ends early and says so", () => {
    const verdict = judgeDecode({ ...base, exitCode: 0, decodedSamples: 80_000, expectedDurationSec: 600 });
    expect(verdict.error).toBeNull();
    expect(verdict.warnings).toEqual([{ code: "truncated", message: "This file is damaged or incomplete: only 0:05 of 10:00 could be decoded." }]);
  });

  it("fails a decoder that gave up early, keeps one that gave up near the end", () => {
    const stderr = "[aac @ 0x5581] Error reading packet\nfile:/srv/a.mp3: I/O error\n";
    const early = judgeDecode({ ...base, stderr, exitCode: 1, decodedSamples: 16_000 * 60, expectedDurationSec: 600 });
    expect(early.error?.code).toBe("media_corrupt");
    expect(early.error?.message).toBe("This file is damaged or incomplete: decoding failed at 1:00 of 10:00 (Error reading packet; I/O error).");
    const late = judgeDecode({ ...base, stderr, exitCode: 1, decodedSamples: 16_000 * 590, expectedDurationSec: 600 });
    expect(late.error).toBeNull();
    expect(late.warnings[0].code).toBe("decoder_stopped");
  });

  it("ignores absurd expected durations", () => {
    for (const expectedDurationSec of [Number.NaN, -5, 1e12, null]) {
      const verdict = judgeDecode({ ...base, exitCode: 0, decodedSamples: 16_000, expectedDurationSec });
      expect(verdict).toEqual({ error: null, warnings: [] });
    }
  });

  it("treats a decoder killed by someone else as an internal failure", () => {
    const verdict = judgeDecode({ ...base, exitCode: null, exitSignal: "SIGKILL", decodedSamples: 5, expectedDurationSec: 9 });
    expect(verdict.error?.code).toBe("internal");
  });

  it("fails when nothing decoded", () => {
    const stderr = "Stream map '0:a:0' matches no streams.\nTo ignore this, add a trailing '?' to the map.\n";
    expect(judgeDecode({ ...base, stderr, exitCode: 1, decodedSamples: 0, expectedDurationSec: 3 }).error?.code).toBe("media_no_audio");
    expect(judgeDecode({ ...base, exitCode: 0, decodedSamples: 0, expectedDurationSec: 3 }).error?.message).toBe(
      "This file is damaged or incomplete: no audio could be decoded from it.",
    );
  });
});

describe("summarizeStderr", () => {
  it("strips addresses, paths and repeats, and keeps it short", () => {
    const stderr = [
      "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55e7f88151c0] moov atom not found",
      "file:/srv/storage/uploads/abc.mp4: Invalid data found when processing input",
      "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55e7f88151c0] moov atom not found",
    ].join("\n");
    const summary = summarizeStderr(stderr, "file:/srv/storage/uploads/abc.mp4");
    expect(summary).toBe("moov atom not found; Invalid data found when processing input");
    expect(summarizeStderr("x".repeat(500)).length).toBe(160);
  });
});
