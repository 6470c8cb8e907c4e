// Progress with a time estimate from the measured speed. (The throttle and the
// failure messages belong to the job's life: tests/unit/jobs-life.test.ts.)
import { describe, expect, it } from "vitest";
import { ProgressTracker } from "@/lib/transcription/progress";
import type { EngineProgress } from "@/lib/transcription/types";

describe("ProgressTracker", () => {
  it("estimates the time left from the speed so far", () => {
    let now = 0;
    const seen: EngineProgress[] = [];
    const tracker = new ProgressTracker(
      (p) => seen.push(p),
      null,
      () => now,
    );
    tracker.enter("probing");
    tracker.setDuration(120);
    tracker.enter("loading model");
    now = 5_000;
    tracker.enter("transcribing");
    expect(seen.at(-1)).toMatchObject({ fraction: 0, etaSec: null });
    now = 11_000; // 30 s of audio in 6 s
    tracker.advance(30);
    expect(seen.at(-1)).toMatchObject({ stage: "transcribing", fraction: 0.25, etaSec: 18, processedSec: 30, durationSec: 120 });
    tracker.advance(125); // the last window may run past a rounded duration
    expect(seen.at(-1)?.fraction).toBe(1);
    tracker.enter("finalizing");
    expect(seen.at(-1)).toMatchObject({ stage: "finalizing", fraction: 1, etaSec: 0 });
  });

  it("reports no fraction or estimate while the length is unknown", () => {
    const tracker = new ProgressTracker(undefined, null, () => 0);
    tracker.enter("transcribing");
    tracker.advance(30);
    expect(tracker.snapshot()).toMatchObject({ fraction: 0, etaSec: null, processedSec: 30, durationSec: null });
  });
});
