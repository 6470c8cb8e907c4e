// The job's life (lib/jobs): which status may follow which and what a job carries on
// entering each, the one progress throttle, and the words stored on a failed job.
import { afterEach, describe, expect, it, vi } from "vitest";
import { SeleniteError } from "@/lib/errors";
import { crashedTooOften, describeFailure, saveFailure } from "@/lib/jobs/failures";
import { ProgressThrottle } from "@/lib/jobs/progress";
import { canRestart, FINISHED_STATUSES, isActive, JOB_STATUSES, toJobStatus, type JobStatus } from "@/lib/jobs/status";
import { canTransition, transitionData } from "@/lib/jobs/transition";
import type { EngineProgress } from "@/lib/transcription/types";

const at = (stage: EngineProgress["stage"], fraction: number): EngineProgress => ({ stage, fraction, etaSec: null, processedSec: 0, durationSec: 10 });

describe("job status", () => {
  it("splits every status into active or finished, and only finished ones restart", () => {
    for (const status of JOB_STATUSES) expect(isActive(status)).toBe(!canRestart(status));
    expect(FINISHED_STATUSES).toEqual(["completed", "failed", "cancelled"]);
    expect(() => toJobStatus("done")).toThrow(/Unknown job status/);
  });
});

describe("transitionData", () => {
  const now = new Date("2026-12-04T03:00:00Z");

  it("allows the moves of a job's life", () => {
    const allowed: [JobStatus, JobStatus][] = [
      ["queued", "processing"],
      ["queued", "cancelled"],
      ["processing", "completed"],
      ["processing", "failed"],
      ["processing", "cancelled"],
      ["processing", "queued"],
      ["completed", "queued"],
      ["failed", "queued"],
      ["cancelled", "queued"],
    ];
    for (const [from, to] of allowed) expect(canTransition(from, to), `${from} → ${to}`).toBe(true);
    const count = JOB_STATUSES.flatMap((from) => JOB_STATUSES.filter((to) => canTransition(from, to))).length;
    expect(count).toBe(allowed.length);
  });

  it("refuses any other move before writing anything", () => {
    expect(() => transitionData({ where: { id: "j" }, from: "completed", to: "failed", error: "x" })).toThrow("A job cannot go from completed to failed.");
    expect(() => transitionData({ where: { id: "j" }, from: "queued", to: "completed" })).toThrow(/from queued to completed/);
    expect(() => transitionData({ where: { id: "j" }, from: ["failed", "queued"], to: "queued" })).toThrow(/from queued to queued/);
    expect(() => transitionData({ where: { id: "j" }, from: [], to: "queued" })).toThrow(/from nowhere/);
  });

  it("writes a compare-and-set on the statuses the job may leave", () => {
    const { where, data } = transitionData({ where: { id: "j", claimedBy: "w1" }, from: "processing", to: "failed", error: "No audio." }, now);
    expect(where).toEqual({ id: "j", claimedBy: "w1", status: { in: ["processing"] } });
    expect(data).toMatchObject({ status: "failed", error: "No audio.", stage: null, etaSec: null, claimedBy: null, heartbeatAt: null, finishedAt: now });
  });

  it("resets a job to queued the same way whether it is restarted or interrupted; only a restart loses its place and its crash count", () => {
    const restart = transitionData({ where: { id: "j" }, from: FINISHED_STATUSES, to: "queued", data: { model: "tiny" } }, now).data;
    const park = transitionData({ where: { id: "j" }, from: "processing", to: "queued" }, now).data;
    const { queuedAt, model, attempts, ...restartRest } = restart;
    expect(queuedAt).toBe(now);
    expect(attempts).toBe(0);
    expect(park).not.toHaveProperty("attempts");
    expect(model).toBe("tiny");
    expect(park).toEqual(restartRest);
    expect(park).toMatchObject({
      status: "queued",
      progress: 0,
      error: null,
      claimedBy: null,
      heartbeatAt: null,
      startedAt: null,
      finishedAt: null,
      cancelRequested: false,
    });
  });

  it("never lets the extra data set the status", () => {
    const { data } = transitionData({ where: { id: "j" }, from: "queued", to: "cancelled", data: { status: "completed" } as never }, now);
    expect(data.status).toBe("cancelled");
  });

  it("gives a claimed job its worker, a heartbeat and a new attempt", () => {
    const { data } = transitionData({ where: { id: "j" }, from: "queued", to: "processing", claimedBy: "w2" }, now);
    expect(data).toMatchObject({ status: "processing", stage: "probing", claimedBy: "w2", heartbeatAt: now, startedAt: now, attempts: { increment: 1 } });
  });
});

describe("ProgressThrottle", () => {
  afterEach(() => vi.useRealTimers());

  it("sends at most four updates a second, stage changes at once, and never drops the last", () => {
    vi.useFakeTimers();
    const sent: EngineProgress[] = [];
    const throttle = new ProgressThrottle((p) => sent.push(p), 250);
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

  it("never drops a quick stage change, even with same-stage progress waiting", () => {
    let now = 0;
    const sent: string[] = [];
    const throttle = new ProgressThrottle(
      (p) => sent.push(`${p.stage} ${p.fraction}`),
      250,
      () => now,
    );
    throttle.push(at("probing", 0));
    now = 1;
    throttle.push(at("probing", 0.5)); // held back
    now = 2;
    throttle.push(at("loading model", 0)); // 2 ms later: still goes out at once
    now = 3;
    throttle.push(at("transcribing", 0));
    now = 4;
    throttle.push(at("transcribing", 0.1)); // held back, then flushed at the end
    throttle.flush();
    throttle.cancel();
    expect(sent).toEqual(["probing 0", "loading model 0", "transcribing 0", "transcribing 0.1"]);
  });
});

describe("failure messages", () => {
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

  it("says what to do when the transcript could not be saved or the worker died", () => {
    expect(saveFailure(Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" })).message).toMatch(/disk is full.*Free some space/);
    expect(saveFailure(new Error("constraint")).message).toMatch(/could not save this transcript/);
    expect(crashedTooOften(3, 137).message).toMatch(/crashed 3 times in a row.*exit code 137.*stopped retrying/);
  });
});
