import { describe, expect, it } from "vitest";
import {
  binarizeRuns,
  centralFrames,
  embeddingFrames,
  frameRuns,
  powersetClasses,
  powersetShape,
  powersetToMultilabel,
  reconstructTurns,
  type ClusteredWindow,
} from "@/lib/speakers/reconstruct";

/** Activity [frames × speakers] from one string per speaker ("1" = speaking). */
function activity(...rows: string[]): Uint8Array {
  const frames = rows[0].length;
  const out = new Uint8Array(frames * rows.length);
  rows.forEach((row, s) => [...row].forEach((c, f) => (out[f * rows.length + s] = c === "1" ? 1 : 0)));
  return out;
}

describe("powerset mapping", () => {
  it("lists pyannote's 7 classes for 3 speakers, 2 at once, in its order", () => {
    expect(powersetClasses(3, 2)).toEqual([[], [0], [1], [2], [0, 1], [0, 2], [1, 2]]);
    expect(powersetShape(7)).toEqual({ speakers: 3, maxSimultaneous: 2 });
    // 4 classes fit 2 speakers (both at once) and 3 (one at a time): the fewer speakers win.
    expect(powersetShape(4)).toEqual({ speakers: 2, maxSimultaneous: 2 });
    expect(powersetShape(1)).toBeNull();
    expect(powersetShape(11)).toEqual({ speakers: 4, maxSimultaneous: 2 });
  });

  it("switches on the speakers of each frame's best class", () => {
    const classes = powersetClasses(3, 2);
    // frame 0: silence, 1: speaker 1 alone, 2: speakers 0 and 2, 3: speaker 2 alone
    const scores = [
      [0, -5, -5, -5, -5, -5, -5],
      [-5, -5, -1, -5, -5, -5, -5],
      [-5, -3, -5, -3, -5, -0.5, -5],
      [-9, -9, -9, 2, -9, -9, -9],
    ].flat();
    expect(Array.from(powersetToMultilabel(scores, 4, classes, 3))).toEqual([0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1]);
  });
});

describe("embedding frames", () => {
  const act = activity("1111100000", "0001111000", "0000000000");

  it("uses a speaker's clean frames when there are enough of them", () => {
    expect(embeddingFrames(act, 10, 3, 0, 2)).toEqual([0, 1, 2]);
    expect(embeddingFrames(act, 10, 3, 1, 2)).toEqual([5, 6]);
  });

  it("falls back to every active frame when too few are clean", () => {
    expect(embeddingFrames(act, 10, 3, 1, 3)).toEqual([3, 4, 5, 6]);
    expect(embeddingFrames(act, 10, 3, 2, 1)).toEqual([]);
  });

  it("keeps the frames nearest the centre, in time order", () => {
    expect(centralFrames([0, 1, 2, 7, 8, 9], 5, 3)).toEqual([2, 7, 8]);
    expect(centralFrames([1, 2], 5, 3)).toEqual([1, 2]);
  });

  it("turns consecutive frames into sample ranges, capped in total", () => {
    // step 10, offset 30: a frame's own stretch starts 10 samples in.
    expect(frameRuns([0, 1, 2, 5, 6], 10, 30, 1000)).toEqual([
      [10, 40],
      [60, 80],
    ]);
    expect(frameRuns([0, 1, 2, 5, 6], 10, 30, 35)).toEqual([
      [10, 40],
      [60, 65],
    ]);
  });
});

describe("reconstruction", () => {
  const base = { frameSec: 0.1, frameLeadSec: 0, minDurationOn: 0, minDurationOff: 0, durationSec: 100 };

  it("rebuilds turns from two overlapping windows whose local speakers are swapped", () => {
    // Window 0 covers frames 0-9, window 1 frames 5-14; local speaker numbers differ
    // between windows, the clusters tie them together.
    const windows: ClusteredWindow[] = [
      { firstFrame: 0, frames: 10, activity: activity("1111100000", "0000001111", "0000000000"), clusters: [0, 1, -1] },
      { firstFrame: 5, frames: 10, activity: activity("0111111111", "0000000000", "0000000000"), clusters: [1, -1, -1] },
    ];
    const turns = reconstructTurns(windows, { ...base, totalFrames: 15, speakers: 3, clusterCount: 2 });
    expect(turns).toEqual([
      { start: 0, end: 0.5, speaker: 0 },
      { start: expect.closeTo(0.6, 6), end: expect.closeTo(1.5, 6), speaker: 1 },
    ]);
  });

  it("keeps as many speakers per frame as the windows found, the most active first", () => {
    // Frames 0-3: both windows say 1 speaker; the clusters disagree, one wins each frame.
    const windows: ClusteredWindow[] = [
      { firstFrame: 0, frames: 4, activity: activity("1111", "0000"), clusters: [0, -1] },
      { firstFrame: 0, frames: 4, activity: activity("1111", "0000"), clusters: [0, -1] },
      { firstFrame: 0, frames: 4, activity: activity("0000", "1111"), clusters: [-1, 1] },
    ];
    const turns = reconstructTurns(windows, { ...base, totalFrames: 4, speakers: 2, clusterCount: 2 });
    expect(turns).toEqual([{ start: 0, end: expect.closeTo(0.4, 6), speaker: 0 }]);
  });

  it("fills short gaps, drops short turns, clamps to the file and numbers speakers by first appearance", () => {
    const runs: [number, number][] = [
      [0, 10],
      [11, 20],
      [40, 41],
      [60, 80],
    ];
    expect(binarizeRuns(runs, { frameSec: 0.1, frameLeadSec: 0.05, minDurationOn: 0.3, minDurationOff: 0.15, durationSec: 7.5 })).toEqual([
      [0.05, expect.closeTo(2.05, 6)],
      [expect.closeTo(6.05, 6), 7.5],
    ]);

    const windows: ClusteredWindow[] = [{ firstFrame: 0, frames: 20, activity: activity("00000000001111111111", "11111111110000000000"), clusters: [0, 1] }];
    const turns = reconstructTurns(windows, { ...base, totalFrames: 20, speakers: 2, clusterCount: 2 });
    expect(turns.map((t) => t.speaker)).toEqual([0, 1]);
    expect(turns[0].start).toBe(0);
    for (let i = 1; i < turns.length; i++) expect(turns[i].start).toBeGreaterThanOrEqual(turns[i - 1].start);
  });

  it("gives nothing for a file with no speech", () => {
    const windows: ClusteredWindow[] = [{ firstFrame: 0, frames: 5, activity: activity("00000", "00000"), clusters: [-1, -1] }];
    expect(reconstructTurns(windows, { ...base, totalFrames: 5, speakers: 2, clusterCount: 0 })).toEqual([]);
    expect(reconstructTurns(windows, { ...base, totalFrames: 5, speakers: 2, clusterCount: 2 })).toEqual([]);
  });
});
