// Progress with a time estimate from the measured speed, the worker's progress
// throttle, and the failure messages a person sees.
import { afterEach, describe, expect, it, vi } from "vitest";
import { SeleniteError } from "@/lib/errors";
import { describeFailure } from "@/lib/transcription/failure";
import { ProgressThrottle, ProgressTracker } from "@/lib/transcription/progress";
import type { EngineProgress } from "@/lib/transcription/types";

describe("ProgressTracker", () => {
  it("estimates the time left from the speed so far", () => {
    let now = 0;
    const seen: EngineProgress[] = [];
    const tracker = new ProgressTracker((p) => seen.push(p), null, () => now);
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

describe("ProgressThrottle", () => {
  afterEach(() => vi.useRealTimers());

  it("sends at most four updates a second, stage changes at once, and never drops the last", () => {
    vi.useFakeTimers();
    const sent: EngineProgress[] = [];
    const throttle = new ProgressThrottle((p) => sent.push(p), 250);
    const at = (stage: EngineProgress["stage"], fraction: number): EngineProgress => ({ stage, fraction, etaSec: null, processedSec: 0, durationSec: 10 });
    throttle.push(at("transcribing", 0));
    for (let i = 1; i <= 20; i++) {
      vi.advanceTimersByTime(50); // 20 updates per second for one second
      throttle.push(at("transcribing", i / 20));
    }
    expect(sent.length).toBeLessThanOrEqual(5);
    throttle.push(at("finalizing", 1));
    expect(sent.at(-1)?.stage).toBe("finalizing");
    throttle.push(at("finalizing", 1));
    throttle.flush();
    expect(sent.filter((p) => p.stage === "finalizing")).toHaveLength(2);
  });
});

describe("describeFailure", () => {
  it("passes messages written for people through unchanged", () => {
    expect(describeFailure(new SeleniteError("media_no_audio", "This file has no audio track."))).toEqual({
      code: "media_no_audio",
      message: "This file has no audio track.",
    });
  });

  it("shortens anything else to one line", () => {
    const error = new Error(`Non-zero status code returned while running MatMul node.\n  at /srv/x.cc:12\n${"x".repeat(400)}`);
    const { code, message } = describeFailure(error);
    expect(code).toBe("internal");
    expect(message).toBe("Transcription failed: Non-zero status code returned while running MatMul node.");
    expect(describeFailure("y".repeat(500)).message.length).toBeLessThan(200);
  });
});
