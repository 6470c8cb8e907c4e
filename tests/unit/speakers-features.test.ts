import { describe, expect, it } from "vitest";
import { MFCC_DIMS, MfccCells, RealFft } from "@/lib/speakers/features";

describe("rough-mode features", () => {
  it("computes the power spectrum a plain DFT computes", () => {
    const frame = Float32Array.from({ length: 512 }, (_, n) => Math.sin(n * 0.37) + 0.5 * Math.cos(n * 1.9) + ((n * 7919) % 13) / 13 - 0.5);
    const power = new Float64Array(257);
    new RealFft().power(frame, power);
    for (const k of [0, 1, 30, 128, 255, 256]) {
      let re = 0;
      let im = 0;
      for (let n = 0; n < 512; n++) {
        re += frame[n] * Math.cos((2 * Math.PI * k * n) / 512);
        im -= frame[n] * Math.sin((2 * Math.PI * k * n) / 512);
      }
      expect(power[k]).toBeCloseTo(re * re + im * im, 6);
    }
  });

  it("gives the same statistics whatever size the chunks arrive in", () => {
    const samples = Float32Array.from({ length: 16_000 * 3 }, (_, n) => Math.sin(n * 0.05 + Math.sin(n * 0.0003) * 20) * 0.3);
    const whole = new MfccCells();
    whole.push(samples);
    const pieces = new MfccCells();
    for (let at = 0; at < samples.length; at += 333) pieces.push(samples.subarray(at, at + 333));
    const a = whole.stats(0.5, 2.5)!;
    const b = pieces.stats(0.5, 2.5)!;
    expect(a).toHaveLength(2 * MFCC_DIMS);
    a.forEach((value, i) => expect(b[i]).toBeCloseTo(value, 9));
    expect(whole.stats(10, 11)).toBeNull();
  });

  it("tells two different sounds apart and finds one sound like itself", () => {
    const tone = (f: number, seconds: number) => Float32Array.from({ length: 16_000 * seconds }, (_, n) => Math.sin((2 * Math.PI * f * n) / 16_000) * 0.3);
    const cells = new MfccCells();
    cells.push(tone(220, 2));
    cells.push(tone(1800, 2));
    cells.push(tone(220, 2));
    const distance = (x: Float64Array, y: Float64Array) => Math.hypot(...x.map((v, i) => v - y[i]));
    const [first, other, again] = [cells.stats(0.2, 1.8)!, cells.stats(2.2, 3.8)!, cells.stats(4.2, 5.8)!];
    expect(distance(first, again)).toBeLessThan(distance(first, other) / 10);
  });
});
