// The peaks reducer and file layout (lib/peaks), and the player's step helpers: chunks
// that split a sample, the last short slice, negative full scale, and a file that is
// not a peaks file.
import { describe, expect, it } from "vitest";
import { stepSpeed } from "@/components/player/use-player-shortcuts";
import { segmentStep } from "@/components/transcript/use-segment-shortcuts";
import { decodePeaks, encodePeaks, PEAKS_HEADER_BYTES } from "@/lib/peaks/format";
import { PeakReducer } from "@/lib/peaks/reduce";

function pcm(samples: number[]): Uint8Array {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  samples.forEach((s, i) => view.setInt16(i * 2, s, true));
  return bytes;
}

describe("PeakReducer", () => {
  it("keeps the loudest sample of each slice, whatever the chunk boundaries", () => {
    const samples = [0, 100, -16384, 5, 32767, -32768, 1, 2, 3];
    const whole = new PeakReducer(3);
    whole.push(pcm(samples));
    const split = new PeakReducer(3);
    const bytes = pcm(samples);
    // Odd sizes: every other chunk ends half-way through a sample.
    for (let at = 0; at < bytes.length; at += 3) split.push(bytes.subarray(at, at + 3));
    expect(Array.from(whole.finish())).toEqual([128, 255, 0]);
    expect(Array.from(split.finish())).toEqual([128, 255, 0]);
    expect(split.samples).toBe(samples.length);
  });

  it("ends with a short slice rather than dropping it", () => {
    const reducer = new PeakReducer(4);
    reducer.push(pcm([0, 0, 0, 0, 16384]));
    expect(Array.from(reducer.finish())).toEqual([0, 128]);
  });
});

describe("peaks file", () => {
  it("round-trips its header and values, and refuses anything else", () => {
    const bytes = encodePeaks({ peaksPerSecond: 20, durationSec: 7200.5, values: Uint8Array.from([1, 2, 255]) });
    expect(bytes.length).toBe(PEAKS_HEADER_BYTES + 3);
    const parsed = decodePeaks(bytes);
    expect(parsed).toMatchObject({ peaksPerSecond: 20, durationSec: 7200.5 });
    expect(Array.from(parsed!.values)).toEqual([1, 2, 255]);
    expect(decodePeaks(new Uint8Array(8))).toBeNull();
    expect(decodePeaks(new TextEncoder().encode("RIFF....WAVEfmt xxxxxxxx"))).toBeNull();
  });
});

describe("player steps", () => {
  it("steps the speed through the list and stays at its ends", () => {
    expect(stepSpeed(1, 1)).toBe(1.25);
    expect(stepSpeed(1, -1)).toBe(0.75);
    expect(stepSpeed(2, 1)).toBe(2);
    expect(stepSpeed(0.5, -1)).toBe(0.5);
    // A rate set elsewhere goes to the nearest listed one that way.
    expect(stepSpeed(1.1, 1)).toBe(1.25);
  });

  it("finds the next segment after the time, and the previous one (the one before within its first second)", () => {
    const segments = [{ start: 0 }, { start: 5 }, { start: 10 }];
    expect(segmentStep(segments, 0, 1)).toBe(1);
    expect(segmentStep(segments, 7, 1)).toBe(2);
    expect(segmentStep(segments, 10, 1)).toBe(-1);
    expect(segmentStep(segments, 7, -1)).toBe(1);
    expect(segmentStep(segments, 5.5, -1)).toBe(0);
    expect(segmentStep(segments, 0.2, -1)).toBe(0);
    expect(segmentStep([], 3, -1)).toBe(-1);
  });
});
